// "Embedding Attractor Lab in a course site": EMBEDDING.md, copied into the site by
// scripts/build-site.mjs, rendered with the safe Markdown renderer.
import { h } from '../../ui/dom.js';

export const EMBEDDING_URL = new URL('../../../EMBEDDING.md', import.meta.url);

export async function embeddingPage(container) {
  const response = await fetch(EMBEDDING_URL).catch(() => null);
  if (!response?.ok) {
    container.append(h('h1', { text: 'Embedding Attractor Lab in a course site' }),
      h('p', { class: 'al-error', role: 'alert', text: `The guide could not be loaded (${response ? `HTTP ${response.status}` : 'no answer from the site'}); check the network and reload.` }));
    return { title: 'Embedding' };
  }
  const { renderMarkdownInto } = await import('../markdown.js');
  renderMarkdownInto(container, await response.text());
  container.append(h('p', {}, [h('a', { href: EMBEDDING_URL.href, text: 'The guide as a plain Markdown file' })]));
  return { title: 'Embedding' };
}
