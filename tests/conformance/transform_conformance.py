#!/usr/bin/env python3
"""tally/transform.hpp and tally/rolling.hpp against pandas.

usage: transform_conformance.py <path to the conformance_transform driver>

For 1,200 seeded random cases from conformance_common.generate_cases
(lengths 0..500; normal and integer values, NaN gaps, zeros, negatives,
ties, values near 1e9 with small spreads), every operation in OPS below is
run by the driver and by pandas, and each of the n results compared:

  - pct_change by observation, k = 1, 2, -1: with tally::pandas_compatible
    against pandas' pct_change(periods=k, fill_method=None) (inf included);
    with the default policy against pandas' value where the base is positive
    and NaN elsewhere, and the reason tally gives for every missing value
    (missing base, zero base, negative base, NaN) against one derived here.
  - calendar pct_change and diff on a series with gaps (times 1000 + i +
    i // 3) against pandas on the series reindexed to every year.
  - diff (k = 1, 2, -1), shift (n = 1, -2, 0), cumsum.
  - rolling count/sum/mean/var/std/min/max/median/quantile for windows 1,
    2, 7 (and 3, 4, 6, 600), even windows with center, several min_periods,
    ddof 0 and 1; expanding mean/sum/std/var/count/median; rolling over
    tally::periods{3} against pandas on the reindexed series; the range
    (std::vector) overloads.

Tolerance: rtol 1e-9; NaN matches NaN; inf matches only the same inf.

Accumulating operations (cumsum, sum, mean, var, std) are compared with
pandas first; where pandas' running add/remove sums have drifted further
than that (windows of values near 1e9 with a spread of 1e-3, near-constant
windows, sums that cancel), the point is checked against an exact rational
reference (fractions.Fraction over the window's values) instead, with rtol
1e-9, and absolute allowance 1e-15 * sum(|x|) for sums and means (a sum
that cancels to almost 0) and none for var and std: a constant window must
give exactly 0. The summary's second line says how many points needed the
exact reference.
"""

from __future__ import annotations

import math
import os
import sys
import warnings
from fractions import Fraction

import numpy as np
import pandas as pd

from conformance_common import Checker, generate_cases, run_raw_driver

STATS = ["count", "sum", "mean", "var", "std", "min", "max", "median", "quantile"]
ACCUMULATING = {"sum", "mean", "var", "std", "cumsum"}

# Operation codes of the driver.
PCT_PANDAS, PCT_DEFAULT, PCT_REASONS, DIFF, SHIFT, CUMSUM = 0, 1, 2, 3, 4, 5
CAL_PCT_PANDAS, CAL_DIFF, ROLLING, EXPANDING, PERIODS, RANGE_ROLLING = 6, 7, 8, 9, 10, 11
RANGE_PCT, CAL_REASONS = 12, 13


class Op:
    def __init__(self, code, a=0, center=False, min_periods=-1, ddof=1, stat="count", q=0.0):
        self.code, self.a, self.center, self.min_periods = code, a, center, min_periods
        self.ddof, self.stat, self.q = ddof, stat, q

    @property
    def name(self) -> str:
        base = {PCT_PANDAS: "pct_change(pandas_compatible)", PCT_DEFAULT: "pct_change", PCT_REASONS: "reason",
                DIFF: "diff", SHIFT: "shift", CUMSUM: "cumsum", CAL_PCT_PANDAS: "calendar pct_change",
                CAL_DIFF: "calendar diff", ROLLING: "rolling", EXPANDING: "expanding", PERIODS: "rolling periods",
                RANGE_ROLLING: "rolling(range)", RANGE_PCT: "pct_change(range)",
                CAL_REASONS: "calendar reason"}[self.code]
        if self.code in (ROLLING, EXPANDING, PERIODS, RANGE_ROLLING):
            extra = f" {self.stat}" + (f" q={self.q}" if self.stat == "quantile" else "")
            extra += f" ddof={self.ddof}" if self.stat in ("var", "std") else ""
            extra += " center" if self.center else ""
            extra += f" min_periods={self.min_periods}" if self.min_periods >= 0 else ""
            return f"{base}({self.a if self.code != EXPANDING else ''}){extra}"
        return f"{base}({self.a})"

    def params(self) -> list[float]:
        return [self.code, self.a, 1.0 if self.center else 0.0, self.min_periods, self.ddof,
                STATS.index(self.stat), self.q]


