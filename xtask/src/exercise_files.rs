//! The exercises' files in every translation, from the English ones in `exercises/src/` and the
//! catalog (`po/LANG.po`), by [`mdbook_nn::exercises`] (which translates them exactly as a
//! chapter's Rust code block is translated):
//!
//! - `exercises/LANG/chNN.rs`, the starters a reader of that edition edits (the feature `LANG`
//!   of the package `exercises` checks them: `cargo test -p exercises --features ru --test
//!   ch01`, `cargo xtask exercises --language ru`). They are the reader's copy, so git ignores
//!   them: `cargo xtask exercises --language LANG` writes the missing ones, from the English
//!   starters as committed, and never touches one that is there;
//! - our solutions, which that edition's chapters include: `math-out` translates them as it
//!   builds the book, and `cargo xtask exercises --check` writes them to `target/` to test them.
//!
//! No translation is committed: a change to a starter or a message reaches every edition's next
//! book, check and new reader without a step in between.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use mdbook_nn::language::Language;

use crate::setup;

/// The English files, from the repository's root: the starters `exercises/src/chNN.rs`, then
/// the solutions `exercises/src/solutions/chNN.rs`.
pub fn sources() -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for dir in ["exercises/src", "exercises/src/solutions"] {
        let full = setup::root().join(dir);
        let mut here: Vec<PathBuf> = std::fs::read_dir(&full)
            .with_context(|| format!("cannot read {}", full.display()))?
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().to_string()))
            .filter(|n| n.starts_with("ch") && n.ends_with(".rs"))
            .map(|n| Path::new(dir).join(n))
            .collect();
        here.sort();
        found.extend(here);
    }
    Ok(found)
}

/// The text of an English exercises' file as the project ships it: a starter
/// (`exercises/src/chNN.rs`) as committed (`git show HEAD:`; the reader's copy holds their
/// answers, so a change to a starter is translated once committed), a solution as it is; the
/// file itself outside a git checkout.
pub fn shipped(source: &Path) -> Result<String> {
    let path = setup::root().join(source);
    let read = || {
        std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))
    };
    if is_solution(source) {
        return read();
    }
    let sh = setup::shell()?;
    let _root = sh.push_dir(setup::root());
    match xshell::cmd!(sh, "git show HEAD:{source}").quiet().ignore_stderr().read() {
        Ok(committed) => Ok(committed + "\n"),
        Err(_) => read(),
    }
}

/// Where `language`'s edition of `source` (`exercises/src/...`) lives: `exercises/ru/...`
/// (itself in English).
pub fn target(source: &Path, language: &Language) -> PathBuf {
    if language.subdir.is_empty() {
        return source.to_path_buf();
    }
    let rest = source.strip_prefix("exercises/src").unwrap_or(source);
    Path::new("exercises").join(language.subdir).join(rest)
}

/// Every file of `language`'s edition as the project ships it, from the catalog at `po` (unread
/// in English): `(target, source, text)`, where [`target`] puts it, the English file it is made
/// from, and its text (the [`shipped`] English in English).
pub fn editions(po: &Path, language: &Language) -> Result<Vec<(PathBuf, PathBuf, String)>> {
    if language.subdir.is_empty() {
        let english = sources()?.into_iter().map(|s| Ok((s.clone(), s.clone(), shipped(&s)?)));
        return english.collect();
    }
    let catalog = catalog::parse(po).map_err(|e| anyhow::anyhow!(e))?;
    let po_name = format!("po/{}.po", language.code);
    let mut files = Vec::new();
    for source in sources()? {
        let code = shipped(&source)?;
        let name = source.display().to_string();
        let text = mdbook_nn::exercises::edition(&name, &code, &catalog, &po_name)?;
        files.push((target(&source, language), source, text));
    }
    Ok(files)
}

/// Writes the starters of `language`'s edition that are missing (`exercises/LANG/chNN.rs`);
/// one that is there is the reader's and stays as it is. Returns the ones written. Each is
/// written whole or not at all (to a temporary file, then renamed).
pub fn write_starters(language: &Language) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (file, source, text) in editions(&po(language), language)? {
        let path = setup::root().join(&file);
        if is_solution(&source) || path.exists() {
            continue;
        }
        std::fs::create_dir_all(path.parent().context("a file has a folder")?)?;
        let part = path.with_extension("rs.part");
        std::fs::write(&part, &text).with_context(|| format!("cannot write {}", part.display()))?;
        std::fs::rename(&part, &path)
            .with_context(|| format!("cannot write {}", file.display()))?;
        written.push(file);
    }
    Ok(written)
}

/// The catalog of `language`, `po/LANG.po`.
pub fn po(language: &Language) -> PathBuf {
    mdbook_nn::language::po_dir().join(format!("{}.po", language.code))
}

/// Whether `source` is one of our solutions (`exercises/src/solutions/`).
pub fn is_solution(source: &Path) -> bool {
    source.components().any(|c| c.as_os_str() == "solutions")
}
