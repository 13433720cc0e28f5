// Lesson text rendering: a hostile lesson renders inert, and the Markdown subset renders right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import katexModule from 'katex';
import { katexRenderer, materialize, safeUrl, walkTree } from '../../web/src/lessons/render.js';
import { parseMarkdown } from '../../web/src/lessons/markdown.js';
import { FakeDocument } from './helpers/fake-dom.mjs';

const katex = katexModule.default ?? katexModule;

const HOSTILE = [
  '<script>alert(1)</script>',
  '',
  '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(2)) [c]( javascript:alert(3)) [d](vbscript:msgbox(4))',
  '',
  '[e](data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==) [f](//evil.example/x) [g](java\tscript:alert(6))',
  '',
  '<img src=x onerror=alert(7)> <svg onload=alert(8)></svg> <iframe src="https://evil.example"></iframe>',
  '',
  '![p](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoOSk+) ![q](https://evil.example/track.png) ![r](javascript:alert(10))',
  '',
  '<a href="javascript:alert(11)" onclick="alert(12)">x</a> **<b onmouseover=alert(13)>bold</b>**',
  '',
  '- <style>body{display:none}</style>',
  '- [h](\\javascript:alert(14))',
  '',
  '[ok](https://example.org/) [rel](../lessons/next.md) [frag](#top) ![fine](images/ring.png)',
  '',
  '$\\href{javascript:alert(15)}{x}$ $\\url{javascript:alert(16)}$ $\\htmlClass{x}{y}$ $\\includegraphics{https://evil.example/i.png}$',
].join('\n');

const ALLOWED_TAGS = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'em', 'strong', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'img', 'span', 'div']);

function render(markdown, hooks = {}) {
  const doc = new FakeDocument();
  const { nodes, problems } = parseMarkdown(markdown);
  const root = doc.createElement('div');
  root.append(materialize(nodes, doc, hooks));
  return { doc, root, nodes, problems };
}

test('a hostile lesson text creates only allowed elements with safe attributes', () => {
  const { doc, root } = render(HOSTILE, { renderMath: katexRenderer(katex) });
  const tags = new Set(doc.created.map((e) => e.localName));
  for (const tag of tags) assert.ok(ALLOWED_TAGS.has(tag), `element <${tag}> was created`);
  for (const element of root.descendants()) {
    for (const name of element.attributes.keys()) {
      assert.ok(['href', 'rel', 'src', 'alt', 'class', 'start'].includes(name), `attribute ${name} on <${element.localName}>`);
    }
  }
  const links = root.querySelectorAll('a').map((a) => a.getAttribute('href'));
  assert.deepEqual(links, ['https://example.org/', '../lessons/next.md', '#top']);
  const images = root.querySelectorAll('img').map((img) => [img.getAttribute('src'), img.getAttribute('alt')]);
  assert.deepEqual(images, [['images/ring.png', 'fine']]);
  // The markup is still there for the reader to see, as text.
  assert.match(root.textContent, /<script>alert\(1\)<\/script>/);
  assert.match(root.textContent, /<img src=x onerror=alert\(7\)>/);
  assert.match(root.textContent, /<a href="javascript:alert\(11\)" onclick="alert\(12\)">x<\/a>/);
});

test('the only HTML strings inserted are KaTeX formulas, and KaTeX makes no links or images', () => {
  const { doc } = render(HOSTILE, { renderMath: katexRenderer(katex) });
  assert.equal(doc.innerHTMLWrites.length, 4);
  for (const { element, html } of doc.innerHTMLWrites) {
    assert.equal(element.getAttribute('class'), 'al-math');
    assert.doesNotMatch(html, /<a[\s>]|<img|<script|\son[a-z]+=|href=|src=/i);
  }
});

test('without a math renderer formulas stay text and nothing is parsed as HTML', () => {
  const { doc, root } = render('Formula $<img src=x onerror=alert(1)>$ here.');
  assert.equal(doc.innerHTMLWrites.length, 0);
  assert.equal(root.querySelectorAll('img').length, 0);
  assert.match(root.textContent, /<img src=x onerror=alert\(1\)>/);
});

test('unsafe links and images keep their text, and the parser reports them', () => {
  const { root, problems } = render('[click me](javascript:alert(1)) and ![a cat](data:image/png;base64,AAAA)');
  assert.equal(root.querySelectorAll('a').length, 0);
  assert.equal(root.querySelectorAll('img').length, 0);
  assert.equal(root.textContent, 'click me and a cat');
  assert.equal(problems.length, 2);
});

test('the materializer refuses tags and attributes a crafted tree could carry', () => {
  const doc = new FakeDocument();
  assert.throws(() => materialize([{ tag: 'script', attrs: {}, children: ['alert(1)'] }], doc), /tag "script" is not allowed/);
  assert.throws(() => materialize([{ tag: 'svg', attrs: { onload: 'x' }, children: [] }], doc), /not allowed/);
  const fragment = materialize([{ tag: 'a', attrs: { href: 'javascript:alert(1)', onclick: 'alert(2)', style: 'x' }, children: ['x'] },
    { tag: 'img', attrs: { src: 'https://evil.example/p.png', onerror: 'alert(3)', alt: 'p' }, children: [] }], doc);
  const root = doc.createElement('div');
  root.append(fragment);
  const [a] = root.querySelectorAll('a');
  const [img] = root.querySelectorAll('img');
  assert.deepEqual([...a.attributes.keys()], []);
  assert.deepEqual([...img.attributes.entries()], [['alt', 'p']]);
});

