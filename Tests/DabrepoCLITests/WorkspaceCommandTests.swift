import Foundation
import TestSupport
import XCTest

final class WorkspaceCommandTests: RepositoryTestCase {
    var fake: FakeWorkspaceServer!

    override func setUpWithError() throws {
        try super.setUpWithError()
        let job = try JSONSerialization.jsonObject(with: Data(contentsOf: TestPaths.fixture("DabrepoCLITests", "jobs/nightly_sales.json")))
        var jobs: [Any] = [job]
        for i in 1...120 { jobs.append(["job_id": 1000 + i, "settings": ["name": "job \(i)", "tasks": [["task_key": "t", "notebook_task": ["notebook_path": "/Shared/x"]]]]]) }
        fake = try FakeWorkspaceServer(state: [
            "jobs": jobs, "task_page_size": 1, "user": "ana@example.com",
            "notebooks": ["/Workspace/Users/ana@example.com/sales/ingest": ["content": "# Databricks notebook source\nprint('ingest')\n", "language": "PYTHON"],
                          "/Workspace/Users/ana@example.com/sales/aggregate": ["content": "# Databricks notebook source\nprint('aggregate')\n", "language": "PYTHON"]],
        ], directory: workspace.url)
    }

    override func tearDown() {
        fake = nil
        super.tearDown()
    }

    var pat: [String: String?] { environment.merging(["DATABRICKS_HOST": fake.host, "DATABRICKS_TOKEN": "test-token-1", "DABREPO_RETRY_BUDGET": "20"]) { $1 } }

    func run(_ arguments: [String], _ env: [String: String?]? = nil, in directory: URL? = nil) throws -> CommandResult {
        try CommandRunner.dabrepo(arguments, in: directory ?? workspace.url, environment: env ?? pat)
    }

