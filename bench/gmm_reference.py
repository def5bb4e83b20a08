#!/usr/bin/env python3
"""ADBench's GMM objective in numpy, at a fixed seeded point: the reference symdiff's gmm sample is checked against.

Writes generated-samples/gmm/gmm-d2-k5-n100.json, the inputs (alphas, means, icf, x, as symdiff's
--at reads them) and src/test/resources/reference/gmm-d2-k5-n100-objective.txt, the objective. It is ADBench's gmm_objective (microsoft/ADBench,
python/modules/PyTorch/gmm_objective.py and the numpy reference) with the Wishart prior at gamma = 1
and m = 0; the constant it adds (k C, from the log of the multivariate gamma function) is printed
too, since the .sd program writes it as a number. Run from the repository root:
    python3 bench/gmm_reference.py
"""
import json
import math

import numpy as np
from scipy.special import multigammaln

D, K, N = 2, 5, 100
GAMMA, M = 1.0, 0


def log_wishart_prior(p, gamma, m, sum_qs, qdiags, icf):
    n = p + m + 1
    k = icf.shape[0]
    out = np.sum(0.5 * gamma * gamma * (np.sum(qdiags ** 2, axis=1) + np.sum(icf[:, p:] ** 2, axis=1)) - m * sum_qs)
    c = n * p * (math.log(gamma) - 0.5 * math.log(2)) - multigammaln(0.5 * n, p)
    return out - k * c, -k * c


def objective(alphas, means, icf, x):
    n, d = x.shape
    qdiags = np.exp(icf[:, :d])
    sum_qs = np.sum(icf[:, :d], axis=1)
    main = np.empty((n, K))
    for k in range(K):
        q = np.diag(qdiags[k])
        q[1, 0] = icf[k, d]  # d = 2: one entry below the diagonal
        z = (x - means[k]) @ q.T
        main[:, k] = alphas[k] + sum_qs[k] - 0.5 * np.sum(z ** 2, axis=1)
    slse = np.sum(np.log(np.sum(np.exp(main - main.max(axis=1, keepdims=True)), axis=1)) + main.max(axis=1))
    lse_alphas = math.log(np.sum(np.exp(alphas - alphas.max()))) + alphas.max()
    constant = -n * d * 0.5 * math.log(2 * math.pi)
    prior, prior_constant = log_wishart_prior(d, GAMMA, M, sum_qs, qdiags, icf)
    return constant + slse - n * lse_alphas + prior, constant + prior_constant


def main():
    rng = np.random.default_rng(20261202)
    alphas = rng.normal(size=K)
    means = rng.uniform(size=(K, D))
    icf = rng.normal(scale=0.5, size=(K, D * (D + 1) // 2))
    x = rng.normal(size=(N, D))
    value, constant = objective(alphas, means, icf, x)
    out = {"alphas": alphas.tolist(), "means": means.tolist(), "icf": icf.tolist(), "x": x.tolist()}
    with open("generated-samples/gmm/gmm-d2-k5-n100.json", "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    with open("src/test/resources/reference/gmm-d2-k5-n100-objective.txt", "w") as f:
        f.write(repr(float(value)) + "\n")
    print("objective", repr(float(value)), "constant terms", repr(float(constant)))


if __name__ == "__main__":
    main()
