//! Which lines of a text dump are the story: a two-stage logistic
//! classifier over lines.
//!
//! Stage one scores each non-blank line from what it looks like (length,
//! punctuation, capitals, link and UI vocabulary, position, blank lines
//! around it, repeats elsewhere in the document) and what its neighbours
//! look like. Stage two rescores it from the stage-one scores around it,
//! so that a short line inside the article survives and a long teaser in
//! the footer does not. The weights ship in `models/extract-lines.txt`,
//! written by `cargo run --release --bin extract -- train-txt`
//! (deterministic); `cv-txt` prints the held-out F1.
//!
//! Public for the `extract` training binary only; not a stable API.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::span::Span;

/// One non-blank line of a text: its trimmed span and what it looks like.
#[derive(Clone, Debug)]
pub struct Line {
    /// The trimmed line.
    pub span: Span,
    /// `\w+` runs in the line.
    pub tokens: usize,
}

/// A training page: its text, lines, stage-one features and labels.
pub struct Example {
    /// The dump.
    pub text: String,
    lines: Vec<Line>,
    feats: Vec<Vec<f32>>,
    labels: Vec<f32>,
    weights: Vec<f32>,
}

/// A fitted classifier (both stages and the decision threshold).
#[derive(Clone, Debug)]
pub struct Weights {
    one: Logistic,
    two: Logistic,
    threshold: f32,
}

/// Standardised logistic regression.
#[derive(Clone, Debug, Default)]
struct Logistic {
    mean: Vec<f32>,
    scale: Vec<f32>,
    w: Vec<f32>,
    bias: f32,
}

impl Logistic {
    fn score(&self, x: &[f32]) -> f32 {
        let mut z = self.bias;
        for ((v, m), (s, w)) in x.iter().zip(&self.mean).zip(self.scale.iter().zip(&self.w)) {
            z += (v - m) * s * w;
        }
        sigmoid(z)
    }

    fn fit(xs: &[&[f32]], ys: &[f32], ws: &[f32], l2: f32, epochs: usize) -> Logistic {
        let dim = xs.first().map_or(0, |x| x.len());
        let total: f32 = ws.iter().sum::<f32>().max(1e-9);
        let mut mean = vec![0f32; dim];
        for (x, w) in xs.iter().zip(ws) {
            for i in 0..dim {
                mean[i] += x[i] * w;
            }
        }
        mean.iter_mut().for_each(|m| *m /= total);
        let mut var = vec![0f32; dim];
        for (x, w) in xs.iter().zip(ws) {
            for i in 0..dim {
                var[i] += (x[i] - mean[i]).powi(2) * w;
            }
        }
        let scale: Vec<f32> = var
            .iter()
            .map(|v| {
                let sd = (v / total).sqrt();
                if sd > 1e-6 {
                    1.0 / sd
                } else {
                    0.0
                }
            })
            .collect();
        let zs: Vec<Vec<f32>> = xs
            .iter()
            .map(|x| (0..dim).map(|i| (x[i] - mean[i]) * scale[i]).collect())
            .collect();
        // Adam on the weighted mean cross-entropy.
        let mut w = vec![0f32; dim + 1];
        let mut m = vec![0f32; dim + 1];
        let mut v = vec![0f32; dim + 1];
        let (b1, b2, lr) = (0.9f32, 0.999f32, 0.05f32);
        for t in 1..=epochs {
            let mut g = vec![0f32; dim + 1];
            for ((z, &y), &sw) in zs.iter().zip(ys).zip(ws) {
                let mut s = w[dim];
                for i in 0..dim {
                    s += z[i] * w[i];
                }
                let err = (sigmoid(s) - y) * sw / total;
                for i in 0..dim {
                    g[i] += err * z[i];
                }
                g[dim] += err;
            }
            for i in 0..dim {
                g[i] += l2 * w[i];
            }
            for i in 0..=dim {
                m[i] = b1 * m[i] + (1.0 - b1) * g[i];
                v[i] = b2 * v[i] + (1.0 - b2) * g[i] * g[i];
                let mh = m[i] / (1.0 - b1.powi(t as i32));
                let vh = v[i] / (1.0 - b2.powi(t as i32));
                w[i] -= lr * mh / (vh.sqrt() + 1e-8);
            }
        }
        let bias = w.pop().unwrap_or(0.0);
        Logistic {
            mean,
            scale,
            w,
            bias,
        }
    }

