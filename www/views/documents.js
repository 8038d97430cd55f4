// The document list: one entry per added document with its name, format,
// encoding, size and warnings. Choosing one shows it in the reader.
// Long lists are windowed: the first DOCUMENTS_SHOWN entries, then a "Show
// more" button; while a batch runs, new entries are appended, not rebuilt.

import { el, replaceChildren, cleanText } from '../dom.js';
import { UiEvent } from '../event-bus.js';
import { plural } from '../state.js';

/** How many entries are drawn at first, and added by each "Show more". */
export const DOCUMENTS_SHOWN = 200;

/** What each list element shows now: {docs, selected, count, limit}. */
const drawn = new WeakMap();

/** Renders `state.documents` into `els.documentList`. */
export function renderDocuments(els, state, bus) {
  const docs = state.report ? state.report.documents : state.documents;
  els.documentCount.textContent = docs.length ? `(${docs.length})` : '';
  const list = els.documentList;
  const last = drawn.get(list);
  // The selected entry is always drawn.
  const limit = Math.max(last ? last.limit : DOCUMENTS_SHOWN, (state.selected ?? 0) + 1);
  const count = Math.min(docs.length, limit);
  // The same list with entries appended (a batch running): draw only the new ones.
  const grown = last && last.selected === state.selected && last.limit === limit && last.count <= count &&
    (last.count === 0 ? last.docs.length === 0 : docs[last.count - 1] === last.docs[last.count - 1]);
  if (grown) {
    list.querySelector(':scope > li.more')?.remove();
    for (let index = last.count; index < count; index += 1) list.append(item(docs[index], index, index === state.selected, bus));
  } else {
    // Rebuilding the list must not drop keyboard focus from the chosen entry.
    const focused = [...list.children].findIndex((li) => li.contains(document.activeElement));
    replaceChildren(list, docs.slice(0, count).map((doc, index) => item(doc, index, index === state.selected, bus)));
    if (focused >= 0) list.children[focused]?.querySelector('button')?.focus();
  }
  drawn.set(list, { docs, selected: state.selected, count, limit });
  if (count < docs.length) list.append(more(els, state, bus, docs.length - count));
}

/** The "Show more" entry after a windowed list. */
function more(els, state, bus, hidden) {
  const button = el('button', {
    className: 'small',
    text: `Show ${Math.min(hidden, DOCUMENTS_SHOWN)} more (${hidden} not shown)`,
    attrs: { type: 'button', id: 'documents-more' },
  });
  button.addEventListener('click', () => {
    const last = drawn.get(els.documentList);
    drawn.set(els.documentList, { ...last, docs: [], limit: last.limit + DOCUMENTS_SHOWN });
    renderDocuments(els, state, bus);
    els.documentList.children[last.count]?.querySelector('button')?.focus();
  });
  return el('li', { className: 'more' }, [button]);
}

function item(doc, index, selected, bus) {
  const characters = doc.characters ?? [...doc.text].length;
  const details = [doc.format, doc.encoding, characters ? plural(characters, 'character') : null]
    .filter(Boolean)
    .join(' · ');
  const warned = doc.warnings.length > 0;
  const button = el(
    'button',
    { className: 'document-button', attrs: { type: 'button', 'aria-current': selected ? 'true' : null } },
    [
      el('span', { className: 'document-name', text: cleanText(doc.name) }),
      el('span', { className: 'document-details', text: details }),
    ],
  );
  button.addEventListener('click', () => bus.emit(UiEvent.SELECT_DOCUMENT, index));
  const warnings = warned
    ? el(
        'ul',
        { className: 'warnings' },
        doc.warnings.map((w) => el('li', { className: 'warning', text: cleanText(w) })),
      )
    : null;
  return el('li', { className: `document${warned ? ' has-warnings' : ''}${selected ? ' selected' : ''}` }, [
    button,
    warnings,
  ]);
}
