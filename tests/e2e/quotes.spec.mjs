// The quotes view: quotations grouped by speaker, "Unattributed" last,
// each with its outlet (via) and document; a quote jumps to the reader.
// The tabs are keyboard-usable.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { entityPage, openPage, screenshot, showView, waitForDocuments } from './util.mjs';

let session;
before(async () => {
  session = await openPage();
  await session.page.click('#sample-button');
  await waitForDocuments(session.page, 5);
  await showView(session.page, 'quotes');
});
after(() => session?.close());

/** Every group: speaker name, whether it is attributed, and its quotes with via and document. */
function groups(page) {
  return page.$$eval('#quotes .quote-group', (sections) => sections.map((section) => ({
    speaker: section.querySelector('.speaker').textContent.replace(/\s+(PER|ORG|LOC|MISC)$/, ''),
    attributed: !section.classList.contains('unattributed'),
    quotes: [...section.querySelectorAll('.quote-entry')].map((li) => ({
      text: li.querySelector('q').textContent,
      via: li.querySelector('.via-name')?.textContent ?? null,
      doc: li.querySelector('.quote-doc').textContent,
    })),
  })));
}

test('must group quotes by speaker, with Zoë Ångström-Lind\'s known quote, and unattributed ones last', async () => {
  const { page } = session;
  const found = await groups(page);
  assert.ok(found.length >= 2, JSON.stringify(found));
  const zoe = found.find((g) => /Ångström-Lind/.test(g.speaker));
  assert.ok(zoe, `a group for Ångström-Lind in ${found.map((g) => g.speaker)}`);
  assert.ok(zoe.quotes.some((q) => /we got what we came for/i.test(q.text)), JSON.stringify(zoe.quotes));
  assert.ok(found.some((g) => /Adébáyọ̀/.test(g.speaker) && g.quotes.some((q) => /crane/i.test(q.text))), 'Adébáyọ̀ quoted on the cranes');
  const unattributed = found.filter((g) => !g.attributed);
  assert.ok(unattributed.length <= 1);
  if (unattributed.length) {
    assert.equal(found.at(-1).speaker, 'Unattributed');
  }
  // Counts: most quoted speakers first; the tab's count is the number of quotes.
  const sizes = found.filter((g) => g.attributed).map((g) => g.quotes.length);
  assert.deepEqual(sizes, [...sizes].sort((a, b) => b - a));
  const total = found.reduce((n, g) => n + g.quotes.length, 0);
  assert.equal(await page.textContent('#quote-count'), `(${total})`);
  const docs = await page.$$eval('#document-list .document-name', (ns) => ns.map((n) => n.textContent));
  for (const g of found) for (const q of g.quotes) assert.ok(docs.includes(q.doc), q.doc);
  assert.ok(found.some((g) => g.quotes.some((q) => q.via)), 'some quote credits an outlet');
  await screenshot(page, 'quotes');
});

test('must jump from a quote to its words in the reader', async () => {
  const { page } = session;
  const first = page.locator('#quotes .quote-entry').first();
  const words = await first.locator('q').textContent();
  const doc = await first.locator('.quote-doc').textContent();
  await first.locator('.quote-text').click();
  await page.waitForSelector('#tab-reader[aria-selected="true"]');
  await page.waitForSelector(`#reader-meta dd:text-is("${doc}")`);
  const target = await page.$$eval('#reader .target', (ns) => ns.map((n) => n.textContent).join(''));
  assert.equal(target.trim(), words);
  await showView(page, 'quotes');
});

test('must open a speaker\'s entity page from the group heading', async () => {
  const { page } = session;
  const name = await page.textContent('#quotes .speaker-name >> nth=0');
  await page.click('#quotes .speaker-name >> nth=0');
  assert.equal((await entityPage(page)).name, name);
  assert.ok((await page.locator('#entity-page .entity-quotes q').count()) >= 1);
});

test('must switch views from the keyboard with the arrow keys, Home and End', async () => {
  const { page } = session;
  await page.focus('#tab-quotes');
  const steps = [
    ['ArrowRight', 'timeline'], ['ArrowRight', 'compare'], ['ArrowRight', 'graph'], ['ArrowRight', 'reader'], ['ArrowLeft', 'graph'],
    ['Home', 'reader'], ['End', 'graph'], ['ArrowLeft', 'compare'], ['ArrowLeft', 'timeline'], ['ArrowLeft', 'quotes'],
  ];
  for (const [key, view] of steps) {
    await page.keyboard.press(key);
    await page.waitForSelector(`#panel-${view}:not([hidden])`);
    assert.equal(await page.evaluate(() => document.activeElement.id), `tab-${view}`, key);
    assert.equal(await page.locator('.view-panel:not([hidden])').count(), 1);
  }
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#panel-entities:not([hidden])');
});