    fn write(&self, name: &str, out: &mut String) {
        let row = |v: &[f32]| {
            v.iter()
                .map(|x| format!("{x:.6}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        out.push_str(&format!("{name}.mean {}\n", row(&self.mean)));
        out.push_str(&format!("{name}.scale {}\n", row(&self.scale)));
        out.push_str(&format!("{name}.w {}\n", row(&self.w)));
        out.push_str(&format!("{name}.bias {:.6}\n", self.bias));
    }
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// The first line of a weights file.
const HEADER: &str =
    "# dossier line classifier; written by `extract train-txt` or `extract train-html`\n";

impl Weights {
    /// The weights as the text file `models/extract-lines.txt` holds.
    pub fn to_text(&self) -> String {
        let mut out = String::from(HEADER);
        self.one.write("one", &mut out);
        self.two.write("two", &mut out);
        out.push_str(&format!("threshold {:.4}\n", self.threshold));
        out
    }

    /// Reads [`Weights::to_text`] output; `None` when it is not that.
    pub fn from_text(text: &str) -> Option<Weights> {
        let mut rows: HashMap<&str, Vec<f32>> = HashMap::new();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut parts = line.split_whitespace();
            let key = parts.next()?;
            let vals: Option<Vec<f32>> = parts.map(|p| p.parse().ok()).collect();
            rows.insert(key, vals?);
        }
        let get = |name: &str| -> Option<Logistic> {
            let l = Logistic {
                mean: rows.get(format!("{name}.mean").as_str())?.clone(),
                scale: rows.get(format!("{name}.scale").as_str())?.clone(),
                w: rows.get(format!("{name}.w").as_str())?.clone(),
                bias: *rows.get(format!("{name}.bias").as_str())?.first()?,
            };
            (l.mean.len() == l.w.len() && l.scale.len() == l.w.len()).then_some(l)
        };
        let one = get("one")?;
        let two = get("two")?;
        let extra = one.w.len().checked_sub(ONE_DIM)?;
        if two.w.len() != TWO_DIM + extra {
            return None;
        }
        Some(Weights {
            one,
            two,
            threshold: *rows.get("threshold")?.first()?,
        })
    }
}

impl Weights {
    /// How many page-specific features follow the line features.
    pub fn extra(&self) -> usize {
        self.one.w.len() - ONE_DIM
    }
}

/// The shipped weights for text dumps, parsed once.
pub fn shipped() -> Option<&'static Weights> {
    static W: OnceLock<Option<Weights>> = OnceLock::new();
    W.get_or_init(|| {
        Weights::from_text(include_str!("../../models/extract-lines.txt"))
            .filter(|w| w.extra() == 0)
    })
    .as_ref()
}

/// The shipped weights for HTML pages (line features plus the page's
/// layout and Readability's choice), parsed once.
pub fn shipped_html() -> Option<&'static Weights> {
    static W: OnceLock<Option<Weights>> = OnceLock::new();
    W.get_or_init(|| {
        Weights::from_text(include_str!("../../models/extract-html.txt"))
            .filter(|w| w.extra() == super::html::EXTRA)
    })
    .as_ref()
}

// ------------------------------------------------------------ lines and features

/// Letters and digits, with the common scripts answered without the
/// Unicode tables.
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match c as u32 {
        0xc0..=0x24f => c != '\u{d7}' && c != '\u{f7}',
        0x400..=0x481 | 0x48a..=0x52f => true,
        0x3041..=0x3096 | 0x30a1..=0x30fa | 0x4e00..=0x9fff | 0xac00..=0xd7a3 => true,
        // General Punctuation (dashes, curly quotes, bullets, ellipsis):
        // no letter or digit in it.
        0x2000..=0x206f => false,
        _ => c.is_alphanumeric(),
    }
}

fn is_word_char(c: char) -> bool {
    is_alnum(c) || c == '_'
}

/// `\w+` runs in `s`.
fn count_tokens(s: &str) -> usize {
    // ASCII bytes without a branch each; other characters decoded.
    let bytes = s.as_bytes();
    let mut n = 0;
    let mut inside = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let w = if b < 0x80 {
            i += 1;
            usize::from(b.is_ascii_alphanumeric() | (b == b'_'))
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            usize::from(is_word_char(c))
        };
        n += w & (inside ^ 1);
        inside = w;
    }
    n
}

/// A quick hash for the line counts: the whole line eight bytes at a time,
/// and its length. (The head alone was quicker, but lines that share their
/// first 32 bytes and their length, "Talks resumed in Velmora on day 1",
/// "... day 2", all collided: thousands of them took quadratic time.)
#[derive(Default)]
struct LineHasher(u64);

impl Hasher for LineHasher {
    fn finish(&self) -> u64 {
        // splitmix64's finalizer: every bit of the state reaches the bits
        // the table uses.
        let mut h = self.0;
        h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        h ^ (h >> 31)
    }

    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K).rotate_left(23);
        }
        let mut last = 0u64;
        for (k, &b) in chunks.remainder().iter().enumerate() {
            last |= u64::from(b) << (8 * k);
        }
        h = (h ^ last).wrapping_mul(K).rotate_left(23);
        self.0 = (h ^ bytes.len() as u64).wrapping_mul(K);
    }
}

/// The non-blank lines of `text`, trimmed, with whether a blank line
/// precedes each.
/// With `count` false, `tokens` is left 0 (the classifier counts them
/// itself).
fn split_lines(text: &str, count: bool) -> (Vec<Line>, Vec<bool>) {
    let mut out = Vec::new();
    let mut blank_before = Vec::new();
    let mut start = 0;
    let mut saw_blank = true;
    for piece in text.split_inclusive('\n') {
        let body = piece.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim();
        if trimmed.is_empty() {
            saw_blank = true;
        } else {
            let lead = body.len() - body.trim_start().len();
            let s = start + lead;
            out.push(Line {
                span: Span::new(s, s + trimmed.len()),
                tokens: if count { count_tokens(trimmed) } else { 0 },
            });
            blank_before.push(saw_blank);
            saw_blank = false;
        }
        start += piece.len();
    }
    (out, blank_before)
}

/// Words of page chrome: sharing, accounts, navigation, ads, legal.
const UI_WORDS: &[&str] = &[
    "share",
    "tweet",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "pinterest",
    "reddit",
    "email",
    "e-mail",
    "print",
    "comment",
    "sign in",
    "sign up",
    "log in",
    "login",
    "register",
    "subscribe",
    "newsletter",
    "advertisement",
    "advertising",
    "sponsored",
    "cookie",
    "privacy",
    "terms of",
    "menu",
    "search",
    "read more",
    "related",
    "more from",
    "follow us",
    "follow",
    "click",
    "loading",
    "skip to",
    "copyright",
    "rights reserved",
    "contact us",
    "about us",
    "download",
    "trending",
    "most read",
    "most popular",
    "recommended",
    "you may also",
    "next",
    "previous",
    "posted in",
    "filed under",
    "tags:",
    "min read",
    "minute read",
    "updated",
    "published",
    "image",
    "photo",
    "getty",
    "video",
    "watch",
    "listen",
    "podcast",
    "app",
    "javascript",
    "browser",
    "account",
    "password",
    "©",
    "home",
    "sections",
];

