// The Compare view's logic (www/compare.js): columns grouped by story,
// entity and quotation rows, facts stated differently, what one source
// alone carries (copies counted once), and copy links per document; plus
// the reader's marking of shared passages.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_COLUMNS, compareColumns, compareTable, copiesOf, copyPairs, knownStory, mergeSpans, normalizeWords, originOf, percent, sameQuote, storyOptions, wordOverlap } from '../../www/compare.js';
import { segments } from '../../www/views/reader.js';

/** A document whose quotes are found in its text by their words. */
function doc(id, story, { title = null, publisher = null, published = null, text = '', mentions = [], quotes = [] } = {}) {
  const at = (words) => {
    const start = [...text.slice(0, text.indexOf(words))].length;
    return { start, end: start + [...words].length };
  };
  return {
    id,
    name: `${id}.txt`,
    text,
    story,
    meta: { title, publisher, published },
    mentions: mentions.map((entity, i) => ({ start: i, end: i + 1, text: entity, label: 'PER', entity })),
    quotes: quotes.map(([words, speaker]) => ({ ...at(words), text: words, speaker, via: null })),
    dates: [],
  };
}

const entities = [
  { id: 'e1', name: 'Mara Quist', label: 'PER', aliases: ['Mara Quist'], documents: 3, mentions: 4 },
  { id: 'e2', name: 'Port Authority', label: 'ORG', aliases: ['Port Authority'], documents: 1, mentions: 1 },
  { id: 'e3', name: 'Velmora', label: 'LOC', aliases: ['Velmora'], documents: 1, mentions: 1 },
];

/** Three documents of one strike (d3 rewrites d1) and one of another story; no copies/discrepancies fields (an older report). */
function report() {
  return {
    schema: 'dossier/1',
    documents: [
      doc('d1', 's1', {
        title: 'Strike ends', publisher: 'Wire', published: '2025-03-04',
        text: 'Quist said: "We got what we came for, and we got it together." Later: "The cranes run tonight."',
        mentions: ['e1', 'e1', 'e2'],
        quotes: [['We got what we came for, and we got it together.', 'e1'], ['The cranes run tonight.', 'e1']],
      }),
      doc('d2', 's2', { title: 'Elsewhere', text: 'Nothing here.', mentions: ['e3'] }),
      doc('d3', 's1', {
        title: 'Dock strike over', publisher: 'Buzz',
        text: 'She told us "we got what we came for and we got it together"',
        mentions: ['e1'],
        quotes: [['we got what we came for and we got it together', 'e1']],
      }),
      doc('d4', 's1', {
        title: 'Strike over', publisher: 'Herald', published: '2025-03-02',
        text: 'Quist: "a win for every family"',
        mentions: ['e1'],
        quotes: [['a win for every family', null]],
      }),
    ],
    entities,
    stories: [
      { id: 's1', title: 'Strike ends', documents: ['d1', 'd3', 'd4'], when: '2025-03-04' },
      { id: 's2', title: 'Elsewhere', documents: ['d2'] },
    ],
  };
}

test('must match words without case, marks or punctuation, and group reworded quotes only when most words recur', () => {
  assert.deepEqual(normalizeWords('“We’re BACK,” said Zoë.'), ['we', 're', 'back', 'said', 'zoe']);
  const a = normalizeWords('We got what we came for, and we got it together.');
  const b = normalizeWords('we got what we came for and we got it together');
  assert.equal(wordOverlap(a, b), 1);
  assert.ok(sameQuote(a, b));
  // A trimmed quote is the same quote.
  assert.ok(sameQuote(a, normalizeWords('we got it together')));
  // Two different quotes sharing a few words are not.
  assert.ok(!sameQuote(a, normalizeWords('what the union wants is a fair deal for every docker')));
  // One common word is not enough for a one-word quote.
  assert.ok(!sameQuote(normalizeWords('Together'), normalizeWords('we stand together, always, every day')));
  assert.ok(sameQuote(normalizeWords('Never.'), normalizeWords('never')));
  assert.equal(wordOverlap([], b), 0);
});

