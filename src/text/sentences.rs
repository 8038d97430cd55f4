//! Sentence boundaries: splits a document's text into sentence spans.

use crate::span::Span;

/// Titles and prefixes that a name or number follows: a boundary only before
/// a word no name has (see `STRONG_STARTERS`).
const PREPOSITIVE: &[&str] = &[
    "adm", "atty", "attys", "brig", "capt", "cmdr", "col", "cpl", "det", "dr", "fr", "gen", "gov",
    "hon", "lt", "maj", "messrs", "mme", "mlle", "mr", "mrs", "ms", "msgr", "mssrs", "mt", "pres",
    "prof", "pvt", "rep", "reps", "rev", "rt", "sen", "sens", "sgt", "sr", "st", "supt", "v", "vs",
];

/// Abbreviations that precede a number ("No. 5", "p. 55"): protected only there.
const NUMBER_ABBREVIATIONS: &[&str] = &[
    "art", "ch", "chap", "ext", "fig", "figs", "no", "nos", "nr", "op", "p", "para", "pg", "pp",
    "sec", "tel", "vol", "vols",
];

/// Abbreviations that may also close a sentence ("Briggs & Co. It closed"):
/// they do so only before a typical sentence opener.
const ABBREVIATIONS: &[&str] = &[
    "al", "approx", "apr", "assn", "aug", "ave", "blvd", "bros", "co", "corp", "dec", "dept",
    "dist", "div", "ed", "eds", "esq", "est", "feb", "ft", "govt", "hr", "hrs", "hwy", "inc",
    "intl", "jan", "jr", "jul", "jun", "km", "lb", "lbs", "llc", "ltd", "mar", "mfg", "mi", "min",
    "mo", "mos", "natl", "nov", "oct", "oz", "plc", "rd", "sep", "sept", "ste", "univ", "wk", "yr",
    "yrs",
];

/// Capitalised words that usually open a sentence rather than continue a
/// name: after an ambiguous abbreviation ("U.S.", "Co.") they mark a boundary.
const SENTENCE_STARTERS: &[&str] = &[
    "a",
    "after",
    "also",
    "an",
    "and",
    "as",
    "at",
    "because",
    "being",
    "but",
    "by",
    "did",
    "during",
    "each",
    "even",
    "for",
    "from",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "instead",
    "it",
    "its",
    "many",
    "meanwhile",
    "millions",
    "more",
    "most",
    "my",
    "no",
    "not",
    "now",
    "on",
    "once",
    "one",
    "our",
    "she",
    "since",
    "so",
    "some",
    "still",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "thus",
    "to",
    "today",
    "under",
    "we",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "with",
    "yet",
    "you",
    "your",
];

/// Pronouns and determiners that never follow a title: "on Main St. The
/// house" ends a sentence even after a prepositive abbreviation.
const STRONG_STARTERS: &[&str] = &[
    "but", "he", "her", "his", "however", "it", "its", "she", "that", "the", "their", "there",
    "these", "they", "this", "those", "we",
];

/// Capitalised words that continue a time ("6 p.m. Tuesday", "9 a.m. ET").
const TIME_FOLLOWERS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
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
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "et",
    "est",
    "edt",
    "ct",
    "cst",
    "cdt",
    "mt",
    "mst",
    "mdt",
    "pt",
    "pst",
    "pdt",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "ist",
    "jst",
    "aest",
    "aedt",
    "hkt",
    "eastern",
    "central",
    "mountain",
    "pacific",
    "local",
];

/// Words that open a leading time phrase ("At 5 a.m. Mr. Smith went"): such
/// a phrase is not a sentence of its own.
const TIME_INTRO: &[&str] = &[
    "about", "after", "around", "as", "at", "before", "between", "by", "from", "on", "shortly",
    "since", "starting", "till", "until",
];

