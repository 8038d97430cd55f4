//! One linear pass over HTML tokens (html5ever's tokenizer, no tree):
//! the visible text line by line, the `<title>`, `<meta>` tags, JSON-LD
//! blocks, links, and how deep the elements nest.
//!
//! No tree is built, so a page nested 100,000 deep costs what a flat one
//! does; the tree-based article extractor only runs when nesting is sane.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, CharacterTokens, EndTag, StartTag, Tag, TagToken, Token, TokenSink,
    TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::Distinct;
use crate::span::Span;

/// Elements whose content is never shown.
const HIDDEN: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "select", "option", "datalist", "button", "textarea", "audio", "video", "map",
    "title",
];

/// Elements that start a new line of visible text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
    "caption",
    "body",
    "html",
    "center",
];

/// Elements that never have content or an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// What the pass found.
#[derive(Default)]
pub(super) struct Scanned {
    /// Visible text, one block per line.
    pub text: String,
    /// Byte spans of the lines of `text`.
    pub lines: Vec<Span>,
    /// Where each line sat in the page, parallel to `lines`.
    pub layout: Vec<Layout>,
    /// The `<title>` text.
    pub title: Option<String>,
    /// `<meta>` tags as (property or name or itemprop, content), lower-case keys.
    pub metas: Vec<(String, String)>,
    /// Absolute `http(s)` link targets, in order.
    pub links: Vec<String>,
    /// The text of each `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// `datetime` of the first `<time>` in an article, story or byline block, or
    /// of an element marked `itemprop="datePublished"`/`pubdate`.
    pub time: Option<String>,
    /// The deepest element nesting seen.
    pub max_depth: usize,
    /// Every element's depth, added up: the number of steps of a walk
    /// from each element through all of its descendants.
    pub depth_sum: u64,
}

/// Where a line of visible text sat: the elements around it and how much
/// of it was link text.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Layout {
    /// [`ctx`] bits of the elements around the line's text.
    pub flags: u32,
    /// Bytes of the line inside `<a>` elements.
    pub link_bytes: usize,
}

/// Context bits a line can carry.
pub(super) mod ctx {
    pub const LINK: u32 = 1;
    pub const NAV: u32 = 1 << 1;
    pub const HEADER: u32 = 1 << 2;
    pub const FOOTER: u32 = 1 << 3;
    pub const ASIDE: u32 = 1 << 4;
    pub const FORM: u32 = 1 << 5;
    pub const LIST: u32 = 1 << 6;
    pub const HEADING: u32 = 1 << 7;
    pub const PARA: u32 = 1 << 8;
    pub const ARTICLE: u32 = 1 << 9;
    pub const CHROME_NAME: u32 = 1 << 10;
    pub const BODY_NAME: u32 = 1 << 11;
    pub const CREDIT_NAME: u32 = 1 << 12;
    pub const FIGURE: u32 = 1 << 13;
    pub const QUOTE: u32 = 1 << 14;
    pub const TABLE: u32 = 1 << 15;
    pub const TIME: u32 = 1 << 16;
    pub const COMMENT_NAME: u32 = 1 << 17;
    /// How many bits there are.
    pub const COUNT: usize = 18;
}

fn tag_bits(name: &str) -> u32 {
    match name {
        "a" => ctx::LINK,
        "nav" => ctx::NAV,
        "header" => ctx::HEADER,
        "footer" => ctx::FOOTER,
        "aside" => ctx::ASIDE,
        "form" => ctx::FORM,
        "li" | "ul" | "ol" | "dl" | "dd" | "dt" => ctx::LIST,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => ctx::HEADING,
        "p" => ctx::PARA,
        "article" | "main" => ctx::ARTICLE,
        "figure" | "figcaption" => ctx::FIGURE,
        "blockquote" => ctx::QUOTE,
        "table" | "td" | "th" | "tr" => ctx::TABLE,
        "time" => ctx::TIME,
        _ => 0,
    }
}

/// Bits from an element's `class` and `id` words.
fn name_bits(tag: &Tag) -> u32 {
    let mut bits = 0;
    for attr in &tag.attrs {
        let key: &str = &attr.name.local;
        if key != "class" && key != "id" && key != "role" && key != "itemprop" {
            continue;
        }
        let v = attr.value.to_ascii_lowercase();
        const CHROME: &[&str] = &[
            "share",
            "social",
            "related",
            "footer",
            "nav",
            "menu",
            "sidebar",
            "promo",
            "advert",
            "newsletter",
            "subscribe",
            "cookie",
            "widget",
            "breadcrumb",
            "tags",
            "popular",
            "trending",
            "recommend",
            "banner",
            "masthead",
            "toolbar",
            "signup",
            "outbrain",
            "taboola",
            "sponsor",
            "more-",
            "teaser",
            "card",
        ];
        const BODY: &[&str] = &[
            "article",
            "content",
            "story",
            "body",
            "post",
            "entry",
            "text",
            "paragraph",
        ];
        const CREDIT: &[&str] = &[
            "caption",
            "credit",
            "byline",
            "author",
            "dateline",
            "date",
            "timestamp",
            "meta",
        ];
        if CHROME.iter().any(|w| v.contains(w)) {
            bits |= ctx::CHROME_NAME;
        }
        if BODY.iter().any(|w| v.contains(w)) {
            bits |= ctx::BODY_NAME;
        }
        if CREDIT.iter().any(|w| v.contains(w)) {
            bits |= ctx::CREDIT_NAME;
        }
        if v.contains("comment") || v.contains("disqus") || v.contains("reply") {
            bits |= ctx::COMMENT_NAME;
        }
    }
    bits
}

