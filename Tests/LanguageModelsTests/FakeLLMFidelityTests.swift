import Foundation
import TestSupport
import XCTest

/// The fake language model service must answer as the real ones do: the official Python SDKs
/// (anthropic, openai; scripts/install-test-tools installs them) validate and read every answer.
final class FakeLLMFidelityTests: XCTestCase {
    func testTheOfficialSDKsReadEveryAnswer() throws {
        let script = TestPaths.packageRoot.appendingPathComponent("Tests/FakeLLM/check_fidelity.py")
        let result = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path])
        XCTAssertFalse(result.stderr.contains("No module named"), "run scripts/install-test-tools first: \(result.stderr)")
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("fake LLM fidelity: OK"), result.stdout)
    }
}
