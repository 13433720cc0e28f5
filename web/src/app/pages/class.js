// "Your class": the instructor chooses or drops the progress files the students saved ("Save
// progress to a file" on the home page) and sees who completed which task of which lesson, with
// the values each task's check read, as tables and as one CSV. The files are read in this tab
// only: nothing is uploaded or stored, and the instructor's own progress is not touched.
import { h, uniqueId } from '../../ui/dom.js';
import { toCsv, downloadBlob } from '../../widgets/base/export.js';
import { CSV_COLUMNS, classCsvRows, classTables, readProgressFile, recordText } from '../../progress/class-report.js';
import { loadLessonIndex } from './lesson.js';

export async function classPage(container) {
  const index = await loadLessonIndex();
  const students = new Map();  // file name -> { student, file, state }; a file loaded again replaces its first reading
  let refused = [];  // { file, reason } of the last load

  const inputId = uniqueId('class-files');
  const input = h('input', { type: 'file', id: inputId, multiple: true, accept: 'application/json,.json', 'data-role': 'class-files' });
  const dropZone = h('div', { class: 'class-drop', 'data-role': 'class-drop' }, [
    h('label', { for: inputId, text: 'Students\' progress files (choose several, or drop them here)' }), input,
  ]);
  const status = h('div', { 'aria-live': 'polite', 'data-role': 'class-message' });
  const results = h('div', { 'data-role': 'class-tables' });
  const download = h('button', { type: 'button', text: 'Download CSV', disabled: true });
  const clear = h('button', { type: 'button', text: 'Clear the table', disabled: true });

  container.append(
    h('h1', { text: 'Your class' }),
    h('p', { class: 'lead', text: 'See which of your students completed which task of which lesson, with the values their checks read, from the progress files they saved.' }),
    howTo(),
    h('section', { 'aria-labelledby': 'class-load-heading' }, [
      h('h2', { id: 'class-load-heading', text: 'Load the files' }),
      h('p', { class: 'muted', text: 'The files are read in this browser tab only: nothing is uploaded or stored, and your own progress is not changed.' }),
      dropZone, status, h('p', { class: 'class-actions' }, [download, clear]),
    ]),
    results,
  );

  const tables = () => classTables([...students.values()], index);

  const render = () => {
    const current = tables();
    download.disabled = students.size === 0;
    clear.disabled = students.size === 0;
    const nodes = [];
    if (students.size > 0 && current.length === 0) {
      nodes.push(h('p', { text: 'None of these students has completed a task or quiz of the lessons on this site yet.' }));
    }
    for (const table of current) nodes.push(lessonTable(table));
    results.replaceChildren(...nodes);
  };

  const showStatus = (loaded) => {
    const parts = [];
    if (loaded.length) parts.push(`Read ${loaded.length} file${loaded.length === 1 ? '' : 's'}: ${loaded.join(', ')}.`);
    parts.push(`${students.size} student${students.size === 1 ? '' : 's'} in the table.`);
    if (refused.length) parts.push(`${refused.length} file${refused.length === 1 ? ' was' : 's were'} not read:`);
    status.replaceChildren(h('p', { text: parts.join(' ') }));
    if (refused.length) {
      status.append(h('ul', { class: 'al-error', 'data-role': 'class-refused' },
        refused.map(({ file, reason }) => h('li', { text: `${file}: ${reason}` }))));
    }
  };

  const load = async (files) => {
    refused = [];
    const loaded = [];
    // One file after another, each on its own: a bad file is reported and the others are read.
    for (const file of files) {
      try {
        const entry = readProgressFile(file.name, await file.text());
        students.set(file.name, entry);
        loaded.push(file.name);
      } catch (error) {
        refused.push({ file: file.name, reason: error.message });
      }
    }
    render();
    showStatus(loaded);
  };

  input.addEventListener('change', async () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length) await load(files);
  });
  dropZone.addEventListener('dragover', (event) => {
    event.preventDefault();
    dropZone.classList.add('class-drop-over');
  });
  dropZone.addEventListener('dragleave', () => dropZone.classList.remove('class-drop-over'));
  dropZone.addEventListener('drop', async (event) => {
    event.preventDefault();
    dropZone.classList.remove('class-drop-over');
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length) await load(files);
  });
  download.addEventListener('click', () => {
    downloadBlob(new Blob([toCsv(CSV_COLUMNS, classCsvRows(tables()))], { type: 'text/csv' }), 'attractor-lab-class.csv');
  });
  clear.addEventListener('click', () => {
    students.clear();
    refused = [];
    render();
    status.replaceChildren(h('p', { text: 'The table is empty.' }));
    input.focus();
  });
  return { title: 'Your class' };
}

function howTo() {
  return h('section', { 'aria-labelledby': 'class-howto-heading' }, [
    h('h2', { id: 'class-howto-heading', text: 'Collecting the files through your LMS' }),
    h('ol', {}, [
      h('li', { text: 'Create an assignment (Canvas, Moodle, Blackboard: "file upload" submission) that accepts .json files.' }),
      h('li', { text: 'Students open the home page of the lab, press "Save progress to a file", and upload that file to the assignment. Ask them to rename it to their name first (for example ada-lovelace.json): the file name is what names them here.' }),
      h('li', { text: 'Download all submissions (in Canvas "Download Submissions", in Moodle "Download all submissions"), unzip the archive, and choose or drop all the .json files below at once.' }),
    ]),
    h('p', {}, ['Embedding widgets and lessons in a course page, and SCORM packages for gradebooks, are described in ',
      h('a', { href: '#/embedding', text: 'Embedding Attractor Lab in a course site' }), '.']),
  ]);
}

function lessonTable(table) {
  const headerId = `class-${table.lessonId}`;
  const head = h('tr', {}, [h('th', { scope: 'col', text: 'Student' }),
    ...table.items.map((item) => h('th', { scope: 'col', text: `${item.kind === 'quiz' ? 'Quiz' : 'Task'}: ${item.id}` }))]);
  const body = table.rows.map((row) => h('tr', {}, [
    h('th', { scope: 'row', text: row.student, title: row.file }),
    ...row.cells.map((cell) => {
      if (!cell) return h('td', { class: 'muted', text: 'not done' });
      const values = recordText(cell.record);
      return h('td', {}, [
        h('span', { text: cell.score < 1 ? `done, score ${Math.round(cell.score * 100)}%` : 'done' }),
        values ? h('span', { class: 'class-values', text: ` (${values})` }) : null,
      ]);
    }),
  ]));
  return h('section', { 'aria-labelledby': headerId, 'data-lesson': table.lessonId }, [
    h('h2', { id: headerId, text: table.title }),
    h('div', { class: 'class-table-scroll', tabindex: '0', role: 'region', 'aria-label': `Progress in ${table.title}` }, [
      h('table', { class: 'summary-table class-table' }, [
        h('thead', {}, [head]), h('tbody', {}, body),
      ]),
    ]),
  ]);
}
