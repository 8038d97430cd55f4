//! Each distinct word worked out once: a news story repeats most of its
//! words, and a batch of stories most of each other's, and a word's own
//! facts ([`tok_info`]) and the weights of its word-only feature rows
//! ([`word_features`]) do not depend on where it stands. Tagging adds
//! those sums to each occurrence's other rows; integer sums do not depend
//! on the order, so the scores are the same as summing every row of every
//! token. A cache outlives its document (see [`WordCache::begin`]).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::features::{
    tok_info, tok_info_unclassed, word_classes, word_features, Extractor, SentFeatures, TokInfo,
};
use super::hash::hash_bytes;
use super::model::{Joint, NL};
use super::KeyHasher;

/// Sums of one word's word-only rows, both stages side by side.
pub(crate) type Sums = [i32; 2 * NL];

/// Words a cache keeps past the end of a document: about 5 MB (a word's
/// facts and sums take about 280 bytes), far more than the words most news
/// stories share. A cache that grew past it (a long document) is let go
/// whole: kept, a 17.5 MB text's words stayed through the steps after
/// the tagger and raised its peak RSS from 141 to 155 MB.
const KEPT_WORDS: usize = 16_384;

/// Words a cache takes in at most, about 9 MB: past it, a new word's facts
/// and rows are worked out wherever it occurs (the same sums, so the same
/// scores). The 181 real articles of the text dumps have about 580
/// distinct words each (3,300 at most); a 17.5 MB text of generated news
/// has 48,384, and its cache was 16 of the tagger's 75 MB (heap, by
/// massif).
const MAX_WORDS: usize = 32_768;

/// The words seen so far, by one model.
pub(crate) struct WordCache {
    /// The model the facts and sums are of (`NerModel`'s id).
    model: u64,
    /// Hash of a word's bytes -> its entry.
    index: HashMap<u64, u32, BuildHasherDefault<KeyHasher>>,
    /// Every entry's word, one after another: entry `i` ends at `ends[i]`.
    text: String,
    ends: Vec<u32>,
    infos: Vec<TokInfo>,
    sums: Vec<Sums>,
    /// Scratch: the word-only rows of a sentence's new words, their table
    /// rows, and a lookup form.
    rows: SentFeatures,
    at: Vec<u32>,
    form: String,
}

impl Default for WordCache {
    fn default() -> WordCache {
        WordCache::new()
    }
}

impl WordCache {
    pub(crate) fn new() -> WordCache {
        WordCache {
            model: 0,
            index: HashMap::default(),
            text: String::new(),
            ends: Vec::new(),
            infos: Vec::new(),
            sums: Vec::new(),
            rows: SentFeatures::default(),
            at: Vec::new(),
            form: String::new(),
        }
    }

    /// Makes the cache ready for a document tagged with model `model`: the
    /// entries stay if they are that model's (entry ids then stay valid to
    /// the document's end).
    pub(crate) fn begin(&mut self, model: u64) {
        if self.model != model {
            self.model = model;
            self.index.clear();
            self.text.clear();
            self.ends.clear();
            self.infos.clear();
            self.sums.clear();
        }
    }

    /// The cache to keep after a document: this one, or an empty one when
    /// it holds more than `KEPT_WORDS` entries.
    pub(crate) fn kept(self) -> WordCache {
        if self.len() > KEPT_WORDS {
            WordCache::new()
        } else {
            self
        }
    }

