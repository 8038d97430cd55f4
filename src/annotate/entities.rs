//! Name mentions: the [`Tagger`] seam and the tagger behind it, the
//! trained model of `ner`.
//!
//! Callers depend only on [`Tagger`], so the model can change without
//! touching them.

use std::cell::{Ref, RefCell};

use super::ner::{NerModel, Sentences};
use super::Label;
use crate::span::Span;
use crate::text::{PackedTokens, Token, Unpack};

/// A name in the text and its type. The span is in bytes and never
/// includes a possessive `'s`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mention {
    /// Byte span of the name.
    pub span: Span,
    /// PER, ORG, LOC or MISC.
    pub label: Label,
}

/// Anything that finds name mentions in one document.
pub trait Tagger {
    /// Mentions in `text`, in order, never overlapping. `tokens` and
    /// `sentences` are that text's tokens (packed: a long document's
    /// tokens are its largest annotation) and sentences.
    fn tag(&self, text: &str, tokens: &PackedTokens, sentences: &[Span]) -> Vec<Mention>;
}

/// A document's token groups (consecutive index ranges into its packed
/// tokens, each given by its end) read as the tagger's sentences. Each of
/// the tagger's passes reads them in order, so only the group read last
/// is unpacked: a long document's tokens held whole were 24 MB (8 bytes a
/// token) of its peak. Reading an earlier group starts again from the
/// first token.
struct Groups<'a> {
    text: &'a str,
    tokens: &'a PackedTokens,
    /// Where each group ends; the first starts at token 0, each other one
    /// where the one before it ends.
    ends: &'a [u32],
    cursor: RefCell<Cursor<'a>>,
}

/// Where [`Groups`] stands in the packed tokens.
struct Cursor<'a> {
    /// The tokens from index `at` on.
    rest: Unpack<'a>,
    at: usize,
    /// The group last read, and its tokens.
    group: Option<usize>,
    held: Vec<Token>,
}

impl<'a> Groups<'a> {
    fn new(text: &'a str, tokens: &'a PackedTokens, ends: &'a [u32]) -> Groups<'a> {
        Groups {
            text,
            tokens,
            ends,
            cursor: RefCell::new(Cursor {
                rest: tokens.iter(),
                at: 0,
                group: None,
                held: Vec::new(),
            }),
        }
    }

    /// Group `i`'s token indices.
    fn range(&self, i: usize) -> (usize, usize) {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        (start as usize, self.ends[i] as usize)
    }

    /// Group `i`'s tokens.
    fn group(&self, i: usize) -> Ref<'_, [Token]> {
        let (a, b) = self.range(i);
        {
            let mut c = self.cursor.borrow_mut();
            if c.group != Some(i) {
                if a < c.at {
                    c.rest = self.tokens.iter();
                    c.at = 0;
                }
                let skip = a - c.at;
                let Cursor { rest, held, .. } = &mut *c;
                if skip > 0 {
                    rest.nth(skip - 1);
                }
                held.clear();
                held.extend(rest.by_ref().take(b - a));
                c.at = b;
                c.group = Some(i);
            }
        }
        Ref::map(self.cursor.borrow(), |c| c.held.as_slice())
    }
}

impl<'a> Sentences<'a> for Groups<'a> {
    fn count(&self) -> usize {
        self.ends.len()
    }
    fn tokens(&self) -> usize {
        self.ends.last().map_or(0, |&e| e as usize)
    }
    fn sentence_len(&self, i: usize) -> usize {
        let (a, b) = self.range(i);
        b - a
    }
    fn read(&self, i: usize, into: &mut Vec<&'a str>) {
        into.clear();
        let text = self.text;
        into.extend(self.group(i).iter().map(|t| t.span().slice(text)));
    }
}

/// The trained statistical tagger ([`NerModel::embedded`]) over the
/// document's own tokens, one sentence at a time, with the whole document
/// in view for its consistency features.
#[derive(Default)]
pub struct ModelTagger;

