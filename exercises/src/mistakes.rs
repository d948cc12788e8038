//! Plausible wrong answers, one or more per chapter, that the checks must reject: a sign error,
//! a missing factor, the derivative of the wrong function, a wrong prediction.

use crate::check::*;
use crate::words::word;
use nn_from_scratch::activation::sigmoid;
use nn_from_scratch::network::Network;

#[test]
fn chapter01_derivative_of_the_wrong_expression_is_caught() {
    // f(x) (1 - x): the derivative of the wrong function.
    assert!(ch01::sigmoid_derivative(|x| sigmoid(x) * (1.0 - x)).is_err());
    // f(1) instead of f(-1): a sign error in the weighted sum.
    assert!(ch01::neuron_output(sigmoid(1.0)).is_err());
    assert!(
        ch01::slope_ratio(Some(100.0), || 0.25
            / nn_from_scratch::activation::deriv_sigmoid(10.0))
        .is_err()
    );
}

#[test]
fn chapter02_output_without_its_sigmoid_is_caught() {
    let no_sigmoid = |x: [f64; 2]| sigmoid(x[1]) + 0.0;
    assert!(ch02::feedforward(no_sigmoid).is_err());
    // f(1): h1 and h2 both counted.
    assert!(ch02::output_at_origin(sigmoid(1.0)).is_err());
}

#[test]
fn chapter03_sum_instead_of_mean_and_wrong_units_are_caught() {
    let sum = |t: &[f64], p: &[f64]| t.iter().zip(p).map(|(a, b)| (a - b) * (a - b)).sum::<f64>();
    assert!(ch03::mse(sum).is_err());
    let unsquared = |t: &[f64], p: &[f64]| {
        t.iter().zip(p).map(|(a, b)| (a - b).abs()).sum::<f64>() / t.len() as f64
    };
    assert!(ch03::mse(unsquared).is_err());
    assert!(ch03::loss_by_hand(0.2).is_err()); // the mean error, not squared
    use nn_from_scratch::csv_data::{CsvOptions, read_people};
    use nn_from_scratch::data::{Person, Sex};
    // Centimetres under a plain `height` column read as inches: the reader itself refuses them.
    let cm_as_inches = "name,weight,height,sex\nA,58,163,F\nB,80,181,M\nC,64,170,F\nD,72,175,M\n";
    assert!(read_people(cm_as_inches.as_bytes(), &CsvOptions::default()).is_err());
    // People written by hand in kilograms and centimetres: the check catches the units.
    let metric = || {
        vec![
            Person::new("A", 58.0, 163.0, Sex::Female),
            Person::new("B", 80.0, 181.0, Sex::Male),
            Person::new("C", 64.0, 170.0, Sex::Female),
            Person::new("D", 72.0, 175.0, Sex::Male),
        ]
    };
    assert!(ch03::my_people(metric).is_err());
}

#[test]
fn chapter04_sign_error_and_missing_factor_are_caught() {
    assert!(ch04::dl_dw5_alice(0.0113).is_err()); // the sign of ∂L/∂ŷ dropped
    let without_w6 = |net: &Network, x: [f64; 2], y: f64| {
        use nn_from_scratch::activation::deriv_sigmoid;
        let p = net.forward(x);
        -2.0 * (y - p.o1) * deriv_sigmoid(p.sum_o1) * x[0] * deriv_sigmoid(p.sum_h2)
    };
    assert!(ch04::d_l_d_w3(without_w6).is_err());
    assert!(ch04::best_step(Some(1e-13), ch04::central_difference).is_err());
}

#[test]
fn chapter05_step_uphill_is_caught() {
    let uphill = |net: &mut Network, x: [f64; 2], y: f64, rate: f64| {
        nn_from_scratch::training::sgd_step(net, x, y, -rate);
    };
    assert!(ch05::sgd_step(uphill).is_err());
    assert!(ch05::w5_after_one_step(1.0 - 0.1 * 0.011269).is_err());
    // The right losses (the solution's run), the wrong prediction.
    assert!(ch05::best_learn_rate(Some(1.0), crate::solutions::ch05::final_loss).is_err());
}

#[test]
fn chapter07_sample_sd_and_missing_root_are_caught() {
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let sample = |v: &[f64]| {
        let m = mean(v);
        (
            m,
            (v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (v.len() as f64 - 1.0)).sqrt(),
        )
    };
    assert!(ch07::mean_and_sd(sample).is_err());
    let variance = |v: &[f64]| {
        let m = mean(v);
        (
            m,
            v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / v.len() as f64,
        )
    };
    assert!(ch07::mean_and_sd(variance).is_err());
    assert!(ch07::accuracy_by_hand(40.0 / 45.0).is_err()); // the precision, not the accuracy
    let raw = nn_from_scratch::data::Normalisation {
        offset: [0.0, 0.0],
        scale: [1.0, 1.0],
    };
    assert!(ch07::no_shift(Some(true), || ch07::accuracy_with(&raw)).is_err());
}

