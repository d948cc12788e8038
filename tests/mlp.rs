//! The general multilayer perceptron, its activations, losses and optimizers: it reproduces the
//! tutorial's training, its gradients match finite differences, the optimizers follow their
//! formulas and learn, and every invalid input is rejected.

mod common;

use nn_from_scratch::Error;
use nn_from_scratch::activation::{Activation, deriv_sigmoid, sigmoid};
use nn_from_scratch::backprop::backprop;
use nn_from_scratch::data::{Dataset, TUTORIAL_SHIFT, emily, frank};
use nn_from_scratch::loss::{BCE_EPSILON, Loss, bce, mse};
use nn_from_scratch::mlp::{FitConfig, Mlp, Trainer, Workspace};
use nn_from_scratch::network::Network;
use nn_from_scratch::optimizer::{Optimizer, OptimizerState};
use nn_from_scratch::training::{TrainConfig, dataset_loss, train};

use common::Points;

fn assert_close(what: &str, found: f64, expected: f64, tol: f64) {
    assert!(
        (found - expected).abs() <= tol,
        "{what}: expected {expected}, found {found} (difference {:e})",
        (found - expected).abs()
    );
}

// ---------------------------------------------------------------------------------------------
// The tutorial, reproduced.

#[test]
fn from_tutorial_lays_out_the_named_parameters_and_converts_back() {
    let net = Network::random(42);
    let mlp = Mlp::from_tutorial(&net);
    assert_eq!(mlp.sizes(), &[2, 2, 1]);
    assert_eq!(mlp.hidden_activation(), Activation::Sigmoid);
    assert_eq!(mlp.output_activation(), Activation::Sigmoid);
    assert_eq!(mlp.weights(0), &[net.w1, net.w2, net.w3, net.w4]);
    assert_eq!(mlp.biases(0), &[net.b1, net.b2]);
    assert_eq!(mlp.weights(1), &[net.w5, net.w6]);
    assert_eq!(mlp.biases(1), &[net.b3]);
    assert_eq!(mlp.params().len(), 9);
    assert_eq!(mlp.to_tutorial(), Ok(net));
    // The forward pass adds the terms in the same order as the tutorial's neuron; it may fuse
    // each multiply-add (one rounding instead of two) and its sigmoid's exponential is within
    // 2 ulp of `f64::exp`, so the two agree to rounding.
    for x in Dataset::tutorial().inputs {
        let (ours, tutorial) = (mlp.predict(&x).unwrap(), net.feedforward(x));
        assert!(
            (ours - tutorial).abs() <= 1e-15,
            "{ours} against {tutorial}"
        );
    }
}

#[test]
fn one_sample_gradient_is_the_tutorials_backprop() {
    let mut pts = Points(0xDEAD_BEEF_1234_5678);
    for seed in 0..20 {
        let net = Network::random(seed);
        let mlp = Mlp::from_tutorial(&net);
        let mut ws = Workspace::new(&mlp, 1).unwrap();
        let x = [pts.next(-3.0, 3.0), pts.next(-3.0, 3.0)];
        let y = if seed % 2 == 0 { 1.0 } else { 0.0 };
        let loss = mlp
            .loss_and_gradient(&mut ws, &[x], &[y], Loss::Mse)
            .unwrap();
        let bp = backprop(&net, x, y);
        assert_close("loss", loss, (y - bp.forward.o1).powi(2), 1e-15);
        let g = bp.gradients;
        // The flat layout: w1 w2 w3 w4 b1 b2 w5 w6 b3.
        let expected = [g.w1, g.w2, g.w3, g.w4, g.b1, g.b2, g.w5, g.w6, g.b3];
        for (i, (&found, &want)) in ws.gradient().iter().zip(&expected).enumerate() {
            assert_close(&format!("seed {seed}, partial {i}"), found, want, 1e-15);
        }
    }
}

/// The tutorial's settings, in the general trainer's terms.
fn tutorial_fit_config() -> FitConfig {
    FitConfig {
        epochs: 1000,
        batch_size: 1,
        shuffle: false,
        seed: 0,
        loss: Loss::Mse,
        optimizer: Optimizer::Sgd { learn_rate: 0.1 },
        log_every: 10,
    }
}

