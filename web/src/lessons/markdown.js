// Reads lesson Markdown at build time (node): CommonMark and tables from markdown-it, with raw
// HTML disabled, plus the lesson's own inline syntax: $math$, $$display math$$ and live numbers
// {{widget.measure:digits}}. The result is a plain tree of allowed tags and attributes (render.js
// describes the nodes and builds DOM from it), so the browser loads no Markdown parser. Every
// problem an author should fix (an unsafe URL, a malformed live number, nesting beyond the limits)
// is reported with the file line it is on.
import MarkdownIt from 'markdown-it';
import { MAX_INLINE_DEPTH, MAX_QUOTE_DEPTH, inlineWork, safeUrl } from './render.js';

const LIVE_NUMBER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?\s*(?::\s*([0-9]+)\s*)?\}\}/y;

// Per inline text: where each "$" closer and "$$" is, found once in one backward pass, so a run of
// unclosed openers ("$a $a $a ...") does not search to the end of the text from every opener.
function scanOf(state) {
  if (state.alScan?.src === state.src) return state.alScan;
  const text = state.src;
  const n = text.length;
  const nextSingle = new Int32Array(n + 2).fill(-1);
  const nextDouble = new Int32Array(n + 2).fill(-1);
  const newlines = [];
  for (let j = n - 1; j >= 0; j -= 1) {
    // Pandoc's rule for a closing $: it follows a non-space and is not followed by a digit.
    const closes = text[j] === '$' && j > 0 && /\S/.test(text[j - 1]) && text[j - 1] !== '\\' && !/[0-9]/.test(text[j + 1] ?? '');
    nextSingle[j] = closes ? j : nextSingle[j + 1];
    nextDouble[j] = text[j] === '$' && text[j + 1] === '$' ? j : nextDouble[j + 1];
  }
  for (let j = text.indexOf('\n'); j >= 0; j = text.indexOf('\n', j + 1)) newlines.push(j);
  inlineWork.steps += 2 * n;
  state.alScan = { src: text, nextSingle, nextDouble, newlines };
  return state.alScan;
}

// The file line of position pos of the inline text being parsed.
function lineAt(state, pos) {
  const { newlines } = scanOf(state);
  let low = 0;
  let high = newlines.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (newlines[mid] < pos) low = mid + 1;
    else high = mid;
  }
  return state.env.firstLine + (state.env.inlineLine ?? 0) + low;
}

function mathInline(state, silent) {
  const { src, pos, posMax } = state;
  if (src[pos] !== '$') return false;
  inlineWork.steps += 1;
  const scan = scanOf(state);
  let start;
  let end;
  let display;
  if (src[pos + 1] === '$') {
    end = scan.nextDouble[pos + 2];
    if (end < 0 || end + 2 > posMax || end === pos + 2) return false;
    [start, display] = [pos + 2, true];
  } else {
    if (!/\S/.test(src[pos + 1] ?? ' ')) return false;
    end = scan.nextSingle[pos + 1];
    if (end < 0 || end >= posMax || end === pos + 1) return false;
    [start, display] = [pos + 1, false];
  }
  if (!silent) {
    const token = state.push('al_math', '', 0);
    const tex = src.slice(start, end);
    token.meta = { tex: display ? tex.trim() : tex, display, line: lineAt(state, pos) };
  }
  state.pos = end + (display ? 2 : 1);
  return true;
}

function liveNumber(state, silent) {
  const { src, pos } = state;
  if (src[pos] !== '{' || src[pos + 1] !== '{') return false;
  inlineWork.steps += 1;
  LIVE_NUMBER.lastIndex = pos;
  const m = LIVE_NUMBER.exec(src);
  if (!m || pos + m[0].length > state.posMax) {
    if (!silent) {
      state.env.problems.push({ line: lineAt(state, pos), reason: `a live number is written {{widget.measure}} or {{widget.measure:digits}}, not "${src.slice(pos, pos + 40).split('}}')[0]}}}"` });
    }
    return false;
  }
  if (!silent) {
    const token = state.push('al_live', '', 0);
    token.meta = {
      widget: m[2] ? m[1] : null, name: m[2] ?? m[1], digits: m[3] === undefined ? null : Number(m[3]), line: lineAt(state, pos),
    };
  }
  state.pos += m[0].length;
  return true;
}

// "$$" on a line of its own opens display math, closed by the next such line.
function mathBlock(state, startLine, endLine, silent) {
  const lineText = (k) => state.src.slice(state.bMarks[k] + state.tShift[k], state.eMarks[k]).trim();
  if (state.sCount[startLine] - state.blkIndent >= 4 || lineText(startLine) !== '$$') return false;
  if (silent) return true;
  let next = startLine + 1;
  while (next < endLine && lineText(next) !== '$$') next += 1;
  const closed = next < endLine;
  if (!closed) state.env.problems.push({ line: state.env.firstLine + startLine, reason: 'display math "$$" is not closed' });
  const token = state.push('al_math_block', '', 0);
  token.map = [startLine, Math.min(next + 1, endLine)];
  token.meta = { tex: state.getLines(startLine + 1, next, state.sCount[startLine], false).trim(), display: true, line: state.env.firstLine + startLine };
  state.line = closed ? next + 1 : endLine;
  return true;
}

