# Databricks notebook source
print("load")