/// How many different [`UI_WORDS`] occur in `line` (ASCII case folded).
fn ui_words_in(line: &str) -> usize {
    // Terms by their first byte, and which first two bytes (all terms have
    // two, in lower case) any term starts with: most word starts have no
    // candidate at all.
    struct Table {
        by_first: Vec<Vec<u8>>,
        heads: Vec<u64>,
    }
    static TABLE: OnceLock<Table> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = Table {
            by_first: vec![Vec::new(); 256],
            heads: vec![0; 1 << 10],
        };
        for (k, w) in UI_WORDS.iter().enumerate() {
            let b = w.as_bytes();
            t.by_first[usize::from(b[0])].push(k as u8);
            let key = usize::from(b[0]) << 8 | usize::from(b[1]);
            t.heads[key >> 6] |= 1 << (key & 63);
        }
        t
    });
    let bytes = line.as_bytes();
    let mut found = 0u128;
    let mut prev_alnum = false;
    for i in 0..bytes.len().saturating_sub(1) {
        let b = bytes[i];
        // Terms start words.
        let after_alnum = prev_alnum;
        prev_alnum = b.is_ascii_alphanumeric();
        let first = b.to_ascii_lowercase();
        let key = usize::from(first) << 8 | usize::from(bytes[i + 1].to_ascii_lowercase());
        // One branch, rarely taken.
        if (table.heads[key >> 6] >> (key & 63)) & 1 & u64::from(!after_alnum) == 0 {
            continue;
        }
        for &k in &table.by_first[usize::from(first)] {
            let w = UI_WORDS[k as usize].as_bytes();
            if bytes.len() - i >= w.len() && bytes[i..i + w.len()].eq_ignore_ascii_case(w) {
                found |= 1 << k;
            }
        }
    }
    found.count_ones() as usize
}

/// Common function words of a few languages: prose has many.
fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "of"
            | "to"
            | "and"
            | "in"
            | "is"
            | "that"
            | "for"
            | "on"
            | "with"
            | "was"
            | "as"
            | "it"
            | "at"
            | "by"
            | "from"
            | "he"
            | "she"
            | "they"
            | "his"
            | "her"
            | "their"
            | "has"
            | "have"
            | "had"
            | "be"
            | "been"
            | "are"
            | "were"
            | "but"
            | "not"
            | "this"
            | "which"
            | "who"
            | "said"
            | "will"
            | "would"
            | "de"
            | "la"
            | "le"
            | "les"
            | "et"
            | "des"
            | "en"
            | "un"
            | "une"
            | "que"
            | "el"
            | "los"
            | "las"
            | "y"
            | "del"
            | "da"
            | "do"
            | "e"
            | "o"
            | "os"
            | "em"
            | "com"
            | "para"
            | "der"
            | "die"
            | "das"
            | "und"
            | "ist"
            | "nicht"
            | "mit"
            | "von"
            | "den"
            | "zu"
            | "il"
            | "di"
            | "che"
            | "per"
            | "non"
            | "и"
            | "в"
            | "на"
            | "не"
            | "что"
            | "с"
            | "по"
            | "это"
            | "yang"
            | "dan"
            | "untuk"
            | "dengan"
            | "itu"
    )
}

/// The ASCII words of [`is_stop`], lower case.
const STOP_ASCII: &[&str] = &[
    "the", "a", "an", "of", "to", "and", "in", "is", "that", "for", "on", "with", "was", "as",
    "it", "at", "by", "from", "he", "she", "they", "his", "her", "their", "has", "have", "had",
    "be", "been", "are", "were", "but", "not", "this", "which", "who", "said", "will", "would",
    "de", "la", "le", "les", "et", "des", "en", "un", "une", "que", "el", "los", "las", "y", "del",
    "da", "do", "e", "o", "os", "em", "com", "para", "der", "die", "das", "und", "ist", "nicht",
    "mit", "von", "den", "zu", "il", "di", "che", "per", "non", "yang", "dan", "untuk", "dengan",
    "itu",
];

/// Up to eight bytes as one number (zero-padded), for quick comparisons.
fn pack(b: &[u8]) -> u64 {
    let mut w = 0u64;
    for (k, &c) in b.iter().take(8).enumerate() {
        w |= u64::from(c) << (8 * k);
    }
    w
}

/// A table of [`STOP_ASCII`] by a multiplicative hash without collisions:
/// a lookup is one multiplication and one comparison.
struct StopTable {
    mul: u64,
    slots: Vec<u64>,
}

const STOP_BITS: u32 = 9;

fn stop_slot(key: u64, mul: u64) -> usize {
    (key.wrapping_mul(mul) >> (64 - STOP_BITS)) as usize
}

