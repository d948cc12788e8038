//! The general multilayer perceptron: the tutorial's network with any number of layers of any
//! width, written layer by layer in matrix form.
//!
//! # Shape
//!
//! The layer sizes `n_0, n_1, ..., n_L` list the input width `n_0`, the widths of the hidden
//! layers, and the output width `n_L`, which is 1: the network outputs one number, the
//! probability of female (a binary classifier, like the tutorial's). For example `[2, 8, 8, 1]`:
//! two inputs (weight, height), two hidden layers of eight neurons, one output. The hidden
//! layers share one [`Activation`]; the output layer has its own (sigmoid by default, so the
//! output is a probability).
//!
//! Layer `l = 1..L` has a weight matrix `W^l` of shape `n_l × n_{l-1}` and a bias vector `b^l`
//! of length `n_l`: neuron `j` of layer `l` uses row `j` of `W^l` and `b^l_j`. In code the
//! layers are counted from 0: [`Mlp::weights`]`(0)` is `W^1`.
//!
//! # Forward pass
//!
//! For a mini-batch of `B` samples, `A^0` is the `n_0 × B` matrix with one sample per column, and
//! for every layer
//!
//! ```text
//! Z^l = W^l A^(l-1) + b^l      (b^l added to every column)
//! A^l = f_l(Z^l)               (elementwise; f_l the hidden activation, or the output one)
//! ```
//!
//! The predictions are the one row of `A^L`.
//!
//! # Backward pass
//!
//! Exactly the tutorial's chain rule, one layer at a time. With `δ^l = dL/dZ^l`, the derivative
//! of a sample's loss with respect to the weighted sums of layer `l`:
//!
//! ```text
//! δ^L = dL/dy_pred ⊙ f_L'(Z^L)                      (the output layer)
//! δ^l = ((W^(l+1))^T δ^(l+1)) ⊙ f_l'(Z^l)           (l = L-1, ..., 1)
//! dL/dW^l = (1/B) δ^l (A^(l-1))^T
//! dL/db^l = (1/B) δ^l 1                             (the sum of each row of δ^l, over the batch)
//! ```
//!
//! where `⊙` multiplies elementwise, `dL/dy_pred` is [`Loss::derivative`] per sample, and the
//! `1/B` averages the per-sample gradients over the mini-batch (so the loss minimised is the mean
//! over the batch). Each `f'` is computed from the layer's output `A^l` ([`Activation::derivative`]),
//! which the forward pass has kept.
//!
//! # The tutorial's names
//!
//! [`Mlp::from_tutorial`] lays the 2-2-1 network out as
//!
//! ```text
//! W^1 = [[w1, w2],      b^1 = [b1, b2]      (row 1 is h1, row 2 is h2)
//!        [w3, w4]]
//! W^2 = [[w5, w6]]      b^2 = [b3]          (o1)
//! ```
//!
//! and for one sample (`B = 1`) with sigmoid `f` and MSE the formulas above are the tutorial's,
//! factor by factor:
//!
//! - `δ^2 = dL/dypred · f'(sum_o1)`, so `dL/dw5 = δ^2 · h1 = d_L_d_ypred · d_ypred_d_w5`
//!   and `dL/db3 = δ^2 = d_L_d_ypred · d_ypred_d_b3`;
//! - `δ^1 = [w5; w6] δ^2 ⊙ [f'(sum_h1); f'(sum_h2)]`, whose first entry is
//!   `d_L_d_ypred · d_ypred_d_h1 · f'(sum_h1)`, so `dL/dw1 = δ^1_1 · x1
//!   = d_L_d_ypred · d_ypred_d_h1 · d_h1_d_w1`, and so on for `w2, w3, w4, b1, b2`.
//!
//! With batch size 1, no shuffling and plain SGD, [`Mlp::fit`] is therefore the tutorial's
//! training, up to floating-point rounding (the products are grouped differently).
//!
//! # Memory
//!
//! All parameters live in ONE flat vector, layer after layer, each layer's `W^l` (row-major)
//! followed by its `b^l`, so that an [`OptimizerState`] steps them all as one slice. The
//! gradient has the same layout. A [`Workspace`], sized once for the largest mini-batch, holds
//! every `Z^l`, `A^l`, `δ^l` and the gradient; training reuses it for every batch and epoch and
//! allocates nothing in its loops. The matrices of the workspace are stored row-major with one
//! row per neuron and one column per sample, so both products of a layer are weighted sums of
//! contiguous rows: row `j` of `W A` sums the rows of `A` weighted by row `j` of `W`, and row `k`
//! of `Wᵀ δ` sums the rows of `δ` weighted by column `k` of `W`. One small function does that
//! for both, a block of 16 samples at a time with the partial sums in registers, which the
//! compiler turns into vector instructions; the weight gradient `δ Aᵀ` is either dot products
//! along the batch or, between wide layers, the same sum of rows over `Aᵀ`.
//!
//! ```
//! use nn_from_scratch::activation::Activation;
//! use nn_from_scratch::data::Dataset;
//! use nn_from_scratch::mlp::{FitConfig, Mlp};
//! use nn_from_scratch::optimizer::Optimizer;
//!
//! let data = Dataset::tutorial();
//! let mut mlp = Mlp::new(&[2, 8, 1], Activation::Tanh, Activation::Sigmoid, 7)?;
//! let config = FitConfig {
//!     epochs: 300,
//!     optimizer: Optimizer::adam(0.01),
//!     ..FitConfig::default()
//! };
//! let history = mlp.fit_dataset(&data, &config, |_| {})?;
//! assert!(history.last().unwrap().loss < 0.01);
//! assert!(mlp.predict(&[-7.0, -3.0])? > 0.5); // Emily
//! # Ok::<(), nn_from_scratch::Error>(())
//! ```

