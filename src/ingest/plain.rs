//! Plain text and Markdown: which lines are the story (the learned line
//! classifier in [`super::lines`]), the posts of a feed capture
//! ([`super::feed`]), and the metadata the lines state ([`super::meta`]).

use super::lines::LineFacts;
use super::{collect_urls, collect_urls_in, opening_date, Meta, Page};
use crate::span::Span;

/// One line of the text, without its line break.
struct Line {
    span: Span,
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

pub(super) fn read(owned: String) -> Page {
    let text = owned.as_str();
    // The classifier splits the lines (the same as [`lines`]) and counts
    // their words on the way.
    let (mut content, lines, facts) = match super::lines::shipped() {
        Some(w) => {
            let (content, facts) = super::lines::content_and_lines(w, text);
            let lines: Vec<Line> = facts.iter().map(|f| Line { span: f.span }).collect();
            (content, lines, Some(facts))
        }
        None => (Vec::new(), lines(text), None),
    };
    let heuristic = content.is_empty();
    for line in lines.iter().filter(|_| heuristic) {
        let l = line.span.slice(text);
        if is_prose(l, l.split_whitespace().count()) {
            match content.last_mut() {
                // join lines separated only by white space
                Some(last) if text[last.end()..line.span.start()].trim().is_empty() => {
                    *last = Span::new(last.start(), line.span.end())
                }
                _ => content.push(line.span),
            }
        }
    }
    if content.is_empty() {
        // A short or unusual page must not come back with nothing.
        if let (Some(first), Some(last)) = (lines.first(), lines.last()) {
            content.push(Span::new(first.span.start(), last.span.end()));
        }
    }
    let (meta, bio_line) = meta(text, &lines, facts.as_deref());
    // An author bio near the end is not the story.
    if let Some(bio) = bio_line
        .filter(|&i| i * 2 >= lines.len())
        .map(|i| lines[i].span.start())
        .filter(|&bio| content.first().is_some_and(|s| s.start() < bio))
    {
        content.retain(|s| s.start() < bio);
        if let Some(last) = content.last_mut() {
            *last = Span::new(last.start(), last.end().min(bio));
            let kept = text[last.start()..last.end()].trim_end();
            *last = Span::new(last.start(), last.start() + kept.len());
        }
        content.retain(|s| !s.is_empty());
    }
    let feed = super::feed::posts(text);
    let posts = match (&feed, content.first(), content.last()) {
        (Some(posts), _, _) => {
            // In a feed the posts are the content.
            content = posts.clone();
            posts.clone()
        }
        (None, Some(a), Some(b)) => vec![Span::new(a.start(), b.end())],
        _ => Vec::new(),
    };
    Page {
        text: owned,
        meta: if feed.is_some() {
            meta_for_feed(meta)
        } else {
            meta
        },
        content,
        posts,
    }
}

/// Feeds have no headline of their own.
fn meta_for_feed(mut meta: Meta) -> Meta {
    meta.title = None;
    meta
}

fn meta(text: &str, lines: &[Line], facts: Option<&[LineFacts]>) -> (Meta, Option<usize>) {
    let mut meta = Meta {
        published: opening_date(text),
        ..Meta::default()
    };
    let spans: Vec<Span> = lines.iter().map(|l| l.span).collect();
    let words: Option<Vec<usize>> = facts.map(|f| f.iter().map(|f| f.words).collect());
    let found = super::meta::from_counted_lines(text, &spans, words.as_deref(), None);
    meta.authors = found.authors;
    meta.labels = found.labels;
    meta.publisher = found.publisher;
    meta.original_source = found.original_source;
    let bio_line = found.bio_line;
    // The headline: the first line that is neither a date, a link nor a
    // sentence-long paragraph.
    meta.title = lines
        .iter()
        .take(8)
        .map(|l| l.span.slice(text).trim_start_matches('#').trim())
        .find(|l| {
            let words = l.split_whitespace().count();
            let lower = l.to_lowercase();
            (3..=30).contains(&words)
                && !l.contains(" | ")
                && !lower.starts_with("by ")
                && l.chars().filter(|c| c.is_uppercase()).count() * 2
                    < l.chars().filter(|c| c.is_alphabetic()).count()
                && !lower.starts_with("breaking news and")
                && (words <= 20 || !l.ends_with('.'))
                && crate::calendar::find_dates(l).is_empty()
                && crate::links::find_urls(l).is_empty()
        })
        .map(str::to_string);
    match facts {
        // Only the lines where the classifier saw a link hint.
        Some(facts) => collect_urls_in(
            text,
            facts.iter().filter(|f| f.link).map(|f| f.span),
            &mut meta.urls,
        ),
        None => collect_urls(text, &mut meta.urls),
    }
    (meta, bio_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_lines_are_content_and_chrome_is_not() {
        let text = "Home | World | Sport\nSign in\nPort strike ends after nine days\n\nDockworkers returned to the piers on Tuesday after the union accepted a new contract offer.\nThe deal raises wages by six percent over three years, officials said.\nShare this article\n";
        let page = read(text.to_string());
        let spans: Vec<&str> = page.content.iter().map(|s| s.slice(text)).collect();
        let body = spans.join("\n");
        assert!(body.contains("Dockworkers returned"), "{spans:?}");
        assert!(body.ends_with("officials said."), "{spans:?}");
        assert!(!body.contains("Home | World"), "{spans:?}");
        assert!(!body.contains("Sign in"), "{spans:?}");
        assert_eq!(
            page.meta.title.as_deref(),
            Some("Port strike ends after nine days")
        );
    }

    #[test]
    fn short_text_keeps_content() {
        let page = read("Just a note.".to_string());
        assert_eq!(page.content, [Span::new(0, 12)]);
    }

    #[test]
    fn original_source_and_urls() {
        let text = "A headline for the story here\nOriginal Source: Harbor Times\nRead more at https://example.org/story.\n";
        let page = read(text.to_string());
        assert_eq!(page.meta.original_source.as_deref(), Some("Harbor Times"));
        assert_eq!(page.meta.urls, ["https://example.org/story"]);
    }
}
