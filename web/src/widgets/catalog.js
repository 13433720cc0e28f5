// Every widget of the lab: its element name, what it shows, and the module that defines it
// (loaded on demand, so a page only fetches the widgets it shows).
export const WIDGETS = [
  { name: 'line', title: 'Line attractor', summary: 'Store a value, perturb the weights, watch the memory drift at the rate its eigenvalue predicts.',
    load: () => import('./line/element.js') },
  { name: 'rnn-trainer', title: 'Train a recurrent network', summary: 'Train a tanh RNN by backpropagation through time and watch its loss, eigenvalues, Lyapunov spectrum and learning signal change.',
    load: () => import('./rnn-trainer/element.js') },
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
