// The WebAssembly build of the ring attractor against the native build of the same core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLab, runNative, using, assertBitIdentical, playBoth, scenarioArgs } from './helpers.mjs';

const lab = await loadLab();

const methods = { perturb: 'perturb', cue: 'cue', velocity: 'setVelocity', run: 'run' };

// The same scenario in wasm and natively: both results.
const bothBuilds = (params, actions) => playBoth('ring', new lab.RingAttractor(params), params, actions, methods);

const scenarios = [
  { params: { n: 8 }, actions: [['cue', 10], ['velocity', 120], ['run', 1500]] },
  { params: { n: 64, seed: 7 }, actions: [['perturb', 0.05, 5], ['cue', 40], ['velocity', 90], ['run', 2000], ['velocity', -45], ['run', 1000]] },
  { params: { n: 257, noise: 0.2, seed: 3 }, actions: [['perturb', 0.1, 2], ['run', 1500], ['perturb', 0.3, 4], ['run', 500]] },
  { params: { n: 1024, tau: 0.02, dt: 0.0005 }, actions: [['perturb', 0.02, 9], ['cue', -100], ['velocity', 180], ['run', 300]] },
  { params: { n: 33, j0: -20, j1: 20, drive: 3 }, actions: [['cue', 359], ['velocity', -1000], ['run', 800]] },
];

for (const { params, actions } of scenarios) {
  test(`wasm and native give bit-identical trajectories: ${JSON.stringify(params)}`, () => {
    const { native, wasm } = bothBuilds(params, actions);
    assertBitIdentical(wasm.trace, native.trace, 'trace');
    assertBitIdentical(wasm.state, native.state, 'state');
    // No measure uses a build-dependent decomposition: all are bit-identical.
    assert.deepEqual(Object.keys(wasm.measures), Object.keys(native.measures));
    for (const [name, value] of Object.entries(native.measures)) {
      assert.ok(Object.is(wasm.measures[name], value), `${name}: wasm ${wasm.measures[name]} != native ${value}`);
    }
    assert.deepEqual(wasm.params, native.params);
  });
}

test('the drift profile and the fixed-point search are bit-identical to native', async () => {
  for (const [n, seed] of [[16, 1], [48, 3]]) {
    const native = runNative(['ring', `n=${n}`, `perturb:0.3:${seed}`, 'profile:72', 'fixedpoints:12:1500:2']).json;
    await using(new lab.RingAttractor({ n }), async (ring) => {
      ring.perturb(0.3, seed);
      assertBitIdentical(Array.from(ring.driftProfile(72)), native.profile, 'profile');
      await using(new lab.RingFixedPointSearch(ring, 12), (search) => {
        search.advance(1000);
        search.advance(500);  // chunks add up to one long advance
        assert.ok(Object.is(search.time(), native.fixed_points.time_s));
        assertBitIdentical(Array.from(search.anglesView()), native.fixed_points.angles_deg, 'angles');
        const clusters = search.clusters(2);
        assert.equal(clusters.length, native.fixed_points.clusters.length);
        clusters.forEach((c, i) => {
          assert.ok(Object.is(c.angleDeg, native.fixed_points.clusters[i].angle_deg));
          assert.equal(c.members, native.fixed_points.clusters[i].members);
        });
      });
    });
  }
});

test('a perturbed ring collapses many stored angles onto its few stable fixed points', async () => {
  await using(new lab.RingAttractor({ n: 32 }), async (ring) => {
    await using(new lab.RingFixedPointSearch(ring, 24), (search) => {
      search.advance(300);
      assert.equal(search.clusters(1).length, 24, 'tuned: every start is a fixed point');
    });
    ring.perturb(0.3, 1);
    ring.driftProfile(360);
    const predicted = ring.profileFixedPoints();
    const stable = predicted.filter((p) => p.stable).map((p) => p.angleDeg);
    assert.ok(stable.length >= 1 && stable.length * 2 === predicted.length);
    await using(new lab.RingFixedPointSearch(ring, 24), (search) => {
      assert.equal(search.maxSpeed(), null, 'no speed before the first advance');
      search.advance(500);
      for (let chunk = 0; chunk < 30 && search.maxSpeed() >= 0.05; chunk++) search.advance(500);
      assert.ok(search.maxSpeed() < 0.05);
      const clusters = search.clusters(2);
      assert.ok(clusters.length <= stable.length, `${clusters.length} clusters, ${stable.length} stable`);
      for (const c of clusters) {
        const nearest = Math.min(...stable.map((s) => { const d = Math.abs(s - c.angleDeg) % 360; return Math.min(d, 360 - d); }));
        assert.ok(nearest < 5, `cluster at ${c.angleDeg} is ${nearest} deg from a predicted stable point`);
      }
    });
  });
});

