//! Everything to the `dossier/1` report: ids, entity links and the one
//! conversion from byte offsets to code point offsets.
//!
//! Only this module knows the wire format; see `docs/schema.md`.

mod offsets;
mod parts;
#[allow(missing_docs)] // field meanings live in docs/schema.md, next to an example
mod wire;

use std::borrow::Cow;
use std::rc::Rc;

use compact_str::CompactString;

use crate::annotate::Annotations;
use crate::corpus::Corpus;
use crate::ingest::Document;
use crate::span::Span;
use offsets::CodePoints;

pub use parts::Parts;

pub use wire::{
    CooccurrenceReport, CopyReport, DateReport, DiscrepancyReport, DocumentReport,
    DuplicatePostReport, EntityReport, MentionReport, MetaReport, PassageReport, QuoteReport,
    Report, SpanReport, StoryReport, ValueReport,
};

/// The schema name every report carries.
pub const SCHEMA: &str = "dossier/1";

fn entity_id(index: usize) -> String {
    format!("e{}", index + 1)
}

/// [`entity_id`] kept inline, as each mention and quote names its entity:
/// a heap string each raised a 17.5 MB text's peak RSS from 111.5 to
/// 117.5 MB.
fn entity_ref(index: usize) -> CompactString {
    compact_str::format_compact!("e{}", index + 1)
}

fn document_id(index: usize) -> String {
    format!("d{}", index + 1)
}

/// One document's wire form, with id `d{id + 1}`; `position` is its index
/// in `corpus`.
pub fn document_report<'a>(
    id: usize,
    doc: &'a Document,
    ann: &'a Annotations,
    corpus: &'a Corpus,
    position: usize,
) -> DocumentReport<'a> {
    let lists = Lists::new(doc, ann, corpus, position);
    let collected = (
        lists.mentions().collect(),
        lists.quotes().collect(),
        lists.dates().collect(),
    );
    document_with(id, doc, ann, corpus, position, &lists.cp, collected)
}

/// [`document_report`] with its mentions, quotes and dates written item by
/// item as they are serialized, never collected: a 17.5 MB text's
/// mentions alone were 27 MB of records at the peak of its report.
fn streamed_document<'a>(
    id: usize,
    doc: &'a Document,
    ann: &'a Annotations,
    corpus: &'a Corpus,
    position: usize,
) -> DocumentReport<'a, Listed<'a>, Listed<'a>, Listed<'a>> {
    let lists = Rc::new(Lists::new(doc, ann, corpus, position));
    let listed = |which| Listed {
        lists: Rc::clone(&lists),
        which,
    };
    let written = (
        listed(List::Mentions),
        listed(List::Quotes),
        listed(List::Dates),
    );
    document_with(id, doc, ann, corpus, position, &lists.cp, written)
}

/// A document's wire form around its three long lists; `cp` is its
/// text's code points (the lists' own).
fn document_with<'a, M, Q, D>(
    id: usize,
    doc: &'a Document,
    ann: &'a Annotations,
    corpus: &Corpus,
    position: usize,
    cp: &CodePoints,
    (mentions, quotes, dates): (M, Q, D),
) -> DocumentReport<'a, M, Q, D> {
    let story = corpus.document_story[position];
    let text = doc.text.as_str();
    let span = |s: Span| SpanReport {
        start: cp.at(s.start()),
        end: cp.at(s.end()),
    };
    let mut urls = doc.meta.urls.clone();
    let mut seen: std::collections::HashSet<&str> =
        doc.meta.urls.iter().map(String::as_str).collect();
    for u in &ann.urls {
        let url = u.slice(text);
        if seen.insert(url) {
            urls.push(url.to_string());
        }
    }
    DocumentReport {
        id: document_id(id),
        name: Cow::Borrowed(&doc.name),
        format: Cow::Borrowed(doc.format.as_str()),
        encoding: Cow::Borrowed(&doc.encoding),
        text: Cow::Borrowed(text),
        meta: MetaReport {
            title: doc.meta.title.clone(),
            publisher: doc.meta.publisher.clone(),
            authors: doc.meta.authors.clone(),
            published: doc.meta.published.map(|d| d.iso()),
            original_source: doc.meta.original_source.clone(),
            labels: doc.meta.labels.clone(),
            urls,
        },
        content: doc.content.iter().map(|&s| span(s)).collect(),
        posts: doc.posts.iter().map(|&s| span(s)).collect(),
        mentions,
        quotes,
        dates,
        story: format!("s{}", story + 1),
        warnings: doc.warnings.clone(),
        duplicate_posts: corpus.duplicate_posts[position]
            .iter()
            .map(|&(post, of)| DuplicatePostReport { post, of })
            .collect(),
    }
}

