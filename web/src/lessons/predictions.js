// Predictions that are checked (lessons/README.md, "predict"): the student commits to a number or
// a choice before measuring; once the lesson's `when:` condition holds, the page compares the
// prediction with the measured result and says what was right or wrong, and why.
//
//   ::: predict lyapunov-guess widget=net
//   What will the largest Lyapunov exponent be at g = 0.5?
//   measure: max_lyapunov
//   tolerance: 0.05
//   when: abs(gain - 0.5) < 0.001
//   right: Yes: at the fixed point 0 the slope of the map is g, and ln 0.5 = -0.69.
//   wrong: The exponent is the log of the slope at the fixed point: ln g.
//   :::
//
// The first measurement that meets `when:` settles the comparison.
// Choices instead of measure:/tolerance: — each with an indented `result:` expression (true for
// the choice the measurement bears out) and an optional `feedback:` line.
import { ExpressionError, evaluate, evaluateValue, measureReferences, parseExpression } from './expression.js';

const FIELDS = ['measure', 'tolerance', 'unit', 'when', 'right', 'wrong'];
const ITEM_ID = /^[a-z0-9][a-z0-9-]*$/;
const CHOICE = /^[-*]\s+(.*)$/;
const CHOICE_FIELD = /^\s+(result|feedback):\s*(.*)$/;

