//! Shared by the integration tests (each includes it with `mod common;`).

/// A small deterministic generator of test values (xorshift), so the tests need no RNG crate:
/// `Points(seed)`, then [`Points::next`] for each value. The field is the generator's state.
pub struct Points(pub u64);

impl Points {
    /// The next value, uniform in `[lo, hi)`.
    pub fn next(&mut self, lo: f64, hi: f64) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        lo + (hi - lo) * ((self.0 >> 11) as f64 / (1u64 << 53) as f64)
    }
}
