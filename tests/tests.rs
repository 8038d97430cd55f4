//! Integration tests, one module per area.

#[macro_use]
mod util;
/// The page's join of the report's parts, shared with the wasm tests.
mod report_parts;

/// The `dossier` command line: sample, seeds, folders, encodings, bad input, exit codes.
mod cli;
/// The batch as a whole: stories, copies, discrepancies, co-occurrence (issue 6).
mod coverage;
/// Date recognition against TempEval-3 and WikiWars (from ../shared).
mod dates;
/// Clean documents: article text, boilerplate, posts and metadata (issue 4).
mod extract;
/// Inputs the fuzz targets of `fuzz/` found, kept once fixed (issue 7).
mod fuzz_regressions;
/// Streaming `--jsonl` records through the command line.
mod jsonl;
/// The library API: batches, reports, invariants.
mod library;
/// The trained entity tagger (issue 3).
mod ner;
/// Quotes and speakers: hand-checked seed quotes, GUM news (from ../shared).
mod quotes;
/// Sentence splitting against the pySBD golden rules (from ../shared).
mod sentences_golden;
