//! The book's exercises, one file per chapter: write your answers in `src/chNN.rs` in place of
//! each `todo!()` (or `f64::NAN`, `None`), then
//!
//! ```text
//! cargo test -p exercises ch04     # check chapter 4's exercises
//! cargo xtask exercises            # which pass, which are left, the hint of the first one left
//! ```
//!
//! [`check`] says what "correct" means for every exercise: the tests beside your answers, the
//! notebooks' check cells and CI all call it. Our solutions live in `src/solutions/` (the book
//! shows them, folded away); `cargo test -p exercises --features solutions` runs the same tests
//! on them.

pub mod check;

#[allow(unused_variables)] // the starters' arguments, until you use them
pub mod ch01;
#[allow(unused_variables)] // the starters' arguments, until you use them
pub mod ch02;
#[allow(unused_variables)] // the starters' arguments, until you use them
pub mod ch03;
#[allow(unused_variables)] // the starters' arguments, until you use them
pub mod ch04;
#[allow(unused_variables)] // the starters' arguments, until you use them
pub mod ch05;
#[allow(unused_variables)] // the starters' arguments, until you use them
pub mod ch07;
#[allow(unused_variables)] // the starters' arguments, until you use them
pub mod ch08;
#[allow(unused_variables)] // the starters' arguments, until you use them
pub mod ch09;

#[cfg(feature = "solutions")]
pub mod solutions;

#[cfg(test)]
mod mistakes;
