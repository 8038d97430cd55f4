// Wiring: finds the page's elements once, keeps the one store, starts the
// analyzer, and connects every event to its handler in one list. Views
// render from the state; only the handlers below talk to the analyzer.

import { AnalyzerClient, Input } from './analyzer-client.js';
import { exportedReport, loadEdits, saveEdits } from './entity-edits.js';
import { EventBus, UiEvent } from './event-bus.js';
import { filesFromDrop } from './files.js';
import { startWorkerTransport } from './transport.js';
import { Action, initialState, update } from './state.js';
import { renderDocuments } from './views/documents.js';
import { renderEdits } from './views/edits.js';
import { renderEntities } from './views/entities.js';
import { renderEntityPage } from './views/entity-page.js';
import { renderProgress } from './views/progress.js';
import { renderQuotes } from './views/quotes.js';
import { renderReader } from './views/reader.js';
import { renderStatus } from './views/status.js';
import { renderTabs, viewForKey } from './views/tabs.js';
import { renderTimeline } from './views/timeline.js';

/** Every element the page uses, looked up once. */
function getElements() {
  const byId = (id) => {
    const node = document.getElementById(id);
    if (!node) throw new Error(`the page lacks #${id}`);
    return node;
  };
  return {
    dropZone: byId('drop-zone'),
    fileInput: byId('file-input'),
    sampleButton: byId('sample-button'),
    pasteBox: byId('paste-box'),
    pasteButton: byId('paste-button'),
    exportButton: byId('export-button'),
    clearButton: byId('clear-button'),
    progress: byId('progress'),
    progressBar: byId('progress-bar'),
    progressLabel: byId('progress-label'),
    documentList: byId('document-list'),
    documentCount: byId('document-count'),
    readerMeta: byId('reader-meta'),
    boilerplateToggle: byId('boilerplate-toggle'),
    reader: byId('reader'),
    entityFilter: byId('entity-filter'),
    entityType: byId('entity-type'),
    entityHead: byId('entity-head'),
    entityBody: byId('entity-body'),
    entityCount: byId('entity-count'),
    mergeBar: byId('merge-bar'),
    editList: byId('edit-list'),
    entityPage: byId('entity-page'),
    quotes: byId('quotes'),
    quoteCount: byId('quote-count'),
    timeline: byId('timeline'),
    timelineCount: byId('timeline-count'),
    tabList: byId('view-tabs'),
    tabs: {
      reader: byId('tab-reader'),
      entities: byId('tab-entities'),
      quotes: byId('tab-quotes'),
      timeline: byId('tab-timeline'),
    },
    panels: {
      reader: byId('panel-reader'),
      entities: byId('panel-entities'),
      quotes: byId('panel-quotes'),
      timeline: byId('panel-timeline'),
    },
    status: byId('status'),
    version: byId('version'),
  };
}

/** Re-renders only the views whose inputs changed. */
function renderer(els, bus) {
  let last = null;
  return (state) => {
    const changed = (...keys) => !last || keys.some((k) => last[k] !== state[k]);
    // Tabs first: the reader scrolls to a jump's target only once it is shown.
    if (changed('view', 'report')) renderTabs(els, state);
    if (changed('documents', 'report', 'selected')) renderDocuments(els, state, bus);
    if (changed('report', 'selected', 'focusEntity', 'batch', 'target', 'collapseBoilerplate', 'openRuns')) renderReader(els, state, bus);
    if (changed('report', 'filter', 'sort', 'focusEntity', 'selection')) renderEntities(els, state, bus);
    if (changed('report', 'edits', 'editsApplied')) renderEdits(els, state, bus);
    if (changed('report', 'focusEntity', 'selection')) renderEntityPage(els, state, bus);
    if (changed('focusEntity')) els.entityPage.scrollTop = 0;
    if (changed('report')) renderQuotes(els, state, bus);
    if (changed('report')) renderTimeline(els, state, bus);
    if (changed('batch', 'queued')) renderProgress(els, state);
    renderStatus(els, state);
    last = state;
  };
}

