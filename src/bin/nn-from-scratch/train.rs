//! `nn-from-scratch train`: the tutorial's 2-2-1 network or a general MLP, on the tutorial's
//! people, the census or a CSV file, reported as text or one JSON object.

use std::time::Instant;

use serde::Serialize;

use nn_from_scratch::Error;
use nn_from_scratch::csv_data::{self, CsvOptions, Units};
use nn_from_scratch::data::{self, Dataset, Normalisation};
use nn_from_scratch::data::{Person, Sex};
use nn_from_scratch::datasets::{self, BuiltinDataset, NormalisationKind};
use nn_from_scratch::limits::Limits;
use nn_from_scratch::metrics::Confusion;
use nn_from_scratch::mlp::Activation;
use nn_from_scratch::mlp::Loss;
use nn_from_scratch::mlp::{FitConfig, Mlp};
use nn_from_scratch::model::{Architecture, ModelFile};
use nn_from_scratch::network::Network;
use nn_from_scratch::training::{LossRecord, TrainConfig, train};

use crate::args::{DEFAULT_SEED, TrainArgs};
use crate::error::CliError;
use crate::files::{PendingFile, is_table, open_file};

/// From this many people on, reading and training show their progress on stderr.
const LARGE: usize = 100_000;

/// The people to train on, where they came from, and whether they are the tutorial's own.
struct People {
    people: Vec<Person>,
    source: String,
    tutorial: bool,
}

/// What the trained model says about Emily and Frank.
#[derive(Serialize)]
struct PredictionOut {
    name: String,
    weight_lb: f64,
    height_in: f64,
    p_female: f64,
    label: &'static str,
}

/// How the model does on the held-out people.
#[derive(Serialize)]
struct TestOut {
    people: usize,
    accuracy: f64,
    confusion: Confusion,
}

/// The whole run, as `--json` prints it.
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

/// What the trained model computed on the training data, Emily and Frank, and the held-out
/// people.
struct Results {
    final_loss: f64,
    predictions: Vec<PredictionOut>,
    test: Option<TestOut>,
}

/// What is trained and how: the network, the tutorial's settings, the MLP's (exactly when an
/// MLP is trained) and the seed of the starting parameters (none with `--init`).
struct Plan {
    architecture: Architecture,
    config: TrainConfig,
    fit: Option<FitConfig>,
    seed: Option<u64>,
}

impl Plan {
    /// The learning rate in use: the MLP optimizer's, or the tutorial training's.
    fn learn_rate(&self) -> f64 {
        self.fit
            .map_or(self.config.learn_rate, |f| f.optimizer.learn_rate())
    }

    /// The first lines of the text report: what is trained on whom, the held-out part, the
    /// seed and the settings.
    fn print_header(&self, source: &str, train_people: usize, test_people: Option<usize>) {
        println!("Training {} on {source}", self.architecture.describe());
        if let Some(test) = test_people {
            println!("Held out {test} people for testing; training on {train_people}");
        }
        match self.seed {
            Some(s) => println!("Seed: {s} (change it with --seed)"),
            None => println!("Starting parameters: from --init"),
        }
        println!(
            "Learn rate {}, {} epochs, loss logged every {} epochs{}",
            self.learn_rate(),
            self.config.epochs,
            self.config.log_every,
            self.fit.map_or(String::new(), |f| fit_details(&f))
        );
    }

    /// Trains the network on `dataset`, printing the logged losses unless `quiet`; on a large
    /// dataset, the progress goes to stderr too (at most every two seconds, at logged epochs).
    fn train(&mut self, dataset: &Dataset, quiet: bool) -> Result<Vec<LossRecord>, CliError> {
        let start = Instant::now();
        let mut shown = 0.0;
        let epochs = self.config.epochs;
        let log = |r: LossRecord| {
            if !quiet {
                println!("Epoch {} loss: {:.3}", r.epoch, r.loss);
            }
            let t = start.elapsed().as_secs_f64();
            if dataset.len() >= LARGE && (t - shown >= 2.0 || r.epoch == 0) {
                shown = t;
                eprintln!("progress: epoch {} of {epochs} done, {t:.0} s", r.epoch + 1);
            }
        };
        let history = match &mut self.architecture {
            Architecture::Tutorial { params } => train(params, dataset, &self.config, log),
            Architecture::Mlp { network } => {
                network.fit_dataset(dataset, &self.fit.unwrap_or_default(), log)
            }
        };
        Ok(history?)
    }
}