    func testHealthWithATokenAndWithOAuthMachineToMachine() throws {
        let health = try run(["workspace", "health"])
        XCTAssertEqual(health.status, 0, health.stderr)
        XCTAssertTrue(health.stdout.contains("signed in as ana@example.com (pat)"), health.stdout)
        let m2m = environment.merging(["DATABRICKS_HOST": fake.host, "DATABRICKS_CLIENT_ID": "test-client", "DATABRICKS_CLIENT_SECRET": "test-secret"]) { $1 }
        let list = try run(["jobs", "list"], m2m)
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.hasSuffix("121 jobs\n"), "two pages of jobs/list: \(list.stdout.suffix(40))")
        let tokenRequests = try fake.requests().filter { $0["path"] as? String == "/oidc/v1/token" }
        XCTAssertEqual(tokenRequests.count, 1, "the OAuth token is fetched once and cached")
        let wrong = environment.merging(["DATABRICKS_HOST": fake.host, "DATABRICKS_CLIENT_ID": "test-client", "DATABRICKS_CLIENT_SECRET": "nope"]) { $1 }
        let denied = try run(["workspace", "health"], wrong)
        XCTAssertEqual(denied.status, 1)
        XCTAssertTrue(denied.stderr.contains("did not accept the credentials"), denied.stderr)
        XCTAssertFalse(denied.stderr.contains("nope"))
    }

    /// A host written without its scheme is https, which a plain-http server cannot speak: said at
    /// once with what to do, not after a minute of retries; the scheme in capitals is a scheme.
    func testAHostsSchemeIsReadAsWritten() throws {
        let address = fake.host.replacingOccurrences(of: "http://", with: "")
        let bare = try run(["workspace", "health"], pat.merging(["DATABRICKS_HOST": address, "DABREPO_RETRY_BUDGET": nil]) { $1 })
        XCTAssertEqual(bare.status, 1, bare.stderr)
        XCTAssertTrue(bare.stderr.contains("write the host with http://"), bare.stderr)
        XCTAssertFalse(bare.stderr.contains("gave up"), bare.stderr)
        let capitals = try run(["workspace", "health"], pat.merging(["DATABRICKS_HOST": "HTTP://" + address]) { $1 })
        XCTAssertEqual(capitals.status, 0, capitals.stderr)
    }

    func testRetriesHonourRetryAfterAnd503() throws {
        try fake.addFault(["path": "/api/2.0/preview/scim/v2/Me", "status": 429, "times": 2, "retry_after": "1"])
        try fake.addFault(["path": "/api/2.0/preview/scim/v2/Me", "status": 503, "times": 1])
        let health = try run(["workspace", "health"])
        XCTAssertEqual(health.status, 0, health.stderr)
        XCTAssertGreaterThanOrEqual(health.seconds, 2, "waited for Retry-After twice")
        XCTAssertEqual(try fake.requests().filter { $0["path"] as? String == "/api/2.0/preview/scim/v2/Me" }.count, 4)
        try fake.addFault(["path": "/api/2.0/preview/scim/v2/Me", "status": 429, "times": 100, "retry_after": "1"])
        let gaveUp = try run(["workspace", "health"], pat.merging(["DABREPO_RETRY_BUDGET": "2"]) { $1 })
        XCTAssertEqual(gaveUp.status, 1)
        XCTAssertTrue(gaveUp.stderr.contains("gave up after"), gaveUp.stderr)
    }

    /// A token a profile gives that the workspace refuses: the error names the profile and how to see its
    /// credentials (`auth describe` alone described DEFAULT).
    func testARefusedProfileIsNamed() throws {
        let config = workspace.url.appendingPathComponent("refused.cfg")
        try "[staging]\nhost = \(fake.host)\ntoken = not-the-token\n".write(to: config, atomically: true, encoding: .utf8)
        let env = environment.merging(["DATABRICKS_CONFIG_FILE": config.path, "DATABRICKS_HOST": nil, "DATABRICKS_TOKEN": nil]) { $1 }
        let denied = try run(["workspace", "health", "--profile", "staging"], env)
        XCTAssertEqual(denied.status, 1, denied.stdout)
        XCTAssertTrue(denied.stderr.contains("`dabrepo auth describe --profile staging`"), denied.stderr)
        XCTAssertFalse(denied.stderr.contains("not-the-token"), denied.stderr)
    }

    /// A wait longer than what is left: said at once, with the wait asked for (it said "gave up after 1 attempts:
    /// HTTP 429" and nothing of the hour the workspace asked for).
    func testAWaitLongerThanTheBudgetIsSaid() throws {
        try fake.addFault(["path": "/api/2.0/preview/scim/v2/Me", "status": 429, "times": 100, "retry_after": "3600"])
        let hour = try run(["workspace", "health"], pat.merging(["DABREPO_RETRY_BUDGET": "5"]) { $1 })
        XCTAssertEqual(hour.status, 1)
        XCTAssertTrue(hour.stderr.contains("gave up after 1 attempt:") && hour.stderr.contains("asked to wait 3600 s"), hour.stderr)
    }

    func testSlowAnswersTimeOutAndTruncatedJSONIsAClearError() throws {
        try fake.addFault(["path": "/api/2.0/preview/scim/v2/Me", "delay": 3.0, "times": 100])
        let slow = try run(["workspace", "health"], pat.merging(["DABREPO_REQUEST_TIMEOUT": "1", "DABREPO_RETRY_BUDGET": "2.5"]) { $1 })
        XCTAssertEqual(slow.status, 1, slow.stdout)
        XCTAssertTrue(slow.stderr.contains("gave up after"), slow.stderr)
        XCTAssertTrue(slow.stderr.lowercased().contains("timed out") || slow.stderr.lowercased().contains("timeout"), slow.stderr)
        XCTAssertLessThan(slow.seconds, 20, "a hung workspace does not hang dabrepo")

        try fake.addFault(["path": "/api/2.2/jobs/get", "truncate": true, "times": 1])
        let truncated = try run(["jobs", "get", "871263"])
        XCTAssertEqual(truncated.status, 1)
        XCTAssertTrue(truncated.stderr.hasPrefix("Error: the workspace sent an answer dabrepo cannot read"), truncated.stderr)
    }

    func testErrorsAreTypedAndTokensNeverShown() throws {
        let missing = try run(["jobs", "get", "9"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "Error: not found: Job 9 does not exist.\n")
        // As `jobs --help` shows it: -o json takes, and the error is JSON too.
        let missingJSON = try run(["jobs", "get", "9", "--output", "json"])
        XCTAssertEqual(missingJSON.status, 1)
        XCTAssertEqual(try json(missingJSON.stdout)["kind"] as? String, "not-found", missingJSON.stdout)
        let bad = try run(["workspace", "health", "--debug"], pat.merging(["DATABRICKS_TOKEN": "wrong-token-value"]) { $1 })
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("[debug] > GET"), bad.stderr)
        XCTAssertFalse(bad.stderr.contains("wrong-token-value") || bad.stdout.contains("wrong-token-value"))
    }

    func testJobsGetMergesTaskPages() throws {
        let result = try run(["jobs", "get", "871263"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let job = try json(result.stdout)
        XCTAssertEqual(((job["settings"] as? [String: Any])?["tasks"] as? [Any])?.count, 2, "two pages of one task each")
        XCTAssertNil(job["has_more"], "every page is in (the first page's has_more: true was kept)")
        XCTAssertEqual(try fake.requests().filter { $0["path"] as? String == "/api/2.2/jobs/get" }.count, 2)
    }

    func testGenerateFromTheWorkspaceDownloadsNotebooks() throws {
        let created = try CommandRunner.dabrepo(["init", "sales", "--template", "empty"], in: workspace.url, environment: environment)
        XCTAssertEqual(created.status, 0, created.stderr)
        let bundle = workspace.url.appendingPathComponent("sales")
        let result = try run(["generate", "job", "871263"], in: bundle)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("and 2 notebooks in src/"), result.stdout)
        let yaml = try read(bundle.appendingPathComponent("resources/nightly_sales_v2.job.yml"))
        XCTAssertTrue(yaml.contains("notebook_path: ../src/ingest.py"), yaml)
        XCTAssertFalse(yaml.contains("source: WORKSPACE"), yaml)
        XCTAssertEqual(try read(bundle.appendingPathComponent("src/aggregate.py")), "# Databricks notebook source\nprint('aggregate')\n")
        XCTAssertEqual(try dabrepo(["validate", "--all-targets"], in: bundle).status, 0)
        if let oracle = TestPaths.shared?.appendingPathComponent("oracle/check-bundle") {
            XCTAssertEqual(try CommandRunner.run(oracle, [bundle.path]).status, 0)
        }
        XCTAssertEqual(try gitOutput(["show", "--name-only", "--format=", "HEAD"], in: bundle).split(separator: "\n").sorted(),
                       ["resources/nightly_sales_v2.job.yml", "src/aggregate.py", "src/ingest.py"])
    }

    func testGenerateNeverOverwritesAFileOfTheBundleWithOtherContent() throws {
        let created = try CommandRunner.dabrepo(["init", "sales", "--template", "empty"], in: workspace.url, environment: environment)
        XCTAssertEqual(created.status, 0, created.stderr)
        let bundle = workspace.url.appendingPathComponent("sales")
        try workspace.write(["sales/src/ingest.py": "# Databricks notebook source\nprint('my own ingest')\n"])
        XCTAssertEqual(try gitOutput(["add", "-A"], in: bundle), "")
        _ = try gitOutput(["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "my ingest"], in: bundle)
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let result = try run(["generate", "job", "871263", "--key", "copy"], in: bundle)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("would overwrite src/ingest.py"), result.stderr)
        XCTAssertEqual(try read(bundle.appendingPathComponent("src/ingest.py")), "# Databricks notebook source\nprint('my own ingest')\n")
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }
}

final class AuthResolutionTests: CLITestCase {
    func describe(_ env: [String: String?], _ args: [String] = []) throws -> CommandResult {
        var base: [String: String?] = ["DATABRICKS_HOST": nil, "DATABRICKS_TOKEN": nil, "DATABRICKS_CLIENT_ID": nil, "DATABRICKS_CLIENT_SECRET": nil,
                                       "DATABRICKS_CONFIG_PROFILE": nil, "DATABRICKS_CONFIG_FILE": workspace.url.appendingPathComponent("cfg").path,
                                       "HOME": workspace.path]
        for (k, v) in env { base[k] = v }
        return try CommandRunner.dabrepo(["auth", "describe"] + args, in: workspace.url, environment: base)
    }

    func testTheResolutionMatrix() throws {
        try workspace.write(["cfg": """
        [__settings__]
        default_profile = dev

        [DEFAULT]
        host = https://default.example.com
        token = default-secret-value

        [dev]
        host = https://dev.example.com
        token = dev-secret-value

        [sp]
        host = https://sp.example.com
        client_id = abc
        client_secret = sp-secret-value

        [hostonly]
        host = https://hostonly.example.com
        """])
        let settingsDefault = try describe([:])
        XCTAssertEqual(settingsDefault.status, 0, settingsDefault.stderr)
        XCTAssertTrue(settingsDefault.stdout.contains("Host: https://dev.example.com\nAuth type: pat\nProfile: dev"), settingsDefault.stdout)
        XCTAssertFalse(settingsDefault.stdout.contains("dev-secret-value"))
        XCTAssertTrue(settingsDefault.stdout.contains("token = ********  (from profile dev in"), settingsDefault.stdout)

        XCTAssertTrue(try describe([:], ["--profile", "sp"]).stdout.contains("Auth type: oauth-m2m"))
        try FileManager.default.copyItem(at: workspace.url.appendingPathComponent("cfg"), to: workspace.url.appendingPathComponent(".databrickscfg"))
        let fromHome = try describe(["DATABRICKS_CONFIG_FILE": nil])
        XCTAssertTrue(fromHome.stdout.contains("(from profile dev in \(workspace.path)/.databrickscfg)"), "~ is $HOME: " + fromHome.stdout + fromHome.stderr)
        let scripted = try describe([:], ["--profile", "sp", "--output", "json"])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(scripted.stdout.utf8)) as? [String: Any], scripted.stdout)
        XCTAssertEqual(object["auth_type"] as? String, "oauth-m2m")
        XCTAssertEqual(object["profile"] as? String, "sp")
        XCTAssertEqual(((object["settings"] as? [String: Any])?["client_secret"] as? [String: Any])?["value"] as? String, "********")
        XCTAssertFalse(scripted.stdout.contains("sp-secret-value"))
        XCTAssertTrue(try describe(["DATABRICKS_CONFIG_PROFILE": "sp"]).stdout.contains("Host: https://sp.example.com"))

        let notMerged = try describe([:], ["--profile", "hostonly"])
        XCTAssertEqual(notMerged.status, 2, "a named profile is not merged with DEFAULT")
        XCTAssertTrue(notMerged.stderr.contains("no credentials for https://hostonly.example.com"), notMerged.stderr)

        let env = try describe(["DATABRICKS_HOST": "https://env.example.com", "DATABRICKS_TOKEN": "env-secret-value"])
        XCTAssertTrue(env.stdout.contains("host = https://env.example.com  (from DATABRICKS_HOST environment variable)"), env.stdout)
        XCTAssertFalse(env.stdout.contains("Profile:"), "no setting comes from a profile: \(env.stdout)")

        // A token in the environment and no profile chosen: the file is not read (as the Databricks SDKs
        // do), so the token never goes to the default profile's host.
        let tokenOnly = try describe(["DATABRICKS_TOKEN": "env-secret-value"])
        XCTAssertEqual(tokenOnly.status, 2, tokenOnly.stdout)
        XCTAssertTrue(tokenOnly.stderr.contains("DATABRICKS_TOKEN is set, so") && tokenOnly.stderr.contains("set DATABRICKS_HOST too"), tokenOnly.stderr)
        XCTAssertFalse(tokenOnly.stdout.contains("dev.example.com"))

        // Plain http only to this machine: elsewhere the token would cross the network in clear text.
        let plain = try describe(["DATABRICKS_HOST": "http://workspace.example.com", "DATABRICKS_TOKEN": "env-secret-value"])
        XCTAssertEqual(plain.status, 2, plain.stdout)
        XCTAssertTrue(plain.stderr.contains("is plain http") && plain.stderr.contains("use https://workspace.example.com"), plain.stderr)
        XCTAssertEqual(try describe(["DATABRICKS_HOST": "http://127.0.0.1:8080", "DATABRICKS_TOKEN": "env-secret-value"]).status, 0)

        let conflict = try describe(["DATABRICKS_HOST": "https://other.example.com"], ["--profile", "dev"])
        XCTAssertEqual(conflict.status, 2)
        XCTAssertTrue(conflict.stderr.contains("DATABRICKS_HOST and profile dev set different hosts"), conflict.stderr)
        // The profile's host written another way is no conflict.
        for same in ["https://dev.example.com/", "dev.example.com", "HTTPS://DEV.example.com", "https://dev.example.com:443"] {
            let agreed = try describe(["DATABRICKS_HOST": same], ["--profile", "dev"])
            XCTAssertEqual(agreed.status, 0, same + ": " + agreed.stderr)
        }

        let both = try describe(["DATABRICKS_CLIENT_ID": "abc", "DATABRICKS_CLIENT_SECRET": "x"], ["--profile", "dev"])
        XCTAssertEqual(both.status, 2)
        XCTAssertTrue(both.stderr.contains("more than one way to authenticate"), both.stderr)

        let unknown = try describe([:], ["--profile", "staging"])
        XCTAssertTrue(unknown.stderr.contains("no profile staging"), unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("profiles: DEFAULT, dev, sp, hostonly"), unknown.stderr)

        try FileManager.default.removeItem(at: workspace.url.appendingPathComponent("cfg"))
        let nothing = try describe([:])
        XCTAssertEqual(nothing.status, 2)
        XCTAssertTrue(nothing.stderr.contains("no Databricks workspace configured"), nothing.stderr)
    }
}

