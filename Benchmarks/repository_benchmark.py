#!/usr/bin/env python3
"""Benchmark of dabrepo's repository commands, printed as a table (never asserted in tests).

  init                      dabrepo init (default-python template, new repository)
  revision commit           dabrepo apply of one changed file in a 200-file bundle
  pre-commit hook           dabrepo hook pre-commit on a 200-file bundle (staged snapshot)
  log -n 50                 on a repository with 10,000 revisions (built with git fast-import)

Wall time is the median of several runs, process start included. Aims: hook and revision commit
under 50 ms, log under 50 ms.

Usage: Benchmarks/repository_benchmark.py [--runs N]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Benchmarks"))
from benchmark_support import ENV, build_release  # noqa: E402


def timed(cmd, cwd, runs, prepare=None):
    times = []
    for i in range(runs):
        if prepare:
            prepare(i)
        start = time.perf_counter()
        result = subprocess.run(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed: {result.stderr}")
    return statistics.median(times)


def git(args, cwd, **kw):
    return subprocess.run(["git"] + args, cwd=cwd, env=ENV, check=True, capture_output=True, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    dabrepo = build_release()
    author = ["--author", "Bench <bench@example.com>"]
    work = tempfile.mkdtemp(prefix="dabrepo-repo-bench-")
    rows = []
    try:
        # init
        counter = iter(range(10**6))
        names = []

        def fresh(_):
            names.append(f"init_{next(counter)}")
        init_time = []
        for i in range(args.runs):
            name = f"init_{i}"
            start = time.perf_counter()
            subprocess.run([dabrepo, "init", name] + author, cwd=work, env=ENV, check=True, stdout=subprocess.DEVNULL)
            init_time.append(time.perf_counter() - start)
        rows.append(("init (default-python, new repository)", statistics.median(init_time)))

        # a 200-file bundle in a repository
        bundle = os.path.join(work, "big")
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate_bundle.py"), bundle, "--jobs", "198", "--tasks", "3"], check=True)
        git(["init", "-q", "-b", "main"], bundle)
        git(["add", "-A"], bundle)
        git(["commit", "-qm", "bundle"], bundle)
        files = len(git(["ls-files"], bundle, text=True).stdout.split())
        job = "resources/job_00000.job.yml"
        original = open(os.path.join(bundle, job)).read()

        def write_edit(i):
            text = original.replace("      tags:\n", f"      timeout_seconds: {100 + i}\n      tags:\n", 1)
            with open(os.path.join(work, "edit.json"), "w") as f:
                json.dump({"subject": f"Timeout {100 + i}", "request": "set a timeout", "agent": "bench", "files": {job: text}}, f)
        rows.append((f"revision commit, {files}-file bundle (dabrepo apply)",
                     timed([dabrepo, "apply", os.path.join(work, "edit.json")] + author, bundle, args.runs, write_edit)))

        with open(os.path.join(bundle, "src", "task.py"), "a") as f:
            f.write("# staged change\n")
        git(["add", "src/task.py"], bundle)
        rows.append((f"pre-commit hook, {files} files, a notebook staged", timed([dabrepo, "hook", "pre-commit"], bundle, args.runs)))
        with open(os.path.join(bundle, "resources", "job_00001.job.yml"), "a") as f:
            f.write("# staged change\n")
        git(["add", "resources/job_00001.job.yml"], bundle)
        rows.append((f"pre-commit hook, {files} files, a job file staged", timed([dabrepo, "hook", "pre-commit"], bundle, args.runs)))
        rows.append((f"dabrepo validate --all-targets, same bundle", timed([dabrepo, "validate", "--all-targets"], bundle, args.runs)))

        # 10,000 revisions through git fast-import
        history = os.path.join(work, "history")
        subprocess.run([dabrepo, "init", "history"] + author, cwd=work, env=ENV, check=True, stdout=subprocess.DEVNULL)
        head = git(["rev-parse", "HEAD"], history, text=True).stdout.strip()
        stream = []
        for i in range(10_000):
            message = (f"Revision {i}\n\nTranscript:\nuser: change {i}\ndabrepo: Changed {i}.\n\nChanges:\n~ resources/history.job.yml\n\n"
                       f"Validation: OK (targets dev, prod)\n\nDabrepo-Session: {i:06x}\nDabrepo-Agent: bench\n").encode()
            content = f"# revision {i}\n".encode()
            stream.append(b"commit refs/heads/main\n")
            stream.append(f"committer Bench <bench@example.com> {1_700_000_000 + i} +0000\n".encode())
            stream.append(f"data {len(message)}\n".encode() + message)
            if i == 0:
                stream.append(f"from {head}\n".encode())
            stream.append(f"M 100644 inline notes.txt\ndata {len(content)}\n".encode() + content + b"\n")
        subprocess.run(["git", "fast-import", "--quiet"], cwd=history, env=ENV, input=b"".join(stream), check=True)
        git(["reset", "-q", "--hard", "main"], history)
        count = git(["rev-list", "--count", "HEAD"], history, text=True).stdout.strip()
        rows.append((f"log -n 50, {count} commits", timed([dabrepo, "log", "-n", "50"], history, args.runs)))
        rows.append((f"git log -n 50 (for comparison)", timed(["git", "log", "-n", "50"], history, args.runs)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print(f"| {'operation':<52} | {'wall ms':>8} |")
    print(f"|{'-' * 54}|{'-' * 10}|")
    for name, seconds in rows:
        print(f"| {name:<52} | {seconds * 1000:>8.1f} |")


if __name__ == "__main__":
    main()
