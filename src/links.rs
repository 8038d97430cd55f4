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
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(rel) = next_start(&text[from..]) {
        let start = from + rel;
        let len: usize = text[start..]
            .chars()
            .take_while(|&c| url_char(c))
            .map(char::len_utf8)
            .sum();
        let mut end = start + len;
        loop {
            let tail = &text[start..end];
            let Some(last) = tail.chars().next_back() else {
                break;
            };
            let unbalanced = (last == ')' && tail.matches('(').count() < tail.matches(')').count())
                || (last == ']' && tail.matches('[').count() < tail.matches(']').count());
            if ".,;:!?'\"".contains(last) || unbalanced {
                end -= last.len_utf8();
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

/// Where the next URL may begin: a scheme, or `www.` at a word start.
fn next_start(text: &str) -> Option<usize> {
    let mut best: Option<usize> = None;
    for needle in ["https://", "http://", "www."] {
        let mut from = 0;
        while let Some(pos) = text[from..].find(needle) {
            let at = from + pos;
            let word_start = text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric() && c != '/' && c != '.');
            if word_start {
                best = Some(best.map_or(at, |b: usize| b.min(at)));
                break;
            }
            from = at + needle.len();
        }
    }
    best
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
}
