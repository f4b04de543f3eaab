import BundleEngine
import BundleModel
import BundleValidation
import Foundation
import TestSupport
import XCTest

/// `validate` as the library call every front end makes: the bundle found from a folder inside it,
/// variables set by the caller, rules to skip, and failures that carry their report,
/// the bundle's root and the validator's own error.
final class BundleValidationOperationTests: XCTestCase {
    static let root = """
        bundle:
          name: demo
        variables:
          catalog:
            default: main
        targets:
          dev:
            mode: development
          prod:
            mode: production
        resources:
          jobs:
            etl:
              name: etl ${var.catalog}
              tasks:
                - task_key: a
                  notebook_task:
                    notebook_path: ./missing.py

        """

    func testVariablesRulesAndFailuresThroughTheRequest() throws {
        let bundle = try TemporaryDirectory().write(["databricks.yml": Self.root, "src/.keep": ""])
        let inside = bundle.url.appendingPathComponent("src")

        // Two targets, neither the default: the failure says so, with the root and the validator's error.
        XCTAssertThrowsError(try BundleValidationOperation.run(.init(directory: inside, environment: [:]))) { error in
            let failure = error as? BundleValidationOperation.SetupFailure
            XCTAssertEqual(failure?.root?.standardizedFileURL.path, bundle.url.standardizedFileURL.path)
            XCTAssertTrue(failure?.report.isSetupFailure == true)
            guard case .target(.noDefault, _)? = failure?.error else { return XCTFail("\(String(describing: failure?.error))") }
        }

        // Every target, found from a folder inside the bundle: the missing notebook is an error.
        let all = try BundleValidationOperation.run(.init(directory: inside, targets: .all, environment: [:]))
        XCTAssertEqual(all.root.standardizedFileURL.path, bundle.url.standardizedFileURL.path)
        XCTAssertEqual(all.report.targets, ["dev", "prod"])
        let rules = Set(all.report.diagnostics.filter { $0.severity == .error }.map(\.rule))
        XCTAssertFalse(rules.isEmpty, "\(all.report.diagnostics)")

        // The same rules skipped: no error left.
        let skipped = try BundleValidationOperation.run(.init(directory: inside, targets: .all, disabledRules: rules, environment: [:]))
        XCTAssertEqual(skipped.report.errors, 0, "\(skipped.report.diagnostics)")

        // Not walking up from a folder that is not the bundle's: no bundle there.
        XCTAssertThrowsError(try BundleValidationOperation.run(.init(directory: inside, walkUp: false, environment: [:]))) { error in
            XCTAssertNil((error as? BundleValidationOperation.SetupFailure)?.root)
        }

        // A malformed variable is a failure after the root was found; one the bundle does not declare is a finding.
        XCTAssertThrowsError(try BundleValidationOperation.run(.init(directory: bundle.url, targets: .one("dev"), variables: ["=x"], environment: [:]))) { error in
            let failure = error as? BundleValidationOperation.SetupFailure
            XCTAssertNotNil(failure?.root)
            XCTAssertTrue(failure?.report.diagnostics.first?.summary.contains("name=value") == true, "\(String(describing: failure?.report.diagnostics))")
        }
        let unknownVariable = try BundleValidationOperation.run(.init(directory: bundle.url, targets: .one("dev"), variables: ["nope=1"],
                                                                      environment: ["BUNDLE_VAR_catalog": "env"]))
        XCTAssertTrue(unknownVariable.report.diagnostics.contains { $0.summary.contains("nope") }, "\(unknownVariable.report.diagnostics)")
    }

    /// DATABRICKS_BUNDLE_TARGET (or DATABRICKS_BUNDLE_ENV) names the target when the request names none, as the CLI
    /// reads it; `--var=a=1,b=2` is two assignments, as the CLI's string slice.
    func testTheTargetFromTheEnvironmentAndCommaSeparatedVariables() throws {
        let bundle = try TemporaryDirectory().write(["databricks.yml": Self.root])
        for name in ["DATABRICKS_BUNDLE_TARGET", "DATABRICKS_BUNDLE_ENV"] {
            let result = try BundleValidationOperation.run(.init(directory: bundle.url, environment: [name: "prod"]))
            XCTAssertEqual(result.report.targets, ["prod"], name)
        }
        let named = try BundleValidationOperation.run(.init(directory: bundle.url, targets: .one("dev"), environment: ["DATABRICKS_BUNDLE_TARGET": "prod"]))
        XCTAssertEqual(named.report.targets, ["dev"])
        let both = try BundleValidationOperation.run(.init(directory: bundle.url, targets: .one("dev"), variables: ["catalog=x1,nope=y"], environment: [:]))
        XCTAssertTrue(both.report.diagnostics.contains { $0.summary.contains("variable nope") }, "\(both.report.diagnostics.map(\.summary))")
        XCTAssertFalse(both.report.diagnostics.contains { $0.summary.contains("x1,nope") })
    }

    /// `--var` reads its value as one CSV record, as the CLI's string slice does (pflag's readAsCSV, then
    /// InitializeVariables): "a=x,y" is a=x and "y", an error there; '"a=x,y"' is the one value x,y (dabrepo
    /// took "a=x,y" whole and refused the quoted form).
    func testVariableValuesAreReadAsTheCLIReadsThem() throws {
        XCTAssertEqual(try VariableOverrides.parseAssignments(["\"catalog=x,y\""]), ["catalog": "x,y"])
        XCTAssertEqual(try VariableOverrides.parseAssignments(["catalog=a,schema=b", "owner=\"q\"\"t\"\"\""].dropLast()), ["catalog": "a", "schema": "b"])
        XCTAssertEqual(try VariableOverrides.parseAssignments(["\"catalog=say \"\"hi\"\"\""]), ["catalog": "say \"hi\""])
        XCTAssertEqual(try VariableOverrides.parseAssignments(["catalog="]), ["catalog": ""])
        XCTAssertThrowsError(try VariableOverrides.parseAssignments(["catalog=x,y"])) { error in
            XCTAssertTrue("\(error)".hasPrefix("unexpected flag value for variable assignment: y"), "\(error)")
        }
        XCTAssertThrowsError(try VariableOverrides.parseAssignments(["catalog=a\"b"]))
        let bundle = try TemporaryDirectory().write(["databricks.yml": Self.root])
        XCTAssertThrowsError(try BundleValidationOperation.run(.init(directory: bundle.url, targets: .one("dev"), variables: ["catalog=x,y"], environment: [:])))
    }
}
