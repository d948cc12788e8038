//! The datasets beyond the tutorial's four people, and what a general dataset needs: the Howell
//! census, standardisation, a seeded split into training and test people, synthetic people, and
//! the built-in datasets and normalisations by name.

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_distr::{Distribution, StandardNormal};
use serde::{Deserialize, Serialize};

use crate::data::{Dataset, Normalisation, Person, Sex, TUTORIAL_SHIFT, tutorial_people};
use crate::error::Error;

impl Normalisation {
    /// Standardisation: subtract the mean and divide by the (population) standard deviation of
    /// each feature of `people`, so both inputs have mean 0 and spread 1.
    pub fn standardise(people: &[Person]) -> Result<Normalisation, Error> {
        if people.is_empty() {
            return Err(Error::EmptyDataset);
        }
        let n = people.len() as f64;
        let features = [
            people.iter().map(|p| p.weight_lb).collect::<Vec<_>>(),
            people.iter().map(|p| p.height_in).collect::<Vec<_>>(),
        ];
        let mut offset = [0.0; 2];
        let mut scale = [0.0; 2];
        for (i, values) in features.iter().enumerate() {
            let mean = values.iter().sum::<f64>() / n;
            let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
            let sd = var.sqrt();
            if sd.is_nan() || sd <= 0.0 || sd.is_infinite() {
                return Err(Error::NoSpread {
                    feature: ["weight", "height"][i],
                });
            }
            offset[i] = mean;
            scale[i] = sd;
        }
        Ok(Normalisation { offset, scale })
    }
}

choice! {
    /// How measurements become inputs, by name (the trainer's `--normalisation`): the
    /// [`Normalisation`] itself is made from the training people with [`NormalisationKind::fit`].
    pub enum NormalisationKind: "normalisation" {
        /// Subtract 135 lb and 66 in, as the tutorial does.
        TutorialShift = "tutorial-shift" ("the tutorial's shift"),
        /// Subtract each feature's mean and divide by its standard deviation.
        Standardise = "standardise" ("standardisation"),
    }
}

impl NormalisationKind {
    /// The normalisation of this kind for training on `people`: [`TUTORIAL_SHIFT`] (whoever the
    /// people are), or [`Normalisation::standardise`] over them (which fails on an empty list or
    /// a feature without spread).
    pub fn fit(self, people: &[Person]) -> Result<Normalisation, Error> {
        match self {
            NormalisationKind::TutorialShift => Ok(TUTORIAL_SHIFT),
            NormalisationKind::Standardise => Normalisation::standardise(people),
        }
    }
}

choice! {
    /// The datasets built into the crate, by name (the trainer's `--dataset`).
    pub enum BuiltinDataset: "dataset" {
        /// The tutorial's four people.
        Tutorial = "tutorial" ("the tutorial's 4 people"),
        /// The 352 adults of the Howell census.
        Howell = "howell" ("the Howell adults (352)"),
    }
}

impl BuiltinDataset {
    /// The people of the dataset: [`tutorial_people`] or [`howell_adults`].
    pub fn people(self) -> Vec<Person> {
        match self {
            BuiltinDataset::Tutorial => tutorial_people(),
            BuiltinDataset::Howell => howell_adults(),
        }
    }
}

/// The Howell census file (`data/howell1.csv`), embedded in the crate: 544 people of the Dobe
/// !Kung San, measured by Nancy Howell in 1967-1969 (height cm, weight kg, age, male 1/0).
/// See `data/README.md` for the source.
pub const HOWELL1_CSV: &str = include_str!("../data/howell1.csv");

// ANCHOR: howell
/// The adults (age 18 and over) of the Howell census: 352 real people, converted to pounds and
/// inches like every [`Person`].
pub fn howell_adults() -> Vec<Person> {
    let options = crate::csv_data::CsvOptions {
        units: crate::csv_data::Units::KgCm,
        min_age: Some(18.0),
    };
    crate::csv_data::read_people(HOWELL1_CSV.as_bytes(), &options)
        .expect("the embedded census file is well-formed (tested)")
}
// ANCHOR_END: howell

// ANCHOR: split
/// Splits `people` at random into a training part and a held-out test part with
/// `round(test_fraction * n)` people, reproducibly for a given `seed`.
///
/// Fails when the fraction is not strictly between 0 and 1, or when either part would be empty.
pub fn train_test_split(
    people: &[Person],
    test_fraction: f64,
    seed: u64,
) -> Result<(Vec<Person>, Vec<Person>), Error> {
    if test_fraction.is_nan() || test_fraction <= 0.0 || test_fraction >= 1.0 {
        return Err(Error::TestFraction(test_fraction));
    }
    let n_test = (test_fraction * people.len() as f64).round() as usize;
    if n_test == 0 || n_test >= people.len() {
        return Err(Error::SplitTooSmall {
            test: n_test,
            people: people.len(),
        });
    }
    let mut shuffled = people.to_vec();
    shuffled.shuffle(&mut StdRng::seed_from_u64(seed));
    let train = shuffled.split_off(n_test);
    Ok((train, shuffled))
}
// ANCHOR_END: split

