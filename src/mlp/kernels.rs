//! The arithmetic kernels of the general network: a layer's matrix products as weighted sums of
//! rows, the weight gradient, dot products, an activation (or its derivative) over a whole layer.
//! Nothing here allocates. The products are written once, generic over an `Arith` (how wide a
//! vector is, how a term is added), and compiled three times: portably for any x86-64 (plain
//! numbers, which the compiler turns into SSE2 vectors of two), and in functions marked
//! `#[target_feature(enable = ...)]` for AVX2 with FMA (vectors of four, the fused multiply-add)
//! and for AVX-512 (vectors of eight, thirty-two registers). Which one runs is decided once per
//! process from the processor's features (`Kernels::detect`). A fused multiply-add rounds once
//! where `sum + c * x` rounds twice, so the portable kernels and the others agree to rounding;
//! the AVX2 and AVX-512 kernels add the same terms in the same order with the same instruction,
//! so they give the same bits. On one machine every run gives the same bits.

use super::Activation;
use super::activation::scale_by_derivative;

#[cfg(test)]
#[path = "kernel_tests.rs"]
mod tests;

// ANCHOR: combine_rows
/// How many columns (samples) the inner loops below work on at once, portably: sixteen sums in
/// eight SSE2 registers of two, which any x86-64 has. Enough independent sums that each addition
/// need not wait for the one before, few enough that they never spill to memory.
const LANES: usize = 16;

/// `R` weighted sums of rows at once: row `r` of `out` (`R` rows of `n` columns) becomes
/// `Σ_m coef(r, m) · x_m`, where `x_m` is row `m` of `xs` (rows of `n` columns too). Both matrix
/// products of a layer are made of these: row `j` of `W A` sums the rows of `A` weighted by row
/// `j` of `W`, and row `k` of `Wᵀ δ` sums the rows of `δ` weighted by column `k` of `W`.
///
/// The loops run `C` vectors of columns at a time (`C · A::WIDTH` columns): the `R × C` vectors
/// of sums stay in registers while every term is added, and are stored once at the end (rather
/// than loading and storing the whole output row once per term). Each piece of `x_m` loaded from
/// memory serves all `R` output rows, so the more rows at once, the fewer loads per multiply-add.
/// Each sum adds its terms in order, starting from 0, whatever `R` and `C`: the result does not
/// depend on them. How a term is added is `A`'s: `sum + c * x` portably, one fused multiply-add
/// with FMA (see [`Arith`]).
#[inline(always)]
fn combine_rows<A: Arith, const R: usize, const C: usize>(
    a: A,
    out: &mut [f64],
    xs: &[f64],
    coef: impl Fn(usize, usize) -> f64,
) {
    let n = out.len() / R;
    let width = C * A::WIDTH;
    let mut start = 0;
    while start + width <= n {
        let mut sums = [[a.zero(); C]; R];
        for (m, x_m) in xs.chunks_exact(n).enumerate() {
            let x_m = &x_m[start..start + width];
            let x: [A::V; C] = std::array::from_fn(|v| a.load(&x_m[v * A::WIDTH..]));
            for (r, sums_r) in sums.iter_mut().enumerate() {
                let c = a.splat(coef(r, m));
                for (sum, &x) in sums_r.iter_mut().zip(&x) {
                    *sum = a.madd(*sum, c, x);
                }
            }
        }
        for (out_r, sums_r) in out.chunks_exact_mut(n).zip(&sums) {
            for (v, &sum) in sums_r.iter().enumerate() {
                a.store(&mut out_r[start + v * A::WIDTH..], sum);
            }
        }
        start += width;
    }
    // The last columns, fewer than `width` (all of them for a small batch), one at a time.
    for (r, out_r) in out.chunks_exact_mut(n).enumerate() {
        for (s, o) in out_r.iter_mut().enumerate().skip(start) {
            *o = (xs.chunks_exact(n).enumerate())
                .fold(0.0, |sum, (m, x_m)| a.madd_one(sum, coef(r, m), x_m[s]));
        }
    }
}

// ANCHOR_END: combine_rows

