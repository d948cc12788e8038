//! The command-line trainer. All the work happens in the library; see `cli.rs` for the commands.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
