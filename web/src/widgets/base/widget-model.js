// The base of every widget's model: the parameters (validated by the widget's schema), the
// remote objects in the simulation worker, play/pause/speed, and the published measures. It
// never touches the DOM; views listen for its events:
//   'change'   {reason}   something a view should redraw
//   'measures' {measures} the published measures changed
//   'error'    {message, reason, param?, divergence?, recovered?, fatal?}  fatal: the worker
//              failed for good (not restarted); nothing runs any more
//
// A subclass implements:
//   async build()            create the remote objects from this.params (also after a reset of
//                            the parameters or a worker restart); set this.measures
//   async advance(seconds)   run the model forward by `seconds` of model time
//   async applyLive(name, value)  optional: apply a parameter without rebuilding; return true if done
//   async teardown()         dispose the remote objects
// and may override stepSeconds, resetState() and isDiverged().
import { checkValue } from '../../state/registry.js';

export class WidgetModel extends EventTarget {
  #queue = Promise.resolve();
  #lastGood = null;

  constructor(client, schema, params) {
    super();
    this.client = client;
    this.schema = schema;
    this.params = { ...params };
    this.playing = false;
    this.speed = 1;
    this.measures = {};
    this.error = null;
    this.started = false;
    this.disposed = false;
    this.failed = false;
    this.onRestart = () => this.#recoverFromRestart();
    this.onFailed = (event) => this.#stopForGood(event.detail.message);
    client.addEventListener?.('restart', this.onRestart);
    client.addEventListener?.('failed', this.onFailed);
  }

  // Seconds of model time one press of Step advances.
  get stepSeconds() {
    return 0.1;
  }

  start() {
    return this.enqueue('start', async () => {
      await this.build();
      this.started = true;
      this.#lastGood = { ...this.params };
    });
  }

  // Changes one parameter: live where the model allows, otherwise by rebuilding. An invalid
  // value is refused with the allowed range and the old value stays.
  setParam(name, value) {
    const spec = this.schema.params[name];
    if (!spec) return Promise.resolve(this.#fail(`"${name}" is not a setting of this widget`, 'params'));
    const problem = checkValue(spec, value);
    if (problem) {
      return Promise.resolve(this.#fail(`${spec.label ?? name} = ${value} ${problem}`, 'params', { param: name }));
    }
    return this.enqueue('params', async () => {
      const previous = this.params[name];
      this.params[name] = value;
      try {
        const done = await this.applyLive(name, value);
        if (!done) await this.rebuild();
      } catch (error) {
        this.params[name] = previous;
        throw Object.assign(error, { param: name });
      }
      this.#lastGood = { ...this.params };
    });
  }

  // Replaces several parameters at once (URL state, setState from a host page).
  setParams(changes) {
    return this.enqueue('params', async () => {
      const previous = { ...this.params };
      for (const [name, value] of Object.entries(changes)) {
        const spec = this.schema.params[name];
        if (!spec) throw new Error(`"${name}" is not a setting of this widget`);
        const problem = checkValue(spec, value);
        if (problem) throw new Error(`${spec.label ?? name} = ${value} ${problem}`);
      }
      Object.assign(this.params, changes);
      try {
        await this.rebuild();
      } catch (error) {
        this.params = previous;
        await this.rebuild();
        throw error;
      }
      this.#lastGood = { ...this.params };
    });
  }

  async rebuild() {
    await this.teardown();
    await this.build();
  }

  // Back to the initial state with the same parameters and seed: the same run again.
  reset() {
    return this.enqueue('reset', async () => {
      this.playing = false;
      await this.resetState();
    });
  }

  async resetState() {
    await this.rebuild();
  }

  // Back to the last parameters that ran without error (offered after a divergence).
  restoreLastGood() {
    if (!this.#lastGood) return this.reset();
    const good = { ...this.#lastGood };
    return this.enqueue('reset', async () => {
      this.playing = false;
      this.params = good;
      await this.rebuild();
    });
  }

  step() {
    return this.tick(this.stepSeconds);
  }

  // Advances by `seconds` of model time unless a previous advance is still running.
  tick(seconds) {
    return this.enqueue('advance', async () => {
      await this.advance(seconds);
      if (this.isDiverged()) {
        this.playing = false;
        throw Object.assign(new Error('The simulation diverged (a value became infinite or not a number). ' +
          'It was paused; press Reset to go back to the last good state.'), { divergence: true });
      }
    });
  }

  // True when a published number is NaN or infinite: nothing non-finite is drawn or saved.
  isDiverged() {
    return Object.values(this.measures ?? {}).some((value) => typeof value === 'number' && !Number.isFinite(value));
  }

  play() {
    this.playing = true;
    this.emit('play');
  }

  pause() {
    this.playing = false;
    this.emit('pause');
  }

  setSpeed(speed) {
    this.speed = speed;
    this.emit('speed');
  }

  publish(measures) {
    this.measures = { ...this.measures, ...measures };
  }

  async applyLive() {
    return false;
  }

  async teardown() {}

  async dispose() {
    this.disposed = true;
    this.playing = false;
    this.client.removeEventListener?.('restart', this.onRestart);
    this.client.removeEventListener?.('failed', this.onFailed);
    await this.#queue;
    await this.teardown();
  }

  // Runs actions one at a time, in order, so an animation tick never interleaves with a user's
  // change. Resolves to true on success; a failure keeps the earlier state, is reported through
  // an 'error' event and resolves to false, never rejects.
  enqueue(reason, action) {
    const run = this.#queue.then(async () => {
      if (this.disposed) return false;
      try {
        await action();
        this.error = null;
        this.emit(reason);
        this.dispatchEvent(new CustomEvent('measures', { detail: { measures: this.measures } }));
        return true;
      } catch (error) {
        if (error?.name === 'WorkerRestarted') return false;  // #recoverFromRestart reports it
        if (this.disposed) return false;  // its worker was stopped with it: nothing to report
        if (error?.name === 'WorkerFailed') return false;  // #stopForGood reported it
        this.#fail(error.message, reason, { param: error.param, divergence: error.divergence });
        return false;
      }
    });
    this.#queue = run;
    return run;
  }

  emit(reason) {
    this.dispatchEvent(new CustomEvent('change', { detail: { reason } }));
  }

  #fail(message, reason, extra = {}) {
    this.error = message;
    this.dispatchEvent(new CustomEvent('error', { detail: { message, reason, ...extra } }));
    return false;
  }

  // The worker failed again and again and was not restarted: nothing can run any more. Stop and
  // say so (the view disables its controls on a `fatal` error).
  #stopForGood(message) {
    if (this.disposed) return;
    this.failed = true;
    this.playing = false;
    this.#fail(message, 'failed', { fatal: true });
    this.emit('failed');
  }

  // The worker was restarted after a trap: every remote object is gone. Build again from the
  // last parameters that worked and say what happened.
  #recoverFromRestart() {
    if (!this.started || this.disposed) return;
    this.playing = false;
    const good = { ...(this.#lastGood ?? this.params) };
    this.enqueue('restart', async () => {
      this.params = good;
      await this.build();
    }).then((ok) => {
      if (ok) {
        this.#fail('The simulation stopped with an internal error and was restarted; your settings were restored.',
          'restart', { recovered: true });
      }
    });
  }
}

