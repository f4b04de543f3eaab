#!/usr/bin/env python3
"""Calls tools of `dabrepo mcp` all at once with the official Python MCP client (pip install mcp).

Usage: call_tools_concurrently.py DABREPO REPO LOG_PREFIX READY_FILE < sessions.json
sessions.json is a list of sessions, each a list of [tool name, arguments]. Every session is its own
`dabrepo mcp` server; all sessions start together and each sends all its calls without waiting for
answers. READY_FILE is written once every session is initialized and its calls are sent. Prints one
JSON list per session: for each call its isError and the text of its content. Checks nothing itself.
"""
import asyncio
import json
import os
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


async def session_calls(dabrepo, repo, log_path, calls, initialized, everyone_ready):
    params = StdioServerParameters(command=dabrepo, args=["mcp", "--repo", repo], env=dict(os.environ))
    with open(log_path, "w") as log:
        async with stdio_client(params, errlog=log) as (read, write):
            async with ClientSession(read, write) as session:
                await session.initialize()
                initialized()
                await everyone_ready.wait()
                answers = await asyncio.gather(*(session.call_tool(name, arguments) for name, arguments in calls))
                return [{"isError": bool(a.isError), "text": "\n".join(c.text for c in a.content if getattr(c, "type", "") == "text")}
                        for a in answers]


async def main(dabrepo, repo, log_prefix, ready_file, sessions):
    everyone_ready = asyncio.Event()
    count = {"n": 0}

    def initialized():
        count["n"] += 1
        if count["n"] == len(sessions):
            everyone_ready.set()
            with open(ready_file, "w") as f:
                f.write("ready\n")

    results = await asyncio.gather(*(session_calls(dabrepo, repo, f"{log_prefix}-{i}.log", calls, initialized, everyone_ready)
                                     for i, calls in enumerate(sessions)))
    print(json.dumps(results))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], json.load(sys.stdin)))
