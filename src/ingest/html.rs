//! HTML pages: visible text in reading order, the article's place in it,
//! and the metadata the page declares (meta tags, `<title>`, visible
//! bylines and credits).
//!
//! The article is chosen line by line: dom_smoothie (a port of Mozilla's
//! Readability) proposes its article, and the line classifier of
//! [`super::lines`] decides each visible line from that proposal, the
//! elements around the line (paragraph, list, nav, footer, class names),
//! its link density and what it says. Without the shipped weights the
//! Readability lines are the content.

use std::collections::HashSet;

use dom_smoothie::{Config, Readability, TextMode};

use super::folded::FoldedText;
use super::markup::{ctx, scan, Scanned};
use super::{collect_urls, opening_date, Meta, Page};
use crate::span::Span;

/// Deeper pages skip the tree-based extractor, which recurses.
const MAX_TREE_DEPTH: usize = 256;

/// Pages whose elements' depths add up to more skip the tree-based
/// extractor too: its passes walk each block's descendants, so its time
/// grows with that sum (`Scanned::depth_sum`), not with the bytes. The
/// largest of 181 real saved news pages sums to 22,000 (Readability took
/// 7 ms). 100 blocks of 250 nested `<div>`s with a word at each level
/// (464 KB) sum to 3.1 million and their whole analysis took 0.8 s; at
/// that rate a 32 MB file of such blocks would take about a minute. 128 KB
/// of them (1 million) took 0.25 s, so at this bound Readability should
/// take about half a second.
const MAX_TREE_WORK: u64 = 2_000_000;

/// Bytes of article scanned for a page's lines at most, before the lines
/// are looked up in an index of the article instead.
const SCAN_BYTES: usize = 1 << 24;

/// Whitespace-folded, case-kept form used to match lines to the article.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Which lines of the visible text belong to the article Readability chose:
/// one of its lines, or a line of four words or more found in its text
/// (whitespace folded in both).
fn article_lines(text: &str, lines: &[Span], article_text: &str) -> Vec<bool> {
    let folded_article = fold(article_text);
    // One scan of the article a line is quickest on an ordinary page; past
    // SCAN_BYTES of scanning in all, the index finds the same lines in time
    // linear in the page.
    let index = (folded_article.len().saturating_mul(lines.len()) > SCAN_BYTES)
        .then(|| FoldedText::new(article_text));
    let contains = |l: &str| match &index {
        Some(index) => index.holds(l),
        None => folded_article.contains(l),
    };
    let article_lines: HashSet<String> = article_text
        .lines()
        .map(fold)
        .filter(|l| !l.is_empty())
        .collect();
    lines
        .iter()
        .map(|line| {
            let l = fold(line.slice(text));
            let words = l.split(' ').count();
            article_lines.contains(&l) || (words >= 4 && contains(&l))
        })
        .collect()
}

/// The chosen lines merged into spans.
fn merge(text: &str, lines: &[Span], chosen: &[bool]) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    for (line, _) in lines.iter().zip(chosen).filter(|(_, &c)| c) {
        match spans.last_mut() {
            Some(last) if text[last.end()..line.start()].trim().is_empty() => {
                *last = Span::new(last.start(), line.end())
            }
            _ => spans.push(*line),
        }
    }
    spans
}

/// A page scanned once and read by Readability.
struct Analysed {
    scanned: Scanned,
    article: Option<dom_smoothie::Article>,
    /// Lines of the article Readability chose.
    inside: Vec<bool>,
}

fn analyse(html: &str) -> Analysed {
    let scanned = scan(html);
    let article = (scanned.max_depth <= MAX_TREE_DEPTH && scanned.depth_sum <= MAX_TREE_WORK)
        .then(|| {
            let cfg = Config {
                text_mode: TextMode::Formatted,
                ..Config::default()
            };
            Readability::new(html, None, Some(cfg)).ok()?.parse().ok()
        })
        .flatten();
    let inside = match &article {
        Some(a) => article_lines(&scanned.text, &scanned.lines, &a.text_content),
        None => vec![false; scanned.lines.len()],
    };
    Analysed {
        scanned,
        article,
        inside,
    }
}

/// Page features per line for the line classifier: Readability's choice
/// around the line, link density and the elements around it.
pub(super) const EXTRA: usize = 5 + ctx::COUNT;

