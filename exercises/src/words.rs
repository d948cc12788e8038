//! The words of the checks' messages, in the reader's language: every message a check gives is
//! made here. The English is `words.json`'s, each message once by a key; with the feature `ru`
//! (which the Russian notebooks turn on, and `cargo test -p exercises --features ru --test chNN`
//! or `cargo xtask exercises --language ru` in an editor) each is its translation in the book's
//! catalog `po/ru.po`, where `cargo xtask translate` puts these messages beside the chapters'.

use std::collections::HashMap;
use std::sync::LazyLock;

/// The English words by key.
static ENGLISH: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    serde_json::from_str(include_str!("words.json")).expect("words.json is a map of strings")
});

/// The catalog of the reader's language, when the crate is built for one (`po/ru.po`, read from
/// the repository this crate is in, by the crate `catalog`); `Err` says why it could not be
/// read.
static CATALOG: LazyLock<Result<HashMap<String, String>, String>> = LazyLock::new(|| {
    if !cfg!(feature = "ru") {
        return Ok(HashMap::new());
    }
    catalog::read(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../po/ru.po"))
});

/// The words of `key` (one of `words.json`'s) in the reader's language, each `{}` replaced by
/// the next of `values`. Without a translation (or a readable catalog) the English, saying so.
pub(crate) fn word(key: &str, values: &[&dyn std::fmt::Display]) -> String {
    let english = ENGLISH.get(key).map_or(key, String::as_str);
    let template = match &*CATALOG {
        Ok(catalog) => catalog.get(english).map_or(english, String::as_str),
        Err(_) => english,
    };
    let mut out = catalog::fill(template, values);
    if let Err(why) = &*CATALOG {
        out.push_str(&format!(" ({why})"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sources of the checks, `src/check/*.rs`, and `build.rs`.
    fn checks() -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/check");
        let mut text = include_str!("../build.rs").to_string();
        for entry in std::fs::read_dir(dir).expect("src/check is readable") {
            text += &std::fs::read_to_string(entry.expect("an entry").path()).expect("a file");
        }
        text
    }

    #[test]
    fn every_word_is_declared_used_and_filled_in() {
        let checks = checks();
        for piece in checks.split("word(\"").skip(1) {
            let key = piece.split('"').next().unwrap_or_default();
            assert!(ENGLISH.contains_key(key), "{key} is not in words.json");
        }
        for key in ENGLISH.keys() {
            let named = checks.contains(&format!("\"{key}\""));
            assert!(named, "{key} of words.json is used by no check");
            let holes = ENGLISH[key].matches("{}").count();
            if cfg!(feature = "ru") {
                let text = CATALOG
                    .as_ref()
                    .expect("po/ru.po is readable")
                    .get(&ENGLISH[key]);
                let text = text.unwrap_or_else(|| panic!("po/ru.po lacks {key}"));
                assert_eq!(text.matches("{}").count(), holes, "{key}: {text}");
            }
        }
        let nan = word("still_nan", &[&"NEURON_OUTPUT"]);
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
