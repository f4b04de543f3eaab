import BundleGeneration
import XCTest

final class NotebookAnalysisTests: XCTestCase {
    func testPythonSourceNotebook() throws {
        let a = try NotebookAnalysis(source: Self.pythonNotebook, fileName: "ingest.py")
        XCTAssertEqual(a.language, "python")
        XCTAssertEqual(a.cells.map(\.language), ["markdown", "pip", "run", "python", "python", "sql"])
        XCTAssertEqual(a.cells[3].title, "Parameters")
        XCTAssertEqual(a.widgets.map { "\($0.name)=\($0.defaultValue)" }, ["catalog=main", "mode=full", "run_date=2026-01-01"])
        XCTAssertEqual(a.libraries, ["requests==2.32.3"])
        XCTAssertEqual(a.runDependencies, ["./common/setup"])
        XCTAssertEqual(a.imports, ["mlflow", "json", "pyspark"])
        XCTAssertTrue(a.usesML)
        XCTAssertTrue(a.isStreaming)
        XCTAssertFalse(a.isPipeline)
        XCTAssertEqual(a.tablesRead, ["main.raw.orders", "main.raw.events", "main.silver.orders", "main.ref.customers"])
        XCTAssertEqual(a.tablesWritten, ["main.silver.orders", "main.gold.daily"])
    }

    /// A notebook saved with Windows line ends (CRLF) reads as the same notebook: it was one line, without
    /// its header, cells, widgets or libraries (`generate` made a job of a plain Python file).
    func testANotebookWithWindowsLineEndsReadsTheSame() throws {
        let lf = try NotebookAnalysis(source: Self.pythonNotebook, fileName: "ingest.py")
        let crlf = try NotebookAnalysis(source: Self.pythonNotebook.replacingOccurrences(of: "\n", with: "\r\n"), fileName: "ingest.py")
        XCTAssertEqual(crlf.cells.map(\.language), lf.cells.map(\.language))
        XCTAssertEqual(crlf.cells.map(\.title), lf.cells.map(\.title))
        XCTAssertEqual(crlf.widgets.map { "\($0.name)=\($0.defaultValue)" }, ["catalog=main", "mode=full", "run_date=2026-01-01"])
        XCTAssertEqual(crlf.libraries, lf.libraries)
        XCTAssertEqual(crlf.runDependencies, lf.runDependencies)
        XCTAssertEqual(crlf.tablesWritten, lf.tablesWritten)
    }

    static let pythonNotebook = """
        # Databricks notebook source
        # MAGIC %md
        # MAGIC # Ingest
        # MAGIC Loads the raw orders.

        # COMMAND ----------

        # MAGIC %pip install requests==2.32.3 --quiet

        # COMMAND ----------

        # MAGIC %run ./common/setup

        # COMMAND ----------

        # DBTITLE 1,Parameters
        dbutils.widgets.text("catalog", "main", "Catalog")
        dbutils.widgets.dropdown("mode", "full", ["full", "incremental"])
        run_date = getArgument("run_date", "2026-01-01")

        # COMMAND ----------

        import mlflow, json
        from pyspark.sql import functions as F
        orders = spark.table("main.raw.orders")
        stream = spark.readStream.table("main.raw.events")
        orders.write.mode("overwrite").saveAsTable("main.silver.orders")

        # COMMAND ----------

        # MAGIC %sql
        # MAGIC INSERT INTO main.gold.daily SELECT * FROM main.silver.orders o JOIN main.ref.customers c ON o.id = c.id
        """

    func testSQLNotebookAndPipelineImports() throws {
        let sql = try NotebookAnalysis(source: "-- Databricks notebook source\nCREATE OR REPLACE TABLE main.gold.totals AS SELECT sum(x) FROM main.silver.facts\n\n-- COMMAND ----------\n\nSELECT 1\n")
        XCTAssertEqual(sql.language, "sql")
        XCTAssertEqual(sql.cells.count, 2)
        XCTAssertEqual(sql.tablesRead, ["main.silver.facts"])
        XCTAssertEqual(sql.tablesWritten, ["main.gold.totals"])
        let dlt = try NotebookAnalysis(source: "# Databricks notebook source\nimport dlt\n\n@dlt.table\ndef t():\n    return spark.read.table('a.b.c')\n")
        XCTAssertTrue(dlt.isPipeline)
        XCTAssertEqual(dlt.tablesRead, ["a.b.c"])
    }

    func testJupyterNotebook() throws {
        let ipynb = """
        {"cells": [{"cell_type": "markdown", "source": ["# Title"]},
                   {"cell_type": "code", "source": ["%pip install -r requirements.txt"]},
                   {"cell_type": "code", "source": ["import torch\\n", "dbutils.widgets.text('epochs', '3')"]}],
         "metadata": {"language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}
        """
        let a = try NotebookAnalysis(source: ipynb, fileName: "train.ipynb")
        XCTAssertEqual(a.cells.map(\.language), ["markdown", "pip", "python"])
        XCTAssertEqual(a.requirements, ["requirements.txt"])
        XCTAssertEqual(a.widgets.first?.name, "epochs")
        XCTAssertTrue(a.usesML)
        XCTAssertThrowsError(try NotebookAnalysis(source: "{not json", fileName: "x.ipynb"))
    }
}