/// Trains as `args` say, saves the model if asked, and prints the run. Every input is checked
/// (and the model file's place prepared) before training starts.
pub fn run(args: &TrainArgs) -> Result<(), CliError> {
    check_combinations(args)?;
    if let Some(path) = &args.data
        && is_table(path)?
    {
        return crate::table::run(args, path);
    }
    let mlp = mlp_settings(args)?;
    let config = tutorial_config(args)?;
    let init = initial_network(args)?;
    let seed = if init.is_some() {
        None
    } else {
        Some(seed_of(args))
    };
    let architecture = architecture(args, mlp.as_ref(), init)?;
    let pending = match &args.save {
        Some(path) => Some(PendingFile::create(path, args.data.as_deref())?),
        None => None,
    };

    let loaded = load_people(args)?;
    let (train_people, test_people) = split_people(args, loaded.people)?;
    let norm = normalisation(args, loaded.tutorial, &train_people)?;
    let dataset = Dataset::from_people(&train_people, &norm).map_err(|e| in_source(args, e))?;
    let train_len = train_people.len();
    drop(train_people);
    if let Some((_, _, fit)) = &mlp
        && fit.batch_size > train_len
    {
        eprintln!(
            "warning: --batch-size {} is more than the {train_len} training people; every \
                 batch holds all of them (full-batch gradient descent)",
            fit.batch_size
        );
    }

    let mut plan = Plan {
        architecture,
        config,
        fit: mlp.map(|(_, _, fit)| fit),
        seed,
    };
    if !args.json {
        let test_len = test_people.as_ref().map(Vec::len);
        plan.print_header(&loaded.source, train_len, test_len);
    }
    let loss = plan.fit.map_or(Loss::Mse, |f| f.loss);
    let start_loss = plan.architecture.loss(&dataset, loss)?;
    let history = plan.train(&dataset, args.json)?;
    let learn_rate = plan.learn_rate();
    let model = ModelFile::new(plan.architecture, norm);
    let results = evaluate(&model, &dataset, loss, &test_people)?;
    if let Some(warning) = outcome_warning(start_loss, &history, results.final_loss, learn_rate) {
        eprintln!("warning: {warning}");
    }

    if let Some(pending) = pending {
        pending.commit(&model.to_json())?;
    }
    if args.json {
        let out = TrainOut {
            architecture: model.architecture.describe(),
            params: params_json(&model.architecture)?,
            history: &history,
            seed,
            epochs: config.epochs,
            learn_rate,
            log_every: config.log_every,
            normalisation: norm,
            final_loss: results.final_loss,
            predictions: results.predictions,
            test: results.test,
        };
        let text = serde_json::to_string(&out)?;
        println!("{text}");
    } else {
        print_results(&results);
        if let Some(path) = &args.save {
            println!("Model saved to {}", path.display());
        }
    }
    Ok(())
}

/// The seed of `--seed`, or the default.
fn seed_of(args: &TrainArgs) -> u64 {
    args.seed.unwrap_or(DEFAULT_SEED)
}

/// The name of `units` as `--units` takes it.
fn units_name(units: Units) -> &'static str {
    match units {
        Units::LbIn => "lb-in",
        Units::KgCm => "kg-cm",
    }
}

/// Options that only mean something with others: refused alone, rather than ignored.
fn check_combinations(args: &TrainArgs) -> Result<(), CliError> {
    if args.data.is_none()
        && let Some(units) = args.units
    {
        return Err(CliError::Usage(format!(
            "--units {}: gives the units of the plain weight and height columns of --data \
                 FILE, and there is no --data; drop --units (the built-in datasets know their \
                 units)",
            units_name(units)
        )));
    }
    let seeded = args.init.is_none() || args.test_fraction.is_some() || args.shuffle;
    if let (Some(s), false) = (args.seed, seeded) {
        return Err(CliError::Usage(format!(
            "--seed {s}: nothing to seed, since --init sets the starting parameters (and there \
             is no --test-fraction or --shuffle); drop one of --seed and --init"
        )));
    }
    if let Some(lr) = args.learn_rate
        && Limits::CLI.learn_rate(lr).is_err()
    {
        return Err(CliError::Usage(format!(
            "--learn-rate {lr:?}: must be a positive finite number; try 0.1 (the default)"
        )));
    }
    if let Some(f) = args.test_fraction
        && Limits::CLI.test_fraction(f).is_err()
    {
        return Err(CliError::Usage(format!(
            "--test-fraction {f}: the test fraction must be between 0 and 1 (exclusive); \
                 try 0.25"
        )));
    }
    Ok(())
}

