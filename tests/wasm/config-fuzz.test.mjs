// Property test of the wasm module: 10,000 random and extreme inputs (zero, -0, negative, huge,
// NaN, Infinity, strings, arrays, objects, null, undefined, booleans, BigInt, unknown keys) to the
// constructor and the methods with arguments of every bound class. Each call must return a valid
// result (finite numbers; null for "not available", see measures_to_js) or throw a plain JS Error
// (never a WebAssembly.RuntimeError: a trap or an abort), and the object must keep working.
// Deterministic from SEED, so a failure names its case number and reproduces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLab } from './helpers.mjs';

const lab = await loadLab();
const SEED = 20261122;
const CASES = 10000;

// mulberry32: small, fast and the same on every machine.
function generator(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)], chance: (p) => next() < p };
}

const EXTREME_NUMBERS = [0, -0, 1, -1, 0.5, -0.5, 2, 1e-320, -1e-320, 1e-9, 1e9, -1e9, 1e308, -1e308,
  Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON, NaN, Infinity, -Infinity, 2 ** 31, -(2 ** 31),
  2 ** 32, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 2 ** 64, 0.1 + 0.2];
const WRONG_TYPES = [undefined, null, true, false, '', 'abc', '5', '1e3', 'NaN', [], [1, 2], [[1]],
  {}, { n: 1 }, { valueOf: () => 3 }, 10n, () => 1, new Float64Array(2), new Date(0)];

// Parameters whose valid values cost time or memory in proportion: a random draw stays small
// here (the maximum sizes have their own test below); out-of-range draws are unaffected.
const SIZE_CAPS = {
  n: 48, hidden: 24, batch: 4, steps: 40, recall_steps: 4, dims: 4, lag: 4, inputs: 4,
  alpha_count: 4, theta_count: 4, transient: 50, window: 32, max_period: 8, memories: 4,
  records: 3, transient_steps: 40, trajectory_steps: 40, starts: 4, max_iterations: 20, k: 3,
  lyapunov_transient: 40, lyapunov_steps: 40, lyapunov_k: 2, every: 4, hold_steps: 40,
  check_steps: 40, pulse_steps: 10, update_every: 5, symmetrize_every: 5, decay_every: 5,
  cells: 6, budget: 200, bumps: 4, angles: 8, seeds: 2, period_min: 20, period_max: 40,
  warmup_steps: 4, smoothness: 20, pulse_duration: 0.05, settle_time: 0.05,
};

function numberFor(r, spec) {
  const roll = r.next();
  const cap = SIZE_CAPS[spec.name];
  const high = cap !== undefined ? Math.min(spec.max, Math.max(spec.min, cap)) : spec.max;
  if (roll < 0.55) {
    const x = spec.min + r.next() * (high - spec.min);
    return spec.integer ? Math.floor(x) : x;
  }
  if (roll < 0.65) return cap !== undefined ? spec.min : r.pick([spec.min, spec.max]);
  if (roll < 0.75) return r.pick([spec.min - 1, spec.max + 1, spec.max * 2 + 1, spec.min - 1e-9, spec.min + 0.5]);
  if (roll < 0.9) return r.pick(EXTREME_NUMBERS);
  return r.pick(WRONG_TYPES);
}

function paramsFor(r, specs) {
  if (r.chance(0.04)) return r.pick(WRONG_TYPES);
  const out = {};
  for (const spec of specs) if (r.chance(0.5)) out[spec.name] = numberFor(r, spec);
  // A parameter of a sized model left at its default can be large (a 200-unit network): hold it.
  for (const spec of specs) {
    if (!(spec.name in out) && SIZE_CAPS[spec.name] !== undefined && spec.default > SIZE_CAPS[spec.name]) {
      out[spec.name] = Math.max(spec.min, Math.min(spec.max, SIZE_CAPS[spec.name]));
    }
  }
  if (r.chance(0.05)) out[r.pick(['bogus', 'N', 'constructor', '__proto__x', ''])] = 1;
  return out;
}

function arrayFor(r, length = 6) {
  const roll = r.next();
  if (roll < 0.5) return Array.from({ length: r.int(length + 1) }, () => r.next() * 2 - 1);
  if (roll < 0.7) return Float64Array.from({ length: r.int(length + 1) }, () => r.pick(EXTREME_NUMBERS));
  if (roll < 0.8) return [r.pick(WRONG_TYPES), 1];
  if (roll < 0.85) return new Array(r.pick([3, 1e6])); // holes
  return r.pick(WRONG_TYPES);
}

