//! Backpropagation for one sample: the partial derivative of the squared error
//! `L = (y_true - y_pred)^2` with respect to each of the nine parameters, by the chain rule.
//!
//! For example, `w1` only reaches the loss through h1 and then o1, so
//! `dL/dw1 = dL/dypred * dypred/dh1 * dh1/dw1`. [`ChainFactors`] holds every such factor under the
//! tutorial's names; [`Gradients`] holds their products.

use serde::{Deserialize, Serialize};

use crate::activation::deriv_sigmoid;
use crate::network::{Forward, Network};

// ANCHOR: program
// ANCHOR: factors
/// The chain-rule factors of the tutorial, named as in its code (`d_L_d_ypred` is dL/dypred).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChainFactors {
    /// dL/dypred = -2 (y_true - y_pred).
    pub d_l_d_ypred: f64,
    /// dypred/dw5 = h1 f'(sum_o1).
    pub d_ypred_d_w5: f64,
    /// dypred/dw6 = h2 f'(sum_o1).
    pub d_ypred_d_w6: f64,
    /// dypred/db3 = f'(sum_o1).
    pub d_ypred_d_b3: f64,
    /// dypred/dh1 = w5 f'(sum_o1).
    pub d_ypred_d_h1: f64,
    /// dypred/dh2 = w6 f'(sum_o1).
    pub d_ypred_d_h2: f64,
    /// dh1/dw1 = x1 f'(sum_h1).
    pub d_h1_d_w1: f64,
    /// dh1/dw2 = x2 f'(sum_h1).
    pub d_h1_d_w2: f64,
    /// dh1/db1 = f'(sum_h1).
    pub d_h1_d_b1: f64,
    /// dh2/dw3 = x1 f'(sum_h2).
    pub d_h2_d_w3: f64,
    /// dh2/dw4 = x2 f'(sum_h2).
    pub d_h2_d_w4: f64,
    /// dh2/db2 = f'(sum_h2).
    pub d_h2_d_b2: f64,
}
// ANCHOR_END: factors

/// The gradient of the loss: dL/dp for each of the nine parameters `p`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Gradients {
    /// dL/dw1.
    pub w1: f64,
    /// dL/dw2.
    pub w2: f64,
    /// dL/dw3.
    pub w3: f64,
    /// dL/dw4.
    pub w4: f64,
    /// dL/dw5.
    pub w5: f64,
    /// dL/dw6.
    pub w6: f64,
    /// dL/db1.
    pub b1: f64,
    /// dL/db2.
    pub b2: f64,
    /// dL/db3.
    pub b3: f64,
}

impl Gradients {
    /// The nine partials in the order `w1..w6, b1..b3`.
    pub fn to_array(&self) -> [f64; 9] {
        [
            self.w1, self.w2, self.w3, self.w4, self.w5, self.w6, self.b1, self.b2, self.b3,
        ]
    }
}

/// The result of backpropagating one sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Backprop {
    /// The forward pass the derivatives were taken at.
    pub forward: Forward,
    /// Each factor of the chain rule.
    pub factors: ChainFactors,
    /// The partial derivatives of the squared error for all nine parameters.
    pub gradients: Gradients,
}

// ANCHOR: backprop
/// Backpropagates one sample `x` with true label `y_true` through `net`.
pub fn backprop(net: &Network, x: [f64; 2], y_true: f64) -> Backprop {
    let fwd = net.forward(x);
    let y_pred = fwd.o1;

    // The loss L = (y_true - y_pred)^2, differentiated with respect to y_pred.
    let d_l_d_ypred = -2.0 * (y_true - y_pred);

    // Neuron o1: y_pred = f(w5*h1 + w6*h2 + b3).
    let d_o1 = deriv_sigmoid(fwd.sum_o1);
    let d_ypred_d_w5 = fwd.h1 * d_o1;
    let d_ypred_d_w6 = fwd.h2 * d_o1;
    let d_ypred_d_b3 = d_o1;
    let d_ypred_d_h1 = net.w5 * d_o1;
    let d_ypred_d_h2 = net.w6 * d_o1;

    // Neuron h1: h1 = f(w1*x1 + w2*x2 + b1).
    let d_h1 = deriv_sigmoid(fwd.sum_h1);
    let d_h1_d_w1 = x[0] * d_h1;
    let d_h1_d_w2 = x[1] * d_h1;
    let d_h1_d_b1 = d_h1;

    // Neuron h2: h2 = f(w3*x1 + w4*x2 + b2).
    let d_h2 = deriv_sigmoid(fwd.sum_h2);
    let d_h2_d_w3 = x[0] * d_h2;
    let d_h2_d_w4 = x[1] * d_h2;
    let d_h2_d_b2 = d_h2;

    // The chain rule: multiply the factors along the path from each parameter to the loss.
    let gradients = Gradients {
        w1: d_l_d_ypred * d_ypred_d_h1 * d_h1_d_w1,
        w2: d_l_d_ypred * d_ypred_d_h1 * d_h1_d_w2,
        b1: d_l_d_ypred * d_ypred_d_h1 * d_h1_d_b1,
        w3: d_l_d_ypred * d_ypred_d_h2 * d_h2_d_w3,
        w4: d_l_d_ypred * d_ypred_d_h2 * d_h2_d_w4,
        b2: d_l_d_ypred * d_ypred_d_h2 * d_h2_d_b2,
        w5: d_l_d_ypred * d_ypred_d_w5,
        w6: d_l_d_ypred * d_ypred_d_w6,
        b3: d_l_d_ypred * d_ypred_d_b3,
    };
    // ANCHOR_END: backprop
    Backprop {
        forward: fwd,
        factors: ChainFactors {
            d_l_d_ypred,
            d_ypred_d_w5,
            d_ypred_d_w6,
            d_ypred_d_b3,
            d_ypred_d_h1,
            d_ypred_d_h2,
            d_h1_d_w1,
            d_h1_d_w2,
            d_h1_d_b1,
            d_h2_d_w3,
            d_h2_d_w4,
            d_h2_d_b2,
        },
        gradients,
    }
}
// ANCHOR_END: program

/// The names of the chain rule's twelve factors, in the order of [`ChainFactors::to_array`].
pub const FACTOR_NAMES: [&str; 12] = [
    "dL/dypred",
    "dypred/dw5",
    "dypred/dw6",
    "dypred/db3",
    "dypred/dh1",
    "dypred/dh2",
    "dh1/dw1",
    "dh1/dw2",
    "dh1/db1",
    "dh2/dw3",
    "dh2/dw4",
    "dh2/db2",
];

impl ChainFactors {
    /// The twelve factors in the order of their fields, which [`FACTOR_NAMES`] names.
    pub fn to_array(&self) -> [f64; 12] {
        let f = self;
        [
            f.d_l_d_ypred,
            f.d_ypred_d_w5,
            f.d_ypred_d_w6,
            f.d_ypred_d_b3,
            f.d_ypred_d_h1,
            f.d_ypred_d_h2,
            f.d_h1_d_w1,
            f.d_h1_d_w2,
            f.d_h1_d_b1,
            f.d_h2_d_w3,
            f.d_h2_d_w4,
            f.d_h2_d_b2,
        ]
    }
}
