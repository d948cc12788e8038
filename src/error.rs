//! The one error type of the library: everything a user can get wrong, each with a message that
//! names the problem and the fix.
//!
//! The messages speak of the library's own terms (a file's lines and columns, a setting, a
//! model); the faces add where the input came from. The command-line trainer, for example, puts
//! the file's path or the option in front and names the option that fixes the problem; reading
//! and writing files is the trainer's own business, so its file errors are its own too.

use thiserror::Error;

use crate::csv_data::{CM_PER_IN, HEIGHT_IN_RANGE, LB_PER_KG, WEIGHT_LB_RANGE};

/// Something the caller (or the caller's data) got wrong.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum Error {
    /// Two lists that must pair up have different lengths.
    #[error("length mismatch: {expected} true values but {found} predictions")]
    LengthMismatch {
        /// The length of the first list.
        expected: usize,
        /// The length of the second list.
        found: usize,
    },
    /// A dataset with no samples.
    #[error("the dataset has no people in it")]
    EmptyDataset,
    /// People to name, with a different number of names.
    #[error("{people} people and {names} names: give one name per person, in order")]
    NameCount {
        /// How many people.
        people: usize,
        /// How many names.
        names: usize,
    },
    /// A data file with nothing in it, not even a header.
    #[error(
        "the data file is empty; it needs a header row (such as weight_lb,height_in,sex) and one \
         person per line"
    )]
    EmptyFile,
    /// A data file with a header and no rows.
    #[error("no people: the header is followed by no rows; add one person per line")]
    NoRows,
    /// An age filter that no row passes.
    #[error("none of the {rows} rows has an age of at least {min_age}; lower the minimum age")]
    NoRowsOldEnough {
        /// The data rows read.
        rows: u64,
        /// The minimum age asked for.
        min_age: f64,
    },
    /// A minimum age that is negative or not a number.
    #[error("the minimum age must be a number of years, 0 or more, got {0}")]
    InvalidMinAge(f64),
    /// A dataset in which everyone has the same sex.
    #[error(
        "every person in the dataset is {sex}: training needs both sexes; add people of the \
         other sex"
    )]
    OneClass {
        /// The only sex present.
        sex: &'static str,
    },
    /// A feature that has the same value for everyone, so it cannot be standardised.
    #[error(
        "every person has the same {feature}, so it cannot be standardised; add people who \
         differ, or use the tutorial's shift instead"
    )]
    NoSpread {
        /// The feature's name.
        feature: &'static str,
    },
    /// A required CSV column is absent.
    #[error(
        "missing column: {what}; the header has: {found}; add the column or rename one (for \
         example gender to sex)"
    )]
    MissingColumn {
        /// What was looked for.
        what: &'static str,
        /// The columns that were there.
        found: String,
    },
    /// A `weight_...` or `height_...` column in a unit the reader does not know.
    #[error(
        "line 1, column {index} ({header}): unknown unit {unit:?}; name the column {right} \
         (converting the values), or {what} and give its units"
    )]
    UnknownUnit {
        /// The column's position, counted from 1.
        index: usize,
        /// The column's name.
        header: String,
        /// The unit it names (the part after `weight_` or `height_`).
        unit: String,
        /// `weight` or `height`.
        what: &'static str,
        /// The names that would be understood (`weight_lb or weight_kg`).
        right: &'static str,
    },
    /// A CSV row has no value in a required column.
    #[error(
        "line {line}, column {column}: empty; every row needs a value here (fill it in or \
         delete the row)"
    )]
    MissingValue {
        /// The line number in the file (the header is line 1).
        line: u64,
        /// The column's name.
        column: String,
    },
    /// A value that is not a number.
    #[error("line {line}, column {column}: {value:?} is not a number; {}", number_fix(.value))]
    BadNumber {
        /// The line number in the file.
        line: u64,
        /// The column's name.
        column: String,
        /// The offending text.
        value: String,
    },
    /// A number that is NaN or infinite.
    #[error(
        "line {line}, column {column}: {value:?} is not a finite number; write the measurement, \
         such as 65.5"
    )]
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
    #[error(
        "line {line}, column {column}: {value} is not a {} a person can have ({}); check the \
         value and its unit: the column name's _lb, _kg, _in or _cm, or for a plain {0} column \
         the units it is read in",
        measurement(.column),
        plausible(.column),
    )]
    Implausible {
        /// The line number in the file.
        line: u64,
        /// The column's name (`weight...` or `height...`).
        column: String,
        /// The offending text.
        value: String,
    },
    /// A label that is not one of the accepted spellings.
    #[error(
        "line {line}, column {column}: label {value:?} is not {}",
        label_fix(.column)
    )]
    BadLabel {
        /// The line number in the file.
        line: u64,
        /// The column's name.
        column: String,
        /// The offending text.
        value: String,
    },
    /// Any other malformed CSV (the message names the line and the fix).
    #[error("malformed CSV: {0}")]
    Csv(String),
    /// A test fraction that is not strictly between 0 and 1.
    #[error("the test fraction must be between 0 and 1 (exclusive), got {0}; try 0.25")]
    TestFraction(f64),
    /// A test fraction that leaves no one to test on, or no one to train on.
    #[error(
        "cannot hold out {test} of {people} people and train on the rest; use a larger fraction \
         or more people"
    )]
    SplitTooSmall {
        /// The people the fraction holds out.
        test: usize,
        /// All the people.
        people: usize,
    },
    /// The wrong number of starting parameters.
    #[error("expected 9 parameters (w1,w2,w3,w4,w5,w6,b1,b2,b3), got {found}")]
    ParamCount {
        /// How many were given.
        found: usize,
    },
    /// A starting parameter that is NaN or infinite.
    #[error("parameter {name} is not a finite number")]
    NonFiniteParam {
        /// The parameter's name.
        name: &'static str,
    },
    /// A learning rate that is not a positive finite number.
    #[error("the learn rate must be a positive finite number, got {0}; try 0.1")]
    InvalidLearnRate(f64),
    /// Zero epochs: training would do nothing.
    #[error("the number of epochs must be at least 1, got 0")]
    ZeroEpochs,
    /// Logging every 0 epochs.
    #[error("log_every must be at least 1 (1 logs the loss after every epoch), got 0")]
    ZeroLogEvery,
    /// Training blew up: the loss or a parameter stopped being a finite number.
    #[error(
        "training diverged at epoch {epoch}: the loss is no longer a finite number; try a \
         smaller learn rate (a tenth of this one), or starting parameters nearer 0"
    )]
    Diverged {
        /// The epoch at which it was noticed.
        epoch: usize,
    },
    /// A model file that cannot be read as a model.
    #[error("not a valid model file: {0}; write the model again")]
    CorruptModel(String),
    /// A model file written by an incompatible version.
    #[error(
        "model file version {found} is not supported (version {expected} is read here); write \
         the model again"
    )]
    ModelVersion {
        /// The version in the file.
        found: u64,
        /// The version this crate reads.
        expected: u64,
    },
    /// A measurement given for prediction that is not a finite number.
    #[error("{0} must be a finite number")]
    NonFiniteInput(&'static str),
    /// A name (of an activation, a loss, an optimizer) that is not one of the accepted ones.
    #[error("unknown {kind} {found:?}; expected one of: {expected}")]
    UnknownName {
        /// What kind of thing was named.
        kind: &'static str,
        /// The name given.
        found: String,
        /// The accepted names.
        expected: &'static str,
    },
    /// A network needs at least two layer sizes: the inputs and the outputs.
    #[error("a network needs at least 2 layer sizes (inputs and outputs), got {found}")]
    TooFewLayers {
        /// How many sizes were given.
        found: usize,
    },
    /// A layer with no neurons (or no inputs).
    #[error("layer {layer} has size 0; every layer needs at least 1")]
    ZeroWidth {
        /// The index of the layer in the list of sizes (0 is the input).
        layer: usize,
    },
    /// The general network has exactly one output (the probability of female).
    #[error("the output layer must have exactly 1 neuron (the probability), got {found}")]
    OutputWidth {
        /// The output width given.
        found: usize,
    },
    /// Layer sizes that call for more parameters than a network may have (a typing mistake).
    #[error("layer sizes {sizes} call for more than {max} parameters; use smaller layers")]
    TooManyParams {
        /// The layer sizes, as `2-8-1`.
        sizes: String,
        /// The most parameters a network may have.
        max: usize,
    },
    /// A sample whose number of features differs from the network's input width.
    #[error("the network takes {expected} inputs but a sample has {found}")]
    InputWidth {
        /// The network's input width.
        expected: usize,
        /// The sample's width.
        found: usize,
    },
    /// A parameter vector whose length does not fit the layer sizes.
    #[error("the layer sizes call for {expected} parameters, got {found}")]
    MlpParamCount {
        /// The count the layer sizes call for.
        expected: usize,
        /// The count given.
        found: usize,
    },
    /// A parameter of the general network that is NaN or infinite.
    #[error("parameter {index} is not a finite number")]
    NonFiniteParamAt {
        /// Its index in the flat parameter vector.
        index: usize,
    },
    /// A training sample (a feature or its label) that is NaN or infinite.
    #[error("sample {index} has a value or label that is not a finite number")]
    NonFiniteSample {
        /// The index of the sample.
        index: usize,
    },
    /// Mini-batches of zero samples.
    #[error("the batch size must be at least 1, got 0")]
    ZeroBatchSize,
    /// A workspace used with a network of another shape than the one it was made for.
    #[error(
        "the workspace was made for a network of sizes {workspace:?}, not {network:?}; make one \
         for this network with Workspace::new"
    )]
    WorkspaceShape {
        /// The layer sizes the workspace was made for.
        workspace: Vec<usize>,
        /// The layer sizes of the network it was used with.
        network: Vec<usize>,
    },
    /// A batch larger than the workspace it is computed in.
    #[error(
        "a batch of {batch} samples does not fit a workspace for {capacity}; split the batch, \
         or make a workspace for {batch}"
    )]
    BatchTooLarge {
        /// The samples in the batch.
        batch: usize,
        /// The samples the workspace holds.
        capacity: usize,
    },
    /// A decay rate of an optimizer outside [0, 1).
    #[error("{name} must be in [0, 1), got {value}")]
    InvalidBeta {
        /// Which one (`beta`, `beta1`, `beta2`).
        name: &'static str,
        /// Its value.
        value: f64,
    },
    /// Adam's epsilon is not a positive finite number.
    #[error("epsilon must be a positive finite number, got {0}")]
    InvalidEpsilon(f64),
    /// A general network that is not the tutorial's 2-2-1 sigmoid network.
    #[error("not the tutorial's 2-2-1 sigmoid network: {0}")]
    NotTutorial(String),
    /// A figure given more loss histories than it has colours, or none.
    #[error(
        "can plot 1 to {max} loss histories on one chart, got {found}; draw them on several \
         charts"
    )]
    PlotSeriesCount {
        /// How many histories were given.
        found: usize,
        /// The most one chart shows.
        max: usize,
    },
    /// A loss history with no records to draw.
    #[error("no loss records to plot{}; train for at least one epoch", of_series(.series))]
    EmptyHistory {
        /// The history's label, on a chart of several.
        series: Option<String>,
    },
    /// A loss history with a loss that is NaN or infinite (training diverged).
    #[error(
        "cannot plot a loss that is not a finite number{}; plot the history of a run that did \
         not diverge",
        of_series(.series)
    )]
    NonFiniteLoss {
        /// The history's label, on a chart of several.
        series: Option<String>,
    },
    /// A person to draw whose weight or height is NaN or infinite.
    #[error("cannot plot {name}: weight and height must be finite numbers")]
    NonFinitePerson {
        /// The person's name.
        name: String,
    },
    /// A model whose output, drawn as a map, is not a probability.
    #[error("the model predicts {p} at {at}: a probability must be between 0 and 1")]
    NotProbability {
        /// The output.
        p: f64,
        /// Where in the map (the inputs, described).
        at: String,
    },
    /// A figure given the wrong number of words, or a decimal mark that is not one character.
    #[error(
        "figure {figure} needs {expected} labels and a one-character decimal mark, got {found} \
         labels and {decimal_mark:?}; see the figure's documentation for its labels"
    )]
    PlotWords {
        /// The figure's name.
        figure: &'static str,
        /// How many labels it needs.
        expected: usize,
        /// How many were given.
        found: usize,
        /// The decimal mark given.
        decimal_mark: String,
    },
    /// Data a figure cannot draw: a gallery's image of another size than the first, not square,
    /// or with a pixel outside 0 to 1; a confusion matrix not square, or not one name per class.
    #[error(
        "figure {figure} cannot draw item {index}: {found} good values where it needs {expected}; \
         give each image the same square number of pixels from 0 to 1, and a confusion matrix \
         one row of counts, one count and one name per class"
    )]
    PlotData {
        /// The figure's name.
        figure: &'static str,
        /// The item (an image, a row of the matrix, or the class names after the rows).
        index: usize,
        /// How many good values it has.
        found: usize,
        /// How many it needs.
        expected: usize,
    },
    /// The plotting library failed to draw a figure.
    #[error("cannot draw figure {figure}: {message}")]
    Draw {
        /// The figure's name.
        figure: &'static str,
        /// What the plotting library said.
        message: String,
    },

    // Settings validation (choices and limits)
    /// A setting outside its range ([`crate::limits::Limits`]).
    #[error("{what}, {found}, is out of range: from {min} to {max}")]
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
    #[error("{what}, {found:?}, is not {expected}")]
    NotANumber {
        /// The setting, in words (`the seed`).
        what: &'static str,
        /// The text given.
        found: String,
        /// What is accepted.
        expected: &'static str,
    },
    /// A network for people or points whose first layer is not 2 wide (weight and height).
    #[error("the first size must be 2 (weight and height), got {found}")]
    InputSize {
        /// The first size given.
        found: usize,
    },
    /// A setting's name (a key of the playground's address) that is not one of the settings.
    #[error("there is no setting {found:?}; the settings are: {expected}")]
    UnknownSetting {
        /// The name given.
        found: String,
        /// The settings there are.
        expected: String,
    },
    /// A setting given twice.
    #[error("the setting {key} is given more than once; give it once")]
    RepeatedSetting {
        /// Its name.
        key: String,
    },
    /// More refused settings than a list shows (the playground lists the first few).
    #[error("and {count} more refused settings")]
    MoreRefused {
        /// How many were not listed.
        count: usize,
    },
    /// A test fraction that leaves no synthetic point on one side of the split.
    #[error(
        "cannot hold out {test} of {points} points and train on the rest; use a larger fraction \
         or more points"
    )]
    PointSplitTooSmall {
        /// The points the fraction holds out.
        test: usize,
        /// All the points.
        points: usize,
    },
    /// A neuron asked for (for the diagram) that the network does not have.
    #[error("there is no neuron {index} in layer {layer} of a network of sizes {sizes}")]
    NoSuchNeuron {
        /// The layer asked for (0 is the input).
        layer: usize,
        /// The neuron asked for in it.
        index: usize,
        /// The network's sizes, as `2-8-1`.
        sizes: String,
    },
    /// A softmax output of fewer than two neurons.
    #[error("a softmax output needs one neuron per class, at least 2, got {found}")]
    SoftmaxWidth {
        /// The output width given.
        found: usize,
    },
    /// An output layer's name that is neither an activation nor softmax.
    #[error("unknown output {found:?}; expected one of: {expected}")]
    UnknownOutput {
        /// The name given.
        found: String,
        /// The accepted names.
        expected: String,
    },
    /// A softmax output with a loss that compares one number with one label.
    #[error("a softmax output is trained on the {expected} loss, not {found}; use {expected}")]
    SoftmaxLoss {
        /// The loss given.
        found: &'static str,
        /// The loss a softmax output takes.
        expected: &'static str,
    },
    /// A label of a softmax network's sample that is not one of its class numbers.
    #[error(
        "sample {index} has the label {label}, but a network of {classes} outputs takes the class          numbers 0 to {}; number the classes from 0", .classes - 1
    )]
    BadClass {
        /// The index of the sample.
        index: usize,
        /// Its label.
        label: f64,
        /// The network's output width.
        classes: usize,
    },
    /// A model given what another kind of model takes: a person to a table's model, or rows
    /// of a table to a model of people.
    #[error("the model classifies {model}, not {given}; give it {model}")]
    WrongModelKind {
        /// What the model takes.
        model: &'static str,
        /// What it was given.
        given: &'static str,
    },
    /// A feature whose values are too large to standardise.
    #[error(
        "feature {feature} (counted from 1) is too large to standardise: its mean, its spread or \
         a standardised value is not a finite number; rescale its values (divide them by a \
         power of ten)"
    )]
    Unscalable {
        /// The feature's position, from 1.
        feature: usize,
    },
    /// A table whose rows all have one label.
    #[error(
        "every row has the label {label:?}, so there is nothing to tell apart; add rows of at          least one other class"
    )]
    OneLabel {
        /// The one label.
        label: String,
    },
    /// Data whose columns are not those a model was trained on.
    #[error(
        "the model takes the columns {expected}, but the data has {found}; give data with the model's columns"
    )]
    FeatureMismatch {
        /// The model's feature columns.
        expected: String,
        /// The data's.
        found: String,
    },
    /// Layer sizes that do not fit a table: the inputs must be its features, the outputs its
    /// classes.
    #[error("the {which} size must be {expected} ({why}), got {found}")]
    TableLayers {
        /// `first` or `last`.
        which: &'static str,
        /// The size the table calls for.
        expected: usize,
        /// Why: `64 feature columns`, `10 classes: softmax`.
        why: String,
        /// The size given.
        found: usize,
    },
}

