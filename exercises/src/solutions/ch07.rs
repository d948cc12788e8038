// Chapter 7, solved.

// ANCHOR: mean_and_sd
/// The mean, and the population standard deviation: the square root of the mean squared
/// distance to the mean (divided by n, as `Normalisation::standardise` does).
pub fn mean_and_sd(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
    (mean, variance.sqrt())
}
// ANCHOR_END: mean_and_sd

// ANCHOR: accuracy_by_hand
/// Right: 40 women + 45 men = 85 of 100 people, so 0.85.
pub const ACCURACY_BY_HAND: f64 = 0.85;
// ANCHOR_END: accuracy_by_hand

// ANCHOR: no_shift
/// No: its accuracy is exactly that of always answering the more common sex (0.568). Raw
/// weights near 100 lb and heights near 60 in give weighted sums in the hundreds, where the
/// sigmoid is flat and its slope is almost 0 (exercise 1.3): the hidden neurons saturate, the
/// gradients vanish, and the network ends up giving everyone the same answer.
pub const BEATS_MAJORITY_PREDICTION: Option<bool> = Some(false);

/// The chapter's first try (split seed 1, a quarter held out, the 2-2-1 network from seed 42,
/// 1000 epochs at 0.1) on raw pounds and inches: its accuracy on the held-out people.
pub fn accuracy_without_shift() -> f64 {
    use nn_from_scratch::data::{Dataset, Normalisation};
    use nn_from_scratch::datasets;
    use nn_from_scratch::metrics::Confusion;
    use nn_from_scratch::network::Network;
    use nn_from_scratch::training::{self, TrainConfig};
    let raw = Normalisation {
        offset: [0.0, 0.0],
        scale: [1.0, 1.0],
    };
    let (train_people, test_people) =
        datasets::train_test_split(&datasets::howell_adults(), 0.25, 1).expect("the census splits");
    let train_set = Dataset::from_people(&train_people, &raw).expect("both sexes");
    let mut net = Network::random(42);
    match training::train(&mut net, &train_set, &TrainConfig::default(), |_| {}) {
        Ok(_) => Confusion::evaluate(&|w, h| net.feedforward(raw.apply(w, h)), &test_people)
            .map_or(f64::NAN, |c| c.accuracy()),
        Err(_) => f64::NAN,
    }
}
// ANCHOR_END: no_shift
