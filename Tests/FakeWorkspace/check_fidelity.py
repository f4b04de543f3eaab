#!/usr/bin/env python3
"""Checks that the fake workspace speaks the real wire format, using the official Python SDK
(databricks-sdk==0.156.0): every answer must survive `from_dict(answer).as_dict()` unchanged (so every
field exists in the SDK with the right type and enum values), and the SDK's own high-level calls
(pagination included) must work against the fake.

Usage: check_fidelity.py   (exit 0 when faithful; prints each difference otherwise)
"""
import json
import os
import subprocess
import sys
import tempfile

from databricks.sdk import WorkspaceClient
from databricks.sdk.service import compute, files, iam, jobs, sql, workspace

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "DabrepoCLITests", "Fixtures", "jobs", "nightly_sales.json")


def state():
    with open(FIXTURE) as f:
        nightly = json.load(f)
    extra = [{"job_id": 1000 + i, "settings": {"name": f"job {i}", "tasks": [{"task_key": "t", "notebook_task": {"notebook_path": "/Shared/x"}}]}}
             for i in range(1, 30)]
    return {
        "jobs": [nightly] + extra, "task_page_size": 1, "user": "ana@example.com",
        "notebooks": {"/Workspace/Shared/etl/ingest": {"content": "# Databricks notebook source\nprint(1)\n", "language": "PYTHON"},
                      "/Workspace/Shared/etl/sub/report": {"content": "-- Databricks notebook source\nSELECT 1\n", "language": "SQL"},
                      "/Workspace/Shared/etl/conf.json": {"content": "{}\n", "object_type": "FILE"}},
        "clusters": [{"cluster_id": "0123-456789-abcdefgh", "cluster_name": "shared", "state": "RUNNING", "num_workers": 2,
                      "spark_version": "15.4.x-scala2.12", "node_type_id": "i3.xlarge"}],
        "dbfs": {"/FileStore": [{"path": "/FileStore/tables", "is_dir": True, "file_size": 0},
                                {"path": "/FileStore/a.csv", "is_dir": False, "file_size": 12, "modification_time": 1700000000000}]},
    }


def prune(value):
    if isinstance(value, dict):
        return {k: prune(v) for k, v in value.items() if v != {} and v != []}
    if isinstance(value, list):
        return [prune(v) for v in value]
    return value


