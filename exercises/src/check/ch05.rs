use super::*;
use nn_from_scratch::network::{Network, PARAM_NAMES};
use nn_from_scratch::training;

/// Exercise 5.1: one SGD step, from 20 random networks, each on a random person (inputs from
/// -3 to 3, label 0 or 1) at a random learning rate from 0.05 to 1. The message names each
/// parameter that moved wrongly, and how it moved against how it should have.
pub fn sgd_step(f: impl Fn(&mut Network, [f64; 2], f64, f64)) -> Verdict {
    let mut draw = Draw::new();
    let tried = 20;
    for _ in 0..tried {
        let start = Network::random(draw.next_u64());
        let x = [draw.uniform(-3.0, 3.0), draw.uniform(-3.0, 3.0)];
        let (y, rate) = ((draw.next_u64() % 2) as f64, draw.uniform(0.05, 1.0));
        let (mut got, mut want) = (start, start);
        call(|| f(&mut got, x, y, rate))?;
        training::sgd_step(&mut want, x, y, rate);
        let (before, got, want) = (start.to_array(), got.to_array(), want.to_array());
        let wrongly: Vec<usize> = (0..9).filter(|&i| !near(got[i], want[i], 1e-12)).collect();
        if wrongly.is_empty() {
            continue;
        }
        let names: Vec<&str> = wrongly.iter().map(|&i| PARAM_NAMES[i]).collect();
        let how: Vec<String> = (wrongly.iter())
            .map(|&i| {
                let (moved, should) = (got[i] - before[i], want[i] - before[i]);
                let (name, should) = (PARAM_NAMES[i], format!("{should:+.2e}"));
                match moved {
                    0.0 => format!("  {}", word("did_not_move", &[&name, &should])),
                    m => format!(
                        "  {}",
                        word("moved", &[&name, &format!("{m:+.2e}"), &should])
                    ),
                }
            })
            .collect();
        let (names, rate) = (names.join(", "), format!("{rate:.2}"));
        return wrong(format!(
            "{}\n{}",
            word("step_off", &[&names, &rate, &tried]),
            how.join("\n")
        ));
    }
    Ok(())
}

/// Exercise 5.2: w5 after one step on Alice from every weight 1 and bias 0, learning rate
/// 0.1, to 0.00001.
pub fn w5_after_one_step(answer: f64) -> Verdict {
    let (x, y) = super::ch04::alice();
    let mut net = Network::uniform(1.0, 0.0);
    training::sgd_step(&mut net, x, y, 0.1);
    by_hand("W5_AFTER_ONE_STEP", answer, net.w5, 1e-5)
}

/// Exercise 5.3: which of the learning rates 0.01, 1 and 10 ends with the lowest loss. The
/// reference run is [`solutions::ch05::final_loss`](crate::solutions::ch05::final_loss), the
/// solution the book shows under the exercise: the chapter's training (seed 42, 1000 epochs) at
/// another learning rate, NaN when it diverges.
pub fn best_learn_rate(prediction: Option<f64>, run: impl Fn(f64) -> f64) -> Verdict {
    let final_loss = crate::solutions::ch05::final_loss;
    let rates = [0.01, 1.0, 10.0];
    let p = predicted("BEST_LEARN_RATE_PREDICTION", prediction, &rates)?;
    for rate in rates {
        same_value(
            &format!("final_loss({rate})"),
            call(|| run(rate))?,
            final_loss(rate),
            1e-9,
        )?;
    }
    compare_least(
        "BEST_LEARN_RATE_PREDICTION",
        p,
        &rates,
        final_loss,
        |rate, loss| format!("{rate}: {loss:.6}"),
        "losses_seen",
    )
}
