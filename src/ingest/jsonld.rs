//! Schema.org JSON-LD (`<script type="application/ld+json">`): what a
//! page's publishing system says about its article, which is usually the
//! most exact statement of headline, bylines, outlet and date.
//!
//! Blocks are untrusted: a block that is not JSON (even after the usual
//! repairs: comment and CDATA wrappers, raw line breaks inside strings,
//! trailing junk) is skipped, and only the top level, arrays and `@graph`
//! are walked, so nothing here recurses on the page's nesting.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::calendar::Date;

/// Article-like `@type`s, the nodes metadata is read from first.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "AskPublicNewsArticle",
    "SatiricalArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "Report",
    "TechArticle",
    "ScholarlyArticle",
];

/// Page-level `@type`s, read only when no article node says it.
const PAGE_TYPES: &[&str] = &["WebPage", "ItemPage", "CollectionPage", "AboutPage"];

/// Organisation `@type`s: an author of one of these is an outlet, not a byline.
const ORG_TYPES: &[&str] = &[
    "Organization",
    "NewsMediaOrganization",
    "Corporation",
    "GovernmentOrganization",
    "WebSite",
];

/// The largest block parsed (bigger ones are product catalogues, not metadata).
const MAX_BLOCK: usize = 1 << 20;

/// What the JSON-LD blocks of a page say.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct LdMeta {
    pub title: Option<String>,
    pub publisher: Option<String>,
    /// People credited as authors (organisations left out).
    pub authors: Vec<String>,
    pub published: Option<Date>,
    /// `isBasedOn`, or a `sourceOrganization`/`provider` other than the publisher.
    pub original_source: Option<String>,
    /// `articleSection` values.
    pub sections: Vec<String>,
}

/// Parses one block, repairing what pages commonly get wrong.
fn parse(block: &str) -> Option<Value> {
    let mut s = block.trim();
    for (open, close) in [
        ("<!--", "-->"),
        ("//<![CDATA[", "//]]>"),
        ("<![CDATA[", "]]>"),
    ] {
        if let Some(inner) = s.strip_prefix(open) {
            s = inner.trim();
            s = s.strip_suffix(close).unwrap_or(s).trim();
        }
    }
    if s.is_empty() || s.len() > MAX_BLOCK {
        return None;
    }
    let first = |s: &str| {
        serde_json::Deserializer::from_str(s)
            .into_iter::<Value>()
            .next()
            .and_then(Result::ok)
    };
    first(s).or_else(|| first(&control_chars_escaped(s)))
}

/// Raw control characters inside JSON strings (invalid, but common in
/// hand-built blocks) replaced by spaces.
fn control_chars_escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in s.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            } else if c.is_control() {
                out.push(' ');
                continue;
            }
        } else if c == '"' {
            in_string = true;
        }
        out.push(c);
    }
    out
}

/// The nodes of a block: itself, array members and `@graph` members.
fn nodes<'a>(v: &'a Value, out: &mut Vec<&'a Map<String, Value>>) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(m) => {
                out.push(m);
                if let Some(g) = m.get("@graph") {
                    stack.push(g);
                }
            }
            _ => {}
        }
    }
}

/// `@type` names without a vocabulary prefix ("schema:NewsArticle").
fn types(m: &Map<String, Value>) -> Vec<&str> {
    fn bare(s: &str) -> &str {
        s.rsplit(['/', ':']).next().unwrap_or(s).trim()
    }
    match m.get("@type") {
        Some(Value::String(s)) => vec![bare(s)],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(bare).collect(),
        _ => Vec::new(),
    }
}

fn is_a(m: &Map<String, Value>, kinds: &[&str]) -> bool {
    types(m).iter().any(|t| kinds.contains(t))
}

/// A few HTML entities that publishing systems leave in JSON strings.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[..rest.len().min(10)].find(';');
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A string value, entities decoded and white space folded.
fn clean(s: &str) -> Option<String> {
    let s = decode_entities(s);
    let folded = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!folded.is_empty()).then_some(folded)
}

/// The graph's nodes by `@id`, for references like `{"@id": "#publisher"}`.
type Index<'a> = HashMap<&'a str, &'a Map<String, Value>>;

/// An object, or the node it refers to by `@id`.
fn resolve<'a>(m: &'a Map<String, Value>, index: &Index<'a>) -> &'a Map<String, Value> {
    let bare_ref = !m.contains_key("name") && !m.contains_key("@type");
    match m.get("@id").and_then(Value::as_str) {
        Some(id) if bare_ref => index.get(id).copied().unwrap_or(m),
        _ => m,
    }
}

