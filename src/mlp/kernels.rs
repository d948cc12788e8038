// The arithmetic kernels of the general network: the matrix products of a layer as weighted sums
// of rows, the weight gradient, dot products, and an activation (or its derivative) over a whole
// layer. Included into `mlp/mod.rs` (see there); nothing here allocates.
//
// The products are written once, portably, and compiled twice: as they are, for any x86-64
// (SSE2, two numbers per instruction), and inside functions marked
// `#[target_feature(enable = "avx2,fma")]` (four numbers per instruction, and the fused
// multiply-add). Which of the two runs is decided once per process from the processor's features
// (`Kernels::detect`), so one binary runs everywhere and uses what each processor has. A fused
// multiply-add rounds once where `sum + c * x` rounds twice, so the two compilations agree to
// rounding, not to the last bit: on one machine every run gives the same bits; machines with and
// without FMA may differ in the last bits.

// ANCHOR: combine_rows
/// How many columns (samples) the inner loops below work on at once, portably. Their partial sums
/// live in a `[f64; LANES]`, which the compiler keeps in vector registers (eight SSE2 registers
/// on any x86-64): enough independent sums that each addition need not wait for the one before,
/// few enough that they never spill to memory. With AVX2, whose registers hold four numbers, the
/// same loop runs on twice as many columns (`AVX2_LANES`).
const LANES: usize = 16;

/// `out[s] = Σ_m c_m · row_m[s]` for every column `s`, given the pairs `(c_m, row_m)`: a weighted
/// sum of rows, each as long as `out`. Both matrix products of a layer are made of these: row `j`
/// of `W A` sums the rows of `A` weighted by row `j` of `W`, and row `k` of `Wᵀ δ` sums the rows
/// of `δ` weighted by column `k` of `W`.
///
/// The loops run `L` columns at a time: their sums stay in registers while every term is added,
/// and are stored once at the end (rather than loading and storing the whole output row once per
/// term). Each sum adds its terms in order, starting from 0, whatever `L`. `madd(sum, c, x)` adds
/// one term: `sum + c * x` portably, `c.mul_add(x, sum)` (one fused instruction) with FMA.
#[inline(always)]
fn combine_rows<'a, const L: usize>(
    out: &mut [f64],
    terms: impl Iterator<Item = (f64, &'a [f64])> + Clone,
    madd: impl Fn(f64, f64, f64) -> f64 + Copy,
) {
    let n = out.len();
    let mut blocks = out.chunks_exact_mut(L);
    for (i, block) in (&mut blocks).enumerate() {
        let start = i * L;
        let mut sums = [0.0; L];
        for (c, row) in terms.clone() {
            for (sum, &x) in sums.iter_mut().zip(&row[start..start + L]) {
                *sum = madd(*sum, c, x);
            }
        }
        block.copy_from_slice(&sums);
    }
    // The last columns, fewer than L (all of them for a batch of fewer than L samples).
    let tail = blocks.into_remainder();
    let start = n - tail.len();
    for (s, o) in tail.iter_mut().enumerate() {
        *o = terms
            .clone()
            .fold(0.0, |sum, (c, row)| madd(sum, c, row[start + s]));
    }
}

// ANCHOR_END: combine_rows

/// The columns [`combine_rows`] works on at once with AVX2: eight registers of four numbers.
#[cfg(target_arch = "x86_64")]
const AVX2_LANES: usize = 32;

/// `sum + c * x`, two roundings: the portable multiply-add.
#[inline(always)]
fn madd(sum: f64, c: f64, x: f64) -> f64 {
    sum + c * x
}

/// `c * x + sum` with one rounding; used only inside the AVX2 + FMA kernels, where it is one
/// instruction (elsewhere it would be a call to the C library's `fma`).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn fused(sum: f64, c: f64, x: f64) -> f64 {
    c.mul_add(x, sum)
}

