"""Writes the handwritten digits that scikit-learn bundles as CSV on stdout: `data/digits.csv`,
made by `cargo xtask digits --data` (which pins scikit-learn through xtask/requirements.txt, so the
same version writes the same bytes).

The source is the test part of the UCI "Optical Recognition of Handwritten Digits" set (1,797
images of 8x8 pixels, each the count 0-16 of the set pixels in a 4x4 block of a 32x32 bitmap),
which scikit-learn ships in `sklearn/datasets/data/digits.csv.gz`; nothing is downloaded.

Columns: pixel_0_0 ... pixel_7_7 (row, then column, as scikit-learn names them), then label (the
digit, 0-9). Rows in scikit-learn's order. Whole numbers, `,` between them, `\n` after each row.
"""

import sys

from sklearn.datasets import load_digits


def main():
    digits = load_digits()
    assert digits.data.shape == (1797, 64), digits.data.shape
    names = list(digits.feature_names)
    out = sys.stdout
    out.write(",".join(names + ["label"]) + "\n")
    for row, label in zip(digits.data, digits.target):
        values = [int(v) for v in row]
        assert all(0 <= v <= 16 and v == x for v, x in zip(values, row))
        out.write(",".join(str(v) for v in values + [int(label)]) + "\n")


if __name__ == "__main__":
    main()
