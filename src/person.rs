//! A person: raw measurements (pounds, inches) and sex, the label the network learns to predict.
//!
//! Its own module so that both [`crate::csv_data`] (reading people) and [`crate::data`] (the
//! tutorial's people, the census, normalisation) can use it without depending on each other;
//! [`crate::data`] re-exports both types.

use serde::{Deserialize, Serialize};

// ANCHOR: program
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
// ANCHOR_END: program
