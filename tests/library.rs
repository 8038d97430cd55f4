use dossier::{Analyzed, Analyzer, Label};
use serde_json::{json, Value};

use crate::report_parts::{join, parts_of};

#[test]
fn offsets_are_code_points_after_astral_characters() {
    let mut batch = Analyzer::new();
    batch.add_file(
        "emoji.txt",
        "😀😀 Oluwaseun Adébáyọ̀ met Zoë Ångström-Lind in Velmora.".as_bytes(),
    );
    let report = batch.report();
    let doc = &report.documents[0];
    for m in &doc.mentions {
        let slice: String = doc
            .text
            .chars()
            .skip(m.start)
            .take(m.end - m.start)
            .collect();
        assert_same!(m.text, slice, "mention at {}..{}", m.start, m.end);
    }
    let first = doc.mentions.first().expect("a mention");
    assert_same!(
        ("Oluwaseun Adébáyọ̀", 3),
        (&*first.text, first.start),
        "first mention"
    );
}

#[test]
fn the_report_is_the_same_however_the_text_arrives() {
    let text = "Lucía Ferrão, the harbor master, said 19 ships were unloaded on Thursday.";
    let mut a = Analyzer::new();
    a.add_file("x.txt", text.as_bytes());
    let mut b = Analyzer::new();
    b.add_text("x.txt", text, None);
    assert_same!(a.report(), b.report(), "bytes and text give one report");
}

#[test]
fn documents_analyzed_apart_and_handed_over_as_bytes_give_the_same_report() {
    // What the page's worker pool does: each file analyzed on its own, the
    // bytes handed to the batch in order.
    let mut whole = Analyzer::new();
    let mut pooled = Analyzer::new();
    for (name, bytes) in dossier::SAMPLE {
        whole.add_file(name, bytes);
        let analyzed =
            Analyzed::from_bytes(&Analyzed::file(name, bytes).to_bytes()).expect("own bytes");
        pooled.add_analyzed(analyzed);
    }
    let paste = "Ines Harlow said in Velmora on Monday that 41 ships had docked.";
    whole.add_text("paste", paste, None);
    pooled.add_analyzed(Analyzed::text("paste", paste, None));
    whole.add_unreadable("huge.mbox", "file too large");
    pooled.add_analyzed(Analyzed::unreadable("huge.mbox", "file too large"));
    assert_same!(
        whole.report(),
        pooled.report(),
        "pooled and in-place analysis"
    );
}

#[test]
fn warming_up_leaves_nothing_behind() {
    // The page's workers run `warm_up` first; nothing it runs may change
    // what a later batch reports (global state: the model, caches).
    let report = || {
        let mut batch = Analyzer::new();
        batch.add_text("paste", "Ines Harlow said in Velmora on Monday.", None);
        serde_json::to_string(&batch.report()).expect("serializes")
    };
    let before = report();
    dossier::warm_up();
    assert_same!(report(), before, "the report after warming up");
}

/// The built-in sample and a file that could not be read.
fn sample_batch() -> Analyzer {
    let mut batch = Analyzer::new();
    for (name, bytes) in dossier::SAMPLE {
        batch.add_file(name, bytes);
    }
    batch.add_unreadable("gone.txt", "cannot read the file");
    batch
}

#[test]
fn the_streamed_report_is_the_report() {
    let batch = sample_batch();
    let whole = serde_json::to_string(&batch.report()).expect("serializes");
    let mut streamed = Vec::new();
    batch.write_report(&mut streamed, false).expect("writes");
    assert_same!(
        String::from_utf8(streamed).expect("utf-8"),
        whole,
        "compact JSON"
    );
    let mut pretty = Vec::new();
    batch.write_report(&mut pretty, true).expect("writes");
    let pretty: serde_json::Value = serde_json::from_slice(&pretty).expect("valid JSON");
    let whole: serde_json::Value = serde_json::from_str(&whole).expect("valid JSON");
    assert_same!(pretty, whole, "pretty JSON");
}

#[test]
fn labels_round_trip() {
    for label in [Label::Per, Label::Org, Label::Loc, Label::Misc] {
        assert_eq!(Label::parse(label.as_str()), Some(label));
    }
    assert_eq!(Label::parse("DATE"), None);
}

#[test]
fn report_parts_join_to_the_items_in_order_whatever_their_size() {
    let items: Vec<Value> = (0..50)
        .map(|i| json!({ "n": i, "text": "é".repeat(i % 7) }))
        .collect();
    for size in [1, 10, 100, 100_000] {
        let mut chunks = Vec::new();
        let mut out =
            dossier::report::Parts::new(size, |c: &[u8], last| chunks.push((c.to_vec(), last)))
                .expect("head");
        out.field("documents", items.iter()).expect("written");
        out.field("entities", std::iter::empty::<Value>())
            .expect("written");
        out.field("stories", items[..3].iter()).expect("written");
        drop(out);
        // at size 1 a chunk ends inside "é": only whole parts are JSON
        for (chunk, last) in &chunks {
            let limit = if *last { 2 * size + 2 } else { 2 * size };
            assert!(
                chunk.len() <= limit,
                "a chunk of {} bytes at size {size}",
                chunk.len()
            );
        }
        let parts = parts_of(&chunks);
        let report = join(&parts);
        assert_eq!(report["schema"], dossier::report::SCHEMA);
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
fn the_report_parts_of_a_batch_join_to_its_report() {
    let batch = sample_batch();
    let mut whole = Vec::new();
    batch.write_report(&mut whole, false).expect("written");
    let whole: Value = serde_json::from_slice(&whole).expect("JSON");
    for size in [1, 2_000, 1 << 20] {
        let mut chunks = Vec::new();
        batch
            .write_report_parts(size, |c: &[u8], last| chunks.push((c.to_vec(), last)))
            .expect("written");
        let parts = parts_of(&chunks);
        assert_eq!(join(&parts), whole, "parts of {size} bytes");
        // a part that fits a chunk comes whole: the page decodes it as it came
        let mut sizes = parts.iter().map(Vec::len);
        let mut pieces = 0;
        for (_, last) in &chunks {
            pieces += 1;
            if *last {
                let part = sizes.next().expect("a part");
                if part <= 2 * size {
                    assert_eq!(pieces, 1, "a part of {part} bytes at size {size}");
                }
                pieces = 0;
            }
        }
    }
}

#[test]
fn a_document_longer_than_a_part_comes_in_chunks() {
    // one long document is one item, so one part: it must still come in
    // chunks of at most twice the size asked for
    let line = "Ines Harlow told the Velmora council on Monday that the dam would open. ";
    let text = line.repeat(400);
    let mut batch = dossier::Analyzer::new();
    batch.add_text("long.txt", &text, None);
    let mut whole = Vec::new();
    batch.write_report(&mut whole, false).expect("written");
    let size = 4_096;
    assert!(
        whole.len() > 16 * size,
        "the report is {} bytes",
        whole.len()
    );
    let mut chunks = Vec::new();
    batch
        .write_report_parts(size, |c: &[u8], last| chunks.push((c.to_vec(), last)))
        .expect("written");
    let largest = chunks.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
    assert!(largest <= 2 * size + 2, "a chunk of {largest} bytes");
    let parts = parts_of(&chunks);
    let document_parts = parts
        .iter()
        .filter(|p| p.starts_with(b"{\"field\":\"documents\""))
        .count();
    assert_eq!(document_parts, 1, "the document is one part");
    assert!(chunks.len() > parts.len() + 4, "{} chunks", chunks.len());
    let whole: Value = serde_json::from_slice(&whole).expect("JSON");
    assert_eq!(join(&parts), whole);
}
