//! Training: the settings ([`FitConfig`]), one epoch at a time ([`Trainer`]), and the whole run
//! ([`Mlp::fit`], [`Mlp::fit_dataset`]).

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use super::model::Mlp;
use super::workspace::Workspace;
use crate::data::Dataset;
use crate::error::Error;
use crate::loss_log::LossLog;
use crate::mlp::Loss;
use crate::optimizer::{Optimizer, OptimizerState};
use crate::training::{LossRecord, TrainConfig};

impl Mlp {
    /// Trains the network on `inputs` and `labels` (see [`FitConfig`]), calling `on_log` with the
    /// loss over the whole training set after every epoch `e` with `e % config.log_every == 0`,
    /// and returning those records as a history, like [`crate::training::train`].
    ///
    /// Fails before touching the network when the settings or the data are invalid (no samples,
    /// lengths that differ, a sample of the wrong width, a NaN or infinite value, for a softmax
    /// output a label that is not a class number `0..K` or a loss other than
    /// [`Loss::CrossEntropy`]), and fails
    /// with [`Error::Diverged`] when a parameter or the logged loss stops being finite.
    ///
    /// With `batch_size: 1`, `shuffle: false`, [`Loss::Mse`] and [`Optimizer::Sgd`] this is the
    /// tutorial's training. Nothing is allocated per sample, batch or epoch: the workspace,
    /// optimizer buffers and history are allocated once, up front.
    pub fn fit<I: AsRef<[f64]>>(
        &mut self,
        inputs: &[I],
        labels: &[f64],
        config: &FitConfig,
        on_log: impl FnMut(LossRecord),
    ) -> Result<Vec<LossRecord>, Error> {
        config.validate()?;
        self.check_data(inputs, labels)?;
        // A batch never holds more than the whole dataset, so size the workspace for no more.
        let sized = FitConfig {
            batch_size: config.batch_size.min(inputs.len()),
            ..*config
        };
        let mut trainer = Trainer::new(self, sized)?;
        let mut log = LossLog::new(config.epochs, config.log_every, on_log)?;
        for epoch in 0..config.epochs {
            trainer.epoch_unchecked(self, inputs, labels)?;
            log.end_epoch(epoch, self.is_finite(), || {
                Ok(self.dataset_loss_unchecked(&mut trainer.ws, inputs, labels, config.loss))
            })?;
        }
        Ok(log.into_history())
    }

    /// [`Mlp::fit`] on a [`Dataset`] (two features per sample: weight and height).
    pub fn fit_dataset(
        &mut self,
        data: &Dataset,
        config: &FitConfig,
        on_log: impl FnMut(LossRecord),
    ) -> Result<Vec<LossRecord>, Error> {
        self.fit(&data.inputs, &data.labels, config, on_log)
    }
}

/// The settings of [`Mlp::fit`]. The default is the tutorial's training: 1000 epochs of plain
/// SGD with learning rate 0.1 on the mean squared error, one sample at a time, in dataset order,
/// logging every 10 epochs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FitConfig {
    /// How many passes over the whole dataset.
    pub epochs: usize,
    /// Samples per mini-batch; 1 is the tutorial's per-sample SGD. The last batch of an epoch
    /// holds what is left.
    pub batch_size: usize,
    /// Whether to visit the samples in a new random order every epoch; when false they go in
    /// dataset order.
    pub shuffle: bool,
    /// Seeds the shuffling (the same seed gives the same orders).
    pub seed: u64,
    /// What is minimised.
    pub loss: Loss,
    /// How gradients become steps.
    pub optimizer: Optimizer,
    /// The loss over the whole dataset is recorded after every epoch `e` with
    /// `e % log_every == 0`.
    pub log_every: usize,
}

impl Default for FitConfig {
    /// The tutorial's training in the general trainer's terms: [`TrainConfig::default`]'s epochs
    /// and logging, one sample at a time in order, the mean squared error, plain SGD
    /// ([`Optimizer::default`]).
    fn default() -> Self {
        let tutorial = TrainConfig::default();
        FitConfig {
            epochs: tutorial.epochs,
            batch_size: 1,
            shuffle: false,
            seed: 0,
            loss: Loss::Mse,
            optimizer: Optimizer::default(),
            log_every: tutorial.log_every,
        }
    }
}

