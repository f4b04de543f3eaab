#!/usr/bin/env python3
"""Drives `dabrepo mcp` with the official Python MCP client (pip install mcp), as Claude Code would.

Usage: drive_mcp.py stdio DABREPO REPO   |   drive_mcp.py drain DABREPO REPO   |   drive_mcp.py http DABREPO REPO
The environment carries DATABRICKS_HOST / DATABRICKS_TOKEN of a local fake workspace. Prints one
"ok ..." line per check and exits 1 at the first that fails ("FAIL ...").
"""
import asyncio
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.client.streamable_http import streamablehttp_client

TOOLS = {
    "health", "list_jobs", "get_job", "run_job", "list_notebooks", "export_notebook", "execute_dbsql", "list_warehouses",
    "list_dbfs_files", "analyze_notebook", "generate_bundle", "generate_bundle_from_job", "validate_bundle", "create_tests",
    "get_cluster", "upload_bundle", "run_bundle_command", "sync_workspace_to_local", "init_bundle_repo", "refine_bundle",
    "diff_revisions", "list_revisions", "show_revision", "undo_revision", "read_bundle", "describe_fields", "edit_bundle",
}


def check(condition, what, detail=""):
    if not condition:
        print(f"FAIL {what}: {detail}", flush=True)
        os._exit(1)  # at once, also from inside the client's task groups
    print(f"ok {what}", flush=True)


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True, check=True).stdout.strip()


def text(result):
    return "\n".join(c.text for c in result.content if getattr(c, "type", "") == "text")


