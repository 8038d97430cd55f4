// The report as the worker sends it (Analyzer.reportChunks): its JSON's
// UTF-8 bytes in pieces of `size` bytes, cut wherever they fall, even
// inside a character. Shared by the fake workers of the client's tests.

export function pieces(json, size = 7) {
  const bytes = new TextEncoder().encode(json);
  const out = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.slice(at, at + size));
  return out;
}
