// The instructor's view of a class: many students' exported progress files read side by side.
// No DOM here: the class page draws what these functions return, and the CSV is built from the
// same rows, so the table on screen and the downloaded file cannot disagree.
import { parseProgressFile } from './progress-store.js';

// A progress file may carry the student's name (the site's own export does not write one, so the
// file name stands in for it); a longer or non-text value is not a name.
const MAX_NAME = 100;

// Reads one exported progress file. Answers { student, file, state } or throws an Error whose
// message says why the file is not a student's progress.
export function readProgressFile(fileName, text) {
  const { data, state } = parseProgressFile(text);
  const named = typeof data.name === 'string' && data.name.trim() && data.name.trim().length <= MAX_NAME ? data.name.trim() : null;
  return { student: named ?? fileName.replace(/\.json$/i, ''), file: fileName, state };
}

export function formatValue(value) {
  if (typeof value === 'number') return String(Number(value.toPrecision(4)));
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

// What a student's progress says about one task or quiz: null when not done.
function itemOutcome(state, lessonId, itemId) {
  const lesson = Object.prototype.hasOwnProperty.call(state.lessons, lessonId) ? state.lessons[lessonId] : null;
  const item = lesson && Object.prototype.hasOwnProperty.call(lesson.items, itemId) ? lesson.items[itemId] : null;
  if (!item) return null;
  return { completedAt: item.completedAt, score: item.score, record: item.record ?? {} };
}

// The text of a table cell (and of the CSV's "values" column): what the check read.
export function recordText(record) {
  return Object.entries(record).map(([name, value]) => `${name} = ${formatValue(value)}`).join(', ');
}

// The lessons of the index that at least one student has done something in, each with its items
// (tasks, then quizzes) and one row per student.
export function classTables(students, index) {
  const tables = [];
  for (const lesson of index.lessons) {
    const items = [...(lesson.tasks ?? []).map((id) => ({ id, kind: 'task' })), ...(lesson.quizzes ?? []).map((id) => ({ id, kind: 'quiz' }))];
    const rows = students.map((student) => ({
      student: student.student,
      file: student.file,
      cells: items.map((item) => itemOutcome(student.state, lesson.id, item.id)),
    }));
    if (!rows.some((row) => row.cells.some(Boolean))) continue;
    tables.push({ lessonId: lesson.id, title: lesson.title, items, rows });
  }
  return tables;
}

export const CSV_COLUMNS = ['student', 'file', 'lesson', 'item', 'kind', 'done', 'completed_at', 'score', 'values'];

// One CSV row per student and task or quiz of every table: the table in long form.
export function classCsvRows(tables) {
  const rows = [];
  for (const table of tables) {
    for (const row of table.rows) {
      table.items.forEach((item, i) => {
        const cell = row.cells[i];
        rows.push([row.student, row.file, table.lessonId, item.id, item.kind, cell ? 'yes' : 'no',
          cell?.completedAt ?? '', cell ? cell.score : '', cell ? recordText(cell.record) : '']);
      });
    }
  }
  return rows;
}