def main():
    problems = []
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "state.json")
        with open(path, "w") as f:
            json.dump(state(), f)
        fake = subprocess.Popen([sys.executable, os.path.join(HERE, "fake_workspace.py"), "--state", path], stdout=subprocess.PIPE, text=True)
        try:
            host = "http://127.0.0.1:" + fake.stdout.readline().split()[1]
            w = WorkspaceClient(host=host, token="test-token-1", auth_type="pat")
            raw = lambda method, p, query=None, body=None: w.api_client.do(method, p, query=query, body=body)

            def same(name, cls, answer):
                answer = prune(answer)  # as_dict() leaves out empty maps and lists
                back = cls.from_dict(answer).as_dict()
                if back != answer:
                    problems.append(f"{name}: the SDK reads {json.dumps(answer, sort_keys=True)[:400]}\n   as {json.dumps(back, sort_keys=True)[:400]}")

            same("scim/v2/Me", iam.User, raw("GET", "/api/2.0/preview/scim/v2/Me"))
            same("jobs/list", jobs.ListJobsResponse, raw("GET", "/api/2.2/jobs/list", {"limit": 5}))
            same("jobs/get", jobs.Job, raw("GET", "/api/2.2/jobs/get", {"job_id": 871263}))
            run = raw("POST", "/api/2.2/jobs/run-now", body={"job_id": 871263, "job_parameters": {"run_date": "2026-11-20"}})
            same("jobs/run-now", jobs.RunNowResponse, run)
            for _ in range(3):
                same("jobs/runs/get", jobs.Run, raw("GET", "/api/2.2/jobs/runs/get", {"run_id": run["run_id"]}))
            # The SDK's own calls reach the fake at the paths the SDK knows (a path of the fake and of
            # dabrepo's client that the real API does not serve — /api/2.2/runs/get — failed nowhere).
            sdk_calls = {
                "jobs.get_run": lambda: w.jobs.get_run(run["run_id"]),
                "jobs.get": lambda: w.jobs.get(871263),
                "jobs.list": lambda: next(iter(w.jobs.list(limit=5)), None),
                "jobs.run_now": lambda: w.jobs.run_now(871263, job_parameters={"run_date": "2026-11-20"}).response,
                "workspace.list": lambda: list(w.workspace.list("/Workspace/Shared/etl")),
                "workspace.export": lambda: w.workspace.export("/Workspace/Shared/etl/ingest", format=workspace.ExportFormat.SOURCE),
                "warehouses.list": lambda: list(w.warehouses.list()),
                "clusters.get": lambda: w.clusters.get("0123-456789-abcdefgh"),
                # (The generated call: the SDK's w.dbfs.list helper asks get-status first, which dabrepo never does.)
                "dbfs.list": lambda: list(files.DbfsAPI(w.api_client).list("/FileStore")),
                "current_user.me": lambda: w.current_user.me(),
            }
            for name, call in sdk_calls.items():
                try:
                    call()
                except Exception as error:
                    problems.append(f"{name}: the SDK's call failed against the fake: {error}")
            same("workspace/list", workspace.ListResponse, raw("GET", "/api/2.0/workspace/list", {"path": "/Workspace/Shared/etl"}))
            same("workspace/get-status", workspace.ObjectInfo, raw("GET", "/api/2.0/workspace/get-status", {"path": "/Workspace/Shared/etl/ingest"}))
            same("workspace/export", workspace.ExportResponse, raw("GET", "/api/2.0/workspace/export", {"path": "/Workspace/Shared/etl/ingest", "format": "SOURCE"}))
            same("sql/warehouses", sql.ListWarehousesResponse, raw("GET", "/api/2.0/sql/warehouses"))
            same("clusters/get", compute.ClusterDetails, raw("GET", "/api/2.1/clusters/get", {"cluster_id": "0123-456789-abcdefgh"}))
            same("dbfs/list", files.ListStatusResponse, raw("GET", "/api/2.0/dbfs/list", {"path": "/FileStore"}))
            statement = raw("POST", "/api/2.0/sql/statements", body={"warehouse_id": "abc123", "statement": "SELECT 1 AS n", "wait_timeout": "0s"})
            same("sql/statements", sql.StatementResponse, statement)
            for _ in range(2):
                same("sql/statements/{id}", sql.StatementResponse, raw("GET", f"/api/2.0/sql/statements/{statement['statement_id']}"))

            # The SDK's own calls: pagination of jobs/list and of jobs/get's task pages.
            listed = list(w.jobs.list(limit=7))
            if len(listed) != 30:
                problems.append(f"jobs.list through the SDK: {len(listed)} jobs, expected 30 (pagination)")
            job = w.jobs.get(871263)
            expected_tasks = len(state()["jobs"][0]["settings"]["tasks"])
            if len(job.settings.tasks or []) != expected_tasks:
                problems.append(f"jobs.get through the SDK: {len(job.settings.tasks or [])} tasks, expected {expected_tasks} (task pages)")
            if w.current_user.me().user_name != "ana@example.com":
                problems.append("current_user.me() through the SDK does not name the user")
            names = sorted(o.path for o in w.workspace.list("/Workspace/Shared/etl", recursive=True))
            if names != ["/Workspace/Shared/etl/conf.json", "/Workspace/Shared/etl/ingest", "/Workspace/Shared/etl/sub/report"]:
                problems.append(f"workspace.list(recursive=True) through the SDK: {names}")
            # Uploads as the SDK makes them: mkdirs, then import of a notebook (SOURCE) and a file (AUTO).
            import base64 as b64
            w.workspace.mkdirs("/Workspace/Users/ana@example.com/.bundle/demo/dev/files/src")
            w.workspace.import_("/Workspace/Users/ana@example.com/.bundle/demo/dev/files/src/nb", format=workspace.ImportFormat.SOURCE,
                                language=workspace.Language.PYTHON, overwrite=True,
                                content=b64.b64encode(b"# Databricks notebook source\nprint(1)\n").decode())
            w.workspace.import_("/Workspace/Users/ana@example.com/.bundle/demo/dev/files/src/conf.json", format=workspace.ImportFormat.AUTO,
                                overwrite=True, content=b64.b64encode(b"{}").decode())
            uploaded = {o.path: o.object_type for o in w.workspace.list("/Workspace/Users/ana@example.com/.bundle/demo/dev/files/src")}
            if uploaded != {"/Workspace/Users/ana@example.com/.bundle/demo/dev/files/src/nb": workspace.ObjectType.NOTEBOOK,
                            "/Workspace/Users/ana@example.com/.bundle/demo/dev/files/src/conf.json": workspace.ObjectType.FILE}:
                problems.append(f"workspace.import_ through the SDK: {uploaded}")
            same("workspace/import", workspace.ImportResponse, raw("POST", "/api/2.0/workspace/import", body={
                "path": "/Workspace/Users/ana@example.com/.bundle/demo/dev/files/src/nb", "format": "SOURCE", "language": "PYTHON",
                "overwrite": True, "content": b64.b64encode(b"print(2)").decode()}))
        finally:
            fake.terminate()
    for p in problems:
        print("NOT FAITHFUL " + p)
    print("fake workspace fidelity: " + ("OK" if not problems else f"{len(problems)} problem(s)"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
