// The Compare view: the documents side by side, one column each (headline,
// outlet and date on top, grouped by story), with a row per entity (how
// often each document names it), per quotation (each document's own
// wording of it) and per fact stated with different values. What only one
// source carries is marked "one source". Below the table, every copy pair.
// Any cell jumps to its place in the reader; a name opens its entity page.

import { el, replaceChildren, cleanText } from '../dom.js';
import { UiEvent } from '../event-bus.js';
import { compareTable, copyPairs, percent } from '../compare.js';
import { LABELS, plural } from '../state.js';
import { fillStoryOptions } from './story-filter.js';

/** Rows drawn at most in each section; the rest are counted under it. */
const ROWS = 200;

/**
 * Quotes or values drawn at most in one cell; the rest are counted in it (a
 * long document repeating one quotation filled a cell with thousands).
 */
const CELL_ITEMS = 10;

/** The first CELL_ITEMS of `items` drawn by `draw`, and a count of the rest. */
function cellItems(items, draw, what) {
  const shown = items.slice(0, CELL_ITEMS).map(draw);
  if (items.length > CELL_ITEMS) shown.push(el('span', { className: 'note cell-more', text: `+ ${(items.length - CELL_ITEMS).toLocaleString('en-US')} more ${what}` }));
  return shown;
}

export function renderCompare(els, state, bus) {
  fillStoryOptions(els.compareStory, state.report, state.compareStory);
  const table = compareTable(state.report, state.compareStory);
  if (!table.columns.length) {
    els.compareSummary.textContent = '';
    replaceChildren(els.compare, [el('p', {
      className: 'empty',
      text: state.report ? 'No documents to compare.' : 'Once coverage is analyzed, its documents appear here side by side.',
    })]);
    return;
  }
  const differing = table.facts.filter((f) => f.majority === null || f.cells.flat().some((v) => v.differs)).length;
  els.compareSummary.textContent = [
    table.total > table.columns.length
      ? `the first ${table.columns.length} of ${plural(table.total, 'document')} (choose a story to compare its own)`
      : plural(table.columns.length, 'document'),
    plural(table.entities.length, 'entity', 'entities'),
    plural(table.quotes.length, 'quotation'),
    plural(differing, 'fact stated differently', 'facts stated differently'),
  ].join(' · ');
  const jump = (docIndex, span) => bus.emit(UiEvent.JUMP_TO, { doc: docIndex, start: span.start, end: span.end });
  const width = table.columns.length + 1;

  const storyRow = el('tr', { className: 'story-row' }, [
    el('th', { className: 'corner', attrs: { scope: 'col' } }),
    ...table.groups.map((g) => el('th', {
      className: 'story-head',
      text: g.story ? `${cleanText(g.story.title)}${g.story.when ? ` · ${g.story.when}` : ''}` : 'No story',
      attrs: { scope: 'colgroup', colspan: g.columns.length },
    })),
  ]);
  const docRow = el('tr', { className: 'doc-row' }, [
    el('th', { className: 'corner', text: 'Document', attrs: { scope: 'col' } }),
    ...table.columns.map((column) => {
      const open = el('button', { className: 'doc-open link', text: cleanText(column.headline), title: 'Open in the reader', attrs: { type: 'button' } });
      open.addEventListener('click', () => jump(column.docIndex, { start: 0, end: 0 }));
      return el('th', { className: 'doc-head', attrs: { scope: 'col', 'data-doc': column.id } }, [
        open,
        el('div', { className: `doc-outlet${column.outlet ? '' : ' unknown'}`, text: column.outlet ? cleanText(column.outlet) : 'outlet unknown' }),
        el('div', { className: 'doc-date' }, [column.date ? el('time', { text: cleanText(column.date), attrs: { datetime: column.date } }) : 'undated']),
        el('div', { className: 'note', text: cleanText(column.doc.name) }),
      ]);
    }),
  ]);

  const section = (key, title, rows, emptyText) => el('tbody', { className: `section section-${key}` }, [
    el('tr', { className: 'section-head' }, [el('th', { text: title, attrs: { scope: 'rowgroup', colspan: width } })]),
    ...(rows.length ? rows : [el('tr', { className: 'empty-row' }, [el('td', { text: emptyText, attrs: { colspan: width } })])]),
  ]);
  const alone = (row) => (row.alone ? el('span', { className: 'alone', text: 'one source', title: 'Only one source carries this (documents that copy one another count once)' }) : null);
  const entityButton = (entity) => {
    const button = el('button', { className: 'entity-name', text: cleanText(entity.name), title: 'Open this entity’s page', attrs: { type: 'button' } });
    button.addEventListener('click', () => bus.emit(UiEvent.FOCUS_ENTITY, entity.id));
    return button;
  };
  const tag = (entity) => {
    const label = LABELS.includes(entity.label) ? entity.label : 'MISC';
    return el('span', { className: `tag m-${label}`, text: label });
  };

  const more = (rows, total, what) => (total > rows.length
    ? [...rows, el('tr', { className: 'more-row' }, [el('td', { text: `… ${total - rows.length} more ${what} not shown`, attrs: { colspan: width } })])]
    : rows);

  const entityRows = table.entities.slice(0, ROWS).map((row) => el('tr', { className: `entity-row${row.alone ? ' is-alone' : ''}` }, [
    el('th', { className: 'row-head', attrs: { scope: 'row' } }, [entityButton(row.entity), ' ', tag(row.entity), ' ', alone(row)]),
    ...row.counts.map((n, i) => el('td', {
      className: n ? 'has' : 'none',
      text: n ? String(n) : '',
      title: n ? `${plural(n, 'mention')} in ${cleanText(table.columns[i].doc.name)}` : undefined,
    })),
  ]));

  const quoteRows = table.quotes.slice(0, ROWS).map((row) => el('tr', { className: `quote-row${row.alone ? ' is-alone' : ''}` }, [
    el('th', { className: 'row-head', attrs: { scope: 'row' } }, [
      row.speaker ? entityButton(row.speaker) : el('span', { className: 'unattributed', text: 'Unattributed' }),
      el('div', { className: 'note', text: `in ${plural(row.documents, 'document')}` }),
      alone(row),
    ]),
    ...row.cells.map((quotes, i) => el('td', { className: quotes.length ? 'has' : 'none' }, cellItems(quotes, (quote) => {
      const button = el('button', { className: 'quote-text', title: 'Show in the reader', attrs: { type: 'button' } }, [el('q', { text: cleanText(quote.text.trim()) })]);
      button.addEventListener('click', () => jump(table.columns[i].docIndex, quote));
      return button;
    }, 'quotes'))),
  ]));

  const factRows = table.facts.slice(0, ROWS).map((row) => el('tr', { className: 'fact-row' }, [
    el('th', { className: 'row-head', attrs: { scope: 'row' } }, [
      el('span', { className: 'fact-kind', text: cleanText(row.kind) }),
      row.subject ? ' · ' : null,
      row.subject ? entityButton(row.subject) : null,
    ]),
    ...row.cells.map((values, i) => el('td', { className: values.length ? 'has' : 'none' }, cellItems(values, (v) => {
      const button = el('button', {
        className: `fact-value${v.differs ? ' differs' : ''}${v.alone ? ' alone-value' : ''}`,
        title: `${v.differs ? 'Differs from the other documents' : 'What most documents state'}${v.alone ? '; stated by one source only' : ''}. Show in the reader.`,
        attrs: { type: 'button' },
      }, [el('mark', { text: cleanText(v.value) }), el('span', { className: 'note', text: ` “${cleanText(v.text)}”` })]);
      button.addEventListener('click', () => jump(table.columns[i].docIndex, v));
      return button;
    }, 'values'))),
  ]));

  const grid = el('table', { className: 'compare-table' }, [
    el('thead', {}, [storyRow, docRow]),
    section('entities', `Entities (${table.entities.length})`, more(entityRows, table.entities.length, 'entities (named less often)'), 'No names in these documents.'),
    section('quotes', `Quotations (${table.quotes.length})`, more(quoteRows, table.quotes.length, 'quotations (carried by fewer documents)'), 'No quotations in these documents.'),
    section('facts', `Facts stated differently (${table.facts.length})`, more(factRows, table.facts.length, 'facts'), 'No figure, date or amount is stated differently across these documents.'),
  ]);
  replaceChildren(els.compare, [el('div', { className: 'compare-wrap' }, [grid]), copiesSection(state.report, table.columns, jump)]);
}

