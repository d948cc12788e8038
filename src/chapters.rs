//! The book's chapters as doctests: every runnable Rust block of `book/src/*.md` is compiled and
//! run by `cargo test --features plot` against this crate. (The chapter listings of the crate's
//! own code are `ignore`d there: they are this crate's source, compiled and tested already.)
//!
//! An import a snippet does not use is noise, so it fails the doctests of every chapter. Each
//! snippet imports what it uses: visibly in the first snippet of its chapter that needs the name
//! (the notebook runs a chapter's snippets in one kernel and leaves their hidden lines out),
//! with hidden `# use` lines after that; an exercise's starter, whose imports serve the answer
//! still to be written, allows them in a hidden first line.

/// Chapter 0.
#[doc = include_str!("../book/src/00-introduction.md")]
#[doc(test(attr(deny(unused_imports))))]
pub struct Introduction;

/// Chapter 1.
#[doc = include_str!("../book/src/01-neuron.md")]
#[doc(test(attr(deny(unused_imports))))]
pub struct Neuron;

/// Chapter 2.
#[doc = include_str!("../book/src/02-network.md")]
#[doc(test(attr(deny(unused_imports))))]
pub struct Network;

/// Chapter 3.
#[doc = include_str!("../book/src/03-data-and-loss.md")]
#[doc(test(attr(deny(unused_imports))))]
pub struct DataAndLoss;

/// Chapter 4.
#[doc = include_str!("../book/src/04-backpropagation.md")]
#[doc(test(attr(deny(unused_imports))))]
pub struct Backpropagation;

/// Chapter 5.
#[doc = include_str!("../book/src/05-training.md")]
#[doc(test(attr(deny(unused_imports))))]
pub struct Training;

/// Chapter 6.
#[doc = include_str!("../book/src/06-what-next.md")]
#[doc(test(attr(deny(unused_imports))))]
pub struct WhatNext;

/// Chapter 7.
#[doc = include_str!("../book/src/07-real-people.md")]
#[doc(test(attr(deny(unused_imports))))]
pub struct RealPeople;

/// Chapter 8.
#[doc = include_str!("../book/src/08-any-shape.md")]
#[doc(test(attr(deny(unused_imports))))]
pub struct AnyShape;

/// Chapter 9.
#[doc = include_str!("../book/src/09-activations-and-optimizers.md")]
#[doc(test(attr(deny(unused_imports))))]
pub struct ActivationsAndOptimizers;

/// Chapter 10.
#[doc = include_str!("../book/src/10-how-fast.md")]
#[doc(test(attr(deny(unused_imports))))]
pub struct HowFast;

/// Chapter 11.
#[doc = include_str!("../book/src/11-playground.md")]
#[doc(test(attr(deny(unused_imports))))]
pub struct Playground;

/// Chapter 12.
#[doc = include_str!("../book/src/12-softmax.md")]
#[doc(test(attr(deny(unused_imports))))]
pub struct Softmax;
