//! The error messages' tests: the library's own terms, and the advice that depends on the input.

use super::Error;

/// The library's messages say what to do in its own terms: the options of the trainer
/// (`--units`, `--normalisation`, `train --save`) are the binary's words, which it adds.
#[test]
fn messages_name_no_command_line_option() {
    let errors = [
        Error::NoSpread { feature: "height" },
        Error::Implausible {
            line: 2,
            column: "height".to_string(),
            value: "165".to_string(),
        },
        Error::UnknownUnit {
            index: 1,
            header: "weight_st".to_string(),
            unit: "st".to_string(),
            what: "weight",
            right: "weight_lb or weight_kg",
        },
        Error::CorruptModel("no \"version\" number".to_string()),
        Error::ModelVersion {
            found: 2,
            expected: 1,
        },
        Error::ZeroLogEvery,
    ];
    for e in errors {
        let message = e.to_string();
        assert!(
            !message.contains("--") && !message.contains("train "),
            "{message}"
        );
    }
}

#[test]
fn messages_keep_their_conditional_advice() {
    let bad = |column: &str, value: &str| Error::BadNumber {
        line: 3,
        column: column.to_string(),
        value: value.to_string(),
    };
    let label = |column: &str| Error::BadLabel {
        line: 2,
        column: column.to_string(),
        value: "x".to_string(),
    };
    let implausible = |column: &str| Error::Implausible {
        line: 2,
        column: column.to_string(),
        value: "0".to_string(),
    };
    let cases = [
        (bad("weight_lb", "133,5"), "decimals with a point"),
        (bad("weight_lb", "abc"), "like 65 or 65.5"),
        (label("male"), "1 for male and 0 for female"),
        (label("sex"), "1 or F for female"),
        (implausible("weight_kg"), "not a weight"),
        (implausible("height_cm"), "10 to 110 in, 25 to 280 cm"),
        (implausible("weight_kg"), "1 to 1500 lb, 0.45 to 680 kg"),
    ];
    for (error, advice) in cases {
        assert!(error.to_string().contains(advice), "{error}");
    }
}
