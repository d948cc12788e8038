//! `nn-from-scratch train --data FILE` on a table (any CSV of numbers with a `label` column,
//! `nn_from_scratch::table`): a general MLP with a sigmoid output for two classes or softmax for
//! more, reported as text or one JSON object, saved as a table model.

use std::path::Path;

use serde::Serialize;

use nn_from_scratch::classifier::Classifier;
use nn_from_scratch::datasets::{NormalisationKind, split_indices};
use nn_from_scratch::limits::Limits;
use nn_from_scratch::metrics::ClassConfusion;
use nn_from_scratch::mlp::{Activation, FitConfig, Loss, Mlp, Workspace};
use nn_from_scratch::table::{Scaling, Table, read_table};
use nn_from_scratch::training::LossRecord;

use crate::args::{TABLE_HIDDEN, TrainArgs};
use crate::error::CliError;
use crate::files::{PendingFile, open_file};
use crate::train::{fit_config, fit_details, in_layers, outcome_warning};

/// How the model does on the held-out rows.
#[derive(Serialize)]
struct TestOut {
    rows: usize,
    accuracy: f64,
    confusion: ClassConfusion,
}

/// The whole run, as `--json` prints it.
#[derive(Serialize)]
struct TableOut<'a> {
    architecture: String,
    features: &'a [String],
    classes: &'a [String],
    params: &'a Mlp,
    history: &'a [LossRecord],
    seed: u64,
    epochs: usize,
    learn_rate: f64,
    log_every: usize,
    normalisation: &'a Scaling,
    final_loss: f64,
    test: Option<TestOut>,
}

/// Options that mean something for people only: refused for a table, rather than ignored.
fn refuse_people_options(args: &TrainArgs, path: &Path) -> Result<(), CliError> {
    let shown = path.display();
    let refuse = |option: &str, why: &str| {
        Err(CliError::Usage(format!(
            "{option}: {why}, and {shown} is a table (its header names no weight, height or sex \
             column); drop {option}"
        )))
    };
    if args.units.is_some() {
        return refuse("--units", "gives the units of weight and height columns");
    }
    if args.min_age.is_some() {
        return refuse("--min-age", "filters people by their age column");
    }
    if args.init.is_some() {
        return refuse("--init", "sets the tutorial network's nine parameters");
    }
    if args.normalisation == Some(NormalisationKind::TutorialShift) {
        return refuse(
            "--normalisation tutorial-shift",
            "shifts weight and height by the tutorial's 135 lb and 66 in (a table is \
             standardised)",
        );
    }
    Ok(())
}

/// The layers, hidden activation and settings for `table`, checked against it.
fn settings(args: &TrainArgs, table: &Table) -> Result<(Vec<usize>, FitConfig), CliError> {
    let (features, k) = (table.features.len(), table.classes.len());
    let outputs = Classifier::outputs_for(k);
    let sizes = (args.layers.clone()).unwrap_or_else(|| vec![features, TABLE_HIDDEN, outputs]);
    Limits::CLI
        .table_layer_sizes(&sizes, features, k)
        .map_err(|e| in_layers(&sizes, e))?;
    let loss = args.loss.unwrap_or(Loss::CrossEntropy);
    Classifier::output_for(k)
        .check_loss(loss)
        .map_err(|e| CliError::at(format!("--loss {loss}"), e))?;
    let config = fit_config(args, loss)?;
    Ok((sizes, config))
}

/// The classes for the header line: all of them, or the first few and the count.
fn class_list(classes: &[String]) -> String {
    if classes.len() <= 12 {
        return classes.join(", ");
    }
    format!(
        "{}, ... ({} classes)",
        classes[..10].join(", "),
        classes.len()
    )
}

