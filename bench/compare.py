#!/usr/bin/env python3
"""bench/compare.py: tally against pandas and numpy, in one run.

    cmake --workflow --preset bench      # builds the drivers and runs this

or by hand, with a Python that has pandas and numpy:

    python3 bench/compare.py --driver build/bench/bench/tally_compare [--driver-o2 ...]
        [--driver-native ...] [--cxx g++ --include include] [--repeat 7] [--smoke]

The script writes seeded data (float64, little-endian) to a temporary
directory; the C++ driver reads those bytes and numpy/pandas use the very
same array, and both sides print a hash of the data to show it. Every
operation is run --repeat times and the minimum is reported. Each tally
operation runs in its own process under /usr/bin/time -v, which gives its
peak resident set size. numpy and pandas run in one child process whose
environment lacks OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE.

The "copy" rows are the memory-bound limit, timed in the driver: n doubles
read and written to a new buffer allocated as tally's results are, huge
pages advised as numpy does for its arrays ("copy"), or to a buffer written
before ("copy_warm"). A kernel that returns a new vector is measured against the
first, one that writes into the caller's buffer against the second. An
operation that returns a series is measured against "copy_series": a new
series made of copies of the int32 times and the values (12 bytes a value
read and written, where "copy" moves 8).

The tally columns: "tally" is the driver as built (the build type's flags);
"tally hugepage" runs the same binary with glibc's malloc asked to back
large blocks with transparent huge pages (GLIBC_TUNABLES=glibc.malloc.hugetlb=1),
which is what numpy does for its own arrays; "-O2" and "native" are the
drivers built with -O2 and with -march=native.
"""

import argparse
import json
import math
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from fractions import Fraction

HUGEPAGE_ENV = {"GLIBC_TUNABLES": "glibc.malloc.hugetlb=1"}
OPENBLAS_VARIABLES = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")

# ---------------------------------------------------------------------------
# The operations. data: which file the operation reads ("main": n values,
# "window": the first n_window values, "construct": n_construct values with
# shuffled times). held: bytes per value the driver holds besides the values
# it read before timing starts (the series of the calendar operations: int
# times and a copy of the values; the caller's output buffer of the _warm and
# _span operations), and out: bytes per value of the result (values and, for a
# series, its times); both for the memory table. numpy/pandas: expressions
# over a (ndarray) and s (Series); None where the library has no such
# operation. Targets: see TARGETS.
# ---------------------------------------------------------------------------

OPERATIONS = [
    # name, data, held, out, numpy, pandas
    ("copy", "main", 0, 8, "a.copy()", "s.copy()"),
    ("copy_warm", "main", 8, 0, "np.copyto(warm, a)", None),
    ("copy_series", "main", 12, 12, None, "si.copy()"),
    ("pct_change_span", "main", 8, 0, "np.subtract(np.divide(a[1:], a[:-1], out=warm[1:]), 1, out=warm[1:])", None),
    ("pct_change_vector", "main", 0, 8, "a[1:] / a[:-1] - 1", "s.pct_change()"),
    ("pct_change_calendar", "main", 12, 12, "a[1:] / a[:-1] - 1", "si.pct_change()"),
    ("pct_change_by_observation", "main", 12, 12, "a[1:] / a[:-1] - 1", "si.pct_change()"),
    ("diff_vector", "main", 0, 8, "np.diff(a)", "s.diff()"),
    ("diff_calendar", "main", 12, 12, "np.diff(a)", "si.diff()"),
    ("rolling_sum_10", "main", 0, 8, "rolling_cumsum(a, 10)", "s.rolling(10).sum()"),
    ("rolling_sum_1000", "main", 0, 8, "rolling_cumsum(a, 1000)", "s.rolling(1000).sum()"),
    ("rolling_mean_10", "main", 0, 8, "rolling_cumsum(a, 10) / 10", "s.rolling(10).mean()"),
    ("rolling_mean_1000", "main", 0, 8, "rolling_cumsum(a, 1000) / 1000", "s.rolling(1000).mean()"),
    ("rolling_std_10", "main", 0, 8, None, "s.rolling(10).std()"),
    ("rolling_std_1000", "main", 0, 8, None, "s.rolling(1000).std()"),
    ("rolling_min_10", "main", 0, 8, None, "s.rolling(10).min()"),
    ("rolling_min_1000", "main", 0, 8, None, "s.rolling(1000).min()"),
    ("rolling_max_10", "main", 0, 8, None, "s.rolling(10).max()"),
    ("rolling_max_1000", "main", 0, 8, None, "s.rolling(1000).max()"),
    ("rolling_median_1001", "window", 0, 8, None, "s.rolling(1001).median()"),
    ("rolling_quantile_0.9_1001", "window", 0, 8, None, "s.rolling(1001).quantile(0.9)"),
    ("expanding_mean", "main", 0, 8, "np.cumsum(a) / np.arange(1, a.size + 1)", "s.expanding().mean()"),
    ("sum", "main", 0, 0, "np.sum(a)", "s.sum()"),
    ("mean", "main", 0, 0, "np.mean(a)", "s.mean()"),
    ("variance", "main", 0, 0, "np.var(a, ddof=1)", "s.var()"),
    ("median", "main", 0, 0, "np.median(a)", "s.median()"),
    ("quantile_0.9", "main", 0, 0, "np.quantile(a, 0.9)", "s.quantile(0.9)"),
    ("summary", "main", 0, 0, "(a.mean(), np.var(a, ddof=1), a.min(), a.max())[1]",
     "s.agg(['count', 'mean', 'var', 'min', 'max'])['var']"),
    ("summary_merge", "main", 0, 0, None, None),
    # The driver holds the int32 times it read as a vector<int> too.
    ("time_series_unsorted", "construct", 4, 12, "sort_by_time(t, a)", "pd.Series(a, index=t).sort_index()"),
]

