// A student's progress: which tasks and quizzes of which lessons are done, kept in localStorage.
// Rules (issue 10): the stored data is versioned and migrated; corrupt data is kept under a backup
// key, reported and replaced; when storage cannot be used the store keeps working in memory and
// says so; two tabs never overwrite each other; a lesson gaining a task keeps what was done.
//
// Two tabs: every write reads what is stored, merges it with this tab's state and writes the
// merge; `storage` events merge the other tab's writes in. The merge is a union of completed items
// in which a lesson's reset time wins over items completed before it, so a union never brings back
// what a reset removed, and the merge gives the same result in whichever order tabs apply it.

export const PROGRESS_KEY = 'attractor-lab.progress';
export const SCHEMA_VERSION = 3;
const APP = 'attractor-lab';

// Schema 3:
// { app: 'attractor-lab', schema: 3,
//   lessons: { <lessonId>: { items: { <itemId>: { completedAt: ISO | null, score: 0..1, record?: {...} } },
//                            completedAt: ISO | null, resetAt: ISO | null } } }
// `record` holds the measures a task's check read when it was done (the student's own numbers,
// for the capstone page): at most MAX_RECORD names, each a finite number, a string or a boolean.
// Schema 2 is schema 3 without records.
// Schema 1 (the first release): { version: 1, done: { <lessonId>: [<itemId>, ...] } }.
export const MIGRATIONS = Object.freeze({
  1: (old) => {
    if (!isObject(old.done)) throw new Error('schema 1 data has no "done" object');
    const lessons = Object.entries(old.done).map(([lessonId, items]) => {
      if (!Array.isArray(items) || !items.every((x) => typeof x === 'string')) {
        throw new Error(`schema 1 lesson "${lessonId}" is not a list of task ids`);
      }
      // Schema 1 did not record when; null sorts before any reset.
      return [lessonId, { items: Object.fromEntries(items.map((id) => [id, { completedAt: null, score: 1 }])), completedAt: null, resetAt: null }];
    });
    return { app: APP, schema: 2, lessons: Object.fromEntries(lessons) };
  },
  2: (old) => ({ ...old, schema: 3 }),
});

export const MAX_RECORD = 16;

// The largest progress file an import accepts. A record of every lesson of this site is a few
// kilobytes; a file far larger is not this site's progress, and merging it would fill the
// browser's storage for the site.
export const MAX_IMPORT_BYTES = 1024 * 1024;

function formatBytes(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

// Throws the reason an import of `bytes` bytes is refused, before anything is read or stored.
export function checkImportSize(bytes) {
  if (bytes > MAX_IMPORT_BYTES) {
    throw new Error(`the file is ${formatBytes(bytes)}, larger than the ${formatBytes(MAX_IMPORT_BYTES)} a progress file may have (a saved record of every lesson is a few KB), so it is not a progress file of this site`);
  }
}

function checkRecord(record, where) {
  if (!isObject(record)) throw new Error(`${where}: record is not an object`);
  const entries = Object.entries(record);
  if (entries.length > MAX_RECORD) throw new Error(`${where}: record has more than ${MAX_RECORD} values`);
  for (const [name, value] of entries) {
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name)) throw new Error(`${where}: record name "${name}" is not a measure name`);
    const ok = typeof value === 'boolean' || (typeof value === 'string' && value.length <= 100) || (typeof value === 'number' && Number.isFinite(value));
    if (!ok) throw new Error(`${where}: record value of ${name} is not a finite number, a short string or a boolean`);
  }
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// Lesson, task and quiz ids as the lesson format allows them; this also keeps names such as
// "__proto__" out of the plain objects the state is made of.
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
function checkId(id, what) {
  if (typeof id !== 'string' || !ID.test(id)) throw new TypeError(`${what} "${String(id)}" is not a valid id`);
}

// Own properties only: a lesson may well be called "constructor".
const own = (object, key) => (Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined);

const isTime = (value) => value === null || (typeof value === 'string' && !Number.isNaN(Date.parse(value)));
const timeOf = (value) => (value === null ? -Infinity : Date.parse(value));

export function emptyState() {
  return { app: APP, schema: SCHEMA_VERSION, lessons: {} };
}

// Brings stored or imported data to the current schema, or throws an Error saying what is wrong.
// Data from a newer schema throws a NewerSchemaError: it is not corrupt, and must not be replaced.
export class NewerSchemaError extends Error {}

