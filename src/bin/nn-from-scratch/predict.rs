//! `nn-from-scratch predict`: the probability of female from a saved model and raw measurements.

use nn_from_scratch::Error;
use nn_from_scratch::data::Sex;
use nn_from_scratch::model::ModelFile;

use crate::args::PredictArgs;
use crate::files::read_file;

/// Loads the model, converts the measurements to pounds and inches, and prints the prediction.
pub fn run(args: &PredictArgs) -> Result<(), Error> {
    let text = read_file(&args.model)?;
    let model = ModelFile::from_json(&text)
        .map_err(|e| Error::Invalid(format!("{}: {e}", args.model.display())))?;
    let (weight_lb, height_in) = args.units.to_lb_in(args.weight, args.height);
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
