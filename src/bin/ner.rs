//! `ner`: train, evaluate and time Dossier's entity tagger (issue 3).
//!
//! ```text
//! cargo run --release --bin ner -- train [--data DIR] [--out models/ner.bin] [--train-only]
//!     [--seed N] [--epochs N] [--folds N] [--bits N] [--prune X] [--augment P]
//!     [--augment-upper P] [--word-dropout P] [--no-recase]
//!     (experiment settings; the defaults build the committed model)
//! cargo run --release --bin ner -- eval FILE [--model PATH] [--stages N] [--spans-json OUT]
//! cargo run --release --bin ner -- bench [FILE] [--model PATH]
//! cargo run --release --bin ner -- tag [--model PATH] < TEXT
//! ```
//!
//! `train` rebuilds `models/ner.bin` byte for byte from the CoNLL-2003
//! training and development files (default `../shared/data/conll2003`;
//! settings were tuned on dev with `--train-only`), `data/ner/` and
//! `data/gazetteer/`. `eval` renders a CoNLL file as natural text exactly
//! like `shared/eval/ner/conll_text.py`, tags it through
//! `dossier::text::{split_sentences, tokenize}`, maps the predicted spans
//! back to the gold tokens the same way and prints conlleval P/R/F1.
//! `bench` prints tokens/s (gold tokens / seconds, single thread) for
//! text to tags, like the peers' harness (with no `--model`, the embedded
//! model, and the time its first use takes to decode it); `scripts/bench-ner.sh`
//! runs it beside the wasm build in Chromium and spaCy. All file reading
//! lives here.

use std::process::ExitCode;
use std::time::Instant;

use dossier::annotate::ner::conll::{self, Rendered};
use dossier::annotate::ner::train::{self, Settings, TrainDoc};
use dossier::annotate::ner::{LexiconSource, NerModel};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ner: {e}");
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

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
}

fn load_model(args: &[String]) -> Result<NerModel, String> {
    match opt(args, "--model") {
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|e| format!("cannot read {p}: {e}"))?;
            NerModel::from_bytes(&bytes).ok_or_else(|| format!("{p} is not a model file"))
        }
        None => NerModel::from_bytes(&std::fs::read("models/ner.bin").map_err(|e| e.to_string())?)
            .ok_or_else(|| "models/ner.bin is not a model file".to_string()),
    }
}

fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("train") => cmd_train(args),
        Some("eval") => {
            let file = args.get(1).ok_or("eval needs a CoNLL file")?;
            let model = load_model(args)?;
            let stages = opt(args, "--stages")
                .and_then(|s| s.parse().ok())
                .unwrap_or(usize::MAX);
            let (score, spans) = conll::evaluate(&model, &read(file)?, stages);
            print!("{}", score.report());
            if let Some(out) = opt(args, "--spans-json") {
                std::fs::write(out, spans).map_err(|e| e.to_string())?;
            }
            Ok(())
        }
        Some("bench") => {
            let file = args
                .get(1)
                .filter(|a| !a.starts_with("--"))
                .map_or("../shared/data/conll2003/test.txt", |s| s);
            let text = read(file)?;
            if opt(args, "--model").is_some() {
                bench(&load_model(args)?, &text);
            } else {
                // the first call decodes the model compiled into the binary
                let t = Instant::now();
                let model = NerModel::embedded();
                println!(
                    "load: first NerModel::embedded() call {:.1} ms",
                    t.elapsed().as_secs_f64() * 1000.0
                );
                bench(&model, &text);
            }
            Ok(())
        }
        Some("tag") => {
            let model = load_model(args)?;
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                .map_err(|e| e.to_string())?;
            let (spans, words) = sentences_of(&text);
            for (si, chunks) in model.tag_document(&words).iter().enumerate() {
                for &(s, e, label) in chunks {
                    println!(
                        "{}\t{}",
                        label.as_str(),
                        &text[spans[si][s].start()..spans[si][e - 1].end()]
                    );
                }
            }
            Ok(())
        }
        _ => Err(
            "usage: ner train | eval FILE | bench [FILE] | tag < TEXT  (see src/bin/ner.rs)".into(),
        ),
    }
}

