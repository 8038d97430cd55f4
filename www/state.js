// The page's state as a plain value, and `update(state, action)`, which
// returns a new state. No DOM here: views render from the state they are
// given. Offsets inside `report` are the report's own: code points.
// `report` is the analyzer's report (`rawReport`) with the user's entity
// edits applied (entity-edits.js); every view shows the edited one.

import { applyEdits } from './entity-edits.js';
import { runsOverlapping } from './reader-layout.js';

export const LABELS = Object.freeze(['PER', 'ORG', 'LOC', 'MISC']);

export const LABEL_NAMES = Object.freeze({
  PER: 'person',
  ORG: 'organization',
  LOC: 'place',
  MISC: 'other name',
});

/** Columns of the entities table and how each sorts. */
export const ENTITY_COLUMNS = Object.freeze([
  { key: 'name', title: 'Name', numeric: false },
  { key: 'label', title: 'Type', numeric: false },
  { key: 'aliases', title: 'Aliases', numeric: false },
  { key: 'documents', title: 'Docs', numeric: true },
  { key: 'mentions', title: 'Mentions', numeric: true },
]);

/** The views of the main pane, in tab order. */
export const VIEWS = Object.freeze(['reader', 'entities', 'quotes', 'timeline', 'compare', 'graph']);

export const initialState = Object.freeze({
  /** Summaries of every document added, in order: {index, name, format, encoding, characters, warnings}. */
  documents: [],
  /** The latest dossier/1 report with the entity edits applied, or null before the first batch finishes. */
  report: null,
  /** The latest report as the analyzer returned it. */
  rawReport: null,
  /** The user's merges and splits (entity-edits.js), in the order made; kept in localStorage by main.js. */
  edits: Object.freeze([]),
  /** For each edit, whether it changed the current report. */
  editsApplied: Object.freeze([]),
  /** Index of the document shown in the reader. */
  selected: null,
  /** The open entity (its page is shown, its mentions marked in the reader), or null. */
  focusEntity: null,
  /** The main pane's view: one of VIEWS. */
  view: 'reader',
  /** A span to show in the reader: {doc (index), start, end} in code points, or null. */
  target: null,
  /** Whether the reader collapses runs of boilerplate ("page furniture") into placeholders; kept across documents. */
  collapseBoilerplate: false,
  /** While collapsed: the starts (code points) of the selected document's runs opened one at a time. */
  openRuns: Object.freeze([]),
  /** Entity ids ticked in the entities table, for merging. */
  selection: Object.freeze([]),
  /** The running batch: {done, total, cancelling}, or null. */
  batch: null,
  /** Batches waiting behind the running one. */
  queued: 0,
  /** Entities table controls. */
  filter: Object.freeze({ text: '', label: '' }),
  sort: Object.freeze({ key: 'mentions', descending: true }),
  /** The Compare view's story ('' for every document). */
  compareStory: '',
  /** The Graph view's filters: entity type and story ('' for all). */
  graphFilter: Object.freeze({ label: '', story: '' }),
  /** A line for the status bar: {kind: 'info'|'error', text} or null. */
  status: null,
  version: null,
});

/** Action constructors: the one list of things that change the state. */
export const Action = Object.freeze({
  started: (version) => ({ type: 'started', version }),
  batchQueued: () => ({ type: 'batchQueued' }),
  batchStarted: (total) => ({ type: 'batchStarted', total }),
  batchDropped: () => ({ type: 'batchDropped' }),
  cancelRequested: () => ({ type: 'cancelRequested' }),
  documentsAdded: (summaries) => ({ type: 'documentsAdded', summaries }),
  reportReady: (report) => ({ type: 'reportReady', report }),
  batchFailed: (message) => ({ type: 'batchFailed', message }),
  selectDocument: (index) => ({ type: 'selectDocument', index }),
  focusEntity: (id) => ({ type: 'focusEntity', id }),
  closeEntity: () => ({ type: 'closeEntity' }),
  showView: (view) => ({ type: 'showView', view }),
  jumpTo: (doc, start, end) => ({ type: 'jumpTo', doc, start, end }),
  toggleBoilerplate: () => ({ type: 'toggleBoilerplate' }),
  toggleRun: (start) => ({ type: 'toggleRun', start }),
  toggleSelected: (id) => ({ type: 'toggleSelected', id }),
  clearSelection: () => ({ type: 'clearSelection' }),
  editsLoaded: (edits) => ({ type: 'editsLoaded', edits }),
  addEdit: (edit) => ({ type: 'addEdit', edit }),
  undoEdit: (index) => ({ type: 'undoEdit', index }),
  setFilterText: (text) => ({ type: 'setFilterText', text }),
  setFilterLabel: (label) => ({ type: 'setFilterLabel', label }),
  sortBy: (key) => ({ type: 'sortBy', key }),
  setCompareStory: (story) => ({ type: 'setCompareStory', story }),
  setGraphFilter: (filter) => ({ type: 'setGraphFilter', filter }),
  cleared: () => ({ type: 'cleared' }),
  status: (kind, text) => ({ type: 'status', kind, text }),
});

