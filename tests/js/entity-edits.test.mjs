// Entity edits (www/entity-edits.js): merges and splits applied on top of
// a report, their storage form, and their reuse on a later batch.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EDITS_STORAGE_KEY, Edit, applyEdits, describeEdit, exportedReport, loadEdits, parseEdits, saveEdits, serializeEdits,
} from '../../www/entity-edits.js';

/** A small batch: two documents naming the port director three ways and the agency two ways. */
function batch() {
  const text1 = 'Oluwaseun Adébáyọ̀ met Castellan. "Cranes run tonight," Adébáyọ̀ said, according to Castellan News Agency.';
  const text2 = 'Adebayo spoke. "All ships in," Adebayo said.';
  const span = (text, word, from = 0) => {
    const at = [...text.slice(0, text.indexOf(word, from))].length;
    return { start: at, end: at + [...word].length, text: word };
  };
  const i1 = text1.indexOf('Adébáyọ̀ said');
  const i2 = text2.indexOf('Adebayo said');
  return {
    schema: 'dossier/1',
    documents: [
      {
        id: 'd1', name: 'wire.txt', text: text1, meta: { published: '2025-03-04' },
        mentions: [
          { ...span(text1, 'Oluwaseun Adébáyọ̀'), label: 'PER', entity: 'e1' },
          { ...span(text1, 'Castellan'), label: 'ORG', entity: 'e2' },
          { ...span(text1, 'Adébáyọ̀', i1), label: 'PER', entity: 'e1' },
          { ...span(text1, 'Castellan News Agency'), label: 'ORG', entity: 'e3' },
        ],
        quotes: [{ ...span(text1, 'Cranes run tonight,'), speaker: 'e1', via: 'e3' }],
        dates: [],
      },
      {
        id: 'd2', name: 'blog.txt', text: text2, meta: { published: null },
        mentions: [
          { ...span(text2, 'Adebayo'), label: 'PER', entity: 'e1' },
          { ...span(text2, 'Adebayo', i2), label: 'PER', entity: 'e1' },
        ],
        quotes: [{ ...span(text2, 'All ships in,'), speaker: 'e1', via: null }],
        dates: [],
      },
    ],
    entities: [
      { id: 'e1', name: 'Oluwaseun Adébáyọ̀', label: 'PER', aliases: ['Oluwaseun Adébáyọ̀', 'Adébáyọ̀', 'Adebayo'], documents: 2, mentions: 4 },
      { id: 'e2', name: 'Castellan', label: 'ORG', aliases: ['Castellan'], documents: 1, mentions: 1 },
      { id: 'e3', name: 'Castellan News Agency', label: 'ORG', aliases: ['Castellan News Agency'], documents: 1, mentions: 1 },
    ],
    stories: [{ id: 's1', title: 'Port', documents: ['d1', 'd2'] }],
  };
}

const MERGE = Edit.merge([{ name: 'Castellan', label: 'ORG' }, { name: 'Castellan News Agency', label: 'ORG' }], 'Castellan News Agency', 'ORG');
const SPLIT = Edit.split('Oluwaseun Adébáyọ̀', 'PER', 'Adebayo');

/** Every id a report refers to is one of its entities; every entity's counts match its mentions. */
function assertValid(report) {
  const ids = new Set(report.entities.map((e) => e.id));
  assert.equal(ids.size, report.entities.length, 'entity ids are unique');
  for (const doc of report.documents) {
    for (const m of doc.mentions) assert.ok(ids.has(m.entity), `${doc.name}: mention ${m.text} -> ${m.entity}`);
    for (const q of doc.quotes) {
      if (q.speaker !== null) assert.ok(ids.has(q.speaker), `speaker ${q.speaker}`);
      if (q.via !== null) assert.ok(ids.has(q.via), `via ${q.via}`);
    }
  }
  for (const e of report.entities) {
    const mentions = report.documents.flatMap((d) => d.mentions.filter((m) => m.entity === e.id));
    assert.equal(e.mentions, mentions.length, `${e.name}: mentions`);
    assert.equal(e.documents, report.documents.filter((d) => d.mentions.some((m) => m.entity === e.id)).length, `${e.name}: documents`);
  }
}