# Targets: (kind, factor). "pandas": pandas time / tally >= factor;
# "numpy": numpy / tally >= factor; "copy": tally / copy <= factor (the copy
# row matching the output: copy for a new vector, copy_warm for the span,
# copy_series for a new series, whose times are written too);
# "numpy_sum": tally / numpy's sum time <= factor.
TARGETS = {
    "pct_change_vector": [("pandas", 10), ("numpy", 2.5), ("copy", 1.2)],
    "pct_change_span": [("numpy", 2.5), ("copy", 1.2)],
    "pct_change_calendar": [("pandas", 10), ("numpy", 2.5), ("copy", 1.2)],
    "pct_change_by_observation": [("pandas", 10), ("numpy", 2.5), ("copy", 1.2)],
    "diff_vector": [("copy", 1.2)],
    "diff_calendar": [("copy", 1.2)],
    "rolling_mean_1000": [("pandas", 8)],
    "rolling_std_1000": [("pandas", 8)],
    "rolling_min_1000": [("pandas", 8)],
    "rolling_max_1000": [("pandas", 8)],
    "rolling_median_1001": [("pandas", 3)],
    "median": [("numpy", 1.5)],
    "quantile_0.9": [("numpy", 1.5)],
    "sum": [("numpy_sum", 1.4)],
    "mean": [("numpy_sum", 1.4)],
    "variance": [("numpy_sum", 1.4)],
}

# ---------------------------------------------------------------------------
# Shared helpers (both the parent and the peer child use them)
# ---------------------------------------------------------------------------


def data_hash(np, a):
    """The driver's hash: wrapping sum over 8-byte words w_i of (w_i*K) ^ (w_i >> 29) ^ i."""
    w = a.view(np.uint64)
    k = np.uint64(0x9E3779B97F4A7C15)
    with np.errstate(over="ignore"):
        h = ((w * k) ^ (w >> np.uint64(29)) ^ np.arange(w.size, dtype=np.uint64)).sum(dtype=np.uint64)
    return "%016x" % int(h)


def check_of(np, result):
    """A scalar itself; for a sequence, the sum of its non-NaN values and the NaN count."""
    if result is None:
        return math.nan, 0
    if hasattr(result, "values") and not np.isscalar(result):
        result = result.values
    if isinstance(result, tuple):
        result = result[1]
    arr = np.asarray(result, dtype=np.float64)
    if arr.ndim == 0:
        return float(arr), 0
    nan = np.isnan(arr)
    return float(np.sum(arr[~nan], dtype=np.longdouble)), int(nan.sum())


# ---------------------------------------------------------------------------
# The peer child: numpy and pandas
# ---------------------------------------------------------------------------