fn extra_features(a: &Analysed) -> Vec<Vec<f32>> {
    let n = a.scanned.lines.len();
    let none = a.inside.iter().all(|&i| !i);
    let at = |j: isize| {
        if j >= 0 && (j as usize) < n && a.inside[j as usize] {
            1.0
        } else {
            0.0
        }
    };
    (0..n)
        .map(|i| {
            let layout = a.scanned.layout.get(i).copied().unwrap_or_default();
            let len = a.scanned.lines[i].len().max(1) as f32;
            let mut x = Vec::with_capacity(EXTRA);
            x.push(at(i as isize));
            x.push(at(i as isize - 1));
            x.push(at(i as isize + 1));
            x.push(f32::from(none));
            x.push(layout.link_bytes as f32 / len);
            x.extend((0..ctx::COUNT).map(|b| f32::from(layout.flags & (1 << b) != 0)));
            x
        })
        .collect()
}

/// The visible text, its lines and their page features, for training.
pub(super) fn line_input(html: &str) -> (String, Vec<super::lines::Line>, Vec<Vec<f32>>) {
    let a = analyse(html);
    let extra = extra_features(&a);
    let lines = super::lines::lines_of(&a.scanned.text, &a.scanned.lines);
    (a.scanned.text, lines, extra)
}

/// The first `<meta>` value for any of `keys`, in the order of `keys`.
fn meta_value(scanned: &Scanned, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|key| {
        scanned
            .metas
            .iter()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| fold(v))
    })
}

/// "Docks reopen | The Harbor Herald" -> "Docks reopen": page titles often
/// end with the site's name after a separator.
fn strip_site_name(title: &str, publisher: &str) -> String {
    let bare = |s: &str| fold(s).trim_start_matches("The ").to_lowercase();
    for sep in [" | ", " - ", " \u{2013} ", " \u{2014} ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if !head.trim().is_empty() && bare(tail) == bare(publisher) {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// `<meta>` names that state each field, most specific first.
const TITLE_KEYS: &[&str] = &[
    "og:title",
    "twitter:title",
    "dc.title",
    "dcterms.title",
    "parsely-title",
    "sailthru.title",
];
const PUBLISHER_KEYS: &[&str] = &[
    "og:site_name",
    "publisher",
    "dc.publisher",
    "dcterms.publisher",
    "application-name",
    "apple-mobile-web-app-title",
];
const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
    "citation_author",
];
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
    "citation_publication_date",
    "published_time",
];
const SECTION_KEYS: &[&str] = &["article:section", "og:article:section", "parsely-section"];

/// "https://www.x.com" -> "www.x.com", "@politifact" -> "politifact",
/// "Autoracing | F1 | Indy" -> "Autoracing": the outlet's own name.
fn outlet_name(p: &str) -> String {
    let p = p
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let p = p.trim_start_matches('@').trim_end_matches('/');
    let p = p.split(" | ").next().unwrap_or(p).trim();
    p.to_string()
}