impl Error {
    /// Fails with [`Error::LengthMismatch`] unless a list of `found` items pairs up with one of
    /// `expected`, and with [`Error::EmptyDataset`] when both are empty.
    pub(crate) fn check_lengths(expected: usize, found: usize) -> Result<(), Error> {
        if found != expected {
            return Err(Error::LengthMismatch { expected, found });
        }
        if expected == 0 {
            return Err(Error::EmptyDataset);
        }
        Ok(())
    }
}

/// How to write a number that did not parse: a decimal comma gets its own advice.
fn number_fix(value: &str) -> &'static str {
    if value.contains(',') {
        "write decimals with a point, such as 65.5, and no thousands separators"
    } else {
        "write it like 65 or 65.5"
    }
}

/// `weight` or `height`, from the column's name.
fn measurement(column: &str) -> &'static str {
    if column.starts_with("weight") {
        "weight"
    } else {
        "height"
    }
}

/// The range a person's measurement can have, from the column's name, in both systems of units:
/// [`WEIGHT_LB_RANGE`] or [`HEIGHT_IN_RANGE`], and the same in kilograms or centimetres, each end
/// to two significant digits (`1 to 1500 lb, 0.45 to 680 kg`).
fn plausible(column: &str) -> String {
    let (range, unit, (metric, per_unit)) = if column.starts_with("weight") {
        (WEIGHT_LB_RANGE, "lb", ("kg", 1.0 / LB_PER_KG))
    } else {
        (HEIGHT_IN_RANGE, "in", ("cm", CM_PER_IN))
    };
    let two_digits = |x: f64| {
        let decimals = 1 - x.log10().floor() as i32;
        let step = 10f64.powi(-decimals);
        let rounded = (x / step).round() * step;
        let text = format!("{:.*}", decimals.max(0) as usize, rounded);
        // 1.0 is written 1.
        match text.strip_suffix(".0") {
            Some(whole) => whole.to_string(),
            None => text,
        }
    };
    let (low, high) = (*range.start(), *range.end());
    format!(
        "{} to {} {unit}, {} to {} {metric}",
        two_digits(low),
        two_digits(high),
        two_digits(low * per_unit),
        two_digits(high * per_unit)
    )
}

/// What a label column holds: a `male` column has its own convention.
fn label_fix(column: &str) -> &'static str {
    if column == "male" {
        "1 or 0; a male column holds 1 for male and 0 for female"
    } else {
        "one of 1, 0, F, M, female, male; write 1 or F for female, 0 or M for male"
    }
}

/// " for LABEL", naming one history of a chart of several.
fn of_series(series: &Option<String>) -> String {
    series
        .as_ref()
        .map_or(String::new(), |label| format!(" for {label}"))
}

#[cfg(test)]
#[path = "error_tests.rs"]
mod tests;
