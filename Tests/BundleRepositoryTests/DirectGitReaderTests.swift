@testable import BundleRepository
import Foundation
import TestSupport
import XCTest

/// The pre-commit hook reads the index, HEAD's tree and blobs with DirectGitReader instead of libgit2.
/// Each repository below is made by git itself; the reader must give libgit2's answers, and must give
/// them itself (without asking libgit2) wherever it claims to read the layout.
final class DirectGitReaderTests: XCTestCase {
    let git = URL(fileURLWithPath: "/usr/bin/git")

    @discardableResult
    func git(_ arguments: [String], in directory: URL, environment: [String: String?] = [:]) throws -> String {
        var env = environment
        for key in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"] where env[key] == nil { env[key] = .some(nil) }
        env["GIT_AUTHOR_NAME"] = "Test"; env["GIT_AUTHOR_EMAIL"] = "test@example.com"
        env["GIT_COMMITTER_NAME"] = "Test"; env["GIT_COMMITTER_EMAIL"] = "test@example.com"
        let result = try CommandRunner.run(git, arguments, in: directory, environment: env)
        XCTAssertEqual(result.status, 0, "git \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    /// A repository with history: several versions of similar files (so that `git gc` stores deltas),
    /// nested directories, an executable, a symbolic link, an empty file, a long path and a non-ASCII name.
    func makeRepository() throws -> (TemporaryDirectory, URL) {
        let temporary = try TemporaryDirectory(prefix: "dabrepo-direct-git")
        let root = temporary.url.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try git(["init", "-q", "-b", "main"], in: root)
        for version in 0..<4 {
            var files: [String: String] = ["databricks.yml": "bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n"]
            for job in 0..<12 {
                let lines = (0..<40).map { "      # line \($0) of job \(job)\(version > 0 && $0 == job ? " changed in \(version)" : "")" }
                files["resources/job_\(job).job.yml"] = "resources:\n  jobs:\n    job_\(job):\n      name: job \(job)\n" + lines.joined(separator: "\n") + "\n"
            }
            files["src/deep/er/notebook.py"] = "# Databricks notebook source\nprint(\(version))\n"
            files["empty.txt"] = ""
            // A path longer than 127 bytes: version 4 then strips it with a two-byte count.
            files["long/" + String(repeating: "d", count: 140) + "/file.yml"] = "x: \(version)\n"
            files["résumé ünïcode.yml"] = "x: \(version)\n"
            _ = try temporary.write(files.mapKeys { "repo/" + $0 })
            try git(["add", "-A"], in: root)
            try git(["commit", "-qm", "version \(version)"], in: root)
        }
        let script = root.appendingPathComponent("run.sh")
        try "#!/bin/sh\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link.yml").path, withDestinationPath: "databricks.yml")
        try git(["add", "-A"], in: root)
        try git(["commit", "-qm", "script and link"], in: root)
        // A staged change on top (the index differs from HEAD).
        try "bundle:\n  name: staged\n".write(to: root.appendingPathComponent("databricks.yml"), atomically: true, encoding: .utf8)
        try git(["add", "databricks.yml"], in: root)
        return (temporary, root)
    }