/// Splits `text` into sentences: spans that never overlap, come in order
/// and carry no surrounding white space. Runs in linear time.
///
/// A line break always ends a sentence; otherwise a sentence ends only at
/// white space after `.`, `!`, `?` or `…` (plus closing quotes or brackets),
/// depending on the word closed (abbreviation, initial, `U.S.`, `a.m.`, list
/// marker, ellipsis) and the word after (lower case, number, capitalised,
/// typical sentence opener). CJK full stops end a sentence without a space.
pub fn split_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut line = Line::default();
    let mut word_start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c.is_whitespace() {
            if let Some(start) = word_start.take() {
                line.words.push((start, at));
            }
            // Every line break (`\n`, `\r`, U+2028, ...) is also white space.
            if is_line_break(c) {
                line.split(text, &mut out);
            }
            continue;
        }
        let start = *word_start.get_or_insert(at);
        // CJK text puts no space after its full stops: cut right there.
        if is_cjk_terminator(c) {
            let mut end = at + c.len_utf8();
            while let Some(&(next_at, d)) = chars.peek() {
                if !(is_cjk_terminator(d) || is_closer(d)) {
                    break;
                }
                end = next_at + d.len_utf8();
                chars.next();
            }
            line.words.push((start, end));
            word_start = None;
            line.split(text, &mut out);
        }
    }
    if let Some(start) = word_start {
        line.words.push((start, text.len()));
    }
    line.split(text, &mut out);
    out
}

/// Facts about a word that belongs to a run of spaced dots (". . .").
#[derive(Clone, Copy, Default)]
struct Dots {
    /// Dots in this word, 0 when it is not made of dots alone.
    count: u32,
    /// First word of the run this word belongs to.
    run_start: usize,
    /// Dots in the run up to and including this word.
    run_total: u32,
    /// First word after the run.
    run_end: usize,
}

/// The words of one line (or CJK-terminated stretch), reused between lines
/// to avoid allocating per line.
#[derive(Default)]
struct Line {
    words: Vec<(usize, usize)>,
    dots: Vec<Dots>,
}

impl Line {
    /// Pushes this line's sentences onto `out` and empties the line.
    fn split(&mut self, text: &str, out: &mut Vec<Span>) {
        let n = self.words.len();
        if n == 0 {
            return;
        }
        self.dots.clear();
        for i in 0..n {
            let count = dot_count(word(text, &self.words, i));
            let prev = if i > 0 && count > 0 {
                Some(self.dots[i - 1]).filter(|d| d.count > 0)
            } else {
                None
            };
            self.dots.push(Dots {
                count,
                run_start: prev.map_or(i, |d| d.run_start),
                run_total: prev.map_or(0, |d| d.run_total).saturating_add(count),
                run_end: i,
            });
        }
        for i in (0..n).rev() {
            if self.dots[i].count > 0 {
                self.dots[i].run_end = match self.dots.get(i + 1) {
                    Some(next) if next.count > 0 => next.run_end,
                    _ => i + 1,
                };
            }
        }
        let view = View {
            text,
            words: &self.words,
            dots: &self.dots,
        };
        let mut sentence_start = 0;
        let mut list: Option<List> = None;
        for i in 0..n - 1 {
            if i == sentence_start && list.is_none() {
                list = List::open(view.word(i), view.word(i + 1));
            }
            let mut cut = false;
            if let Some(list) = list.as_mut() {
                cut = i + 2 < n && list.advance(view.word(i + 1));
            }
            if cut || view.boundary(i, sentence_start) {
                out.push(Span::new(self.words[sentence_start].0, self.words[i].1));
                sentence_start = i + 1;
            }
        }
        out.push(Span::new(self.words[sentence_start].0, self.words[n - 1].1));
        self.words.clear();
    }
}

fn word<'t>(text: &'t str, words: &[(usize, usize)], i: usize) -> &'t str {
    let (start, end) = words[i];
    &text[start..end]
}

/// Read-only view of one line's words for the boundary decisions.
struct View<'a> {
    text: &'a str,
    words: &'a [(usize, usize)],
    dots: &'a [Dots],
}

