// The Compare view: the sample's documents side by side, entity counts
// that agree with the entities table, one quotation grouped across the
// documents that carry it, facts stated differently, the story filter,
// and the copy pairs (listed there and in the reader). Assertions hold
// whether or not the report carries `copies` and `discrepancies`.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { dropFiles, entityPage, entityRows, openPage, screenshot, showView, waitForDocuments } from './util.mjs';

let session;
before(async () => {
  session = await openPage();
  await session.page.click('#sample-button');
  await waitForDocuments(session.page, 5);
  await showView(session.page, 'compare');
});
after(() => session?.close());

/** The table as read from the page: column file names, and each section's rows. */
function table(page) {
  return page.$eval('#compare .compare-table', (grid) => ({
    stories: [...grid.querySelectorAll('.story-head')].map((th) => ({ title: th.textContent, span: Number(th.getAttribute('colspan')) })),
    columns: [...grid.querySelectorAll('.doc-head')].map((th) => ({
      name: th.querySelector('.note').textContent,
      headline: th.querySelector('.doc-open').textContent,
      outlet: th.querySelector('.doc-outlet').textContent,
      date: th.querySelector('.doc-date').textContent,
    })),
    entities: [...grid.querySelectorAll('.entity-row')].map((tr) => ({
      name: tr.querySelector('.entity-name').textContent,
      type: tr.querySelector('.tag').textContent,
      alone: Boolean(tr.querySelector('.alone')),
      counts: [...tr.querySelectorAll('td')].map((td) => Number(td.textContent || 0)),
    })),
    quotes: [...grid.querySelectorAll('.quote-row')].map((tr) => ({
      alone: Boolean(tr.querySelector('.alone')),
      cells: [...tr.querySelectorAll('td')].map((td) => [...td.querySelectorAll('q')].map((q) => q.textContent)),
    })),
    facts: [...grid.querySelectorAll('.fact-row')].map((tr) => ({
      values: [...tr.querySelectorAll('.fact-value')].map((b) => ({ value: b.querySelector('mark').textContent, differs: b.classList.contains('differs') })),
    })),
  }));
}

test('must show one column per document, under its story, with headline, outlet and date', async () => {
  const { page } = session;
  const found = await table(page);
  const docs = await page.$$eval('#document-list .document-name', (ns) => ns.map((n) => n.textContent));
  assert.equal(found.columns.length, docs.length);
  assert.deepEqual([...found.columns.map((c) => c.name)].sort(), [...docs].sort());
  assert.equal(found.stories.reduce((n, s) => n + s.span, 0), docs.length, JSON.stringify(found.stories));
  const wire = found.columns.find((c) => c.name === 'castellan-wire.txt');
  assert.match(wire.headline, /Velmora port strike ends/);
  assert.equal(wire.date, '2025-03-04');
  assert.equal(found.columns.find((c) => c.name === 'harbor-herald.html').outlet, 'The Harbor Herald');
  assert.match(await page.textContent('#compare-summary'), /^5 documents · /);
  await screenshot(page, 'compare');
});

test('must count each entity per document as the entities table does, marking names one document alone carries', async () => {
  const { page } = session;
  const found = await table(page);
  await showView(page, 'entities');
  const rows = await entityRows(page);
  await showView(page, 'compare');
  assert.equal(found.entities.length, rows.length);
  for (const row of found.entities) {
    const match = rows.find((r) => r[0] === row.name && r[1] === row.type);
    assert.ok(match, `${row.name} (${row.type}) is in the entities table`);
    const documents = row.counts.filter(Boolean).length;
    assert.equal(documents, Number(match[3]), `${row.name}: documents`);
    assert.equal(row.counts.reduce((a, b) => a + b, 0), Number(match[4]), `${row.name}: mentions`);
    if (documents === 1) assert.ok(row.alone, `${row.name} is named by one document only`);
  }
  const velmora = found.entities.find((r) => r.name === 'Velmora' && r.type === 'LOC');
  assert.ok(velmora.counts.filter(Boolean).length >= 3, JSON.stringify(velmora));
});