    /// The direct reader's answers against libgit2's for the index, HEAD, HEAD's tree and every blob.
    func assertAgreesWithLibgit2(_ root: URL, indexFile: String? = nil, gitDirectory: String? = nil, readsItself: Bool = true,
                                 file: StaticString = #filePath, line: UInt = #line) throws {
        guard let direct = DirectGitReader.open(containing: root.path, gitDirectory: gitDirectory) else {
            return XCTFail("the direct reader did not open \(root.path)", file: file, line: line)
        }
        let libgit2 = try GitRepository.open(containing: root.path)
        XCTAssertEqual(URL(fileURLWithPath: direct.workTree).resolvingSymlinksInPath(), URL(fileURLWithPath: libgit2.workTree).resolvingSymlinksInPath(), file: file, line: line)
        XCTAssertEqual(URL(fileURLWithPath: direct.gitDirectory).resolvingSymlinksInPath(), URL(fileURLWithPath: libgit2.gitDirectory).resolvingSymlinksInPath(), file: file, line: line)
        let index = try direct.indexEntries(indexFile: indexFile)
        XCTAssertEqual(index, try libgit2.indexEntries(indexFile: indexFile), file: file, line: line)
        XCTAssertFalse(index.isEmpty, file: file, line: line)
        let head = try direct.headCommitID()
        XCTAssertEqual(head, try libgit2.headCommitID(), file: file, line: line)
        // Every commit's files (git packs the newest version of a file whole and older ones as deltas).
        var blobs = Set(index.values)
        for commit in try git(["rev-list", "HEAD"], in: root).split(separator: "\n") {
            let id = try XCTUnwrap(GitObjectID(hex: commit), file: file, line: line)
            let tree = try direct.treeEntries(of: id)
            XCTAssertEqual(tree, try libgit2.treeEntries(of: id), file: file, line: line)
            blobs.formUnion(tree.values)
        }
        for id in blobs {
            XCTAssertEqual(try direct.blob(id), try libgit2.blob(id), "blob \(id)", file: file, line: line)
        }
        // From several threads at once, as a bundle's files are read, with a reader that has not opened
        // its packs (or libgit2) yet.
        let fresh = try XCTUnwrap(DirectGitReader.open(containing: root.path, gitDirectory: gitDirectory), file: file, line: line)
        let ids = Array(blobs)
        let results = ConcurrentResults(count: ids.count)
        DispatchQueue.concurrentPerform(iterations: ids.count) { i in results.set(i, try? fresh.blob(ids[i])) }
        for (i, id) in ids.enumerated() {
            XCTAssertEqual(results.values[i], try libgit2.blob(id), "blob \(id) read in parallel", file: file, line: line)
        }
        XCTAssertEqual(direct.askedLibgit2, !readsItself, "whether libgit2 was asked", file: file, line: line)
    }

    func testLooseObjectsAndIndexVersions() throws {
        let (temporary, root) = try makeRepository()
        _ = temporary
        try assertAgreesWithLibgit2(root)
        // Version 3 (an intent-to-add entry has extended flags) and version 4 (prefix-compressed paths).
        try "x: 1\n".write(to: root.appendingPathComponent("intent.yml"), atomically: true, encoding: .utf8)
        try git(["add", "-N", "intent.yml"], in: root)
        XCTAssertEqual(try Data(contentsOf: root.appendingPathComponent(".git/index"))[7], 3)
        try assertAgreesWithLibgit2(root)
        try git(["update-index", "--index-version", "4"], in: root)
        XCTAssertEqual(try Data(contentsOf: root.appendingPathComponent(".git/index"))[7], 4)
        try assertAgreesWithLibgit2(root)
    }

