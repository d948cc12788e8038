"""What the Python programs of `cargo xtask bench` share: the arguments, the data files written by
the Rust side (bench/speed/main.rs), the timing protocol, the benchmarks of a general network
(`run`, for numpy_mlp.py and sklearn_mlp.py) and the JSON output.

Every program takes the same arguments as the Rust bench binary and prints one JSON object with
the same fields, so the xtask can put them side by side.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time

import numpy as np

# The settings every implementation trains with, declared in bench/speed/main.rs, which writes
# them into the data folder (settings.json); parse_args reads them.
BATCH = LEARN_RATE = SHUFFLE_SEED = DIGITS_SHAPE = None


def shape(text):
    return [int(n) for n in text.split("-")]


def shape_name(sizes):
    return "-".join(str(n) for n in sizes)


def parse_args(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--dir", required=True, help="where bench/speed/main.rs wrote the data")
    p.add_argument("--shapes", default="2-2-1,2-16-1,2-64-64-1")
    p.add_argument("--train-n", type=int, default=100_000)
    p.add_argument("--scaling", default="1000,10000,100000,1000000")
    p.add_argument("--scaling-shape", default="2-16-1")
    p.add_argument("--infer-n", type=int, default=1_000_000)
    p.add_argument("--check-n", type=int, default=1_000)
    p.add_argument("--min-time", type=float, default=1.0)
    p.add_argument("--min-runs", type=int, default=3)
    args = p.parse_args()
    args.shapes = [shape(s) for s in args.shapes.split(",")]
    args.scaling = [int(n) for n in args.scaling.split(",")]
    args.scaling_shape = shape(args.scaling_shape)
    read_settings(args.dir)
    return args


def read_settings(directory):
    """Sets BATCH, LEARN_RATE, SHUFFLE_SEED and DIGITS_SHAPE from the Rust side's settings.json."""
    global BATCH, LEARN_RATE, SHUFFLE_SEED, DIGITS_SHAPE
    with open(os.path.join(directory, "settings.json"), encoding="utf-8") as f:
        settings = json.load(f)
    BATCH, LEARN_RATE = settings["batch"], settings["learn_rate"]
    SHUFFLE_SEED, DIGITS_SHAPE = settings["shuffle_seed"], settings["digits_shape"]


def people(directory, n):
    """The n synthetic people of the Rust side: inputs (n x 2, standardised) and labels (n)."""
    raw = np.fromfile(os.path.join(directory, f"people-{n}.f64"), dtype="<f8").reshape(-1, 3)
    assert raw.shape[0] == n, f"people-{n}.f64 holds {raw.shape[0]} people"
    return np.ascontiguousarray(raw[:, :2]), np.ascontiguousarray(raw[:, 2])



def digits(directory):
    """The digits of the Rust side: inputs (1797 x 64, standardised) and class numbers (1797)."""
    raw = np.fromfile(os.path.join(directory, "digits.f64"), dtype="<f8").reshape(-1, 65)
    return np.ascontiguousarray(raw[:, :64]), raw[:, 64].astype(np.int64)


def cross_entropy(y, p):
    """The categorical cross-entropy averaged over the samples, clamped like the crate's."""
    return float(np.mean(-np.log(np.maximum(p[np.arange(len(y)), y], 1e-12))))


def initial_layers(directory, sizes):
    """The Rust side's starting parameters for this shape, as (W, b) per layer, with W of shape
    (n_out, n_in) as in the crate's flat layout (row j = neuron j)."""
    flat = np.fromfile(os.path.join(directory, f"init-{shape_name(sizes)}.f64"), dtype="<f8")
    layers, at = [], 0
    for n_in, n_out in zip(sizes, sizes[1:]):
        w = flat[at : at + n_out * n_in].reshape(n_out, n_in)
        at += n_out * n_in
        b = flat[at : at + n_out]
        at += n_out
        layers.append((w.copy(), b.copy()))
    assert at == flat.size, "parameter count does not fit the shape"
    return layers


