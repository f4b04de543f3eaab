import BundleEngine
import BundleRepository
import Foundation
import TestSupport
import XCTest

/// `FileApplication` (what `dabrepo apply` runs) in process: a refusal carries every finding and
/// changes nothing; a good document commits one revision; the same document again commits nothing.
final class FileApplicationTests: XCTestCase {
    static let author = "Test Author <test@example.com>"

    func testARefusalCarriesItsFindingsThenAGoodDocumentCommitsOnce() throws {
        let directory = try TemporaryDirectory()
        let root = directory.url.appendingPathComponent("demo")
        _ = try BundleInitializer(directory: root, authorOverride: Self.author, executablePath: "/bin/true").run()
        let head = try GitRepository.open(containing: root.path).headCommitID()?.description
        let application = FileApplication(root: root, author: Self.author)

        let secret = "resources/leak.job.yml"
        let leaking = FileApplication.Request(subject: "Add a job with a token", files: [
            secret: "resources:\n  jobs:\n    leak:\n      name: leak\n      parameters:\n        - name: token\n          default: \(FakeCredential.databricks())\n",
        ])
        let refused = try application.run(leaking)
        XCTAssertEqual(refused.status, .invalid, refused.message)
        XCTAssertTrue(refused.findings.contains { $0.rule == "literal-secret" }, "\(refused.findings.map(\.rule))")
        XCTAssertEqual(refused.failure?.kind, .invalid)
        XCTAssertEqual(try GitRepository.open(containing: root.path).headCommitID()?.description, head)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent(secret).path))

        let good = FileApplication.Request(subject: "Add a README", summary: "Added a README.", files: ["README.md": "# demo\n"])
        let committed = try application.run(good)
        XCTAssertEqual(committed.status, .committed, committed.message)
        XCTAssertNil(committed.failure)
        let newHead = try GitRepository.open(containing: root.path).headCommitID()?.description
        XCTAssertEqual(newHead, committed.commit)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: EngineJSON.data(committed)) as? [String: Any])
        XCTAssertEqual(Set(json.keys), ["status", "commit", "subject", "validation", "saved_edits_commit"])
        XCTAssertTrue(json["saved_edits_commit"] is NSNull)

        let again = try application.run(good)
        XCTAssertEqual(again.status, .unchanged)
        XCTAssertTrue(again.message.hasPrefix("Nothing to change: README.md already has"), again.message)
        XCTAssertEqual(try GitRepository.open(containing: root.path).headCommitID()?.description, newHead)
    }
}
