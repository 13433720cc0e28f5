// Lesson text is untrusted input: a lesson file can come from any course author. This module reads
// a small Markdown subset into a plain tree of allowed tags and attributes, and builds DOM nodes
// from that tree with createElement/textContent only. Raw HTML in the text stays text; URLs are
// kept only when they are http(s), relative or #fragments. The one HTML string ever inserted is
// KaTeX's output for a formula, produced by the trusted library with trust disabled.
//
// Tree nodes: a string (text), or { tag, attrs, children }, or the two special nodes
// { tag: 'math', tex, display } and { tag: 'live', widget, name, digits }.

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

const LIVE_NUMBER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?\s*(?::\s*([0-9]+)\s*)?\}\}/y;

// Limits on nesting, so that a careless or hostile lesson gets a clear message instead of
// exhausting the stack; lessons/README.md lists them for authors.
export const MAX_QUOTE_DEPTH = 8;
export const MAX_INLINE_DEPTH = 8;

// Work done by the inline parser: characters visited by its scan and by its searches for closing
// delimiters. It grows linearly with the text; the tests hold it to that.
export const inlineWork = { steps: 0 };

// Searches for closing delimiters in one text. Each remembers what it found, so that the many
// searches of one parse read the text a bounded number of times: without that, a long run of
// unclosed openers ("*a *a *a ...") makes every opener search to the end of the text.
function closers(text) {
  const count = (n) => { inlineWork.steps += n; };
  const indexOf = (needle, from) => {
    const hit = text.indexOf(needle, from);
    count((hit < 0 ? text.length : hit) - from + 1);
    return hit;
  };
  // The first position >= from where needle occurs and accept(position) holds, or -1. Calls come
  // with growing `from`; an answer stays valid for any later `from` up to it.
  const finder = (needle, accept = () => true) => {
    let askedFrom = Infinity;
    let answer = -1;
    return (from) => {
      if (from >= askedFrom && (answer < 0 || from <= answer)) return answer;
      let at = from;
      let hit;
      while ((hit = indexOf(needle, at)) >= 0 && !accept(hit)) at = hit + 1;
      askedFrom = from;
      answer = hit;
      return hit;
    };
  };
  // Pandoc's rule for a closing $: it follows a non-space and is not followed by a digit.
  const inlineMath = finder('$', (end) => /\S/.test(text[end - 1]) && text[end - 1] !== '\\' && !/[0-9]/.test(text[end + 1] ?? ''));
  const displayMath = finder('$$');
  const emphasisMemo = new Map();
  let backtickRuns = null;
  let runCursor = 0;
  let brackets = null;
  let parens = null;
  let newlines = null;

  // Pairs each opener at its balancing closer; with `escapes`, a backslash hides the next character.
  const pairs = (open, close, escapes) => {
    const found = new Int32Array(text.length).fill(-1);
    const stack = [];
    for (let j = 0; j < text.length; j += 1) {
      if (escapes && text[j] === '\\') j += 1;
      else if (text[j] === open) stack.push(j);
      else if (text[j] === close && stack.length) found[stack.pop()] = j;
    }
    count(text.length);
    return found;
  };

  return {
    inlineMath,
    displayMath,
    // The start of the first backtick run at or after `from` with at least `length` backticks,
    // or -1. Calls come with growing `from`.
    codeClose(from, length) {
      if (!backtickRuns) {
        const starts = [];
        const lengths = [];
        for (let j = text.indexOf('`'); j >= 0; j = text.indexOf('`', j)) {
          const start = j;
          while (text[j] === '`') j += 1;
          starts.push(start);
          lengths.push(j - start);
        }
        count(text.length);
        // longest[k]: the longest run from the k-th on, so a run with no closer is known at once.
        const longest = new Array(starts.length + 1).fill(0);
        for (let k = starts.length - 1; k >= 0; k -= 1) longest[k] = Math.max(lengths[k], longest[k + 1]);
        backtickRuns = { starts, lengths, longest };
      }
      const { starts, lengths, longest } = backtickRuns;
      while (runCursor < starts.length && starts[runCursor] < from) { runCursor += 1; count(1); }
      if (longest[runCursor] < length) return -1;
      for (let k = runCursor; ; k += 1) {
        count(1);
        if (lengths[k] >= length) return starts[k];
      }
    },
    // The closing delimiter of emphasis opened with `delim` (one or two of `c`), searching from
    // `from`, or -1. A candidate after a space is not a closer; nor, for single delimiters, one
    // that is half of a double; nor an underscore inside a word. A rejected candidate leads to the
    // next one, so each candidate's answer is remembered for every search that reaches it.
    emphasisClose(delim, from) {
      const c = delim[0];
      const strong = delim.length === 2;
      if (!emphasisMemo.has(delim)) emphasisMemo.set(delim, new Map());
      const memo = emphasisMemo.get(delim);
      const rejected = (end) => /\s/.test(text[end - 1]) || (!strong && text[end + 1] === c)
        || (c === '_' && /[A-Za-z0-9]/.test(text[end + delim.length] ?? ''));
      const visited = [];
      let end = indexOf(delim, from);
      let answer = -1;
      while (end >= 0) {
        if (memo.has(end)) { answer = memo.get(end); break; }
        visited.push(end);
        if (!rejected(end)) { answer = end; break; }
        end = indexOf(delim, end + delim.length + (strong ? 0 : 1));
      }
      for (const at of visited) memo.set(at, answer);
      return answer;
    },
    // The "]" that balances the "[" at start (backslash escapes skipped), or -1.
    bracketClose(start) {
      brackets ??= pairs('[', ']', true);
      return brackets[start];
    },
    // The ")" that balances the "(" at start, or -1.
    parenClose(start) {
      parens ??= pairs('(', ')', false);
      return parens[start];
    },
    // How many lines of the text come before position pos.
    linesBefore(pos) {
      if (!newlines) {
        newlines = [];
        for (let j = text.indexOf('\n'); j >= 0; j = text.indexOf('\n', j + 1)) newlines.push(j);
        count(text.length);
      }
      let low = 0;
      let high = newlines.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (newlines[mid] < pos) low = mid + 1;
        else high = mid;
      }
      return low;
    },
  };
}