/// Trains on the table at `path` as `args` say, saves the model if asked, and prints the run.
/// Every input is checked (and the model file's place prepared) before training starts.
pub fn run(args: &TrainArgs, path: &Path) -> Result<(), CliError> {
    refuse_people_options(args, path)?;
    let pending = match &args.save {
        Some(save) => Some(PendingFile::create(save, Some(path))?),
        None => None,
    };
    let file = std::io::BufReader::new(open_file(path)?);
    let table = read_table(file).map_err(|e| CliError::at(path.display(), e))?;
    let (sizes, config) = settings(args, &table)?;
    let seed = config.seed;
    let n = table.rows.len();
    let (train, test) = match args.test_fraction {
        Some(f) => {
            let (train, test) = split_indices(n, f, seed)
                .map_err(|e| CliError::at(format!("--test-fraction {f}"), e))?;
            (table.select(&train), Some(table.select(&test)))
        }
        None => (table, None),
    };
    let scaling = Scaling::standardise(&train.rows).map_err(|e| match e {
        nn_from_scratch::Error::Unscalable { feature } => CliError::Usage(format!(
            "{}: column {}: {e}",
            path.display(),
            train.features[feature - 1]
        )),
        e => CliError::at(path.display(), e),
    })?;
    let inputs: Vec<Vec<f64>> = train.rows.iter().map(|r| scaling.apply(r)).collect();
    let labels = train.label_values();
    let k = train.classes.len();
    let hidden = args.activation.unwrap_or(Activation::Sigmoid);
    let mut mlp = Mlp::new(&sizes, hidden, Classifier::output_for(k), seed)?;
    if config.batch_size > inputs.len() {
        eprintln!(
            "warning: --batch-size {} is more than the {} training rows; every batch holds all \
             of them (full-batch gradient descent)",
            config.batch_size,
            inputs.len()
        );
    }
    let mut ws = Workspace::new(&mlp, 256.min(inputs.len()))?;
    let start_loss = mlp.dataset_loss(&mut ws, &inputs, &labels, config.loss)?;
    let describe = mlp.describe();
    if !args.json {
        println!(
            "Training {describe} on {n} rows of {}: {} feature{}, {k} classes ({})",
            path.display(),
            train.features.len(),
            if train.features.len() == 1 { "" } else { "s" },
            class_list(&train.classes)
        );
        if let Some(test) = &test {
            let (held, kept) = (test.rows.len(), train.rows.len());
            println!("Held out {held} rows for testing; training on {kept}");
        }
        println!("Seed: {seed} (change it with --seed)");
        println!(
            "Learn rate {}, {} epochs, loss logged every {} epochs{}",
            config.optimizer.learn_rate(),
            config.epochs,
            config.log_every,
            fit_details(&config)
        );
    }
    let quiet = args.json;
    let history = mlp.fit(&inputs, &labels, &config, |r| {
        if !quiet {
            println!("Epoch {} loss: {:.3}", r.epoch, r.loss);
        }
    })?;
    let final_loss = mlp.dataset_loss(&mut ws, &inputs, &labels, config.loss)?;
    let learn_rate = config.optimizer.learn_rate();
    if let Some(warning) = outcome_warning(start_loss, &history, final_loss, learn_rate) {
        eprintln!("warning: {warning}");
    }
    let model = Classifier::new(train.features, train.classes, scaling, mlp)?;
    let test = match test {
        Some(test) => {
            let answers = model.classify(&test.rows)?;
            let confusion = ClassConfusion::new(model.classes.clone(), &test.labels, &answers)?;
            Some(TestOut {
                rows: confusion.total(),
                accuracy: confusion.accuracy(),
                confusion,
            })
        }
        None => None,
    };
    if let Some(pending) = pending {
        pending.commit(&model.to_json())?;
    }
    if args.json {
        let out = TableOut {
            architecture: describe,
            features: &model.features,
            classes: &model.classes,
            params: &model.network,
            history: &history,
            seed,
            epochs: config.epochs,
            learn_rate,
            log_every: config.log_every,
            normalisation: &model.scaling,
            final_loss,
            test,
        };
        println!("{}", serde_json::to_string(&out)?);
        return Ok(());
    }
    println!("Final loss: {final_loss:.6}");
    if let Some(t) = &test {
        let right = t.confusion.correct();
        println!(
            "Held-out accuracy: {:.3} ({right} of {} rows)",
            t.accuracy, t.rows
        );
        println!("{}", t.confusion.table(["actual", "predicted:"]));
    }
    if let Some(save) = &args.save {
        println!("Model saved to {}", save.display());
    }
    Ok(())
}
