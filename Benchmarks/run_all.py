#!/usr/bin/env python3
"""Every figure of issue 17 in one run, each beside its reference, printed as a table and written to
Benchmarks/results.md (which the README's speed section copies). Never asserted in tests.

References measured in the same run: a static Swift hello-world's start, `git diff` of the same
revisions, check-jsonschema over the same files; "before" is the figure of the release build before
the speed work (Benchmarks/baseline.json, measured on this machine with --write-baseline from that
commit's binary). Wall times are medians of several runs, process start included; peak MB is the
largest resident set of one process (wait4's ru_maxrss).

Usage: Benchmarks/run-all [--runs N] [--binary PATH] [--skip-scale] [--skip-jsonschema]
                          [--write-baseline] [--readme]
"""
import argparse
import asyncio
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Benchmarks"))
from benchmark_support import ENV, build_release, bundle_repository  # noqa: E402
from validate_benchmark import check_jsonschema  # noqa: E402

BASELINE = os.path.join(ROOT, "Benchmarks", "baseline.json")
RESULTS = os.path.join(ROOT, "Benchmarks", "results.md")
README = os.path.join(ROOT, "README.md")
SHARED = os.environ.get("DABREPO_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
SCHEMA = os.path.join(SHARED, "corpus", "bundle-schema", "jsonschema.json")
GENERATOR = os.path.join(ROOT, "Benchmarks", "generate_bundle.py")


def run_once(cmd, cwd=None, env=ENV, ok=(0,)):
    """Wall seconds, peak RSS (MB) and CPU seconds (user + system) of one run of `cmd`."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in ok:
            errors.seek(0)
            raise SystemExit(f"{' '.join(map(str, cmd))} in {cwd} failed ({code}): {errors.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


class Figure(tuple):
    """(median wall ms, peak MB, median CPU ms)."""


def figure(times, peak, cpus):
    return Figure((statistics.median(times) * 1000, peak, statistics.median(cpus) * 1000))


NO_CACHE = dict(ENV, DABREPO_CACHE="off")


def timed(cmd, cwd=None, runs=5, prepare=None, ok=(0,), env=ENV):
    """Median wall and CPU milliseconds over `runs` (after one warm-up run) and the peak RSS in MB."""
    times, cpus, peak = [], [], 0.0
    for i in range(runs + 1):
        if prepare:
            prepare(i)
        seconds, rss, cpu = run_once(cmd, cwd, env, ok)
        peak = max(peak, rss)
        if i > 0:
            times.append(seconds)
            cpus.append(cpu)
    return figure(times, peak, cpus)


def timed_cold(cmd, cwd=None, runs=1, prepare=None, ok=(0,), env=ENV):
    """Like `timed` without a warm-up run (for the large cases, where one run takes seconds)."""
    times, cpus, peak = [], [], 0.0
    for i in range(runs):
        if prepare:
            prepare(i)
        seconds, rss, cpu = run_once(cmd, cwd, env, ok)
        times.append(seconds)
        cpus.append(cpu)
        peak = max(peak, rss)
    return figure(times, peak, cpus)


def git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, env=ENV, check=True, capture_output=True, text=True).stdout


def hello_world(work):
    """A static Swift hello-world (the floor of any Swift program's start), built once into .benchmark/."""
    out = os.path.join(ROOT, ".benchmark", "hello-static")
    if not os.path.exists(out):
        os.makedirs(os.path.dirname(out), exist_ok=True)
        source = os.path.join(work, "hello.swift")
        with open(source, "w") as f:
            f.write('print("hello")\n')
        subprocess.run(["swiftc", "-O", "-static-stdlib", source, "-o", out], check=True)
    return out


def job_editor(bundle, job):
    """A `prepare` that rewrites one job file differently on every run (a new blob each time)."""
    path = os.path.join(bundle, "resources", f"{job}.job.yml")
    original = open(path).read()

    def edit(i):
        with open(path, "w") as f:
            f.write(original.replace("num_workers: 2", f"num_workers: {3 + i % 50}", 1))
    return edit


def staging_editor(bundle, job):
    edit = job_editor(bundle, job)

    def stage(i):
        edit(i)
        git(bundle, "add", f"resources/{job}.job.yml")
    return stage


def second_revision(bundle, jobs, changed=10):
    """Commits a second revision that changes `changed` jobs spread over the bundle."""
    for j in range(0, jobs, max(1, jobs // changed)):
        path = os.path.join(bundle, "resources", f"job_{j:05d}.job.yml")
        text = open(path).read().replace("num_workers: 2", "num_workers: 4").replace("team: data", "team: platform")
        with open(path, "w") as f:
            f.write(text)
    git(bundle, "commit", "-qam", "second", "--no-verify")


def timed_refine(dabrepo, bundle, runs, cold=False):
    """refine with a new request each run (a real edit, validation of both targets, diff and commit)."""
    times, cpus, peak = [], [], 0.0
    for i in range(runs + (0 if cold else 1)):
        cmd = [dabrepo, "refine", f"set the timeout of job_00007 to {10 + i} minutes", "--yes", "--new-session"]
        seconds, rss, cpu = run_once(cmd, bundle, ENV, ok=(0,))
        peak = max(peak, rss)
        if cold or i > 0:
            times.append(seconds)
            cpus.append(cpu)
    return figure(times, peak, cpus)


def apply_runner(dabrepo, bundle, work, runs):
    """dabrepo apply of one changed job file (a revision commit), a new edit each run."""
    job = "resources/job_00000.job.yml"
    original = open(os.path.join(bundle, job)).read()
    edit_file = os.path.join(work, "edit.json")

    def write_edit(i):
        text = original.replace("      tags:\n", f"      timeout_seconds: {100 + i}\n      tags:\n", 1)
        with open(edit_file, "w") as f:
            json.dump({"subject": f"Timeout {100 + i}", "request": "set a timeout", "agent": "bench", "files": {job: text}}, f)
    return timed([dabrepo, "apply", edit_file, "--author", "Bench <bench@example.com>"], bundle, runs, write_edit)


async def mcp_validate(dabrepo, repo, runs):
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client
    params = StdioServerParameters(command=dabrepo, args=["mcp", "--repo", repo], env=ENV)
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            times = []
            for i in range(runs + 1):
                t = time.perf_counter()
                result = await session.call_tool("validate_bundle", {})
                if i > 0:
                    times.append(time.perf_counter() - t)
                assert not result.isError, result.content
            return statistics.median(times) * 1000


class Table:
    def __init__(self, baseline):
        self.rows = []
        self.baseline = baseline
        self.figures = {}

    @staticmethod
    def cell(fig):
        """Wall ms, with CPU ms (user + system) when measured: on a busy machine the wall time waits for cores."""
        wall, _, cpu = fig
        return f"{wall:.1f} ms" + (f" (CPU {cpu:.1f})" if cpu is not None else "")

    def add(self, key, what, fig, goal=None, reference=None):
        """`fig` a Figure; `reference` a (name, Figure) pair measured in this run."""
        self.figures[key] = list(fig)
        before = self.baseline.get(key)
        self.rows.append((what, before, fig, goal, reference))
        ref = f"{reference[0]}: {self.cell(reference[1])}" if reference else ""
        print(f"  {what:<62} {self.cell(fig):>24}  before {self.cell(before) if before else '-'}, goal {goal}  {ref}", flush=True)

    def markdown(self):
        lines = ["| what | before | now | goal | reference (same run) | peak MB |", "|---|---:|---:|---:|---|---:|"]
        for what, before, fig, goal, reference in self.rows:
            lines.append("| {} | {} | **{}** | {} | {} | {} |".format(
                what, self.cell(before) if before else "–", self.cell(fig), f"≤ {goal} ms" if goal else "–",
                f"{reference[0]}: {self.cell(reference[1])}" if reference else "–", "–" if fig[1] is None else f"{fig[1]:.0f}"))
        return "\n".join(lines)


def scale_table(dabrepo, work, sizes, runs):
    """validate, hook, diff and refine at each size; rows are operations, columns sizes."""
    results = {}
    for jobs in sizes:
        bundle = os.path.join(work, f"scale_{jobs}")
        bundle_repository(bundle, jobs)
        n = runs if jobs <= 2000 else 1
        measure = timed if jobs <= 2000 else timed_cold
        print(f"  scale: {jobs} jobs", flush=True)
        # Without the findings cache: every file read and checked.
        results[("validate (all files, 2 targets, no findings cache)", jobs)] = measure(
            [dabrepo, "validate", "--all-targets"], bundle, n, env=NO_CACHE)
        results[("hook pre-commit (one job staged, no findings cache)", jobs)] = measure(
            [dabrepo, "hook", "pre-commit"], bundle, n, staging_editor(bundle, "job_00001"), env=NO_CACHE)
        # With it: a first run keeps every file's findings; each measured run stages a new version of one job.
        stage = staging_editor(bundle, "job_00003")
        if jobs > 2000:
            stage(1000)
            run_once([dabrepo, "hook", "pre-commit"], bundle)
        results[("hook pre-commit (one job staged, findings cache warm)", jobs)] = measure(
            [dabrepo, "hook", "pre-commit"], bundle, n, stage)
        git(bundle, "reset", "-q", "--hard")
        second_revision(bundle, jobs)
        results[("diff HEAD~1 HEAD (10 jobs changed)", jobs)] = measure([dabrepo, "diff", "HEAD~1", "HEAD"], bundle, n)
        results[("git diff HEAD~1 HEAD (reference)", jobs)] = measure(["git", "diff", "HEAD~1", "HEAD"], bundle, n)
        results[("refine (one request, commit)", jobs)] = timed_refine(dabrepo, bundle, n, cold=jobs > 2000)
        shutil.rmtree(bundle, ignore_errors=True)
    operations = list(dict.fromkeys(op for op, _ in results))
    lines = ["| operation | " + " | ".join(f"{s:,} jobs" for s in sizes) + " |", "|---|" + "---:|" * len(sizes)]
    for op in operations:
        cells = []
        for s in sizes:
            ms, peak, _ = results[(op, s)]
            cells.append(f"{ms:,.0f} ms ({peak:.0f} MB)" if ms >= 100 else f"{ms:.1f} ms ({peak:.0f} MB)")
        lines.append(f"| {op} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def one_file_changed(table, dabrepo, bundle, key, label, goal, runs):
    """`hook pre-commit` with one job file staged and `validate` with one job file changed, a new
    version of the file every run; the bundle is left as committed."""
    fig = timed([dabrepo, "hook", "pre-commit"], bundle, runs, staging_editor(bundle, "job_00001"))
    reference = ("git diff --cached", timed(["git", "diff", "--cached"], bundle, runs))
    table.add(f"hook-{key}", f"`hook pre-commit`, {label}, one job file staged", fig, goal, reference)
    # The same without the findings cache (DABREPO_CACHE=off): what the first run after a change of the
    # root file, of the variables or targets, or of dabrepo itself costs.
    fig = timed([dabrepo, "hook", "pre-commit"], bundle, runs, staging_editor(bundle, "job_00001"), env=NO_CACHE)
    table.add(f"hook-{key}-no-cache", f"same, without the findings cache (`DABREPO_CACHE=off`)", fig, None, None)
    git(bundle, "reset", "-q", "--hard")
    fig = timed([dabrepo, "validate"], bundle, runs, job_editor(bundle, "job_00002"))
    table.add(f"validate-{key}-changed", f"`validate`, {label}, one file changed", fig, goal, None)
    fig = timed([dabrepo, "validate"], bundle, runs, job_editor(bundle, "job_00002"), env=NO_CACHE)
    table.add(f"validate-{key}-changed-no-cache", "same, without the findings cache", fig, None, None)
    git(bundle, "checkout", "-q", "--", ".")


def shared_libraries(binary):
    """What the dynamic loader maps at start: the binary's dependencies, transitively (ldd)."""
    out = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout
    return [line.split()[0] for line in out.splitlines() if "=>" in line or line.strip().startswith("/")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--binary", help="a dabrepo binary (default: build release with the static Swift runtime)")
    ap.add_argument("--skip-scale", action="store_true", help="leave out the 20 / 2,000 / 20,000-job table")
    ap.add_argument("--skip-jsonschema", action="store_true")
    ap.add_argument("--write-baseline", action="store_true", help="store this run's figures as the 'before' column")
    ap.add_argument("--readme", action="store_true", help="copy the tables into the README's speed section")
    args = ap.parse_args()
    dabrepo = os.path.abspath(args.binary) if args.binary else build_release()
    baseline = {}
    if os.path.exists(BASELINE) and not args.write_baseline:
        baseline = json.load(open(BASELINE))["figures"]
    table = Table(baseline)
    runs = args.runs
    work = tempfile.mkdtemp(prefix="dabrepo-run-all-")
    try:
        print("start", flush=True)
        hello = hello_world(work)
        hello_fig = timed([hello], work, runs * 3)
        fig = timed([dabrepo, "--version"], work, runs * 3)
        table.add("version", "`dabrepo --version`", fig, 4, ("static Swift hello-world", hello_fig))
        one = os.path.join(work, "one")
        subprocess.run([sys.executable, GENERATOR, one, "--jobs", "1", "--tasks", "1"], check=True, stdout=subprocess.DEVNULL)
        fig = timed([dabrepo, "validate", one], work, runs * 3)
        table.add("validate-one", "`validate`, one-job bundle", fig, 8, ("static Swift hello-world", hello_fig))

        print("200-file bundle", flush=True)
        small = os.path.join(work, "small")
        bundle_repository(small, 198, tasks=3)
        one_file_changed(table, dabrepo, small, "200", "200 files", 25, runs)
        fig = apply_runner(dabrepo, small, work, runs)
        table.add("apply-200", "revision commit (`apply`), 200 files", fig, 40, None)

        # A bundle as real ones are, its source files far outnumbering its YAML: every validation and
        # commit also reads each source file (literal-secret-source, sync-pattern-matches).
        print("200 jobs and 2,000 notebooks", flush=True)
        notebooks = os.path.join(work, "notebooks")
        bundle_repository(notebooks, 198, tasks=3, sources=2000)
        fig = timed([dabrepo, "hook", "pre-commit"], notebooks, runs, staging_editor(notebooks, "job_00001"))
        table.add("hook-notebooks", "`hook pre-commit`, 200 job files and 2,000 notebooks, one job file staged", fig, 50,
                  ("git diff --cached", timed(["git", "diff", "--cached"], notebooks, runs)))
        git(notebooks, "reset", "-q", "--hard")
        shutil.rmtree(notebooks, ignore_errors=True)

        print("50-job bundle", flush=True)
        fifty = os.path.join(work, "fifty")
        bundle_repository(fifty, 50)
        fig = timed_refine(dabrepo, fifty, runs)
        table.add("refine-50", "`refine`, 50 jobs (plan, edit, validate, diff, commit)", fig, 80, None)
        try:
            fig = Figure((asyncio.run(mcp_validate(dabrepo, fifty, runs)), None, None))
            table.add("mcp-validate-50", "MCP `validate_bundle`, 50 jobs, one call (round trip from the Python client)", fig, 15, None)
        except ImportError:
            print("  SKIPPED MCP: the Python package mcp is not installed (pip install mcp)")

        print("2,000-job bundle", flush=True)
        large = os.path.join(work, "large")
        bundle_repository(large, 2000)
        one_file_changed(table, dabrepo, large, "2000", "2,000 jobs", 50, runs)
        files = sorted(os.path.join(d, f) for d, _, fs in os.walk(large) if ".git" not in d for f in fs if f.endswith(".yml"))
        reference = None
        if not args.skip_jsonschema and os.path.exists(SCHEMA):
            js_fig = timed_cold([check_jsonschema(), "--schemafile", SCHEMA] + files, large, 1, ok=(0, 1))
            reference = ("check-jsonschema", js_fig)
        # Every file read and checked, as check-jsonschema does (no findings cache).
        fig = timed([dabrepo, "validate"], large, max(3, runs // 3), env=NO_CACHE)
        table.add("validate-2000", "`validate`, 2,000 jobs × 10 tasks, every file checked (no findings cache)", fig, None, reference)
        second_revision(large, 2000)
        git_fig = timed(["git", "diff", "HEAD~1", "HEAD"], large, runs)
        fig = timed([dabrepo, "diff", "HEAD~1", "HEAD"], large, runs)
        table.add("diff-2000", "`diff HEAD~1 HEAD`, 2,000 jobs, 10 changed", fig, 150, ("git diff", git_fig))
        fig = timed([dabrepo, "diff", "HEAD~1", "HEAD", "--target", "prod"], large, runs)
        table.add("diff-2000-target", "`diff HEAD~1 HEAD --target prod`, same", fig, 300, ("git diff", git_fig))
        shutil.rmtree(large, ignore_errors=True)

        scale = None
        if not args.skip_scale:
            print("scale", flush=True)
            scale = scale_table(dabrepo, work, [20, 2000, 20000], max(3, runs // 3))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    if args.write_baseline:
        with open(BASELINE, "w") as f:
            json.dump({"version": subprocess.run([dabrepo, "--version"], capture_output=True, text=True).stdout.strip(), "binary": dabrepo,
                       "date": datetime.date.today().isoformat(), "figures": table.figures}, f, indent=2)
            f.write("\n")
        print(f"wrote {BASELINE}")
        return

    machine = f"{os.cpu_count()} cores, {platform.machine()}, Linux {platform.release()}"
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "")
    text = [f"Measured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC on {cpu} ({machine}), "
            f"release build with the static Swift runtime, medians of {runs} runs, other work running on the machine "
            "(read the ratios); CPU is user + system time. \"before\" is the build before the speed work "
            "(Benchmarks/baseline.json); when it was measured under other load than now, compare the CPU times.", "",
            f"At start the binary maps {len(shared_libraries(dabrepo))} shared libraries "
            f"({', '.join(os.path.basename(l) for l in shared_libraries(dabrepo))}).", "",
            table.markdown()]
    if scale:
        text += ["", "How the cost grows with the bundle (N jobs × 10 tasks; peak MB is the largest resident set, "
                 "which wait4 reports as at least the benchmark's own Python process, about 55 MB, for small commands):", "", scale]
    markdown = "\n".join(text) + "\n"
    with open(RESULTS, "w") as f:
        f.write("<!-- Written by Benchmarks/run-all; do not edit by hand. -->\n" + markdown)
    print()
    print(markdown)
    print(f"wrote {RESULTS}")
    if args.readme:
        readme = open(README).read()
        begin, end = "<!-- speed-table:begin -->", "<!-- speed-table:end -->"
        if begin in readme and end in readme:
            head, rest = readme.split(begin, 1)
            _, tail = rest.split(end, 1)
            with open(README, "w") as f:
                f.write(head + begin + "\n" + markdown + end + tail)
            print(f"updated {README}")
        else:
            print(f"README.md has no {begin} ... {end} section; left as it is")


if __name__ == "__main__":
    main()
