// The story menu of the Compare and Graph views: "All stories" and one
// option per story of the report, kept on the same <select> element so
// that rebuilding it does not drop keyboard focus.

import { el, replaceChildren, cleanText } from '../dom.js';
import { knownStory, storyOptions } from '../compare.js';
import { plural } from '../state.js';

/** Fills `select` with the report's stories and selects `story` ('' when the report lacks it). */
export function fillStoryOptions(select, report, story) {
  const options = storyOptions(report);
  replaceChildren(select, [
    el('option', { text: 'All stories', attrs: { value: '' } }),
    ...options.map((s) => el('option', {
      text: `${cleanText(s.title)}${s.when ? ` (${s.when})` : ''} · ${plural(s.count, 'document')}`,
      attrs: { value: s.id },
    })),
  ]);
  select.value = knownStory(report, story);
  select.disabled = options.length === 0;
}
