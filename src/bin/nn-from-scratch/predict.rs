//! `nn-from-scratch predict`: the probability of female from a saved model and raw measurements,
//! or the class of every row of a table from a model trained on a table.

use nn_from_scratch::classifier::Classifier;
use nn_from_scratch::csv_data::{HEIGHT_IN_RANGE, Units, WEIGHT_LB_RANGE};
use nn_from_scratch::data::Sex;
use nn_from_scratch::model::ModelFile;
use nn_from_scratch::table::read_features;

use crate::args::PredictArgs;
use crate::error::CliError;
use crate::files::{open_file, read_file};

/// Checks the measurements, loads the model, converts the measurements to pounds and inches,
/// and prints the prediction.
pub fn run(args: &PredictArgs) -> Result<(), CliError> {
    let (Some(weight), Some(height)) = (args.weight, args.height) else {
        return table(args);
    };
    let (weight_lb, height_in) = args.units.to_lb_in(weight, height);
    let (w_unit, h_unit, other) = match args.units {
        Units::LbIn => ("lb", "in", "kilograms and centimetres with --units kg-cm"),
        Units::KgCm => ("kg", "cm", "pounds and inches with --units lb-in"),
    };
    let checks = [
        ("weight", weight, w_unit, weight_lb, WEIGHT_LB_RANGE, "lb"),
        ("height", height, h_unit, height_in, HEIGHT_IN_RANGE, "in"),
    ];
    for (what, given, unit, value, range, base) in checks {
        if !range.contains(&value) {
            return Err(CliError::Usage(format!(
                "--{what} {given:?} ({unit}): not a {what} a person can have ({} to {} {base}); \
                 check the value, or give it in {other}",
                range.start(),
                range.end()
            )));
        }
    }
    let text = read_file(&args.model)?;
    let model = ModelFile::from_json(&text).map_err(|e| CliError::at(args.model.display(), e))?;
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

/// Loads a table model and the rows of `--data`, and prints each row's class (with `--json`,
/// each row's class and probabilities).
fn table(args: &PredictArgs) -> Result<(), CliError> {
    let Some(path) = &args.data else {
        return Err(CliError::Usage(
            "give --weight and --height (a person), or --data FILE (rows of a table)".to_string(),
        ));
    };
    let text = read_file(&args.model)?;
    let model = Classifier::from_json(&text).map_err(|e| CliError::at(args.model.display(), e))?;
    let file = std::io::BufReader::new(open_file(path)?);
    let rows = read_features(file, &model.features).map_err(|e| CliError::at(path.display(), e))?;
    let classes = model.classify(&rows)?;
    if args.json {
        let k = model.classes.len();
        let p = model.probabilities(&rows)?;
        let out: Vec<serde_json::Value> = (classes.iter().zip(p.chunks_exact(k)))
            .map(|(&c, p)| serde_json::json!({"class": model.classes[c], "probabilities": p}))
            .collect();
        println!(
            "{}",
            serde_json::json!({"classes": model.classes, "rows": out})
        );
    } else {
        for c in classes {
            println!("{}", model.classes[c]);
        }
    }
    Ok(())
}
