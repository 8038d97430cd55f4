// Wiring: finds the page's elements once, keeps the one store, starts the
// analyzer, and connects every event to its handler in one list. Views
// render from the state; only the handlers below talk to the analyzer.

import { AnalyzerClient, Cancelled, Input, TabFull, tabCharacterLimit } from './analyzer-client.js';
import { DEPTH, poolSize } from './analysis-pool.js';
import { Coalescer } from './coalesce.js';
import { downloadFile } from './download.js';
import { exportedReport, loadEdits, saveEdits } from './entity-edits.js';
import { csvTableParts } from './export-csv.js';
import { reportHtmlParts } from './export-html.js';
import { prettyJsonParts } from './export-json.js';
import { fileFromParts } from './file-parts.js';
import { EventBus, UiEvent } from './event-bus.js';
import { filesFromDrop } from './files.js';
import { startWorkerTransport } from './transport.js';
import { Action, initialState, plural, update } from './state.js';
import { renderDocuments } from './views/documents.js';
import { renderCompare } from './views/compare.js';
import { renderEdits } from './views/edits.js';
import { renderEntities } from './views/entities.js';
import { renderEntityPage } from './views/entity-page.js';
import { renderExportMenu, setupExportMenu } from './views/export-menu.js';
import { renderGraph } from './views/graph.js';
import { renderProgress } from './views/progress.js';
import { renderQuotes } from './views/quotes.js';
import { renderReader } from './views/reader.js';
import { renderStatus } from './views/status.js';
import { renderTabCounts, renderTabs, viewForKey } from './views/tabs.js';
import { renderTimeline } from './views/timeline.js';
import { ViewGuard } from './view-guard.js';

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
    exportMenuWrap: byId('export-menu-wrap'),
    exportMenuButton: byId('export-menu-button'),
    exportMenu: byId('export-menu'),
    exportHtmlButton: byId('export-html-button'),
    exportCsvList: byId('export-csv-list'),
    clearButton: byId('clear-button'),
    progress: byId('progress'),
    progressBar: byId('progress-bar'),
    progressLabel: byId('progress-label'),
    cancelButton: byId('cancel-button'),
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
    compareStory: byId('compare-story'),
    compareSummary: byId('compare-summary'),
    compare: byId('compare'),
    graphType: byId('graph-type'),
    graphStory: byId('graph-story'),
    graphSummary: byId('graph-summary'),
    graph: byId('graph'),
    tabList: byId('view-tabs'),
    tabs: {
      reader: byId('tab-reader'),
      entities: byId('tab-entities'),
      quotes: byId('tab-quotes'),
      timeline: byId('tab-timeline'),
      compare: byId('tab-compare'),
      graph: byId('tab-graph'),
    },
    panels: {
      reader: byId('panel-reader'),
      entities: byId('panel-entities'),
      quotes: byId('panel-quotes'),
      timeline: byId('panel-timeline'),
      compare: byId('panel-compare'),
      graph: byId('panel-graph'),
    },
    status: byId('status'),
    version: byId('version'),
  };
}

/**
 * Re-renders only the views whose inputs changed. A view that throws does
 * not stop the others or the page: it is named on the status line until it
 * draws again (the rest of the report stays usable).
 */