impl FitConfig {
    /// Checks that the settings make sense: at least one epoch, a batch size and `log_every`
    /// of at least 1, and valid optimizer settings ([`Optimizer::validate`]).
    pub fn validate(&self) -> Result<(), Error> {
        let limits = crate::limits::Limits::CLI;
        limits.epochs(self.epochs)?;
        limits.batch_size(self.batch_size)?;
        if self.log_every == 0 {
            return Err(Error::ZeroLogEvery);
        }
        self.optimizer.validate()
    }
}

/// Training in progress, one epoch at a time: the settings, a [`Workspace`] for batches of
/// `batch_size`, the optimizer's state, the shuffling generator and the sample order.
/// [`Mlp::fit`] uses one; use one directly to drive the epochs yourself.
///
/// After the first epoch (which sizes the sample order for the dataset), an epoch allocates
/// nothing.
#[derive(Debug)]
pub struct Trainer {
    config: FitConfig,
    ws: Workspace,
    state: OptimizerState,
    rng: StdRng,
    order: Vec<usize>,
    epochs_done: usize,
}

impl Trainer {
    /// A trainer for networks of `mlp`'s shape, with a workspace for batches of
    /// `config.batch_size` samples (so keep the batch size no larger than the dataset). Fails
    /// when the settings are invalid. The epoch count and `log_every` of `config` are used by
    /// [`Mlp::fit`] only.
    pub fn new(mlp: &Mlp, config: FitConfig) -> Result<Self, Error> {
        config.validate()?;
        mlp.output().check_loss(config.loss)?;
        Ok(Trainer {
            ws: Workspace::new(mlp, config.batch_size)?,
            state: OptimizerState::new(config.optimizer, mlp.params().len())?,
            rng: StdRng::seed_from_u64(config.seed),
            order: Vec::new(),
            epochs_done: 0,
            config,
        })
    }

    /// How many epochs have been trained.
    pub fn epochs_done(&self) -> usize {
        self.epochs_done
    }

    /// The workspace (with the gradient of the last batch).
    pub fn workspace(&self) -> &Workspace {
        &self.ws
    }

    /// One pass over the data: the samples in order (or shuffled, if configured), in batches of
    /// `batch_size`; for each batch, the forward pass, the backward pass, and one optimizer step.
    ///
    /// Fails before training when the data are invalid or `mlp` is not of the trainer's shape,
    /// and with [`Error::Diverged`] when a parameter is no longer finite after the epoch.
    pub fn train_epoch<I: AsRef<[f64]>>(
        &mut self,
        mlp: &mut Mlp,
        inputs: &[I],
        labels: &[f64],
    ) -> Result<(), Error> {
        mlp.check_workspace(&self.ws)?;
        mlp.check_data(inputs, labels)?;
        self.epoch_unchecked(mlp, inputs, labels)?;
        if !mlp.is_finite() {
            return Err(Error::Diverged {
                epoch: self.epochs_done - 1,
            });
        }
        Ok(())
    }

    /// The mean loss over a dataset (the configured loss), with the trainer's workspace.
    pub fn dataset_loss<I: AsRef<[f64]>>(
        &mut self,
        mlp: &Mlp,
        inputs: &[I],
        labels: &[f64],
    ) -> Result<f64, Error> {
        mlp.dataset_loss(&mut self.ws, inputs, labels, self.config.loss)
    }

    /// [`Trainer::train_epoch`] for data and a network already checked, without the check that
    /// the parameters are still finite afterwards (the caller makes it).
    fn epoch_unchecked<I: AsRef<[f64]>>(
        &mut self,
        mlp: &mut Mlp,
        inputs: &[I],
        labels: &[f64],
    ) -> Result<(), Error> {
        let n = inputs.len();
        if self.order.len() != n {
            // Only when the dataset's length changes, i.e. on the first epoch.
            self.order.clear();
            self.order.extend(0..n);
        }
        if self.config.shuffle {
            self.order.shuffle(&mut self.rng);
        }
        let Trainer {
            config, ws, state, ..
        } = self;
        for batch in self.order.chunks(config.batch_size) {
            let b = batch.len();
            ws.load(batch.iter().map(|&i| inputs[i].as_ref()), b);
            for (t, &i) in ws.targets.iter_mut().zip(batch) {
                *t = labels[i];
            }
            mlp.forward_backward(ws, b, config.loss);
            state.step(mlp.params_mut(), &ws.grads)?;
        }
        self.epochs_done += 1;
        Ok(())
    }
}
