// The reader's copy links for the open document: which documents it
// copies or is copied by, how similar they are and why the other one (or
// this one) is taken as the origin; each shared passage jumps to the same
// words in the other document. The passages themselves are marked in the
// reader's text (class `shared`).

import { el, cleanText } from '../dom.js';
import { UiEvent } from '../event-bus.js';
import { percent } from '../compare.js';
import { plural } from '../state.js';

/** The section for `copies` (compare.js's copiesOf), or null when the document has no copy link. */
export function copyLinks(copies, bus) {
  if (!copies.links.length) return null;
  return el('section', { className: 'copy-links', attrs: { 'aria-label': 'Copies' } }, [
    el('h4', { text: `Copies (${copies.links.length})` }),
    el('ul', {}, copies.links.map((link) => {
      const name = cleanText(link.other.doc.meta?.title || link.other.doc.name);
      const open = el('button', { className: 'link copy-other', text: name, title: `Open ${cleanText(link.other.doc.name)} in the reader`, attrs: { type: 'button' } });
      const first = link.passages[0];
      open.addEventListener('click', () => bus.emit(UiEvent.JUMP_TO, { doc: link.other.docIndex, start: first ? first.there.start : 0, end: first ? first.there.end : 0 }));
      const what = link.kind === 'near-duplicate' ? 'near-duplicate' : 'shared passages';
      const relation = link.role === 'copies' ? `This document copies (${what})` : `Copied by (${what})`;
      const why = link.origin ? ` · taken as the origin by ${cleanText(link.origin)}` : '';
      const passages = link.passages.length
        ? el('ol', { className: 'copy-passages' }, link.passages.map((p) => {
            const button = el('button', { className: 'link', title: 'Show these words in the other document', attrs: { type: 'button' } }, [
              el('q', { text: cleanText(p.text.length > 140 ? `${p.text.slice(0, 140)}…` : p.text) }),
            ]);
            button.addEventListener('click', () => bus.emit(UiEvent.JUMP_TO, { doc: link.other.docIndex, start: p.there.start, end: p.there.end }));
            return el('li', {}, [button]);
          }))
        : null;
      return el('li', { className: `copy-link role-${link.role}` }, [
        el('span', { className: 'copy-relation', text: `${relation}: ` }),
        open,
        el('span', { className: 'note', text: ` ${percent(link.similarity)} similar${why} · ${plural(link.passages.length, 'shared passage')}` }),
        passages,
      ]);
    })),
  ]);
}
