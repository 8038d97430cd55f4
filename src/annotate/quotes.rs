//! Direct quotations and who said them: a first pass over quotation
//! marks, with the speaker taken from a reporting verb in the sentence.

use super::entities::Mention;
use super::Label;
use crate::span::Span;

/// A quotation: the words inside the marks, the speaker's mention and
/// the outlet credited ("according to KCNA"). Spans are bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub span: Span,
    /// The mention naming who said them.
    pub speaker: Option<Span>,
    /// The mention naming the outlet or agency credited.
    pub via: Option<Span>,
}

const VERBS: &[&str] = &[
    "said",
    "says",
    "saying",
    "wrote",
    "writes",
    "writing",
    "told",
    "tells",
    "added",
    "adds",
    "adding",
    "stated",
    "states",
    "stating",
    "declared",
    "declares",
    "noted",
    "notes",
    "noting",
    "stressed",
    "stresses",
    "stressing",
    "emphasized",
    "emphasised",
    "emphasizing",
    "emphasising",
    "affirmed",
    "affirms",
    "affirming",
    "urged",
    "urges",
    "urging",
    "warned",
    "warns",
    "warning",
    "vowed",
    "vows",
    "vowing",
    "insisted",
    "insists",
    "insisting",
    "explained",
    "explains",
    "explaining",
    "asked",
    "asks",
    "asserted",
    "asserts",
    "asserting",
    "reiterated",
    "reiterates",
    "reiterating",
    "underscored",
    "underscores",
    "underscoring",
    "acknowledged",
    "acknowledges",
    "acknowledging",
    "highlighted",
    "highlighting",
    "described",
    "describes",
    "describing",
    "called",
    "calls",
    "calling",
    "pledged",
    "pledges",
    "pledging",
    "announced",
    "announces",
    "announcing",
    "argued",
    "argues",
    "arguing",
    "claimed",
    "claims",
    "claiming",
    "confirmed",
    "confirms",
    "confirming",
    "replied",
    "replies",
    "responded",
    "responds",
    "recalled",
    "recalls",
    "remarked",
    "observed",
    "expressed",
    "expresses",
    "expressing",
    "praised",
    "praises",
    "praising",
    "tweeted",
    "posted",
    "communicated",
    "conveyed",
    "hailed",
];

/// Which kind of mark opened a quotation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Double,
    Single,
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Quoted spans (inside the marks): "…", “…”, and ‘…’ or '…' where the
/// marks cannot be apostrophes. A quotation left open at a paragraph end
/// continues when the next paragraph reopens it (the news convention for
/// a quote running over paragraphs); otherwise it is dropped.
fn quoted(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Mark)> = None;
    let mut chars = text.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let after = at + c.len_utf8();
        match (open, c) {
            (None, '"' | '\u{201c}') => open = Some((after, Mark::Double)),
            (None, '\u{2018}' | '\'') if !is_word_char(prev) && is_word_char(next) => {
                open = Some((after, Mark::Single))
            }
            (Some((start, Mark::Double)), '"' | '\u{201d}') => {
                push_inner(text, start, at, &mut out);
                open = None;
            }
            // not an apostrophe: no letter follows, and not a plural possessive ("workers' pay")
            (Some((start, Mark::Single)), '\u{2019}' | '\'')
                if !(is_word_char(next) || (prev == Some('s') && next == Some(' '))) =>
            {
                push_inner(text, start, at, &mut out);
                open = None;
            }
            (Some((start, mark)), '\n') => {
                let rest = text[after..].trim_start();
                let reopened = match mark {
                    Mark::Double => rest.starts_with(['"', '\u{201c}']),
                    Mark::Single => rest.starts_with(['\'', '\u{2018}']),
                };
                if reopened {
                    push_inner(text, start, at, &mut out);
                    // the reopening mark starts the continuation
                    let skip = text[after..].len() - rest.len();
                    let mark_len = rest.chars().next().map_or(1, char::len_utf8);
                    open = Some((after + skip + mark_len, mark));
                    while chars
                        .peek()
                        .is_some_and(|&(i, _)| i < after + skip + mark_len)
                    {
                        chars.next();
                    }
                    prev = None;
                    continue;
                }
                open = None;
            }
            _ => {}
        }
        prev = Some(c);
    }
    out
}

