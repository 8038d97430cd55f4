//! Copies: documents that repeat each other word for word, in whole or in
//! passages, and posts a feed repeats.
//!
//! Word 8-shingles of each document's content are hashed into one index;
//! each document meets only the earlier documents it shares shingles with,
//! so the cost follows the number of shingles, not pairs of documents.
//! A shingle found in very many documents is page furniture ("Sign up for
//! our newsletter to ...") and is dropped from the index.

use std::collections::HashMap;

use crate::annotate::Annotations;
use crate::ingest::Document;
use crate::span::{Span, Within};
use crate::text::TokenKind;

/// Words per shingle: long enough that shared shingles mean copied text.
const SHINGLE: usize = 8;
/// Shortest shared passage reported, in words.
const MIN_PASSAGE_WORDS: usize = 15;
/// Share of shingles (Jaccard) from which two documents are near-duplicates.
const NEAR_DUPLICATE: f64 = 0.5;
/// A shingle in more documents than this is boilerplate.
const MAX_POSTINGS: usize = 32;
// each posting counts the ones before it in a byte, up to MAX_POSTINGS
const _: () = assert!(MAX_POSTINGS <= u8::MAX as usize);
/// Copy links from one document to earlier ones, at most.
const MAX_LINKS: usize = 3;
/// Shortest post, in words, that counts as a repeated post.
const MIN_POST_WORDS: usize = 5;

/// How much two documents share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyKind {
    /// Most of the text is the same.
    NearDuplicate,
    /// Some passages are the same.
    SharedPassages,
}

impl CopyKind {
    /// The report's name.
    pub fn as_str(&self) -> &'static str {
        match self {
            CopyKind::NearDuplicate => "near-duplicate",
            CopyKind::SharedPassages => "shared-passages",
        }
    }
}

/// Why one document of a pair is taken to be the origin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The copy credits it ("Original Source: ...").
    OriginalSourceCredit,
    /// It comes from a news agency.
    WireCredit,
    /// It is dated earlier.
    EarlierDate,
    /// Nothing tells: the earlier document of the batch.
    BatchOrder,
}

impl Origin {
    /// The report's wording.
    pub fn as_str(&self) -> &'static str {
        match self {
            Origin::OriginalSourceCredit => "original source credit",
            Origin::WireCredit => "wire credit",
            Origin::EarlierDate => "earlier date",
            Origin::BatchOrder => "batch order",
        }
    }
}

/// One copy link between two documents.
#[derive(Clone, Debug, PartialEq)]
pub struct Copy {
    /// The likely origin.
    pub source: usize,
    /// The document that repeats it.
    pub copy: usize,
    /// Whole or in part.
    pub kind: CopyKind,
    /// Jaccard resemblance of the two documents' shingle sets.
    pub similarity: f64,
    /// Why `source` is taken as the origin.
    pub origin: Origin,
    /// Shared passages: byte spans in the source and in the copy.
    pub passages: Vec<(Span, Span)>,
}

/// A document's words (content only) and their shingle hashes, built only
/// while the document is being compared: keeping every document's at once
/// was most of the corpus step's memory.
struct Shingles {
    words: Vec<Span>,
    /// Hash of the shingle starting at each word.
    hashes: Vec<u64>,
}

/// A document's shingles with each distinct hash's first word: the side
/// of a comparison that is looked up. An open-addressing table of word
/// indexes (one u32 a slot, at most half full), keyed by the shingle hash
/// itself: built in one pass, where sorting the hashes took most of the
/// passage step.
struct Indexed {
    shingles: Shingles,
    /// Index + 1 of the first word of a hash, 0 for an empty slot.
    slots: Vec<u32>,
    shift: u32,
}

impl Indexed {
    #[cfg(test)]
    fn new(shingles: Shingles) -> Indexed {
        let mut index = Indexed::unindexed(shingles);
        index.build();
        index
    }