test('must compare at most MAX_COLUMNS documents, the first in story order, and count the rest', () => {
  // 3 stories of 40 documents; every document names its own entity and states a figure
  const documents = Array.from({ length: 120 }, (_, i) => ({
    id: `d${i + 1}`, name: `${i + 1}.txt`, text: 'Ana spoke.', meta: {}, story: `s${Math.floor(i / 40) + 1}`,
    mentions: [{ start: 0, end: 3, text: 'Ana', label: 'PER', entity: `e${i + 1}` }], quotes: [], dates: [],
  }));
  const big = {
    schema: 'dossier/1',
    documents,
    entities: documents.map((d, i) => ({ id: `e${i + 1}`, name: `Ana ${i + 1}`, label: 'PER', aliases: [], documents: 1, mentions: 1 })),
    stories: ['s1', 's2', 's3'].map((id, k) => ({ id, title: id, documents: documents.slice(40 * k, 40 * k + 40).map((d) => d.id) })),
    discrepancies: [
      { kind: 'count', subject: null, values: [{ document: 'd1', start: 0, end: 1, text: '1', value: '1' }, { document: 'd45', start: 0, end: 1, text: '2', value: '2' }] },
      { kind: 'count', subject: null, values: [{ document: 'd100', start: 0, end: 1, text: '1', value: '1' }, { document: 'd101', start: 0, end: 1, text: '2', value: '2' }] },
    ],
  };
  const all = compareColumns(big);
  assert.equal(MAX_COLUMNS, 50);
  assert.equal(all.total, 120);
  assert.deepEqual(all.groups.map((g) => [g.story.id, g.columns.length]), [['s1', 40], ['s2', 10]]);
  assert.deepEqual(all.columns.map((c) => c.id), documents.slice(0, 50).map((d) => d.id));
  const table = compareTable(big);
  assert.equal(table.total, 120);
  assert.equal(table.entities.length, 50, 'the entities of the documents shown');
  assert.ok(table.entities.every((row) => row.counts.length === 50));
  assert.deepEqual(table.facts.map((f) => f.cells.flat().map((v) => v.value)), [['1', '2']], 'facts about documents not shown are left out');
  // a story is shown whole
  const third = compareTable(big, 's3');
  assert.deepEqual([third.columns.length, third.total, third.facts.length], [40, 40, 1]);
});

test('must put documents in columns grouped by story, dated first in date order, then by input order', () => {
  const { groups, columns } = compareColumns(report());
  assert.deepEqual(groups.map((g) => [g.story.id, g.story.when, g.columns.map((c) => c.id)]), [
    ['s1', '2025-03-04', ['d4', 'd1', 'd3']],
    ['s2', null, ['d2']],
  ]);
  assert.deepEqual(columns.map((c) => [c.headline, c.outlet, c.date]), [
    ['Strike over', 'Herald', '2025-03-02'],
    ['Strike ends', 'Wire', '2025-03-04'],
    ['Dock strike over', 'Buzz', null],
    ['Elsewhere', null, null],
  ]);
  assert.deepEqual(compareColumns(report(), 's2').columns.map((c) => c.id), ['d2']);
  // An unknown story (a stale filter) shows everything.
  assert.equal(knownStory(report(), 's9'), '');
  assert.equal(compareColumns(report(), 's9').columns.length, 4);
  assert.deepEqual(storyOptions(report()).map((s) => [s.id, s.when, s.count]), [['s1', '2025-03-04', 3], ['s2', null, 1]]);
});

test('must count each entity per document and mark what one document alone names', () => {
  const table = compareTable(report(), 's1');
  assert.deepEqual(table.entities.map((r) => [r.entity.id, r.counts, r.documents, r.alone]), [
    ['e1', [1, 2, 1], 3, false],
    ['e2', [0, 1, 0], 1, true],
  ]);
});

test('must group one quotation across documents, keeping each document\'s wording', () => {
  const table = compareTable(report(), 's1');
  const rows = table.quotes.map((r) => [r.documents, r.alone, r.speaker?.id ?? null, r.cells.map((c) => c.map((q) => q.text))]);
  assert.deepEqual(rows, [
    [2, false, 'e1', [[], ['We got what we came for, and we got it together.'], ['we got what we came for and we got it together']]],
    [1, true, null, [['a win for every family'], [], []]],
    [1, true, 'e1', [[], ['The cranes run tonight.'], []]],
  ]);
  assert.equal(table.quotes[0].text, 'We got what we came for, and we got it together.');
  assert.deepEqual(table.facts, [], 'a report without discrepancies has no fact rows');
});

test('must count a document and its copy as one source', () => {
  const r = { ...report(), copies: [{ source: 'd1', copy: 'd3', kind: 'near-duplicate', similarity: 0.91, origin: 'earlier date', passages: [] }] };
  assert.equal(originOf(r).get('d3'), 'd1');
  assert.equal(originOf(r).get('d4'), 'd4');
  const table = compareTable(r, 's1');
  const quote = table.quotes.find((q) => q.documents === 2);
  assert.equal(quote.sources, 1);
  assert.equal(quote.alone, true, 'a quote only a document and its copy carry stands in one source');
  // Alone among one source in view is not marked.
  const single = compareTable({ ...r, stories: r.stories, documents: r.documents }, 's2');
  assert.ok(single.entities.every((e) => !e.alone));
});

