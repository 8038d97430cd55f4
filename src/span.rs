//! Half-open byte ranges into a document's text.

/// A half-open range `start..end` of **UTF-8 byte offsets** into one
/// document's `text`. Every stage works in bytes; `report` converts to
/// code points once, at the boundary.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// Builds a span; `start` must not exceed `end`, nor `end` `u32::MAX`
    /// (a text is at most a few times [`crate::ingest::MAX_INPUT_BYTES`]).
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span {
            start: offset(start),
            end: offset(end),
        }
    }

    /// A span from offsets as [`crate::text::Token`] keeps them, unchecked:
    /// received tokens (`transfer`) are validated after they are read.
    pub(crate) fn from_offsets(start: u32, end: u32) -> Span {
        Span { start, end }
    }

    /// First byte of the range.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// One past the last byte of the range.
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The slice of `text` this span points at.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start()..self.end()]
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies wholly inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A byte offset as a span holds it: four bytes, not eight, for the
/// millions of spans a large batch keeps.
fn offset(at: usize) -> u32 {
    u32::try_from(at).expect("a text is shorter than 4 GiB")
}

/// Tests whether one of a list of spans holds a given span. Spans in
/// order and apart (a document's content, its posts) are bisected: trying
/// each one, per token or per sentence, was quadratic in a feed of
/// thousands of posts.
pub struct Within<'a> {
    spans: &'a [Span],
    ordered: bool,
}

impl<'a> Within<'a> {
    /// The spans to test against, in any order.
    pub fn new(spans: &'a [Span]) -> Within<'a> {
        Within {
            spans,
            ordered: spans.windows(2).all(|w| w[0].end <= w[1].start),
        }
    }

    /// True when one of the spans contains `s`.
    pub fn holds(&self, s: Span) -> bool {
        if self.ordered {
            // only the last span starting at or before `s` can hold it
            let k = self.spans.partition_point(|x| x.start <= s.start);
            k > 0 && self.spans[k - 1].contains(s)
        } else {
            self.spans.iter().any(|x| x.contains(s))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_keeps_every_offset_of_a_text_in_eight_bytes() {
        assert_eq!(std::mem::size_of::<Span>(), 8);
        let last = u32::MAX as usize;
        let s = Span::new(last - 5, last);
        assert_eq!((s.start(), s.end(), s.len()), (last - 5, last, 5));
        assert_eq!(Span::new(7, 7).len(), 0);
        assert_eq!(Span::new(2, 5).slice("abcdefg"), "cde");
    }

    #[test]
    fn within_answers_as_trying_every_span_does() {
        let mut rng = crate::testing::XorShift(0x9e37_79b9_7f4a_7c15);
        let mut next = |n: usize| rng.below(n);
        for round in 0..2000 {
            // in order and apart, or (every fourth round) in any order
            let mut spans = Vec::new();
            let mut at = 0;
            for _ in 0..next(8) {
                let start = if round % 4 == 0 {
                    next(30)
                } else {
                    at + next(4)
                };
                let end = start + next(6);
                spans.push(Span::new(start, end));
                at = end;
            }
            let within = Within::new(&spans);
            for start in 0..40 {
                for len in 0..6 {
                    let s = Span::new(start, start + len);
                    let want = spans.iter().any(|x| x.start <= s.start && s.end <= x.end);
                    assert_eq!(within.holds(s), want, "round {round}: {s:?} in {spans:?}");
                }
            }
        }
    }
}
