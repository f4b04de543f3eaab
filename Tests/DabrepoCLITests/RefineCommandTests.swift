import Foundation
import TestSupport
import XCTest

/// `dabrepo refine` on the default-python template: each intent with several phrasings, checked by
/// the effective values per target (through `dabrepo diff --target … --output json`), the lines that
/// changed, and the commit message.
final class RefineCommandTests: RepositoryTestCase {
    struct Expectation {
        var request: String
        var arguments: [String] = []
        /// Changed effective paths (after `resources.jobs.nightly_etl_job.`) → new value, per target.
        var dev: [String: String]
        var prod: [String: String]
        var subject: String
        /// Removals that take out a block (the job clusters) remove more lines.
        var maxRemovedLines = 2
    }

    /// The effective changes of the last commit for a target: path → new value.
    func effectiveChanges(_ bundle: URL, target: String) throws -> [String: String] {
        let result = try dabrepo(["diff", "HEAD~1", "HEAD", "--target", target, "--output", "json"], in: bundle)
        let document = try json(result.stdout)
        var out: [String: String] = [:]
        for group in document["groups"] as? [[String: Any]] ?? [] {
            for change in group["changes"] as? [[String: Any]] ?? [] {
                let path = (change["path"] as? String ?? "").replacingOccurrences(of: "resources.jobs.nightly_etl_job.", with: "")
                out[path] = Self.render(change["new"])
            }
        }
        return out
    }

    var cases = 0

