// The embed message protocol: what the embedded page accepts from a host, and the allow-list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frameEvent, frameReply, hostCommand, originAllowed, parseFrameMessage, parseHostMessage, parseOrigins, readEmbedConfig } from '../../web/src/embed/protocol.js';

test('well-formed host commands are accepted', () => {
  assert.deepEqual(parseHostMessage(hostCommand('play', 1)), { command: 'play', id: 1, params: undefined });
  assert.deepEqual(parseHostMessage(hostCommand('setState', 'a', { epsilon: 0.01, noise: true, init: 'qpta' })),
    { command: 'setState', id: 'a', params: { epsilon: 0.01, noise: true, init: 'qpta' } });
});

test('anything else is ignored', () => {
  const base = { type: 'attractor-lab', version: 1 };
  for (const junk of [null, undefined, 42, 'play', [], { ...base }, { ...base, version: 2, command: 'play' },
    { ...base, type: 'other', command: 'play' }, { ...base, command: 'eval' }, { ...base, command: 'toString' },
    { ...base, command: 'play', params: {} }, { ...base, command: 'setState' }, { ...base, command: 'setState', params: [1] },
    { ...base, command: 'setState', params: { n: { valueOf: 1 } } }, { ...base, command: 'setState', params: { n: null } },
    { ...base, command: 'play', id: { evil: true } }, { ...base, command: 'play', id: 'x'.repeat(101) },
    Object.assign(Object.create({ polluted: true }), { ...base, command: 'play' })]) {
    assert.equal(parseHostMessage(junk), null, JSON.stringify(junk));
  }
});

test('frame events and replies round-trip through the host-side parser', () => {
  assert.deepEqual(parseFrameMessage(frameEvent('ready', { widget: 'ring' })), { event: 'ready', data: { widget: 'ring' } });
  assert.deepEqual(parseFrameMessage(frameReply('getState', 3, { ok: true, data: { a: 1 } })),
    { reply: 'getState', id: 3, ok: true, data: { a: 1 }, error: undefined });
  assert.equal(parseFrameMessage(frameEvent('explode')), null);
});

test('the allow-list takes plain http(s) origins only', () => {
  const { origins, errors } = parseOrigins('https://canvas.example.edu, http://localhost:8080/,javascript:alert(1),https://a.org/path,*');
  assert.deepEqual(origins, ['https://canvas.example.edu', 'http://localhost:8080', 'https://a.org']);
  assert.equal(errors.length, 2);
  assert.equal(originAllowed('https://evil.example', origins), false);
  assert.equal(originAllowed('https://canvas.example.edu', origins), true);
  assert.equal(originAllowed('https://anyone.example', parseOrigins(null).origins), true, 'no origins= at all: any host');
});

test('what a teacher pastes is normalized to an origin: letter case, a course page path, spaces', () => {
  const { origins, errors } = parseOrigins(' HTTPS://Canvas.Example.EDU/courses/12?module=3#top ,https://moodle.example.org:8443/mod/page/view.php ');
  assert.deepEqual(origins, ['https://canvas.example.edu', 'https://moodle.example.org:8443']);
  assert.deepEqual(errors, []);
});

