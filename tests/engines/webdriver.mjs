// A small client of classic WebDriver (W3C), enough to drive WebKitGTK's MiniBrowser through
// WebKitWebDriver: sessions, navigation, script execution, element clicks and key presses, and
// frames. No package: the protocol is plain JSON over HTTP.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { until } from '../e2e/wait.mjs';

// The key of an element reference in WebDriver's JSON (fixed by the standard).
export const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

// Key codes of the standard's "keys" table, by the names puppeteer and playwright use.
export const KEYS = Object.freeze({
  Enter: '\uE007', ArrowLeft: '\uE012', ArrowUp: '\uE013', ArrowRight: '\uE014', ArrowDown: '\uE015',
  PageUp: '\uE00E', PageDown: '\uE00F', Home: '\uE011', End: '\uE010', Tab: '\uE004', Space: '\uE00D',
});

export class WebDriverError extends Error {}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Starts `command` (with `args` and a --port of its own) and waits until it answers /status.
export async function startDriver(command, args = [], { timeout = 30000 } = {}) {
  const port = await freePort();
  // A process group of its own, so that stopping it also stops the browser and Xvfb it started.
  const child = spawn(command[0], [...command.slice(1), ...args, `--port=${port}`], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  let exited = null;
  child.once('exit', (code, signal) => { exited = { code, signal }; });
  const base = `http://127.0.0.1:${port}`;
  // Ready when /status answers, or given up when the driver exits first.
  const answering = async () => {
    if (exited) return 'exited';
    const response = await fetch(`${base}/status`);
    return response.ok;
  };
  try {
    await until(answering, (state) => state === true || state === 'exited', `${command.join(' ')} to answer on port ${port}`, { timeout });
  } catch (error) {
    process.kill(-child.pid, 'SIGTERM');
    throw new WebDriverError(`${error.message}: ${output}`);
  }
  if (exited) throw new WebDriverError(`${command.join(' ')} exited (${JSON.stringify(exited)}) before answering: ${output}`);
  return {
    base,
    output: () => output,
    stop() {
      if (exited) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', resolve);
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          resolve();
        }
      });
    },
  };
}

export class WebDriverSession {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async create(base, capabilities) {
    const value = await request(base, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    return new WebDriverSession(base, value.sessionId);
  }

  command(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  navigate(url) {
    return this.command('POST', '/url', { url });
  }

  refresh() {
    return this.command('POST', '/refresh', {});
  }

  // Runs `source` (a function's text) with `args` in the current frame and answers with what its
  // Promise resolves to; a rejection becomes a WebDriverError with the page's message.
  async evaluate(source, args = []) {
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => (${source}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
        .then((value) => done({ ok: true, value: value === undefined ? null : value }),
          (error) => done({ ok: false, message: String(error && error.stack || error) }));`;
    const answer = await this.command('POST', '/execute/async', { script, args });
    if (!answer?.ok) throw new WebDriverError(`in the page: ${answer?.message}`);
    return answer.value;
  }

  // The element that `source` (a function's text, called with `args`) returns, as a reference.
  async element(source, args = []) {
    const value = await this.command('POST', '/execute/sync', { script: `return (${source}).apply(null, arguments);`, args });
    if (!value || !value[ELEMENT_KEY]) throw new WebDriverError(`no element found by ${source} with ${JSON.stringify(args)}`);
    return value[ELEMENT_KEY];
  }

  click(element) {
    return this.command('POST', `/element/${element}/click`, {});
  }

  sendKeys(element, text) {
    return this.command('POST', `/element/${element}/value`, { text });
  }

  clear(element) {
    return this.command('POST', `/element/${element}/clear`, {});
  }

  switchToFrame(element) {
    return this.command('POST', '/frame', { id: element === null ? null : { [ELEMENT_KEY]: element } });
  }

  setTimeouts(timeouts) {
    return this.command('POST', '/timeouts', timeouts);
  }

  delete() {
    return request(this.base, 'DELETE', `/session/${this.id}`);
  }
}

// A command that hangs (a browser that stopped answering) fails after this long instead of
// waiting for the HTTP client's own five minutes; scripts and page loads have shorter limits of
// their own (setTimeouts).
const COMMAND_TIMEOUT_MS = 240000;

async function request(base, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    signal: AbortSignal.timeout(COMMAND_TIMEOUT_MS),
    headers: body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WebDriverError(`${method} ${path}: HTTP ${response.status}, not JSON: ${text.slice(0, 200)}`);
  }
  if (!response.ok || json.value?.error) {
    const { error, message } = json.value ?? {};
    throw new WebDriverError(`${method} ${path}: ${error ?? response.status}: ${message ?? text.slice(0, 200)}`);
  }
  return json.value;
}
