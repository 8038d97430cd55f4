// The entity page, beside the main pane: the open entity's canonical name,
// type, aliases (each can be split off into its own entity), counts, the
// documents it appears in, the quotes it speaks or is credited for, and
// every mention in the sentence around it. Any of these jumps to the spot
// in the reader. Each list draws its first entries, then "Show more"
// (windowing.js): a name in every document of a large batch has tens of
// thousands of mentions.

import { el, replaceChildren, cleanText } from '../dom.js';
import { UiEvent } from '../event-bus.js';
import { Edit } from '../entity-edits.js';
import { contextOf, entityAppearances } from '../coverage.js';
import { LABELS, LABEL_NAMES, focusedEntity, plural } from '../state.js';
import { clip, limitFor, showMore } from '../windowing.js';

export function renderEntityPage(els, state, bus) {
  const entity = focusedEntity(state);
  if (!entity) {
    replaceChildren(els.entityPage, [
      el('p', {
        className: 'empty',
        text: state.report
          ? 'Click a name in the reader, the entities table or the quotes to see everything about it here.'
          : 'Once coverage is analyzed, click a name to see its aliases, mentions, documents and quotes here.',
      }),
    ]);
    return;
  }
  const label = LABELS.includes(entity.label) ? entity.label : 'MISC';
  const seen = entityAppearances(state.report, entity.id);
  const jump = (docIndex, span) => bus.emit(UiEvent.JUMP_TO, { doc: docIndex, start: span.start, end: span.end });

  const close = el('button', { className: 'close', text: '×', title: 'Close', attrs: { type: 'button', 'aria-label': 'Close the entity page' } });
  close.addEventListener('click', () => bus.emit(UiEvent.CLOSE_ENTITY));
  const selected = state.selection.includes(entity.id);
  const select = el('button', {
    className: 'select-toggle',
    text: selected ? 'Selected for merging' : 'Select for merging',
    attrs: { type: 'button', 'aria-pressed': selected ? 'true' : 'false' },
  });
  select.addEventListener('click', () => bus.emit(UiEvent.TOGGLE_SELECTED, entity.id));

  const head = el('div', { className: 'entity-head' }, [
    el('h3', { className: 'entity-title', text: cleanText(entity.name) }),
    close,
  ]);
  const facts = el('p', { className: 'entity-facts' }, [
    el('span', { className: `tag m-${label}`, text: label }),
    ` ${LABEL_NAMES[label]} · ${plural(entity.mentions, 'mention')} in ${plural(entity.documents, 'document')}`,
  ]);

  const splittable = entity.aliases.length > 1;
  const aliases = el('ul', { className: 'entity-aliases' }, entity.aliases.map((alias) => {
    const canonical = alias === entity.name;
    let action = null;
    if (!canonical && splittable) {
      action = el('button', {
        className: 'split',
        text: 'Split off',
        title: `Make “${cleanText(alias)}” an entity of its own`,
        attrs: { type: 'button', 'aria-label': `Split “${cleanText(alias)}” off into its own entity` },
      });
      action.addEventListener('click', () => bus.emit(UiEvent.ADD_EDIT, Edit.split(entity.name, entity.label, alias)));
    }
    return el('li', { className: canonical ? 'canonical' : '' }, [
      el('span', { className: 'alias', text: cleanText(alias) }),
      canonical ? el('span', { className: 'note', text: ' (name)' }) : null,
      action,
    ]);
  }));

  // Each list's limit and "Show more" are kept under the entity and the list's name.
  const keyOf = (name) => `${entity.id} ${name}`;
  const limit = (name) => limitFor(els.entityPage, state.report, keyOf(name));
  const more = (name, hidden) => (hidden > 0
    ? showMore(els.entityPage, state.report, hidden, `entity-${name}-more`, () => renderEntityPage(els, state, bus), keyOf(name))
    : null);
  // The first entries of the list `name`, and its "Show more" (or null).
  const windowed = (name, items) => {
    const drawn = items.slice(0, limit(name));
    return { drawn, more: more(name, items.length - drawn.length) };
  };

  const docs = windowed('documents', seen.documents);
  const documents = el('ul', { className: 'entity-docs' }, docs.drawn.map(({ doc, docIndex, mentions }) => {
    const button = el('button', { className: 'link', attrs: { type: 'button' } }, [
      el('span', { className: 'doc-name', text: cleanText(doc.meta?.title || doc.name) }),
      el('span', { className: 'note', text: ` ${cleanText(doc.name)} · ${plural(mentions.length, 'mention')}` }),
    ]);
    button.addEventListener('click', () => jump(docIndex, mentions[0]));
    return el('li', {}, [button]);
  }));

  const entities = new Map(state.report.entities.map((e) => [e.id, e]));
  const quoteList = (name, all) => {
    const { drawn, more } = windowed(name, all);
    return el('div', {}, [quoteItems(drawn), more]);
  };
  const quoteItems = (items) => el('ul', { className: 'entity-quotes' }, items.map(({ doc, docIndex, quote }) => {
    const credit = (role, id) => (id && id !== entity.id && entities.has(id) ? `${role} ${cleanText(entities.get(id).name)} · ` : '');
    const button = el('button', { className: 'quote-item', attrs: { type: 'button' } }, [
      el('q', { text: cleanText(quote.text.trim()) }),
      el('span', { className: 'note', text: ` ${credit('by', quote.speaker)}${credit('via', quote.via)}${cleanText(doc.name)}` }),
    ]);
    button.addEventListener('click', () => jump(docIndex, quote));
    return el('li', {}, [button]);
  }));

  const shownMentions = clip(seen.documents, limit('mentions'), (d) => d.mentions);
  const mentions = shownMentions.groups.map(({ group: { doc, docIndex }, entries }) => {
    const context = contextOf(doc.text);
    return el('section', { className: 'mention-doc' }, [
      el('h5', { text: cleanText(doc.name) }),
      el('ol', { className: 'mention-list' }, entries.map((mention) => {
        const { before, match, after } = context(mention);
        const button = el('button', { className: 'mention-context', title: 'Show in the reader', attrs: { type: 'button' } }, [
          before,
          el('mark', { className: `m m-${LABELS.includes(mention.label) ? mention.label : 'MISC'}`, text: match }),
          after,
        ]);
        button.addEventListener('click', () => jump(docIndex, mention));
        return el('li', {}, [button]);
      })),
    ]);
  });

  const section = (title, count, body) => el('section', { className: 'entity-section' }, [
    el('h4', { text: count === null ? title : `${title} (${count})` }),
    body,
  ]);
  replaceChildren(els.entityPage, [
    head,
    facts,
    el('div', { className: 'entity-actions' }, [select]),
    section('Aliases', entity.aliases.length, aliases),
    section('Documents', seen.documents.length, el('div', {}, [documents, docs.more])),
    seen.says.length ? section('Quoted', seen.says.length, quoteList('quoted', seen.says)) : null,
    seen.credits.length ? section('Credited as the source of', seen.credits.length, quoteList('credited', seen.credits)) : null,
    section('Mentions in context', entity.mentions, el('div', {}, [
      el('div', { className: 'entity-mentions' }, mentions),
      more('mentions', shownMentions.hidden),
    ])),
  ]);
}
