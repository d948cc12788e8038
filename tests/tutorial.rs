//! Every number the tutorial states, checked against the crate. Tests are named after the
//! tutorial's sections.

mod common;

use nn_from_scratch::activation::{deriv_sigmoid, sigmoid};
use nn_from_scratch::backprop::backprop;
use nn_from_scratch::data::{Dataset, Sex, TUTORIAL_SHIFT, emily, frank, tutorial_people};
use nn_from_scratch::loss::mse;
use nn_from_scratch::network::Network;
use nn_from_scratch::neuron::Neuron;
use nn_from_scratch::training::{TrainConfig, dataset_loss, sgd_step, train};
use nn_from_scratch::{Error, data::Person};

use common::Points;

const EXACT: f64 = 1e-12;

fn assert_close(name: &str, found: f64, expected: f64) {
    assert!(
        (found - expected).abs() < EXACT,
        "{name}: expected {expected}, found {found} (difference {})",
        (found - expected).abs()
    );
}

/// Alice after the tutorial's shift, and the network of the backprop worked example.
fn alice_example() -> ([f64; 2], f64, Network) {
    let alice = &tutorial_people()[0];
    let x = TUTORIAL_SHIFT.apply(alice.weight_lb, alice.height_in);
    (x, alice.sex.label(), Network::uniform(1.0, 0.0))
}

#[test]
fn section1_building_blocks_neuron_worked_example() {
    let n = Neuron::new([0.0, 1.0], 4.0);
    assert_eq!(n.weighted_sum([2.0, 3.0]), 7.0);
    assert_close(
        "neuron output",
        n.feedforward([2.0, 3.0]),
        0.9990889488055994,
    );
}

#[test]
fn section1_sigmoid_and_its_derivative() {
    assert_eq!(sigmoid(0.0), 0.5);
    assert_eq!(deriv_sigmoid(0.0), 0.25);
    // f'(x) = f(x)(1 - f(x)) agrees with a central difference everywhere we look.
    for i in -40..=40 {
        let x = f64::from(i) / 4.0;
        let h = 1e-5;
        let numeric = (sigmoid(x + h) - sigmoid(x - h)) / (2.0 * h);
        assert!((numeric - deriv_sigmoid(x)).abs() < 1e-9, "x = {x}");
    }
    // Squashes into (0, 1) and is symmetric: f(-x) = 1 - f(x).
    for x in [-30.0, -2.5, 0.7, 12.0] {
        let y = sigmoid(x);
        assert!(y > 0.0 && y < 1.0);
        assert_close("symmetry", sigmoid(-x), 1.0 - y);
    }
}

#[test]
fn section2_network_worked_example() {
    let net = Network::uniform(0.0, 0.0);
    // The tutorial's example uses w = [0, 1] and b = 0 for every neuron.
    let net = Network {
        w2: 1.0,
        w4: 1.0,
        w6: 1.0,
        ..net
    };
    let f = net.forward([2.0, 3.0]);
    assert_close("h1", f.h1, 0.9525741268224334);
    assert_close("h2", f.h2, 0.9525741268224334);
    assert_close("o1", f.o1, 0.7216325609518421);
    assert_eq!(net.feedforward([2.0, 3.0]), f.o1);
}

#[test]
fn section3_mean_squared_error() {
    assert_eq!(mse(&[1.0, 0.0, 0.0, 1.0], &[0.0, 0.0, 0.0, 0.0]), Ok(0.5));
    assert_eq!(mse(&[1.0, 0.0], &[1.0, 0.0]), Ok(0.0));
    // Its refusals (lists that do not pair up, no list at all): tests/mlp.rs, with bce's.
}

#[test]
fn section3_dataset_is_shifted_by_135_lb_and_66_in() {
    let d = Dataset::tutorial();
    assert_eq!(
        d.inputs,
        vec![[-2.0, -1.0], [25.0, 6.0], [17.0, 4.0], [-15.0, -6.0]]
    );
    assert_eq!(d.labels, vec![1.0, 0.0, 0.0, 1.0]);
    assert_eq!(TUTORIAL_SHIFT.apply(128.0, 63.0), [-7.0, -3.0]); // Emily
    assert_eq!(TUTORIAL_SHIFT.apply(155.0, 68.0), [20.0, 2.0]); // Frank
}