use std::ops::Range;

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand_distr::{Distribution, StandardNormal};
use serde::{Deserialize, Serialize};

use crate::activation::Activation;
use crate::data::Dataset;
use crate::error::Error;
use crate::loss::Loss;
use crate::network::Network;
use crate::optimizer::{Optimizer, OptimizerState};
use crate::training::LossRecord;

/// A multilayer perceptron with one output: layer sizes, activations and every parameter in one
/// flat vector (see the [module documentation](self) for the layout and the formulas).
///
/// Serialised as `{"sizes": [...], "hidden": "tanh", "output": "sigmoid", "params": [...]}`;
/// deserialisation runs [`Mlp::validate`], so a loaded network always fits its sizes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "MlpParts", into = "MlpParts")]
pub struct Mlp {
    sizes: Vec<usize>,
    hidden: Activation,
    output: Activation,
    params: Vec<f64>,
    /// `offsets[l]` is where layer `l`'s block (`W` then `b`) starts in `params`;
    /// `offsets[L]` is the parameter count.
    offsets: Vec<usize>,
}

/// The serialised form of an [`Mlp`]: everything but the derived offsets.
#[derive(Serialize, Deserialize)]
struct MlpParts {
    sizes: Vec<usize>,
    hidden: Activation,
    output: Activation,
    params: Vec<f64>,
}

impl TryFrom<MlpParts> for Mlp {
    type Error = Error;

    fn try_from(p: MlpParts) -> Result<Self, Error> {
        Mlp::from_params(&p.sizes, p.hidden, p.output, p.params)
    }
}

impl From<Mlp> for MlpParts {
    fn from(m: Mlp) -> Self {
        MlpParts {
            sizes: m.sizes,
            hidden: m.hidden,
            output: m.output,
            params: m.params,
        }
    }
}

/// Checks layer sizes: at least two, none zero, and an output width of 1.
fn check_sizes(sizes: &[usize]) -> Result<(), Error> {
    if sizes.len() < 2 {
        return Err(Error::TooFewLayers { found: sizes.len() });
    }
    if let Some(layer) = sizes.iter().position(|&n| n == 0) {
        return Err(Error::ZeroWidth { layer });
    }
    let out = sizes[sizes.len() - 1];
    if out != 1 {
        return Err(Error::OutputWidth { found: out });
    }
    Ok(())
}

/// The start of each layer's block in the flat parameter vector, and the total at the end.
fn layer_offsets(sizes: &[usize]) -> Vec<usize> {
    let mut offsets = Vec::with_capacity(sizes.len());
    let mut at = 0;
    offsets.push(at);
    for pair in sizes.windows(2) {
        at += pair[1] * pair[0] + pair[1];
        offsets.push(at);
    }
    offsets
}

impl Mlp {
    /// The number of parameters (weights and biases) of a network with these layer sizes:
    /// the sum over the layers of `n_l × n_(l-1) + n_l`.
    pub fn param_count(sizes: &[usize]) -> usize {
        sizes.windows(2).map(|p| p[1] * p[0] + p[1]).sum()
    }