/// Names in a value that may be a string, an object with `name`, or an
/// array of either, with whether each names an organisation.
fn names(v: &Value, index: &Index) -> Vec<(String, bool)> {
    let one = |v: &Value| -> Option<(String, bool)> {
        match v {
            Value::String(s) => clean(s).map(|s| (s, false)),
            Value::Object(m) => {
                let m = resolve(m, index);
                let name = m.get("name").and_then(|n| match n {
                    Value::String(s) => clean(s),
                    Value::Array(a) => a.iter().find_map(Value::as_str).and_then(clean),
                    _ => None,
                });
                let name = name.or_else(|| {
                    let part = |k: &str| m.get(k).and_then(Value::as_str).and_then(clean);
                    match (part("givenName"), part("familyName")) {
                        (Some(g), Some(f)) => Some(format!("{g} {f}")),
                        _ => None,
                    }
                });
                name.map(|n| (n, is_a(m, ORG_TYPES)))
            }
            _ => None,
        }
    };
    match v {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        v => one(v).into_iter().collect(),
    }
}

fn first_name(v: Option<&Value>, index: &Index) -> Option<String> {
    v.and_then(|v| names(v, index).into_iter().next().map(|(n, _)| n))
}

/// A date value: ISO 8601 first, then any full date written out.
pub(super) fn date_of(s: &str) -> Option<Date> {
    let s = s.trim();
    crate::calendar::parse_iso_prefix(s).or_else(|| {
        crate::calendar::find_dates(s)
            .into_iter()
            .map(|f| f.date)
            .find(|d| d.year.is_some() && d.day.is_some())
    })
}

