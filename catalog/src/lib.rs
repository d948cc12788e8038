//! A translation catalog, `po/LANG.po`, as the faces that show a reader words use it: its
//! translated messages (none fuzzy) by their English, and the `{}` templates those words are.
//! `cargo xtask translate` writes the catalogs; the bench report, the exercises' checks and the
//! book's extensions (`mdbook-nn`) read them here, and nowhere else.

use std::collections::HashMap;
use std::path::Path;

/// The header fields polib needs.
const HEADER: [&str; 9] = [
    "Project-Id-Version",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Language-Team",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Language",
    "Plural-Forms",
];

/// The catalog at `path` as polib reads it (every message, fuzzy ones included: mdbook-i18n-helpers,
/// which translates with it, leaves those untranslated). Fails saying which file could not be
/// read, and why.
pub fn parse(path: &Path) -> Result<polib::catalog::Catalog, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    // polib 0.2 panics on a header without one of these; say which instead.
    if let Some(key) = HEADER.iter().find(|k| !text.contains(&format!("\"{k}:"))) {
        return Err(format!(
            "cannot read {}: its header has no {key} (`cargo xtask translate` writes a whole one)",
            path.display()
        ));
    }
    std::panic::catch_unwind(|| polib::po_file::parse(path))
        .map_err(|_| format!("cannot read {}: polib could not parse it", path.display()))?
        .map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The translated messages of the catalog at `path`, by their English (`msgid`); fuzzy and
/// untranslated ones left out. Fails saying which file could not be read, and why.
pub fn read(path: &Path) -> Result<HashMap<String, String>, String> {
    Ok(parse(path)?
        .messages()
        .filter(|m| m.is_translated() && !m.is_fuzzy())
        .filter_map(|m| Some((m.msgid().to_string(), m.msgstr().ok()?.to_string())))
        .collect())
}

/// `template` with each `{}` replaced by the next of `values` (as each displays itself); a `{}`
/// with no value left stays.
pub fn fill<S: std::fmt::Display>(template: &str, values: &[S]) -> String {
    let mut values = values.iter();
    let mut parts = template.split("{}");
    let mut out = parts.next().unwrap_or_default().to_string();
    for part in parts {
        match values.next() {
            Some(value) => out.push_str(&value.to_string()),
            None => out.push_str("{}"),
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_puts_each_value_in_its_place() {
        assert_eq!(fill("{} of {}", &["3", "4"]), "3 of 4");
        assert_eq!(fill("{} of {}", &["3"]), "3 of {}");
        assert_eq!(fill("none", &["3"]), "none");
        assert_eq!(fill("{} of {}", &[3, 4]), "3 of 4");
    }

    #[test]
    fn read_keeps_translated_messages_only() {
        let dir = std::env::temp_dir().join(format!("catalog-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let po = dir.join("xx.po");
        std::fs::write(
            &po,
            "msgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: x\\n\"\n\"POT-Creation-Date: \\n\"\n\
             \"PO-Revision-Date: \\n\"\n\"Language-Team: \\n\"\n\"MIME-Version: 1.0\\n\"\n\
             \"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Content-Transfer-Encoding: 8bit\\n\"\n\
             \"Language: xx\\n\"\n\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n\n\
             msgid \"one\"\nmsgstr \"uno\"\n\n\
             #, fuzzy\nmsgid \"two\"\nmsgstr \"dos\"\n\n\
             msgid \"three\"\nmsgstr \"\"\n",
        )
        .unwrap();
        let words = read(&po).unwrap();
        std::fs::write(&po, "msgid \"\"\nmsgstr \"Language: xx\\n\"\n").unwrap();
        let headless = read(&po).unwrap_err();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(headless.contains("Project-Id-Version"), "{headless}");
        assert_eq!(words.get("one").map(String::as_str), Some("uno"));
        assert!(!words.contains_key("two") && !words.contains_key("three"));
        let missing = read(&dir.join("none.po")).unwrap_err();
        assert!(
            missing.contains("cannot read") && missing.contains("none.po"),
            "{missing}"
        );
    }
}
