import Foundation
import TestSupport
import XCTest

/// `dabrepo validate` agrees with the Databricks CLI on what it accepts (issue 13) and flags what the
/// Jobs API refuses (issue 12, defect 3). Each test runs the real binary on a fixture bundle under
/// Fixtures/validate/ and names the CLI source or acceptance test that decides the expected outcome.
final class ValidateCLIParityTests: CLITestCase {
    /// Point 1. Decided by bundle/config/validate/enum.go (an invalid enum value is `diag.Warning`, worded
    /// `invalid value %q for enum field. Valid values are %v`) over
    /// bundle/internal/validation/generated/enum_fields.go, which makes a variable's `type` (complex) and
    /// an artifact's `type` (whl, jar) enums although the upstream JSON schema types them as any string.
    func testAnEnumMismatchIsAWarningAndFreeStringsAreNotEnums() throws {
        let bundle = try copyFixture("validate/enum-free-strings")
        let text = try dabrepo(["validate"], in: bundle)
        XCTAssertEqual(text.status, 0, text.stdout + text.stderr)
        XCTAssertTrue(text.stdout.hasPrefix("Warning: invalid value \"string\" for enum field. Valid values are [complex]\n"), text.stdout)
        XCTAssertTrue(text.stdout.contains("Warning: invalid value \"paused\" for enum field. Valid values are [PAUSED UNPAUSED]\n"), text.stdout)
        XCTAssertTrue(text.stdout.hasSuffix("Found 2 warnings\n"), text.stdout)

        let document = try json(try dabrepo(["validate", "-o", "json"], in: bundle).stdout)
        XCTAssertEqual(document["errors"] as? Int, 0)
        let diagnostics = try XCTUnwrap(document["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(diagnostics.count, 2, "`type: string` and pause_status, not `type: whl`: \(diagnostics)")
        XCTAssertEqual(diagnostics.map { $0["rule"] as? String }, ["enum-value", "enum-value"])
        XCTAssertEqual(diagnostics.map { $0["severity"] as? String }, ["warning", "warning"])
        XCTAssertEqual(diagnostics.map { $0["line"] as? Int }, [9, 25])

        XCTAssertEqual(try dabrepo(["validate", "--strict"], in: bundle).status, 1, "--strict still fails on the warning")
    }

    /// Point 2. Decided by bundle/config/mutator/set_variables.go (a default is assigned as the value
    /// whatever its kind) and the acceptance tests bundle/variables/complex-cross-ref and
    /// bundle/libraries/outside_of_bundle_root, which declare map defaults without a type and validate clean.
    func testAMapOrListDefaultNeedsNoComplexType() throws {
        let bundle = try copyFixture("validate/map-default-without-type")
        let result = try dabrepo(["validate"], in: bundle)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.hasSuffix("Validation OK!\n"), result.stdout)

        // The map's value reaches the job's new_cluster: a wrong type inside it is found where it is written,
        // as a warning (the CLI's normalize warns "cannot parse" and drops the value).
        try edit("bundle/databricks.yml", replacing: "      num_workers: 2\n", with: "      num_workers: many\n")
        let broken = try json(try dabrepo(["validate", "-o", "json"], in: bundle).stdout)
        let found = broken["diagnostics"] as? [[String: Any]] ?? []
        XCTAssertEqual(broken["errors"] as? Int, 0, "\(found)")
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertEqual(found.first?["rule"] as? String, "field-type")
        XCTAssertEqual(found.first?["severity"] as? String, "warning")
        XCTAssertEqual(found.first?["line"] as? Int, 11)
    }

    /// Point 4. Decided by bundle/config/mutator/resourcemutator/run_as.go (validateRunAs: both names
    /// empty is "run_as section must specify exactly one identity"), which runs after
    /// ResolveVariableReferencesWithoutResources (bundle/phases/initialize.go); acceptance test
    /// bundle/run_as/empty_user.
    func testRunAsThatResolvesToAnEmptyStringIsAnError() throws {
        let bundle = try copyFixture("validate/run-as-empty")
        let result = try dabrepo(["validate", "-o", "json"], in: bundle)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let diagnostics = try XCTUnwrap(try json(result.stdout)["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(diagnostics.count, 1, "\(diagnostics)")
        XCTAssertEqual(diagnostics.first?["rule"] as? String, "run-as-identity")
        XCTAssertEqual(diagnostics.first?["summary"] as? String, "run_as names no identity (user_name is empty)")
        XCTAssertEqual(diagnostics.first?["line"] as? Int, 12)

        let named = try dabrepo(["validate", "--var", "runner=someone@example.com"], in: bundle)
        XCTAssertEqual(named.status, 0, named.stdout)
    }

    /// Issue 12, defect 3. The Databricks CLI accepts such a task (acceptance test
    /// bundle/resource_deps/job_tasks deploys a serverless task with libraries against its test server);
    /// the Jobs API refuses it at deploy ("Libraries field is not supported for serverless task, please
    /// specify libraries in environment.", 400 INVALID_PARAMETER_VALUE).
    func testTaskLibrariesOnAServerlessTaskAreAnError() throws {
        let bundle = try copyFixture("validate/serverless-task-libraries")
        let result = try dabrepo(["validate", "-o", "json"], in: bundle)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let diagnostics = try XCTUnwrap(try json(result.stdout)["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(diagnostics.count, 1, "only the serverless task, not the one on a job cluster: \(diagnostics)")
        XCTAssertEqual(diagnostics.first?["rule"] as? String, "task-libraries-serverless")
        XCTAssertEqual(diagnostics.first?["path"] as? String, "resources.jobs.nightly.tasks[0].libraries")
        XCTAssertEqual(diagnostics.first?["line"] as? Int, 27)

        // The fix the diagnostic names: the dependency in the job's environment.
        try edit("bundle/databricks.yml", replacing: """
                    python_file: /Workspace/Shared/score.py
                  libraries:
                    - pypi:
                        package: pandas==2.2.2

        """, with: """
                    python_file: /Workspace/Shared/score.py

        """)
        try edit("bundle/databricks.yml", replacing: "            environment_version: \"2\"\n",
                 with: "            environment_version: \"2\"\n            dependencies:\n              - pandas==2.2.2\n")
        let fixed = try dabrepo(["validate"], in: bundle)
        XCTAssertEqual(fixed.status, 0, fixed.stdout)
    }

    /// What `databricks bundle validate` accepts passes, at most with warnings, worded as the CLI words
    /// them. Decided by acceptance tests of databricks/cli: bundle/validate/required and models/missing_name
    /// (a missing required field is a warning), libs/dyn/convert/normalize.go ("2", 3600.0 and yes convert),
    /// bundle/validate/anchor_containers and definitions_yaml_anchors (anchor blocks are not unknown fields),
    /// bundle/validate/engine-config-valid (a target's `bundle:` override needs no name),
    /// bundle/includes/include_outside_root (an include in an included file is a warning) and
    /// bundle/resource_deps/unicode_reference (a key in any script), telemetry/deploy-artifacts-variables
    /// (`${artifacts.<key>...}` is resolved at build time); and from real bundles: an anchored key in
    /// two files and a reference in an anchored block (normalize.go's isAnchorContainer), `300_000`
    /// (yaml.v3), a target's `git` (target.go, merged into bundle.git), `lifecycle.started`, and a
    /// `${NAME}` that is no bundle reference (resolve_variable_references.go leaves it as written); and
    /// bundle/config/validate/validate_sync_patterns.go (a sync pattern that matches no file is a warning).
    func testWhatTheCLIAcceptsPassesWithItsWarnings() throws {
        let bundle = try copyFixture("validate/cli-accepts")
        let text = try dabrepo(["validate"], in: bundle)
        XCTAssertEqual(text.status, 0, text.stdout + text.stderr)
        XCTAssertTrue(text.stdout.contains("Warning: required field \"catalog_name\" is not set\n  at resources.volumes.landing\n"), text.stdout)
        // The CLI says nothing of it; dabrepo notes it (a recommendation, no warning).
        XCTAssertTrue(text.stdout.contains("Note: ${SERVICE_PRINCIPAL_NAME} is not a bundle reference; it is deployed as written\n"), text.stdout)
        XCTAssertTrue(text.stdout.contains("Warning: Pattern **/*.tmp does not match any files\n  at sync.exclude[0]\n"), text.stdout)
        XCTAssertFalse(text.stdout.contains("Pattern resources/*.yml"), text.stdout)
        XCTAssertTrue(text.stdout.hasSuffix("Found 3 warnings\n"), text.stdout)

        let document = try json(try dabrepo(["validate", "--all-targets", "-o", "json"], in: bundle).stdout)
        let found = (document["diagnostics"] as? [[String: Any]] ?? []).filter { ["error", "warning"].contains($0["severity"] as? String) }
        XCTAssertEqual(found.map { $0["rule"] as? String ?? "" }.sorted(), ["include-in-included-file", "required-field", "sync-pattern-matches"], "\(found)")
        XCTAssertEqual(Set(found.compactMap { $0["severity"] as? String }), ["warning"])
        XCTAssertEqual(found.first { $0["rule"] as? String == "include-in-included-file" }?["file"] as? String, "resources/more.yml")

        // --strict still fails on them, as the CLI's --strict does.
        XCTAssertEqual(try dabrepo(["validate", "--strict"], in: bundle).status, 1)
    }

    /// What `databricks bundle validate` refuses fails, one error each, at the line the CLI names.
    /// Decided by the acceptance tests bundle/validate/invalid-engine-bundle, volume_path/invalid_file,
    /// variables/empty (an empty `default:` is no value), validate/duplicate_yaml_merge_key,
    /// validate/dashboard_required_name and dashboard_required_warehouse_id, validate/grants_required_principal,
    /// presets/preset_vs_dev_mode, apply_bundle_permissions.go (a top-level level other than
    /// CAN_MANAGE, CAN_VIEW, CAN_RUN) and python_mutator.go getOpts (`experimental.pydabs` is deprecated).
    func testWhatTheCLIRefusesFails() throws {
        let bundle = try copyFixture("validate/cli-refuses")
        let result = try dabrepo(["validate", "-o", "json"], in: bundle)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let diagnostics = try XCTUnwrap(try json(result.stdout)["diagnostics"] as? [[String: Any]])
        let errors = diagnostics.filter { $0["severity"] as? String == "error" }
        let found = errors.map { "\($0["rule"] as? String ?? "-")@\($0["line"] as? Int ?? 0)" }.sorted()
        XCTAssertEqual(found, [
            "bundle-engine@3", "bundle-permission-level@52", "dashboard-required-fields@35", "dashboard-required-fields@35",
            // A development name prefix without the user (validate_target_mode.go).
            "development-name-prefix@49", "development-pause-status@48",
            // A development target's root_path under /Volumes holds no user either (validate_target_mode.go).
            "development-user-path@6", "grant-fields@41", "python-configuration@57", "variable-required@9", "workspace-volume-path@6",
            "yaml-duplicate-key@26",
        ], "\(errors)")
        XCTAssertEqual(errors.count, diagnostics.count, "no warnings beside them: \(diagnostics)")
        let summaries = Set(errors.compactMap { $0["summary"] as? String })
        for expected in ["invalid value \"terrafrom\" for bundle.engine (expected \"terraform\" or \"direct\")",
                         "dashboard display_name is required", "dashboard warehouse_id is required", "grant principal is required",
                         "target with 'mode: development' cannot set trigger pause status to UNPAUSED by default",
                         "prefix should contain the current username or ${workspace.current_user.short_name} to ensure uniqueness when using 'mode: development'",
                         "experimental/pydabs is deprecated, use python instead (https://docs.databricks.com/dev-tools/bundles/python)"] {
            XCTAssertTrue(summaries.contains(expected), "missing \(expected) in \(summaries)")
        }
    }

    /// Decided by bundle/config/root.go (InitializeVariables: "setting variables of complex type via
    /// --var flag is not supported") and bundle/config/mutator/set_variables.go (setVariable, for
    /// BUNDLE_VAR_): a complex variable gets no value from the command line or the environment. A
    /// target whose mode is wrong fails that target only (validate_target_mode.go runs on the selected one).
    func testComplexVariablesFromOutsideAndAWrongModeOfAnotherTarget() throws {
        let bundle = workspace.url.appendingPathComponent("complex")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        try """
        bundle:
          name: complex
        variables:
          job_tags:
            type: complex
            default:
              team: data
        resources:
          jobs:
            a:
              name: a
              tags: ${var.job_tags}
        targets:
          dev:
            default: true
          staging:
            mode: staging
        """.write(to: bundle.appendingPathComponent("databricks.yml"), atomically: true, encoding: .utf8)
        let flag = try dabrepo(["validate", "--var", "job_tags=x"], in: bundle)
        XCTAssertEqual(flag.status, 1, flag.stdout)
        XCTAssertTrue(flag.stdout.contains("Error: setting variables of complex type via --var flag is not supported: job_tags\n"), flag.stdout)
        let env = try dabrepo(["validate"], in: bundle, environment: ["BUNDLE_VAR_job_tags": "x"])
        XCTAssertEqual(env.status, 1, env.stdout)
        XCTAssertTrue(env.stdout.contains("Error: setting via environment variables (BUNDLE_VAR_job_tags) is not supported for complex variable job_tags\n"), env.stdout)
        let dev = try dabrepo(["validate", "-t", "dev"], in: bundle)
        XCTAssertEqual(dev.status, 0, dev.stdout)
        let staging = try dabrepo(["validate", "-t", "staging"], in: bundle)
        XCTAssertEqual(staging.status, 1, staging.stdout)
        XCTAssertTrue(staging.stdout.contains("Error: target staging has an unknown mode \"staging\""), staging.stdout)
    }

    /// Decided by bundle/config/mutator/default_target.go: a bundle without targets gets one called
    /// default, so `-t default` selects it (it was "no such target").
    func testTheDefaultTargetOfABundleWithoutTargets() throws {
        let bundle = workspace.url.appendingPathComponent("plain")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        try "bundle:\n  name: plain\n".write(to: bundle.appendingPathComponent("databricks.yml"), atomically: true, encoding: .utf8)
        let named = try dabrepo(["validate", "-t", "default"], in: bundle)
        XCTAssertEqual(named.status, 0, named.stdout + named.stderr)
        XCTAssertTrue(named.stdout.contains("Target: default"), named.stdout)
        XCTAssertEqual(try dabrepo(["validate", "-t", "prod"], in: bundle).status, 2)
    }

    /// Decided by libs/dyn/dynvar/resolve.go over bundle/config/workspace.go's User (short_name,
    /// domain_friendly_name and iam.User's fields): `${workspace.current_user.user_name}` does not exist.
    func testUnknownFieldsOfTheCurrentUser() throws {
        let bundle = workspace.url.appendingPathComponent("user")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        try """
        bundle:
          name: user
        resources:
          jobs:
            a:
              name: a ${workspace.current_user.short_name}
              email_notifications:
                on_failure: ["${workspace.current_user.user_name}"]
        """.write(to: bundle.appendingPathComponent("databricks.yml"), atomically: true, encoding: .utf8)
        let result = try dabrepo(["validate"], in: bundle)
        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stdout.contains("Error: reference does not exist: ${workspace.current_user.user_name}"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Did you mean ${workspace.current_user.userName}?"), result.stdout)
        XCTAssertFalse(result.stdout.contains("short_name}"), "short_name exists: \(result.stdout)")
    }

    /// A tab in the indentation: the error says so (the caret under a tab shows nothing).
    func testATabIsNamed() throws {
        let bundle = workspace.url.appendingPathComponent("tabs")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        try "bundle:\n  name: tabs\nresources:\n  jobs:\n\ta:\n      name: a\n".write(to: bundle.appendingPathComponent("databricks.yml"), atomically: true, encoding: .utf8)
        let result = try dabrepo(["validate"], in: bundle)
        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stdout.contains("in databricks.yml:5:1"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Line 5 is indented with a tab; YAML indents with spaces only."), result.stdout)
    }

    /// Decided by acceptance/bundle/validate/strict: an enum value is checked in the merged configuration
    /// of the target validated (validate/enum.go runs after target selection), so a bad artifact type
    /// in target bar is no warning when foo is validated, and one (not two) when bar is.
    func testAnEnumInAnotherTargetIsCheckedOnlyForThatTarget() throws {
        _ = try workspace.write(["strict/databricks.yml": """
            bundle:
              name: test-bundle
            targets:
              foo:
                default: true
              bar:
                artifacts:
                  my_artifact:
                    type: INVALID_TYPE
                    build: "echo 'hello'"
            """])
        let bundle = workspace.url.appendingPathComponent("strict")
        let foo = try dabrepo(["validate", "--strict"], in: bundle)
        XCTAssertEqual(foo.status, 0, foo.stdout + foo.stderr)
        XCTAssertTrue(foo.stdout.hasSuffix("Validation OK!\n"), foo.stdout)
        let bar = try json(try dabrepo(["validate", "-t", "bar", "-o", "json"], in: bundle).stdout)
        let diagnostics = try XCTUnwrap(bar["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(diagnostics.map { $0["path"] as? String }, ["artifacts.my_artifact.type"], "\(diagnostics)")
        XCTAssertEqual(diagnostics.first?["line"] as? Int, 9)
    }

    /// Decided by acceptance/bundle/validate/var_in_bundle_name: the warning about `${…}` in the name is
    /// the target's (target two writes a name of its own), and `Name:` is the target's, resolved.
    func testTheBundleNameIsTheTargets() throws {
        _ = try workspace.write(["names/databricks.yml": """
            bundle:
              name: trees are ${var.color}
            variables:
              color:
                default: "green"
            targets:
              one:
                default: true
              two:
                bundle:
                  name: trees are red
            """])
        let bundle = workspace.url.appendingPathComponent("names")
        let one = try dabrepo(["validate"], in: bundle)
        XCTAssertTrue(one.stdout.hasPrefix("Warning: do not use variable interpolation in the name of your bundle\n"), one.stdout)
        XCTAssertTrue(one.stdout.contains("Name: trees are green\nTarget: one\n"), one.stdout)
        let two = try dabrepo(["validate", "--target", "two"], in: bundle)
        XCTAssertEqual(two.status, 0, two.stdout)
        XCTAssertEqual(two.stdout, "Name: trees are red\nTarget: two\n\nValidation OK!\n")
    }

    /// Decided by acceptance/bundle/variables/arg-repeat (`failed to assign two to a: variable has
    /// already been assigned value: one`) and by set_variables.go, which never assigns a complex
    /// variable from --var: the refused value is not used either (no "expected map, found string").
    func testARepeatedOrComplexVarIsRefusedAndNotUsed() throws {
        _ = try workspace.write(["vars/databricks.yml": """
            bundle:
              name: vars
            variables:
              a:
                default: hello
              cluster:
                type: complex
                default:
                  spark_version: 15.4.x-scala2.12
                  node_type_id: i3.xlarge
                  num_workers: 1
            resources:
              jobs:
                j:
                  name: j-${var.a}
                  job_clusters:
                    - job_cluster_key: c
                      new_cluster: ${var.cluster}
                  tasks:
                    - task_key: t
                      job_cluster_key: c
                      spark_python_task:
                        python_file: ./main.py
            """, "vars/main.py": "print(1)\n"])
        let bundle = workspace.url.appendingPathComponent("vars")
        let repeated = try dabrepo(["validate", "--var", "a=one", "--var", "a=two"], in: bundle)
        XCTAssertEqual(repeated.status, 2, repeated.stdout + repeated.stderr)
        XCTAssertTrue(repeated.stderr.contains("failed to assign two to a: variable has already been assigned value: one"), repeated.stderr)
        XCTAssertEqual(try dabrepo(["validate", "--var", "a=one"], in: bundle).status, 0)

        let complex = try dabrepo(["validate", "--var", "cluster=foo", "-o", "json"], in: bundle)
        let diagnostics = try XCTUnwrap(try json(complex.stdout)["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(diagnostics.map { $0["summary"] as? String }, ["setting variables of complex type via --var flag is not supported: cluster"], "\(diagnostics)")
    }
}
