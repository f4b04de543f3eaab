#!/usr/bin/env python3
"""Benchmark of `dabrepo generate job ID` for a job with 40 notebook tasks, against the fake workspace
answering every API request 50 ms late. Prints wall times (never asserted). Aim: under 1.5 s.

Usage: Benchmarks/generate_benchmark.py [--runs N] [--notebooks N] [--latency SECONDS]
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
from benchmark_support import ENV, build_release, fake_workspace  # noqa: E402


def state(notebooks):
    folder = "/Workspace/Users/ana@example.com/etl"
    tasks, files = [], {}
    for i in range(notebooks):
        path = f"{folder}/step_{i:02d}"
        files[path] = {"content": f"# Databricks notebook source\nspark.table('main.raw.t{i}').count()\n", "language": "PYTHON"}
        task = {"task_key": f"step_{i:02d}", "notebook_task": {"notebook_path": path}, "job_cluster_key": "main"}
        if i:
            task["depends_on"] = [{"task_key": f"step_{i - 1:02d}"}]
        tasks.append(task)
    job = {"job_id": 4242, "creator_user_name": "ana@example.com",
           "settings": {"name": "Forty Steps", "format": "MULTI_TASK", "tasks": tasks,
                        "job_clusters": [{"job_cluster_key": "main", "new_cluster": {
                            "spark_version": "15.4.x-scala2.12", "node_type_id": "i3.xlarge", "num_workers": 2}}]}}
    return {"jobs": [job], "notebooks": files}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--notebooks", type=int, default=40)
    ap.add_argument("--latency", type=float, default=0.05)
    args = ap.parse_args()
    dabrepo = build_release()
    work = tempfile.mkdtemp(prefix="dabrepo-generate-bench-")
    try:
        with fake_workspace(state(args.notebooks), work, latency=args.latency) as host:
            env = dict(ENV, DATABRICKS_HOST=host, DATABRICKS_TOKEN="test-token-1", HOME=work)
            times = []
            for run in range(args.runs):
                name = f"bundle{run}"
                subprocess.run([dabrepo, "init", name, "--template", "empty", "--author", "Bench <bench@example.com>"], cwd=work, env=env,
                               check=True, capture_output=True)
                start = time.perf_counter()
                subprocess.run([dabrepo, "generate", "job", "4242", "--author", "Bench <bench@example.com>"], cwd=os.path.join(work, name),
                               env=env, check=True, capture_output=True)
                times.append(time.perf_counter() - start)
        print(f"generate job: {args.notebooks} notebooks, {args.latency * 1000:.0f} ms per request, "
              f"{args.notebooks + 2} requests, release build, {args.runs} runs")
        print(f"  median {statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms"
              f" (aim: 1500 ms; sequential requests alone would take {(args.notebooks + 2) * args.latency * 1000:.0f} ms)")
    finally:
        shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    main()