// ANCHOR: arith
/// The arithmetic of one compilation of the kernels: a vector of `WIDTH` numbers and what the
/// kernels do with it. A value of the type is a token: the SIMD ones can only be made (by
/// `new`) on a processor that has their instructions, so their methods are safe to call.
trait Arith: Copy {
    /// A vector of `WIDTH` numbers.
    type V: Copy;
    const WIDTH: usize;
    /// All zeros.
    fn zero(self) -> Self::V;
    /// `c` in every lane.
    fn splat(self, c: f64) -> Self::V;
    /// The first `WIDTH` numbers of `x` (which must hold that many).
    fn load(self, x: &[f64]) -> Self::V;
    /// Into the first `WIDTH` numbers of `out` (which must hold that many).
    fn store(self, out: &mut [f64], v: Self::V);
    /// `sum + c * x`, lane by lane.
    fn madd(self, sum: Self::V, c: Self::V, x: Self::V) -> Self::V;
    /// `sum + c * x` for one number, rounded as `madd` rounds.
    fn madd_one(self, sum: f64, c: f64, x: f64) -> f64;
}
// ANCHOR_END: arith

/// Any processor: plain numbers (the compiler makes vectors of two, with SSE2, from the loops),
/// and a multiply then an add, each rounded.
#[derive(Debug, Clone, Copy)]
struct Portable;

impl Arith for Portable {
    type V = f64;
    const WIDTH: usize = 1;
    #[inline(always)]
    fn zero(self) -> f64 {
        0.0
    }
    #[inline(always)]
    fn splat(self, c: f64) -> f64 {
        c
    }
    #[inline(always)]
    fn load(self, x: &[f64]) -> f64 {
        x[0]
    }
    #[inline(always)]
    fn store(self, out: &mut [f64], v: f64) {
        out[0] = v;
    }
    #[inline(always)]
    fn madd(self, sum: f64, c: f64, x: f64) -> f64 {
        sum + c * x
    }
    #[inline(always)]
    fn madd_one(self, sum: f64, c: f64, x: f64) -> f64 {
        sum + c * x
    }
}

/// Declares a SIMD [`Arith`]: the token type `$name`, made only when the processor has
/// `$features`, on vectors `$v` of `$width` numbers, with the intrinsics named after it.
macro_rules! simd_arith {
    ($name:ident, $features:literal, [$($detect:tt),+], $v:ty, $width:literal,
     $zero:ident, $splat:ident, $load:ident, $store:ident, $fmadd:ident) => {
        #[cfg(target_arch = "x86_64")]
        #[derive(Debug, Clone, Copy)]
        struct $name(());

        #[cfg(target_arch = "x86_64")]
        impl $name {
            /// The token, if the processor has the instructions.
            fn new() -> Option<Self> {
                ($(is_x86_feature_detected!($detect))&&+).then_some($name(()))
            }
        }

        // SAFETY (every `unsafe` block below): a `$name` exists only when `new` found the
        // processor's features, and `load` and `store` check the length of their slice first.
        #[cfg(target_arch = "x86_64")]
        impl Arith for $name {
            type V = $v;
            const WIDTH: usize = $width;
            #[inline(always)]
            fn zero(self) -> $v {
                unsafe { std::arch::x86_64::$zero() }
            }
            #[inline(always)]
            fn splat(self, c: f64) -> $v {
                unsafe { std::arch::x86_64::$splat(c) }
            }
            #[inline(always)]
            fn load(self, x: &[f64]) -> $v {
                assert!(x.len() >= $width);
                unsafe { std::arch::x86_64::$load(x.as_ptr()) }
            }
            #[inline(always)]
            fn store(self, out: &mut [f64], v: $v) {
                assert!(out.len() >= $width);
                unsafe { std::arch::x86_64::$store(out.as_mut_ptr(), v) }
            }
            #[inline(always)]
            fn madd(self, sum: $v, c: $v, x: $v) -> $v {
                unsafe { std::arch::x86_64::$fmadd(c, x, sum) }
            }
            #[inline(always)]
            fn madd_one(self, sum: f64, c: f64, x: f64) -> f64 {
                c.mul_add(x, sum)
            }
        }
    };
}

simd_arith!(Avx2Fma, "avx2,fma", ["avx2", "fma"], std::arch::x86_64::__m256d, 4,
    _mm256_setzero_pd, _mm256_set1_pd, _mm256_loadu_pd, _mm256_storeu_pd, _mm256_fmadd_pd);
