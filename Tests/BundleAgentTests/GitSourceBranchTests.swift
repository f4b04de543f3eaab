@testable import BundleAgent
import BundleModel
import XCTest

/// A job that runs from a git source takes its branch there; a tag it pinned goes.
final class GitSourceBranchTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: from_git}
        resources:
          jobs:
            etl:
              name: etl
              git_source:
                git_url: https://github.com/example/etl
                git_provider: gitHub
                git_tag: v1.2.0
              tasks:
                - task_key: main
                  notebook_task:
                    notebook_path: notebooks/main
                    source: GIT
        targets:
          dev: {default: true}

        """,
    ]

    func testTheJobsGitSourceTakesTheBranch() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("set the job's git branch to release", to: Self.files, intent: GitBranchIntent.id)
        XCTAssertEqual(plan.job, "etl")
        let source = bundle.effectiveConfiguration(target: "dev").configuration["resources"]?["jobs"]?["etl"]?["git_source"]
        XCTAssertEqual(source?["git_branch"]?.string, "release")
        XCTAssertNil(source?["git_tag"])
        XCTAssertEqual(source?["git_url"]?.string, "https://github.com/example/etl")
        // Said of deploying, it is the target's branch even here.
        let (deploy, _) = try InMemoryPlanning.apply("only deploy dev from main", to: Self.files, intent: GitBranchIntent.id)
        XCTAssertEqual(deploy.subject, "Deploy target dev only from the branch main")
        // The job's name between "branch" and "to" is no branch (DAB-workflow-demo: "… of the workflow demo to release").
        for request in ["set the git branch of the etl job to release", "set the git branch of etl to release"] {
            let (_, named) = try InMemoryPlanning.apply(request, to: Self.files, intent: GitBranchIntent.id)
            XCTAssertEqual(named.configuration["resources"]?["jobs"]?["etl"]?["git_source"]?["git_branch"]?.string, "release", request)
        }
    }

    /// Jobs that run the bundle's own files have no branch of their own: said so, with the request that restricts deploying.
    func testAJobWithoutAGitSourceIsRefusedWithTheWayOn() throws {
        let bundle = try SalesBundle.load()
        let outcome = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("set the job's git branch to main")))
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(reason.contains("no job of this bundle runs from a git source"), reason)
        XCTAssertTrue(reason.contains("only deploy prod from main"), reason)
    }
}
