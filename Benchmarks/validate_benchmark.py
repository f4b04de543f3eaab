#!/usr/bin/env python3
"""Benchmark of `dabrepo validate`, printed as a table (never asserted in tests).

Measures wall time (median of several runs, process start included) and peak memory of
  (a) every bundle of ../shared/corpus/bundle-examples, one process each, summed;
  (b) a generated bundle of 20 jobs x 3 tasks (the everyday case: the aim is under 30 ms);
  (c) a generated bundle of 2,000 jobs x 10 tasks (the aim is under 1.5 s, cost linear in size);
and the same for `check-jsonschema --schemafile ../shared/corpus/bundle-schema/jsonschema.json` over
the same YAML files, so the ratio is visible. check-jsonschema is installed into .benchmark/venv.

Usage: Benchmarks/validate_benchmark.py [--runs N] [--skip-jsonschema]
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
from benchmark_support import build_release  # noqa: E402
SHARED = os.environ.get("DABREPO_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
CORPUS = os.path.join(SHARED, "corpus", "bundle-examples")
SCHEMA = os.path.join(SHARED, "corpus", "bundle-schema", "jsonschema.json")
ROOT_NAMES = ("databricks.yml", "databricks.yaml", "bundle.yml", "bundle.yaml")


def measure(commands, runs):
    """Median wall seconds of running all commands once, and the peak RSS (MB) of any of them."""
    times, peak = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        for cmd in commands:
            child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, _, usage = os.wait4(child.pid, 0)
            child.returncode = 0
            peak = max(peak, usage.ru_maxrss / 1024)
        times.append(time.perf_counter() - start)
    return statistics.median(times), peak


def corpus_bundles():
    out = []
    for directory, _, files in os.walk(CORPUS):
        if "{{" in directory:
            continue
        if any(n in files for n in ROOT_NAMES):
            out.append(directory)
    return sorted(out)


def yaml_files(directory):
    out = []
    for d, _, files in os.walk(directory):
        out += [os.path.join(d, f) for f in files if f.endswith((".yml", ".yaml"))]
    return sorted(out)


def check_jsonschema():
    venv = os.path.join(ROOT, ".benchmark", "venv")
    exe = os.path.join(venv, "bin", "check-jsonschema")
    if not os.path.exists(exe):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([os.path.join(venv, "bin", "pip"), "install", "-q", "check-jsonschema"], check=True)
    return exe


def row(name, seconds, peak):
    return f"| {name:<58} | {seconds * 1000:>10.1f} | {peak:>8.1f} |"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-jsonschema", action="store_true")
    args = ap.parse_args()

    dabrepo = build_release()
    work = tempfile.mkdtemp(prefix="dabrepo-bench-")
    try:
        generator = os.path.join(ROOT, "Benchmarks", "generate_bundle.py")
        small, large = os.path.join(work, "small"), os.path.join(work, "large")
        subprocess.run([sys.executable, generator, small, "--jobs", "20", "--tasks", "3"], check=True)
        subprocess.run([sys.executable, generator, large, "--jobs", "2000", "--tasks", "10"], check=True)
        half = os.path.join(work, "half")
        subprocess.run([sys.executable, generator, half, "--jobs", "1000", "--tasks", "10"], check=True)

        cases = []
        if os.path.isdir(CORPUS):
            bundles = corpus_bundles()
            cases.append((f"(a) corpus: {len(bundles)} bundles, one process each",
                          [[dabrepo, "validate", b, "--all-targets"] for b in bundles],
                          [b for b in bundles]))
        else:
            print(f"SKIPPED corpus: {CORPUS} is absent")
        cases.append(("(b) 20 jobs x 3 tasks", [[dabrepo, "validate", small]], [small]))
        cases.append(("(c) 1,000 jobs x 10 tasks", [[dabrepo, "validate", half]], [half]))
        cases.append(("(c) 2,000 jobs x 10 tasks", [[dabrepo, "validate", large]], [large]))
        cases.append(("(c) 2,000 jobs x 10 tasks, --all-targets (2 targets)", [[dabrepo, "validate", large, "--all-targets"]], [large]))

        jsonschema = None
        if not args.skip_jsonschema and os.path.exists(SCHEMA):
            jsonschema = check_jsonschema()

        print()
        print(f"| {'case':<58} | {'wall ms':>10} | {'peak MB':>8} |")
        print(f"|{'-' * 60}|{'-' * 12}|{'-' * 10}|")
        for name, commands, dirs in cases:
            seconds, peak = measure(commands, args.runs)
            print(row("dabrepo validate " + name, seconds, peak))
            if jsonschema and "--all-targets (" not in name:
                files = [f for d in dirs for f in yaml_files(d)]
                js_cmd = [[jsonschema, "--schemafile", SCHEMA] + files]
                js_seconds, js_peak = measure(js_cmd, max(1, min(args.runs, 3)))
                print(row(f"check-jsonschema, same {len(files)} files", js_seconds, js_peak)
                      + f"  ratio {js_seconds / seconds:.1f}x")
        print()
        print("Peak MB is the largest resident set of any single process of the case (wait4's ru_maxrss).")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
