// The list of the user's entity edits (merges and splits), newest last,
// each with an Undo button and a note when the current batch has nothing
// it applies to. The edits live in this browser and apply to later batches.

import { el, replaceChildren, cleanText } from '../dom.js';
import { UiEvent } from '../event-bus.js';
import { describeEdit } from '../entity-edits.js';

export function renderEdits(els, state, bus) {
  if (!state.edits.length) {
    replaceChildren(els.editList, [
      el('li', { className: 'empty', text: 'None yet. Merges and splits are kept in this browser and applied to every later batch.' }),
    ]);
    return;
  }
  replaceChildren(els.editList, state.edits.map((edit, index) => {
    const undo = el('button', { className: 'undo', text: 'Undo', attrs: { type: 'button', 'aria-label': `Undo: ${cleanText(describeEdit(edit))}` } });
    undo.addEventListener('click', () => bus.emit(UiEvent.UNDO_EDIT, index));
    const unused = state.report && !state.editsApplied[index];
    return el('li', { className: `edit edit-${edit.kind}${unused ? ' unused' : ''}` }, [
      el('span', { className: 'edit-text', text: cleanText(describeEdit(edit)) }),
      unused ? el('span', { className: 'edit-note', text: 'nothing to change in this batch' }) : null,
      undo,
    ]);
  }));
}