def run_peers(args):
    import numpy as np
    import pandas as pd

    files = json.loads(args.peer)
    arrays = {key: np.fromfile(path, dtype=np.float64) for key, path in files.items() if key != "times"}
    times = np.fromfile(files["times"], dtype=np.int32)

    def rolling_cumsum(a, w):
        c = np.cumsum(a)
        out = np.empty_like(a)
        out[: w - 1] = np.nan
        out[w - 1] = c[w - 1]
        out[w:] = c[w:] - c[:-w]
        return out

    def sort_by_time(t, a):
        order = np.argsort(t, kind="stable")
        st = t[order]
        if st.size > 1 and not (st[1:] > st[:-1]).all():
            raise ValueError("repeated time")
        return st, a[order]

    print(json.dumps({"hashes": {key: data_hash(np, a) for key, a in arrays.items()}}), flush=True)
    selected = set(args.ops.split(",")) if args.ops else None
    for name, data, _, _, numpy_expr, pandas_expr in OPERATIONS:
        if selected is not None and name not in selected:
            continue
        a = arrays["main" if data != "window" and data != "construct" else data]
        t = times if data == "construct" else None
        env = {"np": np, "pd": pd, "a": a, "t": t, "rolling_cumsum": rolling_cumsum, "sort_by_time": sort_by_time}
        if data != "construct":
            env["s"] = pd.Series(a)
            env["si"] = pd.Series(a, index=np.arange(a.size))
            env["warm"] = np.empty_like(a)
            env["warm"][:] = 0
        record = {"op": name}
        for library, expr in (("numpy", numpy_expr), ("pandas", pandas_expr)):
            if expr is None:
                continue
            code = compile(expr, name, "eval")
            best = math.inf
            result = None
            for r in range(args.repeat):
                start = time.perf_counter()
                result = eval(code, env)
                best = min(best, time.perf_counter() - start)
                if r == 0:
                    check = check_of(np, result)
                del result
            record[library] = {"seconds_min": best, "check": check[0], "nan_count": check[1]}
        print(json.dumps(record), flush=True)
    return 0


# ---------------------------------------------------------------------------
# The parent
# ---------------------------------------------------------------------------


