// Hands items on in groups, at most once per interval: the first item goes
// at once (the first result must not wait), later ones are held until the
// interval since the last hand-over has passed. Used to draw a running
// batch a few times a second instead of once per document.

// Called as methods of the clock: the page's timers must not see it as `this`.
const pageClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id),
};

export class Coalescer {
  #sink;
  #interval;
  #clock;
  #held = [];
  #last = -Infinity;
  #timer = null;

  /**
   * `sink(items)` receives each group in order; `clock` is
   * {now, setTimeout, clearTimeout} (the page's by default; tests pass a fake).
   */
  constructor(sink, interval, clock = pageClock) {
    this.#sink = sink;
    this.#interval = interval;
    this.#clock = clock;
  }

  /** Adds one item: handed on now, or with the next group. */
  push(item) {
    this.#held.push(item);
    const wait = this.#last + this.#interval - this.#clock.now();
    if (wait <= 0) this.flush();
    else this.#timer ??= this.#clock.setTimeout(() => this.flush(), wait);
  }

  /** Hands on whatever is held now. */
  flush() {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    if (!this.#held.length) return;
    const items = this.#held;
    this.#held = [];
    this.#last = this.#clock.now();
    this.#sink(items);
  }
}
