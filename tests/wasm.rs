//! The wasm build in headless Chromium: the same analyzer behind the JS
//! handle the page uses. Run with `scripts/test.sh` (wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

mod report_parts;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn sample_coverage_analyzes_in_the_browser() {
    let mut batch = dossier::Analyzer::new();
    for (name, bytes) in dossier::SAMPLE {
        batch.add_file(name, bytes);
    }
    let report = batch.report();
    assert_eq!(report.documents.len(), 5);
    assert!(report.documents.iter().all(|d| d.warnings.is_empty()));
    assert!(report
        .entities
        .iter()
        .any(|e| e.name == "Allied Dockers Union" && e.aliases.contains(&"ADU".to_string())));
    let gazette = report
        .documents
        .iter()
        .find(|d| d.encoding == "windows-1252")
        .expect("the 1252 file");
    assert!(gazette.text.contains("Lucía Ferrão"));
}

#[wasm_bindgen_test]
fn bad_input_is_a_warning_not_a_trap() {
    let mut batch = dossier::Analyzer::new();
    batch.add_file("x.png", b"\x89PNG\r\n\x1a\n\0\0\0");
    batch.add_file(
        "deep.html",
        format!("{}x{}", "<div>".repeat(50_000), "</div>".repeat(50_000)).as_bytes(),
    );
    batch.add_file("bad-utf8.txt", b"ok \xff\xfe\xfd then text \xc3");
    let report = batch.report();
    assert_eq!(
        report.documents[0].warnings,
        ["not a text file (a PNG image); skipped"]
    );
    assert_eq!(report.documents[1].text, "x");
    assert_eq!(report.documents.len(), 3);
}

#[wasm_bindgen_test]
fn the_js_handle_returns_summaries_and_json() {
    let mut analyzer = dossier::wasm::Analyzer::new();
    let summary = analyzer
        .add_file(
            "a.txt",
            "Ines Harlow spoke in Velmora on Monday."
                .as_bytes()
                .to_vec(),
        )
        .expect("summary");
    let name = js_sys::Reflect::get(&summary, &"name".into()).expect("name field");
    assert_eq!(name.as_string().as_deref(), Some("a.txt"));
    let warnings = js_sys::Reflect::get(&summary, &"warnings".into()).expect("warnings field");
    assert_eq!(js_sys::Array::from(&warnings).length(), 0);
    assert_eq!(analyzer.length(), 1);
    let json = analyzer.report_json().expect("report");
    let report: serde_json::Value = serde_json::from_str(&json).expect("valid json");
    assert_eq!(report["schema"], "dossier/1");
    // the page's form: a head naming the fields, then parts of their items
    let received = js_sys::Array::new();
    let push = js_sys::Function::new_with_args("chunk, last", "this.push([chunk, last])")
        .bind0(received.as_ref());
    let count = analyzer.report_parts(&push).expect("parts");
    let chunks: Vec<(Vec<u8>, bool)> = received
        .iter()
        .map(|pair| {
            let pair = js_sys::Array::from(&pair);
            let last = pair.get(1).as_bool().expect("a flag");
            (js_sys::Uint8Array::from(pair.get(0)).to_vec(), last)
        })
        .collect();
    let parts = report_parts::parts_of(&chunks);
    assert_eq!(count, parts.len());
    assert_eq!(report_parts::join(&parts), report);
    assert_eq!(dossier::wasm::sample_files().length(), 5);
}

#[wasm_bindgen_test]
fn a_pool_workers_bytes_join_the_batch_and_foreign_bytes_throw() {
    let text = "Ines Harlow spoke in Velmora on Monday.";
    let bytes = dossier::wasm::analyze_file("a.txt", text.as_bytes().to_vec());
    let mut analyzer = dossier::wasm::Analyzer::new();
    let summary = analyzer.add_analyzed(&bytes).expect("summary");
    let name = js_sys::Reflect::get(&summary, &"name".into()).expect("name field");
    assert_eq!(name.as_string().as_deref(), Some("a.txt"));
    assert!(analyzer.add_analyzed(&bytes[..bytes.len() / 2]).is_err());
    assert!(analyzer.add_analyzed(b"not ours").is_err());
    assert_eq!(analyzer.length(), 1);
    let mut direct = dossier::wasm::Analyzer::new();
    direct
        .add_file("a.txt", text.as_bytes().to_vec())
        .expect("summary");
    assert_eq!(
        analyzer.report_json().expect("report"),
        direct.report_json().expect("report")
    );
}
