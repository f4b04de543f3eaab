@testable import BundleAgent
import BundleModel
import BundleValidation
import XCTest

/// A new target takes what a target like it gives the bundle — the workspace host and the variables'
/// values — so that it validates where variables have no default (the templates' catalog and schema).
final class AddTargetLikeAnotherTests: XCTestCase {
    func conversation() -> FollowUpTests.Conversation {
        var c = FollowUpTests.Conversation()
        c.files["databricks.yml"] = c.files["databricks.yml"]!
            .replacingOccurrences(of: "variables:\n", with: "variables:\n  schema:\n    description: The schema to write to\n")
            .replacingOccurrences(of: "    mode: development\n    default: true\n", with: "    mode: development\n    default: true\n    workspace:\n      host: https://company.databricks.com\n    variables:\n      schema: ${workspace.current_user.short_name}\n")
            .replacingOccurrences(of: "    mode: production\n", with: "    mode: production\n    variables:\n      schema: prod\n")
        return c
    }

    func testAProductionTargetTakesProdsValuesWithItsOwnName() throws {
        var c = conversation()
        let plan = try c.ask("add a staging target")
        XCTAssertTrue(plan?.summary.contains("variables (values naming prod name staging instead: check them) as in prod") ?? false, plan?.summary ?? "")
        let staging = try SalesBundle.load(c.files).targetsMapping?["staging"]
        XCTAssertEqual(staging?["mode"]?.string, "production")
        XCTAssertEqual(staging?["variables"]?["schema"]?.string, "staging")
        let report = try ValidationRequest(targets: .all).run(source: InMemoryFileSource(texts: c.files))
        XCTAssertEqual(report.errors, 0, "\(report.diagnostics.filter { $0.severity == .error }.map(\.summary))")
    }

    /// spend_categorization: prod sets a variable the bundle does not declare (an error of prod's); the
    /// new target copies only the declared ones, so it does not start with that error.
    /// batch-stream-medallion, adventureworks-dbt: "a development target called sandbox" is named
    /// sandbox; "with profile staging" is its profile, not the one of the target it copies.
    func testTheNameCalledAndTheProfileGiven() throws {
        var c = conversation()
        _ = try c.ask("add a development target called sandbox")
        let targets = try SalesBundle.load(c.files).targetsMapping
        XCTAssertEqual(targets?["sandbox"]?["mode"]?.string, "development")
        XCTAssertNil(targets?["development"])
        var d = conversation()
        _ = try d.ask("add a staging target using profile stg")
        XCTAssertEqual(try SalesBundle.load(d.files).targetsMapping?["staging"]?["workspace"]?["profile"]?.string, "stg")
    }

    /// earthquake, sql-core: "copying prod but with schema X" gives the new target that value; a preset
    /// naming the model (name_prefix prod_) names the new target.
    func testACopyWithAValueOfItsOwn() throws {
        var c = conversation()
        c.files["databricks.yml"] = c.files["databricks.yml"]!.replacingOccurrences(of: "    variables:\n      schema: prod\n", with: "    variables:\n      schema: prod\n    presets:\n      name_prefix: prod_\n")
        _ = try c.ask("add a staging target copying prod but with schema sales_stg")
        let staging = try SalesBundle.load(c.files).targetsMapping?["staging"]
        XCTAssertEqual(staging?["variables"]?["schema"]?.string, "sales_stg")
        XCTAssertEqual(staging?["presets"]?["name_prefix"]?.string, "staging_")
    }

    func testOnlyDeclaredVariablesAreCopied() throws {
        var c = conversation()
        c.files["databricks.yml"] = c.files["databricks.yml"]!.replacingOccurrences(of: "    variables:\n      schema: prod\n",
                                                                                    with: "    variables:\n      schema: prod\n      service_principal_name: abc\n")
        _ = try c.ask("add a staging target")
        let staging = try SalesBundle.load(c.files).targetsMapping?["staging"]
        XCTAssertEqual(staging?["variables"]?["schema"]?.string, "staging")
        XCTAssertNil(staging?["variables"]?["service_principal_name"])
    }

