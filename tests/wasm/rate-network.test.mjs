// The WebAssembly build of the rate network against the native build of the same core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLab, runNative, using, assertBitIdentical } from './helpers.mjs';

const lab = await loadLab();


const readout = Array.from({ length: 20 }, (_, i) => Math.sin(i + 1) / 5);

const scenarios = [
  { params: { n: 20, g: 1.5, seed: 2 }, actions: [['run', 2000]] },
  { params: { n: 20, g: 1.2, feedback: 1, inputs: 2 },
    actions: [['readout', readout], ['input', [0.3, -0.7]], ['run', 800], ['perturb', 0.05, 4], ['run', 800]] },
  { params: { n: 150, g: 1.8, connection_probability: 0.1, seed: 9 }, actions: [['run', 500], ['reset'], ['run', 300]] },
];

for (const { params, actions } of scenarios) {
  test(`rate network: wasm and native are bit-identical for ${JSON.stringify(params)}`, async () => {
    const native = runNative(['rate', ...Object.entries(params).map(([k, v]) => `${k}=${v}`),
      ...actions.map(([name, ...args]) => [name, ...args.map((a) => (Array.isArray(a) ? a.join(',') : a))].join(':'))]).json;
    await using(new lab.RateNetwork(params), (net) => {
      const trace = [];
      for (const [name, ...args] of actions) {
        if (name === 'run') {
          net.run(args[0]);
          trace.push(...net.traceView());
        } else if (name === 'input') net.setInput(args[0]);
        else if (name === 'readout') net.setReadout(new Float64Array(args[0]));
        else net[name](...args);
      }
      assertBitIdentical(Array.from(net.stateView()), native.state, 'state');
      assertBitIdentical(trace, native.trace, 'trace');
      assert.deepEqual(net.measures(), native.measures);
    });
  });
}

test('rate network: bad input rejects with the native message and changes nothing', async () => {
  for (const params of [{ n: 1 }, { dt: 0.008 }, { feedback: 2 }, { g: -1 }]) {
    const { error } = runNative(['rate', ...Object.entries(params).map(([k, v]) => `${k}=${v}`)]);
    assert.throws(() => new lab.RateNetwork(params), { message: error });
  }
  await using(new lab.RateNetwork({ n: 4, inputs: 2 }), (net) => {
    assert.throws(() => net.setInput([1]), { message: 'rate network set_input: 1 values given; the network has 2 input channels' });
    assert.throws(() => net.setInput([1, 'a']), { message: /element 1 is not a number/ });
    assert.throws(() => net.setReadout([0, 0, 0, NaN]), { message: /readout_weight = nan/ });
    assert.throws(() => net.setReadout(5), { message: /expected an array of numbers/ });
    assert.deepEqual(Array.from(net.readoutWeightsView()), [0, 0, 0, 0]);
  });
});
