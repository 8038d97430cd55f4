//! Name mentions: the [`Tagger`] seam and the first, rule-based tagger.
//!
//! Callers depend only on [`Tagger`], so the trained model (`ner`) can
//! take over without touching them.

use super::gazetteer::Gazetteer;
use super::Label;
use crate::span::Span;
use crate::text::{Token, TokenKind};

/// A name in the text and its type. The span is in bytes and never
/// includes a possessive `'s`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Byte span of the name.
    pub span: Span,
    /// PER, ORG, LOC or MISC.
    pub label: Label,
}

/// Anything that finds name mentions in one document.
pub trait Tagger {
    /// Mentions in `text`, in order, never overlapping. `tokens` and
    /// `sentences` are that text's tokens and sentences.
    fn tag(&self, text: &str, tokens: &[Token], sentences: &[Span]) -> Vec<Mention>;
}

/// Capitalized words that start sentences without being names.
const FUNCTION_WORDS: &[&str] = &[
    "A",
    "An",
    "The",
    "This",
    "That",
    "These",
    "Those",
    "In",
    "On",
    "At",
    "For",
    "From",
    "By",
    "With",
    "As",
    "But",
    "And",
    "Or",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Despite",
    "Since",
    "Although",
    "Though",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Your",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "Both",
    "Each",
    "Some",
    "Many",
    "Most",
    "All",
    "No",
    "Not",
    "Yet",
    "So",
    "Also",
    "However",
    "Meanwhile",
    "Notably",
    "Still",
    "Post",
    "There",
    "Here",
    "Then",
    "Now",
    "Today",
    "Read",
    "See",
    "Share",
    "More",
    "Highlights",
    "Story",
    "Leaders",
    "Analysts",
    "Experts",
    "Over",
    "Under",
    "During",
    "Following",
    "According",
    "Later",
    "Earlier",
    "Last",
    "Next",
    "Why",
    "Instead",
    "Even",
    "Talk",
    "Very",
    "Whilst",
    "Such",
    "Other",
    "Another",
    "Any",
    "Every",
    "To",
    "Of",
    "Be",
    "Is",
    "Was",
    "Are",
    "Were",
    "Has",
    "Have",
    "Had",
    "Will",
    "Would",
    "Can",
    "Could",
    "May",
    "Might",
    "Should",
    "Must",
    "Do",
    "Does",
    "Did",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
];

/// Words that, closing a name, make it an organization.
const ORG_HEADS: &[&str] = &[
    "Agency",
    "Party",
    "Union",
    "Ministry",
    "Council",
    "Committee",
    "University",
    "Association",
    "News",
    "Post",
    "Times",
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Company",
    "Group",
    "Bank",
    "Court",
    "Army",
    "Navy",
    "Government",
    "Organization",
    "Organisation",
    "Institute",
    "Press",
    "Journal",
    "Herald",
    "Tribune",
    "Network",
    "Federation",
    "Commission",
    "Department",
    "Office",
    "Foundation",
    "Authority",
    "Ltd",
    "Ltd.",
    "LLC",
    "Bureau",
    "Service",
    "Forces",
    "International",
    "Club",
    "Society",
    "Center",
    "Centre",
    "Assembly",
    "Parliament",
    "Congress",
];

/// Words before a name that make it a person.
const PERSON_CUES: &[&str] = &[
    "President",
    "president",
    "leader",
    "Leader",
    "Minister",
    "minister",
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Dr",
    "Dr.",
    "Chairman",
    "chairman",
    "Premier",
    "premier",
    "King",
    "Queen",
    "Prince",
    "Pope",
    "Secretary",
    "secretary",
    "General",
    "Senator",
    "Governor",
    "Rep.",
    "Sen.",
    "Gov.",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "CEO",
    "director",
    "Director",
    "Professor",
    "Prof.",
    "analyst",
    "envoy",
    "ambassador",
    "Ambassador",
];