simd_arith!(Avx512, "avx512f,avx2,fma", ["avx512f", "avx2", "fma"],
    std::arch::x86_64::__m512d, 8, _mm512_setzero_pd, _mm512_set1_pd, _mm512_loadu_pd,
    _mm512_storeu_pd, _mm512_fmadd_pd);

/// A whole product: every row `i` of `out` (rows of `n` columns) becomes `Σ_m coef(i, m) · x_m`
/// with [`combine_rows`], `R` rows at a time (the last few one at a time), and then
/// `finish(i, row)` runs on each finished row while it is still in the first-level cache (to add
/// a bias, or multiply by a derivative, without another pass over the layer).
#[inline(always)]
fn product<A: Arith, const R: usize, const C: usize>(
    a: A,
    out: &mut [f64],
    n: usize,
    xs: &[f64],
    coef: impl Fn(usize, usize) -> f64 + Copy,
    mut finish: impl FnMut(usize, &mut [f64]),
) {
    let rows = out.len() / n;
    let full = rows / R * R;
    let (blocks, rest) = out.split_at_mut(full * n);
    for (i, block) in blocks.chunks_exact_mut(R * n).enumerate() {
        combine_rows::<A, R, C>(a, block, xs, |r, m| coef(i * R + r, m));
        for (r, row) in block.chunks_exact_mut(n).enumerate() {
            finish(i * R + r, row);
        }
    }
    // The rows left over, fewer than R: two at a time, then the last one alone.
    let mut pairs = rest.chunks_exact_mut(2 * n);
    for (i, pair) in (&mut pairs).enumerate() {
        let first = full + 2 * i;
        combine_rows::<A, 2, C>(a, pair, xs, |r, m| coef(first + r, m));
        for (r, row) in pair.chunks_exact_mut(n).enumerate() {
            finish(first + r, row);
        }
    }
    let last = pairs.into_remainder();
    if !last.is_empty() {
        let i = rows - 1;
        combine_rows::<A, 1, C>(a, last, xs, |_, m| coef(i, m));
        finish(i, last);
    }
}

/// One of a layer's three products, with its operands: what a compilation of the kernels is
/// asked to compute ([`Kernels::run`]).
enum Product<'a> {
    Forward(Forward<'a>),
    Backward(Backward<'a>),
    WeightGradient(WeightGradient<'a>),
}

/// `Z = W A + b` for a batch of `b` samples: `w` the layer's weights (`n_out × n_in`), `bias` its
/// biases, `a_in` its inputs (`n_in × b`), `z` the result (`n_out × b`).
struct Forward<'a> {
    w: &'a [f64],
    bias: &'a [f64],
    a_in: &'a [f64],
    z: &'a mut [f64],
    b: usize,
}

/// `δ^(l-1) = (Wᵀ δ) ⊙ f'(Z^(l-1))` for a batch of `b` samples: `w` the layer's weights
/// (`n_out × n_in`), `delta` its `δ` (`n_out × b`), `y` the outputs `A^(l-1) = f(Z^(l-1))` of
/// the layer below (`n_in × b`), from which `f'` is computed, `prev` the result (`n_in × b`).
struct Backward<'a> {
    f: Activation,
    w: &'a [f64],
    delta: &'a [f64],
    y: &'a [f64],
    prev: &'a mut [f64],
    b: usize,
}

/// `g_w = (1/B) δ Aᵀ` for a batch of `b` samples: the gradient of a layer's weights, from its
/// `δ` (`n_out × b`) and its inputs `A` (`n_in × b`); `a_t` is room for `Aᵀ`.
struct WeightGradient<'a> {
    g_w: &'a mut [f64],
    delta: &'a [f64],
    a_in: &'a [f64],
    a_t: &'a mut [f64],
    b: usize,
}

/// `product`, computed with the arithmetic `a` and `R` rows of `C` columns at once.
#[inline(always)]
fn product_with<A: Arith, const R: usize, const C: usize>(a: A, product: Product<'_>) {
    match product {
        Product::Forward(x) => forward_with::<A, R, C>(a, x),
        Product::Backward(x) => backward_with::<A, R, C>(a, x),
        Product::WeightGradient(x) => weight_gradient_with::<A, R, C>(a, x),
    }
}

