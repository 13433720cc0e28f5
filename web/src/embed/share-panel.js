// The share panel of a widget (the playground's and a lesson's): a link with the settings on
// screen, controls to hide or lock for a class, and the code to embed it in a course page. The
// iframe code is sized to its content: the panel loads the embed at the chosen layout and column
// width in its preview, reads the height the embed reports (its `resize` event) and writes that
// height into the code, so the course page shows the whole widget without a scroll inside it.
import { h, uniqueId } from '../ui/dom.js';
import { schemaOf, serializeConfig } from '../state/registry.js';
import { elementSnippet, iframeSnippet, sizedIframeSnippet } from './snippets.js';
import { parseFrameMessage } from './protocol.js';

// A common width of an LMS page's content column; the instructor may give theirs.
export const DEFAULT_COLUMN_WIDTH = 760;
const COLUMN_WIDTH_RANGE = { min: 320, max: 2000 };
// Room for a readout whose text grows by a line after the measurement (a value that settles).
const HEIGHT_HEADROOM = 24;
// Changes that come together (a checkbox clicked twice, a width typed digit by digit) load the
// preview once.
const RELOAD_DELAY_MS = 400;

// The toolbar's controls, named as a reader sees them.
const TOOLBAR_LABELS = { play: 'Play / Pause button', step: 'Step button', reset: 'Reset button', speed: 'Speed menu', export: 'Export menu' };

