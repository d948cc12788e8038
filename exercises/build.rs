//! Where the test targets find the chapters' answers: `src/` (the reader's files), or the
//! absolute folder `EXERCISES_ANSWERS` names (`cargo xtask exercises --check` points it at the
//! committed starters and at our solutions).

use std::env;

fn main() {
    println!("cargo::rerun-if-env-changed=EXERCISES_ANSWERS");
    let dir = match env::var("EXERCISES_ANSWERS") {
        Ok(dir) => dir,
        Err(_) => format!("{}/src", env::var("CARGO_MANIFEST_DIR").unwrap_or_default()),
    };
    println!("cargo::rustc-env=EXERCISES_ANSWERS={dir}");
}
