//! The one error type of the crate: everything a user can get wrong, each with a message that
//! names the problem.

use std::fmt;

/// Something the caller (or the caller's data) got wrong.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// Two lists that must pair up have different lengths.
    LengthMismatch {
        /// The length of the first list.
        expected: usize,
        /// The length of the second list.
        found: usize,
    },
    /// A dataset with no samples.
    EmptyDataset,
    /// A data file with nothing in it, not even a header.
    EmptyFile,
    /// A dataset in which everyone has the same sex.
    OneClass {
        /// The only sex present.
        sex: &'static str,
    },
    /// A feature that has the same value for everyone, so it cannot be standardised.
    NoSpread {
        /// The feature's name.
        feature: &'static str,
    },
    /// A required CSV column is absent.
    MissingColumn {
        /// What was looked for.
        what: &'static str,
        /// The columns that were there.
        found: String,
    },
    /// A CSV row has no value in a required column.
    MissingValue {
        /// The line number in the file (the header is line 1).
        line: u64,
        /// The column's name.
        column: String,
    },
    /// A value that is not a number.
    BadNumber {
        /// The line number in the file.
        line: u64,
        /// The column's name.
        column: String,
        /// The offending text.
        value: String,
    },
    /// A number that is NaN or infinite.
    NonFiniteValue {
        /// The line number in the file.
        line: u64,
        /// The column's name.
        column: String,
        /// The offending text.
        value: String,
    },
    /// A measurement outside what a person can have (see [`crate::csv_data::WEIGHT_LB_RANGE`]
    /// and [`crate::csv_data::HEIGHT_IN_RANGE`]): a typing mistake or the wrong unit.
    Implausible {
        /// The line number in the file.
        line: u64,
        /// The column's name (`weight...` or `height...`).
        column: String,
        /// The offending text.
        value: String,
    },
    /// A label that is not one of the accepted spellings.
    BadLabel {
        /// The line number in the file.
        line: u64,
        /// The column's name.
        column: String,
        /// The offending text.
        value: String,
    },
    /// Any other malformed CSV.
    Csv(String),
    /// The wrong number of starting parameters.
    ParamCount {
        /// How many were given.
        found: usize,
    },
    /// A starting parameter that is NaN or infinite.
    NonFiniteParam {
        /// The parameter's name.
        name: &'static str,
    },
    /// A learning rate that is not a positive finite number.
    InvalidLearnRate(f64),
    /// Zero epochs: training would do nothing.
    ZeroEpochs,
    /// Logging every 0 epochs.
    ZeroLogEvery,
    /// Training blew up: the loss or a parameter stopped being a finite number.
    Diverged {
        /// The epoch at which it was noticed.
        epoch: usize,
    },
    /// A model file that cannot be read as a model.
    CorruptModel(String),
    /// A model file written by an incompatible version.
    ModelVersion {
        /// The version in the file.
        found: u64,
        /// The version this program reads.
        expected: u64,
    },
    /// A measurement given for prediction that is not a finite number.
    NonFiniteInput(&'static str),
    /// A file could not be read or written.
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// Anything else the caller got wrong, described in words.
    Invalid(String),
    /// A name (of an activation, a loss, an optimizer) that is not one of the accepted ones.
    UnknownName {
        /// What kind of thing was named.
        kind: &'static str,
        /// The name given.
        found: String,
        /// The accepted names.
        expected: &'static str,
    },
    /// A network needs at least two layer sizes: the inputs and the outputs.
    TooFewLayers {
        /// How many sizes were given.
        found: usize,
    },
    /// A layer with no neurons (or no inputs).
    ZeroWidth {
        /// The index of the layer in the list of sizes (0 is the input).
        layer: usize,
    },
    /// The general network has exactly one output (the probability of female).
    OutputWidth {
        /// The output width given.
        found: usize,
    },
    /// A sample whose number of features differs from the network's input width.
    InputWidth {
        /// The network's input width.
        expected: usize,
        /// The sample's width.
        found: usize,
    },
    /// A parameter vector whose length does not fit the layer sizes.
    MlpParamCount {
        /// The count the layer sizes call for.
        expected: usize,
        /// The count given.
        found: usize,
    },
    /// A parameter of the general network that is NaN or infinite.
    NonFiniteParamAt {
        /// Its index in the flat parameter vector.
        index: usize,
    },
    /// A training sample (a feature or its label) that is NaN or infinite.
    NonFiniteSample {
        /// The index of the sample.
        index: usize,
    },
    /// Mini-batches of zero samples.
    ZeroBatchSize,
    /// A decay rate of an optimizer outside [0, 1).
    InvalidBeta {
        /// Which one (`beta`, `beta1`, `beta2`).
        name: &'static str,
        /// Its value.
        value: f64,
    },
    /// Adam's epsilon is not a positive finite number.
    InvalidEpsilon(f64),
    /// A general network that is not the tutorial's 2-2-1 sigmoid network.
    NotTutorial(String),

    // Settings validation (choices and limits)
    /// A setting outside its range ([`crate::limits::Limits`]).
    OutOfRange {
        /// The setting, in words (`the number of points`).
        what: String,
        /// The value given.
        found: String,
        /// The smallest accepted value, in words.
        min: String,
        /// The largest accepted value, in words.
        max: String,
    },
    /// A setting written as text that is not the number it must be.
    NotANumber {
        /// The setting, in words (`the seed`).
        what: &'static str,
        /// The text given.
        found: String,
        /// What is accepted.
        expected: &'static str,
    },
    /// A network for people or points whose first layer is not 2 wide (weight and height).
    InputSize {
        /// The first size given.
        found: usize,
    },
    /// Layer sizes that call for more parameters than allowed.
    TooManyParams {
        /// The sizes, as `2-8-1`.
        sizes: String,
        /// The most parameters allowed.
        max: usize,
    },
    /// A setting's name (a key of the playground's address) that is not one of the settings.
    UnknownSetting {
        /// The name given.
        found: String,
        /// The settings there are.
        expected: String,
    },
    /// A setting given twice.
    RepeatedSetting {
        /// Its name.
        key: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::LengthMismatch { expected, found } => write!(
                f,
                "length mismatch: {expected} true values but {found} predictions"
            ),
            Error::EmptyDataset => write!(f, "the dataset has no people in it"),
            Error::EmptyFile => write!(
                f,
                "the data file is empty; it needs a header row (such as weight_lb,height_in,sex) \
                 and one person per line"
            ),
            Error::OneClass { sex } => write!(
                f,
                "every person in the dataset is {sex}: training needs both sexes; add people of the \
                 other sex"
            ),
            Error::NoSpread { feature } => write!(
                f,
                "every person has the same {feature}, so it cannot be standardised; add people who \
                 differ, or use the tutorial's shift (--normalisation tutorial-shift)"
            ),
            Error::MissingColumn { what, found } => {
                write!(
                    f,
                    "missing column: {what}; the header has: {found}; add the column or rename \
                     one (for example gender to sex)"
                )
            }
            Error::MissingValue { line, column } => {
                write!(
                    f,
                    "line {line}, column {column}: empty; every row needs a value here (fill it \
                     in or delete the row)"
                )
            }
            Error::BadNumber {
                line,
                column,
                value,
            } => {
                let hint = if value.contains(',') {
                    "write decimals with a point, such as 65.5, and no thousands separators"
                } else {
                    "write it like 65 or 65.5"
                };
                write!(
                    f,
                    "line {line}, column {column}: {value:?} is not a number; {hint}"
                )
            }
            Error::NonFiniteValue {
                line,
                column,
                value,
            } => write!(
                f,
                "line {line}, column {column}: {value:?} is not a finite number; write the \
                 measurement, such as 65.5"
            ),
            Error::BadLabel {
                line,
                column,
                value,
            } if column == "male" => write!(
                f,
                "line {line}, column {column}: label {value:?} is not 1 or 0; a male column holds \
                 1 for male and 0 for female"
            ),
            Error::BadLabel {
                line,
                column,
                value,
            } => write!(
                f,
                "line {line}, column {column}: label {value:?} is not one of 1, 0, F, M, female, \
                 male; write 1 or F for female, 0 or M for male"
            ),
            Error::Implausible {
                line,
                column,
                value,
            } => {
                let (what, range) = if column.starts_with("weight") {
                    ("weight", "1 to 1500 lb, 0.5 to 680 kg")
                } else {
                    ("height", "10 to 110 in, 25 to 280 cm")
                };
                write!(
                    f,
                    "line {line}, column {column}: {value} is not a {what} a person can have \
                     ({range}); check the value and its unit (the column name's _lb, _kg, _in or \
                     _cm, or --units for a plain {what} column)"
                )
            }
            Error::Csv(msg) => write!(f, "malformed CSV: {msg}"),
            Error::ParamCount { found } => write!(
                f,
                "expected 9 parameters (w1,w2,w3,w4,w5,w6,b1,b2,b3), got {found}"
            ),
            Error::NonFiniteParam { name } => {
                write!(f, "parameter {name} is not a finite number")
            }
            Error::InvalidLearnRate(lr) => {
                write!(
                    f,
                    "the learn rate must be a positive finite number, got {lr}; try 0.1"
                )
            }
            Error::ZeroEpochs => write!(f, "the number of epochs must be at least 1, got 0"),
            Error::ZeroLogEvery => write!(
                f,
                "log-every must be at least 1 (1 logs every epoch), got 0"
            ),
            Error::Diverged { epoch } => write!(
                f,
                "training diverged at epoch {epoch}: the loss is no longer a finite number; \
                 try a smaller learn rate (a tenth of this one), or starting parameters nearer 0"
            ),
            Error::CorruptModel(msg) => write!(
                f,
                "not a valid model file: {msg}; write the model again with train --save"
            ),
            Error::ModelVersion { found, expected } => write!(
                f,
                "model file version {found} is not supported (this program reads version \
                 {expected}); write the model again with this program's train --save"
            ),
            Error::NonFiniteInput(what) => write!(f, "{what} must be a finite number"),
            Error::Io { path, message } => write!(f, "{path}: {message}"),
            Error::Invalid(msg) => write!(f, "{msg}"),
            Error::UnknownName {
                kind,
                found,
                expected,
            } => write!(f, "unknown {kind} {found:?}; expected one of: {expected}"),
            Error::TooFewLayers { found } => write!(
                f,
                "a network needs at least 2 layer sizes (inputs and outputs), got {found}"
            ),
            Error::ZeroWidth { layer } => {
                write!(f, "layer {layer} has size 0; every layer needs at least 1")
            }
            Error::OutputWidth { found } => write!(
                f,
                "the output layer must have exactly 1 neuron (the probability), got {found}"
            ),
            Error::InputWidth { expected, found } => write!(
                f,
                "the network takes {expected} inputs but a sample has {found}"
            ),
            Error::MlpParamCount { expected, found } => write!(
                f,
                "the layer sizes call for {expected} parameters, got {found}"
            ),
            Error::NonFiniteParamAt { index } => {
                write!(f, "parameter {index} is not a finite number")
            }
            Error::NonFiniteSample { index } => write!(
                f,
                "sample {index} has a value or label that is not a finite number"
            ),
            Error::ZeroBatchSize => write!(f, "the batch size must be at least 1, got 0"),
            Error::InvalidBeta { name, value } => {
                write!(f, "{name} must be in [0, 1), got {value}")
            }
            Error::InvalidEpsilon(eps) => {
                write!(f, "epsilon must be a positive finite number, got {eps}")
            }
            Error::NotTutorial(msg) => write!(f, "not the tutorial's 2-2-1 sigmoid network: {msg}"),

            // Settings validation (choices and limits)
            Error::OutOfRange {
                what,
                found,
                min,
                max,
            } => write!(f, "{what}, {found}, is out of range: from {min} to {max}"),
            Error::NotANumber {
                what,
                found,
                expected,
            } => write!(f, "{what}, {found:?}, is not {expected}"),
            Error::InputSize { found } => write!(
                f,
                "the first size must be 2 (weight and height), got {found}"
            ),
            Error::TooManyParams { sizes, max } => write!(
                f,
                "layer sizes {sizes} call for more than {max} parameters; use smaller layers"
            ),
            Error::UnknownSetting { found, expected } => {
                write!(
                    f,
                    "there is no setting {found:?}; the settings are: {expected}"
                )
            }
            Error::RepeatedSetting { key } => {
                write!(f, "the setting {key} is given more than once; give it once")
            }
        }
    }
}

impl std::error::Error for Error {}
