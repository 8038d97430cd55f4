// The quotes view: every quotation in the batch grouped by speaker (most
// quoted first, "Unattributed" last), each with its words, the outlet
// credited (via) and its document. A quote jumps to its place in the
// reader; a speaker's name opens their entity page. Long lists are
// windowed (windowing.js).

import { el, replaceChildren, cleanText } from '../dom.js';
import { UiEvent } from '../event-bus.js';
import { quoteGroups } from '../coverage.js';
import { LABELS, plural } from '../state.js';
import { clip, limitFor, showMore } from '../windowing.js';

export function renderQuotes(els, state, bus) {
  const groups = quoteGroups(state.report);
  if (!groups.length) {
    replaceChildren(els.quotes, [el('p', {
      className: 'empty',
      text: state.report ? 'No quotations in this coverage.' : 'Quotations appear here, grouped by who said them, once coverage is analyzed.',
    })]);
    return;
  }
  const shown = clip(groups, limitFor(els.quotes, state.report), (group) => group.quotes);
  const more = shown.hidden
    ? showMore(els.quotes, state.report, shown.hidden, 'quotes-more', () => renderQuotes(els, state, bus))
    : null;
  replaceChildren(els.quotes, [...shown.groups.map(({ group, entries }) => {
    let title;
    if (group.speaker) {
      const label = LABELS.includes(group.speaker.label) ? group.speaker.label : 'MISC';
      title = el('button', { className: 'speaker-name', text: cleanText(group.name), title: 'Open this entity’s page', attrs: { type: 'button' } });
      title.addEventListener('click', () => bus.emit(UiEvent.FOCUS_ENTITY, group.speaker.id));
      title = el('h3', { className: 'speaker' }, [title, ' ', el('span', { className: `tag m-${label}`, text: label })]);
    } else {
      title = el('h3', { className: 'speaker unattributed', text: group.name });
    }
    return el('section', { className: `quote-group${group.speaker ? '' : ' unattributed'}` }, [
      el('div', { className: 'quote-group-head' }, [title, el('span', { className: 'count', text: plural(group.quotes.length, 'quote') })]),
      el('ol', { className: 'quote-list' }, entries.map(({ doc, docIndex, quote, via }) => {
        const words = el('button', { className: 'quote-text', title: 'Show in the reader', attrs: { type: 'button' } }, [
          el('q', { text: cleanText(quote.text.trim()) }),
        ]);
        words.addEventListener('click', () => bus.emit(UiEvent.JUMP_TO, { doc: docIndex, start: quote.start, end: quote.end }));
        const source = [];
        if (via) source.push(el('span', { className: 'via' }, ['via ', el('span', { className: 'via-name', text: cleanText(via.name) })]));
        source.push(el('span', { className: 'quote-doc', text: cleanText(doc.name) }));
        return el('li', { className: 'quote-entry' }, [words, el('div', { className: 'quote-source' }, source)]);
      })),
    ]);
  }), more]);
}
