// The document list: one entry per added document with its name, format,
// encoding, size and warnings. Choosing one shows it in the reader.

import { el, replaceChildren, cleanText } from '../dom.js';
import { UiEvent } from '../event-bus.js';
import { plural } from '../state.js';

/** Renders `state.documents` into `els.documentList`. */
export function renderDocuments(els, state, bus) {
  const docs = state.report ? state.report.documents : state.documents;
  els.documentCount.textContent = docs.length ? `(${docs.length})` : '';
  // Rebuilding the list must not drop keyboard focus from the chosen entry.
  const focused = [...els.documentList.children].findIndex((li) => li.contains(document.activeElement));
  replaceChildren(
    els.documentList,
    docs.map((doc, index) => item(doc, index, index === state.selected, bus)),
  );
  if (focused >= 0) els.documentList.children[focused]?.querySelector('button')?.focus();
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
