//! The trained statistical entity tagger: PER, ORG, LOC and MISC chunks
//! over our own tokens (issue 3).
//!
//! [`NerModel::embedded`] is the model compiled into the binary
//! (`models/ner.bin`, rebuilt byte for byte by `cargo run --release --bin
//! ner -- train`); [`NerModel::tag_document`] tags one document.
//!
//! How it works: every token becomes ~50 hashed features (word, affixes,
//! shape, casing of the sentence, a ±2 window, distributional word classes,
//! gazetteer hits; the `features` module); a quantized linear model scores the 17
//! BILOU labels and Viterbi picks the best valid sequence (`model`). A
//! second stage adds document features (how the same word was tagged
//! elsewhere in the document by the first stage) and decodes again.
//! Training ([`train`]) is an averaged structured perceptron; the second
//! stage is trained on cross-fitted first-stage output.
//!
//! Headlines: a sentence in Title Case whose capitalized words are mostly
//! words usually written in lowercase ("Talvik Motors Recalls Cars After
//! Brake Failures") is read recased ("Talvik Motors recalls cars after
//! brake failures"); how words are usually written is learned from the
//! training text, per word and per word class, and travels in the model
//! file. Lists of names in Title Case (line-ups, results) are left alone.
//! A possessive token never ends a name.

// Index loops over the fixed-size label arrays read like the maths.
#![allow(clippy::needless_range_loop)]

pub mod conll;
mod features;
mod hash;
mod lexicon;
mod model;
pub mod train;
mod words;

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use crate::annotate::Label;
use features::{Extractor, Need, SentFeatures};
use hash::mix;
pub use lexicon::LexiconSource;
use lexicon::{key_of, Lexicon, GAZ_CITY, GAZ_COUNTRY, GAZ_DEMONYM, GAZ_REGION, PHRASE_SEED};
use model::{chunks, type_of, Decoder, Joint, Stage, Stored, NL};
use words::WordCache;

/// A document's sentences as token strings, read one sentence at a time:
/// the tagger holds one sentence's strings, not a string for every token
/// of a long document (16 bytes a token, a sixth of its peak memory).
pub trait Sentences<'a> {
    /// How many sentences.
    fn count(&self) -> usize;
    /// How many tokens in all.
    fn tokens(&self) -> usize;
    /// How many tokens sentence `i` has.
    fn sentence_len(&self, i: usize) -> usize;
    /// Sentence `i`'s token strings, in place of what `into` held.
    fn read(&self, i: usize, into: &mut Vec<&'a str>);
}

impl<'a> Sentences<'a> for &[Vec<&'a str>] {
    fn count(&self) -> usize {
        self.len()
    }
    fn tokens(&self) -> usize {
        self.iter().map(Vec::len).sum()
    }
    fn sentence_len(&self, i: usize) -> usize {
        self[i].len()
    }
    fn read(&self, i: usize, into: &mut Vec<&'a str>) {
        into.clear();
        into.extend_from_slice(&self[i]);
    }
}

thread_local! {
    /// The tagger's word cache, kept from one document to the next on
    /// this thread: in a batch, most of a story's words were in the
    /// stories before it (`WordCache::kept` bounds it).
    static WORDS: RefCell<WordCache> = RefCell::new(WordCache::new());
}

/// The committed model file.
static MODEL_BYTES: &[u8] = include_bytes!("../../../models/ner.bin");

/// [`MODEL_BYTES`] decoded, while it is in use (see
/// [`NerModel::embedded`]).
static EMBEDDED: Mutex<Option<Arc<NerModel>>> = Mutex::new(None);

