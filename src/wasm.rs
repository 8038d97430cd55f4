//! The JavaScript boundary: one `Analyzer` handle the page's worker feeds
//! a file at a time, and the report it hands back. No logic lives here.

use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Installs the panic hook so a panic prints its message to the console
/// before the instance traps.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// What the page learns right after a file is added.
#[derive(Serialize)]
struct Added<'a> {
    index: usize,
    name: &'a str,
    format: &'a str,
    encoding: &'a str,
    characters: usize,
    warnings: &'a [String],
}

/// The one conversion from a Rust error to a JS `Error`.
fn into_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(into_error)
}

/// A batch of documents, analyzed as they are added.
#[wasm_bindgen]
pub struct Analyzer {
    inner: crate::Analyzer,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

#[wasm_bindgen]
impl Analyzer {
    /// An empty batch.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Analyzer {
        Analyzer {
            inner: crate::Analyzer::new(),
        }
    }

    /// Adds a dropped file's bytes; returns `{index, name, format, encoding, characters, warnings}`.
    #[wasm_bindgen(js_name = addFile)]
    pub fn add_file(&mut self, name: &str, bytes: Vec<u8>) -> Result<JsValue, JsError> {
        // owned: the bytes are freed before annotation, not after
        self.inner.add_file_owned(name, bytes);
        self.last()
    }

    /// Adds pasted text; returns the same summary as `addFile`.
    #[wasm_bindgen(js_name = addText)]
    pub fn add_text(&mut self, name: &str, text: &str) -> Result<JsValue, JsError> {
        self.inner.add_text(name, text, None);
        self.last()
    }

    /// Adds a document for a file the page could not read or refused, with `why` as its warning.
    #[wasm_bindgen(js_name = addUnreadable)]
    pub fn add_unreadable(&mut self, name: &str, why: &str) -> Result<JsValue, JsError> {
        self.inner.add_unreadable(name, why);
        self.last()
    }

    /// Adds a document another worker analyzed (`analyzeFile`/`analyzeText`
    /// bytes); returns the same summary as `addFile`. Foreign or corrupt
    /// bytes throw and leave the batch as it was.
    #[wasm_bindgen(js_name = addAnalyzed)]
    pub fn add_analyzed(&mut self, bytes: &[u8]) -> Result<JsValue, JsError> {
        let analyzed = crate::Analyzed::from_bytes(bytes).map_err(into_error)?;
        self.inner.add_analyzed(analyzed);
        self.last()
    }

    fn last(&self) -> Result<JsValue, JsError> {
        let index = self
            .inner
            .len()
            .checked_sub(1)
            .ok_or_else(|| into_error("empty batch"))?;
        let doc = self
            .inner
            .document(index)
            .ok_or_else(|| into_error("no such document"))?;
        to_js(&Added {
            index,
            name: &doc.name,
            format: doc.format.as_str(),
            encoding: &doc.encoding,
            characters: doc.text.chars().count(),
            warnings: &doc.warnings,
        })
    }

    /// Number of documents in the batch.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.len()
    }

    /// The `dossier/1` report for the whole batch, as JSON text (the same
    /// bytes the command line prints; `JSON.parse` it).
    #[wasm_bindgen(js_name = reportJson)]
    pub fn report_json(&self) -> Result<String, JsError> {
        let mut json = Vec::new();
        self.inner
            .write_report(&mut json, false)
            .map_err(into_error)?;
        String::from_utf8(json).map_err(into_error)
    }

    /// The same report as `reportJson`, as parts of about 1 MB, each a
    /// UTF-8 JSON text: first `{schema, fields}`, then `{field, items}`
    /// (the page joins them: analyzer-client.js `ReportAssembler`).
    /// Returns the number of parts. Each part reaches `on_part(chunk,
    /// last)` as soon as it is written, in `Uint8Array` chunks of at most
    /// 2 MB, `last` true on its final one: a long document is one part,
    /// never held whole in the wasm memory. The whole report as one
    /// string (200 MB for 10,000 articles) grew by doubling in the wasm
    /// memory, which never shrinks, and was held as bytes, a JS string and
    /// parsed objects at once; parts are parsed on the page while the rest
    /// is written.
    #[wasm_bindgen(js_name = reportParts)]
    pub fn report_parts(&self, on_part: &js_sys::Function) -> Result<usize, JsError> {
        let mut parts = 0;
        let mut failed = None;
        self.inner
            .write_report_parts(REPORT_PART, |chunk: &[u8], last: bool| {
                parts += usize::from(last);
                if failed.is_none() {
                    let chunk = js_sys::Uint8Array::from(chunk);
                    failed = on_part
                        .call2(&JsValue::NULL, &chunk, &JsValue::from_bool(last))
                        .err();
                }
            })
            .map_err(into_error)?;
        match failed {
            Some(error) => Err(JsError::new(&format!(
                "the report's receiver failed: {error:?}"
            ))),
            None => Ok(parts),
        }
    }
}