    /// The shingles without their table yet ([`Indexed::build`] makes it):
    /// a document kept in case a later one copies it, which most never do.
    fn unindexed(shingles: Shingles) -> Indexed {
        Indexed {
            shingles,
            slots: Vec::new(),
            shift: 0,
        }
    }

    /// Makes the table, unless made.
    fn build(&mut self) {
        if !self.slots.is_empty() {
            return;
        }
        let bits = (2 * self.shingles.hashes.len())
            .next_power_of_two()
            .max(2)
            .trailing_zeros();
        self.slots = vec![0; 1 << bits];
        self.shift = 64 - bits;
        let mask = self.slots.len() - 1;
        for (i, &h) in self.shingles.hashes.iter().enumerate() {
            // the hashes are multiplied out (see `shingles`): their top bits are mixed
            let mut s = (h >> self.shift) as usize;
            loop {
                match self.slots[s] {
                    0 => {
                        self.slots[s] = i as u32 + 1;
                        break;
                    }
                    // a repeat keeps the first index
                    k if self.shingles.hashes[k as usize - 1] == h => break,
                    _ => s = (s + 1) & mask,
                }
            }
        }
    }

    /// First word index of the shingle hashed `h`, if the document has it.
    fn first(&self, h: u64) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut s = (h >> self.shift) as usize;
        loop {
            match self.slots[s] {
                0 => return None,
                k if self.shingles.hashes[k as usize - 1] == h => return Some(k as usize - 1),
                _ => s = (s + 1) & mask,
            }
        }
    }
}

fn fnv(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
}

/// Hash of one lower-cased word: FNV-1a of the UTF-8 of each character's
/// lower case. ASCII bytes are lowered in place (the same bytes
/// `char::to_lowercase` gives them); only other characters are decoded.
fn word_hash(word: &str) -> u64 {
    let bytes = word.as_bytes();
    let mut h = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            h = fnv(h, b.to_ascii_lowercase());
            i += 1;
            continue;
        }
        let c = word[i..].chars().next().unwrap_or_default();
        for l in c.to_lowercase() {
            let mut buf = [0u8; 4];
            for &x in l.encode_utf8(&mut buf).as_bytes() {
                h = fnv(h, x);
            }
        }
        i += c.len_utf8();
    }
    h
}

/// Each word of the document's content (its tokens but punctuation, inside
/// `doc.content`, or anywhere when it has none), in order.
fn for_each_word(doc: &Document, ann: &Annotations, mut each: impl FnMut(Span)) {
    let whole = [Span::new(0, doc.text.len())];
    let spans = if doc.content.is_empty() {
        &whole[..]
    } else {
        &doc.content
    };
    let within = Within::new(spans);
    for t in ann.tokens.iter() {
        if t.kind() != TokenKind::Punct && within.holds(t.span()) {
            each(t.span());
        }
    }
}

/// How many shingles [`shingles`] finds in the document.
fn shingle_count(doc: &Document, ann: &Annotations) -> usize {
    let mut words = 0usize;
    for_each_word(doc, ann, |_| words += 1);
    (words + 1).saturating_sub(SHINGLE)
}

fn shingles(doc: &Document, ann: &Annotations) -> Shingles {
    let mut words = Vec::new();
    for_each_word(doc, ann, |w| words.push(w));
    let word_hashes: Vec<u64> = words
        .iter()
        .map(|w| word_hash(w.slice(&doc.text)))
        .collect();
    Shingles {
        words,
        hashes: window_hashes(&word_hashes),
    }
}

