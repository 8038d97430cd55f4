//! Date expressions and their calendar values, resolved against the
//! document's own date where the text leaves something out.

use crate::calendar::{self, Date};
use crate::span::Span;

/// A date phrase and the ISO 8601 / TIMEX3 value it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// Byte span of the phrase.
    pub span: Span,
    /// `2024-09-10`, `2024-09`, `2024`, or `None` when it cannot be known.
    pub value: Option<String>,
}

/// Days since 1970-01-01 for a full date (proleptic Gregorian).
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((yoe + era * 400 + i64::from(m <= 2)) as i32, m, d)
}

fn iso_day(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Resolves a written date against the document date. News mostly looks
/// back: a date without a year takes the latest year that puts it no more
/// than two months after the document date.
fn resolve_absolute(date: Date, anchor: Option<(i32, u8, u8)>) -> Option<String> {
    if date.year.is_some() {
        return Some(date.iso());
    }
    let (ay, am, ad) = anchor?;
    let day = date.day.unwrap_or(1);
    let anchor_days = days_from_civil(ay, am, ad);
    let year = [ay + 1, ay, ay - 1, ay - 2]
        .into_iter()
        .filter(|&y| day <= calendar::days_in_month(Some(y), date.month))
        .find(|&y| days_from_civil(y, date.month, day) - anchor_days <= 60)?;
    Some(
        Date {
            year: Some(year),
            ..date
        }
        .iso(),
    )
}

/// Relative phrases: (phrase, what it resolves to).
fn relative(phrase: &str, anchor: (i32, u8, u8)) -> Option<String> {
    let (y, m, d) = anchor;
    let today = days_from_civil(y, m, d);
    let month_shift = |k: i32| {
        let total = y * 12 + i32::from(m) - 1 + k;
        format!(
            "{:04}-{:02}",
            total.div_euclid(12),
            total.rem_euclid(12) + 1
        )
    };
    Some(match phrase.to_lowercase().as_str() {
        "today" => iso_day(today),
        "yesterday" => iso_day(today - 1),
        "tomorrow" => iso_day(today + 1),
        "last month" => month_shift(-1),
        "this month" => month_shift(0),
        "next month" => month_shift(1),
        "last year" => format!("{:04}", y - 1),
        "this year" => format!("{y:04}"),
        "next year" => format!("{:04}", y + 1),
        _ => return None,
    })
}

const RELATIVE: &[&str] = &[
    "today",
    "yesterday",
    "tomorrow",
    "last month",
    "this month",
    "next month",
    "last year",
    "this year",
    "next year",
];

fn word_at(text: &str, at: usize, len: usize) -> bool {
    let before_ok = text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    let after_ok = text[at + len..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    before_ok && after_ok
}

/// Every date phrase in `text`, resolved against `published` when given.
pub(crate) fn find_dates(text: &str, published: Option<Date>) -> Vec<DateMention> {
    let anchor = published.and_then(|d| Some((d.year?, d.month, d.day?)));
    let mut out: Vec<DateMention> = calendar::find_dates(text)
        .into_iter()
        .map(|f| DateMention {
            span: f.span,
            value: resolve_absolute(f.date, anchor),
        })
        .collect();
    let lower = text.to_lowercase();
    // Lower-casing can change byte lengths outside ASCII; only use it when it does not.
    if lower.len() == text.len() {
        for phrase in RELATIVE {
            for (at, _) in lower.match_indices(phrase) {
                if word_at(text, at, phrase.len()) {
                    out.push(DateMention {
                        span: Span::new(at, at + phrase.len()),
                        value: anchor.and_then(|a| relative(phrase, a)),
                    });
                }
            }
        }
    }
    for (index, day) in WEEKDAYS.iter().enumerate() {
        for (at, _) in text.match_indices(day) {
            if word_at(text, at, day.len()) {
                // News reports the past: the latest such weekday on or before the document date.
                let value = anchor.map(|(y, m, d)| {
                    let today = days_from_civil(y, m, d);
                    let today_index = (today + 3).rem_euclid(7); // 1970-01-01 was a Thursday
                    let back = (today_index - index as i64).rem_euclid(7);
                    iso_day(today - back)
                });
                out.push(DateMention {
                    span: Span::new(at, at + day.len()),
                    value,
                });
            }
        }
    }
    out.sort_by_key(|d| (d.span.start, std::cmp::Reverse(d.span.end)));
    let mut kept: Vec<DateMention> = Vec::with_capacity(out.len());
    for d in out {
        if kept.last().is_none_or(|k| k.span.end <= d.span.start) {
            kept.push(d);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values<'t>(text: &'t str, published: Option<&str>) -> Vec<(&'t str, Option<String>)> {
        let published = published.and_then(calendar::parse_iso_prefix);
        find_dates(text, published)
            .into_iter()
            .map(|d| (d.span.slice(text), d.value))
            .collect()
    }

    #[test]
    fn resolved_against_the_document_date() {
        let got = values(
            "On Monday, a day after the Jan.1 greeting, officials met. Last month was quiet; a summit comes next year. The Dec 30 call came first.",
            Some("2024-09-10"),
        );
        let want: Vec<(&str, Option<String>)> = vec![
            ("Monday", Some("2024-09-09".into())),
            ("Jan.1", Some("2024-01-01".into())),
            ("Last month", Some("2024-08".into())),
            ("next year", Some("2025".into())),
            ("Dec 30", Some("2023-12-30".into())),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn unknown_without_a_document_date() {
        assert_eq!(values("on Sunday", None), vec![("Sunday", None)]);
        assert_eq!(
            values("on October 6, 2024", None),
            vec![("October 6, 2024", Some("2024-10-06".into()))]
        );
    }

    #[test]
    fn calendar_round_trip() {
        for days in [-800_000, -1, 0, 19_000, 20_000, 60_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
    }
}
