// Offsets: the report counts code points, JavaScript strings UTF-16 code
// units. Emoji and other astral characters before a name must not shift
// the highlight.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ASTRAL } from './fixtures.mjs';
import { dropFiles, openPage, screenshot, waitForDocuments } from './util.mjs';

let session;
before(async () => {
  session = await openPage();
});
after(() => session?.close());

async function marks(page) {
  return page.$$eval('#reader mark.m', (ms) => ms.map((m) => [m.textContent, m.className.split(' ')[1]]));
}

test('must highlight exactly the names after emoji in a dropped file', async () => {
  const { page } = session;
  await dropFiles(page, [ASTRAL]);
  await waitForDocuments(page, 1);
  const found = await marks(page);
  assert.deepEqual(
    found.filter(([, type]) => type === 'm-PER'),
    [['Zoë Ångström-Lind', 'm-PER'], ['Oluwaseun Adébáyọ̀', 'm-PER']],
  );
  assert.ok(found.some(([text, type]) => text === 'Allied Dockers Union' && type === 'm-ORG'), JSON.stringify(found));
  assert.equal(await page.textContent('#reader .reader-text'), ASTRAL.bytes);
  await screenshot(page, 'astral');
});

test('must highlight the same names in pasted text', async () => {
  const { page } = session;
  await page.click('.paste summary');
  await page.fill('#paste-box', ASTRAL.bytes);
  await page.click('#paste-button');
  await waitForDocuments(page, 2);
  await page.click('#document-list > li:nth-child(2) .document-button');
  await page.waitForSelector('#reader-meta dd:text-is("pasted-2.txt")');
  const people = (await marks(page)).filter(([, type]) => type === 'm-PER').map(([text]) => text);
  assert.deepEqual(people, ['Zoë Ångström-Lind', 'Oluwaseun Adébáyọ̀']);
});