export function upgrade(data) {
  if (!isObject(data)) throw new Error('progress data is not a JSON object');
  let version = data.schema ?? data.version;
  if (!Number.isInteger(version) || version < 1) throw new Error('progress data has no schema version');
  if (version > SCHEMA_VERSION) throw new NewerSchemaError(`progress data is schema ${version}, newer than this site's ${SCHEMA_VERSION}`);
  let current = data;
  while (version < SCHEMA_VERSION) {
    current = MIGRATIONS[version](current);
    version = current.schema;
  }
  checkShape(current);
  return current;
}

function checkShape(state) {
  if (state.app !== APP) throw new Error('progress data is not from Attractor Lab');
  if (!isObject(state.lessons)) throw new Error('progress data has no "lessons" object');
  for (const [lessonId, lesson] of Object.entries(state.lessons)) {
    checkId(lessonId, 'lesson id');
    const where = `lesson "${lessonId}"`;
    if (!isObject(lesson) || !isObject(lesson.items)) throw new Error(`${where} has no "items" object`);
    if (!isTime(lesson.completedAt ?? null) || !isTime(lesson.resetAt ?? null)) throw new Error(`${where} has an invalid time`);
    for (const [itemId, item] of Object.entries(lesson.items)) {
      checkId(itemId, `${where}: item id`);
      if (!isObject(item) || !isTime(item.completedAt ?? null)) throw new Error(`${where}, item "${itemId}" has an invalid time`);
      if (typeof item.score !== 'number' || !(item.score >= 0 && item.score <= 1)) throw new Error(`${where}, item "${itemId}" has an invalid score`);
      if (item.record !== undefined) checkRecord(item.record, `${where}, item "${itemId}"`);
    }
  }
}

function normalizeLesson(lesson) {
  return {
    items: Object.fromEntries(Object.entries(lesson.items).map(([id, item]) => [id, {
      completedAt: item.completedAt ?? null, score: item.score, ...(item.record ? { record: { ...item.record } } : {}),
    }])),
    completedAt: lesson.completedAt ?? null,
    resetAt: lesson.resetAt ?? null,
  };
}

const later = (a, b) => (timeOf(a) >= timeOf(b) ? a : b);

// Merges two states of the current schema. Commutative and idempotent.
export function mergeStates(a, b) {
  const lessons = {};
  for (const lessonId of new Set([...Object.keys(a.lessons), ...Object.keys(b.lessons)])) {
    const x = own(a.lessons, lessonId) ? normalizeLesson(a.lessons[lessonId]) : null;
    const y = own(b.lessons, lessonId) ? normalizeLesson(b.lessons[lessonId]) : null;
    const resetAt = later(x?.resetAt ?? null, y?.resetAt ?? null);
    const survives = (completedAt) => resetAt === null || timeOf(completedAt) >= timeOf(resetAt);
    const items = {};
    for (const side of [x, y]) {
      if (!side) continue;
      for (const [itemId, item] of Object.entries(side.items)) {
        if (!survives(item.completedAt)) continue;
        const other = own(items, itemId);
        if (!other) {
          items[itemId] = { ...item };
          continue;
        }
        // The first completion's time and numbers; the best score.
        const first = timeOf(other.completedAt) <= timeOf(item.completedAt) ? other : item;
        const record = first.record ?? other.record ?? item.record;
        items[itemId] = { completedAt: first.completedAt, score: Math.max(other.score, item.score), ...(record ? { record } : {}) };
      }
    }
    const completions = [x?.completedAt, y?.completedAt].filter((t) => t && survives(t));
    const completedAt = completions.length ? completions.reduce((p, q) => (timeOf(p) <= timeOf(q) ? p : q)) : null;
    lessons[lessonId] = { items, completedAt, resetAt };
  }
  return { app: APP, schema: SCHEMA_VERSION, lessons };
}

// JSON with sorted keys, so equal states give equal text (exact export/import round trip).
export function serialize(state) {
  const sort = (value) => {
    if (Array.isArray(value)) return value.map(sort);
    if (isObject(value)) return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sort(value[k])]));
    return value;
  };
  const { app, schema, lessons } = state;
  return JSON.stringify({ app, schema, lessons: sort(lessons) }, null, 2);
}

function isQuotaError(error) {
  const name = error?.name ?? '';
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || error?.code === 22;
}

function describeStorageError(error) {
  if (isQuotaError(error)) {
    return { kind: 'quota', message: 'The browser\'s storage for this site is full, so progress is kept only until this tab closes. Export it to a file to keep it.' };
  }
  return { kind: 'unavailable', message: 'This browser does not let the site save progress (private mode or blocked storage), so progress is kept only until this tab closes. Export it to a file to keep it.' };
}

