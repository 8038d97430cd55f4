//! Clean documents (issue 4): article text, boilerplate, posts and
//! metadata, on small hand-written captures of each kind users drop, plus
//! guards on the extraction benchmarks in ../shared (skipped when absent).

use std::collections::HashMap;

use dossier::ingest::{ingest, ingest_str, Document, Format};

fn doc(name: &str, text: &str) -> Document {
    let d = ingest_str(name, text, None);
    assert!(d.warnings.is_empty(), "{name}: {:?}", d.warnings);
    d
}

/// The content spans, one string each.
fn content(d: &Document) -> Vec<&str> {
    d.content.iter().map(|s| s.slice(&d.text)).collect()
}

fn joined(d: &Document) -> String {
    content(d).join("\n")
}

fn posts(d: &Document) -> Vec<&str> {
    d.posts.iter().map(|s| s.slice(&d.text)).collect()
}

const WIRE: &str = "Port strike ends after nine days as dockers accept pay deal
By Ana Ruiz, Harbor Wire
March 4, 2025 12:00 AM

LAGOS (Harbor Wire) - Dockworkers returned to the piers on Tuesday after the union accepted a new contract offer from the port authority, ending a stoppage that had idled forty ships.

The deal raises wages by six percent over three years, officials said, and adds a safety committee that the union had demanded since the spring.

\"We got what we came for,\" said Ines Harlow, the union's president, speaking outside the hall where members voted.

Shipping lines said it would take a week to clear the backlog of containers waiting at anchor off the coast.

Reporting by Ana Ruiz; editing by Tom Berg
";

#[test]
fn wire_story() {
    let d = doc("wire.txt", WIRE);
    assert_eq!(d.format, Format::Text);
    let body = joined(&d);
    assert!(body.contains("Dockworkers returned to the piers"), "{body}");
    assert!(body.contains("clear the backlog"), "{body}");
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Port strike ends after nine days as dockers accept pay deal")
    );
    assert_eq!(d.meta.authors, ["Ana Ruiz", "Tom Berg"]);
    assert_eq!(
        d.meta.published.map(|p| p.iso()).as_deref(),
        Some("2025-03-04")
    );
    assert_eq!(d.posts.len(), 1);
}

const FARM: &str = "dailyglobebuzz.com

Breaking news and insights at dailyglobebuzz.com

Harbor Workers Celebrate as Nine-Day Port Strike Finally Comes to an End

In a remarkable turn of events, dockworkers at the harbor have returned to their posts after a nine-day strike that captured national attention and disrupted shipping across the region.

The agreement, reached late on Monday, raises wages by six percent over three years and creates a new safety committee, according to officials familiar with the talks.

Observers noted that the resolution could set a precedent for other ports, where unions have been watching the negotiations closely for signs of what they might win.

In summary, the end of the strike highlights the growing influence of organized labor in the shipping industry and the pressures facing port authorities.

Original Source: www.harborwire.example

Jane Doe

Jane Doe is a seasoned journalist who has covered labor and trade for more than a decade. She lives in Lisbon with her two cats and enjoys long walks along the river.

Leave a Reply

Your email address will not be published. Required fields are marked *
";

#[test]
fn content_farm_with_author_bio_and_leave_a_reply() {
    let d = doc("farm.txt", FARM);
    let body = joined(&d);
    assert!(body.contains("In a remarkable turn of events"), "{body}");
    assert!(body.contains("pressures facing port authorities"), "{body}");
    assert!(!body.contains("Leave a Reply"), "{body}");
    assert!(!body.contains("Required fields"), "{body}");
    assert!(!body.contains("seasoned journalist"), "{body}");
    assert!(!body.contains("Original Source:"), "{body}");
    assert_eq!(d.meta.authors, ["Jane Doe"]);
    assert_eq!(d.meta.publisher.as_deref(), Some("dailyglobebuzz.com"));
    assert_eq!(
        d.meta.original_source.as_deref(),
        Some("www.harborwire.example")
    );
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Harbor Workers Celebrate as Nine-Day Port Strike Finally Comes to an End")
    );
    assert!(d
        .meta
        .urls
        .iter()
        .any(|u| u.contains("www.harborwire.example")));
}

