//! Everything to the `dossier/1` report: ids, entity links and the one
//! conversion from byte offsets to code point offsets.
//!
//! Only this module knows the wire format; see `docs/schema.md`.

mod offsets;
#[allow(missing_docs)] // field meanings live in docs/schema.md, next to an example
mod wire;

use crate::annotate::Annotations;
use crate::corpus::Corpus;
use crate::ingest::Document;
use crate::span::Span;
use offsets::CodePoints;

pub use wire::{
    DateReport, DocumentReport, EntityReport, MentionReport, MetaReport, QuoteReport, Report,
    SpanReport, StoryReport,
};

/// The schema name every report carries.
pub const SCHEMA: &str = "dossier/1";

fn entity_id(index: usize) -> String {
    format!("e{}", index + 1)
}

/// One document's wire form. `entity_of` maps its mention index to a
/// corpus entity index; `story` is its story index.
pub fn document_report(
    index: usize,
    doc: &Document,
    ann: &Annotations,
    entity_of: &[usize],
    story: usize,
) -> DocumentReport {
    let text = doc.text.as_str();
    let cp = CodePoints::new(text);
    let span = |s: Span| SpanReport {
        start: cp.at(s.start),
        end: cp.at(s.end),
    };
    let mention_entity = |s: Span| {
        ann.mentions
            .iter()
            .position(|m| m.span == s)
            .and_then(|i| entity_of.get(i))
            .map(|&e| entity_id(e))
    };
    let mut urls = doc.meta.urls.clone();
    for u in &ann.urls {
        let url = u.slice(text);
        if !urls.iter().any(|x| x == url) {
            urls.push(url.to_string());
        }
    }
    DocumentReport {
        id: format!("d{}", index + 1),
        name: doc.name.clone(),
        format: doc.format.as_str().to_string(),
        encoding: doc.encoding.clone(),
        text: doc.text.clone(),
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
        mentions: ann
            .mentions
            .iter()
            .zip(entity_of)
            .map(|(m, &e)| MentionReport {
                start: cp.at(m.span.start),
                end: cp.at(m.span.end),
                text: m.span.slice(text).to_string(),
                label: m.label.as_str().to_string(),
                entity: entity_id(e),
            })
            .collect(),
        quotes: ann
            .quotes
            .iter()
            .map(|q| QuoteReport {
                start: cp.at(q.span.start),
                end: cp.at(q.span.end),
                text: q.span.slice(text).to_string(),
                speaker: q.speaker.and_then(mention_entity),
                via: q.via.and_then(mention_entity),
            })
            .collect(),
        dates: ann
            .dates
            .iter()
            .map(|d| DateReport {
                start: cp.at(d.span.start),
                end: cp.at(d.span.end),
                text: d.span.slice(text).to_string(),
                value: d.value.clone(),
            })
            .collect(),
        story: format!("s{}", story + 1),
        warnings: doc.warnings.clone(),
    }
}

/// The whole batch's report.
pub fn report(documents: &[Document], annotations: &[Annotations], corpus: &Corpus) -> Report {
    Report {
        schema: SCHEMA.to_string(),
        documents: documents
            .iter()
            .zip(annotations)
            .enumerate()
            .map(|(i, (doc, ann))| {
                document_report(
                    i,
                    doc,
                    ann,
                    &corpus.mention_entity[i],
                    corpus.document_story[i],
                )
            })
            .collect(),
        entities: corpus
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
            .collect(),
        stories: corpus
            .stories
            .iter()
            .enumerate()
            .map(|(i, s)| StoryReport {
                id: format!("s{}", i + 1),
                title: s.title.clone(),
                documents: s.documents.iter().map(|d| format!("d{}", d + 1)).collect(),
            })
            .collect(),
    }
}
