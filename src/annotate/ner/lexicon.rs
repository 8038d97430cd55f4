//! Word classes and name lists the features look words up in.
//!
//! Both travel inside the model file, so a model is self-contained:
//! distributional word classes (k-means over spaCy `en_core_web_md` word
//! vectors, see `scripts/ner/word_classes.py`) and gazetteer phrases
//! (countries, cities, regions, demonyms, organizations from
//! `data/gazetteer/`), matched case-insensitively over our own tokens.

use super::hash::{hash_bytes, mix};
use crate::binary::{Reader, Writer};

/// Gazetteer categories, one bit each.
pub(crate) const GAZ_COUNTRY: u8 = 1;
pub(crate) const GAZ_CITY: u8 = 2;
pub(crate) const GAZ_REGION: u8 = 4;
pub(crate) const GAZ_DEMONYM: u8 = 8;
pub(crate) const GAZ_ORG: u8 = 16;
/// Number of category bits.
pub(crate) const GAZ_BITS: u32 = 5;

/// Seed of a gazetteer phrase hash.
pub(crate) const PHRASE_SEED: u64 = 0x9e37_79b9_7f4a_7c15;

/// Phrase-map flag (above the category bits): a longer phrase starts here.
const MORE: u16 = 1 << 8;

/// True for combining marks, which lookups ignore (so "Adébáyọ̀" written
/// with or without combining accents finds the same entries).
#[inline]
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Writes the lookup form of `word` into `out`: lowercase, marks dropped,
/// curly apostrophes made straight.
#[inline]
pub(crate) fn lookup_form(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        for b in word.bytes() {
            out.push(b.to_ascii_lowercase() as char);
        }
        return;
    }
    for c in word.chars() {
        if is_mark(c) {
            continue;
        }
        if c == '\u{2019}' {
            out.push('\'');
            continue;
        }
        for l in c.to_lowercase() {
            out.push(l);
        }
    }
}

/// Hash of a lookup form.
#[inline]
pub(crate) fn key_of(form: &str) -> u64 {
    hash_bytes(form.as_bytes()) | 1
}

/// A fixed map from 64-bit keys (hashes, so evenly spread) to small
/// values: the keys sorted, each run that shares its top bits found
/// through where the run starts. About 11 bytes a key: the open-addressing
/// table it replaces took 12 a slot at half load, 6.3 MB for the model's
/// 250,624 words, held through every step while the model is.
#[derive(Default)]
struct KeyMap {
    /// Where each run starts in `keys`, and one past the last.
    starts: Vec<u32>,
    keys: Vec<u64>,
    values: Vec<u16>,
    /// A key's run is `key >> shift`.
    shift: u32,
}

impl KeyMap {
    /// From `(key, value)` pairs; for a key given more than once, `merge`
    /// folds its values in the order given.
    fn new(entries: &[(u64, u16)], merge: fn(u16, u16) -> u16) -> KeyMap {
        // about four keys a run: one cache line of keys a lookup
        let runs = (entries.len() / 4).next_power_of_two().max(2);
        let shift = 64 - runs.trailing_zeros();
        let run = |k: u64| (k >> shift) as usize;
        // placed run by run, then sorted within each (a counting sort: a
        // full sort of the words made the model's decode 29.5-31.9 ms ->
        // 34.8-36.7 ms, `ner bench`); both stable, so a key's values stay
        // in the order given
        let mut next = vec![0usize; runs + 1];
        for &(k, _) in entries {
            next[run(k) + 1] += 1;
        }
        for r in 1..next.len() {
            next[r] += next[r - 1];
        }
        let bounds = next.clone();
        let mut placed = vec![(0u64, 0u16); entries.len()];
        for &(k, v) in entries {
            placed[next[run(k)]] = (k, v);
            next[run(k)] += 1;
        }
        let mut keys: Vec<u64> = Vec::with_capacity(entries.len());
        let mut values: Vec<u16> = Vec::with_capacity(entries.len());
        let mut starts = Vec::with_capacity(runs + 1);
        for r in 0..runs {
            starts.push(keys.len() as u32);
            let held = &mut placed[bounds[r]..bounds[r + 1]];
            held.sort_by_key(|&(k, _)| k);
            for &(k, v) in held.iter() {
                match (keys.last(), values.last_mut()) {
                    (Some(&last), Some(old)) if last == k => *old = merge(*old, v),
                    _ => {
                        keys.push(k);
                        values.push(v);
                    }
                }
            }
        }
        starts.push(keys.len() as u32);
        keys.shrink_to_fit();
        values.shrink_to_fit();
        KeyMap {
            starts,
            keys,
            values,
            shift,
        }
    }

