//! Absolute calendar dates written out in text ("Sep 10, 2024",
//! "7 October 2024", "2024-09-10", "Jan. 1"), found with their spans.
//!
//! This sits below every stage because two of them need it: `ingest` reads
//! a document's own date from its first lines, and `annotate` resolves
//! every date phrase against that date.

use crate::span::Span;

/// A calendar date, possibly without a year or a day.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Date {
    /// Four-digit year, when written.
    pub year: Option<i32>,
    /// Month, 1-12.
    pub month: u8,
    /// Day of the month, when written.
    pub day: Option<u8>,
}

impl Date {
    /// The full date of a day number (days since 1970-01-01).
    pub fn from_day_number(days: i64) -> Date {
        let (year, month, day) = civil_from_days(days);
        Date {
            year: Some(year),
            month,
            day: Some(day),
        }
    }

    /// Days since 1970-01-01, for a date with a year and a day.
    pub fn day_number(&self) -> Option<i64> {
        Some(days_from_civil(self.year?, self.month, self.day?))
    }

    /// ISO 8601 form: `2024-09-10`, `2024-09`, `XXXX-09-10` when the year is unknown.
    pub fn iso(&self) -> String {
        let year = self.year.map_or("XXXX".to_string(), |y| format!("{y:04}"));
        match self.day {
            Some(d) => format!("{year}-{:02}-{d:02}", self.month),
            None => format!("{year}-{:02}", self.month),
        }
    }
}

/// Days since 1970-01-01 for a full date.
pub fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The calendar date of a day number.
pub fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z.clamp(-300_000_000, 300_000_000) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((yoe + era * 400 + i64::from(m <= 2)) as i32, m, d)
}

/// A date found in text: where, and what it says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    /// Byte span of the whole expression.
    pub span: Span,
    /// The date it names.
    pub date: Date,
}

/// Month names, January first (the words `month_number` reads are in its match).
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The full lower-case name of month `month` (1-12): "january".
pub fn month_name(month: u8) -> Option<&'static str> {
    MONTHS.get(usize::from(month).checked_sub(1)?).copied()
}

/// The month a word names ("Sep", "sept", "December"), if any.
pub fn month_number(word: &str) -> Option<u8> {
    // Asked of nearly every word of a text: one match on the lower-cased
    // bytes instead of a search of the list (tested against it).
    let bytes = word.as_bytes();
    if !(3..=9).contains(&bytes.len()) {
        return None;
    }
    let mut low = [0u8; 9];
    for (l, b) in low.iter_mut().zip(bytes) {
        *l = b.to_ascii_lowercase();
    }
    Some(match &low[..bytes.len()] {
        b"january" | b"jan" => 1,
        b"february" | b"feb" => 2,
        b"march" | b"mar" => 3,
        b"april" | b"apr" => 4,
        b"may" => 5,
        b"june" | b"jun" => 6,
        b"july" | b"jul" => 7,
        b"august" | b"aug" => 8,
        b"september" | b"sep" | b"sept" => 9,
        b"october" | b"oct" => 10,
        b"november" | b"nov" => 11,
        b"december" | b"dec" => 12,
        _ => return None,
    })
}

/// Month names in running text are capitalized; "may" and "march" are verbs.
fn capitalized_month(word: &str) -> Option<u8> {
    word.starts_with(|c: char| c.is_ascii_uppercase())
        .then(|| month_number(word))
        .flatten()
}

/// Days in `month` of `year` (February of an unknown year has 29).
pub fn days_in_month(year: Option<i32>, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) => 28,
            _ => 29,
        },
        _ => 31,
    }
}

fn valid(year: Option<i32>, month: u8, day: Option<u8>) -> bool {
    (1..=12).contains(&month)
        && day.is_none_or(|d| d >= 1 && d <= days_in_month(year, month))
        && year.is_none_or(|y| (1000..=2999).contains(&y))
}

/// A small cursor over ASCII-ish tokens; dates are written with ASCII
/// digits, letters, commas, dots and dashes.
struct Scan<'t> {
    text: &'t str,
    pos: usize,
}

impl<'t> Scan<'t> {
    fn rest(&self) -> &'t str {
        &self.text[self.pos..]
    }

    fn skip_spaces(&mut self) -> usize {
        let n = self.rest().len() - self.rest().trim_start_matches([' ', '\u{a0}']).len();
        self.pos += n;
        n
    }

    fn number(&mut self, max_digits: usize) -> Option<(u32, usize)> {
        let digits = self.rest().bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > max_digits {
            return None;
        }
        let after = self.rest()[digits..].chars().next();
        if after.is_some_and(|c| c.is_alphanumeric()) {
            // allow ordinals: 1st 2nd 3rd 4th
            let suffix: String = self.rest()[digits..].chars().take(2).collect();
            let lower = suffix.to_ascii_lowercase();
            if !matches!(lower.as_str(), "st" | "nd" | "rd" | "th") {
                return None;
            }
            let value = self.rest()[..digits].parse().ok()?;
            let after_suffix = self.rest()[digits + 2..].chars().next();
            if after_suffix.is_some_and(char::is_alphanumeric) {
                return None;
            }
            self.pos += digits + 2;
            return Some((value, digits));
        }
        let value = self.rest()[..digits].parse().ok()?;
        self.pos += digits;
        Some((value, digits))
    }

    fn word(&mut self) -> Option<&'t str> {
        let len = self
            .rest()
            .bytes()
            .take_while(u8::is_ascii_alphabetic)
            .count();
        if len == 0 {
            return None;
        }
        let w = &self.rest()[..len];
        self.pos += len;
        Some(w)
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }
}

