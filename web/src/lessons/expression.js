// Task checks are conditions written in lesson files, e.g.
//   ring1.drift_deg_per_s > 5 and epsilon <= 0.01
// This module tokenizes and parses them into a small tree and evaluates the tree over the
// measures the widgets publish. Nothing here uses eval or Function, and names are looked up only
// as own properties of the measures objects, so a check cannot reach any JavaScript object.

export class ExpressionError extends Error {
  // position: 0-based character offset into the expression where the problem is.
  constructor(message, position, source) {
    super(`${message} (at column ${position + 1})`);
    this.name = 'ExpressionError';
    this.reason = message;
    this.position = position;
    this.source = source;
  }
}

// Functions a check may call, with their allowed argument counts. A Map, not an object, so that
// names like `constructor` or `__proto__` are simply unknown.
const FUNCTIONS = new Map([
  ['abs', { min: 1, max: 1, fn: Math.abs }],
  ['min', { min: 1, max: Infinity, fn: Math.min }],
  ['max', { min: 1, max: Infinity, fn: Math.max }],
  ['sqrt', { min: 1, max: 1, fn: Math.sqrt }],
  ['log', { min: 1, max: 1, fn: Math.log }],
  ['log10', { min: 1, max: 1, fn: Math.log10 }],
  ['exp', { min: 1, max: 1, fn: Math.exp }],
  ['pow', { min: 2, max: 2, fn: Math.pow }],
  ['round', { min: 1, max: 1, fn: Math.round }],
  ['floor', { min: 1, max: 1, fn: Math.floor }],
  ['ceil', { min: 1, max: 1, fn: Math.ceil }],
]);
export const FUNCTION_NAMES = Object.freeze([...FUNCTIONS.keys()]);

// Limits that keep a careless or hostile check from exhausting the stack, in parsing or in
// evaluation (a long chain "a + a + ..." is as deep a tree as nested parentheses);
// lessons/README.md lists them for authors.
export const MAX_CHECK_LENGTH = 500;
export const MAX_CHECK_DEPTH = 32;

const KEYWORDS = new Set(['and', 'or', 'not', 'true', 'false']);
const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '!=']);

export function tokenize(source) {
  if (typeof source !== 'string') throw new ExpressionError('the check must be text', 0, String(source));
  const tokens = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === ' ' || c === '\t') { i += 1; continue; }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const m = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(source.slice(i));
      i += m[0].length;
      if (/[A-Za-z_]/.test(source[i] ?? '')) {
        throw new ExpressionError(`a number cannot run into a name: "${source.slice(start, i + 1)}"`, i, source);
      }
      tokens.push({ type: 'number', value: Number(m[0]), pos: start });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
      i += m[0].length;
      const word = m[0];
      tokens.push(KEYWORDS.has(word) ? { type: word, pos: start } : { type: 'name', value: word, pos: start });
      continue;
    }
    if (c === '"' || c === "'") {
      const end = source.indexOf(c, i + 1);
      if (end < 0) throw new ExpressionError('a quoted text is not closed', start, source);
      tokens.push({ type: 'string', value: source.slice(i + 1, end), pos: start });
      i = end + 1;
      continue;
    }
    const two = source.slice(i, i + 2);
    if (COMPARISONS.has(two)) { tokens.push({ type: two, pos: start }); i += 2; continue; }
    if (two === '&&') throw new ExpressionError('use "and" instead of "&&"', start, source);
    if (two === '||') throw new ExpressionError('use "or" instead of "||"', start, source);
    if (c === '=') throw new ExpressionError('use "==" to compare for equality', start, source);
    if (c === '!') throw new ExpressionError('use "not" instead of "!"', start, source);
    if ('<>+-*/(),.'.includes(c)) { tokens.push({ type: c, pos: start }); i += 1; continue; }
    throw new ExpressionError(`unexpected character "${c}"`, start, source);
  }
  tokens.push({ type: 'end', pos: source.length });
  return tokens;
}

function describe(token) {
  if (token.type === 'end') return 'the end of the check';
  if (token.type === 'number') return `the number ${token.value}`;
  if (token.type === 'name') return `the name "${token.value}"`;
  if (token.type === 'string') return 'a quoted text';
  return `"${token.type}"`;
}

