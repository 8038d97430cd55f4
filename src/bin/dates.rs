//! Scores the date recognizer against the TimeML corpora in `../shared`.
//!
//! ```text
//! cargo run --release --bin dates -- eval-tempeval [--errors]
//! cargo run --release --bin dates -- eval-wikiwars [--errors]
//! cargo run --release --bin dates -- show "text" [YYYY-MM-DD]   ("-": read stdin)
//! ```
//!
//! `--shared DIR` reads the corpora from DIR instead of `../shared`;
//! `--errors` lists every miss, extra, extent and value error.
//!
//! TempEval-3 platinum: the text of each `input/*.TE3input` with its DCT as
//! the document date, against the TIMEX3 of `gold/*.tml`. Reported for the
//! development half (AP, CNN, WSJ: the first ten files in name order), the
//! held-out half (BBC, NYT) and all twenty. WikiWars: the TIMEX2 of each
//! `timex2-inline/*.key.xml`, with its `DATETIME` as the document date.
//! Extents are scored strict (same span) and relaxed (overlap, one to one);
//! value accuracy counts the relaxed matches whose value is the gold one,
//! value F1 scores correct values against all system and gold expressions.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dossier::annotate::{annotate, Mention};
use dossier::calendar::{self, Date};
use dossier::ingest::{Document, Meta};
use dossier::text::PackedTokens;
use dossier::{Format, Span, Tagger};

/// Finds no names: only the dates matter here.
struct NoNames;

impl Tagger for NoNames {
    fn tag(&self, _: &str, _: &PackedTokens, _: &[Span]) -> Vec<Mention> {
        Vec::new()
    }
}

/// One annotated expression: byte span and value.
#[derive(Clone, Debug)]
struct Timex {
    start: usize,
    end: usize,
    value: Option<String>,
}

/// A document of a corpus: its text, gold expressions and own date.
struct Doc {
    name: String,
    text: String,
    gold: Vec<Timex>,
    published: Option<Date>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let len = tag[at..].find('"')?;
    Some(decode(&tag[at..at + len]))
}

fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(semi) = rest.find(';').filter(|&n| n <= 8) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix('#')
                .and_then(|n| n.parse::<u32>().ok())
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text inside `<TEXT>`, without tags, and the outermost `tag` elements in it.
fn strip(xml: &str, tag: &str, value_attr: &str) -> (String, Vec<Timex>) {
    let body = xml
        .find("<TEXT>")
        .map(|at| &xml[at + 6..])
        .map(|b| &b[..b.find("</TEXT>").unwrap_or(b.len())])
        .unwrap_or("");
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut text = String::new();
    let mut gold = Vec::new();
    let mut stack: Vec<(usize, Option<String>)> = Vec::new();
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        text.push_str(&decode(&rest[..lt]));
        let gt = rest[lt..].find('>').map_or(rest.len(), |n| lt + n + 1);
        let element = &rest[lt..gt];
        if element.starts_with(&open) && !element.ends_with("/>") {
            stack.push((text.len(), attr(element, value_attr)));
        } else if element == close {
            if let Some((start, value)) = stack.pop() {
                if stack.is_empty() {
                    gold.push(Timex {
                        start,
                        end: text.len(),
                        value,
                    });
                }
            }
        }
        rest = &rest[gt..];
    }
    text.push_str(&decode(rest));
    (text, gold)
}

fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.to_string_lossy().ends_with(suffix))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn tempeval(root: &Path) -> Vec<Doc> {
    let mut docs = Vec::new();
    for gold_path in files(&root.join("gold"), ".tml") {
        let Ok(xml) = std::fs::read_to_string(&gold_path) else {
            continue;
        };
        let (gold_text, gold) = strip(&xml, "TIMEX3", "value");
        let name = gold_path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let input_name = format!("{}.TE3input", name.replace("sarcozy", "sarkozy"));
        let input = std::fs::read_to_string(root.join("input").join(input_name)).ok();
        let (text, dct_source) = match &input {
            Some(input) => {
                let (text, _) = strip(input, "TIMEX3", "value");
                if text == gold_text {
                    (text, input.as_str())
                } else {
                    eprintln!("{name}: input text differs from gold, using gold text");
                    (gold_text, xml.as_str())
                }
            }
            None => (gold_text, xml.as_str()),
        };
        let published = dct_source
            .find("functionInDocument=\"CREATION_TIME\"")
            .and_then(|at| {
                let start = dct_source[..at].rfind('<')?;
                let end = at + dct_source[at..].find('>')?;
                attr(&dct_source[start..end], "value")
            })
            .and_then(|v| calendar::parse_iso_prefix(&v));
        docs.push(Doc {
            name,
            text,
            gold,
            published,
        });
    }
    docs
}

