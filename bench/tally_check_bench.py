#!/usr/bin/env python3
"""Times tally-check reading a 10^6-row CSV and checking one sentence.

    python3 bench/tally_check_bench.py <tally-check> [--rows N] [--runs R]

Writes two tables into a temporary directory (never committed), each with
N rows (default 1,000,000) of pseudo-random counts (Python's random, seeded),
and times the program on one core (taskset -c 0 where available), best of
R runs:

  areas:  area,month,count - 5,000 areas x 200 months (2003-01..2019-08);
          --where area=A02500 keeps 200 rows, and the sentence is a
          12-month change ("... in the 12 months to March 2019 on the
          previous year"), checked by tally::check on a series of months.
  days:   date,count - 1,000,000 consecutive days from 0001-01-01; every
          row is kept, parsed and made into a series (tally cannot yet check
          a sentence against days, so the run ends with exit status 2: this
          times reading, parsing and building the series of all N rows).

Prints one line per table: rows, bytes, best wall time, user + system time.
"""
import argparse
import datetime
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time


def write_areas(path, rows):
    months = 200
    areas = rows // months
    rng = random.Random(20260204)
    with open(path, "w") as out:
        out.write("# Synthetic table for timing tally-check (not data): counts by area and month.\n")
        out.write("area,month,count\n")
        for a in range(areas):
            name = "A%05d" % a
            year, month = 2003, 1
            for _ in range(months):
                out.write("%s,%04d-%02d,%d\n" % (name, year, month, rng.randrange(50, 150)))
                month += 1
                if month == 13:
                    year, month = year + 1, 1
    return ["--where", "area=A02500", "a 10% rise in the 12 months to March 2019 on the previous year"]


def write_days(path, rows):
    rng = random.Random(20260204)
    day = datetime.date(1, 1, 1)
    one = datetime.timedelta(days=1)
    with open(path, "w") as out:
        out.write("# Synthetic table for timing tally-check (not data): a count a day.\n")
        out.write("date,count\n")
        for _ in range(rows):
            out.write("%04d-%02d-%02d,%d\n" % (day.year, day.month, day.day, rng.randrange(50, 150)))
            day += one
    return ["a 10% rise between 2018 and 2019"]


def time_run(command, runs):
    best = None
    cpu = None
    status = None
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if best is None or wall < best:
            best, cpu, status = wall, used, done.returncode
    return best, cpu, status


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("program")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    with tempfile.TemporaryDirectory() as directory:
        for name, writer in (("areas", write_areas), ("days", write_days)):
            path = os.path.join(directory, name + ".csv")
            sentence_args = writer(path, args.rows)
            command = pin + [os.path.abspath(args.program), path] + sentence_args
            wall, cpu, status = time_run(command, args.runs)
            print("%-6s %9d rows %11d bytes  best of %d: %.3f s wall, %.3f s user+sys, exit %d"
                  % (name, args.rows, os.path.getsize(path), args.runs, wall, cpu, status))
    return 0


if __name__ == "__main__":
    sys.exit(main())
