// The entities table: sorting by clicking headers, filtering by text and
// type, and focusing one entity in the reader.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { entityRows, openPage, screenshot, showView, waitForDocuments } from './util.mjs';

let session;
before(async () => {
  session = await openPage();
  await session.page.click('#sample-button');
  await waitForDocuments(session.page, 5);
  await showView(session.page, 'entities');
});
after(() => session?.close());

const column = (rows, i) => rows.map((r) => r[i]);
const byName = (a, b) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true });
/** Pairs out of order under `compare`: [] when the list is sorted (ties in any order). */
const outOfOrder = (list, compare) => list.slice(1).map((b, i) => [list[i], b]).filter(([a, b]) => compare(a, b) > 0);

test('must sort by mentions, most first, by default', async () => {
  const mentions = column(await entityRows(session.page), 4).map(Number);
  assert.deepEqual(mentions, [...mentions].sort((a, b) => b - a));
  assert.equal(await session.page.getAttribute('#entity-head th:nth-child(5)', 'aria-sort'), 'descending');
});

test('must sort by name when its header is clicked, and reverse on a second click', async () => {
  const { page } = session;
  await page.click('#entity-head th:nth-child(1) button');
  await page.waitForSelector('#entity-head th:nth-child(1)[aria-sort="ascending"]');
  const ascending = column(await entityRows(page), 0);
  assert.deepEqual(outOfOrder(ascending, byName), []);
  await page.click('#entity-head th:nth-child(1) button');
  await page.waitForSelector('#entity-head th:nth-child(1)[aria-sort="descending"]');
  const descending = column(await entityRows(page), 0);
  assert.deepEqual(outOfOrder(descending, (a, b) => byName(b, a)), []);
  assert.deepEqual([...descending].sort(), [...ascending].sort(), 'the same rows');
  assert.notDeepEqual(descending, ascending);
});

test('must filter by name or alias', async () => {
  const { page } = session;
  await page.fill('#entity-filter', 'adu');
  await page.waitForFunction(() => document.querySelectorAll('#entity-body tr').length === 1);
  const rows = await entityRows(page);
  assert.equal(rows[0][0], 'Allied Dockers Union');
  assert.match(rows[0][2], /\bADU\b/);
  await page.fill('#entity-filter', 'no such entity at all');
  await page.waitForSelector('#entity-body tr.empty-row');
  await page.fill('#entity-filter', '');
});

test('must filter by type', async () => {
  const { page } = session;
  await page.selectOption('#entity-type', 'PER');
  await page.waitForFunction(() => [...document.querySelectorAll('#entity-body .tag')].every((t) => t.textContent === 'PER'));
  const types = column(await entityRows(page), 1);
  assert.ok(types.length > 1);
  assert.deepEqual(new Set(types), new Set(['PER']));
  assert.match(await page.textContent('#entity-count'), /^\(\d+ of \d+\)$/);
  await screenshot(page, 'entities-per');
  await page.selectOption('#entity-type', '');
});

test('must mark every mention of an entity chosen in the table', async () => {
  const { page } = session;
  await page.fill('#entity-filter', 'Allied Dockers');
  await page.click('#entity-body .entity-name');
  await showView(page, 'reader');
  await page.waitForSelector('#reader mark.focus');
  const focused = await page.$$eval('#reader mark.focus', (marks) => marks.map((m) => m.textContent));
  assert.ok(focused.length >= 1);
  for (const text of focused) assert.ok(['Allied Dockers Union', 'ADU'].includes(text), text);
  await showView(page, 'entities');
  await page.fill('#entity-filter', '');
});

test('must sort from the keyboard', async () => {
  const { page } = session;
  await page.focus('#entity-head th:nth-child(4) button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#entity-head th:nth-child(4)[aria-sort="descending"]');
  const docs = column(await entityRows(page), 3).map(Number);
  assert.deepEqual(docs, [...docs].sort((a, b) => b - a));
  // The header was rebuilt; focus must not be lost to <body>.
  assert.equal(await page.evaluate(() => document.activeElement?.closest('#entity-head') !== null), true);
});
