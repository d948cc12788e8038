//! The machine's limits, for the roofline of the chapter "How fast is it?": the most
//! double-precision operations one core can do per second (a loop of nothing but independent
//! fused multiply-adds, with AVX2 and, where the processor has it, AVX-512), and how many bytes
//! per second one core reads from main memory (a sum over an array far larger than the caches).
//! Each is the best of several short runs: a peak is what the machine can do, so the fastest run
//! is the one least disturbed by anything else running.

use std::hint::black_box;
use std::time::Instant;

use serde_json::{Value, json};

/// `acc = acc · a + b` for each of twelve vector registers, `iters` times: twelve independent
/// chains of fused multiply-adds, enough to keep every multiply-add unit busy while each chain
/// waits for its last result. Written with the processor's own instructions (`core::arch`), so
/// that the accumulators stay in registers.
macro_rules! fma_chains {
    ($vis:vis $name:ident, $features:literal, $vec:ident, $set1:ident, $fmadd:ident, $lanes:literal) => {
        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = $features)]
        #[allow(unused_unsafe)] // the intrinsics are safe here from Rust 1.87 on
        $vis unsafe fn $name(iters: usize) -> f64 {
            use std::arch::x86_64::*;
            unsafe {
            let (a, b) = ($set1(black_box(0.999_999_9)), $set1(black_box(1e-7)));
            let mut acc: [$vec; 12] = [$set1(0.5); 12];
            for _ in 0..iters {
                for x in acc.iter_mut() {
                    *x = $fmadd(*x, a, b);
                }
            }
            let lanes: [[f64; $lanes]; 12] = std::mem::transmute(acc);
            lanes.iter().flatten().sum()
            }
        }
    };
}

fma_chains!(
    avx2,
    "avx2,fma",
    __m256d,
    _mm256_set1_pd,
    _mm256_fmadd_pd,
    4
);
// The AVX-512 intrinsics came with Rust 1.89, the crate's minimum Rust (raised for the AVX-512
// kernels of `src/mlp/kernels.rs`).
mod wide {
    use super::black_box;
    fma_chains!(pub(super) run, "avx512f", __m512d, _mm512_set1_pd, _mm512_fmadd_pd, 8);
}

/// The best GFLOP/s of `runs` runs of `f(iters)`, which does `flops_per_iter` operations per
/// iteration (a multiply-add counts as two).
fn best_gflops(runs: usize, iters: usize, flops_per_iter: f64, f: impl Fn(usize) -> f64) -> f64 {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f(iters));
            flops_per_iter * iters as f64 / t.elapsed().as_secs_f64() / 1e9
        })
        .fold(0.0, f64::max)
}

/// The best read bandwidth of one core, in GB/s, summing 128 MiB of `f64`s (more than any
/// processor's caches).
fn read_bandwidth(runs: usize) -> f64 {
    let data = vec![1.0_f64; 16 << 20];
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            let mut sums = [0.0; 8];
            for chunk in black_box(&data).chunks_exact(8) {
                for (s, x) in sums.iter_mut().zip(chunk) {
                    *s += x;
                }
            }
            black_box(sums);
            (data.len() * 8) as f64 / t.elapsed().as_secs_f64() / 1e9
        })
        .fold(0.0, f64::max)
}

/// The peaks, as JSON: GFLOP/s with AVX2 + FMA and with AVX-512 (null without it), the
/// machine's peak (the larger), and the read bandwidth in GB/s.
pub fn measure(quick: bool) -> Value {
    // Many short runs (a few milliseconds each): on a busy machine some of them run undisturbed.
    let (runs, iters) = if quick { (1, 1_000) } else { (40, 1_000_000) };
    let mut avx2_peak = None;
    let mut avx512_peak = None;
    #[cfg(target_arch = "x86_64")]
    {
        if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
            // SAFETY: the processor has AVX2 and FMA (just checked).
            avx2_peak = Some(best_gflops(runs, iters, 96.0, |n| unsafe { avx2(n) }));
        }
        if is_x86_feature_detected!("avx512f") && is_x86_feature_detected!("fma") {
            // SAFETY: the processor has AVX-512F and FMA (just checked).
            avx512_peak = Some(best_gflops(runs, iters, 192.0, |n| unsafe { wide::run(n) }));
        }
    }
    let peak = avx512_peak
        .into_iter()
        .chain(avx2_peak)
        .fold(f64::NAN, f64::max);
    json!({
        "avx2_fma_gflops": avx2_peak,
        "avx512_gflops": avx512_peak,
        "peak_gflops": peak,
        "read_gbytes_per_s": read_bandwidth(if quick { 1 } else { 15 }),
    })
}
