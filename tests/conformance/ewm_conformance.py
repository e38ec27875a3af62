#!/usr/bin/python3
"""tally/ewm.hpp against pandas' Series.ewm.

usage: ewm_conformance.py <path to the conformance_ewm driver>

Cases: the cases of pandas' own tests (pandas/tests/window/test_ewm.py, each
named after its test), the 1,200 seeded random cases of
conformance_common.generate_cases, and 400 seeded random cases with the
values that break kernels (special_cases below: +-inf, +-0, long NaN runs,
magnitudes near 1e-100 and 1e100, values near 1e9 with small spreads).

Every operation in OPS is run by the driver and by pandas 1.5, and each of
the n results compared with rtol 1e-9 (NaN matches NaN, inf only the same
inf): com, span, halflife and alpha, adjust and ignore_na both ways,
min_periods 0, 1, 3 and 10, mean / var / std with and without bias, over
a std::vector and over a time_series; and a halflife in time (pandas'
times=) in days on year_month_day and in periods on integer years, the
times 1, 2, 3, 1, 2, 3, ... days apart.

Where pandas and tally differ beyond rtol, the point is checked against a
50-digit decimal reference with the weights written out (reference below):
pandas' own rounding drifts there (values near 1e9 with a small spread;
pandas' (sum w)^2 - sum w^2 after long NaN runs), and the summary says how
many points needed it. Where tally and pandas differ by design, the
operation is compared with that reference only (docs/ewm.md, "Where tally
differs from pandas"):
  - var/std with a halflife in time: pandas 1.5 ignores times= for var and
    std (it uses com = 1 per row); tally ages the weights by the time;
  - ignore_na=True with a halflife in time: pandas ages the weights only by
    the time since the row before, even when that row is NaN; tally by the
    time between observations.
  - a decay parameter that is infinite (pandas accepts com=inf): tally
    refuses it (tests/ewm_test.cpp), so it is not run here.
"""

from __future__ import annotations

import os
import sys
import math
import warnings
from decimal import Decimal, getcontext

import numpy as np
import pandas as pd

from conformance_common import Case, Checker, generate_cases, run_raw_driver

EWM_RANGE, EWM_SERIES, EWM_DAYS, EWM_PERIODS = 0, 1, 2, 3
DECAYS = ["com", "span", "halflife", "alpha"]
STATS = ["mean", "var", "std"]


class Op:
    def __init__(self, code, decay="com", value=1.0, adjust=True, ignore_na=False, min_periods=0,
                 stat="mean", bias=False):
        self.code, self.decay, self.value, self.adjust = code, decay, value, adjust
        self.ignore_na, self.min_periods, self.stat, self.bias = ignore_na, min_periods, stat, bias

    @property
    def name(self) -> str:
        where = {EWM_RANGE: "range", EWM_SERIES: "series", EWM_DAYS: "times in days",
                 EWM_PERIODS: "times in periods"}[self.code]
        decay = f"halflife={self.value} {'days' if self.code == EWM_DAYS else 'periods'}" \
            if self.code in (EWM_DAYS, EWM_PERIODS) else f"{self.decay}={self.value}"
        return (f"ewm({decay}, adjust={self.adjust}, ignore_na={self.ignore_na}, "
                f"min_periods={self.min_periods}).{self.stat}({'bias=True' if self.bias else ''}) [{where}]")

    def params(self) -> list[float]:
        return [self.code, DECAYS.index(self.decay), self.value, 1.0 if self.adjust else 0.0,
                1.0 if self.ignore_na else 0.0, self.min_periods, STATS.index(self.stat) * 2 + (1 if self.bias else 0)]


OPS: list[Op] = []
for decay, values in (("com", (0.0, 0.5, 2.0, 10.0)), ("span", (1.0, 1.5, 3.0, 20.0)),
                      ("halflife", (0.7, 1.0, 5.0, 50.0)), ("alpha", (0.05, 0.3, 1.0))):
    for v in values:
        OPS.append(Op(EWM_RANGE, decay, v))
        OPS.append(Op(EWM_RANGE, decay, v, adjust=False))
