//! The matcher: hand-written rules over the text's tokens, each rule a
//! family of date expressions from the TimeML guidelines, with the value it
//! resolves to against the document's own date.

use std::cell::Cell;

use compact_str::CompactString;

use super::civil;
use super::lexicon::{self, Unit};
use crate::calendar::{self, Date, Found};
use crate::span::Span;
use crate::text::{PackedTokens, Seek, Token, TokenKind};

/// What the rules know of each token beyond the token itself (its span
/// and kind stay in the tokenizer's [`Token`]): whether a rule may match
/// from it, whether an expression may begin at it, and where the
/// lowercase form of a token that is not lowercase already lies in
/// [`Matcher::lows`]. Three bitmaps with a running count per 64 tokens
/// (half a byte a token) and 4 bytes a token with a form of its own: a
/// record of 8 bytes a token was 24 MB of a 17.5 MB text's 124 MB peak.
struct Facts {
    blocks: Vec<Block>,
    /// Where each lowercase form ends in `lows`, in token order: form `k`
    /// takes `ends[k - 1]..ends[k]` (from 0 for the first).
    ends: Vec<u32>,
}

/// 64 tokens of [`Facts`].
#[derive(Clone, Copy, Default)]
struct Block {
    /// Tokens with a lowercase form of their own.
    lowered: u64,
    /// Some rule may match from here (see [`may_start`]).
    start: u64,
    /// An expression may begin here: a rule may match, or the token is
    /// one of the words [`Matcher::at`] looks for before one (see
    /// [`may_lead`]).
    lead: u64,
    /// Lowered tokens before this block.
    before: u32,
}

impl Facts {
    /// For `n` tokens, `lowered` of them with a lowercase form of their own.
    fn with_tokens(n: usize, lowered: usize) -> Facts {
        Facts {
            blocks: vec![Block::default(); n.div_ceil(64)],
            ends: Vec::with_capacity(lowered),
        }
    }

    /// Token `i` has the lowercase form that ends at `end` in `lows`
    /// (tokens are given in order).
    fn lowered(&mut self, i: usize, end: u32) {
        let b = &mut self.blocks[i >> 6];
        b.lowered |= 1 << (i & 63);
        self.ends.push(end);
    }

    /// After every [`Facts::lowered`]: each block's running count.
    fn count(&mut self) {
        let mut before = 0;
        for b in &mut self.blocks {
            b.before = before;
            before += b.lowered.count_ones();
        }
    }

    fn mark(&mut self, i: usize, start: bool, lead: bool) {
        let b = &mut self.blocks[i >> 6];
        b.start |= u64::from(start) << (i & 63);
        b.lead |= u64::from(lead) << (i & 63);
    }

    #[inline]
    fn start(&self, i: usize) -> bool {
        self.blocks[i >> 6].start >> (i & 63) & 1 == 1
    }

    #[inline]
    fn lead(&self, i: usize) -> bool {
        self.blocks[i >> 6].lead >> (i & 63) & 1 == 1
    }

    /// Where token `i`'s lowercase form lies in `lows`; `None` when the
    /// token is its own.
    #[inline]
    fn low(&self, i: usize) -> Option<std::ops::Range<usize>> {
        let b = self.blocks[i >> 6];
        let bit = i & 63;
        if b.lowered >> bit & 1 == 0 {
            return None;
        }
        let k = (b.before + (b.lowered & ((1u64 << bit) - 1)).count_ones()) as usize;
        let start = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        Some(start..self.ends[k] as usize)
    }
}

/// What a matched expression is, for the modifiers that may wrap it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A point or period on the calendar ("early" / "late" may wrap it).
    Point,
    /// A length of time.
    Duration,
    /// Anything else (references like "now", sets like "weekly").
    Other,
}

#[derive(Debug)]
struct Hit {
    /// Token index one past the expression.
    end: usize,
    /// Byte offset one past the expression.
    end_byte: usize,
    value: Option<String>,
    /// May take a leading "the" ("the past two years", "the 1990s").
    the: bool,
    kind: Kind,
}

/// How a named day, month or season relates to the document date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shift {
    /// Plain "Friday": tense decides.
    Auto,
    /// "last Friday".
    Last,
    /// "this Friday".
    This,
    /// "next Friday".
    Next,
}

/// News looks back, but a date without a year that falls within this many
/// days after the document date is meant ahead ("through June").
const AHEAD: i64 = 92;

/// A quantity before a unit: `None` when unspecified ("several").
type Qty = Option<u32>;

pub(super) struct Matcher<'t> {
    text: &'t str,
    /// The text's tokens, and what the rules know of each.
    tokens: Seek<'t>,
    facts: Facts,
    /// The lowercase forms of the tokens that are not lowercase, end to end.
    lows: String,
    /// The document date, in days since 1970-01-01.
    anchor: Option<i64>,
    absolute: Vec<Found>,
    /// The text tells of times far from its own date (a history, not
    /// news): dates without a year take the year the text last named.
    narrative: bool,
    /// The last date the text named: what "the next day" and "that year" refer to.
    reference: Cell<Option<Reference>>,
}

/// A date the text named, as precise as it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Reference {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

impl Reference {
    /// Reads `2013`, `2013-03`, `2013-03-22` (with anything after).
    fn parse(value: &str) -> Option<Reference> {
        // "BC0480-09": astronomical year -479
        if let Some(rest) = value.strip_prefix("BC") {
            let r = Reference::parse(rest)?;
            return Some(Reference {
                year: 1 - r.year,
                ..r
            });
        }
        let b = value.as_bytes();
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let s = value.get(r)?;
            s.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| s.parse().ok())?
        };
        let year = num(0..4)? as i32;
        if b.get(4).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let month = (b.get(4) == Some(&b'-'))
            .then(|| num(5..7))
            .flatten()
            .and_then(|m| u8::try_from(m).ok())
            .filter(|m| (1..=12).contains(m));
        let day = month
            .and_then(|_| (b.get(7) == Some(&b'-')).then(|| num(8..10)).flatten())
            .and_then(|d| u8::try_from(d).ok())
            .filter(|&d| {
                month.is_some_and(|m| d >= 1 && d <= calendar::days_in_month(Some(year), m))
            });
        Some(Reference { year, month, day })
    }

    fn days(&self) -> Option<i64> {
        Some(civil::days_from_civil(self.year, self.month?, self.day?))
    }
}

