//! Per-document annotations: name mentions, quotes, dates and links, as
//! byte spans into the document's text.
//!
//! [`annotate`] runs every annotator over one [`Document`]; nothing here
//! looks at other documents (that is `corpus`).

mod dates;
mod entities;
mod gazetteer;
pub mod ner;
mod quotes;

use crate::ingest::Document;
use crate::span::Span;
use crate::text::{split_sentences, PackedTokens};

pub use dates::DateMention;
pub use entities::{Mention, Tagger};
pub use gazetteer::Gazetteer;
pub use quotes::Quote;

/// The CoNLL-2003 entity types.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Label {
    /// People.
    Per,
    /// Organizations.
    Org,
    /// Places: countries, cities, regions, geographic features.
    Loc,
    /// Nationalities, events, works, products.
    Misc,
}

impl Label {
    /// The CoNLL name: `PER`, `ORG`, `LOC`, `MISC`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
        }
    }

    /// Reads a CoNLL type name.
    pub fn parse(name: &str) -> Option<Label> {
        match name {
            "PER" => Some(Label::Per),
            "ORG" => Some(Label::Org),
            "LOC" => Some(Label::Loc),
            "MISC" => Some(Label::Misc),
            _ => None,
        }
    }
}

/// Everything found in one document. All spans are bytes into its text.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Annotations {
    /// Tokens, in order, packed.
    pub tokens: PackedTokens,
    /// Sentences, in order, never overlapping.
    pub sentences: Vec<Span>,
    /// Name mentions, in order, never overlapping.
    pub mentions: Vec<Mention>,
    /// Direct quotations with their speakers.
    pub quotes: Vec<Quote>,
    /// Date expressions with resolved values.
    pub dates: Vec<DateMention>,
    /// Web addresses.
    pub urls: Vec<Span>,
}

/// Runs every annotator over one document with the given entity tagger.
pub fn annotate(doc: &Document, tagger: &dyn Tagger) -> Annotations {
    let text = doc.text.as_str();
    // packed at once: the tagger reads them a sentence at a time, the
    // date rules a block at a time around each token
    let tokens = PackedTokens::tokenize(text);
    // a batch keeps every document's annotations: no growth slack, let go
    // as each list is made, before the next annotator's peak
    let mut sentences = split_sentences(text);
    sentences.shrink_to_fit();
    let mut mentions = tagger.tag(text, &tokens, &sentences);
    mentions.shrink_to_fit();
    let mut quotes = quotes::find_quotes(text, &sentences, &mentions);
    quotes.shrink_to_fit();
    let mut dates = dates::find_dates_in(text, &tokens, doc.meta.published);
    dates.shrink_to_fit();
    let mut urls = crate::links::find_urls(text);
    urls.shrink_to_fit();
    Annotations {
        tokens,
        sentences,
        mentions,
        quotes,
        dates,
        urls,
    }
}

/// Decodes the embedded model and gazetteer (each is built once, lazily).
pub fn prepare() {
    ner::NerModel::embedded();
    Gazetteer::embedded();
}

/// Lets go of the entity model until the next document is annotated (see
/// [`ner::NerModel::release_embedded`]).
pub fn release() {
    ner::NerModel::release_embedded();
}

/// The entity tagger the pipeline uses by default.
pub fn entities_tagger() -> Box<dyn Tagger + Send + Sync> {
    Box::new(entities::ModelTagger)
}
