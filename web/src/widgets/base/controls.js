// Form controls generated from a parameter spec (see state/registry.js): a slider with its value
// shown next to it, a number field, a select or a checkbox; each with a label, help text and an
// error message tied to it by aria-describedby. A value is committed on 'change' (release of a
// slider, Enter or blur of a field, each arrow-key press on a focused slider).
import { checkValue, describeAllowed } from '../../state/registry.js';
import { h } from '../../ui/dom.js';

const LOG_POSITIONS = 120;

// Maps slider positions to values on a log scale; position 0 is exactly spec.min when it is 0
// (an unperturbed or noise-free setting must be reachable).
export function logScale(spec) {
  const low = spec.min > 0 ? spec.min : spec.logMin;
  const high = spec.max;
  const zeroSlot = spec.min === 0 ? 1 : 0;
  const span = LOG_POSITIONS - zeroSlot;
  return {
    positions: LOG_POSITIONS,
    toValue(position) {
      if (zeroSlot && position <= 0) return 0;
      const f = (position - zeroSlot) / span;
      return Number((low * (high / low) ** f).toPrecision(3));
    },
    toPosition(value) {
      if (zeroSlot && value <= 0) return 0;
      const f = Math.log(Math.max(low, Math.min(high, value)) / low) / Math.log(high / low);
      return Math.round(zeroSlot + f * span);
    },
  };
}

// What a log-scale slider's help says first: that it is one, and how much a step changes.
function logScaleNote(spec) {
  const low = spec.min > 0 ? spec.min : spec.logMin;
  const factor = (spec.max / low) ** (1 / (LOG_POSITIONS - (spec.min === 0 ? 1 : 0)));
  return `Logarithmic slider: each step multiplies the value by about ${factor.toFixed(2)}${spec.min === 0 ? ` (first step: 0 to ${low})` : ''}; or type a value in the box.`;
}

export function formatValue(spec, value) {
  if (spec.type === 'boolean') return value ? 'on' : 'off';
  if (spec.type === 'choice') return spec.options.find((option) => option.value === value)?.label ?? String(value);
  // Plain decimals (0.000637, not 6.37e-4): what a screen reader reads out and a student types.
  const text = spec.integer ? String(value) : String(Number(value.toPrecision(3)));
  return spec.unit ? `${text} ${spec.unit}` : text;
}

function kindOf(spec) {
  if (spec.type === 'choice') return 'select';
  if (spec.type === 'boolean') return 'checkbox';
  if (spec.control) return spec.control;
  return spec.scale === 'log' || (spec.max - spec.min) / (spec.step ?? (spec.integer ? 1 : (spec.max - spec.min) / 100)) <= 400
    ? 'range' : 'number';
}

export function createControl(name, spec, initial, { id, locked = false, onCommit }) {
  const kind = kindOf(spec);
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  // A select or a checkbox cannot hold a wrong value, so only numbers state their range.
  const allowed = spec.type === 'number' ? `Allowed: ${describeAllowed(spec)}.` : '';
  const logNote = kind === 'range' && spec.scale === 'log' ? logScaleNote(spec) : '';
  const help = h('p', { class: 'al-help', id: helpId, text: [logNote, spec.help, allowed].filter(Boolean).join(' ') });
  const error = h('p', { class: 'al-control-error', id: errorId, role: 'status' });
  const describedBy = `${helpId} ${errorId}`;
  let input;
  let output = null;
  let typed = null;  // the number box beside a log-scale slider
  let read;
  let write;

  if (kind === 'select') {
    input = h('select', { id, 'aria-describedby': describedBy },
      spec.options.map((option) => h('option', { value: option.value, text: option.label ?? option.value })));
    read = () => input.value;
    write = (value) => {
      input.value = value;
    };
  } else if (kind === 'checkbox') {
    input = h('input', { type: 'checkbox', id, 'aria-describedby': describedBy });
    read = () => input.checked;
    write = (value) => {
      input.checked = value;
    };
  } else if (kind === 'number') {
    input = h('input', { type: 'number', id, min: spec.min, max: spec.max, step: spec.step ?? (spec.integer ? 1 : 'any'),
      inputmode: spec.integer ? 'numeric' : 'decimal', 'aria-describedby': describedBy });
    read = () => (input.value.trim() === '' ? NaN : Number(input.value));
    write = (value) => {
      input.value = String(value);
    };
  } else {
    const log = spec.scale === 'log' ? logScale(spec) : null;
    const step = spec.step ?? (spec.integer ? 1 : (spec.max - spec.min) / 100);
    input = log
      ? h('input', { type: 'range', id, min: 0, max: log.positions, step: 1, 'aria-describedby': describedBy })
      : h('input', { type: 'range', id, min: spec.min, max: spec.max, step, 'aria-describedby': describedBy });
    output = h('output', { for: id, 'data-param': name, class: log ? 'al-visually-hidden' : null });
    // A log-scale slider cannot reach every value: a number box beside it takes any value typed.
    if (log) {
      typed = h('input', { type: 'number', id: `${id}-typed`, min: spec.min, max: spec.max, step: 'any', inputmode: 'decimal',
        class: 'al-log-value', 'aria-label': `${spec.label ?? name}, typed value`, 'aria-describedby': describedBy });
    }
    read = () => (log ? log.toValue(Number(input.value)) : Number(input.value));
    write = (value) => {
      input.value = String(log ? log.toPosition(value) : value);
      output.textContent = formatValue(spec, value);
      input.setAttribute('aria-valuetext', formatValue(spec, value));
      if (typed) typed.value = String(value);
    };
    input.addEventListener('input', () => {
      output.textContent = formatValue(spec, read());
      input.setAttribute('aria-valuetext', formatValue(spec, read()));
      if (typed) typed.value = String(read());
    });
  }
  input.dataset.param = name;
  write(initial);
  let committed = initial;
  if (locked) {
    // The number box of a log slider is a second way to set the same value: locked with it.
    for (const field of [input, typed]) {
      if (!field) continue;
      field.disabled = true;
      field.setAttribute('aria-disabled', 'true');
    }
  }

  const setError = (message) => {
    error.textContent = message ?? '';
    input.toggleAttribute('aria-invalid', Boolean(message));
  };

  const commit = (value) => {
    const problem = checkValue(spec, value);
    if (problem) {
      setError(`${spec.label ?? name} ${problem}.`);
      write(committed);
      return;
    }
    setError(null);
    if (typed) write(value);
    onCommit(value);
  };
  input.addEventListener('change', () => commit(read()));
  typed?.addEventListener('change', () => commit(typed.value.trim() === '' ? NaN : Number(typed.value)));

  const label = h('label', { for: id, text: spec.label ?? name });
  const element = h('div', { class: `al-field al-field-${kind}`, 'data-field': name },
    kind === 'checkbox' ? [input, label, help, error] : [label, input, output, typed, help, error]);
  return {
    element,
    input,
    // Shows the value in force. While the reader is still moving a focused control, the newer
    // value on screen is kept (it is being committed next) unless `force` (a refused value).
    setValue(value, { force = false } = {}) {
      committed = value;
      if (force || (document.activeElement !== input && document.activeElement !== typed)) write(value);
    },
    setError,
  };
}
