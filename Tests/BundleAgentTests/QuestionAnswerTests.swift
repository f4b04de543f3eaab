@testable import BundleAgent
import BundleModel
import XCTest

/// A short reply to the planner's question ("Which job?") answers it: the question's request is
/// planned again with the resource, target, cluster or request the words choose.
final class QuestionAnswerTests: XCTestCase {
    struct Asking {
        var files = SalesBundle.files
        var session = RefineSession()

        /// Plans one request as `refine` does; a question is remembered with its choices.
        mutating func ask(_ request: String) throws -> PlanOutcome {
            let bundle = try SalesBundle.load(files)
            let (outcome, intent) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(request)), session: session)
            switch outcome {
            case .plan(let plan):
                for (path, text) in try OfflinePlanner.apply(plan, read: { [files] in files[$0]! }) { files[path] = text }
                session.turns.append(.init(request: request, reply: plan.summary, intent: intent, job: plan.job, resource: plan.resource?.description,
                                           target: plan.target, commit: "c\(session.turns.count)", planned: plan.request))
            case .clarify(let question, let choices):
                var turn = RefineSession.Turn(request: request, reply: question)
                turn.choices = choices
                session.turns.append(turn)
            default:
                session.turns.append(.init(request: request, reply: "\(outcome)"))
            }
            return outcome
        }

        func value(_ path: String, target: String) throws -> String? {
            PhrasingTableTests.value(at: path, in: try SalesBundle.load(files).effectiveConfiguration(target: target).configuration["resources"])
        }
    }

    /// "2", "number 2", "the second one": the choice of that number (trial of 2026-12-05: not understood).
    func testAChoiceByItsNumber() throws {
        for answer in ["2", "number 2", "the second one", "#2"] {
            var c = Asking()
            guard case .clarify(_, let choices) = try c.ask("set a timeout of 2 hours") else { return XCTFail("expected a question") }
            guard case .plan(let plan) = try c.ask(answer) else { return XCTFail("\(answer) was not planned") }
            XCTAssertEqual("--resource \(plan.resource?.description ?? "")", choices[1], answer)
        }
        var c = Asking()
        _ = try c.ask("set a timeout of 2 hours")
        guard case .clarify(let again, _) = try c.ask("the ninth one") else { return XCTFail("no ninth choice: asked again") }
        XCTAssertTrue(again.contains("answer with a number from 1 to"), again)
    }

    func testAResourceNamedInAFewWords() throws {
        var c = Asking()
        guard case .clarify(_, let choices) = try c.ask("set a timeout of 2 hours") else { return XCTFail("expected a question") }
        XCTAssertTrue(choices.contains("--resource jobs.marketing_digest"), "\(choices)")
        guard case .plan(let plan) = try c.ask("the marketing one") else { return XCTFail("the answer was not planned") }
        XCTAssertEqual(plan.resource, ResourceReference(type: "jobs", key: "marketing_digest"))
        XCTAssertEqual(try c.value("jobs.marketing_digest.timeout_seconds", target: "dev"), "7200")
        XCTAssertNil(try c.value("jobs.sales_sync.timeout_seconds", target: "dev"))
    }

    func testBothAndANewRequestInstead() throws {
        var c = Asking()
        _ = try c.ask("set a timeout of 2 hours")
        guard case .plan = try c.ask("all of them") else { return XCTFail("\"all of them\" was not planned") }
        for job in ["sales_sync", "marketing_digest", "nightly_billing"] {
            XCTAssertEqual(try c.value("jobs.\(job).timeout_seconds", target: "dev"), "7200", job)
        }
        // A request of its own is not an answer.
        var d = Asking()
        _ = try d.ask("set a timeout of 2 hours")
        guard case .plan(let plan) = try d.ask("add retries to the sales sync") else { return XCTFail("the new request was not planned") }
        XCTAssertEqual(plan.resource, ResourceReference(type: "jobs", key: "sales_sync"))
        XCTAssertNil(try d.value("jobs.sales_sync.timeout_seconds", target: "dev"))
    }

    func testWordsThatChooseNothingAreNoAnswer() throws {
        var c = Asking()
        _ = try c.ask("set a timeout of 2 hours")
        if case .plan = try c.ask("hmm") { XCTFail("\"hmm\" chose a job") }
    }
}
