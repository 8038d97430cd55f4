use std::io::Write;
use std::process::Stdio;

use serde_json::Value;

use crate::util::{check_document, dossier};

fn stream(input: &str) -> Vec<Value> {
    let mut child = dossier()
        .args(["analyze", "--jsonl"])
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
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
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
