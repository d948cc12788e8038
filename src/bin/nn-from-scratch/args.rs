//! The command line: subcommands, options, their defaults and help. The choices (activation,
//! loss, optimizer, units, dataset, normalisation) are the library's own enums, taken by name.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use nn_from_scratch::csv_data::Units;
use nn_from_scratch::datasets::{BuiltinDataset, NormalisationKind};
use nn_from_scratch::limits;
use nn_from_scratch::mlp::Activation;
use nn_from_scratch::mlp::Loss;
use nn_from_scratch::optimizer::OptimizerKind;
use nn_from_scratch::training::TrainConfig;

/// The seed used when `--seed` is not given.
pub const DEFAULT_SEED: u64 = 42;

/// The hidden layer of a table's network when `--layers` is not given: `FEATURES,32,OUTPUTS`.
pub const TABLE_HIDDEN: usize = 32;

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

A table (--data FILE whose header names no weight, height or sex column): a header row, then one
sample per row, separated by ',' or ';'; one column named label (anywhere) holding each row's
class, a whole number or a name; every other column a number (a feature). The classes are the
labels found (2 or more). --layers runs from the feature count to 1 output for two classes (a
sigmoid) or one per class for more (softmax, trained on cross-entropy, the default --loss of a
table); without --layers: FEATURES,32,OUTPUTS. Features are standardised over the training rows
(a constant column is only centred). For example, the handwritten digits:
  train --data data/digits.csv --layers 64,64,10 --activation relu --optimizer adam
        --batch-size 32 --shuffle --epochs 60 --test-fraction 0.25 --save digits.json
  predict --model digits.json --data new-digits.csv      (one class name per row)

Built-in datasets (--dataset): tutorial (the tutorial's 4 people), howell (the 352 adults of
Nancy Howell's !Kung San census, data/howell1.csv; same as --data data/howell1.csv --units kg-cm
--min-age 18).

Any of --layers, --activation, --optimizer, --batch-size, --loss, --shuffle trains a general
multilayer perceptron instead of the tutorial's 2-2-1 network; for example
  train --dataset howell --layers 2,8,1 --activation tanh --optimizer adam --batch-size 32 --loss bce

Errors and warnings: bad input (a file, a column, a cell, an option, a model) is reported on one
line of stderr naming the problem, where it is and the fix, with exit status 2, before any
training; no model file is written or replaced then. A weight must lie within 1 to 1500 lb and a
height within 10 to 110 in. Training that stops being finite is an error (exit status 2); a run
whose loss ends no lower than it started, or rises well above its lowest, finishes but prints a
warning on stderr with the likely cause (usually the learn rate). So do plain weight/height
columns read in the default units, and a batch larger than the data. Long runs on large data
show their progress on stderr.";

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
    /// Predict with a saved model: the probability that a person is female, or the class of each
    /// row of a table.
    Predict(PredictArgs),
}

#[derive(Args, Debug)]
pub struct TrainArgs {
    /// Passes over the whole dataset.
    #[arg(
        long,
        default_value_t = TrainConfig::default().epochs,
        allow_negative_numbers = true,
        value_parser = at_least_one
    )]
    pub epochs: usize,
    #[arg(long, allow_negative_numbers = true, value_parser = number, help = learn_rate_help())]
    pub learn_rate: Option<f64>,
    /// Print the loss after every epoch E with E % N == 0.
    #[arg(
        long,
        value_name = "N",
        default_value_t = TrainConfig::default().log_every,
        allow_negative_numbers = true,
        value_parser = at_least_one
    )]
    pub log_every: usize,
    /// Seed of the random starting parameters (and of --test-fraction's split and --shuffle)
    /// [default: 42].
    #[arg(long, allow_negative_numbers = true, value_parser = seed)]
    pub seed: Option<u64>,
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
    /// Train on people, or on a table of numbers with a label column, from a CSV file (formats
    /// below).
    #[arg(long, value_name = "FILE", conflicts_with = "dataset")]
    pub data: Option<PathBuf>,
    /// Train on a built-in dataset.
    #[arg(long, value_enum, default_value_t = BuiltinDataset::Tutorial)]
    pub dataset: BuiltinDataset,
    /// Units of plain weight/height columns in --data [default: lb-in, with a warning].
    #[arg(long, value_enum)]
    pub units: Option<Units>,
    /// Keep only rows of --data whose age column is at least this.
    #[arg(long, value_name = "YEARS", allow_negative_numbers = true, value_parser = number)]
    pub min_age: Option<f64>,
    /// How measurements become inputs [default: tutorial-shift for the tutorial's data,
    /// standardise otherwise].
    #[arg(long, value_enum)]
    pub normalisation: Option<NormalisationKind>,
    /// Hold out this fraction of the people (chosen at random with --seed), train on the rest,
    /// and report accuracy and the confusion matrix on the held-out part.
    #[arg(long, value_name = "FRACTION", allow_negative_numbers = true, value_parser = number)]
    pub test_fraction: Option<f64>,
    /// Layer sizes of a general MLP, from inputs to output, e.g. 2,8,8,1 (first 2, last 1; for a
    /// table: first its feature count, last 1 for two classes or the class count).
    #[arg(
        long,
        value_name = "SIZES",
        value_delimiter = ',',
        value_parser = layer_size
    )]
    pub layers: Option<Vec<usize>>,
    /// Activation of the MLP's hidden layers (the output is a sigmoid, or softmax for a table of
    /// more than two classes).
    #[arg(long, value_enum)]
    pub activation: Option<Activation>,
    /// How the MLP's gradients become steps.
    #[arg(long, value_enum)]
    pub optimizer: Option<OptimizerKind>,
    /// People per mini-batch for the MLP (1 = the tutorial's one at a time).
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = at_least_one)]
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
    /// A model file written by train --save.
    #[arg(long, value_name = "MODEL.json")]
    pub model: PathBuf,
    /// The person's weight.
    #[arg(long, allow_negative_numbers = true, value_parser = number, required_unless_present = "data")]
    pub weight: Option<f64>,
    /// The person's height.
    #[arg(long, allow_negative_numbers = true, value_parser = number, required_unless_present = "data")]
    pub height: Option<f64>,
    /// Classify every row of this CSV file (a table with the model's feature columns, in any
    /// order; a label column is ignored) with a model trained on a table.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["weight", "height"])]
    pub data: Option<PathBuf>,
    /// Units of --weight and --height.
    #[arg(
        long,
        value_enum,
        default_value_t = Units::LbIn,
        conflicts_with = "data"
    )]
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

/// A number (`--learn-rate`, `--init`'s values, ...): any `f64`; whether it is finite and in
/// range is checked afterwards, naming the option.
fn number(s: &str) -> Result<f64, String> {
    s.trim()
        .parse()
        .map_err(|_| "not a number (write it like 0.5 or 1e-3)".to_string())
}

/// A count of at least 1 (`--epochs`, `--log-every`, `--batch-size`).
fn at_least_one(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_string()),
        Ok(n) => Ok(n),
        Err(_) if s.trim().starts_with('-') => Err("must be at least 1".to_string()),
        Err(_) => Err(format!(
            "not a whole number from 1 to {} (write it like 1000)",
            usize::MAX
        )),
    }
}

/// A seed: a whole number from 0 to 2^64 - 1 (the library's rule).
fn seed(s: &str) -> Result<u64, String> {
    limits::parse_seed(s).map_err(|e| e.to_string())
}

/// One layer size of `--layers`.
fn layer_size(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(0) => Err("a layer size must be at least 1".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err("not a layer size (a whole number, at least 1)".to_string()),
    }
}