/// What a document's mentions, quotes and dates are made from.
struct Lists<'a> {
    text: &'a str,
    ann: &'a Annotations,
    /// Each mention's entity.
    entity_of: &'a [usize],
    cp: CodePoints<'a>,
}

impl<'a> Lists<'a> {
    fn new(doc: &'a Document, ann: &'a Annotations, corpus: &'a Corpus, position: usize) -> Self {
        Lists {
            text: doc.text.as_str(),
            ann,
            entity_of: &corpus.mention_entity[position],
            cp: CodePoints::new(&doc.text),
        }
    }

    fn mentions(&self) -> impl Iterator<Item = MentionReport<'a>> + '_ {
        let text = self.text;
        self.ann
            .mentions
            .iter()
            .zip(self.entity_of)
            .map(move |(m, &e)| MentionReport {
                start: self.cp.at(m.span.start()),
                end: self.cp.at(m.span.end()),
                text: Cow::Borrowed(m.span.slice(text)),
                label: Cow::Borrowed(m.label.as_str()),
                entity: entity_ref(e),
            })
    }

    /// The entity of the mention at `s`, if one is there. Mentions are in
    /// order and never overlap: a bisection finds the one a quote names
    /// (a scan per quote was quadratic in a long document).
    fn mention_entity(&self, s: Span) -> Option<CompactString> {
        let mentions = &self.ann.mentions;
        let i = mentions.partition_point(|m| m.span.start() < s.start());
        mentions
            .get(i)
            .filter(|m| m.span == s)
            .and_then(|_| self.entity_of.get(i))
            .map(|&e| entity_ref(e))
    }

    fn quotes(&self) -> impl Iterator<Item = QuoteReport<'a>> + '_ {
        let text = self.text;
        self.ann.quotes.iter().map(move |q| QuoteReport {
            start: self.cp.at(q.span.start()),
            end: self.cp.at(q.span.end()),
            text: Cow::Borrowed(q.span.slice(text)),
            speaker: q.speaker.and_then(|s| self.mention_entity(s)),
            via: q.via.and_then(|s| self.mention_entity(s)),
        })
    }

    fn dates(&self) -> impl Iterator<Item = DateReport<'a>> + '_ {
        let text = self.text;
        self.ann.dates.iter().map(move |d| DateReport {
            start: self.cp.at(d.span.start()),
            end: self.cp.at(d.span.end()),
            text: Cow::Borrowed(d.span.slice(text)),
            value: d.value.as_deref().map(Cow::Borrowed),
        })
    }
}

/// Which of a document's long lists a [`Listed`] writes.
#[derive(Clone, Copy)]
enum List {
    Mentions,
    Quotes,
    Dates,
}

/// One of a document's long lists, serialized item by item.
struct Listed<'a> {
    lists: Rc<Lists<'a>>,
    which: List,
}

impl serde::Serialize for Listed<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let lists = &self.lists;
        match self.which {
            List::Mentions => serializer.collect_seq(lists.mentions()),
            List::Quotes => serializer.collect_seq(lists.quotes()),
            List::Dates => serializer.collect_seq(lists.dates()),
        }
    }
}

/// The whole batch's report.
pub fn report(documents: &[Document], annotations: &[Annotations], corpus: &Corpus) -> Report {
    Report {
        schema: SCHEMA.to_string(),
        documents: documents_of(documents, annotations, corpus, document_report)
            .map(DocumentReport::into_owned)
            .collect(),
        entities: entities(corpus).collect(),
        stories: stories(corpus).collect(),
        copies: copies(documents, corpus).collect(),
        discrepancies: discrepancies(documents, corpus).collect(),
        cooccurrences: cooccurrences(corpus).collect(),
    }
}

/// The whole batch's report as [`report`] would build it, serialized one
/// document at a time: the same JSON, without every document's wire form
/// (a copy of its text and of each mention's) held at once.
pub struct Streamed<'a> {
    documents: &'a [Document],
    annotations: &'a [Annotations],
    corpus: &'a Corpus,
}

