//! Feature extraction: each token becomes a list of hashed feature rows.
//!
//! Nothing here builds strings per feature: every feature is a template
//! number mixed with value hashes ([`super::hash`]) and cut to the weight
//! table's width. Entry point: [`Extractor::sentence`].

// Index loops over the fixed-size label arrays read like the maths.
#![allow(clippy::needless_range_loop)]

use super::hash::{finish, hash_bytes, mix};
use super::lexicon::{is_mark, key_of, lookup_form, Lexicon, GAZ_BITS, PHRASE_SEED};

/// Per-token facts the templates combine.
#[derive(Clone, Copy, Default)]
pub(crate) struct TokInfo {
    /// Key of the lookup form (lowercase, marks dropped).
    pub(crate) key: u64,
    raw: u64,
    shape: u64,
    pub(crate) flags: u32,
    pub(crate) classes: [u16; 4],
    pre: [u64; 4],
    suf: [u64; 4],
    npre: u8,
    /// Gazetteer hits: category bit index * 4 + position (B, I, L, U).
    gaz: u32,
    pub(crate) cap: bool,
}

pub(crate) const F_INIT_UPPER: u32 = 1;
const F_ALL_UPPER: u32 = 2;
pub(crate) const F_ALL_LOWER: u32 = 4;
const F_HAS_DIGIT: u32 = 8;
const F_ALL_DIGIT: u32 = 16;
pub(crate) const F_HAS_LETTER: u32 = 32;
const F_HAS_DOT: u32 = 64;
const F_HAS_APOS: u32 = 128;
const F_INITIAL: u32 = 256;
const F_INNER_UPPER: u32 = 512;

const NO_CLASS: u16 = u16::MAX;

/// Sentence casing modes.
pub(crate) const MODE_NORMAL: u64 = 0;
const MODE_CAPS: u64 = 1;
const MODE_TITLE: u64 = 2;

fn class_of(c: char) -> u32 {
    if c.is_uppercase() {
        'X' as u32
    } else if c.is_alphabetic() {
        'x' as u32
    } else if c.is_numeric() {
        'd' as u32
    } else {
        c as u32
    }
}

/// Works out a token's facts; `form` is scratch space.
pub(crate) fn tok_info(lex: &Lexicon, word: &str, form: &mut String) -> TokInfo {
    let mut info = tok_info_unclassed(word, form);
    info.classes = word_classes(lex, info.key);
    info
}

/// The word classes of a lookup key.
#[inline]
pub(crate) fn word_classes(lex: &Lexicon, key: u64) -> [u16; 4] {
    lex.classes(key).unwrap_or([NO_CLASS; 4])
}

