#!/usr/bin/env python3
"""Fits the polynomial coefficients of dev.lanes.kernels.simd.VectorMath (needs numpy and mpmath).

Near-minimax fits by Lawson's iteratively reweighted least squares on Chebyshev points, against values computed
with 40-digit mpmath, then rounded to float. Prints each fit's error before and after rounding (in units of
u = 2^-24) and the coefficients as Java hex float literals.

  expm1(r) = r + r^2 P(r),        |r| <= 1.02 ln2/2,  P of degree 5, weighted for the relative error of expm1
  log1p(e) = e Q(e - 1/2),        0 <= e <= 1,        Q of degree 9, relative error
"""
import mpmath as mp
import numpy as np

mp.mp.dps = 40
U = 2.0 ** -24


def lawson(x, f, weight, degree, iterations=300):
    """Coefficients (lowest first) minimising max |weight (p(x) - f)| over the points x."""
    basis = np.vander(x, degree + 1, increasing=True) * weight[:, None]
    target = f * weight
    lam = np.full(len(x), 1.0 / len(x))
    for _ in range(iterations):
        root = np.sqrt(lam)
        c, *_ = np.linalg.lstsq(basis * root[:, None], target * root, rcond=None)
        err = np.abs(basis @ c - target)
        lam = lam * err
        lam /= lam.sum()
    return c, np.max(np.abs(basis @ c - target))


def horner(c, x):
    acc = np.zeros_like(x)
    for coefficient in reversed(c):
        acc = acc * x + coefficient
    return acc


def as_java(c):
    def literal(v):
        mantissa, exponent = float(np.float32(v)).hex().split("p")
        return mantissa.rstrip("0").rstrip(".") + "p" + exponent + "f"
    return ", ".join(literal(v) for v in c)


def main():
    r_max = 1.02 * float(mp.log(2)) / 2
    r = np.cos(np.linspace(0, np.pi, 4001)) * r_max
    r = r[np.abs(r) > 1e-6]
    expm1 = np.array([float(mp.expm1(mp.mpf(v))) for v in r])
    p_target = np.array([float((mp.expm1(mp.mpf(v)) - v) / mp.mpf(v) ** 2) for v in r])
    c, err = lawson(r, p_target, r * r / np.abs(expm1), 5)
    c32 = np.float32(c).astype(np.float64)
    rounded = np.max(np.abs(r + r * r * horner(c32, r) - expm1) / np.abs(expm1))
    print(f"expm1: fit {err / U:.3f} u, rounded {rounded / U:.3f} u\n  {as_java(c)}")

    e = (np.cos(np.linspace(0, np.pi, 4001)) + 1) / 2
    e = e[e > 0]
    log1p = np.array([float(mp.log1p(mp.mpf(v))) for v in e])
    q_target = log1p / e
    c, err = lawson(e - 0.5, q_target, 1 / np.abs(q_target), 9)
    c32 = np.float32(c).astype(np.float64)
    rounded = np.max(np.abs(e * horner(c32, e - 0.5) - log1p) / log1p)
    print(f"log1p: fit {err / U:.3f} u, rounded {rounded / U:.3f} u\n  {as_java(c)}")


if __name__ == "__main__":
    main()
