//! `throughput`: times the whole pipeline in one thread, in process, on
//! a folder of files (issue 7; run by `scripts/bench.sh` and
//! `scripts/bench-scale.sh`).
//!
//! ```text
//! cargo run --release --bin throughput -- PATH ... [--runs 3] [--texts OUT.json]
//! ```
//!
//! Every file is read into memory first, so no disk time is counted. One
//! untimed warm-up pass (it also decodes the embedded model), then `--runs`
//! timed passes, each a fresh `dossier::Analyzer` fed every file, its
//! report written as JSON into memory (`Analyzer::write_report`), on a new
//! thread, so with the tagger's word cache empty (`dossier analyze`
//! starts with it empty too): the same
//! work as `dossier analyze` and the page's `reportJson`, minus process
//! start and file I/O. Prints one JSON line: input bytes,
//! tokens (every word, number and punctuation token of the documents' text,
//! by Dossier's own tokenizer), the median pass and, for that pass, the
//! per-document stages (ingest and annotate) apart from the batch stages
//! (corpus, and the report streamed as JSON), so a superlinear corpus step shows up,
//! and its CPU time, steadier than wall time on a busy machine.
//! `--texts` writes the documents' text as `{"docs": [{"text"}],
//! "n_tokens"}`, the format of `../shared/eval/ner/conll_text.py export`,
//! so peers can be timed on exactly the text Dossier analyzed.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Seconds spent in each stage of one pass.
#[derive(Clone, Copy)]
struct Pass {
    documents_s: f64,
    batch_s: f64,
    total_s: f64,
    /// Process CPU time (user + system), steadier than wall time on a
    /// shared machine; `None` off Linux.
    cpu_s: Option<f64>,
}

/// This process's CPU time so far, from `/proc/self/stat` (utime and
/// stime, in clock ticks of 1/100 s on Linux).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // fields after the parenthesized command name, which may hold spaces
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn pass(files: &[(String, Vec<u8>)]) -> (Pass, usize) {
    let cpu_start = cpu_seconds();
    let start = Instant::now();
    let mut batch = dossier::Analyzer::new();
    for (name, bytes) in files {
        batch.add_file(name, bytes);
    }
    let added = Instant::now();
    let mut json = Vec::new();
    let _ = batch.write_report(&mut json, false);
    let done = Instant::now();
    (
        Pass {
            documents_s: (added - start).as_secs_f64(),
            batch_s: (done - added).as_secs_f64(),
            total_s: (done - start).as_secs_f64(),
            cpu_s: cpu_seconds().zip(cpu_start).map(|(b, a)| b - a),
        },
        json.len(),
    )
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut runs = 3usize;
    let mut texts_out: Option<PathBuf> = None;
    let mut paths = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--runs" => {
                runs = args.get(i + 1).and_then(|s| s.parse().ok()).unwrap_or(0);
                i += 1;
            }
            "--texts" => {
                texts_out = args.get(i + 1).map(PathBuf::from);
                i += 1;
            }
            path => paths.push(PathBuf::from(path)),
        }
        i += 1;
    }
    if paths.is_empty() || runs == 0 {
        eprintln!("usage: throughput PATH ... [--runs N] [--texts OUT.json]");
        return ExitCode::from(2);
    }
    let mut names = Vec::new();
    for path in &paths {
        if let Err(e) = dossier::files::collect_files(path, &mut names) {
            eprintln!("throughput: cannot read {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    let mut files = Vec::new();
    for path in &names {
        match std::fs::read(path) {
            Ok(bytes) => files.push((
                path.file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                bytes,
            )),
            Err(e) => {
                eprintln!("throughput: cannot read {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
    }
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();

    // Warm-up: decodes the model; also the source of tokens and texts.
    let mut batch = dossier::Analyzer::new();
    for (name, b) in &files {
        batch.add_file(name, b);
    }
    let texts: Vec<&str> = (0..batch.len())
        .filter_map(|d| batch.document(d).map(|doc| doc.text.as_str()))
        .collect();
    let tokens: usize = texts.iter().map(|t| dossier::text::tokenize(t).len()).sum();
    let text_bytes: usize = texts.iter().map(|t| t.len()).sum();
    if let Some(out) = &texts_out {
        let docs: Vec<serde_json::Value> = texts
            .iter()
            .map(|t| serde_json::json!({ "text": t }))
            .collect();
        let value = serde_json::json!({ "docs": docs, "n_tokens": tokens });
        if let Err(e) = std::fs::write(out, value.to_string()) {
            eprintln!("throughput: cannot write {}: {e}", out.display());
            return ExitCode::FAILURE;
        }
    }
    let _ = batch.write_report(std::io::sink(), false);
    drop(batch);

    let mut passes: Vec<Pass> = Vec::with_capacity(runs);
    let mut json_bytes = 0;
    for _ in 0..runs {
        // each pass on a thread of its own: the tagger's word cache is
        // per thread, and a pass must not find the words the last one left
        let (p, n) =
            std::thread::scope(|s| s.spawn(|| pass(&files)).join()).expect("a pass panicked");
        passes.push(p);
        json_bytes = n;
    }
    let mut sorted = passes.clone();
    sorted.sort_by(|a, b| a.total_s.total_cmp(&b.total_s));
    let median = sorted[sorted.len() / 2];
    let mb = bytes as f64 / 1e6;
    let line = serde_json::json!({
        "files": files.len(),
        "bytes": bytes,
        "text_bytes": text_bytes,
        "tokens": tokens,
        "report_bytes": json_bytes,
        "runs_s": passes.iter().map(|p| (p.total_s * 1e4).round() / 1e4).collect::<Vec<_>>(),
        "median_s": (median.total_s * 1e4).round() / 1e4,
        "documents_s": (median.documents_s * 1e4).round() / 1e4,
        "batch_s": (median.batch_s * 1e4).round() / 1e4,
        "cpu_s": median.cpu_s.map(|c| (c * 100.0).round() / 100.0),
        "mb_per_s": (mb / median.total_s * 100.0).round() / 100.0,
        "tokens_per_s": (tokens as f64 / median.total_s).round(),
    });
    println!("{line}");
    ExitCode::SUCCESS
}