/// [`tok_info`] without the word classes (left `NO_CLASS`), which need a
/// lookup in a large table: [`Extractor::analyse`] does those for a whole
/// sentence in a row, so their cache misses overlap.
pub(crate) fn tok_info_unclassed(word: &str, form: &mut String) -> TokInfo {
    lookup_form(word, form);
    let key = key_of(form);
    let mut flags = 0u32;
    let mut shape = 0x1234_u64;
    let mut last_class = 0u32;
    let mut run = 0u32;
    let mut nletters = 0u32;
    let mut nupper = 0u32;
    let mut nlower = 0u32;
    let mut ndigit = 0u32;
    let mut nchars = 0u32;
    let mut prev_lower = false;
    for (i, c) in word.chars().enumerate() {
        if is_mark(c) {
            continue;
        }
        nchars += 1;
        if c.is_alphabetic() {
            nletters += 1;
            if c.is_uppercase() {
                nupper += 1;
                if i == 0 {
                    flags |= F_INIT_UPPER;
                }
                if prev_lower {
                    flags |= F_INNER_UPPER;
                }
                prev_lower = false;
            } else {
                nlower += 1;
                prev_lower = true;
            }
        } else if c.is_numeric() {
            ndigit += 1;
        } else if c == '.' {
            flags |= F_HAS_DOT;
        } else if c == '\'' || c == '\u{2019}' {
            flags |= F_HAS_APOS;
        }
        let cl = class_of(c);
        if cl == last_class {
            run += 1;
            if run == 2 {
                // runs of 1, 2 and more are told apart
                shape = mix(shape, u64::from(cl) | 0x1_0000_0000);
            }
        } else {
            shape = mix(shape, u64::from(cl));
            last_class = cl;
            run = 1;
        }
    }
    if nletters > 0 {
        flags |= F_HAS_LETTER;
        if nlower == 0 {
            flags |= F_ALL_UPPER;
        }
        if nupper == 0 {
            flags |= F_ALL_LOWER;
        }
    }
    if ndigit > 0 {
        flags |= F_HAS_DIGIT;
        if ndigit == nchars {
            flags |= F_ALL_DIGIT;
        }
    }
    if nletters == 1 && nupper == 1 && nchars == 2 && flags & F_HAS_DOT != 0 {
        flags |= F_INITIAL;
    }
    let len_bucket = match nchars {
        0..=4 => nchars,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    };
    flags |= len_bucket << 12;
    let mut pre = [0u64; 4];
    let mut suf = [0u64; 4];
    let fb = form.as_bytes();
    let mut ends: [usize; 5] = [0; 5];
    let mut nc = 0usize;
    for (i, _) in form.char_indices().skip(1).take(4) {
        nc += 1;
        ends[nc] = i;
    }
    let total_chars = form.chars().count();
    let npre = total_chars.min(4);
    for k in 1..=npre {
        let end = if k <= nc { ends[k] } else { fb.len() };
        pre[k - 1] = hash_bytes(&fb[..end]);
    }
    let mut starts: [usize; 5] = [fb.len(); 5];
    for (k, (i, _)) in form.char_indices().rev().take(4).enumerate() {
        starts[k + 1] = i;
    }
    for k in 1..=npre {
        suf[k - 1] = hash_bytes(&fb[starts[k]..]);
    }
    TokInfo {
        key,
        raw: hash_bytes(word.as_bytes()),
        shape,
        flags,
        classes: [NO_CLASS; 4],
        pre,
        suf,
        npre: npre as u8,
        gaz: 0,
        cap: flags & F_INIT_UPPER != 0,
    }
}

/// Marks gazetteer matches (longest first at each start) on the tokens.
pub(crate) fn mark_gazetteer(lex: &Lexicon, infos: &mut [TokInfo]) {
    mark_longest(infos, |infos, i| {
        let mut h = PHRASE_SEED;
        let mut best: Option<(usize, u8)> = None;
        for j in i..infos.len().min(i + lex.max_phrase) {
            h = mix(h, infos[j].key);
            let (cats, more) = lex.phrase_step(h);
            if cats != 0 {
                best = Some((j + 1, cats));
            }
            if !more {
                break;
            }
        }
        best
    });
}

/// Marks, from left to right, the longest match `longest(infos, i)`
/// (its end and categories) starting at each token not already in one.
fn mark_longest(infos: &mut [TokInfo], longest: impl Fn(&[TokInfo], usize) -> Option<(usize, u8)>) {
    let mut i = 0;
    while i < infos.len() {
        if let Some((end, cats)) = longest(infos, i) {
            mark_match(&mut infos[i..end], cats);
            i = end;
        } else {
            i += 1;
        }
    }
}

/// Marks the tokens of one gazetteer match with its categories `cats`,
/// each as begin, inside, last or single.
fn mark_match(infos: &mut [TokInfo], cats: u8) {
    let len = infos.len();
    for bit in 0..GAZ_BITS {
        if cats & (1 << bit) == 0 {
            continue;
        }
        for (k, info) in infos.iter_mut().enumerate() {
            let pos = if len == 1 {
                3
            } else if k == 0 {
                0
            } else if k + 1 == len {
                2
            } else {
                1
            };
            info.gaz |= 1 << (bit * 4 + pos);
        }
    }
}

/// Features extracted for one sentence: token `t` owns
/// `rows[starts[t] as usize..starts[t + 1] as usize]`.
#[derive(Default, Clone)]
pub(crate) struct SentFeatures {
    pub(crate) rows: Vec<u32>,
    pub(crate) starts: Vec<u32>,
    /// Per token: how many of its first rows are its own word-identity
    /// features (training may drop them to learn from the rest).
    pub(crate) lexical: Vec<u8>,
}

impl SentFeatures {
    pub(crate) fn clear(&mut self) {
        self.rows.clear();
        self.starts.clear();
        self.starts.push(0);
        self.lexical.clear();
    }
    pub(crate) fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }
    #[inline]
    pub(crate) fn token(&self, t: usize) -> &[u32] {
        &self.rows[self.starts[t] as usize..self.starts[t + 1] as usize]
    }
}

