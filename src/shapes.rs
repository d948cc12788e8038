//! Synthetic two-dimensional data sets, as TensorFlow Playground has them: points in the plane
//! labelled 1 or 0, laid out so that one straight boundary cannot separate them.
//!
//! The tutorial's 2-2-1 network draws its boundary from two hidden neurons, each a straight line
//! through the plane bent by a sigmoid; a circle, an exclusive-or or a spiral need more of them
//! (the chapter "Playground" trains both on these sets). Every function is pure: the same
//! `n`, `noise` and `seed` give the same points everywhere. The points lie within about
//! `[-1.2, 1.2]` on both axes, the scale of standardised inputs, and `noise` is the standard
//! deviation of a normal jitter added to both coordinates.

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use rand_distr::{Distribution, StandardNormal};

use crate::data::Dataset;

choice! {
    /// The synthetic sets by name.
    pub enum Shape: "shape" {
        /// A disc of 1s inside a ring of 0s.
        Circle = "circle" ("circle"),
        /// 1s where both coordinates have the same sign, 0s elsewhere (exclusive-or).
        Xor = "xor" ("exclusive-or"),
        /// Two interleaved spiral arms.
        Spiral = "spiral" ("spiral"),
    }
}

impl Shape {
    /// `n` points of this shape (see [`circle`], [`xor`], [`spiral`]).
    pub fn points(self, n: usize, noise: f64, seed: u64) -> Dataset {
        match self {
            Shape::Circle => circle(n, noise, seed),
            Shape::Xor => xor(n, noise, seed),
            Shape::Spiral => spiral(n, noise, seed),
        }
    }
}

/// Builds a data set from `n` draws of `point(rng) -> (x1, x2, label)`, jittered by `noise`.
fn build(
    n: usize,
    noise: f64,
    seed: u64,
    mut point: impl FnMut(usize, &mut StdRng) -> (f64, f64, f64),
) -> Dataset {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut inputs = Vec::with_capacity(n);
    let mut labels = Vec::with_capacity(n);
    for i in 0..n {
        let (x1, x2, label) = point(i, &mut rng);
        let (j1, j2): (f64, f64) = (
            StandardNormal.sample(&mut rng),
            StandardNormal.sample(&mut rng),
        );
        inputs.push([x1 + noise * j1, x2 + noise * j2]);
        labels.push(label);
    }
    Dataset { inputs, labels }
}

// ANCHOR: circle
/// Half the points (label 1) uniformly in the disc of radius 0.5, half (label 0) in the ring
/// between radii 0.7 and 1.1: one closed boundary, which no single straight line can draw.
pub fn circle(n: usize, noise: f64, seed: u64) -> Dataset {
    build(n, noise, seed, |i, rng| {
        let inside = i % 2 == 0;
        let angle = rng.random_range(0.0..std::f64::consts::TAU);
        let radius = if inside {
            0.5 * rng.random::<f64>().sqrt()
        } else {
            rng.random_range(0.7..1.1)
        };
        let label = if inside { 1.0 } else { 0.0 };
        (radius * angle.cos(), radius * angle.sin(), label)
    })
}
// ANCHOR_END: circle

/// Points uniform in `[-1, 1]²` away from the axes (at least 0.05 from each), labelled 1 when
/// both coordinates have the same sign: the exclusive-or of "x1 < 0" and "x2 < 0", negated.
pub fn xor(n: usize, noise: f64, seed: u64) -> Dataset {
    build(n, noise, seed, |_, rng| {
        let mut coord = || {
            let v: f64 = rng.random_range(0.05..1.0);
            if rng.random_bool(0.5) { v } else { -v }
        };
        let (x1, x2) = (coord(), coord());
        let label = if (x1 > 0.0) == (x2 > 0.0) { 1.0 } else { 0.0 };
        (x1, x2, label)
    })
}

/// Two spiral arms of 1.75 turns each, one labelled 1 and the other, turned half a revolution,
/// labelled 0: from the centre out to radius 1.
pub fn spiral(n: usize, noise: f64, seed: u64) -> Dataset {
    build(n, noise, seed, |i, rng| {
        let t: f64 = rng.random();
        let label = if i % 2 == 0 { 1.0 } else { 0.0 };
        let angle = 1.75 * std::f64::consts::TAU * t + label * std::f64::consts::PI;
        (t * angle.cos(), t * angle.sin(), label)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_are_reproducible_balanced_and_in_range() {
        for shape in Shape::ALL {
            let a = shape.points(200, 0.0, 7);
            assert_eq!(a, shape.points(200, 0.0, 7), "{}", shape.name());
            assert_ne!(a, shape.points(200, 0.0, 8), "{}", shape.name());
            assert_eq!(a.len(), 200);
            let ones = a.labels.iter().filter(|&&y| y == 1.0).count();
            assert!((80..=120).contains(&ones), "{}: {ones}", shape.name());
            assert!(a.inputs.iter().flatten().all(|v| v.abs() <= 1.2));
        }
        // The circle's 1s are inside radius 0.5, its 0s outside 0.7 (without noise).
        let c = circle(100, 0.0, 1);
        for (x, y) in c.inputs.iter().zip(&c.labels) {
            let r = x[0].hypot(x[1]);
            assert!(if *y == 1.0 { r <= 0.5 } else { r >= 0.7 }, "{r} {y}");
        }
    }
}