test('must merge entities under the chosen name, keeping the first id and remapping mentions and quotes', () => {
  const raw = batch();
  const frozen = JSON.stringify(raw);
  const { report, applied } = applyEdits(raw, [MERGE]);
  assert.deepEqual(applied, [true]);
  assert.equal(JSON.stringify(raw), frozen, 'the input report is unchanged');
  assert.deepEqual(report.entities.map((e) => [e.id, e.name, e.label]), [
    ['e1', 'Oluwaseun Adébáyọ̀', 'PER'],
    ['e2', 'Castellan News Agency', 'ORG'],
  ]);
  const agency = report.entities[1];
  assert.deepEqual(agency.aliases, ['Castellan', 'Castellan News Agency']);
  assert.equal(agency.mentions, 2);
  assert.equal(agency.documents, 1);
  assert.deepEqual(report.documents[0].mentions.map((m) => m.entity), ['e1', 'e2', 'e1', 'e2']);
  assert.equal(report.documents[0].quotes[0].via, 'e2');
  assert.equal(report.documents[0].quotes[0].speaker, 'e1');
  assertValid(report);
});

test('must split an alias off into a new entity with a fresh id, and move the quotes only it names', () => {
  const { report, applied } = applyEdits(batch(), [SPLIT]);
  assert.deepEqual(applied, [true]);
  assert.deepEqual(report.entities.map((e) => [e.id, e.name, e.aliases.join('|'), e.mentions, e.documents]), [
    ['e1', 'Oluwaseun Adébáyọ̀', 'Oluwaseun Adébáyọ̀|Adébáyọ̀', 2, 1],
    ['e4', 'Adebayo', 'Adebayo', 2, 1],
    ['e2', 'Castellan', 'Castellan', 1, 1],
    ['e3', 'Castellan News Agency', 'Castellan News Agency', 1, 1],
  ]);
  assert.equal(report.entities[1].label, 'PER');
  assert.deepEqual(report.documents[1].mentions.map((m) => m.entity), ['e4', 'e4']);
  assert.equal(report.documents[1].quotes[0].speaker, 'e4', 'the second document only names "Adebayo"');
  assert.equal(report.documents[0].quotes[0].speaker, 'e1', 'the first document still names the full name');
  assertValid(report);
});

test('must do nothing for edits about entities the batch lacks, or splits of the canonical name', () => {
  const raw = batch();
  const cases = [
    ['merge of absent names', Edit.merge([{ name: 'Xi Jinping', label: 'PER' }, { name: 'Xi', label: 'PER' }], 'Xi Jinping', 'PER')],
    ['merge keyed by another label', Edit.merge([{ name: 'Castellan', label: 'LOC' }, { name: 'Castellan News Agency', label: 'LOC' }], 'Castellan', 'LOC')],
    ['split of an alias the entity lacks', Edit.split('Oluwaseun Adébáyọ̀', 'PER', 'Dahlgren')],
    ['split of the canonical name', Edit.split('Oluwaseun Adébáyọ̀', 'PER', 'Oluwaseun Adébáyọ̀')],
    ['split of an entity with one alias', Edit.split('Castellan', 'ORG', 'Castellan')],
  ];
  for (const [name, edit] of cases) {
    const { report, applied } = applyEdits(raw, [edit]);
    assert.deepEqual(applied, [false], name);
    assert.equal(report, raw, name);
  }
});

test('must be idempotent: applying the edits to an edited report changes nothing', () => {
  const edits = [MERGE, SPLIT];
  const once = applyEdits(batch(), edits);
  assert.deepEqual(once.applied, [true, true]);
  const twice = applyEdits(once.report, edits);
  assert.deepEqual(twice.applied, [false, false]);
  assert.deepEqual(twice.report, once.report);
});

