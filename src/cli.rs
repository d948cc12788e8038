//! The command-line trainer: `nn-from-scratch train` and `nn-from-scratch predict`.
//!
//! Everything a user can get wrong ends as one line on stderr and exit status 2.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Serialize;

use nn_from_scratch::Error;
use nn_from_scratch::activation::Activation;
use nn_from_scratch::csv_data::{self, CsvOptions, Units};
use nn_from_scratch::data::{self, Dataset, Normalisation, Person, Sex, TUTORIAL_SHIFT};
use nn_from_scratch::loss::Loss;
use nn_from_scratch::metrics::Confusion;
use nn_from_scratch::mlp::{FitConfig, Mlp};
use nn_from_scratch::model::{Architecture, ModelFile};
use nn_from_scratch::network::Network;
use nn_from_scratch::optimizer::Optimizer;
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
    /// Step size of gradient descent, a positive number [default: 0.1; for an MLP, the
    /// optimizer's default: sgd 0.1, momentum 0.01, adam 0.001].
    #[arg(long, allow_negative_numbers = true)]
    learn_rate: Option<f64>,
    /// Print the loss after every epoch E with E % N == 0.
    #[arg(long, value_name = "N", default_value_t = 10)]
    log_every: usize,
    /// Seed of the random starting parameters (and of --test-fraction's split and --shuffle).
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Explicit starting parameters of the tutorial network: w1,w2,w3,w4,w5,w6,b1,b2,b3 (also
    /// usable with --layers 2,2,1 and a sigmoid activation).
    #[arg(long, value_name = "LIST", allow_hyphen_values = true)]
    init: Option<String>,
    /// Train on people from a CSV file (format below).
    #[arg(long, value_name = "FILE", conflicts_with = "dataset")]
    data: Option<PathBuf>,
    /// Train on a built-in dataset.
    #[arg(long, value_enum, default_value_t = DatasetArg::Tutorial)]
    dataset: DatasetArg,
    /// Units of unsuffixed weight/height columns in --data.
    #[arg(long, value_enum, default_value_t = UnitsArg::LbIn)]
    units: UnitsArg,
    /// Keep only rows of --data whose age column is at least this.
    #[arg(long, value_name = "YEARS")]
    min_age: Option<f64>,
    /// How measurements become inputs [default: tutorial-shift for the tutorial's data,
    /// standardise otherwise].
    #[arg(long, value_enum)]
    normalisation: Option<NormalisationArg>,
    /// Hold out this fraction of the people (chosen at random with --seed), train on the rest,
    /// and report accuracy and the confusion matrix on the held-out part.
    #[arg(long, value_name = "FRACTION")]
    test_fraction: Option<f64>,
    /// Layer sizes of a general MLP, from inputs to output, e.g. 2,8,8,1 (first 2, last 1).
    #[arg(long, value_name = "SIZES")]
    layers: Option<String>,
    /// Activation of the MLP's hidden layers (the output is always a sigmoid).
    #[arg(long, value_enum)]
    activation: Option<ActivationArg>,
    /// How the MLP's gradients become steps.
    #[arg(long, value_enum)]
    optimizer: Option<OptimizerArg>,
    /// People per mini-batch for the MLP (1 = the tutorial's one at a time).
    #[arg(long, value_name = "N")]
    batch_size: Option<usize>,
    /// The loss the MLP minimises.
    #[arg(long, value_enum)]
    loss: Option<LossArg>,
    /// Visit the people in a new random order every epoch (MLP).
    #[arg(long)]
    shuffle: bool,
    /// Save the trained model (JSON) to this file.
    #[arg(long, value_name = "MODEL.json")]
    save: Option<PathBuf>,
    /// Print one JSON object (parameters, loss history, predictions) instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum DatasetArg {
    /// The tutorial's four people.
    Tutorial,
    /// The 352 adults of the Howell census.
    Howell,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum NormalisationArg {
    /// Subtract 135 lb and 66 in, as the tutorial does.
    TutorialShift,
    /// Subtract each feature's mean and divide by its standard deviation.
    Standardise,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum ActivationArg {
    /// 1 / (1 + e^-x), between 0 and 1.
    Sigmoid,
    /// The hyperbolic tangent, between -1 and 1.
    Tanh,
    /// max(0, x).
    Relu,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum OptimizerArg {
    /// Plain stochastic gradient descent.
    Sgd,
    /// SGD with momentum (beta 0.9).
    Momentum,
    /// Adam (beta1 0.9, beta2 0.999, epsilon 1e-8).
    Adam,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum LossArg {
    /// Mean squared error, as in the tutorial.
    Mse,
    /// Binary cross-entropy.
    Bce,
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

/// The people to train on, where they came from, and whether they are the tutorial's own.
fn load_people(args: &TrainArgs) -> Result<(Vec<Person>, String, bool), Error> {
    if args.min_age.is_some() && args.data.is_none() {
        return Err(Error::Invalid(
            "--min-age filters the rows of --data FILE; the built-in datasets are fixed (the \
             howell dataset holds the census adults already)"
                .to_string(),
        ));
    }
    match (&args.data, args.dataset) {
        (None, DatasetArg::Tutorial) => Ok((
            data::tutorial_people(),
            "the tutorial's 4 people (built-in)".to_string(),
            true,
        )),
        (None, DatasetArg::Howell) => {
            let people = data::howell_adults();
            let source = format!(
                "the {} adults of the Howell census (built-in)",
                people.len()
            );
            Ok((people, source, false))
        }
        (Some(path), _) => {
            let text = read_file(path)?;
            let options = CsvOptions {
                units: args.units.into(),
                min_age: args.min_age,
            };
            let people = csv_data::read_people(text.as_bytes(), &options)
                .map_err(|e| Error::Invalid(format!("{}: {e}", path.display())))?;
            let source = format!("{} people from {}", people.len(), path.display());
            Ok((people, source, false))
        }
    }
}

/// The settings of a general MLP, when any MLP option was given.
fn mlp_settings(args: &TrainArgs) -> Result<Option<(Vec<usize>, Activation, FitConfig)>, Error> {
    let wanted = args.layers.is_some()
        || args.activation.is_some()
        || args.optimizer.is_some()
        || args.batch_size.is_some()
        || args.loss.is_some()
        || args.shuffle;
    if !wanted {
        return Ok(None);
    }
    let sizes = match &args.layers {
        None => vec![2, 2, 1],
        Some(list) => list
            .split(',')
            .map(|item| {
                item.trim().parse::<usize>().map_err(|_| {
                    Error::Invalid(format!(
                        "--layers: {:?} is not a layer size (a whole number)",
                        item.trim()
                    ))
                })
            })
            .collect::<Result<Vec<usize>, Error>>()?,
    };
    if sizes.first() != Some(&2) {
        return Err(Error::Invalid(format!(
            "--layers: the first size must be 2 (weight and height), got {}",
            sizes
                .first()
                .map_or("nothing".to_string(), |n| n.to_string())
        )));
    }
    let hidden = match args.activation.unwrap_or(ActivationArg::Sigmoid) {
        ActivationArg::Sigmoid => Activation::Sigmoid,
        ActivationArg::Tanh => Activation::Tanh,
        ActivationArg::Relu => Activation::Relu,
    };
    let mut optimizer = match args.optimizer.unwrap_or(OptimizerArg::Sgd) {
        OptimizerArg::Sgd => "sgd",
        OptimizerArg::Momentum => "momentum",
        OptimizerArg::Adam => "adam",
    }
    .parse::<Optimizer>()?;
    if let Some(lr) = args.learn_rate {
        optimizer = optimizer.with_learn_rate(lr);
    }
    let config = FitConfig {
        epochs: args.epochs,
        batch_size: args.batch_size.unwrap_or(1),
        shuffle: args.shuffle,
        seed: args.seed,
        loss: match args.loss.unwrap_or(LossArg::Mse) {
            LossArg::Mse => Loss::Mse,
            LossArg::Bce => Loss::Bce,
        },
        optimizer,
        log_every: args.log_every,
    };
    config.validate()?;
    Ok(Some((sizes, hidden, config)))
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
struct TestOut {
    people: usize,
    accuracy: f64,
    confusion: Confusion,
}

#[derive(Serialize)]
struct TrainOut<'a> {
    architecture: String,
    params: serde_json::Value,
    history: &'a [LossRecord],
    seed: Option<u64>,
    epochs: usize,
    learn_rate: f64,
    log_every: usize,
    normalisation: Normalisation,
    final_loss: f64,
    predictions: Vec<PredictionOut>,
    test: Option<TestOut>,
}

fn run_train(args: &TrainArgs) -> Result<(), Error> {
    let mlp = mlp_settings(args)?;
    let config = TrainConfig {
        learn_rate: args.learn_rate.unwrap_or(0.1),
        epochs: args.epochs,
        log_every: args.log_every,
    };
    config.validate()?;
    let init = match &args.init {
        Some(list) => Some(parse_init(list)?),
        None => None,
    };
    let seed = if init.is_some() {
        None
    } else {
        Some(args.seed)
    };

    let (people, source, tutorial_data) = load_people(args)?;
    let in_source = |e: Error| match &args.data {
        Some(path) => Error::Invalid(format!("{}: {e}", path.display())),
        None => e,
    };
    let (train_people, test_people) = match args.test_fraction {
        Some(f) => {
            let (a, b) = data::train_test_split(&people, f, args.seed)?;
            (a, Some(b))
        }
        None => (people, None),
    };
    let norm = match args.normalisation {
        Some(NormalisationArg::TutorialShift) => TUTORIAL_SHIFT,
        Some(NormalisationArg::Standardise) => {
            Normalisation::standardise(&train_people).map_err(in_source)?
        }
        None if tutorial_data => TUTORIAL_SHIFT,
        None => Normalisation::standardise(&train_people).map_err(in_source)?,
    };
    let dataset = Dataset::from_people(&train_people, &norm).map_err(in_source)?;

    let json = args.json;
    let log = |r: LossRecord| {
        if !json {
            println!("Epoch {} loss: {:.3}", r.epoch, r.loss);
        }
    };
    // What to train, and how (`fit` is set exactly when an MLP is trained).
    let (mut architecture, fit) = match mlp {
        None => (
            Architecture::Tutorial {
                params: init.unwrap_or_else(|| Network::random(args.seed)),
            },
            None,
        ),
        Some((sizes, hidden, fit)) => {
            let network = match init {
                // The tutorial's nine parameters, laid out as a 2-2-1 sigmoid MLP.
                Some(net) if sizes == [2, 2, 1] && hidden == Activation::Sigmoid => {
                    Mlp::from_tutorial(&net)
                }
                Some(_) => {
                    return Err(Error::Invalid(
                        "--init sets the nine parameters of a 2-2-1 sigmoid network; it cannot \
                         be combined with other --layers or --activation"
                            .to_string(),
                    ));
                }
                None => Mlp::new(&sizes, hidden, Activation::Sigmoid, args.seed)?,
            };
            (Architecture::Mlp { network }, Some(fit))
        }
    };
    let learn_rate = fit.map_or(config.learn_rate, |f| f.optimizer.learn_rate());
    if !json {
        println!("Training {} on {source}", architecture.describe());
        if let Some(test) = &test_people {
            println!(
                "Held out {} people for testing; training on {}",
                test.len(),
                train_people.len()
            );
        }
        match seed {
            Some(s) => println!("Seed: {s} (change it with --seed)"),
            None => println!("Starting parameters: from --init"),
        }
        let details = fit.map_or(String::new(), |f| {
            format!(
                ", {} optimizer, batch size {}, {} loss{}",
                f.optimizer.name(),
                f.batch_size,
                f.loss.name(),
                if f.shuffle { ", shuffled" } else { "" }
            )
        });
        println!(
            "Learn rate {learn_rate}, {} epochs, loss logged every {} epochs{details}",
            config.epochs, config.log_every
        );
    }
    let history = match &mut architecture {
        Architecture::Tutorial { params } => train(params, &dataset, &config, log)?,
        Architecture::Mlp { network } => {
            network.fit_dataset(&dataset, &fit.unwrap_or_default(), log)?
        }
    };
    let model = ModelFile::new(architecture, norm);
    let predict = |w: f64, h: f64| model.predict(w, h);
    let preds = dataset
        .inputs
        .iter()
        .map(|&x| model.architecture.predict(x))
        .collect::<Result<Vec<f64>, Error>>()?;
    let final_loss = fit
        .map_or(Loss::Mse, |f| f.loss)
        .value(&dataset.labels, &preds)?;

    let predictions = [data::emily(), data::frank()]
        .into_iter()
        .map(|p| {
            let p_female = predict(p.weight_lb, p.height_in)?;
            Ok(PredictionOut {
                label: Sex::from_prediction(p_female).name(),
                name: p.name,
                weight_lb: p.weight_lb,
                height_in: p.height_in,
                p_female,
            })
        })
        .collect::<Result<Vec<PredictionOut>, Error>>()?;
    let test = match &test_people {
        Some(people) => {
            // The closure cannot fail for finite measurements, which every Person has.
            let c = Confusion::evaluate(&|w, h| predict(w, h).unwrap_or(f64::NAN), people)?;
            Some(TestOut {
                people: c.total(),
                accuracy: c.accuracy(),
                confusion: c,
            })
        }
        None => None,
    };

    if let Some(path) = &args.save {
        write_atomically(path, &model.to_json())?;
    }

    if json {
        let params = match &model.architecture {
            Architecture::Tutorial { params } => serde_json::to_value(params),
            Architecture::Mlp { network } => serde_json::to_value(network),
        }
        .map_err(|e| Error::Invalid(format!("cannot write JSON: {e}")))?;
        let out = TrainOut {
            architecture: model.architecture.describe(),
            params,
            history: &history,
            seed,
            epochs: config.epochs,
            learn_rate,
            log_every: config.log_every,
            normalisation: norm,
            final_loss,
            predictions,
            test,
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
        if let Some(t) = &test {
            println!(
                "Held-out accuracy: {:.3} ({} of {} people)",
                t.accuracy,
                t.confusion.female_as_female + t.confusion.male_as_male,
                t.people
            );
            println!("{}", t.confusion);
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