/// Which compilation of the kernels runs: chosen once per process from the processor's features.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kernels {
    /// Any x86-64 (and any other architecture): SSE2, separate multiply and add.
    Portable,
    /// x86-64 with AVX2 and FMA.
    Avx2Fma,
}

impl Kernels {
    /// The processor's kernels, detected on the first call and remembered.
    fn detect() -> Kernels {
        static CHOICE: std::sync::OnceLock<Kernels> = std::sync::OnceLock::new();
        *CHOICE.get_or_init(|| {
            #[cfg(target_arch = "x86_64")]
            if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
                return Kernels::Avx2Fma;
            }
            Kernels::Portable
        })
    }
}

/// Below this many samples (columns) the portable kernels run, inline: calling the AVX2
/// compilation of a kernel, which cannot be inlined into portable code, costs more than it gains
/// on a row or two. (So the tutorial's training with batch 1 does exactly the arithmetic of the
/// portable code, with the C library's `exp`: see [`sigmoid_all`].)
const SMALL: usize = 4;

/// [`combine_rows`], compiled for this processor.
fn rows<'a>(out: &mut [f64], terms: impl Iterator<Item = (f64, &'a [f64])> + Clone) {
    #[cfg(target_arch = "x86_64")]
    if out.len() >= SMALL && Kernels::detect() == Kernels::Avx2Fma {
        // SAFETY: the processor has AVX2 and FMA (just checked).
        return unsafe { avx2::rows(out, terms) };
    }
    combine_rows::<LANES>(out, terms, madd)
}

/// [`weight_gradient_with`], compiled for this processor.
fn weight_gradient(g_w: &mut [f64], delta: &[f64], a_in: &[f64], a_t: &mut [f64], b: usize) {
    #[cfg(target_arch = "x86_64")]
    if b >= SMALL && Kernels::detect() == Kernels::Avx2Fma {
        // SAFETY: the processor has AVX2 and FMA (just checked).
        return unsafe { avx2::weight_gradient(g_w, delta, a_in, a_t, b) };
    }
    weight_gradient_with::<LANES>(g_w, delta, a_in, a_t, b, madd)
}

/// The sigmoid of every `z`, into `y` ([`sigmoid_all_with`]), compiled for this processor: the
/// same arithmetic either way (no fused operations), so the same bits on every processor. Fewer
/// than [`SMALL`] numbers (a layer of the tutorial's network with batch 1) go through the
/// sigmoid of [`Activation`] with the C library's `exp`: one at a time, its short wait for the
/// result beats the longer polynomial of [`exp`], which pays off only when several are computed
/// at once.
fn sigmoid_all(z: &[f64], y: &mut [f64]) {
    if z.len() < SMALL {
        for (y, &z) in y.iter_mut().zip(z) {
            *y = Activation::Sigmoid.apply(z);
        }
        return;
    }
    #[cfg(target_arch = "x86_64")]
    if Kernels::detect() == Kernels::Avx2Fma {
        // SAFETY: the processor has AVX2 and FMA (just checked).
        return unsafe { avx2::sigmoid_all(z, y) };
    }
    sigmoid_all_with(z, y)
}

/// The kernels compiled for AVX2 and FMA; call them only when the processor has both.
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::{AVX2_LANES, combine_rows, fused, sigmoid_all_with, weight_gradient_with};

    #[target_feature(enable = "avx2,fma")]
    pub(super) unsafe fn rows<'a>(
        out: &mut [f64],
        terms: impl Iterator<Item = (f64, &'a [f64])> + Clone,
    ) {
        combine_rows::<AVX2_LANES>(out, terms, fused)
    }

    #[target_feature(enable = "avx2,fma")]
    pub(super) unsafe fn weight_gradient(
        g_w: &mut [f64],
        delta: &[f64],
        a_in: &[f64],
        a_t: &mut [f64],
        b: usize,
    ) {
        weight_gradient_with::<AVX2_LANES>(g_w, delta, a_in, a_t, b, fused)
    }

    #[target_feature(enable = "avx2,fma")]
    pub(super) unsafe fn sigmoid_all(z: &[f64], y: &mut [f64]) {
        sigmoid_all_with(z, y)
    }
}

