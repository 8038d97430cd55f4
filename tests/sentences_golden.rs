//! Scores `split_sentences` on pySBD's English "Golden Rules" (48 items,
//! item-level exact match on whitespace-stripped sentences).

use std::path::Path;

use dossier::text::split_sentences;

/// Measured 48/48; the guard leaves a little room for rule changes.
const MIN_CORRECT: usize = 46;

#[test]
fn golden_rules_en() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/pysbd-golden-rules-en/golden_rules_en.jsonl");
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!(
            "SKIPPED golden_rules_en: {} not found, sentence splitter not scored",
            path.display()
        );
        return;
    };
    let mut correct = 0;
    let mut total = 0;
    for line in data.lines().filter(|line| !line.trim().is_empty()) {
        let item: serde_json::Value = serde_json::from_str(line).expect("valid JSON line");
        let text = item["text"].as_str().expect("text");
        let gold: Vec<&str> = item["sentences"]
            .as_array()
            .expect("sentences")
            .iter()
            .map(|s| s.as_str().expect("sentence").trim())
            .collect();
        let got: Vec<&str> = split_sentences(text)
            .iter()
            .map(|span| span.slice(text).trim())
            .collect();
        total += 1;
        if got == gold {
            correct += 1;
        } else {
            eprintln!(
                "FAIL {} ({}):\n  gold {gold:?}\n  got  {got:?}",
                item["id"], item["rule"]
            );
        }
    }
    eprintln!("golden rules: {correct}/{total}");
    assert_eq!(total, 48, "expected 48 golden items");
    assert!(
        correct >= MIN_CORRECT,
        "golden rules {correct}/{total}, want at least {MIN_CORRECT}"
    );
}