/** Returns the state after `action`; `state` itself is never changed. */
export function update(state, action) {
  switch (action.type) {
    case 'started':
      return { ...state, version: action.version };
    case 'batchQueued':
      return { ...state, queued: state.queued + 1 };
    case 'batchStarted':
      return {
        ...state,
        queued: Math.max(0, state.queued - 1),
        batch: { done: 0, total: action.total },
        status: { kind: 'info', text: `Analyzing ${plural(action.total, 'file')}…` },
      };
    case 'batchDropped':
      return { ...state, queued: Math.max(0, state.queued - 1) };
    case 'cancelRequested':
      return state.batch ? { ...state, batch: { ...state.batch, cancelling: true } } : state;
    case 'documentsAdded':
      return {
        ...state,
        documents: state.documents.concat(action.summaries),
        batch: state.batch ? { ...state.batch, done: state.batch.done + action.summaries.length } : null,
      };
    case 'reportReady': {
      const count = action.report.documents.length;
      const selected = state.selected ?? firstReadable(action.report);
      const edited = withEdits({ ...state, rawReport: action.report }, state.edits);
      return {
        ...edited,
        batch: null,
        target: null,
        openRuns: Object.freeze([]),
        selected: count ? Math.min(selected ?? 0, count - 1) : null,
        status: { kind: 'info', text: editedSummary(edited) },
      };
    }
    case 'batchFailed':
      return { ...state, batch: null, status: { kind: 'error', text: action.message } };
    case 'selectDocument':
      return { ...state, selected: action.index, target: null, openRuns: Object.freeze([]) };
    case 'focusEntity':
      return { ...state, focusEntity: action.id };
    case 'closeEntity':
      return { ...state, focusEntity: null };
    case 'showView':
      if (!VIEWS.includes(action.view)) throw new TypeError(`unknown view: ${action.view}`);
      return { ...state, view: action.view };
    case 'jumpTo': {
      // A jump into collapsed boilerplate opens the runs it lands in.
      const doc = state.report?.documents[action.doc];
      const kept = action.doc === state.selected ? state.openRuns : [];
      const landed = doc ? runsOverlapping(doc, action).filter((start) => !kept.includes(start)) : [];
      return {
        ...state,
        view: 'reader',
        selected: action.doc,
        target: Object.freeze({ doc: action.doc, start: action.start, end: action.end }),
        openRuns: Object.freeze([...kept, ...landed]),
      };
    }
    case 'toggleBoilerplate':
      return { ...state, collapseBoilerplate: !state.collapseBoilerplate, openRuns: Object.freeze([]) };
    case 'toggleRun': {
      const open = state.openRuns.includes(action.start);
      return {
        ...state,
        openRuns: Object.freeze(open ? state.openRuns.filter((s) => s !== action.start) : [...state.openRuns, action.start]),
      };
    }
    case 'toggleSelected': {
      const has = state.selection.includes(action.id);
      return { ...state, selection: Object.freeze(has ? state.selection.filter((id) => id !== action.id) : [...state.selection, action.id]) };
    }
    case 'clearSelection':
      return { ...state, selection: Object.freeze([]) };
    case 'editsLoaded':
      return withEdits(state, action.edits);
    case 'addEdit': {
      const next = withEdits({ ...state, selection: Object.freeze([]) }, [...state.edits, action.edit]);
      const status = next.report ? { kind: 'info', text: editedSummary(next) } : state.status;
      // A merge keeps its entity's page open on the merged entity.
      if (action.edit.kind === 'merge' && next.report && state.focusEntity && !next.focusEntity) {
        const merged = next.report.entities.find((e) => e.name === action.edit.name && e.label === action.edit.label);
        return { ...next, status, focusEntity: merged ? merged.id : null };
      }
      return { ...next, status };
    }
    case 'undoEdit': {
      const next = withEdits(state, state.edits.filter((_, i) => i !== action.index));
      return { ...next, status: next.report ? { kind: 'info', text: editedSummary(next) } : state.status };
    }
    case 'setFilterText':
      return { ...state, filter: { ...state.filter, text: action.text } };
    case 'setFilterLabel':
      return { ...state, filter: { ...state.filter, label: action.label } };
    case 'sortBy': {
      const column = ENTITY_COLUMNS.find((c) => c.key === action.key);
      if (!column) throw new TypeError(`unknown column: ${action.key}`);
      const descending = state.sort.key === action.key ? !state.sort.descending : column.numeric;
      return { ...state, sort: { key: action.key, descending } };
    }
    case 'setCompareStory':
      return { ...state, compareStory: String(action.story ?? '') };
    case 'setGraphFilter':
      return {
        ...state,
        graphFilter: Object.freeze({
          label: String(action.filter.label ?? state.graphFilter.label),
          story: String(action.filter.story ?? state.graphFilter.story),
        }),
      };
    case 'cleared':
      return {
        ...withEdits(initialState, state.edits),
        version: state.version,
        filter: state.filter,
        sort: state.sort,
        view: state.view,
        collapseBoilerplate: state.collapseBoilerplate,
        status: { kind: 'info', text: 'Cleared.' },
      };
    case 'status':
      return { ...state, status: { kind: action.kind, text: action.text } };
    default:
      throw new TypeError(`unknown action: ${String(action.type)}`);
  }
}

