//! Discrepancies: the same fact stated with different values by documents
//! of one story ("12 people were killed" here, "15" there; a meeting on
//! March 3 here, March 4 there).
//!
//! A fact is a number or a day in a content sentence, typed by what it
//! counts (its unit noun, a currency, a percent sign, an ordinal such as
//! "76th anniversary") and tied to the nearest name of the sentence. Facts
//! of one story with the same kind, unit and subject are the same fact;
//! they disagree when two documents give values with none in common.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use compact_str::CompactString;

use super::terms::{is_stopword, term};
use crate::annotate::{Annotations, DateMention};
use crate::ingest::Document;
use crate::span::{Span, Within};
use crate::text::{Token, TokenKind};

/// One set of conflicting values for one fact.
#[derive(Clone, Debug, PartialEq)]
pub struct Discrepancy {
    /// What is counted: `casualties`, `jobs`, `amount`, `percentage`,
    /// `anniversary`, `ordinal`, `count` or `date`.
    pub kind: &'static str,
    /// The entity the fact is about, when the sentence names one.
    pub subject: Option<usize>,
    /// Each document's statement: (document, byte span, normalized value).
    /// Values are a few bytes, kept inline: a batch has many statements.
    pub values: Vec<(usize, Span, CompactString)>,
}

/// A number or a day found in one document.
#[derive(Clone, Debug, PartialEq)]
struct Fact {
    kind: &'static str,
    unit: String,
    subject: Option<usize>,
    span: Span,
    value: String,
}

/// Number words news spells out ("three people", "a dozen"); "one" is
/// left out, it is more often a pronoun than a count.
const NUMBER_WORDS: &[(&str, f64)] = &[
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("dozen", 12.0),
    ("thirteen", 13.0),
    ("fifteen", 15.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("hundred", 100.0),
];

const MULTIPLIERS: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("mln", 1e6),
    ("billion", 1e9),
    ("bn", 1e9),
    ("trillion", 1e12),
];

const CURRENCY_SIGNS: &[&str] = &["$", "€", "£", "¥", "₩", "₹"];
const CURRENCY_WORDS: &[&str] = &[
    "dollar", "euro", "pound", "yuan", "yen", "won", "rupee", "ruble", "rouble", "franc", "peso",
];
const CASUALTY_WORDS: &[&str] = &[
    "casualties",
    "dead",
    "death",
    "deaths",
    "died",
    "fatalities",
    "injured",
    "killed",
    "missing",
    "wounded",
];
const JOB_UNITS: &[&str] = &["employee", "job", "position", "role", "staff", "worker"];

fn number_value(word: &str) -> Option<(f64, bool)> {
    // an ASCII word lowers to ASCII: only a number word or one starting
    // with a digit can be a number, so the rest need no lowering
    if word.is_ascii() && !word.starts_with(|c: char| c.is_ascii_digit()) {
        // (every number word is 3 to 8 letters long, and starts with one
        // of a few letters: most words are turned down before the list)
        if !(3..=8).contains(&word.len())
            || !matches!(
                word.as_bytes()[0] | 0x20,
                b'd' | b'e' | b'f' | b'h' | b'n' | b's' | b't'
            )
        {
            return None;
        }
        return NUMBER_WORDS
            .iter()
            .find(|(w, _)| w.eq_ignore_ascii_case(word))
            .map(|&(_, v)| (v, false));
    }
    let lower = word.to_lowercase();
    if let Some(&(_, v)) = NUMBER_WORDS.iter().find(|(w, _)| *w == lower) {
        return Some((v, false));
    }
    let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &lower[digits.len()..];
    let ordinal = matches!(suffix, "st" | "nd" | "rd" | "th");
    if !(suffix.is_empty() || ordinal) || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let v: f64 = digits.replace(',', "").parse().ok()?;
    Some((v, ordinal))
}

