"""scikit-learn on the digits, on the very splits the crate made: the Python side of
`cargo xtask digits`.

Reads the JSON written by `cargo bench --bench digits -- splits FILE` (each split's training and
test row indices into data/digits.csv) and, for each split, fits on the training rows and scores
on the test rows:

- `MLPClassifier(hidden_layer_sizes=(32,))`: scikit-learn's defaults otherwise (ReLU, Adam with
  learning rate 0.001, mini-batches of 200, an L2 penalty of 0.0001, up to 200 epochs, stopping
  when the loss stops improving), `random_state` the split's seed;
- `LogisticRegression(max_iter=1000)`: multinomial, L2-regularised (C = 1).

Both see the pixels standardised over the training rows (`StandardScaler`), as the crate's
network does. Prints one JSON object: the versions and, per model, each split's accuracy and
seconds.
"""

import argparse
import csv
import json
import os
import time
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def digits():
    with open(os.path.join(ROOT, "data", "digits.csv"), newline="") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    label = header.index("label")
    x = np.array([[float(v) for i, v in enumerate(r) if i != label] for r in rows])
    y = np.array([int(r[label]) for r in rows])
    return x, y


MODELS = {
    "sklearn_mlp": lambda seed: MLPClassifier(hidden_layer_sizes=(32,), random_state=seed),
    "sklearn_logistic": lambda seed: LogisticRegression(max_iter=1000),
}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("splits", help="the JSON of `cargo bench --bench digits -- splits`")
    args = p.parse_args()
    with open(args.splits) as f:
        splits = json.load(f)["splits"]
    x, y = digits()
    warnings.simplefilter("ignore")
    results = {name: [] for name in MODELS}
    for split in splits:
        train, test = np.array(split["train"]), np.array(split["test"])
        for name, make in MODELS.items():
            model = make_pipeline(StandardScaler(), make(split["seed"]))
            start = time.perf_counter()
            model.fit(x[train], y[train])
            seconds = time.perf_counter() - start
            accuracy = float(np.mean(model.predict(x[test]) == y[test]))
            results[name].append({"seed": split["seed"], "accuracy": accuracy, "seconds": seconds})
    versions = {"numpy": np.__version__, "sklearn": sklearn.__version__}
    print(json.dumps({"versions": versions, "results": results}))


if __name__ == "__main__":
    main()
