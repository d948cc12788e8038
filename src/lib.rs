//! # nn-from-scratch
//!
//! A neural network built from nothing, following the beginner tutorial "an introduction to
//! neural networks": one module per idea, named after it.
//!
//! | idea | module |
//! |---|---|
//! | the sigmoid and its derivative | [`activation`] |
//! | one neuron | [`neuron`] |
//! | the 2-2-1 network | [`network`] |
//! | mean squared error | [`loss`] |
//! | the chain rule, sample by sample | [`backprop`] |
//! | stochastic gradient descent | [`training`] |
//! | the tutorial's people | [`data`] |
//! | a person and their sex | [`person`] |
//! | accuracy and the confusion matrix | [`metrics`] |
//! | SGD, momentum and Adam | [`optimizer`] |
//! | the general multilayer perceptron, in matrix form, with its activations and losses by name | [`mlp`] |
//! | the census, standardisation, the held-out split, synthetic people | [`datasets`] |
//! | circles, exclusive-ors and spirals in the plane | [`shapes`] |
//! | the book's figures, as SVG (feature `plot`) | `plot` |
//!
//! Around them: [`choice`] declares every choice made by name once, [`csv_data`] reads people from CSV text, [`model`] saves and loads trained
//! networks, [`error`] names everything that can go wrong, and the `nn-from-scratch` binary
//! (`src/bin/nn-from-scratch/`, feature `cli`) is the command-line trainer.
#![warn(missing_docs)]

#[macro_use]
pub mod choice;

pub mod activation;
pub mod backprop;
pub mod classifier;
pub mod csv_data;
pub mod data;
pub mod datasets;
pub mod error;
pub mod limits;
pub mod loss;
pub mod loss_log;
pub mod metrics;
pub mod mlp;
pub mod model;
pub mod network;
pub mod neuron;
pub mod optimizer;
pub mod person;
#[cfg(feature = "plot")]
pub mod plot;
pub mod shapes;
pub mod table;
pub mod training;

pub use error::Error;

#[cfg(all(doctest, feature = "plot"))]
mod chapters;
