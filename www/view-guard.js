// Drawing a view must never stop the page: a view that throws (a document
// larger than it was built for, a bug) is named on the status line, the
// other views still draw, and the store's state moves on, so the next
// action redraws from a consistent place. DOM-free, so it is unit-tested.

export class ViewGuard {
  /** View name -> why it could not be drawn last time. */
  #broken = new Map();
  #log;

  /** `log(error)` hears every failure (the page passes console.error). */
  constructor(log = () => {}) {
    this.#log = log;
  }

  /** Runs `draw()`; a throw marks the view `name` broken until it draws again. */
  draw(name, draw) {
    try {
      draw();
      this.#broken.delete(name);
    } catch (error) {
      this.#broken.set(name, error && error.message ? error.message : String(error));
      this.#log(error);
    }
  }

  /** Whether some view could not be drawn. */
  get failed() {
    return this.#broken.size > 0;
  }

  /** The status line with the broken views added after `before` (the state's own line). */
  statusLine(before = '') {
    const why = [...this.#broken].map(([name, message]) => `${name} (${message})`).join('; ');
    return `${before ? `${before} · ` : ''}Dossier could not draw ${why}; the rest of the page still works.`;
  }
}
