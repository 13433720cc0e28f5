// The base of every widget's custom element: reads its configuration through the registry
// (attribute `config` as a query string, or one attribute per setting; `hide` and `lock` list
// controls), builds the standard frame (toolbar, controls generated from the schema, readouts,
// a text description, errors next to the control that caused them, export), runs the animation
// loop, and publishes the model's measures as a bubbling `measures` event.
//
// A subclass sets `static schema` (from defineSchema) and `static Model` (its WidgetModel
// subclass, built by createModel(client, params) with the schema), and implements:
//   buildView(container)         the plots and anything special; called once
//   render()                     redraw from the model (called at most once per frame)
//   describe()                   one or two sentences stating the widget's state in words
//   readouts()                   [{ name, label, format(measures) -> text, title? }]
//   figures()                    [{ name, figure }] of Figure objects, for PNG and SVG export
//   exportData()                 { columns: [...], rows: [[...]], json: {...} } for CSV and JSON
import { createLabClient } from '../../lab/client-factory.js';
import { BASE_CONTROLS, parseConfig, serializeConfig } from '../../state/registry.js';
import { addDescription, h, uniqueId } from '../../ui/dom.js';
import { MISSING } from '../../ui/format.js';
import { downloadBlob, toCsv } from './export.js';
import { createControl } from './controls.js';

const SPEEDS = [0.25, 0.5, 1, 2, 5, 10];
const MAX_FRAME_SECONDS = 0.1;

const BASE_CONTROL_LABELS = { play: 'Play', step: 'Step', reset: 'Reset', speed: 'Speed', export: 'Export' };

function controlLabel(widgetClass, name) {
  return widgetClass.runLabels?.[name] ?? BASE_CONTROL_LABELS[name] ?? widgetClass.schema.params[name]?.label ?? name;
}

export class LabWidget extends HTMLElement {
  static schema = null;
  static Model = null;
  // A widget whose run is not a clock names its Play and Step for what they do:
  // { play, pause, step } (the texts of Play while stopped and while running, and of Step).
  static runLabels = null;

  #frame = 0;
  #lastFrameTime = 0;
  #advancing = false;
  #dirty = true;
  #resizeObserver = null;
  #readyResolve;
  #controls = new Map();
  #config = null;
  #removed = false;
  #disabledForError = new Map();  // button -> its title and description before
  #shownErrors = [];  // the settings not accepted from the URL or attributes

  constructor() {
    super();
    this.ready = new Promise((resolve) => {
      this.#readyResolve = resolve;
    });
    this.model = null;
    this.ui = {};
  }

  createModel(client, params) {
    return new this.constructor.Model(client, this.constructor.schema, params);
  }

  // Play and Step in the order of `names`, those the page shows in the toolbar, each also
  // described by the help text `helpId`: for a widget that sets them beside its own run controls.
  runButtonsBeside(helpId, names) {
    const shown = names.map((name) => this.ui[name]).filter((button) => button.parentNode === this.ui.toolbar);
    for (const button of shown) addDescription(button, helpId);
    return shown;
  }

  static get controlNames() {
    return [...Object.keys(this.schema.params), ...BASE_CONTROLS];
  }

  get widgetName() {
    return this.constructor.schema.name;
  }

  get measures() {
    return { ...(this.model?.measures ?? {}) };
  }

  // What a host, a lesson or the URL needs to recreate this view.
  getState() {
    const { schema } = this.constructor;
    return { widget: schema.name, version: schema.version, params: { ...(this.model?.params ?? {}) } };
  }

  setState(params) {
    return this.model.setParams(params);
  }

  play() {
    this.model?.play();
  }

  pause() {
    this.model?.pause();
  }

  step() {
    return this.model?.step();
  }

  reset() {
    return this.model?.reset();
  }

