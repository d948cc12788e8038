//! `mdbook build book -d DIR` works wherever DIR is: mdBook runs a backend in its output folder,
//! so every extension in book/book.toml goes through `book/mdbook-nn.sh`, which mdBook finds from
//! the book's root and which finds the workspace from its own place.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask/ has a parent").to_owned()
}

/// Every `command` of book.toml starts with the launcher, by a path of more than one part
/// (mdBook looks a bare name up in PATH, and joins a path to the book's root).
#[test]
fn every_extension_goes_through_the_launcher() {
    let toml = std::fs::read_to_string(root().join("book/book.toml")).expect("book/book.toml");
    let commands: Vec<&str> = toml
        .lines()
        .filter_map(|l| l.trim().strip_prefix("command = \""))
        .map(|c| c.trim_end_matches('"'))
        .collect();
    assert!(commands.len() >= 4, "book.toml's commands: {commands:?}");
    for command in commands {
        assert!(
            command.starts_with("./mdbook-nn.sh "),
            "book/book.toml: `{command}` would run in the backend's output folder; \
             write it as `./mdbook-nn.sh ARGS`"
        );
    }
}

/// The launcher, started from a folder outside the repository (as mdBook starts a backend for
/// `-d /tmp/...`), runs mdbook-nn: here its answer to mdBook's question whether a preprocessor
/// supports a renderer.
#[test]
fn the_launcher_works_from_outside_the_repository() {
    let outside = std::env::temp_dir().join(format!("book-anywhere-{}", std::process::id()));
    std::fs::create_dir_all(&outside).expect("a scratch folder");
    assert!(!outside.starts_with(root()), "{} is inside the repository", outside.display());
    let launcher = root().join("book/./mdbook-nn.sh");
    let out = Command::new(&launcher)
        .args(["math-in", "supports", "html"])
        .current_dir(&outside)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", launcher.display()));
    let _ = std::fs::remove_dir(&outside);
    assert!(
        out.status.success(),
        "{} from {}: {}\n{}",
        launcher.display(),
        outside.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    // And it refuses what mdbook-nn refuses: the answer comes from mdbook-nn itself.
    let refused = Command::new(&launcher)
        .args(["outputs", "supports", "notebooks"])
        .current_dir(std::env::temp_dir())
        .output()
        .expect("the launcher runs");
    assert!(!refused.status.success(), "outputs does not support the notebooks backend");
}
