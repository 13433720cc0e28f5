// The embedded view (embed/v1/): one widget or one lesson, without the site's header, configured
// entirely by its URL (query or hash: widget=NAME or lesson=ID, the widget's settings, hide,
// lock, origins, graded). It talks to the host page through the message protocol in protocol.js. On
// load it neither takes focus nor scrolls, so the host page stays where the reader is.
import { h } from '../ui/dom.js';
import { loadWidget, WIDGETS } from '../widgets/catalog.js';
import { parseConfig, schemaOf } from '../state/registry.js';
import { frameEvent, frameReply, originAllowed, parseHostMessage, readEmbedConfig } from './protocol.js';
import { applyThemeFromStorage } from '../app/theme.js';
import { pageModule } from '../lab/page-module.js';

// The commands a graded lesson still answers: they read, and change nothing the student did.
const GRADED_COMMANDS = new Set(['getState']);

class HostBridge {
  // allowList: null (any host) or the allowed origins (an empty list allows none).
  constructor(allowList) {
    this.allowList = allowList;
    this.target = null;  // the element that answers commands
    this.unavailable = 'the embed is still starting: wait for its ready event';
    this.readOnly = null;  // why commands that change state are refused, when they are
    this.embedded = window.parent !== window;
  }

  // Events go to every allowed origin (only the matching one receives), or to any host when no
  // allow-list was given: they carry the widget's state and progress, nothing private.
  send(event, data) {
    if (!this.embedded) return;
    const message = frameEvent(event, data);
    if (this.allowList === null) window.parent.postMessage(message, '*');
    else for (const origin of this.allowList) window.parent.postMessage(message, origin);
  }

  listen() {
    window.addEventListener('message', async (event) => {
      if (event.source !== window.parent) return;
      if (!originAllowed(event.origin, this.allowList)) return;
      const command = parseHostMessage(event.data);
      if (!command) return;
      let result;
      try {
        if (!this.target) throw new Error(this.unavailable);
        if (this.readOnly && !GRADED_COMMANDS.has(command.command)) throw new Error(`${command.command} is refused: ${this.readOnly}`);
        result = { ok: true, data: await this.#run(command) };
      } catch (error) {
        result = { ok: false, error: error.message };
      }
      // Replies go to the origin that asked, never further.
      event.source.postMessage(frameReply(command.command, command.id, result), event.origin);
    });
  }

  async #run({ command, params }) {
    const target = this.target;
    switch (command) {
      case 'getState':
        return { ...target.getState(), measures: target.measures };
      case 'setState': {
        const { schema } = target.constructor;
        // Read against the running settings, so a rule between settings sees the ones not given.
        const { params: parsed, errors } = parseConfig(schema, Object.fromEntries(
          Object.entries(params).map(([key, value]) => [key, String(value)])), { base: target.model?.params });
        if (errors.length) throw new Error(errors.map((error) => error.message).join('; '));
        const changed = Object.fromEntries(Object.keys(params).map((key) => [key, parsed[key]]));
        const ok = await target.setState(changed);
        if (!ok) throw new Error(target.model.error ?? 'the settings were not accepted');
        return target.getState();
      }
      case 'play':
        target.play();
        return {};
      case 'pause':
        target.pause();
        return {};
      case 'step':
        await target.step();
        return { measures: target.measures };
      case 'reset':
        await target.reset();
        return { measures: target.measures };
      default:
        throw new Error(`unknown command ${command}`);
    }
  }
}

// The height of the content, not of the document: the document is at least as tall as the frame,
// so a frame made taller than its content would never be told it may shrink.
function reportSize(bridge) {
  let last = 0;
  const observer = new ResizeObserver(() => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      bridge.send('resize', { height });
    }
  });
  observer.observe(document.body);
}

// Full screen where the browser offers it (Safari before 16.4 only under the webkit prefix). Where
// it does not (Safari on iPhone, a frame without allow="fullscreen"), a note says so instead of a
// button that would do nothing; a refused request is reported too.
function fullscreenControl() {
  const root = document.documentElement;
  const api = document.fullscreenEnabled
    ? { element: () => document.fullscreenElement, enter: () => root.requestFullscreen(), exit: () => document.exitFullscreen(), change: 'fullscreenchange' }
    : document.webkitFullscreenEnabled
      ? { element: () => document.webkitFullscreenElement, enter: () => root.webkitRequestFullscreen(), exit: () => document.webkitExitFullscreen(), change: 'webkitfullscreenchange' }
      : null;
  if (!api) {
    return h('span', { class: 'embed-fullscreen-note muted', 'data-role': 'fullscreen-note',
      text: 'Full screen is not available in this frame: use "Open in Attractor Lab".' });
  }
  const button = h('button', { type: 'button', class: 'embed-fullscreen', text: 'Full screen' });
  const status = h('span', { class: 'muted', 'aria-live': 'polite', 'data-role': 'fullscreen-status' });
  button.addEventListener('click', async () => {
    status.textContent = '';
    try {
      await (api.element() ? api.exit() : api.enter());
    } catch (error) {
      status.textContent = `Full screen was refused by the browser (${error?.message ?? error}): use "Open in Attractor Lab".`;
    }
  });
  document.addEventListener(api.change, () => {
    button.textContent = api.element() ? 'Exit full screen' : 'Full screen';
  });
  return h('span', {}, [button, status]);
}

