#!/usr/bin/env python3
"""A fake Databricks workspace for dabrepo's tests: the real endpoints and payload shapes, on 127.0.0.1.

Usage: fake_workspace.py --state STATE.json [--port 0] [--token T] [--client-id ID --client-secret S]
Prints "PORT <n>" once it listens. STATE.json: {"jobs": [<jobs/get payloads>], "notebooks": {path: {"content": text,
"language": "PYTHON"} or {"content": text, "object_type": "FILE"}}, "user": "ana@example.com"}.

Faults on demand: POST /__faults {"path": "/api/2.2/jobs/list", "status": 429, "times": 2, "retry_after": "1",
"delay": 0.0, "truncate": false}. POST /__notebooks {"path": p, "content": text} adds or changes a notebook. GET /__requests lists the requests seen (method, path, query, authorized).
"""
import argparse
import base64
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

LOCK = threading.Lock()


class State:
    def __init__(self, path, token, client_id, client_secret):
        with open(path) as f:
            data = json.load(f)
        self.jobs = {j["job_id"]: j for j in data.get("jobs", [])}
        self.notebooks = data.get("notebooks", {})
        self.user = data.get("user", "ana@example.com")
        self.task_page_size = data.get("task_page_size", 100)
        self.token = token
        self.client_id = client_id
        self.client_secret = client_secret
        self.oauth_tokens = set()
        self.runs = {}
        self.statements = {}
        self.warehouses = data.get("warehouses", [{"id": "abc123", "name": "Serverless Starter Warehouse", "state": "RUNNING", "cluster_size": "2X-Small"}])
        self.clusters = {c["cluster_id"]: c for c in data.get("clusters", [])}
        self.dbfs = data.get("dbfs", {})
        self.directories = set(data.get("directories", ["/", "/Workspace", "/Workspace/Users", "/Workspace/Shared", "/Users", "/Shared"]))
        self.faults = []
        self.requests = []


