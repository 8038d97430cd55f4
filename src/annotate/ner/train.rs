//! Deterministic training: an averaged structured perceptron per stage,
//! with the second stage's document features cross-fitted over folds.
//!
//! No I/O: the `ner` binary reads the CoNLL files and writes the bytes
//! [`train`] returns.

// Index loops over the fixed-size label arrays read like the maths.
#![allow(clippy::needless_range_loop)]

use super::features::SentFeatures;
use std::collections::HashMap;

use super::features::{first_word, F_ALL_LOWER, F_HAS_LETTER, F_INIT_UPPER, MODE_NORMAL};
use super::lexicon::{casing_key, Lexicon, LexiconSource};
use super::model::{labels_of, viterbi, Stage, NL};
use super::{doc_features, NerModel};

/// One training document: sentences of tokens with gold chunks
/// `(start, end_exclusive, type)` (type in `Label` order).
#[derive(Clone, Debug, Default)]
pub struct TrainDoc {
    /// Sentences of token strings.
    pub sentences: Vec<Vec<String>>,
    /// Gold chunks per sentence.
    pub chunks: Vec<Vec<(usize, usize, usize)>>,
}

/// Training settings.
#[derive(Clone, Debug)]
pub struct Settings {
    /// log2 of the feature table's rows.
    pub bits: u32,
    /// Perceptron passes per stage.
    pub epochs: usize,
    /// Cross-fitting folds for the second stage; 0 trains one stage only.
    pub folds: usize,
    /// Averaged weights below this are dropped.
    pub prune: f32,
    /// Share of sentences also trained as an ALL CAPS or Title Case copy.
    pub augment: f32,
    /// Share of those copies that are ALL CAPS (the rest are Title Case).
    pub augment_upper: f32,
    /// Chance, per token and pass, that training hides the token's own
    /// word-identity features, so that the weights also learn to name a
    /// word no list contains from its shape, affixes, classes and context.
    pub word_dropout: f32,
    /// Added to every shuffling seed (0 is the committed model).
    pub seed: u64,
    /// Learn how words are usually written, to recase headlines.
    pub recase: bool,
    /// Progress lines go here.
    pub verbose: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            bits: 20,
            epochs: 10,
            folds: 4,
            prune: 0.0,
            augment: 0.0,
            augment_upper: 0.5,
            word_dropout: 0.0,
            seed: 0,
            recase: true,
            verbose: false,
        }
    }
}

/// Small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Float weights of one stage while training.
struct Perceptron {
    w: Vec<f32>,
    acc: Vec<f64>,
    trans: Vec<f32>,
    tacc: Vec<f64>,
    start: Vec<f32>,
    sacc: Vec<f64>,
    c: f64,
}

impl Perceptron {
    fn new(bits: u32) -> Perceptron {
        let n = (1usize << bits) * NL;
        Perceptron {
            w: vec![0.0; n],
            acc: vec![0.0; n],
            trans: vec![0.0; NL * NL],
            tacc: vec![0.0; NL * NL],
            start: vec![0.0; NL],
            sacc: vec![0.0; NL],
            c: 1.0,
        }
    }

    fn emissions(&self, f: &SentFeatures, skip: &[u8], out: &mut Vec<f32>) {
        out.clear();
        for t in 0..f.len() {
            let mut acc = [0f32; NL];
            for &r in &f.token(t)[usize::from(skip[t])..] {
                let row = &self.w[r as usize * NL..r as usize * NL + NL];
                for l in 0..NL {
                    acc[l] += row[l];
                }
            }
            out.extend_from_slice(&acc);
        }
    }

    fn decode(&self, f: &SentFeatures, skip: &[u8], em: &mut Vec<f32>, labels: &mut Vec<u8>) {
        self.emissions(f, skip, em);
        let (t, s) = self.tables(&self.trans, &self.start);
        viterbi(em, &t, &s, labels);
    }