for adjust in (True, False):
    for ignore_na in (True, False):
        for stat in STATS:
            for bias in (False, True):
                OPS.append(Op(EWM_RANGE, "com", 2.0, adjust, ignore_na, 0, stat, bias))
        OPS.append(Op(EWM_RANGE, "alpha", 0.3, adjust, ignore_na, 3, "mean"))
        OPS.append(Op(EWM_RANGE, "span", 20.0, adjust, ignore_na, 10, "std"))
OPS += [Op(EWM_RANGE, "halflife", 50.0, stat="var"), Op(EWM_RANGE, "span", 1.0, stat="var"),
        Op(EWM_RANGE, "alpha", 1.0, stat="std", bias=True), Op(EWM_RANGE, "com", 0.0, stat="var", bias=True)]
OPS += [Op(EWM_SERIES, "span", 10.0), Op(EWM_SERIES, "com", 2.0, stat="var", ignore_na=True),
        Op(EWM_SERIES, "alpha", 0.3, adjust=False, stat="std", min_periods=1)]
OPS += [Op(EWM_DAYS, value=h, min_periods=mp) for h in (0.5, 2.0, 10.0) for mp in (0, 3)]
OPS += [Op(EWM_PERIODS, value=k) for k in (1.0, 4.0)]
# compared with the 50-digit reference only (pandas differs by design)
OPS += [Op(EWM_DAYS, value=2.0, stat="var"), Op(EWM_DAYS, value=10.0, stat="std", bias=True),
        Op(EWM_DAYS, value=2.0, ignore_na=True), Op(EWM_PERIODS, value=4.0, stat="var", ignore_na=True)]


def day_offsets(n: int) -> np.ndarray:
    """As the driver's: gaps of 1, 2 and 3 days in turn."""
    out = np.zeros(n, dtype=np.int64)
    for i in range(1, n):
        out[i] = out[i - 1] + 1 + i % 3
    return out


def expected(op: Op, x: np.ndarray) -> np.ndarray:
    if op.code in (EWM_DAYS, EWM_PERIODS) and (op.stat != "mean" or op.ignore_na):
        return np.array(reference(op, x))  # where pandas differs by design (see above)
    s = pd.Series(x.astype(np.float64))
    if op.code in (EWM_DAYS, EWM_PERIODS):
        times = pd.Timestamp("2000-01-01") + pd.to_timedelta(day_offsets(len(x)), unit="D")
        e = s.ewm(halflife=pd.Timedelta(days=op.value), times=times, adjust=op.adjust, ignore_na=op.ignore_na,
                  min_periods=op.min_periods)
    else:
        e = s.ewm(**{op.decay: op.value}, adjust=op.adjust, ignore_na=op.ignore_na, min_periods=op.min_periods)
    if op.stat == "mean":
        r = e.mean()
    elif op.stat == "var":
        r = e.var(bias=op.bias)
    else:
        r = e.std(bias=op.bias)
    return r.to_numpy(np.float64)


# --- the cases of pandas' own tests -------------------------------------------------

def pandas_cases() -> list[Case]:
    """The series of pandas/tests/window/test_ewm.py, by test name."""
    named = [
        ("test_ewma_cases", [1.0, 2.0, 4.0, 8.0]),
        ("test_ewma_nan_handling (1)", [1.0] + [np.nan] * 5 + [1.0]),
        ("test_ewma_nan_handling (2)", [np.nan] * 2 + [1.0] + [np.nan] * 2 + [1.0]),
        ("test_ewma_nan_handling_cases (1)", [np.nan, 1.0, 101.0]),
        ("test_ewma_nan_handling_cases (2)", [1.0, np.nan, 101.0]),
        ("test_ewma_nan_handling_cases (3)", [np.nan, 1.0, np.nan, np.nan, 101.0, np.nan]),
        ("test_ewma_nan_handling_cases (4)", [1.0, np.nan, 101.0, 50.0]),
        ("test_ewm_sum", [10, 0, np.nan, 10]),
        ("test_ew_empty_series", []),
        ("test_ew_min_periods (one value)", [1.0]),
        ("test_numpy_compat", [2, 4, 6]),
        ("test_ewma_with_times_equal_spacing", [np.nan if i % 2 == 0 else float(i) for i in range(10)]),
        ("test_float_dtype_ewma (row 0)", [0.0, 6.0, 10.0]),
        ("test_float_dtype_ewma (row 4)", [4.0, 10.0, 18.0]),
    ]
    zeros = np.zeros(1000)
    zeros[5] = 1
    named.append(("test_ewma_adjust", zeros))
    rng = np.random.default_rng(10789)
    arr = rng.standard_normal(100)
    arr[10:20] = np.nan
    named.append(("test_ewm_alpha (randn(100) with arr[10:20] = NaN)", arr))
    cases = []
    for i, (name, values) in enumerate(named):
        x = np.asarray(values, dtype=np.float64)
        cases.append(Case(100000 + i, name, x, x.copy()))
    return cases


