//! Bytes to [`Document`]: decoding, format sniffing, visible text, the
//! article's place in it, and the metadata a page states about itself.
//!
//! The entry point is [`ingest`]. It never fails: binary, empty and
//! over-size input becomes a document with a warning and no text.
//!
//! Which lines are the story is decided by one learned line classifier
//! (`lines`, weights in `models/extract-*.txt`, trained and measured by
//! `cargo run --release --bin extract`): for HTML on top of Readability's
//! choice and the page's layout, for text dumps from the lines alone.
//! Feed captures are split into posts (`feed`); bylines, labels, credits
//! and a publisher are read from the visible lines (`meta`).

mod decode;
mod feed;
mod folded;
mod furniture;
mod html;
mod jsonld;
#[doc(hidden)]
pub mod lines;
mod markup;
mod meta;
mod plain;

use std::collections::HashSet;

use crate::calendar::Date;
use crate::span::Span;

/// The largest input analyzed; larger files get a warning instead.
pub const MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

/// What kind of text a document was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Format {
    /// Plain text: a select-all dump, a feed capture, a wire story.
    Text,
    /// An HTML page; `text` is its visible text.
    Html,
    /// Markdown; `text` is the file as written.
    Markdown,
    /// Not text at all (an image, an archive, random bytes).
    Binary,
}

impl Format {
    /// The name the report uses.
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Markdown => "markdown",
            Format::Binary => "binary",
        }
    }
}

/// What a document says about itself: headline, outlet, bylines, date.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Meta {
    /// Headline.
    pub title: Option<String>,
    /// Publisher or outlet.
    pub publisher: Option<String>,
    /// Bylines, one name each.
    pub authors: Vec<String>,
    /// The date the document was published, when it says.
    pub published: Option<Date>,
    /// An "Original Source:" credit.
    pub original_source: Option<String>,
    /// Section names, tone labels and disclosures.
    pub labels: Vec<String>,
    /// Every web address in the document, in order, without repeats.
    pub urls: Vec<String>,
}

/// One input file, decoded and cleaned. Spans are byte offsets into `text`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Document {
    /// The file's own name, without folders.
    pub name: String,
    /// What the bytes were.
    pub format: Format,
    /// The encoding the bytes were decoded from (`utf-8`, `windows-1252`).
    pub encoding: String,
    /// The text every span points into.
    pub text: String,
    /// What the document says about itself.
    pub meta: Meta,
    /// The article or post bodies; the rest of `text` is boilerplate.
    pub content: Vec<Span>,
    /// Each distinct article or social post.
    pub posts: Vec<Span>,
    /// Problems with this input, for the user.
    pub warnings: Vec<String>,
}

impl Document {
    fn empty(name: &str, format: Format, encoding: &str, warning: String) -> Document {
        Document {
            name: base_name(name).to_string(),
            format,
            encoding: encoding.to_string(),
            text: String::new(),
            meta: Meta::default(),
            content: Vec::new(),
            posts: Vec::new(),
            warnings: vec![warning],
        }
    }
}

/// The last path component: reports carry names, never folders.
fn base_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

fn extension(name: &str) -> String {
    let base = base_name(name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// Guesses the format from the file name, then from the text itself.
fn sniff(name: &str, text: &str) -> Format {
    match extension(name).as_str() {
        "html" | "htm" | "xhtml" | "shtml" | "mhtml" | "php" | "asp" | "aspx" => {
            return Format::Html
        }
        "md" | "markdown" | "mdown" => return Format::Markdown,
        _ => {}
    }
    // Every test below needs a '<' first (lower-casing keeps it).
    if !text.trim_start().starts_with('<') {
        return Format::Text;
    }
    let head: String = text
        .trim_start()
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    let tags = [
        "<html",
        "<!doctype html",
        "<head",
        "<body",
        "<meta ",
        "<div",
        "<p>",
        "<article",
    ];
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<') && tags.iter().any(|t| head.contains(t)))
    {
        Format::Html
    } else {
        Format::Text
    }
}

/// Decodes and cleans one file. `name` may include folders; only the last
/// component is kept.
pub fn ingest(name: &str, bytes: &[u8]) -> Document {
    if let Some(refused) = refused(name, bytes) {
        return refused;
    }
    let decoded = decode::decode(bytes, || looks_html(name, bytes));
    of_decoded(name, decoded)
}

/// [`ingest`] of bytes the caller gives up: a UTF-8 text file becomes
/// its document's text in place. Copied, a 17.5 MB text was held three
/// times at once (the bytes, the decoded text, the document's text): the
/// page's wasm memory peaked there, and only grows.
pub fn ingest_owned(name: &str, bytes: Vec<u8>) -> Document {
    if let Some(refused) = refused(name, &bytes) {
        return refused;
    }
    let decoded = decode::decode_owned(bytes, |bytes| looks_html(name, bytes));
    of_decoded(name, decoded)
}

/// The document of a file too large or not text at all, with why.
fn refused(name: &str, bytes: &[u8]) -> Option<Document> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Some(too_large(name, bytes.len() as u64));
    }
    let kind = decode::binary_kind(bytes)?;
    Some(Document::empty(
        name,
        Format::Binary,
        "",
        format!("not a text file ({kind}); skipped"),
    ))
}

