// The glossary: every term the lessons use, defined once; #/glossary?term=<id> shows one entry.
import { h } from '../../ui/dom.js';
import { GLOSSARY } from '../../lessons/glossary.js';

export function glossaryPage(container, route) {
  const wanted = new URLSearchParams(route.query).get('term');
  const entries = GLOSSARY.map((entry) => [
    h('dt', { id: `term-${entry.id}`, tabindex: '-1', 'data-term': entry.id, text: entry.term }),
    h('dd', { text: entry.definition }),
  ]).flat();
  container.append(
    h('h1', { text: 'Glossary' }),
    h('p', { class: 'lead', text: 'The terms the lessons use. In a lesson, the first use of a term links here.' }),
    h('dl', { class: 'glossary' }, entries),
  );
  const target = wanted ? container.querySelector(`[data-term="${CSS.escape(wanted)}"]`) : null;
  if (target) {
    target.classList.add('glossary-current');
    // After the shell has placed the page and its focus.
    requestAnimationFrame(() => { target.scrollIntoView({ block: 'start' }); target.focus(); });
  }
  return { title: 'Glossary' };
}
