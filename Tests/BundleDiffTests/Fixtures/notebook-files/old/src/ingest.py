# Databricks notebook source
print(1)
print(2)
