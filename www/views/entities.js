// The entities table: name, type, aliases, documents, mentions; sortable by
// its column headers (buttons, so the keyboard works) and filtered by the
// text box and the type menu. A name opens the entity's page; the box
// beside it selects the entity for merging, and the merge bar above the
// table merges the selected entities under one of their names. The first
// rows are drawn, then "Show more" (windowing.js): a batch's tens of
// thousands of entities took seconds to draw at once.

import { el, replaceChildren, cleanText } from '../dom.js';
import { UiEvent } from '../event-bus.js';
import { Edit } from '../entity-edits.js';
import { ENTITY_COLUMNS, LABELS, visibleEntities } from '../state.js';
import { limitFor, showMore } from '../windowing.js';

export function renderEntities(els, state, bus) {
  // Rebuilding the header must not drop keyboard focus from its button.
  const focused = [...els.entityHead.children].findIndex((th) => th.contains(document.activeElement));
  replaceChildren(els.entityHead, ENTITY_COLUMNS.map((column) => header(column, state.sort, bus)));
  if (focused >= 0) els.entityHead.children[focused]?.querySelector('button')?.focus();
  renderMergeBar(els, state, bus);
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
  // Rebuilding the rows must not drop keyboard focus from a row's box or name.
  const active = document.activeElement;
  const refocus = els.entityBody.contains(active) ? { row: [...els.entityBody.children].findIndex((tr) => tr.contains(active)), box: active.type === 'checkbox' } : null;
  const selected = new Set(state.selection);
  const drawn = rows.slice(0, limitFor(els.entityBody, state.report));
  const more = rows.length > drawn.length
    ? el('tr', { className: 'more-row' }, [el('td', { attrs: { colspan: ENTITY_COLUMNS.length } }, [
      showMore(els.entityBody, state.report, rows.length - drawn.length, 'entities-more', () => renderEntities(els, state, bus)),
    ])])
    : null;
  replaceChildren(els.entityBody, [...drawn.map((entity) => row(entity, entity.id === state.focusEntity, selected.has(entity.id), bus)), more]);
  if (refocus && refocus.row >= 0) els.entityBody.children[refocus.row]?.querySelector(refocus.box ? '.select-box' : '.entity-name')?.focus();
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

function row(entity, focused, selected, bus) {
  const label = LABELS.includes(entity.label) ? entity.label : 'MISC';
  const others = entity.aliases.filter((a) => a !== entity.name);
  const box = el('input', {
    className: 'select-box',
    title: 'Select for merging',
    attrs: { type: 'checkbox', 'aria-label': `Select ${cleanText(entity.name)} (${label}) for merging` },
  });
  box.checked = selected;
  box.addEventListener('change', () => bus.emit(UiEvent.TOGGLE_SELECTED, entity.id));
  const name = el('button', {
    className: 'entity-name',
    text: cleanText(entity.name),
    title: 'Open this entity’s page and mark it in the reader',
    attrs: { type: 'button', 'aria-pressed': focused ? 'true' : 'false' },
  });
  name.addEventListener('click', () => bus.emit(UiEvent.FOCUS_ENTITY, entity.id));
  return el('tr', { className: [focused ? 'focus' : '', selected ? 'selected' : ''].filter(Boolean).join(' ') }, [
    el('td', { className: 'name-cell' }, [box, name]),
    el('td', {}, [el('span', { className: `tag m-${label}`, text: label })]),
    el('td', { className: 'aliases', text: cleanText(others.join(', ')) }),
    el('td', { className: 'num', text: entity.documents }),
    el('td', { className: 'num', text: entity.mentions }),
  ]);
}

/** The bar above the table: how many are selected and, for two or more, the merge controls. */
function renderMergeBar(els, state, bus) {
  const byId = new Map((state.report?.entities ?? []).map((e) => [e.id, e]));
  const chosen = state.selection.map((id) => byId.get(id)).filter(Boolean);
  if (!chosen.length) {
    replaceChildren(els.mergeBar, state.report
      ? [el('span', { className: 'hint', text: 'Tick two or more entities to merge them; split an alias off on an entity’s page.' })]
      : []);
    return;
  }
  const clear = el('button', { text: 'Clear selection', attrs: { type: 'button', id: 'merge-clear' } });
  clear.addEventListener('click', () => bus.emit(UiEvent.CLEAR_SELECTION));
  if (chosen.length < 2) {
    replaceChildren(els.mergeBar, [el('span', { text: `Selected: ${cleanText(chosen[0].name)}. Tick one more to merge.` }), clear]);
    return;
  }
  // The fullest name is offered first.
  const options = [...chosen].sort((a, b) => b.name.length - a.name.length || b.mentions - a.mentions);
  const select = el('select', { attrs: { id: 'merge-name', 'aria-label': 'Name of the merged entity' } },
    options.map((e, i) => el('option', { text: `${cleanText(e.name)} (${e.label})`, attrs: { value: String(i) } })));
  const merge = el('button', { className: 'primary', text: `Merge ${chosen.length} entities`, attrs: { type: 'button', id: 'merge-button' } });
  merge.addEventListener('click', () => {
    const kept = options[Number(select.value)] ?? options[0];
    bus.emit(UiEvent.ADD_EDIT, Edit.merge(chosen.map((e) => ({ name: e.name, label: e.label })), kept.name, kept.label));
  });
  replaceChildren(els.mergeBar, [
    el('label', { text: `Merge ${chosen.length} selected as`, attrs: { for: 'merge-name' } }),
    select,
    merge,
    clear,
  ]);
}