    fn tables(&self, trans: &[f32], start: &[f32]) -> ([[f32; NL]; NL], [f32; NL]) {
        let mut t = [[-1.0e9f32; NL]; NL];
        let mut s = [-1.0e9f32; NL];
        for a in 0..NL {
            for b in 0..NL {
                if super::model::allowed(Some(a), b) {
                    t[a][b] = trans[a * NL + b];
                }
            }
            if super::model::allowed(None, a) {
                s[a] = start[a];
            }
        }
        (t, s)
    }

    fn update(&mut self, f: &SentFeatures, skip: &[u8], gold: &[u8], pred: &[u8]) {
        let c = self.c;
        for t in 0..gold.len() {
            let (g, p) = (gold[t] as usize, pred[t] as usize);
            if g != p {
                for &r in &f.token(t)[usize::from(skip[t])..] {
                    let base = r as usize * NL;
                    self.w[base + g] += 1.0;
                    self.acc[base + g] += c;
                    self.w[base + p] -= 1.0;
                    self.acc[base + p] -= c;
                }
            }
            let (gp, pp) = if t == 0 {
                (None, None)
            } else {
                (Some(gold[t - 1] as usize), Some(pred[t - 1] as usize))
            };
            if (gp, g) != (pp, p) {
                match gp {
                    None => {
                        self.start[g] += 1.0;
                        self.sacc[g] += c;
                    }
                    Some(a) => {
                        self.trans[a * NL + g] += 1.0;
                        self.tacc[a * NL + g] += c;
                    }
                }
                match pp {
                    None => {
                        self.start[p] -= 1.0;
                        self.sacc[p] -= c;
                    }
                    Some(a) => {
                        self.trans[a * NL + p] -= 1.0;
                        self.tacc[a * NL + p] -= c;
                    }
                }
            }
        }
    }

    fn averaged(&self) -> (Vec<f32>, Vec<f32>, Vec<f32>) {
        let avg = |w: &[f32], a: &[f64]| -> Vec<f32> {
            w.iter()
                .zip(a)
                .map(|(&w, &a)| (f64::from(w) - a / self.c) as f32)
                .collect()
        };
        (
            avg(&self.w, &self.acc),
            avg(&self.trans, &self.tacc),
            avg(&self.start, &self.sacc),
        )
    }
}

/// Trains one stage on sentences of features and gold labels.
fn train_stage(
    feats: &[SentFeatures],
    gold: &[Vec<u8>],
    s: &Settings,
    seed: u64,
) -> (Vec<f32>, Vec<f32>, Vec<f32>) {
    let mut p = Perceptron::new(s.bits);
    let mut order: Vec<usize> = (0..feats.len()).collect();
    let mut rng = Rng((seed + s.seed) | 1);
    let mut drop_rng = Rng((seed + s.seed) ^ 0xd50f_u64 | 1);
    let threshold = (f64::from(s.word_dropout) * (1u64 << 53) as f64) as u64;
    let mut em = Vec::new();
    let mut labels = Vec::new();
    let mut skip = Vec::new();
    for epoch in 0..s.epochs {
        rng.shuffle(&mut order);
        let mut errors = 0usize;
        let mut tokens = 0usize;
        for &i in &order {
            let f = &feats[i];
            skip.clear();
            skip.resize(f.len(), 0);
            if threshold > 0 {
                for (t, k) in skip.iter_mut().enumerate() {
                    if drop_rng.next() >> 11 < threshold {
                        *k = f.lexical[t];
                    }
                }
            }
            p.decode(f, &skip, &mut em, &mut labels);
            tokens += labels.len();
            let wrong = labels.iter().zip(&gold[i]).filter(|(a, b)| a != b).count();
            if wrong > 0 {
                errors += wrong;
                p.update(f, &skip, &gold[i], &labels);
            }
            p.c += 1.0;
        }
        if s.verbose {
            eprintln!("  epoch {epoch}: {errors} token errors of {tokens}");
        }
    }
    p.averaged()
}

/// Features of every sentence of every document for stage one.
fn stage1_features(lex: &Lexicon, docs: &[TrainDoc], bits: u32) -> Vec<Vec<SentFeatures>> {
    let mut ex = super::features::Extractor::new(lex, bits);
    docs.iter()
        .map(|d| {
            d.sentences
                .iter()
                .map(|s| {
                    let words: Vec<&str> = s.iter().map(String::as_str).collect();
                    ex.analyse(&words);
                    let mut f = SentFeatures::default();
                    ex.features(&mut f, |_, _| {});
                    f
                })
                .collect()
        })
        .collect()
}

