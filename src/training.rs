//! Stochastic gradient descent, exactly as the tutorial trains: one sample at a time, in dataset
//! order; for each sample all nine partial derivatives are computed first, then every parameter
//! moves against its derivative by `learn_rate * dL/dp`.

use serde::{Deserialize, Serialize};

use crate::backprop::{Backprop, backprop};
use crate::data::Dataset;
use crate::error::Error;
use crate::loss::mse;
use crate::loss_log::LossLog;
use crate::network::Network;

// ANCHOR: program
/// The settings of a training run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainConfig {
    /// The step size of gradient descent (the tutorial's `learn_rate`, 0.1).
    pub learn_rate: f64,
    /// How many passes over the whole dataset (the tutorial's 1000).
    pub epochs: usize,
    /// The loss over the whole dataset is recorded after every epoch `e` with
    /// `e % log_every == 0` (the tutorial's 10).
    pub log_every: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            learn_rate: 0.1,
            epochs: 1000,
            log_every: 10,
        }
    }
}

impl TrainConfig {
    /// Checks that the settings make sense.
    pub fn validate(&self) -> Result<(), Error> {
        if self.learn_rate.is_nan() || self.learn_rate <= 0.0 || self.learn_rate.is_infinite() {
            return Err(Error::InvalidLearnRate(self.learn_rate));
        }
        if self.epochs == 0 {
            return Err(Error::ZeroEpochs);
        }
        if self.log_every == 0 {
            return Err(Error::ZeroLogEvery);
        }
        Ok(())
    }
}

/// The loss over the whole dataset after one epoch.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LossRecord {
    /// The epoch, counted from 0.
    pub epoch: usize,
    /// The mean squared error over the dataset after that epoch's updates.
    pub loss: f64,
}

/// The mean squared error of `net` over the whole dataset.
pub fn dataset_loss(net: &Network, data: &Dataset) -> Result<f64, Error> {
    let preds: Vec<f64> = data.inputs.iter().map(|&x| net.feedforward(x)).collect();
    mse(&data.labels, &preds)
}

// ANCHOR: sgd_step
/// One step of stochastic gradient descent on one sample. Every partial derivative is computed
/// (by [`backprop`]) before any parameter moves. Returns the backpropagation it used.
pub fn sgd_step(net: &mut Network, x: [f64; 2], y_true: f64, learn_rate: f64) -> Backprop {
    let bp = backprop(net, x, y_true);
    let g = bp.gradients;
    net.w1 -= learn_rate * g.w1;
    net.w2 -= learn_rate * g.w2;
    net.w3 -= learn_rate * g.w3;
    net.w4 -= learn_rate * g.w4;
    net.w5 -= learn_rate * g.w5;
    net.w6 -= learn_rate * g.w6;
    net.b1 -= learn_rate * g.b1;
    net.b2 -= learn_rate * g.b2;
    net.b3 -= learn_rate * g.b3;
    bp
}
// ANCHOR_END: sgd_step

// ANCHOR: train
/// Trains `net` on `data`, calling `on_log` with the loss over the whole dataset after every
/// epoch `e` with `e % config.log_every == 0`. Returns those same records as a history.
///
/// Fails before touching `net` when the settings or the data are invalid, and fails with
/// [`Error::Diverged`] when a parameter or the loss stops being a finite number.
pub fn train(
    net: &mut Network,
    data: &Dataset,
    config: &TrainConfig,
    on_log: impl FnMut(LossRecord),
) -> Result<Vec<LossRecord>, Error> {
    config.validate()?;
    if data.is_empty() {
        return Err(Error::EmptyDataset);
    }
    if data.inputs.len() != data.labels.len() {
        return Err(Error::LengthMismatch {
            expected: data.labels.len(),
            found: data.inputs.len(),
        });
    }
    let mut log = LossLog::new(config.epochs, config.log_every, on_log)?;
    for epoch in 0..config.epochs {
        for (&x, &y_true) in data.inputs.iter().zip(&data.labels) {
            sgd_step(net, x, y_true, config.learn_rate);
        }
        // Stop if a number blew up; every log_every epochs, record the loss.
        log.end_epoch(epoch, net.is_finite(), || dataset_loss(net, data))?;
    }
    Ok(log.into_history())
}
// ANCHOR_END: train
// ANCHOR_END: program
