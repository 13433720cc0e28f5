// Renders a lesson into a container and runs it: creates the widgets, follows their measures,
// shows quizzes, hints, "Think!" prompts and live numbers. Under each widget a panel shows the task
// the student is on for that widget and announces its completion there. The lesson comes from the
// site build (lessons/<id>.json, scripts/build-lessons.mjs) with its texts parsed into trees and
// its formulas drawn by KaTeX, so the page loads neither a Markdown parser nor KaTeX's code.
// When a task counts is decided in lesson-checks.js (TASK_HOLD_MS; lessons/README.md, "When a
// task counts"); what is written to the progress store, in lesson-progress.js. Emits on the
// container:
//   task-completed   detail { lesson, task, score }   (tasks and quizzes, when first done)
//   lesson-completed detail { lesson }                 (when the last item is done)
import { measuresLookup } from './expression.js';
import { TaskChecks, TASK_HOLD_MS, judgeNumeric } from './lesson-checks.js';
import { LessonProgress, downloadProgress, recordOf } from './lesson-progress.js';
import { describeRuns } from './claim-format.js';
import { renderPrediction } from './predictions.js';
import { materialize } from './render.js';
import { checkImportSize, corruptionMessage } from '../progress/progress-store.js';
import { GLOSSARY, glossaryHref as defaultGlossaryHref } from './glossary.js';

export { TASK_HOLD_MS, downloadProgress };

let pageCount = 0;

// Keys that change a control's value (a Tab or a Shift only moves the focus).
const VALUE_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', 'Enter', ' ']);

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
  // A text value is a setting's identifier (delayed_recall): the student reads words.
  if (typeof value !== 'number') return String(value).replace(/_/g, ' ');
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

// Whether any text of the lesson has a formula (the page then links KaTeX's style sheet).
function hasMath(value) {
  if (!value || typeof value !== 'object') return false;
  if (value.tag === 'math') return true;
  return Object.values(value).some(hasMath);
}

