//! The tutorial's people, and how measurements become network inputs.
//!
//! The network sees two numbers per person: weight and height, each shifted (and, for custom
//! data, scaled) so that they sit near zero. The label is 1 for female and 0 for male.

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// A person's sex, the label the network learns to predict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sex {
    /// Label 1.
    Female,
    /// Label 0.
    Male,
}

impl Sex {
    /// The number the network is trained towards: female = 1, male = 0.
    pub fn label(self) -> f64 {
        match self {
            Sex::Female => 1.0,
            Sex::Male => 0.0,
        }
    }

    /// The sex a prediction (probability of female) stands for: female when above 0.5.
    pub fn from_prediction(p: f64) -> Sex {
        if p > 0.5 { Sex::Female } else { Sex::Male }
    }

    /// "female" or "male".
    pub fn name(self) -> &'static str {
        match self {
            Sex::Female => "female",
            Sex::Male => "male",
        }
    }
}

/// One person: raw measurements in pounds and inches, and their sex.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// A name to show in tables and plots.
    pub name: String,
    /// Weight in pounds.
    pub weight_lb: f64,
    /// Height in inches.
    pub height_in: f64,
    /// The label.
    pub sex: Sex,
}

impl Person {
    /// A person from a name, weight (lb), height (in) and sex.
    pub fn new(name: &str, weight_lb: f64, height_in: f64, sex: Sex) -> Self {
        Person {
            name: name.to_string(),
            weight_lb,
            height_in,
            sex,
        }
    }
}

// ANCHOR: people
/// The tutorial's four training people.
pub fn tutorial_people() -> Vec<Person> {
    vec![
        Person::new("Alice", 133.0, 65.0, Sex::Female),
        Person::new("Bob", 160.0, 72.0, Sex::Male),
        Person::new("Charlie", 152.0, 70.0, Sex::Male),
        Person::new("Diana", 120.0, 60.0, Sex::Female),
    ]
}

/// Emily, whom the trained network should call female.
pub fn emily() -> Person {
    Person::new("Emily", 128.0, 63.0, Sex::Female)
}

/// Frank, whom the trained network should call male.
pub fn frank() -> Person {
    Person::new("Frank", 155.0, 68.0, Sex::Male)
}
// ANCHOR_END: people

// ANCHOR: normalisation
/// How raw measurements become inputs: `input = (raw - offset) / scale`, per feature
/// (index 0 is weight in pounds, index 1 is height in inches).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Normalisation {
    /// Subtracted from (weight lb, height in).
    pub offset: [f64; 2],
    /// Then divided into the result.
    pub scale: [f64; 2],
}

/// The tutorial's shift: 135 lb off the weight and 66 in off the height, no scaling.
pub const TUTORIAL_SHIFT: Normalisation = Normalisation {
    offset: [135.0, 66.0],
    scale: [1.0, 1.0],
};

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

    /// The network input for a raw weight (lb) and height (in).
    pub fn apply(&self, weight_lb: f64, height_in: f64) -> [f64; 2] {
        [
            (weight_lb - self.offset[0]) / self.scale[0],
            (height_in - self.offset[1]) / self.scale[1],
        ]
    }

    /// The raw (weight lb, height in) an input stands for: the inverse of [`Normalisation::apply`].
    pub fn invert(&self, input: [f64; 2]) -> (f64, f64) {
        (
            input[0] * self.scale[0] + self.offset[0],
            input[1] * self.scale[1] + self.offset[1],
        )
    }
}
// ANCHOR_END: normalisation

/// Network-ready data: one input pair and one label per sample.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// The normalised inputs (weight, height).
    pub inputs: Vec<[f64; 2]>,
    /// The labels, 1 for female and 0 for male.
    pub labels: Vec<f64>,
}

impl Dataset {
    /// Normalises `people` with `norm`. Fails on an empty list, or on a list with one sex only,
    /// from which nothing can be learned about telling the two apart.
    pub fn from_people(people: &[Person], norm: &Normalisation) -> Result<Dataset, Error> {
        if people.is_empty() {
            return Err(Error::EmptyDataset);
        }
        let first = people[0].sex;
        if people.iter().all(|p| p.sex == first) {
            return Err(Error::OneClass { sex: first.name() });
        }
        Ok(Dataset {
            inputs: people
                .iter()
                .map(|p| norm.apply(p.weight_lb, p.height_in))
                .collect(),
            labels: people.iter().map(|p| p.sex.label()).collect(),
        })
    }

    /// The tutorial's four people, shifted by 135 lb and 66 in.
    pub fn tutorial() -> Dataset {
        Dataset::from_people(&tutorial_people(), &TUTORIAL_SHIFT)
            .expect("the tutorial's people hold both sexes")
    }

    /// The number of samples.
    pub fn len(&self) -> usize {
        self.inputs.len()
    }

    /// True when there are no samples.
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty()
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
        return Err(Error::Invalid(format!(
            "the test fraction must be between 0 and 1, got {test_fraction}"
        )));
    }
    let n_test = (test_fraction * people.len() as f64).round() as usize;
    if n_test == 0 || n_test >= people.len() {
        return Err(Error::Invalid(format!(
            "cannot hold out {n_test} of {} people and train on the rest",
            people.len()
        )));
    }
    let mut shuffled = people.to_vec();
    shuffled.shuffle(&mut StdRng::seed_from_u64(seed));
    let train = shuffled.split_off(n_test);
    Ok((train, shuffled))
}
// ANCHOR_END: split
