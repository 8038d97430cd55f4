//! Words, numbers and punctuation with their byte spans.

use unicode_segmentation::UnicodeSegmentation;

use crate::span::Span;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TokenKind {
    /// Letters (and marks, apostrophes, inner dots: "U.S.", "Adébáyọ̀").
    Word,
    /// Digits, with inner separators ("1,200", "3.5").
    Number,
    /// Anything else that is not white space.
    Punct,
}

impl TokenKind {
    /// The two bits a [`Token`], and packed tokens, keep a kind in.
    pub(crate) fn code(self) -> u32 {
        match self {
            TokenKind::Word => 0,
            TokenKind::Number => 1,
            TokenKind::Punct => 2,
        }
    }

    /// The kind [`TokenKind::code`] gives `code`; `None` for 3 (read
    /// from untrusted bytes).
    #[inline]
    pub(crate) fn from_code(code: u32) -> Option<TokenKind> {
        match code {
            0 => Some(TokenKind::Word),
            1 => Some(TokenKind::Number),
            2 => Some(TokenKind::Punct),
            _ => None,
        }
    }
}

/// One token: where it is and what kind it is. The span is in bytes.
///
/// Eight bytes a token: the start as a `u32` (a document's text is at most
/// a few times [`MAX_INPUT_BYTES`](crate::ingest::MAX_INPUT_BYTES)), then
/// the length in the low 30 bits and the kind in the top two. Tokens are
/// the largest thing annotation holds for a whole document: 12 bytes a
/// token (a separate kind byte, padded) was 42 MB of a 17.5 MB text's
/// 138 MB peak.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Token {
    start: u32,
    /// Length (low [`LEN_BITS`] bits) and kind (top two bits).
    tail: u32,
}

/// Bits of [`Token::tail`] that hold the length.
const LEN_BITS: u32 = 30;
/// The longest token: 1 GiB, past any text a document may have.
pub const MAX_TOKEN_LEN: u32 = (1 << LEN_BITS) - 1;

impl Token {
    /// A token over `span`; panics past 4 GiB or for a token of 1 GiB,
    /// which no document reaches.
    pub fn new(span: Span, kind: TokenKind) -> Token {
        let at = |i: usize| u32::try_from(i).expect("token offsets fit in u32");
        Token::from_parts(at(span.start()), at(span.len()), kind)
            .expect("tokens are shorter than 1 GiB")
    }

    /// A token of `len` bytes from `start`; `None` when it is longer than
    /// [`MAX_TOKEN_LEN`] or ends past 4 GiB (read from untrusted bytes).
    pub(crate) fn from_parts(start: u32, len: u32, kind: TokenKind) -> Option<Token> {
        if len > MAX_TOKEN_LEN {
            return None;
        }
        start.checked_add(len)?;
        Some(Token {
            start,
            tail: len | (kind.code() << LEN_BITS),
        })
    }

    /// Word, number or punctuation.
    #[inline]
    pub fn kind(&self) -> TokenKind {
        // `from_parts` never stores code 3
        TokenKind::from_code(self.tail >> LEN_BITS).unwrap_or(TokenKind::Punct)
    }

    /// Byte span into the text. Built without [`Span::new`]'s check:
    /// received tokens (`transfer`) are validated after they are read.
    #[inline]
    pub fn span(&self) -> Span {
        Span::from_offsets(self.start, self.start + (self.tail & MAX_TOKEN_LEN))
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let span = self.span();
        write!(f, "{:?}@{}..{}", self.kind(), span.start(), span.end())
    }
}

fn kind_of(piece: &str) -> TokenKind {
    // ASCII answers by byte, the same as the `char` tests below.
    if piece.is_ascii() {
        let bytes = piece.as_bytes();
        return match bytes.first() {
            Some(b) if b.is_ascii_digit() => TokenKind::Number,
            _ if bytes.iter().any(u8::is_ascii_alphabetic) => TokenKind::Word,
            _ => TokenKind::Punct,
        };
    }
    let first = piece.chars().next().unwrap_or(' ');
    if first.is_numeric() {
        TokenKind::Number
    } else if first.is_alphabetic() || piece.chars().any(char::is_alphabetic) {
        TokenKind::Word
    } else {
        TokenKind::Punct
    }
}

/// Splits `text` into tokens, dropping white space.
///
/// On top of UAX #29 word boundaries: a possessive `'s` / `’s` is its own
/// token, so names never include it; an abbreviation with inner dots
/// ("U.S.") and a capital initial ("J.") keep their final dot.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    tokenize_into(text, |t| tokens.push(t));
    tokens
}