/// Whether bytes that are not UTF-8 look like HTML (for a charset
/// declaration to count).
fn looks_html(name: &str, bytes: &[u8]) -> bool {
    matches!(extension(name).as_str(), "html" | "htm" | "xhtml")
        || bytes
            .iter()
            .take(1024)
            .map(u8::to_ascii_lowercase)
            .collect::<Vec<u8>>()
            .windows(5)
            .any(|w| w == b"<html" || w == b"<meta")
}

fn of_decoded(name: &str, decoded: decode::Decoded) -> Document {
    let format = sniff(name, &decoded.text);
    let mut doc = from_text(name, format, decoded.text);
    doc.encoding = decoded.encoding.to_string();
    let mut warnings = decoded.warnings;
    warnings.append(&mut doc.warnings);
    doc.warnings = warnings;
    doc
}

/// The document of a file of `len` bytes, over [`MAX_INPUT_BYTES`]: what
/// [`ingest`] makes of its bytes, for a caller that knows the size and
/// need not read them (a 1 GB file is never loaded to be refused).
pub fn too_large(name: &str, len: u64) -> Document {
    Document::empty(
        name,
        Format::Binary,
        "",
        format!(
            "file is too large to analyze ({:.1} MB; the limit is {} MB)",
            len as f64 / 1_048_576.0,
            MAX_INPUT_BYTES / 1_048_576
        ),
    )
}

/// A document for an input that could not be read at all, with `why` as its warning.
pub fn unreadable(name: &str, why: &str) -> Document {
    Document::empty(name, Format::Binary, "", why.to_string())
}