    /// A network with the given layer sizes (inputs first, then hidden layers, then the output,
    /// which must be 1 wide) and activations, its weights drawn at random from a generator seeded
    /// with `seed` (the same seed gives the same network everywhere).
    ///
    /// Initialisation: each weight of a layer with `fan_in` inputs is a standard normal draw
    /// scaled by `1/√fan_in` when the layer's activation is sigmoid or tanh (LeCun/Xavier style),
    /// and by `√(2/fan_in)` when it is ReLU (He style): for inputs of unit spread, the weighted
    /// sums then start with unit spread too, neither saturating the sigmoid nor vanishing. The
    /// weights are drawn layer by layer, row by row. Biases start at 0.
    pub fn new(
        sizes: &[usize],
        hidden: Activation,
        output: Activation,
        seed: u64,
    ) -> Result<Self, Error> {
        check_sizes(sizes)?;
        let mut mlp = Mlp {
            sizes: sizes.to_vec(),
            hidden,
            output,
            params: vec![0.0; Mlp::param_count(sizes)],
            offsets: layer_offsets(sizes),
        };
        let mut rng = StdRng::seed_from_u64(seed);
        for l in 0..mlp.num_layers() {
            let fan_in = mlp.sizes[l] as f64;
            let scale = match mlp.activation(l) {
                Activation::Relu => (2.0 / fan_in).sqrt(),
                Activation::Sigmoid | Activation::Tanh => (1.0 / fan_in).sqrt(),
            };
            for w in mlp.weights_mut(l) {
                let draw: f64 = StandardNormal.sample(&mut rng);
                *w = scale * draw;
            }
        }
        Ok(mlp)
    }

    /// A network with the given sizes, activations and parameters (in the flat layout of the
    /// [module documentation](self)). Fails when the sizes are invalid, the parameter count does
    /// not fit them, or a parameter is not finite.
    pub fn from_params(
        sizes: &[usize],
        hidden: Activation,
        output: Activation,
        params: Vec<f64>,
    ) -> Result<Self, Error> {
        check_sizes(sizes)?;
        let mlp = Mlp {
            sizes: sizes.to_vec(),
            hidden,
            output,
            params,
            offsets: layer_offsets(sizes),
        };
        mlp.validate()?;
        Ok(mlp)
    }

    /// The tutorial's 2-2-1 sigmoid network as an `Mlp`, with exactly its parameters:
    /// `W^1 = [[w1, w2], [w3, w4]]`, `b^1 = [b1, b2]`, `W^2 = [[w5, w6]]`, `b^2 = [b3]`.
    pub fn from_tutorial(net: &Network) -> Self {
        let n = net;
        let params = vec![n.w1, n.w2, n.w3, n.w4, n.b1, n.b2, n.w5, n.w6, n.b3];
        let sizes = [2, 2, 1];
        Mlp {
            sizes: sizes.to_vec(),
            hidden: Activation::Sigmoid,
            output: Activation::Sigmoid,
            params,
            offsets: layer_offsets(&sizes),
        }
    }

    /// The reverse of [`Mlp::from_tutorial`]: the tutorial's named parameters. Fails unless the
    /// network is 2-2-1 with sigmoid hidden and output layers.
    pub fn to_tutorial(&self) -> Result<Network, Error> {
        if self.sizes != [2, 2, 1] {
            return Err(Error::NotTutorial(format!("layer sizes {:?}", self.sizes)));
        }
        if self.hidden != Activation::Sigmoid || self.output != Activation::Sigmoid {
            return Err(Error::NotTutorial(format!(
                "activations {} (hidden) and {} (output)",
                self.hidden, self.output
            )));
        }
        let [w1, w2, w3, w4, b1, b2, w5, w6, b3] = self.params[..] else {
            unreachable!("a 2-2-1 network has 9 parameters");
        };
        Ok(Network::from_array([w1, w2, w3, w4, w5, w6, b1, b2, b3]))
    }

    /// Checks that the network is consistent: valid sizes (see [`Mlp::new`]), as many
    /// parameters as the sizes call for, and every parameter finite. Run on every
    /// deserialisation.
    pub fn validate(&self) -> Result<(), Error> {
        check_sizes(&self.sizes)?;
        let expected = Mlp::param_count(&self.sizes);
        if self.params.len() != expected {
            return Err(Error::MlpParamCount {
                expected,
                found: self.params.len(),
            });
        }
        if let Some(index) = self.params.iter().position(|p| !p.is_finite()) {
            return Err(Error::NonFiniteParamAt { index });
        }
        Ok(())
    }

    /// The layer sizes, inputs first.
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// The number of inputs each sample must have.
    pub fn input_width(&self) -> usize {
        self.sizes[0]
    }

    /// The number of layers with parameters (`L`: the number of sizes minus one).
    pub fn num_layers(&self) -> usize {
        self.sizes.len() - 1
    }

    /// The activation of the hidden layers.
    pub fn hidden_activation(&self) -> Activation {
        self.hidden
    }

