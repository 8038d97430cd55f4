// The Graph view's logic (www/graph.js): nodes and edges from the report's
// cooccurrences, or from mentions per document when an older report lacks
// them; the type and story filters; the size scales; and the d3-force
// layout (www/graph-layout.js, which needs www/vendor/force.js from
// `node scripts/build-vendor.mjs`). Also the state's filter actions.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { edgeWidth, graphData, nodeRadius } from '../../www/graph.js';
import { layoutGraph } from '../../www/graph-layout.js';
import { Action, VIEWS, initialState, update } from '../../www/state.js';

const mention = (entity, label = 'PER') => ({ start: 0, end: 1, text: entity, label, entity });

function report(extra = {}) {
  return {
    documents: [
      { id: 'd1', story: 's1', mentions: [mention('e1'), mention('e1'), mention('e2', 'ORG'), mention('e3', 'LOC')] },
      { id: 'd2', story: 's1', mentions: [mention('e1'), mention('e2', 'ORG')] },
      { id: 'd3', story: 's2', mentions: [mention('e3', 'LOC'), mention('e4')] },
    ],
    entities: [
      { id: 'e1', name: 'Mara Quist', label: 'PER' },
      { id: 'e2', name: 'Dockers Union', label: 'ORG' },
      { id: 'e3', name: 'Velmora', label: 'LOC' },
      { id: 'e4', name: 'Tomasz Wieland', label: 'PER' },
    ],
    stories: [{ id: 's1', title: 'Strike', documents: ['d1', 'd2'] }, { id: 's2', title: 'Other', documents: ['d3'] }],
    ...extra,
  };
}

const pairs = (edges) => edges.map((e) => `${e.source}-${e.target}:${e.weight}:${e.documents.join(',')}`);

test('must count documents naming both entities when the report has no cooccurrences', () => {
  const data = graphData(report());
  assert.equal(data.basis, 'documents');
  assert.deepEqual(data.nodes.map((n) => [n.id, n.mentions, n.documents]), [['e1', 3, 2], ['e2', 2, 2], ['e3', 2, 2], ['e4', 1, 1]]);
  assert.deepEqual(pairs(data.edges), ['e1-e2:2:d1,d2', 'e1-e3:1:d1', 'e2-e3:1:d1', 'e3-e4:1:d3']);
  assert.equal(data.hidden, 0);
});

test('must take edges from the report\'s cooccurrences, weighted by sentences', () => {
  const r = report({
    cooccurrences: [
      { a: 'e2', b: 'e1', weight: 5, documents: ['d1', 'd2'] },
      { a: 'e3', b: 'e4', weight: 1, documents: ['d3'] },
      { a: 'e1', b: 'e99', weight: 9, documents: ['d1'] },
    ],
  });
  const data = graphData(r);
  assert.equal(data.basis, 'sentences');
  assert.deepEqual(pairs(data.edges), ['e1-e2:5:d1,d2', 'e3-e4:1:d3'], 'pairs with an unknown entity are dropped');
  // An empty list is the report saying "none": no fallback.
  assert.deepEqual(graphData(report({ cooccurrences: [] })).edges, []);
});

test('must filter nodes and edges by type and by story', () => {
  const people = graphData(report(), { label: 'PER' });
  assert.deepEqual(people.nodes.map((n) => n.id), ['e1', 'e4']);
  assert.deepEqual(people.edges, []);
  const strike = graphData(report(), { story: 's1' });
  assert.deepEqual(strike.nodes.map((n) => [n.id, n.mentions]), [['e1', 3], ['e2', 2], ['e3', 1]]);
  assert.deepEqual(pairs(strike.edges), ['e1-e2:2:d1,d2', 'e1-e3:1:d1', 'e2-e3:1:d1']);
  const r = report({ cooccurrences: [{ a: 'e1', b: 'e2', weight: 5, documents: ['d1'] }, { a: 'e3', b: 'e4', weight: 2, documents: ['d3'] }] });
  assert.deepEqual(pairs(graphData(r, { story: 's2' }).edges), ['e3-e4:2:d3']);
  // A story the report lacks (a stale filter) shows everything.
  assert.equal(graphData(report(), { story: 's9' }).nodes.length, 4);
});

test('must draw the most mentioned entities first and count the rest', () => {
  const data = graphData(report(), { limit: 2 });
  assert.deepEqual(data.nodes.map((n) => n.id), ['e1', 'e2']);
  assert.equal(data.hidden, 2);
  assert.deepEqual(pairs(data.edges), ['e1-e2:2:d1,d2']);
  assert.deepEqual(graphData(null), { nodes: [], edges: [], hidden: 0, basis: 'documents' });
});

test('must scale circle areas by mentions and line widths by weight', () => {
  assert.equal(nodeRadius(0, 10), 5);
  assert.equal(nodeRadius(10, 10), 22);
  // Four times the mentions, twice the radius above the minimum.
  assert.ok(Math.abs((nodeRadius(8, 8) - 5) / (nodeRadius(2, 8) - 5) - 2) < 1e-9);
  assert.equal(nodeRadius(3, 0), 5);
  assert.equal(edgeWidth(4, 4), 7);
  assert.equal(edgeWidth(2, 4), 4);
  assert.equal(edgeWidth(1, 0), 1);
});

test('must lay the graph out inside the box, the same way each time, linked nodes closer than unlinked ones', () => {
  const nodes = Array.from({ length: 12 }, (_, i) => ({ id: `e${i}`, radius: 6 + (i % 3) * 4 }));
  // Two clusters of six, each a ring, joined by nothing.
  const edges = [];
  for (const base of [0, 6]) for (let i = 0; i < 6; i++) edges.push({ source: `e${base + i}`, target: `e${base + ((i + 1) % 6)}`, weight: 1 + i });
  const a = layoutGraph(nodes, edges, 600, 400);
  const b = layoutGraph(nodes, edges, 600, 400);
  assert.deepEqual([...a], [...b]);
  for (const n of nodes) {
    const p = a.get(n.id);
    assert.ok(Number.isFinite(p.x) && Number.isFinite(p.y), n.id);
    assert.ok(p.x >= n.radius && p.x <= 600 - n.radius && p.y >= n.radius && p.y <= 400 - n.radius, `${n.id} at ${p.x},${p.y}`);
  }
  const dist = (s, t) => Math.hypot(a.get(s).x - a.get(t).x, a.get(s).y - a.get(t).y);
  const mean = (list) => list.reduce((x, y) => x + y, 0) / list.length;
  const linked = mean(edges.map((e) => dist(e.source, e.target)));
  const apart = mean(nodes.slice(0, 6).flatMap((n) => nodes.slice(6).map((m) => dist(n.id, m.id))));
  assert.ok(linked < apart, `linked ${linked.toFixed(1)} vs unlinked ${apart.toFixed(1)}`);
  assert.equal(layoutGraph([], [], 600, 400).size, 0);
});

test('must keep the Compare and Graph filters in the state, and list their views', () => {
  assert.deepEqual(VIEWS.slice(-2), ['compare', 'graph']);
  let state = update(initialState, Action.showView('graph'));
  assert.equal(state.view, 'graph');
  state = update(state, Action.setGraphFilter({ label: 'PER' }));
  state = update(state, Action.setGraphFilter({ story: 's2' }));
  assert.deepEqual({ ...state.graphFilter }, { label: 'PER', story: 's2' });
  state = update(state, Action.setCompareStory('s1'));
  assert.equal(state.compareStory, 's1');
  assert.deepEqual({ ...initialState.graphFilter }, { label: '', story: '' });
});
