//! The command-line trainer: `nn-from-scratch train` and `nn-from-scratch predict`. All the work
//! happens in the library; this binary parses the command line ([`args`]), reads and writes
//! files ([`files`]), and prints.
//!
//! Everything a user can get wrong ends as one line on stderr and exit status 2.

mod args;
mod error;
mod files;
mod predict;
mod table;
mod train;

use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

use args::{Cli, Command};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // A value that does not parse (`--init 1,x,...`, `--layers 2,x,1`): clap's first line
        // names the option, the value and the problem; that line alone, like every other error.
        Err(e) if e.kind() == ErrorKind::ValueValidation => {
            let message = e.render().to_string();
            eprintln!("{}", message.lines().next().unwrap_or_default());
            return ExitCode::from(2);
        }
        // Help, version, and clap's other errors (with their usage), as clap prints them.
        Err(e) => e.exit(),
    };
    let result = match cli.command {
        Command::Train(args) => train::run(&args),
        Command::Predict(args) => predict::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
