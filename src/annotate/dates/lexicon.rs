//! The words date expressions are made of.

/// Units of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// A unit word and whether it is plural ("weeks").
pub(super) fn unit(word: &str) -> Option<(Unit, bool)> {
    use Unit::*;
    Some(match word {
        "second" => (Second, false),
        "seconds" | "secs" => (Second, true),
        "minute" | "min" => (Minute, false),
        "minutes" | "mins" => (Minute, true),
        "hour" | "hr" => (Hour, false),
        "hours" | "hrs" => (Hour, true),
        "day" => (Day, false),
        "days" => (Day, true),
        "week" => (Week, false),
        "weeks" => (Week, true),
        "weekend" => (Weekend, false),
        "weekends" => (Weekend, true),
        "month" => (Month, false),
        "months" => (Month, true),
        "quarter" => (Quarter, false),
        "quarters" => (Quarter, true),
        "year" | "yr" => (Year, false),
        "years" | "yrs" => (Year, true),
        "decade" => (Decade, false),
        "decades" => (Decade, true),
        "century" => (Century, false),
        "centuries" => (Century, true),
        _ => return None,
    })
}

/// A duration of `n` units (`None`: an unspecified number, `PXY`).
pub(super) fn duration(n: Option<u32>, unit: Unit) -> String {
    let n_or_x = |k: u32| n.map_or("X".to_string(), |n| (n * k).to_string());
    match unit {
        Unit::Second => format!("PT{}S", n_or_x(1)),
        Unit::Minute => format!("PT{}M", n_or_x(1)),
        Unit::Hour => format!("PT{}H", n_or_x(1)),
        Unit::Day => format!("P{}D", n_or_x(1)),
        Unit::Week => format!("P{}W", n_or_x(1)),
        Unit::Weekend => format!("P{}WE", n_or_x(1)),
        Unit::Month => format!("P{}M", n_or_x(1)),
        Unit::Quarter => format!("P{}Q", n_or_x(1)),
        Unit::Year => format!("P{}Y", n_or_x(1)),
        Unit::Decade => n.map_or("PXDE".into(), |_| format!("P{}Y", n_or_x(10))),
        Unit::Century => n.map_or("PXCE".into(), |_| format!("P{}Y", n_or_x(100))),
    }
}

/// A duration with a written number that may carry a fraction ("2.5"):
/// only the units ISO 8601 writes directly.
pub(super) fn fractional_duration(num: &str, unit: Unit) -> Option<String> {
    Some(match unit {
        Unit::Second => format!("PT{num}S"),
        Unit::Minute => format!("PT{num}M"),
        Unit::Hour => format!("PT{num}H"),
        Unit::Day => format!("P{num}D"),
        Unit::Week => format!("P{num}W"),
        Unit::Month => format!("P{num}M"),
        Unit::Year => format!("P{num}Y"),
        _ => return None,
    })
}

/// Number words up to ninety-nine's parts.
pub(super) fn small_number(word: &str) -> Option<u32> {
    const WORDS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    if let Some(n) = WORDS.iter().position(|w| *w == word) {
        return Some(n as u32);
    }
    tens(word)
}

/// "twenty" .. "ninety".
pub(super) fn tens(word: &str) -> Option<u32> {
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    TENS.iter()
        .position(|w| *w == word)
        .map(|n| (n as u32 + 2) * 10)
}

/// "sixties" -> 6 (the decade digit).
pub(super) fn decade_word(word: &str) -> Option<u32> {
    const DECADES: [&str; 8] = [
        "twenties",
        "thirties",
        "forties",
        "fifties",
        "sixties",
        "seventies",
        "eighties",
        "nineties",
    ];
    DECADES
        .iter()
        .position(|w| *w == word)
        .map(|n| n as u32 + 2)
}

/// "first" .. "twenty-first" spelled or written "21st".
pub(super) fn ordinal(word: &str) -> Option<u32> {
    const WORDS: [&str; 20] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    if let Some(n) = WORDS.iter().position(|w| *w == word) {
        return Some(n as u32 + 1);
    }
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let suffix = &word[digits..];
    let n: u32 = word[..digits].parse().ok()?;
    let want = match (n % 100, n % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    (suffix == want).then_some(n)
}

/// 0 = Monday.
pub(super) fn weekday(word: &str) -> Option<(i64, bool)> {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    if let Some(n) = DAYS.iter().position(|d| *d == word) {
        return Some((n as i64, false));
    }
    let singular = word.strip_suffix('s')?;
    DAYS.iter()
        .position(|d| *d == singular)
        .map(|n| (n as i64, true))
}

/// TIMEX3 part-of-day codes.
pub(super) fn part_of_day(word: &str) -> Option<&'static str> {
    Some(match word {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" | "overnight" => "NI",
        _ => return None,
    })
}

/// Season index from spring (0) to winter (3).
pub(super) fn season(word: &str) -> Option<i64> {
    Some(match word {
        "spring" => 0,
        "summer" => 1,
        "autumn" | "fall" => 2,
        "winter" => 3,
        _ => return None,
    })
}

/// Words that put what follows in the future ("will meet on Friday").
pub(super) fn future_cue(word: &str) -> bool {
    matches!(
        word,
        "will"
            | "'ll"
            | "\u{2019}ll"
            | "shall"
            | "scheduled"
            | "expected"
            | "planning"
            | "upcoming"
            | "aims"
            | "intends"
            | "going"
    )
}

/// Words that put what follows in the past.
pub(super) fn past_cue(word: &str) -> bool {
    matches!(
        word,
        "said" | "was" | "were" | "had" | "did" | "ago" | "told" | "since"
    )
}

/// Prepositions and determiners that make a bare month or season a date
/// ("in May", "since March", "by the summer").
pub(super) fn date_preposition(word: &str) -> bool {
    matches!(
        word,
        "in" | "on"
            | "since"
            | "until"
            | "till"
            | "by"
            | "from"
            | "to"
            | "through"
            | "during"
            | "of"
            | "before"
            | "after"
            | "between"
            | "and"
            | "or"
            | "early"
            | "late"
            | "mid"
            | "-"
            | "\u{2013}"
            | "last"
            | "next"
            | "this"
            | "that"
            | "each"
            | "every"
            | "throughout"
            | "into"
            | "around"
            | "for"
            | "as"
            | "at"
            | "over"
            | "past"
            | "coming"
            | "following"
            | "previous"
    )
}

/// Time zone abbreviations written after a clock time.
pub(super) fn time_zone(word: &str) -> bool {
    matches!(
        word,
        "gmt"
            | "utc"
            | "et"
            | "est"
            | "edt"
            | "ct"
            | "cst"
            | "cdt"
            | "mt"
            | "mst"
            | "mdt"
            | "pt"
            | "pst"
            | "pdt"
            | "cet"
            | "cest"
            | "bst"
            | "jst"
            | "ist"
            | "z"
    )
}