/// [`tokenize`], each token handed to `sink` in order as it is found,
/// none kept (see [`super::PackedTokens::tokenize`]).
pub fn tokenize_into(text: &str, sink: impl FnMut(Token)) {
    let mut out = Tokens { sink, held: None };
    for_each_piece(text, |start, end| out.piece(text, start, end));
    out.finish();
}

/// Turns word-boundary pieces (white space left out) into tokens.
struct Tokens<F> {
    sink: F,
    /// A word that takes the "." piece right after it, if one follows.
    held: Option<(usize, usize)>,
}

impl<F: FnMut(Token)> Tokens<F> {
    fn push(&mut self, start: usize, end: usize, kind: TokenKind) {
        (self.sink)(Token::new(Span::new(start, end), kind));
    }

    fn piece(&mut self, text: &str, start: usize, end: usize) {
        let piece = &text[start..end];
        if let Some((s, e)) = self.held.take() {
            // pieces are contiguous: one starting at `e` came right after
            if start == e && piece == "." {
                self.push(s, end, TokenKind::Word);
                return;
            }
            self.push(s, e, TokenKind::Word);
        }
        let kind = kind_of(piece);
        if kind == TokenKind::Word {
            // possessive
            for apos in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
                if piece.len() > apos.len() && piece.ends_with(apos) {
                    let cut = end - apos.len();
                    self.push(start, cut, kind);
                    self.push(cut, end, TokenKind::Word);
                    return;
                }
            }
            // "U.S." and "J." keep their final dot
            let initial = if piece.is_ascii() {
                piece.len() == 1 && piece.as_bytes()[0].is_ascii_uppercase()
            } else {
                piece.chars().count() == 1 && piece.chars().all(char::is_uppercase)
            };
            let dotted =
                piece.contains('.') && piece.chars().filter(|c| c.is_alphabetic()).count() <= 6;
            if initial || dotted {
                self.held = Some((start, end));
                return;
            }
        }
        self.push(start, end, kind);
    }

    fn finish(mut self) {
        if let Some((s, e)) = self.held.take() {
            self.push(s, e, TokenKind::Word);
        }
    }
}

/// ASCII white space: the ASCII characters `char::is_whitespace` accepts.
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

/// Calls `f` with the span of each piece of `split_word_bound_indices`
/// that is not all white space, in order, without the library's table
/// look-ups for plain ASCII (they were most of the tokenizer's time).
///
/// The text splits at ASCII white space into words. A word of printable
/// ASCII is split by [`ascii_pieces`]: UAX #29 always breaks between it
/// and ASCII white space. Other words go to the library together with
/// the white space around them and any such neighbours, from one certain
/// boundary to the next, so it sees all the context it uses (a space
/// before a combining mark joins it, WB4; Unicode spaces join a space,
/// WB3d).
fn for_each_piece(text: &str, mut f: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    // where the pending stretch for the library starts
    let mut slow: Option<usize> = None;
    while i < n {
        let gap = i;
        while i < n && is_space(bytes[i]) {
            i += 1;
        }
        let word = i;
        let mut plain = true;
        while i < n && !is_space(bytes[i]) {
            plain &= matches!(bytes[i], 0x21..=0x7e);
            i += 1;
        }
        if word == i {
            break;
        }
        if !plain {
            slow.get_or_insert(gap);
            continue;
        }
        if let Some(from) = slow.take() {
            library_pieces(text, from, word, &mut f);
        }
        ascii_pieces(bytes, word, i, &mut f);
    }
    if let Some(from) = slow {
        library_pieces(text, from, n, &mut f);
    }
}

fn library_pieces(text: &str, from: usize, to: usize, f: &mut impl FnMut(usize, usize)) {
    for (at, piece) in text[from..to].split_word_bound_indices() {
        if !piece.chars().all(char::is_whitespace) {
            f(from + at, from + at + piece.len());
        }
    }
}

