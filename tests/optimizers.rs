//! The general network's optimizers: SGD, momentum and Adam follow their formulas step by step,
//! their settings are validated, and each of them trains a network.

use nn_from_scratch::Error;
use nn_from_scratch::data::Dataset;
use nn_from_scratch::mlp::Activation;
use nn_from_scratch::mlp::{FitConfig, Mlp};
use nn_from_scratch::optimizer::{Optimizer, OptimizerState};

mod common;
use common::assert_close;

// ---------------------------------------------------------------------------------------------
// Optimizers.

#[test]
fn sgd_and_momentum_steps_by_hand() {
    let mut p = vec![1.0, -2.0];
    let mut sgd = OptimizerState::new(Optimizer::sgd(0.1), 2).unwrap();
    sgd.step(&mut p, &[0.5, -1.0]).unwrap();
    assert_eq!(p, vec![1.0 - 0.1 * 0.5, -2.0 + 0.1 * 1.0]);

    // v ← βv + g, p ← p − ηv, from v = 0.
    let mut p = vec![1.0, -2.0];
    let mut m = OptimizerState::new(Optimizer::momentum(0.1), 2).unwrap();
    m.step(&mut p, &[0.5, -1.0]).unwrap();
    assert_close("p0 after 1", p[0], 0.95, 1e-15);
    assert_close("p1 after 1", p[1], -1.9, 1e-15);
    m.step(&mut p, &[0.25, 2.0]).unwrap();
    // v = [0.9*0.5 + 0.25, 0.9*-1 + 2] = [0.7, 1.1]
    assert_close("p0 after 2", p[0], 0.95 - 0.1 * 0.7, 1e-15);
    assert_close("p1 after 2", p[1], -1.9 - 0.1 * 1.1, 1e-15);
    assert_eq!(m.steps(), 2);
    // After a reset the next step is plain SGD again.
    m.reset();
    let before = p.clone();
    m.step(&mut p, &[1.0, 1.0]).unwrap();
    assert_close("after reset", p[0], before[0] - 0.1, 1e-15);
}

#[test]
fn adam_steps_by_hand() {
    let (lr, b1, b2, eps) = (0.01, 0.9, 0.999, 1e-8);
    let mut p = vec![1.0, -2.0, 0.5];
    let mut adam = OptimizerState::new(Optimizer::adam(lr), 3).unwrap();
    let g1 = [0.5, -1.0, 0.0];
    adam.step(&mut p, &g1).unwrap();
    // Step 1: m = (1-β1) g, v = (1-β2) g², so m̂ = g and v̂ = g²: a step of η g / (|g| + ε).
    let start = [1.0, -2.0, 0.5];
    for i in 0..3 {
        let expected = start[i] - lr * g1[i] / (g1[i].abs() + eps);
        assert_close(&format!("step 1, p{i}"), p[i], expected, 1e-15);
    }
    let after1 = p.clone();
    let g2 = [0.1, 3.0, -2.0];
    adam.step(&mut p, &g2).unwrap();
    for i in 0..3 {
        let m = b1 * ((1.0 - b1) * g1[i]) + (1.0 - b1) * g2[i];
        let v = b2 * ((1.0 - b2) * g1[i] * g1[i]) + (1.0 - b2) * g2[i] * g2[i];
        let m_hat = m / (1.0 - b1 * b1);
        let v_hat = v / (1.0 - b2 * b2);
        let expected = after1[i] - lr * m_hat / (v_hat.sqrt() + eps);
        assert_close(&format!("step 2, p{i}"), p[i], expected, 1e-15);
    }
}

