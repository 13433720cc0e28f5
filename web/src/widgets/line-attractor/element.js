// <line-attractor-widget>: store a value in a line attractor, perturb its weights, and watch the
// memory hold (epsilon = 0) or drift at the rate its eigenvalue predicts.
//
// Attributes (all optional): n, epsilon, value, speed, seed, autoplay.
import { sharedLabClient } from '../../lab/shared-client.js';
import { LineChart } from '../../plot/line-chart.js';
import { h, uniqueId } from '../../ui/dom.js';
import { describeRate, formatFixed, formatSignificant, MISSING } from '../../ui/format.js';
import { EPSILON_POSITIONS, epsilonFromPosition, positionFromEpsilon } from './epsilon-scale.js';
import { LineAttractorWidgetModel } from './model.js';

const PLOT_SECONDS = 20;
const STEP_SECONDS = 0.1;
const MAX_FRAME_SECONDS = 0.1;
const SPEEDS = [0.5, 1, 2, 5, 10];

function numberAttribute(element, name, fallback) {
  const raw = element.getAttribute(name);
  const value = raw === null ? NaN : Number(raw);
  return Number.isFinite(value) ? value : fallback;
}

class LineAttractorWidget extends HTMLElement {
  #model = null;
  #chart = null;
  #ui = {};
  #frame = 0;
  #lastFrameTime = 0;
  #advancing = false;
  #dirty = true;
  #resizeObserver = null;