test('an allow-list whose every entry is refused allows no host, and names each refused entry', () => {
  for (const text of ['canvas.example.edu', 'https://canvas .example.edu', 'ftp://files.example.edu', '*', 'null',
    'https://*.example.edu', 'https://user:secret@canvas.example.edu', '', ' , ']) {
    const { origins, errors } = parseOrigins(text);
    assert.deepEqual(origins, [], text);
    assert.equal(originAllowed('https://canvas.example.edu', origins), false, text);
    assert.equal(originAllowed('https://evil.example', origins), false, text);
    assert.ok(errors.length >= 1, text);
    for (const entry of text.split(',').map((item) => item.trim()).filter(Boolean)) {
      assert.ok(errors.some((message) => message.includes(JSON.stringify(entry))), `${text}: ${errors}`);
    }
    assert.ok(errors.every((message) => /^origins: /.test(message) && /https:\/\/canvas\.example\.edu/.test(message)), errors.join('\n'));
  }
  assert.match(parseOrigins('canvas.example.edu').errors[0], /no https:\/\/ or http:\/\/ in front/);
  assert.match(parseOrigins('ftp://files.example.edu').errors[0], /only http:\/\/ and https:\/\//);
});

test('a refused entry is quoted only in part when it is huge', () => {
  const { errors } = parseOrigins(`javascript:${'x'.repeat(100000)}`);
  assert.equal(errors.length, 1);
  assert.ok(errors[0].length < 400, `${errors[0].length} characters`);
});

// An address with `search` and `hash` parts, as the embed reads its own location.
const address = (search, hash = '') => ({ search, hash });

test('the embed address: the hash wins over the query, and settings pass through', () => {
  const config = readEmbedConfig(address('?widget=ring&epsilon=0.1', '#epsilon=0.2&origins=https://Canvas.Example.edu/course'));
  assert.equal(config.widget, 'ring');
  assert.equal(config.settings, 'epsilon=0.2');
  assert.deepEqual(config.origins.origins, ['https://canvas.example.edu']);
  assert.deepEqual(config.problems, []);
  assert.equal(readEmbedConfig(address('?widget=ring')).origins.origins, null);
});

test('a repeated origins= allows no page and names both values', () => {
  const config = readEmbedConfig(address('?widget=ring&origins=https://a.example.edu&origins=https://evil.example.com'));
  assert.deepEqual(config.origins.origins, []);
  assert.match(config.origins.errors[0], /origins= is given 2 times \("https:\/\/a\.example\.edu", "https:\/\/evil\.example\.com"\)/);
  assert.equal(new URLSearchParams(config.carried).get('origins'), '');
  // The same origin twice in one list is not a repeat of the key.
  assert.deepEqual(readEmbedConfig(address('?origins=https://a.example.edu,https://a.example.edu')).origins.origins, ['https://a.example.edu']);
});

test('a repeated graded= counts as graded if any value asks for it, and is reported', () => {
  for (const search of ['?lesson=02&graded=0&graded=1', '?lesson=02&graded=1&graded=off']) {
    const config = readEmbedConfig(address(search));
    assert.equal(config.graded, true, search);
    assert.match(config.problems.join(' '), /graded= is given 2 times/);
    assert.equal(new URLSearchParams(config.carried).get('graded'), '1');
  }
  assert.equal(readEmbedConfig(address('?lesson=02&graded=off')).graded, false);
});

test('widget= or lesson= with two different values shows nothing and says why', () => {
  const config = readEmbedConfig(address('?widget=ring', '#widget=line&widget=ring'));
  assert.equal(config.widget, undefined);
  assert.match(config.problems[0], /widget= is given 2 times \("line", "ring"\); give it once/);
  assert.equal(readEmbedConfig(address('?lesson=02&lesson=04')).lesson, undefined);
  assert.equal(readEmbedConfig(address('?widget=ring&widget=ring')).widget, 'ring');
});

test('a repeated widget setting reaches the widget repeated, so it is reported there', () => {
  assert.equal(readEmbedConfig(address('?widget=ring&epsilon=0.1&epsilon=0.3')).settings, 'epsilon=0.1&epsilon=0.3');
});

test('layout= chooses the compact or the full layout; anything else is reported and shows the full one', () => {
  assert.equal(readEmbedConfig(address('?widget=ring')).layout, 'full');
  const compact = readEmbedConfig(address('?widget=ring&layout=compact&epsilon=0.1'));
  assert.equal(compact.layout, 'compact');
  assert.equal(compact.settings, 'epsilon=0.1', 'layout is not a widget setting');
  const wrong = readEmbedConfig(address('?widget=ring&layout=tiny'));
  assert.equal(wrong.layout, 'full');
  assert.match(wrong.problems.join(' '), /layout="tiny" is not a layout; use layout=full or layout=compact/);
});