#[test]
fn tutorial_configuration_trains_exactly_like_the_tutorial() {
    assert_eq!(tutorial_fit_config(), FitConfig::default());
    let data = Dataset::tutorial();
    for seed in [42, 0, 1, 7, 2024] {
        let mut net = Network::random(seed);
        let mut mlp = Mlp::from_tutorial(&net);
        let expected = train(&mut net, &data, &TrainConfig::default(), |_| {}).unwrap();
        let mut logged = Vec::new();
        let history = mlp
            .fit_dataset(&data, &tutorial_fit_config(), |r| logged.push(r))
            .unwrap();
        assert_eq!(history, logged);
        assert_eq!(history.len(), expected.len());
        for (h, e) in history.iter().zip(&expected) {
            assert_eq!(h.epoch, e.epoch);
            assert_close(
                &format!("seed {seed}, loss at {}", e.epoch),
                h.loss,
                e.loss,
                1e-12,
            );
        }
        let trained = mlp.to_tutorial().unwrap();
        let mut largest: f64 = 0.0;
        for (i, (found, want)) in trained.to_array().iter().zip(net.to_array()).enumerate() {
            assert_close(&format!("seed {seed}, parameter {i}"), *found, want, 1e-12);
            largest = largest.max((found - want).abs());
        }
        println!("seed {seed}: largest parameter difference {largest:e}");
        // And it learned: the final loss is the tutorial's, and Emily and Frank come out right.
        assert!(dataset_loss(&net, &data).unwrap() < 0.01);
        let (e, f) = (emily(), frank());
        assert!(
            mlp.predict(&TUTORIAL_SHIFT.apply(e.weight_lb, e.height_in))
                .unwrap()
                > 0.5
        );
        assert!(
            mlp.predict(&TUTORIAL_SHIFT.apply(f.weight_lb, f.height_in))
                .unwrap()
                < 0.5
        );
    }
}

#[test]
fn trainer_epochs_by_hand_match_fit() {
    let data = Dataset::tutorial();
    let config = FitConfig {
        epochs: 50,
        batch_size: 3,
        shuffle: true,
        seed: 9,
        optimizer: Optimizer::momentum(0.05),
        log_every: 1,
        ..FitConfig::default()
    };
    let start = Mlp::new(&[2, 4, 1], Activation::Tanh, Activation::Sigmoid, 3).unwrap();
    let mut fitted = start.clone();
    let history = fitted.fit_dataset(&data, &config, |_| {}).unwrap();
    let mut by_hand = start.clone();
    let mut trainer = Trainer::new(&by_hand, config).unwrap();
    for record in &history {
        trainer
            .train_epoch(&mut by_hand, &data.inputs, &data.labels)
            .unwrap();
        let loss = trainer
            .dataset_loss(&by_hand, &data.inputs, &data.labels)
            .unwrap();
        assert_eq!(loss, record.loss);
    }
    assert_eq!(trainer.epochs_done(), 50);
    assert_eq!(by_hand, fitted);
}

#[test]
fn one_full_batch_epoch_is_one_step_on_the_mean_gradient() {
    let data = Dataset::tutorial();
    let start = Mlp::new(&[2, 3, 1], Activation::Sigmoid, Activation::Sigmoid, 5).unwrap();
    let mut ws = Workspace::new(&start, 4).unwrap();
    start
        .loss_and_gradient(&mut ws, &data.inputs, &data.labels, Loss::Mse)
        .unwrap();
    // The mean gradient is the mean of the one-sample gradients.
    let mut one = Workspace::new(&start, 1).unwrap();
    let mut mean = vec![0.0; start.params().len()];
    for (x, y) in data.inputs.iter().zip(&data.labels) {
        start
            .loss_and_gradient(&mut one, &[*x], &[*y], Loss::Mse)
            .unwrap();
        for (m, g) in mean.iter_mut().zip(one.gradient()) {
            *m += g / 4.0;
        }
    }
    for (i, (g, m)) in ws.gradient().iter().zip(&mean).enumerate() {
        assert_close(&format!("mean partial {i}"), *g, *m, 1e-15);
    }
    // A batch larger than the dataset is the whole dataset: one step per epoch.
    let mut fitted = start.clone();
    let config = FitConfig {
        epochs: 1,
        batch_size: 100,
        log_every: 1,
        ..FitConfig::default()
    };
    fitted.fit_dataset(&data, &config, |_| {}).unwrap();
    for (i, ((p, s), g)) in fitted
        .params()
        .iter()
        .zip(start.params())
        .zip(ws.gradient())
        .enumerate()
    {
        assert_close(&format!("parameter {i}"), *p, s - 0.1 * g, 1e-15);
    }
}

