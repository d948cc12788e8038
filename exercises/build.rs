//! Where the test targets find the chapters' answers: `src/` (the reader's files), `ru/` with
//! the feature `ru` (the Russian edition's starters, which `cargo xtask translate` writes from
//! `src/`), or the absolute folder `EXERCISES_ANSWERS` names (`cargo xtask exercises --check`
//! points it at the committed starters and at our solutions).

use std::env;

fn main() {
    println!("cargo::rerun-if-env-changed=EXERCISES_ANSWERS");
    let manifest = env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    // A feature of a language is named by its code, and its files are in the folder of that name.
    let folder = if env::var_os("CARGO_FEATURE_RU").is_some() {
        "ru"
    } else {
        "src"
    };
    let dir = match env::var("EXERCISES_ANSWERS") {
        Ok(dir) => dir,
        Err(_) => format!("{manifest}/{folder}"),
    };
    println!("cargo::rustc-env=EXERCISES_ANSWERS={dir}");
}
