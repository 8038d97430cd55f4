// A hostile HTML file is data, never code: nothing in it runs, and the
// page makes no request beyond its own files.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { HOSTILE } from './fixtures.mjs';
import { dropFiles, openPage, screenshot, waitForDocuments } from './util.mjs';

let session;
before(async () => {
  session = await openPage();
  await dropFiles(session.page, [HOSTILE]);
  await waitForDocuments(session.page, 1);
});
after(() => session?.close());

test('must run nothing from the file: no dialog, no global set', async () => {
  const { page, dialogs, errors } = session;
  // Hover and click everything the reader shows, in case a handler survived
  // (the card's links are folded: open them first).
  for (const summary of await page.$$('#reader-meta details summary')) await summary.click();
  for (const link of await page.$$('#reader a, #reader-meta a')) await link.hover();
  await page.click('#reader .reader-text');
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined');
});

test('must show the file\'s markup as text only', async () => {
  const { page } = session;
  const inside = await page.$$eval('#reader *, #reader-meta *, #document-list *', (nodes) =>
    [...new Set(nodes.map((n) => n.tagName.toLowerCase()))].sort(),
  );
  for (const tag of ['script', 'img', 'iframe', 'svg', 'style', 'link', 'meta']) assert.ok(!inside.includes(tag), `<${tag}> in ${inside}`);
  const links = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
  for (const href of links) assert.match(href, /^https?:/, `link ${href}`);
  const text = await page.textContent('#reader .reader-text');
  assert.match(text, /Mayor Ingrid Solberg resigned/);
  await screenshot(page, 'hostile');
});

test('must make no request beyond the page\'s own files', async () => {
  const { requests, origin } = session;
  assert.ok(requests.length > 0);
  const foreign = requests.filter((url) => new URL(url).origin !== origin);
  assert.deepEqual(foreign, []);
});
