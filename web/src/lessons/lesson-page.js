// Renders a parsed lesson into a container and runs it: creates the widgets, follows their
// measures, checks the tasks on every update, keeps progress, and shows quizzes, hints, "Think!"
// prompts and live numbers. Emits on the container:
//   task-completed   detail { lesson, task, score }   (tasks and quizzes, when first done)
//   lesson-completed detail { lesson }                 (when the last item is done)
import { evaluate, measureReferences, measuresLookup } from './expression.js';
import { defaultWidgetOf, judgeNumeric } from './lesson-format.js';
import { describeRuns } from './claim-format.js';
import { renderPrediction } from './predictions.js';
import { katexRenderer, materialize, parseMarkdown } from './render.js';
import { checkImportSize, corruptionMessage } from '../progress/progress-store.js';

let pageCount = 0;

function builder(doc) {
  return function el(tag, attrs = {}, children = []) {
    const element = doc.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === false || value === null || value === undefined) continue;
      if (name === 'text') element.textContent = String(value);
      else element.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of [].concat(children)) {
      if (child === null || child === undefined) continue;
      element.append(typeof child === 'string' ? doc.createTextNode(child) : child);
    }
    return element;
  };
}

// How a live measure is shown: fixed digits when the author gave them, else 4 significant digits.
export function formatMeasure(value, digits = null) {
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) return '–';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const text = digits === null ? String(Number(value.toPrecision(4))) : value.toFixed(digits);
  return text.replace(/^-/, '−');
}

function addStylesheet(doc, relative) {
  const href = new URL(relative, import.meta.url).href;
  if (!doc.head || [...doc.head.querySelectorAll('link')].some((link) => link.href === href)) return;
  const link = doc.createElement('link');
  link.setAttribute('rel', 'stylesheet');
  link.setAttribute('href', href);
  doc.head.append(link);
}

async function loadKatex(doc) {
  try {
    addStylesheet(doc, '../../vendor/katex/katex.min.css');
    const module = await import('../../vendor/katex/katex.mjs');
    return katexRenderer(module.default ?? module);
  } catch {
    // Formulas then show as their TeX source; the lesson still works.
    return null;
  }
}