/// The size `reportParts` aims at for each part; a chunk holds at most twice that.
const REPORT_PART: usize = 1 << 20;

/// Ingests and annotates one file's bytes on its own, for a pool worker:
/// the bytes to hand to the batch's `Analyzer.addAnalyzed`.
#[wasm_bindgen(js_name = analyzeFile)]
pub fn analyze_file(name: &str, bytes: Vec<u8>) -> Vec<u8> {
    // owned: the bytes are freed before annotation, not after
    crate::Analyzed::file_owned(name, bytes).to_bytes()
}

/// Like `analyzeFile` for a file that could not be read or was refused:
/// a document that only carries `why`.
#[wasm_bindgen(js_name = analyzeUnreadable)]
pub fn analyze_unreadable(name: &str, why: &str) -> Vec<u8> {
    crate::Analyzed::unreadable(name, why).to_bytes()
}

/// Like `analyzeFile` for pasted text.
#[wasm_bindgen(js_name = analyzeText)]
pub fn analyze_text(name: &str, text: &str) -> Vec<u8> {
    crate::Analyzed::text(name, text, None).to_bytes()
}

/// The embedded sample coverage: `[{name, bytes}]`, bytes as `Uint8Array`.
#[wasm_bindgen(js_name = sampleFiles)]
pub fn sample_files() -> js_sys::Array {
    crate::SAMPLE
        .iter()
        .map(|(name, bytes)| {
            let file = js_sys::Object::new();
            // Reflect::set on a fresh plain object cannot fail.
            let _ = js_sys::Reflect::set(&file, &"name".into(), &(*name).into());
            let _ = js_sys::Reflect::set(&file, &"bytes".into(), &js_sys::Uint8Array::from(*bytes));
            JsValue::from(file)
        })
        .collect()
}

/// Loads the built-in entity model now (about 50 ms), so the first
/// dropped file does not wait for it.
#[wasm_bindgen]
pub fn prepare() {
    crate::prepare();
}

/// Runs the pipeline once on the built-in sample (see `dossier::warm_up`),
/// so the first dropped file does not pay for compiling its code.
#[wasm_bindgen(js_name = warmUp)]
pub fn warm_up() {
    crate::warm_up();
}

/// The crate version, for the page's footer.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Benchmark and diagnostic entry (issue 3; used by `scripts/bench-ner.sh`,
/// not by the page): splits `text` into sentences and tokens exactly as
/// `ner bench` does natively, tags it with the embedded entity model, and
/// returns the number of entity mentions found. The first call also decodes
/// the embedded model, so timing it measures the model's load time.
#[wasm_bindgen(js_name = tagText)]
pub fn tag_text(text: &str) -> usize {
    let sentences = crate::annotate::ner::conll::our_tokens(text);
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.iter().map(|t| t.slice(text)).collect())
        .collect();
    crate::annotate::ner::NerModel::embedded()
        .tag_document(&words)
        .iter()
        .map(Vec::len)
        .sum()
}

/// Benchmark and diagnostic entry (issue 4; used by
/// `scripts/bench-extract.sh`, not by the page): ingests `bytes` as a saved
/// HTML page exactly as `extract eval-html` does natively (decoding,
/// article extraction, metadata) and returns the content's length in bytes.
#[wasm_bindgen(js_name = ingestHtml)]
pub fn ingest_html(bytes: &[u8]) -> usize {
    crate::ingest::ingest("page.html", bytes)
        .content
        .iter()
        .map(|s| s.len())
        .sum()
}