/// The casing mode of a sentence: ALL CAPS, Title Case or normal.
pub(crate) fn sentence_mode(infos: &[TokInfo]) -> u64 {
    let mut words = 0;
    let mut caps = 0;
    let mut long_words = 0;
    let mut titled = 0;
    for inf in infos {
        if inf.flags & F_HAS_LETTER != 0 {
            words += 1;
            if inf.flags & F_ALL_UPPER != 0 && inf.flags & F_INITIAL == 0 {
                caps += 1;
            }
            if (inf.flags >> 12) >= 4 {
                long_words += 1;
                if inf.flags & F_INIT_UPPER != 0 {
                    titled += 1;
                }
            }
        }
    }
    if words >= 2 && caps * 10 >= words * 8 {
        MODE_CAPS
    } else if long_words >= 3 && titled * 4 >= long_words * 3 {
        MODE_TITLE
    } else {
        MODE_NORMAL
    }
}

/// The first token with a letter or digit (sentence-initial capitals are
/// not a name's).
pub(crate) fn first_word(infos: &[TokInfo]) -> usize {
    infos
        .iter()
        .position(|i| i.flags & (F_HAS_LETTER | F_HAS_DIGIT) != 0)
        .unwrap_or(0)
}

/// Turns tokens into feature rows with a fixed table width.
pub(crate) struct Extractor<'a> {
    pub(crate) lex: &'a Lexicon,
    pub(crate) bits: u32,
    form: String,
    pub(crate) infos: Vec<TokInfo>,
    /// Casing mode of the sentence last analysed.
    pub(crate) mode: u64,
    /// Which of its tokens were recased (empty when none was).
    pub(crate) recased: Vec<bool>,
}

const BOUNDARY: TokInfo = TokInfo {
    key: 0xb0b0,
    raw: 0xb0b0,
    shape: 0xb0b0,
    flags: 0xffff,
    classes: [NO_CLASS - 1; 4],
    pre: [0; 4],
    suf: [0; 4],
    npre: 0,
    gaz: 0,
    cap: false,
};