/// Stage-two features: stage-one rows plus document features built from
/// `labels1` (stage-one labels of the same document).
fn stage2_features(
    lex: &Lexicon,
    doc: &TrainDoc,
    f1: &[SentFeatures],
    labels1: &[Vec<u8>],
    bits: u32,
) -> Vec<SentFeatures> {
    let mut ex = super::features::Extractor::new(lex, bits);
    let mut keys: Vec<Vec<u64>> = Vec::new();
    let mut caps: Vec<Vec<bool>> = Vec::new();
    for s in &doc.sentences {
        let words: Vec<&str> = s.iter().map(String::as_str).collect();
        ex.analyse(&words);
        keys.push(ex.infos.iter().map(|i| i.key).collect());
        caps.push(ex.infos.iter().map(|i| i.cap).collect());
    }
    let memory = super::DocMemory::build(&keys, &caps, labels1);
    let shift = 64 - bits;
    f1.iter()
        .enumerate()
        .map(|(si, f)| {
            let mut out = SentFeatures::default();
            out.clear();
            for t in 0..f.len() {
                out.rows.extend_from_slice(f.token(t));
                out.lexical.push(f.lexical[t]);
                doc_features(&memory, &keys[si], &caps[si], &labels1[si], t, &mut |h| {
                    out.rows.push((super::hash::finish(h) >> shift) as u32)
                });
                out.starts.push(out.rows.len() as u32);
            }
            out
        })
        .collect()
}

/// Learns how words are usually written from the normal-case sentences
/// of `docs` (the sentence's first word left out): per word, and per word
/// class by a vote of its words.
pub fn learn_casing(src: &mut LexiconSource, docs: &[TrainDoc]) {
    let lex = Lexicon::build(src);
    let mut ex = super::features::Extractor::new(&lex, 16);
    let mut counts: HashMap<u64, (u32, u32, u16)> = HashMap::new();
    for d in docs {
        for sent in &d.sentences {
            let words: Vec<&str> = sent.iter().map(String::as_str).collect();
            ex.analyse(&words);
            if ex.mode != MODE_NORMAL {
                continue;
            }
            let first = first_word(&ex.infos);
            for (t, info) in ex.infos.iter().enumerate() {
                if t == first || info.flags & F_HAS_LETTER == 0 {
                    continue;
                }
                let c = counts.entry(info.key).or_insert((0, 0, info.classes[2]));
                if info.flags & F_ALL_LOWER != 0 {
                    c.0 += 1;
                } else if info.flags & F_INIT_UPPER != 0 {
                    c.1 += 1;
                }
            }
        }
    }
    let mut lower = Vec::new();
    let mut upper = Vec::new();
    let mut votes = vec![(0u32, 0u32); 1024];
    for (&key, &(lc, uc, class)) in &counts {
        if lc == uc {
            continue;
        }
        let is_lower = lc > uc;
        if is_lower {
            lower.push(casing_key(key));
        } else {
            upper.push(casing_key(key));
        }
        if let Some(v) = votes.get_mut(usize::from(class)) {
            if is_lower {
                v.0 += 1;
            } else {
                v.1 += 1;
            }
        }
    }
    lower.sort_unstable();
    lower.dedup();
    upper.sort_unstable();
    upper.dedup();
    src.lower_words = lower;
    src.upper_words = upper;
    src.class_casing = votes
        .iter()
        .map(|&(l, u)| match l.cmp(&u) {
            std::cmp::Ordering::Greater => 1,
            std::cmp::Ordering::Less => 2,
            std::cmp::Ordering::Equal => 0,
        })
        .collect();
}