function renderer(els, bus) {
  let last = null;
  const guard = new ViewGuard((error) => console.error(error));
  const draw = (name, fn) => guard.draw(name, fn);
  return (state) => {
    const changed = (...keys) => !last || keys.some((k) => last[k] !== state[k]);
    // Tabs first: the reader scrolls to a jump's target only once it is shown.
    if (changed('view', 'report')) draw('the tabs', () => renderTabs(els, state));
    if (changed('report')) draw('the tab counts', () => renderTabCounts(els, state));
    if (changed('documents', 'report', 'selected')) draw('the document list', () => renderDocuments(els, state, bus));
    // The reader shows the batch only as "Analyzing…": it is redrawn when one starts or ends, not per file.
    const busy = (s) => Boolean(s && s.batch);
    if (changed('report', 'selected', 'focusEntity', 'target', 'collapseBoilerplate', 'openRuns') || busy(last) !== busy(state)) draw('the reader', () => renderReader(els, state, bus));
    if (changed('report', 'filter', 'sort', 'focusEntity', 'selection')) draw('the entities', () => renderEntities(els, state, bus));
    if (changed('report', 'edits', 'editsApplied')) draw('the entity edits', () => renderEdits(els, state, bus));
    if (changed('report', 'focusEntity', 'selection')) draw('the entity page', () => renderEntityPage(els, state, bus));
    if (changed('focusEntity')) els.entityPage.scrollTop = 0;
    if (changed('report')) draw('the quotes', () => renderQuotes(els, state, bus));
    if (changed('report')) draw('the timeline', () => renderTimeline(els, state, bus));
    // Compare and Graph are built only while shown (and again when their inputs change).
    if (state.view === 'compare' && changed('report', 'compareStory', 'view')) draw('Compare', () => renderCompare(els, state, bus));
    if (state.view === 'graph' && changed('report', 'graphFilter', 'view', 'focusEntity')) draw('the graph', () => renderGraph(els, state, bus));
    if (changed('batch', 'queued')) draw('the progress bar', () => renderProgress(els, state));
    if (changed('report', 'batch')) draw('the export menu', () => renderExportMenu(els, state));
    renderStatus(els, state);
    if (guard.failed) {
      els.status.textContent = guard.statusLine(els.status.textContent);
      els.status.className = 'error';
    }
    last = state;
  };
}

