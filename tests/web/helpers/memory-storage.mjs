// An in-memory implementation of the Web Storage interface (what localStorage offers), with an
// optional quota in characters (keys plus values) past which setItem throws the browser's
// QuotaExceededError.
export class MemoryStorage {
  #items = new Map();

  constructor({ quota = Infinity } = {}) {
    this.quota = quota;
  }

  get length() {
    return this.#items.size;
  }

  key(index) {
    return [...this.#items.keys()][index] ?? null;
  }

  getItem(key) {
    const k = String(key);
    return this.#items.has(k) ? this.#items.get(k) : null;
  }

  setItem(key, value) {
    const k = String(key);
    const v = String(value);
    let used = k.length + v.length;
    for (const [otherKey, otherValue] of this.#items) if (otherKey !== k) used += otherKey.length + otherValue.length;
    if (used > this.quota) throw new DOMException(`quota of ${this.quota} characters exceeded`, 'QuotaExceededError');
    this.#items.set(k, v);
  }

  removeItem(key) {
    this.#items.delete(String(key));
  }

  clear() {
    this.#items.clear();
  }
}

// A clock that moves one second per reading, so every recorded time is distinct and ordered.
export function steppingClock(start = '2026-01-01T00:00:00.000Z') {
  let t = Date.parse(start);
  return () => {
    const now = new Date(t);
    t += 1000;
    return now;
  };
}
