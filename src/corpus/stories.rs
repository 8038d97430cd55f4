//! Stories: documents that report the same news event.
//!
//! Two passes. Entities first: documents that share few names are about
//! different things, found in one linear pass with an entity-to-topic
//! index. Then events within a topic: documents can share every name and
//! still report different events (a September letter and an October
//! exchange between the same two leaders), so each topic is split by what
//! its leads say (headline and opening words: the terms, numbers such as
//! "76th" and the names they share with some but not all of the topic)
//! and by the event date, with average-link clustering.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::hash::BuildHasherDefault;

use super::terms::term;
use crate::annotate::ner::KeyHasher;
use crate::annotate::Annotations;
use crate::calendar::{parse_iso_prefix, Date};
use crate::ingest::Document;
use crate::text::{tokenize, TokenKind};

/// A group of documents about one event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Story {
    /// A title for the group: the headline of its most central document.
    pub title: String,
    /// Indexes of its documents, in batch order.
    pub documents: Vec<usize>,
    /// The day of the event, when its documents date it.
    pub when: Option<Date>,
}

/// Share of entities two documents must have in common to share a topic.
const MIN_OVERLAP: f64 = 0.25;
/// Content words of the lead read after the headline.
const LEAD_WORDS: usize = 60;
/// Average lead similarity two groups need to be one story.
const SAME_EVENT: f64 = 0.3;
/// Topics larger than this are clustered on their first documents; the
/// rest join the nearest cluster, so the cost stays linear.
const EXACT_LIMIT: usize = 300;
/// Clusters a later document of a large topic is compared with.
const CANDIDATES: usize = 5;
/// Members of a cluster it is compared with.
const JUDGES: usize = 20;
/// A term in more clusters than this names no candidate.
const MAX_POSTINGS: usize = 64;
/// Event dates further apart than this many days are different events.
const FAR_DAYS: i64 = 7;

/// Groups `documents` into stories; returns them in order of their first
/// document, and each document's story index.
pub(super) fn group(
    documents: &[Document],
    annotations: &[Annotations],
    mention_entity: &[Vec<usize>],
) -> (Vec<Story>, Vec<usize>) {
    // terms are interned once, so the clustering and the titles compare
    // numbers, not strings; by a 64-bit hash of the term, not the term
    // itself, since most terms (the word pairs) are distinct and keeping
    // each one's text was most of this step's memory; the map takes that
    // hash with one mixing step (`KeyHasher`), not SipHash again
    let mut ids: HashMap<u64, u32, BuildHasherDefault<KeyHasher>> = HashMap::default();
    let leads: Vec<Lead> = documents
        .iter()
        .zip(annotations)
        .zip(mention_entity)
        .map(|((doc, ann), ents)| {
            let (keys, day) = Lead::of(doc, ann, ents);
            let terms = keys
                .into_iter()
                .map(|k| {
                    let next = ids.len() as u32;
                    *ids.entry(k).or_insert(next)
                })
                .collect();
            Lead { terms, day }
        })
        .collect();
    let mut scratch = vec![NONE; ids.len()];
    drop(ids);
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for topic in topics(mention_entity) {
        groups.extend(split_events(&topic, &leads, &mut scratch));
    }
    groups.sort_by_key(|g| g[0]);
    let mut story_of = vec![0; documents.len()];
    let stories = groups
        .into_iter()
        .enumerate()
        .map(|(s, members)| {
            for &d in &members {
                story_of[d] = s;
            }
            Story {
                title: title(&members, documents, &leads, &mut scratch),
                when: when(&members, &leads),
                documents: members,
            }
        })
        .collect();
    (stories, story_of)
}

/// A term's interning key: SipHash with fixed keys, the same in every
/// run, of the term's text written out in `parts` (a word pair is its two
/// words with a space between), so no term's text is ever built.
fn term_key(parts: &[&[u8]]) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    // what `str::hash` writes for the whole text: its bytes, then 0xff
    for part in parts {
        h.write(part);
    }
    h.write_u8(0xff);
    h.finish()
}

/// What a document's opening says: weighted terms and the event's day.
#[derive(Default)]
struct Lead {
    /// Interned terms, in the order the lead gives them.
    terms: Vec<u32>,
    /// Day number of the event, when known.
    day: Option<i64>,
}

/// An unset entry of the per-term scratch array.
const NONE: u32 = u32::MAX;