/// [`is_stop`] for a lower-case ASCII word of at most six bytes, packed by
/// [`pack`].
fn is_stop_packed(key: u64) -> bool {
    static TABLE: OnceLock<StopTable> = OnceLock::new();
    let t = TABLE.get_or_init(|| {
        let keys: Vec<u64> = STOP_ASCII.iter().map(|w| pack(w.as_bytes())).collect();
        let mut mul = 0x9e37_79b9_7f4a_7c15u64;
        loop {
            let mut slots = vec![0u64; 1 << STOP_BITS];
            let free = keys.iter().all(|&k| {
                let s = &mut slots[stop_slot(k, mul)];
                let was = *s;
                *s = k;
                was == 0
            });
            if free {
                return StopTable { mul, slots };
            }
            mul = mul.wrapping_add(0x6a09_e667_f3bc_c909) | 1;
        }
    });
    // Zero (an empty word) is never a stop word; empty slots hold zero.
    key != 0 && t.slots[stop_slot(key, t.mul)] == key
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Whether three lower-case ASCII bytes packed by [`pack`] are one of
/// [`MONTHS`].
fn month_prefix(key: u64) -> bool {
    const fn k(m: &[u8; 3]) -> u64 {
        m[0] as u64 | (m[1] as u64) << 8 | (m[2] as u64) << 16
    }
    const KEYS: [u64; 12] = [
        k(b"jan"),
        k(b"feb"),
        k(b"mar"),
        k(b"apr"),
        k(b"may"),
        k(b"jun"),
        k(b"jul"),
        k(b"aug"),
        k(b"sep"),
        k(b"oct"),
        k(b"nov"),
        k(b"dec"),
    ];
    KEYS.iter().fold(false, |any, &m| any | (m == key))
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

/// Buffers [`base_features`] reuses from line to line, and what it tells
/// about each line besides its features.
#[derive(Default)]
struct Scratch {
    /// Word starts and ends in the current line.
    marks: Vec<u32>,
    /// Each line's `split_whitespace().count()`, in order.
    words: Vec<usize>,
    /// Each line's [`count_tokens`], in order.
    tokens: Vec<usize>,
}

/// What an ASCII byte is, for [`base_features`]: bit flags.
const SPACE: u8 = 1;
const DIGIT: u8 = 2;
const LOWER: u8 = 4;
const PUNCT: u8 = 8;
/// Needs a closer look: `w` (for "www."), `,`, `|`, `/`, `@`, `:`, `.`.
const SPECIAL: u8 = 16;
/// A `\w` byte: letter, digit or `_`.
const WORD: u8 = 32;

const ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let word = if c.is_ascii_alphanumeric() || c == b'_' {
            WORD
        } else {
            0
        };
        t[b] = word
            | if c.is_ascii_whitespace() {
                SPACE
            } else if c.is_ascii_digit() {
                DIGIT
            } else if c.is_ascii_lowercase() {
                LOWER | if c == b'w' { SPECIAL } else { 0 }
            } else if c.is_ascii_uppercase() {
                0
            } else {
                PUNCT
                    | if matches!(c, b',' | b'|' | b'/' | b'@' | b':' | b'.') {
                        SPECIAL
                    } else {
                        0
                    }
            };
        b += 1;
    }
    t
};

/// Per-line features that depend on the line alone.
const BASE: usize = 34;