    /// The activation of the output layer.
    pub fn output_activation(&self) -> Activation {
        self.output
    }

    /// The activation of layer `layer` (counted from 0): the output activation for the last
    /// layer, the hidden one for the others.
    pub fn activation(&self, layer: usize) -> Activation {
        if layer + 1 == self.num_layers() {
            self.output
        } else {
            self.hidden
        }
    }

    /// Every parameter, layer after layer, each layer's weights (row-major) then its biases.
    pub fn params(&self) -> &[f64] {
        &self.params
    }

    /// Every parameter, mutably (the length is fixed by the sizes).
    pub fn params_mut(&mut self) -> &mut [f64] {
        &mut self.params
    }

    /// Where the weights of layer `layer` (counted from 0) sit in [`Mlp::params`]: an
    /// `n_out × n_in` matrix, row-major, row `j` for neuron `j`. Panics if there is no such layer.
    pub fn weight_range(&self, layer: usize) -> Range<usize> {
        let start = self.offsets[layer];
        start..start + self.sizes[layer + 1] * self.sizes[layer]
    }

    /// Where the biases of layer `layer` (counted from 0) sit in [`Mlp::params`]. Panics if there
    /// is no such layer.
    pub fn bias_range(&self, layer: usize) -> Range<usize> {
        self.weight_range(layer).end..self.offsets[layer + 1]
    }

    /// The weights of layer `layer` (`W^(layer+1)` of the module documentation), row-major.
    pub fn weights(&self, layer: usize) -> &[f64] {
        &self.params[self.weight_range(layer)]
    }

    /// The weights of layer `layer`, mutably.
    pub fn weights_mut(&mut self, layer: usize) -> &mut [f64] {
        let r = self.weight_range(layer);
        &mut self.params[r]
    }

    /// The biases of layer `layer` (`b^(layer+1)` of the module documentation).
    pub fn biases(&self, layer: usize) -> &[f64] {
        &self.params[self.bias_range(layer)]
    }

    /// The biases of layer `layer`, mutably.
    pub fn biases_mut(&mut self, layer: usize) -> &mut [f64] {
        let r = self.bias_range(layer);
        &mut self.params[r]
    }

    /// True when every parameter is a finite number.
    pub fn is_finite(&self) -> bool {
        self.params.iter().all(|p| p.is_finite())
    }

    /// Checks that `ws` was made for a network of this shape.
    fn check_workspace(&self, ws: &Workspace) -> Result<(), Error> {
        if ws.sizes != self.sizes {
            return Err(Error::Invalid(format!(
                "the workspace was made for a network of sizes {:?}, not {:?}",
                ws.sizes, self.sizes
            )));
        }
        Ok(())
    }

    /// Checks that every sample has the input width.
    fn check_widths<I: AsRef<[f64]>>(&self, inputs: &[I]) -> Result<(), Error> {
        let expected = self.input_width();
        match inputs.iter().find(|x| x.as_ref().len() != expected) {
            Some(x) => Err(Error::InputWidth {
                expected,
                found: x.as_ref().len(),
            }),
            None => Ok(()),
        }
    }

    /// Checks training data: as many labels as samples, at least one sample, the right input
    /// width, and only finite numbers.
    fn check_data<I: AsRef<[f64]>>(&self, inputs: &[I], labels: &[f64]) -> Result<(), Error> {
        if inputs.len() != labels.len() {
            return Err(Error::LengthMismatch {
                expected: labels.len(),
                found: inputs.len(),
            });
        }
        if inputs.is_empty() {
            return Err(Error::EmptyDataset);
        }
        self.check_widths(inputs)?;
        let finite = |x: &I, y: f64| y.is_finite() && x.as_ref().iter().all(|v| v.is_finite());
        match inputs.iter().zip(labels).position(|(x, &y)| !finite(x, y)) {
            Some(index) => Err(Error::NonFiniteSample { index }),
            None => Ok(()),
        }
    }

    // ANCHOR: forward
    /// The forward pass over the batch already loaded into `ws.acts[0]` (`b` samples): every
    /// `Z^l` into `ws.pre`, every `A^l` into `ws.acts`.
    fn forward_loaded(&self, ws: &mut Workspace, b: usize) {
        ws.batch = b;
        for l in 0..self.num_layers() {
            let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
            let w = self.weights(l);
            let bias = self.biases(l);
            let (done, rest) = ws.acts.split_at_mut(l + 1);
            let a_in = &done[l][..n_in * b];
            let a_out = &mut rest[0][..n_out * b];
            let z = &mut ws.pre[l][..n_out * b];
            // Z^l = W^l A^(l-1) + b^l, one row (neuron) at a time: row j of Z is the sum over k
            // of W_jk times row k of A, then plus b_j.
            for ((z_j, w_j), &b_j) in z.chunks_exact_mut(b).zip(w.chunks_exact(n_in)).zip(bias) {
                combine_rows(z_j, w_j.iter().copied().zip(a_in.chunks_exact(b)));
                for z_js in z_j.iter_mut() {
                    *z_js += b_j;
                }
            }
            apply_all(self.activation(l), z, a_out);
        }
    }

