import BundleEngine
import BundleRepository
import Foundation
import TestSupport
import XCTest

/// `TestsCreation` in process: one revision with the tests and the test job, then nothing to do.
final class TestsCreationTests: XCTestCase {
    static let author = "Test Author <test@example.com>"

    func testCreatesTestsOnceThenKeepsThem() throws {
        let directory = try TemporaryDirectory()
        let root = directory.url.appendingPathComponent("demo")
        _ = try BundleInitializer(directory: root, authorOverride: Self.author, executablePath: "/bin/true").run()
        let first = try TestsCreation().run(.init(root: root, author: Self.author))
        XCTAssertEqual(first.status, .committed, first.message)
        XCTAssertEqual(first.target, "dev")
        XCTAssertEqual(first.job, "demo_tests")
        XCTAssertTrue(first.created.contains("tests/test_notebook.py"), "\(first.created)")
        XCTAssertTrue(first.created.contains("resources/demo_tests.job.yml"), "\(first.created)")
        let head = try GitRepository.open(containing: root.path).headCommitID()?.description
        XCTAssertEqual(head?.hasPrefix(try XCTUnwrap(first.commit)), true)

        let again = try TestsCreation().run(.init(root: root, author: Self.author))
        XCTAssertEqual(again.status, .unchanged)
        XCTAssertNil(again.commit)
        XCTAssertEqual(try GitRepository.open(containing: root.path).headCommitID()?.description, head)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: EngineJSON.data(again)) as? [String: Any])
        XCTAssertTrue(json["commit"] is NSNull)

        XCTAssertThrowsError(try TestsCreation().run(.init(root: root, target: "staging"))) { error in
            XCTAssertEqual((error as? EngineError)?.kind, .usage)
            XCTAssertTrue("\(error)".contains("no such target 'staging'"), "\(error)")
        }
    }
}