// Parses inline Markdown: code spans, math, live numbers, images, links, strong and emphasis.
// `problems` collects what an author should fix (unsafe URLs, malformed live numbers, nesting
// deeper than MAX_INLINE_DEPTH), each with the file line it is on.
export function parseInline(text, problems = [], line = 1) {
  return parseInlineAt(String(text), { problems, tooDeep: false }, line, 0);
}

function parseInlineAt(text, context, line, depth) {
  const { problems } = context;
  const find = closers(text);
  const lineAt = (pos) => line + find.linesBefore(pos);
  // Children of emphasis or a link; at the depth limit they stay text, and the author is told once.
  const nested = (inner, offset) => {
    if (depth + 1 <= MAX_INLINE_DEPTH) return parseInlineAt(inner, context, lineAt(offset), depth + 1);
    if (!context.tooDeep) {
      context.tooDeep = true;
      problems.push({ line: lineAt(offset), reason: `emphasis and links nest more than ${MAX_INLINE_DEPTH} levels deep here; at most ${MAX_INLINE_DEPTH} levels are allowed` });
    }
    return [inner];
  };
  const out = [];
  let plain = '';
  const flush = () => { if (plain) { out.push(plain); plain = ''; } };
  let i = 0;
  while (i < text.length) {
    inlineWork.steps += 1;
    const c = text[i];
    if (c === '\\' && i + 1 < text.length && /[!-/:-@[-`{-~]/.test(text[i + 1])) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      let runEnd = i;
      while (text[runEnd] === '`') runEnd += 1;
      const length = runEnd - i;
      const end = find.codeClose(runEnd, length);
      if (end > 0) {
        flush();
        out.push({ tag: 'code', attrs: {}, children: [text.slice(runEnd, end).trim() || ' '] });
        i = end + length;
        continue;
      }
      plain += text.slice(i, runEnd);
      i = runEnd;
      continue;
    }
    if (c === '$' && text[i + 1] === '$') {
      const end = find.displayMath(i + 2);
      if (end > i + 2) {
        flush();
        out.push({ tag: 'math', tex: text.slice(i + 2, end).trim(), display: true });
        i = end + 2;
        continue;
      }
    } else if (c === '$' && /\S/.test(text[i + 1] ?? ' ')) {
      const end = find.inlineMath(i + 1);
      if (end > i + 1) {
        flush();
        out.push({ tag: 'math', tex: text.slice(i + 1, end), display: false });
        i = end + 1;
        continue;
      }
    }
    if (c === '{' && text[i + 1] === '{') {
      LIVE_NUMBER.lastIndex = i;
      const m = LIVE_NUMBER.exec(text);
      if (m) {
        flush();
        out.push(m[2]
          ? { tag: 'live', widget: m[1], name: m[2], digits: m[3] === undefined ? null : Number(m[3]) }
          : { tag: 'live', widget: null, name: m[1], digits: m[3] === undefined ? null : Number(m[3]) });
        i += m[0].length;
        continue;
      }
      problems.push({ line: lineAt(i), reason: `a live number is written {{widget.measure}} or {{widget.measure:digits}}, not "${text.slice(i, i + 40).split('}}')[0]}}}"` });
    }
    if (c === '!' && text[i + 1] === '[') {
      const link = readLink(text, i + 1, find);
      if (link) {
        flush();
        const src = safeUrl(link.url, 'image');
        if (src === null) {
          problems.push({ line: lineAt(i), reason: `image "${link.url}" is not allowed; images must be relative paths on this site` });
          out.push(link.label);
        } else {
          out.push({ tag: 'img', attrs: { src, alt: link.label }, children: [] });
        }
        i = link.end;
        continue;
      }
    }
    if (c === '[') {
      const link = readLink(text, i, find);
      if (link) {
        flush();
        const href = safeUrl(link.url, 'link');
        const children = nested(link.label, i + 1).filter((n) => typeof n === 'string' || n.tag !== 'a');
        if (href === null) {
          problems.push({ line: lineAt(i), reason: `link "${link.url}" is not allowed; links must be http(s), relative or #fragment` });
          out.push(...children);
        } else {
          const attrs = { href };
          if (/^https?:/i.test(href)) attrs.rel = 'noopener noreferrer';
          out.push({ tag: 'a', attrs, children });
        }
        i = link.end;
        continue;
      }
    }
    if (c === '*' || c === '_') {
      const strong = text[i + 1] === c;
      const delim = strong ? c + c : c;
      const open = i + delim.length;
      // Intra-word underscores (measure_names) are text, not emphasis.
      const wordBefore = c === '_' && /[A-Za-z0-9]/.test(text[i - 1] ?? '');
      if (!wordBefore && /\S/.test(text[open] ?? ' ')) {
        const end = find.emphasisClose(delim, open + 1);
        if (end > open) {
          flush();
          out.push({ tag: strong ? 'strong' : 'em', attrs: {}, children: nested(text.slice(open, end), open) });
          i = end + delim.length;
          continue;
        }
      }
    }
    plain += c;
    i += 1;
  }
  flush();
  return out;
}

// Reads "[label](url)" starting at the "[" at index start; null when it is not a link.
function readLink(text, start, find) {
  const close = find.bracketClose(start);
  if (close < 0 || text[close + 1] !== '(') return null;
  // The target ends at the ")" that balances the "(", so "f(x)" inside a URL stays in it.
  const end = find.parenClose(close + 1);
  if (end < 0) return null;
  // The whole target is the URL (no titles); whitespace inside makes safeUrl refuse it.
  return { label: text.slice(start + 1, close), url: text.slice(close + 2, end).trim(), end: end + 1 };
}

const LIST_ITEM = /^(\s{0,3})([-*+]|[0-9]{1,9}[.)])\s+(.*)$/;

// Parses block Markdown into tree nodes. firstLine is the file line of the first text line, so
// problems point into the lesson file. Returns { nodes, problems: [{ line, reason }] }.
export function parseMarkdown(markdown, firstLine = 1) {
  const problems = [];
  return { nodes: parseBlocks(markdown, firstLine, problems, 0), problems };
}

function parseBlocks(markdown, firstLine, problems, quoteDepth) {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const nodes = [];
  let i = 0;
  const lineOf = (index) => firstLine + index;
  while (i < lines.length) {
    const line = lines[i];
    if (/^\s*$/.test(line)) { i += 1; continue; }
    const fence = /^\s*(```+|~~~+)/.exec(line);
    if (fence) {
      const start = i;
      const body = [];
      i += 1;
      while (i < lines.length && !lines[i].trim().startsWith(fence[1])) { body.push(lines[i]); i += 1; }
      if (i >= lines.length) problems.push({ line: lineOf(start), reason: 'code block is not closed' });
      i += 1;
      nodes.push({ tag: 'pre', attrs: {}, children: [{ tag: 'code', attrs: {}, children: [body.join('\n')] }], line: lineOf(start) });
      continue;
    }
    if (line.trim() === '$$') {
      const start = i;
      const body = [];
      i += 1;
      while (i < lines.length && lines[i].trim() !== '$$') { body.push(lines[i]); i += 1; }
      if (i >= lines.length) problems.push({ line: lineOf(start), reason: 'display math "$$" is not closed' });
      i += 1;
      nodes.push({ tag: 'math', tex: body.join('\n').trim(), display: true, line: lineOf(start) });
      continue;
    }
    const heading = readHeading(line);
    if (heading) {
      nodes.push({ tag: `h${heading.level}`, attrs: {}, children: parseInline(heading.text, problems, lineOf(i)), line: lineOf(i) });
      i += 1;
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const ordered = /[0-9]/.test(item[2]);
      const start = i;
      const items = [];
      while (i < lines.length) {
        const m = LIST_ITEM.exec(lines[i]);
        if (m && /[0-9]/.test(m[2]) === ordered) {
          items.push({ text: m[3], line: lineOf(i) });
        } else if (items.length && /^\s+\S/.test(lines[i]) && !m) {
          items[items.length - 1].text += ` ${lines[i].trim()}`;
        } else {
          break;
        }
        i += 1;
      }
      const attrs = {};
      if (ordered && parseInt(item[2], 10) !== 1) attrs.start = String(parseInt(item[2], 10));
      nodes.push({
        tag: ordered ? 'ol' : 'ul',
        attrs,
        children: items.map((it) => ({ tag: 'li', attrs: {}, children: parseInline(it.text, problems, it.line) })),
        line: lineOf(start),
      });
      continue;
    }
    if (/^\s{0,3}>/.test(line)) {
      const start = i;
      const body = [];
      while (i < lines.length && /^\s{0,3}>/.test(lines[i])) { body.push(lines[i].replace(/^\s{0,3}>\s?/, '')); i += 1; }
      let children;
      if (quoteDepth < MAX_QUOTE_DEPTH) {
        children = parseBlocks(body.join('\n'), lineOf(start), problems, quoteDepth + 1);
      } else {
        // Deeper quotes stay text: the author is told, and the reader still sees the words.
        problems.push({ line: lineOf(start), reason: `quotes (">") nest more than ${MAX_QUOTE_DEPTH} levels deep here; at most ${MAX_QUOTE_DEPTH} levels are allowed` });
        children = [{ tag: 'p', attrs: {}, children: [body.join('\n')] }];
      }
      nodes.push({ tag: 'blockquote', attrs: {}, children, line: lineOf(start) });
      continue;
    }
    const start = i;
    const body = [];
    while (i < lines.length && !/^\s*$/.test(lines[i]) && (i === start || !startsBlock(lines[i]))) {
      body.push(lines[i].trim());
      i += 1;
    }
    const children = parseInline(body.join('\n'), problems, lineOf(start));
    // A paragraph that is only "$$ ... $$" is a display formula, not a paragraph around one.
    if (children.length === 1 && children[0].tag === 'math' && children[0].display) {
      nodes.push({ ...children[0], line: lineOf(start) });
    } else {
      nodes.push({ tag: 'p', attrs: {}, children, line: lineOf(start) });
    }
  }
  return nodes;
}

// "## Title ##" -> { level: 2, text: 'Title' }; null when the line is not a heading. Trailing
// spaces and closing hashes are cut with string operations: the equivalent regular expression,
// /^(#{1,6})\s+(.*?)\s*#*\s*$/, takes cubic time on a heading with a long run of spaces inside.
function readHeading(line) {
  const start = /^(#{1,6})\s+/.exec(line);
  if (!start) return null;
  let text = line.slice(start[0].length).trimEnd();
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end -= 1;
  text = text.slice(0, end).trimEnd();
  return /[\n\r\u2028\u2029]/.test(text) ? null : { level: start[1].length, text };
}

function startsBlock(line) {
  return /^\s*(```|~~~)/.test(line) || /^#{1,6}\s/.test(line) || LIST_ITEM.test(line)
    || /^\s{0,3}>/.test(line) || line.trim() === '$$';
}

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
  ['ul', []], ['ol', ['start']], ['li', []],
  ['a', ['href', 'rel', 'title']], ['img', ['src', 'alt']],
]);

// Builds DOM nodes from a tree with the given document. hooks:
//   renderMath(tex, display) -> HTML string from KaTeX (optional; without it the TeX shows as text)
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
    } else if (name === 'rel') {
      element.setAttribute(name, 'noopener noreferrer');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  if (node.tag !== 'img') for (const child of node.children ?? []) element.append(materializeNode(child, doc, hooks));
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
