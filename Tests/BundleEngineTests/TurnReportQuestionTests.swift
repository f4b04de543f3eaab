import BundleAgent
import BundleEngine
import BundleModel
import BundleReports
import XCTest

/// A model's question without choices (ask_user with none) was shown with "Ask again with one of them,
/// for example:" and the request itself: there is nothing to choose, and the answer is the next request.
final class TurnReportQuestionTests: XCTestCase {
    func testAQuestionWithoutChoicesAsksForTheAnswer() {
        var result = TurnResult(.question)
        result.question = "Which job should time out, and after how long?"
        let (output, _) = TurnReport.text(result, request: "describe the job")
        XCTAssertEqual(output, "Which job should time out, and after how long?\nAnswer with a request that says it: dabrepo refine \"…\"\n")
        let (conversation, _) = TurnReport.text(result, request: "describe the job", command: nil)
        XCTAssertEqual(conversation, "Which job should time out, and after how long?\nAnswer in your next request.\n")
        result.choices = ["--target dev", "--target prod"]
        result.options = [.init(planner: "--target dev"), .init(planner: "--target prod")]
        XCTAssertTrue(TurnReport.text(result, request: "pause it").output.contains("Ask again with one of them"))
    }

    /// A tool call's arguments are cut at 160 characters: a key across the cut was no longer recognised,
    /// and its first half was printed.
    func testAToolCallsKeyIsHiddenBeforeTheLineIsCut() {
        let key = "ZZtopsecretZZ0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"
        SecretRedaction.hold(key)
        let arguments = "{\"subject\": \"" + String(repeating: "k", count: 110) + "\", \"value\": \"" + key + "\"}"
        let line = TurnReport.text(.agent(.toolCall(id: "1", name: "edit_bundle", arguments: arguments)), colored: false)
        XCTAssertFalse(line.contains("ZZtopsecretZZ0123"), line)
        XCTAssertTrue(line.contains("[REDACTED]") || line.hasSuffix("…\n"), line)
        // (A key of a known shape hidden first kept its prefix, and the query's step then took "sk-[REDACTED"
        // for the value: "token=[REDACTED]]".)
        for value in ["sk-" + String(repeating: "a1B2", count: 12), "sk-SECRETKEY-" + String(repeating: "x9", count: 20)] {
            let shown = SecretRedaction.redact("https://gitlab.com/acme/etl?token=" + value + "\"}]")
            XCTAssertTrue(shown.hasSuffix("[REDACTED]\"}]") && !shown.contains("]]") && !shown.contains(value), shown)
        }
    }

    /// A choice with a made-up value is an example to edit (the page's click committed a made-up service principal id).
    func testMadeUpValuesAreExamples() {
        for text in ["run prod as the service principal 6f1c3a52-0000-4000-8000-000000000001", "email ana@example.com on failure",
                     "add a variable schema with default VALUE", "run prod as the service principal ${var.service_principal_id}",
                     "notify the destination 0c2e4b9e-6f1c-4a52-8000-000000000001 when the job fails", "tag the job with team=data",
                     "rename it to 'Nightly ETL'"] {
            XCTAssertEqual(TurnResult.Choice(planner: text).kind, .example, text)
        }
        XCTAssertEqual(TurnResult.Choice(planner: "pause the schedule in prod").kind, .request)
        XCTAssertEqual(TurnResult.Choice(planner: "--target prod").kind, .target)
    }
}
