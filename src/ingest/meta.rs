//! What the visible text says about itself, for pages and dumps alike:
//! bylines ("By ...", "edited by ...", an author bio), labels (tone and
//! section labels, AI-generation disclosures, "Posted In:"), a publisher
//! named by a bare domain or a "'s Post" header, and whether a candidate
//! author is really a name rather than a date, a site or "3 minute read".

use crate::span::Span;

/// Tone and genre labels that pages show on a line of their own.
const TONES: &[&str] = &[
    "provocative",
    "opinion",
    "analysis",
    "satire",
    "sponsored",
    "sponsored content",
    "breaking",
    "breaking news",
    "exclusive",
    "editorial",
    "commentary",
    "explainer",
    "fact check",
    "live",
    "perspective",
    "review",
    "neutral",
    "balanced",
    "biased",
    "misleading",
    "partisan",
    "sensational",
    "press release",
    "paid post",
    "advertorial",
];

/// Words that never belong to a person's name in a byline.
const NOT_NAME: &[&str] = &[
    "read",
    "min",
    "mins",
    "minute",
    "minutes",
    "updated",
    "published",
    "posted",
    "comments",
    "comment",
    "share",
    "staff",
    "news",
    "follow",
    "email",
    "am",
    "pm",
    "ago",
    "hours",
    "today",
    "yesterday",
    "view",
    "views",
    "photo",
    "photos",
    "image",
    "video",
    "reuters",
    "ap",
    "afp",
    "editor",
    "editors",
    "reporter",
    "correspondent",
    "contributor",
    "team",
    "desk",
    "wire",
    "press",
    "agency",
    "the",
    "of",
    "and",
    "in",
    "on",
    "at",
    "for",
    "with",
    "from",
    "says",
    "said",
    "is",
    "was",
    "editorial",
    "opinion",
    "analysis",
    "review",
    "sponsored",
    "admin",
    "contributors",
    "writers",
];

/// Degrees and credentials that follow names in bylines ("Rachael Link, MS, RD").
const CREDENTIALS: &[&str] = &[
    "bsc", "msc", "phd", "md", "rd", "rdn", "ms", "ma", "ba", "mba", "mph", "ld", "do", "rn", "np",
    "jd", "cfa", "cpa", "cpt", "dr", "jr", "sr",
];

/// A byline candidate that reads as a person's name: one to five words,
/// capitalised, no digits, no dates, no reading times, not the site.
pub(super) fn is_name(candidate: &str, publisher: Option<&str>) -> bool {
    let c = candidate.trim();
    let words: Vec<&str> = c.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || c.chars().any(|ch| ch.is_ascii_digit()) {
        return false;
    }
    if c.contains(['@', '/', ':', '|', '#']) || c.contains("www.") || c.contains(".com") {
        return false;
    }
    if !crate::calendar::find_dates(c).is_empty()
        || words
            .iter()
            .any(|w| crate::calendar::month_number(w).is_some() && words.len() <= 2)
    {
        return false;
    }
    if words.iter().any(|w| {
        let bare = w
            .trim_matches(|ch: char| !ch.is_alphanumeric())
            .to_lowercase();
        NOT_NAME.contains(&bare.as_str())
    }) {
        return false;
    }
    if words.len() == 1 {
        let w = words[0].trim_matches(|ch: char| !ch.is_alphanumeric());
        let caps = w.chars().count() <= 4 && w.chars().all(|ch| ch.is_uppercase());
        if caps || CREDENTIALS.contains(&w.to_lowercase().as_str()) {
            return false;
        }
    }
    if let Some(p) = publisher {
        let bare = |s: &str| {
            s.to_lowercase()
                .trim_start_matches("the ")
                .replace(['.', ' '], "")
        };
        let bp = bare(p);
        if !bp.is_empty() && (bare(c) == bp || bp.starts_with(&bare(c))) {
            return false;
        }
        // "CNN Business", "Telegraph Sport": the outlet's desk, not a person.
        let low = |s: &str| s.to_lowercase().trim_start_matches("the ").to_string();
        let (lc, lp) = (low(c), low(p));
        let pw: Vec<&str> = lp.split_whitespace().collect();
        let cw: Vec<&str> = lc.split_whitespace().collect();
        if !pw.is_empty() && cw.len() > pw.len() && cw[..pw.len()] == pw[..] {
            return false;
        }
    }
    // Names are capitalised (particles like "van", "de", "al-" aside).
    let capitalised = words.iter().filter(|w| starts_upper(w)).count();
    capitalised * 2 > words.len() && starts_upper(words[0])
        || c.chars().any(|ch| {
            !ch.is_ascii() && ch.is_alphabetic() && !ch.is_uppercase() && !ch.is_lowercase()
        })
}

