//! The softmax output and the categorical cross-entropy (src/mlp/softmax.rs): the gradient
//! `p − y` against finite differences, probabilities that sum to 1 and survive huge sums, the
//! two-class case that is the sigmoid, what a softmax network refuses, and that it learns.

mod common;

use nn_from_scratch::Error;
use nn_from_scratch::activation::sigmoid;
use nn_from_scratch::mlp::loss::bce;
use nn_from_scratch::mlp::softmax::{cross_entropy, softmax};
use nn_from_scratch::mlp::{Activation, FitConfig, Loss, Mlp, Output, Workspace};
use nn_from_scratch::optimizer::Optimizer;

use common::{Points, assert_close};

/// A softmax network of these sizes, its parameters moved off the initialisation.
fn random_softmax(sizes: &[usize], hidden: Activation, pts: &mut Points) -> Mlp {
    let mut mlp = Mlp::new(sizes, hidden, Output::Softmax, pts.0).unwrap();
    for p in mlp.params_mut() {
        *p += pts.next(-0.5, 0.5);
    }
    mlp
}

/// The batch-mean cross-entropy, from the predicted probabilities one sample at a time.
fn mean_cross_entropy(mlp: &Mlp, xs: &[Vec<f64>], classes: &[f64]) -> f64 {
    let k = mlp.output_width();
    let mut ws = Workspace::new(mlp, xs.len()).unwrap();
    let mut p = vec![0.0; xs.len() * k];
    mlp.predict_batch(&mut ws, xs, &mut p).unwrap();
    let sum: f64 = (p.chunks_exact(k).zip(classes))
        .map(|(p, &c)| cross_entropy(p, c as usize))
        .sum();
    sum / xs.len() as f64
}