impl View<'_> {
    fn word(&self, i: usize) -> &str {
        word(self.text, self.words, i)
    }

    /// Whether a sentence ends between word `i` and word `i + 1`.
    fn boundary(&self, i: usize, sentence_start: usize) -> bool {
        let dots = self.dots;
        if dots[i + 1].count > 0 {
            if dots[i].count > 0 {
                return false;
            }
            // "compounds. . . . The": the period closes the sentence and the
            // spaced ellipsis opens the next one.
            let j = dots[i + 1].run_end;
            let core = strip_closers(self.word(i));
            return j < self.words.len()
                && core.ends_with('.')
                && !core.ends_with("..")
                && self.ends_sentence(i, j, sentence_start);
        }
        if dots[i].count > 0 {
            // A spaced ellipsis ends a sentence only with a fourth dot, the
            // period (". . . . Next").
            return dots[i].run_start > sentence_start
                && dots[i].run_total >= 4
                && classify(self.word(i + 1)) == Class::Upper;
        }
        self.ends_sentence(i, i + 1, sentence_start)
    }

    /// Whether word `i`, ending in terminal punctuation, closes the sentence
    /// given that word `j` comes next.
    fn ends_sentence(&self, i: usize, j: usize, sentence_start: usize) -> bool {
        let core = strip_closers(self.word(i));
        let next = self.word(j);
        let class = classify(next);
        match core.chars().next_back() {
            Some('!' | '?' | '‽' | '⁇' | '⁈' | '⁉') => {
                matches!(class, Class::Upper | Class::Digit)
            }
            Some('…') => class == Class::Upper,
            Some('.') => self.period_ends(i, core, next, class, sentence_start),
            _ => false,
        }
    }

    /// Whether the period that closes `core` (word `i`) ends the sentence.
    fn period_ends(
        &self,
        i: usize,
        core: &str,
        next: &str,
        class: Class,
        sentence_start: usize,
    ) -> bool {
        // A period before a lower-case word or a symbol never ends a sentence.
        if !matches!(class, Class::Upper | Class::Digit) {
            return false;
        }
        if core.ends_with("..") {
            return class == Class::Upper;
        }
        // "1. The first item", "a. The first item": a marker, not a sentence.
        if i - sentence_start < 3
            && (sentence_start..=i).all(|k| list_marker(self.word(k)).is_some())
        {
            return false;
        }
        let base = strip_closers(strip_openers(&core[..core.len() - 1]));
        if base.is_empty() {
            return false;
        }
        if listed(PREPOSITIVE, base) {
            return class == Class::Upper
                && listed(STRONG_STARTERS, alpha_prefix(strip_openers(next)));
        }
        if listed(NUMBER_ABBREVIATIONS, base) {
            return class == Class::Upper;
        }
        if listed(ABBREVIATIONS, base) {
            return class == Class::Upper && is_starter(next);
        }
        let mut chars = base.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if c.is_uppercase() {
                return self.initial_ends(i, next, class, sentence_start);
            }
            if c.is_lowercase() {
                return class == Class::Upper && is_starter(next);
            }
        }
        if is_dotted_abbreviation(base) {
            if base.eq_ignore_ascii_case("a.m") || base.eq_ignore_ascii_case("p.m") {
                return self.time_ends(i, next, class, sentence_start);
            }
            if base.eq_ignore_ascii_case("e.g") || base.eq_ignore_ascii_case("i.e") {
                return false;
            }
            return class == Class::Upper && is_starter(next);
        }
        // "N°. 1026", "Nr. 5": a short non-numeric word before a number.
        if class == Class::Digit
            && base.chars().count() <= 2
            && base.chars().any(char::is_alphabetic)
            && !base.chars().any(char::is_numeric)
        {
            return false;
        }
        true
    }

    /// A single capital letter with a period is an initial ("Jonas E. Smith",
    /// "J. R. Okafor") unless it ends a clause: "you and I. Did you".
    fn initial_ends(&self, i: usize, next: &str, class: Class, sentence_start: usize) -> bool {
        if class != Class::Upper || is_initial(next) || i == sentence_start {
            return false;
        }
        let prev_lower = self
            .word(i - 1)
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_lowercase);
        prev_lower && is_starter(next)
    }

    /// "a.m."/"p.m." before a capital ends the sentence unless the capital
    /// continues the time ("6 p.m. Tuesday") or the time opens the sentence
    /// ("At 5 a.m. Mr. Smith went").
    fn time_ends(&self, i: usize, next: &str, class: Class, sentence_start: usize) -> bool {
        if class != Class::Upper || listed(TIME_FOLLOWERS, alpha_prefix(strip_openers(next))) {
            return false;
        }
        let first = alpha_prefix(strip_openers(self.word(sentence_start)));
        !(i - sentence_start < 4 && listed(TIME_INTRO, first))
    }
}

/// Rough class of the word after a candidate boundary, by its first
/// character past any opening quotes or brackets.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    /// Capitalised, or a script without case, or `@`/`#`.
    Upper,
    Lower,
    /// Digit or currency sign.
    Digit,
    /// Anything else: dashes, symbols, emoji, nothing.
    Other,
}

fn classify(word: &str) -> Class {
    match strip_openers(word).chars().next() {
        Some(c) if c.is_uppercase() => Class::Upper,
        Some(c) if c.is_lowercase() => Class::Lower,
        Some(c) if c.is_numeric() || matches!(c, '$' | '£' | '€' | '¥' | '₹') => Class::Digit,
        Some(c) if c.is_alphabetic() || matches!(c, '@' | '#') => Class::Upper,
        _ => Class::Other,
    }
}