impl<'a> Extractor<'a> {
    pub(crate) fn new(lex: &'a Lexicon, bits: u32) -> Extractor<'a> {
        Extractor {
            lex,
            bits,
            form: String::new(),
            infos: Vec::new(),
            mode: MODE_NORMAL,
            recased: Vec::new(),
        }
    }

    /// Fills `self.infos` (and `self.mode`) for a sentence. A Title Case
    /// headline is first recased the way its words are usually written
    /// (see [`Lexicon::usually_lower`]): "Apple Unveils New iPhone As
    /// Samsung Struggles" is read as "Apple unveils new iPhone as Samsung
    /// struggles"; words whose usual casing is unknown keep theirs. (ALL
    /// CAPS sentences are left as they are: recasing them cost dev F1.)
    pub(crate) fn analyse(&mut self, words: &[&str]) {
        self.infos.clear();
        for w in words {
            let info = tok_info_unclassed(w, &mut self.form);
            self.infos.push(info);
        }
        for info in &mut self.infos {
            info.classes = word_classes(self.lex, info.key);
        }
        self.in_context(words);
    }

    /// [`Extractor::analyse`] with every word's [`tok_info`] known already
    /// (from [`super::words::WordCache`]).
    pub(crate) fn analyse_known(&mut self, words: &[&str], infos: impl Iterator<Item = TokInfo>) {
        self.infos.clear();
        self.infos.extend(infos);
        self.in_context(words);
    }

    /// The sentence-level part of [`Extractor::analyse`] once `self.infos`
    /// holds each word's own [`tok_info`]: casing mode, headline recasing
    /// (noted in `self.recased`) and gazetteer matches.
    fn in_context(&mut self, words: &[&str]) {
        self.recased.clear();
        self.mode = sentence_mode(&self.infos);
        if self.mode == MODE_TITLE && self.lex.has_casing() {
            let first = first_word(&self.infos);
            let lower: Vec<bool> = self
                .infos
                .iter()
                .enumerate()
                .map(|(t, info)| {
                    t != first
                        && info.flags & F_INIT_UPPER != 0
                        && self.lex.usually_lower(info.key, info.classes[2]) == Some(true)
                })
                .collect();
            let capitalized = self
                .infos
                .iter()
                .enumerate()
                .filter(|(t, i)| *t != first && i.flags & F_INIT_UPPER != 0)
                .count();
            let n_lower = lower.iter().filter(|&&l| l).count();
            // a headline, not a list of names (sports results, line-ups)
            if n_lower * 2 >= capitalized {
                self.recased = lower;
                let mut recased = String::new();
                for (t, w) in words.iter().enumerate() {
                    if self.recased[t] {
                        recased.clear();
                        recased.extend(w.chars().flat_map(char::to_lowercase));
                        self.infos[t] = tok_info(self.lex, &recased, &mut self.form);
                    }
                }
            }
        }
        mark_gazetteer(self.lex, &mut self.infos);
    }

    /// Extracts the stage-one features of the sentence last analysed;
    /// `extra(t, push)` may add more feature hashes per token.
    pub(crate) fn features(
        &self,
        out: &mut SentFeatures,
        mut extra: impl FnMut(usize, &mut dyn FnMut(u64)),
    ) {
        out.clear();
        let shift = 64 - self.bits;
        let first = first_word(&self.infos);
        for t in 0..self.infos.len() {
            let rows = &mut out.rows;
            templates::<true, true>(&self.infos, t, first, self.mode, &mut |h| {
                rows.push((h >> shift) as u32)
            });
            // the token's own word identity first (see `SentFeatures::lexical`)
            out.lexical.push(5 + u8::from(t == first));
            extra(t, &mut |h| {
                rows.push((finish(h) >> shift) as u32);
            });
            out.starts.push(out.rows.len() as u32);
        }
    }

    /// [`Extractor::features`] with only the rows `need(t)` asks for:
    /// all, all but the [`word_features`] (summed already), or none (a
    /// token [`Extractor::settled`] as outside any name). A token's rows
    /// come in another order than [`Extractor::features`] gives them,
    /// which sums do not mind.
    pub(crate) fn features_for(&self, out: &mut SentFeatures, need: impl Fn(usize) -> Need) {
        out.clear();
        let shift = 64 - self.bits;
        let first = first_word(&self.infos);
        for t in 0..self.infos.len() {
            let rows = &mut out.rows;
            let mut push = |h: u64| rows.push((h >> shift) as u32);
            match need(t) {
                Need::All => templates::<true, true>(&self.infos, t, first, self.mode, &mut push),
                Need::Context => {
                    templates::<false, true>(&self.infos, t, first, self.mode, &mut push)
                }
                Need::Nothing => {}
            }
            out.starts.push(out.rows.len() as u32);
        }
    }

    /// Marks in `out` the tokens of the sentence last analysed that no
    /// name can take in: the token and the two on either side (all its
    /// features look at) are each a lowercase word or punctuation, without
    /// digits or a gazetteer match, in a normally cased sentence. The
    /// tagger labels them `O` without scoring them; they are 28-42% of
    /// the tokens of news text. Measured against scoring them (181 real
    /// articles as text, 278k tokens): 12 of 113k took another label,
    /// each a mistake ("neo-banks", "*" in star ratings, "et al.").
    pub(crate) fn settled(&self, out: &mut Vec<bool>) {
        let plain = |i: &TokInfo| {
            i.gaz == 0
                && i.flags & F_HAS_DIGIT == 0
                && (i.flags & F_HAS_LETTER == 0 || i.flags & F_ALL_LOWER != 0)
        };
        out.clear();
        let n = self.infos.len();
        if self.mode != MODE_NORMAL {
            out.resize(n, false);
            return;
        }
        out.extend((0..n).map(|t| {
            self.infos[t.saturating_sub(2)..(t + 3).min(n)]
                .iter()
                .all(plain)
        }));
    }
}

/// Which feature rows of a token [`Extractor::features_for`] extracts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Need {
    All,
    Context,
    Nothing,
}

/// Appends to `out`, as one more token, the feature rows that depend on
/// the token's own [`tok_info`] alone (not on its neighbours, the sentence
/// or gazetteer matches): the same for every occurrence of a word.
pub(crate) fn word_features(info: &TokInfo, bits: u32, out: &mut SentFeatures) {
    let shift = 64 - bits;
    let rows = &mut out.rows;
    templates::<true, false>(std::slice::from_ref(info), 0, 0, MODE_NORMAL, &mut |h| {
        rows.push((h >> shift) as u32)
    });
    out.starts.push(out.rows.len() as u32);
}

