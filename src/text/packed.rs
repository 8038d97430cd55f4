//! A document's tokens as a batch keeps them: packed into bytes.

use std::cell::Cell;

use super::tokens::{Token, TokenKind};
use crate::binary::{Reader, Writer};

/// A document's tokens as kept after annotation: two varints a token
/// (the gap since the previous token with the kind in its low bits, then
/// the length), about 2 bytes instead of 12. Tokens outnumber everything
/// else a document keeps; the corpus steps read them in order once.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PackedTokens {
    bytes: Vec<u8>,
    len: usize,
}

impl PackedTokens {
    /// Packs `tokens`, which must be in order and not overlap.
    pub fn pack(tokens: &[Token]) -> PackedTokens {
        let mut packer = Packer::with_capacity(tokens.len() * 2 + 8);
        for &t in tokens {
            packer.push(t);
        }
        packer.finish()
    }

    /// The tokens of `text` ([`super::tokenize`]), packed as they are
    /// found: the whole list first took 12 bytes a token (42 MB for a
    /// 17.5 MB text), where the page's wasm memory, which only grows,
    /// peaked.
    pub fn tokenize(text: &str) -> PackedTokens {
        // about 2 bytes a token, a token every 5 to 6 bytes of text
        let mut packer = Packer::with_capacity(text.len() / 2 + 8);
        super::tokens::tokenize_into(text, |t| packer.push(t));
        packer.finish()
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The tokens in order. Bytes that do not decode (only possible in
    /// received data, see `transfer`) end the iteration early.
    pub fn iter(&self) -> Unpack<'_> {
        Unpack {
            bytes: &self.bytes,
            end: 0,
        }
    }

    /// Random access to the tokens without unpacking them all.
    pub fn seek(&self) -> Seek<'_> {
        Seek::new(self)
    }

    /// True when the bytes decode to exactly `len()` tokens, nothing left.
    pub fn is_well_formed(&self) -> bool {
        let mut it = self.iter();
        let n = it.by_ref().count();
        n == self.len && it.bytes.is_empty()
    }
}

/// Writes tokens into [`PackedTokens`], one at a time, in order.
struct Packer {
    w: Writer,
    /// Where the last token ended.
    end: u32,
    len: usize,
}

impl Packer {
    fn with_capacity(bytes: usize) -> Packer {
        Packer {
            w: Writer {
                buf: Vec::with_capacity(bytes),
            },
            end: 0,
            len: 0,
        }
    }

    fn push(&mut self, t: Token) {
        let span = t.span();
        let (start, stop) = (span.start() as u32, span.end() as u32);
        debug_assert!(self.end <= start, "tokens out of order");
        let w = &mut self.w;
        w.varint((u64::from(start - self.end) << 2) | u64::from(t.kind().code()));
        w.varint(u64::from(stop - start));
        self.end = stop;
        self.len += 1;
    }

    fn finish(self) -> PackedTokens {
        let mut bytes = self.w.buf;
        bytes.shrink_to_fit();
        PackedTokens {
            bytes,
            len: self.len,
        }
    }
}

impl From<&[Token]> for PackedTokens {
    fn from(tokens: &[Token]) -> PackedTokens {
        PackedTokens::pack(tokens)
    }
}

/// Iterator over [`PackedTokens`].
pub struct Unpack<'a> {
    bytes: &'a [u8],
    end: u32,
}

impl Iterator for Unpack<'_> {
    type Item = Token;

    #[inline]
    fn next(&mut self) -> Option<Token> {
        // most tokens are two one-byte varints (a gap under 32, a length
        // under 128): read those at once
        if let [h, l, ..] = *self.bytes {
            if h < 0x80 && l < 0x80 {
                let kind = TokenKind::from_code(u32::from(h & 3))?;
                let start = self.end.checked_add(u32::from(h >> 2))?;
                let token = Token::from_parts(start, u32::from(l), kind)?;
                self.bytes = &self.bytes[2..];
                self.end = start + u32::from(l);
                return Some(token);
            }
        }
        // read from a copy: bytes that do not decode are not consumed
        let mut r = Reader::new(self.bytes);
        let head = r.varint()?;
        let len = u32::try_from(r.varint()?).ok()?;
        let kind = TokenKind::from_code((head & 3) as u32)?;
        let start = self.end.checked_add(u32::try_from(head >> 2).ok()?)?;
        let token = Token::from_parts(start, len, kind)?;
        self.bytes = &self.bytes[r.position()..];
        self.end = start + len;
        Some(token)
    }
}

