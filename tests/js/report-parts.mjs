// A report as the worker sends it (Analyzer.reportParts): UTF-8 JSON texts,
// first {schema, fields}, then {field, items} with `size` items each.
// Shared by the fake workers of the client's tests.

import { ReportAssembler } from '../../www/analyzer-client.js';

export function parts(report, size = 2) {
  const encode = (value) => new TextEncoder().encode(JSON.stringify(value));
  const { schema, ...fields } = report;
  const out = [encode({ schema, fields: Object.keys(fields) })];
  for (const [field, items] of Object.entries(fields)) {
    for (let at = 0; at < items.length; at += size) out.push(encode({ field, items: items.slice(at, at + size) }));
  }
  return out;
}

/** A fake worker's answer to REPORT: the parts, then their count, as worker.js sends them. */
export function replyWithReport(reply, id, report) {
  const sent = parts(report);
  for (const part of sent) reply({ id, part });
  return reply({ id, ok: true, value: sent.length });
}

/** The report joined from `parts` as the client joins it. */
export function join(parts) {
  const assembler = new ReportAssembler();
  for (const part of parts) assembler.add(part);
  return assembler.finish();
}