/**
 * The state with `edits` applied to `rawReport`; the open entity, the
 * selection and the reader's target drop what no longer exists.
 */
function withEdits(state, edits) {
  const frozen = Object.freeze([...edits]);
  if (!state.rawReport) return { ...state, edits: frozen, editsApplied: Object.freeze(frozen.map(() => false)) };
  const { report, applied } = applyEdits(state.rawReport, frozen);
  const ids = new Set(report.entities.map((e) => e.id));
  return {
    ...state,
    report,
    edits: frozen,
    editsApplied: Object.freeze(applied),
    focusEntity: ids.has(state.focusEntity) ? state.focusEntity : null,
    selection: Object.freeze(state.selection.filter((id) => ids.has(id))),
  };
}

/** The open entity of the report, or null. */
export function focusedEntity(state) {
  return state.report?.entities.find((e) => e.id === state.focusEntity) ?? null;
}

/** The selected document of the report, or null. */
export function selectedDocument(state) {
  if (!state.report || state.selected === null) return null;
  return state.report.documents[state.selected] ?? null;
}

/** Entities after the table's filter and sort. */
export function visibleEntities(state) {
  if (!state.report) return [];
  const needle = state.filter.text.trim().toLowerCase();
  const rows = state.report.entities.filter((entity) => {
    if (state.filter.label && entity.label !== state.filter.label) return false;
    if (!needle) return true;
    return [entity.name, ...entity.aliases].some((n) => n.toLowerCase().includes(needle));
  });
  const { key, descending } = state.sort;
  const sign = descending ? -1 : 1;
  const value = (entity) => (key === 'aliases' ? entity.aliases.join(', ') : entity[key]);
  return rows
    .map((entity, i) => ({ entity, i }))
    .sort((a, b) => sign * compare(value(a.entity), value(b.entity)) || a.i - b.i)
    .map(({ entity }) => entity);
}

/** Entity id -> entity, for the reader's tooltips. */
export function entitiesById(report) {
  return new Map((report?.entities ?? []).map((e) => [e.id, e]));
}

function compare(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { sensitivity: 'base', numeric: true });
}

function firstReadable(report) {
  const i = report.documents.findIndex((d) => d.text.length > 0);
  return i < 0 ? 0 : i;
}

/** The status line for a report with edits: its summary, and how many edits changed it. */
function editedSummary(state) {
  const changed = state.editsApplied.filter(Boolean).length;
  return summaryLine(state.report) + (changed ? ` · ${plural(changed, 'entity edit')} applied` : '');
}

function summaryLine(report) {
  const warned = report.documents.filter((d) => d.warnings.length).length;
  const parts = [
    plural(report.documents.length, 'document'),
    plural(report.entities.length, 'entity', 'entities'),
    plural(report.stories.length, 'story', 'stories'),
  ];
  if (warned) parts.push(`${plural(warned, 'document')} with warnings`);
  return parts.join(' · ');
}

export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
