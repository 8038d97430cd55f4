// The page's state as a plain value, and `update(state, action)`, which
// returns a new state. No DOM here: views render from the state they are
// given. Offsets inside `report` are the report's own: code points.

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

export const initialState = Object.freeze({
  /** Summaries of every document added, in order: {index, name, format, encoding, characters, warnings}. */
  documents: [],
  /** The latest dossier/1 report, or null before the first batch finishes. */
  report: null,
  /** Index of the document shown in the reader. */
  selected: null,
  /** Entity id focused in the reader, or null. */
  focusEntity: null,
  /** The running batch: {done, total}, or null. */
  batch: null,
  /** Batches waiting behind the running one. */
  queued: 0,
  /** Entities table controls. */
  filter: Object.freeze({ text: '', label: '' }),
  sort: Object.freeze({ key: 'mentions', descending: true }),
  /** A line for the status bar: {kind: 'info'|'error', text} or null. */
  status: null,
  version: null,
});

/** Action constructors: the one list of things that change the state. */
export const Action = Object.freeze({
  started: (version) => ({ type: 'started', version }),
  batchQueued: () => ({ type: 'batchQueued' }),
  batchStarted: (total) => ({ type: 'batchStarted', total }),
  documentAdded: (summary) => ({ type: 'documentAdded', summary }),
  reportReady: (report) => ({ type: 'reportReady', report }),
  batchFailed: (message) => ({ type: 'batchFailed', message }),
  selectDocument: (index) => ({ type: 'selectDocument', index }),
  focusEntity: (id) => ({ type: 'focusEntity', id }),
  setFilterText: (text) => ({ type: 'setFilterText', text }),
  setFilterLabel: (label) => ({ type: 'setFilterLabel', label }),
  sortBy: (key) => ({ type: 'sortBy', key }),
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
    case 'documentAdded':
      return {
        ...state,
        documents: [...state.documents, action.summary],
        batch: state.batch ? { ...state.batch, done: state.batch.done + 1 } : null,
      };
    case 'reportReady': {
      const count = action.report.documents.length;
      const selected = state.selected ?? firstReadable(action.report);
      return {
        ...state,
        report: action.report,
        batch: null,
        selected: count ? Math.min(selected ?? 0, count - 1) : null,
        status: { kind: 'info', text: summaryLine(action.report) },
      };
    }
    case 'batchFailed':
      return { ...state, batch: null, status: { kind: 'error', text: action.message } };
    case 'selectDocument':
      return { ...state, selected: action.index };
    case 'focusEntity':
      return { ...state, focusEntity: state.focusEntity === action.id ? null : action.id };
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
    case 'cleared':
      return { ...initialState, version: state.version, filter: state.filter, sort: state.sort, status: { kind: 'info', text: 'Cleared.' } };
    case 'status':
      return { ...state, status: { kind: action.kind, text: action.text } };
    default:
      throw new TypeError(`unknown action: ${String(action.type)}`);
  }
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
