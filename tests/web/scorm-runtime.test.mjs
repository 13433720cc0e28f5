// The SCORM 1.2 side of a package's launch page without a browser: finding the API, score and
// status, the progress in suspend data, the mastery score given at build time, and a session's
// calls and refusals. (tests/e2e/scorm.test.mjs runs a package against scorm-again.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SUSPEND_DATA_LIMIT, ScormSession, checkMasteryScore, encodeSuspendData, findScormApi, progressFileFromSuspendData, scormResult,
} from '../../web/src/scorm/scorm-runtime.js';
import { ProgressStore } from '../../web/src/progress/progress-store.js';

const api = () => ({ LMSInitialize() {} });

// A window chain: frames[0] is the SCO, each next one its parent; the last is the top.
function windows(count) {
  const list = Array.from({ length: count }, () => ({}));
  list.forEach((win, i) => { win.parent = list[i + 1] ?? win; });
  return list;
}

test('the API is found in a parent, past a frame of another origin, or through the opener', () => {
  const chain = windows(4);
  const lms = api();
  chain[3].API = lms;
  Object.defineProperty(chain[1], 'API', { get() { throw new Error('SecurityError: cross-origin'); } });
  assert.equal(findScormApi(chain[0]), lms);

  const popup = windows(1)[0];
  const opener = windows(2);
  opener[1].API = lms;
  popup.opener = opener[0];
  assert.equal(findScormApi(popup), lms);

  const deep = windows(10);
  deep[9].API = lms;
  assert.equal(findScormApi(deep[0]), null, 'no further than 7 parents, as ADL\'s search');
  assert.equal(findScormApi(windows(3)[0]), null);
  const notAnApi = windows(2);
  notAnApi[1].API = { name: 'something else' };
  assert.equal(findScormApi(notAnApi[0]), null);
});

test('score is the percent of items done; completed only when all are, passed from the mastery score', () => {
  const items = { a: ['t1', 't2', 'q1'], b: ['t3'] };
  assert.deepEqual(scormResult(items, {}), { score: 0, status: 'incomplete', done: 0, total: 4 });
  assert.deepEqual(scormResult(items, { a: { t1: { score: 1 }, gone: { score: 1 } } }), { score: 25, status: 'incomplete', done: 1, total: 4 });
  const all = { a: { t1: {}, t2: {}, q1: {} }, b: { t3: {} } };
  assert.equal(scormResult(items, all).status, 'completed');
  assert.equal(scormResult(items, { a: { t1: {}, t2: {} } }, { masteryScore: 50 }).status, 'passed');
  assert.equal(scormResult(items, { a: { t1: {} } }, { masteryScore: 50 }).status, 'incomplete');
});

test('suspend data carries the progress into a new store, and says what is wrong with foreign data', () => {
  const store = new ProgressStore({ storage: null, events: null });
  store.complete('memory-as-a-place', 'store-negative', 1);
  store.complete('memory-as-a-place', 'how-many-places', 0.5);
  const text = encodeSuspendData({ 'memory-as-a-place': store.lessonProgress('memory-as-a-place').items });
  assert.equal(text, '{"v":1,"p":{"memory-as-a-place":{"how-many-places":0.5,"store-negative":1}}}');

  const resumed = new ProgressStore({ storage: null, events: null });
  resumed.importJSON(progressFileFromSuspendData(text));
  assert.deepEqual(resumed.summary('memory-as-a-place', ['store-negative', 'how-many-places', 'leak']), { done: 2, total: 3, complete: false, score: 0.5 });

  assert.equal(progressFileFromSuspendData(''), null);
  assert.throws(() => progressFileFromSuspendData('viewed=1,2,3'), /cmi\.suspend_data is not the lab's progress \(not JSON/);
  assert.throws(() => progressFileFromSuspendData('{"v":2}'), /expected version 1 with "p", got \{"v":2\}/);
});

test('the whole course fits SCORM 1.2\'s suspend data; more is refused by name', () => {
  // Nine lessons of ten items with long ids: more than the course has.
  const course = {};
  for (let l = 0; l < 9; l++) {
    course[`a-lesson-with-a-long-id-${l}`] = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`a-task-with-long-id-${i}`, { score: 1 }]));
  }
  assert.ok(encodeSuspendData(course).length <= SUSPEND_DATA_LIMIT);
  course.more = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`item-${i}`, { score: 1 }]));
  assert.throws(() => encodeSuspendData(course), /more than the 4096 SCORM 1\.2 keeps in cmi\.suspend_data/);
});