final class NotebookCommandTests: CLITestCase {
    func testListExportAndAnalyze() throws {
        let fake = try FakeWorkspaceServer(state: ["jobs": [], "notebooks": [
            "/Workspace/Shared/etl/ingest": ["content": "# Databricks notebook source\ndbutils.widgets.text(\"catalog\", \"main\")\n\n# COMMAND ----------\n\nimport mlflow\n", "language": "PYTHON"],
            "/Workspace/Shared/etl/sub/report": ["content": "-- Databricks notebook source\nSELECT * FROM main.gold.daily\n", "language": "SQL"],
        ]], directory: workspace.url)
        let env: [String: String?] = ["DATABRICKS_HOST": fake.host, "DATABRICKS_TOKEN": "test-token-1", "HOME": workspace.path]
        let list = try CommandRunner.dabrepo(["notebooks", "list", "/Workspace/Shared/etl", "--recursive"], in: workspace.url, environment: env)
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertEqual(list.stdout, "python\t/Workspace/Shared/etl/ingest\ndir\t/Workspace/Shared/etl/sub\nsql\t/Workspace/Shared/etl/sub/report\n")
        let export = try CommandRunner.dabrepo(["notebooks", "export", "/Workspace/Shared/etl/ingest", "--file", "ingest.py"], in: workspace.url, environment: env)
        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertTrue(try String(contentsOf: workspace.url.appendingPathComponent("ingest.py"), encoding: .utf8).hasPrefix("# Databricks notebook source\n"))
        // -o is the output format, as in every command (it once named the file: a file called "json").
        let exported = try CommandRunner.dabrepo(["notebooks", "export", "/Workspace/Shared/etl/ingest", "-o", "json"], in: workspace.url, environment: env)
        XCTAssertEqual(exported.status, 0, exported.stderr)
        XCTAssertEqual(try json(exported.stdout)["path"] as? String, "/Workspace/Shared/etl/ingest")
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.url.appendingPathComponent("json").path))
        // A file that cannot be written is said plainly.
        let nowhere = try CommandRunner.dabrepo(["notebooks", "export", "/Workspace/Shared/etl/ingest", "-f", "missing/x.py"], in: workspace.url, environment: env)
        XCTAssertEqual(nowhere.status, 2, nowhere.stderr)
        XCTAssertTrue(nowhere.stderr.contains("the folder of missing/x.py does not exist"), nowhere.stderr)
        let local = try CommandRunner.dabrepo(["notebooks", "analyze", "ingest.py"], in: workspace.url, environment: env)
        XCTAssertTrue(local.stdout.contains("Parameters: catalog=main"), local.stdout)
        XCTAssertTrue(local.stdout.contains("It needs an ML runtime."), local.stdout)
        let remote = try CommandRunner.dabrepo(["notebooks", "analyze", "/Workspace/Shared/etl/sub/report", "--output", "json"], in: workspace.url, environment: env)
        let summary = try json(remote.stdout)
        XCTAssertEqual(summary["language"] as? String, "sql")
        XCTAssertEqual(summary["tables_read"] as? [String], ["main.gold.daily"])
        let jupyter = try CommandRunner.dabrepo(["notebooks", "export", "/Workspace/Shared/etl/ingest", "--format", "jupyter"], in: workspace.url, environment: env)
        XCTAssertTrue(jupyter.stdout.contains("\"nbformat\""), jupyter.stdout)
        let asJSON = try json(try CommandRunner.dabrepo(["notebooks", "export", "/Workspace/Shared/etl/ingest", "--output", "json"], in: workspace.url, environment: env).stdout)
        XCTAssertEqual(asJSON["path"] as? String, "/Workspace/Shared/etl/ingest")
        XCTAssertEqual(asJSON["language"] as? String, "py")
        XCTAssertTrue((asJSON["content"] as? String ?? "").hasPrefix("# Databricks notebook source\n"), "\(asJSON)")
        let missing = try CommandRunner.dabrepo(["notebooks", "export", "/Workspace/Shared/nope"], in: workspace.url, environment: env)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("not found: Path (/Workspace/Shared/nope) doesn't exist."), missing.stderr)
    }

    /// The tool (MCP, the LLM agent, the page) reads local files only inside the served folder; the CLI
    /// command reads any file the user names.
    func testTheAnalyzeToolReadsNoLocalFileOutsideTheServedFolder() throws {
        let fake = try FakeWorkspaceServer(state: ["jobs": [], "notebooks": [:]], directory: workspace.url)
        let env: [String: String?] = ["DATABRICKS_HOST": fake.host, "DATABRICKS_TOKEN": "test-token-1", "HOME": workspace.path]
        try workspace.write(["outside.py": "# Databricks notebook source\ndbutils.widgets.text(\"db_password\", \"hunter2\")\n",
                             "served/src/inside.py": "# Databricks notebook source\ndbutils.widgets.text(\"catalog\", \"main\")\n"])
        let served = workspace.url.appendingPathComponent("served")
        let inside = try CommandRunner.dabrepo(["tools", "call", "analyze_notebook", #"{"path":"src/inside.py"}"#], in: served, environment: env)
        XCTAssertEqual(inside.status, 0, inside.stdout + inside.stderr)
        XCTAssertTrue(inside.stdout.contains("catalog"), inside.stdout)
        for path in ["../outside.py", "src/../../outside.py", workspace.url.appendingPathComponent("outside.py").path] {
            let result = try CommandRunner.dabrepo(["tools", "call", "analyze_notebook", "{\"path\":\"\(path)\"}"], in: served, environment: env)
            XCTAssertEqual(result.status, 1, path)
            XCTAssertFalse((result.stdout + result.stderr).contains("hunter2"), path + ": " + result.stdout)
            XCTAssertFalse((result.stdout + result.stderr).contains("db_password"), path + ": " + result.stdout)
        }
        let cli = try CommandRunner.dabrepo(["notebooks", "analyze", "../outside.py"], in: served, environment: env)
        XCTAssertEqual(cli.status, 0, cli.stderr)
        XCTAssertTrue(cli.stdout.contains("db_password"), cli.stdout)
    }
}

final class WorkspaceOperationTests: CLITestCase {
    var fake: FakeWorkspaceServer!
    var env: [String: String?] = [:]

    override func setUpWithError() throws {
        try super.setUpWithError()
        fake = try FakeWorkspaceServer(state: [
            "jobs": [["job_id": 7, "settings": ["name": "nightly", "tasks": [["task_key": "t", "notebook_task": ["notebook_path": "/Shared/x"]]]]]],
            "clusters": [["cluster_id": "0123-456789-abcdefgh", "cluster_name": "shared", "state": "RUNNING", "num_workers": 2]],
            "dbfs": ["/FileStore": [["path": "/FileStore/tables", "is_dir": true, "file_size": 0], ["path": "/FileStore/a.csv", "is_dir": false, "file_size": 12]]],
        ], directory: workspace.url)
        env = ["DATABRICKS_HOST": fake.host, "DATABRICKS_TOKEN": "test-token-1", "HOME": workspace.path]
    }

    override func tearDown() {
        fake = nil
        super.tearDown()
    }

    func run(_ arguments: [String]) throws -> CommandResult {
        try CommandRunner.dabrepo(arguments, in: workspace.url, environment: env)
    }

    func testJobRunWaitsForTheEnd() throws {
        let ok = try run(["jobs", "run", "7", "--wait", "--poll-interval", "0.05", "--param", "run_date=2026-11-20"])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertTrue(ok.stdout.hasPrefix("Started run 5000 of job 7\n"), ok.stdout)
        XCTAssertTrue(ok.stdout.contains("Run 5000 ended: SUCCESS"), ok.stdout)
        XCTAssertEqual(ok.stderr, "  PENDING\n  RUNNING\n  TERMINATED\n")
        let failed = try run(["jobs", "run", "7", "--wait", "--poll-interval", "0.05", "--param", "fail=yes"])
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.stdout.contains("ended: FAILED: Task ingest failed with message: yes"), failed.stdout)
        let scripted = try run(["jobs", "run", "7", "--wait", "--poll-interval", "0.05", "-o", "json"])
        let answer = try json(scripted.stdout)
        XCTAssertEqual(answer["result_state"] as? String, "SUCCESS", scripted.stdout)
        XCTAssertEqual(answer["job_id"] as? Int, 7)
        XCTAssertNotNil(answer["run_id"] as? Int)
        XCTAssertEqual(try json(try run(["jobs", "run", "7", "--output", "json"]).stdout)["job_id"] as? Int, 7)
    }

    func testSQLWarehousesClustersAndDBFS() throws {
        let sql = try run(["sql", "SELECT count(*) AS trips, zone FROM t GROUP BY zone", "--warehouse", "abc123"])
        XCTAssertEqual(sql.status, 0, sql.stderr)
        XCTAssertEqual(sql.stdout, "trips  zone\n-----  -------\n42     Midtown\n7      Harlem\n(2 rows)\n")
        let failed = try run(["sql", "SELECT * FROM fail_table", "--warehouse", "abc123"])
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.stderr.contains("STATEMENT_FAILED: [TABLE_OR_VIEW_NOT_FOUND]"), failed.stderr)
        let warehouses = try run(["warehouses", "list"])
        XCTAssertTrue(warehouses.stdout.contains("abc123  Serverless Starter Warehouse  RUNNING  2X-Small"), warehouses.stdout)
        let cluster = try json(try run(["clusters", "get", "0123-456789-abcdefgh", "--output", "json"]).stdout)
        XCTAssertEqual(cluster["cluster_name"] as? String, "shared")
        XCTAssertEqual(try run(["clusters", "get", "0123-456789-abcdefgh"]).stdout,
                       "Name                    shared\nState                   RUNNING\nWorkers                 2\n")
        let missing = try run(["clusters", "get", "nope"])
        XCTAssertEqual(missing.stderr, "Error: not found: Cluster nope does not exist\n")
        XCTAssertEqual(try run(["dbfs", "ls", "/FileStore"]).stdout, "dir \t\t/FileStore/tables\nfile\t12\t/FileStore/a.csv\n")
    }
}