test('safeUrl keeps http(s), relative and #fragment links, and only relative images', () => {
  const cases = [
    ['https://example.org/a?b=c', 'link', 'https://example.org/a?b=c'],
    ['HTTP://example.org', 'link', 'HTTP://example.org'],
    ['../lessons/02.md', 'link', '../lessons/02.md'],
    ['#objectives', 'link', '#objectives'],
    ['mailto:a@b.c', 'link', null],
    ['javascript:alert(1)', 'link', null],
    ['  javascript:alert(1)', 'link', null],
    ['java\nscript:alert(1)', 'link', null],
    ['data:text/html,x', 'link', null],
    ['//evil.example', 'link', null],
    ['/\\evil.example', 'link', null],
    ['images/a.png', 'image', 'images/a.png'],
    ['https://evil.example/a.png', 'image', null],
    ['data:image/png;base64,AA', 'image', null],
    ['#x', 'image', null],
  ];
  for (const [url, use, expected] of cases) assert.equal(safeUrl(url, use), expected, `${JSON.stringify(url)} as ${use}`);
});

test('the Markdown subset: headings, paragraphs, emphasis, code, lists, quotes, math and live numbers', () => {
  const { nodes, problems } = parseMarkdown([
    '## Drift', '', 'A *small* change, **large** effect: `epsilon`, a_b_c and 2 * 3 * 4.', '',
    '1. one', '2. two', '', '- a', '  continued', '', '> quoted', '', '```', '<b>code</b>', '```', '', '$$', 'x^2', '$$', '',
    'Price \\$5 and \\$6; rate $\\lambda$; now {{ring1.drift_deg_per_s:2}} and {{loss}}.',
  ].join('\n'));
  assert.deepEqual(problems, []);
  const strip = (list) => list.map((n) => (typeof n === 'string' ? n : { ...n, line: undefined, children: n.children && strip(n.children) }));
  assert.deepEqual(strip(nodes), strip([
    { tag: 'h2', attrs: {}, children: ['Drift'] },
    { tag: 'p', attrs: {}, children: ['A ', { tag: 'em', attrs: {}, children: ['small'] }, ' change, ', { tag: 'strong', attrs: {}, children: ['large'] }, ' effect: ', { tag: 'code', attrs: {}, children: ['epsilon'] }, ', a_b_c and 2 * 3 * 4.'] },
    { tag: 'ol', attrs: {}, children: [{ tag: 'li', attrs: {}, children: ['one'] }, { tag: 'li', attrs: {}, children: ['two'] }] },
    { tag: 'ul', attrs: {}, children: [{ tag: 'li', attrs: {}, children: ['a\ncontinued'] }] },
    { tag: 'blockquote', attrs: {}, children: [{ tag: 'p', attrs: {}, children: ['quoted'] }] },
    { tag: 'pre', attrs: {}, children: [{ tag: 'code', attrs: {}, children: ['<b>code</b>'] }] },
    { tag: 'math', tex: 'x^2', display: true },
    { tag: 'p', attrs: {}, children: ['Price $5 and $6; rate ', { tag: 'math', tex: '\\lambda', display: false }, '; now ',
      { tag: 'live', widget: 'ring1', name: 'drift_deg_per_s', digits: 2 }, ' and ', { tag: 'live', widget: null, name: 'loss', digits: null }, '.'] },
  ]));
  assert.deepEqual(nodes.map((n) => n.line), [1, 3, 5, 8, 11, 13, 17, 21]);
  assert.equal([...walkTree(nodes)].filter((n) => n.tag === 'live').length, 2);
  // A closing "$" must follow a non-space and not precede a digit, so prices stay text.
  assert.deepEqual(parseMarkdown('It costs $5 and $6.').nodes[0].children, ['It costs $5 and $6.']);
});

test('a formula drawn by the build is inserted; HTML in a math node that KaTeX would not write stays out', () => {
  const doc = new FakeDocument();
  const drawn = katexRenderer(katex)('\\lambda', false);
  const crafted = [
    '<span class="katex"><img src=x onerror=alert(1)></span>',
    '<span class="katex"><a href="javascript:alert(2)">x</a></span>',
    '<span class="katex"><span style="background:url(https://evil.example/t.png)">x</span></span>',
    '<b onmouseover="alert(3)">x</b>',
  ];
  const root = doc.createElement('div');
  root.append(materialize([{ tag: 'math', tex: '\\lambda', display: false, html: drawn },
    ...crafted.map((html, k) => ({ tag: 'math', tex: `t${k}`, display: false, html }))], doc));
  assert.deepEqual(doc.innerHTMLWrites.map((write) => write.html), [drawn]);
  assert.deepEqual(root.querySelectorAll('span').slice(1).map((span) => span.textContent), ['t0', 't1', 't2', 't3']);
  // renderMath: null shows every formula as its TeX.
  const plain = new FakeDocument();
  plain.createElement('div').append(materialize([{ tag: 'math', tex: '\\lambda', display: false, html: drawn }], plain, { renderMath: null }));
  assert.equal(plain.innerHTMLWrites.length, 0);
});
