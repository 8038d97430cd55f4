//! CoNLL-2003 files as natural text, the way `shared/eval/ner/conll_text.py`
//! renders them, and conlleval-style scoring of predicted spans.
//!
//! Pure functions over strings: the `ner` binary reads the files. A
//! document's sentences are joined with `\n`; tokens inside a sentence are
//! detokenized with the same rules as the Python script, so our tokenizer
//! and sentence splitter see exactly the text the peers see.

use super::NerModel;
use crate::annotate::Label;
use crate::span::Span;

/// One CoNLL document: sentences of (token, IOB1 tag).
#[derive(Clone, Debug, Default)]
pub struct ConllDoc {
    /// Sentences of (token, tag).
    pub sentences: Vec<Vec<(String, String)>>,
}

/// Reads a CoNLL file's text into documents (split at `-DOCSTART-`).
pub fn parse(text: &str) -> Vec<ConllDoc> {
    let mut docs: Vec<ConllDoc> = Vec::new();
    let mut cur = ConllDoc::default();
    let mut sent: Vec<(String, String)> = Vec::new();
    let flush = |sent: &mut Vec<(String, String)>, cur: &mut ConllDoc| {
        if !sent.is_empty() {
            cur.sentences.push(std::mem::take(sent));
        }
    };
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            flush(&mut sent, &mut cur);
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols[0] == "-DOCSTART-" {
            flush(&mut sent, &mut cur);
            if !cur.sentences.is_empty() {
                docs.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let tag = cols.last().copied().unwrap_or("O");
        sent.push((cols[0].to_string(), tag.to_string()));
    }
    flush(&mut sent, &mut cur);
    if !cur.sentences.is_empty() {
        docs.push(cur);
    }
    docs
}

const NO_SPACE_BEFORE: &[&str] = &[
    ",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S", "n't", "N'T", "'re", "'ve",
    "'ll", "'d", "'m", "...", "''",
];
const NO_SPACE_AFTER: &[&str] = &["(", "[", "{", "$", "``"];

/// A document rendered as text: the text and each gold token's byte span,
/// flattened over sentences, with the gold IOB1 tags and sentence ends.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    /// The document text.
    pub text: String,
    /// Byte span of every gold token, in order.
    pub tokens: Vec<Span>,
    /// Gold IOB1 tag of every gold token.
    pub tags: Vec<String>,
    /// Index one past each sentence's last token.
    pub sentence_ends: Vec<usize>,
}

/// Renders a document exactly like `conll_text.py` (`build`).
pub fn render(doc: &ConllDoc) -> Rendered {
    let mut r = Rendered::default();
    for (si, sent) in doc.sentences.iter().enumerate() {
        if si > 0 {
            r.text.push('\n');
        }
        let mut open_dq = false;
        let mut open_sq = false;
        let mut attach_next = true;
        for (tok, tag) in sent {
            let mut space = !attach_next;
            if NO_SPACE_BEFORE.contains(&tok.as_str()) {
                space = false;
            }
            let mut next_attach = NO_SPACE_AFTER.contains(&tok.as_str());
            let quote = match tok.as_str() {
                "\"" => Some(&mut open_dq),
                "'" => Some(&mut open_sq),
                _ => None,
            };
            if let Some(open) = quote {
                if *open {
                    space = false;
                    *open = false;
                } else {
                    *open = true;
                    next_attach = true;
                }
            }
            if space {
                r.text.push(' ');
            }
            let start = r.text.len();
            r.text.push_str(tok);
            r.tokens.push(Span::new(start, r.text.len()));
            r.tags.push(tag.clone());
            attach_next = next_attach;
        }
        r.sentence_ends.push(r.tokens.len());
    }
    r
}

/// Gold chunks of IOB1/IOB2 tags (conlleval rules), never crossing a
/// sentence end: `(first_token, last_token_inclusive, type)`.
pub fn gold_chunks(tags: &[String], sentence_ends: &[usize]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    let mut ends = sentence_ends.iter().peekable();
    for (i, tag) in tags.iter().enumerate() {
        while ends.peek().is_some_and(|&&e| e <= i) {
            ends.next();
            if let Some((s, ty)) = open.take() {
                out.push((s, i - 1, ty));
            }
        }
        let (prefix, ty) = match tag.split_once('-') {
            Some((p, t)) => (p, t),
            None => ("O", ""),
        };
        let starts_new = match (&open, prefix) {
            (_, "O") => false,
            (_, "B") => true,
            (Some((_, oty)), _) => oty != ty,
            (None, _) => true,
        };
        if prefix == "O" || starts_new {
            if let Some((s, oty)) = open.take() {
                out.push((s, i - 1, oty));
            }
        }
        if starts_new {
            open = Some((i, ty.to_string()));
        }
    }
    if let Some((s, ty)) = open {
        out.push((s, tags.len() - 1, ty));
    }
    out
}