  connectedCallback() {
    if (this.#model) return;
    const params = {};
    if (this.hasAttribute('n')) params.n = numberAttribute(this, 'n', 64);
    if (this.hasAttribute('seed')) params.seed = numberAttribute(this, 'seed', 1);
    this.#model = new LineAttractorWidgetModel(sharedLabClient(), {
      params,
      epsilon: numberAttribute(this, 'epsilon', 0),
      value: numberAttribute(this, 'value', 1),
      speed: numberAttribute(this, 'speed', 1),
    });
    this.#build();
    this.#model.addEventListener('change', (event) => this.#onChange(event.detail.reason));
    this.#model.addEventListener('error', (event) => this.#showError(event.detail.message));
    const reducedMotion = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    this.#model.start().then((started) => {
      if (!started) return;
      this.dataset.ready = 'true';
      if (this.hasAttribute('autoplay') && !reducedMotion) this.#model.play();
      this.#announce();
    });
    this.#frame = requestAnimationFrame((time) => this.#tick(time));
  }

  disconnectedCallback() {
    cancelAnimationFrame(this.#frame);
    this.#resizeObserver?.disconnect();
    this.#model?.dispose();
    this.#model = null;
  }

  // The model, for scripts and tests that want the numbers behind the view.
  get model() {
    return this.#model;
  }

  #build() {
    const ui = this.#ui;
    const id = uniqueId('line');
    const model = this.#model;

    ui.canvas = h('canvas', { class: 'la-canvas', role: 'img', 'aria-label': 'Plot of the remembered value over time' });
    ui.legend = h('p', { class: 'la-legend' }, [
      h('span', { class: 'la-key la-key-measured', text: 'remembered value (network)' }),
      h('span', { class: 'la-key la-key-predicted', text: 'prediction from the eigenvalue' }),
      h('span', { class: 'la-key la-key-stored', text: 'stored value' }),
    ]);

    const readout = (key, label, title) => {
      ui[key] = h('dd', { 'data-measure': key, text: MISSING });
      return [h('dt', { text: label, title }), ui[key]];
    };
    ui.readouts = h('dl', { class: 'la-readouts' }, [
      ...readout('remembered', 'Remembered value', 'r = m·x, the activity along the memory direction'),
      ...readout('eigenvalue', 'Memory eigenvalue λ', 'Eigenvalue of W nearest the tuned one'),
      ...readout('predicted', 'Predicted drift (λ − 1)/τ', 'per second, from the eigenvalue'),
      ...readout('measured', 'Measured drift d ln r/dt', 'per second, from the trajectory'),
      ...readout('lifetime', 'So the memory', 'from the predicted drift'),
      ...readout('time', 'Time', 'model time in seconds'),
    ]);

    ui.value = h('input', { type: 'range', id: `${id}-value`, min: -2, max: 2, step: 0.1, value: model.value });
    ui.valueOut = h('output', { for: `${id}-value`, text: formatFixed(model.value, 1) });
    ui.value.addEventListener('input', () => {
      ui.valueOut.textContent = formatFixed(Number(ui.value.value), 1);
    });
    ui.store = h('button', { type: 'button', class: 'la-primary', text: 'Store' });
    ui.store.addEventListener('click', () => {
      this.#clearError();
      model.store(Number(ui.value.value)).then((ok) => ok && this.#announce('Stored'));
    });

    ui.epsilon = h('input', {
      type: 'range', id: `${id}-epsilon`, min: 0, max: EPSILON_POSITIONS, step: 1,
      value: positionFromEpsilon(model.epsilon),
      'aria-describedby': `${id}-epsilon-help`,
    });
    ui.epsilonOut = h('output', { for: `${id}-epsilon`, 'data-measure': 'epsilon' });
    ui.epsilon.addEventListener('input', () => this.#showEpsilon(epsilonFromPosition(Number(ui.epsilon.value))));
    ui.epsilon.addEventListener('change', () => {
      this.#clearError();
      const epsilon = epsilonFromPosition(Number(ui.epsilon.value));
      model.setEpsilon(epsilon).then((ok) => ok && this.#announce('Perturbed'));
    });

    ui.perturbationSeed = h('input', {
      type: 'number', id: `${id}-pseed`, min: 0, step: 1, value: model.perturbationSeed, inputmode: 'numeric',
    });
    ui.perturbationSeed.addEventListener('change', () => {
      this.#clearError();
      model.setPerturbationSeed(Number(ui.perturbationSeed.value)).then((ok) => {
        if (!ok) ui.perturbationSeed.value = model.perturbationSeed;
      });
    });

    ui.n = h('input', { type: 'number', id: `${id}-n`, min: 2, max: 1024, step: 1, inputmode: 'numeric' });
    ui.n.addEventListener('change', () => {
      this.#clearError();
      model.setParams({ n: Number(ui.n.value) }).then((ok) => {
        ui.n.value = model.params?.n ?? '';
        if (ok) this.#announce(`Rebuilt with ${model.params.n} neurons`);
      });
    });

    ui.play = h('button', { type: 'button', 'aria-pressed': 'false', text: 'Play' });
    ui.play.addEventListener('click', () => (model.playing ? model.pause() : model.play()));
    ui.step = h('button', { type: 'button', text: 'Step', title: `Advance ${STEP_SECONDS} s` });
    ui.step.addEventListener('click', () => model.advance(STEP_SECONDS));
    ui.reset = h('button', { type: 'button', text: 'Reset', title: 'Back to rest, then store the value again' });
    ui.reset.addEventListener('click', () => {
      this.#clearError();
      model.reset().then((ok) => ok && this.#announce('Reset'));
    });
    ui.speed = h('select', { id: `${id}-speed` },
      SPEEDS.map((s) => h('option', { value: s, text: `${s}×`, selected: s === model.speed })));
    ui.speed.addEventListener('change', () => model.setSpeed(Number(ui.speed.value)));

    const field = (label, input, extra = []) =>
      h('div', { class: 'la-field' }, [h('label', { for: input.id, text: label }), input, ...extra]);

    ui.error = h('p', { class: 'la-error', role: 'alert' });
    ui.status = h('p', { class: 'la-visually-hidden', 'aria-live': 'polite' });

    this.replaceChildren(
      h('div', { class: 'la-widget' }, [
        h('div', { class: 'la-plot' }, [ui.canvas, ui.legend]),
        ui.readouts,
        h('div', { class: 'la-controls' }, [
          h('fieldset', {}, [h('legend', { text: 'Memory' }),
            field('Value to store', ui.value, [ui.valueOut]), ui.store]),
          h('fieldset', {}, [h('legend', { text: 'Weights' }),
            field('Perturbation ε', ui.epsilon, [ui.epsilonOut]),
            h('p', { id: `${id}-epsilon-help`, class: 'la-help',
              text: 'Adds noise of standard deviation ε/√N to every weight. 0 is perfectly tuned.' }),
            field('Perturbation seed', ui.perturbationSeed),
            field('Neurons N', ui.n)]),
          h('fieldset', {}, [h('legend', { text: 'Time' }),
            h('div', { class: 'la-buttons' }, [ui.play, ui.step, ui.reset]),
            field('Speed', ui.speed)]),
        ]),
        ui.error,
        ui.status,
      ]),
    );

    this.#chart = new LineChart(ui.canvas);
    this.#resizeObserver = new ResizeObserver(() => {
      const box = ui.canvas.getBoundingClientRect();
      this.#chart.resize(box.width, box.height);
      this.#dirty = true;
    });
    this.#resizeObserver.observe(ui.canvas);
    this.#showEpsilon(model.epsilon);
  }

  #tick(now) {
    this.#frame = requestAnimationFrame((time) => this.#tick(time));
    const model = this.#model;
    if (!model) return;
    const elapsed = this.#lastFrameTime ? Math.min(MAX_FRAME_SECONDS, (now - this.#lastFrameTime) / 1000) : 0;
    this.#lastFrameTime = now;
    if (model.playing && model.params && !this.#advancing && elapsed > 0) {
      this.#advancing = true;
      model.advance(elapsed * model.speed).finally(() => {
        this.#advancing = false;
      });
    }
    if (this.#dirty) {
      this.#dirty = false;
      this.#render();
    }
  }

  #onChange(reason) {
    this.#dirty = true;
    if (reason === 'play' || reason === 'pause') this.#announce(reason === 'play' ? 'Playing' : 'Paused');
  }

  #showEpsilon(epsilon) {
    this.#ui.epsilonOut.textContent = epsilon === 0 ? '0 (tuned)' : formatSignificant(epsilon, 3);
    this.#ui.epsilon.setAttribute('aria-valuetext', epsilon === 0 ? 'epsilon 0, tuned' : `epsilon ${epsilon}`);
  }

  #render() {
    const model = this.#model;
    const ui = this.#ui;
    const m = model.measures;
    ui.play.textContent = model.playing ? 'Pause' : 'Play';
    ui.play.setAttribute('aria-pressed', String(model.playing));
    if (document.activeElement !== ui.n && model.params) ui.n.value = model.params.n;
    if (!m) return;
    ui.remembered.textContent = formatFixed(m.remembered_value, 4);
    ui.eigenvalue.textContent = formatFixed(m.memory_eigenvalue, 6);
    ui.predicted.textContent = `${formatSignificant(m.predicted_drift_rate_per_s, 3)} /s`;
    ui.measured.textContent = m.measured_drift_rate_per_s === null
      ? 'settling…' : `${formatSignificant(m.measured_drift_rate_per_s, 3)} /s`;
    ui.lifetime.textContent = describeRate(m.predicted_drift_rate_per_s);
    ui.time.textContent = `${formatFixed(m.time_s, 1)} s`;
    this.#drawPlot();
  }

  #drawPlot() {
    const model = this.#model;
    const { times, values } = model.history;
    const now = model.measures.time_s;
    const x0 = Math.max(0, now - PLOT_SECONDS);
    const x1 = x0 + PLOT_SECONDS;
    const predicted = { times: [], values: [] };
    const reference = model.measures.drift_reference_time_s;
    if (reference !== null) {
      const start = Math.max(reference, x0);
      for (let i = 0; i <= 100; i++) {
        const t = start + ((x1 - start) * i) / 100;
        predicted.times.push(t);
        predicted.values.push(model.predictedValueAt(t));
      }
    }
    let low = Math.min(0, model.value);
    let high = Math.max(0, model.value);
    for (const v of values) {
      if (v < low) low = v;
      if (v > high) high = v;
    }
    const pad = Math.max(0.1, (high - low) * 0.1);
    const style = getComputedStyle(this);
    const color = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
    this.#chart.draw({
      xRange: [x0, x1],
      yRange: [low - pad, high + pad],
      xLabel: 'time (s)',
      yLabel: 'remembered value r',
      hLines: [{ y: model.value, color: color('--la-stored', '#666'), dash: [2, 4] }],
      series: [
        { times, values, color: color('--la-measured', '#0072b2'), width: 2.5 },
        { ...predicted, color: color('--la-predicted', '#d55e00'), width: 1.5, dash: [6, 4] },
      ],
      colors: {
        background: color('--la-plot-background', '#fff'),
        grid: color('--la-grid', '#e3e3e3'),
        axis: color('--la-axis', '#555'),
        text: color('--la-text', '#222'),
      },
    });
    const m = model.measures;
    this.#ui.canvas.setAttribute('aria-label',
      `Plot of the remembered value over the last ${PLOT_SECONDS} seconds. Now ${formatFixed(m.remembered_value, 3)}, ` +
      `stored ${formatFixed(model.value, 2)}; the dashed prediction from the eigenvalue ` +
      `${reference === null ? 'starts once the network has settled' : `says ${formatFixed(model.predictedValueAt(now), 3)}`}.`);
  }

  // A short spoken summary after a discrete action (not on every frame).
  #announce(prefix = '') {
    const model = this.#model;
    const m = model?.measures;
    if (!m) return;
    const epsilon = model.epsilon === 0 ? 'tuned weights' : `epsilon ${model.epsilon}`;
    this.#ui.status.textContent = `${prefix ? `${prefix}. ` : ''}Value ${model.value} stored, ${epsilon}, ` +
      `memory eigenvalue ${formatFixed(m.memory_eigenvalue, 5)}: the memory ${describeRate(m.predicted_drift_rate_per_s)}.`;
  }

  #showError(message) {
    this.#ui.error.textContent = message;
    this.#dirty = true;
  }

  #clearError() {
    this.#ui.error.textContent = '';
  }
}

customElements.define('line-attractor-widget', LineAttractorWidget);