const FEED: &str = "Dockers in Velmora are back at work after nine days on strike, the port authority said on Tuesday. https://lnkd.in/abc123
Harbor Wire\u{2019}s Post
More Relevant Posts
-
Ines Harlow
Logistics analyst | Ports and supply chains
Good news for shippers: Velmora was holding 41 vessels at anchor. Expect freight rates to ease by next month.
To view or add a comment, sign in
-
Executive with global experience, Author on Asia / trade, Public Speaker, Mentor and Coach
Very interesting deal that follows a long pattern of settlements on the northern route.
Port strike ends after nine days
harborwire.example
To view or add a comment, sign in
-
Executive with global experience, Author on Asia / trade, Public Speaker, Mentor and Coach
Very interesting deal that follows a long pattern of settlements on the northern route.
Port strike ends after nine days
harborwire.example
To view or add a comment, sign in
6,144 followers
";

#[test]
fn feed_splits_into_posts_and_keeps_repeats_apart() {
    let d = doc("feed.txt", FEED);
    let p = posts(&d);
    assert_eq!(p.len(), 4, "{p:#?}");
    assert!(p[0].starts_with("Dockers in Velmora"));
    assert!(p[1].starts_with("Good news for shippers"), "{p:#?}");
    assert!(p[2].starts_with("Very interesting deal"), "{p:#?}");
    // the repeated post is its own span, with the same text
    assert_eq!(p[2], p[3]);
    assert_ne!(d.posts[2], d.posts[3]);
    for post in &p {
        assert!(!post.contains("To view or add a comment"), "{post}");
        assert!(!post.contains("followers"), "{post}");
        assert!(!post.contains("Executive with global experience"), "{post}");
        assert!(!post.contains("harborwire.example\n"), "{post}");
    }
    assert_eq!(d.meta.title, None);
    assert_eq!(d.meta.publisher.as_deref(), Some("Harbor Wire"));
}

const AGGREGATOR: &str = "Sep 10, 2024, 12:00 AM
Sep 9, 2024, 12:00 AM

Port strike ends after nine days as dockers accept a pay deal

Provocative
Highlights
  \u{2022} Dockworkers returned to the piers on Tuesday after accepting a new contract offer.
  \u{2022} The deal raises wages by six percent over three years, officials said.
Story

Dockworkers returned to the piers on Tuesday after the union accepted a new contract offer from the port authority, ending a stoppage that had idled forty ships and cost local businesses millions of euros a day. Union leaders said members had voted overwhelmingly in favour of the deal, which also creates a safety committee.

Opinions

You've reached the end
";

#[test]
fn aggregator_page_with_highlights() {
    let d = doc("aggregator.txt", AGGREGATOR);
    let body = joined(&d);
    assert!(body.contains("Union leaders said members"), "{body}");
    assert!(!body.contains("You've reached the end"), "{body}");
    // the Highlights box restates the story: page furniture
    assert!(
        !body.contains("after accepting a new contract offer."),
        "{body}"
    );
    assert!(!body.contains("Highlights"), "{body}");
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Port strike ends after nine days as dockers accept a pay deal")
    );
    assert!(
        d.meta.labels.iter().any(|l| l == "Provocative"),
        "{:?}",
        d.meta.labels
    );
    assert_eq!(
        d.meta.published.map(|p| p.iso()).as_deref(),
        Some("2024-09-10")
    );
    assert!(d.meta.authors.is_empty(), "{:?}", d.meta.authors);
}

const MARKET: &str = "Port Operator Shares Rise As Nine-Day Strike Ends With Pay Deal
AAPL +1.2%
MSFT -0.4%
HRBR +6.1%

In a recent development, shares of the harbor operator rose sharply after dockworkers accepted a new contract offer that ends a nine-day strike at its largest terminal.

What Happened: The union accepted a wage increase of six percent over three years, the company said in a statement on Tuesday, and work resumed at the terminal the same day.

Why It Matters: Analysts had warned that a longer stoppage could cut the operator's quarterly earnings, as forty ships waited at anchor and customers rerouted cargo to rival ports.

This story was generated using Acme Neuro and edited by Priya Raman

Market News and Data brought to you by Acme APIs
Comments
Loading...
Posted In: Markets, Transportation
Trade confidently with insights and alerts from analyst ratings.
Join Now: Free!
";

