//! Social-feed captures: a page of posts (LinkedIn-style "More Relevant
//! Posts", lone "-" separators, "To view or add a comment, sign in")
//! split into one span per post, without the profile taglines, link
//! cards, follower counts and comment prompts around them.
//!
//! Posts that repeat (feeds show the same post again further down) stay
//! separate spans, so that a reader can see both places.

use crate::span::Span;

/// Lines that end or separate posts.
fn is_separator(line: &str) -> bool {
    let l = line.trim();
    let lower = l.to_lowercase();
    l.chars().all(|c| {
        matches!(
            c,
            '-' | '\u{2013}' | '\u{2014}' | '\u{b7}' | '\u{2022}' | '*' | '_' | '='
        )
    }) || lower.starts_with("to view or add a comment")
        || lower == "more relevant posts"
        || lower == "explore topics"
        || lower.ends_with("\u{2019}s post")
        || lower.ends_with("'s post")
        || matches!(
            lower.as_str(),
            "like"
                | "comment"
                | "share"
                | "repost"
                | "send"
                | "reply"
                | "follow"
                | "report this post"
                | "like comment share"
                | "see more"
                | "\u{2026}more"
                | "...more"
        )
}

/// Feed chrome inside a post block: follower counts, reaction counts,
/// bare domains of link cards, timestamps like "2d".
fn is_chrome(line: &str) -> bool {
    let l = line.trim();
    let lower = l.to_lowercase();
    let words: Vec<&str> = l.split_whitespace().collect();
    let bare_domain = words.len() == 1
        && l.contains('.')
        && !l.ends_with('.')
        && l.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '/'));
    let counts = words.len() <= 3
        && words
            .first()
            .is_some_and(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        && [
            "follower",
            "reaction",
            "comment",
            "like",
            "repost",
            "connection",
            "employee",
            "view",
        ]
        .iter()
        .any(|k| lower.contains(k));
    let age = words.len() <= 3
        && words.iter().all(|w| {
            let w = w.trim_end_matches(['\u{2022}', '.']);
            w.is_empty()
                || w.chars().all(|c| c.is_ascii_digit())
                || (w.len() <= 4
                    && w.chars().next().is_some_and(|c| c.is_ascii_digit())
                    && w.trim_start_matches(|c: char| c.is_ascii_digit()).len() <= 2)
                || w == "Edited"
        });
    bare_domain || counts || age || is_separator(l)
}

/// A profile tagline: a list of roles rather than a sentence.
fn is_tagline(line: &str) -> bool {
    let l = line.trim();
    let words = l.split_whitespace().count();
    let ends = l.ends_with(['.', '!', '?', '"', '\u{201d}']);
    let listy = l.matches(',').count() + l.matches(" / ").count() + l.matches('|').count() >= 2;
    let verbs = [
        " is ", " are ", " was ", " were ", " has ", " have ", " will ", " said ",
    ];
    let capitals = l
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    !ends
        && listy
        && (4..=45).contains(&words)
        && capitals * 5 >= words * 2
        && !l.contains("http")
        && !l.contains(['"', '\u{201c}', '#'])
        && !verbs.iter().any(|v| l.contains(v))
}

/// How many lines of `text` look like feed separators.
fn separators(text: &str) -> usize {
    text.lines()
        .filter(|l| is_separator(l) && !l.trim().is_empty())
        .count()
}

/// The posts of a feed capture, or `None` when `text` is not one.
pub(super) fn posts(text: &str) -> Option<Vec<Span>> {
    let marked = ["o view or add a comment", "ore Relevant Posts", "s Post"]
        .iter()
        .any(|m| text.contains(m));
    if !marked {
        return None;
    }
    let strong = text
        .lines()
        .filter(|l| {
            let lower = l.trim().to_lowercase();
            lower.starts_with("to view or add a comment")
                || lower == "more relevant posts"
                || lower.ends_with("\u{2019}s post")
                || lower.ends_with("'s post")
        })
        .count();
    if strong < 2 || separators(text) < 3 {
        return None;
    }
    // Blocks of lines between separators.
    let mut blocks: Vec<Vec<Span>> = vec![Vec::new()];
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let body = piece.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim();
        if !trimmed.is_empty() {
            if is_separator(trimmed) {
                if blocks.last().is_some_and(|b| !b.is_empty()) {
                    blocks.push(Vec::new());
                }
            } else {
                let s = start + (body.len() - body.trim_start().len());
                if let Some(b) = blocks.last_mut() {
                    b.push(Span::new(s, s + trimmed.len()));
                }
            }
        }
        start += piece.len();
    }
    let mut out = Vec::new();
    for block in blocks {
        // A post's header (author, tagline, follower count, age) ends at
        // the last chrome line among its first lines.
        let head = block
            .iter()
            .take(4)
            .rposition(|l| is_chrome(l.slice(text)))
            .filter(|&k| k + 1 < block.len())
            .map_or(0, |k| k + 1);
        let mut lines: Vec<Span> = block[head..]
            .iter()
            .copied()
            .filter(|l| !is_chrome(l.slice(text)))
            .collect();
        // A name and a tagline head a post when more follows them.
        let mut skipped = 0;
        while lines.len() > 1 && skipped < 3 {
            let l = lines[0].slice(text).trim();
            let short = l.split_whitespace().count() <= 12
                && !l.ends_with(['.', '!', '?', '"', '\u{201d}', ':']);
            if !(is_tagline(l) || short) {
                break;
            }
            lines.remove(0);
            skipped += 1;
        }
        if let (Some(a), Some(b)) = (lines.first(), lines.last()) {
            let words = text[a.start()..b.end()].split_whitespace().count();
            if words >= 3 {
                out.push(Span::new(a.start(), b.end()));
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEED: &str = "Xi vows to strengthen ties with Pyongyang in a letter to Kim.\nUnited Press International\u{2019}s Post\nMore Relevant Posts\n-\nExecutive with global experience, Author on China / Asia, Public Speaker, Mentor\nVery interesting article that follows the changed narrative for China.\nChina's foreign minister seeks peace\nasia.nikkei.com\nTo view or add a comment, sign in\n-\nExecutive with global experience, Author on China / Asia, Public Speaker, Mentor\nVery interesting article that follows the changed narrative for China.\nTo view or add a comment, sign in\n6,144 followers\n";

    #[test]
    fn feeds_split_into_posts() {
        let posts = posts(FEED).expect("a feed");
        let texts: Vec<&str> = posts.iter().map(|s| s.slice(FEED)).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(texts[0].starts_with("Xi vows"));
        assert!(texts[1].starts_with("Very interesting"), "{texts:?}");
        assert!(texts[1].ends_with("seeks peace"), "{texts:?}");
        assert_eq!(
            texts[1],
            texts[2].to_string() + "\nChina's foreign minister seeks peace"
        );
    }

    #[test]
    fn articles_are_not_feeds() {
        assert!(posts("A headline\n\nA paragraph of the story.\n\nShare\n").is_none());
    }
}