// Every value JavaScript gets back: numbers finite, NaN only as null, views of finite numbers
// (a view may hold NaN where the core documents "not available": trace slots before a run).
function checkResult(value, where) {
  if (typeof value === 'number') {
    assert.ok(Number.isFinite(value), `${where} returned ${value}`);
  } else if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (item === null || typeof item === 'boolean' || typeof item === 'string') continue;
      if (typeof item === 'number' || typeof item === 'object') checkResult(item, `${where}.${key}`);
    }
  }
}

const specsOf = (cls) => (cls.paramSpecs ? cls.paramSpecs() : []);
const argSpecs = (cls) => (cls.argumentSpecs ? cls.argumentSpecs() : {});
const spec = (name, min, max, integer = false) => ({ name, min, max, integer, default: min });

// What each class is built from and which of its methods take arguments. `args` draws the
// arguments; a method without `args` is called with none.
function classes(r) {
  const a = (cls, name) => argSpecs(cls)[name];
  const simulation = (cls, extra = {}) => ({
    create: () => new cls(paramsFor(r, specsOf(cls))),
    methods: {
      perturb: () => [numberFor(r, a(cls, 'epsilon')), numberFor(r, a(cls, 'perturbation_seed'))],
      run: () => [numberFor(r, a(cls, 'steps') ?? spec('steps', 0, 1e7, true))],
      reset: null,
      measures: null,
      ...extra,
    },
  });
  const trainerConfig = () => {
    if (r.chance(0.03)) return r.pick(WRONG_TYPES);
    const task = r.chance(0.9) ? r.pick(lab.Trainer.taskNames()) : r.pick(['', 'nope', 5, null]);
    const config = {
      task,
      initialization: r.pick(['gaussian', 'orthogonal', 'identity', 'qpta', 'line', 'ring', 'bogus']),
      optimizer: r.pick(['adam', 'sgd', 'adam', 'rmsprop']),
      taskParams: typeof task === 'string' && lab.Trainer.taskNames().includes(task)
        ? paramsFor(r, lab.Trainer.taskSpecs(task)) : {},
      network: paramsFor(r, lab.Trainer.networkSpecs().filter((s) => s.name !== 'inputs' && s.name !== 'outputs')),
      optimizerParams: paramsFor(r, lab.Trainer.optimizerSpecs()),
      training: paramsFor(r, lab.Trainer.trainingSpecs()),
    };
    if (r.chance(0.03)) config.bogus = 1;
    return config;
  };
  const model = () => new lab.LineAttractor({ n: 4 + r.int(8) });
  const analysis = (cls) => ({
    create: () => {
      const target = r.chance(0.95) ? model() : null;
      try {
        return new cls(target ?? r.pick(WRONG_TYPES), paramsFor(r, specsOf(cls)),
          r.chance(0.8) ? undefined : arrayFor(r, 12));
      } finally {
        target?.delete();
      }
    },
    methods: { advance: () => [numberFor(r, spec('budget', 1, 1e9))] },
  });
  const budgeted = { advance: () => [numberFor(r, spec('budget', 1, 1e9))] };
  return {
    LineAttractor: simulation(lab.LineAttractor, {
      store: () => [numberFor(r, a(lab.LineAttractor, 'value'))],
      readout: null, time: null,
    }),
    RingAttractor: simulation(lab.RingAttractor, {
      cue: () => [numberFor(r, a(lab.RingAttractor, 'angle'))],
      setVelocity: () => [numberFor(r, a(lab.RingAttractor, 'velocity'))],
      runVelocities: () => [arrayFor(r)],
      driftProfile: () => [numberFor(r, spec('angles', 4, 720, true))],
      profileFixedPoints: null,
    }),
    StuartLandau: simulation(lab.StuartLandau),
    TanhMap: simulation(lab.TanhMap, { classify: null }),
    TorusNetwork: simulation(lab.TorusNetwork),
    HeadDirectionOscillator: {
      create: () => new lab.HeadDirectionOscillator(paramsFor(r, specsOf(lab.HeadDirectionOscillator))),
      methods: {
        perturb: () => [numberFor(r, a(lab.HeadDirectionOscillator, 'epsilon')),
          numberFor(r, a(lab.HeadDirectionOscillator, 'perturbation_seed'))],
        drive: () => [numberFor(r, a(lab.HeadDirectionOscillator, 'steps')),
          numberFor(r, a(lab.HeadDirectionOscillator, 'velocity'))],
        driveInput: () => [arrayFor(r)],
        reset: null, measures: null,
      },
    },
    RateNetwork: simulation(lab.RateNetwork, {
      setInput: () => [arrayFor(r, 3)], setReadout: () => [arrayFor(r, 3)], readout: null,
    }),
    ReadoutLearning: {
      create: () => new lab.ReadoutLearning(paramsFor(r, specsOf(lab.RateNetwork)),
        paramsFor(r, specsOf(lab.ReadoutLearning)), r.pick(['force', 'lms', 'FORCE', '', 5, null])),
      methods: { train: () => [arrayFor(r, 20)], test: () => [arrayFor(r, 20)], measures: null, networkMeasures: null },
    },
    WaveLattice: {
      create: () => new lab.WaveLattice(paramsFor(r, specsOf(lab.WaveLattice)),
        r.pick(['repeat_copy', 'lagged_copy', 'fibonacci', 'nope', 3, undefined])),
      methods: { stepWithInput: () => [arrayFor(r, 5)], step: null, reset: null, eigenvalues: null, growth: null },
    },
    TanhMapExplorer: {
      create: () => new lab.TanhMapExplorer(paramsFor(r, specsOf(lab.TanhMapExplorer))),
      methods: { advance: () => [numberFor(r, a(lab.TanhMapExplorer, 'cells'))], reset: null, measures: null },
    },
    Trainer: {
      create: () => (r.chance(0.1)
        ? lab.Trainer.fromCheckpoint(r.pick(['', '{}', 'null', '{"format": 1}', '[1,2', '\u0000', 7]))
        : new lab.Trainer(trainerConfig())),
      methods: {
        train: () => [numberFor(r, spec('steps', 0, 3, true))],
        measures: null, recurrentEigenvalues: null, checkpoint: null, validationBatch: null,
        lyapunovExponents: () => [paramsFor(r, specsOf(lab.LyapunovSpectrum))],
        setParameters: () => [arrayFor(r, 4)],
        lossAndGradient: () => [r.chance(0.3) ? r.pick(WRONG_TYPES)
          : { steps: numberFor(r, spec('steps', 1, 8, true)), batch: numberFor(r, spec('batch', 1, 3, true)),
            inputs: arrayFor(r), targets: arrayFor(r), mask: arrayFor(r) }],
      },
    },
    RobustnessMeasure: {
      create: () => {
        const mechanism = r.chance(0.9) ? r.pick(lab.RobustnessMeasure.mechanisms()) : r.pick(WRONG_TYPES);
        const modelSpecs = typeof mechanism === 'string' ? lab.RobustnessMeasure.modelParamSpecs(mechanism) : [];
        return new lab.RobustnessMeasure(mechanism, paramsFor(r, modelSpecs),
          paramsFor(r, specsOf(lab.RobustnessMeasure)));
      },
      methods: budgeted,
    },
    RobustnessSweep: {
      create: () => new lab.RobustnessSweep(r.pick(['line', 'ring', 'torus', 5]), { n: 8 },
        { memories: 2, steps: 5, gradient: 0 }, arrayFor(r, 3), numberFor(r, spec('seeds', 1, 1000, true))),
      methods: budgeted,
    },
    RingFixedPointSearch: {
      create: () => {
        const ring = r.chance(0.95) ? new lab.RingAttractor({ n: 8 + r.int(24) }) : null;
        try {
          return new lab.RingFixedPointSearch(ring ?? r.pick(WRONG_TYPES), numberFor(r, spec('bumps', 2, 360, true)));
        } finally {
          ring?.delete();
        }
      },
      methods: {
        advance: () => [numberFor(r, spec('steps', 1, 1e7, true))],
        clusters: () => [numberFor(r, spec('tolerance', 0, 10))],
      },
    },
    LyapunovSpectrum: analysis(lab.LyapunovSpectrum),
    FixedPoints: analysis(lab.FixedPoints),
    GradientPersistence: analysis(lab.GradientPersistence),
    Pca: { ...analysis(lab.Pca), methods: { project: () => [arrayFor(r, 8)] } },
  };
}