/** How often a running batch's new documents are drawn, at most. */
const SHOW_EVERY_MS = 100;

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
  // One analysis worker per core besides the batch's, which mostly waits.
  // The tab's limit on text follows the machine's memory; a page that
  // embeds Dossier (or a test) may set `globalThis.dossierMaxCharacters`
  // before this module runs instead.
  const maxCharacters = Number(globalThis.dossierMaxCharacters) > 0
    ? Number(globalThis.dossierMaxCharacters)
    : tabCharacterLimit(navigator.deviceMemory);
  const client = new AnalyzerClient(startWorkerTransport, { pool: poolSize(), maxCharacters });

  // Batches run one after another; each shows its own progress. Cancel
  // bumps `generation`: the running batch stops after its current file,
  // keeping what it analyzed, and the batches waiting behind it are dropped.
  let batches = Promise.resolve();
  let generation = 0;
  const runBatch = (collect) => {
    const mine = generation;
    dispatch(Action.batchQueued());
    batches = batches.then(async () => {
      if (mine !== generation) {
        dispatch(Action.batchDropped());
        return;
      }
      let done = 0;
      let total = 0;
      try {
        const inputs = await collect();
        if (!inputs.length) {
          dispatch(Action.batchStarted(0));
          dispatch(Action.batchFailed('Nothing to analyze: no files found in what was dropped.'));
          return;
        }
        total = inputs.length;
        dispatch(Action.batchStarted(total));
        // Enough adds in flight to keep every pool worker busy (each holds
        // DEPTH, as many again wait in the pool's queue); they are
        // shown in input order as they land, a few times a second at most:
        // drawing each one took the page's thread from the workers.
        const ahead = [];
        const shown = new Coalescer((summaries) => dispatch(Action.documentsAdded(summaries)), SHOW_EVERY_MS);
        const landed = async () => {
          try {
            shown.push(await ahead.shift());
            done += 1;
          } catch (error) {
            // past the tab's limit: not added, said once the batch ends
            if (!(error instanceof TabFull)) throw error;
          }
        };
        try {
          for (const input of inputs) {
            if (mine !== generation || client.full) break;
            const add = client.add(input);
            add.catch(() => {}); // awaited in order by landed(), or dropped with the batch
            ahead.push(add);
            if (ahead.length >= 2 * DEPTH * client.parallelism) await landed();
          }
          while (ahead.length) await landed();
        } finally {
          shown.flush();
        }
        dispatch(Action.reportReady(await client.report()));
        if (mine !== generation) dispatch(Action.status('info', cancelledMessage(done, total)));
        else if (done < total && client.full) dispatch(Action.status('error', tabFullMessage(done, total, maxCharacters)));
      } catch (error) {
        if (!(error instanceof Cancelled)) {
          dispatch(Action.batchFailed(`Analysis failed: ${error.message}`));
          return;
        }
        try {
          dispatch(Action.reportReady(await client.report()));
          dispatch(Action.status('info', cancelledMessage(done, total)));
        } catch (failure) {
          dispatch(Action.batchFailed(`Analysis failed: ${failure.message}`));
        }
      }
    });
    return batches;
  };
  const fromFiles = (files) => files.map((file) => Input.file(file.name, file));

  /** The Export menu's choices: 'json', 'html', or 'csv' with its file name. */
  const exportAs = async (kind, file) => {
    if (!state.report) return;
    try {
      // Every export is of the edited report; `entity_edits` lists the edits that shaped it.
      const report = exportedReport(state.report, state.edits, state.editsApplied);
      const made = exportParts(kind, file, report, state.version);
      // Made in parts, a slice at a time (file-parts.js): a large batch's
      // export is longer than a string may be, and takes seconds.
      if (made) downloadFile(made.name, await fileFromParts(made.parts, made.type));
    } catch (error) {
      dispatch(Action.status('error', `Export failed: ${error.message}`));
    }
  };

  const handlers = [
    // Files on their way: the pool's workers start loading meanwhile.
    [window, 'dragenter', () => client.warm()],
    [els.fileInput, 'click', () => client.warm()],
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
    [els.cancelButton, 'click', () => {
      if (!state.batch || state.batch.cancelling) return;
      generation += 1;
      dispatch(Action.cancelRequested());
      client.cancel();
    }],
    [els.clearButton, 'click', () => {
      batches = batches.then(async () => {
        await client.clear();
        dispatch(Action.cleared());
      });
    }],
    [els.boilerplateToggle, 'click', () => dispatch(Action.toggleBoilerplate())],
    [els.entityFilter, 'input', () => dispatch(Action.setFilterText(els.entityFilter.value))],
    [els.entityType, 'change', () => dispatch(Action.setFilterLabel(els.entityType.value))],
    [els.compareStory, 'change', () => dispatch(Action.setCompareStory(els.compareStory.value))],
    [els.graphType, 'change', () => dispatch(Action.setGraphFilter({ label: els.graphType.value }))],
    [els.graphStory, 'change', () => dispatch(Action.setGraphFilter({ story: els.graphStory.value }))],
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
  setupExportMenu(els, exportAs, abort.signal);

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

/** The Export menu's choice as `{name, type, parts}`, or null for an unknown one. */
function exportParts(kind, file, report, version) {
  if (kind === 'json') return { name: 'dossier-report.json', type: 'application/json', parts: prettyJsonParts(report) };
  if (kind === 'html') {
    const generated = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
    return { name: 'dossier-report.html', type: 'text/html;charset=utf-8', parts: reportHtmlParts(report, { generated, version }) };
  }
  const table = kind === 'csv' ? csvTableParts(report, file) : null;
  return table ? { name: `dossier-${table.name}`, type: 'text/csv;charset=utf-8', parts: table.parts } : null;
}

/** The status line after a batch stopped at the tab's limit on text. */
function tabFullMessage(done, total, limit) {
  return `Stopped at this tab's limit of ${limit.toLocaleString('en-US')} characters of text: ${done} of ${plural(total, 'file')} analyzed and kept; the other ${total - done} were left out. Clear the set to analyze others here; the dossier command line has no such limit.`;
}

/** The status line after a cancelled batch: what was kept and what was not. */
function cancelledMessage(done, total) {
  return `Cancelled: ${done} of ${plural(total, 'file')} analyzed and kept; the other ${total - done} were not added.`;
}

start();