impl<'t> Matcher<'t> {
    /// A matcher over `text`, already split into `tokens`.
    pub(super) fn new(
        text: &'t str,
        tokens: &'t PackedTokens,
        published: Option<Date>,
    ) -> Matcher<'t> {
        let anchor = published.and_then(|d| {
            let (year, day) = (d.year?, d.day?);
            let valid = (1..=12).contains(&d.month)
                && day >= 1
                && day <= calendar::days_in_month(Some(year), d.month);
            valid.then(|| civil::days_from_civil(year, d.month, day))
        });
        let absolute = calendar::find_dates(text);
        let mut found = absolute.iter().map(|f| f.span.start()).peekable();
        // a long text's lowercase forms sized before they are written:
        // grown by doubling, they were the largest step of its wasm
        // memory, which only grows (8.5 MB of a 17.5 MB text's); a short
        // one's grow, sparing the extra pass
        let (mut low_bytes, mut lowered) = (0, 0);
        if tokens.len() > SIZE_FORMS_FROM {
            for token in tokens.iter() {
                let n = lowered_len(token.span().slice(text));
                if n > 0 {
                    low_bytes += n;
                    lowered += 1;
                }
            }
        }
        let mut lows = String::with_capacity(low_bytes);
        let mut facts = Facts::with_tokens(tokens.len(), lowered);
        for (i, token) in tokens.iter().enumerate() {
            let span = token.span();
            let raw = span.slice(text);
            let at = lows.len();
            if lowers(raw) {
                if raw.is_ascii() {
                    lows.extend(raw.chars().map(|c| c.to_ascii_lowercase()));
                } else {
                    // str::to_lowercase: a final sigma lowers as in a word
                    lows.push_str(&raw.to_lowercase());
                }
            }
            // (a token whose lowercase form takes 64 KB or more, which no
            // rule can match, or one past 4 GB of lowercase forms, were
            // there that many, is read as it is)
            let low = match u32::try_from(lows.len()) {
                Ok(end) if lows.len() > at && lows.len() - at < usize::from(u16::MAX) => {
                    facts.lowered(i, end);
                    &lows[at..]
                }
                _ => {
                    lows.truncate(at);
                    raw
                }
            };
            while found.next_if(|&s| s < span.start()).is_some() {}
            let start = found.peek() == Some(&span.start()) || may_start(raw, low, token.kind());
            facts.mark(i, start, start || may_lead(low));
        }
        facts.count();
        // read-only from here on (sized exactly, but for forms of 64 KB
        // or more, left out)
        lows.shrink_to_fit();
        facts.ends.shrink_to_fit();
        let mut matcher = Matcher {
            text,
            tokens: tokens.seek(),
            facts,
            lows,
            anchor,
            absolute,
            narrative: false,
            reference: Cell::new(None),
        };
        matcher.narrative = matcher.tells_history();
        matcher.reference.set(anchor.map(|a| {
            let (year, month, day) = civil::civil_from_days(a);
            Reference {
                year,
                month: Some(month),
                day: Some(day),
            }
        }));
        matcher
    }

    /// Without a document date, or when most years the text names lie more
    /// than five years from it, the text is a narrative of its own times.
    fn tells_history(&self) -> bool {
        let Some(a) = self.anchor else {
            return true;
        };
        let ay = civil::year_of(a);
        // years the year rule accepts ("2000 troops" is no year)
        let years: Vec<i32> = (0..self.tokens.len())
            .filter(|&i| self.digits(i).is_some())
            .filter_map(|i| Reference::parse(&self.year(i)?.value?))
            .map(|r| r.year)
            .collect();
        let far = years.iter().filter(|y| (*y - ay).abs() > 5).count();
        years.len() >= 3 && far * 2 > years.len()
    }

    /// Every expression, in order, never overlapping.
    /// (Each value inline as it is found, not a heap string each until
    /// the end: the 17.5 MB text names 125,361 dates.)
    pub(super) fn run(&self) -> Vec<(Span, Option<CompactString>)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.tokens.len() {
            // most tokens begin nothing: skip the look-ups of `at` for them
            if !self.facts.lead(i) {
                i += 1;
                continue;
            }
            match self.at(i) {
                Some(hit) if hit.end > i => {
                    if hit.kind == Kind::Point {
                        if let Some(r) = hit.value.as_deref().and_then(Reference::parse) {
                            self.reference.set(Some(r));
                        }
                    }
                    out.push((
                        Span::new(self.token(i).span().start(), hit.end_byte),
                        hit.value.map(CompactString::from),
                    ));
                    i = hit.end;
                }
                _ => i += 1,
            }
        }
        out
    }

    /// Token `i`, which must exist.
    #[inline]
    fn token(&self, i: usize) -> Token {
        self.tokens.get(i).expect("a token within the text")
    }

    fn low(&self, i: usize) -> &str {
        if i >= self.tokens.len() {
            return "";
        }
        match self.facts.low(i) {
            Some(at) => &self.lows[at],
            None => self.token(i).span().slice(self.text),
        }
    }

    fn raw(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.span().slice(self.text))
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.tokens.get(i).map(|t| t.kind())
    }

    fn capitalized(&self, i: usize) -> bool {
        self.raw(i).starts_with(|c: char| c.is_uppercase())
    }

    /// Token `i` follows token `i - 1` with no space between.
    fn glued(&self, i: usize) -> bool {
        i > 0
            && i < self.tokens.len()
            && self.token(i - 1).span().end() == self.token(i).span().start()
    }

    fn hit(&self, end: usize, value: Option<String>, the: bool, kind: Kind) -> Option<Hit> {
        let end_byte = self.tokens.get(end.checked_sub(1)?)?.span().end();
        Some(Hit {
            end,
            end_byte,
            value,
            the,
            kind,
        })
    }

    fn anchored(&self, f: impl FnOnce(i64) -> String) -> Option<String> {
        self.anchor.map(f)
    }

    /// The longest expression starting at token `i`, with its modifiers.
    fn at(&self, i: usize) -> Option<Hit> {
        let mut best: Option<Hit> = None;
        let mut consider = |h: Option<Hit>| {
            if let Some(h) = h {
                if best.as_ref().is_none_or(|b| h.end > b.end) {
                    best = Some(h);
                }
            }
        };
        consider(self.core(i));
        let the = self.low(i) == "the";
        if the {
            consider(self.core(i + 1).filter(|h| h.the));
        }
        for start in [i, i + usize::from(the)] {
            let Some(k) = self.modifier(start, start == i) else {
                continue;
            };
            consider(self.core(k).filter(|h| h.kind == Kind::Point));
            if self.low(k) == "the" {
                consider(self.core(k + 1).filter(|h| h.kind == Kind::Point && h.the));
            }
            consider(self.bare_unit(k));
        }
        // "almost seven years", "more than a decade": the quantifier belongs to the duration
        if let Some(k) = self.quantifier(i) {
            consider(
                self.core(k)
                    .filter(|h| h.kind == Kind::Duration || self.low(h.end - 1) == "ago"),
            );
        }
        best
    }

    /// "almost", "nearly", "more than", "at least", "up to": the index after it.
    fn quantifier(&self, i: usize) -> Option<usize> {
        match (self.low(i), self.low(i + 1)) {
            ("almost" | "nearly" | "approximately" | "roughly" | "over" | "under", _) => {
                Some(i + 1)
            }
            ("more" | "less" | "fewer", "than") | ("at", "least" | "most") | ("up", "to") => {
                Some(i + 2)
            }
            ("just", "over" | "under") | ("close", "to") | ("a", "mere") => Some(i + 2),
            ("just" | "only", _) => Some(i + 1),
            _ => None,
        }
    }

    /// "early", "late", "mid-", "the end of", "later": the index after it.
    fn modifier(&self, i: usize, may_own_the: bool) -> Option<usize> {
        let w = self.low(i);
        match w {
            "early" | "late" | "mid" | "middle" => {
                let j = i + 1;
                if matches!(self.low(j), "-" | "\u{2013}") && self.glued(j) {
                    Some(j + 1)
                } else {
                    Some(j)
                }
            }
            "earlier" | "later" => {
                matches!(self.low(i + 1), "this" | "last" | "next" | "that").then_some(i + 1)
            }
            _ => {
                let j = if may_own_the && w == "the" { i + 1 } else { i };
                let noun = self.low(j);
                let is_edge = matches!(
                    noun,
                    "end"
                        | "beginning"
                        | "start"
                        | "middle"
                        | "turn"
                        | "close"
                        | "rest"
                        | "remainder"
                );
                (is_edge && self.low(j + 1) == "of").then_some(j + 2)
            }
        }
    }

    /// "year" / "the year" after "the end of": the document's own period.
    fn bare_unit(&self, k: usize) -> Option<Hit> {
        let j = if self.low(k) == "the" { k + 1 } else { k };
        let (unit, false) = lexicon::unit(self.low(j))? else {
            return None;
        };
        // "by the end of the month": the month last named (the document's own at first)
        if matches!(
            unit,
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Quarter | Unit::Weekend
        ) {
            return None;
        }
        // "will step down at the end of the month": the document's own month
        let value = if self.future(k) && !self.narrative {
            self.shifted_value(unit, 0)
        } else {
            self.told_shift(unit, 0)
        };
        self.hit(j + 1, value, false, Kind::Point)
    }

    fn core(&self, i: usize) -> Option<Hit> {
        // most tokens start no expression: skip the 22 rules for them
        if i >= self.tokens.len() || !self.facts.start(i) {
            return None;
        }
        self.every_rule(i)
    }

    /// [`Matcher::core`] without the first-token filter.
    fn every_rule(&self, i: usize) -> Option<Hit> {
        if i >= self.tokens.len() {
            return None;
        }
        let rules: [fn(&Self, usize) -> Option<Hit>; 22] = [
            Self::fraction,
            Self::glued_clock,
            Self::holiday,
            Self::weekend,
            Self::range_part,
            Self::part_of_date,
            Self::anaphora,
            Self::bare_plural,
            Self::absolute,
            Self::slashed,
            Self::year,
            Self::decade,
            Self::century,
            Self::month_alone,
            Self::weekday,
            Self::shifted,
            Self::quantity,
            Self::deictic,
            Self::clock,
            Self::quarter,
            Self::season,
            Self::set,
        ];
        rules
            .iter()
            .filter_map(|rule| rule(self, i))
            .max_by_key(|h| h.end)
    }

    // ---- tense ----

    /// Whether the sentence around token `i` talks about the future.
    fn future(&self, i: usize) -> bool {
        // "would" looks ahead, "would have" back
        let cue = |j: usize| -> Option<bool> {
            let w = self.low(j);
            if w == "would" {
                return Some(!matches!(self.low(j + 1), "have" | "'ve" | "\u{2019}ve"));
            }
            if lexicon::future_cue(w) {
                return Some(true);
            }
            lexicon::past_cue(w).then_some(false)
        };
        let mut j = i;
        let mut steps = 0;
        while j > 0 && steps < 12 {
            j -= 1;
            steps += 1;
            let w = self.low(j);
            if matches!(w, "." | "!" | "?" | ";") {
                break;
            }
            if let Some(future) = cue(j) {
                return future;
            }
        }
        for j in i + 1..(i + 6).min(self.tokens.len()) {
            if matches!(self.low(j), "." | "!" | "?" | ";") {
                break;
            }
            if let Some(future) = cue(j) {
                return future;
            }
        }
        false
    }

    // ---- resolution against the document date ----

    fn resolve_full(&self, date: Date, i: usize) -> Option<String> {
        if date.year.is_some() {
            return Some(date.iso());
        }
        if let Some(year) = self.narrative_year(date.month) {
            let day = date.day.unwrap_or(1);
            if day > calendar::days_in_month(Some(year), date.month) {
                return None;
            }
            let month = civil::month(i64::from(year) * 12 + i64::from(date.month) - 1);
            return Some(match date.day {
                Some(d) => format!("{month}-{d:02}"),
                None => month,
            });
        }
        let a = self.anchor?;
        let ay = civil::year_of(a);
        let future = self.future(i);
        let day = date.day.unwrap_or(1);
        let fits = |y: i32| day <= calendar::days_in_month(Some(y), date.month);
        let year = if future {
            (ay - 1..=ay + 1)
                .filter(|&y| fits(y))
                .find(|&y| civil::days_from_civil(y, date.month, day) >= a - 1)?
        } else {
            [ay + 1, ay, ay - 1, ay - 2]
                .into_iter()
                .filter(|&y| fits(y))
                .find(|&y| civil::days_from_civil(y, date.month, day) - a <= AHEAD)?
        };
        Some(
            Date {
                year: Some(year),
                ..date
            }
            .iso(),
        )
    }

    fn resolve_weekday(&self, target: i64, shift: Shift, i: usize) -> Option<String> {
        let a = self.anchor?;
        let today = civil::weekday(a);
        let back = (today - target).rem_euclid(7);
        let fwd = (target - today).rem_euclid(7);
        let day = match shift {
            Shift::Last => a - if back == 0 { 7 } else { back },
            Shift::Next => a + if fwd == 0 { 7 } else { fwd },
            Shift::This => a + fwd,
            Shift::Auto if self.future(i) => a + fwd,
            Shift::Auto => a - back,
        };
        Some(civil::iso_day(day))
    }

    /// A cycle of `period` (12 months, 4 quarters, 4 seasons) at position
    /// `target`, relative to the current index `now`.
    fn cycle(now: i64, target: i64, period: i64, shift: Shift, future: bool) -> i64 {
        let pos = now.rem_euclid(period);
        let base = now - pos + target; // same cycle
        match shift {
            Shift::This => base,
            Shift::Last => {
                if base < now {
                    base
                } else {
                    base - period
                }
            }
            Shift::Next => {
                if base > now {
                    base
                } else {
                    base + period
                }
            }
            Shift::Auto if future => {
                if base >= now {
                    base
                } else {
                    base + period
                }
            }
            Shift::Auto => {
                if base <= now {
                    base
                } else {
                    base - period
                }
            }
        }
    }

    /// In a narrative, the year a month without one belongs to: the year
    /// last named, or the next one when the month lies well before the
    /// month last named ("December 1941 ... on January 3").
    fn narrative_year(&self, month: u8) -> Option<i32> {
        if !self.narrative {
            return None;
        }
        let r = self.reference.get()?;
        let _ = month;
        Some(r.year)
    }

    fn resolve_month(&self, m: u8, shift: Shift, i: usize) -> Option<String> {
        if shift == Shift::Auto {
            if let Some(y) = self.narrative_year(m) {
                return Some(civil::month(i64::from(y) * 12 + i64::from(m) - 1));
            }
        }
        let a = self.anchor?;
        let now = civil::month_index(a);
        if shift == Shift::Auto && !self.future(i) {
            // news looks back, but a month that starts within two months is meant ahead
            let ay = civil::year_of(a);
            let y = if civil::days_from_civil(ay, m, 1) - a <= AHEAD {
                ay
            } else {
                ay - 1
            };
            return Some(civil::month(i64::from(y) * 12 + i64::from(m) - 1));
        }
        let target = i64::from(m) - 1;
        Some(civil::month(Self::cycle(now, target, 12, shift, true)))
    }

    // ---- rules ----

    /// Dates `calendar` reads: "March 22, 2013", "22 March", "Jan. 1", ISO.
    fn absolute(&self, i: usize) -> Option<Hit> {
        let start = self.tokens.get(i)?.span().start();
        let at = self
            .absolute
            .binary_search_by_key(&start, |f| f.span.start())
            .ok()?;
        let found = self.absolute[at];
        let mut end = (i..self.tokens.len())
            .find(|&j| self.token(j).span().start() >= found.span.end())
            .unwrap_or(self.tokens.len());
        let mut end_byte = found.span.end();
        // "on 30 August." ends the sentence: the dot belongs to an abbreviation only
        if end >= 2 && self.raw(end - 1) == "." && self.full_month(end - 2).is_some() {
            end -= 1;
            end_byte = self.token(end - 1).span().end();
        }
        let mut date = found.date;
        // "March 5-9, 1918": the year written after the range
        if date.year.is_none() && date.day.is_some() && matches!(self.low(end), "-" | "\u{2013}") {
            if let (Some((_, len)), ",", Some((y, 4))) = (
                self.digits(end + 1),
                self.low(end + 2),
                self.digits(end + 3),
            ) {
                if len <= 2 {
                    date.year = Some(y as i32);
                }
            }
        }
        // "July 25 of that year", "November of the same year"
        if date.year.is_none() && self.low(end) == "of" {
            let k = end + 1 + usize::from(self.low(end + 1) == "the");
            let k = k + usize::from(self.low(k) == "same" || self.low(k) == "that");
            if k > end + 1 && self.low(k) == "year" && matches!(self.low(k - 1), "same" | "that") {
                if let Some(r) = self.reference.get() {
                    date.year = Some(r.year);
                }
                return self.hit(k + 1, date.year.map(|_| date.iso()), false, Kind::Point);
            }
        }
        Some(Hit {
            end,
            end_byte,
            value: self.resolve_full(date, i),
            // "the 25th of August"
            the: lexicon::ordinal(self.low(i)).is_some(),
            kind: Kind::Point,
        })
    }

    fn digits(&self, i: usize) -> Option<(u32, usize)> {
        let raw = self.raw(i);
        (!raw.is_empty() && raw.len() <= 4 && raw.bytes().all(|b| b.is_ascii_digit()))
            .then(|| raw.parse().ok().map(|n| (n, raw.len())))
            .flatten()
    }

    /// "3/22/2013" (US order) or "22/3/2013" when the first part cannot be a month.
    fn slashed(&self, i: usize) -> Option<Hit> {
        let (a, _) = self.digits(i)?;
        let (b, _) = self.digits(i + 2)?;
        let (y, ylen) = self.digits(i + 4)?;
        if self.low(i + 1) != "/"
            || self.low(i + 3) != "/"
            || !(i + 1..=i + 4).all(|j| self.glued(j))
        {
            return None;
        }
        if self.glued(i + 5)
            && matches!(self.low(i + 5), "/" | ":" | ".")
            && self.digits(i + 6).is_some()
        {
            return None;
        }
        let year = match ylen {
            4 => y as i32,
            2 if y < 50 => 2000 + y as i32,
            2 => 1900 + y as i32,
            _ => return None,
        };
        let (m, d) = if a <= 12 { (a, b) } else { (b, a) };
        let (m, d) = (u8::try_from(m).ok()?, u8::try_from(d).ok()?);
        if !(1..=12).contains(&m) || d == 0 || d > calendar::days_in_month(Some(year), m) {
            return None;
        }
        let date = Date {
            year: Some(year),
            month: m,
            day: Some(d),
        };
        self.hit(i + 5, Some(date.iso()), false, Kind::Point)
    }

    fn era(&self, i: usize) -> Option<bool> {
        match self.low(i) {
            "bc" | "b.c." | "bce" | "b.c.e." | "b.c" => Some(true),
            "ad" | "a.d." | "a.d" | "ce" | "c.e." => Some(false),
            _ => None,
        }
    }

    /// "2013", "480 BC", "AD 9", "fiscal 2013".
    fn year(&self, i: usize) -> Option<Hit> {
        let w = self.low(i);
        if w == "fiscal" || w == "fy" {
            let j = if self.low(i + 1) == "year" {
                i + 2
            } else {
                i + 1
            };
            return self
                .year(j)
                .filter(|h| h.kind == Kind::Point && self.digits(j).is_some())
                .map(|h| Hit { ..h });
        }
        if let Some(rest) = w.strip_prefix("fy") {
            if rest.len() == 4 && rest.bytes().all(|b| b.is_ascii_digit()) {
                return self.hit(i + 1, Some(rest.to_string()), false, Kind::Point);
            }
        }
        if w == "ad" || w == "a.d." {
            if self.raw(i) == "AD" || self.raw(i) == "A.D." {
                let (y, _) = self.digits(i + 1)?;
                if y >= 1 {
                    return self.hit(i + 2, Some(civil::year(y as i32)), false, Kind::Point);
                }
            }
            return None;
        }
        let (y, len) = self.digits(i)?;
        if self.kind(i) != Some(TokenKind::Number) {
            return None;
        }
        if let Some(bc) = self.era(i + 1) {
            if y == 0 {
                return None;
            }
            let y = if bc { 1 - y as i32 } else { y as i32 };
            return self.hit(i + 2, Some(civil::year(y)), false, Kind::Point);
        }
        if len != 4 || !(1000..=2100).contains(&y) {
            return None;
        }
        let prev = if i > 0 { self.raw(i - 1) } else { "" };
        if matches!(
            prev,
            "$" | "\u{20ac}" | "\u{a3}" | "\u{a5}" | "#" | "No." | "no." | "No" | "+" | "="
        ) || (i > 0 && self.kind(i - 1) == Some(TokenKind::Number))
        {
            return None;
        }
        // "1,500.2013" style number glue, "2013-14" is fine
        if self.glued(i + 1)
            && matches!(self.low(i + 1), "," | "." | ":")
            && self.digits(i + 2).is_some()
        {
            return None;
        }
        let next = self.low(i + 1);
        if matches!(
            next,
            "%" | "percent"
                | "per"
                | "people"
                | "men"
                | "women"
                | "troops"
                | "soldiers"
                | "feet"
                | "km"
                | "miles"
                | "meters"
                | "metres"
                | "tons"
                | "tonnes"
                | "votes"
                | "children"
                | "dead"
                | "units"
                | "points"
        ) {
            return None;
        }
        // "the 2012 results", "a 2009 analysis": a year before its noun
        let determiner = i > 0
            && matches!(
                self.low(i - 1),
                "the" | "a" | "an" | "its" | "his" | "her" | "their" | "our" | "'s" | "\u{2019}s"
            )
            && y % 100 != 0;
        if !determiner
            && self.kind(i + 1) == Some(TokenKind::Word)
            && !self.capitalized(i + 1)
            && next.ends_with('s')
            && !next.ends_with("ss")
            && !next.ends_with("is")
            && !next.ends_with("us")
            && next.len() > 3
            && !matches!(
                next,
                "marks"
                    | "sees"
                    | "brings"
                    | "begins"
                    | "ends"
                    | "remains"
                    | "was"
                    | "this"
                    | "thus"
                    | "plus"
            )
        {
            return None;
        }
        self.hit(i + 1, Some(civil::year(y as i32)), false, Kind::Point)
    }

    /// "the 1990s", "the '90s", "the sixties".
    fn decade(&self, i: usize) -> Option<Hit> {
        if matches!(self.raw(i), "'" | "\u{2019}") && self.glued(i + 1) {
            let d = self.raw(i + 1).strip_suffix('s')?;
            if d.len() == 2 && d.ends_with('0') && d.bytes().all(|b| b.is_ascii_digit()) {
                return self.hit(i + 2, Some(format!("19{}", &d[..1])), true, Kind::Point);
            }
            return None;
        }
        let raw = self.raw(i);
        if let Some(d) = raw.strip_suffix('s') {
            if d.bytes().all(|b| b.is_ascii_digit()) && d.ends_with('0') {
                if d.len() == 4 {
                    return self.hit(i + 1, Some(d[..3].to_string()), true, Kind::Point);
                }
                let apostrophe =
                    i > 0 && matches!(self.raw(i - 1), "'" | "\u{2019}") && self.glued(i);
                if d.len() == 2 && (apostrophe || (i > 0 && self.low(i - 1) == "the")) {
                    let value = format!("19{}", &d[..1]);
                    return self.hit(i + 1, Some(value), true, Kind::Point);
                }
            }
        }
        if let Some(n) = lexicon::decade_word(self.low(i)) {
            if i > 0 && self.low(i - 1) == "the"
                || i > 1 && matches!(self.low(i - 1), "early" | "late" | "mid")
            {
                return self.hit(i + 1, Some(format!("19{n}")), true, Kind::Point);
            }
        }
        None
    }

    /// "the 20th century", "the fifth century BC", "twenty-first century".
    fn century(&self, i: usize) -> Option<Hit> {
        let (n, j) = if let Some(t) = lexicon::tens(self.low(i)) {
            if !matches!(self.low(i + 1), "-") {
                return None;
            }
            let o = lexicon::ordinal(self.low(i + 2)).filter(|&o| o < 10)?;
            (t + o, i + 3)
        } else {
            (lexicon::ordinal(self.low(i))?, i + 1)
        };
        let j = if self.low(j) == "-" { j + 1 } else { j };
        if !matches!(self.low(j), "century" | "centuries") || n == 0 || n > 30 {
            return None;
        }
        let (value, end) = match self.era(j + 1) {
            Some(true) => (format!("BC{:02}", n - 1), j + 2),
            Some(false) => (format!("{:02}", n - 1), j + 2),
            None => (format!("{:02}", n - 1), j + 1),
        };
        self.hit(end, Some(value), true, Kind::Point)
    }

    fn full_month(&self, i: usize) -> Option<u8> {
        let w = self.low(i);
        if w.len() < 3 || !self.capitalized(i) {
            return None;
        }
        let m = calendar::month_number(w)?;
        // full names only ("Jan" alone is more often a name than a month)
        (calendar::month_name(m) == Some(w)).then_some(m)
    }

    /// "in June", "February of 1940", "mid-March".
    fn month_alone(&self, i: usize) -> Option<Hit> {
        let m = self.full_month(i)?;
        // "August 480 BC", "March of 44 BC"
        let k = if self.low(i + 1) == "of" {
            i + 2
        } else {
            i + 1
        };
        if let (Some((y, _)), Some(true)) = (self.digits(k), self.era(k + 1)) {
            if y > 0 {
                let value = format!("{}-{m:02}", civil::year(1 - y as i32));
                return self.hit(k + 2, Some(value), false, Kind::Point);
            }
        }
        if self.low(i + 1) == "of" || self.low(i + 1) == "," {
            if let Some((y, 4)) = self.digits(i + 2) {
                let value = Date {
                    year: Some(y as i32),
                    month: m,
                    day: None,
                }
                .iso();
                return self.hit(i + 3, Some(value), false, Kind::Point);
            }
        }
        if i == 0 || !lexicon::date_preposition(self.low(i - 1)) {
            return None;
        }
        self.hit(
            i + 1,
            self.resolve_month(m, Shift::Auto, i),
            false,
            Kind::Point,
        )
    }

    /// A part of day after token `i - 1`: ("TMO", next index).
    fn part_after(&self, j: usize) -> Option<(String, usize)> {
        lexicon::part_of_day(self.low(j)).map(|p| (format!("T{p}"), j + 1))
    }

    /// "Friday", "Friday afternoon", "Friday, March 22", "Fridays".
    fn weekday(&self, i: usize) -> Option<Hit> {
        let (day, plural) = lexicon::weekday(self.low(i))?;
        if !self.capitalized(i) {
            return None;
        }
        if plural {
            return self.hit(
                i + 1,
                Some(format!("XXXX-WXX-{}", day + 1)),
                false,
                Kind::Other,
            );
        }
        let j = if self.low(i + 1) == "," { i + 2 } else { i + 1 };
        if let Some(h) = self.absolute(j).filter(|_| j < self.tokens.len()) {
            if self.raw(j).starts_with(|c: char| c.is_alphabetic()) || self.digits(j).is_some() {
                return Some(h);
            }
        }
        self.named_day(i + 1, self.resolve_weekday(day, Shift::Auto, i))
    }

    /// A resolved day, extended by a part of day that follows it at `j`.
    fn named_day(&self, j: usize, day: Option<String>) -> Option<Hit> {
        if let Some((part, end)) = self.part_after(j) {
            return self.hit(end, day.map(|d| d + &part), false, Kind::Point);
        }
        self.hit(j, day, false, Kind::Point)
    }

    /// A quantity at `i`: (how many, index after it).
    fn qty(&self, i: usize) -> Option<(Qty, usize)> {
        let w = self.low(i);
        match w {
            "a" | "an" => match self.low(i + 1) {
                "few" => Some((None, i + 2)),
                "couple" if self.low(i + 2) == "of" => Some((Some(2), i + 3)),
                "couple" => Some((Some(2), i + 2)),
                "dozen" => Some((Some(12), i + 2)),
                _ => Some((Some(1), i + 1)),
            },
            "few" | "several" | "many" | "some" | "countless" => Some((None, i + 1)),
            "couple" if self.low(i + 1) == "of" => Some((Some(2), i + 2)),
            "dozen" => Some((Some(12), i + 1)),
            "dozens" | "hundreds" | "thousands" if self.low(i + 1) == "of" => Some((None, i + 2)),
            _ => {
                if let Some(t) = lexicon::tens(w) {
                    if matches!(self.low(i + 1), "-") {
                        if let Some(o) =
                            lexicon::small_number(self.low(i + 2)).filter(|&o| (1..10).contains(&o))
                        {
                            return Some((Some(t + o), i + 3));
                        }
                    }
                    return Some((Some(t), i + 1));
                }
                if let Some(n) = lexicon::small_number(w) {
                    return Some((Some(n), i + 1));
                }
                let raw = self.raw(i).replace(',', "");
                if self.kind(i) == Some(TokenKind::Number)
                    && !raw.is_empty()
                    && raw.len() <= 5
                    && raw.bytes().all(|b| b.is_ascii_digit())
                {
                    return Some((raw.parse().ok(), i + 1));
                }
                None
            }
        }
    }

    /// "three years", "a decade", "18-month", "two weeks ago", "once a week".
    fn quantity(&self, i: usize) -> Option<Hit> {
        let (n, mut j) = self.qty(i)?;
        let hyphen = matches!(self.low(j), "-" | "\u{2013}") && self.glued(j) && self.glued(j + 1);
        if hyphen {
            j += 1;
        }
        let (unit, plural) = lexicon::unit(self.low(j))?;
        let article = matches!(self.low(i), "a" | "an" | "one");
        if unit == Unit::Quarter || unit == Unit::Weekend {
            return None;
        }
        if hyphen {
            if plural || n.is_none() {
                return None;
            }
        } else if n == Some(1) {
            if plural {
                return None;
            }
        } else if !plural {
            return None;
        }
        // "a second round": an ordinal, not a unit
        if unit == Unit::Second && article && self.kind(j + 1) == Some(TokenKind::Word) {
            return None;
        }
        let end = j + 1;
        // ages are no times: "a 12-year-old", "children 6 months and older", "aged 40 years"
        let age = matches!(self.low(end), "old" | "older" | "younger")
            || (matches!(self.low(end), "-") && self.low(end + 1) == "old")
            || (self.low(end) == "and"
                && matches!(self.low(end + 1), "older" | "up" | "over" | "younger"))
            || (i > 0 && matches!(self.low(i - 1), "aged" | "ages" | "age"));
        // "sub-five-minute": part of a longer word
        let inside_word = i > 0 && self.glued(i) && matches!(self.low(i - 1), "-");
        if age || inside_word {
            return None;
        }
        if hyphen {
            return self.hit(end, Some(lexicon::duration(n, unit)), true, Kind::Duration);
        }
        // "once a week", "twice a year": a set
        if i > 0 && article && matches!(self.low(i - 1), "once" | "twice" | "times") {
            return self.hit(
                end,
                Some(lexicon::duration(Some(1), unit)),
                false,
                Kind::Other,
            );
        }
        if self.low(end) == "ago" {
            let value = match n {
                None => Some("PAST_REF".to_string()),
                Some(n) => self.shifted_value(unit, -(i64::from(n))),
            };
            return self.hit(end + 1, value, false, Kind::Point);
        }

        // "five years' experience": the possessive apostrophe stays with the duration
        let end = if plural
            && matches!(self.raw(end), "'" | "\u{2019}")
            && self.glued(end)
            && self.kind(end + 1) == Some(TokenKind::Word)
        {
            end + 1
        } else {
            end
        };
        self.hit(end, Some(lexicon::duration(n, unit)), true, Kind::Duration)
    }

    /// The calendar period `k` units away from the document date.
    fn shifted_value(&self, unit: Unit, k: i64) -> Option<String> {
        let a = self.anchor?;
        let y = civil::year_of(a);
        let ky = i32::try_from(k).ok()?;
        Some(match unit {
            Unit::Second | Unit::Minute | Unit::Hour => civil::iso_day(a),
            Unit::Day => civil::iso_day(a + k),
            Unit::Week => civil::iso_week(a + 7 * k),
            Unit::Weekend => civil::iso_week(a + 7 * k) + "-WE",
            Unit::Month => civil::month(civil::month_index(a) + k),
            Unit::Quarter => civil::quarter(civil::quarter_index(a) + k),
            Unit::Year => civil::year(y + ky),
            Unit::Decade => civil::decade(y + 10 * ky),
            Unit::Century => civil::century(y + 100 * ky),
        })
    }

    /// "last week", "the past two years", "next May", "this summer",
    /// "recent months", "the coming days", "last night", "this morning".
    fn shifted(&self, i: usize) -> Option<Hit> {
        let w = self.low(i);
        let (shift, past) = match w {
            "last" | "previous" | "preceding" => (Shift::Last, false),
            "past" => (Shift::Last, true),
            "this" | "current" if self.low(i + 1) == "past" => (Shift::Last, false),
            "this" | "current" => (Shift::This, false),
            "next" | "coming" | "upcoming" | "following" => (Shift::Next, false),
            "recent" => (Shift::Last, true),
            _ => return None,
        };
        let mut j = i + 1;
        if self.low(j) == "past" && shift == Shift::Last && w != "past" {
            j += 1;
        }
        // a quantity: always a duration
        if let Some((n, k)) = self
            .qty(j)
            .filter(|_| !matches!(self.low(j), "a" | "an" | "some"))
        {
            if let Some((unit, plural)) = lexicon::unit(self.low(k)) {
                if plural || n == Some(1) {
                    return self.hit(
                        k + 1,
                        Some(lexicon::duration(n, unit)),
                        true,
                        Kind::Duration,
                    );
                }
            }
        }
        let fiscal = self.low(j) == "fiscal";
        let k = j + usize::from(fiscal);
        if let Some((unit, plural)) = lexicon::unit(self.low(k)) {
            if plural {
                return matches!(
                    w,
                    "past" | "recent" | "coming" | "last" | "next" | "previous"
                )
                .then(|| {
                    self.hit(
                        k + 1,
                        Some(lexicon::duration(None, unit)),
                        true,
                        Kind::Duration,
                    )
                })
                .flatten();
            }
            if past && w == "past" {
                return self.hit(
                    k + 1,
                    Some(lexicon::duration(Some(1), unit)),
                    true,
                    Kind::Duration,
                );
            }
            if w == "recent" || matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) {
                return None;
            }

            let step = match shift {
                Shift::Last => -1,
                Shift::Next => 1,
                _ => 0,
            };
            // "the following year", "the next day", "the previous month": from the date last named
            let told = w == "following"
                || (i > 0
                    && self.low(i - 1) == "the"
                    && matches!(w, "next" | "previous" | "preceding"));
            if told || unit == Unit::Day {
                return self.hit(k + 1, self.told_shift(unit, step), true, Kind::Point);
            }
            return self.hit(k + 1, self.shifted_value(unit, step), true, Kind::Point);
        }
        if past {
            return None;
        }
        if let Some((day, false)) = lexicon::weekday(self.low(j)) {
            return self.named_day(j + 1, self.resolve_weekday(day, shift, j));
        }
        if let Some(m) = self.full_month(j) {
            return self.hit(j + 1, self.resolve_month(m, shift, j), true, Kind::Point);
        }
        if let Some(s) = lexicon::season(self.low(j)) {
            let value = if self.narrative {
                let step = match shift {
                    Shift::Last => -1,
                    Shift::Next => 1,
                    _ => 0,
                };
                self.reference
                    .get()
                    .map(|r| civil::season((i64::from(r.year) + step) * 4 + s))
            } else {
                self.anchor
                    .map(|a| civil::season(Self::cycle(civil::season_index(a), s, 4, shift, true)))
            };
            return self.hit(j + 1, value, true, Kind::Point);
        }
        if let Some(p) = lexicon::part_of_day(self.low(j)) {
            let value = match (w, p) {
                ("last", "NI") => self.anchored(|a| civil::iso_day(a - 1) + "TNI"),
                ("this", _) => self.anchored(|a| civil::iso_day(a) + "T" + p),
                _ => return None,
            };
            return self.hit(j + 1, value, false, Kind::Point);
        }
        None
    }

    /// "today", "yesterday morning", "tonight", "now", "the past", "the future".
    fn deictic(&self, i: usize) -> Option<Hit> {
        let day = |k: i64| self.anchored(|a| civil::iso_day(a + k));
        match self.low(i) {
            "today" => self.hit(i + 1, day(0), false, Kind::Point),
            "yesterday" => self.named_day(i + 1, day(-1)),
            "tomorrow" => self.named_day(i + 1, day(1)),
            "tonight" => self.hit(i + 1, day(0).map(|d| d + "TNI"), false, Kind::Point),
            "now" | "currently" | "nowadays" => {
                self.hit(i + 1, Some("PRESENT_REF".into()), false, Kind::Other)
            }
            "right" if self.low(i + 1) == "now" => {
                self.hit(i + 2, Some("PRESENT_REF".into()), false, Kind::Other)
            }

            w @ ("past" | "future" | "present") if i > 0 && self.low(i - 1) == "the" => {
                let next = self.low(i + 1);
                let noun_follows = self.kind(i + 1) == Some(TokenKind::Word)
                    && !self.capitalized(i + 1)
                    && !matches!(
                        next,
                        "and"
                            | "or"
                            | "but"
                            | "to"
                            | "when"
                            | "as"
                            | "is"
                            | "was"
                            | "has"
                            | "have"
                            | "had"
                            | "that"
                            | "will"
                            | "would"
                            | "of"
                            | "in"
                            | "for"
                            | "with"
                            | "at"
                            | "on"
                            | "by"
                            | "than"
                    );
                if noun_follows {
                    return None;
                }
                let value = match w {
                    "past" => "PAST_REF",
                    "future" => "FUTURE_REF",
                    _ => "PRESENT_REF",
                };
                self.hit(i + 1, Some(value.into()), true, Kind::Other)
            }
            _ => None,
        }
    }

    fn ampm(&self, i: usize) -> Option<bool> {
        match self.low(i).trim_end_matches('.') {
            "am" | "a.m" => Some(false),
            "pm" | "p.m" => Some(true),
            _ => None,
        }
    }

    /// "15:00 GMT Saturday", "8 p.m.", "12:00 AM", "noon".
    fn clock(&self, i: usize) -> Option<Hit> {
        let (mut h, mut m, mut j) = if matches!(self.low(i), "noon" | "midday") {
            (12, 0, i + 1)
        } else if self.low(i) == "midnight" {
            (24, 0, i + 1)
        } else {
            let (h, _) = self.digits(i).filter(|&(h, len)| h < 24 && len <= 2)?;
            if self.low(i + 1) == ":" && self.glued(i + 1) && self.glued(i + 2) {
                // minutes, perhaps with am/pm glued on: "30pm"
                let raw = self.raw(i + 2);
                let digits = raw.bytes().take_while(u8::is_ascii_digit).count();
                if digits != 2 {
                    return None;
                }
                let m: u32 = raw[..2].parse().ok()?;
                if m >= 60 {
                    return None;
                }
                let suffix = &self.low(i + 2)[2..];
                let mut j = i + 3;
                if !suffix.is_empty() {
                    let pm = match suffix {
                        "am" => false,
                        "pm" => true,
                        _ => return None,
                    };
                    return self.clock_tail(i, to24(h, pm)?, m, j);
                }
                // with seconds and no am/pm it is a timing ("finished in 3:07:35")
                if self.low(j) == ":" && self.glued(j) && self.glued(j + 1) {
                    let (sec, len) = self.digits(j + 1)?;
                    if len != 2 || sec >= 60 {
                        return None;
                    }
                    if self.ampm(j + 2).is_none() {
                        let value = format!("PT{h}H{m}M{sec}S");
                        return self.hit(j + 2, Some(value), false, Kind::Duration);
                    }
                    j += 2;
                }
                (h, m, j)
            } else {
                if self.low(i + 1) == "o'clock" && (1..=12).contains(&h) {
                    return self.clock_tail(i, h, 0, i + 2);
                }
                // "8 p.m." needs the am/pm
                let pm = self.ampm(i + 1)?;
                return self.clock_tail(i, to24(h, pm)?, 0, i + 2);
            }
        };
        if let Some(pm) = self.ampm(j) {
            h = to24(h, pm)?;
            j += 1;
        } else if self.low(j) == "o'clock" {
            j += 1;
        }
        if h == 24 {
            h = 24;
            m = 0;
        }
        self.clock_tail(i, h, m, j)
    }

    /// Time zone and day after a clock time that ends before token `j`.
    fn clock_tail(&self, _i: usize, h: u32, m: u32, mut j: usize) -> Option<Hit> {
        if lexicon::time_zone(self.low(j)) && self.raw(j).chars().all(|c| c.is_uppercase()) {
            j += 1;
        }
        let k = if self.low(j) == "on" || self.low(j) == "," {
            j + 1
        } else {
            j
        };
        let day = lexicon::weekday(self.low(k))
            .filter(|&(_, plural)| !plural && self.capitalized(k))
            .map(|(d, _)| (self.resolve_weekday(d, Shift::Auto, k), k + 1))
            .or_else(|| match self.low(k) {
                "today" => Some((self.anchored(civil::iso_day), k + 1)),
                "tomorrow" => Some((self.anchored(|a| civil::iso_day(a + 1)), k + 1)),
                "yesterday" => Some((self.anchored(|a| civil::iso_day(a - 1)), k + 1)),
                _ => None,
            })
            .or_else(|| {
                let h = self.absolute(k)?;
                h.value
                    .as_ref()
                    .is_some_and(|v| v.len() == 10)
                    .then_some((h.value, h.end))
            });
        let (date, end) = match day {
            Some((d, end)) => (d, end),
            None if self.narrative => (
                self.reference
                    .get()
                    .and_then(|r| r.days())
                    .map(civil::iso_day),
                j,
            ),
            None => (self.anchored(civil::iso_day), j),
        };
        self.hit(
            end,
            date.map(|d| format!("{d}T{h:02}:{m:02}")),
            false,
            Kind::Point,
        )
    }

    /// "the first quarter", "Q3 2012", "the second half of 2012".
    fn quarter(&self, i: usize) -> Option<Hit> {
        let raw = self.raw(i);
        let (q, mut j, half) = if raw.len() == 2 && (raw.starts_with('Q') || raw.starts_with('H')) {
            let n = raw[1..].parse::<i64>().ok()?;
            let half = raw.starts_with('H');
            if n < 1 || n > if half { 2 } else { 4 } {
                return None;
            }
            (n, i + 1, half)
        } else {
            let n = i64::from(lexicon::ordinal(self.low(i)).filter(|&n| n <= 4)?);
            let j = i + 1 + usize::from(self.low(i + 1) == "fiscal");
            // "first-quarter profit"
            let j = if self.low(j) == "-" && self.glued(j) && self.glued(j + 1) {
                j + 1
            } else {
                j
            };
            match self.low(j) {
                "quarter" => (n, j + 1, false),
                "half" if n <= 2 => (n, j + 1, true),
                _ => return None,
            }
        };
        let code = if half { "H" } else { "Q" };
        let k = if matches!(self.low(j), "of" | ",") {
            j + 1
        } else {
            j
        };
        if let Some((y, 4)) = self.digits(k) {
            return self.hit(k + 1, Some(format!("{y}-{code}{q}")), true, Kind::Point);
        }
        if half {
            // "the second half" of a match is no date; "of this year" makes it one
            if self.low(j) == "of"
                && matches!(self.low(j + 1), "this" | "the")
                && self.low(j + 2) == "year"
            {
                return self.hit(
                    j + 3,
                    self.anchored(|a| format!("{}-H{q}", civil::year(civil::year_of(a)))),
                    true,
                    Kind::Point,
                );
            }
            return None;
        }
        if self.low(j) == "of"
            && matches!(self.low(j + 1), "this" | "the")
            && self.low(j + 2) == "year"
        {
            j += 3;
            return self.hit(
                j,
                self.anchored(|a| format!("{}-Q{q}", civil::year(civil::year_of(a)))),
                true,
                Kind::Point,
            );
        }
        let value = self.anchor.map(|a| {
            civil::quarter(Self::cycle(
                civil::quarter_index(a),
                q - 1,
                4,
                Shift::Auto,
                self.future(i),
            ))
        });
        self.hit(j, value, true, Kind::Point)
    }

    /// "the summer of 2012", "in the spring", "winter 1941".
    fn season(&self, i: usize) -> Option<Hit> {
        let w = self.low(i);
        let s = lexicon::season(w)?;
        // "Arab Spring", "Prague Spring": a name, not a season
        if i > 0
            && self.capitalized(i - 1)
            && self.kind(i - 1) == Some(TokenKind::Word)
            && self.low(i - 1) != "the"
        {
            return None;
        }
        let k = if self.low(i + 1) == "of" {
            i + 2
        } else {
            i + 1
        };
        // "the autumn of 481 BC"
        if let (Some((y, _)), Some(true)) = (self.digits(k), self.era(k + 1)) {
            if y > 0 {
                let value = format!(
                    "{}-{}",
                    civil::year(1 - y as i32),
                    civil::SEASONS[s as usize]
                );
                return self.hit(k + 2, Some(value), true, Kind::Point);
            }
        }
        if let Some((y, 4)) = self.digits(k) {
            let value = format!("{}-{}", civil::year(y as i32), civil::SEASONS[s as usize]);
            return self.hit(k + 1, Some(value), true, Kind::Point);
        }
        if self.low(i + 1) == "of" {
            return None;
        }
        let prev = if i > 0 { self.low(i - 1) } else { "" };
        let ok = if prev == "the" {
            i > 1 && lexicon::date_preposition(self.low(i - 2))
        } else {
            w != "fall" && lexicon::date_preposition(prev)
        };
        if !ok {
            return None;
        }
        if self.narrative {
            let value = self
                .reference
                .get()
                .map(|r| civil::season(i64::from(r.year) * 4 + s));
            return self.hit(i + 1, value, true, Kind::Point);
        }
        let value = self.anchor.map(|a| {
            civil::season(Self::cycle(
                civil::season_index(a),
                s,
                4,
                Shift::Auto,
                self.future(i),
            ))
        });
        self.hit(i + 1, value, true, Kind::Point)
    }

    /// "weekly", "every day", "each spring", "every Friday", "every two years".
    fn set(&self, i: usize) -> Option<Hit> {
        let w = self.low(i);
        let fixed = match w {
            "daily" => Some("P1D"),
            "weekly" => Some("P1W"),
            "biweekly" | "fortnightly" => Some("P2W"),
            "monthly" => Some("P1M"),
            "quarterly" => Some("P3M"),
            "yearly" | "annually" => Some("P1Y"),
            "hourly" => Some("PT1H"),
            "nightly" => Some("XXXX-XX-XXTNI"),
            _ => None,
        };
        if let Some(v) = fixed {
            return self.hit(i + 1, Some(v.into()), false, Kind::Other);
        }
        if matches!(w, "once" | "twice")
            && matches!(self.low(i + 1), "a" | "an" | "per" | "every" | "each")
        {
            let (unit, false) = lexicon::unit(self.low(i + 2))? else {
                return None;
            };
            return self.hit(
                i + 3,
                Some(lexicon::duration(Some(1), unit)),
                false,
                Kind::Other,
            );
        }
        if w != "every" && w != "each" {
            return None;
        }
        let j = i + 1;
        if self.low(j) == "other" {
            let (unit, false) = lexicon::unit(self.low(j + 1))? else {
                return None;
            };
            return self.hit(
                j + 2,
                Some(lexicon::duration(Some(2), unit)),
                false,
                Kind::Other,
            );
        }
        if let Some((unit, plural)) = lexicon::unit(self.low(j)) {
            return (!plural)
                .then(|| {
                    self.hit(
                        j + 1,
                        Some(lexicon::duration(Some(1), unit)),
                        false,
                        Kind::Other,
                    )
                })
                .flatten();
        }
        if let Some((n, k)) = self.qty(j).filter(|(n, _)| n.is_some()) {
            if let Some((unit, true)) = lexicon::unit(self.low(k)) {
                return self.hit(k + 1, Some(lexicon::duration(n, unit)), false, Kind::Other);
            }
        }
        if let Some((d, false)) = lexicon::weekday(self.low(j)) {
            return self.hit(
                j + 1,
                Some(format!("XXXX-WXX-{}", d + 1)),
                false,
                Kind::Other,
            );
        }
        if let Some(p) = lexicon::part_of_day(self.low(j)) {
            return self.hit(j + 1, Some(format!("XXXX-XX-XXT{p}")), false, Kind::Other);
        }
        if let Some(s) = lexicon::season(self.low(j)) {
            return self.hit(
                j + 1,
                Some(format!("XXXX-{}", civil::SEASONS[s as usize])),
                false,
                Kind::Other,
            );
        }
        if let Some(m) = self.full_month(j) {
            return self.hit(j + 1, Some(format!("XXXX-{m:02}")), false, Kind::Other);
        }
        None
    }
}

