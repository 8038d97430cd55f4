// Reading a dropped file's bytes, shared by the batch's worker client (on
// the page's thread) and the analysis pool's workers (which get the File
// itself, so the page's thread never waits on a file's size or bytes).

/** Files above this size are refused before they are read. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** The warning for a refused large file. */
export function tooLargeMessage(size) {
  const mb = (size / (1024 * 1024)).toFixed(1);
  return `file too large (${mb} MB; the limit is ${MAX_FILE_BYTES / (1024 * 1024)} MB); skipped without reading`;
}

/** The browser could not read a file's bytes. */
export class ReadError extends Error {
  constructor(cause) {
    super(`could not read this file (${cause && cause.message ? cause.message : String(cause)}); skipped`);
    this.name = 'ReadError';
  }
}

/** Reads a file-like's bytes: `{bytes, transfer}`; throws `ReadError`. */
export async function readBytes(source) {
  if (source instanceof Uint8Array) return { bytes: source, transfer: [] };
  if (source && source.bytes instanceof Uint8Array) return { bytes: source.bytes, transfer: [] };
  let buffer;
  try {
    buffer = await source.arrayBuffer();
  } catch (error) {
    throw new ReadError(error);
  }
  return { bytes: new Uint8Array(buffer), transfer: [buffer] };
}

/** The size in bytes of a file-like source (a File or Blob, bytes, or `{bytes}`), before it is read. */
export function byteSize(source) {
  if (source instanceof Uint8Array) return source.byteLength;
  if (source && source.bytes instanceof Uint8Array) return source.bytes.byteLength;
  return source && typeof source.size === 'number' ? source.size : 0;
}

/** True for a File or Blob: something to hand to a worker unread. */
export function isBlob(source) {
  return typeof Blob !== 'undefined' && source instanceof Blob;
}

/**
 * A pool worker's side: a file's bytes as `{bytes}`, or `{why}` when it is
 * over MAX_FILE_BYTES (not read at all) or cannot be read.
 */
export async function readOrRefuse(file) {
  if (file.size > MAX_FILE_BYTES) return { why: tooLargeMessage(file.size) };
  try {
    return { bytes: (await readBytes(file)).bytes };
  } catch (error) {
    return { why: error.message };
  }
}
