// "Your measurements": the capstone page. For every lesson, the tasks done and the numbers the
// student's own runs gave when each task's check was met (recorded with the progress), side by
// side, so the comparison the lessons build (continuous attractors drift or collapse under the
// same perturbation that only shifts a rhythm's frequency) is made with the student's numbers.
import { h } from '../../ui/dom.js';
import { loadLesson } from '../../lessons/lesson-loader.js';
import { toCsv, downloadBlob } from '../../widgets/base/export.js';
import { appProgressStore } from '../progress.js';
import { loadLessonIndex } from './lesson.js';
import { loadWidget } from '../../widgets/catalog.js';
import { readoutNamer } from '../../lessons/readout-names.js';

function formatValue(value) {
  if (typeof value === 'number') return String(Number(value.toPrecision(4)));
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

const GREEK = { alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', varepsilon: 'ε', epsilon: 'ε', theta: 'θ', lambda: 'λ',
  mu: 'μ', pi: 'π', tau: 'τ', phi: 'φ', psi: 'ψ', omega: 'ω', Delta: 'Δ', Psi: 'Ψ', Phi: 'Φ' };

// The first sentence of a task's instruction as plain text: no Markdown marks, TeX names as letters.
function shortInstruction(text) {
  const plain = text.replace(/\\([A-Za-z]+)/g, (match, name) => GREEK[name] ?? name)
    .replace(/[*_`${}]/g, '').replace(/\s+/g, ' ').trim();
  const end = plain.search(/[.!?](\s|$)/);
  return end > 0 ? plain.slice(0, end + 1) : plain;
}

export async function summaryPage(container) {
  const store = appProgressStore();
  const index = await loadLessonIndex();
  container.append(
    h('h1', { text: 'Your measurements' }),
    h('p', { class: 'lead', text: 'Every number here comes from your own runs: when a task was done, the lab kept the values its check read. ' +
      'Read them side by side: which memories drifted or collapsed under a perturbation, and which only changed their frequency?' }),
  );
  const rows = [];
  let any = false;
  for (const entry of index.lessons) {
    const progress = store.lessonProgress(entry.id);
    const section = h('section', { 'aria-labelledby': `summary-${entry.id}` }, [
      h('h2', { id: `summary-${entry.id}` }, [h('a', { href: `#/lesson/${encodeURIComponent(entry.id)}`, text: entry.title })]),
    ]);
    let lesson = null;
    try {
      lesson = await loadLesson(entry.id);
    } catch {
      lesson = null;
    }
    const tasks = lesson?.tasks ?? entry.tasks.map((id) => ({ id, instruction: id }));
    const done = tasks.filter((task) => progress.items[task.id]);
    if (done.length === 0) {
      section.append(h('p', { class: 'muted', text: 'No task done yet.' }));
    } else {
      any = true;
      // Each number under the name its widget's readout shows (the CSV keeps the identifiers).
      const nameOf = await readoutNamer(lesson, loadWidget);
      const body = done.map((task) => {
        const record = progress.items[task.id].record ?? {};
        const numbers = Object.entries(record).map(([name, value]) => `${nameOf(name)} = ${formatValue(value)}`);
        for (const [name, value] of Object.entries(record)) rows.push([entry.id, task.id, name, value]);
        return h('tr', {}, [h('th', { scope: 'row', text: shortInstruction(task.instruction) }),
          h('td', { text: numbers.join(', ') || '—' })]);
      });
      section.append(h('table', { class: 'summary-table' }, [
        h('caption', { text: `${done.length} of ${tasks.length} tasks done` }),
        h('thead', {}, [h('tr', {}, [h('th', { scope: 'col', text: 'Task' }), h('th', { scope: 'col', text: 'Your numbers when it was done' })])]),
        h('tbody', {}, body),
      ]));
    }
    container.append(section);
  }
  if (any) {
    const button = h('button', { type: 'button', text: 'Download my numbers (CSV)' });
    button.addEventListener('click', () => downloadBlob(new Blob([toCsv(['lesson', 'task', 'measure', 'value'], rows)], { type: 'text/csv' }),
      'attractor-lab-my-numbers.csv'));
    container.append(button);
  }
  return { title: 'Your measurements' };
}