  // The controls hidden and locked by the page that placed the widget (its address, a lesson).
  get restrictions() {
    return { hidden: [...(this.#config?.hidden ?? [])], locked: [...(this.#config?.locked ?? [])] };
  }

  // Attribute layout="compact": plots beside the main settings, the other settings folded (the
  // embed's compact layout, whose frame is sized to it).
  get compact() {
    return this.getAttribute('layout') === 'compact';
  }

  // The configuration as a query string (only the settings that differ from the defaults).
  get query() {
    const { schema } = this.constructor;
    return serializeConfig(schema, this.model?.params ?? {}, this.#config ?? {});
  }

  connectedCallback() {
    if (this.model && !this.#removed) {
      // Moved within the page: keep the running model and its worker.
      this.#frame = requestAnimationFrame((time) => this.#tick(time));
      return;
    }
    this.#controls.clear();
    this.#removed = false;
    const { schema } = this.constructor;
    // Kept as a query, so a setting given twice is reported; an attribute of its own wins.
    const source = new URLSearchParams(this.getAttribute('config') ?? '');
    for (const name of [...Object.keys(schema.params), 'hide', 'lock']) {
      if (this.hasAttribute(name)) source.set(name, this.getAttribute(name));
    }
    this.#config = parseConfig(schema, source);
    this.client = createLabClient();
    this.model = this.createModel(this.client, this.#config.params);
    this.#buildFrame();
    this.buildView(this.ui.view);
    if (this.compact) this.#foldSecondaryPanels();
    this.#showConfigErrors(this.#config.errors);
    this.model.addEventListener('change', (event) => this.#onChange(event.detail.reason));
    this.model.addEventListener('measures', () => this.#publish());
    this.model.addEventListener('error', (event) => this.#showError(event.detail));
    this.#resizeObserver = new ResizeObserver(() => {
      this.onResize?.();
      this.#dirty = true;
    });
    this.#resizeObserver.observe(this.ui.view);
    const reducedMotion = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    this.model.start().then((started) => {
      this.ui.loading.remove();
      this.ui.section.removeAttribute('aria-busy');
      this.dataset.ready = String(started);
      this.#dirty = true;
      if (started && this.hasAttribute('autoplay') && !reducedMotion) this.model.play();
      this.#announce('Ready');
      this.#readyResolve(started);
    });
    this.#frame = requestAnimationFrame((time) => this.#tick(time));
  }

  disconnectedCallback() {
    cancelAnimationFrame(this.#frame);
    // Removed for good (not just moved): stop its worker at once, whatever job it is running
    // (its models go with it), then dispose the model. The model object stays (late callbacks
    // may still read it) but is disposed; connecting the element again starts a new one.
    setTimeout(() => {
      if (this.isConnected || !this.model || this.#removed) return;
      this.#removed = true;
      this.#resizeObserver?.disconnect();
      this.client.terminate();
      this.model.dispose().catch(() => {});
    }, 0);
  }

  // Applies settings from a new query (the address edited while the widget is open): every entry
  // that is not accepted is reported as on the first load, and the rest is applied.
  applyQuery(query) {
    const { schema } = this.constructor;
    const { params, errors } = parseConfig(schema, query);
    this.ui.notices.replaceChildren();
    for (const control of this.#controls.values()) control.setError(null);
    this.#showConfigErrors(errors);
    return this.model.setParams(params);
  }

  // A button the page around the widget adds to its toolbar, after Export (the playground's
  // Share). Call once the widget is connected: its toolbar exists from then on.
  addToolbarAction(button) {
    button.dataset.hostAction = '';
    this.ui.toolbar.append(button);
  }

  // Marks the view for redraw on the next frame.
  invalidate() {
    this.#dirty = true;
  }

  #buildFrame() {
    const { schema } = this.constructor;
    const { hidden, locked } = this.#config;
    const ui = this.ui;
    const id = uniqueId(schema.name);
    const show = (name) => !hidden.has(name);

    const runLabels = this.constructor.runLabels;
    // A button whose text says what it does next (Run the measure / Stop) is not a toggle.
    ui.play = h('button', { type: 'button', 'aria-pressed': runLabels ? null : 'false', text: this.#playText(false), 'data-control': 'play' });
    ui.play.addEventListener('click', () => (this.model.playing ? this.model.pause() : this.model.play()));
    ui.step = h('button', { type: 'button', text: runLabels?.step ?? 'Step', 'data-control': 'step',
      title: `Advance ${this.model.stepSeconds} s of model time` });
    ui.step.addEventListener('click', () => this.model.step());
    ui.reset = h('button', { type: 'button', text: 'Reset', 'data-control': 'reset',
      title: 'Back to the start with the same settings and seed' });
    ui.reset.addEventListener('click', () => {
      this.#clearError();
      this.model.reset().then((ok) => ok && this.#announce('Reset'));
    });
    ui.speed = h('select', { id: `${id}-speed`, 'data-control': 'speed' },
      SPEEDS.map((s) => h('option', { value: s, text: `${s}×`, selected: s === this.model.speed })));
    ui.speed.addEventListener('change', () => this.model.setSpeed(Number(ui.speed.value)));
    // Locked controls stay visible but disabled, named in a note saying the instructor set them.
    const lockedNoteId = `${id}-locked`;
    const lockedShown = this.constructor.controlNames.filter((name) => locked.has(name) && !hidden.has(name) && !schema.params[name]?.hidden);
    for (const name of ['play', 'step', 'reset', 'speed']) {
      if (!locked.has(name)) continue;
      ui[name].disabled = true;
      ui[name].setAttribute('aria-describedby', lockedNoteId);
    }
    // A <details> menu cannot be disabled: a locked Export is a disabled button instead.
    ui.exportMenu = locked.has('export')
      ? h('button', { type: 'button', disabled: true, text: 'Export', 'data-control': 'export', 'aria-describedby': lockedNoteId })
      : this.#buildExportMenu(id);
    ui.lockedNote = lockedShown.length
      ? h('p', { class: 'al-locked-note', id: lockedNoteId, 'data-role': 'locked-note',
        text: `Locked by your instructor: ${lockedShown.map((name) => controlLabel(this.constructor, name)).join(', ')}.` })
      : null;
    // A page with two widgets of one kind names them apart (`label`): landmarks must be unique.
    const title = this.getAttribute('label') ? `${schema.title}: ${this.getAttribute('label')}` : schema.title;
    const toolbar = h('div', { class: 'al-toolbar', role: 'toolbar', 'aria-label': `${title} controls` }, [
      show('play') ? ui.play : null,
      show('step') ? ui.step : null,
      show('reset') ? ui.reset : null,
      show('speed') ? h('label', { class: 'al-inline', for: `${id}-speed` }, ['Speed ', ui.speed]) : null,
      show('export') ? ui.exportMenu : null,
    ]);
    ui.toolbar = toolbar;

    const groups = new Map();
    for (const [name, spec] of Object.entries(schema.params)) {
      if (hidden.has(name) || spec.hidden) continue;
      const control = createControl(name, spec, this.model.params[name], {
        id: `${id}-${name}`,
        locked: locked.has(name),
        onCommit: (value) => this.#commit(name, value),
      });
      if (locked.has(name)) {
        // Every field of the setting (a log slider's number box too) says why it is disabled.
        for (const field of control.element.querySelectorAll('input, select')) {
          addDescription(field, lockedNoteId);
        }
      }
      this.#controls.set(name, control);
      const group = spec.group ?? 'Settings';
      if (!groups.has(group)) groups.set(group, []);
      groups.get(group).push(control.element);
    }
    // The compact layout (an embed sized to its content) keeps the first group of settings open
    // and folds the others, each under its group's name.
    const compact = this.compact;
    ui.controls = h('div', { class: 'al-controls' }, [...groups].map(([legend, elements], index) => {
      if (!compact || index === 0) return h('fieldset', {}, [h('legend', { text: legend }), ...elements]);
      return h('details', { class: 'al-group' }, [h('summary', { text: legend }),
        h('fieldset', {}, [h('legend', { class: 'al-visually-hidden', text: legend }), ...elements])]);
    }));

    ui.readouts = h('dl', { class: 'al-readouts', 'aria-label': 'Measures' });
    ui.readoutValues = new Map();
    for (const readout of this.readouts()) {
      const value = h('dd', { 'data-measure': readout.name, text: MISSING });
      ui.readoutValues.set(readout.name, { readout, value });
      ui.readouts.append(h('dt', { text: readout.label, title: readout.title ?? '' }), value);
    }

    ui.view = h('div', { class: 'al-view' });
    ui.description = h('p', { class: 'al-description', 'data-role': 'description' });
    ui.status = h('p', { class: 'al-visually-hidden', 'aria-live': 'polite' });
    ui.notices = h('ul', { class: 'al-notices', 'aria-label': 'Settings that were not accepted' });
    ui.error = h('div', { class: 'al-error', role: 'alert', id: `${id}-error` });
    // Shown from the first paint until the simulation has started (the module may still be
    // downloading on a slow link); the section is aria-busy meanwhile.
    ui.loading = h('p', { class: 'al-loading', 'data-role': 'loading', text: 'Loading the simulation…' });

    ui.section = h('section', { class: 'al-widget', 'aria-labelledby': `${id}-title`, 'aria-busy': 'true', 'data-layout': compact ? 'compact' : null }, [
      h('h3', { class: 'al-widget-title', id: `${id}-title`, text: title }),
      ui.loading,
      ui.notices,
      toolbar,
      ui.lockedNote,
      h('div', { class: 'al-body' }, [ui.view, ui.readouts]),
      ui.description,
      ui.controls,
      ui.error,
      ui.status,
    ]);
    this.replaceChildren(ui.section);
  }

  // In the compact layout a widget's secondary panels are folded under their headings: a fieldset
  // of its own tools beside the plots (such as the trainer's checkpoint), or a section of further
  // plots marked data-compact-fold (such as the wave lattice's trained RNN and Φ matrices).
  #foldSecondaryPanels() {
    for (const panel of this.ui.view.querySelectorAll(':scope > fieldset.al-panel, [data-compact-fold]')) {
      const heading = panel.querySelector(':scope > legend, :scope > h4');
      if (!heading) continue;
      const details = h('details', { class: 'al-group' }, [h('summary', { text: heading.textContent })]);
      panel.replaceWith(details);
      heading.classList.add('al-visually-hidden');
      details.append(panel);
    }
  }

  // Hides or shows a secondary panel or a group of settings, and its fold in the compact layout
  // with it (an empty fold would be a heading over nothing).
  setPanelHidden(panel, hidden) {
    panel.hidden = hidden;
    const fold = panel.parentElement;
    if (fold?.matches('details.al-group')) fold.hidden = hidden;
  }

  #buildExportMenu(id) {
    const item = (text, action) => {
      const button = h('button', { type: 'button', role: 'menuitem', text });
      button.addEventListener('click', () => {
        action();
        menu.open = false;
      });
      return button;
    };
    const name = this.constructor.schema.name;
    const items = [];
    // The menu is built before buildView creates the figures: look each one up when it is used.
    const figureNamed = (figureName) => this.figures().find((entry) => entry.name === figureName).figure;
    for (const { name: figureName } of this.figures()) {
      items.push(item(`${figureName} (PNG)`, () => figureNamed(figureName).canvas.toBlob((blob) => downloadBlob(blob, `${name}-${figureName}.png`), 'image/png')));
      items.push(item(`${figureName} (SVG)`, () => downloadBlob(new Blob([figureNamed(figureName).toSVG()], { type: 'image/svg+xml' }), `${name}-${figureName}.svg`)));
    }
    items.push(item('Data (CSV)', () => {
      const { columns, rows } = this.exportData();
      downloadBlob(new Blob([toCsv(columns, rows)], { type: 'text/csv' }), `${name}-data.csv`);
    }));
    items.push(item('Data and settings (JSON)', () => {
      const data = this.exportData();
      const json = { widget: name, version: this.constructor.schema.version, params: this.model.params,
        measures: this.model.measures, ...(data.json ?? { columns: data.columns, rows: data.rows }) };
      downloadBlob(new Blob([`${JSON.stringify(json, null, 2)}\n`], { type: 'application/json' }), `${name}-data.json`);
    }));
    const menu = h('details', { class: 'al-export', 'data-control': 'export' }, [
      h('summary', { text: 'Export', id: `${id}-export` }),
      h('div', { role: 'menu', 'aria-labelledby': `${id}-export` }, items),
    ]);
    return menu;
  }

  // `settingchange` says at once which value the reader chose (a share link follows it without
  // waiting for the model); `statechange` follows once the model has taken it. A refused value
  // gets a second `settingchange` with the value kept.
  #settingChange(name, value) {
    this.dispatchEvent(new CustomEvent('settingchange', { bubbles: true, composed: true, detail: { widget: this.widgetName, name, value } }));
  }

  #commit(name, value) {
    this.#clearError();
    this.#controls.get(name)?.setError(null);
    this.#settingChange(name, value);
    return this.model.setParam(name, value).then((ok) => {
      if (!ok) this.#settingChange(name, this.model.params[name]);
      this.#controls.get(name)?.setValue(this.model.params[name], { force: !ok });
      if (ok) {
        // A rule between settings reported on load is settled once one of them changes.
        for (const error of this.#shownErrors) {
          if (error.names?.includes(name)) for (const other of error.names) this.#controls.get(other)?.setError(null);
        }
        this.#announce(`${this.constructor.schema.params[name].label ?? name} set`);
        this.dispatchEvent(new CustomEvent('statechange', { bubbles: true, composed: true,
          detail: { widget: this.widgetName, query: this.query, params: { ...this.model.params } } }));
      }
      return ok;
    });
  }

  #tick(now) {
    this.#frame = requestAnimationFrame((time) => this.#tick(time));
    const model = this.model;
    if (model?.buildError) {
      if (this.#dirty) this.#showUnusable();
      this.#dirty = false;
      return;
    }
    if (!model?.started) return;
    if (this.#disabledForError.size) this.#endUnusable();
    const elapsed = this.#lastFrameTime ? Math.min(MAX_FRAME_SECONDS, (now - this.#lastFrameTime) / 1000) : 0;
    this.#lastFrameTime = now;
    if (model.playing && !this.#advancing && elapsed > 0) {
      this.#advancing = true;
      model.tick(elapsed * model.speed).finally(() => {
        this.#advancing = false;
      });
    }
    if (this.#dirty) {
      this.#dirty = false;
      this.#renderAll();
    }
  }

  // The model could not be built: every action that needs it is disabled and points at the reason
  // (shown in the error area below the settings) until a setting change builds it.
  #showUnusable() {
    const buttons = [this.ui.play, this.ui.step, ...this.ui.view.querySelectorAll('button[data-control]')];
    for (const button of buttons) {
      if (button.disabled && !this.#disabledForError.has(button)) continue;
      if (!this.#disabledForError.has(button)) {
        this.#disabledForError.set(button, { title: button.title, describedBy: button.getAttribute('aria-describedby') });
      }
      button.disabled = true;
      button.setAttribute('aria-describedby', this.ui.error.id);
      button.title = `Not available: the model could not be built with these settings (${this.model.buildError})`;
    }
    this.ui.play.textContent = this.#playText(false);
    if (!this.constructor.runLabels) this.ui.play.setAttribute('aria-pressed', 'false');
  }

  #playText(playing) {
    const labels = this.constructor.runLabels;
    return playing ? labels?.pause ?? 'Pause' : labels?.play ?? 'Play';
  }

  #endUnusable() {
    const { locked } = this.#config;
    for (const [button, { title, describedBy }] of this.#disabledForError) {
      button.disabled = locked.has(button.dataset.control);
      if (describedBy === null) button.removeAttribute('aria-describedby');
      else button.setAttribute('aria-describedby', describedBy);
      button.title = title;
    }
    this.#disabledForError.clear();
  }

  #renderAll() {
    const model = this.model;
    this.ui.play.textContent = this.#playText(model.playing);
    if (!this.constructor.runLabels) this.ui.play.setAttribute('aria-pressed', String(model.playing));
    for (const { readout, value } of this.ui.readoutValues.values()) {
      value.textContent = readout.format(model.measures ?? {}) ?? MISSING;
    }
    this.render();
    this.ui.description.textContent = this.describe();
  }

  #onChange(reason) {
    this.#dirty = true;
    if (reason === 'play' || reason === 'pause') this.#announce(reason === 'play' ? 'Playing' : 'Paused');
    if (reason === 'params' || reason === 'restart' || reason === 'reset') {
      for (const [name, control] of this.#controls) control.setValue(this.model.params[name]);
      // Built again after a failed build: the widget is ready now.
      if (this.model.usable && this.dataset.ready !== 'true') this.dataset.ready = 'true';
    }
  }

  #publish() {
    this.#dirty = true;
    this.dispatchEvent(new CustomEvent('measures', { bubbles: true, composed: true,
      detail: { widget: this.widgetName, measures: this.measures } }));
  }

  #announce(prefix) {
    if (!this.model?.started) return;
    this.ui.status.textContent = `${prefix}. ${this.describe()}`;
  }

  #showConfigErrors(errors) {
    this.#shownErrors = errors;
    for (const error of errors) {
      this.ui.notices.append(h('li', { text: error.message }));
      // A rule between settings is shown next to each of them.
      for (const name of error.names ?? [error.name]) this.#controls.get(name)?.setError(error.message);
    }
  }

  #showError({ message, param, divergence, recovered, fatal }) {
    const ui = this.ui;
    const control = param ? this.#controls.get(param) : null;
    if (control) {
      control.setError(message);
      control.setValue(this.model.params[param], { force: true });
    }
    const children = [h('p', { text: message })];
    if (divergence) {
      const button = h('button', { type: 'button', text: 'Reset to the last good state' });
      button.addEventListener('click', () => {
        this.#clearError();
        this.model.restoreLastGood();
      });
      children.push(button);
    }
    if (fatal) {
      const button = h('button', { type: 'button', text: 'Reload the page' });
      button.addEventListener('click', () => location.reload());
      children.push(button);
      this.#stopControls();
    }
    ui.error.replaceChildren(...children);
    ui.error.dataset.kind = fatal ? 'failed' : divergence ? 'divergence' : recovered ? 'restart' : 'error';
    this.#dirty = true;
    this.dispatchEvent(new CustomEvent('widget-error', { bubbles: true, composed: true,
      detail: { widget: this.widgetName, message, param: param ?? null } }));
  }

  // The worker is gone for good: every control that would run or change the simulation is
  // disabled (export of what is shown and the page's own actions, such as Share, still work), and
  // the widget is marked stopped.
  #stopControls() {
    this.dataset.state = 'stopped';
    cancelAnimationFrame(this.#frame);
    this.#renderAll();
    for (const control of this.querySelectorAll('button, input, select, textarea')) {
      if (!control.closest('.al-export, [data-host-action]')) control.disabled = true;
    }
    this.ui.play.title = 'The simulation has stopped; reload the page to start it again';
  }

  #clearError() {
    this.ui.error.replaceChildren();
    delete this.ui.error.dataset.kind;
  }
}