OPS: list[Op] = []
for k in (1, 2, -1):
    OPS += [Op(PCT_PANDAS, k), Op(PCT_DEFAULT, k), Op(DIFF, k), Op(CAL_PCT_PANDAS, k)]
OPS += [Op(PCT_REASONS, 1), Op(PCT_REASONS, -1), Op(CAL_REASONS, 1), Op(CAL_REASONS, 2)]
OPS += [Op(CAL_DIFF, 1), Op(CAL_DIFF, -1), Op(RANGE_PCT, 1), Op(RANGE_PCT, -2)]
OPS += [Op(SHIFT, 1), Op(SHIFT, -2), Op(SHIFT, 0), Op(CUMSUM)]
for w in (1, 2, 7):
    OPS += [Op(ROLLING, w, stat=s, q=0.3) for s in STATS]
OPS += [Op(ROLLING, 7, stat="quantile", q=q) for q in (0.0, 0.5, 0.9, 1.0)]
OPS += [Op(ROLLING, 2, stat=s, ddof=0) for s in ("var", "std")]
OPS += [Op(ROLLING, 4, center=True, stat=s, q=0.75) for s in ("sum", "mean", "var", "median", "max", "quantile")]
OPS += [Op(ROLLING, 6, center=True, min_periods=1, stat=s, q=0.25) for s in ("mean", "std", "quantile", "min", "count")]
OPS += [Op(ROLLING, 7, center=True, min_periods=2, stat=s) for s in ("sum", "median")]
OPS += [Op(ROLLING, 7, min_periods=3, stat=s) for s in ("mean", "std", "median", "count", "sum")]
OPS += [Op(ROLLING, 7, min_periods=1, stat="var", ddof=0)]
OPS += [Op(ROLLING, 3, min_periods=0, stat=s) for s in ("sum", "count", "mean")]
OPS += [Op(ROLLING, 600, stat="mean")]
OPS += [Op(EXPANDING, stat=s) for s in ("mean", "sum", "std", "count", "median", "max")]
OPS += [Op(EXPANDING, stat="var", ddof=0), Op(EXPANDING, min_periods=5, stat="mean")]
OPS += [Op(PERIODS, 3, stat=s, q=0.5) for s in ("sum", "mean", "std", "max", "median", "count")]
OPS += [Op(RANGE_ROLLING, 5, stat=s, q=0.9) for s in ("sum", "std", "median", "quantile")]


def gapped(n: int) -> np.ndarray:
    i = np.arange(n)
    return 1000 + i + i // 3


def reason_of(a: float, b: float) -> int:
    """tally's reason code (see no_value_reason) for a change from b to a, or -1."""
    if math.isnan(a) or math.isnan(b):
        return 3
    if math.isinf(a) or math.isinf(b):
        return 4
    if b == 0:
        return 1
    if b < 0:
        return 2
    r = a / b - 1
    return -1 if math.isfinite(r) else 4


def window_stat(windows, op: Op) -> pd.Series:
    if op.stat == "var":
        return windows.var(ddof=op.ddof)
    if op.stat == "std":
        return windows.std(ddof=op.ddof)
    if op.stat == "quantile":
        return windows.quantile(op.q)
    return getattr(windows, op.stat)()