impl Lead {
    /// The keys of the lead's terms ([`term_key`]) and its event day.
    fn of(doc: &Document, ann: &Annotations, entity_of: &[usize]) -> (Vec<u64>, Option<i64>) {
        let text = doc.text.as_str();
        let mut words: Vec<String> = Vec::new();
        if let Some(title) = &doc.meta.title {
            for t in tokenize(title) {
                if t.kind() != TokenKind::Punct {
                    words.extend(term(t.span().slice(title)));
                }
            }
        }
        let body = doc.content.first().copied().unwrap_or_default();
        let mut end = body.start();
        let mut taken = 0;
        for t in ann
            .tokens
            .iter()
            .filter(|t| t.span().start() >= body.start())
        {
            if t.span().end() > body.end() || taken == LEAD_WORDS {
                break;
            }
            end = t.span().end();
            if t.kind() != TokenKind::Punct {
                if let Some(w) = term(t.span().slice(text)) {
                    words.push(w);
                    taken += 1;
                }
            }
        }
        // word pairs, words, then the entities named ("#" and the entity number)
        let mut terms: Vec<u64> = words
            .windows(2)
            .map(|w| term_key(&[w[0].as_bytes(), b" ", w[1].as_bytes()]))
            .collect();
        terms.extend(words.iter().map(|w| term_key(&[w.as_bytes()])));
        let mut number = String::new();
        for (m, &e) in ann.mentions.iter().zip(entity_of) {
            if m.span.start() >= body.start() && m.span.end() <= end {
                number.clear();
                let _ = write!(number, "{e}");
                terms.push(term_key(&[b"#", number.as_bytes()]));
            }
        }
        let published = doc.meta.published.and_then(|d| d.day_number());
        let told = ann
            .dates
            .iter()
            .filter(|d| d.span.start() >= body.start() && d.span.end() <= end)
            .filter_map(|d| d.value.as_deref())
            .filter(|v| v.len() >= 10)
            .filter_map(|v| parse_iso_prefix(v)?.day_number())
            .find(|&day| published.is_none_or(|p| (p - FAR_DAYS..=p).contains(&day)));
        (terms, told.or(published))
    }
}

/// Greedy single pass: each document joins the topic whose entities it
/// overlaps most, or starts a new one.
fn topics(mention_entity: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut topics: Vec<Vec<usize>> = Vec::new();
    let mut members: Vec<HashSet<usize>> = Vec::new();
    let mut topics_with: HashMap<usize, Vec<usize>> = HashMap::new();
    for (d, ids) in mention_entity.iter().enumerate() {
        let set: HashSet<usize> = ids.iter().copied().collect();
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for e in &set {
            for &s in topics_with.get(e).map_or(&[][..], Vec::as_slice) {
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
                topics.push(Vec::new());
                members.push(HashSet::new());
                topics.len() - 1
            }
        };
        topics[s].push(d);
        for &e in &set {
            if members[s].insert(e) {
                topics_with.entry(e).or_default().push(s);
            }
        }
    }
    topics
}

/// Sparse unit vector: (term id, weight), sorted by term id.
type Vector = Vec<(u32, f64)>;

/// The dot product of `v` with the vector spread out in `dense` (its
/// weight at each term id, 0.0 elsewhere). Weights are positive, so the
/// absent terms' products are +0.0, and the matching ones are summed in
/// term order: the sum is exactly a merge of the two sparse vectors.
fn spread_dot(dense: &[f64], v: &Vector) -> f64 {
    v.iter()
        .fold(0.0, |sum, &(t, w)| sum + dense[t as usize] * w)
}

