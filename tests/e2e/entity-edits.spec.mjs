// Merging and splitting entities: ticked entities merge under one chosen
// name, an alias splits off into its own entity; the edits are kept in
// localStorage, applied again to the sample after a reload, exported with
// the report, and undone from the list.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { entityPage, entityRows, exportDownload, openPage, screenshot, showView, waitForDocuments } from './util.mjs';

const KEY = 'dossier.entity-edits.v1';
let session;
/** What the tests learn as they go: the sample's entity count, the merged names, the split alias. */
const seen = {};

before(async () => {
  session = await openPage();
  await session.page.click('#sample-button');
  await waitForDocuments(session.page, 5);
  await showView(session.page, 'entities');
});
after(() => session?.close());

const entityTotal = async (page) => Number((await page.textContent('#status')).match(/(\d+) entit/)[1]);
const row = (rows, name) => rows.find((r) => r[0] === name);
const stored = (page) => page.evaluate((key) => localStorage.getItem(key), KEY);

test('must merge two ticked entities under the name chosen for them', async () => {
  const { page } = session;
  seen.total = await entityTotal(page);
  assert.equal(await page.textContent('#entity-count'), `(${seen.total})`);
  // Two forms of the agency if the tagger keeps them apart; otherwise the two most mentioned entities.
  await page.fill('#entity-filter', 'Castellan');
  let rows = await entityRows(page);
  if (rows.length < 2 || rows[0][1] !== rows[1][1]) {
    await page.fill('#entity-filter', '');
    rows = await entityRows(page);
  }
  const [a, b] = rows;
  await page.check('#entity-body tr:nth-child(1) .select-box');
  await page.check('#entity-body tr:nth-child(2) .select-box');
  await page.waitForSelector('#merge-button');
  const options = await page.$$eval('#merge-name option', (os) => os.map((o) => o.textContent));
  assert.equal(options.length, 2);
  // The longer name is offered first; keep the other one to show the choice counts.
  const kept = options[1].replace(/ \((PER|ORG|LOC|MISC)\)$/, '');
  await page.selectOption('#merge-name', '1');
  await screenshot(page, 'edits-merge-bar');
  await page.click('#merge-button');
  await page.fill('#entity-filter', '');
  await page.waitForFunction((n) => document.getElementById('entity-count').textContent === `(${n})`, seen.total - 1);
  rows = await entityRows(page);
  const merged = row(rows, kept);
  assert.ok(merged, `a row named ${kept}`);
  assert.equal(Number(merged[4]), Number(a[4]) + Number(b[4]), 'mentions add up');
  const other = kept === a[0] ? b[0] : a[0];
  if (other !== kept) {
    assert.ok(!rows.some((r) => r[0] === other && r[1] === (kept === a[0] ? b[1] : a[1])), `${other} is gone`);
    assert.ok(merged[2].split(', ').includes(other), `${other} is an alias now: ${merged[2]}`);
  }
  const edits = await page.$$eval('#edit-list .edit-text', (ns) => ns.map((n) => n.textContent));
  assert.deepEqual(edits.length, 1);
  assert.match(edits[0], new RegExp(`^Merged .* into ${kept.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`));
  const saved = JSON.parse(await stored(page));
  assert.equal(saved.edits[0].kind, 'merge');
  assert.equal(saved.edits[0].name, kept);
  Object.assign(seen, { kept, mentions: Number(merged[4]) });
  await screenshot(page, 'edits-merged');
});

test('must apply the merge again to the sample loaded after a reload', async () => {
  const { page } = session;
  await page.reload();
  await page.waitForSelector('#version:not(:empty)');
  await page.click('#sample-button');
  await waitForDocuments(page, 5);
  assert.match(await page.textContent('#status'), /· 1 entity edit applied$/);
  assert.equal(await entityTotal(page), seen.total - 1);
  await showView(page, 'entities');
  const merged = row(await entityRows(page), seen.kept);
  assert.equal(Number(merged[4]), seen.mentions);
  assert.equal(await page.locator('#edit-list .edit').count(), 1);
  assert.equal(await page.locator('#edit-list .edit.unused').count(), 0);
});

test('must split an alias off an entity into an entity of its own', async () => {
  const { page } = session;
  // The first entity (most mentioned) with more than one written form.
  const rows = await entityRows(page);
  const index = rows.findIndex((r) => r[2] !== '');
  assert.ok(index >= 0, 'some entity has aliases');
  const source = rows[index];
  await page.click(`#entity-body tr:nth-child(${index + 1}) .entity-name`);
  const before = await entityPage(page);
  assert.equal(before.name, source[0]);
  const alias = await page.textContent('#entity-page .entity-aliases li:has(.split) .alias');
  await page.click('#entity-page .entity-aliases li:has(.split) .split');
  await page.waitForFunction((n) => document.getElementById('entity-count').textContent === `(${n})`, seen.total);
  const after = await entityPage(page);
  assert.equal(after.name, source[0], 'the page stays on the entity');
  assert.ok(!after.aliases.includes(alias), `${alias} left ${after.aliases}`);
  const rowsAfter = await entityRows(page);
  const part = row(rowsAfter, alias);
  assert.ok(part, `a row named ${alias}`);
  assert.equal(Number(row(rowsAfter, source[0])[4]) + Number(part[4]), Number(source[4]), 'mentions are shared out');
  const edits = await page.$$eval('#edit-list .edit-text', (ns) => ns.map((n) => n.textContent));
  assert.equal(edits.at(-1), `Split “${alias}” off ${source[0]} (${source[1]})`);
  assert.equal(JSON.parse(await stored(page)).edits.length, 2);
  seen.alias = alias;
  await screenshot(page, 'edits-split');
});

test('must export the edited report, listing its edits, with every id valid', async () => {
  const { page } = session;
  const download = await exportDownload(page, '#export-button');
  const report = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(report.schema, 'dossier/1');
  assert.deepEqual(report.entity_edits.map((e) => e.kind), ['merge', 'split']);
  assert.equal(report.entities.length, seen.total);
  const ids = new Set(report.entities.map((e) => e.id));
  assert.equal(ids.size, report.entities.length);
  for (const doc of report.documents) {
    for (const m of doc.mentions) assert.ok(ids.has(m.entity), m.entity);
    for (const q of doc.quotes) for (const id of [q.speaker, q.via]) assert.ok(id === null || ids.has(id), id);
  }
  const names = report.entities.map((e) => e.name);
  assert.ok(names.includes(seen.kept) && names.includes(seen.alias));
  const part = report.entities.find((e) => e.name === seen.alias);
  const mentions = report.documents.flatMap((d) => d.mentions.filter((m) => m.entity === part.id));
  assert.equal(mentions.length, part.mentions);
  assert.ok(mentions.every((m) => m.text === seen.alias));
});

test('must undo edits from the list, newest first, and forget them', async () => {
  const { page } = session;
  await page.click('#edit-list .edit:last-child .undo');
  await page.waitForFunction((n) => document.getElementById('entity-count').textContent === `(${n})`, seen.total - 1);
  await page.click('#edit-list .edit:last-child .undo');
  await page.waitForFunction((n) => document.getElementById('entity-count').textContent === `(${n})`, seen.total);
  await page.waitForSelector('#edit-list .empty');
  assert.equal(await stored(page), null);
});