class Frames:
    """The pandas series of one case, built once for all its operations."""

    def __init__(self, x: np.ndarray):
        self.x = x
        self.n = len(x)
        self.s = pd.Series(x)
        self.xf = x.astype(np.float64)
        self.sf = pd.Series(self.xf)
        self.t = gapped(self.n)
        self.full = None
        if self.n:
            self.full = pd.Series(x, index=self.t).reindex(range(int(self.t[0]), int(self.t[-1]) + 1))


def expected(op: Op, f: Frames) -> np.ndarray:
    n, s, xf = f.n, f.s, f.xf
    if op.code in (PCT_PANDAS, RANGE_PCT):
        return s.pct_change(periods=op.a, fill_method=None).to_numpy(np.float64)
    if op.code == PCT_DEFAULT:
        r = s.pct_change(periods=op.a, fill_method=None).to_numpy(np.float64)
        base = f.sf.shift(op.a).to_numpy()
        with np.errstate(invalid="ignore"):
            ok = (base > 0) & np.isfinite(base) & np.isfinite(xf) & np.isfinite(r)
        return np.where(ok, r, np.nan)
    if op.code == PCT_REASONS:
        out = np.full(n, 0.0)
        for i in range(n):
            j = i - op.a
            if 0 <= j < n:
                out[i] = reason_of(float(xf[i]), float(xf[j]))
        return out
    if op.code == CAL_REASONS:
        where = {int(v): i for i, v in enumerate(f.t)}
        out = np.full(n, 0.0)
        for i in range(n):
            j = where.get(int(f.t[i]) - op.a)
            if j is not None:
                out[i] = reason_of(float(xf[i]), float(xf[j]))
        return out
    if op.code == DIFF:
        return s.diff(op.a).to_numpy(np.float64)
    if op.code == SHIFT:
        return s.shift(op.a).to_numpy(np.float64)
    if op.code == CUMSUM:
        return s.cumsum().to_numpy(np.float64)
    if op.code in (CAL_PCT_PANDAS, CAL_DIFF, PERIODS):
        if n == 0:
            return np.zeros(0)
        if op.code == CAL_PCT_PANDAS:
            r = f.full.pct_change(periods=op.a, fill_method=None)
        elif op.code == CAL_DIFF:
            r = f.full.diff(op.a)
        else:
            r = window_stat(f.full.rolling(op.a, min_periods=op.min_periods if op.min_periods >= 0 else 1), op)
        return r.loc[f.t].to_numpy(np.float64)
    if op.code in (ROLLING, RANGE_ROLLING):
        mp = op.a if op.min_periods < 0 else op.min_periods
        return window_stat(f.sf.rolling(op.a, center=op.center, min_periods=mp), op).to_numpy(np.float64)
    if op.code == EXPANDING:
        mp = 1 if op.min_periods < 0 else op.min_periods
        return window_stat(f.sf.expanding(min_periods=mp), op).to_numpy(np.float64)
    raise ValueError(op.code)


def window_of(op: Op, n: int, i: int) -> tuple[int, int]:
    """The positions [lo, hi) of the window of point i."""
    if op.code in (ROLLING, RANGE_ROLLING):
        offset = (op.a - 1) // 2 if op.center else 0
        end = i + offset + 1
        return max(0, end - op.a), min(n, end)
    if op.code in (EXPANDING, CUMSUM):
        return 0, i + 1
    if op.code == PERIODS:
        t = gapped(n)
        lo = i
        while lo > 0 and t[i] - t[lo - 1] < op.a:
            lo -= 1
        return lo, i + 1
    raise ValueError(op.code)


