//! The rules every setting of a run obeys, written once for every face: the command line
//! (`nn-from-scratch train`) and the playground (`web/`, whose settings come from the page's
//! address) both check their settings with these functions.
//!
//! A rule is the same everywhere; only its bounds differ: [`Limits::CLI`] lets a network be as
//! large as memory allows, while [`Limits::PLAYGROUND`] keeps a run small enough to train and draw
//! in a browser tab without freezing it. Each check returns the value or an [`Error`] that names
//! the setting, what was given and what is accepted.
//!
//! ```
//! use nn_from_scratch::limits::Limits;
//! assert!(Limits::PLAYGROUND.layer_sizes(&[2, 8, 8, 1]).is_ok());
//! let e = Limits::PLAYGROUND.layer_sizes(&[2, 100_000, 100_000, 1]).unwrap_err();
//! assert_eq!(e.to_string(), "the size of hidden layer 1, 100000, is out of range: from 1 to 16");
//! assert!(Limits::CLI.learn_rate(-1.0).is_err());
//! ```

use std::fmt::Display;
use std::ops::RangeInclusive;

use crate::error::Error;

/// The most parameters a network may have (2 GiB of them): more is a typing mistake.
pub const MAX_PARAMS: usize = 1 << 28;

/// How large a run may be. The rules are the functions of this type; the two sets of bounds are
/// [`Limits::CLI`] and [`Limits::PLAYGROUND`].
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// The most parameters (weights and biases) a network may have.
    pub max_params: usize,
    /// The most hidden layers.
    pub max_hidden_layers: usize,
    /// The most neurons in one hidden layer.
    pub max_width: usize,
    /// The largest mini-batch.
    pub max_batch: usize,
    /// The most epochs of one run.
    pub max_epochs: usize,
    /// How many points a synthetic set may have.
    pub points: RangeInclusive<usize>,
    /// The largest jitter of a synthetic set (the standard deviation of its noise).
    pub max_noise: f64,
}

impl Limits {
    /// The command line's bounds: anything that fits in memory.
    pub const CLI: Limits = Limits {
        max_params: MAX_PARAMS,
        max_hidden_layers: usize::MAX,
        max_width: usize::MAX,
        max_batch: usize::MAX,
        max_epochs: usize::MAX,
        points: 1..=usize::MAX,
        max_noise: f64::MAX,
    };

    /// The playground's bounds: up to 4 hidden layers of 16 neurons, 1000 points and samples per
    /// batch, a million epochs, and noise up to 0.5 (the points lie within about ±1.2).
    pub const PLAYGROUND: Limits = Limits {
        max_params: 2 * 16 + 16 + 3 * (16 * 16 + 16) + 16 + 1,
        max_hidden_layers: 4,
        max_width: 16,
        max_batch: 1000,
        max_epochs: 1_000_000,
        points: 20..=1000,
        max_noise: 0.5,
    };

    /// Layer sizes of a network for people or points: 2 inputs first, 1 output last, at most
    /// [`Limits::max_hidden_layers`] hidden layers of 1 to [`Limits::max_width`] neurons, and at
    /// most [`Limits::max_params`] parameters.
    pub fn layer_sizes(&self, sizes: &[usize]) -> Result<(), Error> {
        if sizes.len() < 2 {
            return Err(Error::TooFewLayers { found: sizes.len() });
        }
        if sizes[0] != 2 {
            return Err(Error::InputSize { found: sizes[0] });
        }
        let out = sizes[sizes.len() - 1];
        if out != 1 {
            return Err(Error::OutputWidth { found: out });
        }
        self.hidden_sizes(sizes)
    }