fn base_features(
    line: &str,
    repeats: usize,
    blank_before: bool,
    blank_after: bool,
    pos: f32,
    scratch: &mut Scratch,
) -> [f32; BASE] {
    let mut chars = 0usize;
    let mut cjk = 0usize;
    let mut digits = 0usize;
    let mut punct = 0usize;
    let mut commas = 0usize;
    let mut nwords = 0usize;
    let mut titled = 0usize;
    let mut stops = 0usize;
    let mut months = 0usize;
    let mut spaces = 0usize;
    let mut lower = 0usize;
    let mut has_link = false;
    let mut has_sep = false;
    let mut word = |w: &str, ascii: bool| {
        nwords += 1;
        if ascii {
            // The same as below, on bytes.
            let b = w.as_bytes();
            if b[0].is_ascii_uppercase() {
                titled += 1;
            }
            let lo = b.iter().position(u8::is_ascii_alphanumeric);
            let Some(lo) = lo else {
                return;
            };
            let hi = b.iter().rposition(u8::is_ascii_alphanumeric).unwrap_or(lo) + 1;
            let core = &b[lo..hi];
            if core.len() > 12 {
                return;
            }
            // The lower-cased word's first eight bytes as one number.
            let mut key = 0u64;
            for (k, &c) in core.iter().take(8).enumerate() {
                key |= u64::from(c.to_ascii_lowercase()) << (8 * k);
            }
            if core.len() <= 6 && is_stop_packed(key) {
                stops += 1;
            }
            if (3..=9).contains(&core.len()) && month_prefix(key & 0xff_ffff) {
                months += 1;
            }
            return;
        }
        if w.chars().next().is_some_and(char::is_uppercase) {
            titled += 1;
        }
        let core = w.trim_matches(|c: char| !is_alnum(c));
        if core.len() > 12 || core.is_empty() {
            return;
        }
        let mut buf = [0u8; 16];
        let bare: &str = if core.is_ascii() {
            buf[..core.len()].copy_from_slice(core.as_bytes());
            buf[..core.len()].make_ascii_lowercase();
            std::str::from_utf8(&buf[..core.len()]).unwrap_or("")
        } else {
            core
        };
        if bare.len() <= 6 && (is_stop(bare) || (!core.is_ascii() && is_stop(&core.to_lowercase())))
        {
            stops += 1;
        }
        if (3..=9).contains(&bare.len())
            && matches!(
                bare.as_bytes()[0],
                b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd'
            )
            && MONTHS.iter().any(|m| bare.starts_with(m))
        {
            months += 1;
        }
    };
    // Word boundaries are recorded without a branch per byte: `marks`
    // holds each word's start and end, in turn.
    let bytes = line.as_bytes();
    let marks = &mut scratch.marks;
    if marks.len() < bytes.len() + 2 {
        marks.resize(bytes.len() + 2, 0);
    }
    // A vertical tab separates words for `split_whitespace` but not here.
    let mut vt = false;
    // `\w+` runs, as `count_tokens` counts them.
    let mut tokens = 0usize;
    let mut in_token = 0usize;
    let mut m = 0usize;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            let k = ASCII_CLASS[usize::from(b)];
            let space = k & SPACE != 0;
            vt |= b == 0x0b;
            let wc = usize::from(k & WORD != 0);
            tokens += wc & (in_token ^ 1);
            in_token = wc;
            chars += 1;
            spaces += usize::from(space);
            digits += usize::from(k & DIGIT != 0);
            lower += usize::from(k & LOWER != 0);
            punct += usize::from(k & PUNCT != 0);
            marks[m] = i as u32;
            m += usize::from(space == in_word);
            in_word = !space;
            if k & SPECIAL != 0 {
                match b {
                    b'w' => has_link |= line[i..].starts_with("www."),
                    b',' => commas += 1,
                    b'|' | b'/' => {
                        has_sep |= line[..i].ends_with(' ') && line[i + 1..].starts_with(' ')
                    }
                    b'@' => has_link = true,
                    b':' => has_link |= line[i + 1..].starts_with("//"),
                    b'.' => has_link |= line[i + 1..].starts_with("com"),
                    _ => {}
                }
            }
            i += 1;
            continue;
        }
        let c = line[i..].chars().next().unwrap_or(' ');
        chars += 1;
        let space = c.is_whitespace();
        let wc = usize::from(is_word_char(c));
        tokens += wc & (in_token ^ 1);
        in_token = wc;
        marks[m] = i as u32;
        m += usize::from(space == in_word);
        in_word = !space;
        if space {
            spaces += 1;
        } else if is_cjk(c) {
            cjk += 1;
        } else if !is_alnum(c) {
            punct += 1;
            commas += usize::from(c == '\u{3001}' || c == '\u{ff0c}');
            has_sep |= matches!(c, '»' | '›' | '·');
        } else if c.is_lowercase() {
            lower += 1;
        }
        i += c.len_utf8();
    }
    if in_word {
        marks[m] = bytes.len() as u32;
        m += 1;
    }
    for pair in marks[..m].chunks_exact(2) {
        let w = &line[pair[0] as usize..pair[1] as usize];
        word(w, w.is_ascii());
    }
    scratch.tokens.push(tokens);
    scratch.words.push(if vt {
        line.split_whitespace().count()
    } else {
        nwords
    });
    let word_len = line.len() - spaces;
    // CJK text has no spaces: count two characters as a word.
    let eff = nwords.max(tokens) as f32 + cjk as f32 / 2.0;
    // Chrome is short: long lines are not searched for its vocabulary.
    let ui = if eff <= 30.0 { ui_words_in(line) } else { 0 };
    let last = line.chars().next_back().unwrap_or(' ');
    let first = line.chars().next().unwrap_or(' ');
    let ends_sentence = matches!(last, '.' | '!' | '?' | '。' | '！' | '？')
        || (matches!(last, '"' | '\u{201d}' | '\u{bb}' | ')')
            && line
                .chars()
                .rev()
                .nth(1)
                .is_some_and(|c| matches!(c, '.' | '!' | '?')));
    let nw = nwords.max(1) as f32;
    let ln = (1.0 + eff).ln();
    let bins = [
        eff <= 1.0,
        eff > 1.0 && eff <= 3.0,
        eff > 3.0 && eff <= 6.0,
        eff > 6.0 && eff <= 11.0,
        eff > 11.0 && eff <= 24.0,
        eff > 24.0 && eff <= 60.0,
        eff > 60.0,
    ];
    let f = |b: bool| if b { 1.0 } else { 0.0 };
    [
        ln,
        ln * ln,
        f(bins[0]),
        f(bins[1]),
        f(bins[2]),
        f(bins[3]),
        f(bins[4]),
        f(bins[5]),
        f(bins[6]),
        f(ends_sentence),
        f(last == ':'),
        f(first.is_uppercase()),
        titled as f32 / nw,
        digits as f32 / chars.max(1) as f32,
        punct as f32 / chars.max(1) as f32,
        f(has_sep),
        (ui as f32).min(3.0),
        f(ui > 0 && eff <= 6.0),
        f(repeats > 1),
        pos,
        pos * pos,
        f(blank_before),
        f(blank_after),
        commas as f32 / nw,
        cjk as f32 / chars.max(1) as f32,
        f(has_link),
        f(matches!(
            first,
            '•' | '-' | '*' | '·' | '–' | '—' | '>' | '|'
        )),
        f(months > 0 && digits > 0),
        f(!ends_sentence && eff <= 8.0),
        (word_len as f32 / nw).min(20.0) / 10.0,
        stops as f32 / nw,
        f(stops == 0 && nwords >= 3),
        f(lower == 0),
        f(last == ',' || last == ';' || last.is_lowercase()),
    ]
}

/// Stage-one features: the line, its neighbours, and its neighbourhood.
const NEIGHBOUR: [usize; 6] = [0, 9, 11, 16, 21, 30];
const ONE_DIM: usize = BASE + 4 * NEIGHBOUR.len() + 6;

fn stage_one(
    text: &str,
    lines: &[Line],
    blank_before: &[bool],
    extra: &[Vec<f32>],
) -> Vec<Vec<f32>> {
    let mut rows = Vec::with_capacity(lines.len());
    stage_one_each(text, lines, blank_before, extra, |row| {
        rows.push(row.to_vec())
    });
    rows
}

/// The stage-one columns stage two reads, in its order.
const TWO_READS: [usize; 6] = [0, 9, 16, 21, 22, 18];

/// What stage two reads of a stage-one row: [`TWO_READS`], and the page
/// features after [`ONE_DIM`].
fn two_reads(row: &[f32]) -> ([f32; 6], &[f32]) {
    (TWO_READS.map(|k| row[k]), row.get(ONE_DIM..).unwrap_or(&[]))
}

