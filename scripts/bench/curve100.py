#!/usr/bin/env python3
"""Simulator of the out-of-core training benchmark (docs/results/out-of-core-training.md), for
inn's external protocol (docs/external-simulators.md): x = (a, b), y = 100 values
y_t = a + b * sin(t / 10) + 0.1 * N(0, 1), t = 0..99. Cheap on purpose: it fills a store of
10^7 pairs of a 100-value observation quickly."""
import io
import sys

import numpy as np

T = np.sin(np.arange(100) / 10.0)


def main():
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        header = stdin.readline()
        if not header:
            return
        seed, rows, cols, nbytes = (int(v) for v in header.split())
        x = np.load(io.BytesIO(stdin.read(nbytes)))
        rng = np.random.default_rng(seed & 0xFFFFFFFFFFFFFFFF)
        y = x[:, :1] + x[:, 1:2] * T[None, :] + 0.1 * rng.standard_normal((rows, 100))
        buf = io.BytesIO()
        np.save(buf, np.ascontiguousarray(y, dtype=np.float64))
        stdout.write(buf.getvalue())
        stdout.flush()


if __name__ == "__main__":
    main()
