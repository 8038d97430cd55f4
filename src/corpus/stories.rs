//! Stories: documents that report the same event, grouped by the
//! entities they share. A first pass; text and date similarity come later.

use std::collections::{HashMap, HashSet};

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
/// overlaps most, or starts a new one. An index from entity to stories
/// keeps this linear in the number of mentions rather than quadratic in
/// documents.
pub(super) fn group(
    documents: &[Document],
    mention_entity: &[Vec<usize>],
) -> (Vec<Story>, Vec<usize>) {
    let mut story_of: Vec<usize> = Vec::with_capacity(documents.len());
    let mut stories: Vec<Story> = Vec::new();
    let mut members: Vec<HashSet<usize>> = Vec::new();
    let mut stories_with: HashMap<usize, Vec<usize>> = HashMap::new();
    for (d, ids) in mention_entity.iter().enumerate() {
        let set: HashSet<usize> = ids.iter().copied().collect();
        // shared entities per candidate story
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for e in &set {
            for &s in stories_with.get(e).map_or(&[][..], Vec::as_slice) {
                *shared.entry(s).or_default() += 1;
            }
        }
        let best = shared
            .into_iter()
            .map(|(s, n)| {
                let smaller = set.len().min(members[s].len()).max(1) as f64;
                (s, n as f64 / smaller)
            })
            .filter(|&(_, overlap)| overlap >= MIN_OVERLAP)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
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
        for &e in &set {
            if members[s].insert(e) {
                stories_with.entry(e).or_default().push(s);
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::ingest_str;

    #[test]
    fn documents_sharing_entities_share_a_story() {
        let docs: Vec<Document> = ["a", "b", "c", "d"]
            .iter()
            .map(|n| ingest_str(n, "Some text here.", None))
            .collect();
        // entity ids per document: a and c share most, b stands alone, d has none
        let ids = vec![vec![1, 2, 3], vec![7, 8], vec![2, 3, 4], vec![]];
        let (stories, of) = group(&docs, &ids);
        assert_eq!(of, [0, 1, 0, 2]);
        assert_eq!(
            stories
                .iter()
                .map(|s| s.documents.clone())
                .collect::<Vec<_>>(),
            [vec![0, 2], vec![1], vec![3]]
        );
    }
}