function isTrap(error) {
  return error instanceof WebAssembly.RuntimeError || /Aborted|unreachable|memory access out of bounds/.test(String(error?.message));
}

test(`${CASES} random and extreme inputs: a valid result or a clean Error, never a trap`, () => {
  const r = generator(SEED);
  const table = classes(r);
  const names = Object.keys(table);
  const outcomes = { results: 0, errors: 0 };
  for (let i = 0; i < CASES; i++) {
    const name = names[i % names.length];
    const { create, methods } = table[name];
    let object = null;
    const where = `case ${i} (${name})`;
    try {
      try {
        object = create();
        outcomes.results++;
      } catch (error) {
        assert.ok(!isTrap(error), `${where}: the constructor trapped: ${error?.stack}`);
        assert.ok(error instanceof Error, `${where}: threw a non-Error ${String(error)}`);
        assert.ok(error.message.length > 0, `${where}: an Error without a message`);
        outcomes.errors++;
        continue;
      }
      const methodNames = Object.keys(methods);
      for (let call = 0; call < 4; call++) {
        const method = r.pick(methodNames);
        const args = methods[method] ? methods[method]() : [];
        try {
          checkResult(object[method](...args), `${where}: ${method}`);
          outcomes.results++;
        } catch (error) {
          if (error instanceof assert.AssertionError) throw error;
          assert.ok(!isTrap(error), `${where}: ${method}(${args.map(String)}) trapped: ${error?.stack}`);
          assert.ok(error instanceof Error, `${where}: ${method} threw a non-Error ${String(error)}`);
          assert.ok(error.message.length > 0, `${where}: ${method}: an Error without a message`);
          outcomes.errors++;
        }
        // A rejected call changes nothing; the object still answers.
        if (methods.measures !== undefined) checkResult(object.measures(), `${where}: measures after ${method}`);
      }
    } finally {
      object?.delete();
    }
  }
  // Both kinds of outcome occur in numbers: the generator reaches past the validation.
  assert.ok(outcomes.results > CASES / 2, `only ${outcomes.results} valid results`);
  assert.ok(outcomes.errors > CASES / 4, `only ${outcomes.errors} clean errors`);
});

