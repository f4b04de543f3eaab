# Databricks notebook source
print(1)
print(3)
print(4)
