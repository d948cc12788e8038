//! How good is a classifier on held-out people: accuracy and the confusion matrix.

use std::fmt;

use crate::error::Error;
use crate::person::{Person, Sex};

// ANCHOR: confusion
/// The four counts of a yes/no classifier, with "female" as the positive answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Confusion {
    /// Women predicted female.
    pub female_as_female: usize,
    /// Women predicted male.
    pub female_as_male: usize,
    /// Men predicted female.
    pub male_as_female: usize,
    /// Men predicted male.
    pub male_as_male: usize,
}

impl Confusion {
    /// Counts the verdicts of `predict` (the probability of female for a raw weight in pounds and
    /// height in inches; above 0.5 means female) on `people`.
    pub fn evaluate(predict: &dyn Fn(f64, f64) -> f64, people: &[Person]) -> Result<Self, Error> {
        if people.is_empty() {
            return Err(Error::EmptyDataset);
        }
        let mut c = Confusion::default();
        for p in people {
            let verdict = Sex::from_prediction(predict(p.weight_lb, p.height_in));
            match (p.sex, verdict) {
                (Sex::Female, Sex::Female) => c.female_as_female += 1,
                (Sex::Female, Sex::Male) => c.female_as_male += 1,
                (Sex::Male, Sex::Female) => c.male_as_female += 1,
                (Sex::Male, Sex::Male) => c.male_as_male += 1,
            }
        }
        Ok(c)
    }

    /// How many people were counted.
    pub fn total(&self) -> usize {
        self.female_as_female + self.female_as_male + self.male_as_female + self.male_as_male
    }

    /// The fraction of people classified correctly.
    pub fn accuracy(&self) -> f64 {
        (self.female_as_female + self.male_as_male) as f64 / self.total() as f64
    }
}
// ANCHOR_END: confusion

impl fmt::Display for Confusion {
    /// A small table: rows are the truth, columns the prediction.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "             predicted F  predicted M")?;
        writeln!(
            f,
            "actually F   {:>11}  {:>11}",
            self.female_as_female, self.female_as_male
        )?;
        write!(
            f,
            "actually M   {:>11}  {:>11}",
            self.male_as_female, self.male_as_male
        )
    }
}
