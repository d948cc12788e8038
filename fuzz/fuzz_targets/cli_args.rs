//! The trainer's argument parsing (the binary's own clap definitions) on any text, one argument
//! per line: parsed options or a clap error, rendered, never a panic.
#![no_main]

use clap::Parser;
use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../src/bin/nn-from-scratch/args.rs"]
mod args;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let argv = std::iter::once("nn-from-scratch").chain(text.split('\n'));
    if let Err(e) = args::Cli::try_parse_from(argv) {
        let _ = e.render().to_string();
    }
});
