// The timeline: resolved date phrases of every document on one axis, in
// calendar order, with the documents' own dates marked; an entry jumps
// to its phrase in the reader.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, showView, waitForDocuments } from './util.mjs';

let session;
before(async () => {
  session = await openPage();
  await session.page.click('#sample-button');
  await waitForDocuments(session.page, 5);
  await showView(session.page, 'timeline');
});
after(() => session?.close());

/** Every point: its start day, granularity class and entries. */
function points(page) {
  return page.$$eval('#timeline .point', (items) => items.map((li) => ({
    start: li.querySelector('time').getAttribute('datetime'),
    label: li.querySelector('time').textContent,
    granularity: [...li.classList].find((c) => c.startsWith('g-')).slice(2),
    published: [...li.querySelectorAll('.item-published .note')].map((n) => n.textContent.trim()),
    dates: [...li.querySelectorAll('.item-date')].map((n) => ({
      mark: n.querySelector('mark').textContent,
      note: n.querySelector('.note').textContent,
    })),
  })));
}

test('must show dated items in calendar order, each with its sentence and document', async () => {
  const { page } = session;
  const found = await points(page);
  assert.ok(found.length >= 3, JSON.stringify(found));
  const starts = found.map((p) => p.start);
  assert.deepEqual(starts, [...starts].sort(), 'in order');
  for (const p of found) assert.match(p.start, /^\d{4}-\d{2}-\d{2}$/);
  const dated = found.flatMap((p) => p.dates.map((d) => ({ ...d, start: p.start, granularity: p.granularity })));
  assert.ok(dated.length >= 5);
  for (const d of dated) {
    // "castellan-wire.txt · “Feb. 23” = 2025-02-23": the phrase, its value, the document.
    const [, doc, phrase, value] = /^(.+?) · “(.+)” = (.+)$/.exec(d.note) ?? [];
    assert.ok(doc && phrase === d.mark, d.note);
    if (d.granularity === 'day') assert.ok(value.startsWith(d.start), `${value} on ${d.start}`);
  }
  // The strike's start (23 February 2025) comes before its end (4 March 2025).
  const begin = starts.indexOf('2025-02-23');
  const end = starts.indexOf('2025-03-04');
  assert.ok(begin >= 0 && end > begin, starts.join(' '));
  assert.match(found[begin].label, /23 February 2025/);
  assert.equal(await page.textContent('#timeline-count'), `(${dated.length})`);
  await screenshot(page, 'timeline');
});

test('must mark the documents\' own publication dates on the axis', async () => {
  const { page } = session;
  const found = await points(page);
  const published = found.flatMap((p) => p.published.map((doc) => [p.start, doc]));
  assert.ok(published.length >= 2, JSON.stringify(published));
  assert.ok(published.some(([day, doc]) => day === '2025-03-04' && doc === 'castellan-wire.txt'), JSON.stringify(published));
  const docs = await page.$$eval('#document-list .document-name', (ns) => ns.map((n) => n.textContent));
  for (const [, doc] of published) assert.ok(docs.includes(doc), doc);
});

test('must list the date phrases it cannot place, and jump from an entry to the reader', async () => {
  const { page } = session;
  const unplaced = await page.$$eval('#timeline .unplaced li', (lis) => lis.map((li) => li.textContent));
  // rewrite-dailybuzz.txt has no date of its own: its weekdays stay unresolved.
  assert.ok(unplaced.length >= 1, 'some phrases have no value');
  const entry = page.locator('#timeline .item-date').first();
  const mark = await entry.locator('mark').textContent();
  await entry.locator('button').click();
  await page.waitForSelector('#tab-reader[aria-selected="true"]');
  const target = await page.$$eval('#reader .target', (ns) => ns.map((n) => n.textContent).join(''));
  assert.equal(target, mark);
});
