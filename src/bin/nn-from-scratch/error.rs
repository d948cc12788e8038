//! The trainer's errors: the library's, with the context only the command line knows (the file
//! or the option the input came from, and the option that fixes the problem); files that cannot
//! be read or written; and options that do not go together.

use std::fmt::Display;
use std::path::{Path, PathBuf};

use nn_from_scratch::Error;

/// Everything the trainer reports as `error: ...` on one line of stderr, with exit status 2.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A library error about the input that `place` names (a file, or an option and its value),
    /// if any; followed by the option that fixes it, when one does.
    #[error("{}{source}{}", place_prefix(.place), flag_fix(.source))]
    Input {
        /// Where the input came from: `data.csv`, `--init`, `--layers 2,0,1`.
        place: Option<String>,
        /// What the library found wrong.
        source: Error,
    },
    /// A file that cannot be read or written.
    #[error("{}: {source}{}", .path.display(), io_fix(.source))]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// What the trainer refuses on its own: an option given where it means nothing or with an
    /// option it contradicts, a measurement no person has, a folder given as a file, a `--save`
    /// destination that cannot take a model. The message names the option and the fix.
    #[error("{0}")]
    Usage(String),
    /// The JSON report could not be written.
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl From<Error> for CliError {
    fn from(source: Error) -> Self {
        CliError::Input {
            place: None,
            source,
        }
    }
}

impl CliError {
    /// The library's error `source` about the input from `place` (a path, or an option).
    pub fn at(place: impl Display, source: Error) -> Self {
        CliError::Input {
            place: Some(place.to_string()),
            source,
        }
    }

    /// The system's error `source` on the file at `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        CliError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// `"PLACE: "`, or nothing.
fn place_prefix(place: &Option<String>) -> String {
    place.as_ref().map_or(String::new(), |p| format!("{p}: "))
}

/// The option that fixes a library error, for the errors that one fixes; the library's message
/// says what to do in its own terms, and this adds the trainer's words for it.
fn flag_fix(e: &Error) -> &'static str {
    match e {
        Error::NoSpread { .. } => " (--normalisation tutorial-shift)",
        Error::UnknownUnit { .. } => " with --units",
        Error::Implausible { .. } => " (--units)",
        Error::CorruptModel(_) => " with train --save",
        Error::ModelVersion { .. } => " with this program's train --save",
        Error::WrongModelKind { given, .. } if *given == nn_from_scratch::model::PEOPLE => {
            " (predict --model MODEL --data FILE)"
        }
        Error::WrongModelKind { .. } => " (predict --model MODEL --weight W --height H)",
        _ => "",
    }
}

/// What to check when a file cannot be opened, for the usual reasons.
fn io_fix(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "; check the name and the folder (relative to the current one)",
        ErrorKind::PermissionDenied => "; check its permissions",
        _ => "",
    }
}
