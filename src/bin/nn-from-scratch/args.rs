//! The command line: subcommands, options, their defaults and help. The choices (activation,
//! loss, optimizer, units, dataset, normalisation) are the library's own enums, taken by name.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use nn_from_scratch::activation::Activation;
use nn_from_scratch::csv_data::Units;
use nn_from_scratch::data::{BuiltinDataset, NormalisationKind};
use nn_from_scratch::loss::Loss;
use nn_from_scratch::optimizer::OptimizerKind;
use nn_from_scratch::training::TrainConfig;

/// The seed used when `--seed` is not given.
const DEFAULT_SEED: u64 = 42;

const DATA_HELP: &str = "\
CSV data (--data FILE): a header row, then one person per row, separated by ',' or ';'.
  weight column: weight_lb, weight_kg, or weight (in the units of --units)
  height column: height_in, height_cm, or height (in the units of --units)
  label column:  label, sex or female, holding 1/0 (1 = female) or F/M;
                 or a male column holding 1 for male, 0 for female
  optional:      name, age (age is needed by --min-age); other columns are ignored
Custom data is standardised (mean 0, standard deviation 1 per feature, over the training part);
the built-in tutorial data keeps the tutorial's shift (weight - 135 lb, height - 66 in); change
either with --normalisation. The model file stores which was used.

Built-in datasets (--dataset): tutorial (the tutorial's 4 people), howell (the 352 adults of
Nancy Howell's !Kung San census, data/howell1.csv; same as --data data/howell1.csv --units kg-cm
--min-age 18).

Any of --layers, --activation, --optimizer, --batch-size, --loss, --shuffle trains a general
multilayer perceptron instead of the tutorial's 2-2-1 network; for example
  train --dataset howell --layers 2,8,1 --activation tanh --optimizer adam --batch-size 32 --loss bce";

/// A neural network from scratch: the tutorial's 2-2-1 network, trained by hand-derived
/// backpropagation and stochastic gradient descent.
#[derive(Parser, Debug)]
#[command(name = "nn-from-scratch", version, about, after_help = DATA_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Train the network (by default: the tutorial's run on its four people).
    #[command(after_help = DATA_HELP)]
    Train(TrainArgs),
    /// Predict with a saved model: the probability that a person is female.
    Predict(PredictArgs),
}

#[derive(Args, Debug)]
pub struct TrainArgs {
    /// Passes over the whole dataset.
    #[arg(long, default_value_t = TrainConfig::default().epochs)]
    pub epochs: usize,
    #[arg(long, allow_negative_numbers = true, help = learn_rate_help())]
    pub learn_rate: Option<f64>,
    /// Print the loss after every epoch E with E % N == 0.
    #[arg(long, value_name = "N", default_value_t = TrainConfig::default().log_every)]
    pub log_every: usize,
    /// Seed of the random starting parameters (and of --test-fraction's split and --shuffle).
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Explicit starting parameters of the tutorial network: w1,w2,w3,w4,w5,w6,b1,b2,b3 (also
    /// usable with --layers 2,2,1 and a sigmoid activation).
    #[arg(
        long,
        value_name = "LIST",
        value_delimiter = ',',
        allow_hyphen_values = true,
        value_parser = number
    )]
    pub init: Option<Vec<f64>>,
    /// Train on people from a CSV file (format below).
    #[arg(long, value_name = "FILE", conflicts_with = "dataset")]
    pub data: Option<PathBuf>,
    /// Train on a built-in dataset.
    #[arg(long, value_enum, default_value_t = BuiltinDataset::Tutorial)]
    pub dataset: BuiltinDataset,
    /// Units of unsuffixed weight/height columns in --data.
    #[arg(long, value_enum, default_value_t = Units::LbIn)]
    pub units: Units,
    /// Keep only rows of --data whose age column is at least this.
    #[arg(long, value_name = "YEARS")]
    pub min_age: Option<f64>,
    /// How measurements become inputs [default: tutorial-shift for the tutorial's data,
    /// standardise otherwise].
    #[arg(long, value_enum)]
    pub normalisation: Option<NormalisationKind>,
    /// Hold out this fraction of the people (chosen at random with --seed), train on the rest,
    /// and report accuracy and the confusion matrix on the held-out part.
    #[arg(long, value_name = "FRACTION")]
    pub test_fraction: Option<f64>,
    /// Layer sizes of a general MLP, from inputs to output, e.g. 2,8,8,1 (first 2, last 1).
    #[arg(
        long,
        value_name = "SIZES",
        value_delimiter = ',',
        value_parser = layer_size
    )]
    pub layers: Option<Vec<usize>>,
    /// Activation of the MLP's hidden layers (the output is always a sigmoid).
    #[arg(long, value_enum)]
    pub activation: Option<Activation>,
    /// How the MLP's gradients become steps.
    #[arg(long, value_enum)]
    pub optimizer: Option<OptimizerKind>,
    /// People per mini-batch for the MLP (1 = the tutorial's one at a time).
    #[arg(long, value_name = "N")]
    pub batch_size: Option<usize>,
    /// The loss the MLP minimises.
    #[arg(long, value_enum)]
    pub loss: Option<Loss>,
    /// Visit the people in a new random order every epoch (MLP).
    #[arg(long)]
    pub shuffle: bool,
    /// Save the trained model (JSON) to this file.
    #[arg(long, value_name = "MODEL.json")]
    pub save: Option<PathBuf>,
    /// Print one JSON object (parameters, loss history, predictions) instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct PredictArgs {
    /// A model file written by `train --save`.
    #[arg(long, value_name = "MODEL.json")]
    pub model: PathBuf,
    /// The person's weight.
    #[arg(long, allow_negative_numbers = true)]
    pub weight: f64,
    /// The person's height.
    #[arg(long, allow_negative_numbers = true)]
    pub height: f64,
    /// Units of --weight and --height.
    #[arg(long, value_enum, default_value_t = Units::LbIn)]
    pub units: Units,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// The help of `--learn-rate`, with the defaults it falls back to: the tutorial network's, then
/// each optimizer's (from the library, where they are set).
fn learn_rate_help() -> String {
    let per_optimizer: Vec<String> = OptimizerKind::ALL
        .iter()
        .map(|k| format!("{} {}", k.name(), k.default_learn_rate()))
        .collect();
    format!(
        "Step size of gradient descent, a positive number [default: {}; for an MLP, the \
         optimizer's default: {}]",
        TrainConfig::default().learn_rate,
        per_optimizer.join(", ")
    )
}

/// One number of a list (`--init`): any `f64` (the network rejects those that are not finite,
/// naming the parameter).
fn number(s: &str) -> Result<f64, String> {
    s.trim().parse().map_err(|_| "not a number".to_string())
}

/// One layer size of `--layers`.
fn layer_size(s: &str) -> Result<usize, String> {
    s.trim()
        .parse()
        .map_err(|_| "not a layer size (a whole number)".to_string())
}