/// Joining words allowed inside a name ("Republic of Korea").
const CONNECTORS: &[&str] = &[
    "of", "de", "la", "del", "van", "von", "da", "al", "bin", "the", "and", "for",
];

/// The first tagger: capitalized runs, typed by the gazetteer, by cue
/// words around them and by names already seen in the document.
#[derive(Default)]
pub struct RuleTagger;

fn capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word.chars().all(|c| !c.is_lowercase())
}

impl Tagger for RuleTagger {
    fn tag(&self, text: &str, tokens: &[Token], sentences: &[Span]) -> Vec<Mention> {
        let gaz = Gazetteer::embedded();
        let word = |i: usize| tokens[i].span.slice(text);
        let mut sentence_starts = std::collections::HashSet::new();
        let mut s = 0;
        for (i, t) in tokens.iter().enumerate() {
            while s < sentences.len() && sentences[s].end <= t.span.start {
                s += 1;
            }
            if s < sentences.len() && sentences[s].start == t.span.start {
                sentence_starts.insert(i);
            }
        }
        // Words the document also writes in lower case are ordinary words
        // when capitalized at a sentence start ("Officials said ...").
        let lower: std::collections::HashSet<&str> = tokens
            .iter()
            .map(|t| t.span.slice(text))
            .filter(|w| w.starts_with(char::is_lowercase))
            .collect();
        // 1. candidate runs of capitalized words
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let w = word(i);
            let is_name_word = tokens[i].kind == TokenKind::Word
                && capitalized(w)
                && !PERSON_CUES.contains(&w)
                && (!FUNCTION_WORDS.contains(&w) || all_caps(w));
            let ordinary =
                sentence_starts.contains(&i) && lower.contains(w.to_lowercase().as_str());
            if !is_name_word || ordinary {
                i += 1;
                continue;
            }
            let mut end = i + 1;
            loop {
                if end < tokens.len()
                    && tokens[end].kind == TokenKind::Word
                    && capitalized(word(end))
                    && !FUNCTION_WORDS.contains(&word(end))
                    && !PERSON_CUES.contains(&word(end))
                    && same_line(text, tokens[end - 1].span, tokens[end].span)
                {
                    end += 1;
                } else if end + 1 < tokens.len()
                    && (CONNECTORS.contains(&word(end))
                        || (word(end) == "'s" && word(end - 1) == "People"))
                    && capitalized(word(end + 1))
                    && gaz_prefix(gaz, text, tokens, i, end + 2)
                {
                    end += 2;
                } else if end + 1 < tokens.len()
                    && word(end) == "-"
                    && tokens[end - 1].span.end == tokens[end].span.start
                    && tokens[end].span.end == tokens[end + 1].span.start
                    && capitalized(word(end + 1))
                    && gaz.get(word(end + 1)).is_none()
                    && gaz
                        .get(Span::new(tokens[i].span.start, tokens[end - 1].span.end).slice(text))
                        .is_none()
                {
                    // "Ångström-Lind" is one name; "China-North Korea" is two
                    end += 2;
                } else {
                    break;
                }
            }
            // a known name at the front ("Chinese", "North Korean") stands alone
            let mut from = i;
            if gaz
                .get(Span::new(tokens[i].span.start, tokens[end - 1].span.end).slice(text))
                .is_none()
            {
                if let Some(cut) = (i + 1..end).rev().find(|&e| {
                    gaz.get(Span::new(tokens[i].span.start, tokens[e - 1].span.end).slice(text))
                        .is_some()
                }) {
                    runs.push((i, cut));
                    from = cut;
                }
            }
            runs.push((from, end));
            i = end;
        }
        // 2. type each run
        let mut mentions: Vec<Mention> = Vec::new();
        let mut persons: Vec<String> = Vec::new();
        for (start, end) in runs {
            let span = Span::new(tokens[start].span.start, tokens[end - 1].span.end);
            let name = span.slice(text);
            let first = word(start);
            let before = start.checked_sub(1).map(word).unwrap_or("");
            let last = word(end - 1);
            let line = line_of(text, span);
            let label = if let Some(k) = gaz.get(name) {
                Some(k.label)
            } else if headline_like(line) || line.trim() == name {
                // Title Case headlines and one-word menu lines capitalize everything.
                None
            } else if end - start == 1 && LOCATIVES.contains(&before) {
                Some(Label::Loc)
            } else if ORG_HEADS.contains(&last) {
                Some(Label::Org)
            } else if PERSON_CUES.contains(&before)
                || persons
                    .iter()
                    .any(|p| p.split(' ').any(|part| part == name))
            {
                Some(Label::Per)
            } else if all_caps(name) && end - start == 1 {
                Some(Label::Org)
            } else if end - start >= 2 && end - start <= 4 {
                Some(Label::Per)
            } else if sentence_starts.contains(&start) || FUNCTION_WORDS.contains(&first) {
                None
            } else {
                Some(Label::Misc)
            };
            if let Some(label) = label {
                if label == Label::Per {
                    persons.push(name.to_string());
                }
                mentions.push(Mention { span, label });
            }
        }
        mentions
    }
}

