// The head-direction duel's model without a browser: which runs count as measurements of the
// oscillators' locking, and the narrowest gap between a locked and a drifting one (the worker
// replaced by a stand-in whose phase difference locks exactly when |Δω| < 0.1 rad/s).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HdDuelModel, LOCKED_DRIFT_RAD_PER_S, SCAN_DELTA_OMEGAS, SCAN_EPSILONS, scanSeconds } from '../../web/src/widgets/hd-duel/model.js';
import { hdDuelSchema } from '../../web/src/widgets/hd-duel/schema.js';
import { defaults } from '../../web/src/state/registry.js';

const HALF_WIDTH = 0.1;

// `tongue`: the half-width of the locking band as a function of ε (the duel's runs use a fixed
// one); `created` counts the oscillator pairs made.
function fakeClient({ tongue = () => HALF_WIDTH, created = [] } = {}) {
  return {
    async create(kind, params) {
      const deltaOmega = params.delta_omega ?? 0;
      let epsilon = 0;
      let time = 0;
      if (kind !== 'ring') created.push(deltaOmega);
      const lockedNow = () => Math.abs(deltaOmega) < tongue(epsilon);
      let drift = lockedNow() ? 0 : deltaOmega;
      const measures = () => (kind === 'ring'
        ? { bump_angle_deg: 0 }
        : { decoded_heading: 0, mean_drift_rad_per_s: time ? drift : NaN, recent_drift_rad_per_s: time >= 9.9 ? drift : NaN,
          phase_slips: Math.trunc((drift * time) / (2 * Math.PI)) });
      const object = {
        params: { dt: 0.001 },
        measures: measures(),
        async perturb(value) {
          epsilon = value;
          drift = lockedNow() ? 0 : deltaOmega;
        },
        async invoke(method, args) {
          const steps = method === 'drive' ? args[0] : args[0].length;
          time += steps * 0.001;
          object.measures = measures();
          return { views: { traceView: new Float64Array(2 * steps) } };
        },
        async dispose() {},
      };
      return object;
    },
  };
}

async function runMinutes(model, minutes) {
  await model.runUntil((model.measures.time_s ?? 0) + 60 * minutes);
}

test('runs at rest without noise bracket the tongue\'s edge, per perturbation', async () => {
  const model = new HdDuelModel(fakeClient(), hdDuelSchema, { ...defaults(hdDuelSchema), n: 16, profile: 'rest', epsilon: 0.2 });
  await model.start();
  assert.equal(model.measures.tongue_gap_rad_per_s, null);
  assert.equal(model.measures.oscillator_locked, null, 'no verdict before 10 s');

  await model.setParam('delta_omega', 0.05);
  await runMinutes(model, 1);
  assert.equal(model.measures.oscillator_locked, true);
  assert.equal(model.measures.locked_runs, 1);
  assert.equal(model.measures.tongue_gap_rad_per_s, null, 'one locked run, no drifting one yet');

  await model.setParam('delta_omega', 0.3);
  await runMinutes(model, 1);
  assert.equal(model.measures.oscillator_locked, false);
  assert.ok(Math.abs(model.measures.tongue_gap_rad_per_s - 0.25) < 1e-12);
  await model.setParam('delta_omega', -0.12);
  await runMinutes(model, 1);
  // The narrowest pair: locked at 0.05, drifting at −0.12.
  assert.ok(Math.abs(model.measures.tongue_gap_rad_per_s - 0.17) < 1e-12);
  // A second minute of the same run updates its verdict; it does not add a run.
  await runMinutes(model, 1);
  assert.equal(model.measures.locked_runs + model.measures.drifting_runs, 3);
  assert.deepEqual(model.tongueRuns.map((run) => [run.deltaOmega, run.locked, run.minutes]), [[0.05, true, 1], [0.3, false, 1], [-0.12, false, 2]]);

  // Another perturbation has its own list; the first one's comes back with it.
  await model.setParam('epsilon', 0.1);
  assert.equal(model.measures.tongue_gap_rad_per_s, null);
  assert.equal(model.measures.locked_runs + model.measures.drifting_runs, 0);
  await model.setParam('epsilon', 0.2);
  assert.ok(Math.abs(model.measures.tongue_gap_rad_per_s - 0.17) < 1e-12);
});

test('turning, noisy and re-perturbed runs are not measurements of locking', async () => {
  const model = new HdDuelModel(fakeClient(), hdDuelSchema, { ...defaults(hdDuelSchema), n: 16, profile: 'turning', epsilon: 0.2, delta_omega: 0.3 });
  await model.start();
  await runMinutes(model, 1);
  assert.equal(model.measures.drifting_runs, 0, 'the head turned');

  await model.setParam('profile', 'rest');
  await model.setParam('noise', 0.1);
  await runMinutes(model, 1);
  assert.equal(model.measures.drifting_runs, 0, 'state noise');

  await model.setParam('noise', 0);
  await model.runUntil(30);
  // The perturbation changes midway (live, the run goes on): the run measures neither.
  await model.setParam('epsilon', 0.3);
  await model.runUntil(60);
  assert.equal(model.measures.time_s, 60);
  assert.equal(model.measures.drifting_runs, 0);
  // Reset starts a clean run at the new perturbation, which counts.
  await model.reset();
  await runMinutes(model, 1);
  assert.equal(model.measures.drifting_runs, 1);
  assert.ok(Math.abs(model.measures.oscillator_recent_drift_rad_per_s) >= LOCKED_DRIFT_RAD_PER_S);
});

test('the tongue map measures every cell once, can be stopped and resumed, and starts anew for another seed', async () => {
  const created = [];
  const tongue = (epsilon) => epsilon / 2;
  const model = new HdDuelModel(fakeClient({ tongue, created }), hdDuelSchema, { ...defaults(hdDuelSchema), n: 16 });
  await model.start();
  const cells = SCAN_EPSILONS.length * SCAN_DELTA_OMEGAS.length;
  assert.equal(model.measures.map_cells_measured, 0);

  const stop = new AbortController();
  let reported = 0;
  const finished = await model.scanTongue({ signal: stop.signal, onProgress: (fraction) => { reported = fraction; if (fraction >= 0.25) stop.abort(); } });
  assert.equal(finished, false);
  const measuredAtStop = model.measures.map_cells_measured;
  assert.ok(measuredAtStop > 0 && measuredAtStop < cells, `${measuredAtStop} cells when stopped`);
  assert.equal(reported, measuredAtStop / cells);

  const pairsBefore = created.length;
  assert.equal(await model.scanTongue(), true);
  assert.equal(model.measures.map_cells_measured, cells);
  assert.equal(created.length - pairsBefore, cells - measuredAtStop, 'a resumed map measures only the missing cells');
  // Each cell is judged by the rule: locked where |Δω| is inside the band at its ε.
  const expected = SCAN_EPSILONS.flatMap((epsilon) => SCAN_DELTA_OMEGAS.map((d) => Math.abs(d) < tongue(epsilon)));
  assert.deepEqual(model.tongueMap.locked, expected);
  assert.equal(model.measures.map_cells_locked, expected.filter(Boolean).length);
  assert.ok(SCAN_EPSILONS.every((epsilon) => scanSeconds(epsilon) >= 60 && epsilon * scanSeconds(epsilon) >= 12 - 1e-9));

  await model.setParam('perturbation_seed', 2);
  const pairsForSeed1 = created.length;
  await model.scanTongue();
  assert.equal(model.tongueMap.seed, 2);
  assert.equal(created.length - pairsForSeed1, cells);
});
