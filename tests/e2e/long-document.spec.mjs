// One long document (a whole archive pasted into one file): the reader draws
// it a window at a time with a "Show more", a jump to a name far past the
// window still lands on it, Compare caps the quotes of one cell, and no
// view fails. Before, such a document threw "Maximum call stack size
// exceeded" in the reader and left the page saying "Analyzing 1 file…".

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { generatedArticles } from './fixtures.mjs';
import { entityPage, openPage, screenshot, selectDocument, showView, waitForDocuments } from './util.mjs';

let session;
before(async () => {
  session = await openPage();
});
after(() => session?.close());

// about 1 MB: five reader windows of 200,000 characters
const LAST = 'Ysolde Marchetti-Quaye';
const text = `${generatedArticles(400).map((a) => a.text).join('\n')}\n${LAST} of the Harbor Board said on Friday that the port would reopen.\n`;

const shownCharacters = (page) => page.$eval('#reader .reader-text', (n) => n.textContent.length);

test('must draw a long document a window at a time, and more on demand', async () => {
  const { page, errors } = session;
  await page.setInputFiles('#file-input', { name: 'archive.txt', mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });
  await waitForDocuments(page, 1);
  assert.doesNotMatch(await page.textContent('#status'), /could not draw/);
  const first = await shownCharacters(page);
  assert.ok(first >= 200_000 && first < 210_000, `first window: ${first} of ${text.length} characters`);
  const more = await page.textContent('#reader-more');
  assert.match(more, /^Show 200,000 more characters \([\d,]+ of [\d,]+ not shown\)$/);
  assert.equal(Number(more.match(/of ([\d,]+) not shown/)[1].replace(/,/g, '')), [...text].length);
  await page.click('#reader-more');
  const second = await shownCharacters(page);
  assert.ok(second >= first + 200_000 - 500, `after Show more: ${second}`);
  assert.ok(await page.isVisible('#reader-more'), 'more is left');
  assert.deepEqual(errors, []);
  await screenshot(page, 'long-document-reader');
});

test('must reach a name past the window when an entity page jumps to it', async () => {
  const { page, errors } = session;
  await showView(page, 'entities');
  await page.fill('#entity-filter', 'Marchetti');
  await page.click('#entity-body tr:first-child .entity-name');
  const shown = await entityPage(page);
  assert.equal(shown.name, LAST);
  await page.click('#entity-page .mention-context');
  await page.waitForSelector('#tab-reader[aria-selected="true"]');
  const target = await page.$$eval('#reader .target', (ns) => ns.map((n) => n.textContent).join(''));
  assert.equal(target, LAST);
  assert.ok(await page.isVisible('#reader .target'), 'scrolled into view');
  // the window reached the last line, so nothing is left to show
  assert.equal(await page.$('#reader-more'), null);
  assert.deepEqual(errors, []);
});

test('must cap the quotes a Compare cell draws for a document that repeats them', async () => {
  const { page, errors } = session;
  await showView(page, 'compare');
  // one column: the generated articles repeat a few quotations hundreds of times
  const cells = await page.$$eval('#compare .quote-row td', (tds) => tds.map((td) => ({
    quotes: td.querySelectorAll('.quote-text').length,
    more: td.querySelector('.cell-more')?.textContent ?? '',
  })));
  assert.ok(cells.length > 0, 'quotation rows');
  assert.ok(cells.every((c) => c.quotes <= 10), `at most 10 quotes a cell: ${cells.map((c) => c.quotes)}`);
  assert.ok(cells.some((c) => /^\+ [\d,]+ more quotes$/.test(c.more)), 'a count of the rest');
  assert.doesNotMatch(await page.textContent('#status'), /could not draw/);
  assert.deepEqual(errors, []);
});

test('must list at most 500 of a page\'s links in its card, and count the rest', async () => {
  const { page, errors } = session;
  const paragraphs = Array.from({ length: 600 }, (_, i) => `<p>Read <a href="https://example.org/story/${i}">story ${i}</a> on the port.</p>`);
  const html = `<!doctype html><html><head><title>Links page</title></head><body><article><h1>Links page</h1>${paragraphs.join('\n')}</article></body></html>`;
  await page.setInputFiles('#file-input', { name: 'links.html', mimeType: 'text/html', buffer: Buffer.from(html, 'utf8') });
  await waitForDocuments(page, 2);
  await showView(page, 'reader');
  await selectDocument(page, 'links.html');
  assert.equal(await page.textContent('#reader-meta .doc-urls summary'), '600 links');
  assert.equal(await page.locator('#reader-meta .doc-urls li').count(), 500);
  assert.equal(await page.textContent('#reader-meta .doc-urls .note'), '… and 100 more (all of them are in the exports)');
  assert.deepEqual(errors, []);
});
