//! The kernels of `kernels.rs` tested: every compilation the processor has against the
//! portable one and against the definitions, the exponential over the whole range.

use super::*;
use crate::mlp::activation::apply_all;

impl Kernels {
    /// Every compilation this processor can run, the portable one first.
    fn all() -> Vec<Kernels> {
        let mut all = vec![Kernels::Portable];
        #[cfg(target_arch = "x86_64")]
        all.extend(Avx2Fma::new().map(Kernels::Avx2Fma));
        #[cfg(target_arch = "x86_64")]
        all.extend(Avx512::new().map(Kernels::Avx512));
        all
    }
}

/// How many floats lie between `a` and `b` (both finite and of one sign, or equal).
fn ulps(a: f64, b: f64) -> u64 {
    if a == b || (a.is_nan() && b.is_nan()) {
        return 0;
    }
    assert!(a.is_finite() && b.is_finite(), "{a} against {b}");
    assert_eq!(
        a.is_sign_negative(),
        b.is_sign_negative(),
        "{a} against {b}"
    );
    a.to_bits().abs_diff(b.to_bits())
}

/// A reproducible stream of numbers in `[0, 1)` (SplitMix64).
fn uniform(seed: u64) -> impl Iterator<Item = f64> {
    let mut state = seed;
    std::iter::repeat_with(move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    })
}

#[test]
fn exp_matches_the_c_library() {
    // A fine grid over the whole range where e^x is neither 0 nor infinite (and beyond),
    // random points, tiny arguments of both signs (down to subnormal ones), the edges of
    // overflow and underflow, and the special values.
    let grid = (0..=1_500_000).map(|i| -760.0 + i as f64 * 1e-3);
    let random = uniform(7).take(1_000_000).map(|u| -746.0 + 1456.0 * u);
    let tiny = (-1074..=0).flat_map(|e| {
        let t = 2f64.powi(e);
        [t, -t, 1.5 * t, -1.5 * t]
    });
    let edges = [
        709.782_712_893_384,
        709.782_712_893_383_9,
        709.79,
        -708.396_418_532_264_1,
        -708.4,
        -745.133_219_101_941_1,
        -745.133_219_101_941_2,
        -745.2,
        -0.0,
        0.0,
        f64::MAX,
        f64::MIN,
    ];
    let mut worst = (0, 0.0);
    for x in grid.chain(random).chain(tiny).chain(edges) {
        let (ours, libm) = (exp(x), x.exp());
        let d = ulps(ours, libm);
        if d > worst.0 {
            worst = (d, x);
        }
    }
    eprintln!(
        "exp: at most {} ulp from f64::exp (at x = {:e})",
        worst.0, worst.1
    );
    assert!(worst.0 <= 2, "{} ulp apart at x = {:e}", worst.0, worst.1);
    assert_eq!(exp(f64::INFINITY), f64::INFINITY);
    assert_eq!(exp(f64::NEG_INFINITY), 0.0);
    assert!(exp(f64::NAN).is_nan());
    assert_eq!(exp(0.0), 1.0);
}

#[test]
fn sigmoid_over_a_layer_is_the_sigmoid() {
    let z: Vec<f64> = uniform(3).take(10_001).map(|u| -50.0 + 100.0 * u).collect();
    let mut y = vec![0.0; z.len()];
    apply_all(Activation::Sigmoid, &z, &mut y);
    // The same bits with every compilation (and however many at a time), and within a few
    // ulp of the tutorial's.
    for kernels in Kernels::all() {
        let mut here = vec![0.0; z.len()];
        kernels.sigmoid(&z, &mut here);
        assert_eq!(y, here, "{kernels:?}");
    }
    let mut one_at_a_time = vec![0.0; z.len()];
    sigmoid_all_with::<1>(&z, &mut one_at_a_time);
    assert_eq!(y, one_at_a_time);
    for (&z, &y) in z.iter().zip(&y) {
        assert!(ulps(y, crate::activation::sigmoid(z)) <= 4, "sigmoid({z})");
    }
    let mut y = [0.0; 3];
    sigmoid_all_with::<4>(&[f64::INFINITY, f64::NEG_INFINITY, f64::NAN], &mut y);
    assert_eq!(y[..2], [1.0, 0.0]);
    assert!(y[2].is_nan());
}