/// [`Forward`]: row `j` of `Z` is the sum over `k` of `W_jk` times row `k` of `A`, then plus
/// `b_j`.
#[inline(always)]
fn forward_with<A: Arith, const R: usize, const C: usize>(a: A, x: Forward<'_>) {
    let Forward { w, bias, a_in, z, b } = x;
    let n_in = a_in.len() / b;
    let add_bias = |j: usize, z_j: &mut [f64]| {
        let b_j = bias[j];
        for z_js in z_j {
            *z_js += b_j;
        }
    };
    product::<A, R, C>(a, z, b, a_in, |j, k| w[j * n_in + k], add_bias)
}

/// [`Backward`]: row `k` of `Wᵀ δ` is the sum over `j` of `W_jk` times row `j` of `δ`.
#[inline(always)]
fn backward_with<A: Arith, const R: usize, const C: usize>(a: A, x: Backward<'_>) {
    let Backward { f, w, delta, y, prev, b } = x;
    let n_in = prev.len() / b;
    let derivative = |k: usize, prev_k: &mut [f64]| {
        scale_by_derivative(f, prev_k, &y[k * b..(k + 1) * b]);
    };
    product::<A, R, C>(a, prev, b, delta, |k, j| w[j * n_in + k], derivative)
}

/// [`WeightGradient`]: entry `(j, k)` is the dot product of row `j` of `δ` with row `k` of `A`,
/// over the samples.
///
/// For a small layer that is how it is computed. Between two wide layers it is faster to
/// transpose `A` once and build row `j` of the gradient as a sum of the rows of `Aᵀ` (one per
/// sample) weighted by row `j` of `δ`, with [`combine_rows`]: then the inner loop runs along the
/// `n_in` weights of the row, in registers, instead of ending every dot product by adding up its
/// partial sums. `A`, `R` and `C` as for [`combine_rows`].
#[inline(always)]
fn weight_gradient_with<A: Arith, const R: usize, const C: usize>(a: A, x: WeightGradient<'_>) {
    let WeightGradient { g_w, delta, a_in, a_t, b } = x;
    let (n_in, n_out) = (a_in.len() / b, delta.len() / b);
    let inv_b = 1.0 / b as f64;
    if n_in < LANES || n_out < LANES {
        for (g_w_j, d_j) in g_w.chunks_exact_mut(n_in).zip(delta.chunks_exact(b)) {
            for (g_jk, a_k) in g_w_j.iter_mut().zip(a_in.chunks_exact(b)) {
                *g_jk = inv_b * dot(d_j, a_k, |sum, c, x| a.madd_one(sum, c, x));
            }
        }
        return;
    }
    let a_t = &mut a_t[..b * n_in];
    transpose(a_in, a_t, n_in, b);
    let average = |_: usize, g_w_j: &mut [f64]| {
        for g_jk in g_w_j {
            *g_jk *= inv_b;
        }
    };
    product::<A, R, C>(a, g_w, n_in, a_t, |j, s| delta[j * b + s], average)
}

/// Below this many samples (columns) the portable kernels run, inline: calling the AVX2
/// compilation of a kernel, which cannot be inlined into portable code, costs more than it gains
/// on a row or two. (So the tutorial's training with batch 1 does exactly the arithmetic of the
/// portable code, with the C library's `exp`: see [`sigmoid_all`].)
const SMALL: usize = 4;

/// Which compilation of the kernels runs: chosen once per process from the processor's features.
#[derive(Debug, Clone, Copy)]
enum Kernels {
    /// Any x86-64 (and any other architecture): SSE2, separate multiply and add.
    Portable,
    /// x86-64 with AVX2 and FMA: sixteen registers of four numbers.
    #[cfg(target_arch = "x86_64")]
    Avx2Fma(Avx2Fma),
    /// x86-64 with AVX-512 (and AVX2 and FMA): thirty-two registers of eight numbers.
    #[cfg(target_arch = "x86_64")]
    Avx512(Avx512),
}