/// `g_w = (1/B) δ Aᵀ` for a batch of `b` samples: the gradient of a layer's weights, from its
/// `δ` (`n_out × b`) and its inputs `A` (`n_in × b`); `a_t` is room for `Aᵀ`.
///
/// Entry `(j, k)` is the dot product of row `j` of `δ` with row `k` of `A`, over the samples.
/// For a small layer that is how it is computed. Between two wide layers it is faster to
/// transpose `A` once and build row `j` of the gradient as a sum of the rows of `Aᵀ` (one per
/// sample) weighted by row `j` of `δ`, with [`combine_rows`]: then the inner loop runs along the
/// `n_in` weights of the row, in registers, instead of ending every dot product by adding up its
/// partial sums. `L` and `madd` as for [`combine_rows`].
#[inline(always)]
fn weight_gradient_with<const L: usize>(
    g_w: &mut [f64],
    delta: &[f64],
    a_in: &[f64],
    a_t: &mut [f64],
    b: usize,
    madd: impl Fn(f64, f64, f64) -> f64 + Copy,
) {
    let (n_in, n_out) = (a_in.len() / b, delta.len() / b);
    let inv_b = 1.0 / b as f64;
    if n_in < LANES || n_out < LANES {
        for (g_w_j, d_j) in g_w.chunks_exact_mut(n_in).zip(delta.chunks_exact(b)) {
            for (g_jk, a_k) in g_w_j.iter_mut().zip(a_in.chunks_exact(b)) {
                *g_jk = inv_b * dot(d_j, a_k, madd);
            }
        }
        return;
    }
    let a_t = &mut a_t[..b * n_in];
    for (k, a_k) in a_in.chunks_exact(b).enumerate() {
        for (s, &a_ks) in a_k.iter().enumerate() {
            a_t[s * n_in + k] = a_ks;
        }
    }
    for (g_w_j, d_j) in g_w.chunks_exact_mut(n_in).zip(delta.chunks_exact(b)) {
        combine_rows::<L>(g_w_j, d_j.iter().copied().zip(a_t.chunks_exact(n_in)), madd);
        for g_jk in g_w_j.iter_mut() {
            *g_jk *= inv_b;
        }
    }
}

/// The dot product `Σ_s x[s] y[s]`, accumulated in `LANES` interleaved partial sums that the
/// compiler keeps in vector registers (one running sum would make every addition wait for the
/// one before). For fewer than `LANES` samples this is the plain sum, in order.
#[inline(always)]
fn dot(x: &[f64], y: &[f64], madd: impl Fn(f64, f64, f64) -> f64) -> f64 {
    let mut sums = [0.0; LANES];
    let (xs, ys) = (x.chunks_exact(LANES), y.chunks_exact(LANES));
    let tail: f64 = xs
        .remainder()
        .iter()
        .zip(ys.remainder())
        .map(|(a, b)| a * b)
        .sum();
    for (xb, yb) in xs.zip(ys) {
        for ((sum, &a), &b) in sums.iter_mut().zip(xb).zip(yb) {
            *sum = madd(*sum, a, b);
        }
    }
    sums.iter().sum::<f64>() + tail
}