/// TF-IDF vectors of the topic's leads. Terms found in one lead only are
/// left out: they cannot make two documents alike, and would only dilute
/// the terms that can. Term ids are local to the topic, in order of first
/// appearance; `local` maps interned terms to them and is left all `NONE`.
fn vectors(topic: &[usize], leads: &[Lead], local: &mut [u32]) -> Vec<Vector> {
    let mut seen: Vec<u32> = Vec::new();
    let counts: Vec<Vec<(u32, u32)>> = topic
        .iter()
        .map(|&d| {
            let mut ids: Vec<u32> = leads[d]
                .terms
                .iter()
                .map(|&t| {
                    if local[t as usize] == NONE {
                        local[t as usize] = seen.len() as u32;
                        seen.push(t);
                    }
                    local[t as usize]
                })
                .collect();
            ids.sort_unstable();
            // (term, count), sorted by term
            let mut c: Vec<(u32, u32)> = Vec::with_capacity(ids.len());
            for t in ids {
                match c.last_mut() {
                    Some((last, n)) if *last == t => *n += 1,
                    _ => c.push((t, 1)),
                }
            }
            c
        })
        .collect();
    for &t in &seen {
        local[t as usize] = NONE;
    }
    let mut df = vec![0usize; seen.len()];
    for c in &counts {
        for &(t, _) in c {
            df[t as usize] += 1;
        }
    }
    let n = topic.len() as f64;
    counts
        .into_iter()
        .map(|c| {
            let mut v: Vector = c
                .into_iter()
                .filter(|&(t, _)| df[t as usize] > 1)
                .map(|(t, tf)| {
                    (
                        t,
                        (1.0 + f64::from(tf).ln()) * ((n + 1.0) / df[t as usize] as f64).ln(),
                    )
                })
                .collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            v
        })
        .collect()
}

/// A similarity halved when the two events are dated apart.
fn dated(sim: f64, day_a: Option<i64>, day_b: Option<i64>) -> f64 {
    match (day_a, day_b) {
        (Some(x), Some(y)) if (x - y).abs() > FAR_DAYS => sim * 0.5,
        _ => sim,
    }
}