/// Cleans text that arrives already decoded (a paste, a `--jsonl` record).
/// `format` is sniffed from `name` and the text when `None`.
pub fn ingest_str(name: &str, text: &str, format: Option<Format>) -> Document {
    if text.len() > MAX_INPUT_BYTES {
        return ingest(name, text.as_bytes());
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let format = format.unwrap_or_else(|| sniff(name, text));
    let mut doc = from_text(name, format, text.to_string());
    doc.encoding = "utf-8".to_string();
    doc
}

/// The document of decoded text: a plain text's own (moved, not copied),
/// or what a page shows.
fn from_text(name: &str, format: Format, text: String) -> Document {
    if text.trim().is_empty() {
        return Document::empty(name, format, "", "file is empty; nothing to analyze".into());
    }
    let page = match format {
        Format::Html => html::read(&text),
        _ => plain::read(text),
    };
    let mut warnings = Vec::new();
    if page.text.trim().is_empty() {
        warnings.push("the page has no visible text".to_string());
    }
    Document {
        name: base_name(name).to_string(),
        format,
        encoding: String::new(),
        text: page.text,
        meta: page.meta.tidied(),
        posts: page.posts,
        content: page.content,
        warnings,
    }
}

impl Meta {
    /// Every field trimmed; a blank one is unknown (`None`) or left out,
    /// never an empty string, whichever source filled it.
    fn tidied(mut self) -> Meta {
        let tidy = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        self.title = tidy(self.title);
        self.publisher = tidy(self.publisher);
        self.original_source = tidy(self.original_source);
        for list in [&mut self.authors, &mut self.labels, &mut self.urls] {
            list.iter_mut().for_each(|s| *s = s.trim().to_string());
            list.retain(|s| !s.is_empty());
        }
        self
    }
}

/// What a format reader hands back: the text and what it found in it.
struct Page {
    text: String,
    meta: Meta,
    content: Vec<Span>,
    posts: Vec<Span>,
}

/// Adds strings to a list once each, in first-seen order, with a set
/// beside it: checking the list itself made a page or text with many
/// distinct links quadratic (100,000 links in a 4 MB page took 13.6 s).
#[derive(Default)]
pub(super) struct Distinct {
    seen: HashSet<String>,
}

impl Distinct {
    /// A set holding what `list` already holds.
    pub(super) fn of(list: &[String]) -> Distinct {
        Distinct {
            seen: list.iter().cloned().collect(),
        }
    }

    /// Appends `s` to `list` unless it is there already.
    pub(super) fn push(&mut self, list: &mut Vec<String>, s: &str) {
        if !self.seen.contains(s) {
            self.seen.insert(s.to_string());
            list.push(s.to_string());
        }
    }
}

/// Shared by the readers: every URL in `text`, in order, without repeats,
/// after the ones already listed.
fn collect_urls(text: &str, urls: &mut Vec<String>) {
    // A URL never spans lines, and every one has "://" or "www." in it:
    // only the lines with those are searched (the same spans, in the
    // same order, as searching the whole text).
    let mut hits: Vec<usize> = text
        .match_indices("://")
        .chain(text.match_indices("www."))
        .map(|(at, _)| at)
        .collect();
    hits.sort_unstable();
    let mut distinct = Distinct::of(urls);
    let mut done = 0;
    for at in hits {
        if at < done {
            continue;
        }
        let start = text[..at].rfind('\n').map_or(0, |p| p + 1);
        let end = text[at..].find('\n').map_or(text.len(), |p| at + p);
        done = end;
        let line = &text[start..end];
        for span in crate::links::find_urls(line) {
            distinct.push(urls, span.slice(line));
        }
    }
}

/// [`collect_urls`] when the URLs of `text` all lie in `lines` (in text
/// order): a URL never spans lines, so searching each of them finds the
/// same addresses in the same order.
fn collect_urls_in(text: &str, lines: impl Iterator<Item = Span>, urls: &mut Vec<String>) {
    let mut distinct = Distinct::of(urls);
    for line in lines {
        let line = line.slice(text);
        for span in crate::links::find_urls(line) {
            distinct.push(urls, span.slice(line));
        }
    }
}

/// The document's own date: the first full date in its opening lines,
/// on a dateline-like line (short, or with the date near its start), from
/// a year a web page could have been published in.
fn opening_date(text: &str) -> Option<Date> {
    for line in text.split_inclusive('\n').take(12) {
        let words = line.split_whitespace().count();
        for found in crate::calendar::find_dates(line) {
            let d = found.date;
            let plausible = d.year.is_some_and(|y| y >= 1990) && d.day.is_some();
            if plausible && (words <= 30 || found.span.start() < 40) {
                return Some(d);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes given up make the same document as bytes lent, whatever
    /// their encoding or kind.
    #[test]
    fn owned_bytes_make_the_same_document() {
        let text = "Port strike ends\n\nDockworkers returned on Tuesday, officials said.\n";
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let inputs: Vec<(&str, Vec<u8>)> = vec![
            ("a.txt", text.as_bytes().to_vec()),
            (
                "a.txt",
                [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat(),
            ),
            ("a.txt", utf16),
            ("a.txt", b"Caf\xe9 cr\xe8me: the owner said so.\n".to_vec()),
            ("a.txt", b"one\0two\0three said the mayor.\n".to_vec()),
            (
                "a.txt",
                b"broken \xe2\x80 utf-8 text said the mayor.\n".to_vec(),
            ),
            (
                "a.html",
                b"<html><meta charset=windows-1252><p>Caf\xe9 said.</p></html>".to_vec(),
            ),
            (
                "a.html",
                b"<html><body><h1>Head</h1><p>Body text said.</p></body></html>".to_vec(),
            ),
            ("a.zip", b"PK\x03\x04rest".to_vec()),
            ("a.txt", Vec::new()),
            ("a.txt", vec![b'x'; MAX_INPUT_BYTES + 1]),
        ];
        for (name, bytes) in inputs {
            let lent = ingest(name, &bytes);
            assert_eq!(
                ingest_owned(name, bytes.clone()),
                lent,
                "{name} {:?}",
                &bytes[..bytes.len().min(20)]
            );
        }
    }

    #[test]
    fn distinct_keeps_first_seen_order_without_repeats() {
        let mut list = vec!["https://a.example".to_string()];
        let mut distinct = Distinct::of(&list);
        for url in [
            "https://b.example",
            "https://a.example",
            "https://c.example",
            "https://b.example",
        ] {
            distinct.push(&mut list, url);
        }
        assert_eq!(
            list,
            [
                "https://a.example",
                "https://b.example",
                "https://c.example"
            ]
        );
    }

    #[test]
    fn sniffs_formats() {
        assert_eq!(sniff("a.HTM", "hello"), Format::Html);
        assert_eq!(sniff("notes.md", "# Title"), Format::Markdown);
        assert_eq!(sniff("page.txt", "<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff("dump.txt", "<3 this story"), Format::Text);
        assert_eq!(sniff("x", "  <div><p>Hi</p></div>"), Format::Html);
    }

    #[test]
    fn names_lose_their_folders() {
        let d = ingest("some/dir\\wire.txt", b"Hello there, this is text.");
        assert_eq!(d.name, "wire.txt");
    }

    #[test]
    fn bad_inputs_become_warnings() {
        let empty = ingest("empty.txt", b"");
        assert_eq!(empty.text, "");
        assert_eq!(empty.warnings, ["file is empty; nothing to analyze"]);
        let blank = ingest("blank.txt", b"  \n\t\n");
        assert_eq!(blank.warnings, ["file is empty; nothing to analyze"]);
        let png = ingest("x.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
        assert_eq!(png.format, Format::Binary);
        assert_eq!(png.warnings, ["not a text file (a PNG image); skipped"]);
        let huge = vec![b'a'; MAX_INPUT_BYTES + 1];
        let big = ingest("big.txt", &huge);
        assert!(
            big.warnings[0].starts_with("file is too large"),
            "{:?}",
            big.warnings
        );
        assert!(big.text.is_empty());
    }

    #[test]
    fn opening_date_is_the_first_full_date() {
        assert_eq!(
            opening_date("Sep 10, 2024, 12:00 AM\nSep 9, 2024\n\nHeadline").map(|d| d.iso()),
            Some("2024-09-10".to_string())
        );
        assert_eq!(opening_date("Since Jan. 1 nothing"), None);
    }
}
