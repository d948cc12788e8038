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
pub mod ch01 {
    use super::*;
    use nn_from_scratch::activation::deriv_sigmoid;
    use nn_from_scratch::neuron::Neuron;

    /// Exercise 1.1: the sigmoid's derivative, at points from -10 to 10.
    pub fn sigmoid_derivative(f: impl Fn(f64) -> f64) -> Verdict {
        let points: Vec<f64> = (-20..=20).map(|i| i as f64 * 0.5).collect();
        same_function("sigmoid_derivative", &points, f, deriv_sigmoid, 1e-12)
    }

    /// Exercise 1.2: the output of the neuron with weights [0.5, -1], bias 1, for x = [2, 3],
    /// to 0.001.
    pub fn neuron_output(answer: f64) -> Verdict {
        let want = Neuron::new([0.5, -1.0], 1.0).feedforward([2.0, 3.0]);
        by_hand("NEURON_OUTPUT", answer, want, 1e-3)
    }

    /// Exercise 1.3: how many times steeper the sigmoid is at 0 than at 10.
    pub fn slope_ratio(prediction: Option<f64>, run: impl Fn() -> f64) -> Verdict {
        let choices = [10.0, 100.0, 10_000.0];
        let p = predicted("SLOPE_RATIO_PREDICTION", prediction, &choices)?;
        let want = deriv_sigmoid(0.0) / deriv_sigmoid(10.0);
        same_function("slope_ratio", &[0.0], |_| run(), |_| want, 1e-9)?;
        let closest = nearest_in_log(&choices, want);
        compare(
            "SLOPE_RATIO_PREDICTION",
            p,
            closest,
            &format!("the ratio is {want:.0}"),
        )
    }

    fn nearest_in_log(choices: &[f64], x: f64) -> f64 {
        let distance = |c: &f64| (c.log10() - x.log10()).abs();
        choices
            .iter()
            .copied()
            .min_by(|a, b| distance(a).total_cmp(&distance(b)))
            .unwrap_or(x)
    }
}

/// Chapter 2: a network of neurons.
pub mod ch02 {
    use super::*;
    use nn_from_scratch::data::Dataset;
    use nn_from_scratch::network::Network;

    /// The tutorial's example network: every neuron with weights [0, 1] and bias 0.
    fn example() -> Network {
        Network {
            w1: 0.0,
            w2: 1.0,
            w3: 0.0,
            w4: 1.0,
            w5: 0.0,
            w6: 1.0,
            b1: 0.0,
            b2: 0.0,
            b3: 0.0,
        }
    }

    /// Exercise 2.1: `feedforward` of the tutorial's example network, at inputs around the
    /// tutorial's [2, 3].
    pub fn feedforward(f: impl Fn([f64; 2]) -> f64) -> Verdict {
        let net = example();
        for x in [
            [2.0, 3.0],
            [0.0, 0.0],
            [-2.0, -1.0],
            [25.0, 6.0],
            [1.5, -4.0],
        ] {
            let (got, want) = (call(|| f(x))?, net.feedforward(x));
            if !near(got, want, 1e-12) {
                return wrong(format!(
                    "feedforward({x:?}) = {got}, but it should be {want}"
                ));
            }
        }
        Ok(())
    }

    /// Exercise 2.2: the example network's output for x = [0, 0], to 0.001.
    pub fn output_at_origin(answer: f64) -> Verdict {
        by_hand(
            "OUTPUT_AT_ORIGIN",
            answer,
            example().feedforward([0.0, 0.0]),
            1e-3,
        )
    }

