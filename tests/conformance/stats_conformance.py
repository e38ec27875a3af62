#!/usr/bin/env python3
"""tally/stats.hpp against numpy and pandas.

usage: stats_conformance.py <path to the conformance_stats driver>

Compares, for 1,200 seeded random cases: sum, mean, var/std (ddof 0 and 1),
median, quantile (every numpy method, several q; pandas' five
interpolations too), min, max, argmin, argmax, covariance (ddof 0 and 1),
Pearson correlation, the geometric mean (exp of the mean log), and the
linear trend over positions 0..n-1 (numpy.polyfit), under both NaN
policies (skip = pandas' skipna, propagate = plain numpy).

Tolerance: rtol 1e-9, plus an absolute allowance of 1e-12 times the
case's scale (max |x|, squared for variances) so that a result that
cancels to almost 0 is not judged relative to its own tiny size.

Where tally's documented contract is to throw (an empty range, all NaN,
ddof >= n, a negative value in a geometric mean, zero variance in a
correlation), the expected value is "undefined" or "invalid", not
numpy's NaN or warning.

One known difference is checked against a reference instead of numpy:
quantile type 3 (closest_observation). numpy 1.24 breaks ties toward the
odd order statistic; Hyndman & Fan (and R) toward the even one, as tally
does. The expected value comes from hf_type3() below, and the summary
line reports how often numpy differs from it.
"""

from __future__ import annotations

import math
import sys
import warnings

import numpy as np
import pandas as pd

from conformance_common import INVALID, UNDEFINED, Checker, expected_or, generate_cases, run_driver

QS = [0.0, 0.01, 0.1, 0.25, 1 / 3, 0.5, 0.6, 0.75, 0.9, 0.99, 1.0]
NUMPY_METHODS = [
    "inverted_cdf", "averaged_inverted_cdf", "closest_observation", "interpolated_inverted_cdf",
    "hazen", "weibull", "linear", "median_unbiased", "normal_unbiased",
    "lower", "higher", "nearest", "midpoint",
]
PANDAS_INTERPOLATIONS = ["linear", "lower", "higher", "nearest", "midpoint"]


def hf_type3(sorted_values: np.ndarray, q: float) -> float:
    """Hyndman & Fan type 3 (R's quantile(type = 3) without its fuzz): with
    j = floor(nq - 1/2), take x[j] (1-based) when nq - 1/2 == j and j is
    even, else x[j + 1]; clamped to x[1]..x[n]."""
    n = len(sorted_values)
    v = n * q - 0.5
    j = math.floor(v)
    k = j if (v == j and j % 2 == 0) else j + 1
    k = min(max(k, 1), n)
    return float(sorted_values[k - 1])


