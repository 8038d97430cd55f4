//! Evaluation guards for the date recognizer (issue 5): TempEval-3
//! platinum and WikiWars from `../shared`, scored by the `dates` binary
//! (`cargo run --release --bin dates -- eval-tempeval`). Skipped when
//! `../shared` is not beside the repository.

use std::path::Path;
use std::process::Command;

/// Runs `dates CMD` and reads its `summary` line into (name, value) pairs.
fn summary(command: &str, corpus: &str) -> Option<Vec<(String, f64)>> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if !shared.join("data").join(corpus).is_dir() {
        eprintln!(
            "SKIPPED {command}: {} is not present",
            shared.join("data").join(corpus).display()
        );
        return None;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_dates"))
        .args([command, "--shared"])
        .arg(&shared)
        .output()
        .expect("the dates binary runs");
    assert!(
        out.status.success(),
        "dates {command} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    println!("{stdout}");
    let line = stdout
        .lines()
        .find(|l| l.starts_with("summary "))
        .expect("a summary line");
    let words: Vec<&str> = line.split_whitespace().skip(2).collect();
    Some(
        words
            .chunks(2)
            .map(|pair| (pair[0].to_string(), pair[1].parse().expect("a number")))
            .collect(),
    )
}

fn check(figures: &[(String, f64)], name: &str, floor: f64) {
    let value = figures
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| *v)
        .expect("the figure is printed");
    assert!(value >= floor, "{name} {value:.4} fell below {floor}");
}

/// Measured on all 20 documents: strict F1 0.914, relaxed F1 0.951, value
/// accuracy 0.913 (development half AP/CNN/WSJ, held-out half BBC/NYT).
#[test]
fn tempeval3_platinum() {
    let Some(figures) = summary("eval-tempeval", "tempeval3-platinum") else {
        return;
    };
    check(&figures, "strict_f1", 0.89);
    check(&figures, "relaxed_f1", 0.93);
    check(&figures, "value_accuracy", 0.90);
}

/// Measured: strict F1 0.845, relaxed F1 0.922, value accuracy 0.868.
#[test]
fn wikiwars() {
    let Some(figures) = summary("eval-wikiwars", "wikiwars") else {
        return;
    };
    check(&figures, "strict_f1", 0.82);
    check(&figures, "relaxed_f1", 0.90);
    check(&figures, "value_accuracy", 0.85);
}