/// The feature hashes of token `t`: with `WORD` those of its own word
/// alone (which read nothing but `infos[t]` without its `gaz`), with
/// `CONTEXT` the rest; in one fixed order, the one training used.
#[inline(always)]
fn templates<const WORD: bool, const CONTEXT: bool>(
    infos: &[TokInfo],
    t: usize,
    first: usize,
    mode: u64,
    out: &mut impl FnMut(u64),
) {
    let n = infos.len();
    let get = |i: isize| -> &TokInfo {
        if i < 0 || i as usize >= n {
            &BOUNDARY
        } else {
            &infos[i as usize]
        }
    };
    let ti = t as isize;
    let c = &infos[t];
    let p1 = get(ti - 1);
    let p2 = get(ti - 2);
    let n1 = get(ti + 1);
    let n2 = get(ti + 2);
    let mut push = |template: u64, a: u64, b: u64| {
        out(finish(mix(mix(template.wrapping_mul(0x9e37_79b9), a), b)));
    };
    let is_first = u64::from(t == first);
    // the token's own word identity first (see `SentFeatures::lexical`)
    if WORD {
        push(2, c.raw, 0);
        push(3, c.key, 0);
    }
    if CONTEXT {
        push(26, p1.key, c.key);
        push(27, c.key, n1.key);
        push(42, mode, c.key);
        if t == first {
            push(16, c.key, 0);
        }
    }
    if WORD {
        push(1, 0, 0);
        for k in 0..c.npre as usize {
            push(4 + k as u64, c.pre[k], 0);
            push(8 + k as u64, c.suf[k], 0);
        }
        push(12, c.shape, 0);
        push(13, u64::from(c.flags), 0);
    }
    if CONTEXT {
        push(14, mode, c.shape);
        push(15, is_first, c.shape);
        push(17, p2.key, 0);
        push(18, p1.key, 0);
        push(19, n1.key, 0);
        push(20, n2.key, 0);
        push(21, p1.shape, 0);
        push(22, n1.shape, 0);
        push(23, p1.shape, c.shape);
        push(24, c.shape, n1.shape);
        push(25, mix(p1.shape, c.shape), n1.shape);
    }
    if WORD {
        push(28, u64::from(c.classes[0]), 0);
        push(29, u64::from(c.classes[1]), 0);
        push(30, u64::from(c.classes[2]), 0);
        push(31, u64::from(c.classes[3]), u64::from(c.flags & 7));
    }
    if CONTEXT {
        push(32, u64::from(p1.classes[1]), 0);
        push(33, u64::from(n1.classes[1]), 0);
        push(34, u64::from(p1.classes[2]), 0);
        push(35, u64::from(n1.classes[2]), 0);
        push(36, u64::from(p1.classes[0]), u64::from(c.classes[0]));
        push(37, u64::from(c.classes[0]), u64::from(n1.classes[0]));
        let mut g = c.gaz;
        while g != 0 {
            let bit = g.trailing_zeros();
            push(38, u64::from(bit), u64::from(c.cap));
            g &= g - 1;
        }
        push(39, u64::from(p1.gaz), u64::from(n1.gaz));
        push(40, p1.key, c.shape);
        push(41, c.shape, n1.key);
        push(43, mode, u64::from(c.flags & 0xfff));
        push(44, p1.suf[2], c.shape);
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::{casing_key, LexiconSource};
    use super::*;

    fn lexicon(usually_lower: &[&str]) -> Lexicon {
        let mut lower_words: Vec<u32> = usually_lower
            .iter()
            .map(|w| casing_key(key_of(w)))
            .collect();
        lower_words.sort_unstable();
        Lexicon::build(&LexiconSource {
            lower_words,
            ..LexiconSource::default()
        })
    }

    fn caps(ex: &Extractor) -> Vec<bool> {
        ex.infos.iter().map(|i| i.cap).collect()
    }

    /// The gazetteer match as it was before prefix marks: every length
    /// looked up at every start.
    fn gazetteer_every_length(lex: &Lexicon, infos: &mut [TokInfo]) {
        mark_longest(infos, |infos, i| {
            let mut h = PHRASE_SEED;
            let mut best: Option<(usize, u8)> = None;
            for j in i..infos.len().min(i + lex.max_phrase) {
                h = mix(h, infos[j].key);
                if lex.phrase(h) != 0 {
                    best = Some((j + 1, lex.phrase(h)));
                }
            }
            best
        });
    }

    #[test]
    fn gazetteer_matching_stops_early_without_changing_matches() {
        let mut src = LexiconSource::default();
        src.add_gazetteers(
            "New York\tcity\nNew York City\tcity\nBosnia and Herzegovina\tcountry\n\
             Sierra Leone\tcountry\nYork\tcity\nNew South Wales Central Coast Region\tregion\n",
            "New Yorker\tUnited States\n",
            "New York Times\n",
        );
        let lex = Lexicon::build(&src);
        let text = "In New York City , the New York Times and a New Yorker met \
                    Bosnia and Herzegovina , Bosnia and Sierra Leone in York , \
                    New South Wales Central Coast Region and New South Wales";
        let words: Vec<&str> = text.split(' ').collect();
        let mut form = String::new();
        let infos: Vec<TokInfo> = words.iter().map(|w| tok_info(&lex, w, &mut form)).collect();
        let (mut fast, mut slow) = (infos.clone(), infos);
        mark_gazetteer(&lex, &mut fast);
        gazetteer_every_length(&lex, &mut slow);
        let gaz = |v: &[TokInfo]| v.iter().map(|i| i.gaz).collect::<Vec<_>>();
        assert_eq!(gaz(&fast), gaz(&slow));
        assert!(gaz(&fast).iter().filter(|&&g| g != 0).count() > 15);
    }

    #[test]
    fn title_case_headlines_are_recased() {
        let lex = lexicon(&[
            "unveils", "new", "tablets", "as", "prices", "fall", "mark", "rose",
        ]);
        let mut ex = Extractor::new(&lex, 12);
        ex.analyse(&["Apple", "Unveils", "New", "Tablets", "As", "Prices", "Fall"]);
        assert_eq!(ex.mode, MODE_TITLE);
        assert_eq!(
            caps(&ex),
            [true, false, false, false, false, false, false],
            "the first word keeps its capital, usual lowercase words lose theirs"
        );
        // a list of names is not a headline: left as written
        let names = ["Will", "Brown", ",", "Mark", "Green", ",", "Rose", "Gray"];
        ex.analyse(&names);
        assert_eq!(ex.mode, MODE_TITLE);
        assert!(caps(&ex).iter().zip(names).all(|(&c, w)| c == (w != ",")));
        // normal sentences are never recased
        let normal = [
            "Prices", "fell", "sharply", "as", "Rose", "Gray", "said", ".",
        ];
        ex.analyse(&normal);
        assert_eq!(ex.mode, MODE_NORMAL);
        assert!(caps(&ex)
            .iter()
            .zip(normal)
            .all(|(&c, w)| c == matches!(w, "Prices" | "Rose" | "Gray")));
    }

    #[test]
    fn settled_tokens_have_only_plain_words_within_two() {
        let mut src = LexiconSource::default();
        src.add_gazetteers("new york\tcity\n", "", "");
        let lex = Lexicon::build(&src);
        let mut ex = Extractor::new(&lex, 12);
        let mut settled = Vec::new();
        fn marked<'w>(
            ex: &mut Extractor,
            words: &[&'w str],
            settled: &mut Vec<bool>,
        ) -> Vec<&'w str> {
            ex.analyse(words);
            ex.settled(settled);
            (0..words.len())
                .filter(|&t| settled[t])
                .map(|t| words[t])
                .collect()
        }
        let words = "The recall covers cars sold in Norway , most of them red , as it said .";
        let words: Vec<&str> = words.split(' ').collect();
        // "covers" sees "The", "sold" and "in" see "Norway"
        assert_eq!(
            marked(&mut ex, &words, &mut settled),
            ["cars", "of", "them", "red", ",", "as", "it", "said", "."]
        );
        // digits and gazetteer matches (in any case) are not plain
        let words: Vec<&str> =
            "they sold about 40 cars there and then flew to new york in june , they said"
                .split(' ')
                .collect();
        assert_eq!(
            marked(&mut ex, &words, &mut settled),
            ["they", "and", "then", ",", "they", "said"]
        );
        // nor is a word with a capital inside
        let words: Vec<&str> = "then they used the iPhone and a phone for a while"
            .split(' ')
            .collect();
        assert_eq!(
            marked(&mut ex, &words, &mut settled),
            ["then", "they", "phone", "for", "a", "while"]
        );
        // nothing in a sentence that is not normally cased
        let words: Vec<&str> = "POLICE SAY THE ROAD IS CLOSED FOR NOW".split(' ').collect();
        assert!(marked(&mut ex, &words, &mut settled).is_empty());
        assert_eq!(settled.len(), words.len());
    }
}