// Why a write to storage failed, in words for the student.
function storageFailureReason(error) {
  if (isQuotaError(error)) return 'the browser\'s storage for this site is full';
  return `the browser refused to store it (${error?.name ?? 'Error'}${error?.message ? `: ${error.message}` : ''})`;
}

// What the student is told about saved progress that could not be read (status.corruption).
export function corruptionMessage(corruption) {
  const start = `Saved progress could not be read (${corruption.reason})`;
  if (corruption.backupKey) return `${start} and was started afresh; the old data is kept in this browser under "${corruption.backupKey}".`;
  return `${start} and could not be backed up: ${corruption.backupError ?? 'the browser refused to store a copy'}. ` +
    'It was left in place untouched; progress made here is kept only until this tab closes.';
}

function defaultStorage() {
  return globalThis.localStorage;
}

// Events: 'change' (progress changed, here or in another tab), 'warning' (now in memory only;
// detail: { kind, message }), 'corrupt' (detail: { backupKey, reason }).
export class ProgressStore extends EventTarget {
  #storage = null;
  #key;
  #now;
  #state = emptyState();
  #status = { persistent: false, warning: null, corruption: null };
  #eventSource = null;
  #onStorage = (event) => this.handleStorageEvent(event);

  // storage: a Web Storage object, or a function returning one (reading window.localStorage can
  // itself throw a SecurityError). now: a clock returning a Date. events: where `storage` events
  // arrive (window in a browser; null in node).
  constructor({ storage = defaultStorage, key = PROGRESS_KEY, now = () => new Date(), events = globalThis.window ?? null } = {}) {
    super();
    this.#key = key;
    this.#now = now;
    try {
      this.#storage = typeof storage === 'function' ? storage() : storage;
      if (!this.#storage) throw Object.assign(new Error('no storage'), { name: 'SecurityError' });
      this.#storage.getItem(key);
      this.#status.persistent = true;
    } catch (error) {
      this.#storage = null;
      this.#status.warning = describeStorageError(error);
    }
    if (this.#status.persistent) {
      const stored = this.#readStored();
      if (stored) this.#state = stored;
    }
    if (events?.addEventListener) {
      this.#eventSource = events;
      events.addEventListener('storage', this.#onStorage);
    }
  }

  get key() { return this.#key; }

  // { persistent, warning: null | { kind, message },
  //   corruption: null | { backupKey, reason } | { backupKey: null, reason, backupError } }
  get status() {
    return { ...this.#status };
  }

  // A copy of the whole state (current schema).
  get state() {
    return JSON.parse(serialize(this.#state));
  }

  close() {
    this.#eventSource?.removeEventListener('storage', this.#onStorage);
    this.#eventSource = null;
  }

  // Reads and upgrades what is stored; null when nothing is. Corrupt data is backed up and
  // replaced; data of a newer schema switches the store to memory so it is never overwritten.
  #readStored() {
    let raw;
    try {
      raw = this.#storage.getItem(this.#key);
    } catch (error) {
      this.#toMemory(error);
      return null;
    }
    if (raw === null) return null;
    try {
      return upgrade(JSON.parse(raw));
    } catch (error) {
      if (error instanceof NewerSchemaError) {
        this.#storage = null;
        this.#status.persistent = false;
        this.#warn({ kind: 'newer', message: `Progress saved by a newer version of the site was found and left untouched; progress here is kept only until this tab closes. (${error.message})` });
        return null;
      }
      this.#backUpCorrupt(raw, error.message);
      return null;
    }
  }

  #backUpCorrupt(raw, reason) {
    const backupKey = `${this.#key}.corrupt.${this.#now().toISOString()}`;
    let backupError = null;
    try {
      this.#storage.setItem(backupKey, raw);
      this.#storage.setItem(this.#key, serialize(emptyState()));
    } catch (error) {
      // Without a backup the corrupt data stays where it is; work in memory instead.
      backupError = storageFailureReason(error);
      this.#toMemory(error);
    }
    this.#status.corruption = this.#status.persistent ? { backupKey, reason } : { backupKey: null, reason, backupError };
    this.dispatchEvent(new CustomEvent('corrupt', { detail: { ...this.#status.corruption } }));
  }

  #toMemory(error) {
    this.#storage = null;
    this.#status.persistent = false;
    this.#warn(describeStorageError(error));
  }

  #warn(warning) {
    this.#status.warning = warning;
    this.dispatchEvent(new CustomEvent('warning', { detail: { ...warning } }));
  }

  // Applies a change: read-merge-modify-write when persistent, else in memory. A write that fails
  // switches to memory (nothing done is lost), unless `refuseOnWriteFailure`: then the change is
  // refused with the reason and the store stays as it was.
  #commit(change, { refuseOnWriteFailure = false } = {}) {
    let base = this.#state;
    if (this.#status.persistent) {
      const stored = this.#readStored();
      if (stored) base = mergeStates(stored, this.#state);
    }
    const next = change(JSON.parse(serialize(base)));
    if (this.#status.persistent) {
      try {
        this.#storage.setItem(this.#key, serialize(next));
      } catch (error) {
        if (refuseOnWriteFailure) throw new Error(`it could not be saved: ${storageFailureReason(error)}`);
        this.#toMemory(error);
      }
    }
    this.#state = next;
    this.dispatchEvent(new CustomEvent('change'));
  }

  // Merges another tab's write in. Called with `storage` events.
  handleStorageEvent(event) {
    if (!this.#status.persistent) return;
    if (event.key !== this.#key && event.key !== null) return;
    if (event.storageArea && event.storageArea !== this.#storage) return;
    const stored = this.#readStored();
    if (!stored) return;
    this.#state = mergeStates(stored, this.#state);
    this.dispatchEvent(new CustomEvent('change'));
  }

  // { items: { id: { completedAt, score } }, completedAt } of a lesson (empty when none).
  lessonProgress(lessonId) {
    const lesson = own(this.#state.lessons, lessonId) ?? null;
    return lesson ? JSON.parse(JSON.stringify({ items: lesson.items, completedAt: lesson.completedAt })) : { items: {}, completedAt: null };
  }

  isDone(lessonId, itemId) {
    return own(this.lessonProgress(lessonId).items, itemId) !== undefined;
  }

  // Marks a task or quiz done, with the numbers it was done with (`record`, optional). Returns
  // true when it was not done before.
  complete(lessonId, itemId, score = 1, record = undefined) {
    checkId(lessonId, 'lesson id');
    checkId(itemId, 'item id');
    if (!(score >= 0 && score <= 1)) throw new RangeError(`score must be between 0 and 1, not ${score}`);
    if (record !== undefined) checkRecord(record, `item "${itemId}"`);
    const completedAt = this.#now().toISOString();
    let wasDone = false;
    this.#commit((state) => {
      const lesson = own(state.lessons, lessonId) ?? { items: {}, completedAt: null, resetAt: null };
      const old = own(lesson.items, itemId);
      wasDone = Boolean(old);
      lesson.items[itemId] = old
        ? { ...old, score: Math.max(old.score, score) }
        : { completedAt, score, ...(record ? { record } : {}) };
      state.lessons[lessonId] = lesson;
      return state;
    });
    return !wasDone;
  }

  // Records that a lesson was completed (the first time counts).
  completeLesson(lessonId) {
    checkId(lessonId, 'lesson id');
    const completedAt = this.#now().toISOString();
    this.#commit((state) => {
      const lesson = own(state.lessons, lessonId) ?? { items: {}, completedAt: null, resetAt: null };
      lesson.completedAt ??= completedAt;
      state.lessons[lessonId] = lesson;
      return state;
    });
  }

  // Progress of a lesson against its current list of task and quiz ids; items done for ids the
  // lesson no longer has are kept but not counted.
  summary(lessonId, itemIds) {
    const { items } = this.lessonProgress(lessonId);
    const doneIds = itemIds.filter((id) => own(items, id) !== undefined);
    const total = itemIds.length;
    return {
      done: doneIds.length,
      total,
      complete: total > 0 && doneIds.length === total,
      score: total ? doneIds.reduce((sum, id) => sum + items[id].score, 0) / total : 0,
    };
  }

  resetLesson(lessonId) {
    checkId(lessonId, 'lesson id');
    const resetAt = this.#now().toISOString();
    this.#commit((state) => {
      state.lessons[lessonId] = { items: {}, completedAt: null, resetAt };
      return state;
    });
  }

  // The whole progress as JSON text, for a file the student keeps.
  exportJSON() {
    return serialize(this.#state);
  }

  // Merges progress from an exported file (any known schema). Throws an Error with the reason
  // when the text is not progress data, is larger than MAX_IMPORT_BYTES, or cannot be saved;
  // nothing changes then (an import never switches the store to memory).
  importJSON(text) {
    const { state: imported } = parseProgressFile(text);
    this.#commit((state) => mergeStates(state, imported), { refuseOnWriteFailure: true });
  }
}

// Reads an exported progress file's text: { data, the parsed JSON; state, its progress in the
// current schema }. Throws an Error with the reason when it is too large, not JSON or not
// progress data.
export function parseProgressFile(text) {
  checkImportSize(new TextEncoder().encode(text).length);
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`the file is not JSON: ${error.message}`);
  }
  return { data, state: upgrade(data) };
}
