//! The [`Workspace`]: every buffer of one forward and backward pass, allocated once.

use super::model::Mlp;
use crate::error::Error;

/// Every buffer one forward and backward pass needs, for mini-batches of up to
/// [`Workspace::capacity`] samples of one network shape. Made once, reused for every batch.
///
/// Each matrix is stored row-major with one row per neuron and one column per sample of the
/// current batch: entry `(j, s)` of a layer of the current batch of `B` samples is at index
/// `j * B + s`.
#[derive(Debug, Clone, PartialEq)]
pub struct Workspace {
    pub(super) sizes: Vec<usize>,
    pub(super) capacity: usize,
    /// The length of the batch last passed forward.
    pub(super) batch: usize,
    /// `A^0` (the inputs) to `A^L`.
    pub(super) acts: Vec<Vec<f64>>,
    /// `Z^1` to `Z^L`.
    pub(super) pre: Vec<Vec<f64>>,
    /// `δ^1` to `δ^L`.
    pub(super) deltas: Vec<Vec<f64>>,
    /// The labels of the current batch.
    pub(super) targets: Vec<f64>,
    /// One layer's inputs `A^(l-1)` transposed, one row per sample (for the weight gradient of
    /// wide layers).
    pub(super) transposed: Vec<f64>,
    /// The batch-mean gradient, laid out like the parameters.
    pub(super) grads: Vec<f64>,
    /// Two numbers per sample for a softmax output (each sample's largest sum, then its total).
    pub(super) scratch: Vec<f64>,
}

impl Workspace {
    /// Buffers for `mlp`'s shape and batches of up to `capacity` samples. Fails when `capacity`
    /// is 0.
    pub fn new(mlp: &Mlp, capacity: usize) -> Result<Self, Error> {
        if capacity == 0 {
            return Err(Error::ZeroBatchSize);
        }
        let layer = |n: usize| vec![0.0; n * capacity];
        Ok(Workspace {
            sizes: mlp.sizes().to_vec(),
            capacity,
            batch: 0,
            acts: mlp.sizes().iter().map(|&n| layer(n)).collect(),
            pre: mlp.sizes()[1..].iter().map(|&n| layer(n)).collect(),
            deltas: mlp.sizes()[1..].iter().map(|&n| layer(n)).collect(),
            targets: vec![0.0; capacity],
            transposed: layer(mlp.sizes().iter().copied().max().unwrap_or(0)),
            grads: vec![0.0; mlp.params().len()],
            scratch: vec![0.0; 2 * capacity],
        })
    }

    /// The largest batch the workspace holds.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// The number of samples of the batch last passed forward.
    pub fn batch_len(&self) -> usize {
        self.batch
    }

    /// The gradient left by the last [`Mlp::loss_and_gradient`] (or training step), laid out
    /// like [`Mlp::params`].
    pub fn gradient(&self) -> &[f64] {
        &self.grads
    }

    /// The weighted sums `Z` of layer `layer` (counted from 0) for the last batch, one row per
    /// neuron, one column per sample.
    pub fn pre_activations(&self, layer: usize) -> &[f64] {
        &self.pre[layer][..self.sizes[layer + 1] * self.batch]
    }

    /// The outputs `A` of layer `layer` for the last batch, where layer 0 is the input and
    /// layer `L` the output, one row per neuron, one column per sample.
    pub fn activations(&self, layer: usize) -> &[f64] {
        &self.acts[layer][..self.sizes[layer] * self.batch]
    }

    /// Copies a batch of `b` samples (each of the input width) into `A^0`, one sample per
    /// column.
    pub(super) fn load<'a>(&mut self, rows: impl Iterator<Item = &'a [f64]>, b: usize) {
        let x = &mut self.acts[0][..self.sizes[0] * b];
        for (s, row) in rows.enumerate() {
            for (k, &v) in row.iter().enumerate() {
                x[k * b + s] = v;
            }
        }
    }
}