/// Hands the memory pages of `bytes`, part of the executable's file image,
/// back to the kernel. Once decoded, the model file's 8 MB stayed resident
/// though nothing read them again: a tenth of a 17.5 MB text's peak RSS.
/// A later read (a decode after [`NerModel::release_embedded`]) faults
/// the same bytes back in from the file.
#[cfg(target_os = "linux")]
fn let_go_of_file_pages(bytes: &'static [u8]) {
    use std::os::raw::{c_int, c_long, c_void};
    extern "C" {
        fn sysconf(name: c_int) -> c_long;
        fn madvise(addr: *mut c_void, len: usize, advice: c_int) -> c_int;
    }
    /// `_SC_PAGESIZE` and `MADV_DONTNEED` in Linux's C headers.
    const SC_PAGESIZE: c_int = 30;
    const MADV_DONTNEED: c_int = 4;
    // SAFETY: sysconf only reads a setting.
    let Ok(page) = usize::try_from(unsafe { sysconf(SC_PAGESIZE) }) else {
        return;
    };
    if page == 0 {
        return;
    }
    // whole pages within `bytes` only
    let start = (bytes.as_ptr() as usize).next_multiple_of(page);
    let end = (bytes.as_ptr() as usize + bytes.len()) / page * page;
    if end > start {
        // SAFETY: the range is whole pages of a static, read-only, file-
        // backed mapping that nothing ever writes: advising the kernel to
        // drop them changes no byte anyone can read, only when they are
        // read from the file again. A failure (an unsupported advice)
        // changes nothing.
        unsafe {
            madvise(start as *mut c_void, end - start, MADV_DONTNEED);
        }
    }
}

/// Elsewhere the pages stay (in wasm the bytes are part of the module's
/// memory, which never shrinks).
#[cfg(not(target_os = "linux"))]
fn let_go_of_file_pages(_bytes: &'static [u8]) {}

const MAGIC: &[u8; 5] = b"DNER\x02";

/// A trained tagger: lexicon plus one or two stages of weights.
pub struct NerModel {
    /// Tells this model's cached words from another's (see `WORDS`).
    id: u64,
    lex: Lexicon,
    /// Feature table width of every stage.
    bits: u32,
    /// Per stage: transitions for decoding, and its non-zero weight rows.
    decoders: Vec<Decoder>,
    nonzero_rows: Vec<usize>,
    /// The weights of the first two stages, laid out for tagging.
    joint: Joint,
}

/// Sizes of a loaded model, for reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelStats {
    /// Stages of weights (1 or 2).
    pub stages: usize,
    /// Non-zero weight rows per stage.
    pub nonzero_rows: Vec<usize>,
}

const LABELS: [Label; 4] = [Label::Per, Label::Org, Label::Loc, Label::Misc];

impl NerModel {
    /// The model compiled into the binary (`models/ner.bin`), decoded on
    /// first use and kept until [`NerModel::release_embedded`]. A damaged
    /// model file gives a model that tags nothing.
    pub fn embedded() -> Arc<NerModel> {
        let mut held = EMBEDDED.lock().unwrap_or_else(PoisonError::into_inner);
        held.get_or_insert_with(|| {
            let model = NerModel::from_bytes(MODEL_BYTES).unwrap_or_else(NerModel::empty);
            let_go_of_file_pages(MODEL_BYTES);
            Arc::new(model)
        })
        .clone()
    }

    /// Lets go of the decoded embedded model (14 MB) once no more
    /// documents are to be tagged: the corpus step and the report do not
    /// use it, and they are where a batch's memory peaks. A tagger still
    /// running keeps its own reference; a later [`NerModel::embedded`]
    /// decodes the model again.
    pub fn release_embedded() {
        let taken = EMBEDDED
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        drop(taken);
    }

    /// A model that tags nothing.
    fn empty() -> NerModel {
        NerModel::new(Lexicon::default(), &[])
    }

    fn new(lex: Lexicon, stages: &[Stored]) -> NerModel {
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        NerModel {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            lex,
            bits: stages.first().map_or(0, |s| s.bits),
            decoders: Joint::decoders(stages),
            nonzero_rows: stages.iter().map(Stored::nonzero_rows).collect(),
            joint: Joint::new(stages),
        }
    }

    /// Decodes a model file; `None` when it is damaged.
    pub fn from_bytes(bytes: &[u8]) -> Option<NerModel> {
        let mut r = crate::binary::Reader::new(bytes);
        if r.bytes(MAGIC.len())? != MAGIC {
            return None;
        }
        let lex = Lexicon::read(&mut r)?;
        let n = r.u8()? as usize;
        let mut stages = Vec::new();
        for _ in 0..n {
            stages.push(Stored::read(&mut r)?);
        }
        if stages.iter().any(|s| s.bits != stages[0].bits) {
            return None;
        }
        Some(NerModel::new(lex, &stages))
    }

