//! Shared helpers: run the binary, check a dossier/1 report's invariants.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// Prints expected above actual when they differ.
macro_rules! assert_same {
    ($expected:expr, $actual:expr, $($ctx:tt)+) => {{
        let (expected, actual) = (&$expected, &$actual);
        if expected != actual {
            panic!("{}\nexpected: {:?}\n  actual: {:?}", format!($($ctx)+), expected, actual);
        }
    }};
}

/// The `dossier` binary cargo built for these tests.
pub fn dossier() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

/// Runs `dossier` with `args`, returning its output.
pub fn run(args: &[&str]) -> Output {
    dossier()
        .args(args)
        .output()
        .expect("the dossier binary runs")
}

/// Runs `dossier analyze ARGS` and parses the report it prints.
pub fn analyze(args: &[&str]) -> Value {
    let mut all = vec!["analyze"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert!(
        out.status.success(),
        "dossier {all:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON report")
}

/// `../shared` beside the repository, when present.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("SKIPPED: {} is not present", p.display());
        None
    }
}

/// The code points `start..end` of `text`.
pub fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn str_field<'v>(v: &'v Value, key: &str, ctx: &str) -> &'v str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{ctx}: {key} must be a string, got {}", v[key]))
}

fn array<'v>(v: &'v Value, key: &str, ctx: &str) -> &'v Vec<Value> {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("{ctx}: {key} must be an array, got {}", v[key]))
}

/// Checks one document object against `CONTRACT.md`: every field present
/// with its type, spans in range, `text` fields equal to their slices,
/// code point offsets. `entities` / `stories` are the valid ids, or `None`
/// for a streamed document.
pub fn check_document(doc: &Value, entities: Option<&[String]>, stories: Option<&[String]>) {
    let name = str_field(doc, "name", "document");
    let ctx = format!("document {name}");
    for key in ["id", "format", "encoding", "text", "story"] {
        str_field(doc, key, &ctx);
    }
    assert!(
        !name.contains('/') && !name.contains('\\'),
        "{ctx}: name carries folders"
    );
    let text = str_field(doc, "text", &ctx);
    let length = text.chars().count();
    let meta = &doc["meta"];
    for key in ["title", "publisher", "published", "original_source"] {
        assert!(
            meta[key].is_null() || meta[key].is_string(),
            "{ctx}: meta.{key} is {}",
            meta[key]
        );
    }
    for key in ["authors", "labels", "urls"] {
        assert!(
            array(meta, key, &ctx).iter().all(Value::is_string),
            "{ctx}: meta.{key}"
        );
    }
    if let Some(p) = meta["published"].as_str() {
        assert!(
            p.len() == 10 && p.as_bytes()[4] == b'-' && p.as_bytes()[7] == b'-',
            "{ctx}: published {p}"
        );
    }
    let span = |s: &Value, what: &str| -> (usize, usize) {
        let start = s["start"]
            .as_u64()
            .unwrap_or_else(|| panic!("{ctx}: {what} start")) as usize;
        let end = s["end"]
            .as_u64()
            .unwrap_or_else(|| panic!("{ctx}: {what} end")) as usize;
        assert!(
            start <= end && end <= length,
            "{ctx}: {what} {start}..{end} outside 0..{length}"
        );
        (start, end)
    };
    for key in ["content", "posts"] {
        for s in array(doc, key, &ctx) {
            span(s, key);
        }
    }
    for key in ["mentions", "quotes", "dates"] {
        let mut last_end = 0;
        for s in array(doc, key, &ctx) {
            let (start, end) = span(s, key);
            assert_same!(
                slice(text, start, end),
                str_field(s, "text", &ctx).to_string(),
                "{ctx}: {key} text must equal its slice"
            );
            if key == "mentions" {
                assert!(start >= last_end, "{ctx}: mentions overlap at {start}");
                last_end = end;
                let label = str_field(s, "label", &ctx);
                assert!(
                    ["PER", "ORG", "LOC", "MISC"].contains(&label),
                    "{ctx}: label {label}"
                );
                let entity = str_field(s, "entity", &ctx);
                if let Some(ids) = entities {
                    assert!(
                        ids.iter().any(|e| e == entity),
                        "{ctx}: unknown entity {entity}"
                    );
                }
                let t = str_field(s, "text", &ctx);
                assert!(
                    !t.ends_with("'s") && !t.ends_with("\u{2019}s"),
                    "{ctx}: possessive inside {t:?}"
                );
            }
            if key == "quotes" {
                for who in ["speaker", "via"] {
                    assert!(s[who].is_null() || s[who].is_string(), "{ctx}: quote {who}");
                    if let (Some(id), Some(ids)) = (s[who].as_str(), entities) {
                        assert!(
                            ids.iter().any(|e| e == id),
                            "{ctx}: quote {who} {id} unknown"
                        );
                    }
                }
            }
            if key == "dates" {
                assert!(
                    s["value"].is_null() || s["value"].is_string(),
                    "{ctx}: date value"
                );
            }
        }
    }
    if let Some(ids) = stories {
        let story = str_field(doc, "story", &ctx);
        assert!(
            ids.iter().any(|s| s == story),
            "{ctx}: unknown story {story}"
        );
    }
    assert!(
        array(doc, "warnings", &ctx).iter().all(Value::is_string),
        "{ctx}: warnings"
    );
}

