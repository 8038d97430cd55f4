//! Bytes as an HTML page, through both ways in: a saved file (decoded
//! first) and already-decoded text with the format forced to HTML.
#![no_main]

use dossier::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let doc = dossier::ingest::ingest("page.html", data);
    if doc.format != Format::Binary {
        assert_eq!(
            doc.format,
            Format::Html,
            "an .html file read as {:?}",
            doc.format
        );
    }
    dossier_fuzz::check_document(&doc, Some(data));
    let text = String::from_utf8_lossy(data);
    let doc = dossier::ingest::ingest_str("paste", &text, Some(Format::Html));
    assert_eq!(doc.format, Format::Html);
    dossier_fuzz::check_document(&doc, None);
});
