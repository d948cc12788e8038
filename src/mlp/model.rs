//! The network itself: its shape, its parameters, and the forward and backward passes over a
//! mini-batch held in a [`Workspace`].

use std::iter::{Copied, StepBy};
use std::ops::Range;
use std::slice;

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand_distr::{Distribution, StandardNormal};
use serde::{Deserialize, Serialize};

use super::activation::apply_all;
use super::kernels::{backward_layer, forward_layer, weight_gradient};
use super::softmax::{Output, columns_loss, output_delta, softmax_columns};
use super::workspace::Workspace;
use crate::error::Error;
use crate::mlp::Activation;
use crate::mlp::Loss;
use crate::network::Network;

/// One sample's outputs, in order, read out of a batch's output layer (where they stand a
/// batch's length apart): what [`Mlp::predict_batch`] and [`Mlp::classify`] turn into answers.
type SampleOutputs<'a> = Copied<StepBy<slice::Iter<'a, f64>>>;

/// A multilayer perceptron with one output (or, with a softmax output, one per class): layer
/// sizes, activations and every parameter in one flat vector (see the
/// [module documentation](crate::mlp) for the layout and the formulas).
///
/// Serialised as `{"sizes": [...], "hidden": "tanh", "output": "sigmoid", "params": [...]}`
/// (`"output": "softmax"` for a softmax output);
/// deserialisation runs [`Mlp::validate`], so a loaded network always fits its sizes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "MlpParts", into = "MlpParts")]
pub struct Mlp {
    sizes: Vec<usize>,
    hidden: Activation,
    output: Output,
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
    output: Output,
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

/// Checks layer sizes: at least two, none zero, and an output width of 1 (at least 2 for a
/// softmax output).
fn check_sizes(sizes: &[usize], output: Output) -> Result<(), Error> {
    if sizes.len() < 2 {
        return Err(Error::TooFewLayers { found: sizes.len() });
    }
    if let Some(layer) = sizes.iter().position(|&n| n == 0) {
        return Err(Error::ZeroWidth { layer });
    }
    let out = sizes[sizes.len() - 1];
    match output {
        Output::Neuron(_) if out != 1 => return Err(Error::OutputWidth { found: out }),
        Output::Softmax if out < 2 => return Err(Error::SoftmaxWidth { found: out }),
        _ => {}
    }
    // The parameter count, without overflow, and small enough to allocate.
    crate::limits::param_count(sizes, crate::limits::MAX_PARAMS)
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
    /// which must be 1 wide, or one per class for [`Output::Softmax`]) and activations, its
    /// weights drawn at random from a generator seeded with `seed` (the same seed gives the same
    /// network everywhere). `output` is an [`Activation`] or an [`Output`].
    ///
    /// Initialisation: each weight of a layer with `fan_in` inputs is a standard normal draw
    /// scaled by `1/√fan_in` when the layer's activation is sigmoid or tanh (LeCun/Xavier style),
    /// (and softmax), and by `√(2/fan_in)` when it is ReLU (He style): for inputs of unit spread, the weighted
    /// sums then start with unit spread too, neither saturating the sigmoid nor vanishing. The
    /// weights are drawn layer by layer, row by row. Biases start at 0.
    pub fn new(
        sizes: &[usize],
        hidden: Activation,
        output: impl Into<Output>,
        seed: u64,
    ) -> Result<Self, Error> {
        let output = output.into();
        check_sizes(sizes, output)?;
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
            let scale = mlp.activation(l).init_spread(fan_in);
            for w in mlp.weights_mut(l) {
                let draw: f64 = StandardNormal.sample(&mut rng);
                *w = scale * draw;
            }
        }
        Ok(mlp)
    }

