// Every widget of the lab: its element name, what it shows, and the module that defines it
// (loaded on demand, so a page only fetches the widgets it shows).
export const WIDGETS = [
  { name: 'line', title: 'Line attractor', summary: 'Store a value, perturb the weights, watch the memory drift at the rate its eigenvalue predicts.',
    load: () => import('./line/element.js') },
  { name: 'oscillator', title: 'Limit cycle and torus', summary: 'Perturb a limit cycle or a QPTA torus beside an unperturbed copy: the attractor persists and only the frequency moves.',
    load: () => import('./oscillator/element.js') },
  { name: 'tanh-map', title: 'Tanh-map explorer', summary: 'Classify the (α, θ) plane of the 2-D tanh map, see the resonance tongues and the QPTA boundary L(α), pick a point and see its attractor.',
    load: () => import('./tanh-map/element.js') },
];

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