/// Whether `word` (ASCII case ignored) is in `list`.
fn listed(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

fn is_starter(word: &str) -> bool {
    listed(SENTENCE_STARTERS, alpha_prefix(strip_openers(word)))
}

/// The leading letters of `word` ("It's" -> "It").
fn alpha_prefix(word: &str) -> &str {
    let end = word
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(word.len());
    &word[..end]
}

/// "R." or "R.," : a capital letter and a period.
fn is_initial(word: &str) -> bool {
    let mut chars = strip_openers(word).chars();
    matches!(
        (chars.next(), chars.next()),
        (Some(c), Some('.')) if c.is_uppercase()
    ) && chars.all(|c| is_closer(c) || c == ',')
}

/// "U.S", "a.m", "Ph.D": letter groups of at most two joined by periods.
fn is_dotted_abbreviation(base: &str) -> bool {
    base.contains('.')
        && base.split('.').all(|part| {
            let letters = part.chars().filter(|c| c.is_alphabetic()).count();
            letters > 0 && letters <= 2 && part.chars().count() == letters
        })
}

/// Number of dots when `word` is only dots or ellipses ("...", "[...]",
/// ".”"), else 0.
fn dot_count(word: &str) -> u32 {
    let core = strip_openers(strip_closers(word));
    if core.is_empty() {
        return 0;
    }
    let mut count = 0u32;
    for c in core.chars() {
        match c {
            '.' => count = count.saturating_add(1),
            '…' => count = count.saturating_add(3),
            _ => return 0,
        }
    }
    count
}

/// Kinds of list marker: number, lower-case or capital letter.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Number,
    Lower,
    Upper,
}

/// One enumerator of a list ("2.)", "b.", "(3)") with its style.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Ordinal {
    kind: Kind,
    value: u32,
    /// `.`, `)`, `>` for ".)", `(` for "(x)".
    style: u8,
}

impl Ordinal {
    fn next(self) -> Ordinal {
        Ordinal {
            value: self.value.saturating_add(1),
            ..self
        }
    }
}

/// A list marker: a bullet, an enumerator, or both ("⁃9.").
#[derive(Clone, Copy, Debug)]
struct Marker {
    bullet: Option<char>,
    ordinal: Option<Ordinal>,
}

fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '◦'
            | '‣'
            | '⁃'
            | '▪'
            | '▫'
            | '●'
            | '○'
            | '■'
            | '□'
            | '►'
            | '▸'
            | '➢'
            | '✓'
            | '✔'
    )
}

/// Parses `word` as a list marker. Capital letters count only with a
/// bracket ("A)"), since "A." is far more often an initial.
fn list_marker(word: &str) -> Option<Marker> {
    let mut rest = word;
    let mut bullet = None;
    if let Some(c) = rest.chars().next().filter(|&c| is_bullet(c)) {
        bullet = Some(c);
        rest = &rest[c.len_utf8()..];
    }
    if rest.is_empty() {
        return bullet.map(|b| Marker {
            bullet: Some(b),
            ordinal: None,
        });
    }
    let (open, rest) = match rest.strip_prefix('(') {
        Some(after) => (true, after),
        None => (false, rest),
    };
    let body_len = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let (body, suffix) = rest.split_at(body_len);
    let style = match (open, suffix) {
        (false, ".") => b'.',
        (false, ")") => b')',
        (false, ".)") => b'>',
        (true, ")") => b'(',
        _ => return None,
    };
    let ordinal = match body.as_bytes() {
        [b @ b'a'..=b'z'] => Ordinal {
            kind: Kind::Lower,
            value: u32::from(b - b'a'),
            style,
        },
        [b @ b'A'..=b'Z'] if style != b'.' => Ordinal {
            kind: Kind::Upper,
            value: u32::from(b - b'A'),
            style,
        },
        digits if (1..=3).contains(&digits.len()) && digits.iter().all(u8::is_ascii_digit) => {
            Ordinal {
                kind: Kind::Number,
                value: body.parse().ok()?,
                style,
            }
        }
        _ => return None,
    };
    Some(Marker {
        bullet,
        ordinal: Some(ordinal),
    })
}

/// An open list in the current line: the bullet its items start with, or
/// the enumerator expected next. Items split even without final periods
/// ("1) The first item 2) The second item").
#[derive(Clone, Copy, Debug)]
struct List {
    bullet: Option<char>,
    expect: Option<Ordinal>,
}

