// A long document is drawn a window at a time: where the window ends (whole
// lines, a jump's target always inside, code points across astral text),
// and the lookups it rests on (code point <-> UTF-16 offsets, the code
// point count, the pieces of a document past the window).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codePointAt, utf16Offsets } from '../../www/dom.js';
import { READER_CHARACTERS, segments, windowEnd } from '../../www/views/reader.js';

const cps = (s) => [...s];

test('the window ends after the line the limit falls in, counting code points', () => {
  const text = '😀 one\nt𝒜o two\nthree\n';
  const table = utf16Offsets(text);
  // limit 8 falls in the second line, whose newline is code point 13
  assert.equal(cps(text).slice(0, 8).join(''), '😀 one\nt𝒜');
  assert.equal(windowEnd(text, table, 8), 14);
  assert.equal(cps(text).slice(0, 14).join(''), '😀 one\nt𝒜o two\n');
  // a limit at or past the end draws everything
  assert.equal(windowEnd(text, table, 999), cps(text).length);
  assert.equal(windowEnd('', utf16Offsets(''), READER_CHARACTERS), 0);
});

test('the window reaches a jump target past its limit', () => {
  const lines = Array.from({ length: 50 }, (_, i) => `line ${i} of the text`);
  const text = lines.join('\n');
  const table = utf16Offsets(text);
  const at = text.indexOf('line 40');
  const target = { start: at, end: at + 7 };
  const end = windowEnd(text, table, 10, target);
  assert.ok(end >= target.end, `window ${end} misses the target ${target.end}`);
  assert.equal(text.slice(0, end), `${lines.slice(0, 41).join('\n')}\n`);
  // the last line has no newline: the window runs to the end
  assert.equal(windowEnd(text, table, text.length - 3), text.length);
});

test('a very long line past the limit is cut at the limit', () => {
  const text = `start\n${'x'.repeat(50_000)}\nend`;
  const table = utf16Offsets(text);
  assert.equal(windowEnd(text, table, 100), 100);
  // near its end, the line is drawn whole
  assert.equal(windowEnd(text, table, 50_000), 50_007);
});

test('codePointAt finds the code point of a UTF-16 offset', () => {
  const text = 'a😀b𝒜\n';
  const table = utf16Offsets(text);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7].map((u) => codePointAt(table, u)), [0, 1, 1, 2, 3, 3, 4, 5]);
});

test('segments count code points themselves, lone surrogates included', () => {
  const text = 'x\ud800\ud800\udc00y\udc00';
  assert.equal(cps(text).length, 5);
  const doc = { text, mentions: [], content: [], quotes: [], dates: [] };
  const pieces = segments(doc);
  assert.equal(pieces[pieces.length - 1].end, 5);
  assert.deepEqual(segments(doc, [], [], 5), pieces);
});
