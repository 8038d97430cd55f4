// Thousands of files dropped at once: the progress bar moves file by file,
// the page keeps drawing (the probe prints the longest main-thread block;
// nothing asserts a time), long lists are windowed, Cancel stops a batch
// keeping what was analyzed, and a batch past the tab's limit on text
// stops there and says so.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { generatedArticles } from './fixtures.mjs';
import { dropMany, startProbe, startProgressLog, stopProbe, stopProgressLog, waitForCount } from './page-probe.mjs';
import { openPage, screenshot, showView } from './util.mjs';

let session;
before(async () => {
  session = await openPage();
});
after(() => session?.close());

const TINY = 3000;
const ARTICLES = 1000;
/** The Cancel test's batch: large enough that it is still running when the
 * click lands, 30 files in, on a loaded machine (with 1,000, a CI run beside
 * a fuzzer saw the click arrive after the last file). */
const TO_CANCEL = 4000;

/** Drops `files`, waits for `expected` documents; returns the probe's figures, the progress values seen and the seconds taken. */
async function dropAndMeasure(page, files, expected) {
  await startProbe(page);
  await startProgressLog(page);
  const started = Date.now();
  await dropMany(page, files);
  await waitForCount(page, expected);
  const seconds = (Date.now() - started) / 1000;
  return { probe: await stopProbe(page), seen: await stopProgressLog(page), seconds };
}

/**
 * The bar moved through values between the start and the end, never back.
 * How many values it shows depends on how fast the batch runs (the page
 * draws a running batch at most every 100 ms), so only a few in-between
 * steps are required: a faster machine must not fail the test.
 */
function assertProgressMoved(seen, total) {
  const between = seen.filter((v) => v > 0 && v < total);
  assert.ok(between.length >= 3, `progress values seen: ${seen.join(', ')}`);
  assert.ok(seen.every((v, i) => i === 0 || v >= seen[i - 1]), 'progress never goes back');
}

test(`must analyze ${TINY} tiny files with a moving progress bar and a windowed list`, async () => {
  const { page, errors } = session;
  const files = Array.from({ length: TINY }, (_, i) => ({
    name: `note-${String(i).padStart(4, '0')}.txt`,
    type: 'text/plain',
    text: `Note ${i}: Ingrid Solberg met the Port Authority in Velmora.\n`,
  }));
  const { probe, seen, seconds } = await dropAndMeasure(page, files, TINY);
  console.log(`[scale] ${TINY} tiny files: ${seconds.toFixed(1)} s; longest frame gap ${probe.maxGap} ms, ` +
    `longest long task ${probe.maxLongTask} ms (${probe.longTasks} over 50 ms, ${probe.frames} frames); ${seen.length} distinct progress values`);
  assertProgressMoved(seen, TINY);
  assert.match(await page.textContent('#status'), new RegExp(`^${TINY} documents`));
  // Windowed: 200 entries and a button for the rest.
  assert.equal(await page.locator('#document-list > li.document').count(), 200);
  assert.match(await page.textContent('#documents-more'), /Show 200 more \(2800 not shown\)/);
  await page.click('#documents-more');
  assert.equal(await page.locator('#document-list > li.document').count(), 400);
  assert.equal(await page.textContent('#document-list > li.document:nth-child(400) .document-name'), 'note-0399.txt');
  assert.deepEqual(errors, []);
  await page.click('#clear-button');
  await page.waitForFunction(() => document.getElementById('document-count').textContent === '');
});

test(`must analyze ${ARTICLES} realistic articles dropped at once and keep every view usable`, async () => {
  const { page, errors } = session;
  const { probe, seen, seconds } = await dropAndMeasure(page, generatedArticles(ARTICLES), ARTICLES);
  console.log(`[scale] ${ARTICLES} articles: ${seconds.toFixed(1)} s; longest frame gap ${probe.maxGap} ms, ` +
    `longest long task ${probe.maxLongTask} ms (${probe.longTasks} over 50 ms, ${probe.frames} frames); ${seen.length} distinct progress values`);
  assertProgressMoved(seen, ARTICLES);
  assert.match(await page.textContent('#status'), new RegExp(`^${ARTICLES} documents`));
  assert.ok(await page.locator('#reader mark.m-PER').count() > 0, 'the first article is shown with names marked');
  for (const view of ['entities', 'quotes', 'timeline']) {
    const t0 = Date.now();
    await showView(page, view);
    console.log(`[scale] ${view} tab shown in ${Date.now() - t0} ms`);
  }
  // Entities, quotes and timeline are windowed: 300 entries, then "Show more" adds 300.
  for (const [view, entries, button] of [
    ['entities', '#entity-body tr:not(.more-row)', '#entities-more'],
    ['quotes', '#quotes li.quote-entry', '#quotes-more'],
    ['timeline', '#timeline li.item, #timeline .unplaced li', '#timeline-more'],
  ]) {
    await showView(page, view);
    assert.equal(await page.locator(entries).count(), 300, `${view}: first window`);
    const hidden = Number((await page.textContent(button)).match(/\((\d+) not shown\)/)[1]);
    await page.click(button);
    assert.equal(await page.locator(entries).count(), 300 + Math.min(300, hidden), `${view}: after Show more`);
    assert.ok(await page.evaluate((b) => document.activeElement === document.querySelector(b), button) || hidden <= 300, `${view}: focus stays on the button`);
    if (hidden > 300) {
      await page.locator(button).scrollIntoViewIfNeeded();
      await screenshot(page, `scale-${view}-more`);
    }
  }
  await screenshot(page, 'scale-articles');
  // The most mentioned entity's page draws its first 300 mentions, then Show more.
  await showView(page, 'entities');
  await page.click('#entity-body tr:first-child .entity-name');
  await page.waitForSelector('#entity-page .mention-context');
  const mentions = Number((await page.textContent('#entity-page .entity-section:last-child h4')).match(/\((\d+)\)/)[1]);
  assert.ok(mentions > 300, `${mentions} mentions`);
  assert.equal(await page.locator('#entity-page .mention-context').count(), 300);
  await page.click('#entity-mentions-more');
  assert.equal(await page.locator('#entity-page .mention-context').count(), Math.min(600, mentions));
  await screenshot(page, 'scale-entity-page');
  await page.click('#entity-page .close');
  assert.deepEqual(errors, []);
  await showView(page, 'reader');
  await page.click('#clear-button');
  await page.waitForFunction(() => document.getElementById('document-count').textContent === '');
});