    func testPackedObjectsWithOffsetAndReferenceDeltasAndPackedRefs() throws {
        let (temporary, root) = try makeRepository()
        _ = temporary
        try git(["gc", "-q", "--aggressive"], in: root)
        let packed = try git(["count-objects", "-v"], in: root)
        XCTAssertTrue(packed.contains("count: 0") || packed.contains("in-pack: "), packed)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent(".git/packed-refs").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent(".git/refs/heads/main").path))
        XCTAssertTrue(try git(["verify-pack", "-v"] + packIndexes(root), in: root).contains("chain length"), "the pack holds deltas")
        try assertAgreesWithLibgit2(root)
        // Deltas whose base is named by id rather than by offset.
        try git(["-c", "repack.useDeltaBaseOffset=false", "repack", "-a", "-d", "-f", "-q"], in: root)
        try assertAgreesWithLibgit2(root)
    }

    func packIndexes(_ root: URL) throws -> [String] {
        let directory = root.appendingPathComponent(".git/objects/pack")
        return try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".idx") }.map { directory.appendingPathComponent($0).path }
    }

    func testIndexFileOfACommitAndLinkedWorktree() throws {
        let (temporary, root) = try makeRepository()
        // Another index file (what `git commit -a` hands the hook in GIT_INDEX_FILE).
        let other = temporary.url.appendingPathComponent("other-index").path
        try git(["read-tree", "HEAD~2"], in: root, environment: ["GIT_INDEX_FILE": other])
        try assertAgreesWithLibgit2(root, indexFile: other)
        XCTAssertNotEqual(try DirectGitReader.open(containing: root.path)!.indexEntries(indexFile: other),
                          try DirectGitReader.open(containing: root.path)!.indexEntries(indexFile: nil))
        // A linked worktree: a `.git` file, its own HEAD and index, the main repository's objects and refs;
        // found from the work tree, and from GIT_DIR as git sets it for the worktree's hooks.
        let linked = temporary.url.appendingPathComponent("linked")
        try git(["worktree", "add", "-q", "-b", "feature", linked.path, "HEAD~1"], in: root)
        try assertAgreesWithLibgit2(linked)
        let worktreeGitDirectory = try git(["rev-parse", "--git-dir"], in: linked).trimmingCharacters(in: .whitespacesAndNewlines)
        try assertAgreesWithLibgit2(linked, gitDirectory: worktreeGitDirectory)
        XCTAssertEqual(try DirectGitReader.open(containing: linked.path)!.headCommitID()?.description,
                       try git(["rev-parse", "HEAD~1"], in: root).trimmingCharacters(in: .whitespacesAndNewlines))
        // From a subdirectory.
        try assertAgreesWithLibgit2(root.appendingPathComponent("src/deep"))
    }

    /// `git ls-files --stage`: path → id, the last stage of a path winning.
    func gitIndex(_ root: URL, environment: [String: String?] = [:]) throws -> [String: GitObjectID] {
        var out: [String: GitObjectID] = [:]
        for line in try git(["ls-files", "--stage", "-z"], in: root, environment: environment).split(separator: "\0") {
            let fields = line.split(separator: "\t", maxSplits: 1)
            let id = try XCTUnwrap(GitObjectID(hex: fields[0].split(separator: " ")[1]))
            out[String(fields[1])] = id
        }
        return out
    }

    /// A split index (`git update-index --split-index`, or `core.splitIndex`): libgit2 1.5 cannot read
    /// it; the reader merges it into its shared index as git does, with replaced, deleted and added
    /// entries, in index versions 2 and 4, and for another index file.
    func testSplitIndexIsReadAsGitReadsIt() throws {
        let (temporary, root) = try makeRepository()
        try git(["update-index", "--split-index"], in: root)
        XCTAssertThrowsError(try GitRepository.open(containing: root.path).indexEntries())
        func check(_ what: String, indexFile: String? = nil, environment: [String: String?] = [:]) throws {
            let reader = try XCTUnwrap(DirectGitReader.open(containing: root.path))
            XCTAssertEqual(try reader.indexEntries(indexFile: indexFile), try gitIndex(root, environment: environment), what)
            XCTAssertFalse(reader.askedLibgit2, what)
        }
        try check("just split")
        // Changes after the split: one file replaced, one deleted, one added.
        try "x: changed\n".write(to: root.appendingPathComponent("resources/job_3.job.yml"), atomically: true, encoding: .utf8)
        try git(["add", "resources/job_3.job.yml"], in: root)
        try git(["rm", "-q", "--cached", "resources/job_5.job.yml"], in: root)
        try "x: new\n".write(to: root.appendingPathComponent("resources/added.yml"), atomically: true, encoding: .utf8)
        try git(["add", "resources/added.yml"], in: root)
        XCTAssertTrue(try git(["ls-files", "--debug"], in: root).contains("resources/added.yml"))
        let sharedIndexes = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(".git").path).filter { $0.hasPrefix("sharedindex.") }
        XCTAssertFalse(sharedIndexes.isEmpty)
        try check("replaced, deleted, added")
        // Version 4 paths in the split index.
        try git(["update-index", "--index-version", "4"], in: root)
        try "x: four\n".write(to: root.appendingPathComponent("resources/job_7.job.yml"), atomically: true, encoding: .utf8)
        try git(["add", "resources/job_7.job.yml"], in: root)
        try check("version 4")
        // Another index file that shares the shared index (as `git commit -a` writes index.lock).
        let other = temporary.url.appendingPathComponent("other-index").path
        try FileManager.default.copyItem(atPath: root.appendingPathComponent(".git/index").path, toPath: other)
        try check("another index file", indexFile: other, environment: ["GIT_INDEX_FILE": other])
    }

    /// What the reader does not read itself it leaves to libgit2, with libgit2's answers: objects in
    /// another repository's object store (a `git clone --shared`). An unborn branch has no HEAD commit.
    func testWhatItDoesNotReadIsLeftToLibgit2AndUnbornHeadIsNil() throws {
        let (temporary, root) = try makeRepository()
        let clone = temporary.url.appendingPathComponent("clone")
        try git(["clone", "-q", "--shared", root.path, clone.path], in: temporary.url)
        XCTAssertTrue(FileManager.default.fileExists(atPath: clone.appendingPathComponent(".git/objects/info/alternates").path))
        try assertAgreesWithLibgit2(clone, readsItself: false)

        let empty = temporary.url.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try git(["init", "-q", "-b", "main"], in: empty)
        let reader = try XCTUnwrap(DirectGitReader.open(containing: empty.path))
        XCTAssertNil(try reader.headCommitID())
        XCTAssertEqual(try reader.indexEntries(indexFile: nil), [:])
        XCTAssertFalse(reader.askedLibgit2)
        // Layouts it does not open: outside any repository, and repository extensions (SHA-256 objects).
        XCTAssertNil(DirectGitReader.open(containing: temporary.url.path))
        let sha256 = temporary.url.appendingPathComponent("sha256")
        try FileManager.default.createDirectory(at: sha256, withIntermediateDirectories: true)
        try git(["init", "-q", "--object-format=sha256"], in: sha256)
        XCTAssertNil(DirectGitReader.open(containing: sha256.path))
    }

    /// Damaged index files (also split ones) and pack files (bytes changed, cut short) are read without
    /// crashing: the answer is an error or some entries, never a read outside the file. Deterministic
    /// (a fixed seed).
    func testDamagedIndexAndPackFilesNeverCrash() throws {
        let (temporary, root) = try makeRepository()
        try git(["gc", "-q"], in: root)
        let index = try Data(contentsOf: root.appendingPathComponent(".git/index"))
        // A split index with replaced and deleted entries (its `link` extension holds two bitmaps).
        try git(["update-index", "--split-index"], in: root)
        try "x: changed\n".write(to: root.appendingPathComponent("resources/job_3.job.yml"), atomically: true, encoding: .utf8)
        try git(["add", "resources/job_3.job.yml"], in: root)
        try git(["rm", "-q", "--cached", "resources/job_5.job.yml"], in: root)
        let splitIndex = try Data(contentsOf: root.appendingPathComponent(".git/index"))
        XCTAssertNotNil(splitIndex.range(of: Data("link".utf8)))
        let idx = try XCTUnwrap(packIndexes(root).first)
        let idxBytes = try Data(contentsOf: URL(fileURLWithPath: idx))
        let packBytes = try Data(contentsOf: URL(fileURLWithPath: String(idx.dropLast(4)) + ".pack"))
        let ids = try git(["rev-list", "--objects", "--all"], in: root).split(separator: "\n").compactMap { GitObjectID(hex: $0.prefix(40)) }
        XCTAssertGreaterThan(ids.count, 20)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(max(bound, 1)))
        }
        func damaged(_ data: Data) -> Data {
            var bytes = [UInt8](data)
            if random(4) == 0 {
                bytes.removeLast(random(bytes.count))
            } else {
                for _ in 0..<(1 + random(8)) where !bytes.isEmpty { bytes[random(bytes.count)] = UInt8(random(256)) }
            }
            return Data(bytes)
        }
        let store = GitObjectStore(objectsDirectory: temporary.url.appendingPathComponent("no-objects").path)
        for round in 0..<150 {
            let bytes = damaged(round % 3 == 0 ? splitIndex : index)
            _ = try? bytes.withUnsafeBytes { try GitIndexFile.parse($0, path: "index") }
            let damagedIdx = temporary.url.appendingPathComponent("damaged-\(round).idx")
            let damagedPack = temporary.url.appendingPathComponent("damaged-\(round).pack")
            try (round % 2 == 0 ? damaged(idxBytes) : idxBytes).write(to: damagedIdx)
            try (round % 2 == 1 ? damaged(packBytes) : packBytes).write(to: damagedPack)
            guard let pack = try? GitPackFile(indexPath: damagedIdx.path, packPath: damagedPack.path) else { continue }
            for id in ids {
                if let offset = pack.offset(of: id) { _ = try? pack.object(at: offset, store: store, depth: 0) }
            }
        }
    }

    /// Corrupt objects are misses, never wrong bytes: the reader asks libgit2, which reports the error.
    func testACorruptLooseObjectIsNotReadAsContent() throws {
        let (temporary, root) = try makeRepository()
        _ = temporary
        let id = try git(["rev-parse", ":databricks.yml"], in: root).trimmingCharacters(in: .whitespacesAndNewlines)
        let path = root.appendingPathComponent(".git/objects/\(id.prefix(2))/\(id.dropFirst(2))")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path.path)
        var bytes = try Data(contentsOf: path)
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: path)
        let reader = try XCTUnwrap(DirectGitReader.open(containing: root.path))
        XCTAssertThrowsError(try reader.blob(XCTUnwrap(GitObjectID(hex: id))))
        XCTAssertTrue(reader.askedLibgit2)
    }
}

extension Dictionary where Key == String {
    func mapKeys(_ transform: (String) -> String) -> [String: Value] {
        Dictionary(uniqueKeysWithValues: map { (transform($0.key), $0.value) })
    }
}

/// Results written from several threads.
final class ConcurrentResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Data?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Data?) { lock.withLock { values[i] = value } }
}