fn year_after(scan: &mut Scan) -> Option<i32> {
    let save = scan.pos;
    scan.eat(",");
    if scan.skip_spaces() == 0 && scan.pos == save {
        return None;
    }
    match scan.number(4) {
        Some((y, 4)) => Some(y as i32),
        _ => {
            scan.pos = save;
            None
        }
    }
}

/// "Sep 10, 2024", "Sept. 10", "Jan.1", "October 2024".
fn month_first(text: &str, at: usize) -> Option<(usize, Date)> {
    let mut scan = Scan { text, pos: at };
    let month = capitalized_month(scan.word()?)?;
    let dotted = scan.eat(".");
    let spaced = scan.skip_spaces() > 0;
    if !dotted && !spaced {
        return None;
    }
    let before_number = scan.pos;
    if let Some((day, _)) = scan.number(2) {
        let day_end = scan.pos;
        let year = year_after(&mut scan);
        let end = if year.is_some() { scan.pos } else { day_end };
        let day = u8::try_from(day).ok()?;
        return valid(year, month, Some(day)).then_some((
            end,
            Date {
                year,
                month,
                day: Some(day),
            },
        ));
    }
    scan.pos = before_number;
    match scan.number(4) {
        Some((y, 4)) if valid(Some(y as i32), month, None) => Some((
            scan.pos,
            Date {
                year: Some(y as i32),
                month,
                day: None,
            },
        )),
        _ => None,
    }
}

/// "10 September 2024", "7 Oct".
fn day_first(text: &str, at: usize) -> Option<(usize, Date)> {
    let mut scan = Scan { text, pos: at };
    let (day, _) = scan.number(2)?;
    if scan.skip_spaces() == 0 {
        return None;
    }
    scan.eat("of ");
    let month = capitalized_month(scan.word()?)?;
    scan.eat(".");
    let month_end = scan.pos;
    let year = year_after(&mut scan);
    let end = if year.is_some() { scan.pos } else { month_end };
    let day = u8::try_from(day).ok()?;
    valid(year, month, Some(day)).then_some((
        end,
        Date {
            year,
            month,
            day: Some(day),
        },
    ))
}

/// "2024-09-10" (ISO 8601, as in markup and URLs).
fn iso(text: &str, at: usize) -> Option<(usize, Date)> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    if !(digits(at..at + 4)
        && b.get(at + 4) == Some(&b'-')
        && digits(at + 5..at + 7)
        && b.get(at + 7) == Some(&b'-')
        && digits(at + 8..at + 10))
    {
        return None;
    }
    if b.get(at + 10).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let year = text[at..at + 4].parse().ok()?;
    let month = text[at + 5..at + 7].parse().ok()?;
    let day = text[at + 8..at + 10].parse().ok()?;
    valid(Some(year), month, Some(day)).then_some((
        at + 10,
        Date {
            year: Some(year),
            month,
            day: Some(day),
        },
    ))
}

/// Every absolute date in `text`, in order, not overlapping.
pub fn find_dates(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    // whether the character before `i` is a letter or digit (a date starts a word)
    let mut after_alnum = false;
    while i < bytes.len() {
        if !after_alnum && bytes[i].is_ascii_alphanumeric() {
            if let Some((end, date)) = date_at(text, i) {
                found.push(Found {
                    span: Span::new(i, end),
                    date,
                });
                i = end;
                after_alnum = text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
                continue;
            }
        }
        if bytes[i].is_ascii() {
            after_alnum = bytes[i].is_ascii_alphanumeric();
            i += 1;
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            after_alnum = c.is_alphanumeric();
            i += c.len_utf8();
        }
    }
    found
}

/// The date written from byte `at`, which starts a word with an ASCII
/// letter or digit, and where it ends.
fn date_at(text: &str, at: usize) -> Option<(usize, Date)> {
    if text.as_bytes()[at].is_ascii_digit() {
        iso(text, at).or_else(|| day_first(text, at))
    } else {
        month_first(text, at)
    }
}

