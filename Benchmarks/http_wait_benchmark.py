#!/usr/bin/env python3
"""CPU spent by dabrepo while the workspace takes its time to answer: `dabrepo workspace health`
against the fake workspace answering the one request after DELAY seconds. Prints wall and CPU time
(user + system) per run; never asserted. A client that waits in poll(2) uses next to no CPU; the
URLSession client dabrepo had before spun at ~85% of a core while waiting.

Usage: Benchmarks/http_wait_benchmark.py [--runs N] [--delay SECONDS]
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Benchmarks"))
from benchmark_support import ENV, build_release, fake_workspace  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--delay", type=float, default=2.0)
    args = ap.parse_args()
    dabrepo = build_release()
    work = tempfile.mkdtemp(prefix="dabrepo-wait-bench-")
    try:
        with fake_workspace({"jobs": [], "notebooks": {}}, work) as host:
            env = dict(ENV, DATABRICKS_HOST=host, DATABRICKS_TOKEN="test-token-1", HOME=work)
            print(f"dabrepo workspace health, the workspace answering after {args.delay:.1f} s (release build)")
            for _ in range(args.runs):
                fault = {"path": "/api/2.0/preview/scim/v2/Me", "delay": args.delay, "times": 1}
                urllib.request.urlopen(urllib.request.Request(host + "/__faults", data=json.dumps(fault).encode(), method="POST"))
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run([dabrepo, "workspace", "health"], env=env, check=True, capture_output=True)
                wall = time.perf_counter() - start
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                print(f"  wall {wall * 1000:6.0f} ms   cpu {cpu * 1000:5.0f} ms ({cpu / wall * 100:4.1f}% of a core)")
    finally:
        shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    main()
