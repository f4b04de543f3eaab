@testable import BundleAgent
import BundleModel
import XCTest

/// "add … to writeback_env": the job environment of that key, never a pipeline that shares a word of it
/// (slusset: the dependency went into the writeback pipeline's environment).
final class EnvironmentDependencyTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: ehr}
        resources:
          pipelines:
            writeback_pipeline:
              name: writeback
              serverless: true
              catalog: main
              schema: ehr
              libraries: [{file: {path: ./p.py}}]
          jobs:
            writeback_job:
              name: writeback batch
              environments:
                - environment_key: writeback_env
                  spec: {environment_version: "2", dependencies: [requests]}
              tasks:
                - task_key: run
                  environment_key: writeback_env
                  spark_python_task: {python_file: ./p.py}
        targets:
          dev: {mode: development, default: true}
        """,
        "p.py": "print(1)\n",
    ]

    func testTheEnvironmentNamedIsTheJobs() throws {
        for request in ["add the dependency fhir.resources==7.1.0 to writeback_env", "add fhir.resources==7.1.0 to the writeback_env environment"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.files, intent: LibraryIntent.id)
            let resources = bundle.configuration["resources"]
            XCTAssertEqual(resources?["jobs"]?["writeback_job"]?["environments"]?.sequence?.first?["spec"]?["dependencies"]?.sequence?.compactMap(\.string),
                           ["requests", "fhir.resources==7.1.0"], request)
            XCTAssertNil(resources?["pipelines"]?["writeback_pipeline"]?["environment"], request)
        }
    }

    /// Removing a pipeline's only dependency removes its environment with it, never leaving
    /// `environment: {}`; the other dependencies of a longer list stay.
    func testThePipelinesOnlyDependencyTakesItsEnvironment() throws {
        var files = Self.files
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "      serverless: true\n", with: "      serverless: true\n      environment:\n        dependencies:\n          - pandas==2.2.2\n")
        let (_, bundle) = try InMemoryPlanning.apply("remove pandas", to: files, intent: LibraryRemovalIntent.id)
        XCTAssertNil(bundle.configuration["resources"]?["pipelines"]?["writeback_pipeline"]?["environment"])
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "          - pandas==2.2.2\n", with: "          - pandas==2.2.2\n          - pyyaml\n")
        let (_, kept) = try InMemoryPlanning.apply("remove pandas", to: files, intent: LibraryRemovalIntent.id)
        XCTAssertEqual(kept.configuration["resources"]?["pipelines"]?["writeback_pipeline"]?["environment"]?["dependencies"]?.sequence?.compactMap(\.string), ["pyyaml"])
    }
}
