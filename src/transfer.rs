//! One analyzed document as bytes. The page analyzes files in several
//! workers at once (ingest and annotate are per document and take nearly
//! all the time) and hands each result to the one worker that holds the
//! batch, which only runs the corpus step. Bytes are read back only when
//! this same build wrote them and every span lands inside the text, so a
//! stray or corrupt message is refused instead of panicking later.

use serde::{Deserialize, Serialize};

use crate::annotate::{self, Annotations};
use crate::ingest::{self, Document, Format};
use crate::span::Span;
use crate::Error;

/// Written first: a format tag and the crate version, since the layout
/// follows the Rust types and changes with them.
const MAGIC: &str = concat!("dossier-analyzed/", env!("CARGO_PKG_VERSION"));

/// A document with everything found in it, ready to join a batch
/// ([`crate::Analyzer::add_analyzed`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analyzed {
    /// The cleaned document.
    pub document: Document,
    /// Its tokens, sentences, mentions, quotes, dates and links.
    pub annotations: Annotations,
}

impl Analyzed {
    /// Ingests and annotates one file's bytes with the built-in tagger.
    pub fn file(name: &str, bytes: &[u8]) -> Analyzed {
        Analyzed::of(ingest::ingest(name, bytes))
    }

    /// [`Analyzed::file`] that gives the bytes up to the document
    /// ([`ingest::ingest_owned`]), so they are not held through
    /// annotation's peak: held, a 17.5 MB text file's bytes were 17.5 MB
    /// of its 124 MB heap peak.
    pub fn file_owned(name: &str, bytes: Vec<u8>) -> Analyzed {
        Analyzed::of(ingest::ingest_owned(name, bytes))
    }

    /// Ingests and annotates text that is already decoded (`format` sniffed when `None`).
    pub fn text(name: &str, text: &str, format: Option<Format>) -> Analyzed {
        Analyzed::of(ingest::ingest_str(name, text, format))
    }

    /// A file of `len` bytes over the input limit, unread: the same as
    /// [`Analyzed::file`] on its bytes.
    pub fn too_large(name: &str, len: u64) -> Analyzed {
        Analyzed::of(ingest::too_large(name, len))
    }

    /// A document for a file that could not be read, with `why` as its warning.
    pub fn unreadable(name: &str, why: &str) -> Analyzed {
        Analyzed::of(ingest::unreadable(name, why))
    }

    fn of(document: Document) -> Analyzed {
        let annotations = annotate::annotate(&document, annotate::entities_tagger().as_ref());
        Analyzed {
            document,
            annotations,
        }
    }

    /// The bytes [`Analyzed::from_bytes`] reads back (compact, not for storage).
    pub fn to_bytes(&self) -> Vec<u8> {
        // Serializing owned, plain data into a Vec cannot fail.
        postcard::to_allocvec(&(MAGIC, self)).unwrap_or_default()
    }

    /// Reads bytes written by [`Analyzed::to_bytes`] of this same build.
    pub fn from_bytes(bytes: &[u8]) -> Result<Analyzed, Error> {
        let (magic, analyzed): (String, Analyzed) =
            postcard::from_bytes(bytes).map_err(|e| Error::bad_analyzed(e.to_string()))?;
        if magic != MAGIC {
            return Err(Error::bad_analyzed(format!("written by {magic:?}")));
        }
        analyzed.check().map_err(Error::bad_analyzed)?;
        Ok(analyzed)
    }

    /// Every span of the document and its annotations lies inside the text
    /// on character boundaries, and each list the later steps walk in
    /// order is in order without overlaps, as the annotators make them.
    fn check(&self) -> Result<(), String> {
        let a = &self.annotations;
        if !a.tokens.is_well_formed() {
            return Err("tokens do not decode".to_string());
        }
        let ordered = |what: &str, spans: &mut dyn Iterator<Item = Span>| {
            let mut end = 0;
            for s in spans {
                if s.start() < end {
                    return Err(format!("{what} out of order at {}..{}", s.start(), s.end()));
                }
                end = s.end();
            }
            Ok(())
        };
        ordered("tokens", &mut a.tokens.iter().map(|t| t.span()))?;
        ordered("sentences", &mut a.sentences.iter().copied())?;
        ordered("mentions", &mut a.mentions.iter().map(|m| m.span))?;
        ordered("dates", &mut a.dates.iter().map(|d| d.span))?;
        ordered("content", &mut self.document.content.iter().copied())?;
        ordered("posts", &mut self.document.posts.iter().copied())?;
        self.inside()
    }