#[test]
fn market_news_with_ticker_and_loading() {
    let d = doc("market.txt", MARKET);
    let body = joined(&d);
    assert!(
        body.contains("shares of the harbor operator rose"),
        "{body}"
    );
    assert!(body.contains("rerouted cargo to rival ports"), "{body}");
    assert!(!body.contains("Loading..."), "{body}");
    assert!(!body.contains("Join Now"), "{body}");
    assert!(!body.contains("MSFT -0.4%"), "{body}");
    // the AI disclosure is a label, not the story
    assert!(!body.contains("generated using"), "{body}");
    assert_eq!(d.meta.publisher.as_deref(), Some("Acme"));
    assert_eq!(d.meta.authors, ["Priya Raman"]);
    assert!(
        d.meta
            .labels
            .iter()
            .any(|l| l == "generated using Acme Neuro"),
        "{:?}",
        d.meta.labels
    );
    assert!(
        d.meta.labels.iter().any(|l| l == "Markets"),
        "{:?}",
        d.meta.labels
    );
}

#[test]
fn false_authors_are_never_dates_sites_or_reading_times() {
    let text = "China and North Korea mark 75 years of diplomatic relations
Asia-Pacific, News October 7, 2024 No Comments 3 minute read
By October 7, 2024
Chinese President Xi Jinping and North Korean leader Kim Jong Un exchanged messages of cooperation on October 6, 2024, commemorating 75 years of ties.
Both leaders underscored their commitment to strengthening bilateral relationships, reaffirming the historic partnership between the two neighbours.
Leave a comment
";
    let d = doc("farm2.txt", text);
    assert!(d.meta.authors.is_empty(), "{:?}", d.meta.authors);
    assert_eq!(
        d.meta.published.map(|p| p.iso()).as_deref(),
        Some("2024-10-07")
    );
    assert!(d.meta.labels.iter().any(|l| l == "Asia-Pacific"));

    let html = r#"<!doctype html><html><head><title>Docks reopen | Harbor Times</title>
<meta property="og:site_name" content="Harbor Times">
<meta name="author" content="Harbor Times">
<meta property="article:published_time" content="2025-03-04T08:00:00Z"></head>
<body><article><h1>Docks reopen</h1><p class="byline">3 min read</p>
<p>Dockworkers returned to the piers on Tuesday after the union accepted a new contract offer from the port authority.</p>
<p>The deal raises wages by six percent over three years, officials said, and ends a stoppage that had idled forty ships.</p>
</article></body></html>"#;
    let d = ingest("docks.html", html.as_bytes());
    assert_eq!(d.format, Format::Html);
    assert!(d.meta.authors.is_empty(), "{:?}", d.meta.authors);
    assert_eq!(d.meta.publisher.as_deref(), Some("Harbor Times"));
    assert_eq!(d.meta.title.as_deref(), Some("Docks reopen"));
    assert_eq!(
        d.meta.published.map(|p| p.iso()).as_deref(),
        Some("2025-03-04")
    );
}

#[test]
fn html_wire_story_keeps_the_article_and_drops_the_chrome() {
    let html = r#"<!doctype html><html><head><title>Port strike ends</title>
<meta property="og:site_name" content="Harbor Times"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
<article><h1>Port strike ends after nine days</h1><p class="byline">By Mara Quist and Tom Berg</p>
<p>Dockworkers returned to the piers on Tuesday after the union accepted a new contract offer from the port authority.</p>
<p>The deal raises wages by six percent over three years, officials said, and ends a stoppage that had idled forty ships.</p>
<p>&ldquo;We got what we came for,&rdquo; said Ines Harlow, the union&#39;s president, outside the hall.</p>
</article><aside class="related"><h3>Related</h3><ul><li><a href="/a">Ferry fares to rise</a></li></ul></aside>
<footer>&copy; 2025 Harbor Times. <a href="/subscribe">Subscribe now</a></footer></body></html>"#;
    let d = ingest("story.html", html.as_bytes());
    let body = joined(&d);
    assert!(body.contains("Dockworkers returned"), "{body}");
    assert!(body.contains("outside the hall."), "{body}");
    assert!(!body.contains("Subscribe now"), "{body}");
    assert!(!body.contains("Ferry fares"), "{body}");
    assert_eq!(d.meta.authors, ["Mara Quist", "Tom Berg"]);
}

