// A view that throws is named on the status line and the others still draw;
// it is forgotten once it draws again.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ViewGuard } from '../../www/view-guard.js';

test('a throwing view is recorded and does not stop the next one', () => {
  const logged = [];
  const guard = new ViewGuard((error) => logged.push(error));
  const drawn = [];
  guard.draw('the reader', () => {
    throw new RangeError('Maximum call stack size exceeded');
  });
  guard.draw('the quotes', () => drawn.push('quotes'));
  assert.deepEqual(drawn, ['quotes']);
  assert.equal(guard.failed, true);
  assert.equal(logged.length, 1);
  assert.equal(logged[0].name, 'RangeError');
  assert.equal(
    guard.statusLine('1 document · 3 entities'),
    '1 document · 3 entities · Dossier could not draw the reader (Maximum call stack size exceeded); the rest of the page still works.',
  );
});

test('a view is forgotten once it draws again', () => {
  const guard = new ViewGuard();
  guard.draw('the graph', () => {
    throw new Error('no room');
  });
  guard.draw('Compare', () => {
    throw 'a string';
  });
  assert.equal(guard.statusLine(), 'Dossier could not draw the graph (no room); Compare (a string); the rest of the page still works.');
  guard.draw('the graph', () => {});
  assert.equal(guard.statusLine(), 'Dossier could not draw Compare (a string); the rest of the page still works.');
  guard.draw('Compare', () => {});
  assert.equal(guard.failed, false);
});
