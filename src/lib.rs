//! Dossier turns a pile of news coverage into cleaned documents, the
//! people, organizations and places they name, who said what, when, and
//! which documents tell the same story.
//!
//! Data flows one way through the stages, each a module:
//!
//! ```text
//! bytes -> ingest -> text -> annotate -> corpus -> report -> dossier/1 JSON
//! ```
//!
//! - [`ingest`]: bytes to a [`Document`] (decoding, visible text, article, metadata).
//! - [`text`]: tokens and sentences.
//! - [`annotate`]: mentions, quotes, dates, links in one document.
//! - [`corpus`]: entities and stories across all documents.
//! - [`report`]: the `dossier/1` wire types (see `CONTRACT.md` and `docs/schema.md`).
//!
//! Every stage works in UTF-8 byte offsets ([`Span`]); `report` converts to
//! code point offsets once. The library does no I/O, reads no clock and
//! never panics on input: a bad file becomes a warning on its document.
//!
//! ```
//! let mut batch = dossier::Analyzer::new();
//! batch.add_file("wire.txt", "Chinese President Xi Jinping wrote to Kim Jong Un on Monday.".as_bytes());
//! let report = batch.report();
//! assert_eq!(report.schema, "dossier/1");
//! assert!(report.entities.iter().any(|e| e.name == "Xi Jinping"));
//! ```

#![deny(missing_docs)]

pub mod annotate;
mod binary;
pub mod calendar;
pub mod corpus;
mod error;
pub mod files;
pub mod ingest;
pub mod links;
pub mod parallel;
pub mod report;
mod sample;
pub mod span;
#[cfg(test)]
mod testing;
pub mod text;
mod transfer;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use annotate::{Annotations, Label, Tagger};
pub use error::Error;
pub use ingest::{Document, Format};
pub use report::{DocumentReport, Report};
pub use sample::SAMPLE;
pub use span::Span;
pub use transfer::Analyzed;

use annotate::entities_tagger;

/// A batch being analyzed: feed it files one at a time, then ask for the
/// report. Documents are analyzed as they arrive; only the corpus step
/// waits for [`Analyzer::report`].
pub struct Analyzer {
    tagger: Box<dyn Tagger + Send + Sync>,
    documents: Vec<Document>,
    annotations: Vec<Annotations>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

impl Analyzer {
    /// An empty batch using the built-in entity tagger.
    pub fn new() -> Analyzer {
        Analyzer {
            tagger: entities_tagger(),
            documents: Vec::new(),
            annotations: Vec::new(),
        }
    }

    /// Adds one file's bytes; `name` may carry folders. Returns the document.
    pub fn add_file(&mut self, name: &str, bytes: &[u8]) -> &Document {
        self.push(ingest::ingest(name, bytes))
    }

    /// [`Analyzer::add_file`] of bytes the caller gives up: a text file
    /// becomes its document's text in place (see [`ingest::ingest_owned`]).
    pub fn add_file_owned(&mut self, name: &str, bytes: Vec<u8>) -> &Document {
        self.push(ingest::ingest_owned(name, bytes))
    }

    /// Adds text that is already decoded (a paste, a `--jsonl` record).
    /// `format` is sniffed when `None`.
    pub fn add_text(&mut self, name: &str, text: &str, format: Option<Format>) -> &Document {
        self.push(ingest::ingest_str(name, text, format))
    }

    /// Adds a document analyzed elsewhere (another worker, see [`Analyzed`]);
    /// the same as having added its file here with the built-in tagger.
    pub fn add_analyzed(&mut self, analyzed: Analyzed) -> &Document {
        self.keep(analyzed.document, analyzed.annotations)
    }

    fn push(&mut self, doc: Document) -> &Document {
        let ann = annotate::annotate(&doc, self.tagger.as_ref());
        self.keep(doc, ann)
    }

    fn keep(&mut self, doc: Document, ann: Annotations) -> &Document {
        self.documents.push(doc);
        self.annotations.push(ann);
        let last = self.documents.len() - 1;
        &self.documents[last]
    }

    /// How many documents the batch holds.
    pub fn len(&self) -> usize {
        self.documents.len()
    }

    /// The `index`-th document added, if any.
    pub fn document(&self, index: usize) -> Option<&Document> {
        self.documents.get(index)
    }

    /// True before the first document.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// The `dossier/1` report for every document added so far.
    pub fn report(&self) -> Report {
        let corpus = corpus::build(&self.documents, &self.annotations);
        report::report(&self.documents, &self.annotations, &corpus)
    }