/// [`stage_one`]'s rows handed to `each(row)` in order, one at a time
/// (a document of a million short lines held 256 MB of them at once);
/// returns each line's `split_whitespace().count()` and token count.
fn stage_one_each(
    text: &str,
    lines: &[Line],
    blank_before: &[bool],
    extra: &[Vec<f32>],
    mut each: impl FnMut(&[f32]),
) -> (Vec<usize>, Vec<usize>) {
    let n = lines.len();
    // How often each line occurs: one hash per line. (It grows with the
    // distinct lines: sized for every line, a million repeated short
    // lines reserved 52 MB.)
    let mut seen: HashMap<&str, usize, BuildHasherDefault<LineHasher>> =
        HashMap::with_capacity_and_hasher(n.min(4096), BuildHasherDefault::default());
    let mut counts: Vec<usize> = Vec::with_capacity(n);
    let which: Vec<usize> = lines
        .iter()
        .map(|l| {
            let k = *seen.entry(l.span.slice(text)).or_insert(counts.len());
            if k == counts.len() {
                counts.push(0);
            }
            counts[k] += 1;
            k
        })
        .collect();
    let mut scratch = Scratch {
        marks: Vec::new(),
        words: Vec::with_capacity(n),
        tokens: Vec::with_capacity(n),
    };
    let base: Vec<[f32; BASE]> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let s = l.span.slice(text);
            let blank_after = blank_before.get(i + 1).copied().unwrap_or(true);
            base_features(
                s,
                counts[which[i]],
                blank_before[i],
                blank_after,
                i as f32 / n.max(1) as f32,
                &mut scratch,
            )
        })
        .collect();
    // "prose" lines: long, or sentence-ending and not short.
    let prose: Vec<f32> = base
        .iter()
        .map(|b| {
            if b[0] > 2.6 || (b[9] > 0.0 && b[0] > 1.9) {
                1.0
            } else {
                0.0
            }
        })
        .collect();
    // Counted by `base_features` (the same as `count_tokens`).
    let tokens = &scratch.tokens;
    let total_tokens: f32 = tokens.iter().map(|&t| t as f32).sum::<f32>().max(1.0);
    let prose_tokens: f32 = tokens
        .iter()
        .zip(&prose)
        .map(|(&t, p)| t as f32 * p)
        .sum::<f32>()
        .max(1.0);
    let mut before = 0f32;
    let mut x: Vec<f32> = Vec::with_capacity(ONE_DIM + extra.first().map_or(0, Vec::len));
    for i in 0..n {
        x.clear();
        x.extend_from_slice(&base[i]);
        for off in [-2isize, -1, 1, 2] {
            let j = i as isize + off;
            if j >= 0 && (j as usize) < n {
                x.extend(NEIGHBOUR.iter().map(|&k| base[j as usize][k]));
            } else {
                x.extend(NEIGHBOUR.iter().map(|_| -1.0));
            }
        }
        let window = |r: usize| {
            let lo = i.saturating_sub(r);
            let hi = (i + r + 1).min(n);
            prose[lo..hi].iter().sum::<f32>() / (hi - lo) as f32
        };
        let mine = tokens[i] as f32 * prose[i];
        let after = prose_tokens - before - mine;
        x.push(window(3));
        x.push(window(10));
        x.push((before / prose_tokens).min(after / prose_tokens) * 2.0);
        x.push(before / prose_tokens);
        x.push(tokens[i] as f32 / total_tokens * 10.0);
        x.push((total_tokens.ln() / 10.0).min(1.0));
        if let Some(e) = extra.get(i) {
            x.extend_from_slice(e);
        }
        before += mine;
        each(&x);
    }
    (scratch.words, scratch.tokens)
}

const TWO_DIM: usize = 16;

/// Stage-two features of every line, handed to `each(row)` in order, one
/// at a time; `one(i)` is what stage two reads of line `i`'s stage-one row
/// ([`two_reads`]).
fn stage_two<'a>(
    tokens: &[usize],
    one: impl Fn(usize) -> ([f32; 6], &'a [f32]),
    q: &[f32],
    mut each: impl FnMut(&[f32]),
) {
    let n = q.len();
    let logit = |p: f32| (p.clamp(1e-4, 1.0 - 1e-4) / (1.0 - p.clamp(1e-4, 1.0 - 1e-4))).ln();
    let get = |j: isize| {
        if j >= 0 && (j as usize) < n {
            q[j as usize]
        } else {
            0.0
        }
    };
    let mass: f32 = tokens
        .iter()
        .zip(q)
        .map(|(&t, p)| if *p > 0.5 { t as f32 } else { 0.0 })
        .sum::<f32>()
        .max(1.0);
    let mut before = 0f32;
    let mut out: Vec<f32> = Vec::with_capacity(TWO_DIM + 32);
    for i in 0..n {
        out.clear();
        let (one_i, page) = one(i);
        let ii = i as isize;
        let mean = |r: usize| {
            let lo = i.saturating_sub(r);
            let hi = (i + r + 1).min(n);
            q[lo..hi].iter().sum::<f32>() / (hi - lo) as f32
        };
        let max_before = (1..=5).map(|d| get(ii - d)).fold(0f32, f32::max);
        let max_after = (1..=5).map(|d| get(ii + d)).fold(0f32, f32::max);
        let mine = if q[i] > 0.5 { tokens[i] as f32 } else { 0.0 };
        let after = mass - before - mine;
        out.extend_from_slice(&[
            logit(q[i]),
            get(ii - 1),
            get(ii + 1),
            get(ii - 2),
            get(ii + 2),
            mean(3),
            mean(8),
            max_before.min(max_after),
            (before / mass).min(after / mass) * 2.0,
            f32::from(before > 0.0 && after > 0.0),
            one_i[0],
            one_i[1],
            one_i[2],
            one_i[3],
            one_i[4],
            one_i[5],
        ]);
        out.extend_from_slice(page);
        before += mine;
        each(&out);
    }
}

