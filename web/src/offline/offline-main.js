// Entry of an offline single-file page (scripts/build-embeds.mjs): the page carries its
// configuration and the bundled simulation worker in non-executed <script> blocks; this starts
// the worker from a blob: URL (module workers cannot load from file://) and shows the widget.
import { configureLabClient } from '../lab/client-factory.js';
import { loadWidget } from '../widgets/catalog.js';
import { h } from '../ui/dom.js';

async function start() {
  const config = JSON.parse(document.getElementById('offline-config').textContent);
  const workerSource = document.getElementById('offline-worker').textContent;
  configureLabClient(URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' })), { type: 'classic' });
  const main = document.getElementById('main');
  try {
    await loadWidget(config.widget);
    const element = document.createElement(`al-${config.widget}`);
    element.setAttribute('config', config.settings ?? '');
    main.append(element);
  } catch (error) {
    main.append(h('p', { class: 'al-error', role: 'alert', text: error.message }));
  }
}

start();
