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

/// The confusion matrix of a classifier of any number of classes: `counts[a][p]` is how many
/// samples of class `a` it called `p` (rows the truth, columns the answer).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ClassConfusion {
    /// The class names, in the order of the rows and columns.
    pub classes: Vec<String>,
    /// `counts[actual][predicted]`.
    pub counts: Vec<Vec<usize>>,
}

impl ClassConfusion {
    /// Counts each pair of a true class number `actual[i]` and an answer `predicted[i]` (both
    /// indices into `classes`). Fails when the lists differ in length, are empty, or hold a
    /// number that is not a class.
    pub fn new(
        classes: Vec<String>,
        actual: &[usize],
        predicted: &[usize],
    ) -> Result<ClassConfusion, Error> {
        if actual.len() != predicted.len() {
            return Err(Error::LengthMismatch {
                expected: actual.len(),
                found: predicted.len(),
            });
        }
        if actual.is_empty() {
            return Err(Error::EmptyDataset);
        }
        let k = classes.len();
        let mut counts = vec![vec![0; k]; k];
        for (index, (&a, &p)) in actual.iter().zip(predicted).enumerate() {
            if a >= k || p >= k {
                return Err(Error::BadClass {
                    index,
                    label: a.max(p) as f64,
                    classes: k,
                });
            }
            counts[a][p] += 1;
        }
        Ok(ClassConfusion { classes, counts })
    }

    /// How many samples were counted.
    pub fn total(&self) -> usize {
        self.counts.iter().flatten().sum()
    }

    /// How many were classified correctly (the diagonal).
    pub fn correct(&self) -> usize {
        (0..self.counts.len()).map(|i| self.counts[i][i]).sum()
    }

    /// The fraction classified correctly.
    pub fn accuracy(&self) -> f64 {
        self.correct() as f64 / self.total() as f64
    }
}

impl fmt::Display for ClassConfusion {
    /// A table: one row per true class, one column per answer.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let width = (self.classes.iter().map(|c| c.len()))
            .chain(self.counts.iter().flatten().map(|n| n.to_string().len()))
            .max()
            .unwrap_or(1);
        let first = self
            .classes
            .iter()
            .map(|c| c.len())
            .max()
            .unwrap_or(1)
            .max(6);
        write!(f, "{:first$}  predicted:", "actual")?;
        for c in &self.classes {
            write!(f, " {c:>width$}")?;
        }
        for (c, row) in self.classes.iter().zip(&self.counts) {
            write!(f, "\n{c:>first$}            ")?;
            for n in row {
                write!(f, " {n:>width$}")?;
            }
        }
        Ok(())
    }
}
