//! A writer that hands its output on in pieces of a fixed size, so a large
//! report can leave the process (the wasm memory, for the page) while it is
//! written instead of being held whole.

use std::io;

/// Collects writes into pieces of `size` bytes and gives each full piece to
/// `emit`; [`Chunked::finish`] gives the rest. A piece may end inside a
/// UTF-8 sequence: the reader decodes the pieces as one stream.
pub struct Chunked<F: FnMut(&[u8])> {
    size: usize,
    piece: Vec<u8>,
    emit: F,
}

impl<F: FnMut(&[u8])> Chunked<F> {
    /// A writer emitting pieces of `size` bytes (at least one).
    pub fn new(size: usize, emit: F) -> Chunked<F> {
        let size = size.max(1);
        Chunked {
            size,
            piece: Vec::with_capacity(size),
            emit,
        }
    }

    /// Emits what is left (a last piece shorter than `size`, if any).
    pub fn finish(mut self) {
        if !self.piece.is_empty() {
            (self.emit)(&self.piece);
        }
    }
}

impl<F: FnMut(&[u8])> io::Write for Chunked<F> {
    fn write(&mut self, mut data: &[u8]) -> io::Result<usize> {
        let written = data.len();
        while !data.is_empty() {
            let take = (self.size - self.piece.len()).min(data.len());
            self.piece.extend_from_slice(&data[..take]);
            data = &data[take..];
            if self.piece.len() == self.size {
                (self.emit)(&self.piece);
                self.piece.clear();
            }
        }
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::XorShift;
    use std::io::Write;

    #[test]
    fn pieces_are_full_but_the_last_and_join_to_what_was_written() {
        let mut rng = XorShift(11);
        for size in [1, 3, 64, 1000] {
            let mut written = Vec::new();
            let mut pieces: Vec<Vec<u8>> = Vec::new();
            let mut out = Chunked::new(size, |p: &[u8]| pieces.push(p.to_vec()));
            for _ in 0..200 {
                let len = rng.below(300);
                let data: Vec<u8> = (0..len).map(|_| rng.below(256) as u8).collect();
                assert_eq!(out.write(&data).expect("write"), len);
                written.extend_from_slice(&data);
            }
            out.finish();
            assert_eq!(pieces.concat(), written, "size {size}");
            let (last, full) = pieces.split_last().expect("some output");
            assert!(full.iter().all(|p| p.len() == size), "size {size}");
            assert!(!last.is_empty() && last.len() <= size, "size {size}");
        }
    }

    #[test]
    fn nothing_written_emits_nothing() {
        let mut pieces = 0;
        Chunked::new(8, |_: &[u8]| pieces += 1).finish();
        assert_eq!(pieces, 0);
    }
}