test('runVelocities takes arrays and typed arrays and equals setting each velocity', async () => {
  const velocities = Array.from({ length: 400 }, (_, i) => 300 * Math.sin(i / 40));
  await using(new lab.RingAttractor({ n: 40 }), async (a) => {
    await using(new lab.RingAttractor({ n: 40 }), (b) => {
      a.runVelocities(new Float64Array(velocities));
      const trace = [];
      for (const v of velocities) {
        b.setVelocity(v);
        b.run(1);
        trace.push(b.traceView()[0]);
      }
      assertBitIdentical(Array.from(a.traceView()), trace, 'trace');
      a.reset();
      a.runVelocities(velocities);
      assertBitIdentical(Array.from(a.traceView()), trace, 'trace from a plain array');
      // Euler's speed error, about tau dt v^2 / 2 relative (v in rad/s): < 0.05 deg here.
      assert.ok(Math.abs(a.measures().tracking_error_deg) < 0.05);
    });
  });
});

test('bad configurations reject with the same message as the native core', async () => {
  const cases = [
    { n: 3 }, { n: 1025 }, { n: 2.5 }, { dt: 0 }, { dt: 0.002 }, { tau: -1 }, { j1: 2 }, { drive: -10 },
    { j0: 0, j1: 0 }, { noise: 3 }, { neurons: 10 },
  ];
  for (const params of cases) {
    const native = runNative(['ring', ...scenarioArgs(params)]);
    assert.ok(native.error, `native accepted ${JSON.stringify(params)}`);
    assert.throws(() => new lab.RingAttractor(params), (error) => {
      assert.ok(error instanceof Error);
      assert.equal(error.message, native.error);
      return true;
    });
  }
  for (const action of ['velocity:2500', 'velocity:nan', 'cue:400', 'perturb:-1:1', 'profile:2']) {
    const native = runNative(['ring', 'n=16', action]);
    assert.ok(native.error, `native accepted ${action}`);
    const [name, ...args] = action.split(':');
    await using(new lab.RingAttractor({ n: 16 }), (model) => {
      const call = name === 'profile' ? () => model.driftProfile(...args.map(Number))
        : () => model[methods[name]](...args.map(Number));
      assert.throws(call, { message: native.error });
    });
  }
});

test('bad calls reject with a clear message and change nothing', async () => {
  await using(new lab.RingAttractor({ n: 16 }), (model) => {
    model.setVelocity(30);
    model.run(100);
    const before = model.measures();
    const state = Array.from(model.stateView());
    assert.throws(() => model.perturb(0.1, 1.5), { message: /perturbation_seed = 1.5 is not allowed/ });
    assert.throws(() => model.run(2.5), { message: /steps = 2.5 is not allowed; steps must be an integer/ });
    assert.throws(() => model.cue(NaN), { message: /angle = nan/ });
    assert.throws(() => model.setVelocity(Infinity), { message: /velocity = inf/ });
    assert.throws(() => model.runVelocities([1, 2, 'x']), { message: /velocity = nan/ });
    assert.throws(() => model.runVelocities(5), { message: /velocities must be an array of numbers/ });
    assert.throws(() => new lab.RingFixedPointSearch(model, 1), { message: /bumps = 1 is not allowed/ });
    assert.deepEqual(model.measures(), before);
    assert.deepEqual(Array.from(model.stateView()), state);
  });
  assert.throws(() => new lab.RingAttractor({ n: '64' }), { message: 'ring attractor: n must be a number, but a string was given' });
  await using(new lab.RingAttractor({}), (model) => assert.equal(model.size(), 128));
});

test('state, rates and trace are zero-copy views of the module memory', async () => {
  await using(new lab.RingAttractor({ n: 12 }), (model) => {
    model.setVelocity(100);
    model.run(10);
    const state = model.stateView();
    const rates = model.ratesView();
    const trace = model.traceView();
    for (const view of [state, rates, trace]) {
      assert.ok(view instanceof Float64Array);
      assert.equal(view.buffer, lab.HEAPF64.buffer);
    }
    assert.equal(state.length, 12);
    assert.equal(trace.length, 10);
    const before = Array.from(state);
    model.run(10);
    assert.notDeepEqual(Array.from(state), before, 'the view follows the state without a new call');
    state.forEach((x, i) => assert.ok(Math.abs(rates[i] - 0.5 * (1 + Math.tanh(x))) < 1e-15));
  });
});

test('parameter specs are the same natively and in wasm; the ring is a BoundModel', async () => {
  assert.deepEqual(lab.RingAttractor.paramSpecs(), runNative(['specs', 'ring']).json);
  assert.deepEqual(Object.keys(lab.RingAttractor.argumentSpecs()).sort(),
    ['angle', 'angles', 'epsilon', 'perturbation_seed', 'steps', 'velocity']);
  assert.deepEqual(Object.keys(lab.RingFixedPointSearch.argumentSpecs()).sort(), ['bumps', 'steps', 'tolerance']);
  await using(new lab.RingAttractor({ n: 8 }), (model) => assert.ok(model instanceof lab.BoundModel));
});
