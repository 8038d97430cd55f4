//! `gencorpus`: writes a synthetic, news-like corpus for the benchmarks
//! (issue 7), so the scaling runs need no copied articles.
//!
//! ```text
//! cargo run --release --bin gencorpus -- N DIR [--seed S]
//! ```
//!
//! Writes `N` files (about half `.txt` text dumps, half `.html` saved
//! pages, about 5 KB each) to `DIR` and prints their count and bytes. Every
//! name (people, organizations, places, outlets) is made of invented
//! syllables, so no built-in list knows it and the tagger has to find it.
//! Documents come in stories of about eight about one event, sharing its
//! cast, so story grouping and alias merging have work; within a story some
//! documents are verbatim wire copies, some light rewrites of the wire text
//! and the rest original reports that often reuse a wire passage, so copy
//! detection has work too. A seeded PRNG (splitmix64) makes it exact: the
//! same `N` and seed give the same bytes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// splitmix64: tiny, fast and fully determined by its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `pick` for the fixed word lists, whose words outlive any call.
    fn word_of(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }
}

const ONSETS: &[&str] = &[
    "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kr", "st",
    "tr", "sh", "ch", "h", "j", "y", "gr", "pl", "sk", "th",
];
const VOWELS: &[&str] = &[
    "a", "e", "i", "o", "u", "a", "e", "o", "ai", "ei", "ou", "ia", "ae",
];
const CODAS: &[&str] = &[
    "", "", "", "n", "r", "l", "s", "k", "m", "nd", "v", "sh", "rt",
];

