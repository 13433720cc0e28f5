// Lesson text is untrusted input: a lesson file can come from any course author. The site build
// reads it (markdown.js, with markdown-it) into a plain tree of allowed tags and attributes; this
// module builds DOM nodes from that tree with createElement/textContent only, refusing any other
// tag or attribute, so a tree that did not come from the parser still renders inert. Raw HTML in
// the text stays text; URLs are kept only when they are http(s), relative or #fragments. The one
// HTML string ever inserted is KaTeX's output for a formula, rendered by the build with trust
// disabled.
//
// Tree nodes: a string (text), or { tag, attrs, children }, or the two special nodes
// { tag: 'math', tex, display, html? } (html: KaTeX's output, from the build) and
// { tag: 'live', widget, name, digits }.

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

// Returns the URL if it is safe for the given use ('link' or 'image'), otherwise null.
// Images must come from the site itself, so no page makes a request to another host.
export function safeUrl(raw, use = 'link') {
  if (typeof raw !== 'string') return null;
  const url = raw.trim();
  if (url === '') return null;
  // Browsers drop tabs and newlines inside URLs ("java\tscript:"), and treat "\" like "/";
  // refusing them keeps what we check equal to what the browser would load.
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(url)) return null;
  if (url.startsWith('//')) return null;
  const scheme = SCHEME.exec(url);
  if (scheme) {
    if (use === 'image') return null;
    return /^https?$/i.test(scheme[1]) ? url : null;
  }
  if (url.startsWith('#')) return use === 'link' ? url : null;
  return url;
}

// Limits on nesting, so that a careless or hostile lesson gets a clear message instead of
// exhausting the stack; lessons/README.md lists them for authors.
export const MAX_QUOTE_DEPTH = 8;
export const MAX_INLINE_DEPTH = 8;

// Work done by the lesson syntax's own inline rules (markdown.js): characters they scan. It grows
// linearly with the text; the tests hold it to that.
export const inlineWork = { steps: 0 };

// Every node of a tree, depth first.
export function* walkTree(nodes) {
  for (const node of nodes) {
    yield node;
    if (node && typeof node === 'object' && Array.isArray(node.children)) yield* walkTree(node.children);
  }
}

// The tags and attributes the materializer will create; anything else in a tree is refused.
const ALLOWED = new Map([
  ['p', []], ['h1', []], ['h2', []], ['h3', []], ['h4', []], ['h5', []], ['h6', []],
  ['em', []], ['strong', []], ['code', []], ['pre', []], ['blockquote', []],
  ['ul', []], ['ol', ['start']], ['li', []], ['hr', []], ['br', []],
  ['a', ['href', 'rel', 'title']], ['dfn', ['data-term']], ['img', ['src', 'alt']],
  ['table', []], ['thead', []], ['tbody', []], ['tr', []], ['th', ['style']], ['td', ['style']],
]);
// The one style a table cell may carry: its column's alignment.
const CELL_STYLE = /^text-align:(left|center|right)$/;

