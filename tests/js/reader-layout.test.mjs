// The reader's layout: a feed capture cut into posts and the text between
// them, boilerplate runs that may collapse, offsets in code points (astral
// characters included), and the state that folds and opens those runs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boilerplateRuns, readerLayout, runSummary, runsOverlapping } from '../../www/reader-layout.js';
import { Action, initialState, update } from '../../www/state.js';
import { isAiDisclosure, segments } from '../../www/views/reader.js';

/** Code point spans of the lines of `text` equal to one of `lines`, in order. */
function spansOf(text, lines) {
  const cps = [...text];
  const out = [];
  let at = 0;
  for (const line of lines) {
    const needle = [...line];
    let i = at;
    while (cps.slice(i, i + needle.length).join('') !== line) i++;
    out.push({ start: i, end: i + needle.length });
    at = i + needle.length;
  }
  return out;
}

const slice = (text, { start, end }) => [...text].slice(start, end).join('');

const FEED_LINES = [
  'Castellan 🛳️ News’s Post',
  '48,213 followers',
  'Dockers 🇫🇷 in Velmora are back at work after nine days.',
  'Like',
  'To view or add a comment, sign in',
  'More Relevant Posts',
  '-',
  'Ines Harlow',
  'Freight rates on the 𝒩orthern route will ease.',
  '-',
  'Harbor Watch',
  'The strike cost 12 million euros a day.',
  'To view or add a comment, sign in',
];
const FEED_TEXT = `${FEED_LINES.join('\n')}\n`;
const FEED_POSTS = spansOf(FEED_TEXT, [FEED_LINES[2], FEED_LINES[8], FEED_LINES[11]]);
const FEED = {
  text: FEED_TEXT,
  content: FEED_POSTS,
  posts: FEED_POSTS,
  mentions: [{ ...spansOf(FEED_TEXT, ['Ines Harlow'])[0], text: 'Ines Harlow', label: 'PER', entity: 'e1' }],
  quotes: [],
  dates: [],
};

test('must cut a feed capture into its posts and the text between them, in code points', () => {
  const layout = readerLayout(FEED);
  assert.deepEqual(layout.map((s) => [s.kind, s.number ?? null, s.total ?? null]), [
    ['between', null, null],
    ['post', 1, 3],
    ['between', null, null],
    ['post', 2, 3],
    ['between', null, null],
    ['post', 3, 3],
    ['between', null, null],
  ]);
  const posts = layout.filter((s) => s.kind === 'post').map((s) => slice(FEED_TEXT, s));
  assert.deepEqual(posts, [FEED_LINES[2], FEED_LINES[8], FEED_LINES[11]]);
  // Sections and their parts cover the text in order, without gaps.
  let at = 0;
  for (const section of layout) {
    assert.equal(section.start, at);
    let inner = section.start;
    for (const part of section.parts) {
      assert.equal(part.start, inner, JSON.stringify(part));
      inner = part.end;
    }
    assert.equal(inner, section.end);
    at = section.end;
  }
  assert.equal(at, [...FEED_TEXT].length);
});

test('must find whole-line boilerplate runs between posts, with their line and name counts', () => {
  const runs = boilerplateRuns(readerLayout(FEED));
  assert.deepEqual(
    runs.map((r) => [slice(FEED_TEXT, r), r.lines, r.mentions]),
    [
      [FEED_LINES.slice(0, 2).join('\n'), 2, 0],
      [FEED_LINES.slice(3, 8).join('\n'), 5, 1],
      ['-\nHarbor Watch', 2, 0],
      ['To view or add a comment, sign in', 1, 0],
    ],
  );
  assert.equal(runSummary(runs[0]), '… 2 lines of page furniture');
  assert.equal(runSummary(runs[1]), '… 5 lines of page furniture (1 name)');
  assert.equal(runSummary(runs[3]), '… 1 line of page furniture');
});