/// What the page says about itself. Each field takes the first source
/// that has it, most deliberate first: JSON-LD (what the publishing
/// system states), then `<meta>` tags (Open Graph, Twitter, Dublin Core,
/// article:*), then Readability's reading of the page, then the visible
/// lines (bylines, "Original Source:", labels, a bare domain), and for
/// the date a `<time>` in the article, then the first date in the text.
/// Authors from any source must read as people's names (never a date, the
/// outlet or a reading time); labels from every source are kept, in that
/// order, without repeats.
fn page_meta(scanned: &Scanned, article: Option<&dom_smoothie::Article>, text: &str) -> Meta {
    let nonempty = |s: Option<&str>| s.map(fold).filter(|s| !s.is_empty());
    let rd_publisher = article.and_then(|a| nonempty(a.site_name.as_deref()));
    let hint = meta_value(scanned, PUBLISHER_KEYS).or_else(|| rd_publisher.clone());
    let ld = super::jsonld::read(&scanned.json_ld, hint.as_deref());
    let found = super::meta::from_lines(text, &scanned.lines, hint.as_deref());
    let mut meta = Meta {
        title: ld
            .title
            .clone()
            .or_else(|| article.and_then(|a| nonempty(Some(&a.title))))
            .or_else(|| meta_value(scanned, TITLE_KEYS))
            .or_else(|| scanned.title.clone()),
        publisher: ld
            .publisher
            .clone()
            .or_else(|| meta_value(scanned, &PUBLISHER_KEYS[..1]))
            .or(rd_publisher)
            .or(hint)
            .or_else(|| found.publisher.clone())
            .map(|p| outlet_name(&p)),
        ..Meta::default()
    };
    let publisher = meta.publisher.clone();
    let people = |byline: &str| super::meta::split_byline(byline, publisher.as_deref());
    meta.authors = Some(ld.authors.clone())
        .filter(|a| !a.is_empty())
        .or_else(|| {
            AUTHOR_KEYS.iter().find_map(|k| {
                let names: Vec<String> = scanned
                    .metas
                    .iter()
                    .filter(|(key, v)| key == k && !v.is_empty())
                    .flat_map(|(_, v)| people(v))
                    .collect();
                (!names.is_empty()).then_some(names)
            })
        })
        .or_else(|| {
            let names = article.and_then(|a| a.byline.as_deref()).map(people)?;
            (!names.is_empty()).then_some(names)
        })
        .unwrap_or(found.authors);
    let mut seen = Vec::new();
    meta.authors.retain(|a| {
        let keep = super::meta::is_name(a, publisher.as_deref()) && !seen.contains(a);
        seen.push(a.clone());
        keep
    });
    meta.published = ld
        .published
        .or_else(|| {
            DATE_KEYS.iter().find_map(|k| {
                scanned
                    .metas
                    .iter()
                    .filter(|(key, v)| key == k && !v.is_empty())
                    .find_map(|(_, v)| super::jsonld::date_of(v))
            })
        })
        .or_else(|| scanned.time.as_deref().and_then(super::jsonld::date_of))
        .or_else(|| {
            article
                .and_then(|a| a.published_time.as_deref())
                .and_then(crate::calendar::parse_iso_prefix)
        })
        .or_else(|| opening_date(text));
    meta.original_source = found.original_source.or(ld.original_source);
    let sections = SECTION_KEYS
        .iter()
        .filter_map(|k| meta_value(scanned, &[k]));
    // A label the page shows must not be a menu entry ("Opinion" in the nav).
    let shown = found
        .labels
        .into_iter()
        .zip(found.label_lines)
        .filter(|(_, i)| {
            let layout = scanned.layout.get(*i).copied().unwrap_or_default();
            let len = scanned.lines.get(*i).map_or(1, |l| l.len().max(1));
            layout.flags & (ctx::NAV | ctx::LINK | ctx::FORM) == 0 || layout.link_bytes * 2 < len
        })
        .map(|(l, _)| l);
    for label in ld.sections.into_iter().chain(sections).chain(shown) {
        // A domain is the site, not a section.
        let domain = !label.contains(' ') && label.contains('.') && !label.ends_with('.');
        if !domain && !meta.labels.iter().any(|l| l.eq_ignore_ascii_case(&label)) {
            meta.labels.push(label);
        }
    }
    if let (Some(title), Some(publisher)) = (&meta.title, &meta.publisher) {
        meta.title = Some(strip_site_name(title, publisher));
    }
    meta
}

