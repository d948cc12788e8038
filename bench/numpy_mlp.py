"""The general network's mini-batch SGD, vectorised with NumPy: the yardstick a reader would write
by hand. The same algorithm as the crate's `Trainer` and scikit-learn's `MLPClassifier` in
`bench/sklearn_mlp.py`: sigmoid hidden and output layers, binary cross-entropy averaged over each
mini-batch of 32, plain SGD with learning rate 0.1, a new random order every epoch.

Samples are rows (the natural NumPy layout): a batch is a B x n matrix and each layer computes
A @ W + b with W of shape n_in x n_out.

Run by `cargo xtask bench` with the data written by bench/speed/main.rs; prints JSON (see
`common.run`).
"""

import numpy as np

import common


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


class Mlp:
    def __init__(self, layers):
        # The crate's (W: n_out x n_in, b) per layer, transposed to NumPy's row-per-sample form.
        self.layers = [(w.T.copy(), b.copy()) for w, b in layers]

    def predict(self, x):
        a = x
        for w, b in self.layers:
            a = sigmoid(a @ w + b)
        return a[:, 0]

    def train_epoch(self, x, y, rng, shuffle=True):
        n = x.shape[0]
        order = rng.permutation(n) if shuffle else np.arange(n)
        for start in range(0, n, common.BATCH):
            idx = order[start : start + common.BATCH]
            acts = [x[idx]]
            for w, b in self.layers:
                acts.append(sigmoid(acts[-1] @ w + b))
            # Binary cross-entropy after a sigmoid: dL/dz = p - y, averaged over the batch.
            delta = (acts[-1] - y[idx][:, None]) / len(idx)
            for l in range(len(self.layers) - 1, -1, -1):
                w, b = self.layers[l]
                grad_w = acts[l].T @ delta
                grad_b = delta.sum(axis=0)
                if l > 0:
                    a = acts[l]
                    delta = (delta @ w.T) * a * (1.0 - a)
                w -= common.LEARN_RATE * grad_w
                b -= common.LEARN_RATE * grad_b


class DigitsMlp:
    """The digits' network: ReLU hidden layers, a softmax output, the categorical cross-entropy
    (whose gradient at the output is p - y), the same mini-batch SGD."""

    def __init__(self, layers):
        self.layers = [(w.T.copy(), b.copy()) for w, b in layers]

    def forward(self, x):
        acts = [x]
        for l, (w, b) in enumerate(self.layers):
            z = acts[-1] @ w + b
            if l + 1 < len(self.layers):
                acts.append(np.maximum(z, 0.0))
            else:
                e = np.exp(z - z.max(axis=1, keepdims=True))
                acts.append(e / e.sum(axis=1, keepdims=True))
        return acts

    def predict(self, x):
        return self.forward(x)[-1]

    def train_epoch(self, x, y, rng, shuffle=True):
        n = x.shape[0]
        order = rng.permutation(n) if shuffle else np.arange(n)
        for start in range(0, n, common.BATCH):
            idx = order[start : start + common.BATCH]
            acts = self.forward(x[idx])
            delta = acts[-1].copy()
            delta[np.arange(len(idx)), y[idx]] -= 1.0
            delta /= len(idx)
            for l in range(len(self.layers) - 1, -1, -1):
                w, b = self.layers[l]
                grad_w = acts[l].T @ delta
                grad_b = delta.sum(axis=0)
                if l > 0:
                    delta = (delta @ w.T) * (acts[l] > 0.0)
                w -= common.LEARN_RATE * grad_w
                b -= common.LEARN_RATE * grad_b


def digits_model(x, y, directory, shuffle):
    """The digits' network from the crate's start, as common.run wants it."""
    mlp = DigitsMlp(common.initial_layers(directory, common.DIGITS_SHAPE))
    rng = np.random.default_rng(common.SHUFFLE_SEED)
    return (lambda: mlp.train_epoch(x, y, rng, shuffle)), mlp.predict


def model(sizes, x, y, directory, shuffle):
    """The network of this shape from the crate's start, as common.run wants it."""
    mlp = Mlp(common.initial_layers(directory, sizes))
    rng = np.random.default_rng(common.SHUFFLE_SEED)
    return (lambda: mlp.train_epoch(x, y, rng, shuffle)), mlp.predict


def main():
    common.run(__doc__, "numpy", common.versions(np), model, digits_model)


if __name__ == "__main__":
    main()