/// A layer's three products (forward, backward, weight gradient) with the given kernels,
/// for a layer of `n_in` inputs and `n_out` outputs and a batch of `b`.
fn layer_products(kernels: Kernels, n_in: usize, n_out: usize, b: usize) -> Vec<f64> {
    let u: Vec<f64> = uniform((n_in * 1000 + n_out * 10 + b) as u64)
        .take(n_out * n_in + n_out + n_in * b + 2 * n_out * b)
        .map(|u| u - 0.5)
        .collect();
    let (w, rest) = u.split_at(n_out * n_in);
    let (bias, rest) = rest.split_at(n_out);
    let (a_in, delta) = rest.split_at(n_in * b);
    let delta = &delta[..n_out * b];
    let y: Vec<f64> = a_in.iter().map(|v| v + 0.5).collect();
    let mut z = vec![0.0; n_out * b];
    kernels.run(Product::Forward(Forward { w, bias, a_in, z: &mut z, b }));
    let mut prev = vec![0.0; n_in * b];
    let f = Activation::Sigmoid;
    kernels.run(Product::Backward(Backward { f, w, delta, y: &y, prev: &mut prev, b }));
    let mut g_w = vec![0.0; n_out * n_in];
    let mut a_t = vec![0.0; n_in * b];
    kernels.run(Product::WeightGradient(WeightGradient { g_w: &mut g_w, delta, a_in, a_t: &mut a_t, b }));
    [z, prev, g_w].concat()
}

#[test]
fn products_match_their_definitions() {
    for (n_in, n_out) in [(2, 64), (64, 64), (64, 1), (37, 19), (17, 70)] {
        for b in [1, 5, 32, 37] {
            let u: Vec<f64> = uniform(99)
                .take(n_out * n_in + n_in * b + n_out * b)
                .collect();
            let (w, rest) = u.split_at(n_out * n_in);
            let (a, delta) = rest.split_at(n_in * b);
            let bias = vec![0.25; n_out];
            let ones = vec![0.5; n_in * b]; // sigmoid'(y) = 1/4 at y = 1/2
            for kernels in Kernels::all() {
                let mut z = vec![0.0; n_out * b];
                kernels.run(Product::Forward(Forward { w, bias: &bias, a_in: a, z: &mut z, b }));
                let mut prev = vec![0.0; n_in * b];
                let (f, y) = (Activation::Sigmoid, &ones);
                kernels.run(Product::Backward(Backward { f, w, delta, y, prev: &mut prev, b }));
                let mut g_w = vec![0.0; n_out * n_in];
                let mut a_t = vec![0.0; n_in * b];
                let (g_w, a_t) = (&mut g_w, &mut a_t);
                kernels.run(Product::WeightGradient(WeightGradient { g_w, delta, a_in: a, a_t, b }));
                let close = |x: f64, y: f64| assert!((x - y).abs() <= 1e-12, "{x} {y}");
                for j in 0..n_out {
                    for s in 0..b {
                        let sum: f64 = (0..n_in).map(|k| w[j * n_in + k] * a[k * b + s]).sum();
                        close(z[j * b + s], sum + 0.25);
                    }
                    for k in 0..n_in {
                        let sum: f64 = (0..b).map(|s| delta[j * b + s] * a[k * b + s]).sum();
                        close(g_w[j * n_in + k], sum / b as f64);
                    }
                }
                for k in 0..n_in {
                    for s in 0..b {
                        let sum: f64 = (0..n_out).map(|j| w[j * n_in + k] * delta[j * b + s]).sum();
                        close(prev[k * b + s], sum * 0.25);
                    }
                }
            }
        }
    }
}

#[test]
fn every_compilation_agrees_to_rounding() {
    // Layers of the benchmark's shapes and odd ones (rows left over after the blocks of
    // rows, columns left over after the blocks of columns), batches from 1 to 70.
    let layers = [
        (2, 2),
        (2, 64),
        (64, 64),
        (64, 1),
        (37, 19),
        (17, 70),
        (5, 3),
    ];
    let all = Kernels::all();
    eprintln!("kernels on this processor: {all:?}");
    for (n_in, n_out) in layers {
        for b in [1, 3, 5, 8, 16, 32, 37, 70] {
            let portable = layer_products(Kernels::Portable, n_in, n_out, b);
            let mut fused: Option<Vec<f64>> = None;
            for &kernels in &all {
                let here = layer_products(kernels, n_in, n_out, b);
                let again = layer_products(kernels, n_in, n_out, b);
                assert_eq!(here, again, "the same bits on every run ({kernels:?})");
                // Fused and separate multiply-adds agree to rounding: sums of at most 70
                // terms below 1 in size.
                for (x, p) in here.iter().zip(&portable) {
                    assert!((x - p).abs() <= 1e-13, "{kernels:?}: {x} against {p}");
                }
                // The compilations with FMA add every term in the same order with the same
                // fused operation: the same bits, whatever the width of their vectors.
                if !matches!(kernels, Kernels::Portable) {
                    match &fused {
                        Some(first) => assert_eq!(first, &here, "{kernels:?}"),
                        None => fused = Some(here),
                    }
                }
            }
        }
    }
}