// Builds the panel for widget `name` shown by `element`; `pageLink(query)` is the address of the
// page that opens the widget with `query` (default: its playground page).
export function sharePanel(name, element, { pageLink } = {}) {
  const schema = schemaOf(name);
  const id = uniqueId('share');
  const controls = element.constructor.controlNames;
  // Starts from what the page already hides or locks (a lesson's widget block, the address).
  const hidden = new Set(element.restrictions?.hidden);
  const locked = new Set(element.restrictions?.locked);
  const siteBase = () => new URL('./', location.href).href;
  const linkTo = pageLink ?? ((query) => `${siteBase()}#/playground/${name}?${query}`);
  const link = h('input', { type: 'text', readonly: true, id: `${id}-link`, class: 'share-link' });
  const copy = h('button', { type: 'button', text: 'Copy link' });
  const status = h('span', { 'aria-live': 'polite', class: 'muted' });
  const iframeCode = h('textarea', { readonly: true, rows: 4, id: `${id}-iframe`, class: 'share-code' });
  const elementCode = h('textarea', { readonly: true, rows: 3, id: `${id}-element`, class: 'share-code' });

  // Layout and column width of the embed.
  const layoutChoice = (value, text) => {
    const input = h('input', { type: 'radio', name: `${id}-layout`, value, id: `${id}-layout-${value}`, checked: value === 'compact' });
    input.addEventListener('change', () => reload());
    return h('div', {}, [input, ' ', h('label', { for: `${id}-layout-${value}`, text })]);
  };
  const layoutField = h('fieldset', { class: 'share-layout' }, [
    h('legend', { text: 'Embed layout' }),
    layoutChoice('compact', 'Compact: plots beside the main settings, the other settings folded'),
    layoutChoice('full', 'Full: as on the widget\'s own page'),
  ]);
  const layout = () => layoutField.querySelector('input:checked')?.value ?? 'compact';
  const widthInput = h('input', { type: 'number', id: `${id}-width`, min: COLUMN_WIDTH_RANGE.min, max: COLUMN_WIDTH_RANGE.max, step: 1,
    value: DEFAULT_COLUMN_WIDTH, inputmode: 'numeric', 'aria-describedby': `${id}-width-message` });
  const widthMessage = h('span', { id: `${id}-width-message`, class: 'al-control-error', 'aria-live': 'polite' });
  let columnWidth = DEFAULT_COLUMN_WIDTH;
  widthInput.addEventListener('change', () => {
    const value = Number(widthInput.value);
    if (!Number.isInteger(value) || value < COLUMN_WIDTH_RANGE.min || value > COLUMN_WIDTH_RANGE.max) {
      widthMessage.textContent = `Column width must be a whole number of pixels from ${COLUMN_WIDTH_RANGE.min} to ${COLUMN_WIDTH_RANGE.max}, not "${widthInput.value}"; the code keeps ${columnWidth} px.`;
      widthInput.setAttribute('aria-invalid', 'true');
      return;
    }
    widthMessage.textContent = '';
    widthInput.removeAttribute('aria-invalid');
    columnWidth = value;
    reload();
  });

  // Settings the reader chose that the model has not taken yet: the snippets show them at once.
  let pending = {};
  const params = () => ({ ...(element.model?.params ?? {}), ...pending });
  const embedUrl = () => {
    const query = serializeConfig(schema, params(), { hidden, locked });
    return `${siteBase()}embed/v1/#widget=${name}${layout() === 'compact' ? '&layout=compact' : ''}&${query}`;
  };

  // The preview is the measurement: the embed at the code's width, as tall as it reports.
  const preview = h('iframe', { title: `Preview of the embedded ${schema.title}, at the size of the iframe code`, class: 'embed-preview', 'data-role': 'embed-preview' });
  const sizeStatus = h('p', { class: 'muted', 'aria-live': 'polite', 'data-role': 'embed-size' });
  let measured = null;  // { width, height, layout } once the embed has reported its height
  let shownHeight = 0;
  let previewReady = false;
  let shown = false;  // the panel is on screen
  let loading = false;  // a preview page is loading: it is never cut short (its requests would fail)
  let stale = false;  // what the preview shows changed while it was loading
  let reloadTimer = null;
  const onMessage = (event) => {
    // The page that showed the panel is gone: stop listening.
    if (!container.isConnected) {
      window.removeEventListener('message', onMessage);
      return;
    }
    if (event.source !== preview.contentWindow) return;
    const message = parseFrameMessage(event.data);
    if (!message) return;
    if (message.event === 'resize' && Number.isFinite(message.data?.height)) {
      shownHeight = message.data.height;
      preview.style.height = `${shownHeight}px`;
    }
    if (message.event === 'ready' || message.event === 'error') {
      previewReady = message.event === 'ready';
      loading = false;
      if (!shown) preview.src = 'about:blank';
      else if (stale) reload();
    }
    if (previewReady && !stale && shownHeight > 0 && (message.event === 'ready' || message.event === 'resize')) {
      measured = { width: columnWidth, height: shownHeight + HEIGHT_HEADROOM, layout: layout() };
      sizeStatus.textContent = `The iframe code is ${measured.height} px high: the embed measured ${shownHeight} px at ${columnWidth} px wide. ` +
        'In a narrower column it is taller and scrolls inside its frame; the element code sizes itself at any width.';
      container.dataset.measured = 'true';
      update();
    }
  };
  window.addEventListener('message', onMessage);
  const load = () => {
    if (!shown) return;
    if (loading) {
      stale = true;
      return;
    }
    loading = true;
    stale = false;
    previewReady = false;
    shownHeight = 0;
    measured = null;
    delete container.dataset.measured;
    sizeStatus.textContent = `Measuring the embed at ${columnWidth} px wide…`;
    preview.style.width = `${columnWidth}px`;
    preview.src = embedUrl();
    update();
  };
  const reload = () => {
    clearTimeout(reloadTimer);
    if (loading) stale = true;
    // The last height was measured for other choices: the code is unsized until the preview
    // has measured these.
    measured = null;
    delete container.dataset.measured;
    update();
    reloadTimer = setTimeout(load, RELOAD_DELAY_MS);
  };

  const update = () => {
    const query = serializeConfig(schema, params(), { hidden, locked });
    link.value = linkTo(query);
    const title = `Attractor Lab: ${schema.title}`;
    iframeCode.value = measured ? sizedIframeSnippet(embedUrl(), title, measured) : iframeSnippet(embedUrl(), title);
    const settings = new URLSearchParams(query);
    const hide = settings.get('hide');
    const lock = settings.get('lock');
    settings.delete('hide');
    settings.delete('lock');
    elementCode.value = elementSnippet(`${siteBase()}embed/attractor-lab.js`,
      { widget: name, config: settings.toString(), hide, lock, layout: layout() === 'compact' ? 'compact' : null });
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

  // One row per control, under the group it is in on the widget (the toolbar first).
  const groups = new Map([['Toolbar', []]]);
  for (const control of controls) {
    const spec = schema.params[control];
    if (spec?.hidden) continue;
    const group = spec ? spec.group ?? 'Settings' : 'Toolbar';
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group).push(control);
  }
  const row = (control) => {
    const spec = schema.params[control];
    const label = spec ? `${spec.label ?? control}${spec.unit ? ` (${spec.unit})` : ''}` : TOOLBAR_LABELS[control] ?? control;
    const box = (set, kind) => {
      const input = h('input', { type: 'checkbox', 'aria-label': `${kind} ${label}`, 'data-share': `${kind.toLowerCase()}-${control}`, checked: set.has(control) });
      input.addEventListener('change', () => {
        if (input.checked) set.add(control);
        else set.delete(control);
        reload();
      });
      return h('td', {}, [input]);
    };
    return h('tr', {}, [h('th', { scope: 'row', text: label }), box(hidden, 'Hide'), box(locked, 'Lock')]);
  };
  const bodies = [...groups].filter(([, names]) => names.length).map(([group, names]) => h('tbody', {}, [
    h('tr', {}, [h('th', { scope: 'rowgroup', colspan: 3, class: 'share-group', text: group })]),
    ...names.map(row),
  ]));

  element.addEventListener('settingchange', (event) => {
    pending = { ...pending, [event.detail.name]: event.detail.value };
    update();
  });
  element.addEventListener('statechange', () => {
    pending = {};
    reload();
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
  const container = h('div', { class: 'share-panel' }, [
    h('p', { text: 'The link opens this widget with these exact settings and seed. For a class, hide or lock controls (a locked control is shown disabled, with a note that you set it):' }),
    h('table', { class: 'share-controls' }, [
      h('thead', {}, [h('tr', {}, [h('th', { scope: 'col', text: 'Control' }), h('th', { scope: 'col', text: 'Hide' }), h('th', { scope: 'col', text: 'Lock' })])]),
      ...bodies]),
    h('label', { for: `${id}-link`, text: 'Link' }), link, copy, status,
    h('h3', { class: 'share-heading', text: 'Embed in a course page' }),
    h('p', {}, ['An iframe works everywhere (Canvas, Moodle, Jupyter Book, plain HTML); the element form needs a page that allows scripts and sizes itself. See ',
      h('a', { href: '#/embedding', text: 'Embedding Attractor Lab in a course site' }), ' for recipes and the message API, and ',
      h('a', { href: '#/class', text: 'Your class' }), ' to see who completed what from your students\' progress files.']),
    layoutField,
    h('div', { class: 'al-field' }, [h('label', { for: `${id}-width`, text: 'Width of the column on your course page (px)' }), widthInput, widthMessage]),
    h('label', { for: `${id}-iframe`, text: 'iframe' }), iframeCode, copyButton(iframeCode, 'the iframe code'),
    h('label', { for: `${id}-element`, text: 'Custom element' }), elementCode, copyButton(elementCode, 'the element code'),
    h('h3', { class: 'share-heading', text: 'Preview' }), sizeStatus,
    h('div', { class: 'embed-preview-scroll' }, [preview]),
  ]);
  return {
    element: container,
    // The preview runs a second copy of the widget: loaded while the panel is shown. A load
    // under way finishes first, so none of its requests is cut off.
    show() {
      shown = true;
      update();
      load();
    },
    hide() {
      shown = false;
      clearTimeout(reloadTimer);
      if (!loading) preview.src = 'about:blank';
    },
  };
}

// The Share button in the widget's toolbar, beside Export: it opens the share panel in a dialog
// over the widget, where the reader is looking (not in a section further down the page).
export function shareDialog(element, panel) {
  const headingId = uniqueId('share-dialog');
  const close = h('button', { type: 'button', text: 'Close', class: 'share-dialog-close' });
  const dialog = h('dialog', { class: 'share-dialog', 'aria-labelledby': headingId }, [
    h('h2', { id: headingId, class: 'share-dialog-heading', text: `Share this widget: ${element.constructor.schema.title}` }), close, panel.element,
  ]);
  const share = h('button', { type: 'button', text: 'Share', 'aria-haspopup': 'dialog', 'data-control': 'share' });
  share.addEventListener('click', () => {
    dialog.showModal();
    panel.show();
  });
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    panel.hide();
    share.focus();
  });
  element.addToolbarAction(share);
  return dialog;
}

// The Share button and its dialog for `element`, a widget on a page (the dialog is placed after
// the widget); answers the dialog.
export function addShareButton(element, options) {
  const dialog = shareDialog(element, sharePanel(element.constructor.schema.name, element, options));
  element.after(dialog);
  return dialog;
}
