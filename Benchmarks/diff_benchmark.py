#!/usr/bin/env python3
"""Benchmark of `dabrepo diff` between two revisions of a 2,000-job bundle, next to `git diff` of the
same revisions (printed, never asserted). The second revision changes 10 jobs. Aim: under 300 ms.

Usage: Benchmarks/diff_benchmark.py [--runs N] [--jobs N]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Benchmarks"))
from benchmark_support import ENV, build_release, bundle_repository  # noqa: E402


def timed(cmd, cwd, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2000)
    args = ap.parse_args()
    dabrepo = build_release()
    work = tempfile.mkdtemp(prefix="dabrepo-diff-bench-")
    try:
        bundle = os.path.join(work, "bundle")
        git = bundle_repository(bundle, args.jobs)
        for j in range(0, args.jobs, max(1, args.jobs // 10)):
            path = os.path.join(bundle, "resources", f"job_{j:05d}.job.yml")
            text = open(path).read().replace("num_workers: 2", "num_workers: 4").replace("team: data", "team: platform")
            open(path, "w").write(text)
        git("commit", "-qam", "second")
        rows = [
            ("dabrepo diff HEAD~1 HEAD", timed([dabrepo, "diff", "HEAD~1", "HEAD"], bundle, args.runs)),
            ("dabrepo diff HEAD~1 HEAD --target prod", timed([dabrepo, "diff", "HEAD~1", "HEAD", "--target", "prod"], bundle, args.runs)),
            ("git diff HEAD~1 HEAD", timed(["git", "diff", "HEAD~1", "HEAD"], bundle, args.runs)),
        ]
        print()
        print(f"{args.jobs} jobs x 10 tasks, {args.jobs + 1} files; the second revision changes 10 jobs.")
        print(f"| {'command':<44} | {'wall ms':>8} |")
        print(f"|{'-' * 46}|{'-' * 10}|")
        for name, seconds in rows:
            print(f"| {name:<44} | {seconds * 1000:>8.1f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