/// The settings of the tutorial network's training (also checked when an MLP is trained, as
/// before: zero epochs or a bad learning rate are errors either way).
fn tutorial_config(args: &TrainArgs) -> Result<TrainConfig, CliError> {
    let config = TrainConfig {
        learn_rate: args.learn_rate.unwrap_or(TrainConfig::default().learn_rate),
        epochs: args.epochs,
        log_every: args.log_every,
    };
    config.validate()?;
    Ok(config)
}

/// What is wrong with a finished run, if anything: a loss that ended no lower than it started
/// (less than 1% lower), or that rose well above its lowest logged value (by a quarter and by
/// more than 0.02); with the likely cause and what to try.
pub(crate) fn outcome_warning(
    start: f64,
    history: &[LossRecord],
    end: f64,
    learn_rate: f64,
) -> Option<String> {
    let try_instead = if learn_rate > 1.0 {
        "try 0.1 and raise it step by step".to_string()
    } else {
        format!("try {}, or more epochs", learn_rate / 10.0)
    };
    // A rise after progress first: that is the more specific diagnosis.
    if let Some(lowest) = history.iter().min_by(|a, b| a.loss.total_cmp(&b.loss))
        && lowest.loss < start
        && end > 1.25 * lowest.loss
        && end - lowest.loss > 0.02
    {
        return Some(format!(
            "the loss rose: it was {:.6} at epoch {} and ended at {end:.6}, so training \
                 became unstable; the learn rate {learn_rate:?} is likely too large; {try_instead}",
            lowest.loss, lowest.epoch
        ));
    }
    if end >= 0.99 * start {
        return Some(format!(
            "training did not lower the loss (by 1% or more): it started at {start:.6} and ended \
             at {end:.6}; the learn rate {learn_rate:?} is likely too large (the steps overshoot \
             and the neurons saturate) or too small for the epochs given; {try_instead}"
        ));
    }
    None
}

/// The tutorial network of `--init`, if given.
fn initial_network(args: &TrainArgs) -> Result<Option<Network>, CliError> {
    match &args.init {
        Some(values) => Network::try_from_slice(values)
            .map(Some)
            .map_err(|e| CliError::at("--init", e)),
        None => Ok(None),
    }
}

/// The people to train on and, with `--test-fraction`, the held-out ones (chosen with `--seed`).
fn split_people(
    args: &TrainArgs,
    people: Vec<Person>,
) -> Result<(Vec<Person>, Option<Vec<Person>>), CliError> {
    match args.test_fraction {
        Some(f) => {
            let (train, test) = datasets::train_test_split(&people, f, seed_of(args))
                .map_err(|e| CliError::at(format!("--test-fraction {f}"), e))?;
            Ok((train, Some(test)))
        }
        None => Ok((people, None)),
    }
}

/// The normalisation of `--normalisation`, fitted to the training people; by default the
/// tutorial's shift for the tutorial's people and standardisation for anyone else.
fn normalisation(
    args: &TrainArgs,
    tutorial_people: bool,
    train_people: &[Person],
) -> Result<Normalisation, CliError> {
    let default = if tutorial_people {
        NormalisationKind::TutorialShift
    } else {
        NormalisationKind::Standardise
    };
    args.normalisation
        .unwrap_or(default)
        .fit(train_people)
        .map_err(|e| in_source(args, e))
}

/// An error about the people read from `--data FILE`, prefixed with the file's name.
fn in_source(args: &TrainArgs, e: Error) -> CliError {
    match &args.data {
        Some(path) => CliError::at(path.display(), e),
        None => e.into(),
    }
}

