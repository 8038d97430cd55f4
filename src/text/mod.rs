//! Text to tokens and sentences, as byte spans into the document's text.
//!
//! [`tokenize`] follows Unicode word boundaries (UAX #29) with a few news
//! conventions on top; [`split_sentences`] handles abbreviations, initials,
//! numbers, quotes and lists.

mod sentences;
mod tokens;

pub use sentences::split_sentences;
pub use tokens::{tokenize, PackedTokens, Token, TokenKind, Unpack};