async def stdio(dabrepo, repo):
    params = StdioServerParameters(command=dabrepo, args=["mcp", "--repo", repo], env=dict(os.environ))
    secret = os.environ.get("DATABRICKS_TOKEN", "")
    seen = []
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            check(init.serverInfo.name == "dabrepo", "initialize", init.serverInfo)

            tools = (await session.list_tools()).tools
            check({t.name for t in tools} == TOOLS, "tools/list names every tool", sorted({t.name for t in tools} ^ TOOLS))
            for t in tools:
                schema = t.inputSchema
                check(schema.get("type") == "object" and isinstance(schema.get("properties"), dict)
                      and schema.get("additionalProperties") is False and t.description, f"{t.name} has a description and an object schema", schema)
            by_name = {t.name: t for t in tools}
            check(by_name["get_job"].inputSchema.get("required") == ["job_id"], "get_job requires job_id", by_name["get_job"].inputSchema)
            check(by_name["get_job"].inputSchema["properties"]["job_id"]["type"] == "integer", "job_id is an integer")
            check(by_name["validate_bundle"].annotations.readOnlyHint is True, "validate_bundle is read-only")
            # Running SQL or a job, uploading over workspace files: destructive (clients ask before they run them);
            # a revision of the repository can be undone.
            for name in ("execute_dbsql", "run_job", "upload_bundle", "undo_revision"):
                check(by_name[name].annotations.destructiveHint is True, f"{name} is marked destructive", by_name[name].annotations)
            check(by_name["refine_bundle"].annotations.destructiveHint is False, "refine_bundle is not destructive", by_name["refine_bundle"].annotations)

            # validate_bundle with no arguments validates the served repository.
            valid = await session.call_tool("validate_bundle", {})
            seen.append(valid)
            check(not valid.isError and valid.structuredContent["errors"] == 0 and valid.structuredContent["bundle"] == "demo",
                  "validate_bundle with no arguments", valid.structuredContent)
            job_file = os.path.join(repo, "resources", "demo.job.yml")
            original = open(job_file).read()
            with open(job_file, "w") as f:
                f.write(original.replace("num_workers: 2", "num_workers: ${var.worker_count}"))
            broken = await session.call_tool("validate_bundle", {"all_targets": True})
            with open(job_file, "w") as f:
                f.write(original)
            findings = broken.structuredContent.get("diagnostics", []) if broken.structuredContent else []
            check(not broken.isError and broken.structuredContent["errors"] >= 1
                  and any(d.get("file") == "resources/demo.job.yml" and d.get("line") for d in findings),
                  "validate_bundle reports findings with file and line (a result, not a tool error)", text(broken)[:400])

            # refine_bundle makes a commit.
            head = git(repo, "rev-parse", "HEAD")
            refined = await session.call_tool("refine_bundle", {"request": "set the timeout of demo_job to 2 hours"})
            seen.append(refined)
            data = refined.structuredContent or {}
            check(not refined.isError and data.get("status") == "committed", "refine_bundle commits", text(refined)[:400])
            check(git(repo, "rev-parse", "HEAD") == data["commit"] and git(repo, "rev-parse", "HEAD~1") == head, "the commit is HEAD, on top of the old HEAD")
            check(git(repo, "log", "-1", "--format=%s") == data["subject"], "its subject", git(repo, "log", "-1", "--format=%s"))
            check("timeout_seconds: 7200" in open(job_file).read() and git(repo, "status", "--porcelain") == "", "the file changed, the tree is clean")
            shown = await session.call_tool("show_revision", {})
            check(not shown.isError and "set the timeout of demo_job to 2 hours" in shown.structuredContent["message"], "show_revision has the transcript")
            listed = await session.call_tool("list_revisions", {"limit": 2})
            check(len(listed.structuredContent["items"]) == 2, "list_revisions", listed.structuredContent)
            diff = await session.call_tool("diff_revisions", {"from": "HEAD~1", "to": "HEAD"})
            check(not diff.isError and "timeout_seconds" in text(diff), "diff_revisions", text(diff)[:300])
            question = await session.call_tool("refine_bundle", {"request": "make the cluster bigger", "target": "nope"})
            check(question.isError and "nope" in text(question), "a refine that cannot run says why", text(question)[:300])
            # A follow-up continues the conversation of the earlier call.
            undone = await session.call_tool("refine_bundle", {"request": "undo that"})
            check(not undone.isError and undone.structuredContent.get("status") == "undone"
                  and git(repo, "rev-parse", "HEAD~1") == data["commit"] and "timeout_seconds" not in open(job_file).read(),
                  "a follow-up (\"undo that\") continues the conversation", text(undone))

            # The workspace, through the local fake.
            job = await session.call_tool("get_job", {"job_id": 871263})
            seen.append(job)
            check(not job.isError and job.structuredContent["settings"]["name"] == "Nightly Sales (v2)", "get_job against the fake workspace", text(job)[:300])
            missing = await session.call_tool("get_job", {"job_id": 9})
            check(missing.isError and "Job 9 does not exist" in text(missing), "get_job of a missing job is an error", text(missing))

            # Failures are results with isError and a message saying what to do.
            unknown = await session.call_tool("validate_bundel", {})
            check(unknown.isError and "did you mean validate_bundle" in text(unknown), "unknown tool", text(unknown))
            for arguments, expected in [({"job_id": "abc"}, "job_id must be an integer"), ({}, "job_id is required"),
                                        ({"job_id": 1, "jobid": 2}, "unknown argument jobid"), ({"job_id": True}, "job_id must be an integer")]:
                bad = await session.call_tool("get_job", arguments)
                check(bad.isError and expected in text(bad), f"bad arguments {arguments}", text(bad))

            # Progress of a long tool reaches a client that asks for it, before the result.
            steps = []

            async def on_progress(progress, total, message):
                steps.append((progress, total, message))
            generated = await session.call_tool("generate_bundle", {"workspace_folder": "/Workspace/Shared/prog", "key": "prog"},
                                                progress_callback=on_progress)
            check(not generated.isError and generated.structuredContent.get("job_key") == "prog", "generate_bundle", text(generated)[:300])
            check([(p, t) for p, t, _ in steps] == [(1.0, 3.0), (2.0, 3.0), (3.0, 3.0)]
                  and all(m.startswith("Downloading notebooks ") for _, _, m in steps), "progress notifications for generate_bundle", steps)
            check("\x1eprogress" not in text(generated), "progress lines stay out of the result")

            # 50 concurrent calls, all answered.
            calls = [("list_revisions", {"limit": 1}), ("validate_bundle", {}), ("health", {}), ("get_job", {"job_id": 871263}),
                     ("list_warehouses", {})]
            results = await asyncio.gather(*[session.call_tool(*calls[i % len(calls)]) for i in range(50)])
            seen += results
            check(len(results) == 50 and not any(r.isError for r in results), "50 concurrent calls answered",
                  [text(r)[:200] for r in results if r.isError][:3])

            # Replies larger than a pipe's buffer (64 KB), sent at once, each whole: the stdio transport
            # writes a long reply in parts, and another one was once written between them.
            with open(os.path.join(repo, "resources", "big.job.yml"), "w") as f:
                f.write("resources:\n  jobs:\n    big:\n      name: big\n      description: \"" + "lorem ipsum " * 8000 + "\"\n")
            git(repo, "add", "-A")
            git(repo, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "a big job")
            try:
                big = await asyncio.wait_for(asyncio.gather(*[session.call_tool("read_bundle", {}) for _ in range(8)]), 120)
            except asyncio.TimeoutError:
                check(False, "8 concurrent replies of 90 KB each arrive whole", "no answer in 120 s (replies spliced into one another)")
            check(all(not r.isError and len(text(r)) > 90000 for r in big), "8 concurrent replies of 90 KB each arrive whole",
                  [len(text(r)) for r in big])
    check(secret and not any(secret in text(r) for r in seen), "the token appears in no result")