/// Stage-two scores for every line.
fn scores(
    w: &Weights,
    text: &str,
    lines: &[Line],
    blank_before: &[bool],
    extra: &[Vec<f32>],
) -> (Vec<f32>, Vec<usize>, Vec<bool>) {
    let n = lines.len();
    let (mut q, mut reads, mut links) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let (words, tokens) = stage_one_each(text, lines, blank_before, extra, |row| {
        q.push(w.one.score(row));
        reads.push(two_reads(row).0);
        links.push(row[HAS_LINK] > 0.0);
    });
    // the page features are `extra`'s rows themselves
    let page = |i: usize| extra.get(i).map_or(&[][..], Vec::as_slice);
    let mut p = Vec::with_capacity(n);
    stage_two(
        &tokens,
        |i| (reads[i], page(i)),
        &q,
        |row| p.push(w.two.score(row)),
    );
    (p, words, links)
}

/// The content lines of `text` as merged spans; never empty for text
/// that has a non-blank line.
pub fn content(w: &Weights, text: &str) -> Vec<Span> {
    let (lines, blank_before) = split_lines(text, false);
    classify(w, text, &lines, &blank_before, &[])
}

/// What [`content_and_lines`] learns about each line on the way.
pub(super) struct LineFacts {
    /// The line, trimmed.
    pub span: Span,
    /// `split_whitespace().count()` of the line.
    pub words: usize,
    /// The line may hold a web address: it has "www.", "://", "@" or
    /// ".com" (every line with "www." or "://" has this set).
    pub link: bool,
}

/// [`content`], with the non-blank lines of `text` and what the
/// classifier saw in each.
pub(super) fn content_and_lines(w: &Weights, text: &str) -> (Vec<Span>, Vec<LineFacts>) {
    let (lines, blank_before) = split_lines(text, false);
    let (content, words, links) = classify_counted(w, text, &lines, &blank_before, &[]);
    let facts = lines
        .iter()
        .zip(words)
        .zip(links)
        .map(|((l, words), link)| LineFacts {
            span: l.span,
            words,
            link,
        })
        .collect();
    (content, facts)
}

/// Lines of `text` for the classifier: `spans` are trimmed, non-blank.
pub(super) fn lines_of(text: &str, spans: &[Span]) -> Vec<Line> {
    spans
        .iter()
        .map(|s| Line {
            span: *s,
            tokens: count_tokens(s.slice(text)),
        })
        .collect()
}

/// The content among `lines` as merged spans.
pub(super) fn classify(
    w: &Weights,
    text: &str,
    lines: &[Line],
    blank_before: &[bool],
    extra: &[Vec<f32>],
) -> Vec<Span> {
    classify_counted(w, text, lines, blank_before, extra).0
}

/// Base feature 25: the line has "www.", "://", "@" or ".com".
const HAS_LINK: usize = 25;

/// [`classify`], with each line's `split_whitespace().count()` and
/// whether it may hold a web address.
fn classify_counted(
    w: &Weights,
    text: &str,
    lines: &[Line],
    blank_before: &[bool],
    extra: &[Vec<f32>],
) -> (Vec<Span>, Vec<usize>, Vec<bool>) {
    let (p, words, links) = scores(w, text, lines, blank_before, extra);
    let best = p.iter().copied().fold(0f32, f32::max);
    // A page where nothing passes keeps its best-scored lines.
    let cut = w.threshold.min(best * 0.8);
    let mut chosen: Vec<bool> = p
        .iter()
        .map(|&pi| !(pi < cut || (pi <= 0.0 && best <= 0.0)))
        .collect();
    // Markup's list items: the ctx bit among the page features.
    let list_bit = 5 + super::markup::ctx::LIST.trailing_zeros() as usize;
    let listed = |i: usize| extra.get(i).is_some_and(|x| x.get(list_bit) == Some(&1.0));
    super::furniture::remove(text, lines, &words, &mut chosen, listed);
    let mut spans: Vec<Span> = Vec::new();
    for (line, _) in lines.iter().zip(&chosen).filter(|(_, &c)| c) {
        match spans.last_mut() {
            Some(last) if text[last.end()..line.span.start()].trim().is_empty() => {
                *last = Span::new(last.start(), line.span.end())
            }
            _ => spans.push(line.span),
        }
    }
    if spans.is_empty() {
        if let (Some(a), Some(b)) = (lines.first(), lines.last()) {
            spans.push(Span::new(a.span.start(), b.span.end()));
        }
    }
    (spans, words, links)
}

/// The predicted article of `text`, content lines joined by newlines.
pub fn predict_text(w: &Weights, text: &str) -> String {
    content(w, text)
        .iter()
        .map(|s| s.slice(text))
        .collect::<Vec<_>>()
        .join("\n")
}

// ------------------------------------------------------------ training

fn tokens_of(s: &str) -> Vec<&str> {
    s.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .collect()
}

/// A training text dump: every line labelled by how many of its tokens
/// sit in a 4-token shingle of the true article.
pub fn example(text: &str, truth: &str) -> Example {
    let (lines, blank_before) = split_lines(text, true);
    example_of(text, lines, &blank_before, &[], truth)
}

/// A training HTML page, labelled like [`example`].
pub fn html_example(html: &str, truth: &str) -> Example {
    let (text, lines, extra) = super::html::line_input(html);
    let blank = vec![false; lines.len()];
    example_of(&text, lines, &blank, &extra, truth)
}

