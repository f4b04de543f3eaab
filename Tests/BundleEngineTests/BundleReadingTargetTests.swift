import BundleEngine
import BundleModel
import XCTest

/// `read_bundle` for a target showed each variable's declared default (prod read as using dev's catalog, a
/// variable with no default as having none); it shows the target's value, as the CLI does: as `default`
/// and as `value`.
final class BundleReadingTargetTests: XCTestCase {
    func testATargetsVariablesHaveItsValues() throws {
        let source = InMemoryFileSource(texts: [
            "databricks.yml": """
            bundle: {name: rv}
            variables: {catalog: {default: dev_cat}, schema: {description: no default}}
            resources:
              jobs:
                j:
                  name: j
                  parameters: [{name: catalog, default: "${var.catalog}"}]
                  tasks: [{task_key: t, notebook_task: {notebook_path: ./nb.py}}]
            targets: {dev: {default: true, variables: {schema: s_dev}}, prod: {variables: {catalog: prod_cat, schema: s_prod}}}

            """,
            "nb.py": "# Databricks notebook source\n",
        ])
        let prod = try BundleReading(source: source).read(BundleReadRequest(target: "prod", path: "variables")).configuration ?? ""
        XCTAssertTrue(prod.contains("catalog:\n  default: prod_cat\n  value: prod_cat"), prod)
        XCTAssertTrue(prod.contains("schema:\n  description: no default\n  default: s_prod\n  value: s_prod"), prod)
        XCTAssertFalse(prod.contains("dev_cat"), prod)
        let dev = try BundleReading(source: source).read(BundleReadRequest(target: "dev", path: "variables.catalog")).configuration ?? ""
        XCTAssertTrue(dev.contains("default: dev_cat"), dev)
        XCTAssertTrue(dev.contains("value: dev_cat"), dev)
    }
}
