#!/usr/bin/env python3
"""Example simulator for inn's external protocol (docs/external-simulators.md).

Model: x = (a, b), y = (a + b, a * b) + 0.05 * N(0, I). Swapping a and b gives the same y,
so the posterior has two modes.

The process serves batches until its standard input closes. Each request is one line
"SEED ROWS COLS BYTES" followed by BYTES bytes of x (an .npy array, or text lines when
INN_FRAMING=text); the reply is y for the same rows (.npy float64, or text lines).

The options make it misbehave, for tests of the protocol's failure handling:
  --sleep S          sleep S seconds before every batch (a slow simulator)
  --crash-every N    exit with an error on every N-th batch this process serves
  --nan-above T      reply NaN for rows with a > T
"""
import argparse
import io
import os
import sys
import time

import numpy as np


def simulate(x, rng):
    a, b = x[:, 0], x[:, 1]
    y = np.stack([a + b, a * b], axis=1)
    return y + 0.05 * rng.standard_normal(y.shape)


def read_x(payload, rows, cols, framing):
    if framing == "text":
        return np.loadtxt(io.StringIO(payload.decode("ascii")), ndmin=2).reshape(rows, cols)
    return np.load(io.BytesIO(payload))


def write_y(out, y, framing):
    if framing == "text":
        out.write("".join(" ".join(repr(float(v)) for v in row) + "\n" for row in y).encode("ascii"))
    else:
        buf = io.BytesIO()
        np.save(buf, np.ascontiguousarray(y, dtype=np.float64))
        out.write(buf.getvalue())
    out.flush()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sleep", type=float, default=0.0)
    p.add_argument("--crash-every", type=int, default=0)
    p.add_argument("--nan-above", type=float, default=None)
    args = p.parse_args()
    framing = os.environ.get("INN_FRAMING", "npy")
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    served = 0
    while True:
        header = stdin.readline()
        if not header:
            return  # standard input closed: the run is over
        seed, rows, cols, nbytes = (int(v) for v in header.split())
        x = read_x(stdin.read(nbytes), rows, cols, framing)
        served += 1
        if args.crash_every and served % args.crash_every == 0:
            print(f"sum_product: deliberate crash on batch {served} (--crash-every {args.crash_every})",
                  file=sys.stderr, flush=True)
            sys.exit(3)
        if args.sleep:
            time.sleep(args.sleep)
        # the seed is a signed 64-bit number; numpy wants it non-negative
        rng = np.random.default_rng(seed & 0xFFFFFFFFFFFFFFFF)
        y = simulate(x, rng)
        if args.nan_above is not None:
            y[x[:, 0] > args.nan_above] = np.nan
        write_y(stdout, y, framing)


if __name__ == "__main__":
    main()