    /// Layer sizes of a network for a [table](crate::table) of `features` feature columns and
    /// `classes` classes: one input per feature; one output for two classes (the sigmoid's
    /// probability of the second), one per class for more (softmax); the hidden layers and
    /// parameters as [`Limits::layer_sizes`] allows.
    pub fn table_layer_sizes(
        &self,
        sizes: &[usize],
        features: usize,
        classes: usize,
    ) -> Result<(), Error> {
        if sizes.len() < 2 {
            return Err(Error::TooFewLayers { found: sizes.len() });
        }
        if sizes[0] != features {
            return Err(Error::TableLayers {
                which: "first",
                expected: features,
                why: format!("one input per feature column: the data has {features}"),
                found: sizes[0],
            });
        }
        let out = crate::classifier::Classifier::outputs_for(classes);
        if sizes[sizes.len() - 1] != out {
            let why = if classes == 2 {
                "2 classes: one sigmoid output, the probability of the second".to_string()
            } else {
                format!("{classes} classes: one softmax output per class")
            };
            return Err(Error::TableLayers {
                which: "last",
                expected: out,
                why,
                found: sizes[sizes.len() - 1],
            });
        }
        self.hidden_sizes(sizes)
    }

    /// The hidden layers and the parameter count of `sizes` within the bounds.
    fn hidden_sizes(&self, sizes: &[usize]) -> Result<(), Error> {
        let hidden = &sizes[1..sizes.len() - 1];
        if hidden.len() > self.max_hidden_layers {
            return Err(out_of_range(
                "the number of hidden layers".to_string(),
                hidden.len(),
                0,
                self.max_hidden_layers,
            ));
        }
        for (i, &n) in hidden.iter().enumerate() {
            if n == 0 || n > self.max_width {
                return Err(out_of_range(
                    format!("the size of hidden layer {}", i + 1),
                    n,
                    1,
                    self.max_width,
                ));
            }
        }
        param_count(sizes, self.max_params)
    }

    /// A learning rate: a positive finite number.
    pub fn learn_rate(&self, learn_rate: f64) -> Result<f64, Error> {
        if learn_rate.is_finite() && learn_rate > 0.0 {
            Ok(learn_rate)
        } else {
            Err(Error::InvalidLearnRate(learn_rate))
        }
    }

    /// A mini-batch size: 1 to [`Limits::max_batch`].
    pub fn batch_size(&self, n: usize) -> Result<usize, Error> {
        if n == 0 {
            return Err(Error::ZeroBatchSize);
        }
        within("the batch size", n, 1..=self.max_batch)
    }

    /// A number of epochs: 1 to [`Limits::max_epochs`].
    pub fn epochs(&self, n: usize) -> Result<usize, Error> {
        if n == 0 {
            return Err(Error::ZeroEpochs);
        }
        within("the number of epochs", n, 1..=self.max_epochs)
    }

    /// The size of a synthetic set: within [`Limits::points`].
    pub fn points(&self, n: usize) -> Result<usize, Error> {
        within("the number of points", n, self.points.clone())
    }

    /// The jitter of a synthetic set: 0 to [`Limits::max_noise`].
    pub fn noise(&self, noise: f64) -> Result<f64, Error> {
        within("the noise", noise, 0.0..=self.max_noise)
    }

    /// The fraction of people or points held out for testing: strictly between 0 and 1.
    pub fn test_fraction(&self, fraction: f64) -> Result<f64, Error> {
        if fraction > 0.0 && fraction < 1.0 {
            Ok(fraction)
        } else {
            Err(Error::OutOfRange {
                what: "the test fraction".to_string(),
                found: fraction.to_string(),
                min: "more than 0".to_string(),
                max: "less than 1".to_string(),
            })
        }
    }
}

/// `value` if `range` holds it, else [`Error::OutOfRange`] naming `what`.
fn within<T: PartialOrd + Display + Copy>(
    what: &str,
    value: T,
    range: RangeInclusive<T>,
) -> Result<T, Error> {
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(out_of_range(
            what.to_string(),
            value,
            *range.start(),
            *range.end(),
        ))
    }
}

fn out_of_range(what: String, found: impl Display, min: impl Display, max: impl Display) -> Error {
    Error::OutOfRange {
        what,
        found: found.to_string(),
        min: min.to_string(),
        max: max.to_string(),
    }
}

/// Checks that layer sizes call for at most `max` parameters, without overflow.
pub(crate) fn param_count(sizes: &[usize], max: usize) -> Result<(), Error> {
    let mut total: usize = 0;
    for pair in sizes.windows(2) {
        let layer = pair[1]
            .checked_mul(pair[0])
            .and_then(|w| w.checked_add(pair[1]));
        total = match layer.and_then(|n| total.checked_add(n)) {
            Some(t) if t <= max => t,
            _ => {
                return Err(Error::TooManyParams {
                    sizes: sizes_text(sizes),
                    max,
                });
            }
        };
    }
    Ok(())
}