// Grammar, loosest binding first:
//   or      := and ("or" and)*
//   and     := not ("and" not)*
//   not     := "not" not | compare
//   compare := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
//   sum     := product (("+" | "-") product)*
//   product := unary (("*" | "/") unary)*
//   unary   := "-" unary | primary
//   primary := number | string | true | false | name ("." name)? | name "(" args ")" | "(" or ")"
export function parseExpression(source) {
  const tokens = tokenize(source);
  let index = 0;
  let depth = 0;
  const peek = () => tokens[index];
  const next = () => tokens[index++];
  const fail = (message, token = peek()) => { throw new ExpressionError(message, token.pos, source); };
  const expect = (type, what) => {
    if (peek().type !== type) fail(`expected ${what} but found ${describe(peek())}`);
    return next();
  };
  // Parses what `token` opens (parentheses, a call's arguments, the operand of "not" or "-"),
  // one level deeper.
  const nested = (token, parse) => {
    if (depth >= MAX_CHECK_DEPTH) {
      fail(`the check nests parentheses, function calls, "not" and "-" more than ${MAX_CHECK_DEPTH} levels deep; at most ${MAX_CHECK_DEPTH} are allowed`, token);
    }
    depth += 1;
    const tree = parse();
    depth -= 1;
    return tree;
  };

  function parseOr() {
    let left = parseAnd();
    while (peek().type === 'or') {
      const op = next();
      left = { type: 'logical', op: 'or', left, right: parseAnd(), pos: op.pos };
    }
    return left;
  }
  function parseAnd() {
    let left = parseNot();
    while (peek().type === 'and') {
      const op = next();
      left = { type: 'logical', op: 'and', left, right: parseNot(), pos: op.pos };
    }
    return left;
  }
  function parseNot() {
    if (peek().type === 'not') {
      const op = next();
      return { type: 'not', operand: nested(op, parseNot), pos: op.pos };
    }
    return parseCompare();
  }
  function parseCompare() {
    const left = parseSum();
    if (!COMPARISONS.has(peek().type)) return left;
    const op = next();
    const node = { type: 'compare', op: op.type, left, right: parseSum(), pos: op.pos };
    if (COMPARISONS.has(peek().type)) {
      fail('comparisons do not chain; write "a < b and b < c"');
    }
    return node;
  }
  function parseSum() {
    let left = parseProduct();
    while (peek().type === '+' || peek().type === '-') {
      const op = next();
      left = { type: 'arith', op: op.type, left, right: parseProduct(), pos: op.pos };
    }
    return left;
  }
  function parseProduct() {
    let left = parseUnary();
    while (peek().type === '*' || peek().type === '/') {
      const op = next();
      left = { type: 'arith', op: op.type, left, right: parseUnary(), pos: op.pos };
    }
    return left;
  }
  function parseUnary() {
    if (peek().type === '-') {
      const op = next();
      return { type: 'negate', operand: nested(op, parseUnary), pos: op.pos };
    }
    return parsePrimary();
  }
  function parsePrimary() {
    const token = peek();
    switch (token.type) {
      case 'number': next(); return { type: 'literal', value: token.value, pos: token.pos };
      case 'string': next(); return { type: 'literal', value: token.value, pos: token.pos };
      case 'true': next(); return { type: 'literal', value: true, pos: token.pos };
      case 'false': next(); return { type: 'literal', value: false, pos: token.pos };
      case '(': {
        next();
        const inner = nested(token, parseOr);
        expect(')', 'a closing ")"');
        return inner;
      }
      case 'name': {
        next();
        if (peek().type === '(') return parseCall(token);
        if (peek().type === '.') {
          next();
          const member = peek();
          if (member.type !== 'name') fail(`expected a measure name after "${token.value}." but found ${describe(member)}`);
          next();
          return { type: 'measure', widget: token.value, name: member.value, pos: token.pos };
        }
        return { type: 'measure', widget: null, name: token.value, pos: token.pos };
      }
      default:
        return fail(`expected a number, a measure name or "(" but found ${describe(token)}`);
    }
  }
  function parseCall(nameToken) {
    const spec = FUNCTIONS.get(nameToken.value);
    if (!spec) {
      fail(`unknown function "${nameToken.value}"; the functions are ${FUNCTION_NAMES.join(', ')}`, nameToken);
    }
    next();
    const args = [];
    if (peek().type !== ')') {
      args.push(nested(nameToken, parseOr));
      while (peek().type === ',') { next(); args.push(nested(nameToken, parseOr)); }
    }
    expect(')', 'a "," or a closing ")"');
    if (args.length < spec.min || args.length > spec.max) {
      const wanted = spec.min === spec.max ? `${spec.min}` : `at least ${spec.min}`;
      fail(`${nameToken.value}() takes ${wanted} argument${spec.min === 1 && spec.max === 1 ? '' : 's'}, not ${args.length}`, nameToken);
    }
    return { type: 'call', name: nameToken.value, args, pos: nameToken.pos };
  }

  if (peek().type === 'end') fail('the check is empty');
  const tree = parseOr();
  if (peek().type !== 'end') fail(`expected an operator or the end but found ${describe(peek())}`);
  // Checked last, so that a deep nest is reported as such; parsing a long check is a loop.
  if (source.length > MAX_CHECK_LENGTH) {
    throw new ExpressionError(`the check is ${source.length} characters long; at most ${MAX_CHECK_LENGTH} are allowed`, MAX_CHECK_LENGTH, source);
  }
  return tree;
}