#[test]
fn optimizer_settings_are_validated() {
    for lr in [0.0, -0.1, f64::NAN, f64::INFINITY] {
        for o in [
            Optimizer::sgd(lr),
            Optimizer::momentum(lr),
            Optimizer::adam(lr),
        ] {
            assert!(
                matches!(o.validate(), Err(Error::InvalidLearnRate(_))),
                "{o:?}"
            );
            assert!(OptimizerState::new(o, 3).is_err());
        }
    }
    for beta in [1.0, -0.1, f64::NAN, 2.0] {
        let m = Optimizer::Momentum {
            learn_rate: 0.1,
            beta,
        };
        assert!(matches!(
            m.validate(),
            Err(Error::InvalidBeta { name: "beta", .. })
        ));
        let a = Optimizer::Adam {
            learn_rate: 0.1,
            beta1: beta,
            beta2: 0.999,
            epsilon: 1e-8,
        };
        assert!(matches!(
            a.validate(),
            Err(Error::InvalidBeta { name: "beta1", .. })
        ));
        let a = Optimizer::Adam {
            learn_rate: 0.1,
            beta1: 0.9,
            beta2: beta,
            epsilon: 1e-8,
        };
        assert!(matches!(
            a.validate(),
            Err(Error::InvalidBeta { name: "beta2", .. })
        ));
    }
    for epsilon in [0.0, -1e-8, f64::NAN, f64::INFINITY] {
        let a = Optimizer::Adam {
            learn_rate: 0.1,
            beta1: 0.9,
            beta2: 0.999,
            epsilon,
        };
        assert!(matches!(a.validate(), Err(Error::InvalidEpsilon(_))));
    }
    let zero_beta = Optimizer::Momentum {
        learn_rate: 0.1,
        beta: 0.0,
    };
    assert_eq!(zero_beta.validate(), Ok(()));
    // A step on vectors of the wrong length changes nothing.
    let mut s = OptimizerState::new(Optimizer::adam(0.1), 2).unwrap();
    let mut p = vec![1.0, 2.0, 3.0];
    assert_eq!(
        s.step(&mut p, &[1.0, 1.0, 1.0]),
        Err(Error::LengthMismatch {
            expected: 2,
            found: 3
        })
    );
    assert_eq!(
        s.step(&mut p[..2], &[1.0]),
        Err(Error::LengthMismatch {
            expected: 2,
            found: 1
        })
    );
    assert_eq!(p, vec![1.0, 2.0, 3.0]);
    assert_eq!(s.steps(), 0);
}

#[test]
fn every_optimizer_trains_a_tanh_network_on_the_tutorial_data() {
    let data = Dataset::tutorial();
    let settings = [
        ("sgd", Optimizer::sgd(0.1), 1),
        ("momentum", Optimizer::momentum(0.01), 1),
        ("adam", Optimizer::adam(0.01), 1),
        ("adam, full batch", Optimizer::adam(0.05), 4),
    ];
    for (name, optimizer, batch_size) in settings {
        let mut worst: f64 = 0.0;
        for seed in 0..10 {
            let mut mlp =
                Mlp::new(&[2, 8, 1], Activation::Tanh, Activation::Sigmoid, seed).unwrap();
            let config = FitConfig {
                epochs: 500,
                batch_size,
                optimizer,
                ..FitConfig::default()
            };
            let history = mlp.fit_dataset(&data, &config, |_| {}).unwrap();
            let first = history[0].loss;
            let last = history.last().unwrap().loss;
            assert!(last < 0.01, "{name}, seed {seed}: final loss {last}");
            assert!(last < first, "{name}, seed {seed}: {first} -> {last}");
            worst = worst.max(last);
        }
        println!("{name}: worst final loss over 10 seeds {worst:e}");
    }
}

/// The general trainer's SGD starts from the tutorial's learning rate: written in two places
/// (the tutorial's `TrainConfig`, shown whole in chapter 05, and the optimizers'), held equal
/// here.
#[test]
fn sgd_defaults_to_the_tutorials_learning_rate() {
    use nn_from_scratch::optimizer::{DEFAULT_SGD_LEARN_RATE, OptimizerKind};
    use nn_from_scratch::training::TrainConfig;
    assert_eq!(DEFAULT_SGD_LEARN_RATE, TrainConfig::default().learn_rate);
    assert_eq!(
        OptimizerKind::Sgd.default_learn_rate(),
        TrainConfig::default().learn_rate
    );
}
