// The entities table: name, type, aliases, documents, mentions; sortable by
// its column headers (buttons, so the keyboard works) and filtered by the
// text box and the type menu.

import { el, replaceChildren, cleanText } from '../dom.js';
import { UiEvent } from '../event-bus.js';
import { ENTITY_COLUMNS, LABELS, visibleEntities } from '../state.js';

export function renderEntities(els, state, bus) {
  // Rebuilding the header must not drop keyboard focus from its button.
  const focused = [...els.entityHead.children].findIndex((th) => th.contains(document.activeElement));
  replaceChildren(els.entityHead, ENTITY_COLUMNS.map((column) => header(column, state.sort, bus)));
  if (focused >= 0) els.entityHead.children[focused]?.querySelector('button')?.focus();
  const rows = visibleEntities(state);
  const total = state.report ? state.report.entities.length : 0;
  els.entityCount.textContent = total ? (rows.length === total ? `(${total})` : `(${rows.length} of ${total})`) : '';
  if (!rows.length) {
    const message = total ? 'No entity matches the filter.' : 'Entities appear here once coverage is analyzed.';
    replaceChildren(els.entityBody, [
      el('tr', { className: 'empty-row' }, [el('td', { text: message, attrs: { colspan: ENTITY_COLUMNS.length } })]),
    ]);
    return;
  }
  replaceChildren(els.entityBody, rows.map((entity) => row(entity, entity.id === state.focusEntity, bus)));
}

function header(column, sort, bus) {
  const active = sort.key === column.key;
  const direction = active ? (sort.descending ? 'descending' : 'ascending') : 'none';
  const button = el('button', { className: 'sort-button', attrs: { type: 'button' } }, [
    column.title,
    el('span', { className: 'sort-mark', attrs: { 'aria-hidden': 'true' }, text: active ? (sort.descending ? ' ▾' : ' ▴') : '' }),
  ]);
  button.addEventListener('click', () => bus.emit(UiEvent.SORT_ENTITIES, column.key));
  return el('th', { className: column.numeric ? 'num' : '', attrs: { scope: 'col', 'aria-sort': direction } }, [button]);
}

function row(entity, focused, bus) {
  const label = LABELS.includes(entity.label) ? entity.label : 'MISC';
  const others = entity.aliases.filter((a) => a !== entity.name);
  const name = el('button', {
    className: 'entity-name',
    text: cleanText(entity.name),
    title: 'Mark this entity in the reader',
    attrs: { type: 'button', 'aria-pressed': focused ? 'true' : 'false' },
  });
  name.addEventListener('click', () => bus.emit(UiEvent.FOCUS_ENTITY, entity.id));
  return el('tr', { className: focused ? 'focus' : '' }, [
    el('td', {}, [name]),
    el('td', {}, [el('span', { className: `tag m-${label}`, text: label })]),
    el('td', { className: 'aliases', text: cleanText(others.join(', ')) }),
    el('td', { className: 'num', text: entity.documents }),
    el('td', { className: 'num', text: entity.mentions }),
  ]);
}