/// Tokens of a text past which its lowercase forms are counted before
/// they are written (see [`Matcher::new`]).
const SIZE_FORMS_FROM: usize = 100_000;

/// Bytes of `raw`'s lowercase form when it differs from `raw`, else 0:
/// a token the same in lowercase (most, and every one without letters:
/// a curly quote, a Chinese word) is read as it is.
fn lowered_len(raw: &str) -> usize {
    if !lowers(raw) {
        0
    } else if raw.is_ascii() {
        raw.len()
    } else {
        // as long as `str::to_lowercase` makes it: its final sigma is
        // as long as the sigma it stands for
        raw.chars()
            .flat_map(char::to_lowercase)
            .map(char::len_utf8)
            .sum()
    }
}

/// Whether `raw`'s lowercase form differs from it ([`lowered_len`] > 0,
/// without working out the length).
fn lowers(raw: &str) -> bool {
    if raw.is_ascii() {
        raw.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        raw.chars().any(|c| {
            let mut low = c.to_lowercase();
            !(low.len() == 1 && low.next() == Some(c))
        })
    }
}

/// Whether [`Matcher::at`] may find anything at a token that no rule of
/// [`Matcher::core`] may match from: the words its modifiers
/// ([`Matcher::modifier`]) and quantifiers ([`Matcher::quantifier`])
/// begin with ("the" and "a" are among [`may_start`]'s).
fn may_lead(low: &str) -> bool {
    matches!(
        low,
        "early"
            | "late"
            | "mid"
            | "middle"
            | "earlier"
            | "later"
            | "end"
            | "beginning"
            | "start"
            | "turn"
            | "close"
            | "rest"
            | "remainder"
            | "almost"
            | "nearly"
            | "approximately"
            | "roughly"
            | "over"
            | "under"
            | "more"
            | "less"
            | "fewer"
            | "at"
            | "up"
            | "just"
            | "only"
    )
}

