import Foundation

/// `dabrepo tests create`: pytest tests for a bundle's Python notebooks and files, a runner notebook,
/// and a job that runs them on the workspace, defined for the development target only.
///
/// The tests are real checks, not placeholders: every Python cell of a notebook compiles, the widgets
/// a job passes its parameters through are still declared, and every Python file compiles and
/// imports (skipped, with the reason, when a library it needs is not installed locally). They run
/// locally with `python -m pytest tests` and on the workspace through the job.
public struct TestScaffold: Sendable {
    public struct Source: Sendable {
        /// Relative to the bundle root.
        public var path: String
        public var text: String
        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    public var bundleName: String
    public var target: String
    public var jobKey: String

    public init(bundleName: String, target: String) {
        self.bundleName = bundleName
        self.target = target
        self.jobKey = JobConversion.key(for: bundleName) + "_tests"
    }

    /// The job's resource file.
    public var jobFile: String { "resources/\(jobKey).job.yml" }

    /// Which sources get tests: Python notebooks and Python files outside `tests/`.
    public static func testable(_ path: String) -> Bool {
        path.hasSuffix(".py") && !path.hasPrefix("tests/") && !path.hasPrefix(".") && !path.contains("/.")
            && !["setup.py", "conftest.py"].contains((path as NSString).lastPathComponent)
    }

    /// The test file for a source: `src/etl/ingest.py` → `tests/test_etl_ingest.py`.
    public static func testFile(for path: String) -> String {
        var stem = (path as NSString).deletingPathExtension
        if stem.hasPrefix("src/") { stem.removeFirst(4) }
        let name = stem.map { $0.isLetter || $0.isNumber ? String($0).lowercased() : "_" }.joined()
        return "tests/test_\(name).py"
    }

    /// The new files (path → content), given the sources and which paths exist already (those are kept, never overwritten).
    public func files(sources: [Source], exists: (String) -> Bool) -> (files: [String: String], kept: [String]) {
        var out: [String: String] = [:]
        var kept: [String] = []
        func add(_ path: String, _ content: String) {
            if exists(path) { kept.append(path) } else { out[path] = content }
        }
        add("tests/conftest.py", conftest)
        add("tests/run_tests.py", runner)
        for source in sources.sorted(by: { $0.path < $1.path }) where Self.testable(source.path) {
            add(Self.testFile(for: source.path), test(for: source))
        }
        add(jobFile, jobYAML)
        return (out, kept.sorted())
    }

    // MARK: The generated files

    var conftest: String {
        """
        \"\"\"Shared helpers of the bundle's tests (created by `dabrepo tests create`; edit freely).

        Run them locally with `python -m pytest tests`, or on the workspace with the \(jobKey) job of the
        \(target) target: `databricks bundle run -t \(target) \(jobKey)`.
        \"\"\"
        import os
        import sys

        import pytest

        BUNDLE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        if BUNDLE_ROOT not in sys.path:
            sys.path.insert(0, BUNDLE_ROOT)


        def bundle_path(relative):
            return os.path.join(BUNDLE_ROOT, relative)


        def read_source(relative):
            \"\"\"A file of the bundle; skips the test where notebooks are not files (on the workspace).\"\"\"
            path = bundle_path(relative)
            if not os.path.exists(path):
                pytest.skip(f"{relative} is a notebook here, not a file: its source is checked by the local run")
            with open(path, encoding="utf-8") as f:
                return f.read()


        def python_cells(relative):
            \"\"\"The Python cells of a Databricks source notebook, without magic cells (%md, %sql, %pip, %run...).\"\"\"
            lines = read_source(relative).splitlines()
            if lines and lines[0].strip() == "# Databricks notebook source":
                lines = lines[1:]
            cells, current = [], []
            for line in lines + ["# COMMAND ----------"]:
                if line.strip() == "# COMMAND ----------":
                    code = "\\n".join(current).strip("\\n")
                    current = []
                    meaningful = [l for l in code.splitlines() if l.strip() and not l.startswith("# DBTITLE")]
                    if meaningful and not all(l.startswith("# MAGIC") for l in meaningful):
                        cells.append(code)
                    continue
                current.append(line)
            return cells


        @pytest.fixture(scope="session")
        def spark():
            \"\"\"The active Spark session on the workspace, Databricks Connect or local PySpark elsewhere; else skipped.\"\"\"
            try:
                from pyspark.sql import SparkSession

                active = SparkSession.getActiveSession()
                if active is not None:
                    return active
            except ImportError:
                pass
            try:
                from databricks.connect import DatabricksSession

                return DatabricksSession.builder.getOrCreate()
            except Exception:
                pass
            try:
                from pyspark.sql import SparkSession

                return SparkSession.builder.master("local[1]").getOrCreate()
            except Exception:
                pytest.skip("no Spark session: install databricks-connect (configured) or pyspark")

        """
    }

