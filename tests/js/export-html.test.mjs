// The HTML report export (www/export-html.js): one escape for every report
// string, only our own tags and attributes in the output however hostile
// the report, well-nested marks over astral text, the strict CSP, and the
// newer report fields shown when present.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXPORT_CSP, escapeHtml, reportHtml } from '../../www/export-html.js';
import { Edit, applyEdits, exportedReport } from '../../www/entity-edits.js';

const TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'h4', 'p', 'nav', 'ol', 'ul', 'li', 'a',
  'main', 'section', 'article', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'mark', 'q', 'dl', 'dt', 'dd',
  'div', 'blockquote', 'time',
]);
const ATTRIBUTES = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'id', 'class', 'href', 'title', 'aria-label', 'aria-labelledby', 'datetime']);
const VOID = new Set(['meta']);

/**
 * Every tag of `html` (outside <style>), checked: a known name, known
 * attributes with double-quoted values and nothing else, an href only to a
 * fragment, and tags well nested. Returns the open tags as `{name, attrs}`.
 */
function checkMarkup(html) {
  const body = html.replace(/<style>[^<]*<\/style>/, '<style></style>');
  assert.equal((html.match(/<style>/g) ?? []).length, 1, 'one <style>');
  const stack = [];
  const tags = [];
  for (const [, close, name, rest] of body.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)) {
    const tag = name.toLowerCase();
    assert.ok(TAGS.has(tag), `unexpected tag <${name}${rest}>`);
    if (close) {
      assert.equal(rest, '');
      assert.equal(stack.pop(), tag, `</${tag}> closes what is open`);
      continue;
    }
    const attrs = {};
    const leftover = rest.replace(/\s([a-z-]+)="([^"<>]*)"/g, (_, attr, value) => {
      assert.ok(ATTRIBUTES.has(attr), `unexpected attribute ${attr} on <${tag}>`);
      attrs[attr] = value;
      return '';
    });
    assert.equal(leftover.trim(), '', `<${tag}${rest}> has only quoted known attributes`);
    if (attrs.href !== undefined) assert.match(attrs.href, /^#/, 'links stay in the page');
    tags.push({ name: tag, attrs });
    if (!VOID.has(tag)) stack.push(tag);
  }
  assert.deepEqual(stack, [], 'every tag is closed');
  // No character data can open a tag or an entity we did not write.
  const text = body.replace(/<[^>]*>/g, '');
  assert.ok(!/[<>]/.test(text), 'no stray < or > in text');
  assert.ok(!/&(?!(amp|lt|gt|quot|#39);)/.test(text), 'only our own entities');
  return tags;
}

const cp = (s, word, from = 0) => {
  const at = [...s.slice(0, s.indexOf(word, from))].length;
  return { start: at, end: at + [...word].length, text: word };
};

const EVIL = '"><img src=x onerror=alert(1)><script>alert(2)</script>';

/** A report whose every string is hostile markup. */
function hostileReport() {
  const t = `<script>alert('text')</script> Mayor ${EVIL} said "<b>bold</b> & 'free'" on <i>Friday</i>.\nMenu | Login`;
  const name = cp(t, EVIL);
  return {
    schema: 'dossier/1',
    documents: [{
      id: 'd1', name: `${EVIL}.html`, format: 'html', encoding: 'utf-8', text: t,
      meta: {
        title: `<script>alert('title')</script>${EVIL}`, publisher: EVIL, authors: [EVIL], published: EVIL,
        original_source: EVIL, labels: [EVIL], urls: ['javascript:alert(1)', `https://x.example/${EVIL}`],
      },
      content: [{ start: 0, end: t.indexOf('\nMenu') }],
      posts: [{ start: 0, end: t.indexOf('\nMenu') }],
      mentions: [{ ...name, label: '"><script>', entity: 'e1' }],
      quotes: [{ ...cp(t, "<b>bold</b> & 'free'"), speaker: 'e1', via: 'e1' }],
      dates: [{ ...cp(t, '<i>Friday</i>'), value: EVIL }],
      story: 's1', warnings: [EVIL],
    }],
    entities: [{ id: 'e1', name: EVIL, label: EVIL, aliases: [EVIL, '<svg onload=alert(3)>'], documents: 1, mentions: 1 }],
    stories: [{ id: 's1', title: EVIL, when: EVIL, documents: ['d1'] }],
    discrepancies: [{ kind: EVIL, subject: 'e1', values: [{ document: 'd1', start: 0, end: 1, text: EVIL, value: EVIL }] }],
    copies: [{ source: 'd1', copy: 'd1', kind: EVIL, similarity: 0.5, origin: EVIL, passages: [{ source: { start: 0, end: 1 }, copy: { start: 0, end: 1 }, text: EVIL }] }],
  };
}

test('must escape markup characters and drop control characters', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&amp;</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  assert.equal(escapeHtml('a\u0000b\u0007c\td\ne\r\nf\u009b'), 'abc\td\ne\r\nf');
  assert.equal(escapeHtml('Zoë 😀 𝒹'), 'Zoë 😀 𝒹');
  assert.equal(escapeHtml(null), '');
  assert.equal(escapeHtml(undefined), '');
  assert.equal(escapeHtml(42), '42');
});

test('must write only its own markup for a hostile report', () => {
  const html = reportHtml(hostileReport(), { generated: '<script>', version: EVIL });
  const tags = checkMarkup(html);
  assert.ok(!/<script|<img|<svg|<iframe|<link|<base|<form/i.test(html), 'no active element');
  assert.ok(!tags.some((t) => Object.keys(t.attrs).some((a) => a.startsWith('on'))), 'no handler attribute');
  // The hostile strings are all there, as text.
  const escaped = escapeHtml(EVIL);
  assert.ok(html.split(escaped).length > 15, 'every hostile field is shown escaped');
  assert.ok(html.includes('javascript:alert(1)'), 'a javascript: address is shown as text');
  assert.ok(!tags.some((t) => t.attrs.href?.includes('javascript')), 'and never linked');
  // The label outside PER/ORG/LOC/MISC falls back to MISC in a class name.
  assert.ok(tags.some((t) => t.name === 'mark' && t.attrs.class === 'm m-MISC'));
});

test('must carry the strict Content-Security-Policy before anything else loads', () => {
  const html = reportHtml({ schema: 'dossier/1', documents: [], entities: [], stories: [] });
  assert.equal(EXPORT_CSP.split(';')[0], "default-src 'none'");
  assert.ok(!/script-src|connect-src|img-src/.test(EXPORT_CSP), 'no source allowed beyond the default none');
  const csp = html.indexOf(`<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">`);
  assert.ok(csp > 0, 'the policy is in the page');
  assert.ok(csp < html.indexOf('<title>') && csp < html.indexOf('<style>'));
  checkMarkup(html);
  assert.match(html, /0 documents · 0 stories · 0 entities/);
});

test('must mark names, quotes and dates over astral text, nested and exact', () => {
  const t = '😀🎉 Zoë said "𝒹ocks open, Velmora" on Friday.';
  const report = {
    schema: 'dossier/1',
    documents: [{
      id: 'd1', name: 'a.txt', text: t, meta: { title: 'Docks' },
      content: [{ start: 0, end: [...t].length }], posts: [],
      mentions: [{ ...cp(t, 'Zoë'), label: 'PER', entity: 'e1' }, { ...cp(t, 'Velmora'), label: 'LOC', entity: 'e2' }],
      quotes: [{ ...cp(t, '𝒹ocks open, Velmora'), speaker: 'e1', via: null }],
      dates: [{ ...cp(t, 'Friday'), value: '2025-03-07' }],
      story: 's1', warnings: [],
    }],
    entities: [
      { id: 'e1', name: 'Zoë Ångström-Lind', label: 'PER', aliases: ['Zoë'], documents: 1, mentions: 1 },
      { id: 'e2', name: 'Velmora', label: 'LOC', aliases: ['Velmora'], documents: 1, mentions: 1 },
    ],
    stories: [{ id: 's1', title: 'Docks', documents: ['d1'] }],
  };
  const html = reportHtml(report);
  checkMarkup(html);
  const text = /<div class="text">(.*?)<\/div>/s.exec(html)[1];
  assert.equal(text,
    '😀🎉 <mark class="m m-PER" title="Zoë Ångström-Lind (person)">Zoë</mark> said &quot;'
    + '<span class="quote" title="quote: Zoë Ångström-Lind">𝒹ocks open, </span>'
    + '<span class="quote" title="quote: Zoë Ångström-Lind"><mark class="m m-LOC" title="Velmora (place)">Velmora</mark></span>'
    + '&quot; on <span class="date" title="2025-03-07">Friday</span>.');
  // Quotes by speaker and the timeline.
  assert.match(html, /<q>𝒹ocks open, Velmora<\/q>/);
  assert.match(html, /<time datetime="2025-03-07">Friday 7 March 2025<\/time>/);
});

test('must show the article without page furniture, and each post of a feed', () => {
  const t = 'Home | News\nPost one body.\nLike Share\nPost one body.\nFooter';
  const p1 = cp(t, 'Post one body.');
  const p2 = cp(t, 'Post one body.', t.indexOf('Like'));
  const report = {
    schema: 'dossier/1',
    documents: [
      { id: 'd1', name: 'feed.txt', text: t, meta: {}, content: [p1, p2], posts: [p1, p2], duplicate_posts: [{ post: 1, of: 0 }], mentions: [], quotes: [], dates: [], story: 's1', warnings: [] },
      { id: 'd2', name: 'page.html', text: 'Nav\nThe body.', meta: {}, content: [{ start: 4, end: 13 }], posts: [], mentions: [], quotes: [], dates: [], story: 's1', warnings: [] },
      { id: 'd3', name: 'noise.txt', text: 'Only menus', meta: {}, content: [], posts: [], mentions: [], quotes: [], dates: [], story: 's1', warnings: [] },
    ],
    entities: [],
    stories: [{ id: 's1', title: null, documents: ['d1', 'd2', 'd3'] }],
  };
  const html = reportHtml(report);
  checkMarkup(html);
  assert.match(html, /<h4>Post 1 of 2<\/h4><div class="text">Post one body\.<\/div>/);
  assert.match(html, /<h4>Post 2 of 2 · repeats post 1<\/h4>/);
  assert.ok(!html.includes('Home | News') && !html.includes('Like Share') && !html.includes('Footer'), 'furniture left out');
  assert.match(html, /<div class="text">The body\.<\/div>/);
  assert.ok(!html.includes('Nav\n'));
  assert.match(html, /4 characters of page furniture outside the article left out/);
  assert.match(html, /No article body was found; this is the whole text\.<\/p>\n<div class="text">Only menus<\/div>/);
  assert.match(html, /<h3>Untitled story<\/h3>/);
});

test('must show discrepancies, copies and story dates only when the report has them', () => {
  const base = hostileReport();
  const older = { ...base, discrepancies: undefined, copies: undefined, stories: [{ id: 's1', title: 'T', documents: ['d1'] }] };
  const without = reportHtml(older);
  assert.ok(!without.includes('id="discrepancies"') && !without.includes('id="copies"'));
  assert.ok(!without.includes('event date'));
  const empty = reportHtml({ ...older, discrepancies: [], copies: [] });
  assert.match(empty, /No discrepancies found\./);
  assert.match(empty, /No copied documents found\./);
  const full = reportHtml({
    ...older,
    stories: [{ id: 's1', title: 'T', when: '2025-03-04', documents: ['d1'] }],
    discrepancies: [{ kind: 'count', subject: null, values: [{ document: 'd1', start: 0, end: 4, text: 'nine', value: '9' }, { document: 'd9', start: 0, end: 3, text: 'ten', value: '10' }] }],
    copies: [{ source: 'd1', copy: 'd1', kind: 'near-duplicate', similarity: 0.934, origin: 'wire credit', passages: [{ source: { start: 0, end: 3 }, copy: { start: 0, end: 3 }, text: 'The same words' }] }],
  });
  checkMarkup(full);
  assert.match(full, /event date 2025-03-04/);
  assert.match(full, /<h3>count<\/h3>/);
  assert.match(full, /<td>9<\/td><td>“nine”<\/td><td><a href="#doc-d1">/);
  assert.match(full, /<span class="missing">d9<\/span>/);
  assert.match(full, /near-duplicate · 93% similar · origin by wire credit · 1 shared passage/);
  assert.match(full, /<blockquote>The same words<\/blockquote>/);
  assert.match(full, /1 discrepancy · 1 copy/);
});

test('must show the report as the user edited it, with the edits listed', () => {
  const t = 'Zoe Angstrom met Zoë Ångström-Lind.';
  const raw = {
    schema: 'dossier/1',
    documents: [{
      id: 'd1', name: 'a.txt', text: t, meta: {}, content: [{ start: 0, end: [...t].length }], posts: [],
      mentions: [{ ...cp(t, 'Zoe Angstrom'), label: 'PER', entity: 'e1' }, { ...cp(t, 'Zoë Ångström-Lind'), label: 'PER', entity: 'e2' }],
      quotes: [], dates: [], story: 's1', warnings: [],
    }],
    entities: [
      { id: 'e1', name: 'Zoe Angstrom', label: 'PER', aliases: ['Zoe Angstrom'], documents: 1, mentions: 1 },
      { id: 'e2', name: 'Zoë Ångström-Lind', label: 'PER', aliases: ['Zoë Ångström-Lind'], documents: 1, mentions: 1 },
    ],
    stories: [{ id: 's1', title: 'x', documents: ['d1'] }],
  };
  const edits = [Edit.merge([{ name: 'Zoe Angstrom', label: 'PER' }, { name: 'Zoë Ångström-Lind', label: 'PER' }], 'Zoë Ångström-Lind', 'PER')];
  const { report, applied } = applyEdits(raw, edits);
  const html = reportHtml(exportedReport(report, edits, applied));
  checkMarkup(html);
  assert.match(html, /<h2 id="edits-h">Your entity edits<\/h2>/);
  assert.match(html, /Merged Zoe Angstrom \(PER\) into Zoë Ångström-Lind \(PER\)/);
  assert.equal((html.match(/<tr id="entity-/g) ?? []).length, 1, 'one entity after the merge');
  assert.equal((html.match(/title="Zoë Ångström-Lind \(person\)"/g) ?? []).length, 2, 'both mentions name the merged entity');
  assert.ok(!reportHtml(raw).includes('Your entity edits'));
});

test('must wrap every character in exactly the marks covering it, however they overlap', () => {
  // Random marks of the three kinds over astral text, cut into posts; each
  // mark's tag carries a title of its own, so the tags around each
  // character can be read back and compared with the marks over it.
  let seed = 11;
  const next = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let round = 0; round < 20; round++) {
    const chars = Array.from({ length: 200 }, () => ['a', 'b', ' ', '😀', 'é', '\n'][next(6)]);
    const t = chars.join('');
    const posts = [{ start: 5, end: 70 }, { start: 70, end: 130 }, { start: 150, end: 200 }];
    const span = () => {
      const start = next(200);
      return { start, end: Math.min(200, start + 1 + next(40)) };
    };
    const text = (s) => chars.slice(s.start, s.end).join('');
    const quotes = Array.from({ length: 4 }, (_, i) => ({ ...span(), speaker: `q${i}`, via: null }));
    const dates = Array.from({ length: 6 }, (_, i) => ({ ...span(), value: `V${i}` }));
    const mentions = Array.from({ length: 12 }, (_, i) => ({ ...span(), label: 'PER', entity: `m${i}` }));
    for (const s of [...quotes, ...dates, ...mentions]) s.text = text(s);
    const entities = [...quotes.map((q) => q.speaker), ...mentions.map((m) => m.entity)]
      .map((id) => ({ id, name: id.toUpperCase(), label: 'PER', aliases: [], documents: 1, mentions: 1 }));
    const report = {
      schema: 'dossier/1',
      documents: [{ id: 'd1', name: 'a.txt', text: t, meta: {}, content: [], posts, mentions, quotes, dates, story: 's1', warnings: [] }],
      entities,
      stories: [],
    };
    const html = reportHtml(report);
    checkMarkup(html);
    // what each mark's open tag says, in the order marks nest (quotes, dates, names, each as listed)
    const titled = [
      ...quotes.map((q) => [q, `quote: ${q.speaker.toUpperCase()}`]),
      ...dates.map((d) => [d, d.value]),
      ...mentions.map((m) => [m, `${m.entity.toUpperCase()} (person)`]),
    ];
    const blocks = [...html.matchAll(/<div class="text">(.*?)<\/div>/gs)].map((m) => m[1]);
    assert.equal(blocks.length, posts.length, `round ${round}`);
    posts.forEach((post, b) => {
      const seen = [];
      const stack = [];
      for (const [, close, attrs, piece] of blocks[b].matchAll(/<(\/?)(?:mark|span)([^>]*)>|([^<]+)/g)) {
        if (piece !== undefined) for (const c of piece) seen.push([c, stack.join('|')]);
        else if (close) stack.pop();
        else stack.push(/title="([^"]*)"/.exec(attrs)[1]);
      }
      const want = chars.slice(post.start, post.end).map((c, i) => {
        const at = post.start + i;
        return [c, titled.filter(([s]) => s.start <= at && at < s.end).map(([, title]) => title).join('|')];
      });
      assert.deepEqual(seen, want, `round ${round}, post ${b}`);
    });
  }
});
