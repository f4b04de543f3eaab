@testable import BundleModel
import XCTest

final class ReferenceResolverTests: XCTestCase {
    static let text = """
    bundle:
      name: demo
    variables:
      catalog:
        default: main
      schema:
        default: ${var.catalog}_raw
      warehouse:
        lookup:
          warehouse: Shared warehouse
      cluster:
        type: complex
        default:
          spark_version: 15.4.x-scala2.12
          num_workers: 2
    resources:
      schemas:
        raw:
          catalog_name: ${var.catalog}
          name: ${var.schema}
      jobs:
        etl:
          name: etl-${bundle.name}-${bundle.target}
          job_clusters:
            - job_cluster_key: main
              new_cluster: ${var.cluster}
          tasks:
            - task_key: t
              job_cluster_key: main
              sql_task:
                warehouse_id: ${var.warehouse}
                file:
                  path: /Workspace/x.sql
              description: owned by ${workspace.current_user.userName}, workers ${var.cluster.num_workers}
          parameters:
            - name: schema
              default: ${resources.schemas.raw.name}
    targets:
      dev:
        default: true
        variables:
          catalog: dev_catalog
      prod:
        variables:
          catalog:
            default: prod_catalog
    """

    func effective(_ target: String?, _ overrides: VariableOverrides = VariableOverrides(), text: String = text) throws -> EffectiveConfiguration {
        try BundleLoader(source: InMemoryFileSource(texts: ["databricks.yml": text])).load().effectiveConfiguration(target: target, overrides: overrides)
    }

    func testPrecedenceCommandLineEnvironmentTargetDefault() throws {
        func catalog(_ e: EffectiveConfiguration) -> String? { e["resources"]?["schemas"]?["raw"]?["catalog_name"]?.string }
        XCTAssertEqual(catalog(try effective("dev")), "dev_catalog")
        XCTAssertEqual(catalog(try effective("prod")), "prod_catalog")
        XCTAssertEqual(catalog(try effective(nil)), "main")
        XCTAssertEqual(catalog(try effective("dev", VariableOverrides(environment: ["catalog": "from_env"]))), "from_env")
        XCTAssertEqual(catalog(try effective("dev", VariableOverrides(commandLine: ["catalog": "from_cli"], environment: ["catalog": "from_env"]))), "from_cli")
    }

    func testReferencesResolveOrStaySymbolic() throws {
        let dev = try effective("dev")
        XCTAssertTrue(dev.diagnostics.isEmpty, "\(dev.diagnostics)")
        let job = try XCTUnwrap(dev["resources"]?["jobs"]?["etl"])
        XCTAssertEqual(job["name"]?.string, "etl-demo-dev")
        XCTAssertEqual(dev["resources"]?["schemas"]?["raw"]?["name"]?.string, "dev_catalog_raw", "variables may refer to variables")
        let cluster = try XCTUnwrap(job["job_clusters"]?.sequence?.first?["new_cluster"])
        XCTAssertEqual(cluster["num_workers"]?.scalar?.value, .int(2), "a complex variable replaces the whole value")
        let task = try XCTUnwrap(job["tasks"]?.sequence?.first)
        XCTAssertEqual(task["sql_task"]?["warehouse_id"]?.string, "${var.warehouse}", "lookups stay symbolic offline")
        XCTAssertEqual(task["description"]?.string, "owned by ${workspace.current_user.userName}, workers 2")
        XCTAssertEqual(job["parameters"]?.sequence?.first?["default"]?.string, "${resources.schemas.raw.name}")
    }

    func testUnresolvableReferenceSuggestsAName() throws {
        let text = "bundle:\n  name: demo\nvariables:\n  catalog:\n    default: main\nresources:\n  schemas:\n    raw:\n      catalog_name: ${var.catalgo}\n      name: ${bundle.nmae}\n      comment: ${resources.jobs.nope.id}\n"
        let e = try effective(nil, text: text)
        let messages = e.diagnostics.map { "\($0.location!.line): \($0.summary) | \($0.detail ?? "")" }
        XCTAssertEqual(messages.count, 3, "\(messages)")
        XCTAssertTrue(messages[0].contains("9: reference to undeclared variable ${var.catalgo} | Did you mean ${var.catalog}?"), messages[0])
        XCTAssertTrue(messages[1].contains("Did you mean ${bundle.name}?"), messages[1])
        XCTAssertTrue(messages[2].contains("the bundle defines none"), messages[2])
    }