// Whether `html` looks like what KaTeX draws with trust disabled: a katex span, and nothing KaTeX
// never writes (elements that load or run something, event handlers, addresses). The build
// renders every formula; this keeps a tree that did not come from the build inert all the same.
const KATEX_START = /^<span class="katex(-display)?">/;
const NOT_KATEX = /<(?!\/?(span|math|semantics|mrow|mi|mn|mo|ms|mtext|mspace|msup|msub|msubsup|mfrac|msqrt|mroot|mover|munder|munderover|mtable|mtr|mtd|mstyle|mpadded|mphantom|menclose|annotation|svg|path|line|rect|g)[\s>/])|\son[a-z]+\s*=|(href|src|xlink:href|action|formaction)\s*=|url\s*\(/i;
export function isKatexOutput(html) {
  return typeof html === 'string' && KATEX_START.test(html) && !NOT_KATEX.test(html);
}

// Builds DOM nodes from a tree with the given document. hooks:
//   renderMath(tex, display) -> HTML string from KaTeX (optional; without it a formula shows the
//               HTML the build rendered for it, or else its TeX as text; null: always the TeX)
//   live(element, { widget, name, digits }) -> called for every live number's element
export function materialize(nodes, doc, hooks = {}) {
  const fragment = doc.createDocumentFragment();
  for (const node of nodes) fragment.append(materializeNode(node, doc, hooks));
  return fragment;
}

function materializeNode(node, doc, hooks) {
  if (typeof node === 'string') return doc.createTextNode(node);
  if (node.tag === 'math') {
    const element = doc.createElement(node.display ? 'div' : 'span');
    element.setAttribute('class', node.display ? 'al-math al-math-display' : 'al-math');
    if (hooks.renderMath) element.innerHTML = hooks.renderMath(String(node.tex), Boolean(node.display));
    else if (hooks.renderMath !== null && isKatexOutput(node.html)) element.innerHTML = node.html;
    else element.textContent = String(node.tex);
    return element;
  }
  if (node.tag === 'live') {
    const element = doc.createElement('span');
    element.setAttribute('class', 'al-live');
    element.textContent = '–';
    if (hooks.live) hooks.live(element, { widget: node.widget, name: node.name, digits: node.digits });
    return element;
  }
  const allowedAttributes = ALLOWED.get(node.tag);
  if (!allowedAttributes) throw new Error(`materialize: the tag "${String(node.tag)}" is not allowed`);
  const element = doc.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs ?? {})) {
    if (!allowedAttributes.includes(name)) continue;
    if (name === 'href' || name === 'src') {
      const url = safeUrl(String(value), name === 'src' ? 'image' : 'link');
      if (url !== null) element.setAttribute(name, url);
    } else if (name === 'style') {
      if (CELL_STYLE.test(String(value))) element.setAttribute(name, String(value));
    } else if (name === 'rel') {
      element.setAttribute(name, 'noopener noreferrer');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  if (node.tag !== 'img' && node.tag !== 'hr' && node.tag !== 'br') for (const child of node.children ?? []) element.append(materializeNode(child, doc, hooks));
  return element;
}

// Bounds on formulas. KaTeX draws any size it is given (\rule{300em}{300em} is a black box
// thousands of pixels wide), so sizes are capped at MAX_FORMULA_SIZE_EM ems, and the lesson
// validator refuses a formula that asks for more (see formulaProblem). Its parser recurses into
// every group, so nesting is bounded too; macro expansion stops after MAX_FORMULA_EXPANSIONS steps.
export const MAX_FORMULA_SIZE_EM = 20;
export const MAX_FORMULA_DEPTH = 32;
export const MAX_FORMULA_EXPANSIONS = 1000;

// KaTeX options for lesson formulas: no \href, \url or \html* commands (trust: false).
export const KATEX_OPTIONS = Object.freeze({
  throwOnError: false, trust: false, strict: 'ignore', output: 'htmlAndMathml',
  maxSize: MAX_FORMULA_SIZE_EM, maxExpand: MAX_FORMULA_EXPANSIONS,
});

// TeX units in ems at the formula's size, as KaTeX converts them (10 pt to the em).
const EMS_PER_UNIT = {
  em: 1, ex: 0.431, mu: 1 / 18, pt: 0.1, mm: 7227 / 25400, cm: 7227 / 2540, in: 7.227, bp: 803 / 8000,
  pc: 1.2, dd: 1238 / 11570, cc: 14856 / 11570, nd: 685 / 6420, nc: 1370 / 1070, sp: 1 / 655360, px: 803 / 8000,
};

// Why the lesson validator refuses a formula that KaTeX itself would accept, or null: groups
// ({...}, \left...\right) nested deeper than MAX_FORMULA_DEPTH, or a size (\rule, \kern,
// \hspace, \raisebox, \\[...], ...) beyond MAX_FORMULA_SIZE_EM either way (KaTeX caps large
// sizes silently and leaves large negative ones alone).
export function formulaProblem(katex, tex, display = false) {
  // A command such as \left, but not \leftarrow.
  const command = (name, j) => tex.startsWith(name, j) && !/[A-Za-z]/.test(tex[j + name.length] ?? '');
  let depth = 0;
  let deepest = 0;
  for (let j = 0; j < tex.length; j += 1) {
    if (tex[j] === '{' || command('\\left', j)) depth += 1;
    else if (tex[j] === '}' || command('\\right', j)) depth -= 1;
    if (tex[j] === '\\') j += 1;
    deepest = Math.max(deepest, depth);
  }
  if (deepest > MAX_FORMULA_DEPTH) return `groups ({...} and \\left...\\right) nest ${deepest} levels deep; at most ${MAX_FORMULA_DEPTH} are allowed`;
  let tree;
  try {
    tree = katex.__parse(tex, { ...KATEX_OPTIONS, displayMode: display, maxSize: Infinity });
  } catch (error) {
    // A syntax error is KaTeX's to report (the caller renders the formula).
    if (error instanceof RangeError) return `the formula nests too deeply to be read; at most ${MAX_FORMULA_DEPTH} levels are allowed`;
    return null;
  }
  // Every size in KaTeX's parse tree is a { number, unit } object.
  const seen = new Set();
  const stack = [tree];
  while (stack.length) {
    const value = stack.pop();
    if (!value || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (typeof value.number === 'number' && typeof value.unit === 'string') {
      const ems = Math.abs(value.number) * (EMS_PER_UNIT[value.unit] ?? 1);
      if (ems > MAX_FORMULA_SIZE_EM) return `the size ${value.number}${value.unit} is too large; sizes are at most ${MAX_FORMULA_SIZE_EM}em (or as much in another unit, e.g. ${MAX_FORMULA_SIZE_EM * 10}pt)`;
    }
    for (const [key, child] of Object.entries(value)) if (key !== 'loc') stack.push(child);
  }
  return null;
}

// A renderMath hook from the katex module.
export function katexRenderer(katex) {
  return (tex, display) => katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display });
}
