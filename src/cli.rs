//! The command-line trainer: `nn-from-scratch train` and `nn-from-scratch predict`.
//!
//! Everything a user can get wrong ends as one line on stderr and exit status 2.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Serialize;

use nn_from_scratch::Error;
use nn_from_scratch::csv_data::{self, CsvOptions, Units};
use nn_from_scratch::data::{self, Dataset, Normalisation, Person, Sex, TUTORIAL_SHIFT};
use nn_from_scratch::model::ModelFile;
use nn_from_scratch::network::Network;
use nn_from_scratch::training::{LossRecord, TrainConfig, train};

/// The seed used when `--seed` is not given.
const DEFAULT_SEED: u64 = 42;

const DATA_HELP: &str = "\
CSV data (--data FILE): a header row, then one person per row, separated by ',' or ';'.
  weight column: weight_lb, weight_kg, or weight (in the units of --units)
  height column: height_in, height_cm, or height (in the units of --units)
  label column:  label, sex or female, holding 1/0 (1 = female) or F/M;
                 or a male column holding 1 for male, 0 for female
  optional:      name, age (age is needed by --min-age); other columns are ignored
Custom data is standardised (mean 0, standard deviation 1 per feature); the built-in data keeps
the tutorial's shift (weight - 135 lb, height - 66 in). The model file stores which was used.";

/// A neural network from scratch: the tutorial's 2-2-1 network, trained by hand-derived
/// backpropagation and stochastic gradient descent.
#[derive(Parser, Debug)]
#[command(name = "nn-from-scratch", version, about, after_help = DATA_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Train the network (by default: the tutorial's run on its four people).
    #[command(after_help = DATA_HELP)]
    Train(TrainArgs),
    /// Predict with a saved model: the probability that a person is female.
    Predict(PredictArgs),
}

