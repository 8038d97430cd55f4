// The "Load sample coverage" button: the five embedded files of one
// invented story, read and analyzed in the page.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { entityRows, openPage, screenshot, waitForDocuments } from './util.mjs';

let session;
before(async () => {
  session = await openPage();
  await session.page.click('#sample-button');
  await waitForDocuments(session.page, 5);
});
after(() => session?.close());

test('must load the five sample documents, without warnings', async () => {
  const names = await session.page.$$eval('#document-list .document-name', (n) => n.map((e) => e.textContent));
  assert.equal(names.length, 5);
  assert.ok(names.includes('harbor-herald.html'), names.join(', '));
  assert.equal(await session.page.locator('#document-list .warning').count(), 0);
  // The strike's end (four reports) and the Gazette's follow-up two days
  // later, when the cranes turn again, are two events.
  assert.match(await session.page.textContent('#status'), /^5 documents · \d+ entities · 2 stories$/);
});

test('must show the first document with marked names and entities', async () => {
  const { page } = session;
  assert.ok((await page.locator('#reader mark.m').count()) > 5);
  assert.ok((await entityRows(page)).length > 5);
  await screenshot(page, 'sample');
});

test('must add a second batch to the current set, and clear it all', async () => {
  const { page } = session;
  await page.click('#sample-button');
  await waitForDocuments(page, 10);
  await page.click('#clear-button');
  await page.waitForSelector('#status:text-is("Cleared.")');
  assert.equal(await page.locator('#document-list > li').count(), 0);
  assert.equal(await page.locator('#reader mark').count(), 0);
  assert.ok(await page.isDisabled('#export-button'));
});