    pub(crate) fn to_bytes(src: &LexiconSource, stages: &[Stage]) -> Vec<u8> {
        let mut w = crate::binary::Writer::default();
        w.bytes(MAGIC);
        src.write(&mut w);
        w.u8(stages.len() as u8);
        for s in stages {
            s.write(&mut w);
        }
        w.buf
    }

    /// Sizes, for reports.
    pub fn stats(&self) -> ModelStats {
        ModelStats {
            stages: self.decoders.len(),
            nonzero_rows: self.nonzero_rows.clone(),
        }
    }

    /// Tags one whole document given as sentences of token strings;
    /// returns, per sentence, the entity chunks as `(first_token,
    /// end_token_exclusive, label)`, in order, not overlapping.
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<(usize, usize, Label)>> {
        self.tag_document_stages(sentences, self.decoders.len())
    }

    /// [`NerModel::tag_document`] for sentences read one at a time.
    pub fn tag_sentences<'a>(
        &self,
        sentences: &dyn Sentences<'a>,
    ) -> Vec<Vec<(usize, usize, Label)>> {
        by_sentence(sentences.count(), |emit| {
            self.tag_with(sentences, self.decoders.len(), KEEP_SUMS_UP_TO, emit)
        })
    }

    /// [`NerModel::tag_sentences`], each chunk handed to `emit` as
    /// `(sentence, first_token, end_token_exclusive, label)`, in order:
    /// a long document's chunks are not held a `Vec` per sentence.
    pub fn tag_sentences_into<'a>(
        &self,
        sentences: &dyn Sentences<'a>,
        emit: &mut dyn FnMut(usize, usize, usize, Label),
    ) {
        self.tag_with(sentences, self.decoders.len(), KEEP_SUMS_UP_TO, emit)
    }

    /// Like [`NerModel::tag_document`] with only the first `stages` stages.
    pub fn tag_document_stages(
        &self,
        sentences: &[Vec<&str>],
        stages: usize,
    ) -> Vec<Vec<(usize, usize, Label)>> {
        by_sentence(sentences.len(), |emit| {
            self.tag_with(&sentences, stages, KEEP_SUMS_UP_TO, emit)
        })
    }

    /// [`NerModel::tag_document_stages`]; stage two's sums over the
    /// stage-one features are kept from stage one for documents of up to
    /// `keep_sums_up_to` tokens, and taken again in stage two for longer
    /// ones (the same integers, so the same labels).
    // (`dyn`: one copy of the tagger's code in the wasm, whatever reads
    // the sentences; a call a sentence costs nothing next to tagging it)
    fn tag_with<'a>(
        &self,
        sentences: &dyn Sentences<'a>,
        stages: usize,
        keep_sums_up_to: usize,
        emit: &mut dyn FnMut(usize, usize, usize, Label),
    ) {
        let Some(stage1) = self.decoders.first() else {
            return;
        };
        let stage2 = self.decoders.get(1).filter(|_| stages >= 2);
        let mut ex = Extractor::new(&self.lex, self.bits);
        // Per-token state of the whole document, flat, sentence after
        // sentence (few allocations per document instead of several per
        // sentence): a byte a token (its label, case and whether it is
        // settled) and, for a document whose stage-one sums are kept, four
        // bytes of lookup key through the word cache. A longer document
        // reads its sentences again in stage two, which gives their keys
        // again: kept, they were 12 MB of a 17.5 MB text's peak.
        let tokens = sentences.tokens();
        let keep = tokens <= keep_sums_up_to;
        let mut keys = Keys::with_capacity(if keep && stage2.is_some() { tokens } else { 0 });
        let mut state: Vec<u8> = Vec::with_capacity(if stage2.is_some() { tokens } else { 0 });
        // how stage one labelled each word, for stage two's features
        let mut memory = DocMemory::default();
        // stage two's sums over every token's stage-one features, taken
        // while the same rows are read for stage one
        let mut partial: Vec<[i32; NL]> = Vec::new();
        let mut f = SentFeatures::default();
        let mut em = Vec::new();
        let mut l = Vec::new();
        let mut back = Vec::new();
        let mut at = Vec::new();
        // (taken, not borrowed: a tagger that panics leaves a fresh one)
        let mut cache = WORDS.take();
        cache.begin(self.id);
        let mut ids = Vec::new();
        // tokens labelled `O` unscored (see `Extractor::settled`)
        let mut settled = Vec::new();
        // the sentence at hand's token strings, and its keys and cases
        let mut words: Vec<&'a str> = Vec::new();
        let (mut ks, mut cs) = (Vec::new(), Vec::new());
        for si in 0..sentences.count() {
            sentences.read(si, &mut words);
            cache.analyse(&mut ex, &self.joint, &words, &mut ids);
            ex.settled(&mut settled);
            ex.features_for(&mut f, |t| need(settled[t], ids[t]));
            let second = (stage2.is_some() && keep).then_some(&mut partial);
            let base = |t: usize| ids[t].map_or(&[0; 2 * NL], |id| cache.sums(id));
            self.joint.first(&f, base, &mut em, second, &mut at);
            stage1.viterbi_settled(&em, &settled, &mut l, &mut back);
            if stage2.is_none() {
                keys_and_cases(&ex, &mut ks, &mut cs);
                self.emit_chunks(si, &ks, &cs, &l, &words, emit);
                continue;
            }
            for (t, info) in ex.infos.iter().enumerate() {
                if keep {
                    keys.push(&cache, ids[t], info.key);
                }
                memory.add(info.key, info.cap, l[t]);
                state.push(pack(l[t], info.cap, settled[t]));
            }
        }
        if let Some(stage2) = stage2 {
            let shift = 64 - self.bits;
            // each token's majority label in the document, a sentence at a time
            let mut majs: Vec<u64> = Vec::new();
            // the document features only: the rest is in `partial`
            let mut f2 = SentFeatures::default();
            let mut taken_again = Vec::new();
            let mut ls = Vec::new();
            let mut s1 = 0;
            for si in 0..sentences.count() {
                let s0 = s1;
                s1 += sentences.sentence_len(si);
                settled.clear();
                settled.extend(state[s0..s1].iter().map(|&b| b & SETTLED != 0));
                ls.clear();
                ls.extend(state[s0..s1].iter().map(|&b| b & LABEL));
                // a long document's stage-one sums, keys and cases, taken
                // again sentence by sentence
                let partial = if keep {
                    keys.unpack(&cache, &state, (s0, s1), (&mut ks, &mut cs));
                    &partial[s0..s1]
                } else {
                    sentences.read(si, &mut words);
                    cache.analyse(&mut ex, &self.joint, &words, &mut ids);
                    keys_and_cases(&ex, &mut ks, &mut cs);
                    ex.features_for(&mut f, |t| need(settled[t], ids[t]));
                    let base = |t: usize| ids[t].map_or(&[0; 2 * NL], |id| cache.sums(id));
                    taken_again.clear();
                    self.joint.second_sums(&f, base, &mut taken_again, &mut at);
                    &taken_again[..]
                };
                majs.clear();
                majs.extend(ks.iter().zip(&ls).map(|(&k, &l)| memory.majority(k, l)));
                f2.clear();
                for t in 0..s1 - s0 {
                    if !settled[t] {
                        doc_features_with(&memory, &ks, &cs, &ls, t, |i| majs[i], &mut |h| {
                            f2.rows.push((hash::finish(h) >> shift) as u32)
                        });
                    }
                    f2.starts.push(f2.rows.len() as u32);
                }
                self.joint.second(&f2, partial, &mut em, &mut at);
                stage2.viterbi_settled(&em, &settled, &mut l, &mut back);
                if l.iter().any(|&label| label != 0) {
                    if keep {
                        sentences.read(si, &mut words);
                    }
                    self.emit_chunks(si, &ks, &cs, &l, &words, emit);
                }
            }
        }
        WORDS.set(cache.kept());
    }

    /// Hands `emit` the names of sentence `si`, given its tokens' keys,
    /// cases, final labels and strings.
    fn emit_chunks(
        &self,
        si: usize,
        ks: &[u64],
        cs: &[bool],
        ls: &[u8],
        words: &[&str],
        emit: &mut dyn FnMut(usize, usize, usize, Label),
    ) {
        let possessive = [key_of("'s"), key_of("'")];
        for (s, mut e, ty) in chunks(ls) {
            // a possessive ("Un's", "Un’s") is never part of the name
            while e > s && possessive.contains(&ks[e - 1]) {
                e -= 1;
            }
            if e == s {
                continue;
            }
            let label = LABELS[ty.min(3)];
            match self.hyphen_split(ks, cs, words, s, e) {
                Some(h) => {
                    emit(si, s, h, label);
                    emit(si, h + 1, e, label);
                }
                None => emit(si, s, e, label),
            }
        }
    }

    /// Where to split a chunk like "China - North Korea" into two names: at
    /// a hyphen whose left part is a known place or demonym and whose right
    /// part is capitalized.
    fn hyphen_split(
        &self,
        keys: &[u64],
        caps: &[bool],
        words: &[&str],
        s: usize,
        e: usize,
    ) -> Option<usize> {
        for h in s + 1..e.saturating_sub(1) {
            if !matches!(words[h], "-" | "\u{2013}") || !caps[h + 1] {
                continue;
            }
            let mut ph = PHRASE_SEED;
            for &k in &keys[s..h] {
                ph = mix(ph, k);
            }
            if self.lex.phrase(ph) & (GAZ_COUNTRY | GAZ_CITY | GAZ_REGION | GAZ_DEMONYM) != 0 {
                return Some(h);
            }
        }
        None
    }
}