test('a mastery score is a whole percent', () => {
  assert.equal(checkMasteryScore(undefined), null);
  assert.equal(checkMasteryScore(''), null);
  assert.equal(checkMasteryScore('80'), 80);
  for (const bad of ['abc', '101', '-1', '50.5']) {
    assert.throws(() => checkMasteryScore(bad), new RegExp(`mastery score must be a whole percent from 0 to 100, not "${bad}"`));
  }
});

// An LMS that records calls and keeps values (its refusals are set per element).
function recordingApi({ refuse = new Set(), values = {} } = {}) {
  const calls = [];
  const cmi = { 'cmi.core.lesson_status': 'not attempted', 'cmi.suspend_data': '', ...values };
  let lastError = '0';
  return {
    calls,
    cmi,
    LMSInitialize: () => { calls.push(['LMSInitialize']); return 'true'; },
    LMSGetValue: (name) => cmi[name] ?? '',
    LMSSetValue: (name, value) => {
      calls.push(['LMSSetValue', name, value]);
      if (refuse.has(name)) { lastError = '405'; return 'false'; }
      cmi[name] = value;
      return 'true';
    },
    LMSCommit: () => { calls.push(['LMSCommit']); return 'true'; },
    LMSFinish: () => { calls.push(['LMSFinish']); return 'true'; },
    LMSGetLastError: () => lastError,
    LMSGetErrorString: (code) => (code === '405' ? 'Incorrect Data Type' : ''),
  };
}

test('a session starts incomplete, commits each change once, never takes a status back, and finishes once', () => {
  const lms = recordingApi();
  const session = new ScormSession(lms);
  assert.equal(session.start(), '');
  assert.equal(lms.cmi['cmi.core.lesson_status'], 'incomplete');
  session.report({ score: 50, status: 'completed' }, 'data');
  session.report({ score: 50, status: 'completed' }, 'data');
  assert.equal(lms.calls.filter(([name]) => name === 'LMSCommit').length, 1, 'nothing new, no second commit');
  session.report({ score: 60, status: 'incomplete' }, 'more');
  assert.equal(lms.cmi['cmi.core.lesson_status'], 'completed');
  assert.equal(lms.cmi['cmi.core.score.raw'], '60');
  session.finish();
  session.finish();
  assert.equal(lms.calls.filter(([name]) => name === 'LMSFinish').length, 1);
  assert.equal(lms.cmi['cmi.core.exit'], 'suspend');
});

test('a refusal by the LMS is reported with its code and text, and the session goes on', () => {
  const lms = recordingApi({ refuse: new Set(['cmi.suspend_data']) });
  const messages = [];
  const session = new ScormSession(lms, { onError: (message) => messages.push(message) });
  session.start();
  session.report({ score: 10, status: 'incomplete' }, 'x');
  assert.deepEqual(messages, ['the LMS refused LMSSetValue("cmi.suspend_data", "x") (error 405: Incorrect Data Type)']);
  assert.ok(lms.calls.some(([name]) => name === 'LMSCommit'));
  const closed = { ...recordingApi(), LMSInitialize: () => 'false', LMSGetLastError: () => '101', LMSGetErrorString: () => 'General Exception' };
  assert.equal(new ScormSession(closed).start(), null);
});