async function mountWidget(main, config, bridge) {
  await loadWidget(config.widget);
  const element = document.createElement(`al-${config.widget}`);
  element.setAttribute('config', config.settings);
  if (config.autoplay) element.setAttribute('autoplay', '');
  if (config.layout === 'compact') element.setAttribute('layout', 'compact');
  bridge.target = element;
  element.addEventListener('statechange', (event) => bridge.send('stateChanged', event.detail));
  let lastMeasures = 0;
  element.addEventListener('measures', (event) => {
    const now = performance.now();
    if (now - lastMeasures < 250) return;  // at most four reports a second
    lastMeasures = now;
    bridge.send('measures', event.detail);
  });
  element.addEventListener('widget-error', (event) => bridge.send('error', event.detail));
  main.append(element);
  const started = await element.ready;
  document.title = `${schemaOf(config.widget).title} · Attractor Lab`;
  if (started) bridge.send('ready', { widget: config.widget, ...element.getState() });
}

async function mountLesson(main, config, bridge) {
  const { mountLessonPage } = await import('../app/pages/lesson.js');
  const page = await mountLessonPage(main, config.lesson, { embedded: true,
    lessonHref: (id) => `#lesson=${encodeURIComponent(id)}${config.carried ? `&${config.carried}` : ''}` });
  page.container.addEventListener('task-completed', (event) => bridge.send('taskCompleted', event.detail));
  page.container.addEventListener('lesson-completed', (event) => bridge.send('lessonCompleted', event.detail));
  bridge.target = page.firstWidget ?? null;
  if (!bridge.target) bridge.unavailable = `the lesson ${config.lesson} has no widget to control`;
  bridge.send('ready', { lesson: config.lesson, graded: config.graded });
}

// Why the host page cannot talk to this embed (or only some pages can): the teacher who pasted
// the address sees it in the frame.
function originsNotice({ origins, errors }) {
  if (errors.length === 0) return null;
  const outcome = origins.length
    ? `Only ${origins.join(', ')} may control this embed and receive its events.`
    : 'No page may control this embed or receive its events until origins= lists at least one origin.';
  return h('div', { class: 'embed-notice', role: 'alert', 'data-role': 'origins-notice' }, [
    h('p', { text: 'Part of the embed address was refused:' }),
    h('ul', {}, errors.map((message) => h('li', { text: message }))),
    h('p', { text: outcome }),
  ]);
}

async function start() {
  applyThemeFromStorage();
  const main = document.getElementById('main');
  const config = readEmbedConfig(location);
  const bridge = new HostBridge(config.origins.origins);
  // A graded lesson's tasks must be the student's own work: the host may read, not drive.
  if (config.graded && config.lesson) bridge.readOnly = 'this lesson is embedded with graded=1, so only the student changes it; getState still answers';
  bridge.listen();
  reportSize(bridge);
  const toolbar = h('div', { class: 'embed-bar' }, [
    h('a', { href: new URL('../../', location.href).href + (config.lesson ? `#/lesson/${encodeURIComponent(config.lesson)}` : `#/playground/${encodeURIComponent(config.widget ?? '')}?${config.settings}`),
      target: '_blank', rel: 'noopener', text: 'Open in Attractor Lab' }),
    fullscreenControl(),
  ]);
  main.append(toolbar);
  const notice = originsNotice(config.origins);
  if (notice) main.append(notice);
  if (config.problems.length) {
    main.append(h('div', { class: 'embed-notice', role: 'alert', 'data-role': 'address-notice' }, [
      h('p', { text: 'Part of the embed address was not used:' }),
      h('ul', {}, config.problems.map((message) => h('li', { text: message }))),
    ]));
  }
  try {
    if (config.lesson) await mountLesson(main, config, bridge);
    else if (config.widget && WIDGETS.some((widget) => widget.name === config.widget)) await mountWidget(main, config, bridge);
    else {
      const message = `Nothing to show: the embed address names ${config.widget ? `the unknown widget "${config.widget}"` : 'no single widget'}. ` +
        `Use widget=NAME (one of ${WIDGETS.map((widget) => widget.name).join(', ')}) or lesson=ID.`;
      main.append(h('p', { class: 'al-error', role: 'alert', text: message }));
      bridge.unavailable = message;
      bridge.send('error', { message });
    }
  } catch (error) {
    main.append(h('p', { class: 'al-error', role: 'alert', text: error.message }));
    bridge.unavailable = error.message;
    bridge.send('error', { message: error.message });
  }
}

// Links inside an embedded lesson (the next lesson) change the hash: show what it names.
addEventListener('hashchange', () => location.reload());
start();
// The page's preloaded WebAssembly module is compiled from the start, while the page is built.
pageModule();