#[derive(Default)]
struct State {
    out: Scanned,
    /// Names of the open elements.
    open: Vec<String>,
    /// Context bits of the open elements, cumulative, parallel to `open`.
    bits: Vec<u32>,
    /// Layout of the line being built.
    line: Layout,
    /// Depth (in `open`) at which hidden content began, if inside it.
    hidden_from: Option<usize>,
    line_start: usize,
    pending_space: bool,
    in_title: bool,
    title: String,
    /// Inside a JSON-LD script: its text goes to the last `json_ld` entry.
    in_json_ld: bool,
    /// The links listed so far, as a set.
    links: Distinct,
}

fn is_space(c: char) -> bool {
    c.is_whitespace() && c != '\u{a0}'
}

impl State {
    fn push_text(&mut self, raw: &str) {
        if self.in_title {
            self.title.push_str(raw);
        }
        if self.in_json_ld {
            if let Some(block) = self.out.json_ld.last_mut() {
                block.push_str(raw);
            }
            return;
        }
        if self.hidden_from.is_some() {
            return;
        }
        if raw.starts_with(is_space) {
            self.pending_space = true;
        }
        let bits = self.bits.last().copied().unwrap_or(0);
        for word in raw.split(is_space).filter(|w| !w.is_empty()) {
            if self.pending_space && self.out.text.len() > self.line_start {
                self.out.text.push(' ');
            }
            self.out.text.push_str(word);
            self.pending_space = true;
            self.line.flags |= bits;
            if bits & ctx::LINK != 0 {
                self.line.link_bytes += word.len();
            }
        }
        self.pending_space = raw.ends_with(is_space);
        // words inside one piece of text are always separated
    }

    fn break_line(&mut self) {
        if self.out.text.len() > self.line_start {
            self.out
                .lines
                .push(Span::new(self.line_start, self.out.text.len()));
            self.out.layout.push(std::mem::take(&mut self.line));
            self.out.text.push('\n');
            self.line_start = self.out.text.len();
        }
        self.pending_space = false;
        self.line = Layout::default();
    }