    /// The CLI's load_git_details.go fills `bundle.git` from the repository before references are
    /// resolved: commit, origin_url and branch when unset, actual_branch and bundle_root_path always.
    /// Setting `branch` (at the top or in a target) leaves the others symbolic, not missing.
    func testGitFieldsTheCLIFillsStaySymbolicWhenTheBundleSetsABranch() throws {
        let text = """
        bundle:
          name: g
        resources:
          jobs:
            j:
              name: j
              tags:
                c: ${bundle.git.commit}
                o: ${bundle.git.origin_url}
                ab: ${bundle.git.actual_branch}
                br: ${bundle.git.bundle_root_path}
                b: ${bundle.git.branch}
                typo: ${bundle.git.comit}
        targets:
          dev:
            default: true
          prod:
            git:
              branch: main
          staging:
            bundle:
              git:
                branch: release
                actual_branch: ignored
                origin_url: https://example.com/r.git
        """
        for (target, branch, origin) in [("dev", "${bundle.git.branch}", "${bundle.git.origin_url}"),
                                          ("prod", "main", "${bundle.git.origin_url}"),
                                          ("staging", "release", "https://example.com/r.git")] {
            let e = try effective(target, text: text)
            let tags = try XCTUnwrap(e["resources"]?["jobs"]?["j"]?["tags"])
            XCTAssertEqual(tags["b"]?.string, branch, target)
            XCTAssertEqual(tags["o"]?.string, origin, target)
            XCTAssertEqual(tags["c"]?.string, "${bundle.git.commit}", target)
            XCTAssertEqual(tags["ab"]?.string, "${bundle.git.actual_branch}", "\(target): the CLI overwrites actual_branch")
            XCTAssertEqual(tags["br"]?.string, "${bundle.git.bundle_root_path}", target)
            let messages = e.diagnostics.map { "\($0.location!.line): \($0.summary) | \($0.detail ?? "")" }
            // A typo is named with or without a git block (the CLI fills bundle.git from the repository, and its
            // struct has no such field either way).
            XCTAssertEqual(messages, ["13: ${bundle.git.comit}: the value has no field comit | Did you mean commit?"], target)
        }
    }

    /// A diagnostic names the field that holds the reference (the CLI's does too), also when the
    /// reference sits in a variable's default or in a target's variables.
    func testDiagnosticsNameTheFieldHoldingTheReference() throws {
        let text = """
        bundle:
          name: demo
        variables:
          schema:
            default: ${var.catalgo}_raw
          owner:
            default: x
        resources:
          jobs:
            etl:
              name: ${bundle.nmae}
              tasks:
                - task_key: a
                  run_job_task:
                    job_id: ${resources.jobs.missing.id}
              tags:
                schema: ${var.schema}
        targets:
          dev:
            variables:
              owner: ${var.ownr}
        """
        let e = try effective("dev", text: text)
        let found = e.diagnostics.map { "\($0.location!.line) \($0.path ?? "nil")" }.sorted()
        XCTAssertEqual(found, ["11 resources.jobs.etl.name", "15 resources.jobs.etl.tasks[0].run_job_task.job_id",
                               "21 targets.dev.variables.owner", "5 variables.schema.default"], "\(e.diagnostics.map(\.summary))")
    }

    /// `${artifacts.<key>.<field>}` is resolved when the artifacts are built: symbolic offline, but the key
    /// must name an artifact. An empty `default:` is no default (the CLI's set_variables.go).
    func testArtifactReferencesAndAnEmptyDefault() throws {
        let text = "bundle:\n  name: demo\nvariables:\n  owner:\n    default:\nartifacts:\n  wheel:\n    type: whl\n    path: .\nresources:\n  jobs:\n    a:\n      name: a ${artifacts.wheel.path}\n      description: ${artifacts.whel.path}\n"
        let e = try effective(nil, text: text)
        XCTAssertEqual(e["resources"]?["jobs"]?["a"]?["name"]?.string, "a ${artifacts.wheel.path}")
        let messages = e.diagnostics.map { "\($0.rule): \($0.summary) | \($0.detail ?? "")" }.sorted()
        XCTAssertEqual(messages, [
            "variable-reference: ${artifacts.whel.path} refers to artifact whel, which the bundle does not define | Did you mean artifacts.wheel?",
            "variable-required: no value assigned to required variable owner | Give it a default, set it in the target's variables, pass --var owner=VALUE, or set BUNDLE_VAR_owner.",
        ])
    }

    /// Variables may refer to each other's fields as long as no field leads back to itself: the CLI
    /// resolves field by field (acceptance test bundle/variables/complex-cross-ref). A `value:` written
    /// in place is assigned (bundle/variables/resolve-vars-in-root-path).
    func testFieldsOfTwoVariablesReferToEachOther() throws {
        let text = """
        bundle:
          name: demo
        variables:
          a:
            default:
              a_1: 500
              a_2: ${var.b.b_2}
          b:
            default:
              b_1: ${var.a.a_1}
              b_2: 2.5
          c:
            default:
              x: ${var.d.y}
          d:
            default:
              y: ${var.c.x}
          here:
            value: bar
        resources:
          schemas:
            raw:
              catalog_name: main
              name: ${var.a.a_2}-${var.b.b_1}-${var.here}
        """
        let e = try effective(nil, text: text)
        XCTAssertEqual(e["resources"]?["schemas"]?["raw"]?["name"]?.string, "2.5-500-bar")
        let messages = e.diagnostics.map(\.summary)
        XCTAssertEqual(messages.count, 1, "\(messages)")
        XCTAssertTrue(messages.first?.hasPrefix("variables refer to each other in a cycle:") ?? false, "\(messages)")
        XCTAssertTrue(messages.first?.contains("c.x") ?? false, "\(messages)")
    }

