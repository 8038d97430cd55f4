// Shared helpers for the end-to-end specs: the local server, a fresh
// headless Chromium (Debian's, through playwright-core), a page that
// records every request it makes, synthetic drops, and waits on selectors
// (never on the clock).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OUT = path.join(REPO, 'tests', 'e2e', 'out');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts the server (unless `fileUrl` is given) and a fresh browser; opens
 * the page (after `init.script(init.arg)`, when given, has run in it).
 * Returns `{page, context, url, requests, dialogs, errors, close}`:
 * `requests` lists the URL of every request the browser made, `dialogs`
 * every alert/confirm/prompt, `errors` uncaught page errors.
 */
export async function openPage({ fileUrl = null, viewport = { width: 1440, height: 900 }, init = null, routes = null, waitReady = true } = {}) {
  const server = fileUrl ? null : await startServer();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    acceptDownloads: true,
  });
  // run in the page before its own scripts: `init.script(init.arg)`
  if (init) await context.addInitScript(init.script, init.arg);
  // answer some requests otherwise: `routes(context)` (context.route calls)
  if (routes) await routes(context);
  const requests = [];
  const dialogs = [];
  const errors = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  const url = fileUrl ?? server.url;
  await page.goto(url);
  if (waitReady) await page.waitForSelector('#version:not(:empty)');
  const close = async () => {
    await context.close();
    if (server) await server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { page, context, url, origin: server ? new URL(server.url).origin : null, requests, dialogs, errors, close };
}

/**
 * Drops `files` (`[{name, bytes: Uint8Array|number[]|string, type}]`) on the
 * drop zone with a synthetic drop event carrying a DataTransfer.
 */
export async function dropFiles(page, files) {
  const payload = files.map(({ name, bytes, type = '' }) => ({
    name,
    type,
    bytes: typeof bytes === 'string' ? [...Buffer.from(bytes, 'utf8')] : [...bytes],
  }));
  await page.evaluate((files) => {
    const transfer = new DataTransfer();
    for (const f of files) transfer.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
    const zone = document.getElementById('drop-zone');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    }
  }, payload);
}

/** Waits until the page shows a finished report with `count` documents. */
export async function waitForDocuments(page, count) {
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('#document-list > li').length === n &&
      document.getElementById('progress').hidden &&
      !document.getElementById('export-button').disabled,
    count,
  );
}

/** Opens the Export menu, chooses the item `selector` (#export-button is JSON) and returns the download. */
export async function exportDownload(page, selector) {
  await page.click('#export-menu-button');
  await page.waitForSelector('#export-menu:not([hidden])');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return download;
}

/** Saves a screenshot under tests/e2e/out/ and returns its path. */
export async function screenshot(page, name) {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** The text of every row of the entities table, as arrays of cell texts. */
export function entityRows(page) {
  return page.$$eval('#entity-body tr', (rows) =>
    rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent.trim())),
  );
}

/** Clicks the document named `name` in the list and waits for the reader to show it. */
export async function selectDocument(page, name) {
  await page.click(`#document-list .document-button:has(.document-name:text-is("${name}"))`);
  await page.waitForSelector(`#reader-meta dd:text-is("${name}")`);
}

/** Opens the whole of a long document in the reader (it draws 200,000 characters at a time). */
export async function showWholeDocument(page) {
  while (await page.$('#reader-more')) await page.click('#reader-more');
}

/** Switches the main pane to `view` (reader, entities, quotes, timeline) with its tab and waits for its panel. */
export async function showView(page, view) {
  await page.click(`#tab-${view}`);
  await page.waitForSelector(`#panel-${view}:not([hidden])`);
  await page.waitForSelector(`#tab-${view}[aria-selected="true"]`);
}

/** The open entity page: its title, alias texts, document file names and mention snippets. */
export async function entityPage(page) {
  await page.waitForSelector('#entity-page .entity-title');
  return page.$eval('#entity-page', (root) => ({
    name: root.querySelector('.entity-title').textContent,
    aliases: [...root.querySelectorAll('.entity-aliases .alias')].map((n) => n.textContent),
    documents: [...root.querySelectorAll('.entity-docs li')].map((n) => n.querySelector('.note').textContent.trim().split(' · ')[0]),
    mentions: [...root.querySelectorAll('.mention-context')].map((n) => ({ text: n.textContent, mark: n.querySelector('mark').textContent })),
  }));
}