/// The value as a plain decimal, rounded to 15 significant digits: a
/// scaled decimal picks up binary noise ("64.9 billion" is
/// 64900000000.00001 as a double), which would print and would tell
/// "1.1 billion" apart from "1,100,000,000".
fn format_value(v: f64) -> String {
    // a whole number of at most 15 digits is its own rounding, and most
    // values are counts (formatting values, the round trip through text
    // included, was 13% of this step on 1,000 generated documents, perf)
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    let v: f64 = format!("{v:.14e}").parse().unwrap_or(v);
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Crude stem for comparing context words: "visited" = "visits" = "visit".
fn stem(w: &str) -> String {
    for suffix in ["ing", "ed", "es", "s"] {
        if w.len() > suffix.len() + 3 && w.ends_with(suffix) {
            return w[..w.len() - suffix.len()].to_string();
        }
    }
    w.to_string()
}

/// The facts of one document's content sentences.
fn facts_of(doc: &Document, ann: &Annotations, entity_of: &[usize]) -> Vec<Fact> {
    let text = doc.text.as_str();
    let content = Within::new(&doc.content);
    let in_content = |s: Span| doc.content.is_empty() || content.holds(s);
    let mut out = Vec::new();
    // sentences and tokens are both in order: each sentence's tokens are
    // read off the packed ones as it comes (a long document's tokens,
    // unpacked whole, were 24 MB at the peak of its corpus step: 8 bytes
    // a token)
    let mut tokens = ann.tokens.iter().peekable();
    let mut held: Vec<Token> = Vec::new();
    let mut lowered = String::new();
    let mut ends: Vec<usize> = Vec::new();
    // the sentence's numbers: (token, value, ordinal)
    let mut numbers: Vec<(usize, f64, bool)> = Vec::new();
    for &sentence in ann.sentences.iter().filter(|&&s| in_content(s)) {
        while tokens
            .next_if(|t| t.span().start() < sentence.start())
            .is_some()
        {}
        held.clear();
        held.extend(std::iter::from_fn(|| {
            tokens.next_if(|t| t.span().start() < sentence.end())
        }));
        let toks = held.as_slice();
        // mentions and dates are in order: the sentence's are one run of each
        let within = |s: Span| sentence.start() <= s.start() && s.end() <= sentence.end();
        let d0 = ann
            .dates
            .partition_point(|d| d.span.end() <= sentence.start());
        let d1 = ann
            .dates
            .partition_point(|d| d.span.start() < sentence.end());
        let dates = &ann.dates[d0..d1];
        // A fact is a number or a full date: a sentence with neither (most
        // of them) is not lowered word by word, nor its names gathered.
        let full_date =
            |d: &DateMention| within(d.span) && d.value.as_ref().is_some_and(|v| v.len() == 10);
        numbers.clear();
        // (`number_value` reads a word in any case: the sentence need not be lowered for it)
        numbers.extend(
            toks.iter()
                .enumerate()
                .filter(|(_, t)| t.kind() != TokenKind::Punct)
                .filter_map(|(i, t)| number_value(t.span().slice(text)).map(|(v, o)| (i, v, o))),
        );
        if numbers.is_empty() && !dates.iter().any(full_date) {
            continue;
        }
        let m0 = ann
            .mentions
            .partition_point(|m| m.span.start() < sentence.start());
        let m1 = ann
            .mentions
            .partition_point(|m| m.span.start() < sentence.end());
        let mentions: Vec<(Span, usize)> = ann.mentions[m0..m1]
            .iter()
            .zip(&entity_of[m0..m1])
            .filter(|(m, _)| within(m.span))
            .map(|(m, &e)| (m.span, e))
            .collect();
        // the tokens lowered into one buffer, not a string each
        lowered.clear();
        ends.clear();
        for t in toks {
            let w = t.span().slice(text);
            if w.is_ascii() {
                lowered.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                lowered.push_str(&w.to_lowercase());
            }
            ends.push(lowered.len());
        }
        let lower: Vec<&str> = ends
            .iter()
            .scan(0, |start, &end| {
                let w = &lowered[*start..end];
                *start = end;
                Some(w)
            })
            .collect();
        let casualty = lower.iter().any(|w| CASUALTY_WORDS.contains(w));
        for &(i, mut value, ordinal) in &numbers {
            let t = &toks[i];
            if overlaps_any(dates, |d| d.span, t.span())
                || overlaps_any(&mentions, |m| m.0, t.span())
            {
                continue;
            }
            let mut end = i;
            if let Some(&(_, m)) = lower
                .get(i + 1)
                .and_then(|w| MULTIPLIERS.iter().find(|(x, _)| x == w))
            {
                value *= m;
                end = i + 1;
            }
            let prev = i.checked_sub(1).map(|p| lower[p]);
            let next = lower.get(end + 1).copied();
            let currency = prev.is_some_and(|p| CURRENCY_SIGNS.contains(&p))
                || next.is_some_and(|n| CURRENCY_WORDS.iter().any(|c| n.starts_with(c)));
            let percent = next.is_some_and(|n| n == "%" || n == "percent")
                || (next == Some("per") && lower.get(end + 2).is_some_and(|n| *n == "cent"));
            // the counted noun: the last of the words right after the
            // number ("41 container ships", "41 waiting ships": ships)
            let unit = (end + 1..(end + 4).min(toks.len()))
                .take_while(|&j| {
                    toks[j].kind() == TokenKind::Word
                        && !is_stopword(lower[j])
                        && number_value(lower[j]).is_none()
                })
                .filter_map(|j| term(lower[j]))
                .last();
            let (kind, unit) = if currency {
                let sign = prev
                    .filter(|p| CURRENCY_SIGNS.contains(p))
                    .or(next)
                    .unwrap_or("");
                ("amount", sign.to_string())
            } else if percent {
                ("percentage", "%".to_string())
            } else if let Some(unit) = unit {
                let kind = if ordinal {
                    if unit == "anniversary" {
                        "anniversary"
                    } else {
                        "ordinal"
                    }
                } else if casualty && !JOB_UNITS.contains(&unit.as_str()) {
                    "casualties"
                } else if JOB_UNITS.contains(&unit.as_str()) {
                    "jobs"
                } else {
                    "count"
                };
                (kind, unit)
            } else {
                continue;
            };
            let span = Span::new(t.span().start(), toks[end].span().end());
            out.push(Fact {
                kind,
                unit: stem(&unit),
                subject: subject(&mentions, toks, &lower, i, end),
                span,
                value: format_value(value),
            });
        }
        // days of events: a full date told in the sentence
        for d in dates.iter().filter(|d| full_date(d)) {
            let Some(value) = d.value.as_deref() else {
                continue;
            };
            let at = toks.partition_point(|t| t.span().start() < d.span.start());
            // the event: the nearest content word before the date, stemmed
            let event = (0..at)
                .rev()
                .map(|j| lower[j])
                .filter(|w| !is_stopword(w))
                .filter_map(term)
                .find(|w| w.chars().all(char::is_alphabetic));
            let Some(event) = event else { continue };
            out.push(Fact {
                kind: "date",
                unit: stem(&event),
                subject: subject(&mentions, toks, &lower, at, at),
                span: d.span,
                value: value.to_string(),
            });
        }
    }
    out
}

/// The entity a number is about: the name right after "of" ("the 76th
/// anniversary of North Korea"), else the nearest name before it in the
/// sentence, else the nearest after it.
fn subject(
    mentions: &[(Span, usize)],
    toks: &[Token],
    lower: &[&str],
    at: usize,
    end: usize,
) -> Option<usize> {
    // tokens and mentions are in order and apart: bisections, not scans,
    // so a sentence that never ends costs no more per number
    let start = toks.get(at)?.span().start();
    let stop = toks.get(end)?.span().end();
    let first_from = |at: usize| mentions.get(mentions.partition_point(|m| m.0.start() < at));
    let of = (end + 1..(end + 4).min(toks.len())).find(|&j| lower[j] == "of");
    if let Some(of) = of {
        let after = toks[of].span().end();
        if let Some(m) = first_from(after) {
            // the tokens from `after` up to the mention
            let from = toks.partition_point(|t| t.span().start() < after);
            let to = toks.partition_point(|t| t.span().end() <= m.0.start());
            if to.saturating_sub(from) <= 2 {
                return Some(m.1);
            }
        }
    }
    let before = mentions.partition_point(|m| m.0.end() <= start);
    before
        .checked_sub(1)
        .map(|k| &mentions[k])
        .or_else(|| first_from(stop))
        .map(|m| m.1)
}

/// True when `s` overlaps one of `items`, whose spans (`span_of`) are in
/// order and never overlap.
fn overlaps_any<T>(items: &[T], span_of: impl Fn(&T) -> Span, s: Span) -> bool {
    let k = items.partition_point(|x| span_of(x).end() <= s.start());
    items.get(k).is_some_and(|x| span_of(x).start() < s.end())
}

/// Every discrepancy among the documents of each story.
pub(super) fn find(
    documents: &[Document],
    annotations: &[Annotations],
    mention_entity: &[Vec<usize>],
    document_story: &[usize],
) -> Vec<Discrepancy> {
    // one story at a time, so only one story's facts are held at once
    let stories = document_story.iter().max().map_or(0, |&s| s + 1);
    let mut story_documents: Vec<Vec<usize>> = vec![Vec::new(); stories];
    for (d, &s) in document_story.iter().enumerate() {
        story_documents[s].push(d);
    }
    let mut out = Vec::new();
    for docs in story_documents.iter().filter(|docs| docs.len() >= 2) {
        // (kind, unit) -> facts, in document order
        let mut groups: BTreeMap<(&'static str, String), Vec<(usize, Fact)>> = BTreeMap::new();
        for &d in docs {
            for f in facts_of(&documents[d], &annotations[d], &mention_entity[d]) {
                groups
                    .entry((f.kind, f.unit.clone()))
                    .or_default()
                    .push((d, f));
            }
        }
        for ((kind, _), facts) in groups {
            // One subject named (or none): one fact. Several: one fact per
            // subject, and the statements that name none are left out.
            let subjects: BTreeSet<usize> = facts.iter().filter_map(|(_, f)| f.subject).collect();
            if subjects.len() <= 1 {
                out.extend(disagreement(kind, subjects.first().copied(), &facts));
            } else {
                for s in subjects {
                    let about: Vec<(usize, Fact)> = facts
                        .iter()
                        .filter(|(_, f)| f.subject == Some(s))
                        .cloned()
                        .collect();
                    out.extend(disagreement(kind, Some(s), &about));
                }
            }
        }
    }
    out
}

/// The statements of one fact, when two documents give values with none in common.
fn disagreement(
    kind: &'static str,
    subject: Option<usize>,
    facts: &[(usize, Fact)],
) -> Option<Discrepancy> {
    let mut by_doc: BTreeMap<usize, Vec<&Fact>> = BTreeMap::new();
    for (d, f) in facts {
        by_doc.entry(*d).or_default().push(f);
    }
    let sets: Vec<HashSet<&str>> = by_doc
        .values()
        .map(|fs| fs.iter().map(|f| f.value.as_str()).collect())
        .collect();
    let disagree = sets
        .iter()
        .enumerate()
        .any(|(i, a)| sets[i + 1..].iter().any(|b| a.is_disjoint(b)));
    if !disagree {
        return None;
    }
    let mut values = Vec::new();
    for (&d, fs) in &by_doc {
        let mut seen = HashSet::new();
        for f in fs {
            if seen.insert(f.value.as_str()) {
                values.push((d, f.span, CompactString::from(f.value.as_str())));
            }
        }
    }
    Some(Discrepancy {
        kind,
        subject,
        values,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaled_decimals_print_without_binary_noise() {
        // each product is off in its last bit as a double
        for (v, want) in [
            (64.9 * 1e9, "64900000000"),
            (132.3 * 1e6, "132300000"),
            (4.1 * 1e6, "4100000"),
            (8.2 * 1e9, "8200000000"),
            (0.1 + 0.2, "0.3"),
            (2.5, "2.5"),
            (12.0, "12"),
            (1e15, "1000000000000000"),
        ] {
            assert_eq!(want, format_value(v), "{v:?}");
        }
    }

    #[test]
    fn whole_numbers_print_as_their_rounding_does() {
        for v in [
            0.0,
            -0.0,
            1.0,
            -7.0,
            41.0,
            1200.0,
            999_999_999_999_999.0,
            -1e14,
            2f64.powi(49),
        ] {
            let rounded: f64 = format!("{v:.14e}").parse().unwrap();
            assert_eq!(format_value(v), format!("{}", rounded as i64), "{v:?}");
        }
    }

    #[test]
    fn every_number_word_is_read_in_any_case_and_nothing_else() {
        for &(w, v) in NUMBER_WORDS {
            assert_eq!(number_value(w), Some((v, false)), "{w}");
            assert_eq!(number_value(&w.to_uppercase()), Some((v, false)), "{w}");
        }
        for (w, want) in [
            ("41", Some((41.0, false))),
            ("1,200", Some((1200.0, false))),
            ("76th", Some((76.0, true))),
            ("Twenty", Some((20.0, false))),
            ("ÉIGHT", None),
            ("twentyfold", None),
            ("on", None),
            ("people", None),
        ] {
            assert_eq!(number_value(w), want, "{w}");
        }
    }
}
