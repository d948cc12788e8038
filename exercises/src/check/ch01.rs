use super::*;
use nn_from_scratch::activation::deriv_sigmoid;
use nn_from_scratch::neuron::Neuron;

/// Exercise 1.1: the sigmoid's derivative, at 0 and 40 random points from -10 to 10.
pub fn sigmoid_derivative(f: impl Fn(f64) -> f64) -> Verdict {
    let mut draw = Draw::new();
    let points: Vec<f64> = std::iter::once(0.0)
        .chain((0..40).map(|_| draw.uniform(-10.0, 10.0)))
        .collect();
    same_function("sigmoid_derivative(x)", &points, f, deriv_sigmoid, 1e-12)
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
    same_value("slope_ratio()", call(run)?, want, 1e-9)?;
    let closest = nearest_in_log(&choices, want);
    compare(
        "SLOPE_RATIO_PREDICTION",
        p,
        closest,
        &word("ratio_seen", &[&format!("{want:.0}")]),
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