    // ANCHOR_END: forward

    // ANCHOR: backward
    /// The backward pass for the batch of the last [`Mlp::forward_loaded`], with the labels in
    /// `ws.targets`: every `δ^l` into `ws.deltas` and the batch-mean gradient into `ws.grads`.
    fn backward_loaded(&self, ws: &mut Workspace, loss: Loss) {
        let b = ws.batch;
        let last = self.num_layers() - 1;
        let inv_b = 1.0 / b as f64;

        // δ^L = dL/dy_pred ⊙ f_L'(Z^L); the output layer is one neuron wide.
        let out = self.output;
        let y_pred = &ws.acts[last + 1][..b];
        for ((d, &y), &t) in ws.deltas[last][..b].iter_mut().zip(y_pred).zip(&ws.targets) {
            *d = loss.derivative(t, y) * out.derivative(y);
        }

        for l in (0..=last).rev() {
            let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
            let (lower, upper) = ws.deltas.split_at_mut(l);
            let delta = &upper[0][..n_out * b];
            let a_in = &ws.acts[l][..n_in * b];

            // dL/dW^l = (1/B) δ^l (A^(l-1))^T and dL/db^l = (1/B) δ^l 1.
            let block = &mut ws.grads[self.offsets[l]..self.offsets[l + 1]];
            let (g_w, g_b) = block.split_at_mut(n_out * n_in);
            weight_gradient(g_w, delta, a_in, &mut ws.transposed, b);
            for (g_b_j, d_j) in g_b.iter_mut().zip(delta.chunks_exact(b)) {
                let sum: f64 = d_j.iter().sum();
                *g_b_j = inv_b * sum;
            }

            // δ^(l-1) = ((W^l)^T δ^l) ⊙ f'(Z^(l-1)), with f' from the layer's output A^(l-1).
            if l > 0 {
                let prev = &mut lower[l - 1][..n_in * b];
                let w = self.weights(l);
                // Row k of (W^l)^T δ^l is the sum over j of W_jk times row j of δ^l.
                for (k, prev_k) in prev.chunks_exact_mut(b).enumerate() {
                    let column_k = w.iter().skip(k).step_by(n_in).copied();
                    combine_rows(prev_k, column_k.zip(delta.chunks_exact(b)));
                }
                scale_by_derivative(self.activation(l - 1), prev, a_in);
            }
        }
    }

    // ANCHOR_END: backward

    /// Loads samples `inputs[range]` (and their labels, if given) into the workspace and runs
    /// the forward pass; returns the batch length.
    fn forward_range<I: AsRef<[f64]>>(
        &self,
        ws: &mut Workspace,
        inputs: &[I],
        labels: Option<&[f64]>,
        range: Range<usize>,
    ) -> usize {
        let b = range.len();
        ws.load(inputs[range.clone()].iter().map(|x| x.as_ref()), b);
        if let Some(labels) = labels {
            ws.targets[..b].copy_from_slice(&labels[range]);
        }
        self.forward_loaded(ws, b);
        b
    }

    /// The prediction (probability of female, with a sigmoid output) for one sample of
    /// [`Mlp::input_width`] features. Allocates a small [`Workspace`]; for many samples use
    /// [`Mlp::predict_batch`].
    pub fn predict(&self, x: &[f64]) -> Result<f64, Error> {
        let mut ws = Workspace::new(self, 1)?;
        let mut out = [0.0];
        self.predict_batch(&mut ws, &[x], &mut out)?;
        Ok(out[0])
    }

    /// The predictions for `inputs` (each of [`Mlp::input_width`] features), written into
    /// `out`, which must be as long as `inputs`. Works through the inputs in batches of the
    /// workspace's capacity and allocates nothing.
    pub fn predict_batch<I: AsRef<[f64]>>(
        &self,
        ws: &mut Workspace,
        inputs: &[I],
        out: &mut [f64],
    ) -> Result<(), Error> {
        self.check_workspace(ws)?;
        if out.len() != inputs.len() {
            return Err(Error::LengthMismatch {
                expected: inputs.len(),
                found: out.len(),
            });
        }
        self.check_widths(inputs)?;
        let cap = ws.capacity;
        for (c, out_c) in out.chunks_mut(cap).enumerate() {
            let start = c * cap;
            let b = self.forward_range(ws, inputs, None, start..start + out_c.len());
            out_c.copy_from_slice(&ws.acts[self.num_layers()][..b]);
        }
        Ok(())
    }

