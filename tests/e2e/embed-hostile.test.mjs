// What a careless or hostile host page meets: an origin allow-list that cannot be read allows no
// host (and the frame says why); teachers hide or lock the base controls of every widget in the
// Playground's address and in the embed; the element's methods wait for the frame; a graded
// lesson refuses commands that would do the student's work.
// "Nothing arrives" is shown with a sentinel: a message posted after the one that must not
// arrive, from the same window, which does arrive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useHostPages, useSite } from './browser.mjs';
import { fileURLToPath } from 'node:url';
import { WIDGETS } from '../../web/src/widgets/catalog.js';
import { TIMEOUT } from './wait.mjs';

const AXE = fs.readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');

const LOAD = { timeout: TIMEOUT.job };
const site = useSite();
const host = useHostPages('hostile-');

// Records every message from the lab's frames as { from: the iframe's id, data }.
const RECORDER = `<script>
  window.received = [];
  addEventListener('message', (event) => {
    const frame = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === event.source);
    if (frame) window.received.push({ from: frame.id, origin: event.origin, data: event.data });
  });
</script>`;

function writeHostPage(name, body) {
  fs.writeFileSync(path.join(host.dir, name), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>Course page</title></head><body>${body}${RECORDER}</body></html>`);
  return `${host.url}${name}`;
}

function frameTag(id, hash) {
  return `<iframe id="${id}" title="${id}" style="width:100%;height:700px;border:0" src="${site.url}embed/v1/#${hash}"></iframe>`;
}

// Posts a command from the host page to the iframe `id`.
function post(page, id, command, commandId, params) {
  return page.evaluate(([id, command, commandId, params]) => {
    const message = { type: 'attractor-lab', version: 1, command, id: commandId };
    if (params) message.params = params;
    document.getElementById(id).contentWindow.postMessage(message, '*');
  }, [id, command, commandId, params]);
}

function waitForReply(page, from, commandId) {
  return page.waitForFunction(([from, commandId]) => window.received.find((m) => m.from === from && m.data?.reply && m.data.id === commandId)?.data,
    [from, commandId], LOAD).then((handle) => handle.jsonValue());
}

// Inside the frame: after the lab's own listener has seen a message (and so has posted any reply
// to it, in the same task), post a sentinel to the host page. Messages from one window to another
// arrive in order, so once the sentinel is in, an earlier reply or event would be too.
async function installSentinel(page, id) {
  const frame = await (await page.$(`#${id}`)).contentFrame();
  await frame.evaluate(() => addEventListener('message', (event) => {
    if (event.source === parent && event.data?.type === 'attractor-lab') parent.postMessage({ sentinel: event.data.id }, '*');
  }));
}

test('an origin allow-list that cannot be read allows no host: no events out, no commands in, and the frame says why', { timeout: TIMEOUT.test }, async () => {
  const hostOrigin = new URL(host.url).origin;
  const url = writeHostPage('allow-list.html', [
    // Every entry refused (no scheme, a wildcard): the list is empty.
    frameTag('refused', `widget=line&epsilon=0.02&origins=${encodeURIComponent('canvas.example.edu, *')}`),
    // Normalized to https://canvas.example.edu (and one refused entry): this host is not on it.
    frameTag('elsewhere', `widget=line&epsilon=0.02&origins=${encodeURIComponent('HTTPS://Canvas.Example.edu/courses/12,ftp://files.example.edu')}`),
    // This host's origin written as a teacher may paste it: upper case, the page's path.
    frameTag('allowed', `widget=line&epsilon=0.02&origins=${encodeURIComponent(`${hostOrigin.toUpperCase()}/course/week-3.html `)}`),
    // This host's origin, and another, each as its own origins=: ambiguous, so no page.
    frameTag('repeated', `widget=line&epsilon=0.02&origins=${encodeURIComponent(hostOrigin)}&origins=${encodeURIComponent('https://other.example.com')}`),
  ].join('\n'));
  const { page, problems } = await site.newPage();
  await page.goto(url);
  for (const id of ['refused', 'elsewhere', 'allowed', 'repeated']) await page.frameLocator(`#${id}`).locator('al-line[data-ready="true"]').waitFor(LOAD);

  // The frame shows why, naming each refused entry and what is allowed.
  const refusedNotice = page.frameLocator('#refused').getByRole('alert').filter({ hasText: 'origins' });
  await refusedNotice.waitFor(LOAD);
  const refusedText = await refusedNotice.textContent();
  assert.match(refusedText, /"canvas\.example\.edu" is not an origin \(it has no https:\/\/ or http:\/\/ in front\)/);
  assert.match(refusedText, /"\*" is not an origin/);
  assert.match(refusedText, /such as https:\/\/canvas\.example\.edu/);
  assert.match(refusedText, /No page may control this embed or receive its events/);
  const elsewhereText = await page.frameLocator('#elsewhere').getByRole('alert').filter({ hasText: 'origins' }).textContent();
  assert.match(elsewhereText, /"ftp:\/\/files\.example\.edu" is not an origin/);
  assert.match(elsewhereText, /Only https:\/\/canvas\.example\.edu may control this embed/);
  assert.equal(await page.frameLocator('#allowed').getByRole('alert').filter({ hasText: 'origins' }).count(), 0);
  const repeatedText = await page.frameLocator('#repeated').getByRole('alert').filter({ hasText: 'origins' }).textContent();
  assert.match(repeatedText, /origins= is given 2 times \(".*", "https:\/\/other\.example\.com"\); give one comma-separated list/);
  assert.match(repeatedText, /No page may control this embed/);

  // The allowed frame talks to this page: its ready event came, and it answers.
  await page.waitForFunction(() => window.received.some((m) => m.from === 'allowed' && m.data?.event === 'ready'), null, LOAD);
  await post(page, 'allowed', 'getState', 1);
  const answer = await waitForReply(page, 'allowed', 1);
  assert.equal(answer.ok, true);
  assert.equal(answer.data.params.epsilon, 0.02);

  // The others neither send events nor answer commands.
  for (const id of ['refused', 'elsewhere', 'repeated']) {
    await installSentinel(page, id);
    await post(page, id, 'setState', 2, { epsilon: 0 });
    await post(page, id, 'getState', 3);
    await page.waitForFunction((id) => window.received.some((m) => m.from === id && m.data?.sentinel === 3), id, LOAD);
    const fromFrame = await page.evaluate((id) => window.received.filter((m) => m.from === id && !('sentinel' in m.data)), id);
    assert.deepEqual(fromFrame, [], `${id}: nothing but the sentinels reached the host page`);
    // The widget kept the embed address's setting on screen.
    assert.equal(await page.frameLocator(`#${id}`).locator('al-line output[data-param="epsilon"]').textContent(), '0.02');
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('every widget hides and locks Play, Step, Reset, Speed and Export from the Playground address', { timeout: TIMEOUT.longest }, async () => {
  const { page, problems } = await site.newPage();
  for (const { name } of WIDGETS) {
    // A query before the hash makes each address a new page load.
    await page.goto(`${site.url}?${name}#/playground/${name}?hide=play,speed,export&lock=step,reset`);
    const widget = page.locator(`al-${name}[data-ready="true"]`);
    await widget.waitFor({ timeout: TIMEOUT.job });
    const note = widget.locator('[data-role="locked-note"]');
    await note.waitFor(LOAD);
    // Step is named as the widget labels it (the arena and the trainer say what it does).
    const stepLabel = { 'robustness-arena': 'Measure one mechanism', 'rnn-trainer': 'Train 10 steps' }[name] ?? 'Step';
    assert.equal(await note.textContent(), `Locked by your instructor: ${stepLabel}, Reset.`, name);
    for (const control of ['play', 'speed', 'export']) {
      assert.equal(await widget.locator(`[data-control="${control}"]`).count(), 0, `${name}: ${control} is hidden`);
    }
    for (const control of ['step', 'reset']) {
      const button = widget.locator(`button[data-control="${control}"]`);
      assert.equal(await button.isVisible(), true, `${name}: ${control} is shown`);
      assert.equal(await button.isDisabled(), true, `${name}: ${control} is locked`);
    }
    assert.equal(await widget.locator('.al-notices li').count(), 0, `${name}: ${await widget.locator('.al-notices').textContent()}`);
    // The address keeps the teacher's choice.
    await page.waitForFunction(() => /hide=play%2Cspeed%2Cexport/.test(location.hash) && /lock=step%2Creset/.test(location.hash), null, LOAD);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('the element hides and locks base controls, and its methods called at once wait for the frame', { timeout: TIMEOUT.test }, async () => {
  const url = writeHostPage('element.html', `
<attractor-lab id="ring" widget="ring" config="n=64" hide="play,step" lock="speed,export,reset"></attractor-lab>
<attractor-lab id="missing" widget="no-such-widget" ready-timeout="1500"></attractor-lab>
<script src="${site.url}embed/attractor-lab.js"></script>
<script>
  const settle = (promise) => promise.then((data) => ({ ok: true, data }), (error) => ({ ok: false, error: error.message }));
  // Called before either frame has loaded.
  window.early = {};
  settle(document.getElementById('ring').getState()).then((result) => { window.early.ring = result; });
  settle(document.getElementById('ring').setState({ n: 48 })).then((result) => { window.early.ringSet = result; });
  settle(document.getElementById('missing').getState()).then((result) => { window.early.missing = result; });
</script>`);
  const { page, problems } = await site.newPage();
  await page.goto(url);
  const early = await page.waitForFunction(() => window.early.ring && window.early.ringSet && window.early.missing && window.early, null, LOAD)
    .then((handle) => handle.jsonValue());
  assert.equal(early.ring.ok, true, early.ring.error);
  assert.equal(early.ring.data.widget, 'ring');
  assert.equal(early.ringSet.ok, true, early.ringSet.error);
  assert.equal(early.ringSet.data.params.n, 48, 'the queued commands ran in the order they were called');
  assert.equal(early.missing.ok, false);
  assert.match(early.missing.error, /^getState: the embedded lab was not ready within 1500 ms.*ready-timeout/);

  const ring = page.frameLocator('#ring iframe').locator('al-ring[data-ready="true"]');
  await ring.waitFor(LOAD);
  await ring.locator('[data-role="locked-note"]').filter({ hasText: 'Locked by your instructor: Reset, Speed, Export.' }).waitFor(LOAD);
  assert.equal(await ring.locator('[data-control="play"]').count(), 0);
  assert.equal(await ring.locator('[data-control="step"]').count(), 0);
  for (const control of ['reset', 'speed', 'export']) {
    assert.equal(await ring.locator(`[data-control="${control}"]`).isDisabled(), true, `${control} is locked`);
  }
  assert.equal(await ring.locator('.al-notices li').count(), 0);
  assert.deepEqual(problems.filter((problem) => !/no-such-widget/.test(problem)), []);
  await page.close();
});

test('a lesson embedded with graded=1 answers getState and refuses commands that would do the student\'s work', { timeout: TIMEOUT.test }, async () => {
  const hostOrigin = new URL(host.url).origin;
  const url = writeHostPage('graded.html', frameTag('lesson', `lesson=memory-as-a-place&graded=1&origins=${encodeURIComponent(hostOrigin)}`));
  const { page, problems } = await site.newPage();
  await page.goto(url);
  const ready = await page.waitForFunction(() => window.received.find((m) => m.data?.event === 'ready')?.data.data, null, LOAD)
    .then((handle) => handle.jsonValue());
  assert.deepEqual(ready, { lesson: 'memory-as-a-place', graded: true });
  await page.frameLocator('#lesson').locator('al-line[data-ready="true"]').waitFor(LOAD);
  let id = 0;
  for (const [command, params] of [['setState', { epsilon: 0 }], ['reset'], ['play'], ['step'], ['pause']]) {
    await post(page, 'lesson', command, ++id, params);
    const reply = await waitForReply(page, 'lesson', id);
    assert.equal(reply.ok, false, command);
    assert.match(reply.error, new RegExp(`^${command} is refused: this lesson is embedded with graded=1`));
  }
  await post(page, 'lesson', 'getState', ++id);
  const state = await waitForReply(page, 'lesson', id);
  assert.equal(state.ok, true);
  assert.equal(state.data.widget, 'line');
  assert.equal(state.data.measures.time_s, 0, 'the refused play and step did not run the network');
  // The next lesson, opened inside the frame, is graded and restricted too.
  const next = new URLSearchParams((await page.frameLocator('#lesson').locator('.al-next a').getAttribute('href')).replace(/^#/, ''));
  assert.equal(next.get('graded'), '1');
  assert.equal(next.get('origins'), hostOrigin);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the refused allow-list notice and the locked-controls note pass an axe scan', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}embed/v1/#widget=line&lock=play,export,epsilon&hide=speed&origins=${encodeURIComponent('canvas.example.edu')}`);
  await page.locator('al-line[data-ready="true"]').waitFor(LOAD);
  await page.getByRole('alert').filter({ hasText: '"canvas.example.edu" is not an origin' }).waitFor(LOAD);
  await page.locator('[data-role="locked-note"]').filter({ hasText: 'Locked by your instructor: Perturbation ε, Play, Export.' }).waitFor(LOAD);
  // The locked setting's field says why it is disabled.
  const epsilon = page.locator('al-line input[data-param="epsilon"]');
  assert.equal(await epsilon.isDisabled(), true);
  const noteId = await page.locator('[data-role="locked-note"]').getAttribute('id');
  assert.ok((await epsilon.getAttribute('aria-describedby')).split(' ').includes(noteId));
  // The log slider's number box sets the same value: it is locked with the slider, for the same reason.
  const typed = page.locator('al-line [data-field="epsilon"] input[type="number"]');
  assert.equal(await typed.isDisabled(), true);
  assert.ok((await typed.getAttribute('aria-describedby')).split(' ').includes(noteId));
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`));
  assert.deepEqual(violations, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a classroom link built in the Share panel with Play hidden and Step locked opens that way', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/line`);
  await page.locator('al-line[data-ready="true"]').waitFor(LOAD);
  await page.locator('al-line [role="toolbar"]').getByRole('button', { name: 'Share' }).click();
  await page.getByRole('checkbox', { name: 'Hide Play' }).check();
  await page.getByRole('checkbox', { name: 'Lock Step' }).check();
  const link = page.getByLabel('Link', { exact: true });
  await page.waitForFunction(() => /hide=play&lock=step/.test(document.querySelector('.share-link').value), null, LOAD);
  // The dialog's preview has loaded the embed with these choices (leaving while it loads would
  // cut its requests short).
  await page.waitForFunction(() => /hide=play&amp;lock=step[^"]*" [^>]*max-width:/.test(document.querySelector('dialog[open] textarea.share-code')?.value ?? ''), null, LOAD);
  await page.goto(`${await link.inputValue()}`.replace('#', `?shared#`));
  const widget = page.locator('al-line[data-ready="true"]');
  await widget.waitFor(LOAD);
  await widget.locator('[data-role="locked-note"]').filter({ hasText: 'Locked by your instructor: Step.' }).waitFor(LOAD);
  assert.equal(await widget.locator('[data-control="play"]').count(), 0);
  assert.equal(await widget.locator('button[data-control="step"]').isDisabled(), true);
  assert.equal(await widget.locator('.al-notices li').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});