    /// Writes the same `dossier/1` JSON as [`Analyzer::report`] to `out`,
    /// one document at a time: the whole report is never held in memory,
    /// which for a large batch is several times the size of its input.
    pub fn write_report(&self, out: impl std::io::Write, pretty: bool) -> serde_json::Result<()> {
        let corpus = corpus::build(&self.documents, &self.annotations);
        let report = report::Streamed::new(&self.documents, &self.annotations, &corpus);
        if pretty {
            serde_json::to_writer_pretty(out, &report)
        } else {
            serde_json::to_writer(out, &report)
        }
    }

    /// The same report as [`Analyzer::write_report`], as parts of about
    /// `size` bytes each, handed to `emit` in chunks of at most `size`
    /// bytes with a flag on each part's last (see `report::Parts`): the
    /// page parses each part on its own.
    pub fn write_report_parts(
        &self,
        size: usize,
        emit: impl FnMut(&[u8], bool),
    ) -> serde_json::Result<()> {
        let corpus = corpus::build(&self.documents, &self.annotations);
        report::Streamed::new(&self.documents, &self.annotations, &corpus).write_parts(size, emit)
    }

    /// Adds a document for a file that could not be read, with `why` as its warning.
    pub fn add_unreadable(&mut self, name: &str, why: &str) -> &Document {
        self.push(ingest::unreadable(name, why))
    }
}

/// Analyzes one document on its own (a `--jsonl` record) and returns its
/// report with id `d{index + 1}`; entity ids are local to it.
pub fn analyze_one(
    index: usize,
    name: &str,
    text: &str,
    format: Option<Format>,
) -> DocumentReport<'static> {
    one_report(index, Analyzed::text(name, text, format))
}

/// The report of a document that could not be read, with `why` as its warning.
pub fn unreadable_one(index: usize, name: &str, why: &str) -> DocumentReport<'static> {
    one_report(index, Analyzed::unreadable(name, why))
}

fn one_report(
    index: usize,
    Analyzed {
        document: doc,
        annotations: ann,
    }: Analyzed,
) -> DocumentReport<'static> {
    let corpus = corpus::build(std::slice::from_ref(&doc), std::slice::from_ref(&ann));
    report::document_report(index, &doc, &ann, &corpus, 0).into_owned()
}

/// Loads the built-in model and name lists now instead of on the first
/// document, so a page can do it while the user is still choosing files.
pub fn prepare() {
    annotate::prepare();
}

/// Lets go of the entity model (14 MB decoded) when no more documents are
/// to be analyzed, before the corpus step and the report, where a batch's
/// memory peaks; analyzing another document decodes it again (tens of
/// milliseconds). The command line calls it once every file is analyzed.
pub fn release_models() {
    annotate::release();
}

/// Runs the whole pipeline once on the built-in sample and throws the
/// result away. In wasm a function is compiled on its first call, so the
/// page's first real document paid for compiling every step it went
/// through; a worker does this while the user is still choosing files.
pub fn warm_up() {
    let mut batch = Analyzer::new();
    for (name, bytes) in SAMPLE {
        // the pool's way: analyzed alone, handed over as bytes
        let bytes = Analyzed::file(name, bytes).to_bytes();
        if let Ok(analyzed) = Analyzed::from_bytes(&bytes) {
            batch.add_analyzed(analyzed);
        }
    }
    let _ = batch.write_report(std::io::sink(), false);
}

/// One `--jsonl` input record: `{"name": ..., "text": ...}` or `{"name": ..., "html": ...}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The document's name.
    pub name: String,
    /// Its text or markup.
    pub body: String,
    /// HTML when the record used `html`, else sniffed.
    pub format: Option<Format>,
}

/// Reads one `--jsonl` line. `line_number` (1-based) goes into the error.
pub fn parse_jsonl_record(line: &str, line_number: usize) -> Result<Record, Error> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| Error::bad_record(line_number, e.to_string()))?;
    let object = value
        .as_object()
        .ok_or_else(|| Error::bad_record(line_number, "not a JSON object"))?;
    let name = object
        .get("name")
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_string();
    let (body, format) = match (object.get("text"), object.get("html")) {
        (Some(serde_json::Value::String(t)), _) => (t.clone(), None),
        (_, Some(serde_json::Value::String(h))) => (h.clone(), Some(Format::Html)),
        _ => {
            return Err(Error::bad_record(
                line_number,
                "needs a string field \"text\" or \"html\"",
            ))
        }
    };
    Ok(Record { name, body, format })
}
