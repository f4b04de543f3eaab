# Databricks notebook source
spark.table("main.sales.orders_copy").write.mode("overwrite").saveAsTable("main.sales.orders_final")
