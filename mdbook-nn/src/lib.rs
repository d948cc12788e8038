//! The book's mdBook extensions, in the manner of the Rust Book's `mdbook-trpl`: each a small
//! module on the mdBook crates and pulldown-cmark, with its own tests. `book/book.toml` runs
//! them as `cargo run -p mdbook-nn -- notebooks` and `cargo run -p mdbook-nn -- outputs`.
//!
//! | module | what |
//! |---|---|
//! | [`chapter`] | the one reading of a chapter's Markdown that everything else uses |
//! | [`notebooks`] | the backend `notebooks`: each chapter as a Jupyter notebook, its figures, and the check that the prose quotes only what the code printed |
//! | [`outputs`] | the preprocessor `outputs` of the HTML book: under each snippet, what it printed |
//! | [`notebook`] | Jupyter's notebook format, as serde types |
//! | [`math`] | the preprocessors `math-in` and `math-out`, which carry the formulas through gettext unchanged |
//! | [`exercises`] | the exercises' files in a translation, and a translated chapter's includes of them |
//! | [`language`] | the book's languages: what the extensions write in each, and the words the prose check reads |

pub mod chapter;
pub mod exercises;
pub mod language;
pub mod math;
pub mod notebook;
pub mod notebooks;
pub mod outputs;
