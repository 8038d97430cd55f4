// The reader's document card, boilerplate folding and feed posts: a
// hand-written social-feed capture must show its posts as separate blocks;
// the sample's Harbor Herald page must show its publisher and byline; page
// furniture must fold into placeholders and open again, one run or all.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { dropFiles, entityPage, openPage, screenshot, selectDocument, waitForDocuments } from './util.mjs';

/** A feed capture in the shape of the seeds: "More Relevant Posts", lone "-" lines, comment prompts. */
const FEED = {
  name: 'port-feed.txt',
  type: 'text/plain',
  bytes: [
    "Velmora Port Authority's Post",
    'Velmora Port Authority',
    '12,480 followers',
    '5h',
    'All berths at North Quay are open again and the first container ships are being unloaded tonight.',
    'Like',
    'Comment',
    'Share',
    'To view or add a comment, sign in',
    'More Relevant Posts',
    '-',
    'Ines Harlow',
    'Logistics analyst | Ports and supply chains | Speaker',
    'Good news for shippers: freight rates on the northern route should ease by next month.',
    'To view or add a comment, sign in',
    '-',
    'Harbor Watch',
    '1,204 followers',
    'The strike cost the port 12 million euros a day, according to harbor officials.',
    'To view or add a comment, sign in',
    '-',
    'Tomasz Wieland',
    'Reporter at The Harbor Herald',
    'Dockers voted 812 to 97 to accept the pay deal, the union said on Tuesday.',
    'To view or add a comment, sign in',
    '',
  ].join('\n'),
  posts: [
    'All berths at North Quay are open again and the first container ships are being unloaded tonight.',
    'Good news for shippers: freight rates on the northern route should ease by next month.',
    'The strike cost the port 12 million euros a day, according to harbor officials.',
    'Dockers voted 812 to 97 to accept the pay deal, the union said on Tuesday.',
  ],
};

let session;
before(async () => {
  session = await openPage();
  await dropFiles(session.page, [FEED]);
  await waitForDocuments(session.page, 1);
});
after(() => session?.close());

const posts = (page) =>
  page.$$eval('#reader article.post', (articles) =>
    articles.map((a) => [a.querySelector('.post-label').textContent, a.querySelector('.post-text').textContent]),
  );

test('must show each post of a feed capture as its own block, labelled "Post N of M"', async () => {
  const { page } = session;
  const shown = await posts(page);
  assert.deepEqual(
    shown,
    FEED.posts.map((text, i) => [`Post ${i + 1} of ${FEED.posts.length}`, text]),
  );
  // The feed's chrome sits between the posts, dimmed.
  const between = await page.$$eval('#reader .between', (ns) => ns.map((n) => n.textContent));
  assert.ok(between.some((t) => t.includes('More Relevant Posts')), between.join(' | '));
  assert.ok(await page.locator('#reader .between .boilerplate').count() > 0);
  assert.match(await page.textContent('#reader-meta .doc-counts'), /^4 posts · /);
  await screenshot(page, 'reader-feed');
});

test('must fold the page furniture between posts with the toolbar button, and keep the posts', async () => {
  const { page } = session;
  await page.focus('#boilerplate-toggle');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#boilerplate-toggle[aria-pressed="true"]');
  const placeholders = await page.$$eval('#reader .run-placeholder', (bs) => bs.map((b) => b.textContent));
  assert.ok(placeholders.length >= 4, placeholders.join(' | '));
  for (const words of placeholders) assert.match(words, /^… \d+ lines? of page furniture( \(\d+ names?\))?$/);
  assert.equal(await page.locator('#reader .between .boilerplate').count(), 0);
  assert.ok(!(await page.textContent('#reader')).includes('More Relevant Posts'));
  assert.equal((await posts(page)).length, FEED.posts.length);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'boilerplate-toggle');
  await screenshot(page, 'reader-feed-collapsed');
});

test('must open a folded run when the entity page jumps to a name inside it', async () => {
  const { page } = session;
  // "Ines Harlow" heads the second post: feed chrome, folded away now.
  assert.ok(!(await page.textContent('#reader')).includes('Ines Harlow'));
  await page.click('#tab-entities');
  await page.click('#entity-body .entity-name:text-is("Ines Harlow")');
  const shown = await entityPage(page);
  assert.equal(shown.name, 'Ines Harlow');
  await page.click('#entity-page .mention-context');
  await page.waitForSelector('#tab-reader[aria-selected="true"]');
  await page.waitForSelector('#reader .run-open .target');
  assert.equal(await page.$$eval('#reader .target', (ns) => ns.map((n) => n.textContent).join('')), 'Ines Harlow');
  assert.ok(await page.isVisible('#reader .target'));
  // The opened run can be folded again from its own button, from the keyboard.
  await page.focus('#reader .run-open + .run-hide');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('#reader .run-open'));
  assert.equal(await page.evaluate(() => document.activeElement.className), 'run-placeholder');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#reader .run-open');
  await page.click('#boilerplate-toggle');
  await page.waitForSelector('#boilerplate-toggle[aria-pressed="false"]');
  assert.equal(await page.locator('#reader .run-placeholder, #reader .run-hide').count(), 0);
});

