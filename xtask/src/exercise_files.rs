//! The exercises' files in every translation, written by `cargo xtask translate` from the
//! English ones in `exercises/src/`:
//!
//! - `exercises/LANG/chNN.rs`, the starters a reader of that edition edits (the feature `LANG`
//!   of the package `exercises` checks them: `cargo test -p exercises --features ru --test
//!   ch01`, `cargo xtask exercises --language ru`);
//! - `exercises/LANG/solutions/chNN.rs`, our solutions, which that edition's chapters include.
//!
//! A file is treated exactly as a chapter's Rust code block: its comments and string literals
//! are the catalog's messages (beside the chapters', so a `todo!` text a chapter also shows is
//! one message), found and translated by mdbook-i18n-helpers' own functions, the ones
//! mdbook-xgettext and mdbook-gettext run. The code between them is kept byte for byte.
//! `translate --check` fails when a written file is stale. A starter is also the reader's
//! working copy, in either language: the English starters are read as committed (a change to
//! one is translated once committed), and `cargo xtask translate` never overwrites a Russian one
//! that differs from its committed version (naming it when its translation changed).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use mdbook_i18n_helpers::{extract_events, extract_messages, reconstruct_markdown};
use mdbook_nn::language::Language;
use polib::catalog::Catalog;

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

/// The text of an exercises' file as the project ships it: a starter (`exercises/src/chNN.rs`,
/// `exercises/ru/chNN.rs`) as committed (`git show HEAD:`; the reader's copy holds their
/// answers, so a change to a starter is translated once committed), a solution as it is; the
/// file itself outside a git checkout.
pub fn shipped(source: &Path) -> Result<String> {
    let path = setup::root().join(source);
    let read = || {
        std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))
    };
    if source.components().any(|c| c.as_os_str() == "solutions") {
        return read();
    }
    let sh = setup::shell()?;
    let _root = sh.push_dir(setup::root());
    match xshell::cmd!(sh, "git show HEAD:{source}").quiet().ignore_stderr().read() {
        Ok(committed) => Ok(committed + "\n"),
        Err(_) => read(),
    }
}

/// Where `language`'s edition of `source` (`exercises/src/...`) lives: `exercises/ru/...`.
pub fn target(source: &Path, language: &Language) -> PathBuf {
    let rest = source.strip_prefix("exercises/src").unwrap_or(source);
    Path::new("exercises").join(language.subdir).join(rest)
}

/// `code` as a chapter's Rust code block, fenced by more backticks than it holds in a row.
fn as_block(code: &str) -> (String, String) {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    (format!("{fence}rust\n{code}{fence}\n"), fence)
}

/// The messages of `code`: its comments and string literals, as mdbook-xgettext extracts them
/// from a chapter's code block.
pub fn messages(code: &str) -> Result<Vec<String>> {
    let (block, _) = as_block(code);
    let found = extract_messages(&block).context("mdbook-i18n-helpers cannot read the code")?;
    Ok(found.into_iter().map(|(_, m)| m.message).collect())
}

/// `code` with its messages translated by `catalog` (as mdbook-gettext translates a chapter's
/// code block; a message the catalog lacks stays English). Fails when the code does not come
/// back from Markdown as it went in.
pub fn translated(code: &str, catalog: &Catalog) -> Result<String> {
    let (block, fence) = as_block(code);
    let events = extract_events(&block, None);
    let events = mdbook_i18n_helpers::translate_events(&events, catalog)
        .context("mdbook-i18n-helpers cannot translate the code")?;
    let (markdown, _) = reconstruct_markdown(&events, None)?;
    let inner = markdown
        .strip_prefix(&format!("{fence}rust\n"))
        .and_then(|m| m.trim_end_matches('\n').strip_suffix(&fence))
        .context("the translated code block lost its fences")?;
    Ok(inner.to_string())
}

/// The catalog at `po` (mdbook-i18n-helpers leaves its fuzzy messages untranslated).
pub fn catalog(po: &Path) -> Result<Catalog> {
    polib::po_file::parse(po).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", po.display()))
}