impl Tagger for ModelTagger {
    fn tag(&self, text: &str, tokens: &PackedTokens, sentences: &[Span]) -> Vec<Mention> {
        // Tokens grouped by sentence, consecutive, each group given by its
        // end; a token outside every sentence (there should be none) forms
        // its own group. (u32: inputs are far below 2^32 tokens,
        // ingest::MAX_INPUT_BYTES.)
        let mut ends: Vec<u32> = Vec::with_capacity(sentences.len());
        let mut s = 0;
        let mut current: Option<usize> = None;
        for (i, t) in tokens.iter().enumerate() {
            let start = t.span().start();
            while s < sentences.len() && sentences[s].end() <= start {
                s += 1;
            }
            let key = (s < sentences.len() && sentences[s].start() <= start).then_some(s);
            let end = u32::try_from(i + 1).expect("fewer than 2^32 tokens");
            match ends.last_mut() {
                Some(last) if key.is_some() && key == current => *last = end,
                _ => ends.push(end),
            }
            current = key;
        }
        let mut mentions: Vec<Mention> = Vec::new();
        let sentences = Groups::new(text, tokens, &ends);
        // each chunk becomes a mention as the tagger finds it (right after
        // it reads the chunk's sentence, so the group is at hand)
        NerModel::embedded().tag_sentences_into(&sentences, &mut |si, first, end, label| {
            let group = sentences.group(si);
            if first >= end || end > group.len() {
                return;
            }
            let span = Span::new(group[first].span().start(), group[end - 1].span().end());
            if mentions.last().is_none_or(|m| m.span.end() <= span.start()) {
                mentions.push(Mention { span, label });
            }
        });
        mentions
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{split_sentences, tokenize};

    fn tag(text: &str) -> Vec<(&str, &str)> {
        let tokens = PackedTokens::pack(&tokenize(text));
        let sentences = split_sentences(text);
        ModelTagger
            .tag(text, &tokens, &sentences)
            .into_iter()
            .map(|m| (m.span.slice(text), m.label.as_str()))
            .collect()
    }

    #[test]
    fn groups_read_as_the_sentences_their_tokens_spell() {
        let text = "Kim Jong Un met Xi Jinping in Beijing.\n\nTalks went on.  The Korean Central News Agency said so.";
        let tokens = tokenize(text);
        // uneven groups, one of them empty
        let groups = [(0, 3), (3, 3), (3, 9), (9, tokens.len())];
        let ends: Vec<u32> = groups.iter().map(|&(_, b)| b as u32).collect();
        let packed = PackedTokens::pack(&tokens);
        let read = Groups::new(text, &packed, &ends);
        let listed: Vec<Vec<&str>> = groups
            .iter()
            .map(|&(a, b)| tokens[a..b].iter().map(|t| t.span().slice(text)).collect())
            .collect();
        assert_eq!(read.count(), 4);
        assert_eq!(read.tokens(), tokens.len());
        let lens: Vec<usize> = (0..4).map(|i| read.sentence_len(i)).collect();
        assert_eq!(lens, [3, 0, 6, tokens.len() - 9]);
        let mut into = vec!["stale"];
        for (i, want) in listed.iter().enumerate() {
            read.read(i, &mut into);
            assert_eq!(&into, want, "group {i}");
        }
        // out of order, and the same group twice: read again from the start
        for i in [3, 0, 2, 2, 1, 3] {
            read.read(i, &mut into);
            assert_eq!(into, listed[i], "group {i} out of order");
            let spans: Vec<&str> = read.group(i).iter().map(|t| t.span().slice(text)).collect();
            assert_eq!(spans, listed[i]);
        }
        // and the tagger finds the same names either way
        let model = NerModel::embedded();
        let found = model.tag_sentences(&read);
        assert_eq!(found, model.tag_document(&listed));
        assert!(found.iter().map(Vec::len).sum::<usize>() >= 3, "{found:?}");
    }

    #[test]
    fn spans_map_back_to_the_text() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "Chinese President Xi Jinping wrote to Kim Jong Un, according to the Korean Central News Agency.",
                &[("Chinese", "MISC"), ("Xi Jinping", "PER"), ("Kim Jong Un", "PER"), ("Korean Central News Agency", "ORG")],
            ),
            (
                "\u{1f600} Zo\u{eb} \u{c5}ngstr\u{f6}m-Lind spoke.\nKorea's leader replied.",
                &[("Zo\u{eb} \u{c5}ngstr\u{f6}m-Lind", "PER"), ("Korea", "LOC")],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(tag(text), want.to_vec(), "case {text:?}");
        }
    }
}
