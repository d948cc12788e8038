//! Shared by the integration tests (each includes it with `mod common;`).

// Each test file compiles this module for itself, and not every one uses all of it.
#![allow(dead_code)]

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

/// Fails, naming `what`, unless `found` is within `tol` of `expected`.
pub fn assert_close(what: &str, found: f64, expected: f64, tol: f64) {
    assert!(
        (found - expected).abs() <= tol,
        "{what}: expected {expected}, found {found} (difference {:e})",
        (found - expected).abs()
    );
}
