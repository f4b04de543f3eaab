# Databricks notebook source
spark.read.table("main.sales.orders").write.mode("overwrite").saveAsTable("main.sales.orders_copy")
