import Foundation
@testable import BundleValidation
@testable import BundleModel
import XCTest

/// Disagreements with `databricks bundle validate` found on real public bundles, each decided by the CLI
/// source named in the test.
final class CLIParityFixesTests: XCTestCase {
    func validate(_ yaml: String, files: [String: String] = [:], target: String? = nil) throws -> [Diagnostic] {
        var all = files
        all["databricks.yml"] = yaml
        return try RuleExampleTests.validate(all, RuleExample(yaml, files: files, target: target))
    }

    /// A target's cluster_id moves the tasks that name compute onto that cluster, as the CLI's
    /// override_compute does: dev (on an all-purpose cluster) got prod's job cluster's old runtime and its
    /// undefined job cluster key reported; a task without compute stays on serverless (and its libraries
    /// are refused there).
    /// `include: resources/*.yml` written as a string: one diagnostic (an error that says what to write), not a type
    /// warning beside it at the same place.
    func testAnIncludeWrittenAsAStringIsSaidOnce() throws {
        let found = try validate("bundle:\n  name: b\ninclude: resources/*.yml\n")
        XCTAssertEqual(found.filter { $0.location?.line == 3 }.map(\.summary), ["include must be a list of path globs, not a string"])
    }

    func testATargetsClusterIDRunsTheTasksThatNameCompute() throws {
        let yaml = """
        bundle: {name: whlold}
        artifacts: {default: {type: whl, build: python -m build --wheel, path: .}}
        resources:
          jobs:
            k:
              name: k
              job_clusters: [{job_cluster_key: main, new_cluster: {spark_version: 12.2.x-scala2.12, node_type_id: i3.xlarge, num_workers: 1}}]
              tasks:
                - {task_key: w, job_cluster_key: main, python_wheel_task: {package_name: pkg, entry_point: main}, libraries: [{whl: ./dist/*.whl}]}
                - {task_key: u, job_cluster_key: other, notebook_task: {notebook_path: ./nb.py}}
                - {task_key: s, notebook_task: {notebook_path: ./nb.py}, libraries: [{pypi: {package: requests}}]}
        targets:
          dev: {default: true, mode: development, cluster_id: 0101-123456-abcdefgh}
        """
        let found = try validate(yaml, files: ["nb.py": "# Databricks notebook source\n"], target: "dev")
        XCTAssertFalse(found.contains { $0.rule == "local-library-runtime" }, "\(found.map(\.summary))")
        XCTAssertFalse(found.contains { $0.summary.contains("other") && $0.rule.contains("job-cluster") }, "\(found.map(\.summary))")
        XCTAssertTrue(found.contains { $0.rule == "task-libraries-serverless" && $0.summary.contains("task s ") }, "\(found.map(\.summary))")
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: ["databricks.yml": yaml, "nb.py": "# Databricks notebook source\n"])).load()
        let tasks = bundle.effectiveConfiguration(target: "dev").configuration["resources"]?["jobs"]?["k"]?["tasks"]?.sequence ?? []
        XCTAssertEqual(tasks.map { $0["existing_cluster_id"]?.string }, ["0101-123456-abcdefgh", "0101-123456-abcdefgh", nil])
        XCTAssertEqual(tasks.map { $0["job_cluster_key"]?.string }, [nil, nil, nil])
    }

    /// A grant's principal written as a variable that is empty: the finding names the variable and how to
    /// give it a value (it said to name a principal, which the file did).
    func testAnEmptyPrincipalFromAVariableNamesIt() throws {
        let found = try validate("""
        bundle:
          name: demo
        variables:
          sp:
            default: ""
        resources:
          schemas:
            raw:
              catalog_name: main
              name: raw
              grants:
                - principal: ${var.sp}
                  privileges: [USE_SCHEMA]
        """).filter { $0.rule == "grant-fields" }
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertTrue(found.first?.detail?.contains("--var sp=") == true && found.first?.detail?.contains("BUNDLE_VAR_sp") == true, found.first?.detail ?? "")
    }

    /// github.com/sabhiram/go-gitignore's getPatternFromLine, as libs/fileset's GlobSet uses it.
    func testSyncPatternsMatchAsGoGitignore() throws {
        func matches(_ pattern: String, _ path: String) -> Bool {
            guard case .compiled(let regex?) = SyncPatternMatchesRule.compile(pattern) else { return false }
            return regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
        }
        XCTAssertTrue(matches("src", "src/a.py"))
        XCTAssertTrue(matches("__pycache__", "pkg/__pycache__/a.pyc"), "no slash: any depth")
        XCTAssertTrue(matches("**/__pycache__", "__pycache__/a.pyc"))
        XCTAssertTrue(matches("*.whl", "dist/demo-0.1-py3-none-any.whl"))
        XCTAssertTrue(matches("resources/*.yml", "resources/jobs.yml"))
        XCTAssertFalse(matches("resources/*.yml", "resources/sub/jobs.yml"), "foo/*.ext is anchored and * stops at /")
        XCTAssertTrue(matches("src/**", "src/a/b/c.py"))
        XCTAssertTrue(matches("./src/", "src/a.py"), "cleaned first")
        XCTAssertTrue(matches("!dist", "dist/x.whl"), "negation stripped by checkPatterns")
        XCTAssertFalse(matches("a.py", "a_py"), "dots are literal")
        XCTAssertFalse(matches("data?.csv", "data1.csv"), "go-gitignore makes ? literal")
        XCTAssertFalse(matches("# note", "# note"), "a comment line is no pattern")
        XCTAssertEqual(SyncPatternMatchesRule.rewritten("../shared/*.py", from: "resources/sync.yml"), "shared/*.py")
        XCTAssertEqual(SyncPatternMatchesRule.rewritten("/abs", from: "databricks.yml"), "abs", "filepath.Join drops the leading slash")
    }

    /// validate_sync_patterns.go: one warning per pattern that matches nothing, at the pattern; a target's
    /// own patterns too; patterns in an included file are relative to that file (rewrite_sync_paths.go).
    func testSyncPatternWarnings() throws {
        let found = try validate("""
        bundle:
          name: demo
        include:
          - resources/*.yml
        sync:
          include:
            - src
            - missing.py
          exclude:
            - "**/*.tmp"
        targets:
          dev:
            default: true
            sync:
              include:
                - notebooks/*.ipynb
        """, files: [
            "src/main.py": "print(1)\n",
            "resources/extra.yml": "sync:\n  include:\n    - local.txt\n",
            "resources/local.txt": "x\n",
        ]).filter { $0.rule == "sync-pattern-matches" }
        XCTAssertEqual(found.map(\.summary).sorted(), [
            "Pattern **/*.tmp does not match any files", "Pattern missing.py does not match any files",
            "Pattern notebooks/*.ipynb does not match any files",
        ])
        XCTAssertTrue(found.allSatisfy { $0.severity == .warning })
        XCTAssertEqual(found.first { $0.summary.contains("notebooks") }?.location?.line, 16)
    }

    /// python_mutator.go loads python.resources before references are resolved: an undefined resource
    /// may be defined there, a warning; without python.resources it stays an error.
    func testAReferenceToAResourceFromPythonCodeIsAWarning() throws {
        let body = """
        resources:
          jobs:
            caller:
              name: caller
              tasks:
                - task_key: t
                  run_job_task:
                    job_id: ${resources.jobs.py_job.id}
        """
        let withPython = try validate("bundle:\n  name: demo\npython:\n  venv_path: .venv\n  resources:\n    - 'resources:load_resources'\n" + body,
                                      files: ["resources/__init__.py": "def load_resources(bundle):\n    pass\n"])
        let reference = withPython.filter { $0.rule == "variable-reference" }
        XCTAssertEqual(reference.map(\.severity), [.warning], "\(withPython.map(\.summary))")
        XCTAssertFalse(withPython.contains { $0.severity == .error }, "\(withPython.map(\.summary))")

        let experimental = try validate("bundle:\n  name: demo\nexperimental:\n  python:\n    resources:\n      - 'resources:load_resources'\n" + body)
        XCTAssertEqual(experimental.filter { $0.rule == "variable-reference" }.map(\.severity), [.warning])

        let without = try validate("bundle:\n  name: demo\n" + body)
        XCTAssertEqual(without.filter { $0.rule == "variable-reference" }.map(\.severity), [.error])
    }

    /// Fields with `bundle:"readonly"` / `bundle:"internal"` in the CLI's structs are known there.
    func testFieldsTheCLISetsAreNotUnknown() throws {
        let found = try validate("""
        bundle:
          name: demo
          target: dev
          force: true
          git:
            commit: abc123
            actual_branch: main
        workspace:
          current_user:
            userName: someone@example.com
        resources:
          jobs:
            etl:
              id: "123"
              name: etl
              max_concurent_runs: 2
        """).filter { $0.rule == "unknown-field" }
        XCTAssertEqual(found.map(\.path), ["resources.jobs.etl.max_concurent_runs"], "\(found.map(\.summary))")
    }

    /// enum_fields.go: dashboards and Genie spaces take the generic permission levels (CAN_VIEW among
    /// them); an instance pool takes CAN_ATTACH_TO and CAN_MANAGE only.
    func testPermissionLevelsFollowEnumFields() throws {
        let found = try validate("""
        bundle:
          name: demo
        resources:
          dashboards:
            d:
              display_name: d
              warehouse_id: abc123
              file_path: ./d.lvdash.json
              permissions:
                - level: CAN_VIEW
                  group_name: users
          genie_spaces:
            g:
              title: g
              warehouse_id: abc123
              permissions:
                - level: CAN_VIEW
                  group_name: users
          instance_pools:
            p:
              instance_pool_name: p
              node_type_id: i3.xlarge
              permissions:
                - level: CAN_VIEW
                  group_name: users
        """, files: ["d.lvdash.json": "{}"]).filter { $0.rule == "enum-value" }
        XCTAssertEqual(found.map(\.path), ["resources.instance_pools.p.permissions[0].level"])
        XCTAssertEqual(found.first?.summary, "invalid value \"CAN_VIEW\" for enum field. Valid values are [CAN_ATTACH_TO CAN_MANAGE]")
    }

    /// isExplicitRootSet (validate_target_mode.go) looks at the target's own root_path only.
    func testAProductionTargetNeedsItsOwnRootPath() throws {
        let yaml = """
        bundle:
          name: demo
        workspace:
          root_path: /Workspace/Shared/.bundle/${bundle.name}/${bundle.target}
        resources:
          jobs:
            etl:
              name: etl
        targets:
          prod:
            mode: production
            workspace:
              host: https://example.cloud.databricks.com
        """
        XCTAssertEqual(try validate(yaml).filter { $0.rule == "production-target-isolation" }.count, 1)
        // Every job with run_as (the CLI's isRunAsSet): only recommended by the CLI, so a recommendation.
        let runAs = yaml.replacingOccurrences(of: "      name: etl\n", with: "      name: etl\n      run_as:\n        service_principal_name: 6f1c3a52-0000-4000-8000-000000000001\n")
        XCTAssertEqual(try validate(runAs).filter { $0.rule == "production-target-isolation" }.map(\.severity), [.info])
        let own = yaml + "\n      root_path: /Workspace/Shared/.bundle/${bundle.name}/prod\n"
        XCTAssertEqual(try validate(own).filter { $0.rule == "production-target-isolation" }.count, 0)
    }

    /// interpolation_in_auth_config.go reads the merged, unresolved value: a target's literal host wins.
    func testAuthInterpolationLooksAtTheMergedWrittenValue() throws {
        let yaml = """
        bundle:
          name: demo
        variables:
          host:
            default: https://a.cloud.databricks.com
        workspace:
          host: ${var.host}
          profile: ${var.host}
        targets:
          dev:
            default: true
            workspace:
              host: https://b.cloud.databricks.com
        """
        let found = try validate(yaml, target: "dev").filter { $0.rule == "auth-field-interpolation" }
        XCTAssertEqual(found.map(\.path), ["workspace.profile"])
        XCTAssertTrue(found.first?.detail?.contains("DATABRICKS_CONFIG_PROFILE") ?? false)
    }

    /// The Jobs API reads `timezone_id` as Java does. Each verdict below is what OpenJDK 17 answers
    /// (`ZoneId.of(id, ZoneId.SHORT_IDS)`, or `TimeZone.getTimeZone(id)` not falling back to GMT).
    func testTimeZoneIdsAreJavas() throws {
        let valid = ["PST", "CET", "EST", "MST", "HST", "EST5EDT", "PST8PDT", "Japan", "Zulu", "UCT", "Universal", "GB",
                     "Singapore", "US/Pacific", "Etc/GMT+1", "GMT0", "ACT", "IST", "VST", "SystemV/PST8", "UTC", "UT", "GMT",
                     "Europe/Kyiv", "America/Coyhaique", "Z", "+01:00", "-5",
                     "GMT+1", "GMT+01:00", "GMT+0100", "GMT+1:00", "GMT+19", "GMT+001", "GMT-05:30", "GMT+0", "GMT-0",
                     "UTC+01:00", "UTC+1", "UTC+0100", "UT+1", "UT+01:00", "GMT+01:00:00", "UTC-18:00"]
        for id in valid { XCTAssertTrue(JavaTimeZoneID.isValid(id), id) }
        let invalid = ["pst", "Europe/berlin", "Europe/Berln", "ROC", "Factory", "GMT+24", "GMT+01:60", "GMT+1:5", "UTC+1:00",
                       "UTC+19", "UTC+18:01", "gmt+1", "GMT+", "UTC+", "GMT+12345", "Mars/Olympus"]
        for id in invalid { XCTAssertFalse(JavaTimeZoneID.isValid(id), id) }
    }

    /// Real public bundles schedule quality monitors in PST and jobs in CET; a typo still fails with a
    /// suggestion, and a bad offset says what an offset is, not "did you mean GMT".
    func testScheduleTimezoneAcceptsJavaIdsAndSuggestsForTypos() throws {
        func found(_ zone: String) throws -> [Diagnostic] {
            try validate("""
            bundle:
              name: qm
            resources:
              quality_monitors:
                m:
                  table_name: main.s.t
                  assets_dir: /Workspace/Shared/m
                  output_schema_name: main.s
                  snapshot: {}
                  schedule:
                    quartz_cron_expression: "0 0 12 * * ?"
                    timezone_id: \(zone)
              jobs:
                j:
                  name: j
                  schedule:
                    quartz_cron_expression: "0 0 12 * * ?"
                    timezone_id: \(zone)
                  tasks:
                    - task_key: t
                      notebook_task:
                        notebook_path: /Workspace/x
            """).filter { $0.rule == "schedule-timezone" }
        }
        for zone in ["PST", "CET", "Japan", "GMT+1", "UTC+01:00", "Zulu", "EST5EDT"] {
            XCTAssertEqual(try found(zone).map(\.summary), [], zone)
        }
        let typo = try found("Europe/Berln")
        XCTAssertEqual(typo.map(\.summary), Array(repeating: "\"Europe/Berln\" is not a known time zone", count: 2))
        XCTAssertEqual(typo.map(\.location?.line), [12, 18])
        XCTAssertTrue(typo.allSatisfy { $0.detail?.hasPrefix("Did you mean Europe/Berlin?") ?? false }, "\(typo.map(\.detail))")
        let offset = try found("GMT+25")
        XCTAssertEqual(offset.count, 2)
        XCTAssertTrue(offset.allSatisfy { !($0.detail ?? "").contains("Did you mean") }, "\(offset.map(\.detail))")
        XCTAssertEqual(try found("ROC").first?.detail, "Java does not know ROC, a tzdb alias of Asia/Taipei: write Asia/Taipei.")
    }

    /// Settings that name, locate or identify a secret are no secret (a public bundle's spark_env_vars);
    /// a literal password, or a value shaped like a token, still is.
    func testLiteralSecretSparesNamesOfSecrets() throws {
        let awsKey = "AKIA" + "IOSFODNN7ABCDEFG"
        let found = try validate("""
        bundle:
          name: s
        resources:
          jobs:
            j:
              name: j
              job_clusters:
                - job_cluster_key: k
                  new_cluster:
                    spark_version: 15.4.x-scala2.12
                    node_type_id: i3.xlarge
                    num_workers: 1
                    spark_env_vars:
                      SECRET_SCOPE: "my-scope"
                      KEYVAULT_SCOPE: "kv"
                      TOKEN_ENDPOINT: "https://login.microsoftonline.com/x/oauth2/token"
                      TOKEN_URL: "https://x/token"
                      AUTH_TYPE: "oauth"
                      CLIENT_ID: "6f1c3a52-0000-4000-8000-000000000001"
                      OAUTH_TOKEN_URL: "https://x"
                      PASSWORD_KEY: "db-password"
                      SECRET_NAME: "sname"
                      API_KEY_NAME: "openai-key"
                      DB_PASSWORD_SECRET: "db-pw"
                      ACCESS_KEY_ID: "x"
                      AWS_ACCESS_KEY_ID: \(awsKey)
                      HF_TOKEN_SECRET_KEY: "hf_token"
                      TOKENIZERS_PARALLELISM: "false"
                      MAX_TOKENS: "4096"
                      PRIVATE_KEY_PATH: "/dbfs/keys/k.pem"
                      SECRET_KEY_REF: "ref"
                      PASSWORD: "hunter2"
                      API_TOKEN: "abc"
                      GITHUB_TOKEN: "ghp_xxx"
              tasks:
                - task_key: t
                  job_cluster_key: k
                  notebook_task:
                    notebook_path: /Workspace/x
        """).filter { $0.rule == "literal-secret" }
        let keys = found.compactMap { $0.path?.split(separator: ".").last.map(String.init) }.sorted()
        XCTAssertEqual(keys, ["API_TOKEN", "AWS_ACCESS_KEY_ID", "DB_PASSWORD_SECRET", "GITHUB_TOKEN", "PASSWORD", "SECRET_KEY_REF"])
        XCTAssertTrue(found.first { $0.path?.hasSuffix("AWS_ACCESS_KEY_ID") ?? false }?.summary.contains("AWS access key id") ?? false,
                      "a key id shaped like a key is found by its shape")
    }

    func testLiteralSecretNameAndValueShapes() {
        for (name, value) in [("SECRET_SCOPE", "my-scope"), ("TOKEN_URL", "https://x/token"), ("TOKEN_ENDPOINT", "https://x"),
                              ("SECRET_NAME", "sname"), ("PASSWORD_KEY", "db-password"), ("PRIVATE_KEY_PATH", "/dbfs/keys/k.pem"),
                              ("API_KEY_NAME", "openai-key"), ("HF_TOKEN_SECRET_KEY", "hf_token"), ("AWS_ACCESS_KEY_ID", "ops"),
                              ("CLIENT_SECRET_FILE", "secret.json"), ("DB_PASSWORD", "{{secrets/db/pw}}"), ("API_TOKEN", "${var.token}"),
                              ("DB_PASSWORD", "jdbc:postgresql://host:5432/db"), ("MAX_TOKENS", "4096"),
                              // (Settings about tokens and secrets, and values no secret is written as: a public bundle's spark_conf and parameters.)
                              ("spark.hadoop.fs.s3a.aws.credentials.provider", "com.amazonaws.auth.InstanceProfileCredentialsProvider"),
                              ("spark.hadoop.fs.azure.sas.token.provider.type", "org.apache.hadoop.fs.azurebfs.sas.FixedSASTokenProvider"),
                              ("TOKEN_LIMIT", "2000"), ("HF_HUB_DISABLE_TOKEN", "1"), ("token_budget", "1000"), ("chunk_token_overlap", "50"),
                              ("password_min_length", "12"), ("token_column", "tokens"), ("apikey_env", "OPENAI_API_KEY"),
                              ("api_key", "<your-api-key>"), ("OPENAI_API_KEY", "OPENAI_API_KEY"), ("DB_PASSWORD", "REPLACE_ME")] {
            XCTAssertFalse(LiteralSecretRule.holdsSecret(named: name, value: value), "\(name): \(value)")
        }
        for (name, value) in [("DB_PASSWORD", "hunter2"), ("PASSWORD", "hunter2"), ("SECRET_KEY", "x8#kq!2"),
                              ("AWS_SECRET_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), ("PASSWORD_KEY", "Hunter2!"),
                              ("DB_URL_PASSWORD", "pw"), ("DATABASE_TOKEN", "https://user:pa55@db.example.com/x"),
                              ("spark.hadoop.fs.s3a.secret.key", "abc")] {
            XCTAssertTrue(LiteralSecretRule.holdsSecret(named: name, value: value), "\(name): \(value)")
        }
    }

    /// The CLI normalizes each file as written, so an unknown key in one target's settings is one
    /// warning at targets.<t>…; it was also reported at its merged path, and tagged with every target.
    func testAnUnknownFieldInOneTargetIsReportedOnceForThatTarget() throws {
        // Validating one target: a typo in another target's resource overrides is said too (the CLI's
        // `bundle validate --strict` of dev failed on prod's typo, while dabrepo said "Validation OK!").
        let dev = try validate("""
        bundle:
          name: other
        resources:
          jobs:
            etl:
              name: etl
              tasks:
                - task_key: t
                  notebook_task: {notebook_path: /Workspace/x}
        targets:
          dev:
            default: true
          prod:
            resources:
              jobs:
                etl:
                  max_concurent_runs: 2
        """, target: "dev").filter { $0.rule == "unknown-field" }
        XCTAssertEqual(dev.map { "\($0.path ?? "-") \($0.location?.line ?? 0)" }, ["targets.prod.resources.jobs.etl.max_concurent_runs 17"])

        let found = try validate("""
        bundle:
          name: dup
        presets:
          name_prefix: "[x] "
        resources:
          jobs:
            j:
              name: j
              foo: 1
              tasks:
                - task_key: a
                  notebook_task:
                    notebook_path: /Workspace/x
        targets:
          local:
            default: true
            presets:
              tags_everywhere: true
            workspace:
              hots: x
          prod:
            resources:
              jobs:
                j:
                  bar: 2
        """).filter { $0.rule == "unknown-field" }
        XCTAssertEqual(found.map { "\($0.path ?? "-") \($0.location?.line ?? 0) \($0.targets)" }, [
            "resources.jobs.j.foo 9 [\"local\", \"prod\"]",
            "targets.local.presets.tags_everywhere 18 [\"local\"]",
            "targets.local.workspace.hots 20 [\"local\"]",
            // (Where it is written, as the CLI's loader says it: also when another target is validated.)
            "targets.prod.resources.jobs.j.bar 25 [\"prod\"]",
        ])
    }

    /// validate_target_mode.go reads the selected target only: `-t dev` says nothing of prod (AbhinavJFT,
    /// rahul01: the warning named prod, or uat "in targets dev, uat, prod").
    func testProductionIsolationIsOfTheTargetValidated() throws {
        let yaml = """
        bundle:
          name: demo
        resources:
          jobs:
            etl:
              name: etl
        targets:
          dev:
            mode: development
            default: true
          prod:
            mode: production
        """
        XCTAssertEqual(try validate(yaml, target: "dev").filter { $0.rule == "production-target-isolation" }.count, 0)
        XCTAssertEqual(try validate(yaml, target: "prod").filter { $0.rule == "production-target-isolation" }.count, 1)
    }

    /// processRootIncludes de-duplicates through `seen`: a file another entry loads is not left out by
    /// a `**` entry (Neeha-Sultana: resources/*.yml beside resources/**/*.yml).
    func testAFileAnotherIncludeLoadsIsNotLeftOut() throws {
        let files = ["resources/variables.yml": "variables:\n  catalog: {default: main}\n",
                     "resources/jobs/a.yml": "resources:\n  jobs:\n    a: {name: a}\n"]
        let both = "bundle: {name: demo}\ninclude:\n  - resources/*.yml\n  - resources/**/*.yml\n"
        XCTAssertEqual(try validate(both, files: files).filter { $0.rule == "include-path" }.map(\.summary), [])
        let only = "bundle: {name: demo}\ninclude:\n  - resources/**/*.yml\n"
        XCTAssertEqual(try validate(only, files: files).filter { $0.rule == "include-path" }.map(\.summary),
                       ["include \"resources/**/*.yml\" does not include resources/variables.yml"])
    }

    /// normalize.go's nullWarning: a string, number or boolean field with no value is dropped with a
    /// warning (the mlops-stacks template's `host:`, as the CLI's acceptance test expects it), said once.
    func testAFieldWithoutAValueIsAWarning() throws {
        let yaml = """
        bundle: {name: demo}
        resources:
          jobs:
            a:
              name: a
              max_concurrent_runs:
        targets:
          dev:
            default: true
            workspace:
              host:
        """
        let found = try validate(yaml).filter { $0.rule == "field-type" }
        XCTAssertEqual(found.map(\.summary), ["expected a int value, found null", "expected a string value, found null"])
        XCTAssertEqual(found.map { $0.severity }, [.warning, .warning])
        XCTAssertEqual(found.last?.path, "targets.dev.workspace.host")
    }

    /// app_paths_visitor.go stats an app's source folder (lakebase-app-demo: `../src/app/.build`, made
    /// by a build `validate` does not run); a job's own empty run_as is no CLI error (uc-steward).
    func testAnAppsMissingSourceFolderAndAJobsEmptyRunAs() throws {
        let yaml = """
        bundle: {name: demo}
        variables:
          runner: {default: ""}
        resources:
          apps:
            web: {name: web, source_code_path: ./app/.build}
          jobs:
            a:
              name: a
              run_as: {user_name: "${var.runner}"}
        """
        let found = try validate(yaml)
        XCTAssertEqual(found.filter { $0.rule == "local-path-exists" }.map(\.path), ["resources.apps.web.source_code_path"])
        XCTAssertEqual(found.filter { $0.rule == "run-as-identity" }.map(\.severity), [.warning])
        XCTAssertEqual(try validate(yaml, files: ["app/.build/app.py": "print(1)\n"]).filter { $0.rule == "local-path-exists" }.count, 0)
    }

    /// normalize.go takes `${…}` in a boolean or number field only as a pure reference
    /// (dlt-ingestion-framework: `development: ${bundle.target == "dev"}` is dropped with a warning).
    func testAnExpressionInABooleanFieldIsAString() throws {
        let yaml = """
        bundle: {name: demo}
        variables:
          flag: {default: true}
        resources:
          pipelines:
            p:
              name: p
              catalog: main
              schema: s
              development: ${bundle.target == "dev"}
              continuous: ${var.flag}
        """
        let found = try validate(yaml).filter { $0.rule == "field-type" }
        XCTAssertEqual(found.map(\.path), ["resources.pipelines.p.development"])
    }

    /// An app's inline `config` is the CLI's AppConfig (command, env): other fields are unknown, and
    /// `valueFrom` gets the CLI's own hint (normalize.go), as stuagano/databricks-watchdog writes them.
    func testAnAppsConfigFields() throws {
        let found = try validate("""
        bundle: {name: demo}
        resources:
          apps:
            web:
              name: web
              source_code_path: ./app
              config:
                command: [python, app.py]
                env:
                  - {name: WAREHOUSE, valueFrom: wh}
                  - {name: MODE, value: prod}
                resources: [{name: wh}]
        """, files: ["app/app.py": "print(1)\n"]).filter { $0.rule == "unknown-field" }
        XCTAssertEqual(found.map(\.summary).sorted(), ["Use 'value_from' instead of 'valueFrom'", "unknown field: resources"])
        XCTAssertTrue(found.allSatisfy { $0.severity == .warning })
    }

    /// A notebook moved into another folder: the missing path's finding says where a file of that name is,
    /// as the path to write.
    func testAMovedNotebookIsFound() throws {
        let yaml = "bundle:\n  name: demo\nresources:\n  jobs:\n    a:\n      name: a\n      tasks:\n        - task_key: t\n          notebook_task:\n            notebook_path: ./src/nb.py\n"
        let found = try validate(yaml, files: ["src/etl/nb.py": "# Databricks notebook source\n"]).filter { $0.rule == "local-path-exists" }
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found.first?.detail?.hasPrefix("Did you mean ./src/etl/nb.py?") == true, found.first?.detail ?? "")
    }

    /// A serving endpoint's `config` and an app's resource kinds were free-form: unknown fields, wrong
    /// types and enum values there went unsaid (the CLI's typed configuration warns of them).
    func testServingConfigAndAppResourcesAreChecked() throws {
        let yaml = """
        bundle: {name: probe}
        resources:
          model_serving_endpoints:
            ep:
              name: ep
              config:
                bogus_cfg: 1
                served_entities:
                  - entity_name: a.b.c
                    entity_version: "1"
                    scale_to_zero_enabled: maybe
                traffic_config:
                  routes:
                    - served_model_name: c-1
                      traffic_percentage: abc
          apps:
            app:
              name: app
              source_code_path: .
              resources:
                - name: wh
                  sql_warehouse:
                    id: "1234567890abcdef"
                    permission: CAN_FLY
                    bogus_appres: 1
        """
        let found = try validate(yaml).map { "\($0.path ?? ""): \($0.summary)" }
        for expected in ["resources.model_serving_endpoints.ep.config.bogus_cfg: unknown field: bogus_cfg",
                         "resources.model_serving_endpoints.ep.config.served_entities[0].scale_to_zero_enabled: expected bool, found string",
                         "resources.model_serving_endpoints.ep.config.traffic_config.routes[0].traffic_percentage: cannot parse \"abc\" as an integer",
                         "resources.apps.app.resources[0].sql_warehouse.bogus_appres: unknown field: bogus_appres"] {
            XCTAssertTrue(found.contains(expected), "\(expected) not in \(found)")
        }
        XCTAssertTrue(found.contains { $0.contains("CAN_FLY") }, "\(found)")
    }

    /// `${ var.missing }` and `${file(./q.sql)}` are no references by the CLI's pattern (libs/dyn/dynvar/ref.go):
    /// deployed as that text, silently (an alert's SQL became it). A warning.
    func testTextThatLooksLikeAReferenceButIsNoneIsSaid() throws {
        let yaml = "bundle: {name: probe}\nvariables:\n  missing: {default: x}\nresources:\n  jobs:\n    j:\n      name: ${ var.missing }\n      description: \"${file(./q.sql)} and ${var.missing}\"\n"
        let found = try validate(yaml).filter { $0.summary.contains("is not a reference the Databricks CLI resolves") }
        XCTAssertEqual(found.map(\.path), ["resources.jobs.j.name", "resources.jobs.j.description"], "\(found.map(\.summary))")
        XCTAssertEqual(found.map(\.severity), [.warning, .warning])
    }

    /// `${bundle.target == "dev"}` in a bool field: the CLI drops the field (normalizeBool's type mismatch), so "it is
    /// deployed as written" beside "expected bool" contradicted it (trial of 2026-12-07); an expression says so.
    func testAnExpressionInABoolFieldIsNotSaidToBeDeployedAsWritten() throws {
        let yaml = "bundle: {name: probe}\nresources:\n  pipelines:\n    p:\n      name: p\n      development: ${bundle.target == \"dev\"}\n"
        let found = try validate(yaml).filter { $0.summary.contains("is not a reference the Databricks CLI resolves") }
        XCTAssertEqual(found.count, 1, "\(found.map(\.summary))")
        XCTAssertFalse(found[0].summary.contains("deployed as written"), found[0].summary)
        XCTAssertTrue((found[0].detail ?? "").contains("no expressions") && (found[0].detail ?? "").contains("left unset"), found[0].detail ?? "")
    }

    /// A missing literal include such as a git-ignored databricks.local.yml suggested "databricks.yml" (the root file,
    /// which an include cannot name); the glob the CLI accepts when it matches nothing is the way out.
    func testAMissingLocalIncludeSuggestsAGlobNotTheRootFile() throws {
        let yaml = "bundle: {name: probe}\ninclude:\n  - databricks.local.yml\n"
        let found = try validate(yaml).filter { $0.summary.contains("names a file that does not exist") }
        XCTAssertEqual(found.count, 1)
        XCTAssertFalse((found[0].detail ?? "").contains("databricks.yml\""), found[0].detail ?? "")
        XCTAssertTrue((found[0].detail ?? "").contains("databricks.local*.yml"), found[0].detail ?? "")
    }

    /// A resource key with a double underscore, or in another script, referenced from an integer field:
    /// "cannot parse … as an integer" (the CLI's BaseVarDef is \p{L}+([-_]*[\p{L}\p{N}]+)*).
    func testReferencesToKeysWithDoubleUnderscoresOrOtherScripts() throws {
        let yaml = """
        bundle: {name: probe}
        resources:
          jobs:
            foo__bar: {name: a}
            变量: {name: b}
            foo:
              name: "${resources.jobs.变量.id}"
              tasks:
                - task_key: t
                  run_job_task: {job_id: "${resources.jobs.foo__bar.id}"}
        """
        let found = try validate(yaml)
        XCTAssertTrue(found.isEmpty, "\(found.map(\.summary))")
    }

    /// spend, datalab: run_as a service principal's application id (or a user) beside an app and a serving
    /// endpoint passed; the CLI refuses them unless that identity deploys (run_as.go validateRunAs), which
    /// only the deploy knows: a warning each. Deployed as the current user, nothing.
    func testOwnerOnlyResourcesBesideARunAsThatMayNotDeploy() throws {
        let app = """
          apps:
            portal:
              name: portal
              source_code_path: ./app
          model_serving_endpoints:
            chat:
              name: chat
        """
        for runAs in ["service_principal_name: 6f1c3a52-0000-4000-8000-000000000001", "user_name: someone.else@example.com"] {
            let found = try validate("bundle:\n  name: demo\nrun_as:\n  \(runAs)\nresources:\n\(app)\n", files: ["app/app.py": "print('hi')\n"])
                .filter { $0.rule == "run-as-identity" }
            XCTAssertEqual(found.map(\.severity), [.warning, .warning], runAs)
            XCTAssertTrue(found.allSatisfy { $0.summary.contains("do not support a setting a run_as user that is different from the owner") }, runAs)
        }
        let mine = try validate("bundle:\n  name: demo\nrun_as:\n  user_name: ${workspace.current_user.userName}\nresources:\n\(app)\n", files: ["app/app.py": "print('hi')\n"])
        XCTAssertTrue(mine.filter { $0.rule == "run-as-identity" }.isEmpty)
    }

    /// An alert's .dbalert.json is read into the alert before the CLI's enum check (load_dbalert_files.go,
    /// enum.go): "EQUALS" passed.
    func testAnAlertFilesEnumsAreChecked() throws {
        let yaml = "bundle:\n  name: demo\nresources:\n  alerts:\n    late:\n      display_name: late\n      warehouse_id: abcdef1234567890\n      file_path: ./late.dbalert.json\n"
        let file = #"{"query_lines": ["select 1 as n"], "evaluation": {"comparison_operator": "EQUALS", "source": {"name": "n"}}, "schedule": {"quartz_cron_schedule": "0 0 * * * ?", "timezone_id": "UTC", "pause_status": "paused"}}"#
        let found = try validate(yaml, files: ["late.dbalert.json": file]).filter { $0.rule == "enum-value" }
        XCTAssertEqual(found.map(\.path), ["resources.alerts.late.evaluation.comparison_operator", "resources.alerts.late.schedule.pause_status"])
        XCTAssertTrue(found.first?.detail?.contains("Did you mean EQUAL?") == true, found.first?.detail ?? "")
        XCTAssertEqual(found.first?.location?.line, 8)
    }

    /// A depends_on typo in task t1 was answered "Did you mean t1?" (the task itself).
    func testADependencyTypoNeverSuggestsTheTaskItself() throws {
        let yaml = "bundle:\n  name: demo\nresources:\n  jobs:\n    etl:\n      name: etl\n      tasks:\n        - task_key: t1\n          depends_on:\n            - task_key: tt1\n          notebook_task: {notebook_path: /Workspace/a}\n        - task_key: load\n          notebook_task: {notebook_path: /Workspace/b}\n"
        let found = try validate(yaml).filter { $0.rule == "task-dependency-exists" }
        XCTAssertEqual(found.count, 1)
        XCTAssertFalse(found.first?.detail?.contains("t1?") ?? false, found.first?.detail ?? "")
    }

    /// dev's own sync pattern was checked when prod was validated (`validate -t prod --strict` failed): the CLI checks
    /// the patterns of the target validated, merged into the top-level ones (root.go, validate_sync_patterns.go).
    func testAnotherTargetsSyncPatternsAreNotChecked() throws {
        let yaml = "bundle:\n  name: f1\ntargets:\n  dev:\n    default: true\n    sync:\n      exclude:\n        - \"*.tmp\"\n  prod: {}\n"
        XCTAssertEqual(try validate(yaml, target: "prod").filter { $0.rule == "sync-pattern-matches" }.count, 0)
        let dev = try validate(yaml, target: "dev").filter { $0.rule == "sync-pattern-matches" }
        XCTAssertEqual(dev.map(\.path), ["sync.exclude[0]"])
        XCTAssertEqual(dev.first?.location?.line, 8)
    }

    /// A SQL notebook as sql_task's file, and a README as a notebook_path: the CLI refuses both (job_paths_visitor.go
    /// file mode; DetectWithFS: another extension is no notebook), dabrepo said OK; a pipeline's `file:` of the same
    /// notebook was then let through too (a cached verdict, whatever the kind).
    func testTheKindOfAFileEveryTaskExpects() throws {
        let yaml = """
        bundle:
          name: demo
        resources:
          jobs:
            daily:
              name: daily
              tasks:
                - task_key: report
                  sql_task:
                    warehouse_id: abc123
                    file:
                      path: ./src/report.sql
                - task_key: readme
                  notebook_task:
                    notebook_path: ./readme.md
          pipelines:
            p:
              name: p
              libraries:
                - file:
                    path: ./src/report.sql

        """
        let found = try validate(yaml, files: ["src/report.sql": "-- Databricks notebook source\nSELECT 1\n", "readme.md": "# Read me\n"])
            .filter { $0.rule == "local-path-exists" }
        XCTAssertEqual(Set(found.map { $0.path ?? "" }), ["resources.jobs.daily.tasks[0].sql_task.file.path", "resources.jobs.daily.tasks[1].notebook_task.notebook_path",
                                                          "resources.pipelines.p.libraries[0].file.path"], "\(found.map(\.summary))")
        XCTAssertTrue(found.contains { $0.summary.hasPrefix("expected a notebook for \"resources.jobs.daily.tasks[1].notebook_task.notebook_path\" but got a file") })
    }

    /// An artifact built in a folder above the bundle (communitiesuk/cdp_core's `path: ../..`): "not contained in sync
    /// root path" was said, which the CLI allows for artifacts (translate_paths_artifacts.go AllowPathOutsideSyncRoot).
    func testAnArtifactAboveTheBundle() throws {
        let yaml = "bundle:\n  name: demo\nartifacts:\n  default:\n    type: whl\n    path: ../..\n    build: python -m build\n"
        XCTAssertEqual(try validate(yaml).filter { $0.severity == .error }.map(\.summary), [])
    }

    /// `include: [conf/${var.env}/*.yml]`: the CLI takes the path literally (process_root_includes.go globs it
    /// before variables exist), so the glob matches nothing and is no error there; the files it was written
    /// for were left out unsaid. Said as information (no warning: --strict passes as the CLI's); a literal
    /// path with ${…} is the CLI's error, and says why.
    func testIncludePathsAreNotInterpolated() throws {
        let yaml = "bundle:\n  name: demo\nvariables:\n  env:\n    default: dev\ninclude:\n  - conf/${var.env}/*.yml\n"
        let found = try validate(yaml, files: ["conf/dev/a.yml": "resources:\n  jobs:\n    a:\n      name: a\n"])
        let info = found.filter { $0.rule == "include-path" }
        XCTAssertEqual(info.map(\.severity), [.info], "\(found.map(\.summary))")
        XCTAssertTrue(info.first?.summary.contains("not interpolated") ?? false)
        let literal = try validate("bundle:\n  name: demo\nvariables:\n  env:\n    default: dev\ninclude:\n  - conf/${var.env}.yml\n", files: ["conf/dev.yml": "bundle:\n  name: demo\n"])
        let error = literal.first { $0.rule == "include-path" }
        XCTAssertEqual(error?.severity, .error)
        XCTAssertTrue(error?.detail?.contains("taken literally") ?? false, "\(String(describing: error))")
    }

    /// A right key at the wrong indentation (`targets:` under `resources:`, `permissions:` under a task) was a
    /// bare "unknown field": the hint says which level it belongs to.
    func testAFieldOfALevelAboveSaysSo() throws {
        let yaml = """
        bundle:
          name: demo
        resources:
          jobs:
            etl:
              name: etl
              tasks:
                - task_key: a
                  notebook_task:
                    notebook_path: /Workspace/a
                  permissions:
                    - level: CAN_VIEW
                      group_name: users
          targets:
            dev:
              default: true
        """
        let unknown = try validate(yaml).filter { $0.summary.hasPrefix("unknown field") }
        let targets = unknown.first { $0.summary == "unknown field: targets" }
        XCTAssertTrue(targets?.detail?.contains("targets is a field of the top level, not of resources") ?? false, "\(unknown.map { "\($0.summary) \($0.detail ?? "")" })")
        let permissions = unknown.first { $0.summary == "unknown field: permissions" }
        XCTAssertTrue(permissions?.detail?.contains("permissions is a field of resources.jobs.etl") ?? false, "\(unknown.map { "\($0.summary) \($0.detail ?? "")" })")
    }

    /// A notebook header written almost right (a byte order mark, a trailing blank, a blank line first) is no
    /// header for the CLI, which compares the first line exactly; the advice said "add it" to someone who sees it.
    func testAHeaderWrittenAlmostRightSaysWhatIsWrong() throws {
        let yaml = "bundle:\n  name: demo\nresources:\n  jobs:\n    etl:\n      name: etl\n      tasks:\n        - task_key: a\n          notebook_task:\n            notebook_path: ./nb.py\n"
        for (text, says) in [("\u{FEFF}# Databricks notebook source\nx = 1\n", "byte order mark"), ("# Databricks notebook source \nx = 1\n", "blanks around the header"),
                             ("\n# Databricks notebook source\nx = 1\n", "not on the first line"), ("x = 1\n", "; add it, or run")] {
            let found = try validate(yaml, files: ["nb.py": text]).filter { $0.summary.contains("is not a notebook") }
            XCTAssertEqual(found.count, 1, text)
            XCTAssertTrue(found.first?.detail?.contains(says) ?? false, "\(text): \(found.first?.detail ?? "")")
        }
    }

    /// The CLI merges a securable's grants of one principal and a pipeline's clusters of one label once targets are
    /// merged (resourcemutator/merge_grants.go, merge_pipeline_clusters.go): a second entry for analysts without
    /// privileges was "grant privileges is required", a second `default` cluster "min_workers is not set".
    func testGrantsOfOnePrincipalAndClustersOfOneLabelAreMerged() throws {
        let yaml = """
        bundle: {name: merged}
        resources:
          schemas:
            s:
              name: s
              catalog_name: main
              grants:
                - {principal: analysts, privileges: [USE_SCHEMA, SELECT]}
                - {principal: analysts, privileges: []}
          pipelines:
            p:
              name: p
              catalog: main
              schema: s
              libraries: [{notebook: {path: ./nb.py}}]
              clusters:
                - {label: default, autoscale: {min_workers: 1, max_workers: 5}}
                - autoscale: {max_workers: 8}
        targets:
          dev:
            default: true
            resources:
              schemas:
                s:
                  grants:
                    - {principal: analysts, privileges: [SELECT]}

        """
        let found = try validate(yaml, files: ["nb.py": "# Databricks notebook source\n"], target: "dev")
        XCTAssertEqual(found.filter { $0.severity != .info }.map(\.summary), [])
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: ["databricks.yml": yaml, "nb.py": "# Databricks notebook source\n"])).load()
        let resources = bundle.effectiveConfiguration(target: "dev").configuration["resources"]
        let grants = resources?["schemas"]?["s"]?["grants"]?.sequence ?? []
        XCTAssertEqual(grants.count, 1)
        XCTAssertEqual(grants.first?["privileges"]?.sequence?.compactMap(\.string), ["USE_SCHEMA", "SELECT"])
        let clusters = resources?["pipelines"]?["p"]?["clusters"]?.sequence ?? []
        XCTAssertEqual(clusters.count, 1)
        XCTAssertEqual(clusters.first?["autoscale"]?["max_workers"]?.string, "8")
        XCTAssertEqual(clusters.first?["autoscale"]?["min_workers"]?.string, "1")
    }
}
