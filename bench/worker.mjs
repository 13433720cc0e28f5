// The BPTT case of `make bench` in a browser Worker, where the site runs the module.
import createAttractorLab from '../build/wasm/wasm/attractor_lab.mjs';
import { bpttMs } from './measure.mjs';

self.onmessage = async ({ data: { sizes, repetitions } }) => {
  try {
    const lab = await createAttractorLab();
    self.postMessage({ bptt_ms: bpttMs(lab, sizes, repetitions), userAgent: navigator.userAgent });
  } catch (error) {
    self.postMessage({ error: String(error?.stack ?? error) });
  }
};
