// Chapter 2, solved.

// ANCHOR: feedforward
/// The tutorial's example network, every neuron with weights [0, 1] and bias 0, written out.
pub fn feedforward(x: [f64; 2]) -> f64 {
    use nn_from_scratch::activation::sigmoid;
    let h1 = sigmoid(0.0 * x[0] + 1.0 * x[1] + 0.0);
    let h2 = sigmoid(0.0 * x[0] + 1.0 * x[1] + 0.0);
    sigmoid(0.0 * h1 + 1.0 * h2 + 0.0)
}
// ANCHOR_END: feedforward

// ANCHOR: output_at_origin
/// h1 = h2 = f(0) = 0.5, so o1 = f(0·0.5 + 1·0.5 + 0) = f(0.5) = 1 / (1 + e^-0.5) = 0.6225.
pub const OUTPUT_AT_ORIGIN: f64 = 0.6225;
// ANCHOR_END: output_at_origin

// ANCHOR: all_zero
/// With every weight 0, every weighted sum is just the bias, 0, whatever the input: every
/// neuron outputs f(0) = 0.5, for everyone. The network knows nothing yet, and says so: "50%".
pub const ALL_ZERO_PREDICTION: Option<f64> = Some(0.5);

/// The all-zero network's outputs for the tutorial's four people.
pub fn all_zero_outputs() -> Vec<f64> {
    use nn_from_scratch::data::Dataset;
    use nn_from_scratch::network::Network;
    let net = Network::uniform(0.0, 0.0);
    let mut outputs = Vec::new();
    for x in Dataset::tutorial().inputs {
        outputs.push(net.feedforward(x));
    }
    outputs
}
// ANCHOR_END: all_zero
