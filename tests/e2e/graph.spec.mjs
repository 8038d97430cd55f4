// The Graph view: the sample's entities as a d3-force network (one circle
// per entity, coloured by type, sized by mentions), filtered by type and
// story; a circle opens the entity's page. Also from dist/dossier.html
// opened from disk, where the bundled d3-force must run under its CSP.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, entityPage, entityRows, openPage, screenshot, showView, waitForDocuments } from './util.mjs';

let session;
let entities;
before(async () => {
  session = await openPage();
  await session.page.click('#sample-button');
  await waitForDocuments(session.page, 5);
  await showView(session.page, 'entities');
  entities = await entityRows(session.page);
  await showView(session.page, 'graph');
  await session.page.waitForSelector('#graph svg .node');
});
after(() => session?.close());

/** Every node and edge as drawn. */
function drawing(page) {
  return page.$eval('#graph svg', (svg) => {
    const [, , width, height] = svg.getAttribute('viewBox').split(' ').map(Number);
    return {
      width,
      height,
      nodes: [...svg.querySelectorAll('.node')].map((g) => {
        const [, x, y] = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(g.getAttribute('transform')).map(Number);
        return {
          id: g.dataset.entity,
          name: g.querySelector('title').textContent.split(', ')[0],
          label: [...g.classList].find((c) => /^n-/.test(c)).slice(2),
          mentions: Number(g.dataset.mentions),
          r: Number(g.querySelector('circle').getAttribute('r')),
          fill: getComputedStyle(g.querySelector('circle')).fill,
          x,
          y,
        };
      }),
      edges: [...svg.querySelectorAll('.edge')].map((l) => ({ source: l.dataset.source, target: l.dataset.target, weight: Number(l.dataset.weight), width: Number(l.getAttribute('stroke-width')) })),
    };
  });
}

const byType = (rows) => rows.reduce((m, [type]) => ({ ...m, [type]: (m[type] ?? 0) + 1 }), {});

test('must draw one circle per entity, coloured by type and sized by mentions, inside the picture', async () => {
  const { page } = session;
  const { nodes, edges, width, height } = await drawing(page);
  assert.equal(nodes.length, entities.length);
  assert.deepEqual(byType(nodes.map((n) => [n.label])), byType(entities.map((r) => [r[1]])));
  for (const n of nodes) {
    const row = entities.find((r) => r[0] === n.name && r[1] === n.label);
    assert.ok(row, `${n.name} (${n.label}) is in the entities table`);
    assert.equal(n.mentions, Number(row[4]), n.name);
    assert.ok(n.x - n.r >= -0.5 && n.x + n.r <= width + 0.5 && n.y - n.r >= -0.5 && n.y + n.r <= height + 0.5, `${n.name} inside`);
  }
  // Circles grow with mentions; types have their own colours.
  const sorted = [...nodes].sort((a, b) => a.mentions - b.mentions);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].r >= sorted[i - 1].r, `${sorted[i].name} >= ${sorted[i - 1].name}`);
  const fills = new Map(nodes.map((n) => [n.label, n.fill]));
  assert.equal(new Set(fills.values()).size, fills.size, JSON.stringify([...fills]));
  // Edges join drawn nodes; heavier edges are no thinner. Not all nodes sit on one spot.
  const ids = new Set(nodes.map((n) => n.id));
  assert.ok(edges.length >= 1);
  for (const e of edges) assert.ok(ids.has(e.source) && ids.has(e.target), JSON.stringify(e));
  const heavy = [...edges].sort((a, b) => a.weight - b.weight);
  for (let i = 1; i < heavy.length; i++) assert.ok(heavy[i].width >= heavy[i - 1].width);
  assert.ok(new Set(nodes.map((n) => `${Math.round(n.x / 10)},${Math.round(n.y / 10)}`)).size > nodes.length / 2);
  assert.match(await page.textContent('#graph-summary'), new RegExp(`^${entities.length} entities · ${edges.length} links? · `));
  await screenshot(page, 'graph');
});

test('must filter by entity type and by story', async () => {
  const { page } = session;
  await page.selectOption('#graph-type', 'PER');
  const people = entities.filter((r) => r[1] === 'PER').length;
  await page.waitForFunction((n) => document.querySelectorAll('#graph .node').length === n && !document.querySelector('#graph .node:not(.n-PER)'), people);
  const { nodes, edges } = await drawing(page);
  const ids = new Set(nodes.map((n) => n.id));
  for (const e of edges) assert.ok(ids.has(e.source) && ids.has(e.target));
  await screenshot(page, 'graph-people');
  await page.selectOption('#graph-type', '');
  await page.waitForFunction((n) => document.querySelectorAll('#graph .node').length === n, entities.length);

  const options = await page.$$eval('#graph-story option', (os) => os.map((o) => o.value));
  assert.ok(options.length >= 2);
  await page.selectOption('#graph-story', options[1]);
  await page.waitForFunction(() => document.querySelector('#graph-story').value !== '');
  // Every entity of the sample is in its one story; a story's nodes are at most all of them.
  const inStory = (await drawing(page)).nodes.length;
  assert.ok(inStory >= 1 && inStory <= entities.length);
  await page.selectOption('#graph-story', '');
  await page.waitForFunction((n) => document.querySelectorAll('#graph .node').length === n, entities.length);
});

test('must open an entity\'s page from its circle, by mouse and by keyboard', async () => {
  const { page } = session;
  const { nodes } = await drawing(page);
  const target = nodes.find((n) => n.name === 'Zoë Ångström-Lind') ?? nodes[0];
  await page.click(`#graph .node[data-entity="${target.id}"] circle`);
  assert.equal((await entityPage(page)).name, target.name);
  await page.waitForSelector(`#graph .node.focus[data-entity="${target.id}"]`);
  const other = nodes.find((n) => n.id !== target.id);
  await page.focus(`#graph .node[data-entity="${other.id}"]`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((name) => document.querySelector('#entity-page .entity-title')?.textContent === name, other.name);
  assert.deepEqual(session.errors, []);
  for (const url of session.requests) assert.equal(new URL(url).origin, session.origin, `request to ${url}`);
});

test('must draw the graph in dist/dossier.html opened from disk, under its Content-Security-Policy', async () => {
  const dist = path.join(REPO, 'dist', 'dossier.html');
  assert.ok(fs.existsSync(dist), 'dist/dossier.html is missing: run `bash scripts/build.sh` first');
  const offline = await openPage({ fileUrl: pathToFileURL(dist).href });
  try {
    const violations = [];
    offline.page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
    await offline.page.click('#sample-button');
    await waitForDocuments(offline.page, 5);
    await showView(offline.page, 'graph');
    await offline.page.waitForSelector('#graph svg .node');
    assert.equal((await drawing(offline.page)).nodes.length, entities.length);
    await showView(offline.page, 'compare');
    assert.equal(await offline.page.locator('#compare .doc-head').count(), 5);
    assert.deepEqual(violations, []);
    assert.deepEqual(offline.errors, []);
    assert.ok(offline.requests.every((u) => u.startsWith('file:') || u.startsWith('blob:') || u.startsWith('data:')), offline.requests.join('\n'));
  } finally {
    await offline.close();
  }
});