def expected_for(case, q_pandas_ok):
    x = case.x
    y = case.y
    isf = case.is_float
    xf = x.astype(np.float64)
    valid = ~np.isnan(xf)
    xv = xf[valid]
    n_all = len(x)
    n = len(xv)
    has_nan = n != n_all
    s = pd.Series(x)
    e = {}

    # sums and means
    e["sum"] = float(s.sum())
    e["sum_p"] = float(np.sum(xf))
    e["mean"] = UNDEFINED if n == 0 else float(s.mean())
    e["mean_p"] = UNDEFINED if n_all == 0 else float(np.mean(xf))

    # spread
    for ddof in (0, 1):
        if n == 0:
            v = UNDEFINED
        elif ddof >= n:
            v = INVALID
        else:
            v = float(s.var(ddof=ddof))
        e[f"var{ddof}"] = v
        e[f"std{ddof}"] = v if isinstance(v, str) else float(s.std(ddof=ddof))
        if n_all == 0:
            e[f"var{ddof}_p"] = UNDEFINED
        elif has_nan:
            e[f"var{ddof}_p"] = math.nan
        elif ddof >= n_all:
            e[f"var{ddof}_p"] = INVALID
        else:
            e[f"var{ddof}_p"] = float(np.var(xf, ddof=ddof))

    # order statistics
    e["median"] = UNDEFINED if n == 0 else float(s.median())
    e["median_p"] = UNDEFINED if n_all == 0 else float(np.median(xf))
    e["min"] = UNDEFINED if n == 0 else float(s.min())
    e["max"] = UNDEFINED if n == 0 else float(s.max())
    e["min_p"] = UNDEFINED if n_all == 0 else float(np.min(xf))
    e["max_p"] = UNDEFINED if n_all == 0 else float(np.max(xf))
    e["argmin"] = UNDEFINED if n == 0 else float(s.argmin())
    e["argmax"] = UNDEFINED if n == 0 else float(s.argmax())

    # geometric mean (scipy-free: exp of the mean log)
    if n == 0 or (xv < 0).any():
        e["gmean"] = UNDEFINED
    elif (xv == 0).any():
        e["gmean"] = 0.0
    else:
        e["gmean"] = float(np.exp(np.mean(np.log(xv))))

    # two variables
    yf = y.astype(np.float64)
    pair = valid & ~np.isnan(yf)
    m = int(pair.sum())
    for ddof in (0, 1):
        if m == 0:
            e[f"cov{ddof}"] = UNDEFINED
        elif ddof >= m:
            e[f"cov{ddof}"] = INVALID
        else:
            e[f"cov{ddof}"] = float(pd.Series(x).cov(pd.Series(y), ddof=ddof))
    if m < 2 or len(np.unique(xf[pair])) == 1 or len(np.unique(yf[pair])) == 1:
        e["corr"] = UNDEFINED
    else:
        e["corr"] = float(pd.Series(x).corr(pd.Series(y)))

    # linear trend over positions
    positions = np.arange(n_all, dtype=np.float64)[valid]
    if n < 2:
        e["trend_slope"] = e["trend_intercept"] = e["trend_r2"] = UNDEFINED
    else:
        slope, intercept = np.polyfit(positions, xv, 1)
        e["trend_slope"] = float(slope)
        e["trend_intercept"] = float(intercept)
        if len(np.unique(xv)) == 1:
            e["trend_r2"] = math.nan
        else:
            e["trend_r2"] = float(np.corrcoef(positions, xv)[0, 1] ** 2)

    # quantiles
    pandas_expected = {}
    numpy_type3_differs = 0
    sorted_values = np.sort(xv)
    if n:
        by_method = {m: np.quantile(xv, QS, method=m) for m in NUMPY_METHODS if m != "closest_observation"}
        numpy_type3 = np.quantile(xv, QS, method="closest_observation")
        ok = [q for i, q in enumerate(QS) if q_pandas_ok[i]]
        by_interpolation = {m: s.quantile(ok, interpolation=m).to_numpy() for m in PANDAS_INTERPOLATIONS}
    if n_all:
        propagated = np.quantile(xf, QS)
    for i, q in enumerate(QS):
        for method in NUMPY_METHODS:
            key = f"q{i}_{method}"
            if n == 0:
                e[key] = UNDEFINED
            elif method == "closest_observation":
                e[key] = hf_type3(sorted_values, q)
                numpy_type3_differs += float(numpy_type3[i]) != e[key]
            else:
                e[key] = float(by_method[method][i])
        e[f"q{i}_linear_p"] = UNDEFINED if n_all == 0 else float(propagated[i])
    if any(q_pandas_ok):
        for j, i in enumerate(i for i in range(len(QS)) if q_pandas_ok[i]):
            for method in PANDAS_INTERPOLATIONS:
                key = f"q{i}_{method}"
                pandas_expected[key] = UNDEFINED if n == 0 else float(by_interpolation[method][j])
    return e, pandas_expected, numpy_type3_differs


def scale_of(case) -> float:
    xf = case.x.astype(np.float64)
    yf = case.y.astype(np.float64)
    finite = np.concatenate([xf[np.isfinite(xf)], yf[np.isfinite(yf)], [1.0]])
    return float(np.max(np.abs(finite)))


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: stats_conformance.py <conformance_stats driver>")
        return 2
    warnings.simplefilter("ignore")  # numpy's "Mean of empty slice" and friends
    cases = generate_cases()
    results = run_driver(sys.argv[1], cases, {"q": QS})
    # pandas passes q * 100 to np.percentile, which divides by 100 again; the
    # q for which that round trip is not exact would compare different
    # questions, so pandas is asked only about the others.
    q_pandas_ok = [q * 100 / 100 == q for q in QS]

    checker = Checker("stats", rtol=1e-9)
    type3_differs = 0
    for case in cases:
        checker.cases += 1
        got = results.get(case.id)
        if got is None:
            checker.mismatches.append(f"case {case.id}: no output from the driver")
            continue
        expected, from_pandas, differs = expected_for(case, q_pandas_ok)
        type3_differs += differs
        scale = scale_of(case)
        n_all = max(len(case.x), 1)
        for key, want in expected.items():
            squared = key.startswith(("var", "cov"))
            atol = 1e-12 * (scale * scale if squared else scale)
            if key.startswith("trend"):
                atol = 1e-12 * scale * n_all  # polyfit's least squares is less exact
            checker.check(case, key, got.get(key, "missing"), want, atol=atol, source="numpy/pandas")
        for key, want in from_pandas.items():
            checker.check(case, key, got.get(key, "missing"), want, atol=1e-12 * scale,
                          source="pandas Series.quantile")
    print(f"(numpy {np.__version__}, pandas {pd.__version__}; numpy's closest_observation differs "
          f"from Hyndman & Fan type 3 in {type3_differs} of the quantiles compared)")
    return checker.exit_code()


if __name__ == "__main__":
    sys.exit(main())