#[test]
fn shuffling_is_seeded_and_changes_the_order() {
    let data = Dataset::tutorial();
    let start = Mlp::new(&[2, 4, 1], Activation::Tanh, Activation::Sigmoid, 11).unwrap();
    let run = |shuffle: bool, seed: u64| {
        let mut m = start.clone();
        let config = FitConfig {
            epochs: 20,
            shuffle,
            seed,
            ..FitConfig::default()
        };
        let h = m.fit_dataset(&data, &config, |_| {}).unwrap();
        (m, h)
    };
    assert_eq!(run(true, 1), run(true, 1));
    assert_ne!(run(true, 1).0, run(true, 2).0);
    assert_ne!(run(true, 1).0, run(false, 1).0);
    // Without shuffling the seed plays no part.
    assert_eq!(run(false, 1), run(false, 2));
}

// ---------------------------------------------------------------------------------------------
// Gradients against finite differences.

/// A random network of the given shape: its own initialisation, then every parameter (biases
/// too) moved by a random amount, so no parameter is special.
fn random_mlp(sizes: &[usize], hidden: Activation, output: Activation, pts: &mut Points) -> Mlp {
    let mut mlp = Mlp::new(sizes, hidden, output, pts.0).unwrap();
    for p in mlp.params_mut() {
        *p += pts.next(-0.5, 0.5);
    }
    mlp
}

/// For every ReLU layer, which weighted sums are positive: the pattern that must not change
/// between the points of a finite difference for ReLU's kink to stay out of it.
fn relu_pattern(mlp: &Mlp, ws: &Workspace) -> Vec<bool> {
    (0..mlp.num_layers())
        .filter(|&l| mlp.activation(l) == Activation::Relu)
        .flat_map(|l| ws.pre_activations(l).iter().map(|&z| z > 0.0))
        .collect()
}

/// The batch-mean loss of `mlp` on the batch, and the ReLU pattern of the forward pass.
fn batch_loss(mlp: &Mlp, xs: &[Vec<f64>], ys: &[f64], loss: Loss) -> (f64, Vec<bool>) {
    let mut ws = Workspace::new(mlp, xs.len()).unwrap();
    let mut pred = vec![0.0; xs.len()];
    mlp.predict_batch(&mut ws, xs, &mut pred).unwrap();
    (loss.value(ys, &pred).unwrap(), relu_pattern(mlp, &ws))
}