def bce(y_true, y_pred):
    """Binary cross-entropy averaged over the samples, predictions clamped like the crate's."""
    p = np.clip(y_pred, 1e-12, 1.0 - 1e-12)
    return float(np.mean(-(y_true * np.log(p) + (1.0 - y_true) * np.log(1.0 - p))))


def measure(min_time, min_runs, f):
    """Runs f once untimed, then until the runs add up to min_time seconds and number at least
    min_runs; the median and the fastest run in seconds, and the number of runs."""
    f()
    times = []
    start = time.perf_counter()
    while len(times) < max(min_runs, 1) or time.perf_counter() - start < min_time:
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    times.sort()
    return {"seconds": times[len(times) // 2], "min_seconds": times[0], "runs": len(times)}


def versions(*modules):
    out = {"python": platform.python_version()}
    for m in modules:
        out[m.__name__] = m.__version__
    return out


def log(message):
    print(f"{os.path.basename(sys.argv[0])}: {message}", file=sys.stderr, flush=True)


def emit(result):
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


def run(description, implementation, versions, model, digits_model):
    """The benchmarks of a general network, the same for every implementation, printed as one JSON
    object: one epoch of mini-batch SGD for each shape ("epoch"), predictions for each shape
    ("inference"), one epoch at each dataset size ("scaling"), and the loss after one unshuffled
    epoch from the crate's start, to check that everyone computes the same thing ("check").

    model(sizes, x, y, directory, shuffle) builds the implementation's network of that shape from
    the crate's starting parameters and returns (train_epoch, predict): train_epoch() trains one
    epoch on x and y, visiting them in a new random order each time when shuffle is true;
    predict(inputs) returns the probability of female of each row. digits_model(x, y, directory,
    shuffle) does the same for the digits' network (DIGITS_SHAPE: ReLU, softmax), its predict
    returning each row's ten probabilities: one epoch on the digits ("digits": its timing and
    the loss after one unshuffled epoch).
    """
    args = parse_args(description)
    result = {"implementation": implementation, "versions": versions}

    def epoch_timing(sizes, n):
        x, y = people(args.dir, n)
        train_epoch, _ = model(sizes, x, y, args.dir, True)
        timing = measure(args.min_time, args.min_runs, train_epoch)
        timing.update(shape=shape_name(sizes), n=n)
        return timing

    result["epoch"] = []
    for sizes in args.shapes:
        log(f"one epoch, {shape_name(sizes)} on {args.train_n}")
        result["epoch"].append(epoch_timing(sizes, args.train_n))

    result["inference"] = []
    x, y = people(args.dir, args.infer_n)
    for sizes in args.shapes:
        log(f"predictions, {shape_name(sizes)} on {args.infer_n}")
        _, predict = model(sizes, x, y, args.dir, True)
        timing = measure(args.min_time, args.min_runs, lambda: predict(x))
        timing.update(shape=shape_name(sizes), n=args.infer_n)
        result["inference"].append(timing)
    del x, y

    result["scaling"] = []
    for n in args.scaling:
        log(f"one epoch, {shape_name(args.scaling_shape)} on {n}")
        result["scaling"].append(epoch_timing(args.scaling_shape, n))

    result["check"] = []
    x, y = people(args.dir, args.check_n)
    for sizes in args.shapes:
        train_epoch, predict = model(sizes, x, y, args.dir, False)
        train_epoch()
        loss = bce(y, predict(x))
        result["check"].append({"shape": shape_name(sizes), "n": args.check_n, "loss": loss})

    log(f"one epoch, {shape_name(DIGITS_SHAPE)} on the digits")
    x, y = digits(args.dir)
    train_epoch, _ = digits_model(x, y, args.dir, True)
    timing = measure(args.min_time, args.min_runs, train_epoch)
    timing.update(shape=shape_name(DIGITS_SHAPE), n=len(y))
    train_epoch, predict = digits_model(x, y, args.dir, False)
    train_epoch()
    result["digits"] = {"epoch": timing, "check": {"loss": cross_entropy(y, predict(x))}}

    emit(result)