impl List {
    /// A list opens when a sentence starts with a marker followed by text.
    fn open(first: &str, second: &str) -> Option<List> {
        let marker = list_marker(first)?;
        let ordinal = marker
            .ordinal
            .or_else(|| list_marker(second).and_then(|m| m.ordinal));
        Some(List {
            bullet: marker.bullet,
            expect: ordinal.map(Ordinal::next),
        })
    }

    /// Whether `word` starts the list's next item.
    fn advance(&mut self, word: &str) -> bool {
        let Some(marker) = list_marker(word) else {
            return false;
        };
        if let Some(bullet) = self.bullet {
            return marker.bullet == Some(bullet);
        }
        match (self.expect, marker.ordinal) {
            (Some(expect), Some(found)) if marker.bullet.is_none() && expect == found => {
                self.expect = Some(expect.next());
                true
            }
            _ => false,
        }
    }
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn is_cjk_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '„'
            | '‚'
            | '('
            | '['
            | '{'
            | '«'
            | '‹'
            | '¿'
            | '¡'
            | '「'
            | '『'
            | '（'
            | '*'
    )
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | ']' | '}' | '»' | '›' | '」' | '』' | '）' | '*'
    )
}

fn strip_openers(word: &str) -> &str {
    word.trim_start_matches(is_opener)
}

