//! The exercises' files in a translation: the starters `exercises/src/chNN.rs` and our solutions
//! `exercises/src/solutions/chNN.rs` with their comments and string literals in the reader's
//! language, the code between them byte for byte.
//!
//! A file is treated exactly as a chapter's Rust code block: its comments and string literals
//! are the catalog's messages (beside the chapters', so a `todo!` text a chapter also shows is
//! one message), found and translated by mdbook-i18n-helpers' own functions, the ones
//! mdbook-xgettext and mdbook-gettext run.
//!
//! No translation is kept in the repository. `math-out` puts a translated chapter's includes of
//! our solutions in place itself ([`include_translated`]), from the English file and the
//! catalog of the moment; `cargo xtask exercises --language LANG` writes the reader's starters
//! (`exercises/LANG/`, which git ignores: they hold the reader's answers) when they are missing.

use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

use anyhow::{Context, Result, bail};
use mdbook_i18n_helpers::{extract_events, extract_messages, reconstruct_markdown};
use polib::catalog::Catalog;
use regex::Regex;

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
/// code block; a message the catalog lacks, or has fuzzy, stays English). Fails when the code
/// does not come back from Markdown as it went in.
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

/// The edition of the exercises' file `name` (for messages) whose English is `code`, by
/// `catalog` (`po/LANG.po`, named `po`): [`translated`], and checked to keep what the book
/// relies on. Fails when the code would not come back unchanged without a translation (a
/// Markdown construct in it), or when a translation changes one of mdBook's `ANCHOR` lines,
/// which the chapters include by.
pub fn edition(name: &str, code: &str, catalog: &Catalog, po: &str) -> Result<String> {
    let empty = Catalog::new(polib::metadata::CatalogMetadata::new());
    if translated(code, &empty)? != code {
        bail!(
            "{name}: its code does not come back unchanged through mdbook-i18n-helpers (a \
             Markdown construct in it?); write it as plain Rust"
        );
    }
    let text = translated(code, catalog)?;
    let anchors = |t: &str| -> Vec<String> {
        t.lines().filter(|l| l.contains("ANCHOR")).map(str::to_string).collect()
    };
    if anchors(&text) != anchors(code) {
        bail!("{po}: a translation of a comment of {name} changes an `// ANCHOR:` line; keep them");
    }
    Ok(text)
}

/// mdBook's anchors: `ANCHOR: name` starts the lines an include takes, `ANCHOR_END: name` ends
/// them.
static ANCHOR_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"ANCHOR:\s*(?P<name>[\w_-]+)").expect("a valid pattern"));
static ANCHOR_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"ANCHOR_END:\s*(?P<name>[\w_-]+)").expect("a valid pattern"));

/// The lines of `text` that `{{#include FILE:anchor}}` takes, as mdBook's `links` takes them:
/// those after `ANCHOR: anchor` up to `ANCHOR_END: anchor`, without any line that starts an
/// anchor, joined by line breaks. `None` when the anchor does not start anywhere.
fn anchored(text: &str, anchor: &str) -> Option<String> {
    let mut lines = text.lines();
    lines.find(|l| ANCHOR_START.captures(l).is_some_and(|c| &c["name"] == anchor))?;
    let kept: Vec<&str> = lines
        .take_while(|l| ANCHOR_END.captures(l).is_none_or(|c| &c["name"] != anchor))
        .filter(|l| !ANCHOR_START.is_match(l) && !ANCHOR_END.is_match(l))
        .collect();
    Some(kept.join("\n"))
}

