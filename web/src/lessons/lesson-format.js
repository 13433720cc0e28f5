// Reads and validates a lesson file (format: lessons/README.md). Runs in node (the site build,
// the validator CLI, tests); the browser gets the result as JSON (scripts/build-lessons.mjs), with
// every text already parsed into a tree (markdown.js) and every formula rendered by KaTeX. Every
// problem is reported as { file, line, reason } so an author can go straight to it; parsing
// continues after a problem so one run lists them all.
import markdownItContainer from 'markdown-it-container';
import { ExpressionError, parseExpression, measureReferences } from './expression.js';
import { KATEX_OPTIONS, formulaProblem, walkTree } from './render.js';
import { lessonMarkdownIt, parseMarkdown } from './markdown.js';
import { defaultWidgetOf, judgeNumeric } from './lesson-checks.js';
import { buildClaim } from './claim-format.js';
import { buildPrediction, predictionExpressions } from './predictions.js';

export const WIDGET_NAMES = Object.freeze([
  'line', 'ring', 'oscillator', 'tanh-map', 'hd-duel', 'rnn-trainer', 'force-lms', 'wave-lattice', 'robustness-arena',
]);

const META_KEYS = new Set(['id', 'title', 'objectives', 'minutes', 'prerequisites', 'references', 'next']);
const LIST_KEYS = new Set(['objectives', 'prerequisites', 'references']);
const LESSON_ID = /^[a-z0-9][a-z0-9-]*$/;
const ITEM_ID = /^[a-z0-9][a-z0-9-]*$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const BLOCK_KINDS = new Set(['widget', 'task', 'quiz', 'think', 'summary', 'claim', 'predict']);

// Measures that count what was done (steps, trials, runs, time, progress) or echo what the
// student chose, rather than measure what happened. A check that reads only these and the
// widget's settings is met by pressing buttons, so the validator warns about it.
export const COUNTER_MEASURES = Object.freeze({
  line: ['time_s', 'drift_reference_time_s'],
  ring: ['time_s', 'drift_reference_time_s'],
  oscillator: ['time_s', 'time_steps', 'window_time_s', 'measuring', 'section_points', 'lyapunov_progress'],
  'tanh-map': ['time_steps', 'grid_progress', 'grid_size'],
  'hd-duel': ['time_s', 'map_cells_measured'],
  'rnn-trainer': ['steps', 'previous_steps', 'gradient_horizon_T'],
  'force-lms': ['trial', 'trials_to_criterion', 'values_stored', 'previous_trial'],
  'wave-lattice': ['time_step', 'phase', 'rnn_steps', 'rnn_training', 's', 'd'],
  'robustness-arena': ['mechanisms_selected', 'mechanisms_measured', 'running', 'progress',
    'torus_networks_measured', 'horizon_steps', 'prediction', 'prediction_at_run'],
});

// The page's check evaluation lives in lesson-checks.js (the browser loads no parser); these two
// are re-exported for the tools that read a lesson and judge it.
export { defaultWidgetOf, judgeNumeric };

export function formatProblem({ file, line, column, reason }) {
  return `${file}:${line}${column ? `:${column}` : ''}: ${reason}`;
}

// Parses the front matter: "key: value" lines, lists as "- item" lines under "key:" or "[a, b]".
function parseFrontMatter(lines, startIndex, problem) {
  const meta = {};
  const metaLines = {};
  let key = null;
  let index = startIndex;
  for (; index < lines.length; index += 1) {
    const line = lines[index];
    const lineNo = index + 1;
    if (line.trim() === '---') return { meta, metaLines, end: index + 1 };
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const item = /^\s+-\s+(.*)$/.exec(line);
    if (item) {
      if (key === null || !Array.isArray(meta[key])) {
        problem(lineNo, 'a "- item" line must follow a list key such as "objectives:"');
      } else {
        meta[key].push(unquote(item[1]));
      }
      continue;
    }
    const pair = /^([A-Za-z_][A-Za-z0-9_-]*):\s*(.*)$/.exec(line);
    if (!pair) {
      problem(lineNo, `front matter lines are "key: value", not "${line.trim()}"`);
      key = null;
      continue;
    }
    key = pair[1];
    if (!META_KEYS.has(key)) {
      problem(lineNo, `unknown front matter key "${key}"; the keys are ${[...META_KEYS].join(', ')}`);
      key = null;
      continue;
    }
    if (Object.prototype.hasOwnProperty.call(meta, key)) problem(lineNo, `"${key}" is given twice`);
    metaLines[key] = lineNo;
    const value = pair[2].trim();
    if (LIST_KEYS.has(key)) {
      if (value === '') meta[key] = [];
      else if (/^\[.*\]$/.test(value)) meta[key] = value.slice(1, -1).split(',').map((s) => unquote(s.trim())).filter(Boolean);
      else { problem(lineNo, `"${key}" is a list: write "- item" lines below it, or [a, b]`); meta[key] = []; }
    } else {
      meta[key] = unquote(value);
    }
  }
  return { meta, metaLines, end: -1 };
}

