//! `extract`: measure and train Dossier's article extraction (issue 4).
//!
//! ```text
//! cargo run --release --bin extract -- eval-html [--data DIR] [--out PRED.json]
//! cargo run --release --bin extract -- eval-txt  [--data DIR] [--out PRED.json]
//! cargo run --release --bin extract -- cv-txt    [--data DIR] [--folds 5]
//! cargo run --release --bin extract -- train-txt [--data DIR] [--model models/extract-lines.txt]
//! ```
//!
//! `DIR` defaults to `../shared/data` (`article-extraction/` with its
//! `html/*.html.gz` and `ground-truth.json`, `article-extraction-txt/txt/`).
//! `eval-*` runs `dossier::ingest::ingest` on every page, joins the
//! document's `content` spans with newlines as the predicted article, and
//! scores it with the benchmark's metric, reimplemented here exactly as
//! `../shared/eval/extract/score.py` does it (4-token `\w+` shingles, page
//! precision averaged over non-empty predictions, recall over all pages,
//! F1 of the two means). `--out` writes the predictions as `{id: text}`
//! so that `score.py` can check the figure. It also prints speed: median
//! ms/page for HTML (3 warm-up pages, decoding included, gzip not) and
//! MB/s over all text dumps.
//!
//! `cv-txt` trains the text-dump line classifier on k-1 folds of the 181
//! pages and scores the held-out fold (folds by sorted id, round robin),
//! printing the held-out F1 over all pages. `train-txt` trains on every page
//! and writes the shipped weights; training is deterministic.
//! All file reading lives here; the library does no I/O.

use std::collections::HashMap;
use std::process::ExitCode;
use std::time::Instant;

use dossier::ingest::lines::{self, Example, Weights};
use dossier::ingest::{ingest, Document};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("extract: {e}");
            ExitCode::FAILURE
        }
    }
}

fn opt<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

fn run(args: &[String]) -> Result<(), String> {
    let data = opt(args, "--data").unwrap_or("../shared/data").to_string();
    match args.first().map(String::as_str) {
        Some("eval-html") => eval_html(&data, opt(args, "--out")),
        Some("eval-txt") => eval_txt(&data, opt(args, "--out")),
        Some("cv-txt") => {
            let folds = opt(args, "--folds")
                .and_then(|f| f.parse().ok())
                .unwrap_or(5);
            cv_txt(&data, folds, opt(args, "--out"))
        }
        Some("train-txt") => train_txt(
            &data,
            opt(args, "--model").unwrap_or("models/extract-lines.txt"),
        ),
        Some("cv-html") => {
            let folds = opt(args, "--folds")
                .and_then(|f| f.parse().ok())
                .unwrap_or(5);
            cv_html(&data, folds, opt(args, "--out"))
        }
        Some("train-html") => train_html(
            &data,
            opt(args, "--model").unwrap_or("models/extract-html.txt"),
        ),
        _ => Err(
            "usage: extract eval-html | eval-txt | cv-txt | train-txt  (see src/bin/extract.rs)"
                .into(),
        ),
    }
}

// ---------------------------------------------------------------- data

fn truth(data: &str) -> Result<Vec<(String, String)>, String> {
    let path = format!("{data}/article-extraction/ground-truth.json");
    let raw = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let v: serde_json::Value = serde_json::from_str(&raw).map_err(|e| e.to_string())?;
    let obj = v.as_object().ok_or("ground truth is not an object")?;
    let mut out: Vec<(String, String)> = obj
        .iter()
        .map(|(k, v)| {
            let body = v["articleBody"].as_str().unwrap_or("").to_string();
            (k.clone(), body)
        })
        .collect();
    out.sort();
    Ok(out)
}

fn gunzip(path: &str) -> Result<Vec<u8>, String> {
    let out = std::process::Command::new("gzip")
        .args(["-dc", path])
        .output()
        .map_err(|e| format!("cannot run gzip: {e}"))?;
    if !out.status.success() {
        return Err(format!("gzip failed on {path}"));
    }
    Ok(out.stdout)
}

fn read_txt(data: &str, id: &str) -> Result<Vec<u8>, String> {
    let path = format!("{data}/article-extraction-txt/txt/{id}.txt");
    std::fs::read(&path).map_err(|e| format!("cannot read {path}: {e}"))
}

/// The predicted article: the content spans, one per line.
fn prediction(doc: &Document) -> String {
    doc.content
        .iter()
        .map(|s| s.slice(&doc.text))
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------- metric

/// `\w+` runs as Python's `re` finds them (alphanumeric or `_`).
fn words(text: &str) -> Vec<&str> {
    let is_w = |c: char| c.is_alphanumeric() || c == '_';
    text.split(|c: char| !is_w(c))
        .filter(|w| !w.is_empty())
        .collect()
}

fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let toks = words(text);
    let mut m = HashMap::new();
    if toks.is_empty() {
        return m;
    }
    if toks.len() < 4 {
        m.insert(toks, 1);
        return m;
    }
    for w in toks.windows(4) {
        *m.entry(w.to_vec()).or_insert(0) += 1;
    }
    m
}