#[derive(Args, Debug)]
struct TrainArgs {
    /// Passes over the whole dataset.
    #[arg(long, default_value_t = 1000)]
    epochs: usize,
    /// Step size of gradient descent (a positive number).
    #[arg(long, default_value_t = 0.1, allow_negative_numbers = true)]
    learn_rate: f64,
    /// Print the loss after every epoch E with E % N == 0.
    #[arg(long, value_name = "N", default_value_t = 10)]
    log_every: usize,
    /// Seed of the random starting parameters (standard normal).
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Explicit starting parameters instead of random ones: w1,w2,w3,w4,w5,w6,b1,b2,b3.
    #[arg(long, value_name = "LIST", allow_hyphen_values = true)]
    init: Option<String>,
    /// Train on people from a CSV file instead of the tutorial's four (format below).
    #[arg(long, value_name = "FILE")]
    data: Option<PathBuf>,
    /// Units of unsuffixed weight/height columns in --data.
    #[arg(long, value_enum, default_value_t = UnitsArg::LbIn)]
    units: UnitsArg,
    /// Keep only rows of --data whose age column is at least this.
    #[arg(long, value_name = "YEARS")]
    min_age: Option<f64>,
    /// Save the trained model (JSON) to this file.
    #[arg(long, value_name = "MODEL.json")]
    save: Option<PathBuf>,
    /// Print one JSON object (parameters, loss history, predictions) instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
struct PredictArgs {
    /// A model file written by `train --save`.
    #[arg(long, value_name = "MODEL.json")]
    model: PathBuf,
    /// The person's weight.
    #[arg(long, allow_negative_numbers = true)]
    weight: f64,
    /// The person's height.
    #[arg(long, allow_negative_numbers = true)]
    height: f64,
    /// Units of --weight and --height.
    #[arg(long, value_enum, default_value_t = UnitsArg::LbIn)]
    units: UnitsArg,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum UnitsArg {
    /// Pounds and inches.
    LbIn,
    /// Kilograms and centimetres.
    KgCm,
}

impl From<UnitsArg> for Units {
    fn from(u: UnitsArg) -> Units {
        match u {
            UnitsArg::LbIn => Units::LbIn,
            UnitsArg::KgCm => Units::KgCm,
        }
    }
}

/// Runs the command line and turns any error into one line on stderr and exit status 2.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Train(args) => run_train(&args),
        Command::Predict(args) => run_predict(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Parses `--init`: nine comma-separated finite numbers.
fn parse_init(list: &str) -> Result<Network, Error> {
    let values = list
        .split(',')
        .map(|item| {
            item.trim()
                .parse::<f64>()
                .map_err(|_| Error::Invalid(format!("--init: {:?} is not a number", item.trim())))
        })
        .collect::<Result<Vec<f64>, Error>>()?;
    Network::try_from_slice(&values).map_err(|e| Error::Invalid(format!("--init: {e}")))
}

fn read_file(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|e| Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

/// Writes `text` to `path` atomically: to a temporary file beside it, then renamed into place,
/// so that a failure never leaves a half-written file.
fn write_atomically(path: &Path, text: &str) -> Result<(), Error> {
    let io_err = |e: std::io::Error| Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| Error::Invalid(format!("{}: not a file name", path.display())))?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io_err)
}

/// The people to train on and how to normalise them.
fn load_people(args: &TrainArgs) -> Result<(Vec<Person>, Normalisation, String), Error> {
    match &args.data {
        None => Ok((
            data::tutorial_people(),
            TUTORIAL_SHIFT,
            "the tutorial's 4 people (built-in)".to_string(),
        )),
        Some(path) => {
            let text = read_file(path)?;
            let options = CsvOptions {
                units: args.units.into(),
                min_age: args.min_age,
            };
            let in_file = |e: Error| Error::Invalid(format!("{}: {e}", path.display()));
            let people = csv_data::read_people(text.as_bytes(), &options).map_err(in_file)?;
            let norm = Normalisation::standardise(&people).map_err(in_file)?;
            let source = format!("{} people from {}", people.len(), path.display());
            Ok((people, norm, source))
        }
    }
}

#[derive(Serialize)]
struct PredictionOut {
    name: String,
    weight_lb: f64,
    height_in: f64,
    p_female: f64,
    label: &'static str,
}

#[derive(Serialize)]
struct TrainOut<'a> {
    params: Network,
    history: &'a [LossRecord],
    seed: Option<u64>,
    epochs: usize,
    learn_rate: f64,
    log_every: usize,
    normalisation: Normalisation,
    final_loss: f64,
    predictions: Vec<PredictionOut>,
}

fn run_train(args: &TrainArgs) -> Result<(), Error> {
    let config = TrainConfig {
        learn_rate: args.learn_rate,
        epochs: args.epochs,
        log_every: args.log_every,
    };
    config.validate()?;
    let (mut net, seed) = match &args.init {
        Some(list) => (parse_init(list)?, None),
        None => (Network::random(args.seed), Some(args.seed)),
    };
    let (people, norm, source) = load_people(args)?;
    let dataset = Dataset::from_people(&people, &norm).map_err(|e| match &args.data {
        Some(path) => Error::Invalid(format!("{}: {e}", path.display())),
        None => e,
    })?;

    if !args.json {
        println!("Training the 2-2-1 network on {source}");
        match seed {
            Some(s) => println!("Seed: {s} (change it with --seed)"),
            None => println!("Starting parameters: from --init"),
        }
        println!(
            "Learn rate {}, {} epochs, loss logged every {} epochs",
            config.learn_rate, config.epochs, config.log_every
        );
    }
    let json = args.json;
    let history = train(&mut net, &dataset, &config, |r| {
        if !json {
            println!("Epoch {} loss: {:.3}", r.epoch, r.loss);
        }
    })?;
    let final_loss = nn_from_scratch::training::dataset_loss(&net, &dataset)?;

    let predictions: Vec<PredictionOut> = [data::emily(), data::frank()]
        .into_iter()
        .map(|p| {
            let p_female = net.feedforward(norm.apply(p.weight_lb, p.height_in));
            PredictionOut {
                label: Sex::from_prediction(p_female).name(),
                name: p.name,
                weight_lb: p.weight_lb,
                height_in: p.height_in,
                p_female,
            }
        })
        .collect();

    if let Some(path) = &args.save {
        write_atomically(path, &ModelFile::tutorial(net, norm).to_json())?;
    }

    if json {
        let out = TrainOut {
            params: net,
            history: &history,
            seed,
            epochs: config.epochs,
            learn_rate: config.learn_rate,
            log_every: config.log_every,
            normalisation: norm,
            final_loss,
            predictions,
        };
        let text = serde_json::to_string(&out)
            .map_err(|e| Error::Invalid(format!("cannot write JSON: {e}")))?;
        println!("{text}");
    } else {
        println!("Final loss: {final_loss:.6}");
        for p in &predictions {
            println!(
                "{} ({} lb, {} in): {:.3} -> {}",
                p.name, p.weight_lb, p.height_in, p.p_female, p.label
            );
        }
        if let Some(path) = &args.save {
            println!("Model saved to {}", path.display());
        }
    }
    Ok(())
}

fn run_predict(args: &PredictArgs) -> Result<(), Error> {
    let text = read_file(&args.model)?;
    let model = ModelFile::from_json(&text)
        .map_err(|e| Error::Invalid(format!("{}: {e}", args.model.display())))?;
    let (weight_lb, height_in) = Units::from(args.units).to_lb_in(args.weight, args.height);
    let p = model.predict(weight_lb, height_in)?;
    let label = Sex::from_prediction(p).name();
    if args.json {
        println!(
            "{}",
            serde_json::json!({"p_female": p, "label": label, "weight_lb": weight_lb, "height_in": height_in})
        );
    } else {
        println!("Probability of female: {p:.3}");
        println!("Label: {label}");
    }
    Ok(())
}
