// The page's derived views (www/coverage.js): TIMEX3 values placed on a
// calendar, the timeline's order, quotes grouped by speaker, mentions in
// their sentence.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextOf, entityAppearances, parseDateValue, quoteGroups, timeline } from '../../www/coverage.js';

test('must place TIMEX3 values at the start of their period, with their granularity', () => {
  const cases = [
    ['day', '2025-03-04', '2025-03-04', 'day', 'Tuesday 4 March 2025'],
    ['day with a time', '2025-03-04T14:30', '2025-03-04', 'day', 'Tuesday 4 March 2025'],
    ['month', '2024-09', '2024-09-01', 'month', 'September 2024'],
    ['ISO week', '2024-W37', '2024-09-09', 'week', 'Week 37 of 2024, from 9 September'],
    ['week 1 starting in the year before', '2025-W01', '2024-12-30', 'week', 'Week 1 of 2025, from 30 December'],
    ['weekday of a week', '2024-W37-3', '2024-09-11', 'day', 'Wednesday 11 September 2024'],
    ['quarter', '2025-Q2', '2025-04-01', 'quarter', 'Q2 2025'],
    ['half', '2025-H2', '2025-07-01', 'half', 'Second half of 2025'],
    ['season', '2024-SU', '2024-06-01', 'season', 'Summer 2024'],
    ['year', '2024', '2024-01-01', 'year', '2024'],
    ['decade', '199', '1990-01-01', 'decade', '1990s'],
    ['century', '19', '1900-01-01', 'century', '1900s'],
  ];
  for (const [name, value, start, granularity, label] of cases) {
    assert.deepEqual(parseDateValue(value), { start, granularity, label }, name);
  }
  for (const value of [null, '', 'P8M', 'PT2H', 'XXXX-01-01', 'XXXX-WXX', 'PRESENT_REF', '2024-02-30', '2024-13', '2024-W54', 'soon']) {
    assert.equal(parseDateValue(value), null, String(value));
  }
});

const doc = (id, name, published, text, dates, extra = {}) => ({
  id, name, text, meta: { published, title: null }, mentions: [], quotes: [], ...extra,
  dates: dates.map(([phrase, value]) => {
    const start = [...text.slice(0, text.indexOf(phrase))].length;
    return { start, end: start + [...phrase].length, text: phrase, value };
  }),
});

test('must order the timeline by start date, widest period first, publication dates first within a day', () => {
  const report = {
    documents: [
      doc('d1', 'a.txt', '2025-03-04', 'On Tuesday the strike ended. It began on Feb. 23. Talks resume next month.', [
        ['Tuesday', '2025-03-04'], ['Feb. 23', '2025-02-23'], ['next month', '2025-04'],
      ]),
      doc('d2', 'b.txt', null, 'In March the port reopened. By 2025 cranes. In 8 months, more. Some day.', [
        ['March', '2025-03'], ['2025', '2025'], ['8 months', 'P8M'], ['Some day', null],
      ]),
      doc('d3', 'c.txt', '2025-03-01', 'Week 9 was quiet.', [['Week 9', '2025-W09']]),
    ],
    entities: [],
  };
  const { groups, unplaced } = timeline(report);
  assert.deepEqual(groups.map((g) => [g.start, g.granularity]), [
    ['2025-01-01', 'year'],
    ['2025-02-23', 'day'],
    ['2025-02-24', 'week'],
    ['2025-03-01', 'month'],
    ['2025-03-01', 'day'],
    ['2025-03-04', 'day'],
    ['2025-04-01', 'month'],
  ]);
  const items = (g) => g.items.map((i) => (i.kind === 'published' ? `published ${i.doc.name}` : `${i.doc.name} ${i.date.text}`));
  assert.deepEqual(items(groups[4]), ['published c.txt']);
  assert.deepEqual(items(groups[5]), ['published a.txt', 'a.txt Tuesday']);
  assert.deepEqual(unplaced.map((u) => u.date.text), ['8 months', 'Some day']);
  assert.deepEqual(timeline(null), { groups: [], unplaced: [] });
  // made once per report; a new report (an entity edit makes one) gets its own
  assert.equal(timeline(report), timeline(report));
  const edited = { ...report, documents: report.documents.slice(0, 1) };
  assert.notEqual(timeline(edited), timeline(report));
  assert.ok(timeline(edited).groups.length < groups.length);
});