/// Normalised (tp, fp, fn) of one page.
fn page_counts(truth: &str, pred: &str) -> (f64, f64, f64) {
    let t = shingles(truth);
    let p = shingles(pred);
    let mut tp = 0usize;
    let mut fp = 0usize;
    for (k, &n) in &p {
        let m = t.get(k).copied().unwrap_or(0);
        tp += n.min(m);
        fp += n.saturating_sub(m);
    }
    let fn_: usize = t
        .iter()
        .map(|(k, &n)| n.saturating_sub(p.get(k).copied().unwrap_or(0)))
        .sum();
    let total = (tp + fp + fn_) as f64;
    if total > 0.0 {
        (tp as f64 / total, fp as f64 / total, fn_ as f64 / total)
    } else {
        (0.0, 0.0, 0.0)
    }
}

struct Score {
    f1: f64,
    precision: f64,
    recall: f64,
    empty: usize,
}

fn score(pairs: &[(&str, &str)]) -> Score {
    let counts: Vec<(f64, f64, f64)> = pairs.iter().map(|(t, p)| page_counts(t, p)).collect();
    let prec = |&(tp, fp, fn_): &(f64, f64, f64)| {
        if fp == 0.0 && fn_ == 0.0 {
            1.0
        } else if tp == 0.0 && fp == 0.0 {
            0.0
        } else {
            tp / (tp + fp)
        }
    };
    let rec = |&(tp, fp, fn_): &(f64, f64, f64)| {
        if fp == 0.0 && fn_ == 0.0 {
            1.0
        } else if tp == 0.0 && fn_ == 0.0 {
            0.0
        } else {
            tp / (tp + fn_)
        }
    };
    let precs: Vec<f64> = counts
        .iter()
        .filter(|c| c.0 + c.1 > 0.0)
        .map(prec)
        .collect();
    let recs: Vec<f64> = counts.iter().filter(|c| c.0 + c.2 > 0.0).map(rec).collect();
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let (p, r) = (mean(&precs), mean(&recs));
    Score {
        f1: if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
        precision: p,
        recall: r,
        empty: pairs.iter().filter(|(_, p)| words(p).is_empty()).count(),
    }
}

fn print_score(name: &str, s: &Score, pages: usize) {
    println!(
        "{name}: F1 {:.4}  precision {:.4}  recall {:.4}  ({pages} pages, {} empty predictions)",
        s.f1, s.precision, s.recall, s.empty
    );
}

fn write_predictions(out: Option<&str>, preds: &[(String, String)]) -> Result<(), String> {
    let Some(path) = out else { return Ok(()) };
    let map: serde_json::Map<String, serde_json::Value> = preds
        .iter()
        .map(|(id, p)| (id.clone(), serde_json::Value::String(p.clone())))
        .collect();
    let json = serde_json::to_string(&map).map_err(|e| e.to_string())?;
    std::fs::write(path, json).map_err(|e| format!("cannot write {path}: {e}"))?;
    println!("predictions written to {path}");
    Ok(())
}

/// This thread's user + system CPU time from `/proc` (Linux), if readable.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name (which is in parentheses).
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        0.0
    } else {
        v[v.len() / 2]
    }
}

// ---------------------------------------------------------------- commands

fn eval_html(data: &str, out: Option<&str>) -> Result<(), String> {
    let gt = truth(data)?;
    let mut pages = Vec::new();
    for (id, _) in &gt {
        pages.push(gunzip(&format!(
            "{data}/article-extraction/html/{id}.html.gz"
        ))?);
    }
    for page in pages.iter().take(3) {
        std::hint::black_box(ingest("page.html", page));
    }
    let mut preds = Vec::new();
    let mut ms = Vec::new();
    for ((id, _), page) in gt.iter().zip(&pages) {
        let t = Instant::now();
        let doc = ingest(&format!("{id}.html"), page);
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
        preds.push((id.clone(), prediction(&doc)));
    }
    let pairs: Vec<(&str, &str)> = gt
        .iter()
        .zip(&preds)
        .map(|((_, t), (_, p))| (t.as_str(), p.as_str()))
        .collect();
    print_score("html", &score(&pairs), gt.len());
    println!(
        "html speed: median {:.2} ms/page, mean {:.2} ms/page (native, single thread)",
        median(ms.clone()),
        ms.iter().sum::<f64>() / ms.len() as f64
    );
    write_predictions(out, &preds)
}

