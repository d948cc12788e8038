//! The general network refuses every invalid input with a clear error, and its model
//! survives serialisation.

use nn_from_scratch::Error;
use nn_from_scratch::data::Dataset;
use nn_from_scratch::mlp::Activation;
use nn_from_scratch::mlp::{FitConfig, Mlp, Trainer, Workspace};
use nn_from_scratch::network::Network;
use nn_from_scratch::optimizer::Optimizer;

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
        Err(Error::WorkspaceShape { .. })
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
        Err(Error::WorkspaceShape { .. })
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