/// The predicted article of an HTML page under `w`.
pub fn html_predict_text(w: &Weights, html: &str) -> String {
    let (text, lines, extra) = super::html::line_input(html);
    let blank = vec![false; lines.len()];
    classify(w, &text, &lines, &blank, &extra)
        .iter()
        .map(|s| s.slice(&text))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Labels the training lines of a page.
fn example_of(
    text: &str,
    lines: Vec<Line>,
    blank_before: &[bool],
    extra: &[Vec<f32>],
    truth: &str,
) -> Example {
    let truth_tokens = tokens_of(truth);
    let gold: std::collections::HashSet<&[&str]> = truth_tokens.windows(4).collect();
    let mut toks: Vec<&str> = Vec::new();
    let mut owner: Vec<usize> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        for t in tokens_of(l.span.slice(text)) {
            toks.push(t);
            owner.push(i);
        }
    }
    let mut covered = vec![false; toks.len()];
    for (j, w) in toks.windows(4).enumerate() {
        if gold.contains(w) {
            covered[j..j + 4].iter_mut().for_each(|c| *c = true);
        }
    }
    let mut hit = vec![0f32; lines.len()];
    for (t, &o) in owner.iter().enumerate() {
        if covered[t] {
            hit[o] += 1.0;
        }
    }
    let total: f32 = lines
        .iter()
        .map(|l| l.tokens as f32 + 1.0)
        .sum::<f32>()
        .max(1.0);
    let labels = lines
        .iter()
        .zip(&hit)
        .map(|(l, h)| {
            if l.tokens == 0 {
                0.0
            } else {
                h / l.tokens as f32
            }
        })
        .collect();
    let weights = lines
        .iter()
        .map(|l| (l.tokens as f32 + 1.0) / total * 100.0)
        .collect();
    let feats = stage_one(text, &lines, blank_before, extra);
    Example {
        text: text.to_string(),
        lines,
        feats,
        labels,
        weights,
    }
}

fn fit_one(pages: &[&Example]) -> Logistic {
    let xs: Vec<&[f32]> = pages
        .iter()
        .flat_map(|p| p.feats.iter().map(Vec::as_slice))
        .collect();
    fit_rows(&xs, pages)
}

/// Fits one stage on feature rows `xs`, one per line of `pages` in order,
/// with those lines' labels and weights.
fn fit_rows(xs: &[&[f32]], pages: &[&Example]) -> Logistic {
    let ys: Vec<f32> = pages
        .iter()
        .flat_map(|p| p.labels.iter().copied())
        .collect();
    let ws: Vec<f32> = pages
        .iter()
        .flat_map(|p| p.weights.iter().copied())
        .collect();
    Logistic::fit(xs, &ys, &ws, 1e-4, 300)
}

/// Fits both stages on `pages`. Stage two learns from stage-one scores
/// made by models that did not see the page (three inner folds).
pub fn train(pages: &[&Example]) -> Weights {
    let one = fit_one(pages);
    let inner = 3;
    let mut q: Vec<Vec<f32>> = vec![Vec::new(); pages.len()];
    for k in 0..inner {
        let part: Vec<&Example> = pages
            .iter()
            .enumerate()
            .filter(|(i, _)| i % inner != k)
            .map(|(_, p)| *p)
            .collect();
        let m = fit_one(&part);
        for (i, p) in pages.iter().enumerate() {
            if i % inner == k {
                q[i] = p.feats.iter().map(|x| m.score(x)).collect();
            }
        }
    }
    let two_feats: Vec<Vec<Vec<f32>>> = pages
        .iter()
        .zip(&q)
        .map(|(p, q)| {
            let tokens: Vec<usize> = p.lines.iter().map(|l| l.tokens).collect();
            let mut rows = Vec::with_capacity(tokens.len());
            stage_two(
                &tokens,
                |i| two_reads(&p.feats[i]),
                q,
                |row| rows.push(row.to_vec()),
            );
            rows
        })
        .collect();
    let xs: Vec<&[f32]> = two_feats
        .iter()
        .flat_map(|f| f.iter().map(Vec::as_slice))
        .collect();
    let two = fit_rows(&xs, pages);
    Weights {
        one,
        two,
        threshold: 0.5,
    }
}

#[cfg(test)]
pub(in crate::ingest) mod tests {
    use super::*;

    #[test]
    fn tokens_are_word_runs() {
        assert_eq!(count_tokens("Xi's 75th-anniversary note, 2024."), 6);
        assert_eq!(count_tokens(" -- "), 0);
    }

    /// Tricky lines for the fast paths (non-ASCII, vertical tab, marks);
    /// `meta`'s tests use them too.
    pub(in crate::ingest) const SAMPLES: &[&str] = &[
        "",
        " a  b ",
        "x\u{b}y z",
        "by By  by the way, written By Ana",
        "Generated using AI tools",
        "ai-made and re-generated",
        "A\u{a0}B\u{2003}c\u{3000}d",
        "caf\u{e9} \u{e0} la \u{2019}quote\u{2019} \u{2014} dash_under_score",
        "\u{4e2d}\u{6587}\u{3001}\u{65e5}\u{672c}\u{8a9e} 123 \u{ff0c}x",
        "\u{b2}\u{b3} \u{aa}\u{ba} \u{b5}m \u{2070}\u{2071} \u{2160}",
        "Share this on Facebook | Sign in \u{a9} 2024 www.example.com",
        "\tTHE the Der der \u{418} \u{438} O'Brien-Smith",
    ];

    #[test]
    fn fast_counts_match_the_plain_definitions() {
        for &l in SAMPLES {
            let tokens = l
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty())
                .count();
            assert_eq!(count_tokens(l), tokens, "{l:?}");
            let mut scratch = Scratch::default();
            base_features(l, 1, false, false, 0.0, &mut scratch);
            assert_eq!(scratch.tokens, [tokens], "{l:?}");
            assert_eq!(scratch.words, [l.split_whitespace().count()], "{l:?}");
        }
        for c in (0x80..0x3400).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric() && c != '\u{d7}', "{c:?}");
        }
    }

    #[test]
    fn stop_words_and_months_by_number() {
        for w in STOP_ASCII {
            assert!(is_stop(w) && is_stop_packed(pack(w.as_bytes())), "{w}");
        }
        for w in ["thee", "th", "andy", "x", "said_"] {
            assert!(!is_stop_packed(pack(w.as_bytes())), "{w}");
        }
        assert!(month_prefix(pack(b"sep")) && !month_prefix(pack(b"sex")));
    }

    #[test]
    fn shipped_weights_parse() {
        assert!(shipped().is_some());
    }
}
