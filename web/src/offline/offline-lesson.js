// Entry of an offline single-file lesson page (scripts/build-embeds.mjs): the lesson's document
// (the same lessons/<id>.json the site serves), the bundled worker and the lesson styles are in
// the page. Formulas come drawn by KaTeX at build time; without KaTeX's fonts and style sheet the
// page shows their MathML, which the browser draws itself (the offline style sheet hides KaTeX's
// HTML rendering).
import { configureLabClient } from '../lab/client-factory.js';
import { loadWidget } from '../widgets/catalog.js';
import { LessonLoadError, lessonFromDocument } from '../lessons/lesson-loader.js';
import { renderLessonPage } from '../lessons/lesson-page.js';
import { defineTermsInPlace } from '../lessons/term-definitions.js';
import { ProgressStore } from '../progress/progress-store.js';
import { h } from '../ui/dom.js';

async function start() {
  const config = JSON.parse(document.getElementById('offline-config').textContent);
  const workerSource = document.getElementById('offline-worker').textContent;
  configureLabClient(URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' })), { type: 'classic' });
  const main = document.getElementById('main');
  let lesson;
  try {
    lesson = lessonFromDocument(config.lessonDocument, config.file);
  } catch (error) {
    if (!(error instanceof LessonLoadError)) throw error;
    main.append(h('p', { class: 'al-error', role: 'alert', text: error.message }));
    return;
  }
  await renderLessonPage(main, lesson, { store: new ProgressStore(), loadWidget, stylesheets: false,
    lessonHref: (id) => `lesson-${encodeURIComponent(id)}.html`, glossaryHref: null });
  // No glossary page travels with a single file: the terms are defined in the text.
  defineTermsInPlace(main);
}

start();
