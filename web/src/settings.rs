//! A playground's settings, read from and written to the page's URL (`key=value&...`), so that a
//! configuration can be shared and reopened.
//!
//! | key | values | default |
//! |---|---|---|
//! | `data` | `tutorial`, `howell`, `circle`, `xor`, `spiral` | `tutorial` |
//! | `test` | fraction held out, 0 to 0.9 | 0 |
//! | `noise` | jitter of the synthetic sets, 0 to 0.5 | 0.05 |
//! | `points` | size of a synthetic set, 20 to 1000 | 200 |
//! | `net` | `tutorial` (the 2-2-1 network and its SGD) or layer sizes `2-8-8-1` | `tutorial` |
//! | `act` | hidden activation `sigmoid`, `tanh`, `relu` | `sigmoid` |
//! | `loss` | `mse`, `bce` | `mse` |
//! | `opt` | `sgd`, `momentum`, `adam` | `sgd` |
//! | `lr` | learning rate | 0.1 |
//! | `batch` | samples per mini-batch | 1 |
//! | `seed` | seeds the data, the split and the starting parameters | 42 |
//!
//! Values out of range are clamped and unreadable ones take the default: a URL typed by hand
//! always opens a playground.

use nn_from_scratch::Error;
use nn_from_scratch::data::{self, Dataset, Normalisation, Person};
use nn_from_scratch::datasets;
use nn_from_scratch::mlp::Activation;
use nn_from_scratch::mlp::Loss;
use nn_from_scratch::optimizer::{Optimizer, OptimizerKind};
use nn_from_scratch::shapes::Shape;

/// Where the samples come from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DataChoice {
    /// The tutorial's four people (shifted by 135 lb and 66 in).
    Tutorial,
    /// The 352 adults of the Howell census (standardised).
    Howell,
    /// A synthetic set of [`nn_from_scratch::shapes`].
    Shape(Shape),
}

/// Which network trains.
#[derive(Debug, Clone, PartialEq)]
pub enum NetChoice {
    /// The tutorial's 2-2-1 network, trained by its own per-sample SGD on the MSE.
    Tutorial,
    /// A general network of these layer sizes (2 inputs, up to 4 hidden layers of up to 16, 1 output).
    Layers(Vec<usize>),
}

/// Everything that defines a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub data: DataChoice,
    pub test_fraction: f64,
    pub noise: f64,
    pub points: usize,
    pub net: NetChoice,
    pub activation: Activation,
    pub loss: Loss,
    pub optimizer: OptimizerKind,
    pub learn_rate: f64,
    pub batch_size: usize,
    pub seed: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            data: DataChoice::Tutorial,
            test_fraction: 0.0,
            noise: 0.05,
            points: 200,
            net: NetChoice::Tutorial,
            activation: Activation::Sigmoid,
            loss: Loss::Mse,
            optimizer: OptimizerKind::Sgd,
            learn_rate: 0.1,
            batch_size: 1,
            seed: 42,
        }
    }
}