// SAFETY (every `unsafe` call of an `avx2` or `avx512` function below): the token in
// `Kernels::Avx2Fma` or `Kernels::Avx512` proves the processor has the instructions.
impl Kernels {
    /// The processor's kernels, detected on the first call and remembered: the widest it has.
    /// Built with `--cfg nn_kernels="avx2"` or `--cfg nn_kernels="portable"` (in `RUSTFLAGS`),
    /// it takes narrower ones, to compare them on one machine; it never gets a processor
    /// kernels it lacks. (A build setting, not an environment variable: the library reads no
    /// environment.)
    fn detect() -> Kernels {
        static CHOICE: std::sync::OnceLock<Kernels> = std::sync::OnceLock::new();
        *CHOICE.get_or_init(|| {
            if cfg!(nn_kernels = "portable") {
                return Kernels::Portable;
            }
            #[cfg(target_arch = "x86_64")]
            if let Some(t) = Avx512::new().filter(|_| !cfg!(nn_kernels = "avx2")) {
                return Kernels::Avx512(t);
            }
            #[cfg(target_arch = "x86_64")]
            if let Some(t) = Avx2Fma::new() {
                return Kernels::Avx2Fma(t);
            }
            Kernels::Portable
        })
    }

    /// The kernels for a batch of `b` samples: the portable ones below [`SMALL`], else the
    /// processor's.
    fn for_batch(b: usize) -> Kernels {
        if b < SMALL {
            Kernels::Portable
        } else {
            Kernels::detect()
        }
    }

    /// `product` with these kernels.
    fn run(self, product: Product<'_>) {
        match self {
            #[cfg(target_arch = "x86_64")]
            Kernels::Avx2Fma(t) => unsafe { avx2::product(t, product) },
            #[cfg(target_arch = "x86_64")]
            Kernels::Avx512(t) => unsafe { avx512::product(t, product) },
            Kernels::Portable => product_with::<_, 1, LANES>(Portable, product),
        }
    }

    /// The sigmoid of every `z` ([`sigmoid_all_with`]) with these kernels: the same bits with
    /// every one of them.
    fn sigmoid(self, z: &[f64], y: &mut [f64]) {
        match self {
            #[cfg(target_arch = "x86_64")]
            Kernels::Avx2Fma(_) => unsafe { avx2::sigmoid_all(z, y) },
            #[cfg(target_arch = "x86_64")]
            Kernels::Avx512(_) => unsafe { avx512::sigmoid_all(z, y) },
            Kernels::Portable => sigmoid_all_with::<4>(z, y),
        }
    }
}

/// `Z = W A + b` ([`forward_with`]), compiled for this processor.
pub(super) fn forward_layer(w: &[f64], bias: &[f64], a_in: &[f64], z: &mut [f64], b: usize) {
    Kernels::for_batch(b).run(Product::Forward(Forward { w, bias, a_in, z, b }))
}

/// `δ^(l-1) = (Wᵀ δ) ⊙ f'(Z^(l-1))` ([`backward_with`]), compiled for this processor.
pub(super) fn backward_layer(
    f: Activation,
    w: &[f64],
    delta: &[f64],
    y: &[f64],
    prev: &mut [f64],
    b: usize,
) {
    Kernels::for_batch(b).run(Product::Backward(Backward { f, w, delta, y, prev, b }))
}

/// [`weight_gradient_with`], compiled for this processor.
pub(super) fn weight_gradient(
    g_w: &mut [f64],
    delta: &[f64],
    a_in: &[f64],
    a_t: &mut [f64],
    b: usize,
) {
    Kernels::for_batch(b).run(Product::WeightGradient(WeightGradient { g_w, delta, a_in, a_t, b }))
}

/// The sigmoid of every `z`, into `y` ([`sigmoid_all_with`]), compiled for this processor: the
/// same arithmetic either way (no fused operations), so the same bits on every processor. Fewer
/// than [`SMALL`] numbers (a layer of the tutorial's network with batch 1) go through the
/// sigmoid of [`Activation`] with the C library's `exp`: one at a time, its short wait for the
/// result beats the longer polynomial of [`exp`], which pays off only when several are computed
/// at once.
pub(super) fn sigmoid_all(z: &[f64], y: &mut [f64]) {
    if z.len() < SMALL {
        for (y, &z) in y.iter_mut().zip(z) {
            *y = Activation::Sigmoid.apply(z);
        }
        return;
    }
    Kernels::detect().sigmoid(z, y)
}

