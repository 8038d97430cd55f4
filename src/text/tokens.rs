//! Words, numbers and punctuation with their byte spans.

use unicode_segmentation::UnicodeSegmentation;

use crate::span::Span;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TokenKind {
    /// Letters (and marks, apostrophes, inner dots: "U.S.", "Adébáyọ̀").
    Word,
    /// Digits, with inner separators ("1,200", "3.5").
    Number,
    /// Anything else that is not white space.
    Punct,
}

/// One token: where it is and what kind it is. The span is in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Token {
    /// Byte span into the text.
    pub span: Span,
    /// Word, number or punctuation.
    pub kind: TokenKind,
}

fn kind_of(piece: &str) -> TokenKind {
    let first = piece.chars().next().unwrap_or(' ');
    if first.is_numeric() {
        TokenKind::Number
    } else if first.is_alphabetic() || piece.chars().any(char::is_alphabetic) {
        TokenKind::Word
    } else {
        TokenKind::Punct
    }
}

/// Splits `text` into tokens, dropping white space.
///
/// On top of UAX #29 word boundaries: a possessive `'s` / `’s` is its own
/// token, so names never include it; an abbreviation with inner dots
/// ("U.S.") and a capital initial ("J.") keep their final dot.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut pieces = text.split_word_bound_indices().peekable();
    while let Some((start, piece)) = pieces.next() {
        if piece.chars().all(char::is_whitespace) {
            continue;
        }
        let end = start + piece.len();
        let kind = kind_of(piece);
        if kind == TokenKind::Word {
            // possessive
            for apos in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
                if piece.len() > apos.len() && piece.ends_with(apos) {
                    let cut = end - apos.len();
                    tokens.push(Token {
                        span: Span::new(start, cut),
                        kind,
                    });
                    tokens.push(Token {
                        span: Span::new(cut, end),
                        kind: TokenKind::Word,
                    });
                    break;
                }
            }
            if tokens.last().is_some_and(|t| t.span.end == end) {
                continue;
            }
            // "U.S." and "J." keep their final dot
            let initial = piece.chars().count() == 1 && piece.chars().all(char::is_uppercase);
            let dotted =
                piece.contains('.') && piece.chars().filter(|c| c.is_alphabetic()).count() <= 6;
            if (initial || dotted) && pieces.peek().is_some_and(|(_, p)| *p == ".") {
                pieces.next();
                tokens.push(Token {
                    span: Span::new(start, end + 1),
                    kind,
                });
                continue;
            }
        }
        tokens.push(Token {
            span: Span::new(start, end),
            kind,
        });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.span.slice(text)).collect()
    }

    #[test]
    fn news_tokens() {
        let cases: &[(&str, &[&str])] = &[
            ("Korea's leader", &["Korea", "'s", "leader"]),
            ("Xi\u{2019}s letter", &["Xi", "\u{2019}s", "letter"]),
            (
                "the U.S. and J. R. Okafor",
                &["the", "U.S.", "and", "J.", "R.", "Okafor"],
            ),
            (
                "China-North Korea ties",
                &["China", "-", "North", "Korea", "ties"],
            ),
            (
                "cost $1,200.50 today.",
                &["cost", "$", "1,200.50", "today", "."],
            ),
            (
                "Oluwaseun Ad\u{e9}b\u{e1}y\u{1ecd}\u{300} \u{1f600} spoke",
                &[
                    "Oluwaseun",
                    "Ad\u{e9}b\u{e1}y\u{1ecd}\u{300}",
                    "\u{1f600}",
                    "spoke",
                ],
            ),
            ("don't", &["don't"]),
        ];
        for (text, want) in cases {
            assert_eq!(words(text), *want, "case {text:?}");
        }
    }

    #[test]
    fn kinds() {
        let kinds: Vec<TokenKind> = tokenize("Hi 42 !").iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [TokenKind::Word, TokenKind::Number, TokenKind::Punct]
        );
    }
}