#[test]
fn chapter08_forgotten_biases_and_wrong_shape_are_caught() {
    use nn_from_scratch::mlp::Activation;
    use nn_from_scratch::mlp::Mlp;
    assert!(ch08::param_count(Some(28)).is_err()); // weights only
    let shallow =
        |seed| Mlp::new(&[2, 4, 1], Activation::Sigmoid, Activation::Sigmoid, seed).unwrap();
    assert!(ch08::deep_network(shallow).is_err());
    assert!(ch08::every_seed(Some(false), ch08::losses_by_seed).is_err());
}

#[test]
fn chapter09_wrong_derivative_and_lost_velocity_are_caught() {
    assert!(ch09::tanh_derivative(|y| y * (1.0 - y)).is_err()); // the sigmoid's
    let no_memory = |p: &mut [f64], _v: &mut [f64], g: &[f64], rate: f64, _beta: f64| {
        p.iter_mut().zip(g).for_each(|(p, g)| *p -= rate * g);
    };
    assert!(ch09::momentum_step(no_memory).is_err());
    assert!(ch09::bce_by_hand(-0.8f64.log10()).is_err()); // log base 10
}

#[test]
fn chapter12_overflow_missing_sum_and_wrong_sign_are_caught() {
    let exps = |z: &[f64]| -> Vec<f64> { z.iter().map(|v| v.exp()).collect() };
    let naive = |z: &[f64]| {
        let e = exps(z);
        let total: f64 = e.iter().sum();
        e.iter().map(|v| v / total).collect::<Vec<f64>>()
    };
    // Right near 0, NaN or 0/0 far from it.
    assert!(ch12::softmax_stable(naive).is_err());
    assert!(ch12::softmax_stable(exps).is_err()); // not divided by the sum
    let ours = crate::solutions::ch12::output_gradient;
    let y_minus_p = |z: &[f64], c: usize| ours(z, c).iter().map(|g| -g).collect::<Vec<f64>>();
    assert!(ch12::output_gradient(y_minus_p).is_err());
    let p_only = |z: &[f64], _c: usize| crate::solutions::ch12::stable_softmax(z);
    assert!(ch12::output_gradient(p_only).is_err());
    let p = crate::solutions::ch12::stable_softmax(&[2.0, 1.0, 0.0]);
    assert!(ch12::cross_entropy_by_hand(-p[0].ln()).is_err()); // the wrong class
    assert!(ch12::cross_entropy_by_hand(-p[1].log10()).is_err()); // log base 10
    // The overflow named, in the reader's language.
    let message = ch12::softmax_stable(naive).unwrap_err().0;
    let overflow = word("overflow_off", &[&"", &"", &"", &"", &""]);
    let (said, _) = overflow
        .rsplit_once(':')
        .expect("the message says why after a colon");
    assert!(
        message.contains(said.trim_start_matches(['[', ']', ' '])),
        "{message}"
    );
}

#[test]
fn unwritten_answers_say_what_is_missing() {
    for verdict in [
        ch01::neuron_output(f64::NAN),
        ch08::param_count(None),
        ch05::best_learn_rate(None, |_| 0.0),
        ch01::sigmoid_derivative(|_| todo!("the hint")),
    ] {
        // In the reader's language: Russian with the feature `ru` (`--all-features`).
        let unwritten = word("not_implemented", &[]);
        assert!(verdict.unwrap_err().0.starts_with(&unwritten));
    }
}

/// Every number of a message, as written (`0.5`, `1e-2`, `-3`).
fn numbers(message: &str) -> Vec<f64> {
    let is_part = |c: char| c.is_ascii_digit() || ".eE-+".contains(c);
    let words = message.split(|c: char| !is_part(c));
    let trimmed = words.map(|w| w.trim_end_matches(['.', '-', '+']));
    trimmed.filter_map(|w| w.parse().ok()).collect()
}