/// Each window of SHINGLE word hashes folded as `h.rotate_left(7) ^ x`,
/// then multiplied out. Rolled: the next window's fold is the last one's
/// without its first word, turned once more, with the new word.
fn window_hashes(words: &[u64]) -> Vec<u64> {
    let n = (words.len() + 1).saturating_sub(SHINGLE);
    let mut out = Vec::with_capacity(n);
    if n == 0 {
        return out;
    }
    let first_turn = 7 * (SHINGLE as u32 - 1);
    let mut h = words[..SHINGLE]
        .iter()
        .fold(0u64, |h, &x| h.rotate_left(7) ^ x);
    out.push(h.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    for i in 1..n {
        h = (h ^ words[i - 1].rotate_left(first_turn)).rotate_left(7) ^ words[i + SHINGLE - 1];
        out.push(h.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    }
    out
}

/// Every document's distinct shingles as one array sorted by (hash,
/// document), for the hashes at least two documents share: a shingle of
/// one document alone links nothing. One u64 an entry: the document number
/// in the low `doc_bits` bits and the shingle hash's top bits above it
/// (at 10,000 documents, 50 bits of hash: a chance collision between two
/// of the batch's shingles is about one in a hundred batches, and costs
/// one shingle in one pair's count).
struct Postings {
    entries: Vec<u64>,
    /// For each entry, how many entries of its hash come before it (the
    /// earlier documents with that shingle), at most MAX_POSTINGS: the
    /// linking reads them at once instead of searching for where its
    /// hash's entries start, a cache miss or two for each of millions.
    before: Vec<u8>,
    doc_bits: u32,
}

impl Postings {
    /// Bits that hold a document number among `documents`.
    fn doc_bits(documents: usize) -> u32 {
        (usize::BITS - documents.saturating_sub(1).leading_zeros()).max(1)
    }

    fn pack(h: u64, doc: usize, doc_bits: u32) -> u64 {
        (h >> doc_bits << doc_bits) | doc as u64
    }

    /// Sorts and dedups `entries` (from [`Postings::pack`]), counts each
    /// document's distinct shingles into `distinct`, and keeps the shared ones.
    fn new(mut entries: Vec<u64>, doc_bits: u32, distinct: &mut [usize]) -> Postings {
        entries.sort_unstable();
        // two hashes of one document equal in their kept bits are one shingle
        entries.dedup();
        let doc_mask = (1u64 << doc_bits) - 1;
        for &e in &entries {
            distinct[(e & doc_mask) as usize] += 1;
        }
        let mut kept = 0;
        let mut i = 0;
        while i < entries.len() {
            let h = entries[i] >> doc_bits;
            let mut j = i + 1;
            while j < entries.len() && entries[j] >> doc_bits == h {
                j += 1;
            }
            if j - i > 1 {
                entries.copy_within(i..j, kept);
                kept += j - i;
            }
            i = j;
        }
        entries.truncate(kept);
        entries.shrink_to_fit();
        let mut before = Vec::with_capacity(entries.len());
        let mut start = 0;
        for (at, &e) in entries.iter().enumerate() {
            if e >> doc_bits != entries[start] >> doc_bits {
                start = at;
            }
            before.push((at - start).min(MAX_POSTINGS) as u8);
        }
        Postings {
            entries,
            before,
            doc_bits,
        }
    }

    /// The document of entry `e`.
    fn document(&self, e: u64) -> usize {
        (e & ((1u64 << self.doc_bits) - 1)) as usize
    }

    /// The entries of the earlier documents with the shingle of entry
    /// `at`, unless there are MAX_POSTINGS or more (it is furniture).
    fn earlier(&self, at: usize) -> Option<&[u64]> {
        let n = usize::from(self.before[at]);
        (n < MAX_POSTINGS).then(|| &self.entries[at - n..at])
    }

    /// For each document, the positions of its entries (its shared
    /// shingles), as (starts, positions): document `d` owns
    /// `positions[starts[d]..starts[d + 1]]`.
    fn by_document(&self, documents: usize) -> (Vec<u32>, Vec<u32>) {
        let mut starts = vec![0u32; documents + 1];
        for &e in &self.entries {
            starts[self.document(e) + 1] += 1;
        }
        for d in 1..starts.len() {
            starts[d] += starts[d - 1];
        }
        let mut next = starts.clone();
        let mut positions = vec![0u32; self.entries.len()];
        for (at, &e) in self.entries.iter().enumerate() {
            let d = self.document(e);
            positions[next[d] as usize] = at as u32;
            next[d] += 1;
        }
        (starts, positions)
    }
}

/// Every copy link in the batch, in order of the later document.
pub(super) fn find(documents: &[Document], annotations: &[Annotations]) -> Vec<Copy> {
    // one document copies no other: skip the index of its every shingle
    // (92 MB for a 17.5 MB text file, the largest thing its batch held)
    if documents.len() < 2 {
        return Vec::new();
    }
    let doc_bits = Postings::doc_bits(documents.len());
    // Room for every shingle at once: growing by doubling would hold the
    // old and the new array together, and a wasm heap cannot remap in
    // place (at 10,000 documents this array, 60 MB, is the largest thing
    // the corpus step holds; its growth took the wasm memory from 117 MB
    // after the documents to 285 MB, against 188 MB with it sized).
    let room = documents
        .iter()
        .zip(annotations)
        .map(|(doc, ann)| shingle_count(doc, ann))
        .sum();
    let mut entries = Vec::with_capacity(room);
    for (d, (doc, ann)) in documents.iter().zip(annotations).enumerate() {
        // every shingle, repeats too: the postings sort and dedup them all
        let sh = shingles(doc, ann);
        entries.extend(sh.hashes.iter().map(|&h| Postings::pack(h, d, doc_bits)));
    }
    let mut distinct = vec![0; documents.len()];
    let postings = Postings::new(entries, doc_bits, &mut distinct);
    // Each document's shared shingles come from the postings themselves,
    // not from hashing the document again: its own shingles are needed
    // only to find the passages of a link.
    let (starts, positions) = postings.by_document(documents.len());
    let mut copies = Vec::new();
    let mut recent = Recent::default();
    // shingles shared with each earlier document, and which are non-zero:
    // a counter per document, reset through `touched`, beats a hash map
    let mut shared = vec![0usize; documents.len()];
    let mut touched: Vec<usize> = Vec::new();
    for (d, (doc, ann)) in documents.iter().zip(annotations).enumerate() {
        for &at in &positions[starts[d] as usize..starts[d + 1] as usize] {
            let at = at as usize;
            if let Some(earlier) = postings.earlier(at) {
                for &e in earlier {
                    let o = postings.document(e);
                    if shared[o] == 0 {
                        touched.push(o);
                    }
                    shared[o] += 1;
                }
            }
        }
        // The earlier documents it shares most with, enough to hold a
        // passage; a text carried by many outlets links to a few of them,
        // not to every one, so links stay linear in documents.
        let mut earlier: Vec<(usize, usize)> = touched
            .drain(..)
            .map(|o| (o, std::mem::take(&mut shared[o])))
            .filter(|&(_, n)| n + SHINGLE > MIN_PASSAGE_WORDS)
            .collect();
        earlier.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        earlier.truncate(MAX_LINKS);
        earlier.sort_unstable();
        if earlier.is_empty() {
            continue;
        }
        let sh = shingles(doc, ann);
        for (o, n) in earlier {
            let other = recent.get(o, || shingles(&documents[o], &annotations[o]));
            let union = distinct[d] + distinct[o] - n;
            let similarity = n as f64 / union.max(1) as f64;
            let passages = passages(other, &sh);
            let kind = if similarity >= NEAR_DUPLICATE {
                CopyKind::NearDuplicate
            } else if !passages.is_empty() {
                CopyKind::SharedPassages
            } else {
                continue;
            };
            let (source, origin) = origin(documents, o, d);
            let passages = if source == o {
                passages
            } else {
                passages.into_iter().map(|(a, b)| (b, a)).collect()
            };
            copies.push(Copy {
                source,
                copy: if source == o { d } else { o },
                kind,
                similarity,
                origin,
                passages,
            });
        }
        // a copy's next copy often copies it (the next link is to the
        // document just before in 624 of 2,953 links at 1,000 generated
        // documents): its shingles are kept, to be indexed if asked for
        recent.keep(d, sh);
    }
    copies
}

/// The last few earlier documents indexed for their passages: a wire
/// story's copies link to the same original one after another (on 10,000
/// generated documents, 55% of the look-ups hit the last 8, and the link
/// step went from 1.21-1.25 s to 1.03-1.07 s). The documents just
/// compared are kept too, unindexed until asked for: 78% of the look-ups
/// then hit.
#[derive(Default)]
struct Recent {
    /// (document, its shingles, indexed once asked for), oldest first.
    kept: Vec<(usize, Indexed)>,
}

impl Recent {
    const KEEP: usize = 8;
    /// A document's shingles are kept unasked only up to this many (a
    /// long text's would stay held through the next documents).
    const KEEP_UNASKED_UP_TO: usize = 1 << 16;

    /// The index of document `d`, of the shingles `make` gives unless kept.
    fn get(&mut self, d: usize, make: impl FnOnce() -> Shingles) -> &Indexed {
        let at = match self.kept.iter().position(|(k, _)| *k == d) {
            Some(at) => at,
            None => self.push(d, make()),
        };
        let index = &mut self.kept[at].1;
        index.build();
        index
    }

    /// Keeps the shingles of document `d`, just compared, unindexed for
    /// now (unless kept already, or too many).
    fn keep(&mut self, d: usize, shingles: Shingles) {
        if shingles.hashes.len() <= Self::KEEP_UNASKED_UP_TO
            && self.kept.iter().all(|(k, _)| *k != d)
        {
            self.push(d, shingles);
        }
    }

    /// Adds `d` as the newest, the oldest going if there is no room; its place.
    fn push(&mut self, d: usize, shingles: Shingles) -> usize {
        if self.kept.len() == Self::KEEP {
            self.kept.remove(0);
        }
        self.kept.push((d, Indexed::unindexed(shingles)));
        self.kept.len() - 1
    }
}

/// Runs of `b`'s shingles that `a` also has, as (span in a, span in b).
fn passages(indexed: &Indexed, b: &Shingles) -> Vec<(Span, Span)> {
    let a = &indexed.shingles;
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.hashes.len() {
        let Some(start_a) = indexed.first(b.hashes[i]) else {
            i += 1;
            continue;
        };
        // extend while both documents go on with the same shingles
        let mut len = 1;
        while i + len < b.hashes.len()
            && start_a + len < a.hashes.len()
            && a.hashes[start_a + len] == b.hashes[i + len]
        {
            len += 1;
        }
        let words = len + SHINGLE - 1;
        if words >= MIN_PASSAGE_WORDS {
            let span_a = Span::new(a.words[start_a].start(), a.words[start_a + words - 1].end());
            let span_b = Span::new(b.words[i].start(), b.words[i + words - 1].end());
            out.push((span_a, span_b));
        }
        i += len;
    }
    out
}

/// News agencies whose text others carry.
const WIRES: &[&str] = &[
    "afp",
    "agence france-presse",
    "ansa",
    "ap",
    "associated press",
    "bloomberg",
    "dpa",
    "efe",
    "kcna",
    "korean central news agency",
    "kyodo",
    "press association",
    "reuters",
    "tass",
    "united press international",
    "upi",
    "xinhua",
    "yonhap",
];

fn is_wire(doc: &Document) -> bool {
    doc.meta.publisher.as_deref().is_some_and(is_wire_name)
        || doc.meta.authors.iter().any(|a| is_wire_name(a))
}

/// A wire's name, in any case, alone or followed by a space ("AP Staff").
fn is_wire_name(name: &str) -> bool {
    let s = name.to_lowercase();
    WIRES.iter().any(|w| {
        s.strip_prefix(w)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    })
}

/// True when `copy` credits `source` as its original.
fn credits(copy: &Document, source: &Document) -> bool {
    let Some(credit) = copy.meta.original_source.as_deref() else {
        return false;
    };
    let credit = credit.to_lowercase();
    let names = [
        source.meta.publisher.as_deref(),
        source.meta.title.as_deref(),
    ];
    names
        .into_iter()
        .flatten()
        .map(str::to_lowercase)
        .any(|n| !n.is_empty() && (credit.contains(&n) || n.contains(&credit)))
        || source
            .meta
            .urls
            .iter()
            .any(|u| u.to_lowercase().contains(&credit))
}

/// Which of the earlier document `a` and the later `b` is the origin, and why.
fn origin(documents: &[Document], a: usize, b: usize) -> (usize, Origin) {
    let (da, db) = (&documents[a], &documents[b]);
    if credits(db, da) {
        return (a, Origin::OriginalSourceCredit);
    }
    if credits(da, db) {
        return (b, Origin::OriginalSourceCredit);
    }
    match (is_wire(da), is_wire(db)) {
        (true, false) => return (a, Origin::WireCredit),
        (false, true) => return (b, Origin::WireCredit),
        _ => {}
    }
    match (da.meta.published, db.meta.published) {
        (Some(x), Some(y)) if y < x => (b, Origin::EarlierDate),
        (Some(x), Some(y)) if x < y => (a, Origin::EarlierDate),
        _ => (a, Origin::BatchOrder),
    }
}

/// Posts of one document that repeat an earlier post of it: (post, earlier post).
pub(super) fn duplicate_posts(doc: &Document) -> Vec<(usize, usize)> {
    // an article is one post: nothing to repeat, and its words need no hashing
    // (0.21 s of the corpus step's 4.2 s at 10,000 generated articles)
    if doc.posts.len() < 2 {
        return Vec::new();
    }
    let mut seen: HashMap<Vec<u64>, usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, post) in doc.posts.iter().enumerate() {
        let words: Vec<u64> = post
            .slice(&doc.text)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(word_hash)
            .collect();
        if words.len() < MIN_POST_WORDS {
            continue;
        }
        match seen.get(&words) {
            Some(&j) => out.push((i, j)),
            None => {
                seen.insert(words, i);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash before its ASCII fast path: every character lowered by
    /// `char::to_lowercase`.
    fn word_hash_reference(word: &str) -> u64 {
        word.chars()
            .flat_map(char::to_lowercase)
            .fold(0xcbf2_9ce4_8422_2325, |h, c| {
                let mut buf = [0u8; 4];
                c.encode_utf8(&mut buf).bytes().fold(h, fnv)
            })
    }

    #[test]
    fn a_wire_is_named_alone_or_before_a_space() {
        for (name, wire) in [
            ("Reuters", true),
            ("REUTERS Staff", true),
            ("The Associated Press", false),
            ("Associated Press writers", true),
            ("AP", true),
            ("Apex Daily", false),
            ("ap,", false),
            ("Xinhua", true),
            ("", false),
        ] {
            assert_eq!(is_wire_name(name), wire, "{name:?}");
        }
    }

    #[test]
    fn word_hash_matches_the_unicode_lowering() {
        for w in [
            "",
            "a",
            "Reuters",
            "KCNA",
            "76th",
            "don't",
            "Zo\u{eb}",
            "\u{c5}ngstr\u{f6}m-Lind",
            "\u{130}stanbul",
            "\u{3a3}\u{399}\u{3a3}",
            "\u{212a}elvin",
            "Stra\u{df}e",
            "\u{1e9e}",
            "\u{0}\u{7f}\u{80}",
            "\u{1f600}X",
            "Mix\u{e9}dCASE\u{c9}nd",
        ] {
            assert_eq!(word_hash(w), word_hash_reference(w), "{w:?}");
        }
    }

    #[test]
    fn a_document_repeating_its_own_passage_copies_nothing_alone_and_is_copied_in_two() {
        let tagger = crate::annotate::entities_tagger();
        let passage = "The port authority said the new cranes would double the \
                       number of containers the harbor handles each year. ";
        let text = format!("{passage}Officials met on Monday. {passage}");
        let doc = crate::ingest::ingest("repeat.txt", text.as_bytes());
        let ann = crate::annotate::annotate(&doc, tagger.as_ref());
        let one = find(std::slice::from_ref(&doc), std::slice::from_ref(&ann));
        assert!(one.is_empty(), "{one:?}");
        // the same text twice is a copy: the early return is for one alone
        let docs = [doc.clone(), doc];
        let anns = [ann.clone(), ann];
        let two = find(&docs, &anns);
        assert_eq!(two.len(), 1, "{two:?}");
        assert_eq!((two[0].source, two[0].copy), (0, 1));
    }

    #[test]
    fn the_shingle_count_sizes_the_postings_exactly() {
        let tagger = crate::annotate::entities_tagger();
        let mut texts: Vec<(&str, &[u8])> = crate::SAMPLE.to_vec();
        // no content spans, and too short for one shingle
        texts.push(("short.txt", b"Seven words are not enough here, friend."));
        texts.push((
            "eight.txt",
            b"Eight words make exactly one shingle in this.",
        ));
        for (name, bytes) in texts {
            let doc = crate::ingest::ingest(name, bytes);
            let ann = crate::annotate::annotate(&doc, tagger.as_ref());
            let sh = shingles(&doc, &ann);
            assert_eq!(shingle_count(&doc, &ann), sh.hashes.len(), "{name}");
            assert_eq!(sh.words.len().saturating_sub(SHINGLE - 1), sh.hashes.len());
        }
    }

    #[test]
    fn rolled_window_hashes_are_each_window_folded() {
        let mut x = 0x1234_5678_9abc_def0_u64;
        let words: Vec<u64> = (0..40)
            .map(|_| {
                x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                x
            })
            .collect();
        for n in [0, 1, SHINGLE - 1, SHINGLE, SHINGLE + 1, 40] {
            let want: Vec<u64> = words[..n]
                .windows(SHINGLE)
                .map(|w| {
                    w.iter()
                        .fold(0u64, |h, &x| h.rotate_left(7) ^ x)
                        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                })
                .collect();
            assert_eq!(window_hashes(&words[..n]), want, "{n} words");
        }
    }

    #[test]
    fn recent_indexes_are_made_once_and_the_oldest_goes_first() {
        let index = |d: usize| Shingles {
            words: Vec::new(),
            hashes: vec![d as u64],
        };
        let mut recent = Recent::default();
        let mut made = Vec::new();
        let mut get = |recent: &mut Recent, d: usize| {
            let first = recent
                .get(d, || {
                    made.push(d);
                    index(d)
                })
                .first(d as u64);
            assert_eq!(first, Some(0), "the index of document {d}");
        };
        for d in [1, 2, 1, 1, 2] {
            get(&mut recent, d);
        }
        // documents 3 to 9 fill the eight places and push out document 1,
        // the first made; asked for again, 1 is made anew (pushing out 2),
        // while 9 is still kept
        for d in 3..=9 {
            get(&mut recent, d);
        }
        get(&mut recent, 1);
        get(&mut recent, 9);
        assert_eq!(recent.kept.len(), Recent::KEEP);
        // a document kept unasked is indexed when asked for, not made
        // again; kept twice it takes one place
        recent.keep(20, index(20));
        recent.keep(20, index(20));
        assert!(recent
            .kept
            .last()
            .is_some_and(|(d, i)| *d == 20 && i.slots.is_empty()));
        get(&mut recent, 20);
        assert_eq!(made, vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 1]);
        assert_eq!(recent.kept.iter().filter(|(d, _)| *d == 20).count(), 1);
        // too many shingles to keep unasked
        let long = Shingles {
            words: Vec::new(),
            hashes: vec![0; Recent::KEEP_UNASKED_UP_TO + 1],
        };
        recent.keep(21, long);
        assert!(recent.kept.iter().all(|(d, _)| *d != 21));
    }

    #[test]
    fn indexed_finds_each_hash_at_its_first_word() {
        // hashes that share their top bits land in one slot and probe on,
        // past the table's end too; repeats keep their first word
        let top = |t: u64, low: u64| (t << 60) | low;
        let hashes = vec![
            top(15, 1),
            top(15, 2),
            top(3, 7),
            top(15, 1),
            top(15, 3),
            top(3, 7),
            top(0, 9),
        ];
        let index = Indexed::new(Shingles {
            words: Vec::new(),
            hashes: hashes.clone(),
        });
        for &h in &hashes {
            let first = hashes.iter().position(|&x| x == h);
            assert_eq!(index.first(h), first, "{h:x}");
        }
        for absent in [top(15, 4), top(3, 8), top(0, 0), 0] {
            assert_eq!(index.first(absent), None, "{absent:x}");
        }
        // at most half full, so a look-up always reaches an empty slot
        assert!(index.slots.len() >= 2 * hashes.len());
        let empty = Indexed::new(Shingles {
            words: Vec::new(),
            hashes: Vec::new(),
        });
        assert_eq!(empty.first(7), None);
    }

    #[test]
    fn postings_keep_shared_shingles_and_count_distinct_ones() {
        let documents = 5;
        let bits = Postings::doc_bits(documents);
        assert_eq!(bits, 3);
        assert_eq!(Postings::doc_bits(1), 1);
        assert_eq!(Postings::doc_bits(1 << 20), 20);
        assert_eq!(Postings::doc_bits((1 << 20) + 1), 21);
        let (a, b, c) = (
            0xdead_beef_0000_0000u64,
            0x1234_5678_9abc_def0,
            0x0fed_cba9_8765_4321,
        );
        // a differs from `near_a` only in the bits the document number takes
        let near_a = a | 0b101;
        let entries = vec![
            Postings::pack(a, 0, bits),
            Postings::pack(b, 0, bits),
            Postings::pack(near_a, 0, bits),
            Postings::pack(a, 3, bits),
            Postings::pack(c, 3, bits),
            Postings::pack(a, 4, bits),
            Postings::pack(b, 2, bits),
            Postings::pack(c, 1, bits),
        ];
        let mut distinct = vec![0; documents];
        let postings = Postings::new(entries, bits, &mut distinct);
        // document 0's `a` and `near_a` are one shingle in the kept bits
        assert_eq!(distinct, vec![2, 1, 1, 2, 1]);
        let docs: Vec<usize> = postings
            .entries
            .iter()
            .map(|&e| postings.document(e))
            .collect();
        // sorted by hash, then document; every hash here is shared
        assert_eq!(docs.len(), 7);
        let at_of = |doc: usize, h: u64| {
            postings
                .entries
                .iter()
                .position(|&e| e == Postings::pack(h, doc, bits))
                .expect("entry")
        };
        // the earlier documents with `a`, seen from document 4: 0 and 3
        let at = at_of(4, a);
        let earlier: Vec<usize> = postings
            .earlier(at)
            .expect("few documents")
            .iter()
            .map(|&e| postings.document(e))
            .collect();
        assert_eq!(earlier, vec![0, 3]);
        let at = at_of(2, b);
        assert_eq!(postings.earlier(at).map(<[u64]>::len), Some(1));
        // the first entry of a hash has none before it
        assert_eq!(postings.earlier(at_of(0, a)), Some(&[][..]));
        let (starts, positions) = postings.by_document(documents);
        assert_eq!(starts, vec![0, 2, 3, 4, 6, 7]);
        assert!(positions
            .iter()
            .all(|&p| (p as usize) < postings.entries.len()));
        // a shingle only one document has is dropped
        let mut distinct = vec![0; 2];
        let lone = Postings::new(
            vec![Postings::pack(a, 0, 1), Postings::pack(b, 1, 1)],
            1,
            &mut distinct,
        );
        assert!(lone.entries.is_empty());
        assert_eq!(distinct, vec![1, 1]);
    }
}
