// Export > "Report as JSON": the dossier/1 report, downloaded from a Blob URL (no
// network request).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { exportDownload, openPage, waitForDocuments } from './util.mjs';

let session;
before(async () => {
  session = await openPage();
  await session.page.click('#sample-button');
  await waitForDocuments(session.page, 5);
});
after(() => session?.close());

test('must download a valid dossier/1 report', async () => {
  const { page } = session;
  const download = await exportDownload(page, '#export-button');
  assert.equal(download.suggestedFilename(), 'dossier-report.json');
  const report = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(report.schema, 'dossier/1');
  assert.equal(report.documents.length, 5);
  assert.ok(report.entities.length > 0);
  assert.ok(report.stories.length > 0);
  for (const doc of report.documents) {
    const chars = [...doc.text];
    for (const m of doc.mentions) assert.equal(chars.slice(m.start, m.end).join(''), m.text, `${doc.name} ${m.text}`);
  }
  for (const url of session.requests) {
    assert.equal(new URL(url).origin, session.origin, `request to ${url}`);
  }
});