    /// Exercise 2.3: a network whose weights and biases are all 0, on the tutorial's people.
    pub fn all_zero(prediction: Option<f64>, run: impl Fn() -> Vec<f64>) -> Verdict {
        let p = predicted("ALL_ZERO_PREDICTION", prediction, &[0.0, 0.25, 0.5, 1.0])?;
        let net = Network::uniform(0.0, 0.0);
        let want: Vec<f64> = Dataset::tutorial()
            .inputs
            .iter()
            .map(|&x| net.feedforward(x))
            .collect();
        let got = call(&run)?;
        if got != want {
            return wrong(format!(
                "all_zero_outputs() = {got:?}, but it should be {want:?}"
            ));
        }
        compare(
            "ALL_ZERO_PREDICTION",
            p,
            want[0],
            &format!("the outputs are {want:?}"),
        )
    }
}

/// Chapter 3: data and the loss.
pub mod ch03 {
    use super::*;
    use nn_from_scratch::loss;
    use nn_from_scratch::person::{Person, Sex};

    /// Exercise 3.1: the mean squared error, on lists of 1 to 5 values.
    pub fn mse(f: impl Fn(&[f64], &[f64]) -> f64) -> Verdict {
        let cases: [(&[f64], &[f64]); 4] = [
            (&[1.0, 0.0, 0.0, 1.0], &[0.0, 0.0, 0.0, 0.0]),
            (&[1.0, 0.0, 0.0, 1.0], &[0.9, 0.2, 0.1, 0.6]),
            (&[1.0], &[0.25]),
            (&[0.0, 1.0, 1.0, 0.0, 1.0], &[0.3, 0.8, 0.4, 0.5, 0.99]),
        ];
        for (y_true, y_pred) in cases {
            let want = loss::mse(y_true, y_pred).map_err(|e| Wrong(e.to_string()))?;
            let got = call(|| f(y_true, y_pred))?;
            if !near(got, want, 1e-12) {
                return wrong(format!(
                    "mse({y_true:?}, {y_pred:?}) = {got}, but it should be {want}"
                ));
            }
        }
        Ok(())
    }

    /// Exercise 3.2: people read from your own CSV text: at least four, both sexes, and
    /// plausible adults (20 to 500 lb, 40 to 90 in: a height in cm read as inches is not).
    pub fn my_people(run: impl Fn() -> Vec<Person>) -> Verdict {
        let people = call(run)?;
        if people.len() < 4 {
            return wrong(format!(
                "my_people() gives {} people; write at least 4",
                people.len()
            ));
        }
        for sex in [Sex::Female, Sex::Male] {
            if !people.iter().any(|p| p.sex == sex) {
                return wrong(format!(
                    "nobody in MY_CSV is {}: write both sexes",
                    sex.name()
                ));
            }
        }
        for p in &people {
            if !(20.0..=500.0).contains(&p.weight_lb) || !(40.0..=90.0).contains(&p.height_in) {
                return wrong(format!(
                    "{} weighs {} lb and is {} in tall: are the units right (kg and cm need \
                     `weight_kg`, `height_cm` or Units::KgCm)?",
                    p.name, p.weight_lb, p.height_in
                ));
            }
        }
        Ok(())
    }

    /// Exercise 3.3: the MSE of the predictions [0.9, 0.2, 0.1, 0.6] for the labels [1, 0, 0, 1],
    /// to 0.000001.
    pub fn loss_by_hand(answer: f64) -> Verdict {
        let want = loss::mse(&[1.0, 0.0, 0.0, 1.0], &[0.9, 0.2, 0.1, 0.6]).unwrap_or(f64::NAN);
        by_hand("LOSS_BY_HAND", answer, want, 1e-6)
    }
}

/// Chapter 4: backpropagation.
pub mod ch04 {
    use super::*;
    use nn_from_scratch::backprop::backprop;
    use nn_from_scratch::data::{self, TUTORIAL_SHIFT};
    use nn_from_scratch::network::Network;

    /// Alice's inputs and label.
    pub fn alice() -> ([f64; 2], f64) {
        let alice = &data::tutorial_people()[0];
        (
            TUTORIAL_SHIFT.apply(alice.weight_lb, alice.height_in),
            alice.sex.label(),
        )
    }

