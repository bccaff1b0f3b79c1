#!/usr/bin/env python3
"""Example simulator of sets for inn's external protocol, npy framing (docs/external-simulators.md).

Model: x = (mu, log_sigma); an experiment has n trials, n drawn uniformly from 5..100 for each
row, and each trial is y ~ N(mu, sigma^2). Every row of a reply is a set of n one-value rows,
and n differs between rows: the ragged reply layout.

Request: one line "SEED ROWS COLS BYTES", then an .npy array x of shape (ROWS, COLS).
Reply: two .npy arrays back to back: the lengths (ROWS,) as integers, then all trials of all rows
in row order, shape (sum of lengths, 1). Randomness comes from SEED alone.

Options, for tests of the protocol's checks:
  --empty-below T   give rows with mu < T no trials (an invalid simulation inn redraws)
"""
import io
import sys

import numpy as np


def main():
    empty_below = None
    args = sys.argv[1:]
    while args:
        if args[0] == "--empty-below":
            empty_below = float(args[1])
            args = args[2:]
        else:
            sys.exit("trial_sets.py: unknown option " + args[0])
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    while True:
        header = inp.readline()
        if not header:
            break  # standard input closed: done
        seed, rows, cols, nbytes = map(int, header.split())
        x = np.load(io.BytesIO(inp.read(nbytes)))
        rng = np.random.default_rng(seed & 0xFFFFFFFFFFFFFFFF)
        lengths = rng.integers(5, 101, size=rows)
        if empty_below is not None:
            lengths[x[:, 0] < empty_below] = 0
        trials = [x[i, 0] + np.exp(x[i, 1]) * rng.standard_normal(lengths[i]) for i in range(rows)]
        values = np.concatenate(trials).reshape(-1, 1) if rows else np.zeros((0, 1))
        buf = io.BytesIO()
        np.save(buf, lengths.astype(np.int64))
        np.save(buf, values.astype(np.float64))
        out.write(buf.getvalue())
        out.flush()


if __name__ == "__main__":
    main()