/// "LISA MASCARO" -> "Lisa Mascaro": bylines set in capitals are a type
/// style, not the name's spelling.
fn title_case_if_shouted(name: &str) -> String {
    let letters = || name.chars().filter(|c| c.is_alphabetic());
    if name.split_whitespace().count() < 2 || letters().any(|c| !c.is_uppercase()) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic() && c != '\'';
    }
    out
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// "By Ana Ruiz and Tom Berg | 3 minute read" -> ["Ana Ruiz", "Tom Berg"].
pub(super) fn split_byline(byline: &str, publisher: Option<&str>) -> Vec<String> {
    let mut b = byline.trim();
    for prefix in [
        "By ",
        "by ",
        "BY ",
        "Written by ",
        "written by ",
        "Words by ",
        "Reporting by ",
        "Author: ",
        "Authors: ",
        "Author ",
        "Edited by ",
        "edited by ",
    ] {
        if let Some(rest) = b.strip_prefix(prefix) {
            b = rest;
            break;
        }
    }
    // "Analysis by Chris Cillizza", "Opinion by ...": the byline follows "by".
    if let Some(at) = b.find(" by ").or_else(|| b.find(" By ")) {
        if b[..at].split_whitespace().count() <= 2 {
            b = &b[at + 4..];
        }
    }
    let mut out: Vec<String> = Vec::new();
    for part in b.split([',', '|', ';', '\u{b7}', '\u{2022}', '\n']) {
        for name in part.split(" and ").flat_map(|p| p.split(" & ")) {
            // "Ana Ruiz, Reuters" / "Ana Ruiz in Lagos": keep the name.
            let name = name.split(" in ").next().unwrap_or(name);
            let name = name
                .trim()
                .trim_end_matches(['.', ':', '-', '\u{2014}', '\u{2013}'])
                .trim();
            if is_name(name, publisher) {
                let name = title_case_if_shouted(name);
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
    }
    out
}

/// The capitalised words that follow `marker` in `line` ("edited by Pooja
/// Rajkumari" -> "Pooja Rajkumari").
fn name_after(line: &str, marker: &str) -> Option<String> {
    let lower = line.to_ascii_lowercase();
    let at = lower.find(marker)? + marker.len();
    let rest = line.get(at..)?;
    let mut words = Vec::new();
    for w in rest.split_whitespace() {
        let bare = w.trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        if !starts_upper(bare) && !matches!(bare, "de" | "van" | "von" | "da" | "bin" | "al") {
            break;
        }
        words.push(if bare.chars().count() == 1 { w } else { bare });
        let initial = bare.chars().count() == 1;
        if (bare.len() != w.len() && !initial) || words.len() == 4 {
            break;
        }
    }
    let name = words.join(" ");
    (!name.is_empty()).then_some(name)
}

/// How the lines start that the rules of [`from_lines`] read.
const LINE_PREFIXES: &[&str] = &[
    "by ",
    "written by",
    "words by",
    "reporting by",
    "author",
    "posted in",
    "filed under",
    "categor",
    "section:",
    "topics:",
    "original",
    "source:",
    "copyright",
    "\u{a9}",
];

/// What the text says about itself.
#[derive(Default, Debug)]
pub(super) struct TextMeta {
    pub authors: Vec<String>,
    pub labels: Vec<String>,
    /// The line each label was read from, parallel to `labels`.
    pub label_lines: Vec<usize>,
    pub publisher: Option<String>,
    pub original_source: Option<String>,
    /// The line where an author bio starts ("Name" then "Name is a ...").
    pub bio_line: Option<usize>,
    /// An outlet named in the footer ("© 2019 X", "brought to you by X").
    pub footer_publisher: Option<String>,
}

impl TextMeta {
    /// Adds a label read from line `i`, unless it is already there.
    fn label(&mut self, label: String, i: usize) {
        if !label.is_empty() && !self.labels.iter().any(|x| x.eq_ignore_ascii_case(&label)) {
            self.labels.push(label);
            self.label_lines.push(i);
        }
    }
}

/// A bare domain on a line of its own ("beyondmsn.com").
fn bare_domain(l: &str) -> bool {
    !l.contains(' ')
        && l.contains('.')
        && !l.ends_with('.')
        && l.len() <= 60
        && l.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
        && l.rsplit('.').next().is_some_and(|tld| {
            (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase())
        })
}

/// `l.split_whitespace().count()` when it is at most `max`, else `None`
/// (without counting the rest of a long paragraph).
fn words_up_to(l: &str, max: usize) -> Option<usize> {
    // ASCII bytes without a branch each; other characters decoded.
    let bytes = l.as_bytes();
    let mut n = 0;
    let mut inside = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let w = if b < 0x80 {
            i += 1;
            // `char::is_whitespace` on ASCII: tab, LF, VT, FF, CR, space.
            usize::from((b != b' ') & !(b'\t'..=b'\r').contains(&b))
        } else {
            let c = l[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            usize::from(!c.is_whitespace())
        };
        n += w & (inside ^ 1);
        inside = w;
    }
    (n <= max).then_some(n)
}

/// Whether `l` has " by " or " By " in it, and whether it may disclose AI
/// generation ("enerat", "AI" or "ai-"): one pass over the bytes.
fn markers(l: &str) -> (bool, bool) {
    // Each marker is checked around one of its rarer bytes: the y of " by ",
    // the I of "AI", the dash of "ai-", the r of "enerat".
    const TRIGGER: [bool; 256] = {
        let mut t = [false; 256];
        t[b'y' as usize] = true;
        t[b'I' as usize] = true;
        t[b'-' as usize] = true;
        t[b'r' as usize] = true;
        t
    };
    let b = l.as_bytes();
    let (mut by, mut ai) = (false, false);
    for (i, &c) in b.iter().enumerate() {
        if !TRIGGER[usize::from(c)] {
            continue;
        }
        let before = &b[..i];
        let after = &b[i + 1..];
        match c {
            b'y' => {
                by |=
                    (before.ends_with(b" b") || before.ends_with(b" B")) && after.starts_with(b" ")
            }
            b'I' => ai |= before.ends_with(b"A"),
            b'-' => ai |= before.ends_with(b"ai"),
            _ => ai |= before.ends_with(b"ene") && after.starts_with(b"at"),
        }
    }
    (by, ai)
}

/// Reads bylines, labels, a publisher and credits from the lines of `text`.
pub(super) fn from_lines(text: &str, lines: &[Span], publisher: Option<&str>) -> TextMeta {
    from_counted_lines(text, lines, None, publisher)
}

/// [`from_lines`] where `words`, when known, holds each line's
/// `split_whitespace().count()`.
pub(super) fn from_counted_lines(
    text: &str,
    lines: &[Span],
    words: Option<&[usize]>,
    publisher: Option<&str>,
) -> TextMeta {
    let mut m = TextMeta::default();
    let n = lines.len();
    for (i, span) in lines.iter().enumerate() {
        let l = span.slice(text).trim();
        // Credits, labels and bylines are short; paragraphs are skipped,
        // and so is every line that no rule below could match.
        let counted = match words.and_then(|w| w.get(i)) {
            Some(&n) => (n <= 60).then_some(n),
            None => words_up_to(l, 60),
        };
        let Some(words) = counted.filter(|_| !l.is_empty()) else {
            continue;
        };
        let (has_by, maybe_ai) = markers(l);
        let prefixed = || {
            LINE_PREFIXES.iter().any(|p| {
                l.as_bytes()
                    .get(..p.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
            })
        };
        if !(has_by || maybe_ai || words <= 4 || i < 6 || prefixed()) {
            continue;
        }
        let head = i < 15;
        // The lower-cased line, only for the rules that search in it.
        let lower = if has_by || maybe_ai || (head && words <= 3) {
            l.to_ascii_lowercase()
        } else {
            String::new()
        };
        let starts = |p: &str| starts_ci(l, p);
        // Publisher: a bare domain or "X's Post" near the top.
        if m.publisher.is_none() && i < 3 {
            if bare_domain(l) {
                m.publisher = Some(l.to_string());
            } else if let Some(who) = l
                .strip_suffix("\u{2019}s Post")
                .or_else(|| l.strip_suffix("'s Post"))
            {
                m.publisher = Some(who.trim().to_string());
            }
        }
        let publisher = publisher.or(m.publisher.as_deref());
        // Bylines.
        if words <= 12
            && (starts("by ")
                || starts("written by ")
                || starts("words by ")
                || starts("reporting by ")
                || starts("author: ")
                || starts("authors: "))
        {
            for a in split_byline(l, publisher) {
                push_unique(&mut m.authors, a);
            }
        }
        let credits = [
            "edited by ",
            "editing by ",
            "reporting by ",
            "written by ",
            "additional reporting by ",
        ];
        for marker in credits.into_iter().filter(|_| has_by) {
            if lower.contains(marker) && !starts(marker) {
                if let Some(a) = name_after(l, marker).filter(|a| is_name(a, publisher)) {
                    push_unique(&mut m.authors, a);
                }
            }
        }
        // An author bio: a name on its own line, then "Name is a ...".
        if (2..=4).contains(&words) && i + 1 < n && !l.ends_with('.') {
            let next = lines[i + 1].slice(text).trim();
            let bio = next
                .strip_prefix(l)
                .is_some_and(|rest| rest.starts_with(" is ") || rest.starts_with(" has "));
            if bio && is_name(l, publisher) {
                push_unique(&mut m.authors, l.to_string());
                m.bio_line = m.bio_line.or(Some(i));
            }
        }
        // Labels: tones on their own line near the top.
        if head && words <= 3 && TONES.contains(&lower.trim_end_matches(':')) {
            m.label(l.trim_end_matches(':').to_string(), i);
        }
        // AI-generation disclosures.
        for &marker in super::furniture::AI_MARKERS.iter().filter(|_| maybe_ai) {
            if let Some(at) = lower.find(marker) {
                let clause = &l[at..];
                let end = [" and ", ". ", ", ", "; "]
                    .iter()
                    .filter_map(|s| clause.find(s))
                    .min()
                    .unwrap_or(clause.len());
                let label = clause[..end].trim_end_matches(['.', ',', ';']).to_string();
                m.label(label, i);
                break;
            }
        }
        // Sections: "Posted In: Politics, Asia" and "Asia-Pacific, News October 7, 2024".
        for prefix in [
            "posted in:",
            "filed under:",
            "categories:",
            "category:",
            "section:",
            "topics:",
        ] {
            if starts(prefix) {
                for s in l[prefix.len()..].split([',', '|']) {
                    let s = s.trim();
                    if !s.is_empty() && s.split_whitespace().count() <= 4 {
                        m.label(s.to_string(), i);
                    }
                }
            }
        }
        if i < 6 && words <= 40 {
            if let Some(date) = crate::calendar::find_dates(l).first() {
                let before = l[..date.span.start()].trim();
                let parts: Vec<&str> = before.split(',').map(str::trim).collect();
                if !before.is_empty()
                    && parts.iter().all(|p| {
                        let w = p.split_whitespace().count();
                        (1..=3).contains(&w) && starts_upper(p)
                    })
                    && !parts.iter().any(|p| p.to_lowercase().starts_with("by "))
                {
                    for p in parts {
                        m.label(p.to_string(), i);
                    }
                }
            }
        }
        // The outlet in a copyright notice or a "brought to you by" credit.
        if m.footer_publisher.is_none() && words <= 15 {
            m.footer_publisher = footer_outlet(l, &lower, has_by);
        }
        // "Original Source:" credits.
        for prefix in ["original source:", "source:", "originally published"] {
            if starts(prefix) && m.original_source.is_none() {
                let rest = l[prefix.len()..]
                    .trim_start_matches([':', ' '])
                    .trim_start_matches("at ")
                    .trim_start_matches("by ")
                    .trim_start_matches("on ")
                    .trim();
                let rest = rest.trim_end_matches('.');
                if !rest.is_empty() && (prefix != "source:" || words <= 8) {
                    m.original_source = Some(rest.to_string());
                }
            }
        }
    }
    if m.publisher.is_none() {
        m.publisher = m.footer_publisher.take();
    }
    m
}

/// "© 2019 Vortex Cannon Entertainment. All rights reserved" -> "Vortex
/// Cannon Entertainment"; "Market News and Data brought to you by Benzinga
/// APIs" -> "Benzinga". `lower` is `l` lower-cased when `has_by`.
fn footer_outlet(l: &str, lower: &str, has_by: bool) -> Option<String> {
    let name = if starts_ci(l, "copyright") || l.starts_with('\u{a9}') || starts_ci(l, "(c)") {
        let rest = l
            .trim_start_matches(|c: char| c.is_alphabetic() || c == '\u{a9}' || c == ' ')
            .trim_start_matches("(c)")
            .trim_start_matches("(C)")
            .trim_start_matches(|c: char| c.is_ascii_digit() || " -\u{2013}\u{a9},".contains(c));
        let end = [". ", ",", " |", " all rights", " All rights", " All Rights"]
            .iter()
            .filter_map(|s| rest.find(s))
            .min()
            .unwrap_or(rest.len());
        rest[..end].trim().trim_end_matches('.').to_string()
    } else if has_by && lower.contains("brought to you by ") {
        let mut name = name_after(l, "brought to you by ")?;
        for generic in [" APIs", " API", " Inc", " LLC", " Ltd", " Corp"] {
            if let Some(bare) = name.strip_suffix(generic) {
                name = bare.to_string();
            }
        }
        name
    } else {
        return None;
    };
    let words = name.split_whitespace().count();
    ((1..=5).contains(&words) && starts_upper(&name)).then_some(name)
}

/// `l.to_ascii_lowercase().starts_with(p)` for a lower-case `p`, without
/// the copy.
fn starts_ci(l: &str, p: &str) -> bool {
    l.as_bytes()
        .get(..p.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
}

fn push_unique(list: &mut Vec<String>, item: String) {
    if !item.is_empty() && !list.iter().any(|x| x.eq_ignore_ascii_case(&item)) {
        list.push(item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        for piece in text.split_inclusive('\n') {
            let body = piece.trim_end_matches('\n');
            out.push(Span::new(start, start + body.len()));
            start += piece.len();
        }
        out
    }

    #[test]
    fn names_are_not_dates_sites_or_reading_times() {
        assert!(is_name("Ana Ruiz", None));
        assert!(!is_name("3 minute read", None));
        assert!(!is_name("October 7, 2024", None));
        assert!(!is_name("Sep 10", None));
        assert!(!is_name("Harbor Times", Some("The Harbor Times")));
        assert!(!is_name("Updated", None));
        assert!(!is_name("www.ksat.com", None));
    }

    #[test]
    fn bylines_and_credits() {
        assert_eq!(
            split_byline("By Ana Ruiz and Tom Berg | 3 minute read", None),
            ["Ana Ruiz", "Tom Berg"]
        );
        let text = "Headline here\nThis story was generated using Benzinga Neuro and edited by Pooja Rajkumari\nMarcus Collins\nMarcus Collins is a prominent investigative journalist.\n";
        let m = from_lines(text, &spans(text), None);
        assert_eq!(m.authors, ["Pooja Rajkumari", "Marcus Collins"]);
        assert_eq!(m.labels, ["generated using Benzinga Neuro"]);
    }

    #[test]
    fn labels_and_publisher() {
        let text = "beyondmsn.com\nSep 10, 2024\nProvocative\nAsia-Pacific, News October 7, 2024 No Comments\nPosted In: Politics, Asia\nOriginal Source: www.ksat.com\n";
        let m = from_lines(text, &spans(text), None);
        assert_eq!(m.publisher.as_deref(), Some("beyondmsn.com"));
        assert_eq!(
            m.labels,
            ["Provocative", "Asia-Pacific", "News", "Politics", "Asia"]
        );
        assert_eq!(m.original_source.as_deref(), Some("www.ksat.com"));
    }

    #[test]
    fn fast_scans_match_the_plain_definitions() {
        for &l in super::super::lines::tests::SAMPLES {
            let n = l.split_whitespace().count();
            assert_eq!(words_up_to(l, 60), Some(n), "{l:?}");
            assert_eq!(words_up_to(l, 1), (n <= 1).then_some(n), "{l:?}");
            let by = l.contains(" by ") || l.contains(" By ");
            let ai = l.contains("enerat") || l.contains("AI") || l.contains("ai-");
            assert_eq!(markers(l), (by, ai), "{l:?}");
        }
    }
}