    /// Exercise 4.1: ∂L/∂w5 for Alice, every weight 1 and every bias 0, to 0.0001.
    pub fn dl_dw5_alice(answer: f64) -> Verdict {
        let (x, y) = alice();
        let want = backprop(&Network::uniform(1.0, 0.0), x, y).gradients.w5;
        by_hand("DL_DW5_ALICE", answer, want, 1e-4)
    }

    /// Exercise 4.2: ∂L/∂w3 by the chain rule, for random networks and the tutorial's people.
    pub fn d_l_d_w3(f: impl Fn(&Network, [f64; 2], f64) -> f64) -> Verdict {
        let people = data::Dataset::tutorial();
        for seed in 0..5 {
            let net = Network::random(seed);
            for (&x, &y) in people.inputs.iter().zip(&people.labels) {
                let (got, want) = (call(|| f(&net, x, y))?, backprop(&net, x, y).gradients.w3);
                if !near(got, want, 1e-12 * want.abs().max(1.0)) {
                    return wrong(format!(
                        "d_l_d_w3(Network::random({seed}), {x:?}, {y}) = {got}, but it should be {want}"
                    ));
                }
            }
        }
        Ok(())
    }

    /// Alice's loss as a function of w1 (all other weights 1, biases 0).
    fn loss_at_w1(w1: f64) -> f64 {
        let (x, y) = alice();
        let net = Network {
            w1,
            ..Network::uniform(1.0, 0.0)
        };
        (y - net.feedforward(x)).powi(2)
    }

    /// The central difference of Alice's loss in w1 with step `h`.
    pub fn central_difference(h: f64) -> f64 {
        (loss_at_w1(1.0 + h) - loss_at_w1(1.0 - h)) / (2.0 * h)
    }

    /// Exercise 4.3: which step `h` of the central difference comes closest to backprop's
    /// ∂L/∂w1: 1e-1, 1e-5 or 1e-13.
    pub fn best_step(prediction: Option<f64>, run: impl Fn(f64) -> f64) -> Verdict {
        let steps = [1e-1, 1e-5, 1e-13];
        let p = predicted("BEST_STEP_PREDICTION", prediction, &steps)?;
        // At 1e-13 rounding decides the digits, and any two ways of writing it differ: only the
        // larger steps are compared.
        same_function(
            "numeric_d_l_d_w1",
            &steps[..2],
            &run,
            central_difference,
            1e-6,
        )?;
        let (x, y) = alice();
        let exact = backprop(&Network::uniform(1.0, 0.0), x, y).gradients.w1;
        let error = |h: &f64| (central_difference(*h) - exact).abs();
        let best = steps
            .iter()
            .copied()
            .min_by(|a, b| error(a).total_cmp(&error(b)))
            .unwrap_or(1.0);
        let errors: Vec<String> = steps
            .iter()
            .map(|h| format!("{h:e}: {:.1e}", error(h)))
            .collect();
        compare(
            "BEST_STEP_PREDICTION",
            p,
            best,
            &format!("the errors are {}", errors.join(", ")),
        )
    }
}

/// Chapter 5: training.
pub mod ch05 {
    use super::*;
    use nn_from_scratch::data::Dataset;
    use nn_from_scratch::network::Network;
    use nn_from_scratch::training::{self, TrainConfig};

    /// Exercise 5.1: one SGD step, from random networks on each of the tutorial's people.
    pub fn sgd_step(f: impl Fn(&mut Network, [f64; 2], f64, f64)) -> Verdict {
        let people = Dataset::tutorial();
        for seed in 0..5 {
            for (&x, &y) in people.inputs.iter().zip(&people.labels) {
                let (mut got, mut want) = (Network::random(seed), Network::random(seed));
                call(|| f(&mut got, x, y, 0.1))?;
                training::sgd_step(&mut want, x, y, 0.1);
                let far = got
                    .to_array()
                    .iter()
                    .zip(want.to_array())
                    .any(|(g, w)| !near(*g, w, 1e-12));
                if far {
                    return wrong(format!(
                        "after sgd_step(Network::random({seed}), {x:?}, {y}, 0.1) the parameters \
                         are {:?}, but they should be {:?}",
                        got.to_array(),
                        want.to_array()
                    ));
                }
            }
        }
        Ok(())
    }

