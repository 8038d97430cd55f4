// A file made from a stream of strings, for the exports. V8 caps one
// string at about 2^29 characters, and a batch's report passes that as
// pretty JSON from about 16,000 documents (332 M characters at 10,000), so
// no export is ever joined into one string: its parts are gathered into
// Blobs of about CHUNK characters each, which the browser keeps outside
// the page's heap, and the file is the Blob of those.

/** Characters gathered before they become one Blob. */
export const CHUNK = 1 << 22;

/** A Blob of the strings `parts` yields, in order, never holding more than about `chunk` characters of them at once. */
export function fileFromParts(parts, type, chunk = CHUNK) {
  const blobs = [];
  let pending = [];
  let size = 0;
  const flush = () => {
    if (pending.length) blobs.push(new Blob(pending));
    pending = [];
    size = 0;
  };
  for (const part of parts) {
    pending.push(part);
    size += part.length;
    if (size >= chunk) flush();
  }
  flush();
  return new Blob(blobs, { type });
}