function unquote(text) {
  const t = text.trim();
  if (t.length >= 2 && ((t[0] === '"' && t.at(-1) === '"') || (t[0] === "'" && t.at(-1) === "'"))) return t.slice(1, -1);
  return t;
}

// Splits "kind word key=value ..." after ":::".
function parseHeader(text) {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const kind = words.shift() ?? '';
  const positional = [];
  const attrs = {};
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq > 0) attrs[word.slice(0, eq)] = word.slice(eq + 1);
    else positional.push(word);
  }
  return { kind, positional, attrs };
}

// Splits a block body into the lead text and "name: value" fields (a field runs on until the next
// field line). Field names are only recognised at the start of a line.
function splitFields(bodyLines, firstLineNo, names) {
  const lead = [];
  const fields = [];
  const pattern = new RegExp(`^(${names.join('|')}):(?:\\s(.*))?$`);
  bodyLines.forEach((line, k) => {
    const m = pattern.exec(line);
    // column: 1-based position in the file line where the (trimmed) value starts.
    if (m) fields.push({ name: m[1], text: m[2] ?? '', line: firstLineNo + k, column: line.length - (m[2] ?? '').trimStart().length + 1 });
    else if (fields.length) fields[fields.length - 1].text += `\n${line}`;
    else lead.push(line);
  });
  for (const field of fields) field.text = field.text.trim();
  return { lead: lead.join('\n'), fields };
}

const firstOf = (fields, name) => fields.find((f) => f.name === name);

// The ":::" blocks are markdown-it-container blocks; the structure pass reads only where they
// open and close (token.map), so that "::: " inside a fenced code example stays text.
const STRUCTURE = lessonMarkdownIt().use(markdownItContainer, 'block', { validate: (params) => params.trim() !== '' });
const CLOSER = /^\s{0,3}:::\s*$/;

// Splits the body (from line index `start`) into prose between blocks and ":::" blocks, each
// { kind, header, line, body: [lines] } with its file line.
function readBody(lines, start, problem) {
  const bodyText = lines.map((line, k) => (k < start ? '' : line)).join('\n');
  const tokens = STRUCTURE.parse(bodyText, { firstLine: 1, problems: [] });
  STRUCTURE.rawLinks.clear();
  const blocks = [];
  let proseStart = start;
  const flushProse = (until) => {
    const prose = lines.slice(proseStart, until);
    if (prose.some((l) => l.trim() !== '')) blocks.push({ kind: 'prose', line: proseStart + 1, text: prose.join('\n') });
  };
  const open = [];  // the blocks and other containers (lists, quotes) around the current token
  for (const token of tokens) {
    if (token.type === 'container_block_open') {
      const lineNo = token.map[0] + 1;
      const header = parseHeader(token.info);
      const around = open.findLast((t) => t.type === 'container_block_open');
      if (around) {
        problem(lineNo, `blocks do not nest: close the ${parseHeader(around.info).kind} block opened on line ${around.map[0] + 1} with ":::" first`);
      } else if (open.length) {
        problem(lineNo, 'a ":::" block starts at the beginning of a line, outside lists and quotes');
      } else {
        flushProse(token.map[0]);
        const closed = token.map[1] < lines.length && CLOSER.test(lines[token.map[1]]);
        if (!BLOCK_KINDS.has(header.kind)) problem(lineNo, `unknown block "${header.kind}"; the blocks are ${[...BLOCK_KINDS].join(', ')}`);
        if (!closed) problem(lineNo, `the ${header.kind} block opened here is not closed with ":::"`);
        blocks.push({ kind: header.kind, header, line: lineNo, body: lines.slice(token.map[0] + 1, token.map[1]) });
        proseStart = closed ? token.map[1] + 1 : lines.length;
      }
    }
    if (token.nesting === 1) open.push(token);
    if (token.nesting === -1) open.pop();
    // A ":::" line outside any block is read as text; the author meant to close a block.
    if (token.type === 'inline' && !open.some((t) => t.type === 'container_block_open')) {
      token.content.split('\n').forEach((text, k) => {
        if (CLOSER.test(text)) problem(token.map[0] + k + 1, '":::" closes a block, but no block is open');
      });
    }
  }
  flushProse(lines.length);
  return blocks;
}

