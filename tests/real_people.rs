//! The Howell census: loading, splitting, and the tutorial's network on real people.

use nn_from_scratch::data::{Dataset, Normalisation, Sex, TUTORIAL_SHIFT};
use nn_from_scratch::datasets::{howell_adults, train_test_split};
use nn_from_scratch::metrics::Confusion;
use nn_from_scratch::network::Network;
use nn_from_scratch::training::{TrainConfig, train};

#[test]
fn howell_adults_are_the_352_people_of_the_census() {
    let adults = howell_adults();
    assert_eq!(adults.len(), 352);
    let women = adults.iter().filter(|p| p.sex == Sex::Female).count();
    assert_eq!(women, 187);
    assert_eq!(adults.len() - women, 165);
    // First row of the file: 151.765 cm, 47.8256065 kg, age 63, male.
    let first = &adults[0];
    assert!((first.height_in * 2.54 - 151.765).abs() < 1e-9);
    assert!((first.weight_lb / 2.204_622_621_848_775_8 - 47.8256065).abs() < 1e-9);
    assert_eq!(first.sex, Sex::Male);
}

#[test]
fn split_is_reproducible_and_disjoint() {
    let adults = howell_adults();
    let (train_a, test_a) = train_test_split(&adults, 0.25, 1).unwrap();
    let (train_b, test_b) = train_test_split(&adults, 0.25, 1).unwrap();
    let (_, test_c) = train_test_split(&adults, 0.25, 2).unwrap();
    assert_eq!(test_a, test_b);
    assert_eq!(train_a, train_b);
    assert_ne!(test_a, test_c);
    assert_eq!(test_a.len(), 88);
    assert_eq!(train_a.len(), 264);
    for p in &test_a {
        assert!(!train_a.contains(p));
    }
    assert!(train_test_split(&adults, 0.0, 1).is_err());
    assert!(train_test_split(&adults, 1.0, 1).is_err());
    assert!(train_test_split(&adults[..1], 0.5, 1).is_err());
}

#[test]
fn confusion_matrix_counts_each_verdict() {
    let adults = howell_adults();
    let everyone_female = Confusion::evaluate(&|_, _| 0.9, &adults).unwrap();
    assert_eq!(everyone_female.female_as_female, 187);
    assert_eq!(everyone_female.male_as_female, 165);
    assert_eq!(everyone_female.total(), 352);
    assert!((everyone_female.accuracy() - 187.0 / 352.0).abs() < 1e-15);
    assert!(Confusion::evaluate(&|_, _| 0.9, &[]).is_err());
}

/// Trains the tutorial's 2-2-1 network on the training part with the given normalisation and
/// returns the held-out confusion matrix.
fn held_out(
    norm_of: impl Fn(&[nn_from_scratch::data::Person]) -> Normalisation,
    seed: u64,
) -> Confusion {
    let (train_people, test_people) = train_test_split(&howell_adults(), 0.25, seed).unwrap();
    let norm = norm_of(&train_people);
    let data = Dataset::from_people(&train_people, &norm).unwrap();
    let mut net = Network::random(seed);
    train(&mut net, &data, &TrainConfig::default(), |_| {}).unwrap();
    Confusion::evaluate(&|w, h| net.feedforward(norm.apply(w, h)), &test_people).unwrap()
}

#[test]
fn the_tutorials_network_learns_real_people_when_inputs_are_standardised() {
    for seed in 0..5 {
        let c = held_out(|p| Normalisation::standardise(p).unwrap(), seed);
        println!("seed {seed}: standardised accuracy {}\n{c:?}", c.accuracy());
        assert!(
            c.accuracy() > 0.80,
            "seed {seed}: accuracy {}",
            c.accuracy()
        );
        let s = held_out(|_| TUTORIAL_SHIFT, seed);
        println!("seed {seed}: shifted accuracy {}\n{s:?}", s.accuracy());
    }
}
