// The playground: every widget, and one widget on its own page whose settings live in the URL
// (#/playground/<widget>?<settings>), with a Share button that builds share and classroom links.
import { h } from '../../ui/dom.js';
import { loadWidget, WIDGETS, widgetInfo } from '../../widgets/catalog.js';
import { replaceRoute, routeHref } from '../router.js';
import { shareDialog, sharePanel } from '../../embed/share-panel.js';

export function playgroundPage(container) {
  container.append(
    h('h1', { text: 'Playground' }),
    h('p', { text: 'Every widget of the lab, to explore freely. Each keeps its settings in the page address, so a link reproduces exactly what you see.' }),
    h('ul', { class: 'widget-grid' }, WIDGETS.map((widget) => h('li', { class: 'widget-card' }, [
      h('h2', {}, [h('a', { href: `#/playground/${widget.name}`, text: widget.title })]),
      h('p', { text: widget.summary }),
    ]))),
  );
  return { title: 'Playground' };
}

export async function widgetPage(container, route) {
  const name = route.segments[1];
  const info = widgetInfo(name);
  if (!info) {
    container.append(h('h1', { text: 'Widget not found' }),
      h('p', { text: `There is no widget "${name}". Known widgets: ${WIDGETS.map((w) => w.name).join(', ')}.` }),
      h('p', {}, [h('a', { href: '#/playground', text: 'Back to the playground' })]));
    return { title: 'Widget not found' };
  }
  await loadWidget(name);
  const element = document.createElement(`al-${name}`);
  element.setAttribute('config', route.query);
  container.append(
    h('p', { class: 'breadcrumb' }, [h('a', { href: '#/playground', text: 'Playground' }), ` › ${info.title}`]),
    h('h1', { text: info.title }),
    h('p', { text: info.summary }),
    element,
  );
  // The addresses this page wrote itself: their hashchange events are not the reader's edits (the
  // widget may already have moved on to a newer setting when one arrives). Only while this page is
  // shown: a widget that settles after the student has left must not bring its address back.
  const written = new Set();
  const writeAddress = () => {
    if (!element.isConnected) return;
    const { query } = element;
    if (location.hash !== routeHref(['playground', name], query)) written.add(query);
    replaceRoute(['playground', name], query);
  };
  element.addEventListener('statechange', writeAddress);
  // The parsed configuration drops invalid entries; write the cleaned one back once started.
  element.ready.then(writeAddress);
  container.append(shareDialog(element, sharePanel(name, element)));
  return {
    title: info.title,
    // The address was edited while the widget is open: report what is not accepted, as on the
    // first load, apply the rest, and write the cleaned settings back.
    onQueryChange(query) {
      if (written.delete(query) || query === element.query) return;
      element.applyQuery(query).then(writeAddress);
    },
    dispose() {},
  };
}