/// An invented capitalized word of `syllables` syllables.
fn word(rng: &mut Rng, syllables: usize) -> String {
    let mut w = String::new();
    for _ in 0..syllables {
        w.push_str(rng.word_of(ONSETS));
        w.push_str(rng.word_of(VOWELS));
        w.push_str(rng.word_of(CODAS));
    }
    let mut chars = w.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

#[derive(Clone)]
struct Person {
    first: String,
    last: String,
    title: &'static str,
}

impl Person {
    fn full(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

const TITLES: &[&str] = &[
    "minister",
    "spokesperson",
    "chief executive",
    "analyst",
    "mayor",
    "professor",
    "director",
    "union leader",
    "senior economist",
    "lawmaker",
    "police chief",
    "governor",
];
const ORG_FORMS: &[&str] = &[
    "{} Group",
    "{} Holdings",
    "{} Institute",
    "{} Party",
    "{} Labs",
    "{} Shipping",
    "{} Energy",
    "{} Bank",
    "{} Workers Union",
    "{} Foundation",
];
const PLACE_FORMS: &[&str] = &[
    "{}", "{}", "{}ia", "{}ova", "{}stan", "{} City", "{}port", "{}ville", "{}grad", "{}holm",
];
const OUTLET_FORMS: &[&str] = &[
    "The {} Herald",
    "{} Times",
    "{} Daily",
    "The {} Post",
    "{} Tribune",
    "{} Observer",
    "{} Ledger",
    "{} Today",
];
const TOPICS: &[&str] = &[
    "port", "bridge", "water", "tariff", "election", "pension", "railway", "refinery", "hospital",
    "vaccine", "budget", "strike", "drought", "mine", "airport", "housing",
];
const EVENTS: &[&str] = &[
    "talks collapse",
    "deal reached",
    "inquiry opens",
    "protest grows",
    "vote delayed",
    "plan unveiled",
    "deadline passes",
    "court rules",
    "costs soar",
    "workers walk out",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn form(template: &str, w: &str) -> String {
    template.replace("{}", w)
}

/// A fresh invented person, organization or place.
fn person(rng: &mut Rng) -> Person {
    let first_syl = rng.range(1, 2);
    let last_syl = rng.range(2, 3);
    Person {
        first: word(rng, first_syl),
        last: word(rng, last_syl),
        title: rng.word_of(TITLES),
    }
}

fn organization(rng: &mut Rng, places: &[String]) -> String {
    match rng.below(10) {
        0 => format!("Ministry of {}", capitalize(rng.word_of(TOPICS))),
        1 => format!(
            "{} {} Authority",
            rng.pick(places),
            capitalize(rng.word_of(TOPICS))
        ),
        _ => {
            let syl = rng.range(2, 3);
            let w = word(rng, syl);
            form(rng.word_of(ORG_FORMS), &w)
        }
    }
}

fn place(rng: &mut Rng) -> String {
    let syl = rng.range(2, 3);
    let w = word(rng, syl);
    form(rng.word_of(PLACE_FORMS), &w)
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// A day as (year, month 1-12, day); days counted from 2025-01-01 with
/// 28-day months, which is all a generator needs.
fn date(day: usize) -> (usize, usize, usize) {
    (2025 + day / 336, (day / 28) % 12 + 1, day % 28 + 1)
}

/// One event and the names that report it.
struct Story {
    topic: &'static str,
    event: &'static str,
    people: Vec<Person>,
    orgs: Vec<String>,
    places: Vec<String>,
    day: usize,
    /// Wire copy: paragraphs every outlet may reuse.
    wire: Vec<String>,
    agency: String,
}

/// Names that recur across stories, as in real coverage.
struct World {
    people: Vec<Person>,
    orgs: Vec<String>,
    places: Vec<String>,
    outlets: Vec<String>,
    agencies: Vec<String>,
}

impl World {
    fn new(rng: &mut Rng, stories: usize) -> World {
        let places: Vec<String> = (0..20 + stories / 4).map(|_| place(rng)).collect();
        let orgs = (0..20 + stories / 4)
            .map(|_| organization(rng, &places))
            .collect();
        let people = (0..30 + stories / 2).map(|_| person(rng)).collect();
        let outlets = (0..40)
            .map(|_| {
                let syl = rng.range(2, 3);
                let w = word(rng, syl);
                form(rng.word_of(OUTLET_FORMS), &w)
            })
            .collect();
        let agencies = (0..3)
            .map(|_| format!("{} Press Agency", word(rng, 2)))
            .collect();
        World {
            people,
            orgs,
            places,
            outlets,
            agencies,
        }
    }

    fn story(&self, rng: &mut Rng, index: usize) -> Story {
        let mut people: Vec<Person> = (0..rng.range(2, 4)).map(|_| person(rng)).collect();
        for _ in 0..rng.range(1, 2) {
            people.push(rng.pick(&self.people).clone());
        }
        let mut places = vec![place(rng)];
        places.push(rng.pick(&self.places).clone());
        let mut orgs = vec![organization(rng, &places)];
        for _ in 0..rng.range(1, 2) {
            orgs.push(rng.pick(&self.orgs).clone());
        }
        let mut story = Story {
            topic: rng.word_of(TOPICS),
            event: rng.word_of(EVENTS),
            people,
            orgs,
            places,
            day: index * 3 / 2 + rng.below(3),
            wire: Vec::new(),
            agency: rng.pick(&self.agencies).clone(),
        };
        story.wire = (0..rng.range(5, 8))
            .map(|_| paragraph(rng, &story))
            .collect();
        story
    }
}

const QUOTES: &[&str] = &[
    "We will not accept a {t} plan that leaves families behind",
    "The numbers speak for themselves and the {t} cannot wait another year",
    "Nobody in {l} was consulted before this decision",
    "This is the most serious {t} crisis we have faced in a decade",
    "We are confident the agreement will hold",
    "I have asked {o} to publish every document",
    "There is still time to fix the {t} before winter",
    "Our members are ready to return to work tomorrow if the offer is fair",
    "It is too early to say what went wrong",
    "The people of {l} deserve answers, not slogans",
];

const SENTENCES: &[&str] = &[
    "{P}, the {title} of {o}, said the {t} would cost about {money}.",
    "Officials in {l} said {n} people had been affected by {d}.",
    "The {t} has been a source of tension between {o} and {o2} for years.",
    "{p} met representatives of {o2} in {l2} {d}, according to two people familiar with the talks.",
    "Shares in {o} fell {pct} percent after the announcement.",
    "A report published {d} by {o2} found that {pct} percent of households in {l} were affected.",
    "{P} declined to comment on the figures.",
    "The {t} in {l} handles roughly {n} tonnes of cargo a month, {o} says.",
    "Critics, including {P2}, argue the plan was rushed through without a proper review.",
    "The dispute began {d} when {o} announced {n} job cuts.",
    "{l} and {l2} have both asked {o2} to mediate.",
    "Analysts at {o2} expect the {t} to reopen within {small} weeks.",
    "{p2} has previously warned that delays could cost {money}.",
    "The government in {l} has set aside {money} for the {t}.",
    "Residents of {l2} gathered outside the offices of {o} {d}.",
    "It was the {ord} such incident this year, {o2} said in a statement.",
    "{P} arrived in {l} on {weekday} for a two-day visit.",
    "{p}'s office said the talks had been \"constructive\".",
    "About {n} workers are employed at the {t}, which opened in {year}.",
    "The {t} has not been inspected since {month} {year}.",
];

/// A body paragraph about `story`: three to six sentences, often a quote.
fn paragraph(rng: &mut Rng, story: &Story) -> String {
    let mut out = String::new();
    let sentences = rng.range(3, 6);
    for i in 0..sentences {
        if i > 0 {
            out.push(' ');
        }
        if i == sentences - 1 && rng.chance(55) {
            out.push_str(&quote(rng, story));
        } else {
            let template = rng.word_of(SENTENCES);
            out.push_str(&fill(rng, template, story));
        }
    }
    out
}

fn quote(rng: &mut Rng, story: &Story) -> String {
    let speaker = rng.pick(&story.people).clone();
    let template = rng.word_of(QUOTES);
    let said = fill(rng, template, story);
    match rng.below(4) {
        0 => format!(
            "\"{said},\" said {}, the {} of {}.",
            speaker.full(),
            speaker.title,
            rng.pick(&story.orgs)
        ),
        1 => format!("\u{201c}{said},\u{201d} {} said.", speaker.last),
        2 => format!("{} told reporters: \"{said}.\"", speaker.full()),
        _ => format!(
            "\"{said},\" {} said in a statement on {}.",
            speaker.last,
            rng.word_of(WEEKDAYS)
        ),
    }
}

/// Replaces every slot in `template` with a name or number from `story`.
fn fill(rng: &mut Rng, template: &str, story: &Story) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let slot = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let p = rng.below(story.people.len());
        let p2 = (p + 1 + rng.below(story.people.len() - 1)) % story.people.len();
        let value = match slot {
            "P" => story.people[p].full(),
            "P2" => story.people[p2].full(),
            "p" => story.people[p].last.clone(),
            "p2" => story.people[p2].last.clone(),
            "title" => story.people[p].title.to_string(),
            "o" => story.orgs[0].clone(),
            "o2" => rng.pick(&story.orgs[1..]).clone(),
            "l" => story.places[0].clone(),
            "l2" => story.places[1].clone(),
            "t" => story.topic.to_string(),
            "n" => format!("{},{:03}", rng.range(1, 90), rng.below(1000)),
            "small" => rng.range(2, 12).to_string(),
            "pct" => format!("{}.{}", rng.range(1, 60), rng.below(10)),
            "money" => format!("${}.{} {}", rng.range(1, 900), rng.below(10), {
                if rng.chance(50) {
                    "million"
                } else {
                    "billion"
                }
            }),
            "ord" => rng
                .word_of(&["second", "third", "fourth", "fifth"])
                .to_string(),
            "weekday" => rng.word_of(WEEKDAYS).to_string(),
            "month" => rng.word_of(MONTHS).to_string(),
            "year" => rng.range(1968, 2024).to_string(),
            "d" => match rng.below(4) {
                0 => format!("on {}", rng.word_of(WEEKDAYS)),
                1 => "last month".to_string(),
                2 => format!("in {} {}", rng.word_of(MONTHS), rng.range(2019, 2024)),
                _ => format!("on {} {}", rng.range(1, 28), rng.word_of(MONTHS)),
            },
            other => other.to_string(),
        };
        out.push_str(&value);
    }
    out.push_str(rest);
    out
}

/// Word swaps a content farm makes to disguise a copy.
const SWAPS: &[(&str, &str)] = &[
    (" said ", " stated "),
    (" about ", " around "),
    (" people ", " residents "),
    (" announced ", " revealed "),
    (" expect ", " anticipate "),
    (" affected", " impacted"),
    (" asked ", " urged "),
];

/// A light rewrite of `text`: a few word swaps, so near-duplicate
/// detection (not exact hashing) is needed to find it.
fn rewrite(rng: &mut Rng, text: &str) -> String {
    let mut out = text.to_string();
    for (from, to) in SWAPS {
        if rng.chance(70) {
            out = out.replace(from, to);
        }
    }
    out
}

/// How a document relates to its story's wire copy.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    WireCopy,
    Rewrite,
    Original,
}

struct Article {
    headline: String,
    outlet: String,
    byline: String,
    day: usize,
    dateline: String,
    paragraphs: Vec<String>,
    credit: Option<String>,
    related: Vec<String>,
}

fn article(rng: &mut Rng, world: &World, story: &Story, kind: Kind) -> Article {
    let outlet = rng.pick(&world.outlets).clone();
    let target = rng.range(2400, 5200);
    let mut paragraphs: Vec<String> = match kind {
        Kind::WireCopy => story.wire.clone(),
        Kind::Rewrite => {
            let mut p: Vec<String> = story.wire.iter().map(|p| rewrite(rng, p)).collect();
            if p.len() > 3 && rng.chance(50) {
                let drop = rng.below(p.len());
                p.remove(drop);
            }
            p
        }
        Kind::Original => Vec::new(),
    };
    if kind == Kind::Original && rng.chance(60) {
        // a shared wire passage, placed somewhere in the middle later
        let take = rng.range(1, 2).min(story.wire.len());
        let start = rng.below(story.wire.len() - take + 1);
        paragraphs.extend(story.wire[start..start + take].iter().cloned());
    }
    while paragraphs.iter().map(String::len).sum::<usize>() < target {
        let p = paragraph(rng, story);
        let at = rng.below(paragraphs.len() + 1);
        paragraphs.insert(at, p);
    }
    let lead = &story.people[0];
    let headline = match rng.below(3) {
        0 => format!(
            "{} {}: {} {}",
            story.places[0],
            story.topic,
            story.event,
            if rng.chance(50) {
                "as pressure mounts"
            } else {
                ""
            }
        )
        .trim_end()
        .to_string(),
        1 => format!(
            "{} says {} {} after {}",
            lead.last, story.topic, story.event, story.orgs[0]
        ),
        _ => format!(
            "{} {} in {}",
            capitalize(story.topic),
            story.event,
            story.places[0]
        ),
    };
    let reporter = person(rng);
    let credit = (kind != Kind::Original || rng.chance(30)).then(|| story.agency.clone());
    let related = (0..rng.range(3, 6))
        .map(|_| {
            format!(
                "{} {} in {}",
                capitalize(rng.word_of(TOPICS)),
                rng.word_of(EVENTS),
                rng.pick(&world.places)
            )
        })
        .collect();
    Article {
        headline,
        outlet,
        byline: reporter.full(),
        day: story.day + rng.below(3),
        dateline: story.places[0].to_uppercase(),
        paragraphs,
        credit,
        related,
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn slug(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// A text dump as copied from a site: headline, byline, date, body.
fn as_text(a: &Article) -> String {
    let (y, m, d) = date(a.day);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}\nBy {}\n{} | {} {}, {}\n",
        a.headline,
        a.byline,
        a.outlet,
        MONTHS[m - 1],
        d,
        y
    );
    for (i, p) in a.paragraphs.iter().enumerate() {
        if i == 0 {
            let _ = writeln!(out, "{} ({}) - {p}\n", a.dateline, a.outlet);
        } else {
            let _ = writeln!(out, "{p}\n");
        }
    }
    if let Some(credit) = &a.credit {
        let _ = writeln!(out, "Original Source: {credit}\n");
    }
    out.push_str("Related coverage\n");
    for r in &a.related {
        let _ = writeln!(out, "{r}");
    }
    out
}

/// A saved web page: head metadata, navigation, the article, an aside and
/// a footer of page furniture.
fn as_html(a: &Article) -> String {
    let (y, m, d) = date(a.day);
    let site = slug(&a.outlet);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>{h} | {o}</title>\
         <meta property=\"og:site_name\" content=\"{o}\">\
         <meta property=\"og:title\" content=\"{h}\">\
         <meta property=\"article:published_time\" content=\"{y}-{m:02}-{d:02}T08:00:00Z\">\
         <meta name=\"author\" content=\"{b}\"></head>\n<body>\
         <header><a href=\"https://{site}.example/\">{o}</a><nav><ul>\
         <li><a href=\"/world\">World</a></li><li><a href=\"/business\">Business</a></li>\
         <li><a href=\"/politics\">Politics</a></li><li><a href=\"/opinion\">Opinion</a></li>\
         <li><a href=\"/subscribe\">Subscribe</a></li></ul></nav></header>\n<main><article>\
         <h1>{h}</h1><p class=\"byline\">By <a href=\"/authors/{bs}\">{b}</a></p>\
         <time datetime=\"{y}-{m:02}-{d:02}\">{mn} {d}, {y}</time>\n",
        h = escape(&a.headline),
        o = escape(&a.outlet),
        b = escape(&a.byline),
        bs = slug(&a.byline),
        mn = MONTHS[m - 1],
    );
    for (i, p) in a.paragraphs.iter().enumerate() {
        if i == 0 {
            let _ = writeln!(
                out,
                "<p>{} ({}) - {}</p>",
                escape(&a.dateline),
                escape(&a.outlet),
                escape(p)
            );
        } else {
            let _ = writeln!(out, "<p>{}</p>", escape(p));
        }
    }
    if let Some(credit) = &a.credit {
        let _ = writeln!(
            out,
            "<p class=\"credit\">Original Source: {}</p>",
            escape(credit)
        );
    }
    out.push_str("</article>\n<aside><h2>Most read</h2><ul>");
    for r in &a.related {
        let _ = write!(
            out,
            "<li><a href=\"/news/{}\">{}</a></li>",
            slug(r),
            escape(r)
        );
    }
    let _ = write!(
        out,
        "</ul></aside></main>\n<footer><p>Sign up for our morning briefing.</p>\
         <p>&copy; {y} {o}. All rights reserved.</p><a href=\"/privacy\">Privacy</a> \
         <a href=\"/terms\">Terms</a> <a href=\"/contact\">Contact us</a></footer>\n</body></html>\n",
        o = escape(&a.outlet)
    );
    out
}

/// Writes `n` documents into `dir`; returns the bytes written.
fn generate(n: usize, dir: &Path, seed: u64) -> std::io::Result<u64> {
    let mut rng = Rng(seed);
    let stories = n.div_ceil(8).max(1);
    let world = World::new(&mut rng, stories);
    std::fs::create_dir_all(dir)?;
    let mut bytes = 0u64;
    let mut written = 0;
    let mut s = 0;
    while written < n {
        let story = world.story(&mut rng, s);
        s += 1;
        let docs = rng.range(4, 12).min(n - written);
        for _ in 0..docs {
            let kind = match rng.below(10) {
                0 | 1 => Kind::WireCopy,
                2 | 3 => Kind::Rewrite,
                _ => Kind::Original,
            };
            let a = article(&mut rng, &world, &story, kind);
            let html = rng.chance(50);
            let body = if html { as_html(&a) } else { as_text(&a) };
            let name = format!(
                "{:05}-{}.{}",
                written + 1,
                slug(&a.outlet),
                if html { "html" } else { "txt" }
            );
            std::fs::write(dir.join(name), &body)?;
            bytes += body.len() as u64;
            written += 1;
        }
    }
    Ok(bytes)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut seed = 7u64;
    let mut positional = Vec::new();
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--seed" {
            match args.get(i + 1).and_then(|s| s.parse().ok()) {
                Some(s) => seed = s,
                None => {
                    eprintln!("gencorpus: --seed needs a number");
                    return ExitCode::from(2);
                }
            }
            i += 2;
        } else {
            positional.push(args[i].clone());
            i += 1;
        }
    }
    let (Some(n), Some(dir)) = (
        positional.first().and_then(|n| n.parse::<usize>().ok()),
        positional.get(1).map(PathBuf::from),
    ) else {
        eprintln!("usage: gencorpus N DIR [--seed S]");
        return ExitCode::from(2);
    };
    match generate(n, &dir, seed) {
        Ok(bytes) => {
            println!("gencorpus: {n} files, {bytes} bytes in {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gencorpus: cannot write {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}