// Every measure a parsed check refers to, in order of appearance: [{widget, name, pos}].
export function measureReferences(tree) {
  const found = [];
  (function walk(node) {
    if (node.type === 'measure') found.push({ widget: node.widget, name: node.name, pos: node.pos });
    for (const child of [node.left, node.right, node.operand, ...(node.args ?? [])]) if (child) walk(child);
  })(tree);
  return found;
}

// Raised inside evaluation only; evaluate() turns it into { value: false, reason }.
class NotAvailable {
  constructor(reason) { this.reason = reason; }
}

const label = (node) => (node.widget ? `${node.widget}.${node.name}` : node.name);

// Evaluates a parsed check. `lookup(widget, name)` returns the measure's value, or undefined when
// there is no such measure; widget is null for an unqualified name. Returns
// { value: boolean, reason?: string } and never throws for missing or unusable measures: a check
// that cannot be decided yet is simply not met.
export function evaluate(tree, lookup) {
  try {
    const value = evalNode(tree, lookup);
    if (typeof value !== 'boolean') {
      return { value: false, reason: `the check gives ${typeof value === 'number' ? 'a number' : 'a text'}, not true or false` };
    }
    return { value };
  } catch (error) {
    if (error instanceof NotAvailable) return { value: false, reason: error.reason };
    throw error;
  }
}

// Evaluates a parsed expression to its value (a number, true/false or a text), for a lesson's
// predictions: { value } or { value: null, reason } when a measure is not available.
export function evaluateValue(tree, lookup) {
  try {
    return { value: evalNode(tree, lookup) };
  } catch (error) {
    if (error instanceof NotAvailable) return { value: null, reason: error.reason };
    throw error;
  }
}

function number(node, lookup) {
  const value = evalNode(node, lookup);
  if (typeof value !== 'number') {
    throw new NotAvailable(`${node.type === 'measure' ? label(node) : 'a value'} is not a number`);
  }
  return value;
}

function truth(node, lookup) {
  const value = evalNode(node, lookup);
  if (typeof value !== 'boolean') throw new NotAvailable('"and", "or" and "not" need true or false on both sides');
  return value;
}

function evalNode(node, lookup) {
  switch (node.type) {
    case 'literal': return node.value;
    case 'measure': {
      const value = lookup(node.widget, node.name);
      if (value === undefined) throw new NotAvailable(`no measure named ${label(node)}`);
      if (value === null || (typeof value === 'number' && Number.isNaN(value))) {
        throw new NotAvailable(`${label(node)} is not available yet`);
      }
      if (typeof value !== 'number' && typeof value !== 'boolean' && typeof value !== 'string') {
        throw new NotAvailable(`${label(node)} is not a number, true/false or text`);
      }
      return value;
    }
    case 'negate': return -number(node.operand, lookup);
    case 'arith': {
      const a = number(node.left, lookup);
      const b = number(node.right, lookup);
      if (node.op === '+') return a + b;
      if (node.op === '-') return a - b;
      if (node.op === '*') return a * b;
      return a / b;
    }
    case 'compare': {
      const a = evalNode(node.left, lookup);
      const b = evalNode(node.right, lookup);
      if (node.op === '==') return a === b;
      if (node.op === '!=') return a !== b;
      if (typeof a !== 'number' || typeof b !== 'number') {
        throw new NotAvailable(`"${node.op}" compares numbers only`);
      }
      if (node.op === '<') return a < b;
      if (node.op === '<=') return a <= b;
      if (node.op === '>') return a > b;
      return a >= b;
    }
    case 'logical': {
      // Short-circuit, so "x_known and x > 1" is not blocked by x being unavailable.
      const left = truth(node.left, lookup);
      if (node.op === 'and' && !left) return false;
      if (node.op === 'or' && left) return true;
      return truth(node.right, lookup);
    }
    case 'not': return !truth(node.operand, lookup);
    case 'call': {
      const args = node.args.map((arg) => number(arg, lookup));
      return FUNCTIONS.get(node.name).fn(...args);
    }
    default: throw new Error(`unknown node type ${node.type}`);
  }
}

// A lookup over { widgetId: { measure: value } }; unqualified names resolve in defaultWidget.
export function measuresLookup(measuresByWidget, defaultWidget = null) {
  const own = (object, key) => (object && Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined);
  return (widget, name) => {
    const id = widget ?? defaultWidget;
    if (id === null || id === undefined) return undefined;
    return own(own(measuresByWidget, id), name);
  };
}

// Parses once; the result evaluates many times.
export function compileCheck(source) {
  const tree = parseExpression(source);
  return {
    source,
    tree,
    references: measureReferences(tree),
    evaluate: (measuresByWidget, defaultWidget = null) => evaluate(tree, measuresLookup(measuresByWidget, defaultWidget)),
  };
}