#[test]
fn the_gradient_p_minus_y_matches_finite_differences() {
    let mut pts = Points(0x5EED_0F50_F73A_1100);
    let shapes: [&[usize]; 4] = [&[2, 3], &[2, 4, 3], &[3, 5, 4, 10], &[4, 6, 2]];
    let mut checked = 0;
    for shape in shapes {
        // Smooth activations only: a ReLU's kink is not differentiable (tests/mlp.rs steps
        // around it; the output's gradient, the point here, is the same either way).
        for hidden in [Activation::Sigmoid, Activation::Tanh] {
            for batch in [1, 3, 8] {
                let mlp = random_softmax(shape, hidden, &mut pts);
                let k = mlp.output_width();
                let xs: Vec<Vec<f64>> = (0..batch)
                    .map(|_| (0..shape[0]).map(|_| pts.next(-2.0, 2.0)).collect())
                    .collect();
                let ys: Vec<f64> = (0..batch)
                    .map(|_| (pts.next(0.0, k as f64) as usize) as f64)
                    .collect();
                let mut ws = Workspace::new(&mlp, batch).unwrap();
                let value = mlp
                    .loss_and_gradient(&mut ws, &xs, &ys, Loss::CrossEntropy)
                    .unwrap();
                assert_close("loss", value, mean_cross_entropy(&mlp, &xs, &ys), 1e-13);
                let h = 1e-4;
                for (i, &grad) in ws.gradient().iter().enumerate() {
                    let at = |step: f64| {
                        let mut m = mlp.clone();
                        m.params_mut()[i] += step;
                        mean_cross_entropy(&m, &xs, &ys)
                    };
                    let numeric =
                        (-at(2.0 * h) + 8.0 * at(h) - 8.0 * at(-h) + at(-2.0 * h)) / (12.0 * h);
                    let scale = grad.abs().max(numeric.abs()).max(1e-4);
                    assert!(
                        (grad - numeric).abs() / scale < 1e-7,
                        "{shape:?} {hidden} batch {batch} param {i}: backprop {grad} vs {numeric}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 1000, "only {checked} partials checked");
}

#[test]
fn probabilities_sum_to_one_even_for_huge_sums() {
    let mut pts = Points(77);
    for k in [2, 3, 10, 50] {
        for scale in [1.0, 100.0, 1e5, 1e300] {
            let z: Vec<f64> = (0..k).map(|_| scale * pts.next(-1.0, 1.0)).collect();
            let mut p = vec![0.0; k];
            softmax(&z, &mut p);
            assert!(p.iter().all(|p| p.is_finite() && (0.0..=1.0).contains(p)));
            assert_close("sum", p.iter().sum(), 1.0, 1e-14);
            let top = (0..k).max_by(|&a, &b| z[a].total_cmp(&z[b])).unwrap();
            assert!(p.iter().all(|&q| q <= p[top]), "the largest sum wins");
        }
    }
    // Shifting every sum changes nothing; a plain e^z would overflow here.
    let (mut a, mut b) = ([0.0; 3], [0.0; 3]);
    softmax(&[1.0, 2.0, 3.0], &mut a);
    softmax(&[1001.0, 1002.0, 1003.0], &mut b);
    for (a, b) in a.iter().zip(b) {
        assert_close("shifted", *a, b, 1e-15);
    }
    // Through a whole network: huge inputs still give probabilities.
    let mlp = Mlp::new(&[2, 4, 3], Activation::Relu, Output::Softmax, 3).unwrap();
    let mut ws = Workspace::new(&mlp, 2).unwrap();
    let mut p = [0.0; 6];
    let xs = [[1e200, -1e200], [3.0, 4.0]];
    mlp.predict_batch(&mut ws, &xs, &mut p).unwrap();
    for sample in p.chunks(3) {
        assert!(sample.iter().all(|p| p.is_finite()), "{sample:?}");
        assert_close("network's sum", sample.iter().sum(), 1.0, 1e-14);
    }
    assert!(
        cross_entropy(&[1.0, 0.0], 1).is_finite(),
        "the loss is kept finite"
    );
}

#[test]
fn two_classes_of_softmax_are_the_sigmoid() {
    let mut pts = Points(2024);
    for hidden in Activation::ALL {
        let soft = random_softmax(&[3, 5, 2], hidden, &mut pts);
        // The one-neuron network whose output row is row 2 minus row 1 of the softmax layer.
        let mut params = soft.params().to_vec();
        let (w, b) = (soft.weight_range(1), soft.bias_range(1));
        let row = |r: usize| &soft.params()[w.start + 5 * r..w.start + 5 * (r + 1)];
        let diff: Vec<f64> = row(1).iter().zip(row(0)).map(|(a, b)| a - b).collect();
        let bias = soft.params()[b.start + 1] - soft.params()[b.start];
        params.truncate(w.start);
        params.extend(&diff);
        params.push(bias);
        let sig = Mlp::from_params(&[3, 5, 1], hidden, Activation::Sigmoid, params).unwrap();

        let xs: Vec<Vec<f64>> = (0..6)
            .map(|_| (0..3).map(|_| pts.next(-2.0, 2.0)).collect())
            .collect();
        let ys = [0.0, 1.0, 1.0, 0.0, 1.0, 0.0];
        let (mut p2, mut p1) = ([0.0; 12], [0.0; 6]);
        soft.predict_batch(&mut Workspace::new(&soft, 6).unwrap(), &xs, &mut p2)
            .unwrap();
        sig.predict_batch(&mut Workspace::new(&sig, 6).unwrap(), &xs, &mut p1)
            .unwrap();
        for (two, one) in p2.chunks(2).zip(p1) {
            assert_close("p(class 1)", two[1], one, 1e-14);
            assert_close("p(class 0)", two[0], 1.0 - one, 1e-14);
        }
        // The same loss, and the same gradient for the hidden layer; the output rows' gradients
        // are the one neuron's, with opposite signs (only their difference matters).
        let mut ws2 = Workspace::new(&soft, 6).unwrap();
        let mut ws1 = Workspace::new(&sig, 6).unwrap();
        let l2 = soft
            .loss_and_gradient(&mut ws2, &xs, &ys, Loss::CrossEntropy)
            .unwrap();
        let l1 = sig
            .loss_and_gradient(&mut ws1, &xs, &ys, Loss::Bce)
            .unwrap();
        assert_close("loss", l2, l1, 1e-13);
        assert_close("bce", l1, bce(&ys, &p1).unwrap(), 1e-13);
        let (g2, g1) = (ws2.gradient(), ws1.gradient());
        for i in 0..w.start {
            assert_close("hidden gradient", g2[i], g1[i], 1e-13);
        }
        // Row 0 then row 1 of the softmax layer's weights, then its two biases; the one
        // neuron's five weights, then its bias.
        let pairs = (0..5).map(|j| (w.start + j, w.start + 5 + j, w.start + j));
        for (zero, one, neuron) in pairs.chain([(b.start, b.start + 1, w.start + 5)]) {
            assert_close("class 1 row", g2[one], g1[neuron], 1e-13);
            assert_close("class 0 row", g2[zero], -g1[neuron], 1e-13);
        }
    }
    // And the formula itself: softmax of (z1, z2) is the sigmoid of z2 - z1.
    let mut p = [0.0; 2];
    softmax(&[0.3, -1.2], &mut p);
    assert_close("sigmoid", p[1], sigmoid(-1.5), 1e-16);
}

#[test]
fn a_softmax_network_refuses_what_it_cannot_use() {
    let e = Mlp::new(&[2, 4, 1], Activation::Tanh, Output::Softmax, 1).unwrap_err();
    assert_eq!(e, Error::SoftmaxWidth { found: 1 });
    let e = Mlp::new(&[2, 4, 3], Activation::Tanh, Activation::Sigmoid, 1).unwrap_err();
    assert_eq!(e, Error::OutputWidth { found: 3 });
    let mlp = Mlp::new(&[2, 4, 3], Activation::Tanh, Output::Softmax, 1).unwrap();
    let mut ws = Workspace::new(&mlp, 4).unwrap();
    let xs = [[0.0, 1.0], [1.0, 0.0]];
    for loss in [Loss::Mse, Loss::Bce] {
        let e = mlp.loss_and_gradient(&mut ws, &xs, &[0.0, 1.0], loss);
        assert!(matches!(e, Err(Error::SoftmaxLoss { .. })), "{e:?}");
        let config = FitConfig {
            loss,
            ..FitConfig::default()
        };
        assert!(nn_from_scratch::mlp::Trainer::new(&mlp, config).is_err());
    }
    for bad in [3.0, -1.0, 0.5] {
        let e = mlp.loss_and_gradient(&mut ws, &xs, &[0.0, bad], Loss::CrossEntropy);
        assert_eq!(
            e,
            Err(Error::BadClass {
                index: 1,
                label: bad,
                classes: 3
            })
        );
        assert!(e.unwrap_err().to_string().contains("0 to 2"));
    }
    // The output's name in a model file, both ways, and an unknown one listed.
    let json = serde_json::to_string(&mlp).unwrap();
    assert!(json.contains("\"output\":\"softmax\""), "{json}");
    assert_eq!(serde_json::from_str::<Mlp>(&json).unwrap(), mlp);
    let e = Output::from_name("softmin").unwrap_err().to_string();
    assert!(
        e.contains(&format!("{}, softmax", Activation::NAMES)),
        "{e}"
    );
}

#[test]
fn a_softmax_network_learns_three_classes() {
    // Three clouds of points around the corners of a triangle.
    let mut pts = Points(9);
    let centres = [[0.0, 1.5], [-1.3, -0.8], [1.3, -0.8]];
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    for i in 0..300 {
        let c = centres[i % 3];
        xs.push([c[0] + pts.next(-0.7, 0.7), c[1] + pts.next(-0.7, 0.7)]);
        ys.push((i % 3) as f64);
    }
    let mut mlp = Mlp::new(&[2, 8, 3], Activation::Tanh, Output::Softmax, 4).unwrap();
    let config = FitConfig {
        epochs: 50,
        batch_size: 16,
        shuffle: true,
        loss: Loss::CrossEntropy,
        optimizer: Optimizer::adam(0.01),
        ..FitConfig::default()
    };
    let history = mlp.fit(&xs, &ys, &config, |_| {}).unwrap();
    let (first, last) = (history[0].loss, history.last().unwrap().loss);
    assert!(last < first / 5.0, "loss {first} -> {last}");
    let mut ws = Workspace::new(&mlp, 64).unwrap();
    let mut classes = vec![0; xs.len()];
    mlp.classify(&mut ws, &xs, &mut classes).unwrap();
    let right = classes
        .iter()
        .zip(&ys)
        .filter(|(c, y)| **c as f64 == **y)
        .count();
    assert!(right >= 295, "{right} of 300 right");
}