/// UAX #29 pieces of `bytes[from..to]`, printable ASCII with white space
/// or the text's ends around it. Letters, digits and `_` join (WB5,
/// WB8-10, WB13a/b); `:` `.` `'` join letters (WB6/7) and `,` `;` `.` `'`
/// digits (WB11/12); any other byte stands alone (WB999).
fn ascii_pieces(bytes: &[u8], from: usize, to: usize, f: &mut impl FnMut(usize, usize)) {
    let core = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = from;
    while i < to {
        let start = i;
        i += 1;
        if core(bytes[start]) {
            while i < to {
                let b = bytes[i];
                if core(b) {
                    i += 1;
                    continue;
                }
                // a separator joins only with a byte of this word after it
                if i + 1 >= to {
                    break;
                }
                let (prev, next) = (bytes[i - 1], bytes[i + 1]);
                let joins = match b {
                    b'.' | b'\'' => {
                        (prev.is_ascii_alphabetic() && next.is_ascii_alphabetic())
                            || (prev.is_ascii_digit() && next.is_ascii_digit())
                    }
                    b':' => prev.is_ascii_alphabetic() && next.is_ascii_alphabetic(),
                    b',' | b';' => prev.is_ascii_digit() && next.is_ascii_digit(),
                    _ => false,
                };
                if !joins {
                    break;
                }
                i += 2;
            }
        }
        f(start, i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokenizer before the ASCII fast path: every piece from the
    /// library. Kept as the oracle the fast path must match.
    fn tokenize_uax29(text: &str) -> Vec<Token> {
        let mut tokens: Vec<Token> = Vec::new();
        let mut pieces = text.split_word_bound_indices().peekable();
        while let Some((start, piece)) = pieces.next() {
            if piece.chars().all(char::is_whitespace) {
                continue;
            }
            let end = start + piece.len();
            let first = piece.chars().next().unwrap_or(' ');
            let kind = if first.is_numeric() {
                TokenKind::Number
            } else if first.is_alphabetic() || piece.chars().any(char::is_alphabetic) {
                TokenKind::Word
            } else {
                TokenKind::Punct
            };
            if kind == TokenKind::Word {
                for apos in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
                    if piece.len() > apos.len() && piece.ends_with(apos) {
                        let cut = end - apos.len();
                        tokens.push(Token::new(Span::new(start, cut), kind));
                        tokens.push(Token::new(Span::new(cut, end), TokenKind::Word));
                        break;
                    }
                }
                if tokens.last().is_some_and(|t| t.span().end() == end) {
                    continue;
                }
                let initial = piece.chars().count() == 1 && piece.chars().all(char::is_uppercase);
                let dotted =
                    piece.contains('.') && piece.chars().filter(|c| c.is_alphabetic()).count() <= 6;
                if (initial || dotted) && pieces.peek().is_some_and(|(_, p)| *p == ".") {
                    pieces.next();
                    tokens.push(Token::new(Span::new(start, end + 1), kind));
                    continue;
                }
            }
            tokens.push(Token::new(Span::new(start, end), kind));
        }
        tokens
    }

    /// Pieces and tokens both match the library-only path.
    fn check_same(text: &str) {
        let mut fast = Vec::new();
        for_each_piece(text, |s, e| fast.push((s, e)));
        let slow: Vec<(usize, usize)> = text
            .split_word_bound_indices()
            .filter(|(_, p)| !p.chars().all(char::is_whitespace))
            .map(|(s, p)| (s, s + p.len()))
            .collect();
        assert_eq!(fast, slow, "pieces of {text:?}");
        assert_eq!(tokenize(text), tokenize_uax29(text), "tokens of {text:?}");
    }

    #[test]
    fn fast_path_matches_uax29_on_samples() {
        let cases = [
            "",
            " ",
            "The minister said on Tuesday that 1,200 people had left.",
            "cost $1,200.50 today; 3.5% (or 1;2) at 10:30, 1'000 and 4.",
            "the U.S. and J. R. Okafor, U.S.-led talks, e.g. this, i.e. that. A.",
            "it's rock'n'roll, don't, Korea's, KOREA'S, workers' pay, 'quoted' 's",
            "mail jane.doe@example.com or see https://www.example.org/a_b?x=1&y=2#frag",
            "#hashtag @user snake_case __init__ _x x_ 1_000 a_1 1a a1 a.1 1.a a:b 1:2",
            "tabs\tand\r\nCRLF\rCR\n\nblank\x0bvt\x0cff \x00nul\x7fdel \x1f",
            "Adébáyọ̀ Zoë Ångström-Lind said “no” — ‘maybe’ Xi’s rock’n’roll.",
            "a \u{301}b  \u{301} x\u{3000} y\u{3000}\u{3000}z \u{a0}nbsp\u{a0} \u{2009} thin",
            "emoji 😀 👍🏽 👨\u{200d}👩\u{200d}👧 🇺🇸🇬🇧 flags 🇺🇸x",
            "mixed 北京市 東京 서울 Москва مرحبا שָׁלוֹם a\"b ש\"ב ab'c'",
            "ends with dot J.",
            "Mr. A.B. C.D.E.F.G.H. I. x.y.z. 1.2.3. ...  .. . ",
            "\u{200d}start \u{feff}bom \u{ad}soft\u{ad}hyphen word\u{200b}zwsp",
        ];
        for text in cases {
            check_same(text);
        }
    }

    #[test]
    fn fast_path_matches_uax29_on_all_short_strings() {
        let alphabet = [
            'a',
            'B',
            'S',
            's',
            '1',
            '_',
            '.',
            ',',
            ';',
            ':',
            '\'',
            '"',
            '-',
            ' ',
            '\t',
            '\n',
            '\r',
            '\u{e9}',
            '\u{301}',
            '\u{2019}',
            '\u{3000}',
            '\u{1f600}',
            '\u{200d}',
            '\u{a0}',
            '\u{5d0}',
        ];
        let k = alphabet.len();
        let mut text = String::new();
        for len in 0..=4u32 {
            for mut code in 0..k.pow(len) {
                text.clear();
                for _ in 0..len {
                    text.push(alphabet[code % k]);
                    code /= k;
                }
                check_same(&text);
            }
        }
        // longer random strings, mostly ASCII
        let mut rng = crate::testing::XorShift(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            text.clear();
            for _ in 0..(rng.next() % 40) {
                let pick = (rng.next() >> 32) as usize;
                text.push(if pick % 4 == 0 {
                    alphabet[pick / 4 % k]
                } else {
                    char::from(b"aZ1.,'_: \n"[pick / 4 % 10])
                });
            }
            check_same(&text);
        }
    }

    /// Every file of the built-in sample and the shared seeds (when
    /// present), raw and as ingested; DOSSIER_TOKENIZE_DIRS names other
    /// folders instead (`:` between them), e.g. a generated corpus.
    #[test]
    fn fast_path_matches_uax29_on_folders() {
        let root = env!("CARGO_MANIFEST_DIR");
        let dirs = std::env::var("DOSSIER_TOKENIZE_DIRS")
            .unwrap_or_else(|_| format!("{root}/sample:{root}/../shared/samples/seeds"));
        let mut files = 0;
        for dir in dirs.split(':').filter(|d| std::path::Path::new(d).exists()) {
            let mut stack = vec![std::path::PathBuf::from(dir)];
            while let Some(path) = stack.pop() {
                if path.is_dir() {
                    for entry in std::fs::read_dir(&path).expect("read folder") {
                        stack.push(entry.expect("folder entry").path());
                    }
                    continue;
                }
                let bytes = std::fs::read(&path).expect("read file");
                check_same(&String::from_utf8_lossy(&bytes));
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                check_same(&crate::ingest::ingest(name, &bytes).text);
                files += 1;
            }
        }
        eprintln!("tokenizer fast path checked on {files} files");
        assert!(files > 0);
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| t.span().slice(text))
            .collect()
    }

    #[test]
    fn news_tokens() {
        let cases: &[(&str, &[&str])] = &[
            ("Korea's leader", &["Korea", "'s", "leader"]),
            ("Xi\u{2019}s letter", &["Xi", "\u{2019}s", "letter"]),
            (
                "the U.S. and J. R. Okafor",
                &["the", "U.S.", "and", "J.", "R.", "Okafor"],
            ),
            (
                "China-North Korea ties",
                &["China", "-", "North", "Korea", "ties"],
            ),
            (
                "cost $1,200.50 today.",
                &["cost", "$", "1,200.50", "today", "."],
            ),
            (
                "Oluwaseun Ad\u{e9}b\u{e1}y\u{1ecd}\u{300} \u{1f600} spoke",
                &[
                    "Oluwaseun",
                    "Ad\u{e9}b\u{e1}y\u{1ecd}\u{300}",
                    "\u{1f600}",
                    "spoke",
                ],
            ),
            ("don't", &["don't"]),
        ];
        for (text, want) in cases {
            assert_eq!(words(text), *want, "case {text:?}");
        }
    }

    #[test]
    fn kinds() {
        let kinds: Vec<TokenKind> = tokenize("Hi 42 !").iter().map(|t| t.kind()).collect();
        assert_eq!(
            kinds,
            [TokenKind::Word, TokenKind::Number, TokenKind::Punct]
        );
    }

    #[test]
    fn a_token_keeps_its_span_and_kind_in_eight_bytes() {
        assert_eq!(std::mem::size_of::<Token>(), 8);
        for kind in [TokenKind::Word, TokenKind::Number, TokenKind::Punct] {
            for (start, len) in [(0, 0), (7, 3), (u32::MAX - 5, 5), (1, MAX_TOKEN_LEN)] {
                let t = Token::from_parts(start, len, kind).expect("fits");
                assert_eq!(t.kind(), kind);
                assert_eq!(t.span().start(), start as usize);
                assert_eq!(t.span().len(), len as usize);
                assert_eq!(t, Token::new(t.span(), kind));
            }
        }
        // too long, or ending past 4 GiB: refused, never wrapped
        assert!(Token::from_parts(0, MAX_TOKEN_LEN + 1, TokenKind::Word).is_none());
        assert!(Token::from_parts(u32::MAX - 5, 6, TokenKind::Word).is_none());
    }
}
