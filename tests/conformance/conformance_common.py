"""Shared machinery for tally's differential tests against numpy/pandas.

A conformance test is three steps:

1. generate_cases(): seeded random cases (lengths 0..500; normal values,
   integers, NaN gaps, zeros, negatives, ties), each an x array and a y
   array of the same length.
2. write_cases() writes them to a text file that the C++ driver reads, and
   run_driver() runs the driver and parses what it prints.
3. A Checker compares each of tally's results with the expected one and
   prints the one-line summary; exit with checker.exit_code().

The case file format (one record per line, space-separated tokens):

    param <name> <value> <value> ...        driver parameters, e.g. param q ...
    case <id> <dtype> <n> <x1..xn> <y1..yn> dtype is f64 or i64

f64 values are written with float.hex() (exact; "nan", "inf", "-inf" for the
non-finite ones), i64 values in decimal. std::strtod and std::stoll read them
back exactly.

The driver prints one line per case:

    <id> <key>=<value> <key>=<value> ...

where a value is a hex float (printf "%a"), or "undefined" / "invalid" when
tally threw tally::undefined_result / tally::invalid_argument. Expected
values use the same two words for the cases where tally's documented
contract is to throw (where numpy/pandas give NaN or raise).
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass

import numpy as np

UNDEFINED = "undefined"
INVALID = "invalid"


@dataclass
class Case:
    id: int
    kind: str
    x: np.ndarray  # float64 or int64
    y: np.ndarray  # same dtype and length as x

    @property
    def is_float(self) -> bool:
        return self.x.dtype.kind == "f"


# --- generation ---------------------------------------------------------------


def _length(rng: np.random.Generator) -> int:
    r = rng.random()
    if r < 0.25:
        return int(rng.integers(0, 6))  # the edges: empty, one, two, ...
    if r < 0.5:
        return int(rng.integers(6, 40))
    return int(rng.integers(40, 501))


def _floats(rng: np.random.Generator, kind: str, n: int) -> np.ndarray:
    if kind == "normal":
        loc = rng.choice([0.0, 1.0, -50.0, 1e3, 1e9, -1e6])
        scale = rng.choice([1.0, 1e-3, 100.0, 0.5])
        return rng.normal(loc, scale, n)
    if kind == "nan_gaps":
        x = rng.normal(rng.choice([0.0, 10.0, -3.0]), rng.choice([1.0, 5.0]), n)
        fraction = rng.choice([0.05, 0.3, 0.9, 1.0])
        x[rng.random(n) < fraction] = np.nan
        return x
    if kind == "zeros":
        x = np.zeros(n)
        some = rng.random(n) < rng.choice([0.0, 0.1, 0.5])
        x[some] = rng.normal(0.0, 2.0, int(some.sum()))
        return x
    if kind == "negatives":
        return -np.abs(rng.normal(5.0, 3.0, n))
    if kind == "positive":
        return rng.lognormal(rng.choice([0.0, 3.0, -2.0]), rng.choice([0.1, 1.0]), n)
    if kind == "ties":  # small integers stored as floats: many equal values
        x = rng.integers(-3, 4, n).astype(np.float64)
        if rng.random() < 0.3 and n:
            x[rng.random(n) < 0.2] = np.nan
        return x
    raise ValueError(kind)


FLOAT_KINDS = ["normal", "nan_gaps", "zeros", "negatives", "positive", "ties"]
INT_KINDS = ["int_wide", "int_narrow", "int_positive"]


def _ints(rng: np.random.Generator, kind: str, n: int) -> np.ndarray:
    if kind == "int_wide":
        return rng.integers(-1000, 1001, n, dtype=np.int64)
    if kind == "int_narrow":
        return rng.integers(0, 6, n, dtype=np.int64)
    if kind == "int_positive":
        return rng.integers(1, 100_000, n, dtype=np.int64)
    raise ValueError(kind)


def _partner(rng: np.random.Generator, x: np.ndarray, is_float: bool) -> np.ndarray:
    """A y for x: correlated, anti-correlated, independent or constant."""
    n = len(x)
    mode = rng.choice(["linear", "independent", "constant"], p=[0.6, 0.35, 0.05])
    if not is_float:
        if mode == "constant":
            return np.full(n, 7, dtype=np.int64)
        if mode == "independent":
            return rng.integers(-500, 501, n, dtype=np.int64)
        return (x * int(rng.choice([-3, 2])) + rng.integers(-50, 51, n)).astype(np.int64)
    if mode == "constant":
        return np.full(n, 2.5)
    if mode == "independent":
        y = rng.normal(0.0, 1.0, n)
    else:
        finite = x[~np.isnan(x)]
        spread = float(np.std(finite)) if len(finite) > 1 else 1.0
        y = rng.choice([-2.0, 0.5, 3.0]) * x + rng.normal(0.0, spread + 1e-3, n)
    if rng.random() < 0.3 and n:
        y[rng.random(n) < 0.1] = np.nan
    return y


def generate_cases(seed: int = 20240229, count: int = 1200) -> list[Case]:
    """count seeded random cases; the same seed gives the same cases."""
    rng = np.random.default_rng(seed)
    cases = []
    for i in range(count):
        n = _length(rng)
        if rng.random() < 0.7:
            kind = str(rng.choice(FLOAT_KINDS))
            x = _floats(rng, kind, n)
            cases.append(Case(i, kind, x, _partner(rng, x, True)))
        else:
            kind = str(rng.choice(INT_KINDS))
            x = _ints(rng, kind, n)
            cases.append(Case(i, kind, x, _partner(rng, x, False)))
    return cases


# --- the file format and the driver ------------------------------------------


def _token(value, is_float: bool) -> str:
    if not is_float:
        return str(int(value))
    v = float(value)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v.hex()


def write_cases(path: str, cases: list[Case], params: dict[str, list[float]] | None = None) -> None:
    with open(path, "w") as out:
        for name, values in (params or {}).items():
            out.write("param " + name + " " + " ".join(float(v).hex() for v in values) + "\n")
        for c in cases:
            dtype = "f64" if c.is_float else "i64"
            tokens = [_token(v, c.is_float) for v in c.x] + [_token(v, c.is_float) for v in c.y]
            out.write(f"case {c.id} {dtype} {len(c.x)} " + " ".join(tokens) + "\n")


def parse_value(text: str):
    if text in (UNDEFINED, INVALID):
        return text
    if "0x" in text:
        return float.fromhex(text)
    return float(text)  # nan, -nan, inf


def run_driver(driver: str, cases: list[Case], params: dict[str, list[float]] | None = None):
    """Runs the driver on the cases; returns {case id: {key: value}}."""
    with tempfile.TemporaryDirectory(prefix="tally-conformance-") as tmp:
        path = os.path.join(tmp, "cases.txt")
        write_cases(path, cases, params)
        done = subprocess.run([driver, path], capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"the driver {driver} failed with exit code {done.returncode}")
    results = {}
    for line in done.stdout.splitlines():
        tokens = line.split()
        if not tokens:
            continue
        values = {}
        for token in tokens[1:]:
            key, _, text = token.partition("=")
            values[key] = parse_value(text)
        results[int(tokens[0])] = values
    return results



def run_raw_driver(driver: str, cases: list[Case], ops) -> np.ndarray | None:
    """Runs a driver whose operations are case-file parameters (driver.hpp) on
    the cases; returns its results as one array of doubles, or None (after
    writing the driver's errors to stderr) when it failed."""
    params = {f"op{index}": op.params() for index, op in enumerate(ops)}
    with tempfile.TemporaryDirectory(prefix="tally-conformance-") as tmp:
        cases_path = os.path.join(tmp, "cases.txt")
        results_path = os.path.join(tmp, "results.bin")
        write_cases(cases_path, cases, params)
        done = subprocess.run([driver, cases_path, results_path], capture_output=True, text=True)
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
            return None
        return np.fromfile(results_path, dtype="<f8")

# --- comparison ---------------------------------------------------------------


class Checker:
    """Compares results with expected values and keeps the tally.

    Numbers match when |a - b| <= rtol * max(|a|, |b|) + atol; NaN matches
    NaN; "undefined" and "invalid" match only themselves."""

    def __init__(self, name: str, rtol: float = 1e-9):
        self.name = name
        self.rtol = rtol
        self.cases = 0
        self.comparisons = 0
        self.mismatches: list[str] = []

    def same(self, got, expected, atol: float = 0.0) -> bool:
        if isinstance(got, str) or isinstance(expected, str):
            return got == expected
        got, expected = float(got), float(expected)
        if math.isnan(got) or math.isnan(expected):
            return math.isnan(got) and math.isnan(expected)
        if math.isinf(got) or math.isinf(expected):
            return got == expected
        return abs(got - expected) <= self.rtol * max(abs(got), abs(expected)) + atol

    def check(self, case: Case, key: str, got, expected, atol: float = 0.0, source: str = "") -> None:
        self.comparisons += 1
        if not self.same(got, expected, atol):
            where = f" ({source})" if source else ""
            self.mismatches.append(
                f"case {case.id} [{case.kind}, n={len(case.x)}] {key}: tally {got!r}, expected {expected!r}{where}"
            )

    def summary(self) -> str:
        return (f"conformance {self.name}: {self.cases} cases, {self.comparisons} comparisons, "
                f"{len(self.mismatches)} mismatches")

    def exit_code(self, show: int = 10) -> int:
        print(self.summary())
        for line in self.mismatches[:show]:
            print("  " + line)
        if len(self.mismatches) > show:
            print(f"  ... and {len(self.mismatches) - show} more")
        return 1 if self.mismatches else 0


def expected_or(kind: str, fn):
    """fn() unless it raises; then the word for the documented exception."""
    try:
        return fn()
    except Exception:  # noqa: BLE001 - any numpy/pandas refusal
        return kind
