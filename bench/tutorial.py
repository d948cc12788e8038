"""The tutorial's training, written the way the tutorial writes it: a 2-2-1 network of sigmoid
neurons with nine named parameters, trained by stochastic gradient descent one person at a time
with the chain rule spelled out, over NumPy scalars.

As in the tutorial: the derivative of the sigmoid takes the weighted sum and computes the sigmoid
again; every 10 epochs the mean squared error over the whole dataset is computed by running the
forward pass on each row (np.apply_along_axis). The loss is kept in a list instead of printed, so
the terminal's speed is not measured; the Rust side keeps it the same way.

The starting parameters are the Rust side's (`Network::random(42)`, from tutorial-init.json), so
both sides do the same arithmetic and must end at the same loss.

Run by `cargo xtask bench`; prints JSON.
"""

import argparse
import json
import os

import numpy as np

import common


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def deriv_sigmoid(x):
    fx = sigmoid(x)
    return fx * (1 - fx)


def mse_loss(y_true, y_pred):
    return ((y_true - y_pred) ** 2).mean()


class TutorialNetwork:
    def __init__(self, params):
        (self.w1, self.w2, self.w3, self.w4, self.w5, self.w6, self.b1, self.b2, self.b3) = params

    def feedforward(self, x):
        h1 = sigmoid(self.w1 * x[0] + self.w2 * x[1] + self.b1)
        h2 = sigmoid(self.w3 * x[0] + self.w4 * x[1] + self.b2)
        return sigmoid(self.w5 * h1 + self.w6 * h2 + self.b3)

    def train(self, data, all_y_trues, learn_rate=0.1, epochs=1000):
        history = []
        for epoch in range(epochs):
            for x, y_true in zip(data, all_y_trues):
                # Forward, keeping every weighted sum.
                sum_h1 = self.w1 * x[0] + self.w2 * x[1] + self.b1
                h1 = sigmoid(sum_h1)
                sum_h2 = self.w3 * x[0] + self.w4 * x[1] + self.b2
                h2 = sigmoid(sum_h2)
                sum_o1 = self.w5 * h1 + self.w6 * h2 + self.b3
                y_pred = sigmoid(sum_o1)

                # The chain rule's factors.
                d_L_d_ypred = -2 * (y_true - y_pred)

                d_ypred_d_w5 = h1 * deriv_sigmoid(sum_o1)
                d_ypred_d_w6 = h2 * deriv_sigmoid(sum_o1)
                d_ypred_d_b3 = deriv_sigmoid(sum_o1)
                d_ypred_d_h1 = self.w5 * deriv_sigmoid(sum_o1)
                d_ypred_d_h2 = self.w6 * deriv_sigmoid(sum_o1)

                d_h1_d_w1 = x[0] * deriv_sigmoid(sum_h1)
                d_h1_d_w2 = x[1] * deriv_sigmoid(sum_h1)
                d_h1_d_b1 = deriv_sigmoid(sum_h1)

                d_h2_d_w3 = x[0] * deriv_sigmoid(sum_h2)
                d_h2_d_w4 = x[1] * deriv_sigmoid(sum_h2)
                d_h2_d_b2 = deriv_sigmoid(sum_h2)

                # One step against each partial derivative.
                self.w1 -= learn_rate * d_L_d_ypred * d_ypred_d_h1 * d_h1_d_w1
                self.w2 -= learn_rate * d_L_d_ypred * d_ypred_d_h1 * d_h1_d_w2
                self.b1 -= learn_rate * d_L_d_ypred * d_ypred_d_h1 * d_h1_d_b1

                self.w3 -= learn_rate * d_L_d_ypred * d_ypred_d_h2 * d_h2_d_w3
                self.w4 -= learn_rate * d_L_d_ypred * d_ypred_d_h2 * d_h2_d_w4
                self.b2 -= learn_rate * d_L_d_ypred * d_ypred_d_h2 * d_h2_d_b2

                self.w5 -= learn_rate * d_L_d_ypred * d_ypred_d_w5
                self.w6 -= learn_rate * d_L_d_ypred * d_ypred_d_w6
                self.b3 -= learn_rate * d_L_d_ypred * d_ypred_d_b3

            if epoch % 10 == 0:
                y_preds = np.apply_along_axis(self.feedforward, 1, data)
                history.append((epoch, mse_loss(all_y_trues, y_preds)))
        return history


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dir", required=True, help="where bench/speed/main.rs wrote tutorial-init.json")
    p.add_argument("--min-time", type=float, default=1.0)
    p.add_argument("--min-runs", type=int, default=3)
    args = p.parse_args()
    with open(os.path.join(args.dir, "tutorial-init.json")) as f:
        init = json.load(f)

    # The tutorial's four people, shifted by 135 lb and 66 in; 1 = female.
    data = np.array([[-2, -1], [25, 6], [17, 4], [-15, -6]])
    all_y_trues = np.array([1, 0, 0, 1])

    final = {}

    def run():
        net = TutorialNetwork(init)
        final["loss"] = float(net.train(data, all_y_trues)[-1][1])

    timing = common.measure(args.min_time, args.min_runs, run)
    timing["final_loss"] = final["loss"]
    common.emit({"implementation": "numpy-tutorial", "tutorial": timing,
                 "versions": common.versions(np)})


if __name__ == "__main__":
    main()
