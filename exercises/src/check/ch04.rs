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

/// Exercise 4.2: ∂L/∂w3 by the chain rule, for 20 random networks, each with a random person
/// (inputs from -10 to 10, label 0 or 1).
pub fn d_l_d_w3(f: impl Fn(&Network, [f64; 2], f64) -> f64) -> Verdict {
    let mut draw = Draw::new();
    let tried = 20;
    for _ in 0..tried {
        let net = Network::random(draw.next_u64());
        let x = [draw.uniform(-10.0, 10.0), draw.uniform(-10.0, 10.0)];
        let y = (draw.next_u64() % 2) as f64;
        let (got, want) = (call(|| f(&net, x, y))?, backprop(&net, x, y).gradients.w3);
        if !near(got, want, 1e-12 * want.abs().max(1.0)) {
            return wrong(word("chain_rule_off", &[&off(got, want), &y, &tried]));
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
    // At 1e-13 rounding decides the digits, and any two ways of writing it differ: only
    // steps from 1e-5 to 1e-1 are compared, 10 drawn afresh each run.
    let mut draw = Draw::new();
    let points: Vec<f64> = (0..10)
        .map(|_| 10f64.powf(draw.uniform(-5.0, -1.0)))
        .collect();
    for &h in &points {
        let (got, want) = (call(|| run(h))?, central_difference(h));
        if !near(got, want, 1e-6 * want.abs().max(1.0)) {
            let (off, h) = (off(got, want), format!("{h:.0e}"));
            return wrong(word("difference_off", &[&off, &h, &points.len()]));
        }
    }
    let (x, y) = alice();
    let exact = backprop(&Network::uniform(1.0, 0.0), x, y).gradients.w1;
    compare_least(
        "BEST_STEP_PREDICTION",
        p,
        &steps,
        |h| (central_difference(h) - exact).abs(),
        |h, error| format!("{h:e}: {error:.1e}"),
        "errors_seen",
    )
}
