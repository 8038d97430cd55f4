//! Direct quotations and who said them: a first pass over quotation
//! marks, with the speaker taken from a reporting verb in the sentence.

use super::entities::Mention;
use super::Label;
use crate::span::Span;

/// A quotation: the words inside the marks, the speaker's mention and
/// the outlet credited ("according to KCNA"). Spans are bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    "wrote",
    "writes",
    "told",
    "added",
    "stated",
    "declared",
    "noted",
    "stressed",
    "emphasized",
    "affirmed",
    "urged",
    "warned",
    "vowed",
    "insisted",
    "explained",
    "asked",
];

/// Quoted spans: "…", “…”, and ‘…’ only when long enough to be speech.
fn quoted(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (at, c) in text.char_indices() {
        match (open, c) {
            (None, '"' | '\u{201c}') => open = Some((at + c.len_utf8(), c)),
            (Some((start, o)), '"' | '\u{201d}')
                if o == '"' || c == '\u{201d}' || o == '\u{201c}' =>
            {
                let inner = text[start..at].trim();
                if !inner.is_empty() {
                    let lead = text[start..at].len() - text[start..at].trim_start().len();
                    out.push(Span::new(start + lead, start + lead + inner.len()));
                }
                open = None;
            }
            (Some(_), '\n') => open = None,
            _ => {}
        }
    }
    out
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Finds quotations; a quote of fewer than three words is a scare quote or a title, not speech.
pub(crate) fn find_quotes(text: &str, sentences: &[Span], mentions: &[Mention]) -> Vec<Quote> {
    let mut out = Vec::new();
    for span in quoted(text) {
        if words(span.slice(text)) < 3 {
            continue;
        }
        let sentence = sentences
            .iter()
            .find(|s| s.start <= span.start && span.start < s.end.max(s.start + 1))
            .copied()
            .unwrap_or(span);
        let around = Span::new(sentence.start.min(span.start), sentence.end.max(span.end));
        let outside = |m: &&Mention| around.contains(m.span) && !span.contains(m.span);
        let nearby: Vec<&Mention> = mentions.iter().filter(outside).collect();
        let lower = text[around.start..around.end].to_lowercase();
        let has_verb = VERBS
            .iter()
            .any(|v| lower.split(|c: char| !c.is_alphanumeric()).any(|w| w == *v));
        let via = nearby
            .iter()
            .find(|m| {
                m.label == Label::Org && {
                    let before = &text[around.start..m.span.start];
                    let tail: String = before
                        .chars()
                        .rev()
                        .take(30)
                        .collect::<String>()
                        .chars()
                        .rev()
                        .collect();
                    let tail = tail.to_lowercase();
                    tail.contains("according to")
                        || tail.contains("reported by")
                        || tail.contains("told")
                }
            })
            .map(|m| m.span);
        let speaker = if has_verb || via.is_some() {
            nearby
                .iter()
                .filter(|m| m.label == Label::Per || (m.label == Label::Org && Some(m.span) != via))
                .min_by_key(|m| {
                    let per_first = u8::from(m.label != Label::Per);
                    let distance = if m.span.end <= span.start {
                        span.start - m.span.end
                    } else {
                        m.span.start - span.end
                    };
                    (per_first, distance)
                })
                .map(|m| m.span)
        } else {
            None
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
        let text = "The so-called \"changed narrative\" of peace is gone.";
        assert!(find_quotes(text, &[Span::new(0, text.len())], &[]).is_empty());
    }
}