    /// `.databricks/bundle/<target>/variable-overrides.json` wins over the target's and the variable's
    /// defaults; `BUNDLE_VAR_` and `--var` win over it.
    func testTheVariableOverridesFile() throws {
        let files = ["databricks.yml": "bundle:\n  name: demo\nvariables:\n  catalog:\n    default: main\ntargets:\n  dev:\n    variables:\n      catalog: dev_main\n",
                     ".databricks/bundle/dev/variable-overrides.json": "{\"catalog\": \"from_file\"}"]
        // The bundle's name shows the value (a warning aside: bundle-name-reference).
        let probe = files["databricks.yml"]!.replacingOccurrences(of: "  name: demo", with: "  name: demo-${var.catalog}")
        let withProbe = try BundleLoader(source: InMemoryFileSource(texts: files.merging(["databricks.yml": probe]) { $1 })).load()
        XCTAssertEqual(withProbe.effectiveConfiguration(target: "dev")["bundle"]?["name"]?.string, "demo-from_file")
        XCTAssertEqual(withProbe.effectiveConfiguration(target: "dev", overrides: VariableOverrides(environment: ["catalog": "env"]))["bundle"]?["name"]?.string, "demo-env")
        XCTAssertEqual(withProbe.effectiveConfiguration(target: "dev", overrides: VariableOverrides(commandLine: ["catalog": "cli"]))["bundle"]?["name"]?.string, "demo-cli")
        XCTAssertEqual(withProbe.effectiveConfiguration(target: nil)["bundle"]?["name"]?.string, "demo-main", "the file is dev's only")
    }

    /// A bundle without a name: `${bundle.name}` is "" (the CLI's zero value), not an unknown reference.
    func testTheNameOfABundleWithoutOne() throws {
        let text = "bundle: {}\nworkspace:\n  root_path: /Workspace/Shared/.bundle/${bundle.name}/${bundle.target}\ntargets:\n  prod: {}\n"
        let e = try effective("prod", text: text)
        XCTAssertEqual(e["workspace"]?["root_path"]?.string, "/Workspace/Shared/.bundle//prod")
        XCTAssertFalse(e.diagnostics.contains { $0.summary.contains("unknown reference") }, "\(e.diagnostics)")
    }

    /// A value of the variable-overrides file of the wrong shape is the CLI's error (set_variables.go).
    func testAVariablesFileValueOfTheWrongShape() throws {
        let files = ["databricks.yml": "bundle:\n  name: demo\nvariables:\n  nb:\n    default: x\n  cluster:\n    type: complex\n    default: {a: 1}\ntargets:\n  dev: {}\n",
                     ".databricks/bundle/dev/variable-overrides.json": "{\"nb\": {\"a\": 1}, \"cluster\": \"small\"}"]
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        let errors = bundle.effectiveConfiguration(target: "dev").diagnostics.filter { $0.severity == .error }.map(\.summary)
        XCTAssertTrue(errors.contains("variable nb is not of type complex, but the value in the variable file is a complex type"), "\(errors)")
        XCTAssertTrue(errors.contains("variable cluster is of type complex, but the value in the variable file is not a complex type"), "\(errors)")
    }

    func testRequiredVariableAndCycle() throws {
        let text = "bundle:\n  name: demo\nvariables:\n  a:\n    default: ${var.b}\n  b:\n    default: ${var.a}\n  c:\n    description: required\n"
        let e = try effective(nil, text: text)
        XCTAssertTrue(e.diagnostics.contains { $0.summary.contains("cycle") && $0.summary.contains("a → b → a") && $0.severity == .error }, "an error, as the CLI's: \(e.diagnostics)")
        XCTAssertTrue(e.diagnostics.contains { $0.rule == ModelRuleID.variableRequired && $0.summary.contains("c") })
        let given = try effective(nil, VariableOverrides(commandLine: ["c": "x"]), text: text)
        XCTAssertFalse(given.diagnostics.contains { $0.rule == ModelRuleID.variableRequired })
    }

    func testCommandLineVariableMustBeDeclared() throws {
        let e = try effective(nil, VariableOverrides(commandLine: ["catalgo": "x"]))
        XCTAssertTrue(e.diagnostics.contains { $0.summary.contains("--var assigns a value to variable catalgo") && $0.detail?.contains("Did you mean catalog?") == true },
                      "\(e.diagnostics)")
    }
}
