//! Invariants the fuzz targets check on every input: what `docs/schema.md`
//! and `CONTRACT.md` promise about a [`Document`] (byte spans) and a
//! [`Report`] (code point spans). A broken one panics, which libFuzzer
//! records as a crash.

use std::collections::HashMap;

use dossier::report::{DocumentReport, Report};
use dossier::{Document, Format, Span};

/// File names the targets pick from: extensions steer format sniffing,
/// folders must be dropped from the reported name.
pub const NAMES: &[&str] = &[
    "wire.txt",
    "page.html",
    "notes.md",
    "capture",
    "dir/sub/story.htm",
    "C:\\saved\\page.xhtml",
    ".html",
    "x.",
    "Ünïcödé.TXT",
    "",
];

/// The name for an input: chosen by its last byte, so that every byte of
/// a seed file still reaches the reader and one mutation changes the name.
pub fn name_for(data: &[u8]) -> &'static str {
    NAMES[data.last().map_or(0, |&b| b as usize) % NAMES.len()]
}

fn check_spans(text: &str, spans: &[Span], what: &str) {
    let mut last_end = 0;
    for s in spans {
        assert!(
            s.start() <= s.end() && s.end() <= text.len(),
            "{what} {s:?} outside 0..{}",
            text.len()
        );
        assert!(
            text.is_char_boundary(s.start()) && text.is_char_boundary(s.end()),
            "{what} {s:?} splits a character"
        );
        assert!(
            s.start() >= last_end,
            "{what} {s:?} overlaps or is out of order"
        );
        last_end = s.end();
    }
}

fn check_field(value: &Option<String>, what: &str) {
    if let Some(v) = value {
        assert!(
            !v.trim().is_empty(),
            "meta.{what} is {v:?}: null means unknown, never empty"
        );
    }
}

/// A document straight from ingest, for the bytes `input` when known.
pub fn check_document(doc: &Document, input: Option<&[u8]>) {
    assert!(
        !doc.name.contains('/') && !doc.name.contains('\\'),
        "name {:?} carries folders",
        doc.name
    );
    let text: &str = &doc.text;
    check_spans(text, &doc.content, "content");
    check_spans(text, &doc.posts, "posts");
    check_field(&doc.meta.title, "title");
    check_field(&doc.meta.publisher, "publisher");
    check_field(&doc.meta.original_source, "original_source");
    for a in &doc.meta.authors {
        assert!(
            !a.trim().is_empty(),
            "empty author in {:?}",
            doc.meta.authors
        );
    }
    if let Some(d) = doc.meta.published {
        let iso = d.iso();
        assert!(
            iso.len() == 10
                && (1..=12).contains(&d.month)
                && d.day.is_some_and(|x| (1..=31).contains(&x)),
            "meta.published {d:?} is not YYYY-MM-DD"
        );
    }
    if doc.format == Format::Binary {
        assert!(text.is_empty() && doc.content.is_empty() && doc.posts.is_empty());
        assert!(
            !doc.warnings.is_empty(),
            "a binary document needs a warning"
        );
    }
    if text.trim().is_empty() {
        assert!(
            !doc.warnings.is_empty(),
            "a document with no text needs a warning"
        );
    }
    // CONTRACT.md: a plain-text file's text is the decoded file, unchanged
    // apart from a dropped byte-order mark (and stray NULs, which the
    // decoder drops with a warning).
    if let Some(bytes) = input {
        let plain = matches!(doc.format, Format::Text | Format::Markdown);
        if plain && doc.encoding == "utf-8" && !text.is_empty() {
            if let Ok(s) = std::str::from_utf8(bytes) {
                let s = s.strip_prefix('\u{feff}').unwrap_or(s);
                assert_eq!(text, s.replace('\0', ""), "plain text changed");
                if s.contains('\0') {
                    assert!(!doc.warnings.is_empty(), "NULs dropped without a warning");
                }
            }
        }
    }
}

/// A code point range of `text` (`chars` is `text.chars()` collected).
fn slice(chars: &[char], start: usize, end: usize, what: &str) -> String {
    assert!(
        start <= end && end <= chars.len(),
        "{what} {start}..{end} outside 0..{}",
        chars.len()
    );
    chars[start..end].iter().collect()
}

