#!/usr/bin/env python3
"""Benchmark of a whole `dabrepo refine` (plan, edit, validate every target, diff, commit) on a 50-job
bundle, printed (never asserted). Aim: under 100 ms.

Usage: Benchmarks/refine_benchmark.py [--runs N] [--jobs N]
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=50)
    ap.add_argument("--many-jobs", type=int, default=1000,
                    help="jobs of the bundle for requests that name none (answered with a question); 0 skips them")
    args = ap.parse_args()
    dabrepo = build_release()
    work = tempfile.mkdtemp(prefix="dabrepo-refine-bench-")
    try:
        bundle = os.path.join(work, "bundle")
        git = bundle_repository(bundle, args.jobs)
        requests = ["set the timeout of job_00007 to {} minutes", "make the dev cluster of job_00003 larger", "retry job_00011 {} times"]
        rows = []
        for template in requests:
            times = []
            for i in range(args.runs):
                request = template.format(10 + i) if "{}" in template else template
                start = time.perf_counter()
                result = subprocess.run([dabrepo, "refine", request, "--yes", "--new-session"], cwd=bundle, env=ENV, capture_output=True, text=True)
                times.append(time.perf_counter() - start)
                if result.returncode not in (0, 1):
                    raise SystemExit(f"{request}: {result.stdout}{result.stderr}")
            rows.append((template.replace("{}", "N"), statistics.median(times)))
        print()
        print(f"{args.jobs} jobs x 10 tasks; each refine plans, edits, validates both targets, diffs and commits.")
        print(f"| {'request':<48} | {'wall ms':>8} |")
        print(f"|{'-' * 50}|{'-' * 10}|")
        for name, seconds in rows:
            print(f"| {name:<48} | {seconds * 1000:>8.1f} |")
        if args.many_jobs:
            # Requests that name no job, on a bundle of many: each job of each target is looked at (this was
            # quadratic: "pause the schedule" on 2,000 jobs took 628 s before the configuration of a target
            # was made once per request). Aim: a few seconds, however many jobs.
            big = os.path.join(work, "big")
            bundle_repository(big, args.many_jobs)
            print()
            print(f"{args.many_jobs} jobs; requests that name no job (a question or a refusal, --dry-run).")
            print(f"| {'request':<48} | {'wall ms':>8} |")
            print(f"|{'-' * 50}|{'-' * 10}|")
            for request in ["pause the schedule", "add retries", "set the max workers to 8"]:
                start = time.perf_counter()
                subprocess.run([dabrepo, "refine", request, "--dry-run", "--new-session"], cwd=big, env=ENV, capture_output=True, text=True)
                print(f"| {request:<48} | {(time.perf_counter() - start) * 1000:>8.1f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