test('must apply stored edits to a later batch where the names match, whatever the ids', () => {
  // The same names under other ids and in another order, plus an unrelated entity.
  const later = batch();
  const rename = { e1: 'e7', e2: 'e3', e3: 'e2' };
  later.entities = [
    { id: 'e1', name: 'Velmora', label: 'LOC', aliases: ['Velmora'], documents: 0, mentions: 0 },
    ...later.entities.map((e) => ({ ...e, id: rename[e.id] })).reverse(),
  ];
  for (const doc of later.documents) {
    doc.mentions = doc.mentions.map((m) => ({ ...m, entity: rename[m.entity] }));
    doc.quotes = doc.quotes.map((q) => ({ ...q, speaker: rename[q.speaker] ?? null, via: rename[q.via] ?? null }));
  }
  const stored = parseEdits(serializeEdits([MERGE, SPLIT]));
  const { report, applied } = applyEdits(later, stored);
  assert.deepEqual(applied, [true, true]);
  assert.deepEqual(report.entities.map((e) => `${e.id} ${e.name}`), [
    'e1 Velmora', 'e2 Castellan News Agency', 'e7 Oluwaseun Adébáyọ̀', 'e8 Adebayo',
  ]);
  assert.equal(report.documents[0].quotes[0].via, 'e2');
  assert.equal(report.documents[1].quotes[0].speaker, 'e8');
});

test('must serialize, store and reload edits, dropping malformed ones', () => {
  const edits = [MERGE, SPLIT];
  assert.deepEqual(parseEdits(serializeEdits(edits)), edits);
  const store = new Map();
  const storage = {
    getItem: (k) => (store.has(k) ? store.get(k) : null),
    setItem: (k, v) => store.set(k, String(v)),
    removeItem: (k) => store.delete(k),
  };
  assert.equal(saveEdits(storage, edits), true);
  assert.deepEqual(JSON.parse(store.get(EDITS_STORAGE_KEY)).edits, JSON.parse(JSON.stringify(edits)));
  assert.deepEqual(loadEdits(storage), edits);
  assert.equal(saveEdits(storage, []), true);
  assert.equal(store.has(EDITS_STORAGE_KEY), false, 'no edits: nothing stored');
  const cases = [
    ['not JSON', '{'],
    ['another format', JSON.stringify({ format: 'other', edits })],
    ['no list', JSON.stringify({ format: 'dossier.entity-edits/1' })],
  ];
  for (const [name, value] of cases) assert.deepEqual(parseEdits(value), [], name);
  const mixed = JSON.stringify({
    format: 'dossier.entity-edits/1',
    edits: [
      { kind: 'merge', name: 'A', label: 'PER', members: [{ name: 'A', label: 'PER' }] },
      { kind: 'split', name: 'A', label: 'PER' },
      { kind: 'rename', name: 'A', label: 'PER', alias: 'B' },
      { kind: 'split', name: 'A', label: 'PER', alias: 'B' },
    ],
  });
  assert.deepEqual(parseEdits(mixed), [Edit.split('A', 'PER', 'B')]);
  const refusing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); } };
  assert.deepEqual(loadEdits(refusing), []);
  assert.equal(saveEdits(refusing, edits), false);
});

test('must describe edits for people and list the applied ones in the export', () => {
  assert.equal(describeEdit(MERGE), 'Merged Castellan (ORG) into Castellan News Agency (ORG)');
  assert.equal(describeEdit(SPLIT), 'Split “Adebayo” off Oluwaseun Adébáyọ̀ (PER)');
  const raw = batch();
  const unused = Edit.split('Nobody', 'PER', 'No');
  const { report, applied } = applyEdits(raw, [MERGE, unused]);
  assert.deepEqual(exportedReport(report, [MERGE, unused], applied).entity_edits, [MERGE]);
  assert.equal(exportedReport(raw, [unused], [false]), raw, 'nothing applied: the report as it is');
});

test('must carry a merge into discrepancy subjects and co-occurrence pairs', () => {
  const report = {
    ...batch(),
    discrepancies: [{ kind: 'count', subject: 'e3', values: [] }, { kind: 'count', subject: null, values: [] }],
    cooccurrences: [
      { a: 'e1', b: 'e2', weight: 2, documents: ['d1'] },
      { a: 'e1', b: 'e3', weight: 1, documents: ['d1', 'd2'] },
      { a: 'e2', b: 'e3', weight: 4, documents: ['d1'] },
    ],
  };
  const edited = applyEdits(report, [MERGE]).report;
  assert.deepEqual(edited.discrepancies.map((d) => d.subject), ['e2', null]);
  // e2 and e3 are one entity now: their own pair goes, the pairs with e1 add up.
  assert.deepEqual(edited.cooccurrences, [{ a: 'e1', b: 'e2', weight: 3, documents: ['d1', 'd2'] }]);
});
