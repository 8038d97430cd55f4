//! Stories: documents that report the same event, grouped by the
//! entities they share. A first pass; text and date similarity come later.

use std::collections::HashSet;

use crate::ingest::Document;

/// A group of documents about one event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Story {
    /// A title for the group: the headline of its first document that has one.
    pub title: String,
    /// Indexes of its documents, in batch order.
    pub documents: Vec<usize>,
}

/// Share of entities two documents must have in common to join a story.
const MIN_OVERLAP: f64 = 0.25;

/// Greedy single pass: each document joins the story whose entities it
/// overlaps most, or starts a new one.
pub(super) fn group(
    documents: &[Document],
    mention_entity: &[Vec<usize>],
) -> (Vec<Story>, Vec<usize>) {
    let sets: Vec<HashSet<usize>> = mention_entity
        .iter()
        .map(|ids| ids.iter().copied().collect())
        .collect();
    let mut story_of: Vec<usize> = Vec::with_capacity(documents.len());
    let mut stories: Vec<Story> = Vec::new();
    let mut members: Vec<HashSet<usize>> = Vec::new();
    for (d, set) in sets.iter().enumerate() {
        let best = members
            .iter()
            .enumerate()
            .map(|(s, seen)| {
                let shared = set.intersection(seen).count() as f64;
                let smaller = set.len().min(seen.len()).max(1) as f64;
                (s, shared / smaller)
            })
            .filter(|&(_, overlap)| overlap >= MIN_OVERLAP && !set.is_empty())
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let s = match best {
            Some((s, _)) => s,
            None => {
                stories.push(Story {
                    title: String::new(),
                    documents: Vec::new(),
                });
                members.push(HashSet::new());
                stories.len() - 1
            }
        };
        stories[s].documents.push(d);
        members[s].extend(set.iter().copied());
        story_of.push(s);
    }
    for story in &mut stories {
        story.title = story
            .documents
            .iter()
            .find_map(|&d| documents[d].meta.title.clone())
            .or_else(|| story.documents.first().map(|&d| documents[d].name.clone()))
            .unwrap_or_default();
    }
    (stories, story_of)
}