/// The lookup keys and cases of the sentence `ex` analysed last, in place
/// of what `ks` and `cs` held.
fn keys_and_cases(ex: &Extractor, ks: &mut Vec<u64>, cs: &mut Vec<bool>) {
    ks.clear();
    ks.extend(ex.infos.iter().map(|i| i.key));
    cs.clear();
    cs.extend(ex.infos.iter().map(|i| i.cap));
}

/// Tokens of a document up to which stage two's sums over the stage-one
/// features are kept from stage one (68 bytes a token) instead of taken
/// again: a 5 MB document's sums took 61 MB, more than the rest of its
/// analysis; 100,000 tokens (about 550 KB of text) keep at most 7 MB.
const KEEP_SUMS_UP_TO: usize = 100_000;

/// The chunks a tagging run hands out, gathered a `Vec` per sentence.
fn by_sentence(
    count: usize,
    run: impl FnOnce(&mut dyn FnMut(usize, usize, usize, Label)),
) -> Vec<Vec<(usize, usize, Label)>> {
    let mut out = vec![Vec::new(); count];
    run(&mut |si, s, e, label| out[si].push((s, e, label)));
    out
}

/// A token's state byte in the tagger: its label (the low five bits),
/// whether it is capitalized, and whether it is settled (labelled `O`
/// unscored).
const LABEL: u8 = 0x1f;
const CAP: u8 = 1 << 5;
const SETTLED: u8 = 1 << 6;