    /// A network with the given sizes, activations and parameters (in the flat layout of the
    /// [module documentation](crate::mlp)). Fails when the sizes are invalid, the parameter count does
    /// not fit them, or a parameter is not finite.
    pub fn from_params(
        sizes: &[usize],
        hidden: Activation,
        output: impl Into<Output>,
        params: Vec<f64>,
    ) -> Result<Self, Error> {
        let output = output.into();
        check_sizes(sizes, output)?;
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
            output: Output::Neuron(Activation::Sigmoid),
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
        if self.hidden != Activation::Sigmoid || self.output != Activation::Sigmoid.into() {
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
        check_sizes(&self.sizes, self.output)?;
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

    /// A short description, such as `a 2-8-1 MLP (tanh hidden, sigmoid output)`.
    pub fn describe(&self) -> String {
        format!(
            "a {} MLP ({} hidden, {} output)",
            crate::limits::sizes_text(&self.sizes),
            self.hidden_activation(),
            self.output()
        )
    }

    /// The activation of the hidden layers.
    pub fn hidden_activation(&self) -> Activation {
        self.hidden
    }

    /// The number of outputs: 1, or the number of classes of a softmax output.
    pub fn output_width(&self) -> usize {
        self.sizes[self.sizes.len() - 1]
    }

    /// What the output layer computes: one neuron's activation, or softmax.
    pub fn output(&self) -> Output {
        self.output
    }

    /// The activation of the one output neuron. A softmax output has none of its own: for it
    /// this is the sigmoid, which is softmax over two classes (see [`super::softmax`]); tell the
    /// two apart with [`Mlp::output`].
    pub fn output_activation(&self) -> Activation {
        match self.output {
            Output::Neuron(f) => f,
            Output::Softmax => Activation::Sigmoid,
        }
    }

    /// The activation of layer `layer` (counted from 0): the output activation for the last
    /// layer ([`Mlp::output_activation`]), the hidden one for the others.
    pub fn activation(&self, layer: usize) -> Activation {
        if layer + 1 == self.num_layers() {
            self.output_activation()
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
    pub(super) fn check_workspace(&self, ws: &Workspace) -> Result<(), Error> {
        if ws.sizes != self.sizes {
            return Err(Error::WorkspaceShape {
                workspace: ws.sizes.clone(),
                network: self.sizes.clone(),
            });
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
    pub(super) fn check_data<I: AsRef<[f64]>>(
        &self,
        inputs: &[I],
        labels: &[f64],
    ) -> Result<(), Error> {
        Error::check_lengths(labels.len(), inputs.len())?;
        self.check_widths(inputs)?;
        let finite = |x: &I, y: f64| y.is_finite() && x.as_ref().iter().all(|v| v.is_finite());
        if let Some(index) = inputs.iter().zip(labels).position(|(x, &y)| !finite(x, y)) {
            return Err(Error::NonFiniteSample { index });
        }
        // A softmax network's labels are class numbers: 0, 1, ..., K - 1.
        let classes = self.output_width();
        let class = |y: f64| y >= 0.0 && y < classes as f64 && y.fract() == 0.0;
        match labels.iter().position(|&y| !class(y)) {
            Some(index) if self.output == Output::Softmax => Err(Error::BadClass {
                index,
                label: labels[index],
                classes,
            }),
            _ => Ok(()),
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
            // Z^l = W^l A^(l-1) + b^l: row j of Z is the sum over k of W_jk times row k of A,
            // then plus b_j.
            forward_layer(w, bias, a_in, z, b);
            match self.output {
                Output::Softmax if l + 1 == self.num_layers() => {
                    softmax_columns(z, a_out, n_out, b, &mut ws.scratch)
                }
                _ => apply_all(self.activation(l), z, a_out),
            }
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

        // δ^L = dL/dy_pred ⊙ f_L'(Z^L) for one output neuron; p − y for softmax (the labels are
        // then class numbers: see softmax.rs for why, and Output::check_loss for the loss).
        match self.output {
            Output::Neuron(out) => {
                let y_pred = &ws.acts[last + 1][..b];
                let deltas = ws.deltas[last][..b].iter_mut().zip(y_pred).zip(&ws.targets);
                for ((d, &y), &t) in deltas {
                    *d = loss.derivative(t, y) * out.derivative(y);
                }
            }
            Output::Softmax => {
                let k = self.output_width();
                output_delta(&ws.acts[last + 1], &ws.targets, &mut ws.deltas[last], k, b)
            }
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
                // Row k of (W^l)^T δ^l is the sum over j of W_jk times row j of δ^l.
                backward_layer(
                    self.activation(l - 1),
                    self.weights(l),
                    delta,
                    a_in,
                    prev,
                    b,
                );
            }
        }
    }

    // ANCHOR_END: backward

    /// One training step's passes for the batch already loaded into `ws` (`b` samples, labels
    /// in `ws.targets`): [`Mlp::forward_loaded`], then [`Mlp::backward_loaded`], leaving the
    /// gradient in the workspace. Used by the [`Trainer`](super::Trainer).
    pub(super) fn forward_backward(&self, ws: &mut Workspace, b: usize, loss: Loss) {
        self.forward_loaded(ws, b);
        self.backward_loaded(ws, loss);
    }

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
    /// [`Mlp::predict_batch`]. For a softmax output, the probability of class 1 (of two); use
    /// [`Mlp::predict_batch`] for every class's.
    pub fn predict(&self, x: &[f64]) -> Result<f64, Error> {
        let mut ws = Workspace::new(self, 1)?;
        let mut out = vec![0.0; self.output_width()];
        self.predict_batch(&mut ws, &[x], &mut out)?;
        Ok(out[out.len().min(2) - 1])
    }

    /// The predictions for `inputs` (each of [`Mlp::input_width`] features), written into
    /// `out`: [`Mlp::output_width`] numbers per sample, sample after sample (one number each for
    /// a one-output network; each class's probability for a softmax output), so `out` must be
    /// that many times as long as `inputs`. Works through the inputs in batches of the
    /// workspace's capacity and allocates nothing.
    pub fn predict_batch<I: AsRef<[f64]>>(
        &self,
        ws: &mut Workspace,
        inputs: &[I],
        out: &mut [f64],
    ) -> Result<(), Error> {
        self.forward_batches(ws, inputs, (out, self.output_width()), |outputs, out_s| {
            for (o, y) in out_s.iter_mut().zip(outputs) {
                *o = y;
            }
        })
    }

    /// The class each sample of `inputs` is given, into `out` (as long as `inputs`): the output
    /// with the largest probability for a softmax output (the first, in a tie), and for one
    /// output 1 above 0.5, else 0. Allocates nothing.
    pub fn classify<I: AsRef<[f64]>>(
        &self,
        ws: &mut Workspace,
        inputs: &[I],
        out: &mut [usize],
    ) -> Result<(), Error> {
        let k = self.output_width();
        self.forward_batches(ws, inputs, (out, 1), |outputs, class| {
            // The first of the largest outputs (a later one must be larger to win), with the
            // value it has: for one output, that output, whose class is 1 above 0.5.
            let largest = outputs
                .enumerate()
                .reduce(|best, o| if o.1 > best.1 { o } else { best });
            class[0] = largest.map_or(0, |(j, y)| if k == 1 { usize::from(y > 0.5) } else { j });
        })
    }

    /// Runs `inputs` forward in batches of the workspace's capacity, once the workspace, the
    /// inputs' widths and `out` (`per` items a sample) are checked; `write` is given each
    /// sample's outputs, in order, and that sample's `per` items of `out`. Allocates nothing.
    fn forward_batches<I: AsRef<[f64]>, T>(
        &self,
        ws: &mut Workspace,
        inputs: &[I],
        (out, per): (&mut [T], usize),
        mut write: impl FnMut(SampleOutputs, &mut [T]),
    ) -> Result<(), Error> {
        self.check_workspace(ws)?;
        if out.len() != inputs.len() * per {
            return Err(Error::LengthMismatch {
                expected: inputs.len() * per,
                found: out.len(),
            });
        }
        self.check_widths(inputs)?;
        let (k, cap) = (self.output_width(), ws.capacity);
        for (c, out_c) in out.chunks_mut(cap * per).enumerate() {
            let start = c * cap;
            let b = self.forward_range(ws, inputs, None, start..start + out_c.len() / per);
            // Row j of the output layer is output j of every sample of the batch, so one
            // sample's outputs stand `b` apart.
            let a = &ws.acts[self.num_layers()][..k * b];
            for (s, out_s) in out_c.chunks_exact_mut(per).enumerate() {
                write(a[s..].iter().step_by(b).copied(), out_s);
            }
        }
        Ok(())
    }

    /// The output of neuron `index` of layer `layer` (0 is the inputs, 1 the first hidden
    /// layer, [`Mlp::num_layers`] the output) for one sample, computed in `ws` without
    /// allocating: what the playground's diagram shows of a hidden neuron.
    pub fn neuron_output(
        &self,
        ws: &mut Workspace,
        x: &[f64],
        layer: usize,
        index: usize,
    ) -> Result<f64, Error> {
        self.check_workspace(ws)?;
        self.check_widths(&[x])?;
        if layer > self.num_layers() || index >= self.sizes[layer] {
            return Err(Error::NoSuchNeuron {
                layer,
                index,
                sizes: crate::limits::sizes_text(&self.sizes),
            });
        }
        self.forward_range(ws, &[x], None, 0..1);
        Ok(ws.acts[layer][index])
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
        self.output.check_loss(loss)?;
        self.check_data(inputs, labels)?;
        Ok(self.dataset_loss_unchecked(ws, inputs, labels, loss))
    }

    pub(super) fn dataset_loss_unchecked<I: AsRef<[f64]>>(
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
            self.forward_range(ws, inputs, None, start..end);
            total += self.batch_loss(ws, &labels[start..end], loss);
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
            return Err(Error::BatchTooLarge {
                batch: inputs.len(),
                capacity: ws.capacity,
            });
        }
        self.output.check_loss(loss)?;
        let b = self.forward_range(ws, inputs, Some(labels), 0..inputs.len());
        self.backward_loaded(ws, loss);
        Ok(self.batch_loss(ws, labels, loss) / b as f64)
    }

    /// The sum of the per-sample losses of the batch last passed forward, whose labels are
    /// `labels`.
    fn batch_loss(&self, ws: &Workspace, labels: &[f64], loss: Loss) -> f64 {
        let b = ws.batch;
        let a = &ws.acts[self.num_layers()];
        match self.output {
            Output::Neuron(_) => (labels[..b].iter().zip(&a[..b]))
                .map(|(&t, &y)| loss.sample(t, y))
                .sum(),
            Output::Softmax => columns_loss(&a[..self.output_width() * b], labels, b),
        }
    }
}
