//! Byte offsets to code point offsets, the report's unit.

/// Converts byte offsets of one text to code point offsets, with the count
/// of code points before every 256th byte and a short forward count. A
/// code point is a byte that does not continue one (not `0b10xx_xxxx`),
/// so a block's count needs no decoding and the blocks need not start at
/// a character.
pub(super) struct CodePoints<'t> {
    text: &'t str,
    ascii: bool,
    /// Code points before byte `k * STEP`, for each k.
    before: Vec<usize>,
}

const STEP: usize = 256;

/// The code points that start in `bytes`.
fn starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl<'t> CodePoints<'t> {
    pub(super) fn new(text: &'t str) -> CodePoints<'t> {
        let ascii = text.is_ascii();
        let mut before = Vec::new();
        if !ascii {
            before.reserve(text.len() / STEP + 2);
            let mut n = 0;
            for block in text.as_bytes().chunks(STEP) {
                before.push(n);
                n += starts(block);
            }
            // the text's end, when it ends a block
            before.push(n);
        }
        CodePoints {
            text,
            ascii,
            before,
        }
    }

    /// The code point offset of byte offset `byte`, which must be a char boundary.
    pub(super) fn at(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let k = byte / STEP;
        self.before[k] + starts(&self.text.as_bytes()[k * STEP..byte])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_a_plain_count_everywhere() {
        // texts ending inside a block and on a block's end, ASCII and not
        for text in [
            "a\u{1f600}b\u{e9}".repeat(300) + "end",
            "\u{e9}".repeat(256),
            "\u{e9}".repeat(128) + &"x".repeat(256),
            "x".repeat(600),
            String::new(),
        ] {
            let cp = CodePoints::new(&text);
            for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
                assert_eq!(
                    cp.at(i),
                    text[..i].chars().count(),
                    "byte {i} of {}",
                    text.len()
                );
            }
        }
    }
}