#[test]
fn gradients_match_five_point_finite_differences() {
    let mut pts = Points(0x9E37_79B9_7F4A_7C15);
    let shapes: [&[usize]; 5] = [
        &[2, 3, 1],
        &[2, 5, 4, 1],
        &[2, 8, 8, 1],
        &[3, 4, 1],
        &[1, 1],
    ];
    let (mut checked, mut skipped_kinks) = (0, 0);
    let mut worst: f64 = 0.0;
    for shape in shapes {
        for hidden in Activation::ALL {
            for output in Activation::ALL {
                for loss in Loss::ALL {
                    // Cross-entropy needs a probability: only with a sigmoid output.
                    if loss == Loss::Bce && output != Activation::Sigmoid {
                        continue;
                    }
                    for batch in [1, 2, 7] {
                        let mlp = random_mlp(shape, hidden, output, &mut pts);
                        let xs: Vec<Vec<f64>> = (0..batch)
                            .map(|_| (0..shape[0]).map(|_| pts.next(-2.0, 2.0)).collect())
                            .collect();
                        let ys: Vec<f64> = (0..batch)
                            .map(|_| if pts.next(0.0, 1.0) < 0.5 { 0.0 } else { 1.0 })
                            .collect();
                        let mut ws = Workspace::new(&mlp, batch).unwrap();
                        let value = mlp.loss_and_gradient(&mut ws, &xs, &ys, loss).unwrap();
                        let (base, pattern) = batch_loss(&mlp, &xs, &ys, loss);
                        assert_close("loss_and_gradient's loss", value, base, 1e-14);
                        let analytic = ws.gradient().to_vec();
                        let h = 1e-3;
                        'params: for (i, &grad) in analytic.iter().enumerate() {
                            let mut at = [0.0; 4];
                            for (slot, k) in at.iter_mut().zip([2.0, 1.0, -1.0, -2.0]) {
                                let mut m = mlp.clone();
                                m.params_mut()[i] += k * h;
                                let (l, p) = batch_loss(&m, &xs, &ys, loss);
                                if p != pattern {
                                    // A ReLU changed side within the stencil: no derivative here.
                                    skipped_kinks += 1;
                                    continue 'params;
                                }
                                *slot = l;
                            }
                            let numeric = (-at[0] + 8.0 * at[1] - 8.0 * at[2] + at[3]) / (12.0 * h);
                            let scale = grad.abs().max(numeric.abs());
                            if scale < 1e-6 {
                                // Negligible (a saturated unit, a dead ReLU): compare absolutely.
                                assert!(
                                    (grad - numeric).abs() < 1e-10,
                                    "{shape:?} {hidden}/{output} {loss} batch {batch} param {i}: \
                                     {} vs {numeric}",
                                    grad
                                );
                                continue;
                            }
                            let rel = (grad - numeric).abs() / scale;
                            worst = worst.max(rel);
                            assert!(
                                rel < 1e-6,
                                "{shape:?} {hidden}/{output} {loss} batch {batch} param {i}: \
                                 backprop {} vs numeric {numeric} (relative error {rel:e})",
                                grad
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
    }
    println!("checked {checked} partials, worst relative error {worst:e}, {skipped_kinks} kinks");
    assert!(checked > 2000, "only {checked} partials were checked");
}

// ---------------------------------------------------------------------------------------------
// Activations and losses.

#[test]
fn activations_and_their_derivatives_from_the_output() {
    for i in -40..=40 {
        let z = f64::from(i) / 8.0 + 0.01; // never exactly 0, where ReLU has no derivative
        let h = 1e-5;
        for f in Activation::ALL {
            let numeric = (f.apply(z + h) - f.apply(z - h)) / (2.0 * h);
            let y = f.apply(z);
            assert!(
                (numeric - f.derivative(y)).abs() < 1e-9,
                "{f} at {z}: {numeric} vs {}",
                f.derivative(y)
            );
        }
        assert_eq!(Activation::Sigmoid.apply(z), sigmoid(z));
        assert_eq!(
            Activation::Sigmoid.derivative(Activation::Sigmoid.apply(z)),
            deriv_sigmoid(z)
        );
    }
    assert_eq!(Activation::Relu.apply(-3.0), 0.0);
    assert_eq!(Activation::Relu.apply(3.0), 3.0);
    assert_eq!(Activation::Relu.derivative(0.0), 0.0);
    assert_eq!(Activation::Tanh.apply(0.0), 0.0);
}

#[test]
fn activation_loss_and_optimizer_names() {
    for (name, f) in [
        ("sigmoid", Activation::Sigmoid),
        ("tanh", Activation::Tanh),
        ("relu", Activation::Relu),
    ] {
        assert_eq!(name.parse::<Activation>(), Ok(f));
        assert_eq!(f.name(), name);
        assert_eq!(serde_json::to_string(&f).unwrap(), format!("\"{name}\""));
        assert_eq!(
            serde_json::from_str::<Activation>(&format!("\"{name}\"")).unwrap(),
            f
        );
    }
    for (name, l) in [("mse", Loss::Mse), ("bce", Loss::Bce)] {
        assert_eq!(name.parse::<Loss>(), Ok(l));
        assert_eq!(serde_json::to_string(&l).unwrap(), format!("\"{name}\""));
        assert_eq!(
            serde_json::from_str::<Loss>(&format!("\"{name}\"")).unwrap(),
            l
        );
    }
    assert_eq!(
        "Sigmoid".parse::<Activation>(),
        Err(Error::UnknownName {
            kind: "activation",
            found: "Sigmoid".to_string(),
            expected: "sigmoid, tanh, relu"
        })
    );
    assert!(matches!(
        "mae".parse::<Loss>(),
        Err(Error::UnknownName { kind: "loss", .. })
    ));
    assert!(serde_json::from_str::<Activation>("\"softmax\"").is_err());

    assert_eq!("sgd".parse(), Ok(Optimizer::sgd(0.1)));
    assert_eq!("momentum".parse(), Ok(Optimizer::momentum(0.01)));
    assert_eq!("adam".parse(), Ok(Optimizer::adam(0.001)));
    assert_eq!(
        Optimizer::from_name("momentum", 0.5),
        Ok(Optimizer::Momentum {
            learn_rate: 0.5,
            beta: 0.9
        })
    );
    assert!(matches!(
        "rmsprop".parse::<Optimizer>(),
        Err(Error::UnknownName {
            kind: "optimizer",
            ..
        })
    ));
    // Omitted settings take their defaults; everything round-trips.
    let adam: Optimizer = serde_json::from_str(r#"{"kind": "adam", "learn_rate": 0.01}"#).unwrap();
    assert_eq!(
        adam,
        Optimizer::Adam {
            learn_rate: 0.01,
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8
        }
    );
    for o in [Optimizer::sgd(0.3), Optimizer::momentum(0.2), adam] {
        let json = serde_json::to_string(&o).unwrap();
        assert_eq!(serde_json::from_str::<Optimizer>(&json).unwrap(), o);
    }
}

#[test]
fn binary_cross_entropy() {
    assert_close(
        "ln 2",
        bce(&[1.0, 0.0], &[0.5, 0.5]).unwrap(),
        2f64.ln(),
        1e-15,
    );
    let expected = -(0.9f64.ln() + 0.8f64.ln()) / 2.0;
    assert_close(
        "two samples",
        bce(&[1.0, 0.0], &[0.9, 0.2]).unwrap(),
        expected,
        1e-15,
    );
    // Clamped: certainty that is wrong costs -ln(eps), not infinity.
    assert_close(
        "clamped",
        bce(&[1.0], &[0.0]).unwrap(),
        -BCE_EPSILON.ln(),
        1e-9,
    );
    assert_close(
        "clamped",
        bce(&[0.0], &[1.0]).unwrap(),
        -BCE_EPSILON.ln(),
        1e-3,
    );
    assert!(bce(&[1.0], &[1.0]).unwrap() < 1e-11);
    assert_eq!(
        bce(&[1.0], &[0.5, 0.5]),
        Err(Error::LengthMismatch {
            expected: 1,
            found: 2
        })
    );
    assert_eq!(bce(&[], &[]), Err(Error::EmptyDataset));
    // Loss::value is mse / bce, and the per-sample derivative matches a central difference.
    let (t, p) = ([1.0, 0.0, 1.0], [0.3, 0.6, 0.95]);
    assert_eq!(Loss::Mse.value(&t, &p), mse(&t, &p));
    assert_eq!(Loss::Bce.value(&t, &p), bce(&t, &p));
    for loss in Loss::ALL {
        for (&t, &p) in t.iter().zip(&p) {
            let h = 1e-6;
            let numeric = (loss.sample(t, p + h) - loss.sample(t, p - h)) / (2.0 * h);
            assert_close(
                &format!("{loss} d/dp"),
                loss.derivative(t, p),
                numeric,
                1e-7,
            );
        }
    }
    assert_eq!(Loss::Mse.derivative(1.0, 0.25), -1.5);
}

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

// ---------------------------------------------------------------------------------------------
// Invalid input.

#[test]
fn invalid_shapes_and_parameters_are_rejected() {
    let s = Activation::Sigmoid;
    assert_eq!(
        Mlp::new(&[], s, s, 0),
        Err(Error::TooFewLayers { found: 0 })
    );
    assert_eq!(
        Mlp::new(&[2], s, s, 0),
        Err(Error::TooFewLayers { found: 1 })
    );
    assert_eq!(
        Mlp::new(&[2, 0, 1], s, s, 0),
        Err(Error::ZeroWidth { layer: 1 })
    );
    assert_eq!(
        Mlp::new(&[0, 3, 1], s, s, 0),
        Err(Error::ZeroWidth { layer: 0 })
    );
    assert_eq!(
        Mlp::new(&[2, 3, 2], s, s, 0),
        Err(Error::OutputWidth { found: 2 })
    );
    assert_eq!(
        Mlp::param_count(&[2, 8, 8, 1]),
        2 * 8 + 8 + 8 * 8 + 8 + 8 + 1
    );
    assert_eq!(
        Mlp::from_params(&[2, 2, 1], s, s, vec![0.0; 8]),
        Err(Error::MlpParamCount {
            expected: 9,
            found: 8
        })
    );
    let mut p = vec![0.0; 9];
    p[4] = f64::NAN;
    assert_eq!(
        Mlp::from_params(&[2, 2, 1], s, s, p),
        Err(Error::NonFiniteParamAt { index: 4 })
    );
    let tanh = Mlp::new(&[2, 2, 1], Activation::Tanh, s, 0).unwrap();
    assert!(matches!(tanh.to_tutorial(), Err(Error::NotTutorial(_))));
    let wide = Mlp::new(&[2, 3, 1], s, s, 0).unwrap();
    assert!(matches!(wide.to_tutorial(), Err(Error::NotTutorial(_))));
    assert_eq!(Workspace::new(&wide, 0).unwrap_err(), Error::ZeroBatchSize);
    assert_eq!(
        wide.predict(&[1.0, 2.0, 3.0]),
        Err(Error::InputWidth {
            expected: 2,
            found: 3
        })
    );
    // A workspace for another shape is refused, as is an output buffer of the wrong length.
    let mut ws = Workspace::new(&tanh, 4).unwrap();
    let mut out = [0.0; 2];
    assert!(matches!(
        wide.predict_batch(&mut ws, &[[0.0, 0.0], [1.0, 1.0]], &mut out),
        Err(Error::Invalid(_))
    ));
    assert_eq!(
        tanh.predict_batch(&mut ws, &[[0.0, 0.0]], &mut out),
        Err(Error::LengthMismatch {
            expected: 1,
            found: 2
        })
    );
}

#[test]
fn invalid_training_settings_and_data_are_rejected_before_training() {
    let data = Dataset::tutorial();
    let start = Mlp::new(&[2, 4, 1], Activation::Relu, Activation::Sigmoid, 1).unwrap();
    let fit = |config: FitConfig, inputs: &[[f64; 2]], labels: &[f64]| {
        let mut m = start.clone();
        let err = m.fit(inputs, labels, &config, |_| {}).unwrap_err();
        assert_eq!(m, start, "a rejected run must leave the network as it was");
        err
    };
    let (x, y) = (&data.inputs[..], &data.labels[..]);
    let base = FitConfig::default();
    assert_eq!(
        fit(FitConfig { epochs: 0, ..base }, x, y),
        Error::ZeroEpochs
    );
    assert_eq!(
        fit(
            FitConfig {
                batch_size: 0,
                ..base
            },
            x,
            y
        ),
        Error::ZeroBatchSize
    );
    assert_eq!(
        fit(
            FitConfig {
                log_every: 0,
                ..base
            },
            x,
            y
        ),
        Error::ZeroLogEvery
    );
    let bad_lr = FitConfig {
        optimizer: Optimizer::sgd(-1.0),
        ..base
    };
    assert_eq!(fit(bad_lr, x, y), Error::InvalidLearnRate(-1.0));
    let bad_beta = FitConfig {
        optimizer: Optimizer::Momentum {
            learn_rate: 0.1,
            beta: 1.0,
        },
        ..base
    };
    assert!(matches!(fit(bad_beta, x, y), Error::InvalidBeta { .. }));
    assert_eq!(
        fit(base, x, &y[..3]),
        Error::LengthMismatch {
            expected: 3,
            found: 4
        }
    );
    assert_eq!(fit(base, &[], &[]), Error::EmptyDataset);
    let mut nan_input = data.inputs.clone();
    nan_input[2][1] = f64::NAN;
    assert_eq!(
        fit(base, &nan_input, y),
        Error::NonFiniteSample { index: 2 }
    );
    let mut inf_label = data.labels.clone();
    inf_label[3] = f64::INFINITY;
    assert_eq!(
        fit(base, x, &inf_label),
        Error::NonFiniteSample { index: 3 }
    );
    // The input width comes from the sizes: three features for a network of two inputs fail.
    let mut m = start.clone();
    let three: Vec<[f64; 3]> = vec![[0.0; 3]; 4];
    assert_eq!(
        m.fit(&three, y, &base, |_| {}),
        Err(Error::InputWidth {
            expected: 2,
            found: 3
        })
    );
    // The trainer checks the same, and refuses a network of another shape.
    let mut trainer = Trainer::new(&start, base).unwrap();
    let mut other = Mlp::new(&[2, 5, 1], Activation::Relu, Activation::Sigmoid, 1).unwrap();
    assert!(matches!(
        trainer.train_epoch(&mut other, x, y),
        Err(Error::Invalid(_))
    ));
    let mut m = start.clone();
    assert_eq!(
        trainer.train_epoch(&mut m, &nan_input, y),
        Err(Error::NonFiniteSample { index: 2 })
    );
    assert_eq!(
        Trainer::new(
            &start,
            FitConfig {
                batch_size: 0,
                ..base
            }
        )
        .unwrap_err(),
        Error::ZeroBatchSize
    );
}

#[test]
fn divergence_is_reported() {
    let data = Dataset::tutorial();
    // An exploding network: Bob's weighted sum is inf - inf = NaN at once. (Weights of 1e308
    // overflow to inf - inf with a separate multiply and add, but not with a fused multiply-add,
    // which keeps the exact product: the sum is then +inf, and the training recovers.)
    let exploding = Network {
        w1: f64::INFINITY,
        w2: f64::NEG_INFINITY,
        ..Network::uniform(1.0, 0.0)
    };
    let mut mlp = Mlp::from_tutorial(&exploding);
    assert_eq!(
        mlp.fit_dataset(&data, &FitConfig::default(), |_| {}),
        Err(Error::Diverged { epoch: 0 })
    );
    // Inputs on a wildly wrong scale through an unbounded (ReLU) output: the first gradient,
    // 2 (p - y) x = 2 (2e200 - 1) 1e200, overflows, and the step leaves a weight at -inf.
    let mut relu = Mlp::from_params(
        &[2, 1],
        Activation::Relu,
        Activation::Relu,
        vec![1.0, 1.0, 0.0],
    )
    .unwrap();
    let config = FitConfig {
        epochs: 5,
        ..FitConfig::default()
    };
    assert_eq!(
        relu.fit(&[[1e200, 1e200]], &[1.0], &config, |_| {}),
        Err(Error::Diverged { epoch: 0 })
    );
    assert!(!relu.is_finite());
    // The trainer reports it too, counting its epochs.
    let mut relu = Mlp::from_params(&[2, 1], Activation::Relu, Activation::Relu, vec![1.0; 3]);
    let relu = relu.as_mut().unwrap();
    let mut trainer = Trainer::new(relu, config).unwrap();
    trainer.train_epoch(relu, &[[1.0, 1.0]], &[3.0]).unwrap();
    assert_eq!(
        trainer.train_epoch(relu, &[[1e200, 1e200]], &[1.0]),
        Err(Error::Diverged { epoch: 1 })
    );
}

// ---------------------------------------------------------------------------------------------
// Serialisation.

#[test]
fn networks_round_trip_through_json_and_are_validated_on_load() {
    let mlp = Mlp::new(&[2, 5, 3, 1], Activation::Relu, Activation::Sigmoid, 8).unwrap();
    let json = serde_json::to_string(&mlp).unwrap();
    let back: Mlp = serde_json::from_str(&json).unwrap();
    assert_eq!(back, mlp);
    assert_eq!(back.validate(), Ok(()));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["sizes"], serde_json::json!([2, 5, 3, 1]));
    assert_eq!(value["hidden"], "relu");
    assert_eq!(value["output"], "sigmoid");
    assert_eq!(
        value["params"].as_array().unwrap().len(),
        mlp.params().len()
    );

    let load = |text: &str| serde_json::from_str::<Mlp>(text).unwrap_err().to_string();
    let short = r#"{"sizes":[2,1],"hidden":"tanh","output":"sigmoid","params":[1,2]}"#;
    assert!(
        load(short).contains("call for 3 parameters, got 2"),
        "{}",
        load(short)
    );
    let nan = r#"{"sizes":[2,1],"hidden":"tanh","output":"sigmoid","params":[1,null,3]}"#;
    assert!(load(nan).contains("invalid type"), "{}", load(nan));
    let wide = r#"{"sizes":[2,2],"hidden":"tanh","output":"sigmoid","params":[1,2,3,4,5,6]}"#;
    assert!(load(wide).contains("exactly 1 neuron"), "{}", load(wide));
    let bad_name = r#"{"sizes":[2,1],"hidden":"gelu","output":"sigmoid","params":[1,2,3]}"#;
    assert!(load(bad_name).contains("gelu"), "{}", load(bad_name));
    let one = r#"{"sizes":[2],"hidden":"tanh","output":"sigmoid","params":[]}"#;
    assert!(
        load(one).contains("at least 2 layer sizes"),
        "{}",
        load(one)
    );
}