/// Whether any rule of [`Matcher::core`] may match from a token, given its
/// text, lowercase form and kind (a token where a date `calendar` reads
/// begins aside): what each rule's first token must be. Cheaper than
/// trying every rule at every token.
fn may_start(raw: &str, low: &str, kind: TokenKind) -> bool {
    // numbers, years, days, "1990s", "21st", clock times
    if kind == TokenKind::Number || raw.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    // "'90s"; "Q3", "H1"
    if matches!(raw, "'" | "\u{2019}")
        || (raw.len() == 2 && (raw.starts_with('Q') || raw.starts_with('H')))
    {
        return true;
    }
    // holidays, fiscal years ("FY2013")
    if ["christmas", "new", "valentine", "halloween", "fy"]
        .iter()
        .any(|w| low.starts_with(w))
    {
        return true;
    }
    matches!(
        low,
        "the"
            | "that"
            | "half"
            | "a"
            | "an"
            | "few"
            | "several"
            | "many"
            | "some"
            | "countless"
            | "couple"
            | "dozen"
            | "dozens"
            | "hundreds"
            | "thousands"
            | "fiscal"
            | "ad"
            | "a.d."
            | "last"
            | "previous"
            | "preceding"
            | "past"
            | "this"
            | "current"
            | "next"
            | "coming"
            | "upcoming"
            | "following"
            | "recent"
            | "today"
            | "yesterday"
            | "tomorrow"
            | "tonight"
            | "now"
            | "currently"
            | "nowadays"
            | "right"
            | "future"
            | "present"
            | "noon"
            | "midday"
            | "midnight"
            | "daily"
            | "weekly"
            | "biweekly"
            | "fortnightly"
            | "monthly"
            | "quarterly"
            | "yearly"
            | "annually"
            | "hourly"
            | "nightly"
            | "once"
            | "twice"
            | "every"
            | "each"
    ) || lexicon::unit(low).is_some()
        || lexicon::small_number(low).is_some()
        || lexicon::ordinal(low).is_some()
        || lexicon::weekday(low).is_some()
        || lexicon::part_of_day(low).is_some()
        || lexicon::season(low).is_some()
        || lexicon::decade_word(low).is_some()
        || calendar::month_number(low).is_some()
}