    /// Number of entries.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    fn word(&self, id: u32) -> &str {
        let id = id as usize;
        let start = if id == 0 {
            0
        } else {
            self.ends[id - 1] as usize
        };
        &self.text[start..self.ends[id] as usize]
    }

    /// Analyses a sentence like [`Extractor::analyse`], each word's facts
    /// from the cache; `ids` gets each token's entry, or `None` for a
    /// token whose facts are not its word's own (recased in a headline),
    /// whose word shares its hash with another word, or that came after
    /// the cache was full ([`MAX_WORDS`]). A sentence's new
    /// words are looked up in the lexicon and the weights one step at a
    /// time for all of them, so that their cache misses overlap.
    pub(crate) fn analyse(
        &mut self,
        ex: &mut Extractor,
        joint: &Joint,
        words: &[&str],
        ids: &mut Vec<Option<u32>>,
    ) {
        ids.clear();
        let old = self.ends.len();
        for &w in words {
            let h = hash_bytes(w.as_bytes());
            let id = match self.index.get(&h) {
                Some(&id) => Some(id),
                None if self.ends.len() < MAX_WORDS => {
                    let id = self.ends.len() as u32;
                    self.index.insert(h, id);
                    self.text.push_str(w);
                    self.ends.push(self.text.len() as u32);
                    self.infos.push(tok_info_unclassed(w, &mut self.form));
                    Some(id)
                }
                None => None,
            };
            ids.push(id.filter(|&id| self.word(id) == w));
        }
        if self.ends.len() > old {
            for info in &mut self.infos[old..] {
                info.classes = word_classes(ex.lex, info.key);
            }
            self.rows.clear();
            for info in &self.infos[old..] {
                word_features(info, ex.bits, &mut self.rows);
            }
            joint.sums(&self.rows, &mut self.sums, &mut self.at);
        }
        let mut form = std::mem::take(&mut self.form);
        let infos = words.iter().zip(ids.iter()).map(|(w, id)| match id {
            Some(id) => self.infos[*id as usize],
            None => tok_info(ex.lex, w, &mut form),
        });
        ex.analyse_known(words, infos);
        self.form = form;
        for (id, &recased) in ids.iter_mut().zip(&ex.recased) {
            if recased {
                *id = None;
            }
        }
    }

    /// The lookup key of an entry's word.
    pub(crate) fn key(&self, id: u32) -> u64 {
        self.infos[id as usize].key
    }

    /// The word-only sums of an entry.
    pub(crate) fn sums(&self, id: u32) -> &Sums {
        &self.sums[id as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::super::{need, NerModel};
    use super::*;

    #[test]
    fn cached_word_sums_give_the_same_scores() {
        let model = NerModel::embedded();
        let text = [
            "Talvik Motors Recalls Cars After Brake Failures In Norway",
            "Talvik Motors said on Monday it would recall 40,000 cars .",
            "The recall covers cars sold in Norway , Sweden and Finland .",
            "Talvik Motors shares fell 3 % in Oslo , where Talvik is based .",
        ];
        let sentences: Vec<Vec<&str>> = text.iter().map(|s| s.split(' ').collect()).collect();
        let mut full = Extractor::new(&model.lex, model.bits);
        let mut ex = Extractor::new(&model.lex, model.bits);
        let mut cache = WordCache::new();
        let (mut ids, mut at) = (Vec::new(), Vec::new());
        let (mut f, mut em, mut partial) = (SentFeatures::default(), Vec::new(), Vec::new());
        let (mut f0, mut em0, mut partial0) = (SentFeatures::default(), Vec::new(), Vec::new());
        let (mut cached, mut recased) = (0, 0);
        for words in &sentences {
            full.analyse(words);
            full.features(&mut f0, |_, _| {});
            let none = |_| &[0; 2 * NL];
            model
                .joint
                .first(&f0, none, &mut em0, Some(&mut partial0), &mut at);
            cache.analyse(&mut ex, &model.joint, words, &mut ids);
            ex.features_for(&mut f, |t| need(false, ids[t]));
            let base = |t: usize| ids[t].map_or(&[0; 2 * NL], |id| cache.sums(id));
            model
                .joint
                .first(&f, base, &mut em, Some(&mut partial), &mut at);
            assert_eq!(em, em0, "{words:?}");
            let keys = |e: &Extractor| e.infos.iter().map(|i| (i.key, i.cap)).collect::<Vec<_>>();
            assert_eq!(keys(&ex), keys(&full));
            assert!(f.rows.len() < f0.rows.len());
            cached += ids.iter().flatten().count();
            recased += ex.recased.iter().filter(|&&r| r).count();
        }
        assert_eq!(partial, partial0);
        assert!(cached > 20 && recased > 0, "{cached} {recased}");
    }

    #[test]
    fn the_cache_keeps_a_models_words_to_its_bound_and_no_other_models() {
        let model = NerModel::embedded();
        let mut ex = Extractor::new(&model.lex, model.bits);
        let mut cache = WordCache::new();
        let mut ids = Vec::new();
        let words = ["Talvik", "Motors", "said", "Talvik"];
        cache.begin(7);
        cache.analyse(&mut ex, &model.joint, &words, &mut ids);
        assert_eq!(cache.len(), 3);
        assert_eq!(ids, [Some(0), Some(1), Some(2), Some(0)]);
        let sums = *cache.sums(0);
        // the same model's next document finds them
        cache.begin(7);
        cache.analyse(&mut ex, &model.joint, &["said", "Talvik"], &mut ids);
        assert_eq!((cache.len(), ids.clone()), (3, vec![Some(2), Some(0)]));
        assert_eq!(cache.sums(0), &sums);
        // another model's facts and sums are not these
        cache.begin(8);
        assert_eq!(cache.len(), 0);
        // to its bound, a cache is kept whole after a document; past it, let go
        let many: Vec<String> = (0..=KEPT_WORDS).map(|i| format!("w{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        cache.analyse(&mut ex, &model.joint, &many[..KEPT_WORDS], &mut ids);
        let mut cache = cache.kept();
        assert_eq!(cache.len(), KEPT_WORDS);
        cache.begin(8);
        cache.analyse(&mut ex, &model.joint, &many, &mut ids);
        assert_eq!(cache.len(), KEPT_WORDS + 1);
        assert_eq!(cache.kept().len(), 0);
    }

    /// A full cache takes no more words: a word after it has no entry,
    /// and the sentence scores the same as with every word cached.
    #[test]
    fn a_full_cache_takes_no_more_words_and_scores_the_same() {
        let model = NerModel::embedded();
        let mut ex = Extractor::new(&model.lex, model.bits);
        let mut cache = WordCache::new();
        let (mut ids, mut at) = (Vec::new(), Vec::new());
        let filler: Vec<String> = (0..MAX_WORDS - 2).map(|i| format!("w{i}")).collect();
        let filler: Vec<&str> = filler.iter().map(String::as_str).collect();
        cache.analyse(&mut ex, &model.joint, &filler, &mut ids);
        let words = [
            "Talvik", "Motors", "said", "Talvik", "recalled", "cars", "in", "Oslo",
        ];
        cache.analyse(&mut ex, &model.joint, &words, &mut ids);
        assert_eq!(cache.len(), MAX_WORDS);
        let n = MAX_WORDS as u32;
        assert_eq!(ids[..4], [Some(n - 2), Some(n - 1), None, Some(n - 2)]);
        assert!(ids[4..].iter().all(Option::is_none));
        let (mut f, mut em) = (SentFeatures::default(), Vec::new());
        ex.features_for(&mut f, |t| need(false, ids[t]));
        let base = |t: usize| ids[t].map_or(&[0; 2 * NL], |id| cache.sums(id));
        model.joint.first(&f, base, &mut em, None, &mut at);
        let mut full = Extractor::new(&model.lex, model.bits);
        full.analyse(&words);
        let (mut f0, mut em0) = (SentFeatures::default(), Vec::new());
        full.features(&mut f0, |_, _| {});
        model
            .joint
            .first(&f0, |_| &[0; 2 * NL], &mut em0, None, &mut at);
        assert_eq!(em, em0);
    }
}
