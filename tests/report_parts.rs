//! The page's join of `Analyzer::write_report_parts` (analyzer-client.js
//! `ReportAssembler`), in Rust, for the native and the wasm tests.

use serde_json::{json, Value};

/// The parts from their chunks, as `(bytes, last)` in the order emitted:
/// each part is its chunks joined up to its last.
pub fn parts_of(chunks: &[(Vec<u8>, bool)]) -> Vec<Vec<u8>> {
    let mut parts = Vec::new();
    let mut open: Vec<u8> = Vec::new();
    for (chunk, last) in chunks {
        open.extend_from_slice(chunk);
        if *last {
            parts.push(std::mem::take(&mut open));
        }
    }
    assert!(open.is_empty(), "the last chunk ends its part");
    parts
}

/// The report from its parts: the head's schema and fields, then each
/// part's items appended to its field.
pub fn join(parts: &[Vec<u8>]) -> Value {
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
            .expect("a field the head named")
            .extend(items);
    }
    report
}