    /// The mean `loss` over a dataset (like [`crate::training::dataset_loss`], whose value it
    /// equals for [`Loss::Mse`]), computed in batches of the workspace's capacity without
    /// allocating.
    pub fn dataset_loss<I: AsRef<[f64]>>(
        &self,
        ws: &mut Workspace,
        inputs: &[I],
        labels: &[f64],
        loss: Loss,
    ) -> Result<f64, Error> {
        self.check_workspace(ws)?;
        self.check_data(inputs, labels)?;
        Ok(self.dataset_loss_unchecked(ws, inputs, labels, loss))
    }

    fn dataset_loss_unchecked<I: AsRef<[f64]>>(
        &self,
        ws: &mut Workspace,
        inputs: &[I],
        labels: &[f64],
        loss: Loss,
    ) -> f64 {
        let n = inputs.len();
        let mut total = 0.0;
        let mut start = 0;
        while start < n {
            let end = (start + ws.capacity).min(n);
            let b = self.forward_range(ws, inputs, None, start..end);
            let y_pred = &ws.acts[self.num_layers()][..b];
            for (&t, &y) in labels[start..end].iter().zip(y_pred) {
                total += loss.sample(t, y);
            }
            start = end;
        }
        total / n as f64
    }

    /// Backpropagation for one mini-batch: the batch-mean `loss` is returned and its gradient
    /// with respect to every parameter is left in [`Workspace::gradient`] (same layout as
    /// [`Mlp::params`]); the forward pass's `Z^l` and `A^l` stay in the workspace too. The batch
    /// may hold at most [`Workspace::capacity`] samples. Allocates nothing.
    pub fn loss_and_gradient<I: AsRef<[f64]>>(
        &self,
        ws: &mut Workspace,
        inputs: &[I],
        labels: &[f64],
        loss: Loss,
    ) -> Result<f64, Error> {
        self.check_workspace(ws)?;
        self.check_data(inputs, labels)?;
        if inputs.len() > ws.capacity {
            return Err(Error::Invalid(format!(
                "a batch of {} samples does not fit a workspace for {}",
                inputs.len(),
                ws.capacity
            )));
        }
        let b = self.forward_range(ws, inputs, Some(labels), 0..inputs.len());
        self.backward_loaded(ws, loss);
        let y_pred = &ws.acts[self.num_layers()][..b];
        let total: f64 = labels
            .iter()
            .zip(y_pred)
            .map(|(&t, &y)| loss.sample(t, y))
            .sum();
        Ok(total / b as f64)
    }

    /// Trains the network on `inputs` and `labels` (see [`FitConfig`]), calling `on_log` with the
    /// loss over the whole training set after every epoch `e` with `e % config.log_every == 0`,
    /// and returning those records as a history, like [`crate::training::train`].
    ///
    /// Fails before touching the network when the settings or the data are invalid (no samples,
    /// lengths that differ, a sample of the wrong width, a NaN or infinite value), and fails
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
        mut on_log: impl FnMut(LossRecord),
    ) -> Result<Vec<LossRecord>, Error> {
        config.validate()?;
        self.check_data(inputs, labels)?;
        // A batch never holds more than the whole dataset, so size the workspace for no more.
        let sized = FitConfig {
            batch_size: config.batch_size.min(inputs.len()),
            ..*config
        };
        let mut trainer = Trainer::new(self, sized)?;
        let mut history = Vec::with_capacity(config.epochs.div_ceil(config.log_every));
        for epoch in 0..config.epochs {
            trainer.epoch_unchecked(self, inputs, labels)?;
            if epoch % config.log_every == 0 {
                let loss =
                    self.dataset_loss_unchecked(&mut trainer.ws, inputs, labels, config.loss);
                if !loss.is_finite() {
                    return Err(Error::Diverged { epoch });
                }
                let record = LossRecord { epoch, loss };
                on_log(record);
                history.push(record);
            }
        }
        Ok(history)
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

// ANCHOR: combine_rows
/// How many columns (samples) the inner loops below work on at once. Their partial sums live in
/// a `[f64; LANES]`, which the compiler keeps in vector registers (eight SSE2 registers on any
/// x86-64, four AVX2, two AVX-512): enough independent sums that each addition need not wait
/// for the one before, few enough that they never spill to memory.
const LANES: usize = 16;

/// `out[s] = Σ_m c_m · row_m[s]` for every column `s`, given the pairs `(c_m, row_m)`: a weighted
/// sum of rows, each as long as `out`. Both matrix products of a layer are made of these: row `j`
/// of `W A` sums the rows of `A` weighted by row `j` of `W`, and row `k` of `Wᵀ δ` sums the rows
/// of `δ` weighted by column `k` of `W`.
///
/// The loops run `LANES` columns at a time: their sums stay in registers while every term is
/// added, and are stored once at the end (rather than loading and storing the whole output row
/// once per term). Each sum adds its terms in order, starting from 0, so the result is the same
/// to the last bit as the plain loop.
fn combine_rows<'a>(out: &mut [f64], terms: impl Iterator<Item = (f64, &'a [f64])> + Clone) {
    let n = out.len();
    let mut blocks = out.chunks_exact_mut(LANES);
    for (i, block) in (&mut blocks).enumerate() {
        let start = i * LANES;
        let mut sums = [0.0; LANES];
        for (c, row) in terms.clone() {
            for (sum, &x) in sums.iter_mut().zip(&row[start..start + LANES]) {
                *sum += c * x;
            }
        }
        block.copy_from_slice(&sums);
    }
    // The last columns, fewer than LANES (all of them for a batch of fewer than LANES samples).
    let tail = blocks.into_remainder();
    let start = n - tail.len();
    for (s, o) in tail.iter_mut().enumerate() {
        *o = terms
            .clone()
            .fold(0.0, |sum, (c, row)| sum + c * row[start + s]);
    }
}

