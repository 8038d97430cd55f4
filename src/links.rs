//! Web addresses written out in text (`https://…`, `www.…`, `lnkd.in/…`).
//!
//! A leaf utility like `calendar`: `ingest` lists a page's links in its
//! metadata and `annotate` marks them in the text.

use crate::span::Span;

/// Characters that may continue a URL once it has started.
fn url_char(c: char) -> bool {
    c.is_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
}

/// Every URL in `text`, in order. Trailing sentence punctuation and an
/// unbalanced closing bracket are left outside the span.
pub fn find_urls(text: &str) -> Vec<Span> {
    let mut starts = Starts::default();
    find_urls_from(text, |from| starts.next(text, from))
}

/// [`find_urls`] given where the next URL may begin at or after a place.
fn find_urls_from(text: &str, mut next_start: impl FnMut(usize) -> Option<usize>) -> Vec<Span> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = next_start(from) {
        let len: usize = text[start..]
            .chars()
            .take_while(|&c| url_char(c))
            .map(char::len_utf8)
            .sum();
        let mut end = start + len;
        // brackets counted once and kept up to date as the end is trimmed
        // (counting the rest anew per trimmed character was quadratic)
        let count = |b: u8| {
            text.as_bytes()[start..end]
                .iter()
                .filter(|&&x| x == b)
                .count()
        };
        let (opened, opened_square) = (count(b'('), count(b'['));
        let (mut closed, mut closed_square) = (count(b')'), count(b']'));
        loop {
            let tail = &text[start..end];
            let Some(last) = tail.chars().next_back() else {
                break;
            };
            let unbalanced =
                (last == ')' && opened < closed) || (last == ']' && opened_square < closed_square);
            if ".,;:!?'\"".contains(last) || unbalanced {
                end -= last.len_utf8();
                match last {
                    ')' => closed -= 1,
                    ']' => closed_square -= 1,
                    _ => {}
                }
            } else {
                break;
            }
        }
        let host_len = text[start..end]
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .len();
        if host_len > 3 && text[start..end].contains('.') {
            found.push(Span::new(start, end));
        }
        from = end.max(start + 1);
        while !text.is_char_boundary(from) {
            from += 1;
        }
    }
    found
}

/// True when nothing that continues a word or address (a letter, digit,
/// `/` or `.`) comes right before `at`.
fn starts_word(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric() && c != '/' && c != '.')
}

/// What may begin a URL.
const NEEDLES: [&str; 3] = ["https://", "http://", "www."];

/// Where the next URL may begin: a scheme, or `www.` at a word start.
/// Each needle's next place is remembered, so the text is searched once
/// for each, not once per URL (a text of 100,000 links took a minute).
#[derive(Default)]
struct Starts {
    /// Per needle: (searched from, the first word-start place after that).
    found: [Option<(usize, Option<usize>)>; 3],
}

impl Starts {
    /// The first place at or after `from` where a needle starts a word;
    /// a needle right at `from` counts whatever precedes it.
    fn next(&mut self, text: &str, from: usize) -> Option<usize> {
        let mut best: Option<usize> = None;
        for (k, needle) in NEEDLES.iter().enumerate() {
            let at = if text[from..].starts_with(needle) {
                Some(from)
            } else {
                match self.found[k] {
                    Some((searched, next))
                        if searched <= from && next.is_none_or(|p| p >= from) =>
                    {
                        next
                    }
                    _ => {
                        let next = Self::search(text, needle, from);
                        self.found[k] = Some((from, next));
                        next
                    }
                }
            };
            if let Some(at) = at {
                best = Some(best.map_or(at, |b| b.min(at)));
            }
        }
        best
    }

    /// The first place after `from` where `needle` starts a word.
    fn search(text: &str, needle: &str, from: usize) -> Option<usize> {
        let mut pos = from;
        while let Some(rel) = text[pos..].find(needle) {
            let at = pos + rel;
            if starts_word(text, at) {
                return Some(at);
            }
            pos = at + needle.len();
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_in_prose() {
        let text = "See https://lnkd.in/eqHSPraw. Also (www.example.org/a_(b)) and http://x.io/p?q=1, done; not http://.";
        let got: Vec<&str> = find_urls(text).iter().map(|s| s.slice(text)).collect();
        assert_eq!(
            got,
            [
                "https://lnkd.in/eqHSPraw",
                "www.example.org/a_(b)",
                "http://x.io/p?q=1"
            ]
        );
    }

    /// The search before `Starts`: every needle searched from `from` anew.
    fn next_start_reference(text: &str, from: usize) -> Option<usize> {
        let text = &text[from..];
        let mut best: Option<usize> = None;
        for needle in NEEDLES {
            let mut at_least = 0;
            while let Some(pos) = text[at_least..].find(needle) {
                let at = at_least + pos;
                if starts_word(text, at) {
                    best = Some(best.map_or(at, |b: usize| b.min(at)));
                    break;
                }
                at_least = at + needle.len();
            }
        }
        best.map(|b| from + b)
    }

    #[test]
    fn remembered_starts_find_what_a_fresh_search_finds() {
        let pieces = [
            "https://", "http://", "www.", "a.b", "x", ".", "/", ")", "(", "]", " ", "\n", ",",
            "é", "'", "co", "ww", "http", "s://", "?q=1",
        ];
        let mut rng = crate::testing::XorShift(0x2545_f491_4f6c_dd1d);
        for round in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(rng.0 % 24) {
                text.push_str(pieces[rng.below(pieces.len())]);
            }
            let want = find_urls_from(&text, |from| next_start_reference(&text, from));
            assert_eq!(find_urls(&text), want, "round {round}: {text:?}");
        }
    }
}