/// The date at the start of an ISO 8601 timestamp (`2024-09-10T12:00:00Z`).
pub fn parse_iso_prefix(s: &str) -> Option<Date> {
    iso(s.trim(), 0).map(|(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_number_is_the_list_search() {
        // the spec, as a list: full names and the abbreviations read
        let names: Vec<(String, u8)> = MONTHS
            .iter()
            .zip(1..)
            .map(|(n, m)| (n.to_string(), m))
            .chain(
                [
                    ("jan", 1),
                    ("feb", 2),
                    ("mar", 3),
                    ("apr", 4),
                    ("jun", 6),
                    ("jul", 7),
                    ("aug", 8),
                    ("sep", 9),
                    ("sept", 9),
                    ("oct", 10),
                    ("nov", 11),
                    ("dec", 12),
                ]
                .map(|(n, m)| (n.to_string(), m)),
            )
            .collect();
        let reference = |word: &str| {
            names
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(word))
                .map(|&(_, m)| m)
        };
        let mut words: Vec<String> = names
            .iter()
            .flat_map(|(name, _)| {
                [
                    name.to_string(),
                    name.to_uppercase(),
                    name[..1].to_uppercase() + &name[1..],
                ]
            })
            .collect();
        words.extend(
            [
                "Dec",
                "DEC",
                "",
                "m",
                "Mayor",
                "Janu",
                "décembre",
                "Déc",
                "maY",
            ]
            .map(String::from),
        );
        let mut rng = crate::testing::XorShift(5);
        let letters = b"janfebmrpylugsoctvdJANFEBMRPYLUGSOCTVD";
        for _ in 0..20_000 {
            let len = rng.below(11);
            words.push(
                (0..len)
                    .map(|_| letters[rng.below(letters.len())] as char)
                    .collect(),
            );
        }
        for w in &words {
            assert_eq!(month_number(w), reference(w), "{w:?}");
        }
    }

    fn dates(text: &str) -> Vec<(&str, String)> {
        find_dates(text)
            .into_iter()
            .map(|f| (f.span.slice(text), f.date.iso()))
            .collect()
    }

    #[test]
    fn written_dates() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("Sep 10, 2024, 12:00 AM", &[("Sep 10, 2024", "2024-09-10")]),
            (
                "on October 6, 2024, commemorating",
                &[("October 6, 2024", "2024-10-06")],
            ),
            ("greeting on Jan.1 \u{2014} and", &[("Jan.1", "XXXX-01-01")]),
            (
                "Published 7 October 2024.",
                &[("7 October 2024", "2024-10-07")],
            ),
            ("since September 2023", &[("September 2023", "2023-09")]),
            ("stamp 2024-09-10T12:00", &[("2024-09-10", "2024-09-10")]),
            ("the 3rd of March", &[("3rd of March", "XXXX-03-03")]),
            ("May I say, Mar 45 is not a date", &[]),
            ("He may 10 times", &[]),
        ];
        for (text, want) in cases {
            let want: Vec<(&str, String)> = want.iter().map(|(s, v)| (*s, v.to_string())).collect();
            assert_eq!(dates(text), want, "case {text:?}");
        }
    }

    /// `find_dates`' scan as it was first written: the character before
    /// each byte decoded again at every byte.
    fn find_dates_reference(text: &str) -> Vec<Found> {
        let mut found = Vec::new();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let starts_word = i == 0
                || !text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
            if starts_word && bytes[i].is_ascii_alphanumeric() {
                if let Some((end, date)) = date_at(text, i) {
                    found.push(Found {
                        span: Span::new(i, end),
                        date,
                    });
                    i = end;
                    continue;
                }
            }
            i += 1;
            while i < bytes.len() && !text.is_char_boundary(i) {
                i += 1;
            }
        }
        found
    }

    #[test]
    fn dates_start_words_as_the_first_scan_found_them() {
        let both = |text: &str| {
            let listed = |found: Vec<Found>| -> Vec<(Span, String)> {
                found.into_iter().map(|f| (f.span, f.date.iso())).collect()
            };
            (listed(find_dates(text)), listed(find_dates_reference(text)))
        };
        for text in [
            "Sep 10, 2024 and 2024-09-10x 10 Oct 2023",
            "\u{e9}Sep 10, 2024 \u{e9} Sep 11, 2024",
            "\u{5317}\u{4eac}2024-01-02 \u{2014}2024-01-03",
            "x2024-01-02 -2024-01-04 7 October 20247 October 2024",
            "2024-09-10Sep 10, 2024Oct 1\u{300}Oct 2",
            "\u{660}2024-01-05 \u{1f600}2024-01-06",
            "",
        ] {
            let (got, want) = both(text);
            assert_eq!(got, want, "{text:?}");
        }
        // and on real captures
        for (name, bytes) in crate::sample::SAMPLE {
            let (got, want) = both(&String::from_utf8_lossy(bytes));
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn month_names() {
        assert_eq!(month_name(1), Some("january"));
        assert_eq!(month_name(12), Some("december"));
        assert_eq!((month_name(0), month_name(13)), (None, None));
    }

    #[test]
    fn leap_years() {
        assert_eq!(days_in_month(Some(2024), 2), 29);
        assert_eq!(days_in_month(Some(1900), 2), 28);
        assert!(dates("Feb 29, 2023").is_empty());
    }
}
