import BundleModel
import BundleRepository
import Foundation
import TestSupport
import XCTest

/// Include expansion walks `entries(ofDirectory:)`. The disk reads entry types from the listing and the
/// overlay of an edit applies its changes to the base's entries; both must say what asking each name
/// (`contents`, `fileExists`, `directoryExists`) says.
final class DirectoryEntriesTests: XCTestCase {
    /// Only the required members, so `entries(ofDirectory:)` is the protocol's name-by-name default.
    struct NameByName: BundleFileSource {
        let base: any BundleFileSource
        func read(_ path: String) throws -> Data? { try base.read(path) }
        func fileExists(_ path: String) -> Bool { base.fileExists(path) }
        func directoryExists(_ path: String) -> Bool { base.directoryExists(path) }
        func contents(ofDirectory path: String) -> [String] { base.contents(ofDirectory: path) }
        func directoryIdentity(_ path: String) -> String? { base.directoryIdentity(path) }
        var rootDescription: String { base.rootDescription }
    }

    func sorted(_ entries: DirectoryEntries) -> DirectoryEntries {
        DirectoryEntries(files: entries.files.sorted(), directories: entries.directories.sorted())
    }

    func testDiskAndOverlayEntriesAgreeWithAskingEachName() throws {
        let temporary = try TemporaryDirectory(prefix: "dabrepo-entries")
        try temporary.write(["resources/a.job.yml": "x", "resources/b.yml": "x", "resources/.hidden.yml": "x",
                             "resources/sub/c.yml": "x", "resources/sub/deeper/d.yml": "x", "databricks.yml": "x", "other/e.yml": "x"])
        let root = temporary.url
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("resources/link-to-file.yml").path, withDestinationPath: "a.job.yml")
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("resources/link-to-dir").path, withDestinationPath: "../other")
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("resources/broken.yml").path, withDestinationPath: "nowhere.yml")
        try manager.createDirectory(at: root.appendingPathComponent("resources/empty"), withIntermediateDirectories: true)

        let disk = DiskFileSource(root: root)
        let overlay = OverlayFileSource(base: disk, overrides: [
            "resources/a.job.yml": nil, "resources/new.yml": Data("y".utf8), "resources/fresh/f.yml": Data("y".utf8),
            "resources/sub/c.yml": nil, "resources/b.yml": Data("changed".utf8), "brand/new.yml": Data("y".utf8),
        ])
        for directory in ["", "resources", "resources/sub", "resources/link-to-dir", "resources/empty", "resources/fresh", "brand", "missing"] {
            XCTAssertEqual(sorted(disk.entries(ofDirectory: directory)), sorted(NameByName(base: disk).entries(ofDirectory: directory)), "disk \(directory)")
            XCTAssertEqual(sorted(overlay.entries(ofDirectory: directory)), sorted(NameByName(base: overlay).entries(ofDirectory: directory)), "overlay \(directory)")
        }
        // The git index: a repository around the bundle's files (links are blobs there), a file whose
        // name is also a directory elsewhere in the tree, and a bundle in a subdirectory.
        let git = URL(fileURLWithPath: "/usr/bin/git")
        try temporary.write(["nested/bundle/databricks.yml": "x", "nested/bundle/resources/g.yml": "x", "nested/outside.yml": "x"])
        for arguments in [["init", "-q"], ["add", "-A"]] {
            XCTAssertEqual(try CommandRunner.run(git, arguments, in: root).status, 0)
        }
        let repository = try GitRepository.open(containing: root.path)
        for bundleDirectory in ["", "nested/bundle"] {
            let staged = GitSnapshotFileSource(repository: repository, indexEntries: try repository.indexEntries(), bundleDirectory: bundleDirectory)
            for directory in ["", "resources", "resources/sub", "resources/sub/deeper", "..", "../..", "missing"] {
                XCTAssertEqual(sorted(staged.entries(ofDirectory: directory)), sorted(NameByName(base: staged).entries(ofDirectory: directory)),
                               "index of \(bundleDirectory.debugDescription), \(directory)")
            }
        }
        let resources = sorted(disk.entries(ofDirectory: "resources"))
        XCTAssertEqual(resources.files, [".hidden.yml", "a.job.yml", "b.yml", "link-to-file.yml"])
        XCTAssertEqual(resources.directories, ["empty", "link-to-dir", "sub"])
        let changed = sorted(overlay.entries(ofDirectory: "resources"))
        XCTAssertEqual(changed.files, [".hidden.yml", "b.yml", "link-to-file.yml", "new.yml"])
        XCTAssertEqual(changed.directories, ["empty", "fresh", "link-to-dir", "sub"])
    }
}