    func testADevelopmentTargetTakesTheDefaultTargets() throws {
        var c = conversation()
        _ = try c.ask("add a sandbox target")
        let sandbox = try SalesBundle.load(c.files).targetsMapping?["sandbox"]
        XCTAssertEqual(sandbox?["workspace"]?["host"]?.string, "https://company.databricks.com")
        XCTAssertEqual(sandbox?["variables"]?["schema"]?.string, "${workspace.current_user.short_name}")
        XCTAssertEqual(try ValidationRequest(targets: .all).run(source: InMemoryFileSource(texts: c.files)).errors, 0)
    }

    /// A copy of a target without a mode has none (dlt-dev-with-dab: "copying staging" made a development
    /// target), and keeps its root_path when that names the target.
    func testACopyKeepsTheModelsModeAndItsRootPath() throws {
        var c = conversation()
        c.files["databricks.yml"] = c.files["databricks.yml"]! + """
          uat:
            workspace:
              host: https://company.databricks.com
              root_path: /Shared/.bundle/${bundle.name}/${bundle.target}

        """
        _ = try c.ask("add a uat2 target copying uat")
        let copy = try SalesBundle.load(c.files).targetsMapping?["uat2"]
        XCTAssertNil(copy?["mode"], "no mode, as uat")
        XCTAssertNil(copy?["default"])
        XCTAssertEqual(copy?["workspace"]?["root_path"]?.string, "/Shared/.bundle/${bundle.name}/${bundle.target}")
    }

    /// "with name prefix [P2]", "with run_as service principal …" are set, never dropped (hmcts, JimlAspen).
    func testANewTargetWithAPrefixAndAnIdentity() throws {
        var c = conversation()
        _ = try c.ask("add a prod2 target with name prefix [P2]")
        _ = try c.ask("add a qa target with run_as service principal 6f1c3a52-0000-4000-8000-000000000002")
        let targets = try SalesBundle.load(c.files).targetsMapping
        XCTAssertEqual(targets?["prod2"]?["presets"]?["name_prefix"]?.string, "[P2] ")
        XCTAssertEqual(targets?["qa"]?["run_as"]?["service_principal_name"]?.string, "6f1c3a52-0000-4000-8000-000000000002")
    }

    /// payer_dlt: pipelines in development mode; a new production target turns it off for itself (the
    /// CLI refuses a production target with one), and so does production mode asked of a target.
    func testAProductionTargetRunsNoPipelineInDevelopmentMode() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: payer}
            resources:
              pipelines:
                bronze: {name: bronze, catalog: main, schema: payer, serverless: true, development: true, libraries: [{notebook: {path: ./bronze.py}}]}
            targets:
              dev: {mode: development, default: true}
              staging: {}
            """,
            "bronze.py": "# Databricks notebook source\n",
        ]
        let (added, bundle) = try InMemoryPlanning.apply("add a prod target", to: files, intent: AddTargetIntent.id)
        XCTAssertEqual(bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["pipelines"]?["bronze"]?["development"]?.string, "false", added.summary)
        let (moded, after) = try InMemoryPlanning.apply("use production mode for staging", to: files, intent: TargetModeIntent.id)
        XCTAssertEqual(after.effectiveConfiguration(target: "staging").configuration["resources"]?["pipelines"]?["bronze"]?["development"]?.string, "false", moded.summary)
    }

    /// Values that name the target copied, as a part between `_`, `-`, `.` or `/` or by its usual other
    /// name, name the new one (Atsushi141: staging got `catalog: yfinance-prod`).
    func testValuesNamingTheCopiedTargetNameTheNewOne() {
        let renamed = AddTargetIntent.renamed(.mapping([("a", .string("yfinance-prod")), ("b", .string("eng511_production_bronze")),
                                                        ("c", .string("/Volumes/prod/raw")), ("d", .string("product_catalog")), ("e", .string("${var.prod}"))]),
                                              from: "prod", to: "staging")
        XCTAssertEqual(renamed, .mapping([("a", .string("yfinance-staging")), ("b", .string("eng511_staging_bronze")),
                                          ("c", .string("/Volumes/staging/raw")), ("d", .string("product_catalog")), ("e", .string("${var.prod}"))]))
    }
}
