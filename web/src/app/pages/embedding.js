// "Embedding Attractor Lab in a course site": EMBEDDING.md, copied into the site by
// scripts/build-site.mjs, rendered with the safe Markdown renderer.
import { h } from '../../ui/dom.js';
import { materialize, parseInline } from '../../lessons/render.js';
import { renderMarkdownInto } from '../markdown.js';

export const EMBEDDING_URL = new URL('../../../EMBEDDING.md', import.meta.url);

export async function embeddingPage(container) {
  const response = await fetch(EMBEDDING_URL).catch(() => null);
  if (!response?.ok) {
    container.append(h('h1', { text: 'Embedding Attractor Lab in a course site' }),
      h('p', { class: 'al-error', role: 'alert', text: `The guide could not be loaded (${response ? `HTTP ${response.status}` : 'no answer from the site'}); check the network and reload.` }));
    return { title: 'Embedding' };
  }
  renderGuide(container, await response.text());
  container.append(h('p', {}, [h('a', { href: EMBEDDING_URL.href, text: 'The guide as a plain Markdown file' })]));
  return { title: 'Embedding' };
}

const cellsOf = (line) => line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((cell) => cell.trim());
const SEPARATOR = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

// The lessons' renderer has no tables; the guide's pipe tables (a header row, a "|---|" row, then
// body rows, outside code blocks) become HTML tables here, and the rest goes to the renderer.
function renderGuide(container, text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let chunk = [];
  let inFence = false;
  const flush = () => {
    if (chunk.length) renderMarkdownInto(container, chunk.join('\n'));
    chunk = [];
  };
  const cell = (tag, source, attrs = {}) => {
    const element = h(tag, attrs);
    element.append(materialize(parseInline(source), document));
    return element;
  };
  for (let i = 0; i < lines.length;) {
    if (/^\s*(```|~~~)/.test(lines[i])) inFence = !inFence;
    if (!inFence && lines[i].startsWith('|') && SEPARATOR.test(lines[i + 1] ?? '')) {
      flush();
      const head = cellsOf(lines[i]);
      const rows = [];
      for (i += 2; i < lines.length && lines[i].startsWith('|'); i += 1) rows.push(cellsOf(lines[i]));
      container.append(h('div', { class: 'guide-table-scroll', tabindex: '0', role: 'region', 'aria-label': `Table: ${head.join(', ')}` }, [
        h('table', { class: 'summary-table' }, [
          h('thead', {}, [h('tr', {}, head.map((text) => cell('th', text, { scope: 'col' })))]),
          h('tbody', {}, rows.map((row) => h('tr', {}, row.map((text) => cell('td', text))))),
        ]),
      ]));
      continue;
    }
    chunk.push(lines[i]);
    i += 1;
  }
  flush();
}