final class GenerateNotebooksTests: RepositoryTestCase {
    /// Workspace FILES named as notebooks: README.md became src/README.md.py, run as a Python script, and
    /// lib/util.py became src/util.py.py. A file that is no source is refused; a source file keeps its name.
    func testWorkspaceFilesAreNoNotebooks() throws {
        let fake = try FakeWorkspaceServer(state: ["jobs": [], "notebooks": [
            "/Workspace/Users/ana@example.com/etl/README.md": ["content": "# ETL\n", "object_type": "FILE"],
            "/Workspace/Users/ana@example.com/etl/lib/util.py": ["content": "print('util')\n", "object_type": "FILE"],
            "/Workspace/Users/ana@example.com/etl/query.sql": ["content": "SELECT 1\n", "object_type": "FILE"],
        ]], directory: workspace.url)
        XCTAssertEqual(try dabrepo(["init", "etl", "--template", "empty"]).status, 0)
        let bundle = workspace.url.appendingPathComponent("etl")
        let env = environment.merging(["DATABRICKS_HOST": fake.host, "DATABRICKS_TOKEN": "test-token-1"]) { $1 }
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let readme = try CommandRunner.dabrepo(["generate", "notebooks", "/Workspace/Users/ana@example.com/etl/README.md", "--key", "readme"], in: bundle, environment: env)
        XCTAssertEqual(readme.status, 1, readme.stdout + readme.stderr)
        XCTAssertTrue(readme.stderr.contains("README.md is a workspace file, not a notebook"), readme.stderr)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        // A workspace SQL file became a spark_python_task.
        let sql = try CommandRunner.dabrepo(["generate", "notebooks", "/Workspace/Users/ana@example.com/etl/query.sql", "--key", "query"], in: bundle, environment: env)
        XCTAssertEqual(sql.status, 1, sql.stdout + sql.stderr)
        XCTAssertTrue(sql.stderr.contains("is a workspace SQL file, not a notebook"), sql.stderr)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
        let util = try CommandRunner.dabrepo(["generate", "notebooks", "/Workspace/Users/ana@example.com/etl/lib/util.py", "--key", "util"], in: bundle, environment: env)
        XCTAssertEqual(util.status, 0, util.stdout + util.stderr)
        XCTAssertEqual(try read(bundle.appendingPathComponent("src/util.py")), "print('util')\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: bundle.appendingPathComponent("src/util.py.py").path))
        XCTAssertTrue(try read(bundle.appendingPathComponent("resources/util.job.yml")).contains("python_file: ../src/util.py"))
    }

    func testOneJobFromNotebooks() throws {
        let fake = try FakeWorkspaceServer(state: ["jobs": [], "notebooks": [
            "/Workspace/Shared/etl/setup": ["content": "# Databricks notebook source\ndbutils.widgets.text(\"catalog\", \"main\")\n", "language": "PYTHON"],
            "/Workspace/Shared/etl/ingest": ["content": "# Databricks notebook source\n# MAGIC %run ./setup\n\n# COMMAND ----------\n\nspark.table('a.b.c')\n", "language": "PYTHON"],
            "/Workspace/Shared/etl/train": ["content": "# Databricks notebook source\n# MAGIC %pip install xgboost==2.1.0\n\n# COMMAND ----------\n\nimport mlflow\ndbutils.widgets.text(\"epochs\", \"3\")\n", "language": "PYTHON"],
            "/Workspace/Shared/etl/live": ["content": "# Databricks notebook source\nimport dlt\n\n@dlt.table\ndef t():\n    return spark.read.table('a.b.c')\n", "language": "PYTHON"],
        ]], directory: workspace.url)
        let created = try dabrepo(["init", "etl", "--template", "empty"])
        XCTAssertEqual(created.status, 0, created.stderr)
        let bundle = workspace.url.appendingPathComponent("etl")
        let env = environment.merging(["DATABRICKS_HOST": fake.host, "DATABRICKS_TOKEN": "test-token-1"]) { $1 }
        let result = try CommandRunner.dabrepo(["generate", "notebooks", "/Workspace/Shared/etl/train", "/Workspace/Shared/etl/ingest",
                                                "/Workspace/Shared/etl/setup", "/Workspace/Shared/etl/live"], in: bundle, environment: env)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("Generated the job etl from 4 notebooks (downloaded into src/). setup.py runs inside the notebooks that %run it, so it is no task of its own"), result.stdout)
        // setup runs inside ingest (%run ./setup): a task of its own would run it twice. It stays in src/ for %run to find.
        XCTAssertTrue(FileManager.default.fileExists(atPath: bundle.appendingPathComponent("src/setup.py").path))
        let job = try read(bundle.appendingPathComponent("resources/etl.job.yml"))
        XCTAssertEqual(job, """
        # Generated by dabrepo from 4 notebook(s).
        # setup.py runs inside the notebooks that %run it: no task of its own.
        resources:
          jobs:
            etl:
              name: etl
              job_clusters:
                - job_cluster_key: ml_cluster
                  new_cluster:
                    spark_version: 15.4.x-cpu-ml-scala2.12
                    node_type_id: i3.xlarge
                    num_workers: 2
              tasks:
                - task_key: ingest
                  job_cluster_key: ml_cluster
                  notebook_task:
                    notebook_path: ../src/ingest.py
                - task_key: train
                  job_cluster_key: ml_cluster
                  notebook_task:
                    notebook_path: ../src/train.py
                  libraries:
                    - pypi:
                        package: xgboost==2.1.0
                - task_key: refresh_etl_pipeline
                  pipeline_task:
                    pipeline_id: ${resources.pipelines.etl_pipeline.id}
              parameters:
                - name: catalog
                  default: main
                - name: epochs
                  default: "3"

        """)
        XCTAssertTrue(try read(bundle.appendingPathComponent("resources/etl_pipeline.pipeline.yml")).contains("path: ../src/live.py"))
        XCTAssertEqual(try dabrepo(["validate", "--all-targets"], in: bundle).status, 0)
        if let oracle = TestPaths.shared?.appendingPathComponent("oracle/check-bundle") {
            let checked = try CommandRunner.run(oracle, [bundle.path])
            XCTAssertEqual(checked.status, 0, checked.stdout + checked.stderr)
        }
    }