// ANCHOR_END: combine_rows

/// `g_w = (1/B) δ Aᵀ` for a batch of `b` samples: the gradient of a layer's weights, from its
/// `δ` (`n_out × b`) and its inputs `A` (`n_in × b`); `a_t` is room for `Aᵀ`.
///
/// Entry `(j, k)` is the dot product of row `j` of `δ` with row `k` of `A`, over the samples.
/// For a small layer that is how it is computed. Between two wide layers it is faster to
/// transpose `A` once and build row `j` of the gradient as a sum of the rows of `Aᵀ` (one per
/// sample) weighted by row `j` of `δ`, with [`combine_rows`]: then the inner loop runs along the
/// `n_in` weights of the row, in registers, instead of ending every dot product by adding up its
/// partial sums.
fn weight_gradient(g_w: &mut [f64], delta: &[f64], a_in: &[f64], a_t: &mut [f64], b: usize) {
    let (n_in, n_out) = (a_in.len() / b, delta.len() / b);
    let inv_b = 1.0 / b as f64;
    if n_in < LANES || n_out < LANES {
        for (g_w_j, d_j) in g_w.chunks_exact_mut(n_in).zip(delta.chunks_exact(b)) {
            for (g_jk, a_k) in g_w_j.iter_mut().zip(a_in.chunks_exact(b)) {
                *g_jk = inv_b * dot(d_j, a_k);
            }
        }
        return;
    }
    let a_t = &mut a_t[..b * n_in];
    for (k, a_k) in a_in.chunks_exact(b).enumerate() {
        for (s, &a_ks) in a_k.iter().enumerate() {
            a_t[s * n_in + k] = a_ks;
        }
    }
    for (g_w_j, d_j) in g_w.chunks_exact_mut(n_in).zip(delta.chunks_exact(b)) {
        combine_rows(g_w_j, d_j.iter().copied().zip(a_t.chunks_exact(n_in)));
        for g_jk in g_w_j.iter_mut() {
            *g_jk *= inv_b;
        }
    }
}

/// The dot product `Σ_s x[s] y[s]`, accumulated in `LANES` interleaved partial sums that the
/// compiler keeps in vector registers (one running sum would make every addition wait for the
/// one before). For fewer than `LANES` samples this is the plain sum, in order.
fn dot(x: &[f64], y: &[f64]) -> f64 {
    let mut sums = [0.0; LANES];
    let (xs, ys) = (x.chunks_exact(LANES), y.chunks_exact(LANES));
    let tail: f64 = xs
        .remainder()
        .iter()
        .zip(ys.remainder())
        .map(|(a, b)| a * b)
        .sum();
    for (xb, yb) in xs.zip(ys) {
        for ((sum, &a), &b) in sums.iter_mut().zip(xb).zip(yb) {
            *sum += a * b;
        }
    }
    sums.iter().sum::<f64>() + tail
}