const STRIP: &[char] = &[
    ' ', '\t', '\n', '\r', '.', ',', ';', ':', '!', '?', '"', '\'', '`', '(', ')', '[', ']', '{',
    '}', '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}',
];

/// `normalise_span` of `conll_text.py`, over byte offsets.
pub fn normalise_span(text: &str, a: usize, b: usize) -> (usize, usize) {
    let mut s = &text[a..b];
    let mut start = a;
    let trimmed = s.trim_start_matches(STRIP);
    start += s.len() - trimmed.len();
    s = trimmed.trim_end_matches(STRIP);
    for suf in ["'s", "\u{2019}s", "'S"] {
        if s.len() > suf.len() && s.ends_with(suf) {
            s = &s[..s.len() - suf.len()];
            break;
        }
    }
    s = s.trim_end_matches(STRIP);
    (start, start + s.len())
}

/// Maps predicted byte spans to gold-token chunks like `spans_to_tags`:
/// normalise, take every overlapped token, first (then longest) wins.
pub fn spans_to_chunks(
    r: &Rendered,
    spans: &[(usize, usize, Label)],
) -> Vec<(usize, usize, String)> {
    let mut mapped: Vec<(usize, usize, Label)> = Vec::new();
    for &(a, b, label) in spans {
        let (na, nb) = normalise_span(&r.text, a, b);
        if nb <= na {
            continue;
        }
        let first = r.tokens.partition_point(|t| t.end() <= na);
        let mut last = None;
        for (i, t) in r.tokens.iter().enumerate().skip(first) {
            if t.start() >= nb {
                break;
            }
            if t.end() > na {
                last = Some(i);
            }
        }
        if let Some(last) = last {
            mapped.push((first, last, label));
        }
    }
    mapped.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e - s)));
    let mut taken = vec![false; r.tokens.len()];
    let mut out = Vec::new();
    for (s, e, label) in mapped {
        if taken[s..=e].iter().any(|&x| x) {
            continue;
        }
        taken[s..=e].iter_mut().for_each(|x| *x = true);
        out.push((s, e, label.as_str().to_string()));
    }
    out
}

/// Found / gold / correct chunk counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Chunks predicted.
    pub found: usize,
    /// Chunks in the gold standard.
    pub gold: usize,
    /// Predicted chunks equal to a gold chunk.
    pub correct: usize,
}