test('must show each document\'s value of a fact and mark the values that differ', () => {
  const r = {
    ...report(),
    discrepancies: [
      {
        kind: 'count', subject: 'e1',
        values: [
          { document: 'd1', start: 0, end: 4, text: 'nine days', value: '9' },
          { document: 'd4', start: 0, end: 4, text: '9-day', value: '9' },
          { document: 'd3', start: 0, end: 4, text: 'ten days', value: '10' },
          { document: 'd2', start: 0, end: 4, text: 'a week', value: '7' },
        ],
      },
      { kind: 'amount', subject: null, values: [{ document: 'd1', start: 5, end: 9, text: '$5m', value: '5000000' }, { document: 'd3', start: 5, end: 9, text: '$6m', value: '6000000' }] },
      { kind: 'date', subject: 'e9', values: [{ document: 'd2', start: 0, end: 1, text: 'x', value: '1' }] },
    ],
  };
  const table = compareTable(r, 's1');
  assert.equal(table.facts.length, 2, 'a fact stated only outside the story is left out');
  const [count, amount] = table.facts;
  assert.equal(count.kind, 'count');
  assert.equal(count.subject.id, 'e1');
  assert.equal(count.majority, '9');
  assert.deepEqual(count.cells.map((c) => c.map((v) => [v.value, v.text, v.differs, v.alone])), [
    [['9', '9-day', false, false]],
    [['9', 'nine days', false, false]],
    [['10', 'ten days', true, true]],
  ]);
  // A tie has no majority: both values are marked.
  assert.equal(amount.majority, null);
  assert.deepEqual(amount.cells.flat().map((v) => v.differs), [true, true]);
  assert.equal(amount.subject, null);
});

test('must resolve copy pairs and give each document its links, passages and merged spans', () => {
  const r = {
    ...report(),
    copies: [
      {
        source: 'd1', copy: 'd3', kind: 'shared-passages', similarity: 0.42, origin: 'earlier date',
        passages: [
          { source: { start: 10, end: 30 }, copy: { start: 12, end: 32 }, text: 'We got what we came for' },
          { source: { start: 40, end: 50 }, copy: { start: 30, end: 40 }, text: 'together' },
        ],
      },
      { source: 'd4', copy: 'd3', kind: 'near-duplicate', similarity: 0.9, origin: 'wire credit', passages: [{ source: { start: 0, end: 5 }, copy: { start: 0, end: 5 }, text: 'Quist' }] },
      { source: 'd1', copy: 'd99', kind: 'near-duplicate', similarity: 1, origin: 'batch order', passages: [] },
    ],
  };
  const pairs = copyPairs(r);
  assert.deepEqual(pairs.map((p) => [p.copy.id, p.source.id, p.source.docIndex, p.similarity]), [['d3', 'd4', 3, 0.9], ['d3', 'd1', 0, 0.42]]);
  const copy = copiesOf(r, 2);
  assert.deepEqual(copy.links.map((l) => [l.role, l.other.id, l.kind, l.origin]), [['copies', 'd4', 'near-duplicate', 'wire credit'], ['copies', 'd1', 'shared-passages', 'earlier date']]);
  assert.deepEqual(copy.links[1].passages[0], { here: { start: 12, end: 32 }, there: { start: 10, end: 30 }, text: 'We got what we came for' });
  assert.deepEqual(copy.shared, [{ start: 0, end: 5 }, { start: 12, end: 40 }]);
  const origin = copiesOf(r, 0);
  assert.deepEqual(origin.links.map((l) => [l.role, l.other.id]), [['copied-by', 'd3']]);
  assert.deepEqual(origin.shared, [{ start: 10, end: 30 }, { start: 40, end: 50 }]);
  assert.deepEqual(copiesOf(report(), 0), { links: [], shared: [] }, 'an older report has no copies');
});

test('must merge spans and write similarities as percentages', () => {
  assert.deepEqual(mergeSpans([{ start: 5, end: 9 }, { start: 0, end: 2 }, { start: 2, end: 3 }, { start: 7, end: 12 }, { start: 4, end: 4 }, null]), [{ start: 0, end: 3 }, { start: 5, end: 12 }]);
  assert.equal(percent(0.874), '87%');
  assert.equal(percent(2), '100%');
  assert.equal(percent(undefined), '0%');
});

test('must mark the reader\'s pieces inside shared passages without splitting a name', () => {
  const d = { text: 'Mara Quist said yes today.', content: [{ start: 0, end: 26 }], quotes: [], dates: [], mentions: [{ start: 0, end: 10, label: 'PER', entity: 'e1' }] };
  const pieces = segments(d, [], [{ start: 5, end: 19 }]).map((p) => [d.text.slice(p.start, p.end), p.shared]);
  assert.deepEqual(pieces, [['Mara Quist', false], [' said yes', true], [' today.', false]]);
});
