// A tiny event bus: views announce what the user asked for ("select a
// document", "sort by mentions"); main.js wires every name to a handler in
// one list. Unknown event names throw, on both sides.

export const UiEvent = Object.freeze({
  SELECT_DOCUMENT: 'select-document',
  FOCUS_ENTITY: 'focus-entity',
  SORT_ENTITIES: 'sort-entities',
  CLOSE_ENTITY: 'close-entity',
  SHOW_VIEW: 'show-view',
  /** {doc (index), start, end}: show that span in the reader. */
  JUMP_TO: 'jump-to',
  TOGGLE_SELECTED: 'toggle-selected',
  CLEAR_SELECTION: 'clear-selection',
  /** An edit made with entity-edits.js's `Edit`. */
  ADD_EDIT: 'add-edit',
  UNDO_EDIT: 'undo-edit',
  /** The start (code points) of a boilerplate run in the reader to open or close. */
  TOGGLE_RUN: 'toggle-run',
});

const KNOWN = new Set(Object.values(UiEvent));

export class EventBus {
  #handlers = new Map();

  on(name, handler) {
    if (!KNOWN.has(name)) throw new TypeError(`unknown UI event: ${name}`);
    this.#handlers.set(name, handler);
  }

  emit(name, detail) {
    const handler = this.#handlers.get(name);
    if (!handler) throw new TypeError(`unknown UI event: ${name}`);
    handler(detail);
  }
}
