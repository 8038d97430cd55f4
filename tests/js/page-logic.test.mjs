// The page's DOM-free logic: code point -> UTF-16 offsets, the URL scheme
// check, the state's sorting and filtering, and the reader's segmentation.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codePointAt, utf16Offsets, toUtf16Span, safeHref } from '../../www/dom.js';
import { Action, initialState, update, visibleEntities } from '../../www/state.js';
import { segments } from '../../www/views/reader.js';

test('must convert code point spans to UTF-16 spans across astral characters', () => {
  const text = '😀🇫🇷 Zoë met 𝒜da in Paris';
  const table = utf16Offsets(text);
  const cps = [...text];
  const slice = (start, end) => cps.slice(start, end).join('');
  const cases = [
    ['emoji', 0, 1],
    ['flag (two regional indicators)', 1, 3],
    ['name after astral characters', 4, 7],
    ['name containing an astral character', 12, 15],
    ['last word', 19, 24],
  ];
  for (const [name, start, end] of cases) {
    const span = toUtf16Span(table, { start, end });
    assert.equal(text.slice(span.start, span.end), slice(start, end), name);
  }
  assert.equal(table.count, cps.length);
  assert.equal(table.unit(cps.length), text.length);
});

test('must agree with a full table at every offset, and keep only the surrogate pairs', () => {
  // every code point's UTF-16 offset, listed the long way
  const full = (text) => {
    const out = [];
    let at = 0;
    for (const c of text) {
      out.push(at);
      at += c.length;
    }
    out.push(at);
    return out;
  };
  const texts = ['', 'plain text', '😀', '😀😀x', 'a😀b𝒜\n', 'x\ud800y', 'é'.repeat(5) + '🇫🇷'.repeat(3) + ' end 𝒜'];
  for (const text of texts) {
    const table = utf16Offsets(text);
    const offsets = full(text);
    assert.equal(table.count, offsets.length - 1, JSON.stringify(text));
    offsets.forEach((unit, cp) => assert.equal(table.unit(cp), unit, `${JSON.stringify(text)} code point ${cp}`));
    for (let unit = 0; unit <= text.length; unit++) {
      const cp = offsets.findLastIndex((u) => u <= unit);
      assert.equal(codePointAt(table, unit), cp, `${JSON.stringify(text)} unit ${unit}`);
    }
    assert.equal(codePointAt(table, text.length + 5), table.count, 'past the end');
    assert.equal(codePointAt(table, -1), 0, 'before the start');
  }
  assert.equal(utf16Offsets('no pairs here, only é and ü').pairs.length, 0, 'a text without pairs keeps nothing');
  assert.equal(utf16Offsets('😀 and 𝒜').pairs.length, 2);
});

test('must clamp spans that run past the text', () => {
  const table = utf16Offsets('ab😀');
  assert.deepEqual(toUtf16Span(table, { start: 2, end: 99 }), { start: 2, end: 4 });
  assert.deepEqual(toUtf16Span(table, { start: -5, end: 1 }), { start: 0, end: 1 });
});

test('must keep only http and https links', () => {
  const cases = [
    ['https://example.org/a?b', 'https://example.org/a?b'],
    ['http://example.org/', 'http://example.org/'],
    ['javascript:alert(1)', null],
    [' JavaScript:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['file:///etc/passwd', null],
    ['//example.org/relative', null],
    ['not a url', null],
  ];
  for (const [input, expected] of cases) assert.equal(safeHref(input), expected, input);
});

const report = {
  schema: 'dossier/1',
  documents: [],
  stories: [],
  entities: [
    { id: 'e1', name: 'Velmora', label: 'LOC', aliases: ['Velmora'], documents: 4, mentions: 4 },
    { id: 'e2', name: 'Allied Dockers Union', label: 'ORG', aliases: ['Allied Dockers Union', 'ADU'], documents: 4, mentions: 6 },
    { id: 'e3', name: 'Zoë Ångström-Lind', label: 'PER', aliases: ['Zoë Ångström-Lind', 'Ångström-Lind'], documents: 4, mentions: 5 },
    { id: 'e4', name: 'Mara Quist', label: 'PER', aliases: ['Mara Quist'], documents: 1, mentions: 1 },
  ],
};

test('must sort entities by mentions, descending first, and toggle on a second click', () => {
  let state = update(initialState, Action.reportReady(report));
  assert.deepEqual(visibleEntities(state).map((e) => e.id), ['e2', 'e3', 'e1', 'e4']);
  state = update(state, Action.sortBy('name'));
  assert.deepEqual(visibleEntities(state).map((e) => e.name), ['Allied Dockers Union', 'Mara Quist', 'Velmora', 'Zoë Ångström-Lind']);
  state = update(state, Action.sortBy('name'));
  assert.deepEqual(visibleEntities(state).map((e) => e.name), ['Zoë Ångström-Lind', 'Velmora', 'Mara Quist', 'Allied Dockers Union']);
});

test('must filter entities by alias text and by type', () => {
  let state = update(initialState, Action.reportReady(report));
  state = update(state, Action.setFilterText('adu'));
  assert.deepEqual(visibleEntities(state).map((e) => e.id), ['e2']);
  state = update(state, Action.setFilterText('ström'));
  assert.deepEqual(visibleEntities(state).map((e) => e.id), ['e3']);
  state = update(update(state, Action.setFilterText('')), Action.setFilterLabel('PER'));
  assert.deepEqual(visibleEntities(state).map((e) => e.id), ['e3', 'e4']);
});

test('must never change the state it is given, and must reject unknown actions', () => {
  const before = update(initialState, Action.reportReady(report));
  const frozen = JSON.stringify(before);
  update(before, Action.sortBy('name'));
  update(before, Action.selectDocument(0));
  assert.equal(JSON.stringify(before), frozen);
  assert.throws(() => update(before, { type: 'nope' }), /unknown action: nope/);
  assert.throws(() => update(before, Action.sortBy('secret')), /unknown column/);
});

test('must cut the reader text so that no mention is split and marks follow the spans', () => {
  const doc = {
    text: 'By Ann Lee. "Ann Lee spoke" on Monday.',
    content: [{ start: 12, end: 38 }],
    mentions: [
      { start: 3, end: 10, text: 'Ann Lee', label: 'PER', entity: 'e1' },
      { start: 13, end: 20, text: 'Ann Lee', label: 'PER', entity: 'e1' },
    ],
    quotes: [{ start: 13, end: 26, text: 'Ann Lee spoke', speaker: 'e1', via: null }],
    dates: [{ start: 31, end: 37, text: 'Monday', value: null }],
  };
  const pieces = segments(doc).map((p) => [doc.text.slice(p.start, p.end), p.mention?.label ?? '', p.content, Boolean(p.quote), Boolean(p.date)]);
  assert.deepEqual(pieces, [
    ['By ', '', false, false, false],
    ['Ann Lee', 'PER', false, false, false],
    ['. ', '', false, false, false],
    ['"', '', true, false, false],
    ['Ann Lee', 'PER', true, true, false],
    [' spoke', '', true, true, false],
    ['" on ', '', true, false, false],
    ['Monday', '', true, false, true],
    ['.', '', true, false, false],
  ]);
});