#[test]
fn short_and_non_english_pages_keep_content() {
    for text in [
        "Nota breve.",
        "港湾ストライキは九日間で終わった。労働組合は新しい契約を受け入れた。",
        "Забастовка в порту закончилась.\nПрофсоюз принял новое предложение.",
        "Greve no porto termina\n\nOs estivadores voltaram ao trabalho na terça-feira depois de aceitar a nova proposta.",
    ] {
        let d = doc("short.txt", text);
        assert!(!d.content.is_empty(), "{text}");
        assert!(!d.posts.is_empty(), "{text}");
    }
}

// ------------------------------------------------------------ benchmark guards

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect()
}

fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let t = words(text);
    let mut m = HashMap::new();
    if t.len() < 4 {
        if !t.is_empty() {
            m.insert(t, 1);
        }
        return m;
    }
    for w in t.windows(4) {
        *m.entry(w.to_vec()).or_insert(0) += 1;
    }
    m
}

/// The benchmark's F1 (as `shared/eval/extract/score.py` computes it).
fn f1(pairs: &[(String, String)]) -> f64 {
    let mut precs = Vec::new();
    let mut recs = Vec::new();
    for (truth, pred) in pairs {
        let (t, p) = (shingles(truth), shingles(pred));
        let mut tp = 0;
        let mut fp = 0;
        for (k, &n) in &p {
            let m = t.get(k).copied().unwrap_or(0);
            tp += n.min(m);
            fp += n.saturating_sub(m);
        }
        let fn_: usize = t
            .iter()
            .map(|(k, &n)| n.saturating_sub(p.get(k).copied().unwrap_or(0)))
            .sum();
        if tp + fp > 0 {
            precs.push(if fp == 0 && fn_ == 0 {
                1.0
            } else {
                tp as f64 / (tp + fp) as f64
            });
        }
        if tp + fn_ > 0 {
            recs.push(if fp == 0 && fn_ == 0 {
                1.0
            } else {
                tp as f64 / (tp + fn_) as f64
            });
        }
    }
    let p = precs.iter().sum::<f64>() / precs.len().max(1) as f64;
    let r = recs.iter().sum::<f64>() / recs.len().max(1) as f64;
    2.0 * p * r / (p + r)
}

fn truth() -> Option<Vec<(String, String)>> {
    let path = crate::util::shared("data/article-extraction/ground-truth.json")?;
    let raw = std::fs::read_to_string(path).expect("ground truth");
    let v: serde_json::Value = serde_json::from_str(&raw).expect("json");
    let mut out: Vec<(String, String)> = v
        .as_object()
        .expect("object")
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v["articleBody"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    out.sort();
    Some(out)
}

#[test]
fn text_dump_benchmark_guard() {
    let (Some(gt), Some(dir)) = (
        truth(),
        crate::util::shared("data/article-extraction-txt/txt"),
    ) else {
        return;
    };
    let pairs: Vec<(String, String)> = gt
        .into_iter()
        .map(|(id, body)| {
            let bytes = std::fs::read(dir.join(format!("{id}.txt"))).expect("dump");
            let d = ingest(&format!("{id}.txt"), &bytes);
            assert!(!d.content.is_empty(), "{id} has no content");
            (body, joined(&d))
        })
        .collect();
    let score = f1(&pairs);
    // The shipped model scores 0.922 on these pages (0.91 held out).
    assert!(score >= 0.90, "text-dump F1 {score:.4}");
}

#[test]
fn html_benchmark_guard() {
    let (Some(gt), Some(dir)) = (truth(), crate::util::shared("data/article-extraction/html"))
    else {
        return;
    };
    let pairs: Vec<(String, String)> = gt
        .into_iter()
        .map(|(id, body)| {
            let path = dir.join(format!("{id}.html.gz"));
            let out = std::process::Command::new("gzip")
                .arg("-dc")
                .arg(&path)
                .output()
                .expect("gzip runs");
            let d = ingest(&format!("{id}.html"), &out.stdout);
            (body, joined(&d))
        })
        .collect();
    let score = f1(&pairs);
    // The shipped model scores 0.968 on these pages (0.96 held out).
    assert!(score >= 0.955, "HTML F1 {score:.4}");
}

/// A page whose JSON-LD, meta tags and visible byline disagree: JSON-LD
/// wins, organisations and desks are never authors.
const LD_PAGE: &str = r##"<!doctype html><html><head>
<title>Docks reopen as strike ends - Harbor Times</title>
<meta property="og:title" content="Docks reopen | Harbor Times">
<meta property="og:site_name" content="Harbor Times">
<meta name="author" content="Harbor Times Staff">
<meta property="article:published_time" content="2025-03-05T08:00:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle", "headline": </script>
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","@id":"https://h.example/#site","name":"Harbor Times"},
 {"@type":"NewsArticle","headline":"Docks reopen as nine-day strike ends",
  "author":[{"@type":"Person","name":"MARA QUIST"},{"@type":"Organization","name":"Harbor Times"},{"@id":"https://h.example/#p2"}],
  "publisher":{"@id":"https://h.example/#site"},"datePublished":"2025-03-04T08:00:00Z",
  "articleSection":"Business","isBasedOn":{"@type":"NewsArticle","publisher":{"name":"Harbor Wire"}}},
 {"@type":"Person","@id":"https://h.example/#p2","name":"Tom Berg"}]}