// ANCHOR: exp
/// `e^x`, written so that the compiler can compute several at once in vector registers (the C
/// library's `exp` takes one number per call). Within 2 units in the last place of `f64::exp`
/// for every `x` (the test `exp_matches_the_c_library` checks the whole range); the MLP's sigmoid
/// uses it, the tutorial's network keeps `f64::exp`.
///
/// The classic method (W. J. Cody and W. Waite, 1980):
///
/// 1. Write `x = k·ln 2 + r` with `k` a whole number and `|r| ≤ ln 2 / 2`, so that
///    `e^x = 2^k · e^r`. `k` is `x / ln 2` rounded, and `r` is computed with `ln 2` split in two
///    parts (`LN2_HI` has few enough digits that `k · LN2_HI` is exact), so `r` is exact to far
///    more digits than a plain `x - k * ln 2` would be.
/// 2. `e^r` by its Taylor series `1 + r + r²/2! + ... + r¹³/13!`: on `|r| ≤ 0.35` the terms
///    left out are below `10⁻¹⁷`, a twentieth of a unit in the last place.
/// 3. Multiply by `2^k`, built directly from its bits (the exponent field of a float), in two
///    halves so that results below `2^-1022` (subnormal) round correctly rather than vanish.
///
/// Beyond `[-746, 710]` the result is 0 or infinity anyway, so `x` is clamped there (NaN stays
/// NaN). No branches depend on the data, so a loop over many `x` becomes vector instructions.
#[inline(always)]
fn exp(x: f64) -> f64 {
    const LN2_HI: f64 = f64::from_bits(0x3FE6_2E42_FEE0_0000); // ln 2 to 32 bits, 0.693147180369...
    const LN2_LO: f64 = f64::from_bits(0x3DEA_39EF_3579_3C76); // ln 2 - LN2_HI, 1.90821e-10
    // Adding 1.5 · 2^52 rounds to a whole number, and leaves it in the low bits of the float.
    const ROUND: f64 = 6_755_399_441_055_744.0;
    // 1/n! for n = 2..=13.
    const C: [f64; 12] = [
        1.0 / 2.0,
        1.0 / 6.0,
        1.0 / 24.0,
        1.0 / 120.0,
        1.0 / 720.0,
        1.0 / 5_040.0,
        1.0 / 40_320.0,
        1.0 / 362_880.0,
        1.0 / 3_628_800.0,
        1.0 / 39_916_800.0,
        1.0 / 479_001_600.0,
        1.0 / 6_227_020_800.0,
    ];
    let x = x.clamp(-746.0, 710.0);
    // 1. x = k ln 2 + r.
    let k = (x * std::f64::consts::LOG2_E + ROUND) - ROUND;
    let r = (x - k * LN2_HI) - k * LN2_LO;
    // 2. e^r = 1 + r + r² q with q = 1/2! + r/3! + ... + r¹¹/13!, the last addition of 1
    // rounding once. q in pairs (Estrin's scheme) rather than term after term (Horner's rule):
    // the same number of operations, but fewer of them waiting for each other.
    let (r2, pair) = (r * r, |i: usize| C[i] + C[i + 1] * r);
    let (r4, r8) = (r2 * r2, r2 * r2 * (r2 * r2));
    let q = (pair(0) + pair(2) * r2) + (pair(4) + pair(6) * r2) * r4 + (pair(8) + pair(10) * r2) * r8;
    let e_r = 1.0 + (r + r2 * q);
    // 3. Times 2^k = 2^k1 · 2^k2, each a float with exponent field k_i + 1023 and zero mantissa.
    let k1 = (k * 0.5 + ROUND) - ROUND;
    let k2 = k - k1;
    let two_to = |k: f64| f64::from_bits((k + ROUND).to_bits().wrapping_add(1023) << 52);
    e_r * two_to(k1) * two_to(k2)
}
// ANCHOR_END: exp

/// `y = sigmoid(z) = 1 / (1 + e^-z)` elementwise, with the vectorisable [`exp`].
#[inline(always)]
fn sigmoid_all_with(z: &[f64], y: &mut [f64]) {
    for (y, &z) in y.iter_mut().zip(z) {
        *y = 1.0 / (1.0 + exp(-z));
    }
}