    /// Exercise 5.2: w5 after one step on Alice from every weight 1 and bias 0, learning rate
    /// 0.1, to 0.00001.
    pub fn w5_after_one_step(answer: f64) -> Verdict {
        let (x, y) = super::ch04::alice();
        let mut net = Network::uniform(1.0, 0.0);
        training::sgd_step(&mut net, x, y, 0.1);
        by_hand("W5_AFTER_ONE_STEP", answer, net.w5, 1e-5)
    }

    /// The final loss of the chapter's run (seed 42, 1000 epochs) at this learning rate; NaN when
    /// training diverges.
    pub fn final_loss(learn_rate: f64) -> f64 {
        let dataset = Dataset::tutorial();
        let mut net = Network::random(42);
        let config = TrainConfig {
            learn_rate,
            ..TrainConfig::default()
        };
        match training::train(&mut net, &dataset, &config, |_| {}) {
            Ok(_) => training::dataset_loss(&net, &dataset).unwrap_or(f64::NAN),
            Err(_) => f64::NAN,
        }
    }

    /// Exercise 5.3: which of the learning rates 0.01, 1 and 10 ends with the lowest loss.
    pub fn best_learn_rate(prediction: Option<f64>, run: impl Fn(f64) -> f64) -> Verdict {
        let rates = [0.01, 1.0, 10.0];
        let p = predicted("BEST_LEARN_RATE_PREDICTION", prediction, &rates)?;
        same_function("final_loss", &rates, &run, final_loss, 1e-9)?;
        let loss = |r: &f64| final_loss(*r);
        let best = rates
            .iter()
            .copied()
            .min_by(|a, b| loss(a).total_cmp(&loss(b)))
            .unwrap_or(1.0);
        let seen: Vec<String> = rates
            .iter()
            .map(|r| format!("{r}: {:.6}", loss(r)))
            .collect();
        compare(
            "BEST_LEARN_RATE_PREDICTION",
            p,
            best,
            &format!("the final losses are {}", seen.join(", ")),
        )
    }
}

/// Chapter 7: real people.
pub mod ch07 {
    use super::*;
    use nn_from_scratch::data::{self, Dataset, Normalisation};
    use nn_from_scratch::metrics::Confusion;
    use nn_from_scratch::network::Network;
    use nn_from_scratch::person::{Person, Sex};
    use nn_from_scratch::training::{self, TrainConfig};

    /// Exercise 7.1: the mean and (population) standard deviation, on the census's weights and
    /// heights and on small lists.
    pub fn mean_and_sd(f: impl Fn(&[f64]) -> (f64, f64)) -> Verdict {
        let adults = data::howell_adults();
        let norm = Normalisation::standardise(&adults).map_err(|e| Wrong(e.to_string()))?;
        let weights: Vec<f64> = adults.iter().map(|p| p.weight_lb).collect();
        let heights: Vec<f64> = adults.iter().map(|p| p.height_in).collect();
        let mut cases = vec![
            (weights, (norm.offset[0], norm.scale[0])),
            (heights, (norm.offset[1], norm.scale[1])),
        ];
        cases.push((vec![2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0], (5.0, 2.0)));
        for (values, (mean, sd)) in cases {
            let (m, s) = call(|| f(&values))?;
            if !(near(m, mean, 1e-9 * mean.abs()) && near(s, sd, 1e-9 * sd.abs())) {
                let shown: Vec<f64> = values.iter().copied().take(8).collect();
                return wrong(format!(
                    "mean_and_sd({shown:?}{}) = ({m}, {s}), but it should be ({mean}, {sd})",
                    if values.len() > 8 { ", ..." } else { "" }
                ));
            }
        }
        Ok(())
    }

