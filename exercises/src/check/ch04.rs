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
