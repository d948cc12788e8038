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

/// Exercise 2.1: `feedforward` of the tutorial's example network, at the tutorial's [2, 3] and
/// 20 random inputs from -10 to 10.
pub fn feedforward(f: impl Fn([f64; 2]) -> f64) -> Verdict {
    let net = example();
    let mut draw = Draw::new();
    let mut inputs = vec![[2.0, 3.0]];
    inputs.extend((0..20).map(|_| [draw.uniform(-10.0, 10.0), draw.uniform(-10.0, 10.0)]));
    for &x in &inputs {
        let (got, want) = (call(|| f(x))?, net.feedforward(x));
        if !near(got, want, 1e-12) {
            let (off, x0, x1) = (off(got, want), about(x[0]), about(x[1]));
            return wrong(word("feedforward_off", &[&off, &x0, &x1, &inputs.len()]));
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
    if got.len() != want.len() {
        let (name, got, want) = ("all_zero_outputs()", got.len(), want.len());
        return wrong(word("outputs_count", &[&name, &got, &want]));
    }
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        if !near(*g, *w, 1e-12) {
            return wrong(format!("all_zero_outputs()[{i}] {}", off(*g, *w)));
        }
    }
    compare(
        "ALL_ZERO_PREDICTION",
        p,
        want[0],
        &word("outputs_seen", &[&format!("{want:?}")]),
    )
}