/// Splits one topic into events. Two documents are split only by their
/// dates (a lead vector of shared terms alone cannot tell them apart).
fn split_events(topic: &[usize], leads: &[Lead], scratch: &mut [u32]) -> Vec<Vec<usize>> {
    let days = |d: usize| leads[d].day;
    if topic.len() <= 2 {
        return match topic {
            [a, b] if matches!((days(*a), days(*b)), (Some(x), Some(y)) if (x - y).abs() > FAR_DAYS) =>
            {
                vec![vec![*a], vec![*b]]
            }
            _ => vec![topic.to_vec()],
        };
    }
    let vecs = vectors(topic, leads, scratch);
    let exact = topic.len().min(EXACT_LIMIT);
    // Symmetric (the dot product sums the same products in the same
    // order either way round), so each pair is computed once. Row i is
    // spread into a dense array: a pair costs one pass over the other
    // vector, not a merge (see `spread_dot`).
    let terms = vecs
        .iter()
        .filter_map(|v| v.last())
        .map(|&(t, _)| t as usize + 1)
        .max()
        .unwrap_or(0);
    let mut dense = vec![0.0f64; terms];
    let mut sims: Vec<Vec<f64>> = vec![vec![0.0; exact]; exact];
    for i in 0..exact {
        for &(t, w) in &vecs[i] {
            dense[t as usize] = w;
        }
        for j in i..exact {
            let s = dated(spread_dot(&dense, &vecs[j]), days(topic[i]), days(topic[j]));
            sims[i][j] = s;
            sims[j][i] = s;
        }
        for &(t, _) in &vecs[i] {
            dense[t as usize] = 0.0;
        }
    }
    let mut clusters = average_link(&sims, SAME_EVENT);
    // The rest join the cluster they are most like on average, or start
    // one. An index from term to clusters names the few candidates, and
    // each is judged on its first members, so this stays linear.
    let mut index = TermIndex::new(terms);
    for (c, members) in clusters.iter().enumerate() {
        for &i in members {
            index.note(c, &vecs[i]);
        }
    }
    // per cluster, the summed weights of a document's terms listed for it
    // (a slot per cluster and the list of those touched, not a map: a
    // large topic's document adds thousands)
    let mut hits: Vec<(bool, f64)> = Vec::new();
    let mut touched: Vec<usize> = Vec::new();
    for i in exact..topic.len() {
        hits.resize(clusters.len(), (false, 0.0));
        for &(t, w) in &vecs[i] {
            for c in index.clusters(t) {
                if !hits[c].0 {
                    hits[c].0 = true;
                    touched.push(c);
                }
                hits[c].1 += w;
            }
        }
        let mut candidates: Vec<(usize, f64)> = touched
            .drain(..)
            .map(|c| (c, std::mem::take(&mut hits[c]).1))
            .collect();
        candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(CANDIDATES);
        // the judges' dot products against the document spread out, as above
        for &(t, w) in &vecs[i] {
            dense[t as usize] = w;
        }
        let best = candidates
            .into_iter()
            .map(|(c, _)| {
                let judges = &clusters[c][..clusters[c].len().min(JUDGES)];
                let total: f64 = judges
                    .iter()
                    .map(|&j| dated(spread_dot(&dense, &vecs[j]), days(topic[i]), days(topic[j])))
                    .sum();
                (c, total / judges.len() as f64)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        for &(t, _) in &vecs[i] {
            dense[t as usize] = 0.0;
        }
        let c = match best {
            Some((c, avg)) if avg >= SAME_EVENT => c,
            _ => {
                clusters.push(Vec::new());
                clusters.len() - 1
            }
        };
        clusters[c].push(i);
        index.note(c, &vecs[i]);
    }
    clusters
        .into_iter()
        .map(|members| {
            let mut docs: Vec<usize> = members.into_iter().map(|i| topic[i]).collect();
            docs.sort_unstable();
            docs
        })
        .collect()
}

/// For each term of a topic, the clusters whose members have it: lists
/// threaded through one array of nodes rather than a vector per term, as a
/// topic of thousands of documents has hundreds of thousands of terms.
struct TermIndex {
    /// Per term, its most recent node, or `NONE`.
    heads: Vec<u32>,
    /// Per term, the length of its list (at most `MAX_POSTINGS + 1`).
    lens: Vec<u8>,
    /// (cluster, the term's previous node or `NONE`).
    nodes: Vec<(u32, u32)>,
}

impl TermIndex {
    fn new(terms: usize) -> TermIndex {
        TermIndex {
            heads: vec![NONE; terms],
            lens: vec![0; terms],
            nodes: Vec::new(),
        }
    }

    /// The clusters listed for term `t`: none once the term is in more
    /// than `MAX_POSTINGS` clusters, as then it tells nothing.
    fn clusters(&self, t: u32) -> impl Iterator<Item = usize> + '_ {
        let t = t as usize;
        let mut at = if usize::from(self.lens[t]) <= MAX_POSTINGS {
            self.heads[t]
        } else {
            NONE
        };
        std::iter::from_fn(move || {
            let (c, prev) = *self.nodes.get(at as usize)?;
            at = prev;
            Some(c as usize)
        })
    }

    /// Lists cluster `c` under each term of `v` not yet full.
    fn note(&mut self, c: usize, v: &Vector) {
        for &(t, _) in v {
            let t = t as usize;
            if usize::from(self.lens[t]) > MAX_POSTINGS {
                continue;
            }
            let mut at = self.heads[t];
            let mut listed = false;
            while let Some(&(x, prev)) = self.nodes.get(at as usize) {
                if x as usize == c {
                    listed = true;
                    break;
                }
                at = prev;
            }
            if !listed {
                self.nodes.push((c as u32, self.heads[t]));
                self.heads[t] = (self.nodes.len() - 1) as u32;
                self.lens[t] += 1;
            }
        }
    }
}

/// Merges cluster `j` into cluster `i`: its members, and its summed
/// similarities to every other cluster.
fn join(clusters: &mut [Option<Vec<usize>>], between: &mut [Vec<f64>], i: usize, j: usize) {
    let moved = clusters[j].take().unwrap_or_default();
    if let Some(a) = clusters[i].as_mut() {
        a.extend(moved);
    }
    let row: Vec<f64> = between[i]
        .iter()
        .zip(&between[j])
        .map(|(a, b)| a + b)
        .collect();
    for (k, &joined) in row.iter().enumerate() {
        between[k][i] = joined;
    }
    between[i] = row;
}

/// Agglomerative clustering: repeatedly joins the two clusters with the
/// highest mean pairwise similarity while it reaches `threshold` (the
/// first such pair in row order on a tie).
///
/// Each cluster keeps its best partner among the later clusters; a join
/// rescans only the rows it may have changed, not every pair.
fn average_link(sims: &[Vec<f64>], threshold: f64) -> Vec<Vec<usize>> {
    let n = sims.len();
    let mut clusters: Vec<Option<Vec<usize>>> = (0..n).map(|i| Some(vec![i])).collect();
    // sum of similarities between clusters i and j
    let mut between: Vec<Vec<f64>> = sims.to_vec();
    let avg = |between: &[Vec<f64>], a: &[usize], b: &[usize], i: usize, j: usize| {
        between[i][j] / (a.len() * b.len()) as f64
    };
    // the first later cluster with the highest mean reaching `threshold`
    let row_best = |clusters: &[Option<Vec<usize>>], between: &[Vec<f64>], i: usize| {
        let a = clusters[i].as_ref()?;
        let mut best: Option<(usize, f64)> = None;
        for (j, b) in clusters.iter().enumerate().skip(i + 1) {
            let Some(b) = b else { continue };
            let s = avg(between, a, b, i, j);
            if s >= threshold && best.is_none_or(|(_, t)| s > t) {
                best = Some((j, s));
            }
        }
        best
    };
    let mut best: Vec<Option<(usize, f64)>> =
        (0..n).map(|i| row_best(&clusters, &between, i)).collect();
    loop {
        let mut top: Option<(usize, usize, f64)> = None;
        for (i, b) in best.iter().enumerate() {
            if let Some((j, s)) = *b {
                if top.is_none_or(|(_, _, t)| s > t) {
                    top = Some((i, j, s));
                }
            }
        }
        let Some((i, j, _)) = top else { break };
        join(&mut clusters, &mut between, i, j);
        best[j] = None;
        best[i] = row_best(&clusters, &between, i);
        // rows before i see i changed and j gone; rows between them only j
        // gone; later rows hold neither
        for k in 0..j {
            if k == i || clusters[k].is_none() {
                continue;
            }
            match best[k] {
                Some((b, _)) if b == i || b == j => best[k] = row_best(&clusters, &between, k),
                _ if k < i => {
                    let (Some(a), Some(c)) = (&clusters[k], &clusters[i]) else {
                        continue;
                    };
                    let s = avg(&between, a, c, k, i);
                    if s >= threshold && best[k].is_none_or(|(b, t)| s > t || (s == t && i < b)) {
                        best[k] = Some((i, s));
                    }
                }
                _ => {}
            }
        }
    }
    clusters.into_iter().flatten().collect()
}

/// The headline of the document most like the others, else a file name.
/// `mine` is scratch, one entry a term, left all `NONE`.
fn title(members: &[usize], documents: &[Document], leads: &[Lead], mine: &mut [u32]) -> String {
    // The first documents suffice to find the centre of a large story.
    let sample = &members[..members.len().min(50)];
    let mut shared = |d: usize| -> usize {
        for &t in &leads[d].terms {
            mine[t as usize] = 0;
        }
        let n = sample
            .iter()
            .filter(|&&o| o != d)
            .map(|&o| {
                leads[o]
                    .terms
                    .iter()
                    .filter(|&&t| mine[t as usize] != NONE)
                    .count()
            })
            .sum();
        for &t in &leads[d].terms {
            mine[t as usize] = NONE;
        }
        n
    };
    let central = sample
        .iter()
        .filter(|&&d| documents[d].meta.title.is_some())
        .map(|&d| (shared(d), std::cmp::Reverse(d)))
        .max()
        .map(|(_, std::cmp::Reverse(d))| d);
    match central {
        Some(d) => documents[d].meta.title.clone().unwrap_or_default(),
        None => members
            .first()
            .map(|&d| documents[d].name.clone())
            .unwrap_or_default(),
    }
}

/// The event day most of the story's documents give; the earliest on a tie.
fn when(members: &[usize], leads: &[Lead]) -> Option<Date> {
    let mut votes: HashMap<i64, usize> = HashMap::new();
    for &d in members {
        if let Some(day) = leads[d].day {
            *votes.entry(day).or_default() += 1;
        }
    }
    let day = votes
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?
        .0;
    Some(Date::from_day_number(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dot product of two sparse vectors by merging them.
    fn dot(a: &Vector, b: &Vector) -> f64 {
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }

    #[test]
    fn spread_dot_is_the_merge_exactly() {
        // pseudo-random sparse vectors with positive weights
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..200 {
            let mut vector = || -> Vector {
                let mut v: Vector = Vec::new();
                for t in 0..40u32 {
                    if next() % 3 == 0 {
                        v.push((t, (next() % 1000 + 1) as f64 / 997.0));
                    }
                }
                let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
                v.iter_mut().for_each(|(_, w)| *w /= norm.max(1e-9));
                v
            };
            let (a, b) = (vector(), vector());
            let mut dense = vec![0.0; 40];
            for &(t, w) in &a {
                dense[t as usize] = w;
            }
            assert_eq!(spread_dot(&dense, &b).to_bits(), dot(&a, &b).to_bits());
        }
    }

    #[test]
    fn term_keys_hash_the_text_the_parts_spell() {
        use std::hash::{Hash, Hasher};
        let whole = |text: &str| {
            let mut h = std::hash::DefaultHasher::new();
            text.hash(&mut h);
            h.finish()
        };
        assert_eq!(term_key(&[b"kim", b" ", b"summit"]), whole("kim summit"));
        assert_eq!(term_key(&[b"#", b"12"]), whole("#12"));
        assert_eq!(term_key(&["s\u{e9}oul".as_bytes()]), whole("s\u{e9}oul"));
        // a pair is not the words run together
        assert_ne!(term_key(&[b"ab", b" ", b"c"]), term_key(&[b"abc"]));
        let mut map: HashMap<u64, u32, BuildHasherDefault<KeyHasher>> = HashMap::default();
        map.insert(term_key(&[b"kim"]), 1);
        assert_eq!(map.get(&whole("kim")), Some(&1));
    }

    /// `average_link` as first written: every pair scanned at every join.
    fn average_link_reference(sims: &[Vec<f64>], threshold: f64) -> Vec<Vec<usize>> {
        let n = sims.len();
        let mut clusters: Vec<Option<Vec<usize>>> = (0..n).map(|i| Some(vec![i])).collect();
        let mut between: Vec<Vec<f64>> = sims.to_vec();
        loop {
            let mut best: Option<(usize, usize, f64)> = None;
            for i in 0..n {
                let Some(a) = &clusters[i] else { continue };
                for j in i + 1..n {
                    let Some(b) = &clusters[j] else { continue };
                    let avg = between[i][j] / (a.len() * b.len()) as f64;
                    if avg >= threshold && best.is_none_or(|(_, _, s)| avg > s) {
                        best = Some((i, j, avg));
                    }
                }
            }
            let Some((i, j, _)) = best else { break };
            join(&mut clusters, &mut between, i, j);
        }
        clusters.into_iter().flatten().collect()
    }

    #[test]
    #[allow(clippy::needless_range_loop)] // fills a symmetric matrix
    fn average_link_joins_as_the_full_scan_does() {
        let mut rng = crate::testing::XorShift(0x2545_f491_4f6c_dd1du64);
        let mut next = move || rng.next();
        for round in 0..400 {
            let n = 1 + (next() % 40) as usize;
            // few distinct values, so ties are common
            let levels = 2 + round % 9;
            let mut sims = vec![vec![1.0; n]; n];
            for i in 0..n {
                for j in i + 1..n {
                    let s = (next() % levels) as f64 / (levels - 1) as f64;
                    sims[i][j] = s;
                    sims[j][i] = s;
                }
            }
            for threshold in [0.0, 0.3, 0.5, 0.9] {
                assert_eq!(
                    average_link(&sims, threshold),
                    average_link_reference(&sims, threshold),
                    "round {round}, threshold {threshold}"
                );
            }
        }
    }

    #[test]
    fn term_index_lists_what_a_map_of_lists_does() {
        let mut rng = crate::testing::XorShift(0x9e37_79b9_7f4a_7c15u64);
        let mut next = move || rng.next();
        for round in 0..50 {
            // few terms, many clusters: lists fill past MAX_POSTINGS
            let terms = 1 + (next() % 30) as usize;
            let mut index = TermIndex::new(terms);
            let mut reference: HashMap<u32, Vec<usize>> = HashMap::new();
            for _ in 0..300 {
                let c = (next() % (1 + round as u64 * 3)) as usize;
                let mut v: Vector = (0..terms as u32)
                    .filter(|_| next() % 3 == 0)
                    .map(|t| (t, 1.0))
                    .collect();
                v.dedup_by_key(|x| x.0);
                index.note(c, &v);
                for &(t, _) in &v {
                    let list = reference.entry(t).or_default();
                    if list.len() <= MAX_POSTINGS && !list.contains(&c) {
                        list.push(c);
                    }
                }
            }
            for t in 0..terms as u32 {
                let mut got: Vec<usize> = index.clusters(t).collect();
                got.sort_unstable();
                let mut want = reference
                    .get(&t)
                    .filter(|l| l.len() <= MAX_POSTINGS)
                    .cloned()
                    .unwrap_or_default();
                want.sort_unstable();
                assert_eq!(got, want, "round {round}, term {t}");
            }
        }
    }
}