// The parser for lesson text: CommonMark plus tables, raw HTML shown as text. Every URL is
// accepted by the parser so that the tree conversion can refuse it with a message (markdown-it
// would silently drop a javascript: link and leave no trace for the author).
export function lessonMarkdownIt() {
  const md = new MarkdownIt('commonmark', { html: false, maxNesting: 100 }).enable('table');
  md.validateLink = () => true;
  // The URL as the author wrote it (before percent-encoding), so that what is checked is what
  // they wrote: "\\javascript:" must be refused, not encoded into a harmless-looking path.
  const normalizeLink = md.normalizeLink.bind(md);
  md.rawLinks = new Map();
  md.normalizeLink = (url) => {
    const normalized = normalizeLink(url);
    md.rawLinks.set(normalized, url);
    return normalized;
  };
  md.inline.ruler.after('escape', 'al_math', mathInline);
  md.inline.ruler.after('al_math', 'al_live', liveNumber);
  md.block.ruler.before('fence', 'al_math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  // Inline parsing as markdown-it's own rule does, telling the inline rules their block's line.
  md.core.ruler.at('inline', (state) => {
    let lastMap = [0, 1];
    for (const token of state.tokens) {
      // A table cell's text has no map of its own: its row's is the nearest.
      if (token.map) lastMap = token.map;
      if (token.type !== 'inline') continue;
      state.env.inlineLine = lastMap[0];
      state.md.inline.parse(token.content, state.md, state.env, token.children);
    }
  });
  return md;
}

const PARSER = lessonMarkdownIt();

const BLOCK_TAGS = {
  paragraph: 'p', heading: null, bullet_list: 'ul', ordered_list: 'ol', list_item: 'li', blockquote: 'blockquote',
  table: 'table', thead: 'thead', tbody: 'tbody', tr: 'tr', th: 'th', td: 'td', em: 'em', strong: 'strong', link: 'a',
};
const ALIGN = /^text-align:(left|center|right)$/;

// Parses block Markdown into tree nodes. firstLine is the file line of the first text line, so
// problems point into the lesson file. Returns { nodes, problems: [{ line, reason }] }.
export function parseMarkdown(markdown, firstLine = 1) {
  const env = { firstLine, problems: [] };
  const source = String(markdown ?? '');
  PARSER.rawLinks.clear();
  const tokens = PARSER.parse(source, env);
  const problems = env.problems;
  const sourceLines = source.replace(/\r\n?/g, '\n').split('\n');
  const root = { children: [] };
  const stack = [root];
  let quoteDepth = 0;
  let inlineDepthReported = false;
  let skipUntil = -1;
  for (let k = 0; k < tokens.length; k += 1) {
    const token = tokens[k];
    if (k < skipUntil) continue;
    const parent = stack[stack.length - 1];
    const line = token.map ? firstLine + token.map[0] : undefined;
    const kind = token.type.replace(/_(open|close)$/, '');
    if (token.type === 'blockquote_open' && quoteDepth >= MAX_QUOTE_DEPTH) {
      // Deeper quotes stay text: the author is told, and the reader still sees the words.
      let depth = 1;
      let close = k + 1;
      for (; close < tokens.length && depth > 0; close += 1) depth += tokens[close].nesting * (tokens[close].type.startsWith('blockquote') ? 1 : 0);
      problems.push({ line, reason: `quotes (">") nest more than ${MAX_QUOTE_DEPTH} levels deep here; at most ${MAX_QUOTE_DEPTH} levels are allowed` });
      const text = sourceLines.slice(token.map[0], token.map[1]).map((l) => l.replace(/^[\s>]*/, '')).join('\n');
      parent.children.push({ tag: 'p', attrs: {}, children: [text], line });
      skipUntil = close;
      continue;
    }
    if (token.nesting === 1) {
      const tag = kind === 'heading' ? token.tag : BLOCK_TAGS[kind];
      const node = { tag, attrs: {}, children: [], line };
      if (kind === 'ordered_list' && token.attrGet('start')) node.attrs.start = token.attrGet('start');
      if ((kind === 'th' || kind === 'td') && ALIGN.test(token.attrGet('style') ?? '')) node.attrs.style = token.attrGet('style');
      // A paragraph of a tight list item is hidden: its text goes straight into the item.
      node.hidden = token.hidden;
      if (kind === 'blockquote') quoteDepth += 1;
      parent.children.push(node);
      stack.push(node);
    } else if (token.nesting === -1) {
      const node = stack.pop();
      const parent = stack[stack.length - 1];
      if (kind === 'blockquote') quoteDepth -= 1;
      if (node.hidden) replace(parent.children, node, node.children);
      else if (node.tag === 'p' && node.children.length === 1 && node.children[0].tag === 'math' && node.children[0].display) {
        // A paragraph that is only "$$ ... $$" is a display formula, not a paragraph around one.
        parent.children.splice(parent.children.indexOf(node), 1, { ...node.children[0], line: node.line });
      }
      delete node.hidden;
    } else if (token.type === 'inline') {
      // Table cells' inline tokens have no map: the row's line is the nearest.
      const rowLine = line ?? stack.findLast((node) => node.line !== undefined)?.line ?? firstLine;
      const context = { problems, reported: () => inlineDepthReported, report: () => { inlineDepthReported = true; } };
      for (const child of inlineNodes(token.children, rowLine, context)) parent.children.push(child);
    } else if (token.type === 'fence' || token.type === 'code_block') {
      parent.children.push({ tag: 'pre', attrs: {}, children: [{ tag: 'code', attrs: {}, children: [token.content.replace(/\n$/, '')] }], line });
    } else if (token.type === 'hr') {
      parent.children.push({ tag: 'hr', attrs: {}, children: [], line });
    } else if (token.type === 'al_math_block') {
      parent.children.push({ tag: 'math', tex: token.meta.tex, display: true, line });
    }
  }
  return { nodes: root.children, problems: dedupe(problems) };
}

// Inline tokens to nodes; `blockLine` is the file line of their block, and each line break
// inside moves to the next line.
function inlineNodes(tokens, blockLine, context) {
  const root = { children: [], depth: 0 };
  const stack = [root];
  let breaks = 0;
  for (const token of tokens) {
    const line = blockLine + breaks;
    const parent = stack[stack.length - 1];
    const kind = token.type.replace(/_(open|close)$/, '');
    if (token.nesting === 1) {
      const node = { tag: BLOCK_TAGS[kind], attrs: {}, children: [], depth: parent.depth + 1 };
      if (kind === 'link') {
        const normalized = token.attrGet('href') ?? '';
        const raw = PARSER.rawLinks.get(normalized) ?? normalized;
        const href = safeUrl(raw, 'link') === null ? null : safeUrl(normalized, 'link');
        if (href === null) {
          context.problems.push({ line, reason: `link "${raw}" is not allowed; links must be http(s), relative or #fragment` });
          node.refused = true;
        } else {
          node.attrs.href = href;
          if (token.attrGet('title')) node.attrs.title = token.attrGet('title');
          if (/^https?:/i.test(href)) node.attrs.rel = 'noopener noreferrer';
        }
      }
      if (node.depth > MAX_INLINE_DEPTH) {
        if (!context.reported()) {
          context.report();
          context.problems.push({ line, reason: `emphasis and links nest more than ${MAX_INLINE_DEPTH} levels deep here; at most ${MAX_INLINE_DEPTH} levels are allowed` });
        }
        node.refused = true;
      }
      stack.push(node);
      parent.children.push(node);
    } else if (token.nesting === -1) {
      const node = stack.pop();
      const siblings = stack[stack.length - 1].children;
      // A refused link or a too-deep emphasis keeps its words.
      if (node.refused) replace(siblings, node, node.children);
      delete node.depth;
      delete node.refused;
    } else if (token.type === 'text') {
      appendText(parent.children, token.content);
    } else if (token.type === 'softbreak') {
      breaks += 1;
      appendText(parent.children, '\n');
    } else if (token.type === 'hardbreak') {
      breaks += 1;
      parent.children.push({ tag: 'br', attrs: {}, children: [] });
    } else if (token.type === 'code_inline') {
      parent.children.push({ tag: 'code', attrs: {}, children: [token.content || ' '] });
    } else if (token.type === 'image') {
      const alt = (token.children ?? []).map((child) => child.content).join('');
      const normalized = token.attrGet('src') ?? '';
      const raw = PARSER.rawLinks.get(normalized) ?? normalized;
      const src = safeUrl(raw, 'image') === null ? null : safeUrl(normalized, 'image');
      if (src === null) {
        context.problems.push({ line, reason: `image "${raw}" is not allowed; images must be relative paths on this site` });
        appendText(parent.children, alt);
      } else {
        parent.children.push({ tag: 'img', attrs: { src, alt }, children: [] });
      }
    } else if (token.type === 'al_math') {
      parent.children.push({ tag: 'math', tex: token.meta.tex, display: token.meta.display, line: token.meta.line });
    } else if (token.type === 'al_live') {
      const { widget, name, digits } = token.meta;
      parent.children.push({ tag: 'live', widget, name, digits, line: token.meta.line });
    } else if (token.content) {
      // Anything else markdown-it may produce (html_inline cannot occur: HTML is disabled) is text.
      appendText(parent.children, token.content);
    }
  }
  return root.children;
}

// Puts `items` in place of `node` in `list` (without spreading them as arguments: a text can have
// more nodes than a call has room for arguments).
function replace(list, node, items) {
  const rest = list.splice(list.indexOf(node));
  rest.shift();
  for (const item of items) list.push(item);
  for (const item of rest) list.push(item);
}

function appendText(children, text) {
  if (!text) return;
  if (typeof children[children.length - 1] === 'string') children[children.length - 1] += text;
  else children.push(text);
}

function dedupe(problems) {
  const seen = new Set();
  return problems.filter((p) => {
    const key = `${p.line}\u0000${p.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