# --- random cases with the values that break kernels ---------------------------------

SPECIAL_KINDS = ["infinities", "signed_zeros", "nan_runs", "tiny", "huge", "offset"]


def special_cases(seed: int = 20261204, count: int = 400) -> list[Case]:
    rng = np.random.default_rng(seed)
    cases = []
    for i in range(count):
        n = int(rng.choice([0, 1, 2, 3, 7, 30, 120, 400]))
        kind = SPECIAL_KINDS[i % len(SPECIAL_KINDS)]
        x = rng.normal(0.0, 1.0, n)
        if kind == "infinities":
            x[rng.random(n) < 0.1] = np.inf
            x[rng.random(n) < 0.1] = -np.inf
            x[rng.random(n) < 0.1] = np.nan
        elif kind == "signed_zeros":
            x = np.where(rng.random(n) < 0.5, 0.0, -0.0)
            x[rng.random(n) < 0.2] = 1.0
        elif kind == "nan_runs":
            start = 0
            while start < n:
                run = int(rng.integers(1, 30))
                if rng.random() < 0.5:
                    x[start:start + run] = np.nan
                start += run + int(rng.integers(1, 10))
        elif kind == "tiny":
            x = x * 1e-100
        elif kind == "huge":
            x = x * 1e100
        elif kind == "offset":
            x = 1e9 + x * 1e-3
        cases.append(Case(200000 + i, kind, x, x.copy()))
    return cases


# --- the 40-digit reference ----------------------------------------------------------

def decay_factor(op: Op) -> Decimal:
    """1 - alpha in 40 digits, from the parameter as given."""
    v = Decimal(op.value)
    if op.code in (EWM_DAYS, EWM_PERIODS):
        return Decimal(0)  # per step, below
    if op.decay == "com":
        return v / (1 + v)
    if op.decay == "span":
        return (v - 1) / (v + 1)
    if op.decay == "alpha":
        return 1 - v
    return Decimal(2) ** (Decimal(-1) / v)


def reference(op: Op, x: np.ndarray) -> list[float]:
    """The ewm statistic of x with the weights written out, in 50-digit
    decimal arithmetic: each value's weight is 1 when it arrives (alpha with
    adjust=False, after the weights so far are scaled to sum 1) and is
    multiplied by 1 - alpha at every later step (every later value only,
    with ignore_na; by 0.5^(days / halflife) for a halflife in time). Kept
    as the sums W = sum w, X = sum w x, Q = sum w x^2 and V = sum w^2:
    mean = X / W, biased var = Q / W - mean^2 (50 digits leave more than 20
    after the cancellation of values near 1e9 with a spread of 1e-3), and
    the correction W^2 / (W^2 - V), none with fewer than 2 values."""
    getcontext().prec = 50
    n = len(x)
    f = decay_factor(op)
    a = 1 - f
    offsets = day_offsets(n)
    by_time = op.code in (EWM_DAYS, EWM_PERIODS)
    W = X = Q = V = Decimal(0)
    steps: dict[int, Decimal] = {}
    out = []
    seen = 0
    for i in range(n):
        v = float(x[i])
        present = math.isfinite(v)
        if seen and (present or not op.ignore_na or by_time):
            step = f
            if by_time:
                gap = int(offsets[i] - offsets[i - 1])
                if gap not in steps:
                    steps[gap] = Decimal(2) ** (-Decimal(gap) / Decimal(op.value))
                step = steps[gap]
            W, X, Q, V = W * step, X * step, Q * step, V * step * step
        if present:
            d = Decimal(v)
            w = Decimal(1) if op.adjust or not seen else a
            seen += 1
            W, X, Q, V = W + w, X + w * d, Q + w * d * d, V + w * w
            if not op.adjust:
                W, X, Q, V = Decimal(1), X / W, Q / W, V / (W * W)
        if seen < max(op.min_periods, 1):
            out.append(math.nan)
            continue
        mean = X / W
        if op.stat == "mean":
            out.append(float(mean))
            continue
        var = max(Q / W - mean * mean, Decimal(0))
        if not op.bias:
            if seen < 2:
                out.append(math.nan)
                continue
            var = var * W * W / (W * W - V)
        out.append(float(var if op.stat == "var" else var.sqrt()))
    return out


