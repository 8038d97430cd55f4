//! Words as the corpus compares them: lower case, function words dropped,
//! ordinals read as their number ("76th" = "76"), a plural `s` folded, so
//! that "75 years" and "75th anniversary" share a term.

/// English function and reporting words that say nothing about an event.
/// Sorted, for binary search.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "according",
    "after",
    "again",
    "against",
    "all",
    "also",
    "amid",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "despite",
    "did",
    "do",
    "does",
    "during",
    "each",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "may",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "much",
    "must",
    "new",
    "no",
    "not",
    "now",
    "of",
    "on",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "said",
    "say",
    "says",
    "she",
    "should",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "told",
    "under",
    "up",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "will",
    "with",
    "would",
    "you",
    "your",
];

/// True for a lower-case function word.
pub(crate) fn is_stopword(lower: &str) -> bool {
    STOPWORDS.binary_search(&lower).is_ok()
}

/// The comparable form of one word or number token, or `None` for a
/// function word, a lone letter or punctuation.
pub(crate) fn term(token: &str) -> Option<String> {
    let mut w = token.to_lowercase();
    for apos in ["'s", "\u{2019}s"] {
        if w.len() > apos.len() && w.ends_with(apos) {
            w.truncate(w.len() - apos.len());
        }
    }
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    if w.is_empty() || is_stopword(w) {
        return None;
    }
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        let suffix = &w[digits.len()..];
        if matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
            return Some(digits.trim_start_matches('0').to_string());
        }
    }
    if w.chars().count() < 2 || !w.chars().any(char::is_alphanumeric) {
        return None;
    }
    if w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        return Some(w[..w.len() - 1].to_string());
    }
    Some(w.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn terms_fold_case_ordinals_plurals_and_possessives() {
        assert_eq!(term("76th").as_deref(), Some("76"));
        assert_eq!(term("75").as_deref(), Some("75"));
        assert_eq!(term("Years").as_deref(), Some("year"));
        assert_eq!(term("Korea's").as_deref(), Some("korea"));
        assert_eq!(term("The"), None);
        assert_eq!(term(","), None);
        assert_eq!(term("x"), None);
        assert_eq!(term("address").as_deref(), Some("address"));
        assert_eq!(term("status").as_deref(), Some("status"));
    }
}