#[test]
fn section4_backprop_worked_example_on_alice() {
    let (x, y, net) = alice_example();
    assert_eq!(x, [-2.0, -1.0]);
    let bp = backprop(&net, x, y);
    let f = bp.forward;
    assert_close("h1", f.h1, 0.04742587317756678);
    assert_close("h2", f.h2, 0.04742587317756678);
    assert_close("o1", f.o1, 0.5236951740839997);
    let c = bp.factors;
    assert_close("dL/dypred", c.d_l_d_ypred, -0.9526096518320006);
    assert_close("dypred/dh1", c.d_ypred_d_h1, 0.24943853872512894);
    assert_close("dh1/dw1", c.d_h1_d_w1, -0.09035331946182427);
    let g = bp.gradients;
    assert_close("dL/dw1", g.w1, 0.02146953526581111);
    assert_close("dL/dw2", g.w2, 0.010734767632905555);
    assert_close("dL/db1", g.b1, -0.010734767632905555);
    assert_close("dL/dw5", g.w5, -0.011269220242958155);
    assert_close("dL/db3", g.b3, -0.23761755952842809);
    // The network is symmetric, so h2's parameters mirror h1's.
    assert_close("dL/dw3", g.w3, g.w1);
    assert_close("dL/dw4", g.w4, g.w2);
    assert_close("dL/db2", g.b2, g.b1);
    assert_close("dL/dw6", g.w6, g.w5);
    // And the product of the factors is the partial.
    assert_close(
        "chain rule",
        c.d_l_d_ypred * c.d_ypred_d_h1 * c.d_h1_d_w1,
        g.w1,
    );
}

#[test]
fn section4_one_sgd_step_from_the_worked_example() {
    let (x, y, mut net) = alice_example();
    sgd_step(&mut net, x, y, 0.1);
    assert_close("w1", net.w1, 0.9978530464734189);
    assert_close("w2", net.w2, 0.9989265232367095);
    assert_close("b1", net.b1, 0.0010734767632905556);
    assert_close("w5", net.w5, 1.0011269220242958);
    assert_close("b3", net.b3, 0.02376175595284281);
    assert_close("w3 mirrors w1", net.w3, net.w1);
    assert_close("w6 mirrors w5", net.w6, net.w5);
}

#[test]
fn section4_sgd_computes_every_partial_before_moving_any_parameter() {
    // If w5 moved before dypred/dh1 = w5 f'(sum_o1) was used, w1 would come out different.
    let (x, y, net) = alice_example();
    let g = backprop(&net, x, y).gradients;
    let mut stepped = net;
    sgd_step(&mut stepped, x, y, 0.1);
    let before = net.to_array();
    let after = stepped.to_array();
    for (i, ((b, a), d)) in before.iter().zip(after).zip(g.to_array()).enumerate() {
        assert_close(&format!("parameter {i}"), a, b - 0.1 * d);
    }
}

#[test]
fn section4_backprop_matches_central_finite_differences() {
    let mut pts = Points(0x9E37_79B9_7F4A_7C15);
    let mut checked = 0;
    for _ in 0..200 {
        let params: [f64; 9] = std::array::from_fn(|_| pts.next(-2.0, 2.0));
        let net = Network::from_array(params);
        let x = [pts.next(-3.0, 3.0), pts.next(-3.0, 3.0)];
        let y = if pts.next(0.0, 1.0) < 0.5 { 0.0 } else { 1.0 };
        let analytic = backprop(&net, x, y).gradients.to_array();
        let loss = |p: [f64; 9]| {
            let pred = Network::from_array(p).feedforward(x);
            (y - pred) * (y - pred)
        };
        for i in 0..9 {
            // The five-point central difference: its error shrinks like h^4, so it is accurate
            // enough to check even small partials to a relative 1e-6.
            let h = 1e-3;
            let at = |k: f64| {
                let mut p = params;
                p[i] += k * h;
                loss(p)
            };
            let numeric = (-at(2.0) + 8.0 * at(1.0) - 8.0 * at(-1.0) + at(-2.0)) / (12.0 * h);
            let scale = analytic[i].abs().max(numeric.abs());
            if scale < 1e-9 {
                // Both are ~0 (a saturated sigmoid); rounding noise dominates any ratio there.
                assert!((analytic[i] - numeric).abs() < 1e-12);
                continue;
            }
            let rel = (analytic[i] - numeric).abs() / scale;
            assert!(
                rel < 1e-6,
                "parameter {i} at {params:?}, x {x:?}: backprop {} vs numeric {numeric} (rel {rel})",
                analytic[i]
            );
            checked += 1;
        }
    }
    assert!(checked > 100 * 9 / 2, "too few checks had a usable scale");
}