/// Reads the blocks of one page.
pub(super) fn read(blocks: &[String], publisher_hint: Option<&str>) -> LdMeta {
    let values: Vec<Value> = blocks.iter().filter_map(|b| parse(b)).collect();
    let mut all = Vec::new();
    for v in &values {
        nodes(v, &mut all);
    }
    let index: Index = all
        .iter()
        .filter_map(|m| Some((m.get("@id")?.as_str()?, *m)))
        .collect();
    let article = all.iter().find(|m| is_a(m, ARTICLE_TYPES)).copied();
    let page = all.iter().find(|m| is_a(m, PAGE_TYPES)).copied();
    let site = all.iter().find(|m| is_a(m, &["WebSite"])).copied();
    let org = all
        .iter()
        .find(|m| is_a(m, &["NewsMediaOrganization", "Organization"]))
        .copied();
    let mut out = LdMeta::default();
    let get = |k: &str| {
        article
            .and_then(|a| a.get(k))
            .or_else(|| page.and_then(|p| p.get(k)))
    };
    out.title = article
        .and_then(|a| a.get("headline").or_else(|| a.get("name")))
        .and_then(Value::as_str)
        .and_then(clean)
        // Search engines cut headlines at 110 characters; a cut one is not the headline.
        .filter(|t| !t.ends_with("...") && !t.ends_with('\u{2026}'));
    out.publisher = first_name(get("publisher"), &index)
        .or_else(|| {
            site.and_then(|s| s.get("name"))
                .and_then(Value::as_str)
                .and_then(clean)
        })
        .or_else(|| {
            org.and_then(|o| o.get("name"))
                .and_then(Value::as_str)
                .and_then(clean)
        });
    let publisher = out.publisher.as_deref().or(publisher_hint);
    for (name, is_org) in get("author")
        .or_else(|| get("creator"))
        .map(|v| names(v, &index))
        .unwrap_or_default()
    {
        if is_org {
            continue;
        }
        for a in super::meta::split_byline(&name, publisher) {
            if !out.authors.contains(&a) {
                out.authors.push(a);
            }
        }
    }
    out.published = ["datePublished", "dateCreated", "uploadDate"]
        .iter()
        .find_map(|k| get(k).and_then(Value::as_str).and_then(date_of));
    let based_on = get("isBasedOn").and_then(|v| {
        let v = match v {
            Value::Array(a) => a.first()?,
            v => v,
        };
        match v {
            Value::String(s) => clean(s),
            Value::Object(m) => {
                let m = resolve(m, &index);
                first_name(m.get("publisher"), &index)
                    .or_else(|| first_name(m.get("sourceOrganization"), &index))
                    .or_else(|| m.get("url").and_then(Value::as_str).and_then(clean))
                    .or_else(|| m.get("name").and_then(Value::as_str).and_then(clean))
            }
            _ => None,
        }
    });
    let bare = |s: &str| s.to_lowercase().trim_start_matches("the ").replace(' ', "");
    let other_org = ["sourceOrganization", "provider"]
        .iter()
        .find_map(|k| first_name(get(k), &index))
        .filter(|o| publisher.is_none_or(|p| bare(p) != bare(o)));
    out.original_source = based_on.or(other_org);
    if let Some(v) = get("articleSection") {
        let list: Vec<&str> = match v {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        for s in list.iter().flat_map(|s| s.split(',')) {
            if let Some(s) = clean(s).filter(|s| s.split(' ').count() <= 4) {
                if !out.sections.iter().any(|x| x.eq_ignore_ascii_case(&s)) {
                    out.sections.push(s);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ld(blocks: &[&str]) -> LdMeta {
        let blocks: Vec<String> = blocks.iter().map(|b| b.to_string()).collect();
        read(&blocks, None)
    }

    #[test]
    fn a_news_article() {
        let m = ld(&[r#"{"@context":"https://schema.org","@type":"NewsArticle",
            "headline":"Port strike ends after nine days",
            "author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Person","name":"Tom Berg"}],
            "publisher":{"@type":"Organization","name":"Harbor Times"},
            "datePublished":"2025-03-04T08:00:00+01:00","articleSection":["Business","Ports"],
            "isBasedOn":{"@type":"NewsArticle","url":"https://wire.example/a","publisher":{"name":"Harbor Wire"}}}"#]);
        assert_eq!(m.title.as_deref(), Some("Port strike ends after nine days"));
        assert_eq!(m.authors, ["Ana Ruiz", "Tom Berg"]);
        assert_eq!(m.publisher.as_deref(), Some("Harbor Times"));
        assert_eq!(m.published.map(|d| d.iso()).as_deref(), Some("2025-03-04"));
        assert_eq!(m.sections, ["Business", "Ports"]);
        assert_eq!(m.original_source.as_deref(), Some("Harbor Wire"));
    }

    #[test]
    fn graphs_with_references() {
        let m = ld(&[r##"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","@id":"https://h.example/#website","name":"Harbor Herald"},
            {"@type":"Organization","@id":"https://h.example/#org","name":"Harbor Herald Media LLC"},
            {"@type":["Article","BlogPosting"],"@id":"https://h.example/a#article",
             "headline":"Docks reopen &amp; ships leave","author":{"@id":"https://h.example/#/person/1"},
             "publisher":{"@id":"https://h.example/#org"},"datePublished":"2024-10-07"},
            {"@type":"Person","@id":"https://h.example/#/person/1","name":"Mara Quist"}]}"##]);
        assert_eq!(m.title.as_deref(), Some("Docks reopen & ships leave"));
        assert_eq!(m.authors, ["Mara Quist"]);
        assert_eq!(m.publisher.as_deref(), Some("Harbor Herald Media LLC"));
        assert_eq!(m.published.map(|d| d.iso()).as_deref(), Some("2024-10-07"));
    }

    #[test]
    fn authors_that_are_not_people() {
        let m = ld(&[r#"[{"@type":"BreadcrumbList","itemListElement":[]},
            {"@type":"ReportageNewsArticle","headline":"A headline",
             "author":[{"@type":"Organization","name":"Harbor Times"},"By Ana Ruiz and Tom Berg","3 minute read","https://h.example/staff"],
             "publisher":"Harbor Times","sourceOrganization":{"name":"Harbor Wire"},
             "datePublished":"Sep 10, 2024 12:00 AM"}]"#]);
        assert_eq!(m.authors, ["Ana Ruiz", "Tom Berg"]);
        assert_eq!(m.publisher.as_deref(), Some("Harbor Times"));
        assert_eq!(m.original_source.as_deref(), Some("Harbor Wire"));
        assert_eq!(m.published.map(|d| d.iso()).as_deref(), Some("2024-09-10"));
    }

    #[test]
    fn hostile_and_broken_blocks_are_skipped_or_repaired() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let m = ld(&[
            "",
            "not json at all",
            "{\"@type\": \"NewsArticle\", \"headline\": ",
            &deep,
            "{\"@type\": 5, \"headline\": [1, 2], \"author\": {\"name\": null}}",
            "<!-- {\"@type\":\"NewsArticle\",\"headline\":\"Line\nbreak headline\",\"author\":{\"@id\":\"#nobody\"}}; -->",
        ]);
        assert_eq!(m.title.as_deref(), Some("Line break headline"));
        assert!(m.authors.is_empty(), "{:?}", m.authors);
        assert_eq!(m.published, None);
        // a cut headline is not used; entities that do not decode stay as written
        let m = ld(&[
            r#"{"@type":"NewsArticle","headline":"A very long headline that was cut...","author":"Ana &bogus Ruiz &#39;"}"#,
        ]);
        assert_eq!(m.title, None);
        assert_eq!(
            decode_entities("Ana &bogus Ruiz &#39;"),
            "Ana &bogus Ruiz '"
        );
    }

    #[test]
    fn pages_without_an_article_node() {
        let m = ld(&[
            r#"{"@type":"WebPage","name":"Home | Harbor Times","datePublished":"2023-01-02","publisher":{"name":"Harbor Times"}}"#,
        ]);
        assert_eq!(m.title, None);
        assert_eq!(m.publisher.as_deref(), Some("Harbor Times"));
        assert_eq!(m.published.map(|d| d.iso()).as_deref(), Some("2023-01-02"));
    }
}