class Handler(BaseHTTPRequestHandler):
    state = None
    latency = 0.0

    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=None, truncate=False):
        raw = json.dumps(body).encode()
        if truncate:
            raw = raw[: max(1, len(raw) // 2)]
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def error(self, status, code, message):
        self.reply(status, {"error_code": code, "message": message})

    def authorized(self):
        auth = self.headers.get("Authorization", "")
        if not auth.startswith("Bearer "):
            return False
        token = auth[len("Bearer "):]
        return (self.state.token and token == self.state.token) or token in self.state.oauth_tokens

    def fault(self, path):
        with LOCK:
            for f in self.state.faults:
                if f["path"] == path and f.get("times", 1) > 0:
                    f["times"] = f.get("times", 1) - 1
                    return f
        return None

    def do_POST(self):
        self.handle_request("POST")

    def do_GET(self):
        self.handle_request("GET")

    def handle_request(self, method):
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        with LOCK:
            if not url.path.startswith("/__"):
                self.state.requests.append({"method": method, "path": url.path, "query": query, "authorized": self.authorized()})
        if url.path == "/__faults" and method == "POST":
            with LOCK:
                self.state.faults.append(json.loads(body))
            return self.reply(200, {})
        if url.path == "/__notebooks" and method == "POST":
            change = json.loads(body)
            with LOCK:
                self.state.notebooks.setdefault(change["path"], {}).update({k: v for k, v in change.items() if k != "path"})
            return self.reply(200, {})
        if url.path == "/__requests":
            with LOCK:
                return self.reply(200, {"requests": self.state.requests})
        if url.path == "/.well-known/databricks-config":
            return self.reply(200, {"workspace_id": "1234567890", "cloud": "aws"})
        if url.path == "/oidc/v1/token" and method == "POST":
            auth = self.headers.get("Authorization", "")
            expected = base64.b64encode(f"{self.state.client_id}:{self.state.client_secret}".encode()).decode()
            form = parse_qs(body.decode())
            if auth != "Basic " + expected or form.get("grant_type") != ["client_credentials"] or form.get("scope") != ["all-apis"]:
                return self.reply(401, {"error": "invalid_client", "error_description": "Client authentication failed"})
            token = f"oauth-test-{len(self.state.oauth_tokens) + 1}"
            with LOCK:
                self.state.oauth_tokens.add(token)
            return self.reply(200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600, "scope": "all-apis"})
        if url.path.startswith("/api/") and self.latency:
            time.sleep(self.latency)
        fault = self.fault(url.path)
        if fault:
            time.sleep(fault.get("delay", 0))
            if fault.get("status"):
                headers = {"Retry-After": str(fault["retry_after"])} if "retry_after" in fault else {}
                codes = {429: "TOO_MANY_REQUESTS", 503: "TEMPORARILY_UNAVAILABLE", 401: "UNAUTHENTICATED"}
                return self.reply(fault["status"], {"error_code": codes.get(fault["status"], "INTERNAL_ERROR"), "message": "injected fault"}, headers)
        if not self.authorized():
            return self.error(401, "UNAUTHENTICATED", "Invalid access token.")
        truncate = bool(fault and fault.get("truncate"))
        if url.path == "/api/2.0/preview/scim/v2/Me":
            return self.reply(200, {"userName": self.state.user, "displayName": "Ana", "active": True}, truncate=truncate)
        if url.path == "/api/2.2/jobs/list":
            jobs = sorted(self.state.jobs.values(), key=lambda j: j["job_id"])
            if "name" in query:
                jobs = [j for j in jobs if j["settings"].get("name") == query["name"]]
            limit = int(query.get("limit", 20))
            offset = int(query.get("page_token", "0"))
            page = jobs[offset: offset + limit]
            answer = {"jobs": [{"job_id": j["job_id"], "created_time": j.get("created_time", 0),
                                "settings": {"name": j["settings"].get("name"), "format": "MULTI_TASK"}} for j in page],
                      "has_more": offset + limit < len(jobs)}
            if offset + limit < len(jobs):
                answer["next_page_token"] = str(offset + limit)
            return self.reply(200, answer, truncate=truncate)
        if url.path == "/api/2.2/jobs/get":
            try:
                job_id = int(query.get("job_id", ""))
            except ValueError:
                return self.error(400, "INVALID_PARAMETER_VALUE", "Invalid job_id.")
            job = self.state.jobs.get(job_id)
            if not job:
                return self.error(400, "INVALID_PARAMETER_VALUE", f"Job {job_id} does not exist.")
            tasks = job["settings"].get("tasks", [])
            offset = int(query.get("page_token", "0"))
            size = self.state.task_page_size
            answer = json.loads(json.dumps(job))
            answer["settings"]["tasks"] = tasks[offset: offset + size]
            if offset > 0:
                answer["settings"] = {"tasks": tasks[offset: offset + size]}
            # (As the Jobs API 2.2 answers: has_more says whether more array properties are on later pages.)
            answer["has_more"] = offset + size < len(tasks)
            if offset + size < len(tasks):
                answer["next_page_token"] = str(offset + size)
            return self.reply(200, answer, truncate=truncate)
        if url.path == "/api/2.2/jobs/run-now" and method == "POST":
            request = json.loads(body or b"{}")
            if request.get("job_id") not in self.state.jobs:
                return self.error(400, "INVALID_PARAMETER_VALUE", f"Job {request.get('job_id')} does not exist.")
            with LOCK:
                run_id = 5000 + len(self.state.runs)
                self.state.runs[run_id] = {"polls": 0, "job_id": request["job_id"], "params": request.get("job_parameters", {})}
            return self.reply(200, {"run_id": run_id, "number_in_job": run_id})
        if url.path == "/api/2.2/jobs/runs/get":
            run = self.state.runs.get(int(query.get("run_id", "0")))
            if not run:
                return self.error(400, "INVALID_PARAMETER_VALUE", f"Run {query.get('run_id')} does not exist.")
            with LOCK:
                run["polls"] += 1
            states = ["PENDING", "RUNNING", "TERMINATED"]
            life = states[min(run["polls"] - 1, 2)]
            state = {"life_cycle_state": life, "state_message": ""}
            if life == "TERMINATED":
                state["result_state"] = "FAILED" if run["params"].get("fail") else "SUCCESS"
                if run["params"].get("fail"):
                    state["state_message"] = "Task ingest failed with message: " + run["params"]["fail"]
            return self.reply(200, {"run_id": int(query["run_id"]), "job_id": run["job_id"], "state": state,
                                    "run_page_url": f"http://127.0.0.1/#job/{run['job_id']}/run/{query['run_id']}"})
        if url.path == "/api/2.0/sql/warehouses":
            return self.reply(200, {"warehouses": self.state.warehouses})
        if url.path == "/api/2.1/clusters/get":
            cluster = self.state.clusters.get(query.get("cluster_id", ""))
            if not cluster:
                return self.error(400, "INVALID_PARAMETER_VALUE", f"Cluster {query.get('cluster_id')} does not exist")
            return self.reply(200, cluster)
        if url.path == "/api/2.0/dbfs/list":
            files = self.state.dbfs.get(query.get("path", "/"))
            if files is None:
                return self.error(404, "RESOURCE_DOES_NOT_EXIST", f"No file or directory exists on path {query.get('path')}.")
            return self.reply(200, {"files": files})
        if url.path == "/api/2.0/sql/statements" and method == "POST":
            request = json.loads(body or b"{}")
            if request.get("warehouse_id") not in [w["id"] for w in self.state.warehouses]:
                return self.error(404, "RESOURCE_DOES_NOT_EXIST", f"Warehouse {request.get('warehouse_id')} does not exist.")
            with LOCK:
                sid = f"stmt-{len(self.state.statements) + 1}"
                self.state.statements[sid] = {"sql": request.get("statement", ""), "polls": 0}
            return self.reply(200, {"statement_id": sid, "status": {"state": "PENDING"}})
        if url.path.startswith("/api/2.0/sql/statements/"):
            sid = url.path.rsplit("/", 1)[1]
            st = self.state.statements.get(sid)
            if not st:
                return self.error(404, "RESOURCE_DOES_NOT_EXIST", f"Statement {sid} does not exist.")
            st["polls"] += 1
            if st["polls"] < 2:
                return self.reply(200, {"statement_id": sid, "status": {"state": "RUNNING"}})
            if "FAIL" in st["sql"].upper():
                return self.reply(200, {"statement_id": sid, "status": {"state": "FAILED", "error": {"error_code": "BAD_REQUEST", "message": "[TABLE_OR_VIEW_NOT_FOUND] The table cannot be found."}}})
            return self.reply(200, {"statement_id": sid, "status": {"state": "SUCCEEDED"},
                                    "manifest": {"schema": {"columns": [{"name": "trips", "type_name": "LONG"}, {"name": "zone", "type_name": "STRING"}]}},
                                    "result": {"data_array": [["42", "Midtown"], ["7", "Harlem"]]}})
        if url.path == "/api/2.0/workspace/list":
            folder = query.get("path", "/").rstrip("/")
            children = {}
            for path, notebook in self.state.notebooks.items():
                if not path.startswith(folder + "/"):
                    continue
                rest = path[len(folder) + 1:]
                if "/" in rest:
                    name = rest.split("/")[0]
                    children[folder + "/" + name] = {"path": folder + "/" + name, "object_type": "DIRECTORY", "object_id": abs(hash(name)) % 10**9}
                else:
                    kind = notebook.get("object_type", "NOTEBOOK")
                    children[path] = {"path": path, "object_type": kind, "object_id": abs(hash(path)) % 10**9}
                    if kind == "NOTEBOOK":
                        children[path]["language"] = notebook.get("language", "PYTHON")
            if not children and folder not in ("", "/"):
                return self.error(404, "RESOURCE_DOES_NOT_EXIST", f"Path ({folder}) doesn't exist.")
            return self.reply(200, {"objects": sorted(children.values(), key=lambda o: o["path"])})
        if url.path == "/api/2.0/workspace/mkdirs" and method == "POST":
            path = json.loads(body or b"{}").get("path", "").rstrip("/")
            if not path.startswith("/"):
                return self.error(400, "INVALID_PARAMETER_VALUE", f"Path ({path}) must be absolute.")
            with LOCK:
                if path in self.state.notebooks:
                    return self.error(400, "RESOURCE_ALREADY_EXISTS", f"Path ({path}) already exists and is not a directory.")
                parts = path.split("/")
                for i in range(2, len(parts) + 1):
                    self.state.directories.add("/".join(parts[:i]))
            return self.reply(200, {})
        if url.path == "/api/2.0/workspace/import" and method == "POST":
            request = json.loads(body or b"{}")
            path = request.get("path", "").rstrip("/")
            fmt = request.get("format", "SOURCE")
            parent = path.rsplit("/", 1)[0] or "/"
            try:
                raw = base64.b64decode(request.get("content", ""), validate=True)
            except Exception:
                return self.error(400, "INVALID_PARAMETER_VALUE", "The content is not valid base64.")
            try:
                text = raw.decode()
            except UnicodeDecodeError:
                if fmt == "SOURCE":
                    return self.error(400, "INVALID_PARAMETER_VALUE", "A notebook's source must be UTF-8 text.")
                text = None  # a binary workspace file: kept as bytes
            if fmt == "SOURCE" and request.get("language") not in ("PYTHON", "SQL", "SCALA", "R"):
                return self.error(400, "INVALID_PARAMETER_VALUE", "language is required when format is SOURCE.")
            with LOCK:
                known = {p.rsplit("/", 1)[0] for p in self.state.notebooks}
                if parent not in self.state.directories and parent not in known:
                    return self.error(404, "RESOURCE_DOES_NOT_EXIST", f"The parent folder ({parent}) does not exist.")
                if path in self.state.notebooks and not request.get("overwrite"):
                    return self.error(400, "RESOURCE_ALREADY_EXISTS", f"{path} already exists.")
                entry = {"content": text} if text is not None else {"content_base64": request["content"]}
                if fmt == "SOURCE":
                    entry["language"] = request["language"]
                else:
                    entry["object_type"] = "FILE"
                self.state.notebooks[path] = entry
            return self.reply(200, {})
        if url.path == "/api/2.0/workspace/get-status":
            path = query.get("path", "").rstrip("/")
            notebook = self.state.notebooks.get(path)
            if notebook is not None:
                kind = notebook.get("object_type", "NOTEBOOK")
                status = {"path": path, "object_type": kind, "object_id": abs(hash(path)) % 10**9}
                if kind == "NOTEBOOK":
                    status["language"] = notebook.get("language", "PYTHON")
                return self.reply(200, status)
            if path in self.state.directories or any(p.startswith(path + "/") for p in self.state.notebooks):
                return self.reply(200, {"path": path, "object_type": "DIRECTORY", "object_id": abs(hash(path)) % 10**9})
            return self.error(404, "RESOURCE_DOES_NOT_EXIST", f"Path ({path}) doesn't exist.")
        if url.path == "/api/2.0/workspace/export":
            notebook = self.state.notebooks.get(query.get("path", ""))
            if notebook is None:
                return self.error(404, "RESOURCE_DOES_NOT_EXIST", f"Path ({query.get('path')}) doesn't exist.")
            if "content_base64" in notebook:
                return self.reply(200, {"content": notebook["content_base64"]})
            text = notebook["content"]
            if query.get("format") == "JUPYTER":
                cells = [{"cell_type": "code", "metadata": {}, "source": c.strip("\n"), "outputs": [], "execution_count": None}
                         for c in text.split("# COMMAND ----------")]
                text = json.dumps({"cells": cells, "metadata": {"language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5})
            content = base64.b64encode(text.encode()).decode()
            if notebook.get("object_type", "NOTEBOOK") != "NOTEBOOK":
                return self.reply(200, {"content": content})
            return self.reply(200, {"content": content, "file_type": {"PYTHON": "py", "SQL": "sql"}.get(notebook.get("language", "PYTHON"), "py")})
        return self.error(404, "ENDPOINT_NOT_FOUND", f"No API found for '{method} {url.path}'")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--state", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--token", default="test-token-1")
    ap.add_argument("--client-id", default="test-client")
    ap.add_argument("--client-secret", default="test-secret")
    ap.add_argument("--latency", type=float, default=0.0, help="seconds added to every API answer (benchmarks)")
    args = ap.parse_args()
    Handler.state = State(args.state, args.token, args.client_id, args.client_secret)
    Handler.latency = args.latency
    ThreadingHTTPServer.request_queue_size = 128  # clients open many connections at once
    ThreadingHTTPServer.daemon_threads = True
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
