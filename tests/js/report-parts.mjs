// A report as the worker sends it (Analyzer.reportParts): UTF-8 JSON texts,
// first {schema, fields}, then {field, items} with `size` items each.
// Shared by the fake workers of the client's tests.

export function parts(report, size = 2) {
  const encode = (value) => new TextEncoder().encode(JSON.stringify(value));
  const { schema, ...fields } = report;
  const out = [encode({ schema, fields: Object.keys(fields) })];
  for (const [field, items] of Object.entries(fields)) {
    for (let at = 0; at < items.length; at += size) out.push(encode({ field, items: items.slice(at, at + size) }));
  }
  return out;
}