test('must stop a batch on Cancel, keep what was analyzed and say so', async () => {
  const { page, errors } = session;
  await startProbe(page);
  await dropMany(page, generatedArticles(TO_CANCEL, 11));
  await page.waitForFunction(() => document.getElementById('progress-bar').value >= 30);
  await screenshot(page, 'scale-progress');
  const t0 = Date.now();
  await page.click('#cancel-button');
  await page.waitForFunction(() => document.getElementById('progress').hidden, null, { timeout: 60_000 });
  const probe = await stopProbe(page);
  console.log(`[scale] cancel to idle: ${Date.now() - t0} ms; longest frame gap ${probe.maxGap} ms`);
  const status = await page.textContent('#status');
  const match = status.match(new RegExp(`^Cancelled: (\\d+) of ${TO_CANCEL} files analyzed and kept; the other (\\d+) were not added\\.$`));
  assert.ok(match, status);
  const kept = Number(match[1]);
  assert.ok(kept >= 30 && kept < TO_CANCEL, `kept ${kept}`);
  assert.equal(kept + Number(match[2]), TO_CANCEL);
  assert.equal(await page.textContent('#document-count'), `(${kept})`);
  assert.equal(await page.textContent('#document-list > li.document:first-child .document-name'), 'article-0001.txt');
  await screenshot(page, 'scale-cancelled');
  // The analyzer holds exactly the kept documents: one more file makes kept + 1.
  await dropMany(page, [{ name: 'after-cancel.txt', type: 'text/plain', text: 'Henrik Dahlgren spoke in Velmora on Monday.\n' }]);
  await waitForCount(page, kept + 1);
  assert.deepEqual(errors, []);
});

test('must stop at the tab\'s limit on text, keep what was analyzed, say so, and take files again once cleared', async () => {
  const limit = 20_000;
  const own = await openPage({ init: { script: (n) => { globalThis.dossierMaxCharacters = n; }, arg: limit } });
  try {
    const { page, errors } = own;
    const articles = generatedArticles(40, 5);
    assert.ok(articles.reduce((n, a) => n + a.text.length, 0) > 2 * limit, 'the batch is over the limit');
    await dropMany(page, articles);
    await page.waitForFunction(() => document.getElementById('progress').hidden && /^Stopped/.test(document.getElementById('status').textContent), null, { timeout: 120_000 });
    const status = await page.textContent('#status');
    const match = status.match(/^Stopped at this tab's limit of 20,000 characters of text: (\d+) of 40 files analyzed and kept; the other (\d+) were left out\. Clear the set to analyze others here; the dossier command line has no such limit\.$/);
    assert.ok(match, status);
    const kept = Number(match[1]);
    assert.equal(kept + Number(match[2]), 40);
    // the documents kept hold the limit, and all but the last hold less
    const sizes = articles.slice(0, kept).map((a) => [...a.text].length);
    assert.ok(sizes.reduce((a, b) => a + b) >= limit && sizes.slice(0, -1).reduce((a, b) => a + b, 0) < limit, `kept ${kept}: ${sizes}`);
    assert.equal(await page.textContent('#document-count'), `(${kept})`);
    await screenshot(page, 'scale-tab-full');
    // A later file is refused too, unread; once cleared, files go in again.
    await dropMany(page, [{ name: 'one-more.txt', type: 'text/plain', text: 'Henrik Dahlgren spoke in Velmora on Monday.\n' }]);
    await page.waitForFunction(() => /^Stopped.*: 0 of 1 file analyzed/.test(document.getElementById('status').textContent), null, { timeout: 60_000 });
    assert.equal(await page.textContent('#document-count'), `(${kept})`);
    await page.click('#clear-button');
    await page.waitForFunction(() => document.getElementById('document-count').textContent === '');
    await dropMany(page, [{ name: 'after-clear.txt', type: 'text/plain', text: 'Henrik Dahlgren spoke in Velmora on Monday.\n' }]);
    await waitForCount(page, 1);
    assert.deepEqual(errors, []);
  } finally {
    await own.close();
  }
});
