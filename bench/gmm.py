#!/usr/bin/env python3
"""ADBench's GMM objective at any size: symdiff's program, a seeded point, and numpy's value there.

    python3 bench/gmm.py D K N          # writes the three files below (needs numpy and scipy)
    python3 bench/gmm.py --program D K N  # prints the program only (the standard library suffices)

Run from the repository root. For d dimensions, k components and n points it writes
  generated-samples/gmm/gmm-dD-kK-nN.sd        the objective as a symdiff program,
  generated-samples/gmm/gmm-dD-kK-nN.json      the point (alphas, means, icf, x, as --at reads them),
  src/test/resources/reference/gmm-dD-kK-nN-objective.txt   numpy's objective at that point.
The objective is ADBench's gmm_objective (microsoft/ADBench, python/modules/PyTorch/gmm_objective.py)
with the Wishart prior at gamma = 1, m = 0. symdiff's language has no third axis, so the program
writes Q_c (x_i - mu_c) coordinate by coordinate, each coordinate an [n, k] matrix over points and
components; numpy computes it as ADBench does, one matrix product per component. GmmReferenceTest
checks that the committed program is what --program prints and that its value is numpy's.
"""
import json
import math
import sys

GAMMA, M = 1.0, 0
SEED = 20261202


def name(d, k, n):
    return "gmm-d%d-k%d-n%d" % (d, k, n)


def below(d):
    """(row j, column l, index in icf) of each entry of L below the diagonal, in ADBench's order:
    after the d logs of the diagonal, column by column, each column from the top down."""
    entries, index = [], d
    for col in range(d):
        for row in range(col + 1, d):
            entries.append((row, col, index))
            index += 1
    return entries


def constant(d, k, n):
    """The Gaussians' -n d log(2 pi) / 2 and the prior's -k C, C = n' d (log gamma - log(2) / 2) - log Gamma_d(n' / 2)
    with n' = d + m + 1; log Gamma_d is the multivariate gamma function's log, here from math.lgamma."""
    dof = d + M + 1
    log_multigamma = d * (d - 1) / 4 * math.log(math.pi) + sum(math.lgamma(0.5 * dof - 0.5 * j) for j in range(d))
    c = dof * d * (math.log(GAMMA) - 0.5 * math.log(2)) - log_multigamma
    return -n * d * 0.5 * math.log(2 * math.pi) - k * c


def program(d, k, n):
    entries = below(d)
    lines = [
        "# ADBench's Gaussian mixture objective (microsoft/ADBench, gmm_objective) at d = %d dimensions," % d,
        "# k = %d components and n = %d points, with its Wishart prior at gamma = 1, m = 0. Written by" % (k, n),
        "# bench/gmm.py (python3 bench/gmm.py %d %d %d), which also computes numpy's value. Component c has" % (d, k, n),
        "# weight alphas[c], mean means[c, :] and inverse covariance factor Q_c, lower triangular:",
        "# icf[c, 0:%d] is the log of its diagonal, icf[c, %d:] the entries below it column by column." % (d, d),
        "# The last number is the prior's and the Gaussians' constant terms.",
        "dim n = %d" % n,
        "dim k = %d" % k,
        "input x[n, %d]" % d,
        "param alphas[k], means[k, %d], icf[k, %d]" % (d, d + len(entries)),
        "# the diagonal of Q_c: [k] each",
    ]
    lines += ["q%d = exp(icf[:, %d])" % (j, j) for j in range(d)]
    lines.append("# x_i - mu_c for every point i and component c, one coordinate at a time: [n, k]")
    lines += ["d%d = x[:, %d:%d] - transpose(means[:, %d:%d])" % (l, l, l + 1, l, l + 1) for l in range(d)]
    lines.append("# Q_c (x_i - mu_c), coordinate j: q_j d_j plus L[j, l] d_l for each l < j")
    for j in range(d):
        terms = ["q%d * d%d" % (j, j)] + ["icf[:, %d] * d%d" % (i, l) for (row, l, i) in entries if row == j]
        lines.append("z%d = %s" % (j, " + ".join(terms)))
    squares = " + ".join("z%d ^ 2" % j for j in range(d))
    lines.append("main = alphas + sum(icf[:, 0:%d], 1) - 0.5 * (%s)" % (d, squares))
    diagonal = " + ".join("q%d ^ 2" % j for j in range(d))
    lines.append("prior = 0.5 * (sum(%s) + sum(icf[:, %d:] ^ 2))" % (diagonal, d))
    lines.append("L = sum(logsumexp(main, 1)) - n * logsumexp(alphas) + prior - %r" % -constant(d, k, n))
    return "\n".join(lines) + "\n"


def objective(alphas, means, icf, x):
    """ADBench's gmm_objective in numpy, at gamma = 1 and m = 0."""
    import numpy as np
    from scipy.special import multigammaln

    n, d = x.shape
    k = alphas.shape[0]
    qdiags = np.exp(icf[:, :d])
    sum_qs = np.sum(icf[:, :d], axis=1)
    main = np.empty((n, k))
    for c in range(k):
        q = np.diag(qdiags[c])
        for row, col, index in below(d):
            q[row, col] = icf[c, index]
        z = (x - means[c]) @ q.T
        main[:, c] = alphas[c] + sum_qs[c] - 0.5 * np.sum(z ** 2, axis=1)
    top = main.max(axis=1)
    slse = np.sum(np.log(np.sum(np.exp(main - top[:, None]), axis=1)) + top)
    lse_alphas = math.log(np.sum(np.exp(alphas - alphas.max()))) + alphas.max()
    dof = d + M + 1
    prior = np.sum(0.5 * GAMMA * GAMMA * (np.sum(qdiags ** 2, axis=1) + np.sum(icf[:, d:] ** 2, axis=1)) - M * sum_qs)
    c = dof * d * (math.log(GAMMA) - 0.5 * math.log(2)) - multigammaln(0.5 * dof, d)
    return -n * d * 0.5 * math.log(2 * math.pi) + slse - n * lse_alphas + prior - k * c


def rows(array):
    """A JSON list of numbers, or of rows, one row a line."""
    if array.ndim == 1:
        return json.dumps(array.tolist())
    return "[\n  " + ",\n  ".join(json.dumps(row) for row in array.tolist()) + "\n ]"


def write(d, k, n):
    import numpy as np

    rng = np.random.default_rng(SEED)
    point = {
        "alphas": rng.normal(size=k),
        "means": rng.uniform(size=(k, d)),
        "icf": rng.normal(scale=0.5, size=(k, d * (d + 1) // 2)),
        "x": rng.normal(size=(n, d)),
    }
    value = objective(**point)
    base = name(d, k, n)
    with open("generated-samples/gmm/%s.sd" % base, "w") as f:
        f.write(program(d, k, n))
    with open("generated-samples/gmm/%s.json" % base, "w") as f:
        f.write("{\n" + ",\n".join(' "%s": %s' % (key, rows(v)) for key, v in point.items()) + "\n}\n")
    with open("src/test/resources/reference/%s-objective.txt" % base, "w") as f:
        f.write(repr(float(value)) + "\n")
    print(base, "objective", repr(float(value)))


def main(args):
    if len(args) == 4 and args[0] == "--program":
        sys.stdout.write(program(*map(int, args[1:])))
    elif len(args) == 3:
        write(*map(int, args))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