fn pack(label: u8, cap: bool, settled: bool) -> u8 {
    debug_assert!(usize::from(label) < NL);
    label | if cap { CAP } else { 0 } | if settled { SETTLED } else { 0 }
}

/// Every token's lookup key in four bytes: its word's entry in the
/// document's [`WordCache`], which holds the key, or for the few tokens
/// whose key is not their word's (recased, or a hash shared with another
/// word) a place in a list of their own.
struct Keys {
    refs: Vec<u32>,
    own: Vec<u64>,
}

/// Marks a ref into [`Keys::own`].
const OWN_KEY: u32 = 1 << 31;

impl Keys {
    fn with_capacity(tokens: usize) -> Keys {
        Keys {
            refs: Vec::with_capacity(tokens),
            own: Vec::new(),
        }
    }

    fn push(&mut self, cache: &WordCache, id: Option<u32>, key: u64) {
        let r = match id {
            Some(id) if id < OWN_KEY && cache.key(id) == key => id,
            _ => {
                self.own.push(key);
                // inputs are far below 2^31 tokens (ingest::MAX_INPUT_BYTES)
                OWN_KEY | u32::try_from(self.own.len() - 1).expect("fewer than 2^31 tokens")
            }
        };
        self.refs.push(r);
    }

    /// The keys and cases of the tokens `s0..s1`, whose state bytes are
    /// in `state`.
    fn unpack(
        &self,
        cache: &WordCache,
        state: &[u8],
        (s0, s1): (usize, usize),
        (ks, cs): (&mut Vec<u64>, &mut Vec<bool>),
    ) {
        ks.clear();
        ks.extend((s0..s1).map(|t| self.get(cache, t)));
        cs.clear();
        cs.extend(state[s0..s1].iter().map(|&b| b & CAP != 0));
    }

