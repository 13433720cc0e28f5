// "Embedding Attractor Lab in a course site": EMBEDDING.md, copied into the site by
// scripts/build-site.mjs with its parsed tree beside it, rendered with the safe renderer.
import { h } from '../../ui/dom.js';
import { loadMarkdownTree, renderMarkdownInto } from '../markdown.js';

export const EMBEDDING_URL = new URL('../../../EMBEDDING.md', import.meta.url);

export async function embeddingPage(container) {
  const { nodes, status } = await loadMarkdownTree(EMBEDDING_URL);
  if (!nodes) {
    container.append(h('h1', { text: 'Embedding Attractor Lab in a course site' }),
      h('p', { class: 'al-error', role: 'alert', text: `The guide could not be loaded (${status}); check the network and reload.` }));
    return { title: 'Embedding' };
  }
  renderGuide(container, nodes);
  container.append(h('p', {}, [h('a', { href: EMBEDDING_URL.href, text: 'The guide as a plain Markdown file' })]));
  return { title: 'Embedding' };
}

// The guide's wide tables scroll sideways in a region of their own, named by their columns.
function renderGuide(container, nodes) {
  renderMarkdownInto(container, nodes);
  for (const table of container.querySelectorAll('table')) {
    const head = [...table.querySelectorAll('th')].map((th) => th.textContent.trim());
    table.setAttribute('class', 'summary-table');
    for (const th of table.querySelectorAll('thead th')) th.setAttribute('scope', 'col');
    const region = h('div', { class: 'guide-table-scroll', tabindex: '0', role: 'region', 'aria-label': `Table: ${head.join(', ')}` });
    table.replaceWith(region);
    region.append(table);
  }
}