def text_of(answer):
    return "".join(c.get("text", "") for c in answer.get("result", {}).get("content", []))


def drain(dabrepo, repo):
    """Requests written and standard input closed at once: every one is still answered, stdout holds only JSON."""
    messages = [{"jsonrpc": "2.0", "id": 1, "method": "initialize",
                 "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "drain", "version": "1"}}},
                {"jsonrpc": "2.0", "method": "notifications/initialized"}]
    messages += [{"jsonrpc": "2.0", "id": 10 + i, "method": "tools/call", "params": {"name": "validate_bundle", "arguments": {}}} for i in range(6)]
    messages.append({"jsonrpc": "2.0", "id": 99, "method": "tools/call", "params": {"name": "list_revisions", "arguments": {"limit": "x"}}})
    # Malformed params are the client's mistake: JSON-RPC's invalid params (-32602), not an internal error.
    malformed = {100: {"arguments": {}}, 101: {"name": "validate_bundle", "arguments": [1]}, 102: "validate_bundle"}
    messages += [{"jsonrpc": "2.0", "id": i, "method": "tools/call", "params": params} for i, params in malformed.items()]
    messages.append({"jsonrpc": "2.0", "id": 103, "method": "tools/list", "params": [1]})
    malformed[103] = [1]
    # Not JSON at all, and JSON-RPC without "jsonrpc": JSON-RPC's own errors (-32700 with id null, -32600).
    raw = "not json\n" + json.dumps({"id": 104, "method": "tools/list"}) + "\n"
    # A request whose id is null (MCP forbids it): invalid, answered with id null (it was answered with id ""
    # and the server then never exited when its input closed).
    raw += json.dumps({"jsonrpc": "2.0", "id": None, "method": "ping"}) + "\n"
    # A 5 MB message is read as it comes (the SDK's transport took two minutes over it, answering
    # nothing else meanwhile): refused as too long, the calls after it answered.
    raw += json.dumps({"jsonrpc": "2.0", "id": 105, "method": "tools/call", "params": {"name": "refine_bundle", "arguments": {"request": "x" * 5_000_000}}}) + "\n"
    raw += json.dumps({"jsonrpc": "2.0", "id": 106, "method": "tools/call", "params": {"name": "validate_bundle", "arguments": {}}}) + "\n"
    run = subprocess.run([dabrepo, "mcp", "--repo", repo], input="".join(json.dumps(m) + "\n" for m in messages) + raw,
                         capture_output=True, text=True, timeout=120)
    lines = [l for l in run.stdout.splitlines() if l.strip()]
    answers = [json.loads(l) for l in lines]
    parse = [a for a in answers if a.get("id") is None and "error" in a]
    check(len(parse) == 2 and parse[0]["error"]["code"] == -32700, "a message that is not JSON is a parse error with id null", parse)
    check(parse[1]["error"]["code"] == -32600 and not any(a.get("id") == "" for a in answers), "a request with id null is an invalid request (-32600)", parse)
    invalid = next((a for a in answers if a.get("id") == 104), {})
    check(invalid.get("error", {}).get("code") == -32600, "a message without jsonrpc is an invalid request (-32600)", invalid)
    huge = next((a for a in answers if a.get("id") == 105), {})
    check(huge.get("result", {}).get("isError") is True and "KB long" in text_of(huge), "a 5 MB request is read and refused as too long", str(huge)[:300])
    after = next((a for a in answers if a.get("id") == 106), {})
    check(after.get("result", {}).get("isError") is False, "the call after a 5 MB message is answered", str(after)[:300])
    answers = [a for a in answers if a.get("id") not in (None, 104, 105, 106)]
    ids = sorted(a["id"] for a in answers if "id" in a)
    check(run.returncode == 0, "the server exits 0 when standard input closes", run.stderr[-500:])
    check(ids == [1, 10, 11, 12, 13, 14, 15, 99, 100, 101, 102, 103], "every in-flight request is answered before exit", ids)
    for i in malformed:
        error = next(a for a in answers if a.get("id") == i).get("error") or {}
        check(error.get("code") == -32602 and "Invalid params" in error.get("message", ""), f"malformed params {malformed[i]!r} are invalid params (-32602)", error)
    check(all(a["result"]["isError"] is False for a in answers if 10 <= a.get("id", 0) < 99), "the calls succeeded")
    check(next(a for a in answers if a.get("id") == 99)["result"]["isError"] is True, "bad arguments are a result with isError")
    check("dabrepo mcp: serving" in run.stderr, "logs go to standard error", run.stderr[:200])

    # A call the client cancels terminates its command (with crash isolation, tools run as child
    # processes) or is abandoned (in process), and the server still exits when stdin closes.
    for isolation in ["process", "in-process"]:
        cancelled_call(dabrepo, repo, messages[:2], isolation)


def cancelled_call(dabrepo, repo, opening, isolation):
    host = os.environ["DATABRICKS_HOST"]
    fault = {"path": "/api/2.0/preview/scim/v2/Me", "delay": 60, "times": 1}
    urllib.request.urlopen(urllib.request.Request(host + "/__faults", data=json.dumps(fault).encode(), method="POST"), timeout=10)
    seen_before = json.loads(urllib.request.urlopen(host + "/__requests", timeout=10).read())["requests"]
    server = subprocess.Popen([dabrepo, "mcp", "--repo", repo], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=dict(os.environ, DABREPO_TOOL_ISOLATION=isolation))
    for m in opening + [{"jsonrpc": "2.0", "id": 5, "method": "tools/call", "params": {"name": "health", "arguments": {}}}]:
        server.stdin.write(json.dumps(m) + "\n")
    server.stdin.flush()

    def children():
        out = subprocess.run(["pgrep", "-f", "-P", str(server.pid), "workspace health"], capture_output=True, text=True).stdout
        return out.split()

    def user_requests():
        seen = json.loads(urllib.request.urlopen(host + "/__requests", timeout=10).read())["requests"]
        return sum(1 for r in seen if r.get("path") == "/api/2.0/preview/scim/v2/Me")

    before = sum(1 for r in seen_before if r.get("path") == "/api/2.0/preview/scim/v2/Me")

    def delayed_request_seen():
        return user_requests() > before

    deadline = time.time() + 20
    while not (children() if isolation == "process" else delayed_request_seen()) and time.time() < deadline:
        time.sleep(0.1)
    if isolation == "process":
        check(children(), "the health call runs its command")
    else:
        check(delayed_request_seen(), "the health call runs in process")
    server.stdin.write(json.dumps({"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": 5, "reason": "test"}}) + "\n")
    server.stdin.flush()
    deadline = time.time() + 10
    while children() and time.time() < deadline:
        time.sleep(0.1)
    check(not children(), "cancelling the call terminates its command")
    server.stdin.close()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        check(False, f"the server exits after a cancelled call when stdin closes ({isolation})")
    check(server.returncode == 0, f"the server exits after a cancelled call when stdin closes ({isolation})", server.returncode)


