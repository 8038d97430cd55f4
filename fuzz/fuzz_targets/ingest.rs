//! Any bytes under any name to a [`dossier::Document`]: never a panic, and
//! the document keeps its invariants (`dossier_fuzz::check_document`), and
//! is the same whether the bytes are lent or given up (`ingest_owned`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let name = dossier_fuzz::name_for(data);
    let doc = dossier::ingest::ingest(name, data);
    dossier_fuzz::check_document(&doc, Some(data));
    // The library reads no clock and keeps no state between files.
    assert!(
        doc == dossier::ingest::ingest(name, data),
        "ingest is not deterministic"
    );
    assert!(
        doc == dossier::ingest::ingest_owned(name, data.to_vec()),
        "bytes given up make another document"
    );
});