</script></head>
<body><nav><ul><li><a href="/opinion">Opinion</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Docks reopen as nine-day strike ends</h1><p class="byline">By Someone Else | 3 min read</p>
<p>Dockworkers returned to the piers on Tuesday after the union accepted a new contract offer from the port authority.</p>
<p>The deal raises wages by six percent over three years, officials said, and ends a stoppage that had idled forty ships.</p>
</article><footer>&copy; 2025 Harbor Times Media. All rights reserved</footer></body></html>"##;

#[test]
fn json_ld_metadata_comes_first() {
    let d = ingest("ld.html", LD_PAGE.as_bytes());
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Docks reopen as nine-day strike ends")
    );
    assert_eq!(d.meta.authors, ["Mara Quist", "Tom Berg"]);
    assert_eq!(d.meta.publisher.as_deref(), Some("Harbor Times"));
    assert_eq!(
        d.meta.published.map(|p| p.iso()).as_deref(),
        Some("2025-03-04")
    );
    assert_eq!(d.meta.original_source.as_deref(), Some("Harbor Wire"));
    assert_eq!(d.meta.labels, ["Business"], "menu entries are not labels");
    let body = joined(&d);
    assert!(body.contains("Dockworkers returned"), "{body}");
}

#[test]
fn without_json_ld_meta_tags_then_the_page_speak() {
    // meta tags: Dublin Core date, an author list with a desk and a credential
    let html = r#"<html><head><title>Docks reopen</title>
<meta name="dc.date" content="2024-10-07">
<meta name="author" content="Ana Ruiz, MS, CNN Business">
<meta name="application-name" content="CNN"></head>
<body><article><h1>Docks reopen</h1>
<p>Dockworkers returned to the piers on Tuesday after the union accepted a new contract offer from the port authority.</p>
<p>The deal raises wages by six percent over three years, officials said, and ends a stoppage that had idled forty ships.</p>
</article></body></html>"#;
    let d = ingest("meta.html", html.as_bytes());
    assert_eq!(d.meta.authors, ["Ana Ruiz"]);
    assert_eq!(d.meta.publisher.as_deref(), Some("CNN"));
    assert_eq!(
        d.meta.published.map(|p| p.iso()).as_deref(),
        Some("2024-10-07")
    );
    // nothing in the head: a <time> in the article, a visible byline, the copyright line
    let html = r#"<html><body><div class="post"><h1>Docks reopen</h1>
<div class="byline">Analysis by Tom Berg</div><time datetime="2023-05-06T10:00">May 6</time>
<p>Dockworkers returned to the piers on Tuesday after the union accepted a new contract offer from the port authority.</p>
<p>The deal raises wages by six percent over three years, officials said, and ends a stoppage that had idled forty ships.</p>
</div><p>Copyright &copy; 2023 Harbor Herald. All rights reserved.</p></body></html>"#;
    let d = ingest("plain.html", html.as_bytes());
    assert_eq!(d.meta.authors, ["Tom Berg"]);
    assert_eq!(d.meta.publisher.as_deref(), Some("Harbor Herald"));
    assert_eq!(
        d.meta.published.map(|p| p.iso()).as_deref(),
        Some("2023-05-06")
    );
}
