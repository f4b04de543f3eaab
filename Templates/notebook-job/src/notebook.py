# Databricks notebook source
# MAGIC %md
# MAGIC # {{bundle_name}}
# MAGIC
# MAGIC Runs on serverless compute as the `notebook` task of the job `{{bundle_name}}`.

# COMMAND ----------

display(spark.range(10))
