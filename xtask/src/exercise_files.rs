//! The exercises' files in every translation, from the English ones in `exercises/src/` and the
//! catalog (`po/LANG.po`), by [`mdbook_nn::exercises`] (which translates them exactly as a
//! chapter's Rust code block is translated):
//!
//! - `exercises/LANG/chNN.rs`, the starters a reader of that edition edits (the feature `LANG`
//!   of the package `exercises` checks them: `cargo test -p exercises --features ru --test
//!   ch01`, `cargo xtask exercises --language ru`). They are the reader's copy, so git ignores
//!   them: `cargo xtask exercises --language LANG` writes the missing ones, from the English
//!   starters as committed, and again one whose translation changed while the reader left it
//!   untouched, never one they changed ([`write_starters`]);
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

/// What becomes of a starter of a translation, from its text now (`None`: missing), the
/// fingerprint recorded when it was last written, and the text the catalog gives today.
#[derive(Debug, PartialEq)]
enum Starter {
    /// Missing: written.
    New,
    /// As written, untouched by the reader, and its translation has changed since: written
    /// again.
    Stale,
    /// As today's translation has it, or the reader's (changed since it was written): left.
    Kept,
}

fn starter(now: Option<&str>, recorded: Option<&str>, today: &str) -> Starter {
    match now {
        None => Starter::New,
        Some(now) if now != today && recorded == Some(&fingerprint(now)) => Starter::Stale,
        Some(_) => Starter::Kept,
    }
}

/// The SHA-256 of `text`, in hex.
fn fingerprint(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// `text` written to `path` whole or not at all (a temporary file, then renamed).
fn write_whole(path: &Path, text: &str) -> Result<()> {
    std::fs::create_dir_all(path.parent().context("a file has a folder")?)?;
    let part = path.with_extension("part");
    std::fs::write(&part, text).with_context(|| format!("cannot write {}", part.display()))?;
    std::fs::rename(&part, path).with_context(|| format!("cannot write {}", path.display()))
}

/// Writes the starters of `language`'s edition (`exercises/LANG/chNN.rs`) that are missing, and
/// again those whose translation changed since they were written while the reader left them
/// as they were (`exercises/LANG/.written` records what was written: `SHA-256  chNN.rs` a
/// line). One the reader has changed is theirs and stays as it is. Returns the ones written
/// anew and the ones written again.
pub fn write_starters(language: &Language) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let dir = setup::root().join("exercises").join(language.subdir);
    let record_path = dir.join(".written");
    let record_text = std::fs::read_to_string(&record_path).unwrap_or_default();
    let mut record: std::collections::BTreeMap<String, String> = (record_text.lines())
        .filter_map(|l| l.split_once("  ").map(|(h, f)| (f.to_string(), h.to_string())))
        .collect();
    let (mut new, mut stale) = (Vec::new(), Vec::new());
    for (file, source, text) in editions(&po(language), language)? {
        let path = setup::root().join(&file);
        let name = path.file_name().context("a file has a name")?.to_string_lossy().to_string();
        if is_solution(&source) {
            continue;
        }
        let now = std::fs::read_to_string(&path).ok();
        match starter(now.as_deref(), record.get(&name).map(String::as_str), &text) {
            Starter::New => new.push(file),
            Starter::Stale => stale.push(file),
            Starter::Kept => continue,
        }
        write_whole(&path, &text)?;
        record.insert(name, fingerprint(&text));
    }
    if !new.is_empty() || !stale.is_empty() {
        let lines: String = record.iter().map(|(f, h)| format!("{h}  {f}\n")).collect();
        write_whole(&record_path, &lines)?;
    }
    Ok((new, stale))
}

/// The catalog of `language`, `po/LANG.po`.
pub fn po(language: &Language) -> PathBuf {
    mdbook_nn::language::po_dir().join(format!("{}.po", language.code))
}

/// Whether `source` is one of our solutions (`exercises/src/solutions/`).
pub fn is_solution(source: &Path) -> bool {
    source.components().any(|c| c.as_os_str() == "solutions")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_starter_is_written_again_only_while_the_reader_has_left_it_alone() {
        let (old, today) = ("// old words\nfn a() {}\n", "// new words\nfn a() {}\n");
        let written = fingerprint(old);
        assert_eq!(starter(None, None, today), Starter::New);
        // Written before, untouched, and the translation changed since: written again.
        assert_eq!(starter(Some(old), Some(&written), today), Starter::Stale);
        // The reader's answers in it: theirs.
        let answered = "// old words\nfn a() { 1 }\n";
        assert_eq!(starter(Some(answered), Some(&written), today), Starter::Kept);
        // Nothing recorded (a file they put there themselves): theirs.
        assert_eq!(starter(Some(old), None, today), Starter::Kept);
        // Already today's.
        assert_eq!(starter(Some(today), Some(&fingerprint(today)), today), Starter::Kept);
        assert_eq!(fingerprint("").len(), 64);
    }
}
