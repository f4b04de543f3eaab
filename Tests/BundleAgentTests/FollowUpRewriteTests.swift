@testable import BundleAgent
import BundleModel
import XCTest

/// Every follow-up rewrite's examples: the conversation before is planned and applied on the example's
/// bundle, then the rewrite must read the follow-up as the example says, and the planner must plan it.
final class FollowUpRewriteTests: XCTestCase {
    func testEveryRewriteReadsItsExamples() throws {
        XCTAssertEqual(Set(FollowUpRewrites.all.map { $0.id }).count, FollowUpRewrites.all.count, "rewrite ids are unique")
        for rewrite in FollowUpRewrites.all {
            XCTAssertFalse(rewrite.examples.isEmpty, "\(rewrite.id) has examples")
            for example in rewrite.examples {
                let label = "\(rewrite.id): \(example.before + [example.request])"
                let (files, session) = try Self.converse(example.before, on: example.files, label: label)
                let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
                let context = PlanningContext(bundle: bundle, request: RequestText(example.request))
                var planned = session
                if let i = planned.turns.lastIndex(where: { $0.intent != nil }), let words = planned.turns[i].planned { planned.turns[i].request = words }
                let rewritten = rewrite.rewrite(context, session: planned, previous: planned.lastChange)
                XCTAssertEqual(rewritten?.words, example.readAs, label)
                let outcome = OfflinePlanner().plan(context, session: session).0
                if case .plan = outcome {} else { XCTFail("\(label): not planned: \(outcome)") }
            }
        }
    }

    /// The requests planned and applied one after another, as a conversation: the files after them and the session.
    static func converse(_ requests: [String], on exampleFiles: [String: String], label: String) throws -> ([String: String], RefineSession) {
        var files = exampleFiles
        files["databricks.yml"] = FollowUpRewriteFixtures.databricksYML
        var session = RefineSession()
        for request in requests {
            let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
            let (outcome, intent) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(request)), session: session)
            guard case .plan(let plan) = outcome else {
                XCTFail("\(label): \"\(request)\" not planned: \(outcome)")
                continue
            }
            let before = files
            for (path, text) in try OfflinePlanner.apply(plan, read: { before[$0]! }) { files[path] = text }
            session.turns.append(.init(request: request, reply: plan.summary, intent: intent, job: plan.job, resource: plan.resource?.description,
                                       target: plan.target, commit: "c\(session.turns.count)", planned: plan.request))
        }
        return (files, session)
    }

    /// Words of no rewrite's phrasing are left to the planner: each rewrite declines the others' examples
    /// where they are not its phrasing too.
    func testRewritesDeclineOrdinaryRequests() throws {
        var files = FollowUpRewriteFixtures.floodJobs
        files["databricks.yml"] = FollowUpRewriteFixtures.databricksYML
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        for request in ["add 3 retries to the geocode task", "make it 4", "same for prod", "undo that",
                        "when the flood job is done, email ana@example.com", "if telematics fails, retry it twice"] {
            for rewrite in FollowUpRewrites.all {
                XCTAssertNil(rewrite.rewrite(PlanningContext(bundle: bundle, request: RequestText(request)), session: nil, previous: nil)?.words, "\(rewrite.id): \(request)")
            }
        }
    }
}
