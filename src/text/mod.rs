//! Text to tokens and sentences, as byte spans into the document's text.
//!
//! [`tokenize`] follows Unicode word boundaries (UAX #29) with a few news
//! conventions on top; [`split_sentences`] handles abbreviations, initials,
//! numbers, quotes and lists; [`PackedTokens`] is how a batch keeps them.

mod packed;
mod sentences;
mod tokens;

pub use packed::{PackedTokens, Seek, Unpack};
pub use sentences::split_sentences;
pub use tokens::{tokenize, Token, TokenKind};