    fn inside(&self) -> Result<(), String> {
        let text = self.document.text.as_str();
        let ok = |s: &Span| s.start() <= s.end() && text.get(s.start()..s.end()).is_some();
        let a = &self.annotations;
        let spans = self
            .document
            .content
            .iter()
            .chain(&self.document.posts)
            .copied()
            .chain(a.tokens.iter().map(|t| t.span()))
            .chain(a.sentences.iter().copied())
            .chain(a.mentions.iter().map(|m| m.span))
            .chain(
                a.quotes
                    .iter()
                    .flat_map(|q| [Some(q.span), q.speaker, q.via])
                    .flatten(),
            )
            .chain(a.dates.iter().map(|d| d.span))
            .chain(a.urls.iter().copied());
        for s in spans {
            if !ok(&s) {
                return Err(format!("span {}..{} outside the text", s.start(), s.end()));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<html><head><title>Talks resume</title></head><body><article>\
        <p>Chinese President Xi Jinping met Kim Jong Un in Beijing on Monday.</p>\
        <p>\"We will keep talking,\" Kim said, according to KCNA.</p></article></body></html>";

    #[test]
    fn round_trips_a_document_and_its_annotations() {
        let a = Analyzed::file("talks.html", PAGE.as_bytes());
        assert!(!a.annotations.mentions.is_empty(), "{:?}", a.annotations);
        let back = Analyzed::from_bytes(&a.to_bytes()).expect("reads its own bytes");
        assert_eq!(back, a);
    }

    /// Taking the bytes (to free them before annotation) changes nothing
    /// in what comes out, for a page, a text and bytes that are no text.
    #[test]
    fn a_file_taken_by_value_is_analyzed_the_same() {
        let files: [(&str, &[u8]); 3] = [
            ("talks.html", PAGE.as_bytes()),
            ("note.txt", b"Kim Jong Un spoke in Pyongyang on Monday."),
            ("blob.bin", &[0u8, 159, 146, 150, 0, 1, 2, 3]),
        ];
        let (mut by_ref, mut by_value) = (crate::Analyzer::new(), crate::Analyzer::new());
        for (name, bytes) in files {
            assert_eq!(
                Analyzed::file_owned(name, bytes.to_vec()),
                Analyzed::file(name, bytes)
            );
            by_ref.add_file(name, bytes);
            by_value.add_file_owned(name, bytes.to_vec());
        }
        assert_eq!(by_value.report(), by_ref.report());
    }

    #[test]
    fn refuses_foreign_truncated_and_out_of_range_bytes() {
        let a = Analyzed::text("note.txt", "Kim Jong Un spoke in Pyongyang.", None);
        let bytes = a.to_bytes();
        assert!(Analyzed::from_bytes(b"").is_err());
        assert!(Analyzed::from_bytes(&bytes[..bytes.len() / 2]).is_err());
        let mut stranger = a.clone();
        stranger
            .annotations
            .urls
            .push(Span::new(0, a.document.text.len() + 1));
        let err = Analyzed::from_bytes(&stranger.to_bytes()).expect_err("span past the end");
        assert!(err.to_string().contains("outside the text"), "{err}");
        let other = postcard::to_allocvec(&("dossier-analyzed/0.0.0", &a)).expect("serializes");
        let err = Analyzed::from_bytes(&other).expect_err("another build's bytes");
        assert!(err.to_string().contains("0.0.0"), "{err}");
    }

    #[test]
    fn refuses_overlapping_mentions() {
        let mut a = Analyzed::text("note.txt", "Kim Jong Un met Xi Jinping in Beijing.", None);
        assert!(
            a.annotations.mentions.len() >= 2,
            "{:?}",
            a.annotations.mentions
        );
        let first = a.annotations.mentions[0];
        a.annotations.mentions.push(first);
        let err = Analyzed::from_bytes(&a.to_bytes()).expect_err("overlap");
        assert!(err.to_string().contains("mentions out of order"), "{err}");
    }

    #[test]
    fn refuses_a_span_inside_a_character() {
        let mut a = Analyzed::text("note.txt", "Zürich hosted the talks.", None);
        a.annotations.urls.push(Span::new(2, 3)); // inside "ü"
        assert!(Analyzed::from_bytes(&a.to_bytes()).is_err());
    }

    #[test]
    fn refuses_tokens_that_do_not_fit_the_text() {
        let mut a = Analyzed::text("note.txt", "Kim Jong Un spoke.", None);
        a.annotations.tokens = crate::text::PackedTokens::pack(&crate::text::tokenize(
            "Kim Jong Un spoke in Pyongyang.",
        ));
        let err = Analyzed::from_bytes(&a.to_bytes()).expect_err("tokens past the end");
        assert!(err.to_string().contains("outside the text"), "{err}");
        // the packed bytes themselves: cut the message short inside them
        let good = Analyzed::text("note.txt", "Kim Jong Un spoke.", None).to_bytes();
        for cut in 1..good.len() {
            assert!(Analyzed::from_bytes(&good[..cut]).is_err(), "cut at {cut}");
        }
    }
}