/// `y = f(z)` elementwise, with the choice of `f` made once, outside the loop.
fn apply_all(f: Activation, z: &[f64], y: &mut [f64]) {
    let pairs = y.iter_mut().zip(z);
    match f {
        Activation::Sigmoid => sigmoid_all(z, y),
        Activation::Tanh => pairs.for_each(|(y, &z)| *y = Activation::Tanh.apply(z)),
        Activation::Relu => pairs.for_each(|(y, &z)| *y = Activation::Relu.apply(z)),
    }
}

/// `delta ⊙= f'(z)`, with `f'` computed from the outputs `y = f(z)` and the choice of `f` made
/// once, outside the loop.
fn scale_by_derivative(f: Activation, delta: &mut [f64], y: &[f64]) {
    let pairs = delta.iter_mut().zip(y);
    match f {
        Activation::Sigmoid => pairs.for_each(|(d, &y)| *d *= Activation::Sigmoid.derivative(y)),
        Activation::Tanh => pairs.for_each(|(d, &y)| *d *= Activation::Tanh.derivative(y)),
        Activation::Relu => pairs.for_each(|(d, &y)| *d *= Activation::Relu.derivative(y)),
    }
}

#[cfg(test)]
mod kernel_tests {
    use super::*;

    /// How many floats lie between `a` and `b` (both finite and of one sign, or equal).
    fn ulps(a: f64, b: f64) -> u64 {
        if a == b || (a.is_nan() && b.is_nan()) {
            return 0;
        }
        assert!(a.is_finite() && b.is_finite(), "{a} against {b}");
        assert_eq!(a.is_sign_negative(), b.is_sign_negative(), "{a} against {b}");
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
        eprintln!("exp: at most {} ulp from f64::exp (at x = {:e})", worst.0, worst.1);
        assert!(worst.0 <= 2, "{} ulp apart at x = {:e}", worst.0, worst.1);
        assert_eq!(exp(f64::INFINITY), f64::INFINITY);
        assert_eq!(exp(f64::NEG_INFINITY), 0.0);
        assert!(exp(f64::NAN).is_nan());
        assert_eq!(exp(0.0), 1.0);
    }

    #[test]
    fn sigmoid_over_a_layer_is_the_sigmoid() {
        let z: Vec<f64> = uniform(3).take(10_000).map(|u| -50.0 + 100.0 * u).collect();
        let mut y = vec![0.0; z.len()];
        apply_all(Activation::Sigmoid, &z, &mut y);
        let mut portable = vec![0.0; z.len()];
        sigmoid_all_with(&z, &mut portable);
        // The same bits whichever compilation ran, and within a few ulp of the tutorial's.
        assert_eq!(y, portable);
        for (&z, &y) in z.iter().zip(&y) {
            assert!(ulps(y, crate::activation::sigmoid(z)) <= 4, "sigmoid({z})");
        }
        let mut y = [0.0; 3];
        sigmoid_all_with(&[f64::INFINITY, f64::NEG_INFINITY, f64::NAN], &mut y);
        assert_eq!(y[..2], [1.0, 0.0]);
        assert!(y[2].is_nan());
    }

    #[test]
    fn both_compilations_agree_to_rounding() {
        let u: Vec<f64> = uniform(11).take(64 * 37 + 64 * 37).map(|u| u - 0.5).collect();
        let (w, a) = u.split_at(64 * 37);
        for b in [1, 5, 16, 32, 37] {
            let terms = || w[..64].iter().copied().zip(a.chunks_exact(b).take(64));
            let (mut here, mut portable) = (vec![0.0; b], vec![0.0; b]);
            rows(&mut here, terms());
            combine_rows::<LANES>(&mut portable, terms(), madd);
            let mut again = vec![0.0; b];
            rows(&mut again, terms());
            assert_eq!(here, again, "the same bits on every run");
            for (x, y) in here.iter().zip(&portable) {
                assert!((x - y).abs() <= 1e-13, "{x} against {y}");
            }
        }
    }
}
