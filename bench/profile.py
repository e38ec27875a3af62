#!/usr/bin/env python3
"""bench/profile.py: where the instructions of tally's kernels go.

    python3 bench/profile.py --driver build/bench/bench/tally_compare [--n 100000] [OP ...]

Runs the compare driver under valgrind's callgrind on n values (the data of
compare.py, written to a temporary directory) once per operation, subtracts
the instructions of the "load" operation (reading the data, hashing it),
and prints a table: instructions per input value, and the functions that
execute most of them (exclusive counts). Instruction counts do not depend
on the load of the machine, so the table is the same on a busy one; they do
not show the cost of page faults or cache misses (see bench/README.md).
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

DEFAULT_OPS = [
    "copy_warm", "pct_change_span", "pct_change_vector", "pct_change_calendar", "diff_vector",
    "rolling_sum_1000", "rolling_mean_1000", "rolling_std_1000", "rolling_min_1000", "rolling_max_1000",
    "rolling_median_1001",
    "expanding_mean", "sum", "variance", "median", "quantile_0.9", "summary", "time_series_unsorted",
]


def instructions(driver, files, op, data, out_file):
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out_file, driver,
               "--data", files[data], "--op", op]
    if data == "construct":
        command += ["--times", files["times"]]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return int(re.search(r"Collected : (\d+)", done.stderr).group(1))


def functions(out_file):
    """Exclusive instruction counts by function (templates' arguments elided)."""
    done = subprocess.run(["callgrind_annotate", "--inclusive=no", "--threshold=100", out_file],
                          capture_output=True, text=True, check=True)
    counts = {}
    for line in done.stdout.splitlines():
        match = re.match(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)$", line)
        if not match or "PROGRAM TOTALS" in line:
            continue
        name = re.sub(r"^\S*?:", "", match.group(2), count=1)
        name = re.sub(r"\s*\[.*\]$", "", name)
        name = re.sub(r"\(.*", "", name)  # the parameter list
        while re.search(r"<[^<>]*>", name):
            name = re.sub(r"<[^<>]*>", "#", name)  # template arguments, innermost first
        name = name.replace("#", "<>").strip()
        if "_Function_handler" in name:
            name = "(inlined into the driver's call)"
        counts[name] = counts.get(name, 0) + int(match.group(1).replace(",", ""))
    return counts


def top_functions(out_file, baseline, count):
    counts = functions(out_file)
    for name, n in baseline.items():
        counts[name] = counts.get(name, 0) - n
    rows = sorted(((n, name) for name, n in counts.items() if n > 0), reverse=True)
    return rows[:count]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--driver", required=True)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("ops", nargs="*", default=DEFAULT_OPS)
    args = parser.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory(prefix="tally-profile-") as directory:
        listing = subprocess.run([sys.executable, os.path.join(here, "compare.py"), "--write-data", directory,
                                  "--n", str(args.n), "--n-window", str(args.n), "--n-construct", str(args.n)],
                                 capture_output=True, text=True, check=True).stdout
        files = dict(line.split(" ", 1) for line in listing.splitlines())
        base, base_functions = {}, {}
        for data in ("main", "window", "construct"):
            out_file = os.path.join(directory, "load-%s.out" % data)
            base[data] = instructions(args.driver, files, "load", data, out_file)
            base_functions[data] = functions(out_file)
        print("| operation (n = %s) | instructions per value | where (exclusive, per value) |" % f"{args.n:,}")
        print("|---|---|---|")
        for op in args.ops:
            data = "window" if op.startswith("rolling_median") or op.startswith("rolling_quantile") else \
                "construct" if op == "time_series_unsorted" else "main"
            out_file = os.path.join(directory, op + ".out")
            total = instructions(args.driver, files, op, data, out_file) - base[data]
            tops = ", ".join("%s %.1f" % (name, count / args.n)
                             for count, name in top_functions(out_file, base_functions[data], 3))
            print("| %s | %.1f | %s |" % (op, total / args.n, tops))
    return 0


if __name__ == "__main__":
    sys.exit(main())