    /// Exercise 7.2: the accuracy of 40 women as women, 10 women as men, 5 men as women and 45
    /// men as men, to 0.000001.
    pub fn accuracy_by_hand(answer: f64) -> Verdict {
        let c = Confusion {
            female_as_female: 40,
            female_as_male: 10,
            male_as_female: 5,
            male_as_male: 45,
        };
        by_hand("ACCURACY_BY_HAND", answer, c.accuracy(), 1e-6)
    }

    /// The test accuracy of the chapter's first try (split seed 1, a quarter held out, the 2-2-1
    /// network from seed 42, 1000 epochs at 0.1), with inputs `norm` makes.
    pub fn accuracy_with(norm: &Normalisation) -> f64 {
        let run = || -> Result<f64, nn_from_scratch::Error> {
            let (train_people, test_people) =
                data::train_test_split(&data::howell_adults(), 0.25, 1)?;
            let train_set = Dataset::from_people(&train_people, norm)?;
            let mut net = Network::random(42);
            training::train(&mut net, &train_set, &TrainConfig::default(), |_| {})?;
            let confusion =
                Confusion::evaluate(&|w, h| net.feedforward(norm.apply(w, h)), &test_people)?;
            Ok(confusion.accuracy())
        };
        run().unwrap_or(f64::NAN)
    }

    /// The accuracy of always answering the more common sex of the held-out people.
    pub fn majority_accuracy() -> f64 {
        let test: Vec<Person> = data::train_test_split(&data::howell_adults(), 0.25, 1)
            .map(|(_, test)| test)
            .unwrap_or_default();
        let women = test.iter().filter(|p| p.sex == Sex::Female).count();
        women.max(test.len() - women) as f64 / test.len() as f64
    }

    /// Exercise 7.3: raw pounds and inches, no shift at all: does the network beat always
    /// answering the more common sex?
    pub fn no_shift(prediction: Option<bool>, run: impl Fn() -> f64) -> Verdict {
        let p = predicted("BEATS_MAJORITY_PREDICTION", prediction, &[true, false])?;
        let raw = Normalisation {
            offset: [0.0, 0.0],
            scale: [1.0, 1.0],
        };
        let want = accuracy_with(&raw);
        same_function("accuracy_without_shift", &[0.0], |_| run(), |_| want, 1e-12)?;
        let majority = majority_accuracy();
        compare(
            "BEATS_MAJORITY_PREDICTION",
            p,
            want > majority,
            &format!("accuracy {want:.3} against {majority:.3} for always the more common sex"),
        )
    }
}

/// Chapter 8: any network shape.
pub mod ch08 {
    use super::*;
    use nn_from_scratch::activation::Activation;
    use nn_from_scratch::data::Dataset;
    use nn_from_scratch::mlp::Mlp;
    use nn_from_scratch::network::Network;
    use nn_from_scratch::training::{self, TrainConfig};

    /// Exercise 8.1: a 2-4-4-1 network of sigmoids drawn from `seed`.
    pub fn deep_network(f: impl Fn(u64) -> Mlp) -> Verdict {
        for seed in [0, 42] {
            let got = call(|| f(seed))?;
            let want = Mlp::new(
                &[2, 4, 4, 1],
                Activation::Sigmoid,
                Activation::Sigmoid,
                seed,
            )
            .map_err(|e| Wrong(e.to_string()))?;
            if got.sizes() != want.sizes() {
                return wrong(format!(
                    "the layer sizes are {:?}, not [2, 4, 4, 1]",
                    got.sizes()
                ));
            }
            if got.hidden_activation() != Activation::Sigmoid
                || got.output_activation() != Activation::Sigmoid
            {
                return wrong("every layer's activation should be the sigmoid".into());
            }
            if got.params() != want.params() {
                return wrong(format!(
                    "deep_network({seed}) is not drawn from seed {seed}"
                ));
            }
        }
        Ok(())
    }

