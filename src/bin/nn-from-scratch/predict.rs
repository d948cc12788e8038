//! `nn-from-scratch predict`: the probability of female from a saved model and raw measurements.

use nn_from_scratch::csv_data::{HEIGHT_IN_RANGE, Units, WEIGHT_LB_RANGE};
use nn_from_scratch::data::Sex;
use nn_from_scratch::model::ModelFile;

use crate::args::PredictArgs;
use crate::error::CliError;
use crate::files::read_file;

/// Checks the measurements, loads the model, converts the measurements to pounds and inches,
/// and prints the prediction.
pub fn run(args: &PredictArgs) -> Result<(), CliError> {
    let (weight_lb, height_in) = args.units.to_lb_in(args.weight, args.height);
    let (w_unit, h_unit, other) = match args.units {
        Units::LbIn => ("lb", "in", "kilograms and centimetres with --units kg-cm"),
        Units::KgCm => ("kg", "cm", "pounds and inches with --units lb-in"),
    };
    let checks = [
        (
            "weight",
            args.weight,
            w_unit,
            weight_lb,
            WEIGHT_LB_RANGE,
            "lb",
        ),
        (
            "height",
            args.height,
            h_unit,
            height_in,
            HEIGHT_IN_RANGE,
            "in",
        ),
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
