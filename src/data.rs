//! The tutorial's people, and how measurements become network inputs.
//!
//! The network sees two numbers per person: weight and height, each shifted (and, for custom
//! data, scaled) so that they sit near zero. The label is 1 for female and 0 for male.
//!
//! Beyond the tutorial, [`crate::datasets`] has the census, standardisation, the held-out split
//! and synthetic people.

use serde::{Deserialize, Serialize};

use crate::error::Error;
/// The person and the label, defined in [`crate::person`], also named here (`data::Person`).
pub use crate::person::{Person, Sex};

// ANCHOR: program
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

/// `people` under `names`, in order: the names a reader knows them by (a translation of the
/// book gives its own). Fails when there are not as many names as people.
///
/// ```
/// use nn_from_scratch::data;
/// let people = data::named(data::tutorial_people(), &["Alicia", "Roberto", "Carlos", "Diana"])?;
/// assert_eq!(people[1].name, "Roberto");
/// assert_eq!(people[1].weight_lb, 160.0);
/// assert!(data::named(data::tutorial_people(), &["Alicia"]).is_err());
/// # Ok::<(), nn_from_scratch::Error>(())
/// ```
pub fn named(
    people: impl IntoIterator<Item = Person>,
    names: &[&str],
) -> Result<Vec<Person>, Error> {
    let people: Vec<Person> = people.into_iter().collect();
    if people.len() != names.len() {
        return Err(Error::NameCount {
            people: people.len(),
            names: names.len(),
        });
    }
    Ok(people
        .into_iter()
        .zip(names)
        .map(|(person, name)| Person {
            name: name.to_string(),
            ..person
        })
        .collect())
}

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

// ANCHOR: dataset
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
// ANCHOR_END: dataset
// ANCHOR_END: program