    #[inline]
    fn get(&self, key: u64) -> Option<u16> {
        if self.keys.is_empty() {
            return None;
        }
        let run = (key >> self.shift) as usize;
        let (a, b) = (self.starts[run] as usize, self.starts[run + 1] as usize);
        let at = self.keys[a..b].iter().position(|&k| k == key)?;
        Some(self.values[a + at])
    }
}

/// Word classes and gazetteer phrases.
#[derive(Default)]
pub(crate) struct Lexicon {
    words: KeyMap,
    /// Per vector row: classes at three granularities plus the row itself.
    rows: Vec<[u16; 4]>,
    phrases: KeyMap,
    /// Longest gazetteer phrase, in tokens.
    pub(crate) max_phrase: usize,
    lower_words: Vec<u32>,
    upper_words: Vec<u32>,
    class_casing: Vec<u8>,
}

/// The lexicon's source form, as stored in the model file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LexiconSource {
    /// Sorted lookup-form words with their vector row.
    pub words: Vec<(String, u16)>,
    /// Per vector row: classes at 64, 256 and 1024.
    pub rows: Vec<[u16; 3]>,
    /// Gazetteer entries: category bits and the name as written.
    pub phrases: Vec<(u8, String)>,
    /// How words are usually written, learned from the training text (see
    /// `Lexicon::usually_lower`): casing keys (top half of a lookup
    /// form's key) of words usually written in lowercase, sorted...
    pub lower_words: Vec<u32>,
    /// ... and of words usually capitalized, sorted;
    pub upper_words: Vec<u32>,
    /// per 1024-way word class, 0 unknown, 1 its words are usually
    /// lowercase, 2 usually capitalized.
    pub class_casing: Vec<u8>,
}

/// The casing key of a lookup form's key.
#[inline]
pub(crate) fn casing_key(key: u64) -> u32 {
    (key >> 32) as u32
}

fn write_sorted(w: &mut Writer, v: &[u32]) {
    w.u32(v.len() as u32);
    let mut prev = 0u32;
    for &x in v {
        w.varint(u64::from(x - prev));
        prev = x;
    }
}

fn read_sorted(r: &mut Reader) -> Option<Vec<u32>> {
    let n = r.u32()? as usize;
    let mut v = Vec::with_capacity(n.min(1 << 22));
    let mut prev = 0u32;
    for _ in 0..n {
        prev = prev.checked_add(u32::try_from(r.varint()?).ok()?)?;
        v.push(prev);
    }
    Some(v)
}