fn to24(h: u32, pm: bool) -> Option<u32> {
    match (h, pm) {
        (1..=11, false) => Some(h),
        (12, false) => Some(0),
        (1..=11, true) => Some(h + 12),
        (12, true) => Some(12),
        _ => None,
    }
}

impl Matcher<'_> {
    /// The period `k` units from the date the text last named.
    fn told_shift(&self, unit: Unit, k: i64) -> Option<String> {
        let r = self.reference.get()?;
        let value = Self::shift_reference(r, unit, k);
        let same_year = self.anchor.is_some_and(|a| civil::year_of(a) == r.year);
        if value.is_none() && !self.narrative && same_year {
            // the date last named was too coarse ("in 2012", "the first quarter"): the document's own
            return self.shifted_value(unit, k);
        }
        value
    }

    fn shift_reference(r: Reference, unit: Unit, k: i64) -> Option<String> {
        let ky = i32::try_from(k).ok()?;
        match unit {
            Unit::Day => r.days().map(|d| civil::iso_day(d + k)),
            Unit::Week => r.days().map(|d| civil::iso_week(d + 7 * k)),
            Unit::Month => r
                .month
                .map(|m| civil::month(i64::from(r.year) * 12 + i64::from(m) - 1 + k)),
            Unit::Year => Some(civil::year(r.year + ky)),
            Unit::Decade => Some(civil::decade(r.year + 10 * ky)),
            Unit::Century => Some(civil::century(r.year + 100 * ky)),
            _ => None,
        }
    }

    /// "that day", "the same year", "that night", "the day before", "October of that year".
    fn anaphora(&self, i: usize) -> Option<Hit> {
        let w = self.low(i);
        if w == "that" || (w == "the" && self.low(i + 1) == "same") {
            let j = if self.low(i + 1) == "same" {
                i + 2
            } else {
                i + 1
            };
            let j = if self.low(j) == "same" { j + 1 } else { j };
            let next = self.low(j);
            if let Some(p) = lexicon::part_of_day(next) {
                let r = self.reference.get().and_then(|r| r.days());
                let value = r.map(|d| civil::iso_day(d) + "T" + p);
                return self.hit(j + 1, value, false, Kind::Point);
            }
            let (unit, false) = lexicon::unit(next)? else {
                return None;
            };
            if !matches!(unit, Unit::Day | Unit::Week | Unit::Month | Unit::Year) {
                return None;
            }
            return self.hit(j + 1, self.told_shift(unit, 0), false, Kind::Point);
        }
        if w == "the" && self.low(i + 1) == "day" && matches!(self.low(i + 2), "before" | "after") {
            if matches!(self.low(i + 3), "yesterday" | "tomorrow") {
                let k = if self.low(i + 3) == "yesterday" {
                    -2
                } else {
                    2
                };
                let value = self.anchored(|a| civil::iso_day(a + k));
                return self.hit(i + 4, value, false, Kind::Point);
            }
            // "the day before the vote": anchored on an event, not a date
            if self.kind(i + 3) == Some(TokenKind::Word)
                && !matches!(self.low(i + 3), "and" | "but" | "when")
            {
                return None;
            }
            let k = if self.low(i + 2) == "before" { -1 } else { 1 };
            return self.hit(i + 3, self.told_shift(Unit::Day, k), false, Kind::Point);
        }
        if let Some(m) = self.full_month(i) {
            if self.low(i + 1) == "of" && self.low(i + 2) == "that" && self.low(i + 3) == "year" {
                let value = self
                    .reference
                    .get()
                    .map(|r| civil::month(i64::from(r.year) * 12 + i64::from(m) - 1));
                return self.hit(i + 4, value, false, Kind::Point);
            }
        }
        None
    }

    /// "for years", "within hours", "days before": a plural unit with no number.
    fn bare_plural(&self, i: usize) -> Option<Hit> {
        let (unit, true) = lexicon::unit(self.low(i))? else {
            return None;
        };
        if matches!(unit, Unit::Quarter | Unit::Weekend) || i == 0 {
            return None;
        }
        let before = matches!(self.low(i - 1), "for" | "within" | "over" | "in" | "after");
        let after = matches!(self.low(i + 1), "before" | "after" | "later" | "earlier");
        if !(before || after) || self.low(i + 1) == "of" {
            return None;
        }
        self.hit(
            i + 1,
            Some(lexicon::duration(None, unit)),
            false,
            Kind::Duration,
        )
    }
}