// Renders `lesson` (from parseLesson, or its JSON from the site build) into `container` and
// starts it.
// options:
//   store       ProgressStore (required)
//   document    the document to build with (default: container.ownerDocument)
//   renderMath  (tex, display) -> HTML; default: the HTML the build rendered with KaTeX (then the
//               page links KaTeX's style sheet and fonts, and no KaTeX code); null: formulas as TeX
//   lessonHref  (lessonId) -> URL of a lesson page, for the "next" and prerequisite links
//   lessonTitle (lessonId) -> the lesson's title, or null; links show titles, ids only without
//   loadWidget  (name) -> Promise, defines the custom element al-<name> (the widget catalog's);
//               a widget that fails to load is replaced by a message, the rest of the page works
//   glossaryHref (termId) -> URL of a glossary entry (termId null: the glossary); the first use of each glossary term on the
//               page links there (default: the site's #/glossary; null: no glossary links)
//   holdMs      how long a check must hold before its task counts (default TASK_HOLD_MS)
//   timers      { setTimeout, clearTimeout } for the hold (default: the global ones)
// Resolves with { lesson, widgets: Map(id -> element), evaluateAll(), destroy() }.
export async function renderLessonPage(container, lesson, options = {}) {
  const { store } = options;
  if (!store) throw new TypeError('renderLessonPage needs options.store (a ProgressStore)');
  const doc = options.document ?? container.ownerDocument ?? globalThis.document;
  // The offline single-file page carries the lesson styles inline (no file beside it to link).
  if (options.stylesheets !== false) addStylesheet(doc, './lesson.css');
  if (options.stylesheets !== false && options.renderMath === undefined && hasMath([lesson.objectivesNodes, lesson.blocks, lesson.referencesNodes])) addStylesheet(doc, '../../vendor/katex/katex.min.css');
  const renderMath = options.renderMath;
  // The site's hash route for a lesson.
  const lessonHref = options.lessonHref ?? ((id) => `#/lesson/${encodeURIComponent(id)}`);
  const lessonTitle = (id) => options.lessonTitle?.(id) ?? id;
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
  const progress = new LessonProgress(store, lesson);
  const checks = new TaskChecks(lesson, {
    isDone: (taskId) => progress.isDone(taskId),
    measures,
    holdMs: options.holdMs ?? TASK_HOLD_MS,
    timers: options.timers,
    onHoldEnd: (task) => finishHold(taskViews.get(task.id)),
  });
  const docks = new Map();  // widget id -> the task panel under it
  const taskWidget = (task) => checks.taskWidget(task);

  const glossaryHref = options.glossaryHref === undefined ? defaultGlossaryHref : options.glossaryHref;
  const definedTerms = new Set();
  // The first use of each glossary term on the page becomes a <dfn> (defined in place by
  // term-definitions.js), holding a link to the glossary where the page has one.
  const NOT_LINKED = new Set(['code', 'pre', 'a', 'dfn', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'math', 'live']);
  const linkText = (text) => {
    let first = null;
    for (const entry of GLOSSARY) {
      if (definedTerms.has(entry.id)) continue;
      const match = entry.pattern.exec(text);
      if (match && (!first || match.index < first.match.index)) first = { entry, match };
    }
    if (!first) return [text];
    const { entry, match } = first;
    definedTerms.add(entry.id);
    const term = glossaryHref ? { tag: 'a', attrs: { href: glossaryHref(entry.id), title: `${entry.term}: ${entry.definition}` }, children: [match[0]] } : match[0];
    const defined = { tag: 'dfn', attrs: { 'data-term': entry.id }, children: [term] };
    return [text.slice(0, match.index), defined, ...linkText(text.slice(match.index + match[0].length))].filter((part) => part !== '');
  };
  const linkTerms = (nodes) => nodes.flatMap((node) => {
    if (typeof node === 'string') return linkText(node);
    if (NOT_LINKED.has(node.tag) || !Array.isArray(node.children)) return [node];
    return [{ ...node, children: linkTerms(node.children) }];
  });
  // A text of the lesson (its parsed tree) as DOM; a plain string (a message of the page's own)
  // stays text.
  const treeOf = (nodes) => (typeof nodes === 'string' ? [nodes] : nodes ?? []);
  const markdown = (nodes, widgetScope = null) => {
    const tree = linkTerms(treeOf(nodes));
    return materialize(tree, doc, {
      renderMath,
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
      meta.append(el('a', { href: lessonHref(id), text: lessonTitle(id) }));
    });
    meta.append('.');
  }
  if (glossaryHref) meta.append(' Terms are defined in the ', el('a', { href: glossaryHref(null), text: 'glossary' }), '.');
  const objectivesId = uid('objectives');
  const warning = el('div', { class: 'al-storage-warning', role: 'alert', hidden: true });
  article.append(el('header', { class: 'al-lesson-header' }, [
    el('h1', { id: titleId, text: lesson.title }),
    meta,
    el('section', { class: 'al-objectives', 'aria-labelledby': objectivesId }, [
      el('h2', { id: objectivesId, text: 'What you will learn' }),
      el('ul', {}, lesson.objectives.map((o, k) => el('li', {}, [markdownInline(lesson.objectivesNodes?.[k] ?? o)]))),
    ]),
    progressLine,
    warning,
  ]));

  // Inline text (a list item, a choice, a feedback line): its tree, or a plain string, in a span.
  function markdownInline(nodes) {
    const span = el('span');
    span.append(materialize(treeOf(nodes), doc, { renderMath }));
    return span;
  }

  let taskNumber = 0;
  let quizNumber = 0;
  const predictions = [];
  for (const block of lesson.blocks) {
    if (block.kind === 'prose') article.append(markdown(block.nodes));
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
        markdown: (nodes) => markdown(nodes, block.widget),
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
    followInteraction(element, block.id);
    const dock = renderDock(block.id);
    return el('div', { class: 'al-widget-block' }, [element, dock ? dock.element : null]);
  }

  // What the student does with a widget: a held control pauses every hold on it; a change, a
  // click or a released control is the student's action, and restarts the hold.
  function followInteraction(element, widgetId) {
    const listen = (target, type, handler) => {
      target.addEventListener(type, handler);
      cleanups.push(() => target.removeEventListener(type, handler));
    };
    const release = () => {
      if (!checks.setHeld(widgetId, false)) return;
      studentActed(widgetId);
    };
    listen(element, 'pointerdown', () => { checks.setHeld(widgetId, true); studentActed(widgetId); });
    listen(element, 'keydown', (event) => {
      if (!VALUE_KEYS.has(event.key)) return;
      // A key held down repeats: the value sweeps until it is released.
      if (event.repeat) checks.setHeld(widgetId, true);
      studentActed(widgetId);
    });
    listen(element, 'keyup', (event) => { if (VALUE_KEYS.has(event.key)) { checks.setHeld(widgetId, false); studentActed(widgetId); } });
    for (const type of ['change', 'click']) listen(element, type, () => studentActed(widgetId));
    const view = doc.defaultView;
    if (view?.addEventListener) for (const type of ['pointerup', 'pointercancel', 'blur']) listen(view, type, release);
  }

  function studentActed(widgetId) {
    checks.studentActed(widgetId);
    evaluateAll();
  }

  // The panel under a widget: the task the student is on for this widget, pinned to the bottom
  // of the window while the widget is on screen, and the message when one is done.
  function renderDock(widgetId) {
    const tasks = lesson.tasks.filter((task) => taskWidget(task) === widgetId);
    if (!tasks.length) return null;
    const headingId = uid('dock');
    const heading = el('h3', { id: headingId, class: 'al-dock-heading' });
    const instruction = el('div', { class: 'al-dock-instruction' });
    const state = el('p', { class: 'al-dock-state', 'data-role': 'task-state' });
    const confirm = el('button', { type: 'button', class: 'al-dock-confirm', text: 'Count it', hidden: true });
    const open = el('button', { type: 'button', class: 'al-dock-open', text: 'Work on this task now', hidden: true });
    // A button, not a #fragment link: the site routes on the address's fragment.
    const details = el('button', { type: 'button', class: 'al-dock-details', text: 'Hints and details' });
    const done = el('p', { class: 'al-dock-done', role: 'status', 'aria-live': 'polite', 'data-role': 'task-done' });
    const element = el('div', { class: 'al-task-dock', role: 'group', 'aria-labelledby': headingId, 'data-dock': widgetId }, [
      done, heading, instruction, el('div', { class: 'al-dock-actions' }, [state, confirm, open, details]),
    ]);
    const instructions = new Map();
    const dock = { element, tasks, current: null, done };
    confirm.addEventListener('click', () => {
      if (!dock.current) return;
      checks.confirm(dock.current.id);
      evaluateAll();
    });
    open.addEventListener('click', () => { if (dock.current) openTask(dock.current.id); });
    details.addEventListener('click', () => {
      const heading = dock.current && taskViews.get(dock.current.id).section.querySelector('h3');
      if (!heading) return;
      heading.setAttribute('tabindex', '-1');
      heading.scrollIntoView?.({ block: 'start' });
      heading.focus?.();
    });
    const setText = (node, text) => { if (node.textContent !== text) node.textContent = text; };
    dock.refresh = () => {
      const current = tasks.find((task) => !progress.isDone(task.id)) ?? null;
      dock.current = current;
      element.setAttribute('data-task', current ? current.id : '');
      if (!current) {
        setText(heading, 'Every task for this widget is done');
        instruction.replaceChildren();
        setText(state, '');
        confirm.hidden = true;
        open.hidden = true;
        details.hidden = true;
        return;
      }
      const number = lesson.tasks.indexOf(current) + 1;
      setText(heading, `Task ${number} of ${lesson.tasks.length}`);
      if (!instructions.has(current.id)) instructions.set(current.id, el('div', {}, [markdown(current.instructionNodes ?? current.instruction, current.widget)]));
      if (instruction.firstChild !== instructions.get(current.id)) instruction.replaceChildren(instructions.get(current.id));
      details.hidden = false;
      details.setAttribute('aria-controls', taskViews.get(current.id).section.id);
      const gate = checks.gate(current.id);
      const before = lesson.tasks.slice(0, number - 1).filter((task) => !progress.isDone(task.id));
      let text = '';
      if (!gate.reached) text = `Comes after task ${before.map((task) => lesson.tasks.indexOf(task) + 1).join(', ')}.`;
      else if (gate.met && !gate.acted) text = 'Your widget already does this, from an earlier step. Change something, or count it as it is:';
      else if (gate.met && checks.isHeld(widgetId)) text = 'Let go of the control to check.';
      else if (gate.met) text = 'Keep it there a moment…';
      setText(state, text);
      element.setAttribute('data-state', !gate.reached ? 'later' : gate.met ? (gate.acted ? 'holding' : 'already-met') : 'open');
      confirm.hidden = !(gate.reached && gate.met && !gate.acted);
      open.hidden = gate.reached;
    };
    docks.set(widgetId, dock);
    return dock;
  }

  function openTask(taskId) {
    if (!checks.open(taskId)) return;
    announce(`Task ${lesson.tasks.findIndex((task) => task.id === taskId) + 1} opened.`);
    evaluateAll();
  }

  function renderTask(task, number) {
    const headingId = uid('task');
    const status = el('p', { class: 'al-task-status' });
    const explanation = el('div', { class: 'al-task-explanation', hidden: true }, [
      el('p', { class: 'al-task-explanation-title' }, [el('strong', { text: 'Why it works' })]),
      markdown(task.explanationNodes ?? task.explanation, task.widget),
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
      hintList.append(el('li', {}, [markdown(hint.nodes ?? hint.text, task.widget)]));
      shown += 1;
      announce(`Hint ${shown} shown.`);
      updateHintButton();
    });
    updateHintButton();
    const openButton = el('button', { type: 'button', class: 'al-task-open', text: 'Work on this task now', hidden: true });
    openButton.addEventListener('click', () => openTask(task.id));
    const section = el('section', { class: 'al-task', id: uid(`task-${task.id}`), 'aria-labelledby': headingId, 'data-task': task.id }, [
      el('h3', { id: headingId, text: `Task ${number}` }),
      el('div', { class: 'al-task-instruction' }, [markdown(task.instructionNodes ?? task.instruction, task.widget)]),
      status,
      openButton,
      task.hints.length ? el('div', { class: 'al-task-hints' }, [hintList, hintButton]) : null,
      explanation,
    ]);
    const view = {
      task, section, status, explanation, openButton,
      setDone(done) {
        section.setAttribute('data-state', done ? 'done' : 'open');
        status.textContent = done ? 'Done.' : 'Not done yet.';
        explanation.hidden = !done;
        if (done) openButton.hidden = true;
      },
    };
    view.setDone(progress.isDone(task.id));
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
          el('label', { for: inputId }, [markdownInline(choice.textNodes ?? choice.text)]),
        ]));
      });
      form.append(fieldset);
      read = () => {
        const picked = [...form.querySelectorAll('input[type="radio"]')].find((input) => input.checked);
        if (!picked) return { message: 'Choose an answer first.' };
        const choice = quiz.choices[Number(picked.value)];
        return { correct: choice.correct, message: choice.feedbackNodes ?? choice.feedback };
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
        const feedbackOf = (name) => quiz.feedbackNodes?.[name] ?? quiz.feedback[name];
        if (verdict === 'correct') return { correct: true, message: feedbackOf('correct') };
        return { correct: false, message: feedbackOf(verdict) ?? feedbackOf('wrong') };
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
      el('div', { id: questionId, class: 'al-quiz-question' }, [markdown(quiz.questionNodes ?? quiz.question)]),
      form,
      feedback,
    ]);
    const view = { section, setDone: (done) => section.setAttribute('data-state', done ? 'done' : 'open') };
    view.setDone(progress.isDone(quiz.id));
    quizViews.set(quiz.id, view);
    return section;
  }

  function renderThink(block) {
    const headingId = uid('think');
    const aside = el('aside', { class: 'al-think', 'aria-labelledby': headingId }, [
      el('h3', { id: headingId, text: 'Think!' }),
      markdown(block.promptNodes ?? block.prompt),
    ]);
    if (block.reveal) {
      const revealId = uid('reveal');
      const reveal = el('div', { id: revealId, class: 'al-think-reveal', hidden: true }, [markdown(block.revealNodes ?? block.reveal)]);
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
      markdown(block.statementNodes ?? block.statement),
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
      markdown(block.nodes ?? block.text),
    ]);
  }

  function renderFooter() {
    const footer = el('footer', { class: 'al-lesson-footer' });
    if (lesson.references.length) {
      const id = uid('references');
      footer.append(el('section', { 'aria-labelledby': id }, [
        el('h2', { id, text: 'References' }),
        el('ul', {}, lesson.references.map((r, k) => el('li', {}, [markdownInline(lesson.referencesNodes?.[k] ?? r)]))),
      ]));
    }
    if (lesson.next) {
      const title = lessonTitle(lesson.next);
      footer.append(el('p', { class: 'al-next' }, [el('a', { href: lessonHref(lesson.next), text: title === lesson.next ? 'Next lesson' : `Next lesson: ${title}` })]));
    }
    const resetButton = el('button', { type: 'button', text: 'Reset this lesson' });
    resetButton.addEventListener('click', () => {
      progress.reset();
      checks.reset();
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
    progressLine.textContent = progress.text();
    article.setAttribute('data-complete', String(progress.summary().complete));
    for (const [id, view] of taskViews) view.setDone(progress.isDone(id));
    for (const [id, view] of quizViews) view.setDone(progress.isDone(id));
  }

  // `announceHere` (optional) says the message where the student is looking instead of in the
  // page's own live region.
  function completeItem(itemId, score, message, record = undefined, announceHere = null) {
    const isNew = progress.record(itemId, score, record);
    refreshProgress();
    if (!isNew) return;
    if (announceHere) announceHere(message);
    else announce(message);
    emit('task-completed', { lesson: lesson.id, task: itemId, score });
    if (progress.completeLessonIfDone()) {
      announce(`${message} Lesson complete.`);
      emit('lesson-completed', { lesson: lesson.id });
    }
  }

  function evaluateAll() {
    for (const [id, view] of taskViews) {
      if (progress.isDone(id)) {
        checks.stopHold(checks.gate(id));
        continue;
      }
      const { reached, result } = checks.evaluate(view.task);
      view.section.setAttribute('data-reached', String(reached));
      view.openButton.hidden = reached;
      // The reason a check is not met yet, for authors inspecting the page.
      if (result.reason) view.section.setAttribute('data-reason', result.reason);
      else view.section.removeAttribute('data-reason');
      view.section.setAttribute('data-check', String(result.value));
    }
    for (const dock of docks.values()) dock.refresh();
  }

  // The hold ran out with no update that made the check false: the task counts if it still may.
  function finishHold(view) {
    const { task } = view;
    if (!checks.mayCount(task)) {
      evaluateAll();
      return;
    }
    const number = lesson.tasks.indexOf(task) + 1;
    const dock = docks.get(taskWidget(task));
    const announceHere = dock ? (message) => {
      const next = dock.tasks.find((other) => other !== task && !progress.isDone(other.id));
      dock.done.textContent = `${message}${next ? ` Next here: task ${lesson.tasks.indexOf(next) + 1}.` : ''}`;
      dock.element.setAttribute('data-just-done', task.id);
    } : null;
    completeItem(task.id, 1, `Task ${number} done.`, recordOf(task, lesson, measures), announceHere);
    evaluateAll();
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

  const onStoreChange = () => {
    refreshProgress();
    evaluateAll();
  };
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
  evaluateAll();

  return {
    lesson,
    widgets,
    evaluateAll,
    destroy() {
      checks.stopAll();
      for (const cleanup of cleanups.splice(0)) cleanup();
    },
  };
}
