//! The general multilayer perceptron, its activations, losses and optimizers: it reproduces the
//! tutorial's training, its gradients match finite differences, the optimizers follow their
//! formulas and learn (tests/optimizers.rs), and every invalid input is rejected (tests/mlp_input.rs).

mod common;

use nn_from_scratch::Error;
use nn_from_scratch::activation::{deriv_sigmoid, sigmoid};
use nn_from_scratch::backprop::backprop;
use nn_from_scratch::data::{Dataset, TUTORIAL_SHIFT, emily, frank};
use nn_from_scratch::loss::mse;
use nn_from_scratch::mlp::Activation;
use nn_from_scratch::mlp::Loss;
use nn_from_scratch::mlp::loss::{BCE_EPSILON, bce};
use nn_from_scratch::mlp::{FitConfig, Mlp, Trainer, Workspace};
use nn_from_scratch::network::Network;
use nn_from_scratch::optimizer::{Optimizer, OptimizerKind};
use nn_from_scratch::training::{TrainConfig, dataset_loss, train};

use common::{Points, assert_close};

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

#[test]
fn tutorial_configuration_trains_exactly_like_the_tutorial() {
    // The general trainer's defaults are the tutorial's settings.
    let config = FitConfig::default();
    let tutorial = TrainConfig::default();
    assert_eq!(
        (config.epochs, config.log_every),
        (tutorial.epochs, tutorial.log_every)
    );
    assert_eq!((config.batch_size, config.shuffle), (1, false));
    assert_eq!(config.loss, Loss::Mse);
    let sgd = Optimizer::Sgd {
        learn_rate: tutorial.learn_rate,
    };
    assert_eq!(config.optimizer, sgd);
    let data = Dataset::tutorial();
    for seed in [42, 0, 1, 7, 2024] {
        let mut net = Network::random(seed);
        let mut mlp = Mlp::from_tutorial(&net);
        let expected = train(&mut net, &data, &tutorial, |_| {}).unwrap();
        let mut logged = Vec::new();
        let history = mlp.fit_dataset(&data, &config, |r| logged.push(r)).unwrap();
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

/// For every layer with a kinked activation (ReLU), which weighted sums are positive: the
/// pattern that must not change between the points of a finite difference for the kink to stay
/// out of it.
fn relu_pattern(mlp: &Mlp, ws: &Workspace) -> Vec<bool> {
    (0..mlp.num_layers())
        .filter(|&l| mlp.activation(l).has_kink())
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
                    if loss != Loss::Mse && output != Activation::Sigmoid {
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
            expected: Activation::NAMES
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
        OptimizerKind::Momentum.with_learn_rate(0.5),
        Optimizer::Momentum {
            learn_rate: 0.5,
            beta: 0.9
        }
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
    // Both losses refuse lists that do not pair up, and empty ones.
    for loss in [mse, bce] {
        let mismatch = Error::LengthMismatch {
            expected: 1,
            found: 2,
        };
        assert_eq!(loss(&[1.0], &[0.5, 0.5]), Err(mismatch));
        assert_eq!(loss(&[], &[]), Err(Error::EmptyDataset));
    }
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
