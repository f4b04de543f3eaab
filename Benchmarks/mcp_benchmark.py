#!/usr/bin/env python3
"""Benchmark of `dabrepo mcp` over stdio with the official Python MCP client, on a 50-job bundle:
start and initialize, tools/list, one call (median) of validate_bundle, read_bundle,
describe_fields and edit_bundle (a dry run), which run in process, of list_revisions (a child
process), of validate_bundle once more with DABREPO_TOOL_ISOLATION=process (the child-process way
for comparison), and 50 concurrent calls. Prints wall times (never asserted).

Usage: Benchmarks/mcp_benchmark.py [--runs N] [--jobs N] [--binary PATH]
"""
import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Benchmarks"))
from benchmark_support import ENV, build_release, bundle_repository  # noqa: E402

from mcp import ClientSession, StdioServerParameters  # noqa: E402
from mcp.client.stdio import stdio_client  # noqa: E402


EDIT = {"subject": "Benchmark", "dry_run": True,
        "edits": [{"op": "set", "path": "resources.jobs.job_00000.job_clusters[job_cluster_key=main].new_cluster.num_workers", "value": 3}]}
CALLS = [("validate_bundle", {}), ("read_bundle", {"target": "dev", "path": "resources.jobs.job_00000"}),
         ("describe_fields", {"path": "resources.jobs.x.tasks"}), ("edit_bundle", EDIT), ("list_revisions", {"limit": 5})]


async def isolated_validate(dabrepo, repo, runs):
    """validate_bundle in a child process per call, as before tools ran in process."""
    params = StdioServerParameters(command=dabrepo, args=["mcp", "--repo", repo], env=dict(ENV, DABREPO_TOOL_ISOLATION="process"))
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                result = await session.call_tool("validate_bundle", {})
                times.append(time.perf_counter() - t)
                assert not result.isError, result.content
            return statistics.median(times)


async def measure(dabrepo, repo, runs):
    started = time.perf_counter()
    params = StdioServerParameters(command=dabrepo, args=["mcp", "--repo", repo], env=ENV)
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            ready = time.perf_counter() - started
            t = time.perf_counter()
            await session.list_tools()
            listed = time.perf_counter() - t
            figures = {}
            for name, arguments in CALLS:
                times = []
                for _ in range(runs):
                    t = time.perf_counter()
                    result = await session.call_tool(name, arguments)
                    times.append(time.perf_counter() - t)
                    assert not result.isError, result.content
                figures[name] = statistics.median(times)
            t = time.perf_counter()
            results = await asyncio.gather(*[session.call_tool("validate_bundle", {}) for _ in range(50)])
            concurrent = time.perf_counter() - t
            assert not any(r.isError for r in results)
    figures["validate_bundle (child process)"] = await isolated_validate(dabrepo, repo, runs)
    return ready, listed, figures, concurrent


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--jobs", type=int, default=50)
    ap.add_argument("--binary", help="a dabrepo binary (default: build release)")
    args = ap.parse_args()
    dabrepo = args.binary or build_release()
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "bench")
        bundle_repository(repo, args.jobs)
        ready, listed, figures, concurrent = asyncio.run(measure(dabrepo, repo, args.runs))
    print(f"dabrepo mcp on a {args.jobs}-job bundle ({dabrepo})")
    print(f"  start + initialize                {ready * 1000:7.1f} ms")
    print(f"  tools/list                        {listed * 1000:7.1f} ms")
    for name, seconds in figures.items():
        print(f"  {name:<33} {seconds * 1000:7.1f} ms (median of {args.runs})")
    print(f"  50 concurrent validate            {concurrent * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
