//! How good is a classifier on held-out people: accuracy and the confusion matrix.

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

impl Confusion {
    /// The counts as a small table, rows the truth and columns the prediction, headed by the
    /// caller's words `[predicted female, predicted male, actually female, actually male]`
    /// (`["predicted F", "predicted M", "actually F", "actually M"]`), in the reader's language.
    pub fn table(&self, [predicted_f, predicted_m, actually_f, actually_m]: [&str; 4]) -> String {
        let width = |s: &str| s.chars().count();
        let rows = width(actually_f).max(width(actually_m));
        let (f, m) = (width(predicted_f).max(3), width(predicted_m).max(3));
        let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w - width(s)));
        format!(
            "{}   {predicted_f:>f$}  {predicted_m:>m$}\n{}   {:>f$}  {:>m$}\n{}   {:>f$}  {:>m$}",
            " ".repeat(rows),
            pad(actually_f, rows),
            self.female_as_female,
            self.female_as_male,
            pad(actually_m, rows),
            self.male_as_female,
            self.male_as_male,
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
        Error::check_lengths(actual.len(), predicted.len())?;
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

impl ClassConfusion {
    /// The counts as a table, one row per true class and one column per answer, headed by the
    /// caller's words `[actual, predicted]` (`["actual", "predicted:"]`), in the reader's
    /// language.
    pub fn table(&self, [actual, predicted]: [&str; 2]) -> String {
        let chars = |s: &str| s.chars().count();
        let pad = |s: &str, w: usize| " ".repeat(w.saturating_sub(chars(s)));
        let cell = (self.classes.iter().map(|c| chars(c)))
            .chain(self.counts.iter().flatten().map(|n| n.to_string().len()))
            .max()
            .unwrap_or(1);
        let first = (self.classes.iter().map(|c| chars(c)))
            .chain([chars(actual)])
            .max()
            .unwrap_or(1);
        let mut table = format!("{actual}{}  {predicted}", pad(actual, first));
        for c in &self.classes {
            table += &format!(" {}{c}", pad(c, cell));
        }
        for (c, row) in self.classes.iter().zip(&self.counts) {
            table += &format!("\n{}{c}  {}", pad(c, first), " ".repeat(chars(predicted)));
            for n in row {
                table += &format!(" {n:>cell$}");
            }
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_headed_by_the_callers_words() {
        let c = Confusion {
            female_as_female: 49,
            female_as_male: 1,
            male_as_female: 17,
            male_as_male: 21,
        };
        let english = "             predicted F  predicted M\nactually F            49            1\nactually M            17           21";
        assert_eq!(
            c.table(["predicted F", "predicted M", "actually F", "actually M"]),
            english
        );
        let other = c.table(["said F", "said M", "truly female", "truly male"]);
        assert_eq!(other.lines().nth(2), Some("truly male         17      21"));
    }

    #[test]
    fn the_class_table_is_headed_by_the_callers_words() {
        let classes = vec!["cat".to_string(), "dog".to_string()];
        let c = ClassConfusion::new(classes, &[0, 0, 1], &[0, 1, 1]).unwrap();
        let english = c.table(["actual", "predicted:"]);
        assert_eq!(
            english,
            "actual  predicted: cat dog\n   cat               1   1\n   dog               0   1"
        );
        let other = c.table(["truly", "said:"]);
        assert_eq!(other.lines().nth(2), Some("  dog          0   1"));
    }
}