    var runner: String {
        """
        # Databricks notebook source
        # MAGIC %pip install pytest

        # COMMAND ----------

        # Runs the bundle's pytest suite on the workspace: the \(jobKey) job of the \(target) target.
        # Created by `dabrepo tests create`.
        import os
        import sys

        import pytest

        sys.dont_write_bytecode = True  # the workspace's file system takes no .pyc files
        exit_code = pytest.main([os.getcwd(), "-v", "-p", "no:cacheprovider"])
        assert exit_code == 0, f"pytest failed (exit code {exit_code}); the output above says which test"

        """
    }

    var jobYAML: String {
        """
        # The bundle's pytest suite (tests/), run on the workspace: only the \(target) target has this job.
        # Created by `dabrepo tests create`. Run it with: databricks bundle run -t \(target) \(jobKey)
        targets:
          \(target):
            resources:
              jobs:
                \(jobKey):
                  name: \(jobKey)
                  max_concurrent_runs: 1
                  tasks:
                    - task_key: pytest
                      notebook_task:
                        notebook_path: ../tests/run_tests.py

        """
    }

    func test(for source: Source) -> String {
        let isNotebook = source.text.hasPrefix("# Databricks notebook source")
        var lines = [
            "\"\"\"Tests of \(source.path) (created by `dabrepo tests create`; add your own below).\"\"\"",
        ]
        if isNotebook {
            let widgets = (try? NotebookAnalysis(source: source.text, fileName: source.path))?.widgets.map(\.name) ?? []
            lines += [
                "import pytest",
                "from conftest import python_cells, read_source",
                "",
                "NOTEBOOK = \(pythonString(source.path))",
                "",
                "",
                "def test_every_python_cell_compiles():",
                "    cells = python_cells(NOTEBOOK)",
                "    assert cells, f\"{NOTEBOOK} has no Python cells\"",
                "    for number, cell in enumerate(cells, start=1):",
                "        compile(cell, f\"{NOTEBOOK}, cell {number}\", \"exec\")",
            ]
            if !widgets.isEmpty {
                lines += [
                    "",
                    "",
                    "@pytest.mark.parametrize(\"name\", [\(widgets.map(pythonString).joined(separator: ", "))])",
                    "def test_declares_the_widget_jobs_pass_parameters_through(name):",
                    "    source = read_source(NOTEBOOK)",
                    "    assert f'\"{name}\"' in source or f\"'{name}'\" in source, f\"{NOTEBOOK} no longer declares the widget {name}\"",
                ]
            }
        } else {
            let module = ((source.path as NSString).deletingPathExtension).replacingOccurrences(of: "/", with: ".")
            lines += [
                "import importlib",
                "import py_compile",
                "",
                "import pytest",
                "from conftest import bundle_path",
                "",
                "MODULE_FILE = \(pythonString(source.path))",
                "",
                "",
                "def test_compiles():",
                "    py_compile.compile(bundle_path(MODULE_FILE), doraise=True)",
                "",
                "",
                "def test_imports():",
                "    try:",
                "        importlib.import_module(\(pythonString(module)))",
                "    except ModuleNotFoundError as missing:",
                "        pytest.skip(f\"{MODULE_FILE} needs {missing.name}, which is not installed here\")",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func pythonString(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
