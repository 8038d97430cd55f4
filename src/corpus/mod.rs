//! All documents together: one entity for every real-world thing named,
//! stories grouping the documents that report the same event, copies
//! between documents, facts they disagree on, and who is named with whom.
//!
//! [`build`] reads every document's annotations and returns a [`Corpus`];
//! it never changes a document.

mod cooccur;
mod copies;
mod entities;
mod facts;
mod stories;
mod terms;

use crate::annotate::Annotations;
use crate::ingest::Document;

pub use cooccur::Cooccurrence;
pub use copies::{Copy, CopyKind, Origin};
pub use entities::Entity;
pub use facts::Discrepancy;
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
    /// Documents that repeat each other.
    pub copies: Vec<Copy>,
    /// For each document, its posts that repeat an earlier post: (post, earlier).
    pub duplicate_posts: Vec<Vec<(usize, usize)>>,
    /// Facts the documents of a story state differently.
    pub discrepancies: Vec<Discrepancy>,
    /// Entities named in the same sentence.
    pub cooccurrences: Vec<Cooccurrence>,
}

/// Builds the corpus view of `documents` and their `annotations` (same order).
pub fn build(documents: &[Document], annotations: &[Annotations]) -> Corpus {
    // The copy step first: its index is the largest thing any step holds
    // for a while, and it is best held (and freed) before the others have
    // left the heap fragmented. The steps read only documents,
    // annotations and earlier steps' results, so the order changes nothing else.
    let copies = copies::find(documents, annotations);
    let (entities, mention_entity) = entities::resolve(documents, annotations);
    let (stories, document_story) = stories::group(documents, annotations, &mention_entity);
    let duplicate_posts = documents.iter().map(copies::duplicate_posts).collect();
    let discrepancies = facts::find(documents, annotations, &mention_entity, &document_story);
    let cooccurrences = cooccur::find(annotations, &mention_entity);
    Corpus {
        entities,
        mention_entity,
        stories,
        document_story,
        copies,
        duplicate_posts,
        discrepancies,
        cooccurrences,
    }
}
