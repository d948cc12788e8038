use super::*;
use nn_from_scratch::loss;
use nn_from_scratch::person::{Person, Sex};

/// Exercise 3.1: the mean squared error, on 20 random pairs of lists of 1 to 8 labels (0 or
/// 1) and predictions (0 to 1).
pub fn mse(f: impl Fn(&[f64], &[f64]) -> f64) -> Verdict {
    let mut draw = Draw::new();
    let tried = 20;
    for _ in 0..tried {
        let n = 1 + (draw.next_u64() % 8) as usize;
        let y_true: Vec<f64> = (0..n).map(|_| (draw.next_u64() % 2) as f64).collect();
        let y_pred: Vec<f64> = (0..n).map(|_| draw.uniform(0.0, 1.0)).collect();
        let want = loss::mse(&y_true, &y_pred).map_err(|e| Wrong(e.to_string()))?;
        let got = call(|| f(&y_true, &y_pred))?;
        if !near(got, want, 1e-12) {
            return wrong(word("mse_off", &[&off(got, want), &n, &tried]));
        }
    }
    Ok(())
}

/// Exercise 3.2: people read from your own CSV text: at least four, both sexes, and
/// plausible adults (20 to 500 lb, 40 to 90 in: a height in cm read as inches is not).
pub fn my_people(run: impl Fn() -> Vec<Person>) -> Verdict {
    let people = call(run)?;
    let at_least = 4;
    if people.len() < at_least {
        return wrong(word("people_count", &[&people.len(), &at_least]));
    }
    for (sex, nobody) in [(Sex::Female, "no_female"), (Sex::Male, "no_male")] {
        if !people.iter().any(|p| p.sex == sex) {
            return wrong(word(nobody, &[]));
        }
    }
    for p in &people {
        if !(20.0..=500.0).contains(&p.weight_lb) || !(40.0..=90.0).contains(&p.height_in) {
            return wrong(word("units", &[&p.name, &p.weight_lb, &p.height_in]));
        }
    }
    Ok(())
}

/// Exercise 3.3: the MSE of the predictions [0.9, 0.2, 0.1, 0.6] for the labels [1, 0, 0, 1],
/// to 0.000001.
pub fn loss_by_hand(answer: f64) -> Verdict {
    let want = loss::mse(&[1.0, 0.0, 0.0, 1.0], &[0.9, 0.2, 0.1, 0.6]).unwrap_or(f64::NAN);
    by_hand("LOSS_BY_HAND", answer, want, 1e-6)
}