    /// Strings as they are, anything else as sorted JSON (`null` for none).
    static func render(_ value: Any?) -> String {
        guard let value, !(value is NSNull) else { return "null" }
        if let s = value as? String { return s }
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    func check(_ e: Expectation, file: StaticString = #filePath, line: UInt = #line) throws {
        cases += 1
        let created = try dabrepo(["init", "case\(cases)/nightly_etl"])
        XCTAssertEqual(created.status, 0, created.stderr, file: file, line: line)
        let bundle = workspace.url.appendingPathComponent("case\(cases)/nightly_etl")
        let result = try dabrepo(["refine", e.request] + e.arguments, in: bundle)
        XCTAssertEqual(result.status, 0, "\(e.request): \(result.stdout)\(result.stderr)", file: file, line: line)
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: bundle), e.subject, e.request, file: file, line: line)
        XCTAssertEqual(try effectiveChanges(bundle, target: "dev"), e.dev, "\(e.request): dev", file: file, line: line)
        XCTAssertEqual(try effectiveChanges(bundle, target: "prod"), e.prod, "\(e.request): prod", file: file, line: line)
        let message = try gitOutput(["log", "-1", "--format=%B"], in: bundle)
        // (A target or resource given besides the words is said after them: "bigger cluster (target dev)".)
        let given = e.arguments.isEmpty ? "" : " (" + stride(from: 0, to: e.arguments.count - 1, by: 2).map { "\(e.arguments[$0].dropFirst(2)) \(e.arguments[$0 + 1])" }.joined(separator: ", ") + ")"
        XCTAssertTrue(message.contains("Transcript:\nuser: \(e.request)\(given)\ndabrepo: "), message, file: file, line: line)
        XCTAssertTrue(message.hasSuffix("Dabrepo-Agent: offline-planner"), message, file: file, line: line)
        // Only additions or the changed value lines: every removed line is replaced by a line that says the same key.
        let stat = try gitOutput(["diff", "HEAD~1", "--numstat"], in: bundle)
        for row in stat.split(separator: "\n") {
            let fields = row.split(separator: "\t")
            XCTAssertLessThanOrEqual(Int(fields[1]) ?? 99, e.maxRemovedLines, "\(e.request): too many lines removed in \(fields[2])", file: file, line: line)
        }
        XCTAssertEqual(try dabrepo(["validate", "--all-targets"], in: bundle).status, 0, file: file, line: line)
    }

    let cluster = "job_clusters[job_cluster_key=job_cluster].new_cluster.num_workers"

    /// A request of 30 MB kept an MCP server busy for minutes: a request longer than 20 KB is refused at
    /// once, with nothing changed.
    func testARequestLongerThanTwentyKilobytesIsRefused() throws {
        let bundle = try initBundle()
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let long = "make the dev cluster smaller " + String(repeating: "please ", count: 4000)
        let result = try dabrepo(["refine", long, "-o", "json"], in: bundle)
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue((try json(result.stdout)["message"] as? String ?? "").contains("fewer words"), result.stdout)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
    }

    /// A revision that brings in a warning says which (it said "(Found 1 warning)" and not which); warnings the
    /// bundle had before are not listed as new.
    func testTheWarningsAChangeBringsInAreSaid() throws {
        let bundle = try initBundle()
        let result = try dabrepo(["refine", "set the root path of prod to /Workspace/Shared/.bundle/demo"], in: bundle)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("New warning: the bundle root path /Workspace/Shared/.bundle/demo is writable by all workspace users (databricks.yml:"),
                      result.stdout)
        let next = try dabrepo(["refine", "set the timeout to 2 hours"], in: bundle)
        XCTAssertEqual(next.status, 0, next.stdout + next.stderr)
        XCTAssertFalse(next.stdout.contains("New warning"), next.stdout)
    }

    /// The conversation's latest revision undone outside it (the page's Undo, `dabrepo undo`): "undo that" undid the
    /// change before it, unasked. Now it says so; "undo that" again undoes the one before.
    func testUndoThatAfterTheLastChangeWasUndoneOutside() throws {
        let bundle = try initBundle()
        XCTAssertEqual(try dabrepo(["refine", "set the timeout to 2 hours"], in: bundle).status, 0)
        XCTAssertEqual(try dabrepo(["refine", "pause the schedule"], in: bundle).status, 0)
        XCTAssertEqual(try dabrepo(["undo"], in: bundle).status, 0)
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let first = try dabrepo(["refine", "undo that"], in: bundle)
        XCTAssertTrue((first.stdout + first.stderr).contains("was undone already, outside this conversation"), first.stdout + first.stderr)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
        let again = try dabrepo(["refine", "undo that"], in: bundle)
        XCTAssertEqual(again.status, 0, again.stdout + again.stderr)
        XCTAssertFalse(try read(bundle.appendingPathComponent("resources/nightly_etl.job.yml")).contains("timeout_seconds: 7200"))
    }

    func testClusterSize() throws {
        try check(Expectation(request: "make the dev cluster smaller", dev: [cluster: "1"], prod: [:],
                              subject: "Make the dev cluster of nightly_etl_job smaller"))
        try check(Expectation(request: "double the workers in prod", dev: [:], prod: [cluster: "4"],
                              subject: "Make the prod cluster of nightly_etl_job larger"))
        try check(Expectation(request: "scale the cluster to 8 workers", dev: [cluster: "8"], prod: [cluster: "8"],
                              subject: "Set the cluster of nightly_etl_job to 8 workers"))
        try check(Expectation(request: "bigger cluster", arguments: ["--target", "dev"], dev: [cluster: "4"], prod: [:],
                              subject: "Make the dev cluster of nightly_etl_job larger"))
    }

    func testTimeoutRetriesConcurrency() throws {
        try check(Expectation(request: "set the timeout to 2 hours", dev: ["timeout_seconds": "7200"], prod: ["timeout_seconds": "7200"],
                              subject: "Time out nightly_etl_job after 2 hours"))
        try check(Expectation(request: "stop the job after 90 minutes in prod", dev: [:], prod: ["timeout_seconds": "5400"],
                              subject: "Time out nightly_etl_job after 90 minutes in prod"))
        let retries = "tasks[task_key=notebook_task].max_retries"
        try check(Expectation(request: "retry tasks 3 times", dev: [retries: "3"], prod: [retries: "3"],
                              subject: "Retry task notebook_task of nightly_etl_job up to 3 times"))
        try check(Expectation(request: "add retries for dev", dev: [retries: "2"], prod: [:],
                              subject: "Retry task notebook_task of nightly_etl_job up to 2 times in dev"))
        try check(Expectation(request: "allow 3 concurrent runs", dev: ["max_concurrent_runs": "3"], prod: ["max_concurrent_runs": "3"],
                              subject: "Allow 3 concurrent runs of nightly_etl_job"))
    }

    func testSchedules() throws {
        try check(Expectation(request: "run every weekday at 6:30 Berlin time", dev: ["schedule.quartz_cron_expression": "0 30 6 ? * MON-FRI"],
                              prod: ["schedule.quartz_cron_expression": "0 30 6 ? * MON-FRI"],
                              subject: "Run nightly_etl_job every weekday at 06:30 (Europe/Berlin)"))
        try check(Expectation(request: "run daily at 3pm New York time",
                              dev: ["schedule.quartz_cron_expression": "0 0 15 * * ?", "schedule.timezone_id": "America/New_York"],
                              prod: ["schedule.quartz_cron_expression": "0 0 15 * * ?", "schedule.timezone_id": "America/New_York"],
                              subject: "Run nightly_etl_job every day at 15:00 (America/New_York)"))
        try check(Expectation(request: "schedule it hourly", dev: ["schedule.quartz_cron_expression": "0 0 * * * ?"],
                              prod: ["schedule.quartz_cron_expression": "0 0 * * * ?"], subject: "Run nightly_etl_job every hour (Europe/Berlin)"))
        try check(Expectation(request: "use the cron 0 15 4 * * ?", dev: ["schedule.quartz_cron_expression": "0 15 4 * * ?"],
                              prod: ["schedule.quartz_cron_expression": "0 15 4 * * ?"],
                              subject: "Run nightly_etl_job on the cron schedule 0 15 4 * * ? (Europe/Berlin)"))
        try check(Expectation(request: "pause the schedule in prod", dev: [:], prod: ["schedule.pause_status": "PAUSED"],
                              subject: "Pause the schedule of nightly_etl_job in prod"))
    }

    func testClusterSettings() throws {
        let spec = "job_clusters[job_cluster_key=job_cluster].new_cluster."
        try check(Expectation(request: "turn on Photon in dev", dev: [spec + "runtime_engine": "PHOTON"], prod: [:],
                              subject: "Turn Photon on for nightly_etl_job in dev"))
        let spot = [spec + "aws_attributes": #"{"availability":"SPOT_WITH_FALLBACK","first_on_demand":1}"#]
        try check(Expectation(request: "use spot instances", dev: spot, prod: spot, subject: "Run nightly_etl_job on spot instances"))
        try check(Expectation(request: "make the dev cluster single-node",
                              dev: [spec + "num_workers": "0",
                                    spec + "spark_conf": #"{"spark.databricks.cluster.profile":"singleNode","spark.master":"local[*]"}"#,
                                    spec + "custom_tags": #"{"ResourceClass":"SingleNode"}"#],
                              prod: [:], subject: "Make the dev cluster of nightly_etl_job single-node"))
        let autoscaled = [spec + "num_workers": "null", spec + "autoscale": #"{"max_workers":8,"min_workers":2}"#]
        try check(Expectation(request: "autoscale between 2 and 8 workers", dev: autoscaled, prod: autoscaled,
                              subject: "Autoscale nightly_etl_job between 2 and 8 workers"))
    }

    func testJobSettings() throws {
        try check(Expectation(request: "email ana@example.com on failure", dev: ["email_notifications.on_failure": "ana@example.com"],
                              prod: ["email_notifications.on_failure": "ana@example.com"], subject: "Email ana@example.com on failure of nightly_etl_job"))
        try check(Expectation(request: "tag the job with team=data in prod", dev: [:], prod: ["tags": #"{"team":"data"}"#],
                              subject: "Tag job nightly_etl_job with team=data in prod"))
        let viewers = ["permissions": #"[{"group_name":"data-engineers","level":"CAN_VIEW"}]"#]
        try check(Expectation(request: "let the group data-engineers view the job", dev: viewers, prod: viewers,
                              subject: "Grant CAN_VIEW on nightly_etl_job to data-engineers"))
        try check(Expectation(request: "turn on queueing", dev: ["queue": #"{"enabled":true}"#], prod: ["queue": #"{"enabled":true}"#],
                              subject: "Turn queueing on for nightly_etl_job"))
        try check(Expectation(request: "rename the job to \"Nightly ETL\"", dev: ["name": "Nightly ETL"], prod: ["name": "Nightly ETL"],
                              subject: "Rename job nightly_etl_job to \"Nightly ETL\""))
    }

    func testRuntimeNodesTriggersAndStructure() throws {
        let spec = "job_clusters[job_cluster_key=job_cluster].new_cluster."
        try check(Expectation(request: "upgrade Spark to the latest LTS", dev: [spec + "spark_version": "17.3.x-scala2.13"],
                              prod: [spec + "spark_version": "17.3.x-scala2.13"], subject: "Upgrade nightly_etl_job to Databricks Runtime 17.3 LTS"))
        try check(Expectation(request: "use a larger node type in prod", dev: [:], prod: [spec + "node_type_id": "i3.2xlarge"],
                              subject: "Use i3.2xlarge nodes for nightly_etl_job in prod"))
        // A trigger takes the schedule's place (a job starts its runs one way; the Jobs API takes one).
        let arrival = ["trigger": #"{"file_arrival":{"url":"/Volumes/main/raw/landing/"},"pause_status":"UNPAUSED"}"#, "schedule": "null"]
        try check(Expectation(request: "trigger the job when files arrive in /Volumes/main/raw/landing", dev: arrival, prod: arrival,
                              subject: "Trigger nightly_etl_job when files arrive in /Volumes/main/raw/landing/", maxRemovedLines: 5))
        let table = ["trigger": #"{"pause_status":"UNPAUSED","table_update":{"table_names":["main.sales.orders"]}}"#, "schedule": "null"]
        try check(Expectation(request: "run when main.sales.orders is updated", dev: table, prod: table,
                              subject: "Trigger nightly_etl_job when main.sales.orders is updated", maxRemovedLines: 5))
        try check(Expectation(request: "run prod as the service principal 6f1c3a52-0000-4000-8000-000000000001", dev: [:],
                              prod: ["run_as": #"{"service_principal_name":"6f1c3a52-0000-4000-8000-000000000001"}"#],
                              subject: "Run target prod as 6f1c3a52-0000-4000-8000-000000000001"))
        try check(Expectation(request: "add a staging target", dev: [:], prod: [:], subject: "Add the target staging"))
        // The new target, as deployed: production mode, its own root_path, the job.
        let staged = workspace.url.appendingPathComponent("case\(cases)/nightly_etl")
        let staging = try effectiveChanges(staged, target: "staging")
        XCTAssertEqual(staging["workspace"], #"{"root_path":"/Workspace/Users/${workspace.current_user.userName}/.bundle/nightly_etl/staging"}"#)
        XCTAssertEqual(staging["name"], "nightly_etl_job")
        XCTAssertTrue(try read(staged.appendingPathComponent("databricks.yml")).contains("\n  staging:\n    mode: production\n"))
        let parameters = ["parameters": #"[{"default":"dev","name":"env"}]"#]
        try check(Expectation(request: "add a job parameter env with default dev", dev: parameters, prod: parameters,
                              subject: "Add the job parameter env to nightly_etl_job"))
        let pandas = ["tasks[task_key=notebook_task].libraries": #"[{"pypi":{"package":"pandas==2.2.2"}}]"#]
        try check(Expectation(request: "add the PyPI library pandas==2.2.2", dev: pandas, prod: pandas,
                              subject: "Add the PyPI library pandas==2.2.2 to nightly_etl_job"))
        let task = ["tasks[task_key=report]": #"{"depends_on":[{"task_key":"notebook_task"}],"job_cluster_key":"job_cluster","notebook_task":{"notebook_path":"../src/notebook.py"},"task_key":"report"}"#]
        try check(Expectation(request: "add a task report after notebook_task that runs src/notebook.py", dev: task, prod: task,
                              subject: "Add the task report to nightly_etl_job after notebook_task"))
    }

    func testServerlessWebhooksVariablesAndRemovals() throws {
        let webhook = ["webhook_notifications": #"{"on_failure":[{"id":"7a3b2c1d-0000-4000-8000-000000000002"}]}"#]
        try check(Expectation(request: "notify the webhook 7a3b2c1d-0000-4000-8000-000000000002 on failure", dev: webhook, prod: webhook,
                              subject: "Notify webhook 7a3b2c1d-0000-4000-8000-000000000002 on failure of nightly_etl_job"))
        let serverless = ["job_clusters": "null", "tasks[task_key=notebook_task].job_cluster_key": "null"]
        try check(Expectation(request: "run the job on serverless compute", dev: serverless, prod: serverless,
                              subject: "Run nightly_etl_job on serverless compute", maxRemovedLines: 8))
        // The resources keep their effective value; the variable appears (with the value each target gets).
        let variable = ["variables.spark_version": #"{"description":"The spark_version","value":"15.4.x-scala2.12"}"#]
        try check(Expectation(request: "parameterize the spark_version", dev: variable, prod: variable, subject: "Parameterize the spark_version"))
        // The last recipient takes its event, and the event its block (no `email_notifications: {}` left behind).
        try check(Expectation(request: "stop emailing data-team@example.com on failure", dev: ["email_notifications": "null"],
                              prod: ["email_notifications": "null"], subject: "Stop emailing data-team@example.com on failure of nightly_etl_job", maxRemovedLines: 4))
    }

    func testQuestionsRefusalsAndDryRun() throws {
        let bundle = try initBundle()
        try workspace.write(["nightly_etl/resources/report.job.yml": "resources:\n  jobs:\n    report:\n      name: report\n      tasks:\n        - task_key: r\n          notebook_task:\n            notebook_path: ../src/notebook.py\n"])
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-qm", "report job"], in: bundle)
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let question = try dabrepo(["refine", "set the timeout to 1 hour"], in: bundle)
        XCTAssertEqual(question.status, 3)
        XCTAssertTrue(question.stdout.contains("Which job?"), question.stdout)
        XCTAssertTrue(question.stdout.contains("--resource jobs.report"), question.stdout)
        let answered = try dabrepo(["refine", "set the timeout to 1 hour", "--resource", "jobs.report"], in: bundle)
        XCTAssertEqual(answered.status, 0, answered.stdout + answered.stderr)
        // The transcript says the answer (it repeated the question's request).
        let message = try gitOutput(["log", "-1", "--format=%B"], in: bundle)
        XCTAssertTrue(message.contains("user: set the timeout to 1 hour (resource jobs.report)"), message)
        for target in ["dev", "prod"] {  // only the job named, in every target
            XCTAssertEqual(try effectiveChanges(bundle, target: target), ["resources.jobs.report.timeout_seconds": "3600"], target)
        }
        let named = try dabrepo(["refine", "time out report after 2 hours"], in: bundle)
        XCTAssertEqual(named.status, 0, named.stdout + named.stderr)
        for target in ["dev", "prod"] {
            XCTAssertEqual(try effectiveChanges(bundle, target: target), ["resources.jobs.report.timeout_seconds": "7200"], target)
        }

        // The example of asking again can be pasted into a shell as printed, quotes and all.
        let beforeQuoted = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let quoted = try dabrepo(["refine", "rename the job's display name to \"Daily report\""], in: bundle)
        XCTAssertEqual(quoted.status, 3, quoted.stdout + quoted.stderr)
        let example = try XCTUnwrap(quoted.stdout.split(separator: "\n").last { $0.hasPrefix("  dabrepo refine ") }).dropFirst(2)
        XCTAssertTrue(example.contains("'rename the job'\\''s display name to \"Daily report\"'"), String(example))
        let pasted = try CommandRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", TestPaths.dabrepoBinary.path + example.dropFirst("dabrepo".count)],
                                           in: bundle, environment: environment)
        XCTAssertEqual(pasted.status, 0, pasted.stdout + pasted.stderr)
        let shown = try gitOutput(["show", "HEAD"], in: bundle)
        XCTAssertTrue(shown.contains("+      name: Daily report"), shown)
        try git(["reset", "-q", "--hard", beforeQuoted], in: bundle)

        let unknown = try dabrepo(["refine", "make coffee"], in: bundle)
        XCTAssertEqual(unknown.status, 4)
        XCTAssertTrue(unknown.stdout.contains("Requests like these work:"), unknown.stdout)
        let refused = try dabrepo(["refine", "pause the schedule", "--resource", "jobs.report"], in: bundle)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stdout.contains("has no schedule"), refused.stdout)

        let before = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let dry = try dabrepo(["refine", "make the dev cluster smaller", "--resource", "jobs.nightly_etl_job", "--dry-run", "--output", "json"], in: bundle)
        XCTAssertEqual(dry.status, 0)
        let document = try json(dry.stdout)
        XCTAssertEqual(document["status"] as? String, "dry-run")
        XCTAssertEqual(document["changes"] as? [String], ["~ targets.dev.resources.jobs.nightly_etl_job.job_clusters[job_cluster].new_cluster.num_workers: 2 → 1"])
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), before)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        XCTAssertNotEqual(head, before)
    }

    func testAnEditThatBreaksTheBundleIsNotCommitted() throws {
        let bundle = try initBundle()
        XCTAssertEqual(try dabrepo(["validate", "--all-targets"], in: bundle).status, 0, "the starting commit is valid")
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        let before = try read(job)
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        // The new task runs a notebook that does not exist (a .ipynb, which dabrepo does not start for
        // it): the change itself breaks the bundle.
        let result = try dabrepo(["refine", "add a task report after notebook_task that runs src/missing.ipynb"], in: bundle)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("notebook ../src/missing.ipynb does not exist"), result.stdout)
        XCTAssertTrue(result.stdout.contains("rule local-path-exists"), result.stdout)
        XCTAssertTrue(result.stderr.contains("nothing was changed"), result.stderr)
        XCTAssertEqual(try read(job), before)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)

        // A dry run answers as the real run does: the same refusal, the same exit status.
        let dry = try dabrepo(["refine", "add a task report after notebook_task that runs src/missing.ipynb", "--dry-run", "--output", "json"], in: bundle)
        XCTAssertEqual(dry.status, 1, dry.stdout + dry.stderr)
        let document = try json(dry.stdout)
        XCTAssertEqual(document["status"] as? String, "invalid")
        XCTAssertEqual(document["rules"] as? [String], ["local-path-exists"])
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }
}

extension RefineCommandTests {
    /// "undo that" as the first words of a conversation: said, with the command that reverts the latest revision.
    func testUndoThatOpeningAConversation() throws {
        let bundle = try initBundle()
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let result = try dabrepo(["refine", "undo that", "--new-session"], in: bundle)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("Nothing to undo: nothing of this conversation to undo (it has just begun). To revert the latest revision whatever made it, run `dabrepo undo`."), result.stdout)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
    }

    /// "undo that --dry-run" undid (and "undo the last two --dry-run" committed two reverts): a dry run
    /// says what it would undo and commits nothing.
    func testADryRunOfAnUndoUndoesNothing() throws {
        let bundle = try initBundle()
        XCTAssertEqual(try dabrepo(["refine", "set the timeout of the job to 1 hour"], in: bundle).status, 0)
        XCTAssertEqual(try dabrepo(["refine", "give the job 2 max concurrent runs"], in: bundle).status, 0)
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let one = try dabrepo(["refine", "undo that", "--dry-run"], in: bundle)
        XCTAssertEqual(one.status, 0, one.stdout + one.stderr)
        XCTAssertTrue(one.stdout.hasPrefix("Would undo \(head.prefix(7)) "), one.stdout)
        XCTAssertTrue(one.stdout.contains("Dry run: nothing was committed."), one.stdout)
        let two = try dabrepo(["refine", "undo the last two", "--dry-run"], in: bundle)
        XCTAssertEqual(two.status, 0, two.stdout + two.stderr)
        XCTAssertTrue(two.stdout.contains("(\"give the job 2 max concurrent runs\"), then ") && two.stdout.contains("(\"set the timeout of the job to 1 hour\")"), two.stdout)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        // And then undone for real.
        let real = try dabrepo(["refine", "undo that"], in: bundle)
        XCTAssertEqual(real.status, 0, real.stdout + real.stderr)
        XCTAssertNotEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
    }

    /// "use development mode for qa" (refine --help's example) was said to repeat what qa inherits: a
    /// target's own settings are a change. "set the timeout to 10 minutes" where every target sets its
    /// own was committed and changed nothing deployed: refused, with the way on.
    func testATargetsModeIsAChangeAndASharedValueNoTargetGetsIsNot() throws {
        let bundle = try initBundle()
        try write("""
        bundle: {name: modes}
        resources:
          jobs:
            etl:
              name: etl
              tasks:
                - task_key: a
                  notebook_task: {notebook_path: ./src/a.py}
        targets:
          dev:
            default: true
            resources: {jobs: {etl: {timeout_seconds: 7200}}}
          qa:
            resources: {jobs: {etl: {timeout_seconds: 7200}}}

        """, to: bundle.appendingPathComponent("databricks.yml"))
        try write("# Databricks notebook source\n", to: bundle.appendingPathComponent("src/a.py"))
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-qm", "modes"], in: bundle)
        let mode = try dabrepo(["refine", "use development mode for qa"], in: bundle)
        XCTAssertEqual(mode.status, 0, mode.stdout + mode.stderr)
        XCTAssertTrue(mode.stdout.contains("Committed"), mode.stdout)
        XCTAssertTrue(try read(bundle.appendingPathComponent("databricks.yml")).contains("mode: development"))
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let shared = try dabrepo(["refine", "set the timeout of the etl job to 10 minutes"], in: bundle)
        XCTAssertEqual(shared.status, 1, shared.stdout + shared.stderr)
        XCTAssertTrue(shared.stdout.contains("every target (dev, qa) sets this itself") && shared.stdout.contains("\"set the timeout of the etl job to 10 minutes in dev and qa\""), shared.stdout)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    /// A dry run's question or refusal was the conversation's: it showed in the next commit's transcript
    /// and took the place of the question asked before. A dry run leaves no trace.
    func testADryRunLeavesNoTraceInTheConversation() throws {
        let bundle = try initBundle()
        let asked = try dabrepo(["refine", "rename the job", "--dry-run"], in: bundle)
        XCTAssertEqual(asked.status, 3, asked.stdout + asked.stderr)
        XCTAssertEqual(try dabrepo(["refine", "give the job 3 max concurrent runs", "--dry-run"], in: bundle).status, 0)
        let made = try dabrepo(["refine", "set the timeout of the job to 2 hours"], in: bundle)
        XCTAssertEqual(made.status, 0, made.stdout + made.stderr)
        let message = try gitOutput(["log", "-1", "--format=%B"], in: bundle)
        XCTAssertFalse(message.contains("rename the job") || message.contains("max concurrent runs"), message)
        // "make it 3" is about the change made, not the one previewed.
        let again = try dabrepo(["refine", "make it 3 hours"], in: bundle)
        XCTAssertEqual(again.status, 0, again.stdout + again.stderr)
        XCTAssertTrue(again.stdout.contains("10800"), again.stdout)
    }

    /// "same for prod but 5 hours" after a change for every target said prod "already has it": a value
    /// of its own is prod's override.
    func testSameForATargetWithAValueOfItsOwnAfterASharedChange() throws {
        let bundle = try initBundle()
        XCTAssertEqual(try dabrepo(["refine", "set the timeout of the job to 2 hours"], in: bundle).status, 0)
        let prod = try dabrepo(["refine", "same for prod but 5 hours"], in: bundle)
        XCTAssertEqual(prod.status, 0, prod.stdout + prod.stderr)
        XCTAssertTrue(prod.stdout.contains("18000") && prod.stdout.contains("for target prod"), prod.stdout)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    /// A task or job that runs a notebook or query not written yet: the file is started in the same
    /// revision, so that the bundle stays valid.
    func testANewTaskStartsTheNotebookItRuns() throws {
        let bundle = try initBundle()
        let result = try dabrepo(["refine", "add a task report after notebook_task that runs src/report.py"], in: bundle)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("src/report.py is new"), result.stdout)
        XCTAssertEqual(try gitOutput(["show", "--name-only", "--format=", "HEAD"], in: bundle).split(separator: "\n").sorted(),
                       ["resources/nightly_etl.job.yml", "src/report.py"])
        XCTAssertTrue(try read(bundle.appendingPathComponent("src/report.py")).hasPrefix("# Databricks notebook source\n"))
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        XCTAssertEqual(try dabrepo(["validate", "--all-targets"], in: bundle).status, 0)
        // Undone, the file goes with the task.
        XCTAssertEqual(try dabrepo(["undo"], in: bundle).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: bundle.appendingPathComponent("src/report.py").path))
    }
}

final class RefineConversationTests: RepositoryTestCase {
    /// "only in prod" after a change for every target: one revision, the change in prod alone, the
    /// working tree clean; `git show` of it has the prod override and the shared definition as before.
    func testOnlyInProdNarrowsTheChangeJustMade() throws {
        let bundle = try initBundle()
        let first = try dabrepo(["refine", "set the timeout to 2 hours", "--yes"], in: bundle)
        XCTAssertEqual(first.status, 0, first.stdout + first.stderr)
        let narrowed = try dabrepo(["refine", "only in prod", "--yes"], in: bundle)
        XCTAssertEqual(narrowed.status, 0, narrowed.stdout + narrowed.stderr)
        XCTAssertTrue(narrowed.stdout.contains("for target prod. It replaces "), narrowed.stdout)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        let job = try String(contentsOf: bundle.appendingPathComponent("resources/nightly_etl.job.yml"), encoding: .utf8)
        XCTAssertFalse(job.contains("timeout_seconds"), job)
        let root = try String(contentsOf: bundle.appendingPathComponent("databricks.yml"), encoding: .utf8)
        XCTAssertTrue(root.contains("timeout_seconds: 7200"), root)
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle).trimmingCharacters(in: .whitespacesAndNewlines), "3")
    }

    /// "actually not in prod", "but not in prod", "only in dev, not prod" after a change for every target: the change in dev
    /// alone (trial of 2026-12-08: read as "actually in dev", not understood).
    func testNotInProdNarrowsTheChangeToTheOtherTarget() throws {
        for words in ["actually not in prod", "only in dev, not prod"] {
            let bundle = try initBundle("n\(words.count)")
            let first = try dabrepo(["refine", "set the timeout to 2 hours", "--yes"], in: bundle)
            XCTAssertEqual(first.status, 0, first.stdout + first.stderr)
            let narrowed = try dabrepo(["refine", words, "--yes"], in: bundle)
            XCTAssertEqual(narrowed.status, 0, words + ": " + narrowed.stdout + narrowed.stderr)
            XCTAssertTrue(narrowed.stdout.contains("for target dev."), narrowed.stdout)
            let job = try String(contentsOf: bundle.appendingPathComponent("resources/n\(words.count).job.yml"), encoding: .utf8)
            XCTAssertFalse(job.contains("timeout_seconds"), words + ": " + job)
            XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        }
    }

    func testFollowUpsKeepContext() throws {
        let bundle = try initBundle()
        func refine(_ request: String, _ extra: [String] = []) throws -> CommandResult {
            let r = try dabrepo(["refine", request] + extra, in: bundle)
            XCTAssertEqual(r.status, 0, "\(request): \(r.stdout)\(r.stderr)")
            return r
        }
        try refine("make the dev cluster larger")
        XCTAssertTrue(try refine("even larger").stdout.contains("Set 8 workers (was 4) on job cluster job_cluster of job nightly_etl_job for target dev."))
        XCTAssertTrue(try refine("same for prod").stdout.contains("for target prod."))
        try refine("and add retries too")
        let message = try gitOutput(["log", "-1", "--format=%B"], in: bundle)
        XCTAssertTrue(message.contains("""
        Transcript:
        user: make the dev cluster larger
        dabrepo: Set 4 workers (was 2) on job cluster job_cluster of job nightly_etl_job for target dev.
        user: even larger
        dabrepo: Set 8 workers (was 4) on job cluster job_cluster of job nightly_etl_job for target dev.
        user: same for prod
        dabrepo: Set 4 workers (was 2) on job cluster job_cluster of job nightly_etl_job for target prod.
        user: and add retries too
        """), message)
        let session = try XCTUnwrap(message.split(separator: "\n").first { $0.hasPrefix("Dabrepo-Session: ") })
        XCTAssertEqual(try gitOutput(["log", "-4", "--format=%(trailers:key=Dabrepo-Session,valueonly)"], in: bundle)
            .split(separator: "\n").filter { !$0.isEmpty }.count, 4)
        XCTAssertTrue(try gitOutput(["log", "-4", "--format=%B"], in: bundle).components(separatedBy: String(session)).count == 5, "one session across the turns")
        let undo = try refine("undo that")
        XCTAssertTrue(undo.stdout.hasPrefix("Undid "), undo.stdout)
        // Named by the revision's subject, as `dabrepo undo` and the undo commit name it (once by the request).
        XCTAssertTrue(undo.stdout.contains("\"Retry task notebook_task of nightly_etl_job up to 2 times in prod\" with commit"), undo.stdout)
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: bundle), "Undo \"Retry task notebook_task of nightly_etl_job up to 2 times in prod\"")
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "", ".dabrepo/ is ignored")
        // A long conversation's revision repeats the last three requests before its own, and says where the
        // others are (every commit repeated all of them, read as if it made every change).
        try refine("set the timeout to 2 hours")
        let later = try gitOutput(["log", "-1", "--format=%B"], in: bundle)
        XCTAssertTrue(later.contains("""
        Transcript:
        dabrepo: (2 earlier requests are in this conversation's earlier revisions: git log --grep '\(session)')
        user: same for prod
        """), later)
        XCTAssertFalse(later.contains("user: make the dev cluster larger"), later)
        XCTAssertTrue(later.contains("user: undo that\ndabrepo: Undid ") && later.contains("user: set the timeout to 2 hours\n"), later)
        XCTAssertTrue(later.contains("Dabrepo-Requests: 1\n"), later)
        // A new session forgets: "even larger" then means nothing in particular.
        let fresh = try dabrepo(["refine", "same for prod", "--new-session"], in: bundle)
        XCTAssertEqual(fresh.status, 4, fresh.stdout)
    }
}

final class ChatCommandTests: RepositoryTestCase {
    func testAConversationOnStandardInput() throws {
        let bundle = try initBundle()
        let input = "make the dev cluster smaller\nsame for prod\n/diff\n/undo\n/log\nset the timeout to 2 hours\n/diff\nmake coffee\n/help\n/quit\n"
        let result = try CommandRunner.dabrepo(["chat"], in: bundle, environment: environment, stdin: Data(input.utf8))
        XCTAssertEqual(result.status, 4, "scripted, the first request that failed (make coffee) is the exit status: \(result.stderr)")
        // What chat printed after each input line (echoed as "> line").
        var turns: [(input: String, output: String)] = []
        for line in result.stdout.split(separator: "\n") {
            if line.hasPrefix("> ") { turns.append((String(line.dropFirst(2)), "")) } else if !turns.isEmpty { turns[turns.count - 1].output += line + "\n" }
        }
        // The lines after the request that failed (make coffee) are not run: they were written for its success.
        XCTAssertEqual(turns.map(\.input), Array(input.split(separator: "\n").map(String.init).prefix { $0 != "/help" }))
        XCTAssertTrue(result.stderr.contains("stopped at the request that failed; the lines after it were not run"), result.stderr)
        // /diff shows the last revision: first the prod override (as the job prod deploys), then the timeout.
        let diffs = turns.filter { $0.input == "/diff" }.map(\.output)
        XCTAssertTrue(diffs.first?.hasPrefix("~ jobs.nightly_etl_job in target prod (databricks.yml)\n") == true, diffs.first ?? "")
        XCTAssertTrue(diffs.first?.contains("num_workers: 2 → 1") == true, diffs.first ?? "")
        XCTAssertTrue(diffs.first?.hasSuffix("1 resource changed, 0 added, 0 removed\n") == true, diffs.first ?? "")
        XCTAssertEqual(diffs.last, "~ jobs.nightly_etl_job (resources/nightly_etl.job.yml)\n    + timeout_seconds: 7200\n1 resource changed, 0 added, 0 removed\n")
        // /log lists the revisions, newest first, with their subjects.
        let log = (turns.first { $0.input == "/log" }?.output ?? "").split(separator: "\n").map(String.init)
        XCTAssertEqual(log.map { $0.replacingOccurrences(of: #"^[0-9a-f]{7}  "#, with: "", options: .regularExpression) }, [
            "Undo \"Make the prod cluster of nightly_etl_job smaller\"",
            "Make the prod cluster of nightly_etl_job smaller",
            "Make the dev cluster of nightly_etl_job smaller",
            "Initialize bundle nightly_etl from template default-python",
        ], log.joined(separator: "\n"))
        XCTAssertEqual(log.first?.prefix(7), try gitOutput(["rev-parse", "--short=7", "HEAD~1"], in: bundle).prefix(7))
        XCTAssertTrue(result.stdout.contains("> make the dev cluster smaller\ndabrepo: Set 1 worker (was 2)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("for target prod."), result.stdout)
        XCTAssertTrue(result.stdout.contains("> /undo\nUndid "), result.stdout)
        XCTAssertTrue(result.stdout.contains("I did not understand \"make coffee\""), result.stdout)
        let help = try CommandRunner.dabrepo(["chat", "--resume"], in: bundle, environment: environment, stdin: Data("/help\n/quit\n".utf8))
        XCTAssertEqual(help.status, 0, help.stderr)
        XCTAssertTrue(help.stdout.contains("Requests like these work:\n  make the dev cluster smaller"), help.stdout)
        XCTAssertTrue(help.stdout.contains("Commands: /diff"), "the commands are listed: \(help.stdout)")
        XCTAssertEqual(try gitOutput(["log", "--format=%s"], in: bundle).split(separator: "\n").map(String.init), [
            "Time out nightly_etl_job after 2 hours",
            "Undo \"Make the prod cluster of nightly_etl_job smaller\"",
            "Make the prod cluster of nightly_etl_job smaller",
            "Make the dev cluster of nightly_etl_job smaller",
            "Initialize bundle nightly_etl from template default-python",
        ])
    }
}

final class RefineTerminalTests: RepositoryTestCase {
    /// On a terminal, refine asks before committing (run through `script`, which gives it a pseudo-terminal).
    func testOnATerminalItAsksFirst() throws {
        let script = URL(fileURLWithPath: "/usr/bin/script")
        guard FileManager.default.isExecutableFile(atPath: script.path) else { throw XCTSkip("SKIPPED: /usr/bin/script is not installed") }
        let bundle = try initBundle()
        let command = "'\(TestPaths.dabrepoBinary.path)' refine 'set the timeout to 2 hours' --color never"
        let declined = try CommandRunner.run(script, ["-qc", command, "/dev/null"], in: bundle, environment: environment, stdin: Data("n\n".utf8))
        XCTAssertTrue(declined.stdout.contains("Commit this revision? [Y/n]"), declined.stdout)
        XCTAssertTrue(declined.stdout.contains("Nothing was committed."), declined.stdout)
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), "1")
        let accepted = try CommandRunner.run(script, ["-qc", command, "/dev/null"], in: bundle, environment: environment, stdin: Data("y\n".utf8))
        XCTAssertTrue(accepted.stdout.contains("Committed "), accepted.stdout)
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), "2")
        // An answer that is neither yes nor no is asked again, not taken for no.
        let again = "'\(TestPaths.dabrepoBinary.path)' refine 'allow 3 concurrent runs' --color never"
        let asked = try CommandRunner.run(script, ["-qc", again, "/dev/null"], in: bundle, environment: environment, stdin: Data("maybe\ny\n".utf8))
        XCTAssertTrue(asked.stdout.contains("Please answer y or n."), asked.stdout)
        XCTAssertTrue(asked.stdout.contains("Committed "), asked.stdout)
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), "3")
    }
}
