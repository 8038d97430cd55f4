//! Helpers shared by the unit tests.

/// xorshift64: a tiny PRNG, so a randomized test draws the same inputs on
/// every run.
pub(crate) struct XorShift(pub u64);

impl XorShift {
    /// Steps the state and returns it.
    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// The next state modulo `n` (`n > 0`).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