def write_data(np, directory, n, n_window, n_construct, seed):
    """Seeded data: values uniform in [50, 150) (positive, so every change
    exists), the first n_window of them for the window statistics, and for
    the construction of a series n_construct values with the times
    0..n_construct-1 in random order. Plus two ill-conditioned sets for the
    accuracy table."""
    rng = np.random.default_rng(seed)
    files = {}

    def save(key, array):
        path = os.path.join(directory, key + (".i32" if array.dtype == np.int32 else ".f64"))
        array.tofile(path)
        files[key] = path

    main = rng.uniform(50.0, 150.0, n)
    save("main", main)
    save("window", main[:n_window].copy())
    save("construct", main[:n_construct].copy())
    save("times", rng.permutation(n_construct).astype(np.int32))
    # Cancelling: pairs x, -x(1 + tiny) at magnitudes from 1e-3 to 1e9,
    # shuffled; the sum is tiny next to the sum of magnitudes.
    k = max(n_window // 2, 1)
    x = rng.standard_normal(k) * 10.0 ** rng.uniform(-3, 9, k)
    cancelling = np.concatenate([x, -x * (1 + rng.standard_normal(k) * 1e-12)])
    rng.shuffle(cancelling)
    save("cancelling", cancelling)
    # Offset: a large mean and a small spread (1e9 + U[0, 1)).
    save("offset", 1e9 + rng.uniform(0.0, 1.0, n_window))
    return files


def exact_statistics(values):
    """The exact sum, mean and sample variance (ddof 1) of float64 values,
    rounded once to double: every value is an integer times 2^-e, so all
    sums are taken in Python integers over a common power of two."""
    ratios = [v.as_integer_ratio() for v in values]
    scale = max(den for _, den in ratios)
    ints = [num * (scale // den) for num, den in ratios]
    n = len(ints)
    s1 = sum(ints)
    s2 = sum(i * i for i in ints)
    return {
        "sum": float(Fraction(s1, scale)),
        "mean": float(Fraction(s1, scale * n)),
        "variance": float(Fraction(n * s2 - s1 * s1, n * (n - 1) * scale * scale)),
    }


def run_driver(driver, files, op, data, repeat, extra_env=None):
    """One tally operation in its own process, under /usr/bin/time -v when
    there is one. Returns the driver's JSON record plus peak_rss_kib."""
    command = [driver, "--data", files[data], "--op", op, "--repeat", str(repeat)]
    if data == "construct":
        command += ["--times", files["times"]]
    time_program = shutil.which("time", path="/usr/bin")
    if time_program:
        command = [time_program, "-v"] + command
    env = dict(os.environ)
    env.update(extra_env or {})
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(command), done.stderr.strip()))
    record = json.loads(done.stdout.strip().splitlines()[-1])
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    record["peak_rss_kib"] = int(found.group(1)) if found else None
    return record


def compile_seconds(cxx, include, source, repeat):
    """The least CPU time (user + system, of the compiler and its children)
    of `repeat` compilations: less disturbed by other work than wall time."""
    best = math.inf
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([cxx, "-std=c++20", "-O0", "-I", include, "-c", source, "-o", os.devnull], check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(best, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return best


def outside_headers(cxx, include, source):
    """The headers from outside tally that tally's headers include directly,
    as the preprocessor found them (so conditional includes count only when
    taken): from the include tree that `cxx -H` prints."""
    done = subprocess.run([cxx, "-std=c++20", "-O0", "-I", include, "-E", "-H", source, "-o", os.devnull],
                          capture_output=True, text=True, check=True)
    root = os.path.realpath(include)
    stack = [os.path.realpath(source)]
    found = []
    for line in done.stderr.splitlines():
        match = re.match(r"^(\.+) (.+)$", line)
        if not match:
            continue
        depth, path = len(match.group(1)), os.path.realpath(match.group(2))
        del stack[depth:]
        parent = stack[-1]
        stack.append(path)
        from_tally = parent.startswith(root + os.sep) or parent == os.path.realpath(source)
        if from_tally and not path.startswith(root + os.sep) and path not in found:
            found.append(path)
    # Spelled as the tally headers spell them (<vector>, <fmt/format.h>): the
    # path relative to the longest search directory that holds it.
    probe = subprocess.run([cxx, "-std=c++20", "-E", "-v", "-x", "c++", os.devnull], capture_output=True,
                           text=True, check=True).stderr
    search = probe.split("#include <...> search starts here:")[-1].split("End of search list.")[0].split()
    search = sorted((os.path.realpath(d) for d in search), key=len, reverse=True)
    names = []
    for path in found:
        directory = next((d for d in search if path.startswith(d + os.sep)), None)
        names.append(os.path.relpath(path, directory) if directory else path)
    return names


def fmt_seconds(s):
    if s is None:
        return "—"
    if s >= 1:
        return "%.2f s" % s
    return "%.2f ms" % (s * 1e3) if s >= 1e-3 else "%.1f µs" % (s * 1e6)


def fmt_ratio(r):
    return "—" if r is None else ("%.1fx" % r if r >= 10 else "%.2fx" % r)


def close(a, b, rel=1e-6):
    return a == b or abs(a - b) <= rel * max(abs(a), abs(b), 1e-300)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--driver", help="tally_compare, built with the build type's flags")
    parser.add_argument("--driver-o2", help="tally_compare_o2 (-O2)")
    parser.add_argument("--driver-native", help="tally_compare_native (-march=native)")
    parser.add_argument("--cxx", help="the compiler for the compile-time row (skipped without it)")
    parser.add_argument("--include", help="tally's include directory, for the compile-time row")
    parser.add_argument("--n", type=int, default=10_000_000, help="values (default 10^7)")
    parser.add_argument("--n-window", type=int, default=1_000_000, help="values for rolling median/quantile")
    parser.add_argument("--n-construct", type=int, default=1_000_000, help="points for building a series")
    parser.add_argument("--repeat", type=int, default=7, help="repetitions; the minimum is reported")
    parser.add_argument("--seed", type=int, default=20190101)
    parser.add_argument("--ops", help="comma-separated operations (default: all)")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one repetition: checks that it runs")
    parser.add_argument("--json", help="also write every measurement to this file")
    parser.add_argument("--short-table", help="also write a short table (the README's) to this file")
    parser.add_argument("--compile-breakdown", action="store_true",
                        help="also time a translation unit per public header")
    parser.add_argument("--write-data", metavar="DIR",
                        help="only write the data files (main.f64, window.f64, ...) to DIR, for profiling the driver")
    parser.add_argument("--peer", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.peer:
        return run_peers(args)
    if args.write_data:
        import numpy as np

        os.makedirs(args.write_data, exist_ok=True)
        for key, path in write_data(np, args.write_data, args.n, args.n_window, args.n_construct, args.seed).items():
            print(key, path)
        return 0
    if not args.driver:
        parser.error("--driver is required")
    if args.smoke:
        args.n, args.n_window, args.n_construct, args.repeat = 20_000, 5_000, 5_000, 1

    import numpy as np

    selected = set(args.ops.split(",")) if args.ops else None
    available = set(subprocess.run([args.driver, "--list"], capture_output=True, text=True, check=True).stdout.split())
    operations = [op for op in OPERATIONS if (selected is None or op[0] in selected)]

    with tempfile.TemporaryDirectory(prefix="tally-compare-") as directory:
        files = write_data(np, directory, args.n, args.n_window, args.n_construct, args.seed)
        hashes = {key: data_hash(np, np.fromfile(path, dtype=np.float64)) for key, path in files.items() if key != "times"}

        # numpy and pandas, in a child without the OpenBLAS settings.
        peer_env = {k: v for k, v in os.environ.items() if k not in OPENBLAS_VARIABLES}
        peer_command = [sys.executable, os.path.abspath(__file__), "--peer", json.dumps(files),
                        "--repeat", str(args.repeat)] + (["--ops", args.ops] if args.ops else [])
        peer_lines = subprocess.run(peer_command, capture_output=True, text=True, env=peer_env, check=True).stdout
        peer_records = [json.loads(line) for line in peer_lines.splitlines() if line.strip()]
        peer_hashes = peer_records[0]["hashes"]
        peers = {r["op"]: r for r in peer_records[1:]}
        if peer_hashes != {k: hashes[k] for k in peer_hashes}:
            raise RuntimeError("numpy read other bytes than were written")

        # tally, one process per operation and build.
        columns = [("tally", args.driver, None), ("tally hugepage", args.driver, HUGEPAGE_ENV)]
        if args.driver_o2:
            columns.append(("-O2 hugepage", args.driver_o2, HUGEPAGE_ENV))
        if args.driver_native:
            columns.append(("native hugepage", args.driver_native, HUGEPAGE_ENV))
        tally = {}
        for name, data, _, _, _, _ in operations:
            if name not in available:
                continue
            for column, driver, env in columns:
                record = run_driver(driver, files, name, data, args.repeat, env)
                if record["hash_before"] != hashes[data] or record["hash_after"] != hashes[data]:
                    raise RuntimeError("%s: the driver saw other bytes, or changed them" % name)
                tally[(name, column)] = record
        loads = {data: run_driver(args.driver, files, "load", data, 1)["peak_rss_kib"]
                 for data in ("main", "window", "construct")}

        # Accuracy on ill-conditioned data: tally and numpy against the exact value.
        accuracy = []
        for data in ("cancelling", "offset"):
            values = np.fromfile(files[data], dtype=np.float64)
            exact = exact_statistics(values.tolist())
            numpy_values = {"sum": float(np.sum(values)), "mean": float(np.mean(values)),
                            "variance": float(np.var(values, ddof=1))}
            for stat in ("sum", "mean", "variance"):
                if stat not in available:
                    continue
                mine = run_driver(args.driver, files, stat, data, 1)["check"]
                accuracy.append((data, stat, exact[stat], mine, numpy_values[stat]))

    # Compile time of the umbrella header against its standard headers.
    compile_row = None
    if args.cxx and args.include and not args.smoke:
        with tempfile.TemporaryDirectory(prefix="tally-compile-") as directory:
            with_tally = os.path.join(directory, "with_tally.cpp")
            with_std = os.path.join(directory, "with_std.cpp")
            with open(with_tally, "w", encoding="utf-8") as f:
                f.write("#include <tally/tally.hpp>\nint main() {}\n")
            with open(with_std, "w", encoding="utf-8") as f:
                headers = outside_headers(args.cxx, args.include, with_tally)
                f.write("".join("#include <%s>\n" % h for h in headers) + "int main() {}\n")
            compile_row = (compile_seconds(args.cxx, args.include, with_tally, 5),
                           compile_seconds(args.cxx, args.include, with_std, 5), [])
            if args.compile_breakdown:
                for header in sorted(os.listdir(os.path.join(args.include, "tally"))):
                    if not header.endswith(".hpp"):
                        continue
                    one = os.path.join(directory, "one.cpp")
                    with open(one, "w", encoding="utf-8") as f:
                        f.write("#include <tally/%s>\nint main() {}\n" % header)
                    compile_row[2].append((header, compile_seconds(args.cxx, args.include, one, 3)))

    report(args, operations, tally, peers, columns, loads, accuracy, compile_row)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"tally": {"%s|%s" % k: v for k, v in tally.items()}, "peers": peers,
                       "accuracy": accuracy, "compile": compile_row, "loads": loads}, f, indent=1)
    return 0


def report(args, operations, tally, peers, columns, loads, accuracy, compile_row):
    print("tally vs pandas %s / numpy %s; n = %s (window statistics %s, construction %s); "
          "minimum of %d runs; %s, %d cpus, load average %s"
          % (peer_version("pandas"), peer_version("numpy"), f"{args.n:,}", f"{args.n_window:,}",
             f"{args.n_construct:,}", args.repeat, platform.machine(), os.cpu_count(),
             " ".join("%.2f" % x for x in os.getloadavg())))
    print()
    head = ["operation"] + [c[0] for c in columns] + ["pandas", "numpy", "pandas/tally", "numpy/tally",
                                                     "tally/copy", "target (tally column)", "target (tally hugepage column)"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    mismatches = []
    numpy_sum = (peers.get("sum", {}).get("numpy") or {}).get("seconds_min")
    for name, data, _, out, _, _ in operations:
        if (name, "tally") not in tally and name not in peers:
            continue
        record = tally.get((name, "tally"))
        mine = record["seconds_min"] if record else None
        pandas = (peers.get(name, {}).get("pandas") or {}).get("seconds_min")
        numpy = (peers.get(name, {}).get("numpy") or {}).get("seconds_min")
        copy_name = copy_row_for(name)
        copy = tally.get((copy_name, "tally"), {}).get("seconds_min") if data == "main" else None
        row = [name] + [fmt_seconds(tally.get((name, c[0]), {}).get("seconds_min")) for c in columns]
        row += [fmt_seconds(pandas), fmt_seconds(numpy),
                fmt_ratio(pandas / mine if pandas and mine else None),
                fmt_ratio(numpy / mine if numpy and mine else None),
                fmt_ratio(mine / copy if mine and copy and (out or name.endswith("_span")) and not name.startswith("copy")
                          else None)]
        row.append(verdicts_for(name, mine, pandas, numpy, copy, numpy_sum))
        hugepage = tally.get((name, "tally hugepage"), {}).get("seconds_min")
        copy_hugepage = tally.get((copy_name, "tally hugepage"), {}).get("seconds_min") if data == "main" else None
        row.append(verdicts_for(name, hugepage, pandas, numpy, copy_hugepage, numpy_sum))
        print("| " + " | ".join(row) + " |")
        for library in ("numpy", "pandas"):
            peer = peers.get(name, {}).get(library)
            if record and peer and name not in ("copy_warm", "pct_change_span"):
                if not close(record["check"], peer["check"], 1e-6):
                    mismatches.append("%s: tally %.17g, %s %.17g" % (name, record["check"], library, peer["check"]))
    if args.short_table:
        write_short_table(args.short_table, tally, peers)
    if mismatches:
        print("\nResults that differ from the peers' (sum of the non-NaN values):")
        for m in mismatches:
            print("  " + m)

    print("\nPeak resident set size of each tally process (one with only the %s input values read: %s MiB)"
          % (f"{args.n:,}", fmt_mib(loads["main"])))
    print()
    print("| operation | peak RSS | input + held + output | beyond that |")
    print("|---|---|---|---|")
    sizes = {"main": args.n, "window": args.n_window, "construct": args.n_construct}
    for name, data, held, out, _, _ in operations:
        record = tally.get((name, "tally"))
        if not record or record.get("peak_rss_kib") is None:
            continue
        expected_kib = loads[data] + (held + out) * sizes[data] / 1024
        extra = record["peak_rss_kib"] - expected_kib
        print("| %s | %s MiB | %s MiB | %+.1f MiB (%+.0f%% of the input) |"
              % (name, fmt_mib(record["peak_rss_kib"]), fmt_mib(expected_kib), extra / 1024,
                 100 * extra / (sizes[data] * 8 / 1024)))

    if accuracy:
        print("\nAccuracy on ill-conditioned data (%s values; relative error against the exact value)" % f"{args.n_window:,}")
        print()
        print("| data | statistic | exact | tally error | numpy error | tally no worse (within 2 ulp) |")
        print("|---|---|---|---|---|---|")
        for data, stat, exact, mine, theirs in accuracy:
            err_mine = abs(mine - exact) / abs(exact) if exact else abs(mine)
            err_theirs = abs(theirs - exact) / abs(exact) if exact else abs(theirs)
            # Within 2 units in the last place of numpy's error counts as a tie.
            print("| %s | %s | %.17g | %.2e | %.2e | %s |" % (data, stat, exact, err_mine, err_theirs,
                                                             "yes" if err_mine <= err_theirs + 4.5e-16 else "NO"))

    if compile_row:
        t, s, breakdown = compile_row
        print("\nCompile time (CPU seconds), %s -O0 -c, minimum of 5: #include <tally/tally.hpp> %.2f s; "
              "its standard headers alone %.2f s; ratio %.2fx (target <= 1.25x: %s)"
              % (os.path.basename(args.cxx), t, s, t / s, "met" if t / s <= 1.25 else "MISSED"))
        if breakdown:
            print()
            print("| header alone | CPU seconds | over the standard headers of tally.hpp |")
            print("|---|---|---|")
            for header, seconds in breakdown:
                print("| %s | %.2f | %+.2f |" % (header, seconds, seconds - s))


SHORT_TABLE = [
    ("pct_change (into the caller's buffer)", "pct_change_span"),
    ("pct_change (into a new vector)", "pct_change_vector"),
    ("pct_change (calendar, on a series)", "pct_change_calendar"),
    ("diff (into a new vector)", "diff_vector"),
    ("rolling mean, window 1,000", "rolling_mean_1000"),
    ("rolling std, window 1,000", "rolling_std_1000"),
    ("rolling max, window 1,000", "rolling_max_1000"),
    ("rolling median, window 1,001 (10^6)", "rolling_median_1001"),
    ("median", "median"),
    ("quantile(0.9)", "quantile_0.9"),
    ("sum", "sum"),
    ("variance", "variance"),
]


def copy_row_for(name):
    """The copy row an operation is measured against: the one that reads and
    writes the bytes it does (a span written before, a new vector, or a new
    series: its times and values)."""
    if name.endswith("_span") or name == "copy_warm":
        return "copy_warm"
    if name == "copy_series" or name.endswith("_calendar") or name.endswith("_by_observation"):
        return "copy_series"
    return "copy"


def verdicts_for(name, mine, pandas, numpy, copy, numpy_sum):
    """The targets of TARGETS for one column: "met (ratio)" or "MISSED (ratio)" each."""
    verdicts = []
    for kind, factor in TARGETS.get(name, []):
        value = {"pandas": pandas / mine if pandas and mine else None,
                 "numpy": numpy / mine if numpy and mine else None,
                 "copy": mine / copy if mine and copy else None,
                 "numpy_sum": mine / numpy_sum if mine and numpy_sum else None}[kind]
        if value is None:
            verdicts.append("%s: not measured" % kind)
            continue
        met = value <= factor if kind in ("copy", "numpy_sum") else value >= factor
        label = {"pandas": ">= %gx faster than pandas", "numpy": ">= %gx faster than numpy",
                 "copy": "<= %gx the copy", "numpy_sum": "<= %gx numpy's sum"}[kind] % factor
        verdicts.append("%s: %s (%s)" % (label, "met" if met else "MISSED", fmt_ratio(value)))
    return "; ".join(verdicts)


def write_short_table(path, tally, peers):
    """The README's table: tally's two malloc settings against pandas and numpy."""
    lines = ["| 10^7 doubles unless said | tally | tally, huge-page malloc | pandas 1.5 | numpy 1.24 |",
             "|---|---|---|---|---|"]
    for label, name in SHORT_TABLE:
        plain = tally.get((name, "tally"), {}).get("seconds_min")
        huge = tally.get((name, "tally hugepage"), {}).get("seconds_min")
        pandas = (peers.get(name, {}).get("pandas") or {}).get("seconds_min")
        numpy = (peers.get(name, {}).get("numpy") or {}).get("seconds_min")
        lines.append("| %s | %s | %s | %s | %s |" % (label, fmt_seconds(plain), fmt_seconds(huge),
                                                   fmt_seconds(pandas), fmt_seconds(numpy)))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def fmt_mib(kib):
    return "—" if kib is None else "%.0f" % (kib / 1024)


def peer_version(name):
    try:
        module = __import__(name)
        return module.__version__
    except ImportError:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
