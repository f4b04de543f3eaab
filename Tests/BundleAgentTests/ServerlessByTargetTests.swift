@testable import BundleAgent
import BundleModel
import XCTest

/// A pipeline serverless in one target and on clusters in another (`serverless: ${var.…}`, dzdemo):
/// "turn on photon" is not answered from the default target alone ("already runs on Photon").
final class ServerlessByTargetTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: complaints}
        variables:
          pipeline_serverless: {default: false}
        resources:
          pipelines:
            complaints:
              name: complaints
              serverless: ${var.pipeline_serverless}
              catalog: main
              schema: complaints
              libraries: [{file: {path: ./p.py}}]
        targets:
          dev:
            mode: development
            default: true
            variables: {pipeline_serverless: true}
          prod:
            mode: production
            workspace: {root_path: /Workspace/Shared/.bundle/complaints}
        """,
        "p.py": "print(1)\n",
    ]

    func testPhotonIsAskedForTheTargetOnClusters() throws {
        // prod is the one target on clusters: the change is made there, and said so.
        let (plan, prod) = try InMemoryPlanning.apply("turn on photon for the pipeline", to: Self.files)
        XCTAssertEqual(prod.effectiveConfiguration(target: "prod").configuration["resources"]?["pipelines"]?["complaints"]?["photon"]?.string, "true")
        XCTAssertEqual(plan.target, "prod")
        XCTAssertTrue(plan.summary.hasSuffix("(Only target prod could take this change.)"), plan.summary)
        // With two targets on clusters: asked.
        var files = Self.files
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "targets:\n", with: "targets:\n  qa: {mode: production, workspace: {root_path: /Workspace/Shared/.bundle/qa}}\n")
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        let outcome = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("turn on photon for the pipeline")))
        guard case .clarify(let question, let choices) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(question.contains("in dev but on clusters in qa, prod"), question)
        XCTAssertEqual(choices, ["--target qa", "--target prod"])
    }
}