impl<'a> Streamed<'a> {
    /// The report of `documents`, their `annotations` and their `corpus`.
    pub fn new(
        documents: &'a [Document],
        annotations: &'a [Annotations],
        corpus: &'a Corpus,
    ) -> Self {
        Streamed {
            documents,
            annotations,
            corpus,
        }
    }
}

/// A sequence serialized from an iterator made on demand.
struct Seq<F>(F);

impl<F, I> serde::Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: serde::Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

impl serde::Serialize for Streamed<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (documents, annotations, corpus) = (self.documents, self.annotations, self.corpus);
        // the fields of `Report`, in its order
        let mut s = serializer.serialize_struct("Report", 7)?;
        s.serialize_field("schema", SCHEMA)?;
        s.serialize_field(
            "documents",
            &Seq(|| documents_of(documents, annotations, corpus, streamed_document)),
        )?;
        s.serialize_field("entities", &Seq(|| entities(corpus)))?;
        s.serialize_field("stories", &Seq(|| stories(corpus)))?;
        s.serialize_field("copies", &Seq(|| copies(documents, corpus)))?;
        s.serialize_field("discrepancies", &Seq(|| discrepancies(documents, corpus)))?;
        s.serialize_field("cooccurrences", &Seq(|| cooccurrences(corpus)))?;
        s.end()
    }
}

impl Streamed<'_> {
    /// The same report as parts (see [`Parts`]) of about `size` bytes each.
    pub fn write_parts(
        &self,
        size: usize,
        emit: impl FnMut(&[u8], bool),
    ) -> serde_json::Result<()> {
        let (documents, annotations, corpus) = (self.documents, self.annotations, self.corpus);
        let mut parts = Parts::new(size, emit)?;
        // the fields of `Report`, in its order (parts::FIELDS)
        parts.field(
            "documents",
            documents_of(documents, annotations, corpus, streamed_document),
        )?;
        parts.field("entities", entities(corpus))?;
        parts.field("stories", stories(corpus))?;
        parts.field("copies", copies(documents, corpus))?;
        parts.field("discrepancies", discrepancies(documents, corpus))?;
        parts.field("cooccurrences", cooccurrences(corpus))
    }
}

/// Each document's report, as `make` builds it ([`document_report`], or
/// [`streamed_document`] for the streamed report).
fn documents_of<'a, R: 'a>(
    documents: &'a [Document],
    annotations: &'a [Annotations],
    corpus: &'a Corpus,
    make: fn(usize, &'a Document, &'a Annotations, &'a Corpus, usize) -> R,
) -> impl Iterator<Item = R> + 'a {
    documents
        .iter()
        .zip(annotations)
        .enumerate()
        .map(move |(i, (doc, ann))| make(i, doc, ann, corpus, i))
}

fn entities(corpus: &Corpus) -> impl Iterator<Item = EntityReport> + '_ {
    corpus
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| EntityReport {
            id: entity_id(i),
            name: e.name.clone(),
            label: e.label.as_str().to_string(),
            aliases: e.aliases.clone(),
            documents: e.documents,
            mentions: e.mentions,
        })
}

fn stories(corpus: &Corpus) -> impl Iterator<Item = StoryReport> + '_ {
    corpus.stories.iter().enumerate().map(|(i, s)| StoryReport {
        id: format!("s{}", i + 1),
        title: s.title.clone(),
        documents: s.documents.iter().map(|&d| document_id(d)).collect(),
        when: s.when.map(|d| d.iso()),
    })
}

fn cooccurrences(corpus: &Corpus) -> impl Iterator<Item = CooccurrenceReport> + '_ {
    corpus.cooccurrences.iter().map(|c| CooccurrenceReport {
        a: entity_id(c.a),
        b: entity_id(c.b),
        weight: c.weight,
        documents: c.documents.iter().map(|&d| document_id(d)).collect(),
    })
}

/// Code point converters, made only for the documents asked for.
struct Converters<'d> {
    documents: &'d [Document],
    made: std::collections::HashMap<usize, CodePoints<'d>>,
}

impl<'d> Converters<'d> {
    fn new(documents: &'d [Document]) -> Self {
        Converters {
            documents,
            made: Default::default(),
        }
    }

