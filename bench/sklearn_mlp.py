"""scikit-learn's MLPClassifier, set to the same algorithm as the crate's `Trainer` and
`bench/numpy_mlp.py`: sigmoid ("logistic") hidden layers, a logistic output with log-loss (binary
cross-entropy, averaged over each mini-batch), mini-batches of 32, plain SGD (momentum 0, no
Nesterov, constant learning rate 0.1), no L2 penalty (alpha 0), no early stopping, a new random
order every epoch.

`partial_fit` trains exactly one epoch per call. The network starts from the crate's starting
parameters (written by benches/speed.rs): sklearn's own initialisation runs on one batch first,
then its coefficients are overwritten.

Run by `cargo xtask bench` with the data written by benches/speed.rs; prints JSON.
"""

import warnings

import numpy as np
import sklearn
from sklearn.neural_network import MLPClassifier

import common


def classifier(sizes, x, y, directory, shuffle=True):
    clf = MLPClassifier(
        hidden_layer_sizes=tuple(sizes[1:-1]),
        activation="logistic",
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
    clf.partial_fit(x[: common.BATCH], y[: common.BATCH], classes=np.array([0.0, 1.0]))
    for l, (w, b) in enumerate(common.initial_layers(directory, sizes)):
        clf.coefs_[l][...] = w.T
        clf.intercepts_[l][...] = b
    return clf


def main():
    args = common.parse_args(__doc__)
    warnings.simplefilter("ignore")
    result = {"implementation": "sklearn", "versions": common.versions(np, sklearn)}

    def epoch_timing(sizes, n):
        x, y = common.people(args.dir, n)
        clf = classifier(sizes, x, y, args.dir)
        timing = common.measure(args.min_time, args.min_runs, lambda: clf.partial_fit(x, y))
        timing.update(shape=common.shape_name(sizes), n=n)
        return timing

    result["epoch"] = []
    for sizes in args.shapes:
        common.log(f"one epoch, {common.shape_name(sizes)} on {args.train_n}")
        result["epoch"].append(epoch_timing(sizes, args.train_n))

    result["inference"] = []
    x, y = common.people(args.dir, args.infer_n)
    for sizes in args.shapes:
        common.log(f"predictions, {common.shape_name(sizes)} on {args.infer_n}")
        clf = classifier(sizes, x, y, args.dir)
        timing = common.measure(args.min_time, args.min_runs, lambda: clf.predict_proba(x))
        timing.update(shape=common.shape_name(sizes), n=args.infer_n)
        result["inference"].append(timing)
    del x, y

    result["scaling"] = []
    for n in args.scaling:
        common.log(f"one epoch, {common.shape_name(args.scaling_shape)} on {n}")
        result["scaling"].append(epoch_timing(args.scaling_shape, n))

    result["check"] = []
    x, y = common.people(args.dir, args.check_n)
    for sizes in args.shapes:
        clf = classifier(sizes, x, y, args.dir, shuffle=False)
        clf.partial_fit(x, y)
        loss = common.bce(y, clf.predict_proba(x)[:, 1])
        result["check"].append({"shape": common.shape_name(sizes), "n": args.check_n, "loss": loss})

    common.emit(result)


if __name__ == "__main__":
    main()
