//! The bookkeeping of a training run, written once for both trainers (the tutorial's
//! [`train`](crate::training::train) and the general network's [`Mlp::fit`](crate::mlp::Mlp::fit)):
//! after every epoch, stop if a parameter is no longer a finite number; every `log_every`
//! epochs, compute the loss over the whole dataset, stop if it is not finite, and record it.

use crate::error::Error;
use crate::training::LossRecord;

/// The loss history of a training run in progress, and `on_log`, which sees each record as it
/// is made.
pub struct LossLog<F> {
    log_every: usize,
    on_log: F,
    history: Vec<LossRecord>,
}

impl<F: FnMut(LossRecord)> LossLog<F> {
    /// A log for a run of `epochs` epochs that records the loss after every epoch `e` with
    /// `e % log_every == 0`. Room for every record is made now, so that logging allocates
    /// nothing later. Fails when `log_every` is 0.
    pub fn new(epochs: usize, log_every: usize, on_log: F) -> Result<Self, Error> {
        if log_every == 0 {
            return Err(Error::ZeroLogEvery);
        }
        Ok(LossLog {
            log_every,
            on_log,
            history: Vec::with_capacity(epochs.div_ceil(log_every)),
        })
    }

    /// Ends epoch `epoch`. Fails with [`Error::Diverged`] when the parameters are not all finite
    /// numbers (`params_finite` is false). On a logged epoch, computes the loss with `loss` and
    /// fails with [`Error::Diverged`] when it is not finite; otherwise records it and passes it
    /// to `on_log`.
    pub fn end_epoch(
        &mut self,
        epoch: usize,
        params_finite: bool,
        loss: impl FnOnce() -> Result<f64, Error>,
    ) -> Result<(), Error> {
        if !params_finite {
            return Err(Error::Diverged { epoch });
        }
        if epoch.is_multiple_of(self.log_every) {
            let loss = loss()?;
            if !loss.is_finite() {
                return Err(Error::Diverged { epoch });
            }
            let record = LossRecord { epoch, loss };
            (self.on_log)(record);
            self.history.push(record);
        }
        Ok(())
    }

    /// The records, in epoch order.
    pub fn into_history(self) -> Vec<LossRecord> {
        self.history
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_every_log_every_epochs_and_only_then_computes_the_loss() {
        let mut seen = Vec::new();
        let mut log = LossLog::new(7, 3, |r: LossRecord| seen.push(r.epoch)).unwrap();
        let mut computed = 0;
        for epoch in 0..7 {
            log.end_epoch(epoch, true, || {
                computed += 1;
                Ok(epoch as f64)
            })
            .unwrap();
        }
        let history = log.into_history();
        assert_eq!(computed, 3);
        assert_eq!(seen, [0, 3, 6]);
        assert_eq!(
            history.iter().map(|r| r.loss).collect::<Vec<_>>(),
            [0.0, 3.0, 6.0]
        );
    }

    #[test]
    fn stops_at_the_epoch_that_diverged() {
        assert!(matches!(
            LossLog::new(10, 0, |_| {}),
            Err(Error::ZeroLogEvery)
        ));
        let mut log = LossLog::new(10, 2, |_| {}).unwrap();
        // Parameters that blew up stop the run even on an epoch that is not logged.
        assert_eq!(
            log.end_epoch(3, false, || Ok(0.0)),
            Err(Error::Diverged { epoch: 3 })
        );
        assert_eq!(
            log.end_epoch(4, true, || Ok(f64::NAN)),
            Err(Error::Diverged { epoch: 4 })
        );
        assert_eq!(log.end_epoch(5, true, || Err(Error::EmptyDataset)), Ok(()));
        assert_eq!(
            log.end_epoch(6, true, || Err(Error::EmptyDataset)),
            Err(Error::EmptyDataset)
        );
        assert!(log.into_history().is_empty());
    }
}
