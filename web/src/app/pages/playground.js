// The playground: every widget, and one widget on its own page whose settings live in the URL
// (#/playground/<widget>?<settings>), with a panel that builds share and classroom links.
import { h, uniqueId } from '../../ui/dom.js';
import { loadWidget, WIDGETS, widgetInfo } from '../../widgets/catalog.js';
import { schemaOf, serializeConfig } from '../../state/registry.js';
import { replaceRoute, routeHref } from '../router.js';
import { elementSnippet, iframeSnippet } from '../../embed/snippets.js';

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
  const panel = sharePanel(name, element);
  const slot = h('div', { class: 'share-slot' }, [panel]);
  container.append(slot, shareDialog(element, panel, slot));
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

// The Share button in the widget's toolbar, beside Export: it opens the share panel in a dialog
// over the widget, where the reader is looking, instead of sending them below the widget. The
// panel moves into the dialog while it is open and back to its place under the widget after.
function shareDialog(element, panel, slot) {
  const headingId = uniqueId('share-dialog');
  const close = h('button', { type: 'button', text: 'Close', class: 'share-dialog-close' });
  const dialog = h('dialog', { class: 'share-dialog', 'aria-labelledby': headingId }, [
    h('h2', { id: headingId, class: 'share-dialog-heading', text: 'Share this widget' }), close,
  ]);
  const share = h('button', { type: 'button', text: 'Share', 'aria-haspopup': 'dialog', 'data-control': 'share' });
  share.addEventListener('click', () => {
    dialog.append(panel);
    panel.open = true;
    dialog.showModal();
  });
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    slot.append(panel);
    share.focus();
  });
  element.addToolbarAction(share);
  return dialog;
}

// Builds a link with the current settings, plus controls to hide or lock for a class.
function sharePanel(name, element) {
  const schema = schemaOf(name);
  const id = uniqueId('share');
  const controls = element.constructor.controlNames;
  const hidden = new Set();
  const locked = new Set();
  const link = h('input', { type: 'text', readonly: true, id: `${id}-link`, class: 'share-link' });
  const copy = h('button', { type: 'button', text: 'Copy link' });
  const status = h('span', { 'aria-live': 'polite', class: 'muted' });
  const iframeCode = h('textarea', { readonly: true, rows: 4, id: `${id}-iframe`, class: 'share-code' });
  const elementCode = h('textarea', { readonly: true, rows: 3, id: `${id}-element`, class: 'share-code' });
  const preview = h('iframe', { title: `Preview of the embedded ${schema.title}`, class: 'embed-preview', loading: 'lazy' });
  const showPreview = h('button', { type: 'button', text: 'Preview the embed' });
  showPreview.addEventListener('click', () => {
    preview.src = embedUrl();
    preview.hidden = false;
  });
  preview.hidden = true;
  const siteBase = () => new URL('./', location.href).href;
  // Settings the reader chose that the model has not taken yet: the snippets show them at once.
  let pending = {};
  const params = () => ({ ...(element.model?.params ?? {}), ...pending });
  const embedUrl = () => {
    const query = serializeConfig(schema, params(), { hidden, locked });
    return `${siteBase()}embed/v1/#widget=${name}&${query}`;
  };
  const update = () => {
    const query = serializeConfig(schema, params(), { hidden, locked });
    link.value = `${siteBase()}#/playground/${name}?${query}`;
    iframeCode.value = iframeSnippet(embedUrl(), `Attractor Lab: ${schema.title}`);
    const settings = new URLSearchParams(query);
    const hide = settings.get('hide');
    const lock = settings.get('lock');
    settings.delete('hide');
    settings.delete('lock');
    elementCode.value = elementSnippet(`${siteBase()}embed/attractor-lab.js`, { widget: name, config: settings.toString(), hide, lock });
  };
  copy.addEventListener('click', async () => {
    update();
    try {
      await navigator.clipboard.writeText(link.value);
      status.textContent = 'Copied.';
    } catch {
      link.select();
      status.textContent = 'Select the link and copy it with Ctrl+C or ⌘C.';
    }
  });
  const rows = controls.map((control) => {
    const label = schema.params[control]?.label ?? `${control[0].toUpperCase()}${control.slice(1)}`;
    const box = (set, kind) => {
      const input = h('input', { type: 'checkbox', 'aria-label': `${kind} ${label}` });
      input.addEventListener('change', () => {
        if (input.checked) set.add(control);
        else set.delete(control);
        update();
      });
      return h('td', {}, [input]);
    };
    return h('tr', {}, [h('th', { scope: 'row', text: label }), box(hidden, 'Hide'), box(locked, 'Lock')]);
  });
  element.addEventListener('settingchange', (event) => {
    pending = { ...pending, [event.detail.name]: event.detail.value };
    update();
  });
  element.addEventListener('statechange', () => {
    pending = {};
    update();
  });
  element.ready.then(update);
  // A Copy button for each snippet.
  const copyButton = (field, what) => {
    const button = h('button', { type: 'button', text: `Copy ${what}` });
    button.addEventListener('click', async () => {
      update();
      try {
        await navigator.clipboard.writeText(field.value);
        status.textContent = `${what[0].toUpperCase()}${what.slice(1)} copied.`;
      } catch {
        field.select();
        status.textContent = 'Select the code and copy it with Ctrl+C or ⌘C.';
      }
    });
    return button;
  };
  return h('details', { class: 'share-panel' }, [
    h('summary', { text: 'Share / classroom link' }),
    h('p', { text: 'The link opens this widget with these exact settings and seed. For a class, hide or lock controls:' }),
    h('table', {}, [h('thead', {}, [h('tr', {}, [h('th', { text: 'Control' }), h('th', { text: 'Hide' }), h('th', { text: 'Lock' })])]),
      h('tbody', {}, rows)]),
    h('label', { for: `${id}-link`, text: 'Link' }), link, copy, status,
    h('h2', { class: 'share-heading', text: 'Embed in a course page' }),
    h('p', {}, ['An iframe works everywhere (Canvas, Moodle, Jupyter Book, plain HTML); the element form needs a page that allows scripts and sizes itself. See ',
      h('a', { href: '#/embedding', text: 'Embedding Attractor Lab in a course site' }), ' for recipes and the message API, and ',
      h('a', { href: '#/class', text: 'Your class' }), ' to see who completed what from your students\' progress files.']),
    h('label', { for: `${id}-iframe`, text: 'iframe' }), iframeCode, copyButton(iframeCode, 'the iframe code'),
    h('label', { for: `${id}-element`, text: 'Custom element' }), elementCode, copyButton(elementCode, 'the element code'),
    showPreview, preview,
  ]);
}

