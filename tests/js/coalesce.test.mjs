// The running batch is drawn in groups: first item at once, then at most
// once per interval, nothing lost or reordered.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Coalescer } from '../../www/coalesce.js';

function fakeClock() {
  const clock = {
    t: 0,
    timers: new Map(),
    next: 1,
    now: () => clock.t,
    setTimeout: (fn, ms) => {
      const id = clock.next++;
      clock.timers.set(id, { at: clock.t + ms, fn });
      return id;
    },
    clearTimeout: (id) => clock.timers.delete(id),
    advance(ms) {
      clock.t += ms;
      for (const [id, { at, fn }] of [...clock.timers]) {
        if (at <= clock.t) {
          clock.timers.delete(id);
          fn();
        }
      }
    },
  };
  return clock;
}

test('must hand on the first item at once and group the next ones per interval', () => {
  const clock = fakeClock();
  const groups = [];
  const c = new Coalescer((items) => groups.push(items), 100, clock);
  c.push(1);
  assert.deepEqual(groups, [[1]]);
  clock.advance(10);
  c.push(2);
  clock.advance(10);
  c.push(3);
  assert.deepEqual(groups, [[1]], 'held within the interval');
  assert.equal(clock.timers.size, 1, 'one timer for the held group');
  clock.advance(80);
  assert.deepEqual(groups, [[1], [2, 3]]);
  clock.advance(500);
  c.push(4);
  assert.deepEqual(groups, [[1], [2, 3], [4]], 'after a quiet interval, at once again');
});

test('must hand on what is held when flushed, and nothing twice', () => {
  const clock = fakeClock();
  const groups = [];
  const c = new Coalescer((items) => groups.push(items), 100, clock);
  c.push('a');
  c.push('b');
  c.push('c');
  c.flush();
  assert.deepEqual(groups, [['a'], ['b', 'c']]);
  assert.equal(clock.timers.size, 0, 'the pending timer is cleared');
  c.flush();
  clock.advance(1000);
  assert.deepEqual(groups, [['a'], ['b', 'c']]);
  assert.deepEqual(groups.flat(), ['a', 'b', 'c']);
});

test('must work with the real timers by default', async () => {
  const groups = [];
  const c = new Coalescer((items) => groups.push(items), 20);
  c.push(1);
  c.push(2);
  assert.deepEqual(groups, [[1]]);
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.deepEqual(groups, [[1], [2]]);
});
