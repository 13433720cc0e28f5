// Every widget setting that has the name of a core parameter of the models it builds has a range
// inside the core's (docs/widgets.md): a value the widget offers is one the core accepts. The core
// reports its ranges through the module's paramSpecs / argumentSpecs class functions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLab } from './helpers.mjs';
import { WIDGETS } from '../../web/src/widgets/catalog.js';

const lab = await loadLab();
const simulation = (cls) => [...cls.paramSpecs(), ...Object.values(cls.argumentSpecs())];

// The core's specs of the models each widget builds.
const CORE_SPECS = {
  line: () => simulation(lab.LineAttractor),
  ring: () => simulation(lab.RingAttractor),
  oscillator: () => [...simulation(lab.TorusNetwork), ...simulation(lab.StuartLandau)],
  'tanh-map': () => [...simulation(lab.TanhMap), ...lab.TanhMapExplorer.paramSpecs()],
  'hd-duel': () => [...simulation(lab.HeadDirectionOscillator), ...simulation(lab.RingAttractor)],
  'rnn-trainer': () => [...lab.Trainer.networkSpecs(), ...lab.Trainer.optimizerSpecs(), ...lab.Trainer.trainingSpecs()],
  'force-lms': () => [...lab.LearningBench.paramSpecs('memory'), ...lab.LearningBench.paramSpecs('pattern')],
  'wave-lattice': () => lab.WaveLattice.paramSpecs(),
  'robustness-arena': () => [...lab.RobustnessMeasure.paramSpecs(),
    ...lab.RobustnessMeasure.mechanisms().flatMap((mechanism) => lab.RobustnessMeasure.modelParamSpecs(mechanism))],
};

async function schemaOf(name) {
  const module = await import(`../../web/src/widgets/${name}/schema.js`);
  return Object.values(module).find((value) => value && typeof value === 'object' && value.name === name && value.params);
}

test('every widget\'s settings lie inside the core\'s range for the same name', async () => {
  assert.deepEqual(Object.keys(CORE_SPECS).sort(), WIDGETS.map((widget) => widget.name).sort(), 'a core mapping for every widget of the catalog');
  let compared = 0;
  for (const { name } of WIDGETS) {
    const schema = await schemaOf(name);
    assert.ok(schema, `${name}: its schema`);
    const core = CORE_SPECS[name]();
    for (const [setting, spec] of Object.entries(schema.params)) {
      if (spec.type !== 'number') continue;
      for (const coreSpec of core.filter((candidate) => candidate.name === setting)) {
        compared += 1;
        const where = `${name}.${setting}: the widget allows [${spec.min}, ${spec.max}], the core [${coreSpec.min}, ${coreSpec.max}]`;
        assert.ok(spec.min >= coreSpec.min && spec.max <= coreSpec.max, where);
        assert.ok(spec.default >= coreSpec.min && spec.default <= coreSpec.max, `${where}; the widget's default is ${spec.default}`);
        if (coreSpec.integer) assert.ok(spec.integer, `${name}.${setting}: the core takes whole numbers, the widget must too`);
      }
    }
  }
  assert.ok(compared >= 30, `only ${compared} settings share a name with a core parameter`);
});
