use super::*;
use nn_from_scratch::data::{Dataset, Normalisation};
use nn_from_scratch::datasets;
use nn_from_scratch::metrics::Confusion;
use nn_from_scratch::network::Network;
use nn_from_scratch::person::{Person, Sex};
use nn_from_scratch::training::{self, TrainConfig};

/// Exercise 7.1: the mean and (population) standard deviation, on the census's weights and
/// heights (as `Normalisation::standardise` computes them) and on 20 random lists of 2 to 30
/// values from 40 to 200. The message names which of the two is wrong, and recognises the
/// sample standard deviation (n - 1) and the variance.
pub fn mean_and_sd(f: impl Fn(&[f64]) -> (f64, f64)) -> Verdict {
    let adults = datasets::howell_adults();
    let norm = Normalisation::standardise(&adults).map_err(|e| Wrong(e.to_string()))?;
    let weights: Vec<f64> = adults.iter().map(|p| p.weight_lb).collect();
    let heights: Vec<f64> = adults.iter().map(|p| p.height_in).collect();
    let mut cases = vec![
        (weights, (norm.offset[0], norm.scale[0])),
        (heights, (norm.offset[1], norm.scale[1])),
    ];
    let mut draw = Draw::new();
    let random_lists = 20;
    for _ in 0..random_lists {
        let n = 2 + (draw.next_u64() % 29) as usize;
        let values: Vec<f64> = (0..n).map(|_| draw.uniform(40.0, 200.0)).collect();
        let mean = values.iter().sum::<f64>() / n as f64;
        let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n as f64;
        cases.push((values, (mean, var.sqrt())));
    }
    for (values, (mean, sd)) in cases {
        let (m, s) = call(|| f(&values))?;
        let n = values.len() as f64;
        let close = |a: f64, b: f64| near(a, b, 1e-9 * b.abs());
        let what = if !close(m, mean) {
            word("mean_off", &[&off(m, mean)])
        } else if close(s, sd * (n / (n - 1.0)).sqrt()) {
            word("sample_sd", &[])
        } else if close(s, sd * sd) {
            word("variance", &[])
        } else if !close(s, sd) {
            word("sd_off", &[&off(s, sd)])
        } else {
            continue;
        };
        return wrong(word("mean_and_sd_off", &[&what, &n, &random_lists]));
    }
    Ok(())
}

/// Exercise 7.2: the accuracy of 40 women as women, 10 women as men, 5 men as women and 45
/// men as men, to 0.000001.
pub fn accuracy_by_hand(answer: f64) -> Verdict {
    let c = Confusion {
        female_as_female: 40,
        female_as_male: 10,
        male_as_female: 5,
        male_as_male: 45,
    };
    by_hand("ACCURACY_BY_HAND", answer, c.accuracy(), 1e-6)
}

/// The test accuracy of the chapter's first try (split seed 1, a quarter held out, the 2-2-1
/// network from seed 42, 1000 epochs at 0.1), with inputs `norm` makes.
pub fn accuracy_with(norm: &Normalisation) -> f64 {
    let run = || -> Result<f64, nn_from_scratch::Error> {
        let (train_people, test_people) =
            datasets::train_test_split(&datasets::howell_adults(), 0.25, 1)?;
        let train_set = Dataset::from_people(&train_people, norm)?;
        let mut net = Network::random(42);
        training::train(&mut net, &train_set, &TrainConfig::default(), |_| {})?;
        let confusion =
            Confusion::evaluate(&|w, h| net.feedforward(norm.apply(w, h)), &test_people)?;
        Ok(confusion.accuracy())
    };
    run().unwrap_or(f64::NAN)
}

/// The accuracy of always answering the more common sex of the held-out people.
pub fn majority_accuracy() -> f64 {
    let test: Vec<Person> = datasets::train_test_split(&datasets::howell_adults(), 0.25, 1)
        .map(|(_, test)| test)
        .unwrap_or_default();
    let women = test.iter().filter(|p| p.sex == Sex::Female).count();
    women.max(test.len() - women) as f64 / test.len() as f64
}

/// Exercise 7.3: raw pounds and inches, no shift at all: does the network beat always
/// answering the more common sex?
pub fn no_shift(prediction: Option<bool>, run: impl Fn() -> f64) -> Verdict {
    let p = predicted("BEATS_MAJORITY_PREDICTION", prediction, &[true, false])?;
    let raw = Normalisation {
        offset: [0.0, 0.0],
        scale: [1.0, 1.0],
    };
    let want = accuracy_with(&raw);
    same_value("accuracy_without_shift()", call(run)?, want, 1e-12)?;
    let majority = majority_accuracy();
    compare(
        "BEATS_MAJORITY_PREDICTION",
        p,
        want > majority,
        &word(
            "accuracy_seen",
            &[&format!("{want:.3}"), &format!("{majority:.3}")],
        ),
    )
}
