//! Who appears with whom: pairs of entities named in the same sentence,
//! weighted by how many sentences name both.

use std::collections::{BTreeSet, HashMap};

use crate::annotate::Annotations;

/// Entities named together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cooccurrence {
    /// One entity.
    pub a: usize,
    /// The other, `a < b`.
    pub b: usize,
    /// Sentences naming both.
    pub weight: usize,
    /// Documents with such a sentence, in order.
    pub documents: Vec<usize>,
}

/// A sentence naming more entities than this is a list (a caption, a
/// table of results); only its first names are paired, so the work per
/// sentence stays bounded.
const MAX_PER_SENTENCE: usize = 24;

/// Sentence-level co-occurrence over the batch, heaviest pairs first.
pub(super) fn find(
    annotations: &[Annotations],
    mention_entity: &[Vec<usize>],
) -> Vec<Cooccurrence> {
    let mut pairs: HashMap<(usize, usize), (usize, Vec<usize>)> = HashMap::new();
    for (d, (ann, ents)) in annotations.iter().zip(mention_entity).enumerate() {
        let mut m = 0;
        for sentence in &ann.sentences {
            let mut named: BTreeSet<usize> = BTreeSet::new();
            while m < ann.mentions.len() && ann.mentions[m].span.start() < sentence.end() {
                if ann.mentions[m].span.start() >= sentence.start() {
                    named.insert(ents[m]);
                }
                m += 1;
            }
            let named: Vec<usize> = named.into_iter().take(MAX_PER_SENTENCE).collect();
            for (i, &a) in named.iter().enumerate() {
                for &b in &named[i + 1..] {
                    let entry = pairs.entry((a, b)).or_default();
                    entry.0 += 1;
                    if entry.1.last() != Some(&d) {
                        entry.1.push(d);
                    }
                }
            }
        }
    }
    let mut out: Vec<Cooccurrence> = pairs
        .into_iter()
        .map(|((a, b), (weight, documents))| Cooccurrence {
            a,
            b,
            weight,
            documents,
        })
        .collect();
    out.sort_by(|x, y| y.weight.cmp(&x.weight).then((x.a, x.b).cmp(&(y.a, y.b))));
    out
}
