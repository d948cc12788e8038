//! What "correct" means, once for every exercise: the tests beside your answers, the notebooks'
//! check cells and `cargo xtask exercises --check` all call these functions. Each compares your
//! answer with what the crate `nn_from_scratch` computes, and says what is wrong otherwise.
//!
//! An answer not yet written fails with a message starting `not yet implemented`: a `todo!()`
//! panics with it (the checks catch the panic and report its message, so that a notebook shows
//! the verdict as the check cell's value, never as a panic), and a number left at `f64::NAN` or a
//! prediction left at `None` is reported with it.

use std::cell::Cell;
use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

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
        Wrong(text.unwrap_or_else(|| "your code panicked".into()))
    })
}

/// Whether `a` is within `tolerance` of `b` (never when either is NaN).
fn near(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

/// A number worked out by hand: within `tolerance` of `want`.
fn by_hand(name: &str, answer: f64, want: f64, tolerance: f64) -> Verdict {
    if answer.is_nan() {
        return wrong(format!(
            "not yet implemented: {name} is still f64::NAN; work it out with pen and paper and write it in"
        ));
    }
    if (answer - want).abs() > tolerance {
        return wrong(format!(
            "{name} = {answer} is not within {tolerance} of the answer; see the hint"
        ));
    }
    Ok(())
}

/// A function of one number: equal to `want` at every point, to `tolerance` (relative above 1).
fn same_function(
    name: &str,
    points: &[f64],
    f: impl Fn(f64) -> f64,
    want: impl Fn(f64) -> f64,
    tolerance: f64,
) -> Verdict {
    for &x in points {
        let (got, expected) = (call(|| f(x))?, want(x));
        if !near(got, expected, tolerance * expected.abs().max(1.0)) {
            return wrong(format!("{name}({x}) = {got}, but it should be {expected}"));
        }
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
            "not yet implemented: {name} is still None; predict before you run: Some(one of {choices:?})"
        )),
        Some(p) if !choices.contains(&p) => {
            wrong(format!("{name} = Some({p:?}) is not one of {choices:?}"))
        }
        Some(p) => Ok(p),
    }
}

/// The prediction compared with what the run showed.
fn compare<T: PartialEq + fmt::Debug>(
    name: &str,
    prediction: T,
    outcome: T,
    seen: &str,
) -> Verdict {
    if prediction != outcome {
        return wrong(format!(
            "your run works, but {name} = Some({prediction:?}) is not what happened: {seen}. \
             Correct the prediction, then read the solution to see why"
        ));
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