/// `chapter` (the text of the chapter `name`, whose folder is `dir`) with each include of an
/// exercises' file (`{{#include ../../exercises/src/solutions/ch01.rs:anchor}}`) replaced by the
/// lines it takes from that file's edition by `catalog` (see [`edition`]): what mdBook's `links`
/// would put there from a translated copy. Each file is read and translated once per `cache`.
pub fn include_translated(
    name: &str,
    chapter: &str,
    dir: &Path,
    catalog: &Catalog,
    po: &str,
    cache: &mut HashMap<String, String>,
) -> Result<String> {
    static INCLUDE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\{\{#include (\.\./)*exercises/src/[^}]*\}\}").expect("a valid pattern")
    });
    let mut out = String::with_capacity(chapter.len());
    let mut pos = 0;
    for found in INCLUDE.find_iter(chapter) {
        let link = found.as_str();
        let inner = link.trim_start_matches("{{#include ").trim_end_matches("}}").trim();
        let Some((file, anchor)) = inner.split_once(':') else {
            bail!("{name}: {link}: an exercises' file is included by an anchor (`FILE:name`)")
        };
        if !cache.contains_key(file) {
            let path = dir.join(file);
            let code = std::fs::read_to_string(&path)
                .with_context(|| format!("{name}: {link}: cannot read {}", path.display()))?;
            cache.insert(file.to_string(), edition(file, &code, catalog, po)?);
        }
        let Some(lines) = anchored(&cache[file], anchor) else {
            bail!("{name}: {link}: {file} has no `ANCHOR: {anchor}`")
        };
        out.push_str(&chapter[pos..found.start()]);
        out.push_str(&lines);
        pos = found.end();
    }
    Ok(out + &chapter[pos..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use polib::message::Message;

    const CODE: &str = "// Chapter 9's exercises: write your answers.\n\nuse std::fmt;\n\n\
                        // ANCHOR: step\n\
                        /// Exercise 9.1 (write the code): a step,\n/// then another.\n\
                        pub fn step(x: f64) -> f64 {\n    todo!(\"move it by -x\")\n}\n\
                        // ANCHOR_END: step\n";

    fn russian() -> Catalog {
        let mut catalog = Catalog::new(polib::metadata::CatalogMetadata::new());
        for (id, text) in [
            ("\"move it by -x\"", "\"сдвиньте на -x\""),
            ("// Chapter 9's exercises: write your answers.\n", "// Упражнения главы 9.\n"),
        ] {
            catalog.append_or_update(
                Message::build_singular().with_msgid(id.into()).with_msgstr(text.into()).done(),
            );
        }
        catalog
    }

    #[test]
    fn comments_and_strings_are_the_messages_and_the_code_is_kept() {
        assert_eq!(
            messages(CODE).unwrap(),
            [
                "// Chapter 9's exercises: write your answers.\n",
                "// ANCHOR: step\n/// Exercise 9.1 (write the code): a step,\n/// then another.\n",
                "\"move it by -x\"",
                "// ANCHOR_END: step\n",
            ]
        );
        let empty = Catalog::new(polib::metadata::CatalogMetadata::new());
        assert_eq!(translated(CODE, &empty).unwrap(), CODE);
        let ru = edition("ch09.rs", CODE, &russian(), "po/ru.po").unwrap();
        assert!(ru.starts_with("// Упражнения главы 9.\n\nuse std::fmt;\n"), "{ru}");
        assert!(ru.contains("    todo!(\"сдвиньте на -x\")\n}\n"), "{ru}");
        assert!(ru.contains("/// then another.\npub fn step(x: f64) -> f64 {"), "{ru}");
    }

    #[test]
    fn a_translation_keeps_the_anchors() {
        let mut catalog = russian();
        let id = "// ANCHOR: step\n/// Exercise 9.1 (write the code): a step,\n/// then another.\n";
        let text = "// ANCHOR: шаг\n/// Упражнение 9.1.\n";
        catalog.append_or_update(
            Message::build_singular().with_msgid(id.into()).with_msgstr(text.into()).done(),
        );
        let error = edition("ch09.rs", CODE, &catalog, "po/ru.po").unwrap_err().to_string();
        assert!(error.contains("ANCHOR") && error.contains("ch09.rs"), "{error}");
    }

    #[test]
    fn anchors_take_lines_as_mdbook_does() {
        let text =
            "a\n// ANCHOR: x\nb\n// ANCHOR: y\nc\n// ANCHOR_END: y\nd\n// ANCHOR_END: x\ne\n";
        assert_eq!(anchored(text, "x").as_deref(), Some("b\nc\nd"));
        assert_eq!(anchored(text, "y").as_deref(), Some("c"));
        assert_eq!(anchored(text, "z"), None);
        // An anchor left open runs to the end of the file.
        assert_eq!(anchored("// ANCHOR: x\nb\nc\n", "x").as_deref(), Some("b\nc"));
    }

    #[test]
    fn a_chapter_includes_the_translated_file() {
        let dir = std::env::temp_dir().join(format!("mdbook-nn-ex-{}", std::process::id()));
        let src = dir.join("exercises/src");
        std::fs::create_dir_all(&src).unwrap();
        std::fs::write(src.join("ch09.rs"), CODE).unwrap();
        let book = dir.join("book/src");
        std::fs::create_dir_all(&book).unwrap();
        let chapter = "Text.\n\n```rust\n{{#include ../../exercises/src/ch09.rs:step}}\n```\n";
        let mut cache = HashMap::new();
        let include = |text: &str, cache: &mut HashMap<String, String>| {
            include_translated("09.md", text, &book, &russian(), "po/ru.po", cache)
        };
        let ru = include(chapter, &mut cache).unwrap();
        let unanchored = include("{{#include ../../exercises/src/ch09.rs}}", &mut cache);
        let absent = include("{{#include ../../exercises/src/ch09.rs:nope}}", &mut cache);
        let missing = include("{{#include ../../exercises/src/ch01.rs:step}}", &mut cache);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            ru,
            "Text.\n\n```rust\n/// Exercise 9.1 (write the code): a step,\n/// then another.\n\
             pub fn step(x: f64) -> f64 {\n    todo!(\"сдвиньте на -x\")\n}\n```\n"
        );
        assert!(unanchored.unwrap_err().to_string().contains("by an anchor"));
        assert!(absent.unwrap_err().to_string().contains("no `ANCHOR: nope`"));
        assert!(missing.unwrap_err().to_string().contains("cannot read"));
        // Other includes are mdBook's.
        let other = "{{#include ../../src/network.rs:network}}";
        assert_eq!(include(other, &mut HashMap::new()).unwrap(), other);
    }
}
