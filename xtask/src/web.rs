//! The book's widgets: the binding crates `web/` (package `nn-web`, the playground's) and
//! `web/digits/` (package `nn-digits`, the softmax chapter's "draw a digit") compiled to
//! WebAssembly and bound with `wasm-bindgen`, into `book/src/playground/pkg/` (git-ignored),
//! before mdBook runs.

use std::fs;

use anyhow::{Context, Result, bail};
use xshell::cmd;

use crate::setup;

const TARGET: &str = "wasm32-unknown-unknown";
/// The limit each page's wasm file must stay under, in KB: 500 until the figures took their words
/// from the page in its language (issue 21, about 14 KB).
const MAX_WASM_KB: u64 = 520;
const MAX_WASM_BYTES: u64 = MAX_WASM_KB * 1024;
/// The packages compiled to WebAssembly, each its own module (`nn_web_bg.wasm`,
/// `nn_digits_bg.wasm`): a page loads only the one its widget needs.
const PACKAGES: [&str; 2] = ["nn-web", "nn-digits"];

/// The version of the `wasm-bindgen` crate in `Cargo.lock`: the CLI must be exactly that one.
fn wasm_bindgen_version() -> Result<String> {
    let lock = fs::read_to_string(setup::root().join("Cargo.lock"))?;
    let at = lock.find("name = \"wasm-bindgen\"\n").context("Cargo.lock has no wasm-bindgen")?;
    let version = lock[at..].lines().nth(1).and_then(|l| l.strip_prefix("version = \""));
    Ok(version.context("Cargo.lock: no version after wasm-bindgen")?.trim_end_matches('"').into())
}

/// The `wasm32-unknown-unknown` target (rustup) and `wasm-bindgen-cli` at the lock file's version.
pub fn ensure_tools() -> Result<()> {
    let sh = setup::shell()?;
    let installed = cmd!(sh, "rustup target list --installed").quiet().read().unwrap_or_default();
    if !installed.lines().any(|l| l == TARGET) {
        cmd!(sh, "rustup target add {TARGET}").run().with_context(|| {
            format!("the target {TARGET} cannot be installed (rustup target add {TARGET} failed), so the book's widgets cannot be built: install it, then run this again")
        })?;
    }
    let version = wasm_bindgen_version()?;
    let cli = setup::tool_path("wasm-bindgen");
    let found = cmd!(sh, "{cli} --version").quiet().ignore_stderr().read().unwrap_or_default();
    if found.trim() == format!("wasm-bindgen {version}") {
        println!("setup: {found}: present, skipping");
        return Ok(());
    }
    println!(
        "setup: installing wasm-bindgen-cli {version} (compiles from source, several minutes)"
    );
    let spec = format!("wasm-bindgen-cli@{version}");
    if cmd!(sh, "cargo install --locked --force {spec}").run().is_err() {
        // E.g. a registry mirror without a dependency at the version of the CLI's lock file.
        println!(
            "setup: `cargo install --locked` failed; trying with the newest compatible dependencies"
        );
        cmd!(sh, "cargo install --force {spec}")
            .run()
            .context("cargo install wasm-bindgen-cli failed: is crates.io reachable?")?;
    }
    Ok(())
}

/// Compiles [`PACKAGES`] to WebAssembly (profile `wasm`), runs `wasm-bindgen --target web` on
/// each into `book/src/playground/pkg/`, and fails when a wasm file is [`MAX_WASM_KB`] or more.
pub fn build() -> Result<()> {
    ensure_tools()?;
    let sh = setup::shell()?;
    let packages = PACKAGES.iter().flat_map(|p| ["--package", p]);
    cmd!(sh, "cargo build {packages...} --target {TARGET} --profile wasm").run()?;
    let root = setup::root();
    let out = root.join("book/src/playground/pkg");
    let cli = setup::tool_path("wasm-bindgen");
    for package in PACKAGES {
        let name = package.replace('-', "_");
        let wasm = setup::target_dir().join(TARGET).join(format!("wasm/{name}.wasm"));
        cmd!(sh, "{cli} --target web --no-typescript --out-dir {out} {wasm}").run()?;
        let size = fs::metadata(out.join(format!("{name}_bg.wasm")))?.len();
        println!("web: {name}_bg.wasm is {:.0} KB", size as f64 / 1024.0);
        if size >= MAX_WASM_BYTES {
            bail!(
                "the widgets' wasm {name}_bg.wasm is {size} bytes, over the {MAX_WASM_KB} KB limit"
            );
        }
    }
    Ok(())
}
