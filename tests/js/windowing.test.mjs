// Windowing of the long grouped views: which entries are drawn.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENTRIES_SHOWN, clip, limitFor } from '../../www/windowing.js';

const groups = [{ items: [1, 2, 3] }, { items: [4, 5] }, { items: [] }, { items: [6, 7, 8, 9] }];

test('must keep whole leading groups, cut the last one drawn, and count what is left out', () => {
  const shown = clip(groups, 4, (g) => g.items);
  assert.deepEqual(shown.groups.map((g) => g.entries), [[1, 2, 3], [4]]);
  assert.equal(shown.hidden, 5);
  assert.equal(shown.groups[1].group, groups[1]);
});

test('must draw everything, and hide nothing, when the limit is not reached', () => {
  const shown = clip(groups, 100, (g) => g.items);
  assert.deepEqual(shown.groups.map((g) => g.entries), [[1, 2, 3], [4, 5], [6, 7, 8, 9]]);
  assert.equal(shown.hidden, 0);
  assert.deepEqual(clip([], 10, (g) => g.items), { groups: [], hidden: 0 });
});

test('must start every container and every new report at the first window', () => {
  assert.equal(limitFor({}, {}), ENTRIES_SHOWN);
  assert.ok(ENTRIES_SHOWN >= 100, 'a useful first window');
});
