//! What "correct" means, once for every exercise: the tests beside your answers, the notebooks'
//! check cells and `cargo xtask exercises --check` all call these functions. Each compares your
//! answer with what the crate `nn_from_scratch` computes, and says what is wrong otherwise.
//!
//! An answer not yet written fails with a message starting `not yet implemented`: a `todo!()`
//! panics with it (the checks catch the panic and report its message, so that a notebook shows
//! the verdict as the check cell's value, never as a panic), and a number left at `f64::NAN` or a
//! prediction left at `None` is reported with it.

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::cell::Cell;
use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use crate::words::word;

/// What is wrong with an answer. Its `Debug` is the bare message, so that `.unwrap()` shows it
/// as it is.
#[derive(Clone, PartialEq)]
pub struct Wrong(pub String);

impl fmt::Debug for Wrong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for Wrong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A check's verdict.
pub type Verdict = Result<(), Wrong>;

fn wrong<T>(message: String) -> Result<T, Wrong> {
    Err(Wrong(message))
}

thread_local! {
    /// Whether this thread is inside [`call`], whose panics are reported, not printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs the reader's code; a panic (a `todo!()`) becomes a [`Wrong`] with its message, and is
/// not printed (the panic hook stays as it was for everything else).
fn call<T>(f: impl FnOnce() -> T) -> Result<T, Wrong> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info)
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.map_err(|payload| {
        let text = payload.downcast_ref::<String>().cloned();
        let text = text.or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()));
        let text = text.unwrap_or_else(|| word("panicked", &[]));
        // A `todo!()`'s message, `not yet implemented: ...`, in the reader's language.
        Wrong(match text.strip_prefix("not yet implemented") {
            Some(rest) => format!("{}{rest}", word("not_implemented", &[])),
            None => text,
        })
    })
}

