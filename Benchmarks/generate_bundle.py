#!/usr/bin/env python3
"""Writes a synthetic bundle of N jobs x T tasks (one resources/<key>.job.yml per job) for benchmarks.

Usage: generate_bundle.py DIR [--jobs N] [--tasks T] [--sources S]

With --sources, the tasks run S notebooks of about 60 lines each, 20 to a folder under src/ (as in a
real bundle, where the source files far outnumber the YAML files); without it, one notebook.
"""
import argparse
import os


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--jobs", type=int, default=2000)
    ap.add_argument("--tasks", type=int, default=10)
    ap.add_argument("--sources", type=int, default=0)
    args = ap.parse_args()
    os.makedirs(os.path.join(args.dir, "resources"), exist_ok=True)
    os.makedirs(os.path.join(args.dir, "src"), exist_ok=True)
    with open(os.path.join(args.dir, "src", "task.py"), "w") as f:
        f.write("# Databricks notebook source\nprint('task')\n")
    notebooks = [write_notebook(args.dir, n) for n in range(args.sources)]
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
                "            notebook_path: ../" + (notebooks[(j * args.tasks + t) % len(notebooks)] if notebooks else "src/task.py"),
                "            base_parameters:",
                "              catalog: ${var.catalog}",
            ]
        with open(os.path.join(args.dir, "resources", f"{key}.job.yml"), "w") as f:
            f.write("\n".join(lines) + "\n")


def write_notebook(directory, n):
    """src/area_NNN/notebook_NNNNN.py: a notebook of about 60 lines that reads, transforms and writes a
    table (no secrets, as in most real bundles). Returns its path relative to the bundle root."""
    path = f"src/area_{n // 20:03d}/notebook_{n:05d}.py"
    os.makedirs(os.path.join(directory, os.path.dirname(path)), exist_ok=True)
    cells = ["# Databricks notebook source", "from pyspark.sql import functions as F", ""]
    for c in range(10):
        cells += [
            "# COMMAND ----------",
            "",
            f"catalog = dbutils.widgets.get(\"catalog\")",
            f"orders_{c} = spark.read.table(f\"{{catalog}}.sales.orders_{n % 7}\")",
            f"daily_{c} = orders_{c}.groupBy(F.to_date(\"ordered_at\").alias(\"day\")).agg(F.sum(\"amount\").alias(\"revenue\"))",
            f"daily_{c}.write.mode(\"overwrite\").saveAsTable(f\"{{catalog}}.reporting.daily_revenue_{n}_{c}\")",
        ]
    with open(os.path.join(directory, path), "w") as f:
        f.write("\n".join(cells) + "\n")
    return path


if __name__ == "__main__":
    main()
