# Databricks notebook source
import dlt


@dlt.table
def page_views():
    return spark.readStream.format("cloudFiles").option("cloudFiles.format", "json").load(spark.conf.get("source_path"))
