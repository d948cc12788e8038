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
//! output is a probability). Or the output is [`Output::Softmax`], one neuron per class
//! (`[64, 32, 10]` for the ten digits), and the labels are the class numbers `0..K`: see
//! [`softmax`] for its formulas and its gradient `p − y`.
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
//! [`Loss::derivative`]: crate::mlp::Loss::derivative
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
//! for both, several rows and a block of samples at a time with the partial sums in registers;
//! the weight gradient `δ Aᵀ` is either dot products along the batch or, between wide layers,
//! the same sum of rows over `Aᵀ`. These kernels and the sigmoid over a layer (with an
//! exponential of its own, within 2 ulp of `f64::exp`, that the compiler can vectorise) are
//! compiled three times, portably, for AVX2 with fused multiply-adds and for AVX-512, and the
//! processor's features choose one once per process: results are the same on every run of one
//! machine, the same with AVX2 and with AVX-512, and agree to rounding with the portable ones
//! (machines without FMA).
//!
//! [`OptimizerState`]: crate::optimizer::OptimizerState
//!
//! ```
//! use nn_from_scratch::mlp::Activation;
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

pub mod activation;
pub mod loss;
pub mod softmax;

pub use activation::Activation;
pub use loss::Loss;
pub use softmax::Output;

mod fit;
mod model;
mod workspace;

pub use fit::{FitConfig, Trainer};
pub use model::Mlp;
pub use workspace::Workspace;

// The arithmetic kernels (weighted sums of rows, dot products, activations over a whole layer),
// private to this module: the network's other files call them, nothing outside can. Not
// reformatted: the book shows `combine_rows`, `Arith` and `exp` line for line as written here.
#[rustfmt::skip]
mod kernels;
