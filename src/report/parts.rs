//! The report as a series of small JSON texts, for the page: it parses
//! each part on its own, so neither the whole report's bytes nor its text
//! is ever held next to the parsed report (for 10,000 articles the JSON is
//! 200 MB, twice that as a JS string).
//!
//! The first part is `{"schema": "dossier/1", "fields": [NAME, ...]}`, the
//! report's array fields in order; every other part is `{"field": NAME,
//! "items": [...]}`, about `size` bytes of one field's items, in order. The
//! report is the schema plus, for each field, every part's items joined.

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
/// one large item makes a larger part) and hands each to `emit`.
pub struct Parts<F: FnMut(&[u8])> {
    size: usize,
    part: Vec<u8>,
    emit: F,
}

impl<F: FnMut(&[u8])> Parts<F> {
    /// Emits the first part, the schema and field list.
    pub fn new(size: usize, mut emit: F) -> serde_json::Result<Parts<F>> {
        #[derive(Serialize)]
        struct Head {
            schema: &'static str,
            fields: [&'static str; 6],
        }
        let head = serde_json::to_vec(&Head {
            schema: SCHEMA,
            fields: FIELDS,
        })?;
        emit(&head);
        Ok(Parts {
            size: size.max(1),
            part: Vec::new(),
            emit,
        })
    }

    /// Writes every item of `field` into parts.
    pub fn field<T: Serialize>(
        &mut self,
        field: &str,
        items: impl Iterator<Item = T>,
    ) -> serde_json::Result<()> {
        let mut open = false;
        for item in items {
            if open {
                self.part.push(b',');
            } else {
                self.part.clear();
                self.part.extend_from_slice(b"{\"field\":");
                serde_json::to_writer(&mut self.part, field)?;
                self.part.extend_from_slice(b",\"items\":[");
                open = true;
            }
            serde_json::to_writer(&mut self.part, &item)?;
            if self.part.len() >= self.size {
                self.close();
                open = false;
            }
        }
        if open {
            self.close();
        }
        Ok(())
    }

    fn close(&mut self) {
        self.part.extend_from_slice(b"]}");
        (self.emit)(&self.part);
        self.part.clear();
    }
}