/// One document's wire form on its own (a `--jsonl` line): code point
/// spans in range, every `text` equal to its slice, mentions in order.
pub fn check_document_report(doc: &DocumentReport) {
    let chars: Vec<char> = doc.text.chars().collect();
    for s in doc.content.iter().chain(&doc.posts) {
        slice(&chars, s.start, s.end, "content/post");
    }
    let mut last_end = 0;
    for m in &doc.mentions {
        assert_eq!(
            slice(&chars, m.start, m.end, "mention"),
            m.text,
            "{}: mention text",
            doc.id
        );
        assert!(
            m.start >= last_end,
            "{}: mentions overlap at {}",
            doc.id,
            m.start
        );
        last_end = m.end;
        assert!(
            ["PER", "ORG", "LOC", "MISC"].contains(&&*m.label),
            "label {}",
            m.label
        );
    }
    for q in &doc.quotes {
        assert_eq!(
            slice(&chars, q.start, q.end, "quote"),
            q.text,
            "{}: quote text",
            doc.id
        );
    }
    for d in &doc.dates {
        assert_eq!(
            slice(&chars, d.start, d.end, "date"),
            d.text,
            "{}: date text",
            doc.id
        );
    }
}

/// A whole report: spans in code points and in range, every `text` equal
/// to its slice, every id defined, counts consistent, and JSON that reads
/// back to the same report.
pub fn check_report(report: &Report) {
    assert_eq!(report.schema, "dossier/1");
    let entity_index: HashMap<&str, usize> = report
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    assert_eq!(
        entity_index.len(),
        report.entities.len(),
        "duplicate entity ids"
    );
    let mut mentions = vec![0usize; report.entities.len()];
    let mut documents = vec![0usize; report.entities.len()];
    let mut story_of = HashMap::new();
    for s in &report.stories {
        for d in &s.documents {
            assert!(
                story_of.insert(d.as_str(), s.id.as_str()).is_none(),
                "{d} in two stories"
            );
        }
    }
    for (i, doc) in report.documents.iter().enumerate() {
        assert_eq!(doc.id, format!("d{}", i + 1));
        check_document_report(doc);
        let mut seen = vec![false; report.entities.len()];
        for m in &doc.mentions {
            let e = *entity_index
                .get(m.entity.as_str())
                .unwrap_or_else(|| panic!("{}: unknown entity {}", doc.id, m.entity));
            mentions[e] += 1;
            seen[e] = true;
        }
        for (e, s) in seen.iter().enumerate() {
            documents[e] += usize::from(*s);
        }
        for q in &doc.quotes {
            for who in [&q.speaker, &q.via].into_iter().flatten() {
                assert!(
                    entity_index.contains_key(who.as_str()),
                    "{}: quote names {who}",
                    doc.id
                );
            }
        }
        assert_eq!(
            story_of.get(doc.id.as_str()),
            Some(&doc.story.as_str()),
            "{}: story",
            doc.id
        );
    }
    assert_eq!(
        story_of.len(),
        report.documents.len(),
        "stories name unknown documents"
    );
    for (i, e) in report.entities.iter().enumerate() {
        assert_eq!(e.id, format!("e{}", i + 1));
        assert_eq!(
            (e.mentions, e.documents),
            (mentions[i], documents[i]),
            "{} counts",
            e.id
        );
    }
    let json = serde_json::to_string(report).expect("the report serializes");
    let back: Report = serde_json::from_str(&json).expect("the JSON reads back");
    assert!(&back == report, "the report changed through JSON");
}

/// The batch's report written in parts of about `size` bytes (the page's
/// form, `Analyzer::write_report_parts`): every chunk at most `2 * size`
/// bytes (a part's last two more), every part JSON on its own, and the parts
/// joined equal to the report written whole.
pub fn check_parts(batch: &dossier::Analyzer, size: usize) {
    use serde_json::Value;
    let mut whole = Vec::new();
    batch.write_report(&mut whole, false).expect("writes");
    let whole: Value = serde_json::from_slice(&whole).expect("the report is JSON");
    let mut parts = Vec::new();
    let mut open = Vec::new();
    batch
        .write_report_parts(size, |chunk, last| {
            let limit = if last {
                2 * size.max(1) + 2
            } else {
                2 * size.max(1)
            };
            assert!(
                chunk.len() <= limit,
                "a chunk of {} bytes at size {size}",
                chunk.len()
            );
            open.extend_from_slice(chunk);
            if last {
                parts.push(std::mem::take(&mut open));
            }
        })
        .expect("writes");
    assert!(open.is_empty(), "the parts end with a part's last chunk");
    let head: Value = serde_json::from_slice(&parts[0]).expect("the head is JSON");
    let mut joined = serde_json::json!({ "schema": head["schema"] });
    for field in head["fields"].as_array().expect("fields") {
        joined[field.as_str().expect("a field name")] = Value::Array(Vec::new());
    }
    for part in &parts[1..] {
        let part: Value = serde_json::from_slice(part).expect("a part is JSON");
        let field = part["field"].as_str().expect("a field");
        let items = part["items"].as_array().expect("items").clone();
        joined[field]
            .as_array_mut()
            .expect("a field the head named")
            .extend(items);
    }
    assert!(joined == whole, "the parts join to another report");
}
