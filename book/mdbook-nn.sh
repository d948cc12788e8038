#!/bin/sh
# Runs the book's extensions (mdbook-nn) from the workspace this book belongs to. mdBook runs a
# backend in its output folder, which `mdbook build book -d DIR` may put outside the repository,
# where `cargo run` would find no Cargo.toml; book.toml names this file by a relative path, which
# mdBook resolves from the book's root, and the script finds the workspace from its own place.
cd "$(dirname "$0")/.." && exec cargo run --quiet --package mdbook-nn -- "$@"