#[test]
fn section5_training_works_for_100_seeds() {
    let data = Dataset::tutorial();
    let config = TrainConfig::default();
    let (e, f) = (emily(), frank());
    let inp = |p: &Person| TUTORIAL_SHIFT.apply(p.weight_lb, p.height_in);
    for seed in 0..100 {
        let mut net = Network::random(seed);
        let history = train(&mut net, &data, &config, |_| {}).expect("training succeeds");
        let loss = dataset_loss(&net, &data).unwrap();
        assert!(loss < 0.01, "seed {seed}: final loss {loss}");
        assert_eq!(history.last().unwrap().epoch, 990);
        let pe = net.feedforward(inp(&e));
        let pf = net.feedforward(inp(&f));
        assert!(pe > 0.5, "seed {seed}: Emily {pe}");
        assert!(pf < 0.5, "seed {seed}: Frank {pf}");
        assert_eq!(Sex::from_prediction(pe), e.sex);
        assert_eq!(Sex::from_prediction(pf), f.sex);
    }
}

#[test]
fn section5_loss_is_logged_every_10_epochs_after_the_updates() {
    let data = Dataset::tutorial();
    let mut net = Network::random(7);
    let mut seen = Vec::new();
    let history = train(&mut net, &data, &TrainConfig::default(), |r| seen.push(r)).unwrap();
    assert_eq!(history, seen);
    assert_eq!(history.len(), 100);
    let epochs: Vec<usize> = history.iter().map(|r| r.epoch).collect();
    assert_eq!(epochs, (0..1000).step_by(10).collect::<Vec<_>>());
    // Epoch 0's record is the loss after the first pass over the data, not before it.
    let mut one = Network::random(7);
    for (x, y) in data.inputs.iter().zip(&data.labels) {
        sgd_step(&mut one, *x, *y, 0.1);
    }
    assert_eq!(history[0].loss, dataset_loss(&one, &data).unwrap());
    // The loss goes down overall.
    assert!(history.last().unwrap().loss < history[0].loss / 10.0);
}

#[test]
fn section5_same_seed_same_network_and_history() {
    assert_eq!(Network::random(42), Network::random(42));
    assert_ne!(Network::random(42), Network::random(43));
    let data = Dataset::tutorial();
    let run = |seed| {
        let mut net = Network::random(seed);
        let h = train(&mut net, &data, &TrainConfig::default(), |_| {}).unwrap();
        (net, h)
    };
    assert_eq!(run(3), run(3));
}

#[test]
fn section5_training_rejects_bad_settings_and_reports_divergence() {
    let data = Dataset::tutorial();
    let net = Network::random(1);
    let bad = |config: TrainConfig| {
        let mut n = net;
        train(&mut n, &data, &config, |_| {}).unwrap_err()
    };
    let base = TrainConfig::default();
    for lr in [0.0, -0.1, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            bad(TrainConfig {
                learn_rate: lr,
                ..base
            }),
            Error::InvalidLearnRate(_)
        ));
    }
    assert_eq!(bad(TrainConfig { epochs: 0, ..base }), Error::ZeroEpochs);
    assert_eq!(
        bad(TrainConfig {
            log_every: 0,
            ..base
        }),
        Error::ZeroLogEvery
    );
    // Weights so large that Bob's weighted sum is inf - inf = NaN: the loss is NaN at once.
    let mut exploding = Network {
        w1: 1e308,
        w2: -1e308,
        ..Network::uniform(1.0, 0.0)
    };
    assert_eq!(
        train(&mut exploding, &data, &base, |_| {}),
        Err(Error::Diverged { epoch: 0 })
    );
}
