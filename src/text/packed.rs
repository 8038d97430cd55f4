//! A document's tokens as a batch keeps them: packed into bytes.

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
        let mut w = Writer {
            buf: Vec::with_capacity(tokens.len() * 2 + 8),
        };
        let mut end = 0;
        for t in tokens {
            let span = t.span();
            let (start, stop) = (span.start() as u32, span.end() as u32);
            debug_assert!(end <= start, "tokens out of order");
            w.varint((u64::from(start - end) << 2) | u64::from(t.kind().code()));
            w.varint(u64::from(stop - start));
            end = stop;
        }
        let mut bytes = w.buf;
        bytes.shrink_to_fit();
        PackedTokens {
            bytes,
            len: tokens.len(),
        }
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

    /// All tokens, for random access.
    pub fn unpack(&self) -> Vec<Token> {
        let mut out = Vec::with_capacity(self.len);
        out.extend(self.iter());
        out
    }

    /// True when the bytes decode to exactly `len()` tokens, nothing left.
    pub fn is_well_formed(&self) -> bool {
        let mut it = self.iter();
        let n = it.by_ref().count();
        n == self.len && it.bytes.is_empty()
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
            assert_eq!(packed.unpack(), tokens);
            assert_eq!(packed.iter().collect::<Vec<_>>(), tokens);
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