pub(super) fn read(html: &str) -> Page {
    let analysed = analyse(html);
    let text = analysed.scanned.text.clone();
    let mut content = match super::lines::shipped_html() {
        Some(w) => {
            let extra = extra_features(&analysed);
            let lines = super::lines::lines_of(&text, &analysed.scanned.lines);
            let blank = vec![false; lines.len()];
            super::lines::classify(w, &text, &lines, &blank, &extra)
        }
        None => merge(&text, &analysed.scanned.lines, &analysed.inside),
    };
    let Analysed {
        scanned, article, ..
    } = analysed;
    if content.is_empty() && !text.trim().is_empty() {
        content.push(Span::new(0, text.len()));
    }
    let posts = match (content.first(), content.last()) {
        (Some(a), Some(b)) => vec![Span::new(a.start(), b.end())],
        _ => Vec::new(),
    };

    let mut meta = page_meta(&scanned, article.as_ref(), &text);
    meta.urls = scanned.links;
    collect_urls(&text, &mut meta.urls);
    Page {
        text,
        meta,
        content,
        posts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><title>Port strike ends | Harbor Times</title>
<meta property="og:site_name" content="Harbor Times">
<meta property="article:published_time" content="2025-03-04T08:00:00Z">
<script>alert("x")</script><style>p{color:red}</style></head>
<body><nav><a href="/">Home</a> <a href="https://example.org/world">World</a></nav>
<article><h1>Port strike ends after nine days</h1>
<p class="byline">By Mara Quist</p>
<p>Dockworkers returned to the piers on Tuesday after the union accepted a new contract offer from the port authority.</p>
<p>The deal raises wages by six percent over three years, officials said, and ends a stoppage that had idled forty ships.</p>
<p>&ldquo;We got what we came for,&rdquo; said Ines Harlow, the union&#39;s president, outside the hall.</p>
</article><div hidden>secret</div><footer>&copy; 2025 Harbor Times. Subscribe now</footer></body></html>"#;

    #[test]
    fn visible_text_skips_hidden_elements_and_decodes_entities() {
        let page = read(PAGE);
        assert!(!page.text.contains("alert"));
        assert!(!page.text.contains("color:red"));
        assert!(!page.text.contains("secret"));
        assert!(page.text.contains(
            "\u{201c}We got what we came for,\u{201d} said Ines Harlow, the union's president"
        ));
        assert!(
            page.text.starts_with("Home World\nPort strike ends"),
            "{:?}",
            page.text
        );
    }

    #[test]
    fn the_article_is_content_and_the_chrome_is_not() {
        let page = read(PAGE);
        let content: Vec<&str> = page.content.iter().map(|s| s.slice(&page.text)).collect();
        let joined = content.join("\n");
        assert!(joined.contains("Dockworkers returned"), "{content:?}");
        assert!(joined.contains("outside the hall."), "{content:?}");
        assert!(!joined.contains("Subscribe now"), "{content:?}");
        assert!(!joined.contains("Home World"), "{content:?}");
    }

    #[test]
    fn metadata_from_markup() {
        let page = read(PAGE);
        assert_eq!(page.meta.publisher.as_deref(), Some("Harbor Times"));
        assert_eq!(
            page.meta.published.map(|d| d.iso()).as_deref(),
            Some("2025-03-04")
        );
        assert_eq!(page.meta.urls, ["https://example.org/world"]);
        assert!(page
            .meta
            .title
            .as_deref()
            .unwrap_or("")
            .starts_with("Port strike ends"));
    }

    #[test]
    fn deeply_nested_markup_is_read_without_the_tree() {
        let html = format!(
            "{}deep <b>words</b>{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let page = read(&html);
        assert_eq!(page.text, "deep words");
        assert_eq!(page.content, [Span::new(0, 10)]);
    }

    /// Nested blocks that add up to more work than [`MAX_TREE_WORK`] are
    /// read without Readability, and fewer of the same with it.
    #[test]
    fn nested_blocks_past_the_work_bound_are_read_without_the_tree() {
        let block = format!(
            "{}<p>Harbor pilots said the new channel opened on Monday, ahead of the storm season.</p>{}",
            "<div>".repeat(150),
            "</div>".repeat(150)
        );
        let page = |blocks: usize| format!("<html><body>{}</body></html>", block.repeat(blocks));
        let few = analyse(&page(20));
        assert!(few.scanned.depth_sum < MAX_TREE_WORK);
        assert!(
            few.article.is_some(),
            "Readability reads a page under the bound"
        );
        let many = analyse(&page(200));
        assert!(many.scanned.depth_sum > MAX_TREE_WORK);
        assert!(many.article.is_none());
        let doc = read(&page(200));
        assert_eq!(doc.text.matches("Harbor pilots said").count(), 200);
    }

    #[test]
    fn site_names_leave_titles() {
        assert_eq!(
            strip_site_name("Docks reopen | Harbor Herald", "The Harbor Herald"),
            "Docks reopen"
        );
        assert_eq!(
            strip_site_name("Left - Right", "Other Site"),
            "Left - Right"
        );
    }

    #[test]
    fn bylines_split_into_names() {
        let split_authors = |b: &str| super::super::meta::split_byline(b, None);
        assert_eq!(
            split_authors("By Ana Ruiz and Tom Berg"),
            ["Ana Ruiz", "Tom Berg"]
        );
        assert_eq!(split_authors("3 minute read"), Vec::<String>::new());
    }
}
