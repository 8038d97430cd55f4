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

/**
 * Each part cut into chunks of `bytes` bytes (cuts may fall inside a
 * character), as worker.js posts them: `{part, more}`, `more` on every
 * chunk but a part's last.
 */
export function chunks(parts, bytes) {
  const out = [];
  for (const part of parts) {
    for (let at = 0; at < part.length || at === 0; at += bytes) {
      out.push({ part: part.subarray(at, at + bytes), more: at + bytes < part.length });
    }
  }
  return out;
}

/**
 * A fake worker's answer to REPORT: the parts in chunks of `bytes`, then
 * the number of parts, as worker.js sends them. With `cutAfter`, only the
 * first `cutAfter` chunks go out and the worker traps instead of replying.
 */
export function replyWithReport(reply, id, report, { bytes = Infinity, cutAfter = Infinity } = {}) {
  const sent = parts(report);
  const pieces = chunks(sent, bytes);
  for (const { part, more } of pieces.slice(0, cutAfter)) reply(more ? { id, part, more } : { id, part });
  if (cutAfter < pieces.length) return reply({ id, ok: false, error: { name: 'RuntimeError', message: 'unreachable' }, fatal: true });
  return reply({ id, ok: true, value: sent.length });
}

/** The report joined from `parts` (or `chunks` of them) as the client joins it. */
export function join(parts) {
  const assembler = new ReportAssembler();
  for (const part of parts) {
    if (part instanceof Uint8Array) assembler.add(part);
    else assembler.add(part.part, part.more);
  }
  return assembler.finish();
}
