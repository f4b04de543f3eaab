#!/usr/bin/env python3
"""Runs the `run:` steps of a GitHub Actions workflow job locally, as the runner would.

usage: run_workflow_steps.py WORKFLOW JOB WORKDIR EXPRESSIONS_JSON SKIP_STEP_ID

Each `run:` step runs with `bash --noprofile --norc -eo pipefail` (the runner's default shell on
Linux) in WORKDIR, with the job's and the step's `env:`; `${{ expression }}` in `env:` values is
replaced from EXPRESSIONS_JSON ({"github.event.pull_request.base.sha": "..."}), and an expression
left inside a `run:` script is an error (scripts read expressions through env, as GitHub advises
against script injection). `uses:` steps and the step whose id is SKIP_STEP_ID are skipped; lines
appended to $GITHUB_PATH and $GITHUB_ENV apply to later steps. Every step runs (as with
`if: ${{ !cancelled() }}`). Prints a JSON list of {name, id, skipped, status, stdout, stderr}.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def substitute(value, expressions):
    def replace(match):
        if match.group(1) not in expressions:
            raise SystemExit(f"no value for the expression {match.group(0)}")
        return expressions[match.group(1)]
    return EXPRESSION.sub(replace, str(value))


def main():
    workflow_path, job_name, workdir, expressions_json, skip_id = sys.argv[1:6]
    with open(workflow_path, encoding="utf-8") as f:
        workflow = yaml.safe_load(f)
    job = workflow["jobs"][job_name]
    expressions = json.loads(expressions_json)
    env = dict(os.environ)
    for key, value in (job.get("env") or {}).items():
        env[key] = substitute(value, expressions)
    results = []
    for step in job["steps"]:
        name = step.get("name") or step.get("uses") or "step"
        if "uses" in step or step.get("id") == skip_id:
            results.append({"name": name, "id": step.get("id"), "skipped": True})
            continue
        script = step["run"]
        if EXPRESSION.search(script):
            raise SystemExit(f"step {name!r} has an expression inside its script; pass it through env:")
        step_env = dict(env)
        for key, value in (step.get("env") or {}).items():
            step_env[key] = substitute(value, expressions)
        with tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False) as f:
            f.write(script)
        process = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", f.name],
                                 cwd=workdir, env=step_env, capture_output=True, text=True)
        os.unlink(f.name)
        results.append({"name": name, "id": step.get("id"), "skipped": False, "status": process.returncode,
                        "stdout": process.stdout, "stderr": process.stderr})
        for line in open(env["GITHUB_PATH"]).read().splitlines() if os.path.exists(env.get("GITHUB_PATH", "")) else []:
            if line and line not in env["PATH"].split(":"):
                env["PATH"] = line + ":" + env["PATH"]
        for line in open(env["GITHUB_ENV"]).read().splitlines() if os.path.exists(env.get("GITHUB_ENV", "")) else []:
            if "=" in line:
                key, value = line.split("=", 1)
                env[key] = value
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
