# Databricks notebook source
print("extract")
