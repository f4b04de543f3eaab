# Databricks notebook source
print("nightly etl")
