"""scikit-learn's MLPClassifier, set to the same algorithm as the crate's `Trainer` and
`bench/numpy_mlp.py`: sigmoid ("logistic") hidden layers, a logistic output with log-loss (binary
cross-entropy, averaged over each mini-batch), mini-batches of 32, plain SGD (momentum 0, no
Nesterov, constant learning rate 0.1), no L2 penalty (alpha 0), no early stopping, a new random
order every epoch.

`partial_fit` trains exactly one epoch per call. The network starts from the crate's starting
parameters (written by bench/speed/main.rs): sklearn's own initialisation runs on one batch first,
then its coefficients are overwritten.

Run by `cargo xtask bench` with the data written by bench/speed/main.rs; prints JSON (see
`common.run`).
"""

import warnings

import numpy as np
import sklearn
from sklearn.neural_network import MLPClassifier

import common


def classifier(sizes, x, y, directory, shuffle=True, activation="logistic"):
    clf = MLPClassifier(
        hidden_layer_sizes=tuple(sizes[1:-1]),
        activation=activation,
        solver="sgd",
        alpha=0.0,
        batch_size=common.BATCH,
        learning_rate="constant",
        learning_rate_init=common.LEARN_RATE,
        momentum=0.0,
        nesterovs_momentum=False,
        shuffle=shuffle,
        random_state=common.SHUFFLE_SEED,
        early_stopping=False,
        tol=0.0,
        n_iter_no_change=10**9,
        max_iter=1,
    )
    # Let sklearn set itself up on one batch, then start from the crate's parameters. (With
    # momentum 0 the optimizer keeps nothing from that batch.)
    clf.partial_fit(x[: common.BATCH], y[: common.BATCH], classes=np.unique(y))
    for l, (w, b) in enumerate(common.initial_layers(directory, sizes)):
        clf.coefs_[l][...] = w.T
        clf.intercepts_[l][...] = b
    return clf


def model(sizes, x, y, directory, shuffle):
    """The classifier of this shape from the crate's start, as common.run wants it."""
    clf = classifier(sizes, x, y, directory, shuffle)
    return (lambda: clf.partial_fit(x, y)), (lambda inputs: clf.predict_proba(inputs)[:, 1])


def digits_model(x, y, directory, shuffle):
    """The digits' network (ReLU hidden layer; for ten classes sklearn's output is softmax with
    the categorical cross-entropy) from the crate's start, as common.run wants it."""
    clf = classifier(common.DIGITS_SHAPE, x, y, directory, shuffle, activation="relu")
    return (lambda: clf.partial_fit(x, y)), clf.predict_proba


def main():
    warnings.simplefilter("ignore")
    common.run(__doc__, "sklearn", common.versions(np, sklearn), model, digits_model)


if __name__ == "__main__":
    main()