    func testWorkspaceFolderBecomesOneJob() throws {
        let home = "/Workspace/Users/ana@example.com"
        let fake = try FakeWorkspaceServer(state: ["jobs": [], "notebooks": [
            "\(home)/sales/ingest": ["content": "-- Databricks notebook source\nCREATE TABLE IF NOT EXISTS main.sales.raw AS SELECT 1\n", "language": "SQL"],
            "\(home)/sales/reports/daily": ["content": "# Databricks notebook source\n# MAGIC %run ../ingest\n\n# COMMAND ----------\n\nspark.table('main.sales.raw')\n", "language": "PYTHON"],
            "\(home)/other/scratch": ["content": "# Databricks notebook source\nprint(1)\n", "language": "PYTHON"],
        ]], directory: workspace.url)
        XCTAssertEqual(try dabrepo(["init", "sales_bundle", "--template", "empty"]).status, 0)
        let bundle = workspace.url.appendingPathComponent("sales_bundle")
        let env = environment.merging(["DATABRICKS_HOST": fake.host, "DATABRICKS_TOKEN": "test-token-1"]) { $1 }
        let result = try CommandRunner.dabrepo(["generate", "workspace", "\(home)/sales/"], in: bundle, environment: env)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("Generated the job sales from 2 notebooks (downloaded into src/)."), result.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: bundle.appendingPathComponent("src/ingest.sql").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: bundle.appendingPathComponent("src/reports/daily.py").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: bundle.appendingPathComponent("src/scratch.py").path))
        let job = try read(bundle.appendingPathComponent("resources/sales.job.yml"))
        XCTAssertTrue(job.contains("notebook_path: ../src/reports/daily.py"), job)
        // ingest runs inside daily (%run ../ingest): no task of its own, and nothing waits for it.
        XCTAssertFalse(job.contains("task_key: ingest"), job)
        XCTAssertFalse(job.contains("depends_on"), job)
        let log = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["log", "-1", "--format=%s%n%b"], in: bundle, environment: environment)
        XCTAssertTrue(log.stdout.hasPrefix("Generate job sales from notebooks"), log.stdout)
        XCTAssertTrue(log.stdout.contains("generate workspace \(home)/sales"), log.stdout)
        if let oracle = TestPaths.shared?.appendingPathComponent("oracle/check-bundle") {
            let checked = try CommandRunner.run(oracle, [bundle.path])
            XCTAssertEqual(checked.status, 0, checked.stdout + checked.stderr)
        }

        let scripted = try CommandRunner.dabrepo(["generate", "workspace", "\(home)/sales", "--key", "sales_copy", "--output", "json"], in: bundle, environment: env)
        XCTAssertEqual(scripted.status, 0, scripted.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(scripted.stdout.utf8)) as? [String: Any], scripted.stdout)
        XCTAssertEqual(report["job_key"] as? String, "sales_copy")
        XCTAssertEqual(report["commit"] as? String, try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["rev-parse", "HEAD"], in: bundle,
                                                                         environment: environment).stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        XCTAssertTrue((report["files"] as? [String] ?? []).contains("resources/sales_copy.job.yml"), scripted.stdout)

        let oneMissing = try CommandRunner.dabrepo(["generate", "notebooks", "\(home)/sales/ingest", "\(home)/sales/gone", "--key", "other"],
                                                   in: bundle, environment: env)
        XCTAssertEqual(oneMissing.status, 1, oneMissing.stdout)
        XCTAssertTrue(oneMissing.stderr.contains("Error: not found: Path (\(home)/sales/gone) doesn't exist."), oneMissing.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: bundle.appendingPathComponent("resources/other.job.yml").path))

        let missing = try CommandRunner.dabrepo(["generate", "workspace", "\(home)/nothing"], in: bundle, environment: env)
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("nothing"), missing.stderr)
        XCTAssertEqual(try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["status", "--porcelain"], in: bundle, environment: environment).stdout, "")
    }

}

