// The user's corrections to the entity registry (merge two or more
// entities into one, split an alias off into its own entity), kept as a
// list of edits and applied, in order, on top of each report the analyzer
// returns. No DOM and no storage of its own: `loadEdits` / `saveEdits` take
// the Storage object (localStorage in the page, a fake in tests).
//
// Edits name entities the way a later batch can find them again: a merge
// by each member's canonical name and label, a split by the entity's
// canonical name and label plus the alias text. Ids are never stored (they
// change from batch to batch). Applying keeps every id valid: a merged
// entity keeps the id of its first member (in the report's order), a split
// alias gets a fresh `e<n>` after the largest id in use, and every
// `mentions[].entity`, `quotes[].speaker` and `quotes[].via` is remapped.

/** The localStorage key; its value is `serializeEdits(edits)`. */
export const EDITS_STORAGE_KEY = 'dossier.entity-edits.v1';

const FORMAT = 'dossier.entity-edits/1';

/** Edit constructors; the one list of edit kinds. */
export const Edit = Object.freeze({
  /** `members`: [{name, label}, ...] (two or more); the result is called `name` and typed `label`. */
  merge: (members, name, label) => Object.freeze({
    kind: 'merge',
    name: String(name),
    label: String(label),
    members: Object.freeze(members.map((m) => Object.freeze({ name: String(m.name), label: String(m.label) }))),
  }),
  /** Moves every mention written `alias` off the entity `name`/`label` into a new entity. */
  split: (name, label, alias) => Object.freeze({ kind: 'split', name: String(name), label: String(label), alias: String(alias) }),
});

/**
 * Applies `edits` in order to a dossier/1 `report` (never changed itself).
 * Returns `{report, applied}`: the edited report, and for each edit whether
 * it changed anything in this report (an edit about entities this batch
 * lacks does nothing). Applying the same edits again changes nothing.
 */
export function applyEdits(report, edits) {
  let current = report;
  const applied = [];
  for (const edit of edits) {
    const next = edit.kind === 'merge' ? merge(current, edit) : edit.kind === 'split' ? split(current, edit) : current;
    applied.push(next !== current);
    current = next;
  }
  return { report: current, applied };
}

/** One line for people: what the edit does. */
export function describeEdit(edit) {
  const who = (e) => `${e.name} (${e.label})`;
  if (edit.kind === 'merge') {
    const others = edit.members.filter((m) => !(m.name === edit.name && m.label === edit.label));
    return `Merged ${others.map(who).join(', ')} into ${who(edit)}`;
  }
  return `Split “${edit.alias}” off ${who(edit)}`;
}

/** The edits as JSON text, for storage. */
export function serializeEdits(edits) {
  return JSON.stringify({ format: FORMAT, edits });
}

/**
 * The edits stored as `serializeEdits` wrote them; anything malformed is
 * dropped (a broken or foreign value yields []).
 */
export function parseEdits(textValue) {
  let parsed;
  try {
    parsed = JSON.parse(textValue);
  } catch {
    return [];
  }
  if (!parsed || parsed.format !== FORMAT || !Array.isArray(parsed.edits)) return [];
  return parsed.edits.map(validEdit).filter(Boolean);
}

/** Reads the edits from `storage` (a Storage); [] when absent or unreadable. */
export function loadEdits(storage) {
  try {
    const stored = storage?.getItem(EDITS_STORAGE_KEY);
    return stored ? parseEdits(stored) : [];
  } catch {
    return [];
  }
}

/** Writes the edits to `storage`; returns false when the browser refuses. */
export function saveEdits(storage, edits) {
  try {
    if (edits.length) storage.setItem(EDITS_STORAGE_KEY, serializeEdits(edits));
    else storage.removeItem(EDITS_STORAGE_KEY);
    return true;
  } catch {
    return false;
  }
}

/** The report with `entity_edits`: the edits that changed it (for the exported file). */
export function exportedReport(report, edits, applied) {
  const used = edits.filter((_, i) => applied[i]);
  return used.length ? { ...report, entity_edits: used } : report;
}

function validEdit(edit) {
  const str = (v) => typeof v === 'string' && v.length > 0;
  if (!edit || !str(edit.name) || !str(edit.label)) return null;
  if (edit.kind === 'merge') {
    if (!Array.isArray(edit.members) || edit.members.length < 2) return null;
    if (!edit.members.every((m) => m && str(m.name) && str(m.label))) return null;
    return Edit.merge(edit.members, edit.name, edit.label);
  }
  if (edit.kind === 'split' && str(edit.alias)) return Edit.split(edit.name, edit.label, edit.alias);
  return null;
}

const keyOf = (name, label) => `${label}\u0000${name}`;