async def http(dabrepo, repo):
    refused = subprocess.run([dabrepo, "mcp", "--repo", repo, "--http", "0.0.0.0:0"], capture_output=True, text=True, timeout=30)
    check(refused.returncode == 2 and "--allow-remote" in refused.stderr, "another interface needs --allow-remote", refused.stderr)
    # stdbuf -o0: whatever the server writes to standard output reaches the pipe at once, so the check
    # below sees it even though terminate() leaves no chance to flush a buffer.
    server = subprocess.Popen(["stdbuf", "-o0", dabrepo, "mcp", "--repo", repo, "--http", "0"], stderr=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        url = token = None
        while url is None or token is None:
            line = server.stderr.readline()
            check(line != "", "the HTTP server starts", line)
            url = url or (re.search(r"at (http://127\.0\.0\.1:\d+/mcp)", line) or [None, None])[1]
            token = token or (re.search(r"bearer token \(shown once\): ([0-9a-f]{64})", line) or [None, None])[1]
        body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                           "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}).encode()
        def post(data, authorization, timeout=10):
            """POSTs a raw body to the endpoint: the HTTP status and the JSON answer (empty when none)."""
            request = urllib.request.Request(url, data=data, method="POST",
                                             headers={"Content-Type": "application/json", "Accept": "application/json, text/event-stream",
                                                      **({"Authorization": authorization} if authorization else {})})
            try:
                urllib.request.urlopen(request, timeout=timeout)
                return 200, {}
            except urllib.error.HTTPError as e:
                raw = e.read()
                try:
                    return e.code, json.loads(raw or b"{}")
                except ValueError:
                    return e.code, {}

        for header in [None, "Bearer " + "0" * 64]:
            status, _ = post(body, header)
            check(status == 401, f"a request {'without a token' if header is None else 'with a wrong token'} is refused (401)", status)
        bearer = f"Bearer {token}"
        # A body that is not JSON: JSON-RPC's parse error (-32700), not "send initialize first".
        status, answer = post(b'{"jsonrpc": "2.0", "id": 1, "method": "initialize"', bearer)
        check(status == 400 and answer.get("error", {}).get("code") == -32700, "a body that is not JSON is a parse error", (status, answer))
        # An id that is an object: JSON-RPC's invalid request (-32600), not 202.
        status, answer = post(b'{"jsonrpc": "2.0", "id": {"a": 1}, "method": "initialize", "params": {}}', bearer)
        check(status == 400 and answer.get("error", {}).get("code") == -32600, "an object as the id is an invalid request", (status, answer))
        # A body past the limit (16 MB): 413 at once, and the server still answers others.
        status, _ = post(b'{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"x": "' + b"a" * 17_000_000 + b'"}}', bearer, timeout=30)
        check(status == 413, "a body over 16 MB is refused (413)", status)
        async with streamablehttp_client(url, headers={"Authorization": f"Bearer {token}"}) as (read, write, _):
            async with ClientSession(read, write) as session:
                await session.initialize()
                tools = (await session.list_tools()).tools
                check({t.name for t in tools} == TOOLS, "tools/list over HTTP")
                valid = await session.call_tool("validate_bundle", {})
                check(not valid.isError and valid.structuredContent["errors"] == 0, "validate_bundle over HTTP", text(valid)[:300])
                results = await asyncio.gather(*[session.call_tool("list_revisions", {"limit": 1}) for _ in range(10)])
                check(all(not r.isError for r in results), "concurrent calls over HTTP")
    finally:
        server.terminate()
        server.wait(timeout=10)
    # Everything the server wrote to standard output, now that it has exited.
    out = server.stdout.read()
    check(out == "", "nothing on standard output", out[:300])
    check(token not in out, "the token is not on standard output")

    # Another interface, explicitly allowed: the token is still required.
    remote = subprocess.Popen([dabrepo, "mcp", "--repo", repo, "--http", "0.0.0.0:0", "--allow-remote"], stderr=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, text=True)
    try:
        line = remote.stderr.readline()
        port = (re.search(r"at http://0\.0\.0\.0:(\d+)/mcp", line) or [None, None])[1]
        check(port is not None, "--allow-remote listens on 0.0.0.0", line)
        request = urllib.request.Request(f"http://127.0.0.1:{port}/mcp", data=body, method="POST",
                                         headers={"Content-Type": "application/json", "Accept": "application/json, text/event-stream"})
        try:
            urllib.request.urlopen(request, timeout=10)
            status = 200
        except urllib.error.HTTPError as e:
            status = e.code
        check(status == 401, "with --allow-remote a request without the token is still refused", status)
    finally:
        remote.terminate()
        remote.wait(timeout=10)


if __name__ == "__main__":
    # A server that stops answering fails the test in minutes, never hangs the suite.
    import signal
    signal.signal(signal.SIGALRM, lambda *_: (print("FAIL the MCP server stopped answering (300 s)", flush=True), os._exit(1)))
    signal.alarm(300)
    mode, dabrepo, repo = sys.argv[1:4]
    if mode == "stdio":
        asyncio.run(stdio(dabrepo, repo))
    elif mode == "drain":
        drain(dabrepo, repo)
    else:
        asyncio.run(http(dabrepo, repo))
    print("all checks passed")
