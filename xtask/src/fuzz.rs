//! `fuzz`: each cargo-fuzz target of `fuzz/` (the CSV reader, the model loader, the trainer's
//! argument parsing) for a set time. cargo-fuzz needs nightly (`cargo +nightly fuzz`); without a
//! nightly toolchain the step is skipped with a message. Seeds come from the committed
//! `fuzz/corpus/<target>/`; new inputs go to `target/fuzz-corpus/<target>/` (git-ignored), so a
//! run leaves the repository unchanged; a crash's input goes to `fuzz/artifacts/<target>/`.

use anyhow::{Result, bail};
use xshell::cmd;

use crate::setup::{self, CARGO_FUZZ};

/// The targets, `fuzz/fuzz_targets/<name>.rs`.
const TARGETS: [&str; 3] = ["csv", "model", "cli_args"];

/// Runs every target for `seconds`, printing the executions of each and their total.
pub fn run(seconds: u64) -> Result<()> {
    let sh = setup::shell()?;
    let toolchains = cmd!(sh, "rustup toolchain list").quiet().read().unwrap_or_default();
    if !toolchains.lines().any(|l| l.starts_with("nightly")) {
        println!(
            "fuzz: SKIPPED: cargo-fuzz needs a nightly toolchain, and rustup lists none \
             (install one with `rustup toolchain install nightly`)"
        );
        return Ok(());
    }
    setup::ensure_cargo_tool(&CARGO_FUZZ)?;
    let root = setup::root();
    sh.change_dir(root.join("fuzz"));
    cmd!(sh, "cargo +nightly fuzz build").run()?;
    let max_time = format!("-max_total_time={seconds}");
    let mut total = 0;
    for target in TARGETS {
        let new = root.join("target/fuzz-corpus").join(target);
        sh.create_dir(&new)?;
        let seeds = root.join("fuzz/corpus").join(target);
        println!("fuzz: {target} for {seconds} s");
        let out = cmd!(sh, "cargo +nightly fuzz run {target} {new} {seeds} -- {max_time}")
            .ignore_status()
            .output()?;
        let log = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() {
            let tail: Vec<&str> = log.lines().rev().take(40).collect();
            for line in tail.iter().rev() {
                eprintln!("{line}");
            }
            bail!("fuzz: {target} crashed; the input is in fuzz/artifacts/{target}/");
        }
        // libFuzzer's last line: "Done 123456 runs in 60 second(s)".
        let runs: u64 = log
            .lines()
            .find_map(|l| l.strip_prefix("Done ")?.split(' ').next()?.parse().ok())
            .unwrap_or(0);
        println!("fuzz: {target}: {runs} executions in {seconds} s, no crash");
        total += runs;
    }
    println!("fuzz: {total} executions in all, no crash");
    Ok(())
}
