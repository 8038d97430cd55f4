//! All documents together: one entity for every real-world thing named,
//! and stories grouping the documents that report the same event.
//!
//! [`build`] reads every document's annotations and returns a [`Corpus`];
//! it never changes a document.

mod entities;
mod stories;

use crate::annotate::Annotations;
use crate::ingest::Document;

pub use entities::Entity;
pub use stories::Story;

/// The batch seen as a whole.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Corpus {
    /// Entities in order of first mention.
    pub entities: Vec<Entity>,
    /// For each document, for each of its mentions, the index of its entity.
    pub mention_entity: Vec<Vec<usize>>,
    /// Stories, in order of their first document.
    pub stories: Vec<Story>,
    /// For each document, the index of its story.
    pub document_story: Vec<usize>,
}

/// Builds the corpus view of `documents` and their `annotations` (same order).
pub fn build(documents: &[Document], annotations: &[Annotations]) -> Corpus {
    let (entities, mention_entity) = entities::resolve(documents, annotations);
    let (stories, document_story) = stories::group(documents, &mention_entity);
    Corpus {
        entities,
        mention_entity,
        stories,
        document_story,
    }
}