/// `y = f(z)` elementwise, with the choice of `f` made once, outside the loop.
fn apply_all(f: Activation, z: &[f64], y: &mut [f64]) {
    let pairs = y.iter_mut().zip(z);
    match f {
        Activation::Sigmoid => pairs.for_each(|(y, &z)| *y = Activation::Sigmoid.apply(z)),
        Activation::Tanh => pairs.for_each(|(y, &z)| *y = Activation::Tanh.apply(z)),
        Activation::Relu => pairs.for_each(|(y, &z)| *y = Activation::Relu.apply(z)),
    }
}

/// `delta ⊙= f'(z)`, with `f'` computed from the outputs `y = f(z)` and the choice of `f` made
/// once, outside the loop.
fn scale_by_derivative(f: Activation, delta: &mut [f64], y: &[f64]) {
    let pairs = delta.iter_mut().zip(y);
    match f {
        Activation::Sigmoid => pairs.for_each(|(d, &y)| *d *= Activation::Sigmoid.derivative(y)),
        Activation::Tanh => pairs.for_each(|(d, &y)| *d *= Activation::Tanh.derivative(y)),
        Activation::Relu => pairs.for_each(|(d, &y)| *d *= Activation::Relu.derivative(y)),
    }
}

/// Every buffer one forward and backward pass needs, for mini-batches of up to
/// [`Workspace::capacity`] samples of one network shape. Made once, reused for every batch.
///
/// Each matrix is stored row-major with one row per neuron and one column per sample of the
/// current batch: entry `(j, s)` of a layer of the current batch of `B` samples is at index
/// `j * B + s`.
#[derive(Debug, Clone, PartialEq)]
pub struct Workspace {
    sizes: Vec<usize>,
    capacity: usize,
    /// The length of the batch last passed forward.
    batch: usize,
    /// `A^0` (the inputs) to `A^L`.
    acts: Vec<Vec<f64>>,
    /// `Z^1` to `Z^L`.
    pre: Vec<Vec<f64>>,
    /// `δ^1` to `δ^L`.
    deltas: Vec<Vec<f64>>,
    /// The labels of the current batch.
    targets: Vec<f64>,
    /// One layer's inputs `A^(l-1)` transposed, one row per sample (for the weight gradient of
    /// wide layers).
    transposed: Vec<f64>,
    /// The batch-mean gradient, laid out like the parameters.
    grads: Vec<f64>,
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
            sizes: mlp.sizes.clone(),
            capacity,
            batch: 0,
            acts: mlp.sizes.iter().map(|&n| layer(n)).collect(),
            pre: mlp.sizes[1..].iter().map(|&n| layer(n)).collect(),
            deltas: mlp.sizes[1..].iter().map(|&n| layer(n)).collect(),
            targets: vec![0.0; capacity],
            transposed: layer(mlp.sizes.iter().copied().max().unwrap_or(0)),
            grads: vec![0.0; mlp.params.len()],
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
    fn load<'a>(&mut self, rows: impl Iterator<Item = &'a [f64]>, b: usize) {
        let x = &mut self.acts[0][..self.sizes[0] * b];
        for (s, row) in rows.enumerate() {
            for (k, &v) in row.iter().enumerate() {
                x[k * b + s] = v;
            }
        }
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
    fn default() -> Self {
        FitConfig {
            epochs: 1000,
            batch_size: 1,
            shuffle: false,
            seed: 0,
            loss: Loss::Mse,
            optimizer: Optimizer::default(),
            log_every: 10,
        }
    }
}

impl FitConfig {
    /// Checks that the settings make sense: at least one epoch, a batch size and `log_every`
    /// of at least 1, and valid optimizer settings ([`Optimizer::validate`]).
    pub fn validate(&self) -> Result<(), Error> {
        if self.epochs == 0 {
            return Err(Error::ZeroEpochs);
        }
        if self.batch_size == 0 {
            return Err(Error::ZeroBatchSize);
        }
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
        Ok(Trainer {
            ws: Workspace::new(mlp, config.batch_size)?,
            state: OptimizerState::new(config.optimizer, mlp.params.len())?,
            rng: StdRng::seed_from_u64(config.seed),
            order: Vec::new(),
            epochs_done: 0,
            config,
        })
    }

    /// The settings.
    pub fn config(&self) -> &FitConfig {
        &self.config
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
        self.epoch_unchecked(mlp, inputs, labels)
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

    /// [`Trainer::train_epoch`] for data and a network already checked.
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
            mlp.forward_loaded(ws, b);
            mlp.backward_loaded(ws, config.loss);
            state.step(&mut mlp.params, &ws.grads)?;
        }
        let epoch = self.epochs_done;
        self.epochs_done += 1;
        if !mlp.is_finite() {
            return Err(Error::Diverged { epoch });
        }
        Ok(())
    }
}