// Renders `lesson` (from parseLesson) into `container` and starts it.
// options:
//   store       ProgressStore (required)
//   document    the document to build with (default: container.ownerDocument)
//   renderMath  (tex, display) -> HTML; default: KaTeX from /vendor/katex, loaded on demand
//   lessonHref  (lessonId) -> URL of a lesson page, for the "next" and prerequisite links
//   loadWidget  (name) -> Promise, defines the custom element al-<name> (the widget catalog's);
//               a widget that fails to load is replaced by a message, the rest of the page works
// Resolves with { lesson, widgets: Map(id -> element), evaluateAll(), destroy() }.
export async function renderLessonPage(container, lesson, options = {}) {
  const { store } = options;
  if (!store) throw new TypeError('renderLessonPage needs options.store (a ProgressStore)');
  const doc = options.document ?? container.ownerDocument ?? globalThis.document;
  // The offline single-file page carries the lesson styles inline (no file beside it to link).
  if (options.stylesheets !== false) addStylesheet(doc, './lesson.css');
  const renderMath = options.renderMath === undefined ? await loadKatex(doc) : options.renderMath;
  // The site's hash route for a lesson.
  const lessonHref = options.lessonHref ?? ((id) => `#/lesson/${encodeURIComponent(id)}`);
  const widgetFailures = new Map();
  if (options.loadWidget) {
    const names = [...new Set(lesson.widgets.map((w) => w.widget))];
    await Promise.all(names.map((name) => Promise.resolve()
      .then(() => options.loadWidget(name))
      .catch((error) => widgetFailures.set(name, error?.message ?? String(error)))));
  }
  const el = builder(doc);
  pageCount += 1;
  const prefix = `al-lesson-${pageCount}`;
  let idCount = 0;
  const uid = (name) => `${prefix}-${name}-${++idCount}`;

  const measures = Object.create(null);
  const widgets = new Map();
  const liveNumbers = [];
  const cleanups = [];
  const taskViews = new Map();
  const quizViews = new Map();
  const itemIds = [...lesson.tasks.map((t) => t.id), ...lesson.quizzes.map((q) => q.id)];
  let completedThisVisit = store.summary(lesson.id, itemIds).complete;

  const markdown = (text, line, widgetScope = null) => {
    const { nodes } = parseMarkdown(text ?? '', line);
    return materialize(nodes, doc, {
      renderMath: renderMath ?? undefined,
      live: (element, ref) => liveNumbers.push({ element, ref: { ...ref, widget: ref.widget ?? widgetScope ?? (lesson.widgets.length === 1 ? lesson.widgets[0].id : null) } }),
    });
  };
  const announcer = el('p', { class: 'la-visually-hidden', 'aria-live': 'polite', role: 'status' });
  const announce = (text) => { announcer.textContent = text; };
  const emit = (type, detail) => container.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));

  // Header: title, time, prerequisites, objectives, progress, storage warnings.
  const titleId = uid('title');
  const article = el('article', { class: 'al-lesson', 'aria-labelledby': titleId, 'data-lesson': lesson.id });
  const progressLine = el('p', { class: 'al-lesson-progress' });
  const meta = el('p', { class: 'al-lesson-meta' }, [`About ${lesson.minutes} minutes.`]);
  if (lesson.prerequisites.length) {
    meta.append(' Before this: ');
    lesson.prerequisites.forEach((id, k) => {
      if (k) meta.append(', ');
      meta.append(el('a', { href: lessonHref(id), text: id }));
    });
    meta.append('.');
  }
  const objectivesId = uid('objectives');
  const warning = el('div', { class: 'al-storage-warning', role: 'alert', hidden: true });
  article.append(el('header', { class: 'al-lesson-header' }, [
    el('h1', { id: titleId, text: lesson.title }),
    meta,
    el('section', { class: 'al-objectives', 'aria-labelledby': objectivesId }, [
      el('h2', { id: objectivesId, text: 'What you will learn' }),
      el('ul', {}, lesson.objectives.map((o) => el('li', {}, [markdownInline(o)]))),
    ]),
    progressLine,
    warning,
  ]));

  function markdownInline(text) {
    const { nodes } = parseMarkdown(text, 1);
    const span = el('span');
    for (const node of nodes) span.append(materialize(node.tag === 'p' ? node.children : [node], doc, { renderMath: renderMath ?? undefined }));
    return span;
  }

  let taskNumber = 0;
  let quizNumber = 0;
  const predictions = [];
  for (const block of lesson.blocks) {
    if (block.kind === 'prose') article.append(markdown(block.text, block.line));
    else if (block.kind === 'widget') article.append(renderWidget(block));
    else if (block.kind === 'task') article.append(renderTask(block, ++taskNumber));
    else if (block.kind === 'quiz') article.append(renderQuiz(block, ++quizNumber));
    else if (block.kind === 'think') article.append(renderThink(block));
    else if (block.kind === 'summary') article.append(renderSummary(block));
    else if (block.kind === 'claim') article.append(renderClaim(block));
    else if (block.kind === 'predict') {
      const widgetScope = block.widget ?? (lesson.widgets.length === 1 ? lesson.widgets[0].id : null);
      const view = renderPrediction(block, predictions.length + 1, {
        el, uid, announce, markdownInline,
        markdown: (text, line) => markdown(text, line, block.widget),
        lookup: () => measuresLookup(measures, widgetScope),
      });
      predictions.push(view);
      article.append(view.element);
    }
  }
  article.append(renderFooter(), announcer);
  container.replaceChildren(article);

  function renderWidget(block) {
    if (widgetFailures.has(block.widget)) {
      return el('div', { class: 'al-widget-block al-widget-failed', role: 'alert' }, [
        el('p', { text: `The ${block.widget} widget could not be loaded (${widgetFailures.get(block.widget)}). Reload the page to try again.` }),
      ]);
    }
    const element = doc.createElement(`al-${block.widget}`);
    element.setAttribute('id', uid(`widget-${block.id}`));
    element.setAttribute('data-widget-id', block.id);
    if (block.config) element.setAttribute('config', block.config);
    if (block.hide.length) element.setAttribute('hide', block.hide.join(','));
    if (block.lock.length) element.setAttribute('lock', block.lock.join(','));
    if (lesson.widgets.filter((other) => other.widget === block.widget).length > 1) element.setAttribute('label', block.id);
    widgets.set(block.id, element);
    const onMeasures = (event) => {
      if (event.target !== element) return;
      update(block.id, event.detail?.measures ?? element.measures);
    };
    element.addEventListener('measures', onMeasures);
    cleanups.push(() => element.removeEventListener('measures', onMeasures));
    Promise.resolve(element.ready).then(() => { if (element.measures) update(block.id, element.measures); }, () => {});
    return el('div', { class: 'al-widget-block' }, [element]);
  }

  function renderTask(task, number) {
    const headingId = uid('task');
    const status = el('p', { class: 'al-task-status' });
    const explanation = el('div', { class: 'al-task-explanation', hidden: true }, [
      el('p', { class: 'al-task-explanation-title' }, [el('strong', { text: 'Why it works' })]),
      markdown(task.explanation, task.explanationLine, task.widget),
    ]);
    const hintList = el('ol', { class: 'al-hints' });
    let shown = 0;
    const hintButton = el('button', { type: 'button', class: 'al-hint-button' });
    const updateHintButton = () => {
      hintButton.textContent = `Show a hint (${shown + 1} of ${task.hints.length})`;
      hintButton.hidden = shown >= task.hints.length;
    };
    hintButton.addEventListener('click', () => {
      if (shown >= task.hints.length) return;
      const hint = task.hints[shown];
      hintList.append(el('li', {}, [markdown(hint.text, hint.line, task.widget)]));
      shown += 1;
      announce(`Hint ${shown} shown.`);
      updateHintButton();
    });
    updateHintButton();
    const section = el('section', { class: 'al-task', 'aria-labelledby': headingId, 'data-task': task.id }, [
      el('h3', { id: headingId, text: `Task ${number}` }),
      el('div', { class: 'al-task-instruction' }, [markdown(task.instruction, task.instructionLine, task.widget)]),
      status,
      task.hints.length ? el('div', { class: 'al-task-hints' }, [hintList, hintButton]) : null,
      explanation,
    ]);
    const view = {
      task, section, status, explanation,
      setDone(done) {
        section.setAttribute('data-state', done ? 'done' : 'open');
        status.textContent = done ? 'Done.' : 'Not done yet.';
        explanation.hidden = !done;
      },
    };
    view.setDone(store.isDone(lesson.id, task.id));
    taskViews.set(task.id, view);
    return section;
  }

  function renderQuiz(quiz, number) {
    const headingId = uid('quiz');
    const questionId = uid('question');
    const feedback = el('p', { class: 'al-quiz-feedback', 'aria-live': 'polite' });
    const form = el('form', { class: 'al-quiz-form', 'aria-labelledby': questionId });
    let attempts = 0;
    let read;
    if (quiz.type === 'choice') {
      const group = uid('choice');
      const fieldset = el('fieldset', { 'aria-describedby': questionId }, [el('legend', { text: 'Choose one answer' })]);
      quiz.choices.forEach((choice, k) => {
        const inputId = uid('option');
        fieldset.append(el('div', { class: 'al-quiz-choice' }, [
          el('input', { type: 'radio', name: group, id: inputId, value: String(k) }),
          el('label', { for: inputId }, [markdownInline(choice.text)]),
        ]));
      });
      form.append(fieldset);
      read = () => {
        const picked = [...form.querySelectorAll('input[type="radio"]')].find((input) => input.checked);
        if (!picked) return { message: 'Choose an answer first.' };
        const choice = quiz.choices[Number(picked.value)];
        return { correct: choice.correct, message: choice.feedback };
      };
    } else {
      const inputId = uid('answer');
      const input = el('input', { type: 'text', inputmode: 'decimal', id: inputId, autocomplete: 'off', class: 'al-quiz-number' });
      form.append(el('div', { class: 'al-quiz-numeric' }, [
        el('label', { for: inputId, text: 'Your answer' }), ' ', input, quiz.unit ? ` ${quiz.unit}` : null,
      ]));
      read = () => {
        const text = input.value.trim().replace(/^−/, '-').replace(',', '.');
        const value = text === '' ? NaN : Number(text);
        const verdict = judgeNumeric(quiz, value);
        if (verdict === 'invalid') return { message: 'Type a number, for example 0.25 or 1e-3.' };
        if (verdict === 'correct') return { correct: true, message: quiz.feedback.correct };
        return { correct: false, message: quiz.feedback[verdict] ?? quiz.feedback.wrong };
      };
    }
    form.append(el('button', { type: 'submit', text: 'Check answer' }));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const result = read();
      feedback.replaceChildren(markdownInline(result.message ?? ''));
      if (result.correct === undefined) return;
      attempts += 1;
      feedback.setAttribute('data-result', result.correct ? 'correct' : 'wrong');
      if (result.correct) {
        // Full marks for a first right answer, less for each earlier wrong one.
        completeItem(quiz.id, 1 / attempts, `Quiz ${number} answered correctly.`);
      }
    });
    const section = el('section', { class: 'al-quiz', 'aria-labelledby': headingId, 'data-quiz': quiz.id }, [
      el('h3', { id: headingId, text: `Quiz ${number}` }),
      el('div', { id: questionId, class: 'al-quiz-question' }, [markdown(quiz.question, quiz.questionLine)]),
      form,
      feedback,
    ]);
    const view = { section, setDone: (done) => section.setAttribute('data-state', done ? 'done' : 'open') };
    view.setDone(store.isDone(lesson.id, quiz.id));
    quizViews.set(quiz.id, view);
    return section;
  }

  function renderThink(block) {
    const headingId = uid('think');
    const aside = el('aside', { class: 'al-think', 'aria-labelledby': headingId }, [
      el('h3', { id: headingId, text: 'Think!' }),
      markdown(block.prompt, block.promptLine),
    ]);
    if (block.reveal) {
      const revealId = uid('reveal');
      const reveal = el('div', { id: revealId, class: 'al-think-reveal', hidden: true }, [markdown(block.reveal, block.revealLine)]);
      const button = el('button', { type: 'button', 'aria-expanded': 'false', 'aria-controls': revealId, text: 'Show a discussion' });
      button.addEventListener('click', () => {
        const open = reveal.hidden;
        reveal.hidden = !open;
        button.setAttribute('aria-expanded', String(open));
        button.textContent = open ? 'Hide the discussion' : 'Show a discussion';
      });
      aside.append(button, reveal);
    }
    return aside;
  }

  // A declared claim: its statement and the value the test suite re-measures (claim-format.js).
  function renderClaim(block) {
    const headingId = uid('claim');
    const runs = describeRuns(block);
    // A note, not a landmark: a lesson has several claims, and landmarks must be unique.
    return el('div', { class: 'al-claim', role: 'note', 'aria-labelledby': headingId, 'data-claim': block.id }, [
      el('h3', { id: headingId, text: 'Measured claim' }),
      markdown(block.statement, block.statementLine),
      el('p', { class: 'al-claim-value' }, [
        'Measured: ', el('strong', { class: 'al-live', text: block.shownText }),
        runs ? ` (${runs})` : '',
        '. The lab\'s tests re-run this measurement with the core on every change and fail unless ',
        el('code', { text: block.holds }), ' holds.',
      ]),
    ]);
  }

  function renderSummary(block) {
    const headingId = uid('summary');
    return el('section', { class: 'al-summary', 'aria-labelledby': headingId }, [
      el('h2', { id: headingId, text: 'Summary' }),
      markdown(block.text, block.textLine),
    ]);
  }

  function renderFooter() {
    const footer = el('footer', { class: 'al-lesson-footer' });
    if (lesson.references.length) {
      const id = uid('references');
      footer.append(el('section', { 'aria-labelledby': id }, [
        el('h2', { id, text: 'References' }),
        el('ul', {}, lesson.references.map((r) => el('li', {}, [markdownInline(r)]))),
      ]));
    }
    if (lesson.next) {
      footer.append(el('p', { class: 'al-next' }, [el('a', { href: lessonHref(lesson.next), text: 'Next lesson' })]));
    }
    const resetButton = el('button', { type: 'button', text: 'Reset this lesson' });
    resetButton.addEventListener('click', () => {
      store.resetLesson(lesson.id);
      completedThisVisit = false;
      announce('Progress of this lesson was reset.');
      evaluateAll();
    });
    footer.append(el('details', { class: 'al-reset' }, [
      el('summary', { text: 'Start this lesson again' }),
      el('p', { text: 'This clears the tasks and quizzes you have done in this lesson. Other lessons keep their progress.' }),
      resetButton,
    ]));
    footer.append(progressFileControls());
    return footer;
  }

  function progressFileControls() {
    const exportButton = el('button', { type: 'button', text: 'Export progress to a file' });
    exportButton.addEventListener('click', () => downloadProgress(doc, store));
    const fileId = uid('import');
    const fileInput = el('input', { type: 'file', id: fileId, accept: 'application/json,.json' });
    const message = el('p', { class: 'al-import-message', 'aria-live': 'polite' });
    fileInput.addEventListener('change', async () => {
      const file = fileInput.files?.[0];
      if (!file) return;
      try {
        checkImportSize(file.size);
        store.importJSON(await file.text());
        message.textContent = 'Progress imported.';
      } catch (error) {
        message.textContent = `Could not import: ${error.message}`;
      }
    });
    return el('div', { class: 'al-progress-file' }, [
      exportButton, ' ', el('label', { for: fileId, text: 'Import progress from a file' }), ' ', fileInput, message,
    ]);
  }

  function showWarning() {
    const { warning: w, corruption } = store.status;
    const parts = [];
    if (corruption) parts.push(corruptionMessage(corruption));
    if (w) parts.push(w.message);
    warning.hidden = parts.length === 0;
    if (parts.length) {
      const exportButton = el('button', { type: 'button', text: 'Export progress' });
      exportButton.addEventListener('click', () => downloadProgress(doc, store));
      warning.replaceChildren(el('p', { text: parts.join(' ') }), exportButton);
    }
  }

  function refreshProgress() {
    const s = store.summary(lesson.id, itemIds);
    progressLine.textContent = s.complete
      ? `Lesson complete: all ${s.total} tasks and quizzes done.`
      : `${s.done} of ${s.total} tasks and quizzes done.`;
    article.setAttribute('data-complete', String(s.complete));
    for (const [id, view] of taskViews) view.setDone(store.isDone(lesson.id, id));
    for (const [id, view] of quizViews) view.setDone(store.isDone(lesson.id, id));
  }

  function completeItem(itemId, score, message, record = undefined) {
    const isNew = store.complete(lesson.id, itemId, score, record);
    refreshProgress();
    if (!isNew) return;
    announce(message);
    emit('task-completed', { lesson: lesson.id, task: itemId, score });
    const s = store.summary(lesson.id, itemIds);
    if (s.complete && !completedThisVisit) {
      completedThisVisit = true;
      store.completeLesson(lesson.id);
      announce(`${message} Lesson complete.`);
      emit('lesson-completed', { lesson: lesson.id });
    }
  }

  // The values of the measures a task's check read when it was met: the student's own numbers,
  // kept with the progress for the summary page.
  function recordOf(task) {
    const lookup = measuresLookup(measures, defaultWidgetOf(task, lesson));
    const record = {};
    for (const { widget, name } of measureReferences(task.tree).slice(0, 16)) {
      const value = lookup(widget, name);
      const ok = typeof value === 'boolean' || (typeof value === 'string' && value.length <= 100) ||
        (typeof value === 'number' && Number.isFinite(value));
      if (ok) record[widget ? `${widget}.${name}` : name] = value;
    }
    return Object.keys(record).length ? record : undefined;
  }

  function evaluateAll() {
    for (const [id, view] of taskViews) {
      if (store.isDone(lesson.id, id)) continue;
      const result = evaluate(view.task.tree, measuresLookup(measures, defaultWidgetOf(view.task, lesson)));
      // The reason a check is not met yet, for authors inspecting the page.
      if (result.reason) view.section.setAttribute('data-reason', result.reason);
      else view.section.removeAttribute('data-reason');
      if (result.value) {
        completeItem(id, 1, `Task ${[...taskViews.keys()].indexOf(id) + 1} done.`, recordOf(view.task));
      }
    }
  }

  function update(widgetId, values) {
    if (!values || typeof values !== 'object') return;
    measures[widgetId] = { ...values };
    for (const { element, ref } of liveNumbers) {
      if (ref.widget !== widgetId) continue;
      const value = Object.prototype.hasOwnProperty.call(values, ref.name) ? values[ref.name] : null;
      element.textContent = formatMeasure(value, ref.digits);
    }
    for (const prediction of predictions) prediction.update();
    evaluateAll();
  }

  const onStoreChange = () => refreshProgress();
  const onStoreWarning = () => showWarning();
  store.addEventListener('change', onStoreChange);
  store.addEventListener('warning', onStoreWarning);
  store.addEventListener('corrupt', onStoreWarning);
  cleanups.push(() => {
    store.removeEventListener('change', onStoreChange);
    store.removeEventListener('warning', onStoreWarning);
    store.removeEventListener('corrupt', onStoreWarning);
  });
  refreshProgress();
  showWarning();

  return {
    lesson,
    widgets,
    evaluateAll,
    destroy() {
      for (const cleanup of cleanups.splice(0)) cleanup();
    },
  };
}

// Offers the progress as a JSON file download.
export function downloadProgress(doc, store) {
  const blob = new Blob([store.exportJSON()], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.setAttribute('href', url);
  link.setAttribute('download', `attractor-lab-progress-${new Date().toISOString().slice(0, 10)}.json`);
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
