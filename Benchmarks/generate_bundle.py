#!/usr/bin/env python3
"""Writes a synthetic bundle of N jobs x T tasks (one resources/<key>.job.yml per job) for benchmarks.

Usage: generate_bundle.py DIR [--jobs N] [--tasks T]
"""
import argparse
import os


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--jobs", type=int, default=2000)
    ap.add_argument("--tasks", type=int, default=10)
    args = ap.parse_args()
    os.makedirs(os.path.join(args.dir, "resources"), exist_ok=True)
    os.makedirs(os.path.join(args.dir, "src"), exist_ok=True)
    with open(os.path.join(args.dir, "src", "task.py"), "w") as f:
        f.write("# Databricks notebook source\nprint('task')\n")
    with open(os.path.join(args.dir, "databricks.yml"), "w") as f:
        f.write(f"""bundle:
  name: synthetic_{args.jobs}

include:
  - resources/*.yml

variables:
  catalog:
    default: main

targets:
  dev:
    mode: development
    default: true
  prod:
    mode: production
    workspace:
      root_path: /Workspace/Shared/.bundle/${{bundle.name}}/${{bundle.target}}
    variables:
      catalog: prod
""")
    for j in range(args.jobs):
        key = f"job_{j:05d}"
        lines = [
            "resources:",
            "  jobs:",
            f"    {key}:",
            f"      name: {key}-${{bundle.target}}",
            "      schedule:",
            "        quartz_cron_expression: 0 0 2 * * ?",
            "        timezone_id: Europe/Berlin",
            "      tags:",
            "        team: data",
            "      job_clusters:",
            "        - job_cluster_key: main",
            "          new_cluster:",
            "            spark_version: 15.4.x-scala2.12",
            "            node_type_id: i3.xlarge",
            "            num_workers: 2",
            "      tasks:",
        ]
        for t in range(args.tasks):
            lines += [
                f"        - task_key: t{t}",
                "          job_cluster_key: main",
            ]
            if t > 0:
                lines += ["          depends_on:", f"            - task_key: t{t - 1}"]
            lines += [
                "          notebook_task:",
                "            notebook_path: ../src/task.py",
                "            base_parameters:",
                "              catalog: ${var.catalog}",
            ]
        with open(os.path.join(args.dir, "resources", f"{key}.job.yml"), "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
