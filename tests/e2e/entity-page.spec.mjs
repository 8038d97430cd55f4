// The entity page: opened from the entities table or from a name in the
// reader, it lists aliases, documents, quotes and every mention in its
// sentence; a mention jumps to its place in the reader.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { entityPage, openPage, screenshot, showView, waitForDocuments } from './util.mjs';

let session;
before(async () => {
  session = await openPage();
  await session.page.click('#sample-button');
  await waitForDocuments(session.page, 5);
});
after(() => session?.close());

test('must open an entity from the table with its aliases, documents and every mention in context', async () => {
  const { page } = session;
  await showView(page, 'entities');
  // The most mentioned entity: its counts must match what the page lists.
  const [name, mentions, documents] = await page.$eval('#entity-body tr', (tr) => {
    const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent.trim());
    return [cells[0], Number(cells[4]), Number(cells[3])];
  });
  await page.click('#entity-body tr:first-child .entity-name');
  const shown = await entityPage(page);
  assert.equal(shown.name, name);
  assert.ok(shown.aliases.includes(name), `aliases ${shown.aliases}`);
  assert.equal(shown.mentions.length, mentions);
  assert.equal(shown.documents.length, documents);
  const listed = await page.$$eval('#document-list .document-name', (ns) => ns.map((n) => n.textContent));
  for (const doc of shown.documents) assert.ok(listed.includes(doc), `${doc} in ${listed}`);
  for (const { text, mark } of shown.mentions) {
    assert.ok(shown.aliases.includes(mark), `marked "${mark}" is an alias`);
    assert.ok(text.length > mark.length, `"${text}" shows words around "${mark}"`);
  }
  assert.match(await page.textContent('#entity-page .entity-facts'), new RegExp(`${mentions} mentions? in ${documents} documents?`));
  assert.equal(await page.getAttribute('#entity-body tr:first-child .entity-name', 'aria-pressed'), 'true');
  await screenshot(page, 'entity-page-table');
});

test('must jump from a mention in context to its place in the reader', async () => {
  const { page } = session;
  const [mark, doc] = await page.$eval('#entity-page .mention-doc:last-child', (section) => [
    section.querySelector('mark').textContent,
    section.querySelector('h5').textContent,
  ]);
  await page.click('#entity-page .mention-doc:last-child .mention-context');
  await page.waitForSelector('#tab-reader[aria-selected="true"]');
  await page.waitForSelector(`#reader-meta dd:text-is("${doc}")`);
  const target = await page.$$eval('#reader .target', (ns) => ns.map((n) => n.textContent).join(''));
  assert.equal(target, mark);
  assert.ok(await page.isVisible('#reader .target'), 'scrolled into view');
  await screenshot(page, 'entity-page-jump');
});

test('must open the entity of a name clicked in the reader, with the quotes it speaks', async () => {
  const { page } = session;
  await page.click('#document-list > li:first-child .document-button');
  // A person the sample quotes: click their name where the reader marks it
  // (the reader is rebuilt on each click, so marks are found by position).
  const count = await page.locator('#reader mark.m-PER').count();
  assert.ok(count > 0);
  let quoted = null;
  for (let i = 0; i < count && !quoted; i++) {
    const mark = page.locator('#reader mark.m-PER').nth(i);
    const text = await mark.textContent();
    await mark.click();
    await page.waitForSelector('#reader mark.m-PER.focus');
    const shown = await entityPage(page);
    assert.ok(shown.aliases.includes(text), `${text} is an alias of ${shown.name}`);
    if (await page.locator('#entity-page .entity-quotes q').count()) quoted = shown.name;
  }
  assert.ok(quoted, 'some person in the first document is quoted');
  const quotes = await page.$$eval('#entity-page .entity-quotes q', (qs) => qs.map((q) => q.textContent));
  assert.ok(quotes.every((q) => q.length > 5), quotes.join(' | '));
  await screenshot(page, 'entity-page-reader');
  await page.click('#entity-page .close');
  await page.waitForSelector('#entity-page .empty');
});