test('must group one quotation across documents with each document\'s wording, and jump to it', async () => {
  const { page } = session;
  const found = await table(page);
  const shared = found.quotes.find((q) => q.cells.flat().some((t) => /we got what we came for/i.test(t)));
  assert.ok(shared, JSON.stringify(found.quotes));
  const carriers = found.columns.filter((_, i) => shared.cells[i].length).map((c) => c.name);
  for (const name of ['castellan-wire.txt', 'rewrite-dailybuzz.txt', 'feed-capture.txt']) assert.ok(carriers.includes(name), carriers.join(', '));
  assert.ok(!shared.alone);
  // Each document keeps its own wording (the rewrite lower-cases it).
  assert.ok(new Set(shared.cells.flat()).size >= 2, JSON.stringify(shared.cells));
  for (const q of found.quotes) if (q.cells.filter((c) => c.length).length === 1) assert.ok(q.alone);
  const quote = page.locator('#compare .quote-row').filter({ hasText: /we got what we came for/i }).locator('.quote-text').first();
  const words = await quote.locator('q').textContent();
  await quote.click();
  await page.waitForSelector('#tab-reader[aria-selected="true"]');
  assert.equal(await page.$$eval('#reader .target', (ns) => ns.map((n) => n.textContent).join('')), words);
  await showView(page, 'compare');
});

test('must mark values that differ in each fact stated differently', async () => {
  const { page } = session;
  const found = await table(page);
  assert.equal(await page.locator('#compare .section-facts .section-head').count(), 1);
  // The sample plants one: 41 ships waiting in the wire and the Herald, 40 in the rewrite.
  const ships = found.facts.find((f) => f.values.some((v) => v.value.includes('40')) && f.values.some((v) => v.value.includes('41')));
  assert.ok(ships, JSON.stringify(found.facts));
  for (const fact of found.facts) {
    assert.ok(fact.values.length >= 2, JSON.stringify(fact));
    assert.ok(new Set(fact.values.map((v) => v.value)).size >= 2, 'a discrepancy has two values');
    assert.ok(fact.values.some((v) => v.differs), JSON.stringify(fact));
  }
});

test('must filter the columns by story', async () => {
  const { page } = session;
  const options = await page.$$eval('#compare-story option', (os) => os.map((o) => ({ value: o.value, text: o.textContent })));
  assert.equal(options[0].value, '');
  assert.ok(options.length >= 2, 'the sample has a story');
  const story = options[1];
  const documents = Number(/· (\d+) documents?$/.exec(story.text)[1]);
  await page.selectOption('#compare-story', story.value);
  await page.waitForFunction((n) => document.querySelectorAll('#compare .doc-head').length === n, documents);
  assert.equal((await table(page)).stories.length, 1);
  await page.selectOption('#compare-story', '');
  await page.waitForFunction(() => document.querySelectorAll('#compare .doc-head').length === 5);
});

/** A wire story and a later report that lifts a passage of it word for word. */
const WIRE = `Port of Velmora reopens after strike

March 4, 2025

Dockworkers in Velmora returned to the piers on Tuesday after the Allied Dockers Union accepted a contract offer from the Port Authority of Velmora, ending a nine-day stoppage that had idled dozens of container ships along the northern coast. The agreement raises pay by six percent a year.
`;
const LIFTED = `Velmora strike is over

March 6, 2025

In a recent development, dockworkers in Velmora returned to the piers on Tuesday after the Allied Dockers Union accepted a contract offer from the Port Authority of Velmora, ending a nine-day stoppage. Readers said they were relieved, and shipping firms are waiting to see how fast the backlog clears.
`;