function merge(report, edit) {
  const keys = new Set([keyOf(edit.name, edit.label), ...edit.members.map((m) => keyOf(m.name, m.label))]);
  const group = report.entities.filter((e) => keys.has(keyOf(e.name, e.label)));
  if (!group.length) return report;
  const first = group[0];
  if (group.length === 1 && first.name === edit.name && first.label === edit.label) return report;
  const ids = new Set(group.map((e) => e.id));
  const to = (id) => (ids.has(id) ? first.id : id);
  const documents = report.documents.map((doc) => remapDocument(doc, to));
  const aliases = aliasesOf(documents, first.id, group.flatMap((e) => e.aliases));
  const merged = { ...first, name: edit.name, label: edit.label, aliases, ...countsOf(documents, first.id) };
  const entities = report.entities.filter((e) => e === first || !ids.has(e.id)).map((e) => (e === first ? merged : e));
  return { ...report, documents, entities, ...remapLinks(report, to) };
}

/** Discrepancy subjects and co-occurrence pairs after a merge: pairs that
 *  now join one entity to itself go, pairs that now coincide add up. */
function remapLinks(report, to) {
  const out = {};
  if (report.discrepancies) {
    out.discrepancies = report.discrepancies.map((d) => (d.subject && to(d.subject) !== d.subject ? { ...d, subject: to(d.subject) } : d));
  }
  if (report.cooccurrences) {
    const pairs = new Map();
    for (const c of report.cooccurrences) {
      const [a, b] = [to(c.a), to(c.b)];
      if (a === b) continue;
      const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
      const had = pairs.get(key);
      if (!had) pairs.set(key, a === c.a && b === c.b ? c : { ...c, a, b });
      else pairs.set(key, { ...had, weight: had.weight + c.weight, documents: [...new Set([...had.documents, ...c.documents])] });
    }
    out.cooccurrences = [...pairs.values()].sort((x, y) => y.weight - x.weight);
  }
  return out;
}

function split(report, edit) {
  const source = report.entities.find(
    (e) => e.name === edit.name && e.label === edit.label && e.name !== edit.alias && e.aliases.includes(edit.alias),
  );
  if (!source) return report;
  const same = (a, b) => a.normalize('NFC') === b.normalize('NFC');
  const moves = (m) => m.entity === source.id && same(m.text, edit.alias);
  if (!report.documents.some((doc) => doc.mentions.some(moves))) return report;
  const id = freshId(report.entities);
  const labels = new Map();
  const documents = report.documents.map((doc) => {
    if (!doc.mentions.some(moves)) return doc;
    const mentions = doc.mentions.map((m) => {
      if (!moves(m)) return m;
      labels.set(m.label, (labels.get(m.label) ?? 0) + 1);
      return { ...m, entity: id };
    });
    // A quote credited to the entity follows the alias when, in this
    // document, only the alias names it.
    const stays = mentions.some((m) => m.entity === source.id);
    const follow = (who) => (who === source.id && !stays ? id : who);
    const quotes = doc.quotes.map((q) => (follow(q.speaker) === q.speaker && follow(q.via) === q.via
      ? q
      : { ...q, speaker: follow(q.speaker), via: follow(q.via) }));
    return { ...doc, mentions, quotes };
  });
  const label = [...labels].sort((a, b) => b[1] - a[1])[0]?.[0] ?? source.label;
  const rest = { ...source, aliases: source.aliases.filter((a) => a !== edit.alias), ...countsOf(documents, source.id) };
  const part = { id, name: edit.alias, label, aliases: [edit.alias], ...countsOf(documents, id) };
  const entities = report.entities.flatMap((e) => (e === source ? [rest, part] : [e]));
  return { ...report, documents, entities };
}

function remapDocument(doc, to) {
  const touched = doc.mentions.some((m) => to(m.entity) !== m.entity)
    || doc.quotes.some((q) => to(q.speaker) !== q.speaker || to(q.via) !== q.via);
  if (!touched) return doc;
  return {
    ...doc,
    mentions: doc.mentions.map((m) => (to(m.entity) === m.entity ? m : { ...m, entity: to(m.entity) })),
    quotes: doc.quotes.map((q) => (to(q.speaker) === q.speaker && to(q.via) === q.via ? q : { ...q, speaker: to(q.speaker), via: to(q.via) })),
  };
}

/** Written forms of entity `id` in order of first appearance, then `extra` forms not seen. */
function aliasesOf(documents, id, extra) {
  const seen = new Set();
  for (const doc of documents) {
    for (const m of [...doc.mentions].sort((a, b) => a.start - b.start)) if (m.entity === id) seen.add(m.text);
  }
  for (const a of extra) seen.add(a);
  return [...seen];
}

function countsOf(documents, id) {
  let mentions = 0;
  let docs = 0;
  for (const doc of documents) {
    const n = doc.mentions.filter((m) => m.entity === id).length;
    mentions += n;
    if (n) docs += 1;
  }
  return { documents: docs, mentions };
}

function freshId(entities) {
  const taken = new Set(entities.map((e) => e.id));
  let n = 1 + Math.max(0, ...entities.map((e) => Number(/^e(\d+)$/.exec(e.id)?.[1] ?? 0)));
  while (taken.has(`e${n}`)) n += 1;
  return `e${n}`;
}