// Parses a "::: predict" block; reports problems through problem(line, reason, column?).
export function buildPrediction(block, header, firstBody, problem) {
  const [id, ...extra] = header.positional;
  if (!id) problem(block.line, 'a predict block has an id: "::: predict decay-rate"');
  else if (!ITEM_ID.test(id)) problem(block.line, `prediction id "${id}" must be lower-case letters, digits and dashes`);
  if (extra.length) problem(block.line, `unexpected "${extra.join(' ')}" in the predict header; the only option is widget=`);
  for (const key of Object.keys(header.attrs)) if (key !== 'widget') problem(block.line, `unknown predict option "${key}="; the only option is widget=`);
  const name = `prediction "${id ?? ''}"`;
  const lead = [];
  const fields = [];
  const choices = [];
  const fieldPattern = new RegExp(`^(${FIELDS.join('|')}):(?:\\s(.*))?$`);
  block.body.forEach((line, k) => {
    const lineNo = firstBody + k;
    const field = fieldPattern.exec(line);
    const choice = CHOICE.exec(line);
    const choiceField = CHOICE_FIELD.exec(line);
    if (field) fields.push({ name: field[1], text: (field[2] ?? '').trim(), line: lineNo, column: line.length - (field[2] ?? '').trimStart().length + 1 });
    else if (choice && !fields.length) choices.push({ text: choice[1].trim(), line: lineNo, result: null, feedback: '' });
    else if (choiceField && choices.length && !fields.length) {
      const current = choices[choices.length - 1];
      if (choiceField[1] === 'result') current.resultField = { text: choiceField[2].trim(), line: lineNo, column: line.indexOf(choiceField[2]) + 1 };
      else current.feedback = choiceField[2].trim();
    } else if (fields.length) fields[fields.length - 1].text = `${fields[fields.length - 1].text}\n${line}`.trim();
    else if (choices.length && line.trim() !== '') problem(lineNo, `${name}: after the choices only indented "result:" and "feedback:" lines may follow, then the fields`);
    else lead.push(line);
  });
  const field = (fieldName) => fields.find((f) => f.name === fieldName);
  for (const f of fields) if (fields.filter((g) => g.name === f.name).length > 1) problem(f.line, `${name}: "${f.name}:" is given twice`);
  const expression = (f, what) => {
    if (!f) return null;
    if (f.text.includes('\n')) problem(f.line, `${name}: ${what} must be on one line`);
    try {
      return parseExpression(f.text.replace(/\s+/g, ' '));
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      problem(f.line, `${name}: ${what}: ${error.reason}`, f.column + error.position);
      return null;
    }
  };
  const question = lead.join('\n').trim();
  if (!question) problem(block.line, `${name} needs a question before its fields`);
  const whenField = field('when');
  if (!whenField) problem(block.line, `${name} needs "when:", the condition under which the result is measured`);
  for (const needed of ['right', 'wrong']) if (!field(needed)) problem(block.line, `${name} needs "${needed}:" (what the student got ${needed}, and why)`);
  const base = {
    kind: 'predict',
    line: block.line,
    id: id ?? '',
    widget: header.attrs.widget ?? null,
    question,
    questionLine: firstBody,
    when: whenField?.text ?? '',
    whenTree: expression(whenField, 'when'),
    right: field('right')?.text ?? '',
    wrong: field('wrong')?.text ?? '',
    feedbackLines: { right: field('right')?.line ?? block.line, wrong: field('wrong')?.line ?? block.line },
  };
  if (choices.length) {
    if (field('measure') || field('tolerance')) problem((field('measure') ?? field('tolerance')).line, `${name} has choices, so "measure:" and "tolerance:" do not apply; give each choice a "result:"`);
    if (choices.length < 2) problem(block.line, `${name} needs at least two choices`);
    for (const c of choices) {
      if (!c.resultField) problem(c.line, `${name}: every choice needs an indented "result:" line, the condition under which it is right`);
      c.result = c.resultField ? expression(c.resultField, 'result') : null;
      c.resultSource = c.resultField?.text ?? '';
      delete c.resultField;
    }
    return { ...base, type: 'choice', choices };
  }
  const measureField = field('measure');
  if (!measureField) problem(block.line, `${name} needs "measure:" (the measured value it is compared with) or choices`);
  let tolerance = { kind: 'absolute', value: 0 };
  const tolField = field('tolerance');
  if (!tolField) problem(block.line, `${name} needs "tolerance:" (a number, or a percentage like 5%)`);
  else {
    const m = /^([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*(%?)$/.exec(tolField.text);
    if (!m) problem(tolField.line, `${name}: tolerance must be a number >= 0 or a percentage like 5%, not "${tolField.text}"`);
    else tolerance = m[2] ? { kind: 'relative', value: Number(m[1]) / 100 } : { kind: 'absolute', value: Number(m[1]) };
  }
  return { ...base, type: 'numeric', measure: measureField?.text ?? '', measureTree: expression(measureField, 'measure'), tolerance, unit: field('unit')?.text ?? '' };
}

// Every expression of a prediction, with its file line, for the lesson's reference checks.
export function predictionExpressions(prediction) {
  const list = [[prediction.whenTree, prediction.line], [prediction.measureTree, prediction.line]];
  for (const c of prediction.choices ?? []) list.push([c.result, c.line]);
  return list.filter(([tree]) => tree).map(([tree, line]) => ({ tree, line, references: measureReferences(tree) }));
}

// Compares a prediction with the measures. answer: the number typed, or the index of the chosen
// choice. Returns { state: 'waiting', reason? } until `when:` holds and the result is available,
// then { state: 'right' | 'wrong', measured } (measured: the number, or the index of the choice
// the measurement bears out, -1 if none).
export function judgePrediction(prediction, answer, lookup) {
  if (!prediction.whenTree) return { state: 'waiting', reason: 'the prediction has no usable "when:"' };
  const when = evaluate(prediction.whenTree, lookup);
  if (!when.value) return { state: 'waiting', reason: when.reason ?? 'not measured yet' };
  if (prediction.type === 'choice') {
    const measured = prediction.choices.findIndex((c) => c.result && evaluate(c.result, lookup).value);
    if (measured < 0) return { state: 'waiting', reason: 'no choice\'s result holds yet' };
    return { state: measured === answer ? 'right' : 'wrong', measured };
  }
  const { value, reason } = prediction.measureTree ? evaluateValue(prediction.measureTree, lookup) : { value: null };
  if (typeof value !== 'number' || !Number.isFinite(value)) return { state: 'waiting', reason: reason ?? 'the result is not a number yet' };
  const allowed = prediction.tolerance.kind === 'relative' ? Math.abs(value) * prediction.tolerance.value : prediction.tolerance.value;
  return { state: Math.abs(answer - value) <= allowed + 1e-12 * Math.max(1, Math.abs(value)) ? 'right' : 'wrong', measured: value };
}

// How a measured number is shown next to the prediction.
const shown = (value) => String(Number(value.toPrecision(4))).replace(/^-/, '−');

// Renders a prediction: a form to commit to it, then the comparison once measured. ctx: { el,
// uid, markdown(nodes), markdownInline(nodes) (a text's parsed tree, or a plain string, as DOM),
// lookup() -> the lookup for this prediction, announce(text) }. Returns { element, update() }, update called on every new measure.
export function renderPrediction(prediction, number, ctx) {
  const { el, uid } = ctx;
  const headingId = uid('predict');
  const questionId = uid('question');
  const outcome = el('div', { class: 'al-prediction-outcome', 'aria-live': 'polite' });
  const form = el('form', { class: 'al-quiz-form al-prediction-form', 'aria-labelledby': questionId });
  let answer = null;
  let readAnswer;
  if (prediction.type === 'choice') {
    const group = uid('prediction');
    const fieldset = el('fieldset', { 'aria-describedby': questionId }, [el('legend', { text: 'Your prediction' })]);
    prediction.choices.forEach((choice, k) => {
      const inputId = uid('option');
      fieldset.append(el('div', { class: 'al-quiz-choice' }, [
        el('input', { type: 'radio', name: group, id: inputId, value: String(k) }),
        el('label', { for: inputId }, [ctx.markdownInline(choice.textNodes ?? choice.text)]),
      ]));
    });
    form.append(fieldset);
    readAnswer = () => {
      const picked = [...form.querySelectorAll('input[type="radio"]')].find((input) => input.checked);
      return picked ? Number(picked.value) : null;
    };
  } else {
    const inputId = uid('prediction');
    const input = el('input', { type: 'text', inputmode: 'decimal', id: inputId, autocomplete: 'off', class: 'al-quiz-number' });
    form.append(el('div', { class: 'al-quiz-numeric' }, [
      el('label', { for: inputId, text: 'Your prediction' }), ' ', input, prediction.unit ? ` ${prediction.unit}` : null,
    ]));
    readAnswer = () => {
      const text = input.value.trim().replace(/^−/, '-').replace(',', '.');
      const value = text === '' ? NaN : Number(text);
      return Number.isFinite(value) ? value : null;
    };
  }
  const submit = el('button', { type: 'submit', text: 'Record my prediction' });
  form.append(submit);
  const section = el('section', { class: 'al-prediction', 'aria-labelledby': headingId, 'data-prediction': prediction.id, 'data-state': 'open' }, [
    el('h3', { id: headingId, text: `Prediction ${number}` }),
    el('div', { id: questionId, class: 'al-quiz-question' }, [ctx.markdown(prediction.questionNodes ?? prediction.question)]),
    form,
    outcome,
  ]);

  // A choice is shown as the author wrote it (math rendered), a number with its unit.
  const quoted = (k) => ['“', ctx.markdownInline(prediction.choices[k].textNodes ?? prediction.choices[k].text), '”'];
  const describeAnswer = () => (prediction.type === 'choice' ? quoted(answer) : [`${shown(answer)}${prediction.unit ? ` ${prediction.unit}` : ''}`]);
  let shownState = null;
  // The first measurement that meets `when:` settles the prediction: later runs (another seed,
  // another setting) do not change what the student was told.
  let settled = false;
  function update() {
    if (answer === null || settled) return;
    const result = judgePrediction(prediction, answer, ctx.lookup());
    if (result.state === 'waiting') {
      if (shownState === 'waiting') return;
      shownState = 'waiting';
      section.setAttribute('data-state', 'waiting');
      outcome.replaceChildren(el('p', {}, ['You predicted ', ...describeAnswer(), '. Now measure it: the result is compared with your prediction once it is measured.']));
      return;
    }
    settled = true;
    shownState = result.state;
    section.setAttribute('data-state', result.state);
    const measuredText = prediction.type === 'choice'
      ? ['the measurement says ', ...quoted(result.measured)]
      : [`measured ${shown(result.measured)}${prediction.unit ? ` ${prediction.unit}` : ''}`];
    const verdict = result.state === 'right' ? 'Your prediction was right' : 'Your prediction was not borne out';
    const choice = prediction.type === 'choice' ? prediction.choices[answer] : null;
    const parts = [
      el('p', { class: 'al-prediction-verdict', 'data-result': result.state }, [`${verdict}: you predicted `, ...describeAnswer(), ', ', ...measuredText, '.']),
      ctx.markdown(result.state === 'right' ? prediction.rightNodes ?? prediction.right : prediction.wrongNodes ?? prediction.wrong),
    ];
    if (choice?.feedback) parts.push(ctx.markdown(choice.feedbackNodes ?? choice.feedback));
    outcome.replaceChildren(...parts);
    ctx.announce(`Prediction ${number}: ${result.state === 'right' ? 'right' : 'not borne out'}.`);
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = readAnswer();
    if (value === null) {
      outcome.replaceChildren(el('p', { text: prediction.type === 'choice' ? 'Choose what you predict first.' : 'Type a number, for example -0.7 or 1e-3.' }));
      return;
    }
    // A prediction is made once: it is then compared with what is measured, not revised.
    answer = value;
    for (const control of [...form.querySelectorAll('input'), submit]) control.disabled = true;
    shownState = null;
    update();
  });
  return { element: section, update };
}