impl Matcher<'_> {
    /// "the night of April 18, 1775", "the morning of 31 January".
    fn part_of_date(&self, i: usize) -> Option<Hit> {
        let p = lexicon::part_of_day(self.low(i))?;
        if self.low(i + 1) != "of" {
            return None;
        }
        let date = self.absolute(i + 2)?;
        let value = date.value.filter(|v| v.len() == 10).map(|v| v + "T" + p);
        Some(Hit {
            value,
            the: true,
            ..date
        })
    }
}

/// Range separators: "12-14 July", "from 15 to 22 February", "499-493 BC".
fn range_separator(word: &str) -> bool {
    matches!(
        word,
        "-" | "\u{2013}" | "\u{2014}" | "to" | "and" | "through" | "until" | "till"
    )
}

impl Matcher<'_> {
    /// The parts of ranges that borrow from the other end: "12" in "12-14
    /// July 1950", "9, 1918" in "March 5-9, 1918", "07" in "2006-07", "499"
    /// in "499-493 BC".
    fn range_part(&self, i: usize) -> Option<Hit> {
        let (n, len) = self.digits(i)?;
        let sep = self.low(i + 1);
        // first day of a day range before a written date
        if len <= 2 && (1..=31).contains(&n) && range_separator(sep) {
            let second = self.absolute(i + 2)?;
            let at = self
                .absolute
                .binary_search_by_key(&self.tokens.get(i + 2)?.span().start(), |f| f.span.start())
                .ok()?;
            let date = self.absolute[at].date;
            if date.day.is_none() || self.digits(i + 2).is_none() {
                return None;
            }
            let day = u8::try_from(n).ok()?;
            if day > calendar::days_in_month(date.year, date.month) {
                return None;
            }
            let value = self.resolve_full(
                Date {
                    day: Some(day),
                    ..date
                },
                i,
            );
            let _ = second;
            return self.hit(i + 1, value, false, Kind::Point);
        }
        // first year of a range that ends BC
        if range_separator(sep) && n > 0 {
            if let Some((_, _)) = self.digits(i + 2) {
                if self.era(i + 3) == Some(true) && self.kind(i) == Some(TokenKind::Number) {
                    return self.hit(i + 1, Some(civil::year(1 - n as i32)), false, Kind::Point);
                }
            }
        }
        if i < 2
            || !matches!(self.low(i - 1), "-" | "\u{2013}")
            || !self.glued(i)
            || !self.glued(i - 1)
        {
            return None;
        }
        // "2006-07": the second year written short
        if len == 2 {
            if let Some((first, 4)) = self.digits(i - 2) {
                let century = first / 100 * 100;
                let mut year = century + n;
                if year <= first {
                    year += 100;
                }
                if year - first < 100 {
                    return self.hit(i + 1, Some(civil::year(year as i32)), false, Kind::Point);
                }
            }
        }
        // "March 5-9, 1918": the last day, with the first's month
        let before = self
            .absolute
            .iter()
            .find(|f| f.span.end() == self.token(i - 2).span().end())?;
        if before.date.year.is_some() || before.date.day.is_none() || len > 2 {
            return None;
        }
        let day = u8::try_from(n).ok()?;
        let (year, end) = match (self.low(i + 1), self.digits(i + 2)) {
            (",", Some((y, 4))) => (Some(y as i32), i + 3),
            _ => (None, i + 1),
        };
        if day == 0 || day > calendar::days_in_month(year, before.date.month) {
            return None;
        }
        let date = Date {
            year,
            month: before.date.month,
            day: Some(day),
        };
        self.hit(end, self.resolve_full(date, i), false, Kind::Point)
    }
}

