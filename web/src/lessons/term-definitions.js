// Jargon defined where it is first used: the first use of each glossary term on a lesson page
// (already a link to its glossary entry) becomes a <dfn> with a small button that shows the
// definition right there, in the text, for a keyboard, a finger or a screen reader alike (a hover
// tooltip serves none of them).
import { GLOSSARY } from './glossary.js';

const TERM_LINK = /[?&]term=([^&]+)/;

// Adds the in-place definition to every glossary link under `root`; returns how many.
export function defineTermsInPlace(root) {
  const doc = root.ownerDocument;
  let count = 0;
  for (const link of root.querySelectorAll('a[href*="glossary?term="]')) {
    if (link.closest('dfn')) continue;
    const id = decodeURIComponent(TERM_LINK.exec(link.getAttribute('href'))?.[1] ?? '');
    const entry = GLOSSARY.find((candidate) => candidate.id === id);
    if (!entry) continue;
    count += 1;
    const definitionId = `al-definition-${id}-${count}`;
    const dfn = doc.createElement('dfn');
    dfn.className = 'al-term';
    link.replaceWith(dfn);
    link.removeAttribute('title');
    dfn.append(link);
    const toggle = doc.createElement('button');
    toggle.type = 'button';
    toggle.className = 'al-term-toggle';
    toggle.textContent = '?';
    toggle.setAttribute('aria-expanded', 'false');
    toggle.setAttribute('aria-controls', definitionId);
    toggle.setAttribute('aria-label', `What is ${link.textContent}?`);
    const definition = doc.createElement('span');
    definition.id = definitionId;
    definition.className = 'al-term-definition';
    definition.setAttribute('role', 'note');
    definition.setAttribute('aria-label', `${entry.term}, defined`);
    definition.hidden = true;
    definition.textContent = `${entry.term}: ${entry.definition}`;
    toggle.addEventListener('click', () => {
      const open = definition.hidden;
      definition.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
    });
    // Escape closes the definition and leaves the reader on its button.
    definition.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      definition.hidden = true;
      toggle.setAttribute('aria-expanded', 'false');
      toggle.focus();
    });
    toggle.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || definition.hidden) return;
      definition.hidden = true;
      toggle.setAttribute('aria-expanded', 'false');
    });
    dfn.after(toggle, definition);
  }
  return count;
}
