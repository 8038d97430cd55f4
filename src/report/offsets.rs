//! Byte offsets to code point offsets, the report's unit.

/// Converts byte offsets of one text to code point offsets in O(1) memory
/// per 256 characters, with a checkpoint table and a short forward count.
pub(super) struct CodePoints<'t> {
    text: &'t str,
    ascii: bool,
    /// Byte offset of every 256th character.
    checkpoints: Vec<usize>,
}

const STEP: usize = 256;

impl<'t> CodePoints<'t> {
    pub(super) fn new(text: &'t str) -> CodePoints<'t> {
        let ascii = text.is_ascii();
        let checkpoints = if ascii {
            Vec::new()
        } else {
            text.char_indices().step_by(STEP).map(|(i, _)| i).collect()
        };
        CodePoints {
            text,
            ascii,
            checkpoints,
        }
    }

    /// The code point offset of byte offset `byte`, which must be a char boundary.
    pub(super) fn at(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let k = self
            .checkpoints
            .partition_point(|&b| b <= byte)
            .saturating_sub(1);
        let from = self.checkpoints.get(k).copied().unwrap_or(0);
        k * STEP + self.text[from..byte].chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_a_plain_count_everywhere() {
        let text = "a\u{1f600}b\u{e9}".repeat(300) + "end";
        let cp = CodePoints::new(&text);
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(cp.at(i), text[..i].chars().count(), "byte {i}");
        }
    }
}