    fn span(&mut self, document: usize, s: Span) -> SpanReport {
        let documents = self.documents;
        let cp = self
            .made
            .entry(document)
            .or_insert_with(|| CodePoints::new(&documents[document].text));
        SpanReport {
            start: cp.at(s.start()),
            end: cp.at(s.end()),
        }
    }
}

fn copies<'a>(
    documents: &'a [Document],
    corpus: &'a Corpus,
) -> impl Iterator<Item = CopyReport> + 'a {
    let mut cp = Converters::new(documents);
    corpus.copies.iter().map(move |c| CopyReport {
        source: document_id(c.source),
        copy: document_id(c.copy),
        kind: c.kind.as_str().to_string(),
        similarity: (c.similarity * 1000.0).round() / 1000.0,
        origin: c.origin.as_str().to_string(),
        passages: c
            .passages
            .iter()
            .map(|&(a, b)| PassageReport {
                source: cp.span(c.source, a),
                copy: cp.span(c.copy, b),
                text: a.slice(&documents[c.source].text).to_string(),
            })
            .collect(),
    })
}

fn discrepancies<'a>(
    documents: &'a [Document],
    corpus: &'a Corpus,
) -> impl Iterator<Item = DiscrepancyReport> + 'a {
    let mut cp = Converters::new(documents);
    corpus.discrepancies.iter().map(move |d| DiscrepancyReport {
        kind: d.kind.to_string(),
        subject: d.subject.map(entity_id),
        values: d
            .values
            .iter()
            .map(|(doc, span, value)| {
                let at = cp.span(*doc, *span);
                ValueReport {
                    document: document_id(*doc),
                    start: at.start,
                    end: at.end,
                    text: span.slice(&documents[*doc].text).to_string(),
                    value: value.to_string(),
                }
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_document_borrows_its_texts_and_an_owned_one_copies_them() {
        let mut batch = crate::Analyzer::new();
        batch.add_file(
            "wire.txt",
            "Kim Jong Un visited Pyongyang on Monday, KCNA said.".as_bytes(),
        );
        let corpus = crate::corpus::build(&batch.documents, &batch.annotations);
        let streamed = documents_of(
            &batch.documents,
            &batch.annotations,
            &corpus,
            document_report,
        )
        .next()
        .expect("one document");
        let borrowed = |c: &Cow<'_, str>| matches!(c, Cow::Borrowed(_));
        assert!(borrowed(&streamed.text) && borrowed(&streamed.name));
        assert!(!streamed.mentions.is_empty() && !streamed.dates.is_empty());
        assert!(streamed.mentions.iter().all(|m| borrowed(&m.text)));
        assert!(streamed.dates.iter().all(|d| borrowed(&d.text)));
        let owned = streamed.clone().into_owned();
        assert!(!borrowed(&owned.text) && owned.mentions.iter().all(|m| !borrowed(&m.text)));
        assert_eq!(owned, streamed);
    }

    /// The report's writer lists a document's mentions, quotes and dates
    /// as it goes; it writes the same JSON as the document collected.
    #[test]
    fn a_document_written_item_by_item_is_the_document_collected() {
        let mut batch = crate::Analyzer::new();
        for (name, bytes) in crate::SAMPLE {
            batch.add_file(name, bytes);
        }
        batch.add_text(
            "quote.txt",
            "\"We will rebuild by 12 May,\" Élodie Marchand told Reuters on Friday.",
            None,
        );
        let corpus = crate::corpus::build(&batch.documents, &batch.annotations);
        let (docs, anns) = (&batch.documents, &batch.annotations);
        let written: Vec<String> = documents_of(docs, anns, &corpus, streamed_document)
            .map(|d| serde_json::to_string(&d).expect("serializes"))
            .collect();
        let collected: Vec<String> = documents_of(docs, anns, &corpus, document_report)
            .map(|d| serde_json::to_string(&d).expect("serializes"))
            .collect();
        assert_eq!(written.len(), crate::SAMPLE.len() + 1);
        assert_eq!(written, collected);
        let last: DocumentReport =
            serde_json::from_str(&written[written.len() - 1]).expect("reads");
        assert!(!last.quotes.is_empty() && !last.dates.is_empty() && !last.mentions.is_empty());
    }
}
