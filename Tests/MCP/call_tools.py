#!/usr/bin/env python3
"""Calls tools of `dabrepo mcp` in order with the official Python MCP client (pip install mcp).

Usage: call_tools.py DABREPO REPO SERVER_LOG < calls.json
calls.json is a list of [tool name, arguments]. Prints one JSON list: for each call its isError, the
text of its content, its structuredContent and the progress notifications it sent ([progress, total,
message], in order; each call asks for them). The server's standard error (its log) goes to SERVER_LOG.
With MCP_PROGRESS_FILE set, each progress message is also appended to that file as it arrives (a test
can wait for one). The test that runs this asserts on the results; this script checks nothing itself.
"""
import asyncio
import json
import os
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


async def main(dabrepo, repo, log_path, calls):
    params = StdioServerParameters(command=dabrepo, args=["mcp", "--repo", repo], env=dict(os.environ))
    results = []
    with open(log_path, "w") as log:
        async with stdio_client(params, errlog=log) as (read, write):
            async with ClientSession(read, write) as session:
                await session.initialize()
                for name, arguments in calls:
                    steps = []

                    async def on_progress(progress, total, message):
                        steps.append([progress, total, message])
                        if os.environ.get("MCP_PROGRESS_FILE"):
                            with open(os.environ["MCP_PROGRESS_FILE"], "a") as seen:
                                seen.write(f"{message}\n")
                    result = await session.call_tool(name, arguments, progress_callback=on_progress)
                    results.append({
                        "isError": bool(result.isError),
                        "text": "\n".join(c.text for c in result.content if getattr(c, "type", "") == "text"),
                        "structured": result.structuredContent,
                        "progress": steps,
                    })
    print(json.dumps(results))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], json.load(sys.stdin)))
