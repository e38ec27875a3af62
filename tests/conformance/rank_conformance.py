#!/usr/bin/python3
"""tally/rank.hpp against pandas' Series.rank.

usage: rank_conformance.py <path to the conformance_ewm driver, which also ranks>

Cases: the series of pandas' own tests (pandas/tests/series/methods/
test_rank.py, each named after its test), the 1,200 seeded random cases of
conformance_common.generate_cases (many ties among small integers, NaN
gaps) and the 400 cases of ewm_conformance.special_cases (+-inf, +-0, NaN
runs, tiny and huge magnitudes). Every method (average, min, max, first,
dense), ascending and descending, with and without pct, over a std::vector
and over a time_series, against pandas' rank(method, ascending, pct,
na_option='keep'); rtol 1e-9 (ranks are exact in both, so they agree to the
last bit).
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from conformance_common import Case, generate_cases
from ewm_conformance import run_all, special_cases

METHODS = ["average", "min", "max", "first", "dense"]
RANK_RANGE, RANK_SERIES = 4, 5


class RankOp:
    def __init__(self, code, method, ascending=True, pct=False):
        self.code, self.method, self.ascending, self.pct = code, method, ascending, pct

    @property
    def name(self) -> str:
        where = "range" if self.code == RANK_RANGE else "series"
        return f"rank(method={self.method}, ascending={self.ascending}, pct={self.pct}) [{where}]"

    def params(self) -> list[float]:
        return [self.code, METHODS.index(self.method), 1.0 if self.ascending else 0.0, 1.0 if self.pct else 0.0]


OPS = [RankOp(RANK_RANGE, m, a, p) for m in METHODS for a in (True, False) for p in (False, True)]
OPS += [RankOp(RANK_SERIES, m) for m in METHODS]


def expected(op: RankOp, x: np.ndarray) -> np.ndarray:
    r = pd.Series(x).rank(method=op.method, ascending=op.ascending, pct=op.pct, na_option="keep")
    return r.to_numpy(np.float64)


def pandas_cases() -> list[Case]:
    """The series of pandas/tests/series/methods/test_rank.py, by test name."""
    inf, nan = np.inf, np.nan
    named = [
        ("test_rank_tie_methods (ser fixture)", [1, 3, 4, 2, nan, 2, 1, 5, nan, 3]),
        ("test_rank_tie_methods_on_infs_nans", [-inf] * 3 + [nan] * 3 + [inf] * 3),
        ("test_rank_desc_mix_nans_infs", [1, nan, inf, -inf, 25]),
        ("test_rank_dense_pct etc. ([1])", [1]),
        ("test_rank_dense_pct etc. ([1, 2])", [1, 2]),
        ("test_rank_dense_pct etc. ([2, 2])", [2, 2]),
        ("test_rank_dense_pct etc. ([1, 2, 3])", [1, 2, 3]),
        ("test_rank_dense_pct etc. ([1, 2, 2])", [1, 2, 2]),
        ("test_rank_dense_pct etc. ([4, 2, 1])", [4, 2, 1]),
        ("test_rank_dense_pct etc. ([1, 1, 5, 5, 3])", [1, 1, 5, 5, 3]),
        ("test_rank_dense_pct etc. ([1, 1, 3, 3, 5, 5])", [1, 1, 3, 3, 5, 5]),
        ("test_rank_dense_pct etc. ([-5, -4, -3, -2, -1])", [-5, -4, -3, -2, -1]),
        ("test_rank_descending / test_rank_int", [1, 3, 4, 2, nan, 2, 1, 5, nan, 3]),
        ("test_pct_max_many_rows (2**12 rows)", list(range(2 ** 12))),
    ]
    rng = np.random.default_rng(19538)
    xs = rng.standard_normal(9)
    xs = np.concatenate([xs[i:] for i in range(0, 9, 2)])
    rng.shuffle(xs)
    named += [("test_rank_methods_series (+0)", xs), ("test_rank_methods_series (+1e6)", xs + 1e6),
              ("test_rank_methods_series (*1e-6)", xs * 1e-6)]
    return [Case(100000 + i, name, np.asarray(v, dtype=np.float64), np.asarray(v, dtype=np.float64))
            for i, (name, v) in enumerate(named)]


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    cases = pandas_cases() + generate_cases() + special_cases()
    return run_all("rank", sys.argv[1], OPS, cases, expected)


if __name__ == "__main__":
    sys.exit(main())
