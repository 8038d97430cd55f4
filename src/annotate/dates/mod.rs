//! Date expressions and their calendar values, resolved against the
//! document's own date where the text leaves something out.
//!
//! The rules follow the TimeML / TIMEX3 guidelines as news uses them:
//! absolute dates ("March 22, 2013", "2013"), dates without a year
//! ("Feb. 28"), weekdays ("Friday afternoon"), relative expressions ("last
//! month", "two years ago", "this week"), durations ("three years" =
//! `P3Y`, "recent weeks" = `PXW`), decades and centuries ("the 1990s" =
//! `199`), seasons, quarters, clock times and sets ("weekly" = `P1W`).
//! Values follow TIMEX3: `2013-03-22`, `2013-W11`, `2012-SU`, `2013-Q1`,
//! `2013-03-22TAF`, `PRESENT_REF`; `None` when the document date is
//! needed and unknown.
//!
//! - [`lexicon`]: the words (units, numbers, weekdays, cues).
//! - [`civil`]: day arithmetic and the TIMEX3 spellings of periods.
//! - [`rules`]: the token matcher and the resolution against the document date.

mod civil;
mod lexicon;
mod rules;

use compact_str::CompactString;

use crate::calendar::Date;
use crate::span::Span;
use crate::text::PackedTokens;

/// A date phrase and the ISO 8601 / TIMEX3 value it stands for.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DateMention {
    /// Byte span of the phrase.
    pub span: Span,
    /// `2024-09-10`, `2024-09`, `2024-W37`, `P8M`, or `None` when it cannot be known.
    /// Kept inline (values are a few bytes), not on the heap: a batch
    /// keeps every document's dates.
    pub value: Option<CompactString>,
}

/// Every date phrase in `text`, in order and never overlapping, resolved
/// against `published` when given.
#[cfg(test)]
pub(crate) fn find_dates(text: &str, published: Option<Date>) -> Vec<DateMention> {
    let tokens = PackedTokens::pack(&crate::text::tokenize(text));
    find_dates_in(text, &tokens, published)
}

/// [`find_dates`] over `text` already split into `tokens` (by
/// [`crate::text::tokenize`], then packed), so a document is tokenized once.
pub(crate) fn find_dates_in(
    text: &str,
    tokens: &PackedTokens,
    published: Option<Date>,
) -> Vec<DateMention> {
    rules::Matcher::new(text, tokens, published)
        .run()
        .into_iter()
        .map(|(span, value)| DateMention { span, value })
        .collect()
}

#[cfg(test)]
mod tests;
