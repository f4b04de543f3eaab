@testable import BundleAgent
import BundleModel
import XCTest

/// How requests name a job's tasks beyond their whole keys: "the healthcheck task" for
/// run_healthcheck, a key written as it is without the word "task", and a task called as its job is.
final class TaskNamesTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: shop}
        resources:
          jobs:
            orders:
              name: orders daily
              tasks:
                - task_key: load_orders
                  notebook_task: {notebook_path: ./a.py}
                - task_key: run_healthcheck
                  depends_on: [{task_key: load_orders}]
                  notebook_task: {notebook_path: ./a.py}
                - task_key: validate_gold_contract
                  depends_on: [{task_key: run_healthcheck}]
                  timeout_seconds: 300
                  notebook_task: {notebook_path: ./a.py}
            training:
              name: training
              tasks:
                - task_key: training
                  notebook_task: {notebook_path: ./a.py}
                - task_key: promotion
                  depends_on: [{task_key: training}]
                  notebook_task: {notebook_path: ./a.py}
        targets:
          dev: {mode: development, default: true}
        """,
        "a.py": "# Databricks notebook source\n",
    ]

    static func tasks(_ bundle: LoadedBundle, _ job: String) -> [YAMLNode] {
        bundle.configuration["resources"]?["jobs"]?[job]?["tasks"]?.sequence ?? []
    }

    func testAWordOfTheKeyBesideTheWordTask() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("retry the healthcheck task 3 times", to: Self.files, intent: TaskRetriesIntent.id)
        XCTAssertEqual(Self.tasks(bundle, "orders").map { $0["max_retries"]?.string }, [nil, "3", nil], plan.summary)
        let (_, timed) = try InMemoryPlanning.apply("set the healthcheck task timeout to 10 minutes", to: Self.files)
        XCTAssertEqual(Self.tasks(timed, "orders").map { $0["timeout_seconds"]?.string }, [nil, "600", "300"])
        XCTAssertNil(timed.configuration["resources"]?["jobs"]?["orders"]?["timeout_seconds"])
    }

    func testAKeyWrittenAsItIsWithoutTheWordTask() throws {
        let (_, bundle) = try InMemoryPlanning.apply("set the validate_gold_contract timeout to 10 minutes", to: Self.files)
        XCTAssertEqual(Self.tasks(bundle, "orders").last?["timeout_seconds"]?.string, "600")
        XCTAssertNil(bundle.configuration["resources"]?["jobs"]?["orders"]?["timeout_seconds"], "not the job's timeout")
        // A key inside a longer word is not written (spp_weis: the task model_retrain of the job model_retrain_weekly).
        var files = Self.files
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "validate_gold_contract", with: "orders_daily")
            .replacingOccurrences(of: "    orders:\n", with: "    orders_daily_job:\n")
        let (_, job) = try InMemoryPlanning.apply("set a timeout of 2 hours on orders_daily_job", to: files)
        XCTAssertEqual(job.configuration["resources"]?["jobs"]?["orders_daily_job"]?["timeout_seconds"]?.string, "7200")
    }

    /// enterprise-lakehouse: "a 30 minute timeout on promotion in training", "bump retries on
    /// load_orders to 5": a one-word key after "on" is the task, and the number after "to" the retries.
    func testAOneWordKeyAfterOnAndRetriesToANumber() throws {
        let (_, timed) = try InMemoryPlanning.apply("set a 30 minute timeout on promotion in training", to: Self.files)
        XCTAssertEqual(Self.tasks(timed, "training").map { $0["timeout_seconds"]?.string }, [nil, "1800"])
        XCTAssertNil(timed.configuration["resources"]?["jobs"]?["training"]?["timeout_seconds"], "not the job's timeout")
        let (_, retried) = try InMemoryPlanning.apply("bump retries on load_orders to 5", to: Self.files, intent: TaskRetriesIntent.id)
        XCTAssertEqual(Self.tasks(retried, "orders").first?["max_retries"]?.string, "5")
        let (_, set) = try InMemoryPlanning.apply("set max retries of run_healthcheck to 4", to: Self.files, intent: TaskRetriesIntent.id)
        XCTAssertEqual(Self.tasks(set, "orders")[1]["max_retries"]?.string, "4")
    }

    /// enterprise-lakehouse: "… on every task except X" leaves X; "except the validate one, give it 5"
    /// after retries on several tasks gives that one 5 and leaves the others.
    func testExceptATask() throws {
        let (_, bundle) = try InMemoryPlanning.apply("set retries to 3 on every task of the orders job except run_healthcheck", to: Self.files, intent: TaskRetriesIntent.id)
        XCTAssertEqual(Self.tasks(bundle, "orders").map { $0["max_retries"]?.string }, ["3", nil, "3"])
        var c = FollowUpTests.Conversation()
        c.files = Self.files
        _ = try c.ask("set retries to 3 on every task of the orders job")
        _ = try c.ask("except the validate one, give it 5")
        XCTAssertEqual(Self.tasks(try SalesBundle.load(c.files), "orders").map { $0["max_retries"]?.string }, ["3", "3", "5"])
    }

    /// retail-demand: "and 2 on everything else" after 3 retries on one task: every other task at 2, that
    /// one still at 3 (it set the named task to 2).
    func testEverythingElse() throws {
        var c = FollowUpTests.Conversation()
        c.files = Self.files
        _ = try c.ask("set retries to 3 on the run_healthcheck task")
        _ = try c.ask("and 2 on everything else")
        XCTAssertEqual(Self.tasks(try SalesBundle.load(c.files), "orders").map { $0["max_retries"]?.string }, ["2", "3", "2"])
    }

    /// absa: "with 10 minutes between retries on both" after retries on two tasks of one job is those two
    /// tasks (it reached another job).
    func testBothAreTheTwoTasksOfTheConversation() throws {
        var c = FollowUpTests.Conversation()
        c.files = Self.files
        _ = try c.ask("add 3 retries to the load_orders task")
        _ = try c.ask("and 2 for the run_healthcheck task")
        _ = try c.ask("with 10 minutes between retries on both")
        let bundle = try SalesBundle.load(c.files)
        XCTAssertEqual(Self.tasks(bundle, "orders").map { $0["min_retry_interval_millis"]?.string }, ["600000", "600000", nil])
        XCTAssertEqual(Self.tasks(bundle, "training").compactMap { $0["min_retry_interval_millis"]?.string }, [])
    }

    /// The task training of the job training: "the training job" is the job, "the training task" the task.
    func testATaskCalledAsItsJob() throws {
        for request in ["add retries to every task of the training job", "add retries to the training job"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.files, intent: TaskRetriesIntent.id)
            XCTAssertEqual(Self.tasks(bundle, "training").map { $0["max_retries"]?.string }, ["2", "2"], request)
        }
        let (_, one) = try InMemoryPlanning.apply("add retries to the training task", to: Self.files, intent: TaskRetriesIntent.id)
        XCTAssertEqual(Self.tasks(one, "training").map { $0["max_retries"]?.string }, ["2", nil])
    }

    /// A task key written as it is, which the job's display name also is (MM1132: the task
    /// run_bronze_flights of the job named run_bronze_flights): the task; "… job" after it is the job.
    func testATaskKeyThatIsAlsoTheJobsName() throws {
        var files = Self.files
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "name: orders daily", with: "name: load_orders")
        let (_, one) = try InMemoryPlanning.apply("add retries to load_orders", to: files, intent: TaskRetriesIntent.id)
        XCTAssertEqual(Self.tasks(one, "orders").map { $0["max_retries"]?.string }, ["2", nil, nil])
        let (_, every) = try InMemoryPlanning.apply("add retries to the load_orders job", to: files, intent: TaskRetriesIntent.id)
        XCTAssertEqual(Self.tasks(every, "orders").map { $0["max_retries"]?.string }, ["2", "2", "2"])
    }

    /// "rename the task A to B in the X job": the task is renamed, the job only says where; "rename
    /// the X job to …" (the new name with the job's words) renames the job.
    func testRenamingATaskInANamedJob() throws {
        let (_, renamed) = try InMemoryPlanning.apply("rename the task promotion to promote in the training job", to: Self.files)
        XCTAssertEqual(Self.tasks(renamed, "training").map { $0["task_key"]?.string }, ["training", "promote"])
        XCTAssertEqual(renamed.configuration["resources"]?["jobs"]?["training"]?["name"]?.string, "training")
        let (_, job) = try InMemoryPlanning.apply("rename the orders daily job to Orders Daily v2", to: Self.files)
        XCTAssertEqual(job.configuration["resources"]?["jobs"]?["orders"]?["name"]?.string, "Orders Daily v2")
    }

    /// "the download task" where no task is called so (panama-open-data): a question listing the tasks,
    /// never every task or the whole job.
    func testATaskNameThatMatchesNoneIsAsked() throws {
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: Self.files)).load()
        for request in ["retry the download task 3 times", "set the download task timeout to 10 minutes"] {
            let outcome = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(request + " in the orders job")))
            guard case .clarify(let question, _) = outcome else { XCTFail("\(request): \(outcome)"); continue }
            XCTAssertTrue(question.hasPrefix("Job orders has no task called \"download\""), question)
        }
    }

    /// "between A and B" (llmops, postnl): after A, and B waits for the new task instead of A.
    func testANewTaskBetweenTwo() throws {
        let (_, bundle) = try InMemoryPlanning.apply("add a task dedupe between load_orders and run_healthcheck that runs a.py", to: Self.files, intent: AddTaskIntent.id)
        let tasks = Self.tasks(bundle, "orders")
        func dependencies(_ key: String) -> [String] {
            tasks.first { $0["task_key"]?.string == key }?["depends_on"]?.sequence?.compactMap { $0["task_key"]?.string } ?? []
        }
        XCTAssertEqual(dependencies("dedupe"), ["load_orders"])
        XCTAssertEqual(dependencies("run_healthcheck"), ["dedupe"])
        XCTAssertEqual(dependencies("validate_gold_contract"), ["run_healthcheck"])
    }

    /// Renaming a task renames the references to its values (panama-open-data: a condition read
    /// `{{tasks.descargar….values.updates}}` and would have pointed at no task).
    func testARenamedTasksValuesAreReadUnderItsNewName() throws {
        var files = Self.files
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "        - task_key: promotion\n", with: """
                - task_key: check
                  depends_on: [{task_key: training}]
                  condition_task: {op: EQUAL_TO, left: "{{tasks.training.values.updates}}", right: "true"}
                - task_key: promotion

        """)
        XCTAssertTrue(files["databricks.yml"]!.contains("tasks.training.values"))
        let (plan, bundle) = try InMemoryPlanning.apply("rename the training task to fit", to: files, intent: RenameTaskIntent.id)
        let check = Self.tasks(bundle, "training").first { $0["task_key"]?.string == "check" }
        XCTAssertEqual(check?["condition_task"]?["left"]?.string, "{{tasks.fit.values.updates}}", plan.summary)
        XCTAssertEqual(check?["depends_on"]?.sequence?.first?["task_key"]?.string, "fit")
    }

    /// A task key written with the target in it (dais2023: `"${bundle.environment}_report"`): a change
    /// of that task changes it where it is written, never appends a second task of the same key.
    func testATaskKeyWrittenWithTheTarget() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: dais}
            resources:
              jobs:
                metrics:
                  name: metrics
                  tasks:
                    - task_key: "${bundle.target}_report"
                      notebook_task: {notebook_path: ./a.py}
                      new_cluster: {spark_version: 13.1.x-scala2.12, num_workers: 1, node_type_id: i3.xlarge}
            targets:
              development: {default: true}
            """,
            "a.py": "# Databricks notebook source\n",
        ]
        let (_, bundle) = try InMemoryPlanning.apply("upgrade the report cluster to 15.4 LTS", to: files)
        let tasks = bundle.configuration["resources"]?["jobs"]?["metrics"]?["tasks"]?.sequence ?? []
        XCTAssertEqual(tasks.count, 1)
        XCTAssertEqual(tasks.first?["new_cluster"]?["spark_version"]?.string, "15.4.x-scala2.12")
    }

    /// "remove validate_gold_contract": a task's key written as it is, without the word "task".
    func testRemovingATaskByItsKeyAlone() throws {
        let (_, bundle) = try InMemoryPlanning.apply("remove validate_gold_contract", to: Self.files, intent: RemoveTaskIntent.id)
        XCTAssertEqual(Self.tasks(bundle, "orders").compactMap { $0["task_key"]?.string }, ["load_orders", "run_healthcheck"])
        let (_, other) = try InMemoryPlanning.apply("drop run_healthcheck from the orders job", to: Self.files, intent: RemoveTaskIntent.id)
        XCTAssertEqual(Self.tasks(other, "orders").compactMap { $0["task_key"]?.string }, ["load_orders", "validate_gold_contract"])
    }

    /// "set the default of run_date to today on the orders job": a job's parameter named without the
    /// word "parameter"; "on the orders job" says where, and is not the value.
    func testAParameterDefaultByItsName() throws {
        var files = Self.files
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "      name: orders daily\n", with: "      name: orders daily\n      parameters:\n        - {name: run_date, default: yesterday}\n")
        let (_, bundle) = try InMemoryPlanning.apply("set the default of run_date to today on the orders job", to: files, intent: JobParameterIntent.id)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["orders"]?["parameters"]?.sequence?.first?["default"]?.string, "today")
    }

    /// Groups of tasks in a conversation (moci, medalforge, ima-telemetry): "the load and healthcheck
    /// tasks" are both; "make it 3" stays on them; "and the gold ones too", "and validate too" carry the
    /// same change to those tasks, never back to 2 on every task.
    func testGroupsOfTasksInAConversation() throws {
        var c = FollowUpTests.Conversation()
        c.files = Self.files
        _ = try c.ask("add retries to the healthcheck and validate tasks")
        XCTAssertEqual(try c.value("jobs.orders.tasks[run_healthcheck].max_retries", target: "dev"), "2")
        XCTAssertEqual(try c.value("jobs.orders.tasks[validate_gold_contract].max_retries", target: "dev"), "2")
        XCTAssertNil(try c.value("jobs.orders.tasks[load_orders].max_retries", target: "dev"))
        _ = try c.ask("make it 3")
        _ = try c.ask("and the load ones too")
        XCTAssertEqual(try c.value("jobs.orders.tasks[load_orders].max_retries", target: "dev"), "3")
        XCTAssertEqual(try c.value("jobs.orders.tasks[validate_gold_contract].max_retries", target: "dev"), "3")

        var d = FollowUpTests.Conversation()
        d.files = Self.files
        _ = try d.ask("add retries to the healthcheck task")
        _ = try d.ask("make it 4")
        XCTAssertNil(try d.value("jobs.orders.tasks[load_orders].max_retries", target: "dev"), "\"make it 4\" stays on the healthcheck task")
        _ = try d.ask("and validate too")
        XCTAssertEqual(try d.value("jobs.orders.tasks[validate_gold_contract].max_retries", target: "dev"), "4")
        XCTAssertNil(try d.value("jobs.orders.tasks[load_orders].max_retries", target: "dev"))
        _ = try d.ask("and the load one")
        XCTAssertEqual(try d.value("jobs.orders.tasks[load_orders].max_retries", target: "dev"), "4")
        XCTAssertEqual(try d.value("jobs.orders.tasks[validate_gold_contract].max_retries", target: "dev"), "4")
    }

    /// "remove the retries from every task": max_retries goes where it is written; tasks without it
    /// get no `max_retries: 0` (liquor-sales: seven lines added); none retried is nothing to change.
    func testRemovingRetriesRemovesTheField() throws {
        var files = Self.files
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "          timeout_seconds: 300\n", with: "          timeout_seconds: 300\n          max_retries: 3\n")
        XCTAssertTrue(files["databricks.yml"]!.contains("max_retries: 3"))
        let (plan, bundle) = try InMemoryPlanning.apply("remove the retries from every task of the orders job", to: files, intent: TaskRetriesIntent.id)
        XCTAssertEqual(Self.tasks(bundle, "orders").map { $0["max_retries"]?.string }, [nil, nil, nil], plan.summary)
        XCTAssertEqual(plan.edits.flatMap(\.operations).count, 1)
    }
}
