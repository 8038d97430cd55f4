//! The report as a series of small JSON texts, for the page: it parses
//! each part on its own, so neither the whole report's bytes nor its text
//! is ever held next to the parsed report (for 10,000 articles the JSON is
//! 200 MB, twice that as a JS string).
//!
//! The first part is `{"schema": "dossier/1", "fields": [NAME, ...]}`, the
//! report's array fields in order; every other part is `{"field": NAME,
//! "items": [...]}`, about `size` bytes of one field's items, in order. The
//! report is the schema plus, for each field, every part's items joined.
//!
//! A part reaches `emit` in chunks of at most twice `size` bytes (the last
//! may carry two more), each with a flag that says whether it ends its
//! part. One long document is one item: its part held whole was 57 MB for
//! a 17.5 MB text, grown by doubling in a wasm memory that never shrinks.
//! A part closes once it passes `size`, so only one with an item of about
//! `size` or more comes in several chunks: the page joins those, a copy.
//! A chunk may end inside a UTF-8 sequence; only a whole part is JSON.

use std::io;

use serde::Serialize;

use super::SCHEMA;

/// The report's array fields, in their order in [`super::Report`].
pub const FIELDS: [&str; 6] = [
    "documents",
    "entities",
    "stories",
    "copies",
    "discrepancies",
    "cooccurrences",
];

/// Writes parts of about `size` bytes (a part holds at least one item, so
/// one large item makes a larger part) and hands them to `emit` in chunks
/// of at most `2 * size` bytes: `emit(chunk, last)`, `last` on a part's
/// final chunk.
pub struct Parts<F: FnMut(&[u8], bool)> {
    out: Chunks<F>,
}

/// The current part's bytes not yet emitted, and how many it has in all.
struct Chunks<F: FnMut(&[u8], bool)> {
    /// The part size asked for.
    size: usize,
    /// The most a chunk holds: twice `size`.
    limit: usize,
    chunk: Vec<u8>,
    written: usize,
    emit: F,
}

impl<F: FnMut(&[u8], bool)> io::Write for Chunks<F> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.put(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<F: FnMut(&[u8], bool)> Chunks<F> {
    /// Adds `bytes` to the part, emitting each chunk as it fills.
    fn put(&mut self, mut bytes: &[u8]) {
        self.written += bytes.len();
        while !bytes.is_empty() {
            let room = self.limit - self.chunk.len();
            let (now, rest) = bytes.split_at(room.min(bytes.len()));
            self.chunk.extend_from_slice(now);
            bytes = rest;
            if self.chunk.len() == self.limit {
                (self.emit)(&self.chunk, false);
                self.chunk.clear();
            }
        }
    }

    /// Emits what is left of the part and `tail` as its last chunk (which
    /// may so pass the limit by `tail`'s length).
    fn end(&mut self, tail: &[u8]) {
        self.chunk.extend_from_slice(tail);
        (self.emit)(&self.chunk, true);
        self.chunk.clear();
        self.written = 0;
    }
}

impl<F: FnMut(&[u8], bool)> Parts<F> {
    /// Emits the first part, the schema and field list.
    pub fn new(size: usize, emit: F) -> serde_json::Result<Parts<F>> {
        #[derive(Serialize)]
        struct Head {
            schema: &'static str,
            fields: [&'static str; 6],
        }
        let size = size.max(1);
        let limit = size.saturating_mul(2);
        let mut out = Chunks {
            size,
            limit,
            chunk: Vec::with_capacity(limit.min(2 << 20)),
            written: 0,
            emit,
        };
        serde_json::to_writer(
            &mut out,
            &Head {
                schema: SCHEMA,
                fields: FIELDS,
            },
        )?;
        out.end(b"");
        Ok(Parts { out })
    }

    /// Writes every item of `field` into parts.
    pub fn field<T: Serialize>(
        &mut self,
        field: &str,
        items: impl Iterator<Item = T>,
    ) -> serde_json::Result<()> {
        let out = &mut self.out;
        let mut open = false;
        for item in items {
            if open {
                out.put(b",");
            } else {
                out.put(b"{\"field\":");
                serde_json::to_writer(&mut *out, field)?;
                out.put(b",\"items\":[");
                open = true;
            }
            serde_json::to_writer(&mut *out, &item)?;
            if out.written >= out.size {
                out.end(b"]}");
                open = false;
            }
        }
        if open {
            out.end(b"]}");
        }
        Ok(())
    }
}