/// Trains a model and returns the model file's bytes.
pub fn train(src: &LexiconSource, docs: &[TrainDoc], s: &Settings) -> Vec<u8> {
    let mut src = src.clone();
    if s.recase {
        learn_casing(&mut src, docs);
    }
    let src = &src;
    let lex = Lexicon::build(src);
    let mut all: Vec<TrainDoc> = docs.to_vec();
    if s.augment > 0.0 {
        all.extend(augmented(docs, s.augment, s.augment_upper, 7));
    }
    let docs = &all[..];
    let feats = stage1_features(&lex, docs, s.bits);
    let gold: Vec<Vec<Vec<u8>>> = docs
        .iter()
        .map(|d| {
            d.sentences
                .iter()
                .zip(&d.chunks)
                .map(|(s, c)| labels_of(s.len(), c))
                .collect()
        })
        .collect();
    let flat_f: Vec<SentFeatures> = feats.iter().flatten().cloned().collect();
    let flat_g: Vec<Vec<u8>> = gold.iter().flatten().cloned().collect();
    if s.verbose {
        eprintln!("stage 1: {} sentences", flat_f.len());
    }
    let (w1, t1, s1) = train_stage(&flat_f, &flat_g, s, 1);
    let stage1 = Stage::quantize(s.bits, &w1, &t1, &s1, s.prune);
    let mut stages = vec![stage1];
    if s.folds >= 2 {
        // cross-fitted stage-one labels for every training document
        let mut labels1: Vec<Vec<Vec<u8>>> = vec![Vec::new(); docs.len()];
        for k in 0..s.folds {
            let (tf, tg): (Vec<SentFeatures>, Vec<Vec<u8>>) = (0..docs.len())
                .filter(|d| d % s.folds != k)
                .flat_map(|d| feats[d].iter().cloned().zip(gold[d].iter().cloned()))
                .unzip();
            if s.verbose {
                eprintln!("fold {k}: {} sentences", tf.len());
            }
            let (w, t, st) = train_stage(&tf, &tg, s, 100 + k as u64);
            let fold_stage = Stage::quantize(s.bits, &w, &t, &st, s.prune);
            let mut em = Vec::new();
            for d in (0..docs.len()).filter(|d| d % s.folds == k) {
                labels1[d] = feats[d]
                    .iter()
                    .map(|f| {
                        let mut l = Vec::new();
                        fold_stage.emissions(f, &mut em, &mut Vec::new());
                        fold_stage.viterbi(&em, &mut l, &mut Vec::new());
                        l
                    })
                    .collect();
            }
        }
        let f2: Vec<SentFeatures> = (0..docs.len())
            .flat_map(|d| stage2_features(&lex, &docs[d], &feats[d], &labels1[d], s.bits))
            .collect();
        if s.verbose {
            eprintln!("stage 2");
        }
        let (w2, t2, s2) = train_stage(&f2, &flat_g, s, 2);
        stages.push(Stage::quantize(s.bits, &w2, &t2, &s2, s.prune));
    }
    NerModel::to_bytes(src, &stages)
}

/// Words left lowercase in Title Case.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "vs",
    "via", "with",
];

/// Case-changed copies of a share `p` of the sentences, per document: a
/// share `upper_share` of them ALL CAPS, the rest Title Case (as in headlines).
pub fn augmented(docs: &[TrainDoc], p: f32, upper_share: f32, seed: u64) -> Vec<TrainDoc> {
    let mut rng = Rng(seed | 1);
    let mut out = Vec::new();
    for d in docs {
        let mut copy = TrainDoc::default();
        for (s, c) in d.sentences.iter().zip(&d.chunks) {
            let roll = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
            if roll >= f64::from(p) {
                continue;
            }
            let roll_upper = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
            let upper = roll_upper < f64::from(upper_share);
            let words: Vec<String> = s
                .iter()
                .map(|w| {
                    if upper {
                        w.to_uppercase()
                    } else if w.chars().all(char::is_lowercase)
                        && !SMALL_WORDS.contains(&w.as_str())
                    {
                        let mut cs = w.chars();
                        match cs.next() {
                            Some(f) => f.to_uppercase().chain(cs).collect(),
                            None => String::new(),
                        }
                    } else {
                        w.clone()
                    }
                })
                .collect();
            copy.sentences.push(words);
            copy.chunks.push(c.clone());
        }
        if !copy.sentences.is_empty() {
            out.push(copy);
        }
    }
    out
}
