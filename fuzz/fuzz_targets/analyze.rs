//! The whole analysis: the input split on ASCII record separators (0x1E)
//! into up to four files, one batch, one report, checked against the
//! schema's promises (`dossier_fuzz::check_report`). The same files
//! analyzed one by one and handed over as bytes (the page's worker pool)
//! must give the same report, and the raw input read as such bytes must be
//! refused or accepted, never panic. The first file also goes through the
//! `--jsonl` path on its own, and the report is written in parts as the
//! page takes it, of a size the input picks.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut batch = dossier::Analyzer::new();
    let mut pooled = dossier::Analyzer::new();
    for (i, part) in data.split(|&b| b == 0x1e).take(4).enumerate() {
        let name = dossier_fuzz::NAMES[(i + data.len()) % dossier_fuzz::NAMES.len()];
        let doc = batch.add_file(name, part);
        dossier_fuzz::check_document(doc, Some(part));
        // (given up, as the page's workers give them)
        let bytes = dossier::Analyzed::file_owned(name, part.to_vec()).to_bytes();
        pooled.add_analyzed(dossier::Analyzed::from_bytes(&bytes).expect("reads its own bytes"));
    }
    let report = batch.report();
    assert_eq!(report.documents.len(), batch.len());
    dossier_fuzz::check_report(&report);
    assert!(
        pooled.report() == report,
        "the pooled path gives another report"
    );
    dossier_fuzz::check_parts(&batch, 1 + data.len() % 509);
    if let Ok(foreign) = dossier::Analyzed::from_bytes(data) {
        let mut one = dossier::Analyzer::new();
        one.add_analyzed(foreign);
        dossier_fuzz::check_report(&one.report());
    }

    let first = data.split(|&b| b == 0x1e).next().unwrap_or_default();
    if let Ok(text) = std::str::from_utf8(first) {
        let one = dossier::analyze_one(0, "record", text, None);
        dossier_fuzz::check_document_report(&one);
    }
});
