// The wasm heap does not grow with use: creating and deleting models, failed constructions and
// failed calls leave nothing behind. The module's memory only ever grows, so after a first round
// has grown it to its working size, further identical rounds must not grow it at all; each round
// is sized so that a leak of its models would take far more than that.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLab } from './helpers.mjs';

const lab = await loadLab();
const heapBytes = () => lab.HEAP8.length;

// Runs `round` four times; returns the heap size after each.
function sizes(round) {
  const out = [];
  for (let i = 0; i < 4; i++) {
    round();
    out.push(heapBytes());
  }
  return out;
}

function assertFlat(after, what) {
  assert.ok(after.every((bytes) => bytes === after[0]),
    `${what}: the heap grew from ${after[0]} to ${after.at(-1)} bytes (${after.join(', ')})`);
}

test('1000 models created, used and deleted per round: the heap stays at its first-round size', () => {
  // 1000 line attractors of 64 units hold 32 MB of weights: a leak of them shows at once.
  const after = sizes(() => {
    for (let i = 0; i < 1000; i++) {
      const model = new lab.LineAttractor({ n: 64, seed: i });
      try {
        model.run(5);
        model.measures();
      } finally {
        model.delete();
      }
    }
  });
  assertFlat(after, 'line attractors');
});

test('every bound class, created and deleted 100 times per round, leaves the heap flat', () => {
  const after = sizes(() => {
    for (let i = 0; i < 100; i++) {
      const made = [];
      try {
        const ring = new lab.RingAttractor({ n: 64 });
        made.push(ring, new lab.StuartLandau({}), new lab.TanhMap({}), new lab.TorusNetwork({ n: 8 }),
          new lab.HeadDirectionOscillator({}), new lab.RateNetwork({ n: 50 }),
          new lab.ReadoutLearning({ n: 50 }, {}, 'force'), new lab.WaveLattice({ dims: 2, lag: 3 }, 'repeat_copy'),
          new lab.TanhMapExplorer({ alpha_count: 2, theta_count: 3 }),
          new lab.Trainer({ task: 'adding', taskParams: { steps: 6 }, network: { hidden: 8 }, training: { batch: 2 } }),
          new lab.RobustnessMeasure('line', { n: 8 }, { memories: 2, steps: 5 }),
          new lab.LyapunovSpectrum(ring, { k: 2, steps: 5, transient_steps: 0 }),
          new lab.FixedPoints(ring, { starts: 2, trajectory_steps: 5 }),
          new lab.GradientPersistence(ring, { k: 2, steps: 5 }),
          new lab.Pca(ring, { k: 2, steps: 10 }),
          new lab.RingFixedPointSearch(ring, 2));
        made[9].train(1);
        const restored = lab.Trainer.fromCheckpoint(made[9].checkpoint());
        made.push(restored);
      } finally {
        for (const object of made) object.delete();
      }
    }
  });
  assertFlat(after, 'every class');
});

test('failed constructions and failed calls leave nothing behind', () => {
  const model = new lab.LineAttractor({ n: 128 });
  try {
    const after = sizes(() => {
      for (let i = 0; i < 2000; i++) {
        assert.throws(() => new lab.LineAttractor({ n: 64, dt: -1 }), /dt/);
        assert.throws(() => model.run(-1), /steps/);
      }
      // The second part fails after the first was built: a 200-unit network (640 kB with its
      // learner's matrix), then a bad learner parameter; an analysis over a 128-unit model (which
      // the analysis keeps alive through its own handle), then a bad option.
      for (let i = 0; i < 300; i++) {
        assert.throws(() => new lab.ReadoutLearning({ n: 200 }, { alpha: -1 }, 'force'), /alpha/);
        assert.throws(() => new lab.LyapunovSpectrum(model, { k: 1e6 }), /k/);
        assert.throws(() => new lab.FixedPoints(model, { starts: 0 }), /starts/);
      }
    });
    assertFlat(after, 'failures');
  } finally {
    model.delete();
  }
});

test('150,000 rejected calls, 1000 per task: the module keeps working', async () => {
  // Each Error thrown out of the module used to leave about 50 bytes of the 5 MB shadow stack
  // behind; after some 109,000 rejected calls the next one trapped with "memory access out of
  // bounds" (a slider sending bad values for an hour gets there). The stack is now given back
  // when the JavaScript task that saw the Error ends, as a worker's message handler does.
  const model = new lab.LineAttractor({ n: 4 });
  try {
    for (let task = 0; task < 150; task++) {
      for (let i = 0; i < 1000; i++) {
        assert.throws(() => model.run(-1), /steps = -1/);
      }
      await new Promise(setImmediate);
    }
    model.run(3);
    assert.equal(model.measures().time_s, model.time());
    assert.ok(model.time() > 0);
  } finally {
    model.delete();
  }
});
