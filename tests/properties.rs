//! Property tests (proptest): model files save and load bit for bit, any bytes given as a model or
//! a CSV file give a value or a clean error (never a panic), `predict` from a file equals the
//! prediction in process, and the MLP's gradients match finite differences for random shapes,
//! activations and losses.

use std::process::Command;

use nn_from_scratch::data::Normalisation;
use nn_from_scratch::mlp::Activation;
use nn_from_scratch::mlp::Loss;
use nn_from_scratch::mlp::{Mlp, Workspace};
use nn_from_scratch::model::{Architecture, ModelFile};
use nn_from_scratch::network::Network;
use proptest::prelude::*;
use proptest::sample::select;

#[path = "common/csv_readers.rs"]
mod csv_readers;
use csv_readers::check_csv;

/// Any finite `f64`: ordinary sizes, the extremes, subnormals and both zeros.
fn finite() -> impl Strategy<Value = f64> + Clone {
    prop_oneof![
        -10.0..10.0f64,
        any::<f64>().prop_filter("finite", |v| v.is_finite()),
        select(vec![
            0.0,
            -0.0,
            f64::MIN_POSITIVE / 3.0,
            f64::MAX,
            f64::MIN,
            1e-300
        ]),
    ]
}

fn activation() -> impl Strategy<Value = Activation> {
    select(Activation::ALL.to_vec())
}

/// A normalisation as a model file may hold one: finite offsets, finite non-zero scales.
fn normalisation() -> impl Strategy<Value = Normalisation> {
    let scale = || finite().prop_filter("non-zero", |s| *s != 0.0);
    ([finite(), finite()], [scale(), scale()])
        .prop_map(|(offset, scale)| Normalisation { offset, scale })
}

/// A normalisation as training makes one: offsets and spreads of real weights and heights.
fn moderate_normalisation() -> impl Strategy<Value = Normalisation> {
    (
        [-300.0..300.0f64, -100.0..100.0f64],
        [0.1..100.0f64, 0.1..100.0f64],
    )
        .prop_map(|(offset, scale)| Normalisation { offset, scale })
}

/// Layer sizes of a network with `inputs` inputs, up to two hidden layers and one output.
fn sizes(inputs: usize) -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(1..6usize, 0..3).prop_map(move |hidden| {
        let mut s = vec![inputs];
        s.extend(hidden);
        s.push(1);
        s
    })
}

/// An MLP of two inputs whose parameters come from `param`, its output activation one of
/// `outputs`.
fn mlp_with(
    param: impl Strategy<Value = f64> + Clone,
    outputs: Vec<Activation>,
) -> impl Strategy<Value = Mlp> {
    (sizes(2), activation(), select(outputs)).prop_flat_map(move |(sizes, hidden, output)| {
        let n = Mlp::param_count(&sizes);
        prop::collection::vec(param.clone(), n)
            .prop_map(move |p| Mlp::from_params(&sizes, hidden, output, p).unwrap())
    })
}

/// A model file of either kind (an MLP's output is a sigmoid, as in every model file).
fn model(param: impl Strategy<Value = f64> + Clone + 'static) -> impl Strategy<Value = ModelFile> {
    let tutorial = prop::array::uniform9(param.clone()).prop_map(|p| Architecture::Tutorial {
        params: Network::from_array(p),
    });
    let mlp = mlp_with(param, vec![Activation::Sigmoid])
        .prop_map(|network| Architecture::Mlp { network });
    (prop_oneof![tutorial, mlp], normalisation())
        .prop_map(|(architecture, norm)| ModelFile::new(architecture, norm))
}

/// A model file of either kind with a normalisation that training could have made.
fn moderate_model() -> impl Strategy<Value = ModelFile> {
    (model(-3.0..3.0f64), moderate_normalisation())
        .prop_map(|(m, norm)| ModelFile::new(m.architecture, norm))
}

/// Every number of a model file, in order, as bits.
fn bits(m: &ModelFile) -> Vec<u64> {
    let params = match &m.architecture {
        Architecture::Tutorial { params } => params.to_array().to_vec(),
        Architecture::Mlp { network } => network.params().to_vec(),
    };
    let n = &m.normalisation;
    params
        .iter()
        .chain(&n.offset)
        .chain(&n.scale)
        .map(|v| v.to_bits())
        .collect()
}

/// CSV-like text: the pieces a CSV file is made of, in any order.
fn csv_like() -> impl Strategy<Value = String> {
    let pieces = vec![
        "weight_lb",
        "weight_kg",
        "weight",
        "height_in",
        "height_cm",
        "height",
        "sex",
        "male",
        "label",
        "name",
        "age",
        "weight_st",
        ",",
        ",",
        ";",
        "\n",
        "\n",
        "\r\n",
        "\"",
        " ",
        "\t",
        "133",
        "65",
        "0",
        "-1",
        "1e3",
        "NaN",
        "inf",
        "F",
        "M",
        "1",
        "\u{feff}",
        "\u{e9}",
        "",
    ];
    prop::collection::vec(select(pieces), 0..40).prop_map(|v| v.concat())
}