    fn get(&self, cache: &WordCache, t: usize) -> u64 {
        let r = self.refs[t];
        if r & OWN_KEY == 0 {
            cache.key(r)
        } else {
            self.own[(r & !OWN_KEY) as usize]
        }
    }
}

/// How the first stage labelled each word (by lookup key) in a document,
/// and how often the word was written capitalized or not.
#[derive(Default)]
pub(crate) struct DocMemory {
    counts: HashMap<u64, ([u16; NL], [u16; 2]), BuildHasherDefault<KeyHasher>>,
}

/// Hasher for keys that are hashes already (lookup keys here, the story
/// step's term keys): one avalanche step instead of SipHash. (Its maps
/// are only looked up, never iterated, so the hasher changes no output.)
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, u64::from(b));
        }
    }
    fn write_u64(&mut self, k: u64) {
        self.0 = hash::finish(k);
    }
}

impl DocMemory {
    pub(crate) fn build(keys: &[Vec<u64>], caps: &[Vec<bool>], labels: &[Vec<u8>]) -> DocMemory {
        DocMemory::from_tokens(
            keys.iter()
                .zip(caps)
                .zip(labels)
                .flat_map(|((ks, cs), ls)| {
                    ks.iter().zip(cs).zip(ls).map(|((&k, &c), &l)| (k, c, l))
                }),
        )
    }

    /// From every token's `(key, capitalized, first-stage label)`.
    pub(crate) fn from_tokens(tokens: impl Iterator<Item = (u64, bool, u8)>) -> DocMemory {
        let mut memory = DocMemory::default();
        for (k, cap, l) in tokens {
            memory.add(k, cap, l);
        }
        memory
    }

    /// Counts one more token: its key, whether capitalized, its
    /// first-stage label.
    pub(crate) fn add(&mut self, key: u64, cap: bool, label: u8) {
        let c = self.counts.entry(key).or_insert(([0; NL], [0; 2]));
        c.0[label as usize] = c.0[label as usize].saturating_add(1);
        c.1[usize::from(cap)] = c.1[usize::from(cap)].saturating_add(1);
    }

    /// Majority entity type (0..4) the word got elsewhere, or 4.
    fn majority(&self, key: u64, own: u8) -> u64 {
        let Some((c, _)) = self.counts.get(&key) else {
            return 4;
        };
        let mut types = [0u32; 4];
        for (l, &n) in c.iter().enumerate().skip(1) {
            let n = u32::from(n) - u32::from(l == own as usize);
            types[type_of(l)] += n;
        }
        let mut best = 4;
        let mut most = 0;
        for (t, &n) in types.iter().enumerate() {
            if n > most {
                most = n;
                best = t;
            }
        }
        best as u64
    }
}

/// The rows a token needs: none when settled as outside any name, its
/// context's alone when its word's own sums are cached (`id`), else all.
fn need(settled: bool, id: Option<u32>) -> Need {
    match (settled, id) {
        (true, _) => Need::Nothing,
        (false, Some(_)) => Need::Context,
        (false, None) => Need::All,
    }
}

/// Document features of token `t` of a sentence: the other labels its word
/// got in the same document (its own first-stage label left out), whether
/// it was also written in lowercase, and what its neighbours' words got.
pub(crate) fn doc_features(
    memory: &DocMemory,
    keys: &[u64],
    caps: &[bool],
    labels: &[u8],
    t: usize,
    push: &mut dyn FnMut(u64),
) {
    doc_features_with(
        memory,
        keys,
        caps,
        labels,
        t,
        |i| memory.majority(keys[i], labels[i]),
        push,
    );
}

