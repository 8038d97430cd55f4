// The Graph view's logic, without the DOM: which entities are named
// together. Edges come from the report's `cooccurrences` (sentences naming
// both); a report from before that field existed gets edges computed here
// from its mentions, one per document naming both. Positions are
// graph-layout.js's.

const list = (value) => (Array.isArray(value) ? value : []);

/** The most nodes drawn; the rest (fewest mentions) are counted in `hidden`. */
export const NODE_LIMIT = 150;

/**
 * The network for the filters: `{nodes, edges, hidden, basis}`.
 * `nodes` are `{id, name, label, mentions, documents}` for the entities of
 * type `label` ('' for all) named in the documents of `story` ('' for all,
 * or an id the report lacks), their mentions and documents counted in
 * those documents, most mentioned first, at most `limit`. `edges` are
 * `{source, target, weight, documents}` between drawn nodes, heaviest
 * first. `basis` says what a weight counts: 'sentences' (the report's
 * cooccurrences) or 'documents' (computed here).
 */
export function graphData(report, { label = '', story = '', limit = NODE_LIMIT } = {}) {
  const stories = list(report?.stories);
  const wanted = story && stories.some((s) => s.id === story) ? story : '';
  const docs = list(report?.documents).filter((d) => !wanted || d.story === wanted);
  const inScope = new Set(docs.map((d) => d.id));
  const entities = new Map(list(report?.entities).map((e) => [e.id, e]));

  const tally = new Map();
  for (const doc of docs) {
    for (const mention of list(doc.mentions)) {
      const entity = entities.get(mention.entity);
      if (!entity || (label && entity.label !== label)) continue;
      if (!tally.has(entity.id)) tally.set(entity.id, { mentions: 0, documents: new Set() });
      const t = tally.get(entity.id);
      t.mentions++;
      t.documents.add(doc.id);
    }
  }
  const ranked = [...tally]
    .map(([id, t]) => ({ id, name: entities.get(id).name, label: entities.get(id).label, mentions: t.mentions, documents: t.documents.size }))
    .sort((a, b) => b.mentions - a.mentions || b.documents - a.documents || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
  const nodes = ranked.slice(0, Math.max(0, limit));
  const drawn = new Set(nodes.map((n) => n.id));

  const edges = new Map();
  const add = (a, b, weight, documents) => {
    if (a === b || !drawn.has(a) || !drawn.has(b)) return;
    const [source, target] = a < b ? [a, b] : [b, a];
    const key = `${source}\u0000${target}`;
    const edge = edges.get(key) ?? { source, target, weight: 0, documents: [] };
    edge.weight += weight;
    for (const d of documents) if (!edge.documents.includes(d)) edge.documents.push(d);
    edges.set(key, edge);
  };
  const basis = Array.isArray(report?.cooccurrences) ? 'sentences' : 'documents';
  if (basis === 'sentences') {
    for (const pair of report.cooccurrences) {
      const where = list(pair.documents).filter((d) => inScope.has(d));
      // A pair from documents outside the chosen story is not drawn.
      if (wanted && !where.length) continue;
      const weight = Number.isFinite(pair.weight) && pair.weight > 0 ? pair.weight : 1;
      add(pair.a, pair.b, weight, where);
    }
  } else {
    for (const doc of docs) {
      const named = [...new Set(list(doc.mentions).map((m) => m.entity))].filter((id) => drawn.has(id)).sort();
      for (let i = 0; i < named.length; i++) {
        for (let j = i + 1; j < named.length; j++) add(named[i], named[j], 1, [doc.id]);
      }
    }
  }
  const sortedEdges = [...edges.values()].sort((a, b) => b.weight - a.weight || (a.source < b.source ? -1 : a.source > b.source ? 1 : a.target < b.target ? -1 : 1));
  return { nodes, edges: sortedEdges, hidden: ranked.length - nodes.length, basis };
}

/** A node's radius in pixels: its area grows with its mentions, from 5 (none) to 22 (the most). */
export function nodeRadius(mentions, most) {
  if (!(most > 0)) return 5;
  return 5 + 17 * Math.sqrt(Math.max(0, Math.min(mentions, most)) / most);
}

/** An edge's width in pixels: 1 for the lightest possible, 7 for the heaviest. */
export function edgeWidth(weight, heaviest) {
  if (!(heaviest > 0)) return 1;
  return 1 + 6 * (Math.max(0, Math.min(weight, heaviest)) / heaviest);
}
