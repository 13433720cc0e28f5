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
//   async teardown()         dispose the remote objects; a model built on one remote object keeps
//                            it in `this.remote`, which the default disposes
// and may override stepSeconds, resetState() and isDiverged().
//
// When build() fails (the core refuses the settings), `buildError` holds the reason: nothing runs
// (play, step and the subclass's own jobs are refused with that reason) until a setting change,
// a reset or setParams builds a model again.
import { brokenConstraints, checkValue, describeConflict } from '../../state/registry.js';

// Actions that build the remote objects anew; every other action needs a built model.
const BUILDING = new Set(['start', 'params', 'reset', 'restart']);

// Disposes a remote object in the worker; a missing one, or one a restarted worker no longer has,
// is passed over.
export function disposeRemote(remote) {
  return remote?.dispose().catch(() => {});
}

export function disposeRemotes(remotes) {
  return Promise.all(remotes.map(disposeRemote));
}

export class WidgetModel extends EventTarget {
  #queue = Promise.resolve();
  #lastGood = null;
  // The model's remote object in the worker, for a model built on one.
  remote = null;

  constructor(client, schema, params) {
    super();
    this.client = client;
    this.schema = schema;
    this.params = { ...params };
    this.playing = false;
    this.speed = 1;
    this.measures = {};
    this.error = null;
    this.buildError = null;
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
      await this.#build();
      this.#lastGood = { ...this.params };
    });
  }

  // True once a model is built and none of its later rebuilds failed.
  get usable() {
    return this.started && !this.buildError && !this.disposed;
  }

  async #build() {
    try {
      await this.build();
    } catch (error) {
      this.playing = false;
      this.buildError = error.message;
      throw error;
    }
    this.buildError = null;
    this.started = true;
  }

  // Why `changes` cannot go together with the other settings (a schema constraint), or null.
  #conflict(changes) {
    const next = { ...this.params, ...changes };
    const [broken] = brokenConstraints(this.schema, next);
    return broken ? describeConflict(this.schema, broken, next) : null;
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
    const conflict = this.#conflict({ [name]: value });
    if (conflict) {
      return Promise.resolve(this.#fail(`${conflict}; ${name} stays ${this.params[name]}`, 'params', { param: name }));
    }
    return this.enqueue('params', async () => {
      const previous = this.params[name];
      const wasUsable = this.usable;
      this.params[name] = value;
      try {
        // A model that could not be built is built anew by any change, live or not.
        const done = wasUsable && await this.applyLive(name, value);
        if (!done) await this.rebuild();
      } catch (error) {
        this.params[name] = previous;
        // The core refused the new value after the old model was taken down: build the old one again.
        if (wasUsable && !this.usable) await this.rebuild().catch(() => {});
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
      const conflict = this.#conflict(changes);
      if (conflict) throw new Error(`${conflict}; nothing was changed`);
      const wasUsable = this.usable;
      Object.assign(this.params, changes);
      try {
        await this.rebuild();
      } catch (error) {
        this.params = previous;
        if (wasUsable) await this.rebuild().catch(() => {});
        throw error;
      }
      this.#lastGood = { ...this.params };
    });
  }

  async rebuild() {
    await this.teardown();
    await this.#build();
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
    if (this.buildError) {
      this.#fail(this.#unbuiltMessage(), 'play');
      return;
    }
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

  // Forgets the remote object before disposing it, so nothing reaches a disposed one.
  async teardown() {
    const remote = this.remote;
    this.remote = null;
    await disposeRemote(remote);
  }

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
      if (this.buildError && !BUILDING.has(reason)) return this.#fail(this.#unbuiltMessage(), reason);
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

  #unbuiltMessage() {
    return `Nothing can run: the model could not be built with these settings (${this.buildError}). ` +
      'Change a setting to build it again.';
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
      await this.#build();
    }).then((ok) => {
      if (ok) {
        this.#fail('The simulation stopped with an internal error and was restarted; your settings were restored.',
          'restart', { recovered: true });
      }
    });
  }
}

