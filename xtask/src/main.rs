//! Project automation: `cargo xtask ci` runs every check. One module per command.

use anyhow::Result;
use clap::{Parser, Subcommand};

mod bench;
mod book;
mod ci;
mod digits;
mod exercise_files;
mod exercises;
mod fuzz;
mod lab;
mod notebooks;
mod release;
mod setup;
mod translate;
mod verify;
mod web;
mod words;

#[derive(Parser)]
#[command(about = "Project automation for nn-from-scratch")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Every check (the README's test command), with a summary of each step's time
    Ci {
        /// The loop of someone editing a chapter: formatting, the chapters' doctests, the
        /// translation and notebook checks, and the named chapters' notebooks in the kernel
        #[arg(long)]
        quick: bool,
        /// With --quick: the chapters whose notebooks run, `05` or `05-training` (`ru/05` for
        /// the Russian edition only; both editions otherwise)
        #[arg(requires = "quick")]
        chapters: Vec<String>,
        /// Run every notebook, even one that passed before with the very same inputs
        #[arg(long)]
        rerun: bool,
    },
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
        /// With --check: only the words check (no English in what the Russian edition shows,
        /// no Cyrillic in the English edition's), which --check also runs
        #[arg(long, requires = "check")]
        words: bool,
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
        /// The edition whose exercises to show, in its language: `ru` reads your answers in
        /// exercises/ru/ (the Russian starters, written from the English ones the first time)
        #[arg(long, default_value = "en", conflicts_with = "check",
              value_parser = clap::builder::PossibleValuesParser::new(
                  mdbook_nn::language::ALL.map(|l| l.code)))]
        language: String,
    },
    /// What publishing needs: the workflows clean under actionlint, `cargo publish --dry-run`,
    /// and a lean package (only the library, the binary and their data; at most 1 MB)
    ReleaseCheck,
    /// The handwritten digits: the accuracy table (ours and scikit-learn's on the same splits,
    /// into book/src/bench/digits.md), or the data file and the widget's model again
    Digits {
        /// Write data/digits.csv again, from the copy scikit-learn bundles
        #[arg(long)]
        data: bool,
        /// Write the draw-a-digit widget's model (book/src/playground/digits-model.json) again
        #[arg(long)]
        model: bool,
        /// Check that both files are what --data and --model make (on this machine)
        #[arg(long, conflicts_with_all = ["data", "model"])]
        check: bool,
        /// Write each language's table again from book/src/bench/digits.json (after its words
        /// or their translation changed), without measuring
        #[arg(long, conflicts_with_all = ["data", "model", "check"])]
        tables: bool,
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

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Ci { quick: false, rerun, .. } => ci::full(!rerun),
        Command::Ci { chapters, rerun, .. } => ci::quick(&chapters, !rerun),
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
        Command::Translate { check: true, words: true } => words::check(),
        Command::Translate { check: true, .. } => translate::check(),
        Command::Translate { .. } => translate::update(),
        Command::Fuzz { seconds } => fuzz::run(seconds),
        Command::Exercises { check: true, .. } => exercises::check(true),
        Command::Exercises { language, .. } => {
            exercises::progress(mdbook_nn::language::of(Some(&language))?)
        }
        Command::ReleaseCheck => release::check(),
        Command::Bench { smoke, peers } => bench::main(smoke, peers),
        Command::Digits { data, model, check, tables } => digits::main(data, model, check, tables),
    }
}
