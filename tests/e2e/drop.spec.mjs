// Dropping files: several at once through a synthetic drop event carrying a
// DataTransfer (UTF-8 text, HTML, windows-1252 text, a binary image).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ARTICLE, IMAGE, LEGACY, PAGE } from './fixtures.mjs';
import { dropFiles, entityRows, openPage, screenshot, selectDocument, waitForDocuments } from './util.mjs';

let session;
before(async () => {
  session = await openPage();
  await dropFiles(session.page, [ARTICLE, PAGE, LEGACY, IMAGE]);
  await waitForDocuments(session.page, 4);
});
after(() => session?.close());

test('must list every dropped document with its format and encoding', async () => {
  const rows = await session.page.$$eval('#document-list > li', (items) =>
    items.map((li) => [li.querySelector('.document-name').textContent, li.querySelector('.document-details').textContent.split(' · ').slice(0, 2).join(' · ')]),
  );
  assert.deepEqual(rows, [
    [ARTICLE.name, 'text · utf-8'],
    [PAGE.name, 'html · utf-8'],
    [LEGACY.name, 'text · windows-1252'],
    [IMAGE.name, 'binary'],
  ]);
});

test('must show the binary file\'s warning on its entry', async () => {
  const warning = await session.page.textContent(`#document-list > li:nth-child(4) .warning`);
  assert.equal(warning, IMAGE.warning);
  assert.equal(await session.page.locator('#document-list > li.has-warnings').count(), 1);
});

test('must highlight names in the reader with their type', async () => {
  const { page } = session;
  await selectDocument(page, ARTICLE.name);
  const people = await page.$$eval('#reader mark.m-PER', (marks) => marks.map((m) => m.textContent));
  assert.ok(people.includes('Zoë Ångström-Lind'), `PER marks: ${people.join(', ')}`);
  const orgs = await page.$$eval('#reader mark.m-ORG', (marks) => marks.map((m) => m.textContent));
  assert.ok(orgs.includes('Allied Dockers Union'), `ORG marks: ${orgs.join(', ')}`);
  // The marks hold exactly the document's text, in order.
  assert.equal(await page.textContent('#reader .reader-text'), ARTICLE.bytes);
  await screenshot(page, 'drop-article');

  await selectDocument(page, PAGE.name);
  const html = await page.$$eval('#reader mark.m-PER', (marks) => marks.map((m) => m.textContent));
  assert.ok(html.includes('Henrik Dahlgren'), `PER marks in the HTML page: ${html.join(', ')}`);
  // The navigation bar is outside the article: dimmed.
  const dimmed = await page.$$eval('#reader .boilerplate', (spans) => spans.map((s) => s.textContent).join(''));
  assert.match(dimmed, /Home \| /);
  await screenshot(page, 'drop-html');
});

test('must decode the windows-1252 file (é, €) correctly', async () => {
  const { page } = session;
  await selectDocument(page, LEGACY.name);
  const text = await page.textContent('#reader .reader-text');
  assert.ok(text.includes(LEGACY.decoded), `reader text: ${text}`);
  assert.ok(!text.includes('\uFFFD'), 'no replacement characters');
  await screenshot(page, 'drop-1252');
});

test('must list the entities of all dropped documents', async () => {
  const rows = await entityRows(session.page);
  const names = rows.map(([name, type]) => `${name} ${type}`);
  for (const expected of ['Zoë Ångström-Lind PER', 'Henrik Dahlgren PER', 'Lucía Ferrão PER', 'Allied Dockers Union ORG']) {
    assert.ok(names.includes(expected), `${expected} in ${names.join('; ')}`);
  }
  const status = await session.page.textContent('#status');
  assert.match(status, /^4 documents · \d+ entities · \d+ stor(y|ies) · 1 document with warnings$/);
});

test('must refuse a file over 32 MB without reading it, and add it to the set', async () => {
  const { page } = session;
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(33 * 1024 * 1024)], 'archive.mbox'));
    document.getElementById('drop-zone').dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
  });
  await waitForDocuments(page, 5);
  const warning = await page.textContent('#document-list > li:nth-child(5) .warning');
  assert.equal(warning, 'file too large (33.0 MB; the limit is 32 MB); skipped without reading');
});

test('must keep focus on a document chosen from the keyboard', async () => {
  const { page } = session;
  await page.focus('#document-list > li:nth-child(3) .document-button');
  await page.keyboard.press('Enter');
  await page.waitForSelector(`#reader-meta dd:text-is("${LEGACY.name}")`);
  assert.equal(await page.evaluate(() => document.activeElement.querySelector('.document-name')?.textContent), LEGACY.name);
});