test('must list the copy pairs, and show each one\'s links and shared passages in the reader', async () => {
  const { page } = session;
  // The sample's reports are all written anew: no copies.
  assert.equal(await page.textContent('#compare .copies h3'), 'Copies (0)');
  assert.equal(await page.textContent('#compare .copies .empty'), 'No document here copies another.');
  // The later report is dropped first: the dates, not the order, name the origin.
  await dropFiles(page, [{ name: 'lifted.txt', bytes: LIFTED }, { name: 'wire.txt', bytes: WIRE }]);
  await waitForDocuments(page, 7);
  await showView(page, 'compare');
  const pairs = await page.$$eval('#compare .copy-pair', (lis) => lis.map((li) => ({
    copy: li.querySelector('.copy-copy').textContent,
    source: li.querySelector('.copy-source').textContent,
    note: li.querySelector('.note').textContent,
  })));
  assert.equal(await page.textContent('#compare .copies h3'), `Copies (${pairs.length})`);
  // Both new files also repeat a sentence of the sample's wire story.
  const at = pairs.findIndex((p) => p.copy === 'lifted.txt' && p.source === 'wire.txt');
  assert.ok(at >= 0, JSON.stringify(pairs));
  for (const p of pairs) assert.match(p.note, /^ · \d+% similar · origin by [a-z ]+ · \d+ shared passages?$/);
  const { copy, source, note } = pairs[at];
  assert.match(note, /origin by earlier date/);
  await page.locator('#compare .copy-pair').nth(at).locator('.copy-copy').click();
  await page.waitForSelector(`#reader-meta dd:text-is("${copy}")`);
  const links = await page.$$eval('#reader-meta .copy-link', (lis) => lis.map((li) => li.textContent));
  assert.ok(links.some((l) => l.startsWith('This document copies')), links.join('\n'));
  const shared = (await page.$$eval('#reader .shared', (els) => els.map((e) => e.textContent).join(''))).replace(/\s+/g, ' ');
  assert.match(shared, /Allied Dockers Union accepted a contract offer/);
  await screenshot(page, 'reader-copies');
  // The origin lists the copy as "Copied by".
  await page.locator('#reader-meta .copy-link.role-copies .copy-other').first().click();
  await page.waitForSelector(`#reader-meta dd:text-is("${source}")`);
  const back = await page.$$eval('#reader-meta .copy-link', (lis) => lis.map((li) => li.textContent));
  assert.ok(back.some((l) => l.startsWith('Copied by')), back.join('\n'));
  await showView(page, 'compare');
});

test('must open an entity\'s page from its row', async () => {
  const { page } = session;
  await page.locator('#compare .entity-row .entity-name').first().click();
  const opened = await entityPage(page);
  const first = (await table(page)).entities[0].name;
  assert.equal(opened.name, first);
  assert.deepEqual(session.errors, []);
  for (const url of session.requests) assert.equal(new URL(url).origin, session.origin, `request to ${url}`);
});

test('must show quotes and names with markup as text in Compare and Graph', async () => {
  const { page, dialogs } = session;
  await page.click('#clear-button');
  await page.waitForFunction(() => document.querySelectorAll('#document-list > li').length === 0);
  const hostile = [
    'Mara Quist <img src=x onerror="window.__pwned=1"> met Tomasz Wieland in Velmora on Monday.',
    '"<svg onload=window.__pwned=1>We will not sign this <b>deal</b>," Mara Quist said.',
    '',
  ].join('\n');
  await dropFiles(page, [
    { name: 'a.txt', bytes: hostile },
    { name: 'b.txt', bytes: `${hostile}\nTomasz Wieland said the Velmora port would reopen.` },
  ]);
  await waitForDocuments(page, 2);
  await showView(page, 'compare');
  await page.waitForFunction(() => document.querySelectorAll('#compare .doc-head').length === 2);
  const quotes = await page.$$eval('#compare .quote-row q', (qs) => qs.map((q) => q.textContent));
  assert.ok(quotes.some((q) => q.includes('<b>deal</b>')), quotes.join(' | '));
  await showView(page, 'graph');
  await page.waitForSelector('#graph svg .node');
  const inside = await page.$$eval('#compare *, #graph *', (nodes) => [...new Set(nodes.map((n) => n.tagName.toLowerCase()))]);
  for (const tag of ['img', 'script', 'iframe', 'b']) assert.ok(!inside.includes(tag), `<${tag}> in ${inside}`);
  assert.equal(await page.locator('#compare svg, #graph svg svg').count(), 0);
  assert.deepEqual(dialogs, []);
  assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined');
});