def matches(got: np.ndarray, want: np.ndarray, rtol: float, x: np.ndarray) -> np.ndarray:
    """rtol 1e-9, with an absolute allowance of 1e-15 times the largest
    finite |x| of the case (a mean that cancels to about 0 from values of
    1) and below 1e-300 (subnormal results have fewer digits)."""
    finite = x[np.isfinite(x)] if x.dtype.kind == "f" else x
    atol = max(1e-15 * float(np.max(np.abs(finite))) if len(finite) else 0.0, 1e-300)
    with np.errstate(invalid="ignore"):
        nan_both = np.isnan(got) & np.isnan(want)
        inf_any = np.isinf(got) | np.isinf(want)
        finite_both = ~np.isnan(got) & ~np.isnan(want) & ~inf_any
        close = np.abs(got - want) <= rtol * np.maximum(np.abs(got), np.abs(want)) + atol
    return nan_both | (inf_any & (got == want)) | (finite_both & close)


def run_all(name: str, driver: str, ops, cases, expected_of, reference_of=None) -> int:
    results = run_raw_driver(driver, cases, ops)
    if results is None:
        print(f"conformance {name}: the driver failed")
        return 1
    checker = Checker(name)
    at = 0
    exact_points = pandas_drift = 0
    warnings.simplefilter("ignore")
    for case in cases:
        n = len(case.x)
        checker.cases += 1
        for op in ops:
            got = results[at:at + n]
            at += n
            want = expected_of(op, case.x)
            ok = matches(got, want, checker.rtol, case.x)
            checker.comparisons += n
            bad = np.flatnonzero(~ok)
            if len(bad) and reference_of is not None:
                ref = np.array(reference_of(op, case.x))
                exact_points += len(bad)
                agree = matches(got[bad], ref[bad], checker.rtol, case.x)
                pandas_drift += int(agree.sum())
                bad = bad[~agree]
                for i in bad:
                    checker.mismatches.append(f"case {case.id} [{case.kind}, n={n}] {op.name} at {int(i)}: "
                                              f"tally {float(got[i])!r}, reference {float(ref[i])!r}, "
                                              f"pandas {float(want[i])!r}")
                continue
            for i in bad:
                checker.mismatches.append(f"case {case.id} [{case.kind}, n={n}] {op.name} at {int(i)}: "
                                          f"tally {float(got[i])!r}, pandas {float(want[i])!r}")
    if at != len(results):
        checker.mismatches.append(f"the driver wrote {len(results)} values, {at} expected")
    print(f"  ({len(ops)} operations a case; {sum(1 for c in cases if c.id >= 100000 and c.id < 200000)} cases "
          f"from pandas' tests)")
    if reference_of is not None:
        print(f"  ({exact_points} points where tally and pandas differ beyond rtol were checked against the "
              f"50-digit reference, {pandas_drift} of them agreeing with it)")
    return checker.exit_code(show=int(os.environ.get("TALLY_CONFORMANCE_SHOW", "10")))


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    cases = pandas_cases() + generate_cases() + special_cases()
    return run_all("ewm", sys.argv[1], OPS, cases, expected, reference)


if __name__ == "__main__":
    sys.exit(main())
