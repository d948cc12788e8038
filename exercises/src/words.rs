//! The words of the checks' messages about an answer not yet written, in the reader's language.
//! The English is `words.json`'s; with the feature `ru` (which the Russian notebooks turn on, and
//! `cargo test -p exercises --features ru --test chNN` in an editor) each is its translation in
//! the book's catalog `po/ru.po`, where `cargo xtask translate` puts these messages beside the
//! chapters'. The other messages of the checks are English in every edition still (issue 21).

use std::collections::HashMap;
use std::sync::LazyLock;

/// The English words by key.
static ENGLISH: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    serde_json::from_str(include_str!("words.json")).expect("words.json is a map of strings")
});

/// The catalog of the reader's language, when the crate is built for one (`po/ru.po`, read from
/// the repository this crate is in); `Err` says why it could not be read.
static CATALOG: LazyLock<Result<HashMap<String, String>, String>> = LazyLock::new(|| {
    if !cfg!(feature = "ru") {
        return Ok(HashMap::new());
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../po/ru.po");
    let catalog =
        polib::po_file::parse(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(catalog
        .messages()
        .filter(|m| m.is_translated() && !m.is_fuzzy())
        .filter_map(|m| Some((m.msgid().to_string(), m.msgstr().ok()?.to_string())))
        .collect())
});

/// The words of `key` (one of `words.json`'s) in the reader's language, each `{}` replaced by
/// the next of `values`. Without a translation (or a readable catalog) the English, saying so.
pub(crate) fn word(key: &str, values: &[&str]) -> String {
    let english = ENGLISH.get(key).map_or(key, String::as_str);
    let template = match &*CATALOG {
        Ok(catalog) => catalog.get(english).map_or(english, String::as_str),
        Err(_) => english,
    };
    let mut out = String::new();
    let mut values = values.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        out.push_str(values.next().copied().unwrap_or("{}"));
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    if let Err(why) = &*CATALOG {
        out.push_str(&format!(" ({why})"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_declared_and_filled_in() {
        for key in ["not_implemented", "still_nan", "still_none", "count_none"] {
            assert!(ENGLISH.contains_key(key), "{key}");
        }
        let nan = word("still_nan", &["NEURON_OUTPUT"]);
        if cfg!(feature = "ru") {
            assert!(
                nan.starts_with("NEURON_OUTPUT") && !nan.contains("pen and paper"),
                "{nan}"
            );
        } else {
            assert!(
                nan.starts_with("NEURON_OUTPUT is still f64::NAN; work it out"),
                "{nan}"
            );
        }
    }
}
