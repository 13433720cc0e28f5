// The helper worker of the RNN trainer: answers {id, ...forwardPass arguments} with
// {id, outputs, states}, so that the forward pass (N^2 T work) never runs on the main thread.
import { forwardPass } from './forward-pass.js';

self.onmessage = ({ data }) => {
  const { outputs, states } = forwardPass(data);
  self.postMessage({ id: data.id, outputs, states }, [outputs.buffer, states.buffer]);
};