fn strip_closers(word: &str) -> &str {
    word.trim_end_matches(is_closer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text)
            .iter()
            .map(|span| span.slice(text))
            .collect()
    }

    #[test]
    fn title_before_name_is_not_a_boundary() {
        assert_eq!(
            sentences("Mr. Xi said. Then he left."),
            ["Mr. Xi said.", "Then he left."]
        );
    }

    #[test]
    fn month_abbreviation_before_day() {
        assert_eq!(
            sentences("Talks resume Jan. 1 in Geneva. Officials declined to comment."),
            [
                "Talks resume Jan. 1 in Geneva.",
                "Officials declined to comment."
            ]
        );
    }

    #[test]
    fn us_before_name_continues_and_before_opener_ends() {
        assert_eq!(
            sentences("The U.S. Navy said it would respond. I live in the U.S. How about you?"),
            [
                "The U.S. Navy said it would respond.",
                "I live in the U.S.",
                "How about you?"
            ]
        );
    }

    #[test]
    fn chained_initials() {
        assert_eq!(
            sentences("The report by J. R. Okafor was published. It was long."),
            ["The report by J. R. Okafor was published.", "It was long."]
        );
    }

    #[test]
    fn pronoun_i_ends_but_middle_initial_does_not() {
        assert_eq!(
            sentences("You and I. Did you see Albert I. Jones?"),
            ["You and I.", "Did you see Albert I. Jones?"]
        );
    }

    #[test]
    fn quotes_after_the_period_stay_with_the_sentence() {
        assert_eq!(
            sentences("He said, \"We will win.\" She smiled. \u{201c}Fine.\u{201d} They left."),
            [
                "He said, \"We will win.\"",
                "She smiled.",
                "\u{201c}Fine.\u{201d}",
                "They left."
            ]
        );
        assert_eq!(
            sentences("She said, \"This is great.\" she said."),
            ["She said, \"This is great.\" she said."]
        );
    }

    #[test]
    fn time_of_day() {
        assert_eq!(
            sentences("The vote is at 7 p.m. Monday. It ended at 6 p.m. Police left."),
            [
                "The vote is at 7 p.m. Monday.",
                "It ended at 6 p.m.",
                "Police left."
            ]
        );
        assert_eq!(
            sentences("At 5 a.m. Mr. Smith went out."),
            ["At 5 a.m. Mr. Smith went out."]
        );
    }

    #[test]
    fn company_abbreviation() {
        assert_eq!(
            sentences("They hired Pitt, Briggs & Co. It closed. Briggs & Co. at noon."),
            [
                "They hired Pitt, Briggs & Co.",
                "It closed.",
                "Briggs & Co. at noon."
            ]
        );
    }

    #[test]
    fn street_before_pronoun_ends() {
        assert_eq!(
            sentences("St. Mary's is on Main St. The house is red."),
            ["St. Mary's is on Main St.", "The house is red."]
        );
    }

    #[test]
    fn numbers_decimals_and_addresses() {
        assert_eq!(
            sentences("Shares fell 3.5% to $12.40. Mail jane.doe@example.com. See www.example.com/a.html. Done."),
            [
                "Shares fell 3.5% to $12.40.",
                "Mail jane.doe@example.com.",
                "See www.example.com/a.html.",
                "Done."
            ]
        );
        assert_eq!(sentences("Turn to p. 55 now."), ["Turn to p. 55 now."]);
    }

    #[test]
    fn doubled_marks_and_exclamation_in_names() {
        assert_eq!(
            sentences("Hello?! Is that you? She works at Yahoo! in sales."),
            ["Hello?!", "Is that you?", "She works at Yahoo! in sales."]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            sentences("I meant that.... She left. Well ... maybe . . . I did."),
            [
                "I meant that....",
                "She left.",
                "Well ... maybe . . . I did."
            ]
        );
        assert_eq!(
            sentences("It ends here . . . . Next one."),
            ["It ends here . . . .", "Next one."]
        );
    }

    #[test]
    fn lists_without_final_periods() {
        assert_eq!(
            sentences("1) The first item 2) The second item"),
            ["1) The first item", "2) The second item"]
        );
        assert_eq!(
            sentences("a. The first item b. The second item"),
            ["a. The first item", "b. The second item"]
        );
        assert_eq!(
            sentences("\u{2022} 9. One \u{2022} 10. Two"),
            ["\u{2022} 9. One", "\u{2022} 10. Two"]
        );
    }

    #[test]
    fn line_breaks_always_end_sentences() {
        assert_eq!(
            sentences("Headline here\nBy Jane Doe\r\n\r\nFirst one. Second one\u{2028}Third"),
            [
                "Headline here",
                "By Jane Doe",
                "First one.",
                "Second one",
                "Third"
            ]
        );
    }

    #[test]
    fn astral_characters_and_combining_marks() {
        let text = "Emoji \u{1f389}. Next \u{1f44d}\u{1f3fd}! Cafe\u{301}. \u{1d401}old math. \u{1d40d}ext.";
        assert_eq!(
            sentences(text),
            [
                "Emoji \u{1f389}.",
                "Next \u{1f44d}\u{1f3fd}!",
                "Cafe\u{301}.",
                "\u{1d401}old math.",
                "\u{1d40d}ext."
            ]
        );
    }

    #[test]
    fn cjk_full_stops_need_no_space() {
        assert_eq!(
            sentences("\u{4e2d}\u{6587}\u{3002}\u{7b2c}\u{4e8c}\u{ff01}\u{7ed3}\u{675f}"),
            [
                "\u{4e2d}\u{6587}\u{3002}",
                "\u{7b2c}\u{4e8c}\u{ff01}",
                "\u{7ed3}\u{675f}"
            ]
        );
    }

    #[test]
    fn empty_and_blank_inputs() {
        assert!(split_sentences("").is_empty());
        assert!(split_sentences(" \n\t \r\n ").is_empty());
        assert_eq!(sentences("  padded.  "), ["padded."]);
    }

    /// Spans come in order, do not overlap, sit on char boundaries and carry
    /// no surrounding white space, whatever the input.
    #[test]
    fn invariants_hold_on_random_text() {
        let pieces = [
            "a",
            "The",
            "Mr.",
            "U.S.",
            "p.m.",
            "I.",
            "J.",
            "1.",
            "2)",
            "b.",
            ".",
            "...",
            "\u{2026}",
            "!",
            "?",
            "\"",
            "\u{201d}",
            "(",
            ")",
            "[...]",
            " ",
            " ",
            "  ",
            "\n",
            "\r\n",
            "\u{2028}",
            "\u{1f389}",
            "e\u{301}",
            "\u{1d401}",
            "\u{3002}",
            "\u{2022}",
            "\u{2043}9.",
            "$5",
            "x",
        ];
        let mut rng = crate::testing::XorShift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(rng.0 % 40) {
                text.push_str(pieces[rng.below(pieces.len())]);
            }
            let spans = split_sentences(&text);
            let mut last_end = 0;
            for span in &spans {
                assert!(
                    span.start() >= last_end && span.start() < span.end(),
                    "{text:?}"
                );
                assert!(text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()));
                let slice = span.slice(&text);
                assert_eq!(slice, slice.trim(), "{text:?}");
                last_end = span.end();
            }
            let covered: String = spans.iter().map(|s| s.slice(&text)).collect();
            let stripped: String = text.split_whitespace().collect();
            let covered: String = covered.split_whitespace().collect();
            assert_eq!(covered, stripped, "{text:?}");
        }
    }
}
