// Every widget of the lab: its element name, what it shows, and the module that defines it
// (loaded on demand, so a page only fetches the widgets it shows).
import { WIDGET_TITLES } from './titles.js';

const ENTRIES = [
  { name: 'line', summary: 'Store a value, perturb the weights, watch the memory drift at the rate its eigenvalue predicts.',
    load: () => import('./line/element.js') },
  { name: 'ring', summary: 'Cue a bump, turn it with a velocity input, perturb the weights and watch it collapse onto a few fixed points.',
    load: () => import('./ring/element.js') },
  { name: 'oscillator', summary: 'Perturb a limit cycle or a QPTA torus beside an unperturbed copy: the attractor persists and only the frequency moves.',
    load: () => import('./oscillator/element.js') },
  { name: 'tanh-map', summary: 'Classify the (α, θ) plane of the 2-D tanh map, see the resonance tongues and the QPTA boundary L(α), pick a point and see its attractor.',
    load: () => import('./tanh-map/element.js') },
  { name: 'hd-duel', summary: 'A ring integrator against two coupled oscillators: same head turns, same noise, same weight perturbation; which still points the right way after a minute?',
    load: () => import('./hd-duel/element.js') },
  { name: 'rnn-trainer', summary: 'Train a tanh RNN by backpropagation through time and watch its loss, eigenvalues, Lyapunov spectrum and learning signal change.',
    load: () => import('./rnn-trainer/element.js') },
  { name: 'force-lms', summary: 'Train a readout one value at a time with FORCE or LMS and watch earlier fixed points survive or be destroyed by interference.',
    load: () => import('./force-lms/element.js') },
  { name: 'wave-lattice', summary: 'Feed a sequence into a lattice that shifts it along; watch the wave carry it and the boundary repeat it; its eigenvalues sit on the roots of unity.',
    load: () => import('./wave-lattice/element.js') },
  { name: 'robustness-arena', summary: 'Predict, then measure which mechanism keeps information when the weights are perturbed and the readout is noisy, and what happens to the learning signal.',
    load: () => import('./robustness-arena/element.js') },
];
export const WIDGETS = ENTRIES.map((entry) => ({ ...entry, title: WIDGET_TITLES[entry.name] }));

export function widgetInfo(name) {
  return WIDGETS.find((widget) => widget.name === name) ?? null;
}

// Defines the custom element of a widget (once) and resolves when it can be created.
export async function loadWidget(name) {
  const info = widgetInfo(name);
  if (!info) throw new Error(`unknown widget "${name}"; known widgets: ${WIDGETS.map((w) => w.name).join(', ')}`);
  await info.load();
  await customElements.whenDefined(`al-${name}`);
  return info;
}