final class BundleCLICommandTests: RepositoryTestCase {
    /// A stand-in `databricks` that records where and how it was run.
    private func fakeCLI() throws -> URL {
        let folder = workspace.url.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cli = folder.appendingPathComponent("databricks")
        try "#!/bin/sh\necho \"cwd=$(pwd)\"\necho \"args=$*\"\nexit 3\n".write(to: cli, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: cli.path)
        return folder
    }

    func testRunsTheDatabricksCLIInTheBundleRootWithTheRepositoryTarget() throws {
        XCTAssertEqual(try dabrepo(["init", "demo", "--template", "empty"]).status, 0)
        let bundle = workspace.url.appendingPathComponent("demo")
        let nested = bundle.appendingPathComponent("src")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        let path = try fakeCLI().path + ":/usr/bin:/bin"
        let env = environment.merging(["PATH": path]) { $1 }

        let plain = try CommandRunner.dabrepo(["bundle", "deploy", "--auto-approve"], in: nested, environment: env)
        XCTAssertEqual(plain.status, 3, "the CLI's exit status is returned")
        XCTAssertTrue(plain.stdout.contains("cwd=\(bundle.resolvingSymlinksInPath().path)\n") || plain.stdout.contains("cwd=\(bundle.path)\n"), plain.stdout)
        XCTAssertTrue(plain.stdout.contains("args=bundle deploy --auto-approve\n"), plain.stdout)

        _ = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["config", "dabrepo.target", "prod"], in: bundle, environment: environment)
        let run = try CommandRunner.dabrepo(["bundle", "--profile", "ci", "run", "nightly", "--", "--run_date", "2026-11-20"], in: bundle, environment: env)
        XCTAssertTrue(run.stdout.contains("args=bundle run nightly --target prod --profile ci -- --run_date 2026-11-20\n"), run.stdout)
        let explicit = try CommandRunner.dabrepo(["bundle", "summary", "-t", "dev"], in: bundle, environment: env)
        XCTAssertTrue(explicit.stdout.contains("args=bundle summary -t dev\n"), explicit.stdout)
    }

    func testExplainsWhenTheCLIIsMissing() throws {
        XCTAssertEqual(try dabrepo(["init", "demo", "--template", "empty"]).status, 0)
        let result = try CommandRunner.dabrepo(["bundle", "deploy"], in: workspace.url.appendingPathComponent("demo"),
                                               environment: environment.merging(["PATH": "/usr/bin:/bin"]) { $1 })
        XCTAssertEqual(result.status, 127)
        XCTAssertTrue(result.stderr.contains("the Databricks CLI (databricks) is not installed"), result.stderr)
        XCTAssertTrue(result.stderr.contains("DABREPO_DATABRICKS_CLI"), result.stderr)
    }
}

