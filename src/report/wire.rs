//! The `dossier/1` wire types: serialize-only mirrors of the report, with
//! code point offsets. See `docs/schema.md`.
//!
//! A document's texts are `Cow`s: the streamed report borrows them from
//! the document (no copy of its text and of every name while it is
//! written); [`DocumentReport::into_owned`] makes a report that outlives it.

use std::borrow::Cow;

use compact_str::CompactString;

use serde::{Deserialize, Serialize};

/// The whole report for a batch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Always `dossier/1`.
    pub schema: String,
    /// Every input, in order.
    pub documents: Vec<DocumentReport<'static>>,
    /// Every entity of the batch.
    pub entities: Vec<EntityReport>,
    /// Documents grouped by event.
    pub stories: Vec<StoryReport>,
    /// Documents that repeat each other, in whole or in passages.
    #[serde(default)]
    pub copies: Vec<CopyReport>,
    /// Facts stated with different values in one story.
    #[serde(default)]
    pub discrepancies: Vec<DiscrepancyReport>,
    /// Entities named in the same sentence.
    #[serde(default)]
    pub cooccurrences: Vec<CooccurrenceReport>,
}

/// One document and its annotations. Offsets are code points into `text`.
///
/// The three long lists are type parameters so that the streamed report
/// can write them item by item instead of collecting them (`Vec`s by
/// default, as read and as returned).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentReport<
    'a,
    M = Vec<MentionReport<'a>>,
    Q = Vec<QuoteReport<'a>>,
    D = Vec<DateReport<'a>>,
> {
    pub id: String,
    pub name: Cow<'a, str>,
    pub format: Cow<'a, str>,
    pub encoding: Cow<'a, str>,
    pub text: Cow<'a, str>,
    pub meta: MetaReport,
    pub content: Vec<SpanReport>,
    pub posts: Vec<SpanReport>,
    pub mentions: M,
    pub quotes: Q,
    pub dates: D,
    pub story: String,
    pub warnings: Vec<String>,
    #[serde(default)]
    pub duplicate_posts: Vec<DuplicatePostReport>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicatePostReport {
    pub post: usize,
    pub of: usize,
}

/// What the document says about itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetaReport {
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub original_source: Option<String>,
    pub labels: Vec<String>,
    pub urls: Vec<String>,
}

/// A half-open range of code points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanReport {
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentionReport<'a> {
    pub start: usize,
    pub end: usize,
    pub text: Cow<'a, str>,
    pub label: Cow<'a, str>,
    pub entity: CompactString,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteReport<'a> {
    pub start: usize,
    pub end: usize,
    pub text: Cow<'a, str>,
    pub speaker: Option<CompactString>,
    pub via: Option<CompactString>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateReport<'a> {
    pub start: usize,
    pub end: usize,
    pub text: Cow<'a, str>,
    pub value: Option<Cow<'a, str>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityReport {
    pub id: String,
    pub name: String,
    pub label: String,
    pub aliases: Vec<String>,
    pub documents: usize,
    pub mentions: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryReport {
    pub id: String,
    pub title: String,
    pub documents: Vec<String>,
    #[serde(default)]
    pub when: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CopyReport {
    pub source: String,
    pub copy: String,
    pub kind: String,
    pub similarity: f64,
    pub origin: String,
    pub passages: Vec<PassageReport>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PassageReport {
    pub source: SpanReport,
    pub copy: SpanReport,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiscrepancyReport {
    pub kind: String,
    pub subject: Option<String>,
    pub values: Vec<ValueReport>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValueReport {
    pub document: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CooccurrenceReport {
    pub a: String,
    pub b: String,
    pub weight: usize,
    pub documents: Vec<String>,
}

impl DocumentReport<'_> {
    /// The same report, owning all its texts.
    pub fn into_owned(self) -> DocumentReport<'static> {
        let own = |s: Cow<'_, str>| Cow::Owned(s.into_owned());
        DocumentReport {
            id: self.id,
            name: own(self.name),
            format: own(self.format),
            encoding: own(self.encoding),
            text: own(self.text),
            meta: self.meta,
            content: self.content,
            posts: self.posts,
            mentions: self
                .mentions
                .into_iter()
                .map(|m| MentionReport {
                    start: m.start,
                    end: m.end,
                    text: own(m.text),
                    label: own(m.label),
                    entity: m.entity,
                })
                .collect(),
            quotes: self
                .quotes
                .into_iter()
                .map(|q| QuoteReport {
                    start: q.start,
                    end: q.end,
                    text: own(q.text),
                    speaker: q.speaker,
                    via: q.via,
                })
                .collect(),
            dates: self
                .dates
                .into_iter()
                .map(|d| DateReport {
                    start: d.start,
                    end: d.end,
                    text: own(d.text),
                    value: d.value.map(own),
                })
                .collect(),
            story: self.story,
            warnings: self.warnings,
            duplicate_posts: self.duplicate_posts,
        }
    }
}