    fn attr<'a>(tag: &'a Tag, name: &str) -> Option<&'a str> {
        tag.attrs
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| &*a.value)
    }

    fn is_hidden(tag: &Tag) -> bool {
        Self::attr(tag, "hidden").is_some()
            || Self::attr(tag, "style").is_some_and(|s| {
                let s = s.to_ascii_lowercase().replace(' ', "");
                s.contains("display:none") || s.contains("visibility:hidden")
            })
    }

    /// The publication date an element states in its attributes, if it
    /// is marked as one (`itemprop="datePublished"`, `<time pubdate>`) or is
    /// a `<time>` inside an article or a byline/date block.
    fn date_attr(&self, tag: &Tag, name: &str) -> Option<String> {
        let marked = Self::attr(tag, "itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
            || (name == "time" && Self::attr(tag, "pubdate").is_some());
        let placed = name == "time"
            && self.hidden_from.is_none()
            && (self.bits.last().copied().unwrap_or(0) | name_bits(tag))
                & (ctx::ARTICLE | ctx::CREDIT_NAME | ctx::BODY_NAME)
                != 0;
        if !(marked || placed) {
            return None;
        }
        Self::attr(tag, "datetime")
            .or_else(|| Self::attr(tag, "content"))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    }

    fn start(&mut self, tag: &Tag) -> Option<RawKind> {
        let name: &str = &tag.name;
        match name {
            "meta" => {
                let key = Self::attr(tag, "property")
                    .or_else(|| Self::attr(tag, "name"))
                    .or_else(|| Self::attr(tag, "itemprop"));
                if let (Some(key), Some(content)) = (key, Self::attr(tag, "content")) {
                    self.out
                        .metas
                        .push((key.to_ascii_lowercase(), content.trim().to_string()));
                }
            }
            "a" => {
                if let Some(href) = Self::attr(tag, "href").map(str::trim) {
                    if href.starts_with("http://") || href.starts_with("https://") {
                        self.links.push(&mut self.out.links, href);
                    }
                }
            }
            "title" if self.out.title.is_none() => self.in_title = true,
            "script" => {
                let ld = Self::attr(tag, "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if ld && self.out.json_ld.len() < 16 {
                    self.in_json_ld = true;
                    self.out.json_ld.push(String::new());
                }
            }
            _ => {}
        }
        if self.out.time.is_none() {
            self.out.time = self.date_attr(tag, name);
        }
        if BLOCKS.contains(&name) {
            self.break_line();
        }
        if VOID.contains(&name) || tag.self_closing {
            return None;
        }
        self.open.push(name.to_string());
        let inherited = self.bits.last().copied().unwrap_or(0);
        self.bits.push(inherited | tag_bits(name) | name_bits(tag));
        self.out.max_depth = self.out.max_depth.max(self.open.len());
        self.out.depth_sum += self.open.len() as u64;
        if self.hidden_from.is_none() && (HIDDEN.contains(&name) || Self::is_hidden(tag)) {
            self.hidden_from = Some(self.open.len());
        }
        match name {
            "script" => Some(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" => Some(RawKind::Rawtext),
            "title" | "textarea" => Some(RawKind::Rcdata),
            _ => None,
        }
    }

    fn end(&mut self, tag: &Tag) {
        let name: &str = &tag.name;
        if name == "script" {
            self.in_json_ld = false;
        }
        if name == "title" && self.in_title {
            self.in_title = false;
            let t = self.title.split_whitespace().collect::<Vec<_>>().join(" ");
            self.out.title = Some(t).filter(|t| !t.is_empty());
        }
        // close up to the matching open element; a stray end tag closes nothing
        if let Some(pos) = self.open.iter().rposition(|n| n == name) {
            self.open.truncate(pos);
            self.bits.truncate(pos);
            if self.hidden_from.is_some_and(|d| d > pos) {
                self.hidden_from = None;
            }
        }
        if BLOCKS.contains(&name) {
            self.break_line();
        }
    }
}

/// The token sink: the scan, and optionally a tree builder fed the same
/// tokens, so that a page is tokenized once for both. The tree builder
/// decides the tokenizer's state (raw text in `<script>`, `<title>`,
/// foreign content) while it runs; it is dropped, and the scan's own rules
/// take over, once elements nest deeper than the tree may go.
struct Sink<T> {
    state: RefCell<State>,
    tree: RefCell<Option<T>>,
    max_tree_depth: usize,
}

impl State {
    /// Reads one token; the raw-text state its tag asks for, if any.
    fn token(&mut self, token: &Token) -> Option<RawKind> {
        match token {
            CharacterTokens(text) => self.push_text(text),
            TagToken(tag) => match tag.kind {
                StartTag => return self.start(tag),
                EndTag => self.end(tag),
            },
            _ => {}
        }
        None
    }
}

impl<T: TokenSink> TokenSink for Sink<T> {
    type Handle = T::Handle;

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<T::Handle> {
        let (raw, deep) = {
            let mut state = self.state.borrow_mut();
            let raw = state.token(&token);
            (raw, state.open.len() > self.max_tree_depth)
        };
        let mut tree = self.tree.borrow_mut();
        if deep {
            *tree = None;
        }
        match &*tree {
            Some(t) => t.process_token(token, line),
            None => raw.map_or(TokenSinkResult::Continue, TokenSinkResult::RawData),
        }
    }

    fn end(&self) {
        if let Some(t) = &*self.tree.borrow() {
            t.end();
        }
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.tree
            .borrow()
            .as_ref()
            .is_some_and(|t| t.adjusted_current_node_present_but_not_in_html_namespace())
    }
}

/// A tree builder that is never there, for a scan alone.
struct NoTree;

impl TokenSink for NoTree {
    type Handle = ();

    fn process_token(&self, _: Token, _: u64) -> TokenSinkResult<()> {
        TokenSinkResult::Continue
    }
}

/// Scans `html` once.
pub(super) fn scan(html: &str) -> Scanned {
    scan_with_tree::<NoTree>(html, None, usize::MAX).0
}

/// Scans `html` once, feeding `tree` (a tree builder) the same tokens.
/// The tree comes back unless elements nested deeper than `max_tree_depth`.
pub(super) fn scan_with_tree<T: TokenSink>(
    html: &str,
    tree: Option<T>,
    max_tree_depth: usize,
) -> (Scanned, Option<T>) {
    let sink = Sink {
        state: RefCell::new(State::default()),
        tree: RefCell::new(tree),
        max_tree_depth,
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // Script results only pause the tokenizer; keep feeding until done.
    while let html5ever::TokenizerResult::Script(_) = tokenizer.feed(&input) {}
    tokenizer.end();
    let Sink { state, tree, .. } = tokenizer.sink;
    let mut state = state.into_inner();
    state.break_line();
    if state.out.text.ends_with('\n') {
        state.out.text.pop();
    }
    (state.out, tree.into_inner())
}
