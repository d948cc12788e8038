//! Project automation: `cargo xtask ci` runs every check. One module per command.

use std::time::Instant;

use anyhow::Result;
use clap::{Parser, Subcommand};
use xshell::cmd;

mod bench;
mod book;
mod exercises;
mod fuzz;
mod lab;
mod notebooks;
mod setup;
mod translate;
mod web;

#[derive(Parser)]
#[command(about = "Project automation for nn-from-scratch")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Every check (the README's test command)
    Ci,
    /// Install the pinned tools (venv, mdbook, evcxr kernel, chromium)
    Setup,
    /// Build the book in every language: the HTML and the notebooks (fails on any warning)
    Book,
    /// Build the book and check every page in headless Chromium
    BookCheck,
    /// Put the notebooks and figures the chapters make in place, check them, run them
    Notebooks {
        /// Fail when a notebook or figure is stale or a number in the prose was not printed
        #[arg(long, group = "mode")]
        check: bool,
        /// Regenerate, run with the evcxr kernel, store the outputs and figures
        #[arg(long, group = "mode")]
        execute: bool,
        /// --check, then run and compare with the stored outputs
        #[arg(long, group = "mode")]
        verify: bool,
        /// Notebooks to run: `01`, `01-neuron` or `01-neuron.ipynb` (all when none)
        #[arg(conflicts_with = "check")]
        names: Vec<String>,
    },
    /// JupyterLab on your own copy of the notebooks (in lab/, git-ignored)
    Lab {
        /// Replace every copy in lab/ with the committed notebook
        #[arg(long)]
        fresh: bool,
        /// The JupyterLab check of `ci` (headless Chromium), instead of starting JupyterLab
        #[arg(long, conflicts_with = "fresh")]
        check: bool,
        /// With --check: kernel restarts to try (each runs the notebook again)
        #[arg(long, default_value_t = 3, requires = "check")]
        restarts: u32,
    },
    /// The translations: extract the chapters' messages into po/messages.pot and merge them
    /// into po/LANG.po (changed English becomes fuzzy)
    Translate {
        /// Fail on any untranslated or fuzzy message, or a translation that changes code,
        /// formulas, links or numbers (gettext's own coverage report)
        #[arg(long)]
        check: bool,
    },
    /// Fuzz the CSV reader, the model loader and the argument parsing (nightly), each target in turn
    Fuzz {
        /// Seconds per target
        #[arg(long, default_value_t = 60)]
        seconds: u64,
    },
    /// Your progress on the book's exercises (`exercises/`): done, wrong, not started, files
    /// that do not compile; the hint of the next
    Exercises {
        /// The check of `ci`: the committed starters (from git, never your files) fail saying
        /// what is missing, solutions pass (in the package and in the notebooks), mistakes are
        /// caught
        #[arg(long)]
        check: bool,
    },
    /// The speed comparisons (Rust, NumPy, scikit-learn; candle with --peers)
    Bench {
        /// Tiny sizes, every program once, writes nothing
        #[arg(long)]
        smoke: bool,
        /// Also the Rust peers (candle; compiles for several minutes the first time)
        #[arg(long)]
        peers: bool,
    },
}

/// Every check, cheapest first.
fn ci() -> Result<()> {
    let start = Instant::now();
    let sh = setup::shell()?;
    cmd!(sh, "cargo fmt --all -- --check").run()?;
    cmd!(sh, "cargo clippy --workspace --all-targets --all-features -- -D warnings").run()?;
    cmd!(sh, "cargo test --workspace --all-features").run()?;
    step("setup", setup::ensure_all)?;
    step("translate --check (every message translated, none fuzzy)", translate::check)?;
    step("notebooks --check (cells, figures, numbers in the prose)", notebooks::check)?;
    step("book-check", book::check)?;
    step("notebooks --verify", || notebooks::verify(&[]))?;
    step("exercises --check (starters, solutions, mistakes, solved notebooks)", exercises::check)?;
    step("lab --check (JupyterLab in headless Chromium)", || lab::check(3))?;
    step("bench --smoke", || bench::main(true, false))?;
    step("fuzz --seconds 30 (each target; skipped without nightly)", || fuzz::run(30))?;
    println!("ci: everything passed in {:.1} min", start.elapsed().as_secs_f64() / 60.0);
    Ok(())
}

/// Runs one in-process step with a heading, so the log shows where the time goes.
fn step(name: &str, f: impl FnOnce() -> Result<()>) -> Result<()> {
    println!("==> {name}");
    let start = Instant::now();
    f()?;
    println!("==> {name}: done in {:.1} s", start.elapsed().as_secs_f64());
    Ok(())
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Ci => ci(),
        Command::Setup => setup::ensure_all(),
        Command::Book => book::build(),
        Command::BookCheck => book::check(),
        Command::Notebooks { check: true, .. } => notebooks::check(),
        Command::Notebooks { execute: true, names, .. } => notebooks::execute(&names),
        Command::Notebooks { verify: true, names, .. } => notebooks::verify(&names),
        Command::Notebooks { names, .. } if !names.is_empty() => {
            anyhow::bail!("notebook names go with --execute or --verify")
        }
        Command::Notebooks { .. } => notebooks::generate(),
        Command::Lab { check: true, restarts, .. } => lab::check(restarts),
        Command::Lab { fresh, .. } => lab::main(fresh),
        Command::Translate { check: true } => translate::check(),
        Command::Translate { .. } => translate::update(),
        Command::Fuzz { seconds } => fuzz::run(seconds),
        Command::Exercises { check: true } => exercises::check(),
        Command::Exercises { .. } => exercises::progress(),
        Command::Bench { smoke, peers } => bench::main(smoke, peers),
    }
}