def exact(op: Op, x: np.ndarray, i: int) -> tuple[float, float]:
    """The exact result at point i (rounded once) and its absolute allowance.

    Exact in integers: each value of the window is X * 2^e with X an integer
    and e the smallest exponent among them, so the sums S1 = sum X and
    S2 = sum X^2 are exact and var = (m S2 - S1^2) / (m (m - ddof)) * 2^(2e)."""
    n = len(x)
    lo, hi = window_of(op, n, i)
    stat = "sum" if op.code == CUMSUM else op.stat
    if op.code == CUMSUM and x.dtype.kind == "f" and math.isnan(x[i]):
        return math.nan, 0.0
    window = x[lo:hi]
    if x.dtype.kind == "f":
        window = window[~np.isnan(window)]
    ratios = [float(v).as_integer_ratio() for v in window]  # denominators are powers of 2
    min_periods = op.min_periods if op.min_periods >= 0 else (op.a if op.code in (ROLLING, RANGE_ROLLING) else 1)
    if op.code == CUMSUM:
        min_periods = 0
    m = len(ratios)
    if m < min_periods:
        return math.nan, 0.0
    magnitude = math.fsum(abs(float(v)) for v in window)
    if stat == "sum":
        return math.fsum(float(v) for v in window), 1e-15 * magnitude
    if m == 0:
        return math.nan, 0.0
    if stat == "mean":
        return float(Fraction(sum(Fraction(a, b) for a, b in ratios)) / m), 1e-15 * magnitude / m
    if m <= op.ddof:
        return math.nan, 0.0
    scale = max(b for _, b in ratios)
    ints = [a * (scale // b) for a, b in ratios]
    s1 = sum(ints)
    s2 = sum(v * v for v in ints)
    var = Fraction(m * s2 - s1 * s1, m * (m - op.ddof) * scale * scale)
    return (float(var) if stat == "var" else math.sqrt(float(var))), 0.0


def matches(got: np.ndarray, want: np.ndarray, rtol: float, atol) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        nan_both = np.isnan(got) & np.isnan(want)
        inf_any = np.isinf(got) | np.isinf(want)
        finite = ~np.isnan(got) & ~np.isnan(want) & ~inf_any
        close = np.abs(got - want) <= rtol * np.maximum(np.abs(got), np.abs(want)) + atol
    return nan_both | (inf_any & (got == want)) | (finite & close)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    driver = sys.argv[1]
    cases = generate_cases()
    results = run_raw_driver(driver, cases, OPS)
    if results is None:
        print("conformance transforms: the driver failed")
        return 1

    checker = Checker("transforms")
    exact_points = 0
    pandas_drift = 0
    at = 0
    warnings.simplefilter("ignore")
    for case in cases:
        n = len(case.x)
        frames = Frames(case.x)
        checker.cases += 1
        for op in OPS:
            got = results[at:at + n]
            at += n
            want = expected(op, frames)
            ok = matches(got, want, checker.rtol, 0.0)
            checker.comparisons += n
            stat = "cumsum" if op.code == CUMSUM else op.stat
            accumulating = op.code in (ROLLING, RANGE_ROLLING, EXPANDING, PERIODS, CUMSUM) and stat in ACCUMULATING
            for i in np.flatnonzero(~ok):
                i = int(i)
                if accumulating:
                    reference, atol = exact(op, case.x, i)
                    exact_points += 1
                    if matches(np.array([got[i]]), np.array([reference]), checker.rtol, atol)[0]:
                        pandas_drift += 1
                        continue
                    want_i = f"{reference!r} (exact; pandas {want[i]!r})"
                else:
                    want_i = repr(float(want[i]))
                checker.mismatches.append(
                    f"case {case.id} [{case.kind}, n={n}] {op.name} at {i}: tally {float(got[i])!r}, expected {want_i}")
    if at != len(results):
        checker.mismatches.append(f"the driver wrote {len(results)} values, {at} expected")
    print(f"  ({len(OPS)} operations a case; {exact_points} points of accumulating operations where pandas "
          f"drifted beyond rtol were checked against the exact reference, {pandas_drift} of them agreeing)")
    return checker.exit_code(show=int(os.environ.get("TALLY_CONFORMANCE_SHOW", "10")))


if __name__ == "__main__":
    sys.exit(main())