/// Layer sizes as the messages, the playground's address and the bench's files write them:
/// `2-8-1`.
pub fn sizes_text(sizes: &[usize]) -> String {
    let sizes: Vec<String> = sizes.iter().map(|n| n.to_string()).collect();
    sizes.join("-")
}

/// A seed written as text: a whole number from 0 to 2^64 - 1.
pub fn parse_seed(text: &str) -> Result<u64, Error> {
    text.trim().parse().map_err(|_| Error::NotANumber {
        what: "the seed",
        found: text.to_string(),
        expected: "a whole number from 0 to 18446744073709551615",
    })
}

/// A count written as text (`1000`, also `1e3`): a whole number from 0 to `usize::MAX`.
pub fn parse_count(what: &'static str, text: &str) -> Result<usize, Error> {
    let not = || Error::NotANumber {
        what,
        found: text.to_string(),
        expected: "a whole number, such as 100",
    };
    let text = text.trim();
    if let Ok(n) = text.parse::<usize>() {
        return Ok(n);
    }
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        // Digits only, and still not a usize: too large.
        return Err(out_of_range(what.to_string(), text, 0, usize::MAX));
    }
    // 1e9 or 200.0: a whole number in another spelling; too large is out of range, not unreadable.
    let x: f64 = text.parse().map_err(|_| not())?;
    if !x.is_finite() || x.fract() != 0.0 {
        return Err(not());
    }
    if x < 0.0 || x >= usize::MAX as f64 {
        return Err(out_of_range(what.to_string(), text, 0, usize::MAX));
    }
    Ok(x as usize)
}

/// A number written as text (`0.5`, `1e-3`): any finite `f64`.
pub fn parse_number(what: &'static str, text: &str) -> Result<f64, Error> {
    match text.trim().parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        _ => Err(Error::NotANumber {
            what,
            found: text.to_string(),
            expected: "a finite number, such as 0.5 or 1e-3",
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_playground_bounds_are_within_the_command_line_s() {
        let (cli, web) = (Limits::CLI, Limits::PLAYGROUND);
        // The largest network the playground allows is allowed, one neuron more is not.
        let largest = [2, 16, 16, 16, 16, 1];
        assert_eq!(
            crate::mlp::Mlp::param_count(&largest),
            web.max_params,
            "max_params is the largest allowed network's"
        );
        assert!(web.layer_sizes(&largest).is_ok() && cli.layer_sizes(&largest).is_ok());
        assert!(web.layer_sizes(&[2, 16, 16, 16, 16, 16, 1]).is_err());
        assert!(web.layer_sizes(&[2, 17, 1]).is_err());
        assert!(cli.layer_sizes(&[2, 100_000, 100_000, 1]).is_err());
        assert!(cli.layer_sizes(&[3, 2, 1]).is_err());
        assert!(web.layer_sizes(&[2, 0, 1]).is_err());
        assert!(web.max_params <= cli.max_params && web.max_epochs <= cli.max_epochs);
        for lr in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(web.learn_rate(lr).is_err() && cli.learn_rate(lr).is_err());
        }
        assert_eq!(
            web.points(1_000_000_000).unwrap_err().to_string(),
            "the number of points, 1000000000, is out of range: from 20 to 1000"
        );
        assert!(web.test_fraction(1.0).is_err() && web.test_fraction(0.5).is_ok());
        assert!(web.noise(0.6).is_err() && web.noise(-0.1).is_err());
    }

    #[test]
    fn text_is_read_as_numbers_strictly() {
        assert_eq!(parse_seed("42"), Ok(42));
        assert!(parse_seed("abc").is_err() && parse_seed("-1").is_err());
        assert_eq!(parse_count("points", "1e3"), Ok(1000));
        assert!(parse_count("points", "2.5").is_err());
        assert!(matches!(
            parse_count("points", "1e300"),
            Err(Error::OutOfRange { .. })
        ));
        assert!(parse_number("lr", "nan").is_err() && parse_number("lr", "<b>").is_err());
    }
}