impl LexiconSource {
    /// Parses `data/ner/word_classes.tsv` (word, c64, c256, c1024, row).
    pub fn add_word_classes(&mut self, tsv: &str) {
        let mut rows: Vec<Option<[u16; 3]>> = Vec::new();
        for line in tsv.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 5 {
                continue;
            }
            let nums: Vec<u16> = f[1..5].iter().filter_map(|x| x.parse().ok()).collect();
            if nums.len() != 4 {
                continue;
            }
            let row = nums[3] as usize;
            if rows.len() <= row {
                rows.resize(row + 1, None);
            }
            rows[row] = Some([nums[0], nums[1], nums[2]]);
            let mut form = String::new();
            lookup_form(f[0], &mut form);
            self.words.push((form, nums[3]));
        }
        self.words.sort();
        self.words.dedup_by(|a, b| a.0 == b.0);
        self.rows = rows
            .into_iter()
            .map(|r| r.unwrap_or([u16::MAX; 3]))
            .collect();
    }

    /// Parses the gazetteer files of `data/gazetteer/`.
    pub fn add_gazetteers(&mut self, places: &str, demonyms: &str, organizations: &str) {
        for line in places.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 2 {
                continue;
            }
            let cat = match f[1] {
                "country" => GAZ_COUNTRY,
                "city" => GAZ_CITY,
                _ => GAZ_REGION,
            };
            self.phrases.push((cat, f[0].to_string()));
            if let Some(country) = f.get(2) {
                self.phrases.push((GAZ_COUNTRY, country.to_string()));
            }
        }
        for line in demonyms.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            if let Some(d) = f.first() {
                self.phrases.push((GAZ_DEMONYM, d.to_string()));
            }
            if let Some(c) = f.get(1) {
                self.phrases.push((GAZ_COUNTRY, c.to_string()));
            }
        }
        for line in organizations.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            if let Some(name) = f.first() {
                self.phrases.push((GAZ_ORG, name.to_string()));
            }
            if let Some(aliases) = f.get(1) {
                for a in aliases.split('|') {
                    self.phrases.push((GAZ_ORG, a.to_string()));
                }
            }
        }
        self.phrases.retain(|(_, p)| !p.trim().is_empty());
        self.phrases.sort();
        self.phrases.dedup();
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.u32(self.words.len() as u32);
        let mut prev: &[u8] = &[];
        for (word, _) in &self.words {
            let b = word.as_bytes();
            let shared = prev
                .iter()
                .zip(b)
                .take_while(|(x, y)| x == y)
                .count()
                .min(255);
            let rest = &b[shared..];
            w.u8(shared as u8);
            w.u8(rest.len().min(255) as u8);
            w.bytes(&rest[..rest.len().min(255)]);
            prev = b;
        }
        for (_, row) in &self.words {
            w.u16(*row);
        }
        w.u32(self.rows.len() as u32);
        for r in &self.rows {
            for c in r {
                w.u16(*c);
            }
        }
        w.u32(self.phrases.len() as u32);
        for (cat, p) in &self.phrases {
            w.u8(*cat);
            w.u8(p.len().min(255) as u8);
            w.bytes(&p.as_bytes()[..p.len().min(255)]);
        }
        write_sorted(w, &self.lower_words);
        write_sorted(w, &self.upper_words);
        w.u32(self.class_casing.len() as u32);
        w.bytes(&self.class_casing);
    }

    /// Reads what [`LexiconSource::write`] wrote.
    #[cfg(test)]
    pub(crate) fn read(r: &mut Reader) -> Option<LexiconSource> {
        Self::read_parts(r, true).map(|(src, _)| src)
    }

    /// Reads a lexicon; with `keep_words` false the words are not kept as
    /// strings (`words` stays empty) and only their lookup keys and vector
    /// rows come back, which is all tagging needs (faster start-up).
    fn read_parts(r: &mut Reader, keep_words: bool) -> Option<(LexiconSource, Vec<(u64, u16)>)> {
        let n = r.u32()? as usize;
        let mut words = Vec::new();
        let mut keys = Vec::with_capacity(n.min(1 << 22));
        let mut prev: Vec<u8> = Vec::new();
        for _ in 0..n {
            let shared = r.u8()? as usize;
            let len = r.u8()? as usize;
            let rest = r.bytes(len)?;
            if shared > prev.len() {
                return None;
            }
            prev.truncate(shared);
            prev.extend_from_slice(rest);
            if keep_words {
                words.push((String::from_utf8(prev.clone()).ok()?, 0u16));
            }
            keys.push((hash_bytes(&prev) | 1, 0u16));
        }
        for k in keys.iter_mut() {
            k.1 = r.u16()?;
        }
        for (w, k) in words.iter_mut().zip(&keys) {
            w.1 = k.1;
        }
        let nrows = r.u32()? as usize;
        let mut rows = Vec::with_capacity(nrows.min(1 << 20));
        for _ in 0..nrows {
            rows.push([r.u16()?, r.u16()?, r.u16()?]);
        }
        let np = r.u32()? as usize;
        let mut phrases = Vec::with_capacity(np.min(1 << 20));
        for _ in 0..np {
            let cat = r.u8()?;
            let len = r.u8()? as usize;
            let p = std::str::from_utf8(r.bytes(len)?).ok()?.to_string();
            phrases.push((cat, p));
        }
        let lower_words = read_sorted(r)?;
        let upper_words = read_sorted(r)?;
        let nc = r.u32()? as usize;
        let class_casing = r.bytes(nc)?.to_vec();
        Some((
            LexiconSource {
                words,
                rows,
                phrases,
                lower_words,
                upper_words,
                class_casing,
            },
            keys,
        ))
    }
}