/// The people of `--data FILE` (filtered by `--min-age`) or of `--dataset`.
fn load_people(args: &TrainArgs) -> Result<People, CliError> {
    if args.min_age.is_some() && args.data.is_none() {
        return Err(CliError::Usage(
            "--min-age filters the rows of --data FILE; the built-in datasets are fixed (the \
             howell dataset holds the census adults already)"
                .to_string(),
        ));
    }
    let Some(path) = &args.data else {
        let people = args.dataset.people();
        let source = match args.dataset {
            BuiltinDataset::Tutorial => "the tutorial's 4 people (built-in)".to_string(),
            BuiltinDataset::Howell => format!(
                "the {} adults of the Howell census (built-in)",
                people.len()
            ),
        };
        let tutorial = args.dataset == BuiltinDataset::Tutorial;
        return Ok(People {
            people,
            source,
            tutorial,
        });
    };
    let file = open_file(path)?;
    let options = CsvOptions {
        units: args.units.unwrap_or(Units::LbIn),
        min_age: args.min_age,
    };
    let progress = |rows: u64| {
        if rows.is_multiple_of(2 * LARGE as u64) {
            eprintln!("progress: read {rows} rows of {}", path.display());
        }
    };
    let read = csv_data::read_people_with(std::io::BufReader::new(file), &options, false, progress)
        .map_err(|e| CliError::at(path.display(), e))?;
    let plain: Vec<&str> = [read.weight_column, read.height_column]
        .into_iter()
        .filter(|c| *c == "weight" || *c == "height")
        .collect();
    match args.units {
        None if !plain.is_empty() => eprintln!(
            "warning: {}: the column{} {} name{} no unit, so {} read in pounds and inches (the \
             default of --units); for kilograms and centimetres pass --units kg-cm, or name the \
             columns weight_kg and height_cm",
            path.display(),
            if plain.len() > 1 { "s" } else { "" },
            plain.join(" and "),
            if plain.len() > 1 { "" } else { "s" },
            if plain.len() > 1 { "they are" } else { "it is" },
        ),
        Some(units) if plain.is_empty() => {
            return Err(CliError::Usage(format!(
                "--units {}: the columns {} and {} of {} name their units already, and --units \
                 applies to plain weight and height columns only; drop --units",
                units_name(units),
                read.weight_column,
                read.height_column,
                path.display()
            )));
        }
        _ => {}
    }
    let people = read.people;
    let source = format!("{} people from {}", people.len(), path.display());
    Ok(People {
        people,
        source,
        tutorial: false,
    })
}

/// The layer sizes, hidden activation and training settings of a general MLP, when any MLP
/// option was given; `None` for the tutorial's network.
fn mlp_settings(args: &TrainArgs) -> Result<Option<(Vec<usize>, Activation, FitConfig)>, CliError> {
    let wanted = args.layers.is_some()
        || args.activation.is_some()
        || args.optimizer.is_some()
        || args.batch_size.is_some()
        || args.loss.is_some()
        || args.shuffle;
    if !wanted {
        return Ok(None);
    }
    let sizes = args.layers.clone().unwrap_or_else(|| vec![2, 2, 1]);
    Limits::CLI
        .layer_sizes(&sizes)
        .map_err(|e| in_layers(&sizes, e))?;
    let config = fit_config(args, args.loss.unwrap_or(FitConfig::default().loss))?;
    let hidden = args.activation.unwrap_or(Activation::Sigmoid);
    Ok(Some((sizes, hidden, config)))
}

/// The MLP trainer's settings from the options (each missing one at [`FitConfig::default`]'s
/// value, the learning rate at the optimizer's default), minimising `loss`; checked.
pub(crate) fn fit_config(args: &TrainArgs, loss: Loss) -> Result<FitConfig, CliError> {
    let defaults = FitConfig::default();
    let kind = args.optimizer.unwrap_or_else(|| defaults.optimizer.kind());
    let config = FitConfig {
        epochs: args.epochs,
        batch_size: args.batch_size.unwrap_or(defaults.batch_size),
        shuffle: args.shuffle,
        seed: seed_of(args),
        loss,
        optimizer: kind.with_learn_rate(args.learn_rate.unwrap_or(kind.default_learn_rate())),
        log_every: args.log_every,
    };
    config.validate()?;
    Ok(config)
}