// Parses a lesson. Returns { lesson, problems }; lesson is null when the front matter is unusable.
// options.katex: the katex module, to check every formula and draw it (math nodes get `html`).
// options.checkWidgetConfig(widget, query): the reasons (strings) a widget block's config is not
// accepted, e.g. from the settings registry; none when it is fine.
// options.settingsOf(widget): the names of a widget's settings, so that a check reading only
// settings and counters (COUNTER_MEASURES) is reported in `warnings`; without it only counters
// count.
// options.measuresOf(widget): the measures a widget's schema documents, so that a check, a
// prediction or a live number naming another is a problem; without it names are not checked.
export function parseLesson(text, { file = 'lesson.md', katex = null, checkWidgetConfig = null, settingsOf = null, measuresOf = null } = {}) {
  const problems = [];
  const warnings = [];
  const problem = (line, reason, column) => problems.push(column ? { file, line, column, reason } : { file, line, reason });
  const lines = String(text).replace(/\r\n?/g, '\n').split('\n');

  if (lines[0]?.trim() !== '---') {
    problem(1, 'a lesson starts with front matter: a "---" line, "key: value" lines, and a closing "---"');
    return { lesson: null, problems, warnings };
  }
  const { meta, metaLines, end } = parseFrontMatter(lines, 1, problem);
  if (end < 0) {
    problem(1, 'the front matter is not closed by a "---" line');
    return { lesson: null, problems, warnings };
  }
  checkMeta(meta, metaLines, problem);

  const blocks = readBody(lines, end, problem);

  const lesson = {
    file,
    id: meta.id ?? null,
    title: meta.title ?? '',
    objectives: meta.objectives ?? [],
    minutes: Number(meta.minutes),
    prerequisites: meta.prerequisites ?? [],
    references: meta.references ?? [],
    next: meta.next || null,
    metaLines,
    blocks: [],
    widgets: [],
    tasks: [],
    quizzes: [],
    claims: [],
    predictions: [],
  };
  for (const block of blocks) {
    const built = buildBlock(block, problem);
    if (built) lesson.blocks.push(built);
  }
  lesson.widgets = lesson.blocks.filter((b) => b.kind === 'widget');
  lesson.tasks = lesson.blocks.filter((b) => b.kind === 'task');
  lesson.quizzes = lesson.blocks.filter((b) => b.kind === 'quiz');
  lesson.claims = lesson.blocks.filter((b) => b.kind === 'claim');
  lesson.predictions = lesson.blocks.filter((b) => b.kind === 'predict');
  if (checkWidgetConfig) {
    for (const w of lesson.widgets) {
      if (!WIDGET_NAMES.includes(w.widget)) continue;
      // hide= and lock= are checked with the settings, as the widget reads them.
      const query = new URLSearchParams(w.config);
      if (w.hide.length) query.set('hide', w.hide.join(','));
      if (w.lock.length) query.set('lock', w.lock.join(','));
      for (const reason of checkWidgetConfig(w.widget, query.toString()) ?? []) problem(w.line, `widget ${w.id}: ${reason}`);
    }
  }
  checkLesson(lesson, problem, katex, measuresOf);
  for (const task of lesson.tasks) {
    const counters = countersOnly(task, lesson, settingsOf);
    if (counters) {
      warnings.push({ file, line: task.checkLine, reason: `task "${task.id}": the check reads only counters, step numbers and settings (${counters.join(', ')}), so pressing buttons meets it; check a relation the student measures (a ratio, a sign, a threshold crossing)` });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { lesson, problems, warnings };
}

// The measures a task's check reads, if every one of them is a counter, a step number or a
// setting of its widget (or of the widget's previous run); null when it reads a measured result.
export function countersOnly(task, lesson, settingsOf = null) {
  if (!task.tree) return null;
  const widgetOf = new Map(lesson.widgets.map((w) => [w.id, w.widget]));
  const fallback = defaultWidgetOf(task, lesson);
  const names = [];
  for (const ref of measureReferences(task.tree)) {
    const widget = widgetOf.get(ref.widget ?? fallback);
    if (!widget) return null;
    const settings = settingsOf?.(widget) ?? [];
    const setting = settings.includes(ref.name) || (ref.name.startsWith('previous_') && settings.includes(ref.name.slice(9)));
    if (!setting && !(COUNTER_MEASURES[widget] ?? []).includes(ref.name)) return null;
    names.push(ref.widget ? `${ref.widget}.${ref.name}` : ref.name);
  }
  return names.length ? [...new Set(names)] : null;
}

function checkMeta(meta, metaLines, problem) {
  const at = (key) => metaLines[key] ?? 1;
  if (!meta.id) problem(1, 'the front matter needs "id: <lesson-id>"');
  else if (!LESSON_ID.test(meta.id)) problem(at('id'), `id "${meta.id}" must be lower-case letters, digits and dashes`);
  if (!meta.title) problem(at('title'), 'the front matter needs "title: ..."');
  if (!meta.objectives || meta.objectives.length === 0) problem(at('objectives'), 'the front matter needs "objectives:" with at least one "- item"');
  if (meta.minutes === undefined) problem(1, 'the front matter needs "minutes: <estimated minutes>"');
  else if (!/^[1-9][0-9]*$/.test(meta.minutes)) problem(at('minutes'), `minutes must be a whole number above 0, not "${meta.minutes}"`);
  for (const id of meta.prerequisites ?? []) if (!LESSON_ID.test(id)) problem(at('prerequisites'), `prerequisite "${id}" is not a lesson id`);
  if (meta.next && !LESSON_ID.test(meta.next)) problem(at('next'), `next "${meta.next}" is not a lesson id`);
}

function buildBlock(block, problem) {
  const firstBody = block.line + 1;
  const { header } = block;
  switch (block.kind) {
    case 'prose':
      return { kind: 'prose', line: block.line, text: block.text };
    case 'widget': return buildWidget(block, header, firstBody, problem);
    case 'task': return buildTask(block, header, firstBody, problem);
    case 'quiz': return buildQuiz(block, header, firstBody, problem);
    case 'claim': return buildClaim(block, header, firstBody, problem);
    case 'predict': return buildPrediction(block, header, firstBody, problem);
    case 'think': {
      const { lead, fields } = splitFields(block.body, firstBody, ['reveal']);
      if (!lead.trim()) problem(block.line, 'a think block needs a question to think about');
      return { kind: 'think', line: block.line, prompt: lead, promptLine: firstBody, reveal: firstOf(fields, 'reveal')?.text ?? null, revealLine: firstOf(fields, 'reveal')?.line };
    }
    case 'summary':
      if (!block.body.join('').trim()) problem(block.line, 'the summary block is empty');
      return { kind: 'summary', line: block.line, text: block.body.join('\n'), textLine: firstBody };
    default:
      return null;
  }
}

function buildWidget(block, header, firstBody, problem) {
  const [name, ...extra] = header.positional;
  if (!name) { problem(block.line, `a widget block names its widget: "::: widget ring as=ring1"; the widgets are ${WIDGET_NAMES.join(', ')}`); return null; }
  if (!WIDGET_NAMES.includes(name)) problem(block.line, `unknown widget "${name}"; the widgets are ${WIDGET_NAMES.join(', ')}`);
  if (extra.length) problem(block.line, `unexpected "${extra.join(' ')}" in the widget header; options are as=, hide=, lock=`);
  for (const key of Object.keys(header.attrs)) {
    if (!['as', 'hide', 'lock'].includes(key)) problem(block.line, `unknown widget option "${key}="; options are as=, hide=, lock=`);
  }
  const id = header.attrs.as ?? name.replace(/-/g, '_');
  if (!IDENTIFIER.test(id)) problem(block.line, `widget id "${id}" must be letters, digits and underscores, starting with a letter`);
  const list = (value) => (value ? value.split(',').map((s) => s.trim()).filter(Boolean) : []);
  const params = new URLSearchParams();
  block.body.forEach((line, k) => {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) return;
    const pair = /^([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(\S.*)$/.exec(text);
    if (pair) { params.append(pair[1], pair[2].trim()); return; }
    if (/^[A-Za-z_][A-Za-z0-9_]*=[^&\s]*(&[A-Za-z_][A-Za-z0-9_]*=[^&\s]*)*$/.test(text)) {
      for (const [key, value] of new URLSearchParams(text)) params.append(key, value);
      return;
    }
    problem(firstBody + k, `widget config lines are "name: value" or a query string "a=1&b=2", not "${text}"`);
  });
  const seen = new Set();
  for (const key of params.keys()) {
    if (seen.has(key)) problem(block.line, `widget config gives "${key}" more than once`);
    seen.add(key);
  }
  return { kind: 'widget', line: block.line, widget: name, id, config: params.toString(), hide: list(header.attrs.hide), lock: list(header.attrs.lock) };
}

function buildTask(block, header, firstBody, problem) {
  const [id, ...extra] = header.positional;
  if (!id) problem(block.line, 'a task block has an id: "::: task store-a-value"');
  else if (!ITEM_ID.test(id)) problem(block.line, `task id "${id}" must be lower-case letters, digits and dashes`);
  if (extra.length) problem(block.line, `unexpected "${extra.join(' ')}" in the task header; the only option is widget=`);
  for (const key of Object.keys(header.attrs)) if (key !== 'widget') problem(block.line, `unknown task option "${key}="; the only option is widget=`);
  const { lead, fields } = splitFields(block.body, firstBody, ['check', 'hint', 'explanation']);
  const checks = fields.filter((f) => f.name === 'check');
  const explanations = fields.filter((f) => f.name === 'explanation');
  if (!lead.trim()) problem(block.line, `task "${id}" needs an instruction before its fields`);
  if (checks.length !== 1) problem(checks[1]?.line ?? block.line, `task "${id}" needs exactly one "check:" line`);
  if (explanations.length !== 1) problem(explanations[1]?.line ?? block.line, `task "${id}" needs exactly one "explanation:" (shown once the task is done)`);
  const check = checks[0];
  let tree = null;
  if (check) {
    if (check.text.includes('\n')) problem(check.line, `task "${id}": the check must be on one line`);
    try {
      // Each run of white space with a line break becomes one space (one regex match per run).
      tree = parseExpression(check.text.replace(/\s+/g, (space) => (space.includes('\n') ? ' ' : space)));
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      problem(check.line, `task "${id}": check: ${error.reason}`, check.column + error.position);
    }
  }
  return {
    kind: 'task',
    line: block.line,
    id: id ?? '',
    widget: header.attrs.widget ?? null,
    instruction: lead,
    instructionLine: firstBody,
    check: check?.text ?? '',
    checkLine: check?.line ?? block.line,
    checkColumn: check?.column ?? 1,
    tree,
    hints: fields.filter((f) => f.name === 'hint').map((f) => ({ text: f.text, line: f.line })),
    explanation: explanations[0]?.text ?? '',
    explanationLine: explanations[0]?.line ?? block.line,
  };
}

const CHOICE = /^[-*]\s+\[( |x|X)\]\s+(.*)$/;

function buildQuiz(block, header, firstBody, problem) {
  const [id, ...extra] = header.positional;
  if (!id) problem(block.line, 'a quiz block has an id: "::: quiz which-drifts"');
  else if (!ITEM_ID.test(id)) problem(block.line, `quiz id "${id}" must be lower-case letters, digits and dashes`);
  if (extra.length || Object.keys(header.attrs).length) problem(block.line, 'a quiz header is only "::: quiz <id>"');
  const question = [];
  const choices = [];
  const rest = [];
  block.body.forEach((line, k) => {
    const lineNo = firstBody + k;
    const choice = CHOICE.exec(line);
    const feedback = /^\s+feedback:\s*(.*)$/.exec(line);
    if (choice) choices.push({ text: choice[2].trim(), correct: choice[1] !== ' ', feedback: '', line: lineNo });
    else if (feedback && choices.length) choices[choices.length - 1].feedback = feedback[1].trim();
    else if (choices.length && /^\s+\S/.test(line)) choices[choices.length - 1].feedback += ` ${line.trim()}`;
    else if (choices.length && line.trim() !== '') rest.push({ line, k });
    else if (choices.length === 0) question.push(line);
  });
  const { lead, fields } = splitFields(question, firstBody, ['answer', 'tolerance', 'unit', 'correct', 'wrong', 'low', 'high']);
  for (const { line, k } of rest) problem(firstBody + k, `after the choices only indented "feedback:" lines may follow, not "${line.trim()}"`);
  if (!lead.trim()) problem(block.line, `quiz "${id}" needs a question`);
  const base = { kind: 'quiz', line: block.line, id: id ?? '', question: lead, questionLine: firstBody };
  if (choices.length) {
    if (fields.length) problem(fields[0].line, `quiz "${id}" has choices, so "${fields[0].name}:" does not apply (it is for numeric answers)`);
    if (choices.length < 2) problem(block.line, `quiz "${id}" needs at least two choices`);
    const correct = choices.filter((c) => c.correct).length;
    if (correct !== 1) problem(block.line, `quiz "${id}" needs exactly one choice marked [x], not ${correct}`);
    for (const c of choices) {
      if (!c.feedback.trim()) problem(c.line, `quiz "${id}": every choice needs an indented "feedback:" line below it`);
      c.feedback = c.feedback.trim();
    }
    return { ...base, type: 'choice', choices };
  }
  const field = (name) => firstOf(fields, name);
  for (const f of fields) if (fields.filter((g) => g.name === f.name).length > 1) problem(f.line, `quiz "${id}": "${f.name}:" is given twice`);
  const answerField = field('answer');
  if (!answerField) {
    problem(block.line, `quiz "${id}" needs choices ("- [x] ..." lines) or a numeric "answer:"`);
    return { ...base, type: 'numeric', answer: NaN, tolerance: { kind: 'absolute', value: 0 }, unit: '', feedback: {} };
  }
  const answer = Number(answerField.text);
  if (answerField.text === '' || !Number.isFinite(answer)) problem(answerField.line, `quiz "${id}": answer must be a number, not "${answerField.text}"`);
  let tolerance = { kind: 'absolute', value: 0 };
  const tolField = field('tolerance');
  if (!tolField) problem(block.line, `quiz "${id}" needs "tolerance:" (a number, or a percentage like 5%)`);
  else {
    const m = /^([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*(%?)$/.exec(tolField.text);
    if (!m) problem(tolField.line, `quiz "${id}": tolerance must be a number >= 0 or a percentage like 5%, not "${tolField.text}"`);
    else tolerance = m[2] ? { kind: 'relative', value: Number(m[1]) / 100 } : { kind: 'absolute', value: Number(m[1]) };
  }
  const feedback = {};
  for (const name of ['correct', 'wrong', 'low', 'high']) if (field(name)) feedback[name] = field(name).text;
  if (!feedback.correct) problem(block.line, `quiz "${id}" needs "correct:" feedback`);
  if (!feedback.wrong && !(feedback.low && feedback.high)) problem(block.line, `quiz "${id}" needs "wrong:" feedback, or both "low:" and "high:"`);
  return { ...base, type: 'numeric', answer, tolerance, unit: field('unit')?.text ?? '', feedback, feedbackLines: Object.fromEntries(fields.map((f) => [f.name, f.line])) };
}

// Markdown texts of a lesson with their first file line, for checking links, math and live numbers,
// each with where its parsed tree goes: beside the text, as <name>Nodes (a prose or summary
// block's as `nodes`, a hint's as `nodes`). `inline` texts (a list item, a choice, a feedback line)
// keep a lone paragraph's content only, as they are shown inside a label or a sentence.
function textsOf(lesson) {
  const texts = [];
  const add = (text, line, widget, target, key, inline = false) => texts.push({ text, line, widget, inline, set: (nodes) => { target[key] = nodes; } });
  for (const key of ['objectives', 'references']) {
    lesson[`${key}Nodes`] = [];
    lesson[key].forEach((item, k) => add(item, lesson.metaLines[key] ?? 1, null, lesson[`${key}Nodes`], k, true));
  }
  for (const b of lesson.blocks) {
    if (b.kind === 'prose') add(b.text, b.line, null, b, 'nodes');
    if (b.kind === 'task') {
      add(b.instruction, b.instructionLine, b.widget, b, 'instructionNodes');
      for (const h of b.hints) add(h.text, h.line, b.widget, h, 'nodes');
      add(b.explanation, b.explanationLine, b.widget, b, 'explanationNodes');
    }
    if (b.kind === 'quiz') {
      add(b.question, b.questionLine, null, b, 'questionNodes');
      for (const c of b.choices ?? []) {
        add(c.text, c.line, null, c, 'textNodes', true);
        add(c.feedback, c.line, null, c, 'feedbackNodes', true);
      }
      if (b.feedback) b.feedbackNodes = {};
      for (const [name, text] of Object.entries(b.feedback ?? {})) add(text, b.feedbackLines?.[name] ?? b.line, null, b.feedbackNodes, name, true);
    }
    if (b.kind === 'think') {
      add(b.prompt, b.promptLine, null, b, 'promptNodes');
      if (b.reveal) add(b.reveal, b.revealLine, null, b, 'revealNodes');
    }
    if (b.kind === 'summary') add(b.text, b.textLine, null, b, 'nodes');
    if (b.kind === 'claim') add(b.statement, b.statementLine, null, b, 'statementNodes');
    if (b.kind === 'predict') {
      add(b.question, b.questionLine, b.widget, b, 'questionNodes');
      add(b.right, b.feedbackLines.right, b.widget, b, 'rightNodes');
      add(b.wrong, b.feedbackLines.wrong, b.widget, b, 'wrongNodes');
      for (const c of b.choices ?? []) {
        add(c.text, c.line, b.widget, c, 'textNodes', true);
        add(c.feedback, c.line, b.widget, c, 'feedbackNodes');
      }
    }
  }
  return texts;
}

// A lone paragraph's content, for text shown inline.
const inlineContent = (nodes) => (nodes.length === 1 && nodes[0].tag === 'p' ? nodes[0].children : nodes);

// Resolves which widget a measure reference points to, or gives the reason it cannot.
function resolveReference(ref, defaultWidget, widgetIds) {
  if (ref.widget) {
    return widgetIds.includes(ref.widget) ? { widget: ref.widget } : { reason: `"${ref.widget}.${ref.name}": this lesson has no widget "${ref.widget}" (its widgets: ${widgetIds.join(', ') || 'none'})` };
  }
  if (defaultWidget) return { widget: defaultWidget };
  if (widgetIds.length === 1) return { widget: widgetIds[0] };
  return { reason: `"${ref.name}" does not say which widget it belongs to; write widget.${ref.name}${widgetIds.length ? ` (widgets: ${widgetIds.join(', ')})` : ' after adding a widget block'}` };
}

function checkLesson(lesson, problem, katex, measuresOf) {
  const widgetIds = lesson.widgets.map((w) => w.id);
  const widgetOf = new Map(lesson.widgets.map((w) => [w.id, w.widget]));
  // Why `name` is not a measure of the lesson's widget `id`, or null (also when unknown).
  const unknownMeasure = (id, name) => {
    const measures = measuresOf?.(widgetOf.get(id));
    if (!measures || measures.includes(name)) return null;
    return `"${name}" is not a measure of the ${widgetOf.get(id)} widget "${id}" (docs/measures.md lists its measures)`;
  };
  const seenWidgets = new Map();
  for (const w of lesson.widgets) {
    if (seenWidgets.has(w.id)) problem(w.line, `widget id "${w.id}" is already used on line ${seenWidgets.get(w.id)}; give one of them as=<other id>`);
    seenWidgets.set(w.id, w.line);
  }
  const seenItems = new Map();
  for (const item of [...lesson.tasks, ...lesson.quizzes, ...lesson.predictions]) {
    if (!item.id) continue;
    if (seenItems.has(item.id)) problem(item.line, `id "${item.id}" is already used on line ${seenItems.get(item.id)}; task, quiz and prediction ids are unique in a lesson`);
    seenItems.set(item.id, item.line);
  }
  for (const task of lesson.tasks) {
    // A goal must not rewrite itself as the widget changes: live numbers go in prose and explanations.
    task.instruction.split('\n').forEach((text, k) => {
      const at = text.indexOf('{{');
      if (at >= 0) {
        problem(task.instructionLine + k, `task "${task.id}": the task statement shows a live number "${text.slice(at).split('}}')[0]}}}", so it would change as the student works; state the goal with fixed values and put live numbers in the prose or the explanation`, at + 1);
      }
    });
    if (task.widget && !widgetIds.includes(task.widget)) problem(task.line, `task "${task.id}": widget=${task.widget} is not a widget of this lesson (its widgets: ${widgetIds.join(', ') || 'none'})`);
    if (!task.tree) continue;
    for (const ref of measureReferences(task.tree)) {
      const resolved = resolveReference(ref, task.widget, widgetIds);
      const reason = resolved.reason ?? unknownMeasure(resolved.widget, ref.name);
      if (reason) problem(task.checkLine, `task "${task.id}": check: ${reason}`, task.checkColumn + ref.pos);
    }
  }
  for (const prediction of lesson.predictions) {
    if (prediction.widget && !widgetIds.includes(prediction.widget)) problem(prediction.line, `prediction "${prediction.id}": widget=${prediction.widget} is not a widget of this lesson (its widgets: ${widgetIds.join(', ') || 'none'})`);
    for (const { line, references } of predictionExpressions(prediction)) {
      for (const ref of references) {
        const resolved = resolveReference(ref, prediction.widget, widgetIds);
        const reason = resolved.reason ?? unknownMeasure(resolved.widget, ref.name);
        if (reason) problem(line, `prediction "${prediction.id}": ${reason}`);
      }
    }
  }
  checkClaimIds(lesson, problem);
  if (lesson.tasks.length + lesson.quizzes.length === 0) problem(1, 'a lesson needs at least one task or quiz');
  const summaries = lesson.blocks.filter((b) => b.kind === 'summary');
  if (summaries.length !== 1) problem(summaries[1]?.line ?? 1, `a lesson has exactly one summary block, not ${summaries.length}`);

  for (const { text, line, widget: taskWidget, inline, set } of textsOf(lesson)) {
    const { nodes, problems } = parseMarkdown(text, line);
    set(inline ? inlineContent(nodes) : nodes);
    for (const p of problems) problem(p.line, p.reason);
    for (const node of walkTree(nodes)) {
      if (typeof node !== 'object') continue;
      const at = node.line ?? line;
      if (node.tag === 'h1') problem(at, 'use "##" or deeper for headings; the lesson title is the page\'s only top heading');
      if (node.tag === 'live') {
        const resolved = resolveReference(node, taskWidget, widgetIds);
        const reason = resolved.reason ?? unknownMeasure(resolved.widget, node.name);
        if (reason) problem(at, `live number ${reason}`);
        if (node.digits !== null && node.digits > 10) problem(at, `live number "${node.name}": at most 10 digits`);
      }
      if (node.tag === 'math' && katex) {
        let reason = formulaProblem(katex, node.tex, node.display);
        if (!reason) {
          try {
            // The page shows this HTML: formulas are drawn once, here, and the browser loads no KaTeX.
            node.html = katex.renderToString(node.tex, { ...KATEX_OPTIONS, displayMode: node.display, throwOnError: true });
          } catch (error) {
            reason = String(error.message).replace(/^KaTeX parse error: /, '');
          }
        }
        if (reason) problem(at, `formula "${node.tex.slice(0, 40)}": ${reason}`);
      }
    }
  }
}

// Claim ids are unique in a lesson (the claims test names a claim by lesson file and id).
function checkClaimIds(lesson, problem) {
  const seen = new Map();
  for (const claim of lesson.claims) {
    if (!claim.id) continue;
    if (seen.has(claim.id)) problem(claim.line, `claim id "${claim.id}" is already used on line ${seen.get(claim.id)}`);
    seen.set(claim.id, claim.line);
  }
}

// Checks across lessons: unique ids, and that next/prerequisites name existing lessons.
// parsed: [{ lesson, problems }] from parseLesson. Returns extra problems.
export function checkLessonSet(parsed) {
  const problems = [];
  const byId = new Map();
  for (const { lesson } of parsed) {
    if (!lesson?.id) continue;
    if (byId.has(lesson.id)) problems.push({ file: lesson.file, line: 1, reason: `lesson id "${lesson.id}" is also used by ${byId.get(lesson.id).file}` });
    else byId.set(lesson.id, lesson);
  }
  for (const { lesson } of parsed) {
    if (!lesson?.id) continue;
    if (lesson.next && !byId.has(lesson.next)) problems.push({ file: lesson.file, line: 1, reason: `next: no lesson has the id "${lesson.next}"` });
    for (const id of lesson.prerequisites) if (!byId.has(id)) problems.push({ file: lesson.file, line: 1, reason: `prerequisites: no lesson has the id "${id}"` });
  }
  return problems;
}

// Whether a lesson file is listed on the lesson map: files starting with "_" (the author
// guide's example, drafts) are validated and published but not listed.
export function isListed(fileName) {
  const base = fileName.split('/').pop();
  return !base.startsWith('_') && base.toLowerCase() !== 'readme.md';
}

// The entry of a lesson in lessons/index.json.
export function indexEntry(lesson, fileName) {
  return {
    id: lesson.id,
    file: fileName,
    title: lesson.title,
    minutes: lesson.minutes,
    objectives: lesson.objectives,
    prerequisites: lesson.prerequisites,
    references: lesson.references,
    next: lesson.next,
    tasks: lesson.tasks.map((t) => t.id),
    quizzes: lesson.quizzes.map((q) => q.id),
  };
}
