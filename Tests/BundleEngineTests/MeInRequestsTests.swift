@testable import BundleEngine
import BundleRepository
import Foundation
import TestSupport
import XCTest

/// "email me" is the revision's author; "notify me at dan@example.com" names the address itself, and
/// the author's is not added beside it (dabs-dbt-demo).
final class MeInRequestsTests: XCTestCase {
    func testMeIsTheAuthorUnlessAnAddressIsGiven() throws {
        let directory = try TemporaryDirectory()
        let root = directory.url
        _ = try BundleInitializer(directory: root.appendingPathComponent("b"), authorOverride: "Ana <ana@example.com>", executablePath: "/bin/true").run()
        let bundle = root.appendingPathComponent("b")
        XCTAssertEqual(ConversationTurn.naming(me: "email me when it fails", root: bundle, author: "Ana <ana@example.com>"), "email ana@example.com when it fails")
        XCTAssertEqual(ConversationTurn.naming(me: "notify me at dan@example.com on failure", root: bundle, author: "Ana <ana@example.com>"),
                       "notify me at dan@example.com on failure")
    }
}
