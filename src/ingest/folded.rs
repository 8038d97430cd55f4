//! Finding a line in a text with whitespace folded (runs of whitespace as
//! one space), as `str::contains` on the folded strings would, without
//! scanning the whole text for each line: an HTML page's lines are matched
//! against the article Readability chose, and on a long page (a 10 MB
//! capture) one scan per line took minutes.

use std::cell::Cell;
use std::ops::Range;

/// A text's words and where each pair of neighbouring words occurs.
pub(super) struct FoldedText<'a> {
    words: Vec<&'a str>,
    /// (hash of words i and i + 1, i), sorted.
    pairs: Vec<(u64, u32)>,
    /// Word comparisons left. A page built to defeat the index (the same
    /// pairs over and over) stops matching after a fixed amount of work:
    /// its remaining lines count as absent.
    budget: Cell<usize>,
}

impl<'a> FoldedText<'a> {
    pub(super) fn new(text: &'a str) -> FoldedText<'a> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let mut pairs: Vec<(u64, u32)> = words
            .windows(2)
            .enumerate()
            .map(|(i, w)| (pair_hash(w[0], w[1]), i as u32))
            .collect();
        pairs.sort_unstable();
        let budget = Cell::new(64 * words.len() + 100_000);
        FoldedText {
            words,
            pairs,
            budget,
        }
    }

    /// Whether `line`, folded (words joined by single spaces) and of four
    /// words or more, is in the folded text. Its inner words must be whole
    /// words of the text; its first may end one and its last begin one.
    pub(super) fn holds(&self, line: &str) -> bool {
        let l: Vec<&str> = line.split(' ').collect();
        let k = l.len();
        if k < 4 || self.words.len() < k {
            // three words or fewer are matched as whole lines only
            return false;
        }
        // the inner pair with the fewest places, l[at] and l[at + 1]
        let Some((at, places)) = (1..k - 2)
            .map(|i| (i, self.places(l[i], l[i + 1])))
            .min_by_key(|(_, r)| r.len())
        else {
            return false;
        };
        for &(_, p) in &self.pairs[places] {
            // where l[1] would be
            let Some(s) = (p as usize).checked_sub(at - 1) else {
                continue;
            };
            let spent = k.min(self.budget.get());
            self.budget.set(self.budget.get() - spent);
            if spent < k {
                return false;
            }
            if s == 0 || s + k - 2 >= self.words.len() {
                continue;
            }
            if self.words[s..s + k - 2] == l[1..k - 1]
                && self.words[s - 1].ends_with(l[0])
                && self.words[s + k - 2].starts_with(l[k - 1])
            {
                return true;
            }
        }
        false
    }

    /// The entries of `pairs` for the pair (a, b).
    fn places(&self, a: &str, b: &str) -> Range<usize> {
        let h = pair_hash(a, b);
        let start = self.pairs.partition_point(|&(x, _)| x < h);
        let end = start + self.pairs[start..].partition_point(|&(x, _)| x == h);
        start..end
    }
}

/// FNV-1a over both words with a separator no word holds (places are
/// checked word by word, so a collision costs only time).
fn pair_hash(a: &str, b: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in a.as_bytes().iter().chain(b" ").chain(b.as_bytes()) {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn finds_lines_as_contains_does_on_folded_text() {
        // few short words, so words repeat and lines start and end inside words
        let vocab = ["a", "ab", "ba", "b", "aab", "bb"];
        let mut seed: u64 = 7;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize % n
        };
        let mut checked = 0;
        for _ in 0..200 {
            let text: Vec<&str> = (0..60).map(|_| vocab[next(vocab.len())]).collect();
            let joined = text.join(if next(2) == 0 { " " } else { "  \n" });
            let folded = fold(&joined);
            let index = FoldedText::new(&joined);
            for _ in 0..40 {
                // a piece of the folded text (cut anywhere) or random words
                let line = if next(2) == 0 {
                    let start = next(folded.len());
                    let end = (start + 4 + next(30)).min(folded.len());
                    fold(&folded[start..end])
                } else {
                    (0..4 + next(4))
                        .map(|_| vocab[next(vocab.len())])
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                if line.split(' ').count() < 4 {
                    continue;
                }
                assert_eq!(
                    folded.contains(&line),
                    index.holds(&line),
                    "{line:?} in {folded:?}"
                );
                checked += 1;
            }
        }
        assert!(checked > 2000, "{checked} lines checked");
    }

    #[test]
    fn short_lines_and_short_texts_are_not_held() {
        let index = FoldedText::new("one two three four five");
        assert!(index.holds("two three four five"));
        assert!(index.holds("ne two three fo"));
        assert!(!index.holds("two three four"));
        assert!(!index.holds("five one two three"));
        assert!(!FoldedText::new("").holds("a b c d"));
        assert!(!FoldedText::new("a b c").holds("a b c d"));
    }

    #[test]
    fn work_is_bounded_on_a_page_built_to_defeat_the_index() {
        // every inner pair is "a a": each line is tried at every place
        let text = "a ".repeat(5_000);
        let index = FoldedText::new(&text);
        let start = index.budget.get();
        for i in 0..1_000 {
            assert!(!index.holds(&format!("x{i} a a a a y")));
        }
        assert_eq!(
            0,
            index.budget.get(),
            "stopped once the work allowed ({start}) was spent"
        );
    }
}
