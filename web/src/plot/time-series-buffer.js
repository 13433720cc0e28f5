// Samples of one quantity over time, keeping only the most recent `windowSeconds`.
export class TimeSeries {
  constructor(windowSeconds) {
    this.windowSeconds = windowSeconds;
    this.clear();
  }

  clear() {
    this.times = [];
    this.values = [];
  }

  // Appends values sampled every `dt` seconds starting at time `start`.
  append(start, dt, values) {
    for (let i = 0; i < values.length; i++) {
      this.times.push(start + i * dt);
      this.values.push(values[i]);
    }
    const oldest = this.lastTime - this.windowSeconds;
    let drop = 0;
    while (drop < this.times.length && this.times[drop] < oldest) drop++;
    if (drop > 0) {
      this.times.splice(0, drop);
      this.values.splice(0, drop);
    }
  }

  get length() {
    return this.times.length;
  }

  get lastTime() {
    return this.times.length ? this.times[this.times.length - 1] : 0;
  }
}