/// A library error about the layer sizes, said of `--layers` as the user wrote it.
pub(crate) fn in_layers(sizes: &[usize], e: Error) -> CliError {
    let list: Vec<String> = sizes.iter().map(|n| n.to_string()).collect();
    CliError::at(format!("--layers {}", list.join(",")), e)
}

/// The network to train: the tutorial's (from `--init` or `--seed`), or an MLP of the given
/// shape (from `--seed`, or from `--init` laid out as a 2-2-1 sigmoid MLP).
fn architecture(
    args: &TrainArgs,
    mlp: Option<&(Vec<usize>, Activation, FitConfig)>,
    init: Option<Network>,
) -> Result<Architecture, CliError> {
    let Some((sizes, hidden, _)) = mlp else {
        return Ok(Architecture::Tutorial {
            params: init.unwrap_or_else(|| Network::random(seed_of(args))),
        });
    };
    let network = match init {
        // The tutorial's nine parameters, laid out as a 2-2-1 sigmoid MLP.
        Some(net) if sizes[..] == [2, 2, 1] && *hidden == Activation::Sigmoid => {
            Mlp::from_tutorial(&net)
        }
        Some(_) => {
            return Err(CliError::Usage(
                "--init sets the nine parameters of a 2-2-1 sigmoid network; it cannot be \
                 combined with other --layers or --activation"
                    .to_string(),
            ));
        }
        None => Mlp::new(sizes, *hidden, Activation::Sigmoid, seed_of(args))
            .map_err(|e| in_layers(sizes, e))?,
    };
    Ok(Architecture::Mlp { network })
}

/// The end of the settings line for an MLP: optimizer, batch size, loss, shuffling.
pub(crate) fn fit_details(f: &FitConfig) -> String {
    format!(
        ", {} optimizer, batch size {}, {} loss{}",
        f.optimizer.name(),
        f.batch_size,
        f.loss.name(),
        if f.shuffle { ", shuffled" } else { "" }
    )
}

/// The final `loss` over the training data, the predictions for Emily and Frank, and the
/// confusion matrix on the held-out people (if any).
fn evaluate(
    model: &ModelFile,
    dataset: &Dataset,
    loss: Loss,
    test_people: &Option<Vec<Person>>,
) -> Result<Results, CliError> {
    let predict = |w: f64, h: f64| model.predict(w, h);
    let final_loss = model.architecture.loss(dataset, loss)?;
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
    let test = match test_people {
        Some(people) => {
            // One set of buffers for all the held-out people.
            let predictor = model.architecture.predictor()?;
            let norm = model.normalisation;
            let c = Confusion::evaluate(&|w, h| predictor(norm.apply(w, h)), people)?;
            Some(TestOut {
                people: c.total(),
                accuracy: c.accuracy(),
                confusion: c,
            })
        }
        None => None,
    };
    Ok(Results {
        final_loss,
        predictions,
        test,
    })
}

/// The trained parameters as JSON: the nine named ones, or the MLP.
fn params_json(architecture: &Architecture) -> Result<serde_json::Value, CliError> {
    match architecture {
        Architecture::Tutorial { params } => serde_json::to_value(params),
        Architecture::Mlp { network } => serde_json::to_value(network),
    }
    .map_err(CliError::from)
}

/// The end of the text report: final loss, Emily and Frank, held-out accuracy.
fn print_results(results: &Results) {
    println!("Final loss: {:.6}", results.final_loss);
    for p in &results.predictions {
        println!(
            "{} ({} lb, {} in): {:.3} -> {}",
            p.name, p.weight_lb, p.height_in, p.p_female, p.label
        );
    }
    if let Some(t) = &results.test {
        println!(
            "Held-out accuracy: {:.3} ({} of {} people)",
            t.accuracy,
            t.confusion.female_as_female + t.confusion.male_as_male,
            t.people
        );
        println!(
            "{}",
            t.confusion
                .table(["predicted F", "predicted M", "actually F", "actually M"])
        );
    }
}