impl Counts {
    /// Precision, recall, F1 (0 when undefined).
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = if self.found > 0 {
            self.correct as f64 / self.found as f64
        } else {
            0.0
        };
        let r = if self.gold > 0 {
            self.correct as f64 / self.gold as f64
        } else {
            0.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

/// Scores: overall and per type (PER, ORG, LOC, MISC).
#[derive(Clone, Debug, Default)]
pub struct Score {
    /// All types together.
    pub overall: Counts,
    /// Per type, in `Label` order.
    pub types: [Counts; 4],
}

impl Score {
    /// Adds one document's chunks.
    pub fn add(&mut self, gold: &[(usize, usize, String)], pred: &[(usize, usize, String)]) {
        let ti = |t: &str| Label::parse(t).map(|l| l as usize);
        for g in gold {
            self.overall.gold += 1;
            if let Some(i) = ti(&g.2) {
                self.types[i].gold += 1;
            }
        }
        for p in pred {
            self.overall.found += 1;
            let i = ti(&p.2);
            if let Some(i) = i {
                self.types[i].found += 1;
            }
            if gold.contains(p) {
                self.overall.correct += 1;
                if let Some(i) = i {
                    self.types[i].correct += 1;
                }
            }
        }
    }

    /// conlleval-style report lines.
    pub fn report(&self) -> String {
        let (p, r, f) = self.overall.prf();
        let mut s = format!(
            "found {} gold {} correct {}\noverall  P {:6.2}  R {:6.2}  F1 {:6.2}\n",
            self.overall.found,
            self.overall.gold,
            self.overall.correct,
            100.0 * p,
            100.0 * r,
            100.0 * f
        );
        for (i, name) in ["PER", "ORG", "LOC", "MISC"].iter().enumerate() {
            let (p, r, f) = self.types[i].prf();
            s.push_str(&format!(
                "{name:<8} P {:6.2}  R {:6.2}  F1 {:6.2}  ({} found, {} gold)\n",
                100.0 * p,
                100.0 * r,
                100.0 * f,
                self.types[i].found,
                self.types[i].gold
            ));
        }
        s
    }
}

/// Our own tokens and sentences of a rendered document, through
/// `crate::text::{split_sentences, tokenize}` exactly as in real use.
pub fn our_tokens(text: &str) -> Vec<Vec<Span>> {
    let mut out = Vec::new();
    for s in crate::text::split_sentences(text) {
        let piece = s.slice(text);
        let toks: Vec<Span> = crate::text::tokenize(piece)
            .iter()
            .map(|t| Span::new(s.start() + t.span().start(), s.start() + t.span().end()))
            .collect();
        if !toks.is_empty() {
            out.push(toks);
        }
    }
    out
}

/// Tags every document of a CoNLL file's text with the first `stages`
/// stages of `model` and scores it; also returns the predicted spans as
/// `conll_text.py score` input (JSON, character offsets).
pub fn evaluate(model: &NerModel, file: &str, stages: usize) -> (Score, String) {
    let mut score = Score::default();
    let mut json = String::from("{\"name\":\"dossier\",\"docs\":[");
    for (di, doc) in parse(file).iter().enumerate() {
        let r = render(doc);
        let spans = our_tokens(&r.text);
        let words: Vec<Vec<&str>> = spans
            .iter()
            .map(|s| s.iter().map(|t| t.slice(&r.text)).collect())
            .collect();
        let tagged = model.tag_document_stages(&words, stages);
        let mut pred: Vec<(usize, usize, Label)> = Vec::new();
        for (si, chunks) in tagged.iter().enumerate() {
            for &(s, e, label) in chunks {
                pred.push((spans[si][s].start(), spans[si][e - 1].end(), label));
            }
        }
        score.add(
            &gold_chunks(&r.tags, &r.sentence_ends),
            &spans_to_chunks(&r, &pred),
        );
        if di > 0 {
            json.push(',');
        }
        json.push_str("{\"spans\":[");
        for (k, (a, b, l)) in pred.iter().enumerate() {
            if k > 0 {
                json.push(',');
            }
            let cp = |x: usize| r.text[..x].chars().count();
            json.push_str(&format!("[{},{},\"{}\"]", cp(*a), cp(*b), l.as_str()));
        }
        json.push_str("]}");
    }
    json.push_str("]}");
    (score, json)
}

/// Projects gold chunks onto our tokens: a token belongs to the first gold
/// chunk it overlaps. Returns, per sentence, `(start, end_exclusive, type)`
/// with type in `Label` order.
pub fn project(r: &Rendered, ours: &[Vec<Span>]) -> Vec<Vec<(usize, usize, usize)>> {
    let gold = gold_chunks(&r.tags, &r.sentence_ends);
    let spans: Vec<(usize, usize, usize)> = gold
        .iter()
        .filter_map(|(s, e, ty)| {
            Some((
                r.tokens[*s].start(),
                r.tokens[*e].end(),
                Label::parse(ty)? as usize,
            ))
        })
        .collect();
    let mut out = Vec::new();
    for sent in ours {
        let mut chunks: Vec<(usize, usize, usize)> = Vec::new();
        let mut cur: Option<(usize, usize, usize)> = None; // (gold idx, start, type)
        for (t, tok) in sent.iter().enumerate() {
            let g = spans
                .iter()
                .position(|&(a, b, _)| tok.start() < b && a < tok.end());
            match (cur, g) {
                (Some((gi, _, _)), Some(g)) if gi == g => {}
                _ => {
                    if let Some((_, s, ty)) = cur.take() {
                        chunks.push((s, t, ty));
                    }
                    if let Some(g) = g {
                        cur = Some((g, t, spans[g].2));
                    }
                }
            }
        }
        if let Some((_, s, ty)) = cur {
            chunks.push((s, sent.len(), ty));
        }
        out.push(chunks);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_conll_text_py() {
        let file = "-DOCSTART- -X- -X- O\n\nHe NN O O\nsaid VB O O\n\" O O O\nHi O O O\n\" O O O\n( O O O\nUS NNP O I-LOC\n) O O O\n's POS O O\n. O O O\n\nNext JJ O O\nline NN O O\n";
        let docs = parse(file);
        assert_eq!(docs.len(), 1);
        let r = render(&docs[0]);
        assert_eq!(r.text, "He said \"Hi\" (US)'s.\nNext line");
        assert_eq!(r.tokens[6].slice(&r.text), "US");
        assert_eq!(
            gold_chunks(&r.tags, &r.sentence_ends),
            vec![(6, 6, "LOC".to_string())]
        );
    }

    #[test]
    fn spans_map_back_to_gold_tokens() {
        let docs = parse("A O O B-ORG\nB O O I-ORG\n's O O O\nsaid O O O\n\n");
        let r = render(&docs[0]);
        assert_eq!(r.text, "A B's said");
        // a span with the possessive and a quote is trimmed, then expanded
        assert_eq!(normalise_span(&r.text, 0, 5), (0, 3));
        let got = spans_to_chunks(&r, &[(0, 5, Label::Org), (2, 3, Label::Per)]);
        assert_eq!(got, vec![(0, 1, "ORG".to_string())]);
    }
}