    /// Exercise 8.2: how many weights and biases a 2-4-4-1 network has.
    pub fn param_count(answer: Option<usize>) -> Verdict {
        let Some(n) = answer else {
            return wrong(
                "not yet implemented: PARAM_COUNT is still None; count, then write Some(n)".into(),
            );
        };
        let want = Mlp::param_count(&[2, 4, 4, 1]);
        if n != want {
            return wrong(format!(
                "PARAM_COUNT = Some({n}) is not the count; see the hint"
            ));
        }
        Ok(())
    }

    /// The final loss of the tutorial's run (1000 epochs at 0.1) from each seed 0 to 9.
    pub fn losses_by_seed() -> Vec<f64> {
        let dataset = Dataset::tutorial();
        (0..10)
            .map(|seed| {
                let mut net = Network::random(seed);
                let ok = training::train(&mut net, &dataset, &TrainConfig::default(), |_| {});
                ok.and_then(|_| training::dataset_loss(&net, &dataset))
                    .unwrap_or(f64::NAN)
            })
            .collect()
    }

    /// Exercise 8.3: do all ten seeds end with a loss below 0.01?
    pub fn every_seed(prediction: Option<bool>, run: impl Fn() -> Vec<f64>) -> Verdict {
        let p = predicted("ALL_SEEDS_PREDICTION", prediction, &[true, false])?;
        let want = losses_by_seed();
        let got = call(&run)?;
        if got.len() != want.len() || got.iter().zip(&want).any(|(g, w)| !near(*g, *w, 1e-9)) {
            return wrong(format!(
                "final_losses() = {got:?}, but it should be {want:?}"
            ));
        }
        let all = want.iter().all(|l| *l < 0.01);
        let shown: Vec<String> = want.iter().map(|l| format!("{l:.4}")).collect();
        compare(
            "ALL_SEEDS_PREDICTION",
            p,
            all,
            &format!("the final losses are {}", shown.join(", ")),
        )
    }
}

/// Chapter 9: activations, losses and optimizers.
pub mod ch09 {
    use super::*;
    use nn_from_scratch::activation::Activation;
    use nn_from_scratch::loss;
    use nn_from_scratch::optimizer::{Optimizer, OptimizerState};

    /// Exercise 9.1: five momentum steps on three parameters, as the crate's optimizer takes them.
    pub fn momentum_step(f: impl Fn(&mut [f64], &mut [f64], &[f64], f64, f64)) -> Verdict {
        let (learn_rate, beta) = (0.1, 0.9);
        let mut state = OptimizerState::new(Optimizer::Momentum { learn_rate, beta }, 3)
            .map_err(|e| Wrong(e.to_string()))?;
        let (mut want, mut got, mut velocity) = ([1.0, -2.0, 0.5], [1.0, -2.0, 0.5], [0.0; 3]);
        for step in 1..=5 {
            let grads = [0.5, -1.0, 0.25 * step as f64];
            state
                .step(&mut want, &grads)
                .map_err(|e| Wrong(e.to_string()))?;
            call(|| f(&mut got, &mut velocity, &grads, learn_rate, beta))?;
            if got.iter().zip(want).any(|(g, w)| !near(*g, w, 1e-12)) {
                return wrong(format!(
                    "after {step} step(s) the parameters are {got:?}, but they should be {want:?}"
                ));
            }
        }
        Ok(())
    }

    /// Exercise 9.2: tanh's derivative from its output `y`.
    pub fn tanh_derivative(f: impl Fn(f64) -> f64) -> Verdict {
        let points: Vec<f64> = (-9..=9).map(|i| i as f64 * 0.1).collect();
        same_function(
            "tanh_derivative",
            &points,
            f,
            |y| Activation::Tanh.derivative(y),
            1e-12,
        )
    }

    /// Exercise 9.3: the binary cross-entropy of the prediction 0.8 for the label 1, to 0.0001.
    pub fn bce_by_hand(answer: f64) -> Verdict {
        by_hand(
            "BCE_BY_HAND",
            answer,
            loss::bce(&[1.0], &[0.8]).unwrap_or(f64::NAN),
            1e-4,
        )
    }
}
