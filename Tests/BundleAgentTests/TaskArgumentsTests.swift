@testable import BundleAgent
import BundleModel
import XCTest

/// The command-line arguments of script, wheel and JAR tasks (momentum-claims: "pass --catalog
/// ${var.catalog} to …" changed the catalog variable's default instead).
final class TaskArgumentsTests: XCTestCase {
    static let files = [
        "databricks.yml": "bundle: {name: uw}\ninclude: [resources/*.yml]\nvariables:\n  catalog: {default: main}\ntargets:\n  dev: {default: true}\n",
        "resources/jobs.yml": """
        resources:
          jobs:
            uw_build:
              name: uw build
              tasks:
                - task_key: generate_uw_bronze
                  environment_key: default
                  spark_python_task:
                    python_file: ../src/gen.py
                    parameters: ["--catalog", "main", "--debug"]
                - task_key: build_uw_index
                  depends_on: [{task_key: generate_uw_bronze}]
                  environment_key: default
                  python_wheel_task:
                    package_name: uw
                    entry_point: index
                    parameters:
                      - --env=dev
              environments:
                - environment_key: default
                  spec: {client: "1"}
        """,
        "src/gen.py": "print(1)\n",
    ]

    func arguments(_ request: String, task: String) throws -> [String]? {
        let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.files, intent: TaskArgumentsIntent.id)
        let node = bundle.configuration["resources"]?["jobs"]?["uw_build"]?["tasks"]?.sequence?.first { $0["task_key"]?.string == task }
        return (node?["spark_python_task"] ?? node?["python_wheel_task"])?["parameters"]?.sequence?.compactMap(\.string)
    }

    func testOptionsAreSetReplacedAndRemoved() throws {
        XCTAssertEqual(try arguments("pass --catalog ${var.catalog} to the generate_uw_bronze task", task: "generate_uw_bronze"),
                       ["--catalog", "${var.catalog}", "--debug"])
        XCTAssertEqual(try arguments("add --schema bronze to the arguments of generate_uw_bronze", task: "generate_uw_bronze"),
                       ["--catalog", "main", "--debug", "--schema", "bronze"])
        XCTAssertEqual(try arguments("remove --debug from the generate_uw_bronze task", task: "generate_uw_bronze"), ["--catalog", "main"])
        XCTAssertEqual(try arguments("pass --env=prod to the index task", task: "build_uw_index"), ["--env=prod"])
        XCTAssertEqual(try arguments("set the --catalog argument of generate_uw_bronze to gold", task: "generate_uw_bronze"), ["--catalog", "gold", "--debug"])
        // The variable stays as it was.
        let (_, bundle) = try InMemoryPlanning.apply("pass --catalog ${var.catalog} to the generate_uw_bronze task", to: Self.files)
        XCTAssertEqual(bundle.configuration["variables"]?["catalog"]?["default"]?.string, "main")
    }

    /// pitlake: editing one argument rewrote every item without its quotes.
    func testTheOtherArgumentsKeepHowTheyAreWritten() throws {
        let (_, replaced) = try InMemoryPlanning.outcome("pass --catalog gold to the generate_uw_bronze task", on: Self.files)
        XCTAssertTrue(replaced["resources/jobs.yml"]!.contains(#"parameters: ["--catalog", "gold", "--debug"]"#), replaced["resources/jobs.yml"]!)
        let (_, removed) = try InMemoryPlanning.outcome("remove --debug from the generate_uw_bronze task", on: Self.files)
        XCTAssertTrue(removed["resources/jobs.yml"]!.contains(#"parameters: ["--catalog", "main"]"#), removed["resources/jobs.yml"]!)
    }

    func testWhichTaskIsAsked() throws {
        let (outcome, _) = try InMemoryPlanning.outcome("pass --catalog ${var.catalog} to the job", on: Self.files)
        guard case .clarify(let question, let choices) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(question.contains("generate_uw_bronze, build_uw_index"), question)
        XCTAssertEqual(choices.count, 2)
    }
}