/// Declares a module of the kernels compiled with the target features `$features`, for the
/// arithmetic `$arith`, computing `$rows` rows of `$vectors` vectors of columns at once in the
/// products, and `$chunk` sigmoids at once. Inside these functions the compiler may use the
/// instructions of `$features`; calling them is `unsafe`, as they must not run on a processor
/// without them.
macro_rules! compiled_for {
    ($name:ident, $features:literal, $arith:ident, $rows:literal, $vectors:literal,
     $chunk:literal) => {
        #[cfg(target_arch = "x86_64")]
        mod $name {
            use super::{Product, product_with, sigmoid_all_with, $arith};

            #[target_feature(enable = $features)]
            pub(super) fn product(t: $arith, product: Product<'_>) {
                product_with::<_, $rows, $vectors>(t, product)
            }

            #[target_feature(enable = $features)]
            pub(super) fn sigmoid_all(z: &[f64], y: &mut [f64]) {
                sigmoid_all_with::<$chunk>(z, y)
            }
        }
    };
}

// AVX2: two rows of four vectors (sixteen columns): eight registers of sums, four for the
// inputs, two for the weights, of sixteen. (One row of eight vectors, three rows of four and
// four rows of two were all slower on the machine of the chapter's table.)
compiled_for!(avx2, "avx2,fma", Avx2Fma, 2, 4, 8);
// AVX-512: six rows of four vectors (thirty-two columns): twenty-four registers of sums, four
// for the inputs, one for a weight, of thirty-two. (A few per cent faster than four rows.)
compiled_for!(avx512, "avx512f,avx2,fma", Avx512, 6, 4, 16);

/// `a_t = Aᵀ`: row `s` of `a_t` (`n_in` numbers) is column `s` of `a` (`n_in × b`). In blocks
/// of 8 × 8, read as eight short rows and written as eight short rows, which the compiler does
/// with shuffles in registers rather than one number at a time; the edges one number at a time.
#[inline(always)]
fn transpose(a: &[f64], a_t: &mut [f64], n_in: usize, b: usize) {
    const T: usize = 8;
    let (k_full, s_full) = (n_in / T * T, b / T * T);
    for k0 in (0..k_full).step_by(T) {
        for s0 in (0..s_full).step_by(T) {
            let mut block = [[0.0; T]; T];
            for (i, row) in block.iter_mut().enumerate() {
                row.copy_from_slice(&a[(k0 + i) * b + s0..][..T]);
            }
            for j in 0..T {
                let out: &mut [f64; T] = (&mut a_t[(s0 + j) * n_in + k0..][..T])
                    .try_into()
                    .expect("T numbers");
                for (o, row) in out.iter_mut().zip(&block) {
                    *o = row[j];
                }
            }
        }
        for s in s_full..b {
            for k in k0..k0 + T {
                a_t[s * n_in + k] = a[k * b + s];
            }
        }
    }
    for k in k_full..n_in {
        for s in 0..b {
            a_t[s * n_in + k] = a[k * b + s];
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

/// `y = sigmoid(z) = 1 / (1 + e^-z)` elementwise, with the vectorisable [`exp`], `K` at a time:
/// several vectors of them in flight, so that the long chain of one exponential's operations
/// overlaps with the others'. The result does not depend on `K`.
#[inline(always)]
fn sigmoid_all_with<const K: usize>(z: &[f64], y: &mut [f64]) {
    let sigmoid = |z: f64| 1.0 / (1.0 + exp(-z));
    let (mut zs, mut ys) = (z.chunks_exact(K), y.chunks_exact_mut(K));
    for (z, y) in (&mut zs).zip(&mut ys) {
        let z: &[f64; K] = z.try_into().expect("K numbers");
        let mut out = [0.0; K];
        for (o, &z) in out.iter_mut().zip(z) {
            *o = sigmoid(z);
        }
        y.copy_from_slice(&out);
    }
    for (y, &z) in ys.into_remainder().iter_mut().zip(zs.remainder()) {
        *y = sigmoid(z);
    }
}