/// The handwritten digits (`data/digits.csv`), embedded in the crate: 1,797 images of 8x8
/// pixels, each 0-16, with the digit as `label`; the UCI "Optical Recognition of Handwritten
/// Digits" set (CC BY 4.0) as scikit-learn bundles it. See `data/README.md` for the source.
pub const DIGITS_CSV: &str = include_str!("../data/digits.csv");

/// The digits of [`DIGITS_CSV`] as a table: 64 pixel features, the classes `0` to `9`.
pub fn digits() -> crate::table::Table {
    crate::table::read_table(DIGITS_CSV.as_bytes())
        .expect("the embedded digits are well-formed (tested)")
}

/// A seeded split of `n` samples into training and test parts, as indices:
/// `round(test_fraction × n)` test samples. The same rule and the same shuffle as [`train_test_split`] (whose people
/// at `test[i]` are `people[indices.1[i]]`), for data that are not people, and to hand the very
/// same split to other programs.
pub fn split_indices(
    n: usize,
    test_fraction: f64,
    seed: u64,
) -> Result<(Vec<usize>, Vec<usize>), Error> {
    if test_fraction.is_nan() || test_fraction <= 0.0 || test_fraction >= 1.0 {
        return Err(Error::TestFraction(test_fraction));
    }
    let n_test = (test_fraction * n as f64).round() as usize;
    if n_test == 0 || n_test >= n {
        return Err(Error::SplitTooSmall {
            test: n_test,
            people: n,
        });
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(&mut StdRng::seed_from_u64(seed));
    let train = order.split_off(n_test);
    Ok((train, order))
}

// ANCHOR: synthetic
/// The body measurements of one sex, as a normal distribution: mean and standard deviation of
/// weight (lb) and height (in), and the correlation between the two.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BodyModel {
    /// Mean weight in pounds.
    pub weight_mean: f64,
    /// Standard deviation of the weight in pounds.
    pub weight_sd: f64,
    /// Mean height in inches.
    pub height_mean: f64,
    /// Standard deviation of the height in inches.
    pub height_sd: f64,
    /// Correlation between weight and height (taller people are heavier).
    pub correlation: f64,
}

/// Women of the Howell census adults (187 people), rounded: 92.2 ± 11.8 lb, 58.9 ± 2.0 in,
/// correlation 0.62.
pub const SYNTHETIC_FEMALE: BodyModel = BodyModel {
    weight_mean: 92.2,
    weight_sd: 11.8,
    height_mean: 58.9,
    height_sd: 2.0,
    correlation: 0.62,
};

/// Men of the Howell census adults (165 people), rounded: 107.1 ± 12.4 lb, 63.1 ± 2.4 in,
/// correlation 0.66.
pub const SYNTHETIC_MALE: BodyModel = BodyModel {
    weight_mean: 107.1,
    weight_sd: 12.4,
    height_mean: 63.1,
    height_sd: 2.4,
    correlation: 0.66,
};

impl BodyModel {
    /// One (weight lb, height in) pair from two standard normal draws `z1`, `z2`: the height is
    /// `mean + sd z1`, and the weight mixes `z1` and `z2` so that the two have the model's
    /// correlation `r`: `mean + sd (r z1 + √(1 - r²) z2)`.
    pub fn draw(&self, z1: f64, z2: f64) -> (f64, f64) {
        let r = self.correlation;
        let height = self.height_mean + self.height_sd * z1;
        let weight = self.weight_mean + self.weight_sd * (r * z1 + (1.0 - r * r).sqrt() * z2);
        (weight, height)
    }
}

/// The standardisation of synthetic people: the mean and standard deviation of each feature over
/// the half-female, half-male population the models describe (so inputs have mean 0 and spread
/// 1, without a pass over the data).
pub fn synthetic_normalisation() -> Normalisation {
    let (f, m) = (SYNTHETIC_FEMALE, SYNTHETIC_MALE);
    // For an even mixture: mean = the average of the means; variance = the average of the
    // variances plus the variance of the two means around it.
    let mix = |mf: f64, sf: f64, mm: f64, sm: f64| {
        let mean = (mf + mm) / 2.0;
        let var = (sf * sf + sm * sm) / 2.0 + ((mf - mm) / 2.0).powi(2);
        (mean, var.sqrt())
    };
    let (w_mean, w_sd) = mix(f.weight_mean, f.weight_sd, m.weight_mean, m.weight_sd);
    let (h_mean, h_sd) = mix(f.height_mean, f.height_sd, m.height_mean, m.height_sd);
    Normalisation {
        offset: [w_mean, h_mean],
        scale: [w_sd, h_sd],
    }
}