impl Matcher<'_> {
    /// "the weekend": the last one, or the next one when the sentence looks ahead.
    fn weekend(&self, i: usize) -> Option<Hit> {
        if self.low(i) != "the" || self.low(i + 1) != "weekend" {
            return None;
        }
        let future = self.future(i);
        let value = self.anchored(|a| {
            let wd = civil::weekday(a);
            let saturday = if future {
                a + (5 - wd).rem_euclid(7)
            } else if wd >= 5 {
                a - (wd - 5)
            } else {
                a - wd - 2
            };
            civil::iso_week(saturday) + "-WE"
        });
        self.hit(i + 2, value, false, Kind::Point)
    }
}

/// Fixed-date holidays: (words, month, day).
const HOLIDAYS: [(&[&str], u8, u8); 7] = [
    (&["christmas", "eve"], 12, 24),
    (&["christmas", "day"], 12, 25),
    (&["christmas"], 12, 25),
    (&["new", "year's", "eve"], 12, 31),
    (&["new", "year's", "day"], 1, 1),
    (&["valentine's", "day"], 2, 14),
    (&["halloween"], 10, 31),
];

impl Matcher<'_> {
    /// "9am", "11.30pm", "9:30am" written as one token.
    fn glued_clock(&self, i: usize) -> Option<Hit> {
        if self.kind(i) != Some(TokenKind::Number) {
            return None;
        }
        let w = self.low(i);
        let (time, pm) = if let Some(t) = w.strip_suffix("am") {
            (t, false)
        } else {
            (w.strip_suffix("pm")?, true)
        };
        let (h, m) = match time.split_once(['.', ':']) {
            Some((h, m)) if m.len() == 2 => (h.parse().ok()?, m.parse().ok()?),
            None => (time.parse().ok()?, 0),
            _ => return None,
        };
        if h > 12 || m >= 60 || time.len() > 5 {
            return None;
        }
        self.clock_tail(i, to24(h, pm)?, m, i + 1)
    }

    /// "Christmas Eve", "New Year's Day", "Halloween".
    fn holiday(&self, i: usize) -> Option<Hit> {
        // every holiday starts with a capital
        if !self.capitalized(i) {
            return None;
        }
        // token `k`, curly apostrophes read straight, is `w`
        let is = |k: usize, w: &str| {
            let low = self.low(k);
            if low.contains('\u{2019}') {
                low.chars()
                    .map(|c| if c == '\u{2019}' { '\'' } else { c })
                    .eq(w.chars())
            } else {
                low == w
            }
        };
        for (words, month, day) in HOLIDAYS {
            // "New Year's" is three tokens: "New", "Year", "'s"
            let mut k = i;
            let mut ok = true;
            for w in words {
                if let Some(stem) = w.strip_suffix("'s") {
                    if is(k, stem) && is(k + 1, "'s") {
                        k += 2;
                        continue;
                    }
                }
                if !is(k, w) {
                    ok = false;
                    break;
                }
                k += 1;
            }
            if ok {
                let date = Date {
                    year: None,
                    month,
                    day: Some(day),
                };
                return self.hit(k, self.resolve_full(date, i), false, Kind::Point);
            }
        }
        None
    }
}