/// Our sentences of token strings for a text.
fn sentences_of(text: &str) -> (Vec<Vec<dossier::span::Span>>, Vec<Vec<&str>>) {
    let spans = conll::our_tokens(text);
    let words = spans
        .iter()
        .map(|s| s.iter().map(|t| t.slice(text)).collect())
        .collect();
    (spans, words)
}

fn bench(model: &NerModel, file: &str) {
    let docs: Vec<Rendered> = conll::parse(file).iter().map(conll::render).collect();
    let gold_tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let pass = || {
        let mut n = 0usize;
        for d in &docs {
            let (_, words) = sentences_of(&d.text);
            n += model
                .tag_document(&words)
                .iter()
                .map(Vec::len)
                .sum::<usize>();
        }
        n
    };
    pass();
    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..3 {
        let t = Instant::now();
        found = pass();
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let median = times[1];
    println!(
        "native: {} docs, {gold_tokens} gold tokens, {found} chunks; median of 3: {:.3} s; {:.0} tokens/s (single thread, text -> tokens -> sentences -> tags)",
        docs.len(),
        median,
        gold_tokens as f64 / median
    );
}

/// Reads a CoNLL file into training documents over our own tokens.
fn train_docs(file: &str) -> Vec<TrainDoc> {
    conll::parse(file)
        .iter()
        .map(|doc| {
            let r = conll::render(doc);
            let ours = conll::our_tokens(&r.text);
            let chunks = conll::project(&r, &ours);
            TrainDoc {
                sentences: ours
                    .iter()
                    .map(|s| s.iter().map(|t| t.slice(&r.text).to_string()).collect())
                    .collect(),
                chunks,
            }
        })
        .collect()
}

fn cmd_train(args: &[String]) -> Result<(), String> {
    let data = opt(args, "--data").unwrap_or("../shared/data/conll2003");
    let out = opt(args, "--out").unwrap_or("models/ner.bin");
    let mut s = Settings {
        verbose: true,
        ..Settings::default()
    };
    if let Some(v) = opt(args, "--epochs").and_then(|v| v.parse().ok()) {
        s.epochs = v;
    }
    if let Some(v) = opt(args, "--folds").and_then(|v| v.parse().ok()) {
        s.folds = v;
    }
    if let Some(v) = opt(args, "--bits").and_then(|v| v.parse().ok()) {
        s.bits = v;
    }
    if let Some(v) = opt(args, "--prune").and_then(|v| v.parse().ok()) {
        s.prune = v;
    }
    if let Some(v) = opt(args, "--augment").and_then(|v| v.parse().ok()) {
        s.augment = v;
    }
    if let Some(v) = opt(args, "--augment-upper").and_then(|v| v.parse().ok()) {
        s.augment_upper = v;
    }
    if let Some(v) = opt(args, "--word-dropout").and_then(|v| v.parse().ok()) {
        s.word_dropout = v;
    }
    if let Some(v) = opt(args, "--seed").and_then(|v| v.parse().ok()) {
        s.seed = v;
    }
    if args.iter().any(|a| a == "--no-recase") {
        s.recase = false;
    }
    let t0 = Instant::now();
    let mut src = LexiconSource::default();
    src.add_word_classes(&read("data/ner/word_classes.tsv")?);
    src.add_gazetteers(
        &read("data/gazetteer/places.tsv")?,
        &read("data/gazetteer/demonyms.tsv")?,
        &read("data/gazetteer/organizations.tsv")?,
    );
    let mut docs = train_docs(&read(&format!("{data}/train.txt"))?);
    if !args.iter().any(|a| a == "--train-only") {
        docs.extend(train_docs(&read(&format!("{data}/dev.txt"))?));
    }
    let bytes = train::train(&src, &docs, &s);
    std::fs::write(out, &bytes).map_err(|e| format!("cannot write {out}: {e}"))?;
    eprintln!(
        "wrote {out}: {} bytes in {:.1} s",
        bytes.len(),
        t0.elapsed().as_secs_f64()
    );
    if let Some(model) = NerModel::from_bytes(&bytes) {
        eprintln!("{:?}", model.stats());
        if let Ok(dev) = read(&format!("{data}/dev.txt")) {
            for st in 1..=model.stats().stages {
                let (score, _) = conll::evaluate(&model, &dev, st);
                eprintln!("dev, {st} stage(s):\n{}", score.report());
            }
        }
    }
    Ok(())
}
