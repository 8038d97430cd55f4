use std::io::Write;
use std::process::Stdio;

use serde_json::Value;

use crate::util::{check_document, dossier};

fn stream(input: &str) -> Vec<Value> {
    stream_raw(input, &[])
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// The output of `dossier analyze --jsonl` with `args` for `input`.
fn stream_raw(input: &str, args: &[&str]) -> String {
    let mut child = dossier()
        .args(["analyze", "--jsonl"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("dossier runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("dossier finishes");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn any_number_of_jobs_writes_the_same_lines_in_input_order() {
    // more records than one block of work (512), with blank and bad lines
    let places = ["Velmora", "Harbor City", "Ostrava", "Kintyre"];
    let mut lines = Vec::new();
    for i in 0..1_100 {
        lines.push(match i % 50 {
            7 => String::new(),
            13 => "not json".to_string(),
            _ => serde_json::json!({
                "name": format!("r{i}.txt"),
                "text": format!("Ines Harlow{i} spoke in {} on Monday about {i} ships.", places[i % 4]),
            })
            .to_string(),
        });
    }
    let input = lines.join("\n");
    let one = stream_raw(&input, &["-j", "1"]);
    let records = lines.iter().filter(|l| !l.is_empty()).count();
    assert_eq!(
        one.lines().count(),
        records,
        "one line a record, blank lines skipped"
    );
    for (n, line) in one.lines().enumerate() {
        let doc: Value = serde_json::from_str(line).expect("JSON");
        assert_eq!(doc["id"], format!("d{}", n + 1), "in input order");
    }
    let last: Value = serde_json::from_str(one.lines().last().expect("a line")).expect("JSON");
    assert_eq!(last["name"], "r1099.txt");
    for jobs in ["2", "5"] {
        assert!(
            stream_raw(&input, &["-j", jobs]) == one,
            "-j {jobs} wrote other lines"
        );
    }
}

#[test]
fn one_line_out_per_record_in() {
    let input = [
        r#"{"name": "a.txt", "text": "Xi Jinping wrote to Kim Jong Un on Monday, according to KCNA."}"#,
        "",
        r#"{"name": "b.html", "html": "<html><body><p>Zoë Ångström-Lind spoke in Velmora 😀 today.</p></body></html>"}"#,
        r#"not json"#,
        r#"{"name": "c.txt"}"#,
    ]
    .join("\n");
    let docs = stream(&input);
    assert_eq!(docs.len(), 4, "blank lines are skipped, bad ones reported");
    for doc in &docs {
        check_document(doc, None, None);
    }
    let ids: Vec<&str> = docs
        .iter()
        .map(|d| d["id"].as_str().unwrap_or(""))
        .collect();
    assert_same!(vec!["d1", "d2", "d3", "d4"], ids, "ids");
    assert_eq!(docs[0]["name"], "a.txt");
    assert!(docs[0]["mentions"]
        .as_array()
        .is_some_and(|m| m.iter().any(|m| m["text"] == "Kim Jong Un")));
    assert_eq!(docs[1]["format"], "html");
    assert!(docs[1]["text"]
        .as_str()
        .is_some_and(|t| t.contains("😀 today")));
    assert!(docs[2]["warnings"][0]
        .as_str()
        .is_some_and(|w| w.starts_with("input line 4 is not a dossier record")));
    assert!(docs[3]["warnings"][0]
        .as_str()
        .is_some_and(|w| w.contains("\"text\" or \"html\"")));
}
