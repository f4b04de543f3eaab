import BundleEngine
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
}