/// Whether `a` is within `tolerance` of `b` (never when either is NaN).
fn near(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

/// `10^exponent` written out: `0.001`, `1`, `100`.
fn power_of_ten(exponent: i32) -> String {
    match exponent {
        e if e < 0 => format!("0.{}1", "0".repeat((-e - 1) as usize)),
        e => format!("1{}", "0".repeat(e as usize)),
    }
}

/// How `got` differs from `want`, in words that do not give `want` away: the wrong sign, a
/// factor 2 too many or missing, or too large or too small by a power of ten to the next one.
/// Every message of the checks says how far off an answer is through this.
fn off(got: f64, want: f64) -> String {
    off_within(got, want, 1e-9 * want.abs())
}

/// [`off`], where a number within `tolerance` of `-want`, `2 want` or `want / 2` counts as the
/// wrong sign or a factor 2 (a by-hand answer is rounded).
fn off_within(got: f64, want: f64, tolerance: f64) -> String {
    let close = |a: f64, b: f64| near(a, b, tolerance);
    if !got.is_finite() {
        return word("off_not_finite", &[&got]);
    }
    if want != 0.0 && close(got, -want) {
        return word("off_sign", &[]);
    }
    if want != 0.0 && close(got, 2.0 * want) {
        return word("off_twice", &[]);
    }
    if want != 0.0 && close(got, 0.5 * want) {
        return word("off_half", &[]);
    }
    let d = got - want;
    let exponent = d.abs().log10().floor() as i32;
    let (from, to) = (power_of_ten(exponent), power_of_ten(exponent + 1));
    if d > 0.0 {
        word("off_large", &[&from, &to])
    } else {
        word("off_small", &[&from, &to])
    }
}

/// `x` rounded to one decimal, for saying roughly where a function went wrong.
fn about(x: f64) -> String {
    format!("{x:.1}")
}

/// Fresh random numbers every run (the tests' inputs: never the same twice, so that no table
/// of fixed inputs can pass): `rand`'s `StdRng` from a seed that differs every run.
struct Draw(StdRng);

impl Draw {
    fn new() -> Self {
        use std::hash::{BuildHasher, RandomState};
        Draw(StdRng::seed_from_u64(RandomState::new().hash_one(0u8)))
    }

    fn next_u64(&mut self) -> u64 {
        self.0.random()
    }

    /// Uniform in `[low, high)`.
    fn uniform(&mut self, low: f64, high: f64) -> f64 {
        self.0.random_range(low..high)
    }
}

/// A number worked out by hand: within `tolerance` of `want`. The message says which way it is
/// off and roughly how far, never `want`.
fn by_hand(name: &str, answer: f64, want: f64, tolerance: f64) -> Verdict {
    if answer.is_nan() {
        return wrong(format!(
            "{}: {}",
            word("not_implemented", &[]),
            word("still_nan", &[&name])
        ));
    }
    if (answer - want).abs() > tolerance {
        let off = off_within(answer, want, tolerance);
        return wrong(word("by_hand_off", &[&name, &answer, &off, &tolerance]));
    }
    Ok(())
}

/// A function of one number, as the reader calls it (`call`, such as `sigmoid_derivative(x)`):
/// equal to `want` at every point, to `tolerance` (relative above 1). The message gives the
/// point rounded, and how far off the value is.
fn same_function(
    call_name: &str,
    points: &[f64],
    f: impl Fn(f64) -> f64,
    want: impl Fn(f64) -> f64,
    tolerance: f64,
) -> Verdict {
    let argument = call_name
        .split_once('(')
        .and_then(|(_, a)| a.strip_suffix(')'));
    for &x in points {
        let (got, expected) = (call(|| f(x))?, want(x));
        if !near(got, expected, tolerance * expected.abs().max(1.0)) {
            let (off, argument) = (off(got, expected), argument.unwrap_or("x"));
            let (x, tried) = (about(x), points.len());
            return wrong(word(
                "function_off",
                &[&call_name, &off, &argument, &x, &tried],
            ));
        }
    }
    Ok(())
}

/// A function without arguments, as the reader calls it (`slope_ratio()`): its value is `want`.
fn same_value(call_name: &str, got: f64, want: f64, tolerance: f64) -> Verdict {
    if !near(got, want, tolerance * want.abs().max(1.0)) {
        return wrong(format!("{call_name} {}", off(got, want)));
    }
    Ok(())
}

/// A prediction, written before the run: present, and one of `choices`.
fn predicted<T: PartialEq + fmt::Debug + Copy>(
    name: &str,
    prediction: Option<T>,
    choices: &[T],
) -> Result<T, Wrong> {
    match prediction {
        None => wrong(format!(
            "{}: {}",
            word("not_implemented", &[]),
            word("still_none", &[&name, &format!("{choices:?}")])
        )),
        Some(p) if !choices.contains(&p) => wrong(word(
            "not_a_choice",
            &[&name, &format!("{p:?}"), &format!("{choices:?}")],
        )),
        Some(p) => Ok(p),
    }
}

/// The prediction `p` of `name` against the one of `choices` with the least `cost` (each cost
/// computed once: it may be a whole training run); when they differ, the message `seen` (a key
/// of `words.json`) lists every choice's cost as `show` writes it.
fn compare_least(
    name: &str,
    p: f64,
    choices: &[f64],
    cost: impl Fn(f64) -> f64,
    show: impl Fn(f64, f64) -> String,
    seen: &str,
) -> Verdict {
    let costs: Vec<(f64, f64)> = choices.iter().map(|&c| (c, cost(c))).collect();
    let best = (costs.iter())
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map_or(f64::NAN, |&(c, _)| c);
    let shown: Vec<String> = costs.iter().map(|&(c, e)| show(c, e)).collect();
    compare(name, p, best, &word(seen, &[&shown.join(", ")]))
}

/// The prediction compared with what the run showed.
fn compare<T: PartialEq + fmt::Debug>(
    name: &str,
    prediction: T,
    outcome: T,
    seen: &str,
) -> Verdict {
    if prediction != outcome {
        let prediction = format!("{prediction:?}");
        return wrong(word("prediction_off", &[&name, &prediction, &seen]));
    }
    Ok(())
}

/// Chapter 1: the neuron.
pub mod ch01;

/// Chapter 2: a network of neurons.
pub mod ch02;

/// Chapter 3: data and the loss.
pub mod ch03;

/// Chapter 4: backpropagation.
pub mod ch04;

/// Chapter 5: training.
pub mod ch05;

/// Chapter 7: real people.
pub mod ch07;

/// Chapter 8: any network shape.
pub mod ch08;

/// Chapter 9: activations, losses and optimizers.
pub mod ch09;

/// Chapter 12: ten answers, softmax.
pub mod ch12;