test('must show the Harbor Herald page\'s card: headline, publisher, author, date, labels and links', async () => {
  const { page } = session;
  await page.click('#sample-button');
  await waitForDocuments(page, 6);
  await selectDocument(page, 'harbor-herald.html');
  const card = await page.$eval('#reader-meta .doc-card', (root) => ({
    title: root.querySelector('.doc-title').textContent,
    facts: Object.fromEntries([...root.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent])),
    labels: [...root.querySelectorAll('.label-tag')].map((n) => n.textContent),
  }));
  assert.equal(card.facts.Publisher, 'The Harbor Herald');
  assert.ok((card.facts.By ?? card.facts.Authors ?? '').trim().length > 0, JSON.stringify(card.facts));
  assert.ok(card.title.length > 0);
  assert.match(card.facts.Format, /^html · utf-8$/);
  assert.equal(card.facts.File, 'harbor-herald.html');
  // Null fields are left out, not shown empty.
  for (const value of Object.values(card.facts)) assert.ok(value.trim(), JSON.stringify(card.facts));
  // Links fold away; opened, each is http(s) and opens without opener or referrer.
  const links = page.locator('#reader-meta details.doc-urls');
  if (await links.count()) {
    assert.equal(await links.getAttribute('open'), null);
    await page.click('#reader-meta .doc-urls summary');
    const anchors = await page.$$eval('#reader-meta .doc-urls a', (as) => as.map((a) => [a.getAttribute('href'), a.rel]));
    assert.ok(anchors.length > 0);
    for (const [href, rel] of anchors) {
      assert.match(href, /^https?:\/\//);
      assert.equal(rel, 'noopener noreferrer');
    }
  }
  await screenshot(page, 'reader-card');
});

test('must fold an article\'s page furniture into placeholders that open one at a time or all at once', async () => {
  const { page } = session;
  const full = await page.textContent('#reader .reader-text');
  await page.click('#boilerplate-toggle');
  await page.waitForSelector('#reader .run-placeholder');
  const count = await page.locator('#reader .run-placeholder').count();
  assert.ok(count >= 1);
  assert.ok((await page.textContent('#reader .reader-text')).length < full.length);
  await screenshot(page, 'reader-collapsed');
  await page.click('#reader .run-placeholder >> nth=0');
  await page.waitForSelector('#reader .run-open');
  assert.equal(await page.locator('#reader .run-placeholder').count(), count - 1);
  assert.ok(await page.locator('#reader .run-open .boilerplate').count() > 0);
  // Another document keeps the toggle but starts folded.
  await selectDocument(page, 'castellan-wire.txt');
  assert.equal(await page.getAttribute('#boilerplate-toggle', 'aria-pressed'), 'true');
  assert.equal(await page.locator('#reader .run-open').count(), 0);
  // All at once: the toggle shows everything, the text exactly as it was.
  await selectDocument(page, 'harbor-herald.html');
  await page.click('#boilerplate-toggle');
  await page.waitForSelector('#boilerplate-toggle[aria-pressed="false"]');
  assert.equal(await page.textContent('#reader .reader-text'), full);
  assert.deepEqual(session.errors, []);
});

test('must single out an AI-generation disclosure among the labels', async () => {
  const { page } = session;
  await dropFiles(page, [{
    name: 'neuro-rewrite.txt',
    type: 'text/plain',
    bytes: [
      'Velmora Dock Strike Ends With New Pay Deal',
      '',
      'By Marcus Collins',
      '',
      'Dockers in Velmora returned to work on Wednesday after accepting a three-year contract, the Allied Dockers Union said.',
      '',
      'The deal raises wages by 6 percent and caps night shifts, union president Zoë Ångström-Lind told reporters at the North Quay gate.',
      '',
      'This story was generated using Benzinga Neuro and edited by Pooja Rajkumari.',
      '',
    ].join('\n'),
  }]);
  await waitForDocuments(page, 7);
  await selectDocument(page, 'neuro-rewrite.txt');
  const ai = await page.$$eval('#reader-meta .label-tag.label-ai', (ns) => ns.map((n) => n.textContent));
  assert.equal(ai.length, 1, ai.join(' | '));
  assert.match(ai[0], /generated using Benzinga Neuro/);
  assert.match(await page.textContent('#reader-meta .fact-authors'), /Marcus Collins/);
  await screenshot(page, 'reader-card-ai');
});