/// [`doc_features`] given `majority(i)`, [`DocMemory::majority`] of the
/// sentence's token `i` (computed once per token when tagging).
fn doc_features_with(
    memory: &DocMemory,
    keys: &[u64],
    caps: &[bool],
    labels: &[u8],
    t: usize,
    majority: impl Fn(usize) -> u64,
    push: &mut dyn FnMut(u64),
) {
    let (key, cap, own) = (keys[t], caps[t], labels[t]);
    let prev_label = if t > 0 { u64::from(labels[t - 1]) } else { 99 };
    push(mix(mix(0x76, u64::from(own)), prev_label));
    let Some((c, cased)) = memory.counts.get(&key) else {
        return;
    };
    let mut c = *c;
    c[own as usize] = c[own as usize].saturating_sub(1);
    let mut cased = *cased;
    cased[usize::from(cap)] = cased[usize::from(cap)].saturating_sub(1);
    let mut any = false;
    for (l, &n) in c.iter().enumerate().skip(1) {
        if n > 0 {
            push(mix(mix(0x70, l as u64), u64::from(cap)));
            any = true;
        }
    }
    let maj = majority(t);
    push(mix(mix(0x71, maj), u64::from(cap)));
    push(mix(
        mix(mix(0x72, u64::from(c[0] > 0)), u64::from(any)),
        u64::from(cap),
    ));
    push(mix(
        mix(mix(0x73, u64::from(cased[0] > 0)), u64::from(cased[1] > 0)),
        u64::from(cap),
    ));
    let prev = if t > 0 { majority(t - 1) } else { 5 };
    let next = if t + 1 < keys.len() {
        majority(t + 1)
    } else {
        5
    };
    push(mix(mix(0x74, prev), maj));
    push(mix(mix(0x75, maj), next));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences of the embedded sample coverage, as whitespace tokens.
    fn sample_sentences() -> Vec<String> {
        crate::sample::SAMPLE
            .iter()
            .flat_map(|(_, bytes)| {
                let text = String::from_utf8_lossy(bytes).into_owned();
                text.lines().map(str::to_owned).collect::<Vec<_>>()
            })
            .filter(|line| line.split_whitespace().count() > 2)
            .collect()
    }

    /// Each line's whitespace tokens.
    fn words_of(lines: &[String]) -> Vec<Vec<&str>> {
        lines
            .iter()
            .map(|l| l.split_whitespace().collect())
            .collect()
    }

    /// Let go, the embedded model is decoded again on its next use, and
    /// one still held elsewhere stays whole and tags the same.
    #[test]
    fn the_embedded_model_is_decoded_again_after_it_is_let_go() {
        let lines = sample_sentences();
        let sentences = words_of(&lines);
        let held = NerModel::embedded();
        NerModel::release_embedded();
        let again = NerModel::embedded();
        assert!(!Arc::ptr_eq(&held, &again), "a new model after the release");
        let found = again.tag_document(&sentences);
        assert!(found.iter().map(Vec::len).sum::<usize>() > 50);
        assert_eq!(held.tag_document(&sentences), found);
    }

    #[test]
    fn the_model_file_reads_the_same_after_its_pages_are_let_go() {
        let before = hash::hash_bytes(MODEL_BYTES);
        let first = NerModel::from_bytes(MODEL_BYTES).expect("decodes");
        let_go_of_file_pages(MODEL_BYTES);
        assert_eq!(
            hash::hash_bytes(MODEL_BYTES),
            before,
            "the same bytes, read back in"
        );
        let again = NerModel::from_bytes(MODEL_BYTES).expect("decodes again");
        let lines = sample_sentences();
        let sentences = words_of(&lines);
        assert_eq!(
            first.tag_document(&sentences),
            again.tag_document(&sentences)
        );
    }

    #[test]
    fn a_long_document_gets_the_same_labels_with_its_sums_taken_again() {
        let model = NerModel::embedded();
        let lines = sample_sentences();
        let sentences = words_of(&lines);
        let tag = |stages, keep| {
            by_sentence(sentences.len(), |emit| {
                model.tag_with(&&sentences[..], stages, keep, emit)
            })
        };
        let kept = tag(2, usize::MAX);
        let again = tag(2, 0);
        let names: usize = kept.iter().map(Vec::len).sum();
        assert!(
            names > 50,
            "the sample should hold many names, found {names}"
        );
        assert_eq!(kept, again);
        // and stage two changes something, so the sums it reads matter
        assert_ne!(tag(1, usize::MAX), kept);
    }

    #[test]
    fn a_document_gets_the_same_names_whatever_the_thread_tagged_before() {
        let model = NerModel::embedded();
        let lines = sample_sentences();
        let sentences = words_of(&lines);
        let (first, second) = sentences.split_at(sentences.len() / 2);
        let tag = |s: &[Vec<&str>]| model.tag_document(s);
        // a fresh thread: an empty word cache
        let alone = std::thread::scope(|scope| scope.spawn(|| tag(second)).join().unwrap());
        // after another document, most of whose words are cached
        let after = std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    tag(first);
                    let cached = WORDS.with_borrow(WordCache::len);
                    (cached, tag(second))
                })
                .join()
                .unwrap()
        });
        assert!(
            after.0 > 100,
            "the first document's words stay: {}",
            after.0
        );
        assert_eq!(alone, after.1);
        assert!(alone.iter().map(Vec::len).sum::<usize>() > 20);
    }

    #[test]
    fn a_token_keeps_its_key_and_state_in_five_bytes() {
        let model = NerModel::embedded();
        let mut ex = Extractor::new(&model.lex, model.bits);
        let mut cache = WordCache::new();
        let mut ids = Vec::new();
        // a headline recases its words: their keys are not their words' own
        let lines = [
            "Talvik Motors Recalls Cars After Brake Failures In Norway",
            "Talvik Motors said on Monday it would recall cars in Norway .",
        ];
        let mut keys = Keys::with_capacity(0);
        let mut want = Vec::new();
        for line in lines {
            let words: Vec<&str> = line.split(' ').collect();
            cache.analyse(&mut ex, &model.joint, &words, &mut ids);
            for (t, info) in ex.infos.iter().enumerate() {
                keys.push(&cache, ids[t], info.key);
                want.push(info.key);
            }
        }
        // a cache entry whose key is not the token's goes to the token's own list
        keys.push(&cache, Some(0), cache.key(0) ^ 1);
        want.push(cache.key(0) ^ 1);
        keys.push(&cache, None, 42);
        want.push(42);
        let got: Vec<u64> = (0..want.len()).map(|t| keys.get(&cache, t)).collect();
        assert_eq!(got, want);
        assert!(
            keys.own.len() > 2 && keys.own.len() < want.len() / 2,
            "{}",
            keys.own.len()
        );
        for label in 0..NL as u8 {
            for (cap, settled) in [(false, false), (true, false), (false, true), (true, true)] {
                let b = pack(label, cap, settled);
                assert_eq!(
                    (b & LABEL, b & CAP != 0, b & SETTLED != 0),
                    (label, cap, settled)
                );
            }
        }
    }

    #[test]
    fn settled_tokens_are_ones_the_scores_label_outside_names() {
        // scored in full, stage one: every token `Extractor::settled` marks
        // (and labels `O` unscored) gets `O` from the scores too
        let model = NerModel::embedded();
        let mut ex = Extractor::new(&model.lex, model.bits);
        let (mut f, mut em, mut at) = (SentFeatures::default(), Vec::new(), Vec::new());
        let (mut labels, mut back, mut settled) = (Vec::new(), Vec::new(), Vec::new());
        let (mut marked, mut tokens, mut names) = (0, 0, 0);
        for line in sample_sentences() {
            let words: Vec<&str> = line.split_whitespace().collect();
            ex.analyse(&words);
            ex.settled(&mut settled);
            ex.features(&mut f, |_, _| {});
            model
                .joint
                .first(&f, |_| &[0; 2 * NL], &mut em, None, &mut at);
            model.decoders[0].viterbi_settled(&em, &[], &mut labels, &mut back);
            for t in (0..words.len()).filter(|&t| settled[t]) {
                assert_eq!(labels[t], 0, "{:?} in {line}", words[t]);
                marked += 1;
            }
            tokens += words.len();
            names += labels.iter().filter(|&&l| l != 0).count();
        }
        assert!(
            marked * 5 > tokens && names > 50,
            "{marked} {tokens} {names}"
        );
    }
}