/// Every file of `language`'s edition, from the catalog at `po`: `(target, text)`.
pub fn editions(po: &Path, language: &Language) -> Result<Vec<(PathBuf, String)>> {
    let catalog = catalog(po)?;
    let empty = Catalog::new(polib::metadata::CatalogMetadata::new());
    let mut files = Vec::new();
    for source in sources()? {
        let code = shipped(&source)?;
        if translated(&code, &empty)? != code {
            bail!(
                "{}: its code does not come back unchanged through mdbook-i18n-helpers (a \
                 Markdown construct in it?); write it as plain Rust",
                source.display()
            );
        }
        let text = translated(&code, &catalog)?;
        // mdBook's anchors, which the chapters include by, kept line for line.
        let anchors = |t: &str| -> Vec<String> {
            t.lines().filter(|l| l.contains("ANCHOR")).map(str::to_string).collect()
        };
        if anchors(&text) != anchors(&code) {
            bail!(
                "po/{}.po: a translation of a comment of {} changes an `// ANCHOR:` line; keep \
                 them as they are",
                language.code,
                source.display()
            );
        }
        files.push((target(&source, language), text));
    }
    Ok(files)
}

/// Writes `language`'s files from `po` (after `cargo xtask translate` merged it); a file that
/// differs from its committed version is the reader's, and stops it.
pub fn write(po: &Path, language: &Language) -> Result<()> {
    let sh = setup::shell()?;
    let _root = sh.push_dir(setup::root());
    let mut theirs = Vec::new();
    for (file, text) in editions(po, language)? {
        let path = setup::root().join(&file);
        let now = std::fs::read_to_string(&path).ok();
        if now.as_deref() == Some(&text) {
            continue;
        }
        if let Some(now) = now {
            let committed = xshell::cmd!(sh, "git show HEAD:{file}").quiet().ignore_stderr().read();
            if let Ok(committed) = committed
                && committed.trim_end() != now.trim_end()
            {
                // The reader's copy: left alone, and named if the translation changed.
                if committed.trim_end() != text.trim_end() {
                    theirs.push(file.display().to_string());
                }
                continue;
            }
        }
        std::fs::create_dir_all(path.parent().context("a file has a folder")?)?;
        std::fs::write(&path, &text).with_context(|| format!("cannot write {}", file.display()))?;
        println!("translate: wrote {}", file.display());
    }
    if !theirs.is_empty() {
        bail!(
            "not overwritten, as they differ from their committed versions (your answers?): {}; \
             commit or move them away (`git stash`), then run `cargo xtask translate` again",
            theirs.join(", ")
        );
    }
    Ok(())
}

/// What is stale among `language`'s files, against the catalog at `po`: a file neither as it is
/// nor as committed (a reader's answers change their copy, never the committed one).
pub fn stale(po: &Path, language: &Language) -> Result<Vec<String>> {
    let sh = setup::shell()?;
    let _root = sh.push_dir(setup::root());
    let mut problems = Vec::new();
    for (file, text) in editions(po, language)? {
        let now = std::fs::read_to_string(setup::root().join(&file)).ok();
        let committed = || {
            let committed = xshell::cmd!(sh, "git show HEAD:{file}").quiet().ignore_stderr().read();
            committed.is_ok_and(|c| c.trim_end() == text.trim_end())
        };
        if now.as_deref() != Some(&text) && !committed() {
            problems.push(format!(
                "{}: {} (run `cargo xtask translate`)",
                file.display(),
                if now.is_some() { "stale" } else { "missing" }
            ));
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use polib::message::Message;

    const CODE: &str = "// Chapter 9's exercises: write your answers.\n\nuse std::fmt;\n\n\
                        /// Exercise 9.1 (write the code): a step,\n/// then another.\n\
                        pub fn step(x: f64) -> f64 {\n    todo!(\"move it by -x\")\n}\n";

    #[test]
    fn comments_and_strings_are_the_messages_and_the_code_is_kept() {
        assert_eq!(
            messages(CODE).unwrap(),
            [
                "// Chapter 9's exercises: write your answers.\n",
                "/// Exercise 9.1 (write the code): a step,\n/// then another.\n",
                "\"move it by -x\"",
            ]
        );
        let mut catalog = Catalog::new(polib::metadata::CatalogMetadata::new());
        assert_eq!(translated(CODE, &catalog).unwrap(), CODE);
        for (id, text) in [
            ("\"move it by -x\"", "\"сдвиньте на -x\""),
            ("// Chapter 9's exercises: write your answers.\n", "// Упражнения главы 9.\n"),
        ] {
            catalog.append_or_update(
                Message::build_singular().with_msgid(id.into()).with_msgstr(text.into()).done(),
            );
        }
        let ru = translated(CODE, &catalog).unwrap();
        assert!(ru.starts_with("// Упражнения главы 9.\n\nuse std::fmt;\n"), "{ru}");
        assert!(ru.contains("    todo!(\"сдвиньте на -x\")\n}\n"), "{ru}");
        assert!(ru.contains("/// then another.\npub fn step(x: f64) -> f64 {"), "{ru}");
    }
}
