// The timeline: every date phrase with a resolved value, on one vertical
// axis in calendar order. Days, weeks, months and years are points at the
// start of their period, labelled with their width; each documents' own
// publication date is marked on the same axis. Each entry shows the
// sentence around the phrase and jumps to it in the reader. Phrases with
// no calendar place are listed after the axis. Long timelines are windowed
// (windowing.js): the axis first, then the unplaced phrases.

import { el, replaceChildren, cleanText } from '../dom.js';
import { UiEvent } from '../event-bus.js';
import { contextOf, timeline } from '../coverage.js';
import { clip, limitFor, showMore } from '../windowing.js';

export function renderTimeline(els, state, bus) {
  const { groups, unplaced } = timeline(state.report);
  if (!groups.length && !unplaced.length) {
    replaceChildren(els.timeline, [el('p', {
      className: 'empty',
      text: state.report ? 'No dates in this coverage.' : 'Dated events appear here in calendar order once coverage is analyzed.',
    })]);
    return;
  }
  const contexts = new Map();
  const contextFor = (doc) => {
    if (!contexts.has(doc)) contexts.set(doc, contextOf(doc.text));
    return contexts.get(doc);
  };
  const jump = (docIndex, span) => bus.emit(UiEvent.JUMP_TO, { doc: docIndex, start: span.start, end: span.end });

  // The unplaced phrases are one more group, after the axis.
  const rest = { unplaced: true, items: unplaced };
  const shown = clip([...groups, rest], limitFor(els.timeline, state.report), (group) => group.items);
  const placed = shown.groups.filter(({ group }) => group !== rest);
  const unplacedShown = shown.groups.find(({ group }) => group === rest)?.entries ?? [];
  const more = shown.hidden
    ? showMore(els.timeline, state.report, shown.hidden, 'timeline-more', () => renderTimeline(els, state, bus))
    : null;

  const axis = el('ol', { className: 'timeline-axis' }, placed.map(({ group, entries }) => el('li', { className: `point g-${group.granularity}` }, [
    el('div', { className: 'point-head' }, [
      el('time', { className: 'point-label', text: group.label, attrs: { datetime: group.start } }),
      group.granularity === 'day' ? null : el('span', { className: 'granularity', text: group.granularity }),
    ]),
    el('ul', { className: 'point-items' }, entries.map((item) => {
      if (item.kind === 'published') {
        const button = el('button', { className: 'published', title: 'Open in the reader', attrs: { type: 'button' } }, [
          el('span', { className: 'badge', text: 'Published' }),
          ' ',
          el('span', { className: 'doc-name', text: cleanText(item.doc.meta?.title || item.doc.name) }),
          el('span', { className: 'note', text: ` ${cleanText(item.doc.name)}` }),
        ]);
        button.addEventListener('click', () => jump(item.docIndex, { start: 0, end: 0 }));
        return el('li', { className: 'item item-published' }, [button]);
      }
      const { before, match, after } = contextFor(item.doc)(item.date);
      const button = el('button', { className: 'dated', title: 'Show in the reader', attrs: { type: 'button' } }, [
        el('span', { className: 'context' }, [before, el('mark', { className: 'date-mark', text: match }), after]),
        el('span', { className: 'note', text: `${cleanText(item.doc.name)} · “${cleanText(item.date.text)}” = ${cleanText(item.date.value)}` }),
      ]);
      button.addEventListener('click', () => jump(item.docIndex, item.date));
      return el('li', { className: 'item item-date' }, [button]);
    })),
  ])));

  const notPlaced = unplacedShown.length
    ? el('section', { className: 'unplaced' }, [
        el('h3', { className: 'pane-title', text: `Not placed on the timeline (${unplaced.length})` }),
        el('ul', {}, unplacedShown.map(({ doc, docIndex, date }) => {
          const button = el('button', { className: 'link', attrs: { type: 'button' } }, [
            el('span', { text: `“${cleanText(date.text)}”` }),
            el('span', { className: 'note', text: ` ${cleanText(doc.name)} · ${date.value ? cleanText(date.value) : 'no date known'}` }),
          ]);
          button.addEventListener('click', () => jump(docIndex, date));
          return el('li', {}, [button]);
        })),
      ])
    : null;
  replaceChildren(els.timeline, [axis, notPlaced, more]);
}
