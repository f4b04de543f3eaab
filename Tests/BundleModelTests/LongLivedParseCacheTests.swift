@testable import BundleModel
import Foundation
import TestSupport
import XCTest

/// A ParseCache kept across loads (the MCP server's validate_bundle calls) must never hand back a
/// file's old parse: its keys come from the bytes (ContentHashingFileSource), not from inode, size
/// and modification time, which an in-place rewrite of the same size can leave unchanged.
final class LongLivedParseCacheTests: XCTestCase {
    let root = "bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n"

    func names(_ bundle: LoadedBundle) -> [String] {
        bundle.configuration["resources"]?["jobs"]?.mapping?.keys ?? []
    }

    /// Rewrites `path` in place (same inode) and puts its modification time back.
    func rewriteInPlace(_ url: URL, _ text: String) throws {
        var before = stat()
        XCTAssertEqual(stat(url.path, &before), 0)
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
        var times = [before.st_atim, before.st_mtim]
        XCTAssertEqual(utimensat(AT_FDCWD, url.path, &times, 0), 0)
        var after = stat()
        XCTAssertEqual(stat(url.path, &after), 0)
        XCTAssertEqual(after.st_ino, before.st_ino)
        XCTAssertEqual(after.st_size, before.st_size)
        XCTAssertEqual(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec)
    }

    func testASameSizeRewriteWithTheSameTimestampIsParsedAgain() throws {
        let dir = try TemporaryDirectory()
        try dir.write(["databricks.yml": root, "resources/a.yml": "resources:\n  jobs:\n    aaa:\n      name: a\n"])
        let cache = ParseCache()
        let source = ContentHashingFileSource(DiskFileSource(root: dir.url))
        XCTAssertEqual(names(try BundleLoader(source: source, cache: cache).load()), ["aaa"])
        XCTAssertEqual(cache.count, 1)
        try rewriteInPlace(dir.url.appendingPathComponent("resources/a.yml"), "resources:\n  jobs:\n    bbb:\n      name: a\n")
        XCTAssertEqual(names(try BundleLoader(source: source, cache: cache).load()), ["bbb"])
        // The stat-based identity alone cannot tell the two versions apart: why the server hashes.
        let disk = DiskFileSource(root: dir.url)
        XCTAssertNotNil(disk.contentIdentity("resources/a.yml"))
    }

    func testUnchangedFilesComeFromTheCache() throws {
        let dir = try TemporaryDirectory()
        try dir.write(["databricks.yml": root, "resources/a.yml": "resources:\n  jobs:\n    aaa:\n      name: a\n",
                       "resources/b.yml": "resources:\n  jobs:\n    bbb:\n      name: b\n"])
        let cache = ParseCache()
        let source = ContentHashingFileSource(DiskFileSource(root: dir.url))
        let first = try BundleLoader(source: source, cache: cache).load()
        let second = try BundleLoader(source: source, cache: cache).load()
        XCTAssertEqual(names(second), ["aaa", "bbb"])
        // Shared storage: the second load reused the first one's nodes instead of parsing again.
        let a1 = try XCTUnwrap(first.files.first { $0.path == "resources/a.yml" }?.root)
        let a2 = try XCTUnwrap(second.files.first { $0.path == "resources/a.yml" }?.root)
        XCTAssertTrue(a1.sharesStorage(with: a2))
    }

    func testAFullCacheStartsOver() throws {
        let dir = try TemporaryDirectory()
        try dir.write(["databricks.yml": root, "resources/a.yml": "resources: {}\n", "resources/b.yml": "resources: {}\n",
                       "resources/c.yml": "resources: {}\n"])
        let cache = ParseCache(capacity: 2)
        _ = try BundleLoader(source: ContentHashingFileSource(DiskFileSource(root: dir.url)), cache: cache).load()
        XCTAssertLessThanOrEqual(cache.count, 2)
    }

    func testDigestsDifferForDifferentBytes() {
        XCTAssertNotEqual(ContentHashingFileSource.digest(Data("ab".utf8)), ContentHashingFileSource.digest(Data("ba".utf8)))
        XCTAssertEqual(ContentHashingFileSource.digest(Data("ab".utf8)), ContentHashingFileSource.digest(Data("ab".utf8)))
    }
}