impl Settings {
    /// Reads `key=value` pairs separated by `&` (a leading `?` or `#` is skipped).
    pub fn parse(query: &str) -> Settings {
        let mut s = Settings::default();
        let query = query.trim_start_matches(['?', '#']);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let num = |default: f64, lo: f64, hi: f64| {
                value
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .map_or(default, |v| v.clamp(lo, hi))
            };
            match key {
                "data" => {
                    s.data = match value {
                        "howell" => DataChoice::Howell,
                        "circle" => DataChoice::Shape(Shape::Circle),
                        "xor" => DataChoice::Shape(Shape::Xor),
                        "spiral" => DataChoice::Shape(Shape::Spiral),
                        _ => DataChoice::Tutorial,
                    }
                }
                "test" => s.test_fraction = num(0.0, 0.0, 0.9),
                "noise" => s.noise = num(0.05, 0.0, 0.5),
                "points" => s.points = num(200.0, 20.0, 1000.0) as usize,
                "net" => s.net = parse_net(value),
                "act" => {
                    s.activation = match value {
                        "tanh" => Activation::Tanh,
                        "relu" => Activation::Relu,
                        _ => Activation::Sigmoid,
                    }
                }
                "loss" => s.loss = if value == "bce" { Loss::Bce } else { Loss::Mse },
                "opt" => {
                    s.optimizer = match value {
                        "momentum" => OptimizerKind::Momentum,
                        "adam" => OptimizerKind::Adam,
                        _ => OptimizerKind::Sgd,
                    }
                }
                "lr" => s.learn_rate = num(0.1, 1e-5, 10.0),
                "batch" => s.batch_size = num(1.0, 1.0, 1000.0) as usize,
                "seed" => s.seed = value.parse().unwrap_or(42),
                _ => {}
            }
        }
        s
    }

    /// The settings as `key=value&...`, every key present, in the table's order.
    pub fn to_query(&self) -> String {
        let data = match self.data {
            DataChoice::Tutorial => "tutorial",
            DataChoice::Howell => "howell",
            DataChoice::Shape(shape) => shape.name(),
        };
        let net = match &self.net {
            NetChoice::Tutorial => "tutorial".to_string(),
            NetChoice::Layers(sizes) => sizes
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join("-"),
        };
        format!(
            "data={data}&test={}&noise={}&points={}&net={net}&act={}&loss={}&opt={}&lr={}&batch={}&seed={}",
            self.test_fraction,
            self.noise,
            self.points,
            self.activation.name(),
            self.loss_key(),
            self.optimizer.name(),
            self.learn_rate,
            self.batch_size,
            self.seed
        )
    }

    fn loss_key(&self) -> &'static str {
        match self.loss {
            Loss::Mse => "mse",
            Loss::Bce => "bce",
        }
    }

    /// The loss's name for the loss chart's axis.
    pub fn loss_name(&self) -> &'static str {
        match (&self.net, self.loss) {
            (NetChoice::Tutorial, _) | (_, Loss::Mse) => "mean squared error",
            (_, Loss::Bce) => "binary cross-entropy",
        }
    }

    /// The optimizer with the chosen learning rate.
    pub fn optimizer(&self) -> Optimizer {
        self.optimizer.with_learn_rate(self.learn_rate)
    }

    /// The training and test data, and for people who they are and how they were normalised.
    #[allow(clippy::type_complexity)]
    pub fn data(
        &self,
    ) -> Result<
        (
            Dataset,
            Dataset,
            Option<(Vec<Person>, Vec<Person>, Normalisation)>,
        ),
        Error,
    > {
        match self.data {
            DataChoice::Tutorial => {
                crate::people_data(data::tutorial_people(), true, self.test_fraction, self.seed)
            }
            DataChoice::Howell => crate::people_data(
                datasets::howell_adults(),
                false,
                self.test_fraction,
                self.seed,
            ),
            DataChoice::Shape(shape) => {
                let all = shape.points(self.points, self.noise, self.seed);
                // The points come in random order: the last ones are the test set.
                let n_test = (self.test_fraction * all.len() as f64).round() as usize;
                let n_train = all.len() - n_test.min(all.len() - 2);
                let train = Dataset {
                    inputs: all.inputs[..n_train].to_vec(),
                    labels: all.labels[..n_train].to_vec(),
                };
                let test = Dataset {
                    inputs: all.inputs[n_train..].to_vec(),
                    labels: all.labels[n_train..].to_vec(),
                };
                Ok((train, test, None))
            }
        }
    }
}

/// `tutorial`, or layer sizes: 2 inputs, up to 4 hidden layers of 1 to 16 neurons, 1 output.
fn parse_net(value: &str) -> NetChoice {
    let sizes: Option<Vec<usize>> = value.split('-').map(|n| n.parse().ok()).collect();
    match sizes {
        Some(s)
            if s.len() >= 3
                && s.len() <= 6
                && s[0] == 2
                && s[s.len() - 1] == 1
                && s[1..s.len() - 1].iter().all(|&n| (1..=16).contains(&n)) =>
        {
            NetChoice::Layers(s)
        }
        _ => NetChoice::Tutorial,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_through_the_url() {
        let s = Settings::parse(
            "?data=spiral&test=0.25&net=2-8-8-1&act=tanh&opt=adam&lr=0.01&batch=16&seed=7",
        );
        assert_eq!(Settings::parse(&s.to_query()), s);
        assert_eq!(s.net, NetChoice::Layers(vec![2, 8, 8, 1]));
        assert_eq!(
            Settings::parse("net=2-99-1&lr=-4&data=nope"),
            Settings {
                learn_rate: 1e-5,
                ..Settings::default()
            }
        );
    }
}
