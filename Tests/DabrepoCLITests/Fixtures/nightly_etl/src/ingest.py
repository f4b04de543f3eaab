# Databricks notebook source
spark.read.table("samples.nyctaxi.trips").write.saveAsTable("raw_trips")
