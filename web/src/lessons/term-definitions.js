// Jargon defined where it is first used: the first use of each glossary term on a lesson page is
// a <dfn data-term> (holding a link to its glossary entry where the page has a glossary), and
// gets a small button that shows the definition right there, in the text, for a keyboard, a finger
// or a screen reader alike (a hover tooltip serves none of them).
import { GLOSSARY } from './glossary.js';

// Adds the in-place definition to every defined term under `root`; returns how many.
export function defineTermsInPlace(root) {
  const doc = root.ownerDocument;
  let count = 0;
  for (const dfn of root.querySelectorAll('dfn[data-term]')) {
    if (dfn.classList.contains('al-term')) continue;
    const id = dfn.dataset.term;
    const entry = GLOSSARY.find((candidate) => candidate.id === id);
    if (!entry) continue;
    count += 1;
    const definitionId = `al-definition-${id}-${count}`;
    dfn.className = 'al-term';
    // The button shows the definition; a hover title would say it a second time.
    dfn.querySelector('a')?.removeAttribute('title');
    const toggle = doc.createElement('button');
    toggle.type = 'button';
    toggle.className = 'al-term-toggle';
    toggle.textContent = '?';
    toggle.setAttribute('aria-expanded', 'false');
    toggle.setAttribute('aria-controls', definitionId);
    toggle.setAttribute('aria-label', `What is ${dfn.textContent}?`);
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