fn wikiwars(root: &Path) -> Vec<Doc> {
    let mut docs = Vec::new();
    for path in files(&root.join("timex2-inline"), ".key.xml") {
        let Ok(xml) = std::fs::read_to_string(&path) else {
            continue;
        };
        let (text, gold) = strip(&xml, "TIMEX2", "val");
        let published = xml
            .find("<DATETIME>")
            .and_then(|at| attr(&xml[at..at + xml[at..].find('>').unwrap_or(0)], "val"))
            .or_else(|| {
                let at = xml.find("<DATETIME>")?;
                let tag_start = at + xml[at..].find("<TIMEX2")?;
                let tag_end = tag_start + xml[tag_start..].find('>')?;
                attr(&xml[tag_start..tag_end], "val")
            })
            .and_then(|v| calendar::parse_iso_prefix(&v));
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        docs.push(Doc {
            name,
            text,
            gold,
            published,
        });
    }
    docs
}

fn run(text: &str, published: Option<Date>) -> Vec<Timex> {
    let doc = Document {
        name: "doc.txt".into(),
        format: Format::Text,
        encoding: "utf-8".into(),
        text: text.to_string(),
        meta: Meta {
            published,
            ..Meta::default()
        },
        content: Vec::new(),
        posts: Vec::new(),
        warnings: Vec::new(),
    };
    annotate(&doc, &NoNames)
        .dates
        .into_iter()
        .map(|d| Timex {
            start: d.span.start(),
            end: d.span.end(),
            value: d.value.map(String::from),
        })
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Score {
    gold: usize,
    system: usize,
    strict: usize,
    relaxed: usize,
    value: usize,
}

impl Score {
    fn add(&mut self, o: Score) {
        self.gold += o.gold;
        self.system += o.system;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.value += o.value;
    }

    fn print(&self, label: &str) {
        let prf = |hits: usize| {
            let p = ratio(hits, self.system);
            let r = ratio(hits, self.gold);
            let f = if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            };
            format!("P {p:.3} R {r:.3} F1 {f:.3}")
        };
        println!(
            "{label}: gold {} system {}\n  strict  {}\n  relaxed {}\n  value accuracy {:.3} ({} of {} relaxed matches); value {}",
            self.gold,
            self.system,
            prf(self.strict),
            prf(self.relaxed),
            ratio(self.value, self.relaxed),
            self.value,
            self.relaxed,
            prf(self.value),
        );
    }
}

impl Score {
    fn f1(&self, hits: usize) -> f64 {
        let p = ratio(hits, self.system);
        let r = ratio(hits, self.gold);
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }

    /// One machine-readable line for the evaluation guards in `tests/dates.rs`.
    fn summary(&self, corpus: &str) {
        println!(
            "summary {corpus} strict_f1 {:.4} relaxed_f1 {:.4} value_accuracy {:.4} value_f1 {:.4}",
            self.f1(self.strict),
            self.f1(self.relaxed),
            ratio(self.value, self.relaxed),
            self.f1(self.value),
        );
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn score(doc: &Doc, errors: bool) -> Score {
    let system = run(&doc.text, doc.published);
    let mut s = Score {
        gold: doc.gold.len(),
        system: system.len(),
        ..Score::default()
    };
    let mut used = vec![false; system.len()];
    let show = |t: &Timex| {
        doc.text
            .get(t.start..t.end)
            .unwrap_or("?")
            .replace('\n', " ")
    };
    let context = |t: &Timex| {
        let mut a = t.start.saturating_sub(50);
        while !doc.text.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = (t.end + 30).min(doc.text.len());
        while !doc.text.is_char_boundary(b) {
            b += 1;
        }
        doc.text[a..b].replace('\n', " ")
    };
    for g in &doc.gold {
        let exact = system
            .iter()
            .position(|t| t.start == g.start && t.end == g.end);
        let found = exact.filter(|&k| !used[k]).or_else(|| {
            (0..system.len())
                .find(|&k| !used[k] && system[k].start < g.end && g.start < system[k].end)
        });
        match found {
            Some(k) => {
                used[k] = true;
                let t = &system[k];
                s.relaxed += 1;
                if t.start == g.start && t.end == g.end {
                    s.strict += 1;
                } else if errors {
                    println!(
                        "{}\tEXTENT\tgold {:?} system {:?}",
                        doc.name,
                        show(g),
                        show(t)
                    );
                }
                if t.value == g.value {
                    s.value += 1;
                } else if errors {
                    println!(
                        "{}\tVALUE\t{:?} gold {:?} system {:?}\t| {}",
                        doc.name,
                        show(g),
                        g.value,
                        t.value,
                        context(g)
                    );
                }
            }
            None if errors => println!(
                "{}\tMISS\t{:?} {:?}\t| {}",
                doc.name,
                show(g),
                g.value,
                context(g)
            ),
            None => {}
        }
    }
    if errors {
        for (k, t) in system.iter().enumerate() {
            if !used[k] {
                println!(
                    "{}\tEXTRA\t{:?} {:?}\t| {}",
                    doc.name,
                    show(t),
                    t.value,
                    context(t)
                );
            }
        }
    }
    s
}

fn shared() -> PathBuf {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--shared") {
        if let Some(dir) = args.get(at + 1) {
            return PathBuf::from(dir);
        }
    }
    for candidate in ["../shared", "../../shared"] {
        let p = PathBuf::from(candidate);
        if p.join("data").is_dir() {
            return p;
        }
    }
    PathBuf::from("../shared")
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let errors = args.iter().any(|a| a == "--errors");
    match args.first().map(String::as_str) {
        Some("eval-tempeval") => {
            let docs = tempeval(&shared().join("data/tempeval3-platinum"));
            if docs.is_empty() {
                eprintln!("no TempEval-3 documents under ../shared/data/tempeval3-platinum");
                return ExitCode::FAILURE;
            }
            let (mut dev, mut test, mut all) =
                (Score::default(), Score::default(), Score::default());
            for (i, doc) in docs.iter().enumerate() {
                let s = score(doc, errors);
                if i < docs.len() / 2 {
                    dev.add(s);
                } else {
                    test.add(s);
                }
                all.add(s);
            }
            dev.print("TempEval-3 platinum, development half (AP, CNN, WSJ)");
            test.print("TempEval-3 platinum, held-out half (BBC, NYT)");
            all.print("TempEval-3 platinum, all 20 documents");
            all.summary("tempeval");
        }
        Some("eval-wikiwars") => {
            let docs = wikiwars(&shared().join("data/wikiwars"));
            if docs.is_empty() {
                eprintln!("no WikiWars documents under ../shared/data/wikiwars");
                return ExitCode::FAILURE;
            }
            let mut all = Score::default();
            for doc in &docs {
                all.add(score(doc, errors));
            }
            all.print(&format!(
                "WikiWars, {} documents (TIMEX2, DATETIME as document date)",
                docs.len()
            ));
            all.summary("wikiwars");
        }
        Some("show") => {
            let mut text = args.get(1).cloned().unwrap_or_default();
            if text == "-" {
                text.clear();
                let _ = std::io::Read::read_to_string(&mut std::io::stdin(), &mut text);
            }
            let published = args.get(2).and_then(|d| calendar::parse_iso_prefix(d));
            for t in run(&text, published) {
                println!("{:?}\t{:?}", &text[t.start..t.end], t.value);
            }
        }
        _ => {
            eprintln!("usage: dates eval-tempeval|eval-wikiwars [--errors] | dates show TEXT [YYYY-MM-DD]");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