test('a bad value of any constructor parameter is refused with an Error naming that parameter', () => {
  const withSpecs = ['LineAttractor', 'RingAttractor', 'StuartLandau', 'TanhMap', 'TorusNetwork',
    'HeadDirectionOscillator', 'RateNetwork', 'TanhMapExplorer'];
  const bad = [NaN, Infinity, -Infinity, 'abc', null, true, [], {}, 1e308, -1e308];
  let checked = 0;
  for (const name of withSpecs) {
    for (const s of lab[name].paramSpecs()) {
      for (const value of bad) {
        // A huge value may be in range (seed up to 2^53 - 1 takes 1e15); skip those.
        if (typeof value === 'number' && Number.isFinite(value) && value >= s.min && value <= s.max) continue;
        let object = null;
        try {
          object = new lab[name]({ [s.name]: value });
          assert.fail(`${name} accepted ${s.name} = ${String(value)}`);
        } catch (error) {
          if (error instanceof assert.AssertionError) throw error;
          assert.ok(!isTrap(error), `${name} ${s.name} = ${String(value)} trapped`);
          assert.match(error.message, new RegExp(`\\b${s.name}\\b`), `${name} ${s.name} = ${String(value)}`);
          checked++;
        } finally {
          object?.delete();
        }
      }
    }
  }
  assert.ok(checked > 300, `only ${checked} checks`);
});

test('method arguments out of range name the argument', () => {
  const line = new lab.LineAttractor({ n: 4 });
  const ring = new lab.RingAttractor({ n: 8 });
  try {
    for (const [call, name] of [[() => line.perturb(NaN, 1), 'epsilon'], [() => line.perturb(0.1, -1), 'perturbation_seed'],
      [() => line.perturb(0.1, 2 ** 53), 'perturbation_seed'], [() => line.run(-1), 'steps'], [() => line.run(1.5), 'steps'],
      [() => line.run('abc'), 'steps'], [() => line.store(Infinity), 'value'], [() => ring.cue(1e9), 'angle'],
      [() => ring.setVelocity(-Infinity), 'velocity'], [() => ring.runVelocities([1, 'x']), 'velocity']]) {
      assert.throws(call, (error) => !isTrap(error) && error.message.includes(name), name);
    }
  } finally {
    line.delete();
    ring.delete();
  }
});
