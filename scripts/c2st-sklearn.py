#!/usr/bin/python3
"""sbibm's C2ST with scikit-learn, for cross-checking `inn c2st`.

Usage: /usr/bin/python3 scripts/c2st-sklearn.py REFERENCE.csv[.gz] SAMPLES.csv[.gz] [MAX_SAMPLES]

Reads two sample CSVs (an optional header line is skipped), keeps the first MAX_SAMPLES rows
of each (default 10000), and prints the mean 5-fold accuracy of sbibm's classifier: z-scoring
with the reference's mean and sample sd, MLPClassifier(relu, (10 d, 10 d), adam, max_iter 10000,
random_state 1), KFold(5, shuffle=True, random_state=1).
"""
import sys

import numpy as np
from sklearn.model_selection import KFold, cross_val_score
from sklearn.neural_network import MLPClassifier


def read(path, limit):
    with (__import__("gzip").open(path, "rt") if path.endswith(".gz") else open(path)) as f:
        first = f.readline()
        try:
            rows = [[float(v) for v in first.split(",")]]
        except ValueError:
            rows = []
        rows += [[float(v) for v in line.split(",")] for line in f if line.strip()]
    return np.asarray(rows[:limit], dtype=np.float32)


def c2st(x, y, seed=1, folds=5):
    mean = x.mean(axis=0)
    sd = x.std(axis=0, ddof=1)  # torch.std is the n - 1 estimate
    x = (x - mean) / sd
    y = (y - mean) / sd
    d = x.shape[1]
    clf = MLPClassifier(activation="relu", hidden_layer_sizes=(10 * d, 10 * d), max_iter=10000,
                        solver="adam", random_state=seed)
    data = np.concatenate((x, y))
    target = np.concatenate((np.zeros(len(x)), np.ones(len(y))))
    cv = KFold(n_splits=folds, shuffle=True, random_state=seed)
    return float(np.mean(cross_val_score(clf, data, target, cv=cv, scoring="accuracy")))


if __name__ == "__main__":
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
    print(f"{c2st(read(sys.argv[1], limit), read(sys.argv[2], limit)):.4f}")
