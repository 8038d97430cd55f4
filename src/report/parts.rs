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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// The page's assembly (analyzer-client.js `assembleReport`), in Rust.
    fn assemble(parts: &[Vec<u8>]) -> Value {
        let head: Value = serde_json::from_slice(&parts[0]).expect("head");
        let mut report = json!({ "schema": head["schema"] });
        for f in head["fields"].as_array().expect("fields") {
            report[f.as_str().expect("name")] = json!([]);
        }
        for part in &parts[1..] {
            let part: Value = serde_json::from_slice(part).expect("a part is JSON");
            let items = part["items"].as_array().expect("items").clone();
            report[part["field"].as_str().expect("field")]
                .as_array_mut()
                .expect("a known field")
                .extend(items);
        }
        report
    }

    #[test]
    fn parts_join_to_the_items_in_order_whatever_their_size() {
        let items: Vec<Value> = (0..50)
            .map(|i| json!({ "n": i, "text": "é".repeat(i % 7) }))
            .collect();
        for size in [1, 10, 100, 100_000] {
            let mut parts = Vec::new();
            let mut out = Parts::new(size, |p: &[u8]| parts.push(p.to_vec())).expect("head");
            out.field("documents", items.iter()).expect("written");
            out.field("entities", std::iter::empty::<Value>())
                .expect("written");
            out.field("stories", items[..3].iter()).expect("written");
            let report = assemble(&parts);
            assert_eq!(report["schema"], SCHEMA);
            assert_eq!(
                report["documents"],
                Value::from(items.clone()),
                "size {size}"
            );
            assert_eq!(
                report["entities"],
                json!([]),
                "an empty field is still there"
            );
            assert_eq!(report["stories"], Value::from(items[..3].to_vec()));
            if size == 1 {
                assert_eq!(parts.len(), 1 + 50 + 3, "one item a part");
            }
            if size == 100_000 {
                assert_eq!(parts.len(), 1 + 2, "one part a field that has items");
            }
        }
    }

    #[test]
    fn the_parts_of_a_batch_join_to_its_report() {
        let mut batch = crate::Analyzer::new();
        for (name, bytes) in crate::SAMPLE {
            batch.add_file(name, bytes);
        }
        batch.add_unreadable("gone.txt", "cannot read the file");
        let mut whole = Vec::new();
        batch.write_report(&mut whole, false).expect("written");
        let whole: Value = serde_json::from_slice(&whole).expect("JSON");
        for size in [1, 2_000, 1 << 20] {
            let mut parts = Vec::new();
            batch
                .write_report_parts(size, |p: &[u8]| parts.push(p.to_vec()))
                .expect("written");
            assert_eq!(assemble(&parts), whole, "parts of {size} bytes");
        }
    }
}