/// Checks a whole report; returns it for further assertions.
pub fn check_report(report: &Value) -> &Value {
    assert_eq!(report["schema"], "dossier/1");
    let ids = |key: &str| -> Vec<String> {
        array(report, key, "report")
            .iter()
            .map(|e| str_field(e, "id", key).to_string())
            .collect()
    };
    let entities = ids("entities");
    let stories = ids("stories");
    for e in array(report, "entities", "report") {
        for key in ["name", "label"] {
            str_field(e, key, "entity");
        }
        assert!(
            !array(e, "aliases", "entity").is_empty(),
            "entity {} has no aliases",
            e["name"]
        );
        assert!(
            e["documents"].as_u64().is_some_and(|n| n >= 1)
                && e["mentions"].as_u64().is_some_and(|n| n >= 1)
        );
    }
    let docs = array(report, "documents", "report");
    let doc_ids: Vec<&str> = docs
        .iter()
        .map(|d| str_field(d, "id", "document"))
        .collect();
    for s in array(report, "stories", "report") {
        str_field(s, "title", "story");
        for d in array(s, "documents", "story") {
            assert!(
                doc_ids.contains(&d.as_str().unwrap_or("")),
                "story names unknown document {d}"
            );
        }
    }
    for doc in docs {
        check_document(doc, Some(&entities), Some(&stories));
    }
    check_links(report, docs, &entities);
    report
}

/// Copies, discrepancies and co-occurrences name known ids, and their
/// spans slice their documents' text.
fn check_links(report: &Value, docs: &[Value], entities: &[String]) {
    let text_of = |id: &Value| -> &str {
        let doc = docs
            .iter()
            .find(|d| &d["id"] == id)
            .unwrap_or_else(|| panic!("unknown document {id}"));
        str_field(doc, "text", "document")
    };
    let known_entity = |e: &Value| {
        assert!(
            e.is_null() || entities.iter().any(|x| x == e.as_str().unwrap_or("")),
            "unknown entity {e}"
        )
    };
    let span = |v: &Value, what: &str| -> (usize, usize) {
        let n = |k: &str| v[k].as_u64().unwrap_or_else(|| panic!("{what}: {k}")) as usize;
        assert!(n("start") < n("end"), "{what}: empty span");
        (n("start"), n("end"))
    };
    for c in report["copies"].as_array().map_or(&[][..], Vec::as_slice) {
        assert_ne!(c["source"], c["copy"], "a copy of itself");
        for p in array(c, "passages", "copy") {
            let (s, e) = span(&p["source"], "passage source");
            assert_same!(
                p["text"].as_str().unwrap_or("").to_string(),
                slice(text_of(&c["source"]), s, e),
                "passage text"
            );
            span(&p["copy"], "passage copy");
        }
    }
    for d in report["discrepancies"]
        .as_array()
        .map_or(&[][..], Vec::as_slice)
    {
        known_entity(&d["subject"]);
        let values = array(d, "values", "discrepancy");
        assert!(values.len() >= 2, "a discrepancy needs two values");
        for v in values {
            let (s, e) = span(v, "value");
            assert_same!(
                v["text"].as_str().unwrap_or("").to_string(),
                slice(text_of(&v["document"]), s, e),
                "value text"
            );
        }
    }
    for c in report["cooccurrences"]
        .as_array()
        .map_or(&[][..], Vec::as_slice)
    {
        known_entity(&c["a"]);
        known_entity(&c["b"]);
        assert!(c["weight"].as_u64().is_some_and(|w| w >= 1));
        for d in array(c, "documents", "cooccurrence") {
            text_of(d);
        }
    }
}

/// The documents of a report, by name.
pub fn document<'r>(report: &'r Value, name: &str) -> &'r Value {
    report["documents"]
        .as_array()
        .and_then(|docs| docs.iter().find(|d| d["name"] == name))
        .unwrap_or_else(|| panic!("no document named {name}"))
}