fn push_inner(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let inner = &text[start..end];
    let trimmed = inner.trim();
    if !trimmed.is_empty() {
        let lead = inner.len() - inner.trim_start().len();
        out.push(Span::new(start + lead, start + lead + trimmed.len()));
    }
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Lower-case words of `text`, for cue matching.
fn lower_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

const PERSON_PRONOUNS: &[&str] = &["he", "she"];
const THING_PRONOUNS: &[&str] = &["it", "they"];
/// Nouns that, after "the", name an organization met before ("the ministry said").
const ORG_NOUNS: &[&str] = &[
    "ministry",
    "agency",
    "government",
    "company",
    "party",
    "office",
    "department",
    "council",
    "committee",
    "union",
    "firm",
    "group",
    "court",
    "embassy",
    "military",
    "army",
    "police",
    "commission",
    "bank",
    "authority",
    "statement",
];
/// Bytes on either side of a quote searched for its attribution, however
/// long its sentence (about 300 words): bounds the work per quote.
const ATTRIBUTION_WINDOW: usize = 2000;
/// Mentions of a kind looked back over for the one "the ministry" stands for.
const STAND_IN_REACH: usize = 200;
/// Cues that credit an outlet rather than name a speaker.
/// Pronouns that stand for the last named speaker of their kind.
const VIA_CUES: &[&str] = &[
    "according to",
    "reported by",
    "told",
    "quoted by",
    "cited by",
    "in a statement to",
];

/// The mention nearest to `at` among `candidates` (PER first).
fn nearest(candidates: &[&Mention], at: usize) -> Option<Span> {
    candidates
        .iter()
        .min_by_key(|m| {
            let distance = if m.span.end() <= at {
                at - m.span.end()
            } else {
                m.span.start() - at
            };
            (u8::from(m.label != Label::Per), distance)
        })
        .map(|m| m.span)
}

/// The outlet credited: an ORG right after a cue in the attribution.
fn credited(text: &str, context: Span, mentions: &[&Mention]) -> Option<Span> {
    mentions
        .iter()
        .filter(|m| m.label == Label::Org && context.contains(m.span))
        .find(|m| {
            // "according to (the) (state-run | China's state-owned news agency,) X"
            let before = text[context.start()..m.span.start()].to_lowercase();
            VIA_CUES.iter().any(|cue| {
                before.rfind(cue).is_some_and(|at| {
                    let between = &before[at + cue.len()..];
                    between.split_whitespace().count() <= 5
                        && !between.contains(['.', ';', '"', '\u{201c}'])
                })
            })
        })
        .map(|m| m.span)
}

/// Finds quotations and their speakers. Quotes of one or two words are
/// scare quotes or titles: kept, with no speaker.
pub(crate) fn find_quotes(text: &str, sentences: &[Span], mentions: &[Mention]) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    // Every look-up below is a bisection or stays within a window of the
    // quote, so a long document with many quotes costs linear time.
    let breaks: Vec<usize> = text.match_indices('\n').map(|(at, _)| at).collect();
    let first_break_from = |at: usize| breaks.get(breaks.partition_point(|&b| b < at)).copied();
    let people: Vec<usize> = (0..mentions.len())
        .filter(|&i| mentions[i].label == Label::Per)
        .collect();
    let orgs: Vec<usize> = (0..mentions.len())
        .filter(|&i| mentions[i].label == Label::Org)
        .collect();
    for span in quoted(text) {
        if words(span.slice(text)) < 3 {
            out.push(Quote {
                span,
                speaker: None,
                via: None,
            });
            continue;
        }
        // The attribution lives in the sentence(s) around the quote, outside the marks.
        // sentences are in order and never overlap
        let first = Some(sentences.partition_point(|s| s.end() <= span.start()))
            .filter(|&i| i < sentences.len());
        let last = sentences
            .partition_point(|s| s.start() < span.end())
            .checked_sub(1);
        let sentence_start = first.map_or(span.start(), |i| sentences[i].start().min(span.start()));
        let mut sentence_end = last.map_or(span.end(), |i| sentences[i].end().max(span.end()));
        // "…," she said. — the attribution may sit in the next short sentence.
        if let Some(i) = last {
            if sentences[i].end() <= span.end() + 2 {
                if let Some(next) = sentences.get(i + 1) {
                    if words(next.slice(text)) <= 8
                        && !text[span.end()..next.start()].contains('\n')
                    {
                        sentence_end = next.end();
                    }
                }
            }
        }
        let line_end = first_break_from(span.end()).unwrap_or(text.len());
        // step over the quotation marks themselves (multi-byte characters)
        let open_mark = text[..span.start()].trim_end();
        let open_at = open_mark.len() - open_mark.chars().next_back().map_or(0, char::len_utf8);
        let rest = &text[span.end()..];
        let gap = rest.len() - rest.trim_start().len();
        let close_end =
            span.end() + gap + rest.trim_start().chars().next().map_or(0, char::len_utf8);
        // the attribution is near the marks, even in a sentence that never ends
        let mut window_start = open_at.saturating_sub(ATTRIBUTION_WINDOW);
        while !text.is_char_boundary(window_start) {
            window_start += 1;
        }
        let mut window_end = (close_end + ATTRIBUTION_WINDOW).min(text.len());
        while !text.is_char_boundary(window_end) {
            window_end -= 1;
        }
        let stop = sentence_end.min(line_end).min(window_end).max(close_end);
        let before = Span::new(sentence_start.max(window_start).min(open_at), open_at);
        let after = Span::new(close_end, stop);
        // mentions are in order: those inside `before` or `after` are one run
        let m0 = mentions.partition_point(|m| m.span.start() < before.start());
        let m1 = mentions.partition_point(|m| m.span.start() <= before.end().max(after.end()));
        let outside: Vec<&Mention> = mentions[m0..m1.max(m0)]
            .iter()
            .filter(|m| before.contains(m.span) || after.contains(m.span))
            .collect();
        let cues_after = lower_words(after.slice(text));
        let cues_before = lower_words(before.slice(text));
        let verb_after = cues_after
            .iter()
            .take(8)
            .any(|w| VERBS.contains(&w.as_str()));
        // the reporting verb may stand anywhere before the quote in its sentence
        let verb_before = cues_before.iter().any(|w| VERBS.contains(&w.as_str()));
        let via = credited(text, after, &outside).or_else(|| credited(text, before, &outside));
        let named: Vec<&Mention> = outside
            .iter()
            .copied()
            .filter(|m| matches!(m.label, Label::Per | Label::Org) && Some(m.span) != via)
            .collect();
        // "he said" / "it said" / "the ministry said": the last fitting name before the quote
        let stand_in = |cues: &[String]| -> Option<Span> {
            let window: Vec<&str> = cues.iter().take(4).map(String::as_str).collect();
            // the latest fitting mention before the quote; one named by a
            // noun ("the ministry") among the last `STAND_IN_REACH` of its kind
            let last_of = |label: Label, noun: Option<&str>| {
                let of_label = if label == Label::Per { &people } else { &orgs };
                let before_quote =
                    of_label.partition_point(|&i| mentions[i].span.end() <= span.start());
                of_label[..before_quote]
                    .iter()
                    .rev()
                    .take(STAND_IN_REACH)
                    .map(|&i| &mentions[i])
                    .find(|m| noun.is_none_or(|n| m.span.slice(text).to_lowercase().contains(n)))
                    .map(|m| m.span)
            };
            if window.iter().any(|w| PERSON_PRONOUNS.contains(w)) {
                return last_of(Label::Per, None);
            }
            if let Some(noun) = window.iter().find(|w| ORG_NOUNS.contains(w)) {
                return last_of(Label::Org, Some(noun));
            }
            if window.iter().any(|w| THING_PRONOUNS.contains(w)) {
                // "it said": an organization named earlier in the same paragraph
                return last_of(Label::Org, None)
                    .filter(|s| first_break_from(s.start()).is_none_or(|b| b >= span.start()));
            }
            None
        };
        let speaker = if verb_after {
            let after_named: Vec<&Mention> = named
                .iter()
                .copied()
                .filter(|m| after.contains(m.span))
                .collect();
            nearest(&after_named, after.start())
                .or_else(|| stand_in(&cues_after))
                .or_else(|| nearest(&named, span.start()))
        } else if verb_before {
            let before_named: Vec<&Mention> = named
                .iter()
                .copied()
                .filter(|m| before.contains(m.span))
                .collect();
            nearest(&before_named, before.end()).or_else(|| {
                let skip = cues_before.len().saturating_sub(4);
                stand_in(&cues_before[skip..])
            })
        } else if via.is_some() {
            // "X praised the deal as “…,” according to KCNA": the sentence's subject speaks.
            named
                .iter()
                .find(|m| before.contains(m.span) && m.label == Label::Per)
                .map(|m| m.span)
        } else {
            None
        };
        // A quote that opens its own sentence, with no attribution of its own,
        // right after an attributed one in the same paragraph, continues it
        // ("…," he said. "…").
        let opens_sentence = text[before.start()..before.end()].trim().is_empty();
        let (speaker, via) = match (speaker, out.last()) {
            (None, Some(prev))
                if opens_sentence
                    && prev.speaker.is_some()
                    && !text[prev.span.end()..span.start()].contains('\n') =>
            {
                (prev.speaker, via.or(prev.via))
            }
            (speaker, _) => (speaker, via),
        };
        out.push(Quote { span, speaker, via });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str, name: &str, label: Label) -> Mention {
        let start = text.find(name).expect("name in text");
        Mention {
            span: Span::new(start, start + name.len()),
            label,
        }
    }

    #[test]
    fn speaker_and_outlet() {
        let text = "\u{201c}China and the DPRK are linked by the same mountains,\u{201d} Xi wrote, according to KCNA.";
        let mentions = [
            m(text, "DPRK", Label::Loc),
            m(text, "Xi", Label::Per),
            m(text, "KCNA", Label::Org),
        ];
        let sentences = [Span::new(0, text.len())];
        let quotes = find_quotes(text, &sentences, &mentions);
        assert_eq!(quotes.len(), 1);
        let q = quotes[0];
        assert_eq!(
            q.span.slice(text),
            "China and the DPRK are linked by the same mountains,"
        );
        assert_eq!(q.speaker.map(|s| s.slice(text)), Some("Xi"));
        assert_eq!(q.via.map(|s| s.slice(text)), Some("KCNA"));
    }

    #[test]
    fn scare_quotes_have_no_speaker() {
        let text = "Ines Harlow said the so-called \"changed narrative\" of peace is gone.";
        let mentions = [m(text, "Ines Harlow", Label::Per)];
        let quotes = find_quotes(text, &[Span::new(0, text.len())], &mentions);
        assert_eq!(quotes.len(), 1);
        assert_eq!(
            (quotes[0].span.slice(text), quotes[0].speaker),
            ("changed narrative", None)
        );
    }

    fn attributed<'t>(
        text: &'t str,
        mentions: &[Mention],
    ) -> Vec<(&'t str, Option<&'t str>, Option<&'t str>)> {
        let sentences = crate::text::split_sentences(text);
        find_quotes(text, &sentences, mentions)
            .into_iter()
            .map(|q| {
                (
                    q.span.slice(text),
                    q.speaker.map(|s| s.slice(text)),
                    q.via.map(|s| s.slice(text)),
                )
            })
            .collect()
    }

    #[test]
    fn attribution_patterns() {
        let t1 = "Port director Oluwaseun Ad\u{e9}b\u{e1}y\u{1ecd}\u{300} spoke first. \u{201c}Every crane we have will run tonight,\u{201d} he said. \u{201c}The backlog clears by Sunday.\u{201d}";
        let m1 = [m(
            t1,
            "Oluwaseun Ad\u{e9}b\u{e1}y\u{1ecd}\u{300}",
            Label::Per,
        )];
        assert_eq!(
            attributed(t1, &m1),
            [
                (
                    "Every crane we have will run tonight,",
                    Some("Oluwaseun Ad\u{e9}b\u{e1}y\u{1ecd}\u{300}"),
                    None
                ),
                (
                    "The backlog clears by Sunday.",
                    Some("Oluwaseun Ad\u{e9}b\u{e1}y\u{1ecd}\u{300}"),
                    None
                ),
            ]
        );
        let t2 = "Lucia Ferrao told Castellan News Agency: \"We will not sign this contract.\"";
        let m2 = [
            m(t2, "Lucia Ferrao", Label::Per),
            m(t2, "Castellan News Agency", Label::Org),
        ];
        assert_eq!(
            attributed(t2, &m2),
            [(
                "We will not sign this contract.",
                Some("Lucia Ferrao"),
                Some("Castellan News Agency")
            )]
        );
        let t3 = "Mara Quist called the plan \u{201c}a step toward lasting calm at sea,\u{201d} according to the Harbor Gazette.";
        let m3 = [
            m(t3, "Mara Quist", Label::Per),
            m(t3, "Harbor Gazette", Label::Org),
        ];
        assert_eq!(
            attributed(t3, &m3),
            [(
                "a step toward lasting calm at sea,",
                Some("Mara Quist"),
                Some("Harbor Gazette")
            )]
        );
    }

    #[test]
    fn a_quote_continues_into_the_next_paragraph() {
        let text = "\u{201c}We got what we came for,\u{201d} said Ines Harlow. \u{201c}The first part runs on.\n\u{201c}And it ends here,\u{201d} she added.";
        let mentions = [m(text, "Ines Harlow", Label::Per)];
        let got = attributed(text, &mentions);
        let spans: Vec<&str> = got.iter().map(|g| g.0).collect();
        assert_eq!(
            spans,
            [
                "We got what we came for,",
                "The first part runs on.",
                "And it ends here,"
            ]
        );
        assert!(got.iter().all(|g| g.1 == Some("Ines Harlow")), "{got:?}");
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let text = "The workers' union said Korea's 'long march' isn't over, and 'we will keep going' now.";
        let spans: Vec<&str> = quoted(text).iter().map(|s| s.slice(text)).collect();
        assert_eq!(spans, ["long march", "we will keep going"]);
    }

    #[test]
    fn never_panics_on_odd_marks() {
        let alphabet = [
            '"',
            '\u{201c}',
            '\u{201d}',
            '\u{2018}',
            '\u{2019}',
            '\'',
            ' ',
            'a',
            's',
            '\u{e9}',
            '\u{1f600}',
            '\n',
            '.',
            ',',
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..5000 {
            let mut text = String::new();
            for _ in 0..(seed % 24) {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                text.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            let sentences = crate::text::split_sentences(&text);
            let all = [Mention {
                span: Span::new(0, text.len()),
                label: Label::Per,
            }];
            for q in find_quotes(&text, &sentences, &all[..usize::from(!text.is_empty())]) {
                assert!(
                    q.span.end() <= text.len()
                        && text.is_char_boundary(q.span.start())
                        && text.is_char_boundary(q.span.end())
                );
            }
        }
    }
}