impl Matcher<'_> {
    /// "2.5 years", "six and a half years", "a year and a half", "half an hour".
    fn fraction(&self, i: usize) -> Option<Hit> {
        let raw = self.raw(i);
        // "2.5 years"
        if self.kind(i) == Some(TokenKind::Number) {
            if let Some((whole, tenths)) = raw.split_once('.') {
                let digits = |s: &str| {
                    !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit())
                };
                if digits(whole) && digits(tenths) {
                    let (unit, true) = lexicon::unit(self.low(i + 1))? else {
                        return None;
                    };
                    let value = lexicon::fractional_duration(raw, unit)?;
                    return self.hit(i + 2, Some(value), true, Kind::Duration);
                }
            }
        }
        // "half an hour", "half a year"
        if self.low(i) == "half" && matches!(self.low(i + 1), "a" | "an") {
            let (unit, false) = lexicon::unit(self.low(i + 2))? else {
                return None;
            };
            let value = match unit {
                Unit::Hour => Some("PT30M".to_string()),
                Unit::Minute => Some("PT30S".to_string()),
                Unit::Year => Some("P6M".to_string()),
                Unit::Decade => Some("P5Y".to_string()),
                Unit::Century => Some("P50Y".to_string()),
                _ => lexicon::fractional_duration("0.5", unit),
            };
            return self.hit(i + 3, value, true, Kind::Duration);
        }
        let (n, j) = self.qty(i)?;
        let n = n?;
        let and_a_half =
            |k: usize| self.low(k) == "and" && self.low(k + 1) == "a" && self.low(k + 2) == "half";
        // "six and a half years"
        if and_a_half(j) {
            let (unit, plural) = lexicon::unit(self.low(j + 3))?;
            if !plural {
                return None;
            }
            let value = lexicon::fractional_duration(&format!("{n}.5"), unit)?;
            return self.hit(j + 4, Some(value), true, Kind::Duration);
        }
        // "a year and a half"
        let (unit, plural) = lexicon::unit(self.low(j))?;
        if plural != (n != 1) || !and_a_half(j + 1) {
            return None;
        }
        let value = lexicon::fractional_duration(&format!("{n}.5"), unit)?;
        self.hit(j + 4, Some(value), true, Kind::Duration)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A long document's matcher keeps half a byte a token, and 4 more
    /// for a token with a lowercase form of its own; it reads each
    /// token's lowercase form and span right, across its 64-token blocks.
    #[test]
    fn facts_are_small_and_read_their_tokens() {
        assert_eq!(std::mem::size_of::<Block>(), 32);
        let words: Vec<String> = (0..300)
            .map(|k| match k % 7 {
                0 => format!("Word{k}"),
                3 => "ÉTÉ".to_string(),
                _ => format!("word{k}"),
            })
            .collect();
        let text = words.join(" ");
        let tokens = PackedTokens::pack(&crate::text::tokenize(&text));
        assert_eq!(tokens.len(), 300);
        let m = Matcher::new(&text, &tokens, None);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(m.low(i), w.to_lowercase(), "token {i}");
        }
        assert_eq!(m.facts.blocks.len(), 5);
        assert_eq!(
            m.facts.ends.len(),
            words.iter().filter(|w| *w != &w.to_lowercase()).count()
        );
        let text = "Last FRIDAY, the Ministry said ΣΟΦΟΣ met on 3 March.";
        let tokens = PackedTokens::pack(&crate::text::tokenize(text));
        let m = Matcher::new(text, &tokens, None);
        let lows: Vec<&str> = (0..tokens.len()).map(|i| m.low(i)).collect();
        let raws: Vec<&str> = (0..tokens.len()).map(|i| m.raw(i)).collect();
        assert_eq!(raws[..4], ["Last", "FRIDAY", ",", "the"]);
        assert_eq!(lows[..4], ["last", "friday", ",", "the"]);
        assert!(lows.contains(&"σοφος"), "{lows:?}");
        assert_eq!(m.low(tokens.len()), "");
        // a lowercase form of 64 KB or more is not kept: the token reads as it is
        let long = "Q".repeat(70_000);
        let text = format!("MARCH {long} FRIDAY");
        let tokens = PackedTokens::pack(&crate::text::tokenize(&text));
        let m = Matcher::new(&text, &tokens, None);
        assert_eq!(
            (0..3).map(|i| m.low(i)).collect::<Vec<_>>(),
            ["march", long.as_str(), "friday"]
        );
    }

    /// A token's lowercase form is kept exactly when it differs from the
    /// token, and its length is the one `str::to_lowercase` gives.
    #[test]
    fn lowered_len_is_the_lowercase_form_s_when_it_differs() {
        for raw in [
            "March",
            "MARCH",
            "march",
            "1990s",
            "\u{201c}",
            "\u{4e2d}\u{6587}",
            "Stra\u{df}e",
            "stra\u{df}e",
            "\u{39f}\u{394}\u{39f}\u{3a3}",
            "\u{130}stanbul",
            "\u{1c5}",
            "\u{e9}t\u{e9}",
            "\u{c9}t\u{c9}",
        ] {
            let low = raw.to_lowercase();
            let want = if low == raw { 0 } else { low.len() };
            assert_eq!(lowered_len(raw), want, "{raw:?}");
        }
    }

    /// The first-token filters never hide a match: on the sample
    /// documents and every sentence of the rule tests, with and without a
    /// document date, no rule matches where `start` says none may, and no
    /// expression begins where `lead` says none may.
    #[test]
    fn filter_hides_no_match() {
        let texts = [
            include_str!("tests.rs"),
            include_str!("../../../sample/castellan-wire.txt"),
            include_str!("../../../sample/harbor-herald.html"),
            include_str!("../../../sample/rewrite-dailybuzz.txt"),
            include_str!("../../../sample/feed-capture.txt"),
        ];
        for text in texts {
            let tokens = PackedTokens::pack(&crate::text::tokenize(text));
            for published in [None, calendar::parse_iso_prefix("2013-03-22")] {
                let m = Matcher::new(text, &tokens, published);
                let (mut skipped, mut passed) = (0, 0);
                for i in 0..tokens.len() {
                    if !m.facts.start(i) {
                        skipped += 1;
                        assert!(m.every_rule(i).is_none(), "token {i} {:?}", m.raw(i));
                    }
                    if !m.facts.lead(i) {
                        passed += 1;
                        assert!(m.at(i).is_none(), "token {i} {:?}", m.raw(i));
                    }
                }
                assert!(skipped * 2 > tokens.len(), "the filter skips most tokens");
                assert!(passed * 2 > tokens.len(), "most tokens lead nowhere");
            }
        }
    }
}