/// Tokens in a block of [`Seek`].
const BLOCK: usize = 64;
/// Blocks [`Seek`] keeps unpacked: consecutive blocks never evict each
/// other, so reading a few tokens either side of a block's edge is cheap.
const SLOTS: usize = 4;

/// Random access to [`PackedTokens`]: where each block of 64 tokens begins
/// (16 bytes a block), and the last blocks read, unpacked (2 KB). The date
/// rules look at a few tokens around each one; unpacked whole, a long
/// document's tokens were the largest thing it allocated (8 bytes a token:
/// 24 MB of a 17.5 MB text's peak of 101 MB).
pub struct Seek<'a> {
    bytes: &'a [u8],
    /// Tokens that decode (all of them unless the bytes were damaged).
    len: usize,
    /// Per block: the offset of its first token in `bytes`, and the end of
    /// the token before it (what its first gap counts from).
    marks: Vec<(usize, u32)>,
    slots: Box<[Slot; SLOTS]>,
}

/// One block of [`Seek`], unpacked.
struct Slot {
    /// The block held; `usize::MAX` for none yet.
    block: Cell<usize>,
    tokens: [Cell<Token>; BLOCK],
}

impl<'a> Seek<'a> {
    fn new(packed: &'a PackedTokens) -> Seek<'a> {
        let mut marks = Vec::with_capacity(packed.len.div_ceil(BLOCK));
        let mut it = packed.iter();
        let mut len = 0;
        loop {
            if len % BLOCK == 0 {
                marks.push((packed.bytes.len() - it.bytes.len(), it.end));
            }
            if it.next().is_none() {
                break;
            }
            len += 1;
        }
        let empty = Token::from_parts(0, 0, TokenKind::Punct).expect("an empty token");
        let slot = || Slot {
            block: Cell::new(usize::MAX),
            tokens: std::array::from_fn(|_| Cell::new(empty)),
        };
        Seek {
            bytes: &packed.bytes,
            len,
            marks,
            slots: Box::new(std::array::from_fn(|_| slot())),
        }
    }

    /// Number of tokens.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Token `i`; `None` past the last.
    #[inline]
    pub fn get(&self, i: usize) -> Option<Token> {
        if i >= self.len {
            return None;
        }
        let block = i / BLOCK;
        let slot = &self.slots[block % SLOTS];
        if slot.block.get() != block {
            self.fill(slot, block);
        }
        Some(slot.tokens[i % BLOCK].get())
    }

    #[cold]
    fn fill(&self, slot: &Slot, block: usize) {
        let (at, end) = self.marks[block];
        let tokens = Unpack {
            bytes: &self.bytes[at..],
            end,
        };
        for (cell, token) in slot.tokens.iter().zip(tokens) {
            cell.set(token);
        }
        slot.block.set(block);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn packed_tokens_round_trip() {
        let text = "Kim Jong-un's   visit, on 12 May 2024 (reported)\u{2019}s \u{00e9}t\u{00e9}";
        let long = "x".repeat(100_000);
        // gaps and lengths on either side of one varint byte
        let wide = format!(
            "a{}b {} c{}d",
            " ".repeat(31),
            "y".repeat(127),
            " ".repeat(32)
        );
        let longer = format!("{} {}", "z".repeat(128), "q".repeat(200));
        for t in [text, "", " ", long.as_str(), wide.as_str(), longer.as_str()] {
            let tokens = tokenize(t);
            let packed = PackedTokens::pack(&tokens);
            assert_eq!(packed.len(), tokens.len());
            assert!(packed.is_well_formed());
            assert_eq!(packed.iter().collect::<Vec<_>>(), tokens);
            let seek = packed.seek();
            assert_eq!(seek.len(), tokens.len());
            assert_eq!(seek.get(tokens.len()), None);
        }
        // about two bytes a token on prose
        let prose = "The minister said on Tuesday that 1,200 people had left. ".repeat(50);
        let packed = PackedTokens::pack(&tokenize(&prose));
        assert!(
            packed.bytes.len() <= packed.len() * 2,
            "{}",
            packed.bytes.len()
        );
    }

    /// Any order of reads, across blocks and back, gives each token.
    #[test]
    fn seek_reads_any_token_in_any_order() {
        let text = (0..1000)
            .map(|k| format!("w{k}{}", ",".repeat(k % 3)))
            .collect::<Vec<_>>()
            .join(" ");
        let tokens = tokenize(&text);
        assert!(tokens.len() > 1500);
        let packed = PackedTokens::pack(&tokens);
        let seek = packed.seek();
        assert_eq!(seek.len(), tokens.len());
        let n = tokens.len();
        // forward, backward, around each block's edge, and jumping far (a
        // multiple of the slots apart, so blocks evict each other)
        let order = (0..n)
            .chain((0..n).rev())
            .chain((64..n).step_by(64).flat_map(|e| [e, e - 1, e + 1, e - 2]))
            .chain((0..n).map(|k| (k * 257) % n))
            .chain((0..200).flat_map(|k| [k, k + 64 * SLOTS, k]));
        for i in order.filter(|&i| i < n) {
            assert_eq!(seek.get(i), Some(tokens[i]), "token {i}");
        }
        // damaged bytes: only the tokens before the damage
        let mut cut = packed.clone();
        cut.bytes.truncate(cut.bytes.len() - 3);
        let seek = cut.seek();
        assert!(seek.len() < n);
        assert_eq!(seek.get(seek.len() - 1), Some(tokens[seek.len() - 1]));
        assert_eq!(seek.get(seek.len()), None);
    }

    /// Packed as found, the tokens of a text are the same bytes as the
    /// list packed (held abbreviations, possessives, long and non-ASCII
    /// tokens, gaps, a token at the very end).
    #[test]
    fn tokens_packed_as_found_are_the_list_packed() {
        let texts = [
            String::new(),
            "   ".to_string(),
            "U.S. officials met J. Smith's aides\u{2019}s in D.C.".to_string(),
            format!("{} end J.", "x".repeat(100_000)),
            "Kim Jong-un's   visit, on 12 May 2024 (reported) \u{00e9}t\u{00e9} \u{4e2d}\u{6587}"
                .repeat(40),
            include_str!("../../sample/castellan-wire.txt").to_string(),
        ];
        for text in &texts {
            let listed = PackedTokens::pack(&tokenize(text));
            let found = PackedTokens::tokenize(text);
            assert_eq!(found, listed, "{:?}", &text[..text.len().min(40)]);
            assert!(found.is_well_formed());
            assert_eq!(found.iter().collect::<Vec<_>>(), tokenize(text));
        }
    }

    #[test]
    fn packed_tokens_refuse_bad_bytes() {
        let packed = PackedTokens::pack(&tokenize("one two three"));
        let mut cut = packed.clone();
        cut.bytes.pop();
        assert!(!cut.is_well_formed());
        assert_eq!(cut.iter().count(), 2);
        let mut extra = packed.clone();
        extra.bytes.push(0);
        assert!(!extra.is_well_formed());
        let mut miscounted = packed.clone();
        miscounted.len = 4;
        assert!(!miscounted.is_well_formed());
        // kind 3 does not exist; an endless varint and an overflowing gap end it
        for bad in [
            vec![3u8, 1],
            vec![0x80; 12],
            vec![0xff, 0xff, 0xff, 0xff, 0x7f, 1, 0, 1],
        ] {
            let p = PackedTokens { bytes: bad, len: 1 };
            assert!(!p.is_well_formed(), "{:?}", p.bytes);
        }
    }
}
