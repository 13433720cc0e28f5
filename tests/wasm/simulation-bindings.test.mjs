// The simulation bindings share one shape (wasm/simulation_binding.hpp): every simulation class
// has the same methods and class functions, checks its perturbation seed and run length against
// the core's specs, and names itself in its errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLab, using } from './helpers.mjs';

const lab = await loadLab();
const SIMULATIONS = {
  LineAttractor: 'line attractor',
  RingAttractor: 'ring attractor',
  StuartLandau: 'stuart-landau oscillator',
  TorusNetwork: 'torus network',
  RateNetwork: 'rate network',
  HeadDirectionOscillator: 'head-direction oscillator',
  TanhMap: 'tanh map',
};
const SHARED = ['perturb', 'reset', 'measures', 'params', 'traceView', 'stateView'];

test('every simulation has the shared methods, class functions and argument specs', () => {
  for (const [name, context] of Object.entries(SIMULATIONS)) {
    const cls = lab[name];
    for (const method of SHARED) assert.equal(typeof cls.prototype[method], 'function', `${name}.${method}`);
    assert.ok(Array.isArray(cls.paramSpecs()) && cls.paramSpecs().length > 0, `${name}.paramSpecs`);
    const specs = cls.argumentSpecs();
    for (const argument of ['epsilon', 'perturbation_seed', 'steps']) assert.equal(specs[argument]?.name, argument, `${name}: argument ${argument}`);
    // Every simulation but the head-direction oscillator (which runs with a velocity: drive) runs by steps.
    assert.equal(typeof cls.prototype.run, name === 'HeadDirectionOscillator' ? 'undefined' : 'function', `${name}.run`);
    using(new cls({}), (model) => {
      assert.throws(() => model.perturb(0.1, -1), new RegExp(`^Error: ${context} perturb: perturbation_seed`), `${name}: a bad seed`);
      if (model.run) assert.throws(() => model.run(1.5), new RegExp(`^Error: ${context} run: steps`), `${name}: a fractional run`);
      model.perturb(0.1, 3);
      if (model.run) model.run(2);
      assert.equal(typeof model.measures(), 'object');
      assert.ok(ArrayBuffer.isView(model.stateView()), `${name}: stateView is a typed view`);
    });
  }
});