#[test]
fn pasting_a_number_of_a_by_hand_message_still_fails() {
    use crate::solutions as ours;
    type ByHand = fn(f64) -> Verdict;
    let checks: [(&str, ByHand, f64); 10] = [
        ("1.2", ch01::neuron_output, ours::ch01::NEURON_OUTPUT),
        ("2.2", ch02::output_at_origin, ours::ch02::OUTPUT_AT_ORIGIN),
        ("3.3", ch03::loss_by_hand, ours::ch03::LOSS_BY_HAND),
        ("4.1", ch04::dl_dw5_alice, ours::ch04::DL_DW5_ALICE),
        (
            "5.2",
            ch05::w5_after_one_step,
            ours::ch05::W5_AFTER_ONE_STEP,
        ),
        ("7.2", ch07::accuracy_by_hand, ours::ch07::ACCURACY_BY_HAND),
        ("9.3", ch09::bce_by_hand, ours::ch09::BCE_BY_HAND),
        ("9.3 log10", ch09::bce_by_hand, -0.8f64.log10()),
        (
            "12.3",
            ch12::cross_entropy_by_hand,
            ours::ch12::CROSS_ENTROPY_BY_HAND,
        ),
        ("12.3 class 0", ch12::cross_entropy_by_hand, 0.4076),
    ];
    for (exercise, check, answer) in checks {
        // Wrong in every way a learner might be: off a little, a lot, the sign, a factor 2.
        for wrong in [
            answer + 0.003,
            answer - 0.3,
            answer * 10.0,
            -answer,
            2.0 * answer,
        ] {
            let Err(message) = check(wrong) else { continue };
            for pasted in numbers(&message.0) {
                assert!(
                    check(pasted).is_err(),
                    "{exercise}: pasting {pasted} from `{message}` passes"
                );
            }
        }
    }
    let Err(message) = ch08::param_count(Some(28)) else {
        panic!("28 passes 8.2")
    };
    for pasted in numbers(&message.0) {
        let pasted = Some(pasted as usize);
        assert!(
            ch08::param_count(pasted).is_err(),
            "8.2: {pasted:?} from `{message}` passes"
        );
    }
}

#[test]
fn a_table_of_the_inputs_one_run_showed_does_not_pass() {
    use nn_from_scratch::activation::deriv_sigmoid;
    use std::sync::Mutex;
    // One run with a right answer, recording what it was asked; then a table of those answers.
    type Check = fn(&dyn Fn(f64) -> f64) -> Verdict;
    type Function = fn(f64) -> f64;
    let checks: [(Check, Function); 2] = [
        (|f| ch01::sigmoid_derivative(f), deriv_sigmoid),
        (|f| ch09::tanh_derivative(f), |y| 1.0 - y * y),
    ];
    for (check, right) in checks {
        let seen = Mutex::new(Vec::new());
        check(&|x| {
            seen.lock().unwrap().push((x, right(x)));
            right(x)
        })
        .unwrap();
        let table = seen.into_inner().unwrap();
        let lookup = |x: f64| table.iter().find(|(k, _)| *k == x).map_or(0.0, |(_, v)| *v);
        assert!(check(&lookup).is_err());
    }
    let seen = Mutex::new(Vec::new());
    let net = ch02::feedforward(|x| {
        let y = crate::solutions::ch02::feedforward(x);
        seen.lock().unwrap().push((x, y));
        y
    });
    net.unwrap();
    let table = seen.into_inner().unwrap();
    let lookup = |x: [f64; 2]| table.iter().find(|(k, _)| *k == x).map_or(0.5, |(_, v)| *v);
    assert!(ch02::feedforward(lookup).is_err());
}

#[test]
fn messages_of_code_exercises_name_each_wrong_parameter() {
    // 5.1 with w5 moved uphill: the message names w5, and only the parameters that are wrong.
    let w5_uphill = |net: &mut Network, x: [f64; 2], y: f64, rate: f64| {
        let before = net.w5;
        nn_from_scratch::training::sgd_step(net, x, y, rate);
        net.w5 = 2.0 * before - net.w5;
    };
    let message = ch05::sgd_step(w5_uphill).unwrap_err().0;
    let lines: Vec<&str> = message.lines().skip(1).map(str::trim).collect();
    // The parameter's name is the line's first or second word (the Russian says "parameter" first).
    let names_w5 = |line: &str| line.split_whitespace().take(2).any(|w| w == "w5");
    assert!(lines.len() == 1 && names_w5(lines[0]), "{message}");
    // Functions without arguments are named as they are called.
    let message = ch01::slope_ratio(Some(10_000.0), || 1.0).unwrap_err().0;
    let small = word("off_small", &[&"", &""]);
    let small = small.split(' ').take(2).collect::<Vec<_>>().join(" ");
    assert!(
        message.starts_with(&format!("slope_ratio() {small}")),
        "{message}"
    );
}
