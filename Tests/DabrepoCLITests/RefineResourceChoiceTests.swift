import Foundation
import TestSupport
import XCTest

/// `dabrepo refine` on a bundle with two jobs, as a new user tries it: the words name the job, a task,
/// a cluster or an environment, or the change fits only one job. The bundle is written by hand (no
/// `dabrepo init`), resources live in subfolders and prod overrides the cluster; one layout keeps the
/// bundle in a subfolder of a larger repository. Every run is checked by the effective values per
/// target and a clean `git status`.
final class RefineResourceChoiceTests: RepositoryTestCase {
    /// A git repository holding the two-job bundle at `subfolder` (empty: the repository root).
    func repository(bundleAt subfolder: String = "") throws -> URL {
        let repo = workspace.url.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try git(["init", "-q", "-b", "main"], in: repo)
        if !subfolder.isEmpty {
            try write("# Platform monorepo\n", to: repo.appendingPathComponent("README.md"))
        }
        try copyFixture("sales_two_jobs", to: "repo/" + subfolder)
        try git(["add", "-A"], in: repo)
        try git(["commit", "-q", "-m", "Sales bundle"], in: repo)
        return repo.appendingPathComponent(subfolder)
    }

    /// path → new value of the last commit's effective changes for a target.
    func changes(_ bundle: URL, target: String) throws -> [String: String] {
        let result = try dabrepo(["diff", "HEAD~1", "HEAD", "--target", target, "--output", "json"], in: bundle)
        XCTAssertEqual(result.status, 0, result.stderr)
        var out: [String: String] = [:]
        for group in try json(result.stdout)["groups"] as? [[String: Any]] ?? [] {
            let resource = group["resource"] as? String ?? group["key"] as? String ?? ""
            for change in group["changes"] as? [[String: Any]] ?? [] {
                out["\(resource):\(change["path"] as? String ?? "")"] = RefineCommandTests.render(change["new"])
            }
        }
        return out
    }

    func refine(_ request: String, in bundle: URL, file: StaticString = #filePath, line: UInt = #line) throws -> CommandResult {
        let result = try dabrepo(["refine", request], in: bundle)
        XCTAssertEqual(result.status, 0, "\(request): \(result.stdout)\(result.stderr)", file: file, line: line)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "", "\(request): git status is not clean", file: file, line: line)
        return result
    }

    func commits(_ bundle: URL) throws -> Int { Int(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle)) ?? 0 }

    func testTheWordsNameTheJobTaskClusterOrEnvironment() throws {
        let bundle = try repository()
        let diffKeys: (URL, String) throws -> [String] = { try self.changes($0, target: $1).keys.sorted() }

        try refine("enable photon on the sync cluster", in: bundle)
        XCTAssertEqual(try changes(bundle, target: "dev").values.sorted(), ["PHOTON"])
        let photon = try diffKeys(bundle, "prod")
        XCTAssertTrue(!photon.isEmpty && photon.allSatisfy { $0.contains("sales_sync") && $0.contains("runtime_engine") }, photon.description)

        try refine("retry the extract task up to 3 times", in: bundle)
        let retries = try changes(bundle, target: "prod")
        XCTAssertEqual(retries.count, 1, retries.description)
        XCTAssertTrue(retries.keys.first!.contains("sales_sync") && retries.keys.first!.contains("extract") && retries.keys.first!.hasSuffix("max_retries"), retries.description)
        XCTAssertEqual(retries.values.first, "3")

        try refine("only allow two concurrent runs of the marketing digest", in: bundle)
        XCTAssertEqual(Array(try changes(bundle, target: "dev").values), ["2"])
        XCTAssertTrue(try diffKeys(bundle, "dev")[0].contains("marketing_digest"))

        // Only sales_sync has a cluster; dev is named, prod keeps its own 8 workers.
        try refine("make the dev cluster smaller", in: bundle)
        XCTAssertEqual(Array(try changes(bundle, target: "dev").values), ["2"])
        XCTAssertEqual(try changes(bundle, target: "prod"), [:])

        // A dependency of the serverless job's environment, never a new target.
        let before = try read(bundle.appendingPathComponent("databricks.yml"))
        try refine("add polars to the digest environment", in: bundle)
        XCTAssertEqual(try read(bundle.appendingPathComponent("databricks.yml")), before)
        let digest = try read(bundle.appendingPathComponent("resources/marketing/marketing_digest.job.yml"))
        XCTAssertTrue(digest.contains("      - pandas\n              - polars\n") || digest.contains("- polars"), digest)
        XCTAssertFalse(digest.contains("libraries"), digest)

        try refine("clear the tags of the sales sync", in: bundle)
        let sync = try read(bundle.appendingPathComponent("resources/sales/sales_sync.job.yml"))
        XCTAssertFalse(sync.contains("tags:") || sync.contains("team: sales"), sync)
        XCTAssertEqual(try commits(bundle), 7)
    }

    func testFollowUpsContinueWithTheTaskAndJob() throws {
        let bundle = try repository(bundleAt: "platform/bundles/sales")
        try refine("retry the extract task up to 3 times", in: bundle)
        try refine("same for load", in: bundle)
        let load = try changes(bundle, target: "dev")
        XCTAssertEqual(load.count, 1, load.description)
        XCTAssertTrue(load.keys.first!.contains("load") && load.keys.first!.hasSuffix("max_retries"), load.description)
        XCTAssertEqual(load.values.first, "3")
        XCTAssertTrue(try gitOutput(["log", "-1", "--format=%B"], in: bundle).contains("user: same for load"))

        try refine("never run the sales sync twice at the same time", in: bundle)
        try refine("same for the marketing digest", in: bundle)
        let digest = try changes(bundle, target: "prod")
        XCTAssertTrue(digest.keys.first?.contains("marketing_digest") ?? false, digest.description)
        XCTAssertEqual(digest.values.first, "1")
        XCTAssertEqual(try gitOutput(["status", "--porcelain", "--ignored"], in: bundle.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()), "")
    }

    func testAQuestionListsOnlyTheJobsThatFitAndItsSuggestionWorks() throws {
        let bundle = try repository()
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let asked = try dabrepo(["refine", "set the timeout to 2 hours"], in: bundle)
        XCTAssertEqual(asked.status, 3, asked.stdout + asked.stderr)
        XCTAssertTrue(asked.stdout.contains("--resource jobs.marketing_digest") && asked.stdout.contains("--resource jobs.sales_sync"), asked.stdout)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
        // The suggested command, as printed, answers it.
        let suggestion = try XCTUnwrap(asked.stdout.split(separator: "\n").last { $0.contains("dabrepo refine") }).trimmingCharacters(in: .whitespaces)
        XCTAssertEqual(suggestion, "dabrepo refine \"set the timeout to 2 hours\" --resource jobs.marketing_digest")
        let answered = try dabrepo(["refine", "set the timeout to 2 hours", "--resource", "jobs.marketing_digest"], in: bundle)
        XCTAssertEqual(answered.status, 0, answered.stdout + answered.stderr)
        XCTAssertTrue(try changes(bundle, target: "prod").keys.allSatisfy { $0.contains("marketing_digest") && $0.hasSuffix("timeout_seconds") })

        // A job the bundle does not have is never guessed.
        let unknown = try dabrepo(["refine", "run the invoices job every hour"], in: bundle)
        XCTAssertEqual(unknown.status, 1, unknown.stdout)
        XCTAssertTrue(unknown.stdout.contains("invoices") && unknown.stdout.contains("marketing_digest, sales_sync"), unknown.stdout)
        XCTAssertEqual(try commits(bundle), 2)
    }
}