test('must keep a one-post document as one section, and leave boilerplate that shares a line with content uncollapsible', () => {
  const text = '😀 Menu | Home\nBy Ann Lee. The port 🏗️ reopened.\n\nShare this\n';
  const [body] = spansOf(text, ['The port 🏗️ reopened.']);
  const doc = { text, content: [body], posts: [body], mentions: [], quotes: [], dates: [] };
  const layout = readerLayout(doc);
  assert.deepEqual(layout.map((s) => s.kind), ['text']);
  assert.deepEqual(
    layout[0].parts.map((p) => [p.kind, slice(text, p)]),
    [
      ['boilerplate', '😀 Menu | Home'],
      ['text', '\nBy Ann Lee. The port 🏗️ reopened.\n\n'],
      ['boilerplate', 'Share this'],
      ['text', '\n'],
    ],
  );
});

test('must not collapse a run that a mention straddles, nor whitespace between paragraphs', () => {
  const text = 'First paragraph here.\n\nSecond one.\nFooter line';
  const [a, b] = spansOf(text, ['First paragraph here.', 'Second one.']);
  const doc = {
    text,
    content: [a, { start: b.start, end: b.end + 5 }],
    posts: [],
    mentions: [{ start: b.end + 3, end: b.end + 8, text: 'Foote', label: 'ORG', entity: 'e1' }],
    quotes: [],
    dates: [],
  };
  assert.deepEqual(boilerplateRuns(readerLayout(doc)), []);
});

test('must cut the reader pieces at layout boundaries without splitting a mention', () => {
  const cuts = readerLayout(FEED).flatMap((s) => s.parts.flatMap((p) => [p.start, p.end]));
  const pieces = segments(FEED, cuts);
  for (const point of cuts) assert.ok(pieces.some((p) => p.start === point) || point === [...FEED_TEXT].length, `cut at ${point}`);
  assert.equal(pieces.map((p) => slice(FEED_TEXT, p)).join(''), FEED_TEXT);
  assert.ok(pieces.some((p) => p.mention && slice(FEED_TEXT, p) === 'Ines Harlow'));
});

test('must fold boilerplate, open runs one at a time, and open the run a jump lands in', () => {
  const report = {
    schema: 'dossier/1',
    documents: [{ id: 'd1', name: 'feed.txt', meta: {}, warnings: [], story: 's1', ...FEED }],
    entities: [{ id: 'e1', name: 'Ines Harlow', label: 'PER', aliases: ['Ines Harlow'], documents: 1, mentions: 1 }],
    stories: [{ id: 's1', title: 'x', documents: ['d1'] }],
  };
  const [first, second] = boilerplateRuns(readerLayout(FEED));
  let state = update(initialState, Action.reportReady(report));
  assert.equal(state.collapseBoilerplate, false);
  state = update(state, Action.toggleBoilerplate());
  assert.equal(state.collapseBoilerplate, true);
  state = update(state, Action.toggleRun(first.start));
  assert.deepEqual(state.openRuns, [first.start]);
  state = update(state, Action.toggleRun(first.start));
  assert.deepEqual(state.openRuns, []);
  // A jump from the entity page to the name inside the second run opens it.
  const mention = FEED.mentions[0];
  assert.deepEqual(runsOverlapping(report.documents[0], mention), [second.start]);
  state = update(state, Action.jumpTo(0, mention.start, mention.end));
  assert.deepEqual(state.openRuns, [second.start]);
  // Showing everything, another document, or clearing forgets the opened runs; the toggle stays.
  assert.deepEqual(update(state, Action.toggleBoilerplate()).openRuns, []);
  assert.deepEqual(update(state, Action.selectDocument(0)).openRuns, []);
  assert.equal(update(state, Action.cleared()).collapseBoilerplate, true);
});

test('must recognize AI-generation disclosures among labels', () => {
  for (const label of ['generated using Benzinga Neuro', 'AI-generated', 'written by AI', 'created with ChatGPT']) {
    assert.ok(isAiDisclosure(label), label);
  }
  for (const label of ['Business', 'Provocative', 'Asia-Pacific', 'Said', 'Maine']) assert.ok(!isAiDisclosure(label), label);
});
