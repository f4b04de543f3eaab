# Databricks notebook source
# MAGIC %md
# MAGIC # Default notebook
# MAGIC
# MAGIC This notebook runs as the `notebook_task` of `{{bundle_name}}_job`
# MAGIC (see resources/{{bundle_name}}.job.yml).

# COMMAND ----------

dbutils.widgets.text("catalog", "main")
catalog = dbutils.widgets.get("catalog")

# COMMAND ----------

spark.range(10).withColumnRenamed("id", "n").write.mode("overwrite").saveAsTable(f"{catalog}.default.numbers")
display(spark.table(f"{catalog}.default.numbers"))