/// `n` synthetic people, reproducibly for a given `seed`, ready for a network: each is female or
/// male with probability 1/2, measured from [`SYNTHETIC_FEMALE`] or [`SYNTHETIC_MALE`], and
/// standardised with [`synthetic_normalisation`]. As many people as wanted, shaped like the
/// census: for benchmarks and for training on more data than 352 adults.
pub fn synthetic_people(n: usize, seed: u64) -> Dataset {
    let mut rng = StdRng::seed_from_u64(seed);
    let norm = synthetic_normalisation();
    let mut inputs = Vec::with_capacity(n);
    let mut labels = Vec::with_capacity(n);
    for _ in 0..n {
        let sex = if rng.random_bool(0.5) {
            Sex::Female
        } else {
            Sex::Male
        };
        let model = match sex {
            Sex::Female => SYNTHETIC_FEMALE,
            Sex::Male => SYNTHETIC_MALE,
        };
        let z1: f64 = StandardNormal.sample(&mut rng);
        let z2: f64 = StandardNormal.sample(&mut rng);
        let (weight, height) = model.draw(z1, z2);
        inputs.push(norm.apply(weight, height));
        labels.push(sex.label());
    }
    Dataset { inputs, labels }
}
// ANCHOR_END: synthetic

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_indices_is_the_split_of_people() {
        let people = howell_adults();
        for seed in [0, 1, 42] {
            let (train, test) = train_test_split(&people, 0.25, seed).unwrap();
            let (i_train, i_test) = split_indices(people.len(), 0.25, seed).unwrap();
            let pick = |i: &[usize]| i.iter().map(|&i| people[i].clone()).collect::<Vec<_>>();
            assert_eq!((pick(&i_train), pick(&i_test)), (train, test));
        }
        assert!(split_indices(3, 0.1, 1).is_err());
        assert!(split_indices(3, 1.0, 1).is_err());
    }

    #[test]
    fn the_embedded_digits_are_the_uci_set() {
        let d = digits();
        assert_eq!(
            (d.rows.len(), d.features.len(), d.classes.len()),
            (1797, 64, 10)
        );
        assert_eq!(d.features[0], "pixel_0_0");
        assert_eq!(
            d.classes,
            ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
        );
        assert!(
            d.rows
                .iter()
                .flatten()
                .all(|&v| (0.0..=16.0).contains(&v) && v.fract() == 0.0)
        );
        for class in 0..10 {
            let n = d.labels.iter().filter(|&&c| c == class).count();
            assert!((174..=183).contains(&n), "{n} of digit {class}");
        }
    }

    #[test]
    fn synthetic_people_are_reproducible_and_shaped_like_the_census() {
        let a = synthetic_people(20_000, 7);
        assert_eq!(a, synthetic_people(20_000, 7));
        assert_ne!(a, synthetic_people(20_000, 8));
        assert_eq!(a.len(), 20_000);
        assert!(synthetic_people(0, 7).is_empty());
        let women = a.labels.iter().filter(|&&y| y == 1.0).count() as f64 / 20_000.0;
        assert!((women - 0.5).abs() < 0.02, "{women}");
        // Standardised: each feature has mean about 0 and spread about 1 over everyone.
        for k in 0..2 {
            let mean = a.inputs.iter().map(|x| x[k]).sum::<f64>() / 20_000.0;
            let var = a.inputs.iter().map(|x| (x[k] - mean).powi(2)).sum::<f64>() / 20_000.0;
            assert!(mean.abs() < 0.03, "feature {k}: mean {mean}");
            assert!(
                (var.sqrt() - 1.0).abs() < 0.03,
                "feature {k}: sd {}",
                var.sqrt()
            );
        }
        // Back in pounds and inches, each sex has its model's means.
        let norm = synthetic_normalisation();
        for (label, model) in [(1.0, SYNTHETIC_FEMALE), (0.0, SYNTHETIC_MALE)] {
            let raw: Vec<(f64, f64)> = a
                .inputs
                .iter()
                .zip(&a.labels)
                .filter(|(_, y)| **y == label)
                .map(|(x, _)| norm.invert(*x))
                .collect();
            let n = raw.len() as f64;
            let weight = raw.iter().map(|p| p.0).sum::<f64>() / n;
            let height = raw.iter().map(|p| p.1).sum::<f64>() / n;
            assert!((weight - model.weight_mean).abs() < 0.5, "{weight}");
            assert!((height - model.height_mean).abs() < 0.1, "{height}");
        }
    }
}