/** Every copy pair among the shown documents: who copies whom, how closely, and why that one is the origin. */
function copiesSection(report, columns, jump) {
  const shown = new Set(columns.map((c) => c.id));
  const pairs = copyPairs(report).filter((p) => shown.has(p.source.id) && shown.has(p.copy.id));
  const docButton = (side, passages, key) => {
    const button = el('button', { className: `link copy-doc copy-${key}`, text: cleanText(side.doc.name), title: 'Show in the reader', attrs: { type: 'button' } });
    const first = passages.find((p) => p?.[key]);
    button.addEventListener('click', () => jump(side.docIndex, first ? first[key] : { start: 0, end: 0 }));
    return button;
  };
  return el('section', { className: 'copies' }, [
    el('h3', { className: 'pane-title', text: `Copies (${pairs.length})` }),
    pairs.length
      ? el('ul', { className: 'copy-list' }, pairs.map((p) => el('li', { className: `copy-pair kind-${p.kind === 'near-duplicate' ? 'near-duplicate' : 'shared-passages'}` }, [
          docButton(p.copy, p.passages, 'copy'),
          p.kind === 'near-duplicate' ? ' repeats ' : ' shares passages with ',
          docButton(p.source, p.passages, 'source'),
          el('span', { className: 'note', text: ` · ${percent(p.similarity)} similar${p.origin ? ` · origin by ${cleanText(p.origin)}` : ''} · ${plural(p.passages.length, 'shared passage')}` }),
        ])))
      : el('p', { className: 'empty', text: 'No document here copies another.' }),
  ]);
}