/// Prepositions that put a single unknown name in a place ("in Velmora").
const LOCATIVES: &[&str] = &["in", "at", "from", "near", "across", "outside", "around"];

/// The line of `text` around `span`.
fn line_of(text: &str, span: Span) -> &str {
    let start = text[..span.start].rfind('\n').map_or(0, |p| p + 1);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |p| span.end + p);
    &text[start..end]
}

/// A line of four or more words, most of them capitalized: a headline or
/// a menu, where capitals say nothing about names.
fn headline_like(line: &str) -> bool {
    let words: Vec<&str> = line
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let caps = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    words.len() >= 4 && caps * 10 >= words.len() * 7
}

/// Names never run across a line break (headlines, bylines and posts sit on their own lines).
fn same_line(text: &str, a: Span, b: Span) -> bool {
    !text[a.end..b.start].contains('\n')
}

/// A connector is only allowed inside a name the gazetteer knows, or one
/// ending in an organization head ("Workers' Party of Korea").
fn gaz_prefix(gaz: &Gazetteer, text: &str, tokens: &[Token], start: usize, end: usize) -> bool {
    if end > tokens.len() {
        return false;
    }
    let mut stop = end;
    while stop < tokens.len()
        && capitalized(tokens[stop].span.slice(text))
        && stop - start < gaz.longest()
    {
        stop += 1;
    }
    (end..=stop).any(|e| {
        let name = Span::new(tokens[start].span.start, tokens[e - 1].span.end).slice(text);
        gaz.get(name).is_some() || ORG_HEADS.iter().any(|h| name.ends_with(h))
    }) || ORG_HEADS.contains(&tokens[start..end].last().map_or("", |t| t.span.slice(text)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{split_sentences, tokenize};

    fn tag(text: &str) -> Vec<(&str, &str)> {
        let tokens = tokenize(text);
        let sentences = split_sentences(text);
        RuleTagger
            .tag(text, &tokens, &sentences)
            .into_iter()
            .map(|m| (m.span.slice(text), m.label.as_str()))
            .collect()
    }

    #[test]
    fn names_in_a_wire_sentence() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "Chinese President Xi Jinping wrote to Kim Jong Un, according to the Korean Central News Agency.",
                &[("Chinese", "MISC"), ("Xi Jinping", "PER"), ("Kim Jong Un", "PER"), ("Korean Central News Agency", "ORG")],
            ),
            (
                "Ties between China-North Korea frayed. Xi wrote to Pyongyang's leaders.",
                &[("China", "LOC"), ("North Korea", "LOC"), ("Pyongyang", "LOC")],
            ),
            (
                "Xi Jinping spoke. Later Xi said the DPRK and KCNA agreed.",
                &[("Xi Jinping", "PER"), ("Xi", "PER"), ("DPRK", "LOC"), ("KCNA", "ORG")],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(tag(text), want.to_vec(), "case {text:?}");
        }
    }
}
