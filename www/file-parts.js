// A file made from a stream of strings, for the exports. V8 caps one
// string at about 2^29 characters, and a batch's report as pretty JSON
// is 332 M characters at 10,000 generated documents and past the cap at
// 20,000 (JSON.stringify throws), so
// no export is ever joined into one string: its parts are gathered into
// Blobs of about CHUNK characters each, which the browser keeps outside
// the page's heap, and the file is the Blob of those.

// The parts are made as they are read, in slices of about SLICE_MS with a
// pause between: a large export takes seconds (the HTML page of 45,000
// documents, 23 s), and the page's thread keeps drawing and taking input
// meanwhile.

/** Characters gathered before they become one Blob. */
export const CHUNK = 1 << 22;

/** Milliseconds of work between two pauses. */
export const SLICE_MS = 50;

/** Resolves with a Blob of the strings `parts` yields, in order, never holding more than about `chunk` characters of them at once. */
export async function fileFromParts(parts, type, { chunk = CHUNK, sliceMs = SLICE_MS } = {}) {
  const blobs = [];
  let pending = [];
  let size = 0;
  const flush = () => {
    if (pending.length) blobs.push(new Blob(pending));
    pending = [];
    size = 0;
  };
  let slice = performance.now();
  for (const part of parts) {
    pending.push(part);
    size += part.length;
    if (size >= chunk) flush();
    if (performance.now() - slice >= sliceMs) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      slice = performance.now();
    }
  }
  flush();
  return new Blob(blobs, { type });
}
