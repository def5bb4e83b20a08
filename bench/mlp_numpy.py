"""The networks of MlpGradients in numpy (float64), timed the same way: the forward pass alone and the
forward and backward passes, the minimum and median of repeated runs. Prints one JSON object.

Run with one BLAS thread, as bench/mlp-vs-numpy does:
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 python3 bench/mlp_numpy.py
"""
import json
import sys
import time

import numpy as np

NETWORKS = {"mnist": (784, 128, 10, 64), "small": (64, 32, 10, 8)}


def make(d, h, c, n, rng):
    x = rng.uniform(0, 1, (n, d))
    y = np.zeros((n, c))
    y[np.arange(n), rng.integers(0, c, n)] = 1
    w1 = rng.uniform(-1, 1, (d, h)) * np.sqrt(6.0 / d)
    b1 = rng.uniform(-0.1, 0.1, h)
    w2 = rng.uniform(-1, 1, (h, c)) * np.sqrt(6.0 / h)
    b2 = rng.uniform(-0.1, 0.1, c)
    return x, y, w1, b1, w2, b2


def value(x, y, w1, b1, w2, b2):
    z1 = x @ w1 + b1
    a1 = np.maximum(z1, 0)
    z2 = a1 @ w2 + b2
    m = z2.max(axis=1, keepdims=True)
    log_sum = m + np.log(np.exp(z2 - m).sum(axis=1, keepdims=True))
    return -(y * (z2 - log_sum)).sum() / x.shape[0]


def gradient(x, y, w1, b1, w2, b2):
    n = x.shape[0]
    z1 = x @ w1 + b1
    a1 = np.maximum(z1, 0)
    z2 = a1 @ w2 + b2
    m = z2.max(axis=1, keepdims=True)
    e = np.exp(z2 - m)
    s = e.sum(axis=1, keepdims=True)
    loss = -(y * (z2 - m - np.log(s))).sum() / n
    dz2 = (e / s - y) / n
    dw2 = a1.T @ dz2
    db2 = dz2.sum(axis=0)
    dz1 = (dz2 @ w2.T) * (z1 > 0)
    dw1 = x.T @ dz1
    db1 = dz1.sum(axis=0)
    return loss, dw1, db1, dw2, db2


def timed(f, args, seconds):
    """Minimum and median time per call in microseconds, over batches of calls filling `seconds`."""
    f(*args)
    calls = 1
    while True:
        start = time.perf_counter()
        for _ in range(calls):
            f(*args)
        if time.perf_counter() - start > 0.05:
            break
        calls *= 2
    per_batch = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end or len(per_batch) < 5:
        start = time.perf_counter()
        for _ in range(calls):
            f(*args)
        per_batch.append((time.perf_counter() - start) / calls * 1e6)
    per_batch.sort()
    return {"min": per_batch[0], "median": per_batch[len(per_batch) // 2], "batches": len(per_batch)}


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5
    rng = np.random.default_rng(2026)
    result = {}
    for name, (d, h, c, n) in NETWORKS.items():
        args = make(d, h, c, n, rng)
        result[name] = {"value": timed(value, args, seconds), "gradient": timed(gradient, args, seconds)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