function start() {
  const els = getElements();
  const bus = new EventBus();
  const render = renderer(els, bus);
  let state = initialState;
  // The entity edits are kept in this browser; a refusal (storage off) only
  // means they last for this tab.
  let storage = null;
  try {
    storage = window.localStorage;
  } catch {
    storage = null;
  }
  const dispatch = (action) => {
    const before = state;
    state = update(state, action);
    if (storage && state.edits !== before.edits && !saveEdits(storage, state.edits)) {
      state = update(state, Action.status('error', 'Your entity edits could not be saved in this browser; they last until the tab closes.'));
    }
    render(state);
  };
  const client = new AnalyzerClient(startWorkerTransport);

  // Batches run one after another; each shows its own progress.
  let batches = Promise.resolve();
  const runBatch = (collect) => {
    dispatch(Action.batchQueued());
    batches = batches.then(async () => {
      try {
        const inputs = await collect();
        if (!inputs.length) {
          dispatch(Action.batchStarted(0));
          dispatch(Action.batchFailed('Nothing to analyze: no files found in what was dropped.'));
          return;
        }
        dispatch(Action.batchStarted(inputs.length));
        for (const input of inputs) dispatch(Action.documentAdded(await client.add(input)));
        dispatch(Action.reportReady(await client.report()));
      } catch (error) {
        dispatch(Action.batchFailed(`Analysis failed: ${error.message}`));
      }
    });
    return batches;
  };
  const fromFiles = (files) => files.map((file) => Input.file(file.name, file));

  const exportReport = () => {
    if (!state.report) return;
    // The edited report, with `entity_edits` listing the edits that shaped it.
    const report = exportedReport(state.report, state.edits, state.editsApplied);
    const blob = new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = 'dossier-report.json';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };

  const handlers = [
    // Keep a missed drop from opening the file in this tab.
    [window, 'dragover', (e) => e.preventDefault()],
    [window, 'drop', (e) => e.preventDefault()],
    [els.dropZone, 'dragenter', (e) => { e.preventDefault(); els.dropZone.classList.add('over'); }],
    [els.dropZone, 'dragover', (e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; }],
    [els.dropZone, 'dragleave', () => els.dropZone.classList.remove('over')],
    [els.dropZone, 'drop', (e) => {
      e.preventDefault();
      e.stopPropagation();
      els.dropZone.classList.remove('over');
      const taken = filesFromDrop(e.dataTransfer);
      runBatch(async () => fromFiles(await taken));
    }],
    [els.dropZone, 'click', () => els.fileInput.click()],
    [els.dropZone, 'keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); els.fileInput.click(); }
    }],
    [els.fileInput, 'change', () => {
      const files = [...els.fileInput.files];
      els.fileInput.value = '';
      runBatch(async () => fromFiles(files));
    }],
    [els.sampleButton, 'click', () => runBatch(async () => {
      const samples = await client.sampleFiles();
      return samples.map((s) => Input.file(s.name, s));
    })],
    [els.pasteButton, 'click', () => {
      const pasted = els.pasteBox.value;
      if (!pasted.trim()) return;
      els.pasteBox.value = '';
      const name = `pasted-${state.documents.length + state.queued + 1}.txt`;
      runBatch(async () => [Input.text(name, pasted)]);
    }],
    [els.exportButton, 'click', exportReport],
    [els.clearButton, 'click', () => {
      batches = batches.then(async () => {
        await client.clear();
        dispatch(Action.cleared());
      });
    }],
    [els.boilerplateToggle, 'click', () => dispatch(Action.toggleBoilerplate())],
    [els.entityFilter, 'input', () => dispatch(Action.setFilterText(els.entityFilter.value))],
    [els.entityType, 'change', () => dispatch(Action.setFilterLabel(els.entityType.value))],
    ...Object.entries(els.tabs).map(([view, tab]) => [tab, 'click', () => dispatch(Action.showView(view))]),
    [els.tabList, 'keydown', (e) => {
      const view = viewForKey(state.view, e.key);
      if (!view) return;
      e.preventDefault();
      dispatch(Action.showView(view));
      els.tabs[view].focus();
    }],
  ];
  const abort = new AbortController();
  for (const [target, type, handler] of handlers) target.addEventListener(type, handler, { signal: abort.signal });

  bus.on(UiEvent.SELECT_DOCUMENT, (index) => dispatch(Action.selectDocument(index)));
  bus.on(UiEvent.FOCUS_ENTITY, (id) => dispatch(Action.focusEntity(id)));
  bus.on(UiEvent.SORT_ENTITIES, (key) => dispatch(Action.sortBy(key)));
  bus.on(UiEvent.CLOSE_ENTITY, () => dispatch(Action.closeEntity()));
  bus.on(UiEvent.SHOW_VIEW, (view) => dispatch(Action.showView(view)));
  bus.on(UiEvent.JUMP_TO, ({ doc, start, end }) => dispatch(Action.jumpTo(doc, start, end)));
  bus.on(UiEvent.TOGGLE_SELECTED, (id) => dispatch(Action.toggleSelected(id)));
  bus.on(UiEvent.CLEAR_SELECTION, () => dispatch(Action.clearSelection()));
  bus.on(UiEvent.ADD_EDIT, (edit) => dispatch(Action.addEdit(edit)));
  bus.on(UiEvent.UNDO_EDIT, (index) => dispatch(Action.undoEdit(index)));
  bus.on(UiEvent.TOGGLE_RUN, (start) => dispatch(Action.toggleRun(start)));

  dispatch(Action.editsLoaded(storage ? loadEdits(storage) : []));
  client.start().then(
    ({ version }) => dispatch(Action.started(version)),
    (error) => dispatch(Action.status('error', `The analyzer could not start: ${error.message}`)),
  );
}

start();