test('must group quotes by speaker, most quoted first, unattributed last', () => {
  const q = (text, speaker, via = null) => ({ start: 0, end: text.length, text, speaker, via });
  const report = {
    entities: [
      { id: 'e1', name: 'Zoë Ångström-Lind', label: 'PER' },
      { id: 'e2', name: 'Oluwaseun Adébáyọ̀', label: 'PER' },
      { id: 'e3', name: 'Castellan News Agency', label: 'ORG' },
      { id: 'e4', name: 'Ann Lee', label: 'PER' },
    ],
    documents: [
      { name: 'a.txt', quotes: [q('Nobody loses', null), q('We got it', 'e1', 'e3'), q('Cranes run', 'e2')] },
      { name: 'b.txt', quotes: [q('We got it too', 'e1'), q('A win', null), q('Ghost', 'e99'), q('Hello', 'e4')] },
    ],
  };
  const groups = quoteGroups(report);
  assert.deepEqual(groups.map((g) => [g.name, g.quotes.map((x) => x.quote.text)]), [
    ['Zoë Ångström-Lind', ['We got it', 'We got it too']],
    ['Ann Lee', ['Hello']],
    ['Oluwaseun Adébáyọ̀', ['Cranes run']],
    ['Unattributed', ['Nobody loses', 'A win', 'Ghost']],
  ]);
  assert.equal(groups[0].quotes[0].via.name, 'Castellan News Agency');
  assert.equal(groups[0].quotes[1].via, null);
  assert.deepEqual(groups[0].quotes.map((x) => [x.doc.name, x.docIndex]), [['a.txt', 0], ['b.txt', 1]]);
  assert.deepEqual(quoteGroups({ entities: [], documents: [{ name: 'x', quotes: [] }] }), []);
});

test('must show a mention in its sentence, across astral characters and abbreviations', () => {
  const text = 'Headline 😀 here\nPort talks ended. 🎉 On Feb. 23 the ADU said yes to Mr. Adébáyọ̀ and went home. Next sentence.';
  const at = (word) => {
    const start = [...text.slice(0, text.indexOf(word))].length;
    return { start, end: start + [...word].length };
  };
  const context = contextOf(text);
  assert.deepEqual(context(at('ADU')), { before: '🎉 On Feb. 23 the ', match: 'ADU', after: ' said yes to Mr. Adébáyọ̀ and went home.' });
  assert.deepEqual(context(at('Adébáyọ̀')), { before: '🎉 On Feb. 23 the ADU said yes to Mr. ', match: 'Adébáyọ̀', after: ' and went home.' });
  assert.deepEqual(context(at('here')), { before: 'Headline 😀 ', match: 'here', after: '' });
  const long = `${'word '.repeat(40)}Velmora${' more'.repeat(40)}.`;
  const cut = contextOf(long)({ start: 200, end: 207 });
  assert.equal(cut.match, 'Velmora');
  assert.ok(cut.before.startsWith('…') && cut.before.length <= 92, cut.before);
  assert.ok(cut.after.endsWith('…') && cut.after.length <= 92, cut.after);
});

test('must list where an entity appears: mentions by document, quotes spoken and credited', () => {
  const report = {
    documents: [
      { name: 'a', mentions: [{ start: 9, end: 12, entity: 'e1' }, { start: 0, end: 3, entity: 'e1' }, { start: 4, end: 8, entity: 'e2' }], quotes: [{ speaker: 'e1', via: 'e2' }] },
      { name: 'b', mentions: [{ start: 0, end: 3, entity: 'e2' }], quotes: [{ speaker: 'e2', via: 'e1' }, { speaker: null, via: null }] },
    ],
  };
  const seen = entityAppearances(report, 'e1');
  assert.deepEqual(seen.documents.map((d) => [d.doc.name, d.docIndex, d.mentions.map((m) => m.start)]), [['a', 0, [0, 9]]]);
  assert.deepEqual(seen.says.map((s) => s.doc.name), ['a']);
  assert.deepEqual(seen.credits.map((s) => s.doc.name), ['b']);
});