impl Lexicon {
    pub(crate) fn build(src: &LexiconSource) -> Lexicon {
        let keys: Vec<(u64, u16)> = src.words.iter().map(|(w, row)| (key_of(w), *row)).collect();
        Lexicon::assemble(&keys, src)
    }

    /// Reads the lexicon of a model file: the same as building it from the
    /// source read back, without keeping every word as a string.
    pub(crate) fn read(r: &mut Reader) -> Option<Lexicon> {
        let (src, keys) = LexiconSource::read_parts(r, false)?;
        Some(Lexicon::assemble(&keys, &src))
    }

    fn assemble(keys: &[(u64, u16)], src: &LexiconSource) -> Lexicon {
        let words = KeyMap::new(keys, |old, _| old);
        let rows = src
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| [r[0], r[1], r[2], i as u16])
            .collect();
        // every phrase, and every proper prefix of one marked `MORE`
        let mut entries: Vec<(u64, u16)> = Vec::with_capacity(src.phrases.len() * 2);
        let mut max_phrase = 0;
        let mut form = String::new();
        for (cat, p) in &src.phrases {
            let toks = crate::text::tokenize(p);
            if toks.is_empty() || toks.len() > 8 {
                continue;
            }
            let mut h = PHRASE_SEED;
            for (k, t) in toks.iter().enumerate() {
                if k > 0 {
                    entries.push((h | 1, MORE));
                }
                lookup_form(t.span().slice(p), &mut form);
                h = mix(h, key_of(&form));
            }
            entries.push((h | 1, u16::from(*cat)));
            max_phrase = max_phrase.max(toks.len());
        }
        let phrases = KeyMap::new(&entries, |a, b| a | b);
        Lexicon {
            words,
            rows,
            phrases,
            max_phrase,
            lower_words: src.lower_words.clone(),
            upper_words: src.upper_words.clone(),
            class_casing: src.class_casing.clone(),
        }
    }

    /// True when the lexicon knows how words are usually written.
    pub(crate) fn has_casing(&self) -> bool {
        !self.lower_words.is_empty() || !self.upper_words.is_empty()
    }

    /// Whether the word (by its lookup key; `class` is its 1024-way word
    /// class) is usually written in lowercase (`Some(true)`), usually
    /// capitalized (`Some(false)`), or unknown: first the word's own
    /// record, then that of its class.
    pub(crate) fn usually_lower(&self, key: u64, class: u16) -> Option<bool> {
        let k = casing_key(key);
        if self.lower_words.binary_search(&k).is_ok() {
            return Some(true);
        }
        if self.upper_words.binary_search(&k).is_ok() {
            return Some(false);
        }
        match self.class_casing.get(usize::from(class)) {
            Some(1) => Some(true),
            Some(2) => Some(false),
            _ => None,
        }
    }

    /// Classes of a word (by the key of its lookup form): c64, c256, c1024, row.
    #[inline]
    pub(crate) fn classes(&self, key: u64) -> Option<[u16; 4]> {
        let row = self.words.get(key)? as usize;
        let r = self.rows.get(row)?;
        if r[0] == u16::MAX {
            return None;
        }
        Some(*r)
    }

    /// Gazetteer categories of a phrase hash (see [`PHRASE_SEED`]).
    #[inline]
    pub(crate) fn phrase(&self, h: u64) -> u8 {
        self.phrase_step(h).0
    }

    /// Gazetteer categories of a phrase hash, and whether some longer
    /// phrase starts with it: matching stops at the first `false` instead
    /// of looking up every length up to `max_phrase` (each a likely cache
    /// miss). A hash collision can only make that `true` more often.
    #[inline]
    pub(crate) fn phrase_step(&self, h: u64) -> (u8, bool) {
        let v = self.phrases.get(h | 1).unwrap_or(0);
        (v as u8, v & MORE != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_map_finds_every_key_and_folds_repeats_in_order() {
        let mut entries: Vec<(u64, u16)> = (0..5000u64)
            .map(|i| (hash_bytes(&i.to_le_bytes()) | 1, i as u16))
            .collect();
        // a crowded run, the smallest and largest keys, a repeat
        entries.extend((0..50).map(|i| ((0xABCD << 48) | (i * 2 + 1), 100 + i as u16)));
        entries.extend([(1, 7), (u64::MAX, 8), (entries[9].0, 4444)]);
        let map = KeyMap::new(&entries, |old, _| old);
        for &(k, v) in &entries[..entries.len() - 1] {
            assert_eq!(map.get(k), Some(v), "key {k:x}");
        }
        assert_eq!(
            map.get(entries[9].0),
            Some(9),
            "the first value given stays"
        );
        for k in [0, 3, (0xABCD << 48) | 2, u64::MAX - 1] {
            assert_eq!(map.get(k), None, "key {k:x}");
        }
        let folded = KeyMap::new(&[(5, 1), (9, 1), (5, 2), (5, 3)], |a, b| a * 10 + b);
        assert_eq!((folded.get(5), folded.get(9)), (Some(123), Some(1)));
        assert_eq!(KeyMap::new(&[], |a, _| a).get(5), None);
        assert_eq!(KeyMap::default().get(5), None);
    }

    #[test]
    fn lookup_forms() {
        let mut out = String::new();
        for (word, want) in [
            ("Reuters", "reuters"),
            ("ADE\u{301}BA\u{301}YO\u{323}\u{300}", "adebayo"),
            ("Xi\u{2019}s", "xi's"),
            ("Zoë", "zoë"),
        ] {
            lookup_form(word, &mut out);
            assert_eq!(out, want, "word {word:?}");
        }
    }

    #[test]
    fn source_round_trips_and_reads_straight_into_tables() {
        let mut src = LexiconSource::default();
        src.add_word_classes("# h\nnairobi\t1\t2\t3\t0\naccra\t1\t2\t4\t1\naccrual\t5\t6\t7\t2\n");
        src.add_gazetteers("Oslo\tcity\tNorway\n", "", "");
        src.lower_words = vec![3, 9];
        src.upper_words = vec![5];
        src.class_casing = vec![0, 1, 2];
        let mut w = Writer::default();
        src.write(&mut w);
        assert_eq!(
            LexiconSource::read(&mut Reader::new(&w.buf)),
            Some(src.clone())
        );
        let lex = Lexicon::read(&mut Reader::new(&w.buf)).expect("reads");
        let built = Lexicon::build(&src);
        for word in ["nairobi", "accra", "accrual", "lagos"] {
            assert_eq!(
                lex.classes(key_of(word)),
                built.classes(key_of(word)),
                "{word}"
            );
        }
        assert_eq!(lex.classes(key_of("accrual")), Some([5, 6, 7, 2]));
        assert_eq!(lex.phrase(mix(PHRASE_SEED, key_of("oslo"))), GAZ_CITY);
        assert_eq!(lex.usually_lower(u64::from(9u32) << 32, 0), Some(true));
        assert_eq!(lex.usually_lower(u64::from(5u32) << 32, 1), Some(false));
        assert_eq!(lex.usually_lower(u64::from(7u32) << 32, 1), Some(true));
        assert_eq!(lex.usually_lower(u64::from(7u32) << 32, 9), None);
        assert!(Lexicon::read(&mut Reader::new(&w.buf[..w.buf.len() - 2])).is_none());
    }

    #[test]
    fn gazetteer_phrases_match_case_insensitively() {
        let mut src = LexiconSource::default();
        src.add_gazetteers(
            "North Korea\tcountry\tNorth Korea\n",
            "Ghanaian\tGhana\n",
            "",
        );
        let lex = Lexicon::build(&src);
        let h = ["NORTH", "korea"]
            .iter()
            .fold(PHRASE_SEED, |h, w| mix(h, key_of(&w.to_lowercase())));
        assert_eq!(lex.phrase(h), GAZ_COUNTRY);
        assert_eq!(
            lex.phrase(mix(PHRASE_SEED, key_of("ghanaian"))),
            GAZ_DEMONYM
        );
        assert_eq!(lex.phrase(mix(PHRASE_SEED, key_of("korea"))), 0);
    }
}
