// Entry of an offline single-file lesson page (scripts/build-embeds.mjs): the lesson's text, the
// bundled worker and the lesson styles are in the page; formulas are written as MathML, which the
// browser draws without KaTeX's fonts and style sheet.
import katex from 'katex';
import { configureLabClient } from '../lab/client-factory.js';
import { loadWidget } from '../widgets/catalog.js';
import { parseLesson, formatProblem } from '../lessons/lesson-format.js';
import { renderLessonPage } from '../lessons/lesson-page.js';
import { KATEX_OPTIONS } from '../lessons/render.js';
import { ProgressStore } from '../progress/progress-store.js';
import { h } from '../ui/dom.js';

const renderMath = (tex, display) => katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display, output: 'mathml' });

async function start() {
  const config = JSON.parse(document.getElementById('offline-config').textContent);
  const workerSource = document.getElementById('offline-worker').textContent;
  configureLabClient(URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' })), { type: 'classic' });
  const main = document.getElementById('main');
  const { lesson, problems } = parseLesson(config.lessonText, { file: config.file });
  if (problems.length) {
    main.append(h('p', { class: 'al-error', role: 'alert', text: problems.map(formatProblem).join('\n') }));
    return;
  }
  await renderLessonPage(main, lesson, { store: new ProgressStore(), loadWidget, renderMath, stylesheets: false,
    lessonHref: (id) => `lesson-${encodeURIComponent(id)}.html`, glossaryHref: null });
}

start();