final class SyncCommandTests: RepositoryTestCase {
    private let folder = "/Workspace/Users/ana@example.com/etl"

    private func bundleWithFake(_ notebooks: [String: Any]) throws -> (URL, [String: String?], FakeWorkspaceServer) {
        let fake = try FakeWorkspaceServer(state: ["jobs": [], "notebooks": notebooks], directory: workspace.url)
        XCTAssertEqual(try dabrepo(["init", "etl", "--template", "empty"]).status, 0)
        let env = environment.merging(["DATABRICKS_HOST": fake.host, "DATABRICKS_TOKEN": "test-token-1"]) { $1 }
        return (workspace.url.appendingPathComponent("etl"), env, fake)
    }

    private func git(_ arguments: [String], in directory: URL) throws -> String {
        try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), arguments, in: directory, environment: environment).stdout
    }

    func testDownloadsNotebooksAndFilesAsARevisionThenOnlyChanges() throws {
        let (bundle, env, fake) = try bundleWithFake([
            "\(folder)/ingest": ["content": "# Databricks notebook source\nprint('v1')\n", "language": "PYTHON"],
            "\(folder)/sql/report": ["content": "-- Databricks notebook source\nSELECT 1\n", "language": "SQL"],
            "\(folder)/conf/settings.json": ["content": "{\"a\": 1}\n", "object_type": "FILE"],
        ])
        let first = try CommandRunner.dabrepo(["sync", folder + "/"], in: bundle, environment: env)
        XCTAssertEqual(first.status, 0, first.stdout + first.stderr)
        XCTAssertTrue(first.stdout.contains("Synced 3 of 3 files from \(folder) into src/."), first.stdout)
        XCTAssertEqual(try read(bundle.appendingPathComponent("src/ingest.py")), "# Databricks notebook source\nprint('v1')\n")
        XCTAssertEqual(try read(bundle.appendingPathComponent("src/sql/report.sql")), "-- Databricks notebook source\nSELECT 1\n")
        XCTAssertEqual(try read(bundle.appendingPathComponent("src/conf/settings.json")), "{\"a\": 1}\n")
        XCTAssertTrue(try git(["log", "-1", "--format=%s"], in: bundle).hasPrefix("Sync src/ from \(folder)"))
        XCTAssertEqual(try git(["status", "--porcelain"], in: bundle), "")

        // Nothing changed: no new commit.
        let head = try git(["rev-parse", "HEAD"], in: bundle)
        let again = try CommandRunner.dabrepo(["sync", folder, "--output", "json"], in: bundle, environment: env)
        XCTAssertEqual(again.status, 0, again.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["changed"] as? [String], [])
        XCTAssertTrue(json["commit"] is NSNull)
        XCTAssertEqual(json["status"] as? String, "unchanged")
        XCTAssertEqual(try git(["rev-parse", "HEAD"], in: bundle), head)

        // One notebook changes in the workspace: one file in the next revision, into a chosen folder.
        try fake.setNotebook("\(folder)/ingest", content: "# Databricks notebook source\nprint('v2')\n")
        let third = try CommandRunner.dabrepo(["sync", folder, "src", "-o", "json"], in: bundle, environment: env)
        let changed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(third.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(changed["changed"] as? [String], ["src/ingest.py"], third.stdout + third.stderr)
        XCTAssertEqual(try git(["show", "--name-only", "--format=", "HEAD"], in: bundle), "src/ingest.py\n")
    }

    func testRefusesPathsThatWouldLeaveTheLocalFolderAndWritesNothing() throws {
        let (bundle, env, fake) = try bundleWithFake([
            "\(folder)/ingest": ["content": "# Databricks notebook source\nprint(1)\n", "language": "PYTHON"],
            "\(folder)/../../../../../tmp/evil": ["content": "# Databricks notebook source\nprint('pwned')\n", "language": "PYTHON"],
        ])
        let head = try git(["rev-parse", "HEAD"], in: bundle)
        let result = try CommandRunner.dabrepo(["sync", folder], in: bundle, environment: env)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("refusing to sync"), result.stderr)
        XCTAssertTrue(result.stderr.contains("/../../../../../tmp/evil"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: bundle.appendingPathComponent("src/ingest.py").path))
        XCTAssertEqual(try git(["rev-parse", "HEAD"], in: bundle), head)
        XCTAssertEqual(try git(["status", "--porcelain"], in: bundle), "")

        // A LOCAL_DIR outside the bundle is refused too.
        let outside = try CommandRunner.dabrepo(["sync", "/Workspace/Users/ana@example.com/other", "../elsewhere"], in: bundle, environment: env)
        XCTAssertEqual(outside.status, 2)
        XCTAssertTrue(outside.stderr.contains("outside the bundle"), outside.stderr)

        // A symbolic link inside the bundle that points elsewhere does not carry files out.
        let (linked, linkedEnv, linkedFake) = try { () throws -> (URL, [String: String?], FakeWorkspaceServer) in
            let fake = try FakeWorkspaceServer(state: ["jobs": [], "notebooks": [
                "\(folder)/lib/helper": ["content": "# Databricks notebook source\nx = 1\n", "language": "PYTHON"]]], directory: workspace.url)
            return (bundle, environment.merging(["DATABRICKS_HOST": fake.host, "DATABRICKS_TOKEN": "test-token-1"]) { $1 }, fake)
        }()
        let target = workspace.url.appendingPathComponent("outside-target")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: linked.appendingPathComponent("src"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: linked.appendingPathComponent("src/lib"), withDestinationURL: target)
        let viaLink = try CommandRunner.dabrepo(["sync", folder], in: linked, environment: linkedEnv)
        XCTAssertEqual(viaLink.status, 1, viaLink.stdout + viaLink.stderr)
        XCTAssertTrue(viaLink.stderr.contains("symbolic link"), viaLink.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: target.path), [])
        withExtendedLifetime((fake, linkedFake)) {}
    }
}

/// The fake workspace must answer as the real one does: the official Python SDK reads every answer
/// back unchanged (scripts/install-test-tools installs databricks-sdk 0.156.0).
final class FakeWorkspaceFidelityTests: XCTestCase {
    func testTheOfficialSDKReadsEveryAnswerUnchanged() throws {
        let script = TestPaths.packageRoot.appendingPathComponent("Tests/FakeWorkspace/check_fidelity.py")
        let result = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path])
        XCTAssertFalse(result.stderr.contains("No module named 'databricks'"), "run scripts/install-test-tools first: \(result.stderr)")
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("fake workspace fidelity: OK"), result.stdout)
    }
}

