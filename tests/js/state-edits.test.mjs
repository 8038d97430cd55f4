// The state's new parts: the view switcher, jumps into the reader, the
// merge selection, and entity edits applied on top of each report.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Edit } from '../../www/entity-edits.js';
import { Action, initialState, update } from '../../www/state.js';
import { viewForKey } from '../../www/views/tabs.js';

const text = 'Castellan and Castellan News Agency.';
const report = {
  schema: 'dossier/1',
  documents: [{
    id: 'd1', name: 'a.txt', text, meta: {}, content: [], posts: [], dates: [], quotes: [], warnings: [], story: 's1',
    mentions: [
      { start: 0, end: 9, text: 'Castellan', label: 'ORG', entity: 'e1' },
      { start: 14, end: 35, text: 'Castellan News Agency', label: 'ORG', entity: 'e2' },
    ],
  }],
  entities: [
    { id: 'e1', name: 'Castellan', label: 'ORG', aliases: ['Castellan'], documents: 1, mentions: 1 },
    { id: 'e2', name: 'Castellan News Agency', label: 'ORG', aliases: ['Castellan News Agency'], documents: 1, mentions: 1 },
  ],
  stories: [{ id: 's1', title: 'x', documents: ['d1'] }],
};
const MERGE = Edit.merge([{ name: 'Castellan', label: 'ORG' }, { name: 'Castellan News Agency', label: 'ORG' }], 'Castellan News Agency', 'ORG');

test('must apply edits loaded before the report arrives, and re-apply them on undo', () => {
  let state = update(initialState, Action.editsLoaded([MERGE]));
  assert.equal(state.report, null);
  state = update(state, Action.reportReady(report));
  assert.equal(state.rawReport, report);
  assert.deepEqual(state.report.entities.map((e) => e.name), ['Castellan News Agency']);
  assert.deepEqual(state.editsApplied, [true]);
  assert.match(state.status.text, /1 entity · .* · 1 entity edit applied$/);
  state = update(state, Action.undoEdit(0));
  assert.deepEqual(state.edits, []);
  assert.equal(state.report, report);
});

test('must merge the ticked entities, clear the selection and keep the open page on the merged entity', () => {
  let state = update(initialState, Action.reportReady(report));
  state = update(state, Action.toggleSelected('e1'));
  state = update(state, Action.toggleSelected('e2'));
  state = update(state, Action.focusEntity('e2'));
  assert.deepEqual(state.selection, ['e1', 'e2']);
  state = update(state, Action.addEdit(MERGE));
  assert.deepEqual(state.selection, []);
  assert.equal(state.focusEntity, 'e1', 'the merged entity keeps the first member\'s id');
  assert.equal(state.report.entities[0].name, 'Castellan News Agency');
  state = update(state, Action.toggleSelected('e1'));
  state = update(state, Action.toggleSelected('e1'));
  assert.deepEqual(state.selection, []);
});

test('must switch views, jump to a span in the reader, and refuse unknown views', () => {
  let state = update(initialState, Action.reportReady(report));
  state = update(state, Action.showView('timeline'));
  assert.equal(state.view, 'timeline');
  state = update(state, Action.jumpTo(0, 14, 35));
  assert.equal(state.view, 'reader');
  assert.deepEqual({ ...state.target }, { doc: 0, start: 14, end: 35 });
  state = update(state, Action.selectDocument(0));
  assert.equal(state.target, null);
  assert.throws(() => update(state, Action.showView('settings')), /unknown view/);
  const keys = [['reader', 'ArrowRight', 'entities'], ['reader', 'ArrowLeft', 'graph'], ['timeline', 'ArrowRight', 'compare'], ['graph', 'ArrowRight', 'reader'], ['quotes', 'Home', 'reader'], ['quotes', 'End', 'graph'], ['quotes', 'a', null]];
  for (const [from, key, to] of keys) assert.equal(viewForKey(from, key), to, `${from} ${key}`);
});
