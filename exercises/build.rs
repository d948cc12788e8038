//! Where the test targets find the chapters' answers: `src/` (the reader's files), `ru/` with
//! the feature `ru` (the Russian edition's starters, which `cargo xtask exercises --language ru`
//! writes from `src/` the first time), or the absolute folder `EXERCISES_ANSWERS` names (`cargo
//! xtask exercises --check` points it at the starters and solutions as shipped).
//!
//! While an edition's starters are not written yet, the test targets stop with a message that
//! says how to write them (the cfg `exercises_not_written`, see `tests!`), in the edition's
//! language: `not_written` of `src/words.json`, as `po/LANG.po` translates it.

use std::env;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-env-changed=EXERCISES_ANSWERS");
    println!("cargo::rustc-check-cfg=cfg(exercises_not_written)");
    let manifest = env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    // A feature of a language is named by its code, and its files are in the folder of that name.
    let language = env::var_os("CARGO_FEATURE_RU").map(|_| "ru");
    let folder = language.unwrap_or("src");
    let dir = match env::var("EXERCISES_ANSWERS") {
        Ok(dir) => dir,
        Err(_) => format!("{manifest}/{folder}"),
    };
    println!("cargo::rustc-env=EXERCISES_ANSWERS={dir}");
    let Some(code) = language else { return };
    println!("cargo::rerun-if-changed={dir}");
    let written = std::fs::read_dir(&dir).is_ok_and(|mut files| {
        files.any(|f| f.is_ok_and(|f| f.file_name().to_string_lossy().starts_with("ch")))
    });
    if !written {
        println!("cargo::rustc-cfg=exercises_not_written");
        let message = not_written(Path::new(&manifest), code);
        let out = env::var("OUT_DIR").unwrap_or_default();
        if let Err(e) = std::fs::write(Path::new(&out).join("not_written.txt"), message) {
            println!("cargo::error=cannot write {out}/not_written.txt: {e}");
        }
    }
}

/// The message `not_written` of `src/words.json` in the language `code`, its `{}` filled in.
fn not_written(manifest: &Path, code: &str) -> String {
    let (words, po) = (
        manifest.join("src/words.json"),
        manifest.join(format!("../po/{code}.po")),
    );
    println!("cargo::rerun-if-changed={}", words.display());
    println!("cargo::rerun-if-changed={}", po.display());
    let english = std::fs::read_to_string(&words)
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|words| words["not_written"].as_str().map(str::to_string))
        .unwrap_or_else(|| "run `cargo xtask exercises --language {}`".into());
    let template = match catalog::read(&po) {
        Ok(catalog) => catalog.get(&english).cloned().unwrap_or(english),
        Err(_) => english,
    };
    catalog::fill(&template, &[format!("exercises/{code}/"), code.to_string()])
}
