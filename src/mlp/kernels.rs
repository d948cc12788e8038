// The arithmetic kernels of the general network: the matrix products of a layer as weighted sums
// of rows, the weight gradient, dot products, and an activation (or its derivative) over a whole
// layer. Included into `mlp/mod.rs` (see there); nothing here allocates.

// ANCHOR: combine_rows
/// How many columns (samples) the inner loops below work on at once. Their partial sums live in
/// a `[f64; LANES]`, which the compiler keeps in vector registers (eight SSE2 registers on any
/// x86-64, four AVX2, two AVX-512): enough independent sums that each addition need not wait
/// for the one before, few enough that they never spill to memory.
const LANES: usize = 16;

/// `out[s] = Σ_m c_m · row_m[s]` for every column `s`, given the pairs `(c_m, row_m)`: a weighted
/// sum of rows, each as long as `out`. Both matrix products of a layer are made of these: row `j`
/// of `W A` sums the rows of `A` weighted by row `j` of `W`, and row `k` of `Wᵀ δ` sums the rows
/// of `δ` weighted by column `k` of `W`.
///
/// The loops run `LANES` columns at a time: their sums stay in registers while every term is
/// added, and are stored once at the end (rather than loading and storing the whole output row
/// once per term). Each sum adds its terms in order, starting from 0, so the result is the same
/// to the last bit as the plain loop.
fn combine_rows<'a>(out: &mut [f64], terms: impl Iterator<Item = (f64, &'a [f64])> + Clone) {
    let n = out.len();
    let mut blocks = out.chunks_exact_mut(LANES);
    for (i, block) in (&mut blocks).enumerate() {
        let start = i * LANES;
        let mut sums = [0.0; LANES];
        for (c, row) in terms.clone() {
            for (sum, &x) in sums.iter_mut().zip(&row[start..start + LANES]) {
                *sum += c * x;
            }
        }
        block.copy_from_slice(&sums);
    }
    // The last columns, fewer than LANES (all of them for a batch of fewer than LANES samples).
    let tail = blocks.into_remainder();
    let start = n - tail.len();
    for (s, o) in tail.iter_mut().enumerate() {
        *o = terms
            .clone()
            .fold(0.0, |sum, (c, row)| sum + c * row[start + s]);
    }
}

// ANCHOR_END: combine_rows

/// `g_w = (1/B) δ Aᵀ` for a batch of `b` samples: the gradient of a layer's weights, from its
/// `δ` (`n_out × b`) and its inputs `A` (`n_in × b`); `a_t` is room for `Aᵀ`.
///
/// Entry `(j, k)` is the dot product of row `j` of `δ` with row `k` of `A`, over the samples.
/// For a small layer that is how it is computed. Between two wide layers it is faster to
/// transpose `A` once and build row `j` of the gradient as a sum of the rows of `Aᵀ` (one per
/// sample) weighted by row `j` of `δ`, with [`combine_rows`]: then the inner loop runs along the
/// `n_in` weights of the row, in registers, instead of ending every dot product by adding up its
/// partial sums.
fn weight_gradient(g_w: &mut [f64], delta: &[f64], a_in: &[f64], a_t: &mut [f64], b: usize) {
    let (n_in, n_out) = (a_in.len() / b, delta.len() / b);
    let inv_b = 1.0 / b as f64;
    if n_in < LANES || n_out < LANES {
        for (g_w_j, d_j) in g_w.chunks_exact_mut(n_in).zip(delta.chunks_exact(b)) {
            for (g_jk, a_k) in g_w_j.iter_mut().zip(a_in.chunks_exact(b)) {
                *g_jk = inv_b * dot(d_j, a_k);
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
        combine_rows(g_w_j, d_j.iter().copied().zip(a_t.chunks_exact(n_in)));
        for g_jk in g_w_j.iter_mut() {
            *g_jk *= inv_b;
        }
    }
}

/// The dot product `Σ_s x[s] y[s]`, accumulated in `LANES` interleaved partial sums that the
/// compiler keeps in vector registers (one running sum would make every addition wait for the
/// one before). For fewer than `LANES` samples this is the plain sum, in order.
fn dot(x: &[f64], y: &[f64]) -> f64 {
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
            *sum += a * b;
        }
    }
    sums.iter().sum::<f64>() + tail
}

/// `y = f(z)` elementwise, with the choice of `f` made once, outside the loop.
fn apply_all(f: Activation, z: &[f64], y: &mut [f64]) {
    let pairs = y.iter_mut().zip(z);
    match f {
        Activation::Sigmoid => pairs.for_each(|(y, &z)| *y = Activation::Sigmoid.apply(z)),
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