/// The batch-mean loss of `mlp`, and which ReLUs were on (a change means a kink was crossed).
fn loss_and_pattern(mlp: &Mlp, xs: &[Vec<f64>], ys: &[f64], loss: Loss) -> (f64, Vec<bool>) {
    let mut ws = Workspace::new(mlp, xs.len()).unwrap();
    let mut pred = vec![0.0; xs.len()];
    mlp.predict_batch(&mut ws, xs, &mut pred).unwrap();
    let pattern = (0..mlp.num_layers())
        .filter(|&l| mlp.activation(l).has_kink())
        .flat_map(|l| {
            ws.pre_activations(l)
                .iter()
                .map(|&z| z > 0.0)
                .collect::<Vec<_>>()
        })
        .collect();
    (loss.value(ys, &pred).unwrap(), pattern)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn save_then_load_is_bit_exact(m in model(finite())) {
        let text = m.to_json();
        let back = ModelFile::from_json(&text).unwrap();
        prop_assert_eq!(bits(&back), bits(&m));
        prop_assert_eq!(&back, &m);
        prop_assert_eq!(back.to_json(), text);
    }

    #[test]
    fn any_bytes_as_a_model_load_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(text) = std::str::from_utf8(&bytes)
            && let Err(e) = ModelFile::from_json(text) {
                prop_assert!(!e.to_string().is_empty());
            }
        if let Ok(text) = std::str::from_utf8(&bytes)
            && let Err(e) = nn_from_scratch::classifier::Classifier::from_json(text) {
                prop_assert!(!e.to_string().is_empty());
            }
    }

    #[test]
    fn an_edited_model_loads_or_fails_cleanly(
        m in model(-3.0..3.0f64), at in any::<prop::sample::Index>(), with in select(vec![
            "", "-", "1e999", "null", "\"x\"", "[]", "{}", "0", "18446744073709551616", ",", "]",
        ]),
    ) {
        let text = m.to_json();
        let cut = at.index(text.len() + 1);
        let edited = format!("{}{with}{}", &text[..cut], &text[cut..]);
        match ModelFile::from_json(&edited) {
            // A probability, or an error when the edit made the numbers extreme.
            Ok(loaded) => match loaded.predict(130.0, 65.0) {
                Ok(p) => prop_assert!((0.0..=1.0).contains(&p), "{}", p),
                Err(e) => prop_assert!(e.to_string().contains("not a probability")),
            },
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn any_bytes_as_a_csv_file_read_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        check_csv(&bytes);
    }

    #[test]
    fn csv_like_text_reads_or_fails_cleanly(text in csv_like()) {
        check_csv(text.as_bytes());
    }

    #[test]
    fn mlp_gradients_match_finite_differences(
        (mlp, inputs, labels, loss) in mlp_with(-1.5..1.5f64, Activation::ALL.to_vec()).prop_flat_map(|mlp| {
            let loss = if mlp.output_activation() == Activation::Sigmoid {
                select(Loss::ALL.to_vec()).boxed()
            } else {
                Just(Loss::Mse).boxed()
            };
            let batch = 1..5usize;
            batch.prop_flat_map(move |b| (
                Just(mlp.clone()),
                prop::collection::vec(prop::collection::vec(-2.0..2.0f64, 2), b),
                prop::collection::vec(select(vec![0.0, 1.0]), b),
                loss.clone(),
            ))
        })
    ) {
        let mut ws = Workspace::new(&mlp, inputs.len()).unwrap();
        mlp.loss_and_gradient(&mut ws, &inputs, &labels, loss).unwrap();
        let (_, pattern) = loss_and_pattern(&mlp, &inputs, &labels, loss);
        let h = 1e-5;
        for (i, &grad) in ws.gradient().iter().enumerate() {
            let mut at = [0.0; 2];
            let mut kink = false;
            for (slot, k) in at.iter_mut().zip([1.0, -1.0]) {
                let mut m = mlp.clone();
                m.params_mut()[i] += k * h;
                let (l, p) = loss_and_pattern(&m, &inputs, &labels, loss);
                kink |= p != pattern;
                *slot = l;
            }
            if kink {
                continue; // a ReLU changed side: no derivative there
            }
            let numeric = (at[0] - at[1]) / (2.0 * h);
            let scale = grad.abs().max(numeric.abs()).max(1e-3);
            prop_assert!(
                (grad - numeric).abs() / scale < 1e-5,
                "{:?} param {i}: backprop {grad} vs finite difference {numeric}", mlp.sizes()
            );
        }
    }
}

proptest! {
    // Each case runs the binary: fewer cases.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn predict_from_a_file_equals_the_prediction_in_process(
        m in moderate_model(),
        weight in 90.0..250.0f64,
        height in 55.0..80.0f64,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.json");
        std::fs::write(&path, m.to_json()).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_nn-from-scratch"))
            .arg("predict").arg("--json").arg("--model").arg(&path)
            .args(["--weight", &weight.to_string(), "--height", &height.to_string()])
            .output()
            .unwrap();
        prop_assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let expected = m.predict(weight, height).unwrap();
        prop_assert_eq!(v["p_female"].as_f64().unwrap().to_bits(), expected.to_bits());
    }
}