fn eval_txt(data: &str, out: Option<&str>) -> Result<(), String> {
    let gt = truth(data)?;
    let mut pages = Vec::new();
    for (id, _) in &gt {
        pages.push(read_txt(data, id)?);
    }
    let preds: Vec<(String, String)> = gt
        .iter()
        .zip(&pages)
        .map(|((id, _), page)| (id.clone(), prediction(&ingest(&format!("{id}.txt"), page))))
        .collect();
    let pairs: Vec<(&str, &str)> = gt
        .iter()
        .zip(&preds)
        .map(|((_, t), (_, p))| (t.as_str(), p.as_str()))
        .collect();
    print_score("txt (shipped model)", &score(&pairs), gt.len());
    let bytes: usize = pages.iter().map(Vec::len).sum();
    // The machine is shared: report the fastest of 20 full rounds, and
    // the throughput by this thread's CPU time over all of them.
    let rounds = 20;
    let mut best = f64::MAX;
    let cpu0 = thread_cpu_seconds();
    for _ in 0..rounds {
        let t = Instant::now();
        for page in &pages {
            std::hint::black_box(ingest("page.txt", page));
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    let cpu = thread_cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    println!(
        "txt speed: {:.1} MB/s wall ({bytes} bytes, 181 pages, full ingest in {:.1} ms; fastest of {rounds} rounds, native, single thread)",
        bytes as f64 / 1e6 / best,
        best * 1000.0
    );
    if let Some(cpu) = cpu.filter(|&c| c > 0.0) {
        println!(
            "txt speed: {:.1} MB/s by thread CPU time ({rounds} rounds in {cpu:.2} s of CPU)",
            (bytes * rounds) as f64 / 1e6 / cpu
        );
    }
    write_predictions(out, &preds)
}

/// Training examples of one text dump: its lines, features and labels.
fn examples(data: &str) -> Result<Vec<(String, String, Example)>, String> {
    let gt = truth(data)?;
    let mut out = Vec::new();
    for (id, body) in gt {
        let bytes = read_txt(data, &id)?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let ex = lines::example(&text, &body);
        out.push((id, body, ex));
    }
    Ok(out)
}

/// k-fold cross-validation: every page is predicted by weights trained
/// on the other folds. `parts` gives a page's (id, truth, example) and
/// `predict` its predicted article text.
fn cross_validate<T>(
    what: &str,
    all: &[T],
    folds: usize,
    out: Option<&str>,
    parts: impl Fn(&T) -> (&String, &String, &Example),
    predict: impl Fn(&Weights, &T) -> String,
) -> Result<(), String> {
    let folds = folds.max(2);
    let mut preds: Vec<(String, String)> = vec![(String::new(), String::new()); all.len()];
    for k in 0..folds {
        let train: Vec<&Example> = all
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != k)
            .map(|(_, e)| parts(e).2)
            .collect();
        let w = lines::train(&train);
        for (i, page) in all.iter().enumerate() {
            if i % folds == k {
                preds[i] = (parts(page).0.clone(), predict(&w, page));
            }
        }
    }
    let pairs: Vec<(&str, &str)> = all
        .iter()
        .zip(&preds)
        .map(|(page, (_, p))| (parts(page).1.as_str(), p.as_str()))
        .collect();
    print_score(
        &format!("{what} held-out ({folds}-fold cross-validation)"),
        &score(&pairs),
        all.len(),
    );
    write_predictions(out, &preds)
}

fn cv_txt(data: &str, folds: usize, out: Option<&str>) -> Result<(), String> {
    let all = examples(data)?;
    cross_validate(
        "txt",
        &all,
        folds,
        out,
        |(id, truth, ex)| (id, truth, ex),
        |w, (_, _, ex)| lines::predict_text(w, &ex.text),
    )
}

/// Training examples of the HTML pages, with the gunzipped pages.
fn html_examples(data: &str) -> Result<Vec<(String, String, Example, String)>, String> {
    let gt = truth(data)?;
    let mut out = Vec::new();
    for (id, body) in gt {
        let bytes = gunzip(&format!("{data}/article-extraction/html/{id}.html.gz"))?;
        let html = String::from_utf8_lossy(&bytes).into_owned();
        let ex = lines::html_example(&html, &body);
        out.push((id, body, ex, html));
    }
    Ok(out)
}

fn cv_html(data: &str, folds: usize, out: Option<&str>) -> Result<(), String> {
    let all = html_examples(data)?;
    cross_validate(
        "html",
        &all,
        folds,
        out,
        |(id, truth, ex, _)| (id, truth, ex),
        |w, (_, _, _, html)| lines::html_predict_text(w, html),
    )
}

fn train_html(data: &str, model: &str) -> Result<(), String> {
    let all = html_examples(data)?;
    let train: Vec<&Example> = all.iter().map(|e| &e.2).collect();
    let w: Weights = lines::train(&train);
    std::fs::write(model, w.to_text()).map_err(|e| format!("cannot write {model}: {e}"))?;
    println!("wrote {model} ({} pages)", all.len());
    Ok(())
}

fn train_txt(data: &str, model: &str) -> Result<(), String> {
    let all = examples(data)?;
    let train: Vec<&Example> = all.iter().map(|e| &e.2).collect();
    let w: Weights = lines::train(&train);
    std::fs::write(model, w.to_text()).map_err(|e| format!("cannot write {model}: {e}"))?;
    println!("wrote {model} ({} pages)", all.len());
    Ok(())
}
