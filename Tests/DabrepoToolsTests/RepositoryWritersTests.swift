@testable import DabrepoTools
import Foundation
import XCTest

/// Writers wait for each other only within one git repository.
final class RepositoryWritersTests: XCTestCase {
    func testOneLimiterPerRepositoryWhicheverFolderInsideItIsNamed() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("writers-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        for folder in ["a/.git", "a/bundle/resources", "b/.git"] {
            try FileManager.default.createDirectory(at: base.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let writers = RepositoryWriters()
        let a = writers.limiter(for: base.appendingPathComponent("a"))
        XCTAssertTrue(writers.limiter(for: base.appendingPathComponent("a/bundle/resources")) === a, "a folder inside repository a shares its writer")
        XCTAssertFalse(writers.limiter(for: base.appendingPathComponent("b")) === a, "repository b does not wait for a")
        XCTAssertEqual(RepositoryWriters.repository(of: base.appendingPathComponent("a/bundle")),
                       base.appendingPathComponent("a").standardizedFileURL.resolvingSymlinksInPath().path)
    }
}
