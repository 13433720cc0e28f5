// "About the models": one page per model, from the core's documentation (docs/models/*.md,
// copied into the site by scripts/build-site.mjs).
import { h } from '../../ui/dom.js';

export async function modelsPage(container, route) {
  const response = await fetch(new URL('../../../docs/models/index.json', import.meta.url)).catch(() => null);
  const models = response?.ok ? (await response.json()).models : [];
  const id = route.segments[1];
  if (!id) {
    container.append(
      h('h1', { text: 'About the models' }),
      h('p', { text: 'Each model the lab simulates, with its equations, parameters and what it measures.' }),
      h('ul', {}, models.map((model) => h('li', {}, [h('a', { href: `#/models/${model.id}`, text: model.title })]))),
    );
    return { title: 'About the models' };
  }
  const model = models.find((entry) => entry.id === id);
  if (!model) {
    container.append(h('h1', { text: 'Model not found' }), h('p', { text: `There is no model page "${id}".` }));
    return { title: 'Model not found' };
  }
  const { loadMarkdownTree, renderMarkdownInto } = await import('../markdown.js');
  const { nodes, status } = await loadMarkdownTree(new URL(`../../../docs/models/${model.file}`, import.meta.url));
  if (!nodes) {
    container.append(h('h1', { text: model.title }), h('p', { class: 'al-error', role: 'alert', text: `This page could not be loaded (${status}); check the network and reload.` }));
    return { title: model.title };
  }
  renderMarkdownInto(container, nodes);
  return { title: model.title };
}
