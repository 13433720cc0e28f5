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

const LIVE_NUMBER = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?\s*(?::\s*([0-9]+)\s*)?\}\}/;

// Parses inline Markdown: code spans, math, live numbers, images, links, strong and emphasis.
// `problems` collects what an author should fix (unsafe URLs, malformed live numbers).
export function parseInline(text, problems = [], line = 1) {
  const out = [];
  let plain = '';
  const flush = () => { if (plain) { out.push(plain); plain = ''; } };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const rest = text.slice(i);
    if (c === '\\' && i + 1 < text.length && /[!-/:-@[-`{-~]/.test(text[i + 1])) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const run = /^`+/.exec(rest)[0];
      const end = text.indexOf(run, i + run.length);
      if (end > 0) {
        flush();
        out.push({ tag: 'code', attrs: {}, children: [text.slice(i + run.length, end).trim() || ' '] });
        i = end + run.length;
        continue;
      }
      plain += run;
      i += run.length;
      continue;
    }
    if (rest.startsWith('$$')) {
      const end = text.indexOf('$$', i + 2);
      if (end > i + 2) {
        flush();
        out.push({ tag: 'math', tex: text.slice(i + 2, end).trim(), display: true });
        i = end + 2;
        continue;
      }
    } else if (c === '$' && /\S/.test(text[i + 1] ?? ' ')) {
      // Pandoc's rule: the closing $ follows a non-space and is not followed by a digit, so
      // "costs $5 and $6" stays text.
      let end = i + 1;
      while ((end = text.indexOf('$', end)) > 0) {
        if (/\S/.test(text[end - 1]) && text[end - 1] !== '\\' && !/[0-9]/.test(text[end + 1] ?? '')) break;
        end += 1;
      }
      if (end > i + 1) {
        flush();
        out.push({ tag: 'math', tex: text.slice(i + 1, end), display: false });
        i = end + 1;
        continue;
      }
    }
    if (rest.startsWith('{{')) {
      const m = LIVE_NUMBER.exec(rest);
      if (m) {
        flush();
        out.push(m[2]
          ? { tag: 'live', widget: m[1], name: m[2], digits: m[3] === undefined ? null : Number(m[3]) }
          : { tag: 'live', widget: null, name: m[1], digits: m[3] === undefined ? null : Number(m[3]) });
        i += m[0].length;
        continue;
      }
      problems.push({ line, reason: `a live number is written {{widget.measure}} or {{widget.measure:digits}}, not "${rest.slice(0, 40).split('}}')[0]}}}"` });
    }
    if (c === '!' && text[i + 1] === '[') {
      const link = readLink(text, i + 1);
      if (link) {
        flush();
        const src = safeUrl(link.url, 'image');
        if (src === null) {
          problems.push({ line, reason: `image "${link.url}" is not allowed; images must be relative paths on this site` });
          out.push(link.label);
        } else {
          out.push({ tag: 'img', attrs: { src, alt: link.label }, children: [] });
        }
        i = link.end;
        continue;
      }
    }
    if (c === '[') {
      const link = readLink(text, i);
      if (link) {
        flush();
        const href = safeUrl(link.url, 'link');
        const children = parseInline(link.label, problems, line).filter((n) => typeof n === 'string' || n.tag !== 'a');
        if (href === null) {
          problems.push({ line, reason: `link "${link.url}" is not allowed; links must be http(s), relative or #fragment` });
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
        let end = text.indexOf(delim, open + 1);
        while (end > 0 && (/\s/.test(text[end - 1]) || (!strong && text[end + 1] === c)
          || (c === '_' && /[A-Za-z0-9]/.test(text[end + delim.length] ?? '')))) {
          end = text.indexOf(delim, end + delim.length + (strong ? 0 : 1));
        }
        if (end > open) {
          flush();
          out.push({ tag: strong ? 'strong' : 'em', attrs: {}, children: parseInline(text.slice(open, end), problems, line) });
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
function readLink(text, start) {
  let depth = 0;
  let close = -1;
  for (let j = start; j < text.length; j += 1) {
    if (text[j] === '\\') { j += 1; continue; }
    if (text[j] === '[') depth += 1;
    else if (text[j] === ']') { depth -= 1; if (depth === 0) { close = j; break; } }
  }
  if (close < 0 || text[close + 1] !== '(') return null;
  // The target ends at the ")" that balances the "(", so "f(x)" inside a URL stays in it.
  let end = -1;
  depth = 0;
  for (let j = close + 1; j < text.length; j += 1) {
    if (text[j] === '(') depth += 1;
    else if (text[j] === ')') { depth -= 1; if (depth === 0) { end = j; break; } }
  }
  if (end < 0) return null;
  // The whole target is the URL (no titles); whitespace inside makes safeUrl refuse it.
  return { label: text.slice(start + 1, close), url: text.slice(close + 2, end).trim(), end: end + 1 };
}

const LIST_ITEM = /^(\s{0,3})([-*+]|[0-9]{1,9}[.)])\s+(.*)$/;

// Parses block Markdown into tree nodes. firstLine is the file line of the first text line, so
// problems point into the lesson file. Returns { nodes, problems: [{ line, reason }] }.
export function parseMarkdown(markdown, firstLine = 1) {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const nodes = [];
  const problems = [];
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
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      nodes.push({ tag: `h${heading[1].length}`, attrs: {}, children: parseInline(heading[2], problems, lineOf(i)), line: lineOf(i) });
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
      const inner = parseMarkdown(body.join('\n'), lineOf(start));
      problems.push(...inner.problems);
      nodes.push({ tag: 'blockquote', attrs: {}, children: inner.nodes, line: lineOf(start) });
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
  return { nodes, problems };
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
  ['a', ['href', 'rel']], ['img', ['src', 'alt']],
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

// KaTeX options for lesson formulas: no \href, \url or \html* commands (trust: false).
export const KATEX_OPTIONS = Object.freeze({ throwOnError: false, trust: false, strict: 'ignore', output: 'htmlAndMathml' });

// A renderMath hook from the katex module.
export function katexRenderer(katex) {
  return (tex, display) => katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display });
}
