//! Plain text and Markdown: which lines are the story, and the metadata
//! the first lines state. A first heuristic, to be replaced by a learned
//! line classifier.

use super::{collect_urls, opening_date, Meta, Page};
use crate::span::Span;

/// One line of the text, without its line break.
struct Line {
    span: Span,
    words: usize,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let body = piece.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        let trimmed = body.trim();
        if !trimmed.is_empty() {
            let s = start + lead;
            out.push(Line {
                span: Span::new(s, s + trimmed.len()),
                words: trimmed.split_whitespace().count(),
            });
        }
        start += piece.len();
    }
    out
}

/// A line reads as prose: long enough, or a full sentence.
fn is_prose(line: &str, words: usize) -> bool {
    let ends_sentence = line.ends_with(['.', '!', '?', '"', '\u{201d}', ':']);
    words >= 12 || (words >= 6 && ends_sentence)
}

pub(super) fn read(text: &str) -> Page {
    let lines = lines(text);
    let mut content: Vec<Span> = Vec::new();
    for line in &lines {
        if is_prose(line.span.slice(text), line.words) {
            match content.last_mut() {
                // join lines separated only by white space
                Some(last) if text[last.end..line.span.start].trim().is_empty() => {
                    last.end = line.span.end
                }
                _ => content.push(line.span),
            }
        }
    }
    if content.is_empty() {
        // A short or unusual page must not come back with nothing.
        if let (Some(first), Some(last)) = (lines.first(), lines.last()) {
            content.push(Span::new(first.span.start, last.span.end));
        }
    }
    let posts = match (content.first(), content.last()) {
        (Some(a), Some(b)) => vec![Span::new(a.start, b.end)],
        _ => Vec::new(),
    };
    Page {
        text: text.to_string(),
        meta: meta(text, &lines),
        content,
        posts,
    }
}

fn meta(text: &str, lines: &[Line]) -> Meta {
    let mut meta = Meta {
        published: opening_date(text),
        ..Meta::default()
    };
    // The headline: the first line that is neither a date, a link nor a
    // sentence-long paragraph.
    meta.title = lines
        .iter()
        .take(8)
        .map(|l| l.span.slice(text).trim_start_matches('#').trim())
        .find(|l| {
            let words = l.split_whitespace().count();
            (3..=30).contains(&words)
                && !l.contains(" | ")
                && crate::calendar::find_dates(l).is_empty()
                && crate::links::find_urls(l).is_empty()
        })
        .map(str::to_string);
    for line in lines {
        let l = line.span.slice(text);
        if let Some(rest) = l
            .strip_prefix("Original Source:")
            .or_else(|| l.strip_prefix("Original source:"))
        {
            meta.original_source = Some(rest.trim().to_string()).filter(|s| !s.is_empty());
        }
    }
    collect_urls(text, &mut meta.urls);
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_lines_are_content_and_chrome_is_not() {
        let text = "Home | World | Sport\nSign in\nPort strike ends after nine days\n\nDockworkers returned to the piers on Tuesday after the union accepted a new contract offer.\nThe deal raises wages by six percent over three years, officials said.\nShare this article\n";
        let page = read(text);
        let spans: Vec<&str> = page.content.iter().map(|s| s.slice(text)).collect();
        assert_eq!(spans.len(), 1);
        assert!(spans[0].starts_with("Dockworkers returned"));
        assert!(spans[0].ends_with("officials said."));
        assert_eq!(
            page.meta.title.as_deref(),
            Some("Port strike ends after nine days")
        );
    }

    #[test]
    fn short_text_keeps_content() {
        let page = read("Just a note.");
        assert_eq!(page.content, [Span::new(0, 12)]);
    }

    #[test]
    fn original_source_and_urls() {
        let text = "A headline for the story here\nOriginal Source: Harbor Times\nRead more at https://example.org/story.\n";
        let page = read(text);
        assert_eq!(page.meta.original_source.as_deref(), Some("Harbor Times"));
        assert_eq!(page.meta.urls, ["https://example.org/story"]);
    }
}