final class UploadCommandTests: RepositoryTestCase {
    func testUploadsTheTargetsFilesAsTheCLILaysThemOut() throws {
        let fake = try FakeWorkspaceServer(state: ["jobs": [], "notebooks": [:], "user": "ana@example.com"], directory: workspace.url)
        XCTAssertEqual(try dabrepo(["init", "demo", "--template", "default-python"]).status, 0)
        let bundle = workspace.url.appendingPathComponent("demo")
        let env = environment.merging(["DATABRICKS_HOST": fake.host, "DATABRICKS_TOKEN": "test-token-1"]) { $1 }
        try "SECRET=1\n".write(to: bundle.appendingPathComponent(".env.local"), atomically: true, encoding: .utf8)
        try (read(bundle.appendingPathComponent(".gitignore")) + ".env.local\n").write(to: bundle.appendingPathComponent(".gitignore"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: bundle.appendingPathComponent("src/data"), withIntermediateDirectories: true)
        try "{\"rows\": 3}\n".write(to: bundle.appendingPathComponent("src/data/sample.json"), atomically: true, encoding: .utf8)
        let binary = Data((0...255).map { UInt8($0) } + [0xFF, 0xFE, 0x00])
        try binary.write(to: bundle.appendingPathComponent("src/data/model.bin"))

        let upload = try CommandRunner.dabrepo(["upload"], in: bundle, environment: env)
        XCTAssertEqual(upload.status, 0, upload.stdout + upload.stderr)
        let files = "/Workspace/Users/ana@example.com/.bundle/demo/dev/files"
        XCTAssertEqual(upload.stdout, "Uploaded 7 files (1 notebook) to \(files) for target dev.\n")
        XCTAssertTrue(upload.stderr.contains("Uploading files 7/7: "), "progress: \(upload.stderr)")

        // What the workspace now holds: the notebook without its extension, files as files, nothing ignored.
        let listed = try CommandRunner.dabrepo(["notebooks", "list", files, "--recursive", "-o", "json"], in: bundle, environment: env)
        let objects = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]], listed.stdout + listed.stderr)
        let kinds = Dictionary(uniqueKeysWithValues: objects.map { ($0["path"] as! String, $0["object_type"] as! String) })
        XCTAssertEqual(kinds["\(files)/src/notebook"], "NOTEBOOK")
        XCTAssertEqual(kinds["\(files)/src/data/sample.json"], "FILE")
        XCTAssertEqual(kinds["\(files)/databricks.yml"], "FILE")
        XCTAssertNil(kinds["\(files)/.env.local"], "git-ignored files stay local")
        XCTAssertFalse(kinds.keys.contains { $0.contains("/.git/") || $0.contains("/.dabrepo") })
        let exported = try CommandRunner.dabrepo(["notebooks", "export", "\(files)/src/notebook"], in: bundle, environment: env)
        XCTAssertEqual(exported.stdout, try read(bundle.appendingPathComponent("src/notebook.py")))
        // A binary file arrives byte for byte.
        let copy = workspace.url.appendingPathComponent("model.bin")
        XCTAssertEqual(try CommandRunner.dabrepo(["notebooks", "export", "\(files)/src/data/model.bin", "-f", copy.path], in: bundle, environment: env).status, 0)
        XCTAssertEqual(try Data(contentsOf: copy), binary)

        // Another target, a sync exclusion, and JSON output.
        let yml = try read(bundle.appendingPathComponent("databricks.yml"))
        try (yml + "\nsync:\n  exclude:\n    - src/data/**\n").write(to: bundle.appendingPathComponent("databricks.yml"), atomically: true, encoding: .utf8)
        let prod = try CommandRunner.dabrepo(["upload", "--target", "prod", "--output", "json"], in: bundle, environment: env)
        XCTAssertEqual(prod.status, 0, prod.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(prod.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(report["target"] as? String, "prod")
        let sent = (report["files"] as? [[String: Any]] ?? []).compactMap { $0["local"] as? String }
        XCTAssertEqual(sent, [".gitattributes", ".gitignore", "databricks.yml", "resources/demo.job.yml", "src/notebook.py"])
        XCTAssertFalse(sent.contains { $0.contains("__pycache__") })
        XCTAssertFalse(prod.stderr.contains("Uploading"), "no progress lines with --output json")

        // A target that names another workspace is not uploaded to the one configured here.
        let before = try fake.requests().filter { ($0["path"] as? String ?? "").hasPrefix("/api/2.0/workspace/import") }.count
        let named = try read(bundle.appendingPathComponent("databricks.yml"))
            .replacingOccurrences(of: "    mode: production\n    workspace:\n", with: "    mode: production\n    workspace:\n      host: https://adb-1234567890123456.7.azuredatabricks.net\n")
        XCTAssertTrue(named.contains("host: https://adb-"), "the template's prod target has a workspace block")
        try named.write(to: bundle.appendingPathComponent("databricks.yml"), atomically: true, encoding: .utf8)
        let elsewhere = try CommandRunner.dabrepo(["upload", "--target", "prod"], in: bundle, environment: env)
        XCTAssertEqual(elsewhere.status, 2, elsewhere.stdout + elsewhere.stderr)
        XCTAssertTrue(elsewhere.stderr.contains("target prod deploys to https://adb-1234567890123456.7.azuredatabricks.net, but the workspace configured here is \(fake.host)"), elsewhere.stderr)
        XCTAssertTrue(elsewhere.stderr.contains("nothing was uploaded"), elsewhere.stderr)
        XCTAssertEqual(try fake.requests().filter { ($0["path"] as? String ?? "").hasPrefix("/api/2.0/workspace/import") }.count, before)
    }

    func testAnInvalidBundleIsNotUploaded() throws {
        let fake = try FakeWorkspaceServer(state: ["jobs": [], "notebooks": [:]], directory: workspace.url)
        XCTAssertEqual(try dabrepo(["init", "demo", "--template", "default-python"]).status, 0)
        let bundle = workspace.url.appendingPathComponent("demo")
        let job = bundle.appendingPathComponent("resources/demo.job.yml")
        try read(job).replacingOccurrences(of: "num_workers: 2", with: "num_workers: [two").write(to: job, atomically: true, encoding: .utf8)
        let env = environment.merging(["DATABRICKS_HOST": fake.host, "DATABRICKS_TOKEN": "test-token-1"]) { $1 }
        let upload = try CommandRunner.dabrepo(["upload"], in: bundle, environment: env)
        XCTAssertEqual(upload.status, 1)
        XCTAssertTrue(upload.stderr.contains("resources/demo.job.yml:"), upload.stderr)
        XCTAssertTrue(upload.stderr.contains("nothing was uploaded"), upload.stderr)
        XCTAssertEqual(try fake.requests().filter { ($0["path"] as? String ?? "").hasPrefix("/api/2.0/workspace/") }.count, 0)
        let unknown = try CommandRunner.dabrepo(["upload", "--target", "prd"], in: bundle, environment: env)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("did you mean 'prod'"), unknown.stderr)
    }
}
