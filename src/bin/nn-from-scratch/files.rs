//! Opening input files, and writing model files safely: the destination is checked (and a
//! temporary file beside it created and removed) before any work; at the end the model goes to a
//! temporary file, flushed to disk, then renamed into place.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use nn_from_scratch::model::MODEL_FORMAT;

use crate::error::CliError;

/// The text of the file at `path`.
pub fn read_file(path: &Path) -> Result<String, CliError> {
    std::fs::read_to_string(path).map_err(|e| CliError::io(path, e))
}

/// The file at `path`, opened for reading (a folder is refused here, not halfway through).
pub fn open_file(path: &Path) -> Result<File, CliError> {
    if path.is_dir() {
        return Err(CliError::Usage(format!(
            "{}: is a folder; give the CSV file inside it",
            path.display()
        )));
    }
    File::open(path).map_err(|e| CliError::io(path, e))
}

/// True when the CSV file at `path` is a table rather than people: its header line names no
/// weight, height or sex column (`nn_from_scratch::table::names_people`). An empty file is read
/// as people, whose reader explains what a file needs.
pub fn is_table(path: &Path) -> Result<bool, CliError> {
    use std::io::BufRead;
    let mut line = Vec::new();
    std::io::BufReader::new(open_file(path)?.take(1 << 20))
        .read_until(b'\n', &mut line)
        .map_err(|e| CliError::io(path, e))?;
    let line = String::from_utf8_lossy(&line);
    Ok(!line.trim().is_empty() && !nn_from_scratch::table::names_people(&line))
}

/// A model file to be written at the end of a run: its destination, checked before the run
/// (a folder that is missing or not writable is reported then), and the temporary file beside it
/// that [`PendingFile::commit`] writes and renames into place. Nothing exists on disk in between,
/// so a run that fails or is interrupted leaves no file behind and the destination untouched.
pub struct PendingFile {
    path: PathBuf,
    tmp: PathBuf,
}

impl PendingFile {
    /// Checks that `path` (given as `--save`) can take a model, creating and removing the
    /// temporary file to be sure the folder is writable.
    /// Refuses a folder, a missing folder, `protect` itself (the `--data` file), and an existing
    /// file that is not a model file (so that nothing else is ever replaced).
    pub fn create(path: &Path, protect: Option<&Path>) -> Result<PendingFile, CliError> {
        let shown = path.display();
        let fail = |what: String| Err(CliError::Usage(format!("--save {shown}: {what}")));
        if path.is_dir() {
            return fail(format!(
                "is a folder; give a file name, such as {}",
                path.join("model.json").display()
            ));
        }
        let Some(name) = path.file_name() else {
            return fail("is not a file name; give one such as model.json".to_string());
        };
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !dir.is_dir() {
            return fail(format!(
                "the folder {} does not exist; create it first, or save elsewhere",
                dir.display()
            ));
        }
        if path.exists() {
            let same = |a: &Path, b: &Path| matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y);
            if protect.is_some_and(|p| same(p, path)) {
                return fail(
                    "is the --data file; saving would replace the people with the model; choose \
                     another name"
                        .to_string(),
                );
            }
            if !is_model_or_empty(path) {
                return fail(format!(
                    "the file exists and is not a model file ({MODEL_FORMAT}); choose another \
                     name, or remove it first"
                ));
            }
        }
        static COUNT: AtomicU64 = AtomicU64::new(0);
        let tmp = dir.join(format!(
            ".{}.tmp-{}-{}",
            name.to_string_lossy(),
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        File::create_new(&tmp).map_err(|e| {
            CliError::Usage(format!(
                "--save {shown}: cannot write in the folder {} ({e}); save somewhere writable",
                dir.display()
            ))
        })?;
        let _ = std::fs::remove_file(&tmp);
        Ok(PendingFile {
            path: path.to_path_buf(),
            tmp,
        })
    }

    /// Writes `text` to the temporary file, flushes it to disk and renames it over the
    /// destination: readers see the old file or the new one, never a mix or a part. On failure
    /// the temporary file is removed.
    pub fn commit(self, text: &str) -> Result<(), CliError> {
        let result = File::create_new(&self.tmp).and_then(|mut file| {
            file.write_all(text.as_bytes())?;
            file.sync_all()?;
            std::fs::rename(&self.tmp, &self.path)
        });
        if result.is_err() {
            let _ = std::fs::remove_file(&self.tmp);
        }
        result.map_err(|e| CliError::io(&self.path, e))
    }
}

/// True when the file at `path` is empty or begins like a model file.
fn is_model_or_empty(path: &Path) -> bool {
    let mut start = Vec::new();
    let read = File::open(path).and_then(|f| f.take(4096).read_to_end(&mut start));
    read.is_ok() && (start.is_empty() || String::from_utf8_lossy(&start).contains(MODEL_FORMAT))
}
