// <attractor-lab>: embeds an Attractor Lab widget or lesson in any page that allows a script.
//
//   <script src="https://LAB/embed/attractor-lab.js"></script>
//   <attractor-lab widget="ring" config="n=128&epsilon=0.01" hide="n" lock="epsilon"></attractor-lab>
//   <attractor-lab widget="line" layout="compact"></attractor-lab>   (plots beside the main settings)
//   <attractor-lab lesson="02-fine-tuning"></attractor-lab>
//
// It creates the iframe (embed/v1/), sizes it to its content, and re-exposes the message API as
// methods (getState, setState, play, pause, step, reset; each returns a Promise) and as DOM
// events (ready, statechange, measures, taskcompleted, lessoncompleted, error) whose `detail` is
// the message's data.
//
// Methods called before the frame has reported `ready` wait for it; if it has not come within
// `ready-timeout` milliseconds (default 60000) of the call, they reject with an error saying so.
// A frame out of view loads only when the reader scrolls to it (loading="lazy").
//
// scripts/build-site.mjs bundles this module into one classic script, embed/attractor-lab.js, so
// that hosts can load it from another origin without CORS and without type="module".
import { hostCommand, parseFrameMessage } from './protocol.js';

// Resolved against the script's own address, wherever the lab is hosted.
const FRAME_URL = new URL('./v1/', document.currentScript?.src ?? location.href);
const EVENT_NAMES = {
  ready: 'ready', stateChanged: 'statechange', measures: 'measures', taskCompleted: 'taskcompleted',
  lessonCompleted: 'lessoncompleted', error: 'error',
};
const DEFAULT_READY_TIMEOUT_MS = 60000;

class AttractorLabEmbed extends HTMLElement {
  #frame = null;
  #pending = new Map();
  #waiting = [];  // commands asked for before the frame was ready: { command, params, resolve, reject, timer }
  #ready = false;
  #lastError = null;
  #nextId = 1;
  #onMessage = (event) => this.#receive(event);

  static get observedAttributes() {
    return ['widget', 'lesson', 'config', 'hide', 'lock', 'graded', 'layout'];
  }

  connectedCallback() {
    if (this.#frame) return;
    this.style.display = 'block';
    const frame = document.createElement('iframe');
    frame.src = this.frameSource;
    frame.title = this.getAttribute('title') ?? `Attractor Lab: ${this.getAttribute('lesson') ? 'lesson' : 'widget'} ${this.getAttribute('lesson') ?? this.getAttribute('widget') ?? ''}`;
    frame.loading = 'lazy';
    frame.allow = 'fullscreen';
    frame.setAttribute('allowfullscreen', '');
    frame.style.cssText = 'width:100%;border:0;display:block;min-height:24rem;';
    this.#frame = frame;
    window.addEventListener('message', this.#onMessage);
    this.append(frame);
  }

  disconnectedCallback() {
    window.removeEventListener('message', this.#onMessage);
  }

  attributeChangedCallback() {
    if (!this.#frame) return;
    // A new address loads a new page: answers from the old one will not come.
    this.#ready = false;
    for (const { reject } of this.#pending.values()) reject(new Error('the embed was reloaded with new attributes before it answered'));
    this.#pending.clear();
    this.#frame.src = this.frameSource;
  }

  // Milliseconds a command waits for the frame's ready event (attribute ready-timeout).
  get readyTimeout() {
    const given = Number(this.getAttribute('ready-timeout'));
    return this.hasAttribute('ready-timeout') && Number.isFinite(given) && given > 0 ? given : DEFAULT_READY_TIMEOUT_MS;
  }

  // The embed address for the current attributes.
  get frameSource() {
    const query = new URLSearchParams(this.getAttribute('config') ?? '');
    for (const name of ['widget', 'lesson', 'hide', 'lock', 'layout']) {
      if (this.hasAttribute(name)) query.set(name, this.getAttribute(name));
    }
    if (this.hasAttribute('graded')) query.set('graded', '1');
    // A page with an opaque origin (a file opened from disk) has no origin to list; its frame
    // then talks to whichever page embeds it, as a plain iframe without origins= does.
    if (location.origin !== 'null') query.set('origins', location.origin);
    return `${FRAME_URL.href}#${query}`;
  }

  getState() {
    return this.#send('getState');
  }

  setState(params) {
    return this.#send('setState', params);
  }

  play() {
    return this.#send('play');
  }

  pause() {
    return this.#send('pause');
  }

  step() {
    return this.#send('step');
  }

  reset() {
    return this.#send('reset');
  }

  #send(command, params) {
    return new Promise((resolve, reject) => {
      if (this.#ready && this.#frame) {
        this.#post(command, params, resolve, reject);
        return;
      }
      const waiting = { command, params, resolve, reject };
      const timeout = this.readyTimeout;
      waiting.timer = setTimeout(() => {
        this.#waiting = this.#waiting.filter((entry) => entry !== waiting);
        const reason = this.#lastError ? ` (it reported: ${this.#lastError})` : '';
        reject(new Error(`${command}: the embedded lab was not ready within ${timeout} ms${reason}; ` +
          'set the ready-timeout attribute (milliseconds) to wait longer'));
      }, timeout);
      this.#waiting.push(waiting);
    });
  }

  #post(command, params, resolve, reject) {
    const id = this.#nextId++;
    this.#pending.set(id, { resolve, reject });
    this.#frame.contentWindow.postMessage(hostCommand(command, id, params), FRAME_URL.origin);
  }

  #becomeReady() {
    this.#ready = true;
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const { command, params, resolve, reject, timer } of waiting) {
      clearTimeout(timer);
      this.#post(command, params, resolve, reject);
    }
  }

  #receive(event) {
    if (!this.#frame || event.source !== this.#frame.contentWindow || event.origin !== FRAME_URL.origin) return;
    const message = parseFrameMessage(event.data);
    if (!message) return;
    if (message.reply) {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      if (message.ok) pending.resolve(message.data);
      else pending.reject(new Error(message.error));
      return;
    }
    if (message.event === 'resize' && Number.isFinite(message.data?.height)) {
      this.#frame.style.height = `${Math.min(10000, Math.max(100, message.data.height))}px`;
      return;
    }
    if (message.event === 'ready') this.#becomeReady();
    if (message.event === 'error') this.#lastError = String(message.data?.message ?? 'an error');
    const name = EVENT_NAMES[message.event];
    if (name) this.dispatchEvent(new CustomEvent(name, { detail: message.data }));
  }
}

if (!customElements.get('attractor-lab')) customElements.define('attractor-lab', AttractorLabEmbed);
