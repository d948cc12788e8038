//! Project automation: `cargo xtask ci` runs every check.

use std::process::{Command, ExitCode};

mod bench;
mod book;
mod figures;
mod notebooks;
mod setup;

fn run(program: &str, args: &[&str]) -> Result<(), String> {
    println!("==> {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .status()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{program} {} failed ({status})", args.join(" ")))
    }
}

fn ci() -> Result<(), String> {
    run("cargo", &["fmt", "--all", "--", "--check"])?;
    run(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    run("cargo", &["test", "--workspace", "--all-features"])?;
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("ci") => ci(),
        Some("setup") => setup::ensure_all(),
        Some("bench") => bench::main(&args[1..]),
        Some("book") => book::build(),
        Some("book-check") => book::check(),
        Some("figures") => match args.get(1).map(String::as_str) {
            None => figures::figures(false),
            Some("--check") => figures::figures(true),
            Some(other) => Err(format!(
                "usage: cargo xtask figures [--check] (got {other})"
            )),
        },
        Some("notebooks") => notebooks::main(&args[1..]),
        _ => Err("usage: cargo xtask ci".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
