"""Reads what bench/mlp-vs-numpy measured and prints the table docs/performance.md shows."""
import json
import sys
from pathlib import Path

SIZES = {"mnist": (784, 128, 10, 64), "small": (64, 32, 10, 8)}


def flops(network, gradient):
    """Multiply-adds of the matrix products, twice: the forward's two, and the backward's three (no dX)."""
    d, h, c, n = SIZES[network]
    forward = 2 * n * d * h + 2 * n * h * c
    return forward + (2 * n * d * h + 4 * n * h * c if gradient else 0)


def main():
    out = Path(sys.argv[1])
    jmh = json.loads((out / "jmh.json").read_text())
    before = json.loads((out / "numpy-before.json").read_text())
    after = json.loads((out / "numpy-after.json").read_text())
    java = {}
    for run in jmh:
        name = run["benchmark"].rsplit(".", 1)[1]
        metric = run["primaryMetric"]
        java[(run["params"]["network"], name)] = (metric["score"], metric["scoreError"])
    print("| network | what | µs per call | GFLOP/s | ÷ hand-written | ÷ numpy (median of before, after) |")
    print("|---|---|---:|---:|---:|---:|")
    for network in SIZES:
        for kind in ("gradient", "value"):
            gradient = kind == "gradient"
            hand = java[(network, "handWritten" + kind.capitalize())][0]
            numpy = [before[network][kind]["median"], after[network][kind]["median"]]
            numpy_mid = sum(numpy) / 2
            for who, (score, error) in (("generated", java[(network, "generated" + kind.capitalize())]),
                                        ("hand-written Java", java[(network, "handWritten" + kind.capitalize())])):
                print(f"| {network} | {who} {kind} | {score:.1f} ± {error:.1f} | {flops(network, gradient) / score / 1e3:.1f}"
                      f" | {score / hand:.2f} | {score / numpy_mid:.2f} |")
            print(f"| {network} | numpy {kind} | {numpy[0]:.1f}, {numpy[1]:.1f} | "
                  f"{flops(network, gradient) / numpy_mid / 1e3:.1f} | | 1.00 |")
        g = java[(network, "generatedGradient")][0] / java[(network, "generatedValue")][0]
        print(f"| {network} | generated gradient ÷ value | {g:.2f} | | | |")


if __name__ == "__main__":
    main()
