import Foundation
import TestSupport
import XCTest

/// dabrepo's own state (conversations, journal, lock, temporary files) never shows in `git status`,
/// in repositories that `dabrepo init` did not make and have no `.gitignore` for it.
final class LocalStateTests: RepositoryTestCase {
    /// `git init`, the nightly_etl fixture written by hand at `bundlePath` (and, when given, a second
    /// copy at `otherBundlePath`), a README and one commit: no `.gitignore` at all.
    func plainRepository(bundleAt bundlePath: String, otherBundleAt otherBundlePath: String? = nil) throws -> URL {
        let repository = workspace.url.appendingPathComponent("repository")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        try git(["init", "-q", "-b", "main"], in: repository)
        for path in [bundlePath] + (otherBundlePath.map { [$0] } ?? []) {
            try copyFixture(to: "repository" + (path.isEmpty ? "" : "/" + path))
        }
        try write("# A repository made by hand\n", to: repository.appendingPathComponent("README.md"))
        try git(["add", "-A"], in: repository)
        XCTAssertEqual(try git(["commit", "-qm", "Initial commit"], in: repository).status, 0)
        return repository
    }

    func refine(_ request: String, in bundle: URL, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try dabrepo(["refine", request], in: bundle)
        XCTAssertEqual(result.status, 0, "\(request): " + result.stdout + result.stderr, file: file, line: line)
        return result.stdout
    }

    func assertClean(_ repository: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try gitOutput(["status", "--porcelain", "--untracked-files=all"], in: repository), "", file: file, line: line)
        let leftovers = FileManager.default.enumerator(atPath: repository.path)?.compactMap { $0 as? String }
            .filter { !$0.hasPrefix(".git/") && $0 != ".git" && ($0.contains(".dabrepo") || $0.hasSuffix(".tmp")) } ?? []
        XCTAssertEqual(leftovers, [], "dabrepo wrote into the work tree", file: file, line: line)
    }

    func testRefineChatApplyAndUndoLeaveAPlainRepositoryClean() throws {
        let repository = try plainRepository(bundleAt: "")
        XCTAssertTrue(try refine("make the dev cluster smaller", in: repository).contains("(was 4)"))
        try assertClean(repository)
        // The follow-ups find the conversation.
        XCTAssertTrue(try refine("even smaller", in: repository).contains("Set 1 worker (was 2)"))
        try assertClean(repository)
        XCTAssertTrue(try refine("undo that", in: repository).hasPrefix("Undid "))
        try assertClean(repository)
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: repository), "Undo \"Make the dev cluster of nightly_etl smaller\"")
        // A request that commits nothing (a question) still keeps the conversation, out of sight.
        XCTAssertEqual(try dabrepo(["refine", "make coffee"], in: repository).status, 4)
        try assertClean(repository)
        XCTAssertTrue(FileManager.default.fileExists(atPath: repository.appendingPathComponent(".git/dabrepo/sessions/@root/latest").path))

        let chat = try CommandRunner.dabrepo(["chat"], in: repository, environment: environment,
                                             stdin: Data("set the timeout to 2 hours\nmake it 3 hours\n/undo\n".utf8))
        XCTAssertEqual(chat.status, 0, chat.stderr)
        XCTAssertTrue(chat.stdout.contains("> /undo\nUndid "), chat.stdout)
        try assertClean(repository)
        // Scripted, a request that fails ends the conversation with its exit status (as refine's); its
        // examples are requests to type, not command lines.
        let failing = try CommandRunner.dabrepo(["chat"], in: repository, environment: environment,
                                                stdin: Data("make coffee\nset the timeout to 4 hours\n".utf8))
        XCTAssertEqual(failing.status, 4, failing.stdout)
        XCTAssertTrue(failing.stdout.contains("Requests like these work:\n  make the dev cluster smaller\n"), failing.stdout)
        // The lines after it are not run (they were written for its success: "undo that" would revert another revision).
        XCTAssertFalse(try gitOutput(["log", "-1", "--format=%s"], in: repository).contains("4 hours"), "the later request did not run")
        XCTAssertFalse(failing.stdout.contains("> set the timeout to 4 hours"), failing.stdout)
        try assertClean(repository)

        let job = repository.appendingPathComponent("resources/nightly_etl.job.yml")
        let edited = try read(job).replacingOccurrences(of: "num_workers: 4", with: "num_workers: 3")
        let document = workspace.url.appendingPathComponent("edit.json")
        try JSONSerialization.data(withJSONObject: ["subject": "Three workers", "files": ["resources/nightly_etl.job.yml": edited]])
            .write(to: document)
        XCTAssertEqual(try dabrepo(["apply", document.path], in: repository).status, 0)
        try assertClean(repository)
        XCTAssertEqual(try dabrepo(["undo"], in: repository).status, 0)
        try assertClean(repository)
    }

    func testBundlesInSubfoldersKeepTheirOwnConversationsOutOfTheWorkTree() throws {
        let repository = try plainRepository(bundleAt: "bundles/etl", otherBundleAt: "bundles/etl copy")
        let etl = repository.appendingPathComponent("bundles/etl"), copy = repository.appendingPathComponent("bundles/etl copy")
        XCTAssertTrue(try refine("make the dev cluster smaller", in: etl).contains("(was 4)"))
        XCTAssertTrue(try refine("set the timeout to 2 hours", in: copy).contains("timeout"))
        try assertClean(repository)
        // "even smaller" in the first bundle continues its own conversation, not the second bundle's.
        XCTAssertTrue(try refine("even smaller", in: etl).contains("Set 1 worker (was 2)"))
        let message = try gitOutput(["log", "-1", "--format=%B"], in: repository)
        XCTAssertTrue(message.contains("user: make the dev cluster smaller"), message)
        XCTAssertFalse(message.contains("2 hours"), message)
        XCTAssertTrue(try refine("undo that", in: etl).hasPrefix("Undid "))
        // Each bundle's history is its own: the second bundle's change is its next to undo, whatever
        // the first bundle committed after it.
        XCTAssertTrue(try refine("set the timeout to 3 hours", in: copy).contains("timeout"))
        XCTAssertTrue(try refine("make the dev cluster smaller", in: etl).contains("worker"))
        let etlFile = try read(etl.appendingPathComponent("resources/nightly_etl.job.yml"))
        XCTAssertTrue(try refine("undo that", in: copy).contains("after 3 hours"), "the revision of this bundle, by its subject")
        XCTAssertEqual(try read(etl.appendingPathComponent("resources/nightly_etl.job.yml")), etlFile, "the other bundle's change stays")
        // The log of a bundle lists its own revisions.
        let log = try dabrepo(["log", "--output", "json"], in: copy)
        let subjects = ((try JSONSerialization.jsonObject(with: Data(log.stdout.utf8))) as? [[String: Any]] ?? []).compactMap { $0["subject"] as? String }
        XCTAssertFalse(subjects.contains { $0.contains("cluster") }, "\(subjects)")
        XCTAssertTrue(subjects.contains { $0.contains("3 hours") }, "\(subjects)")
        try assertClean(repository)
        let sessions = try FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent(".git/dabrepo/sessions").path).sorted()
        XCTAssertEqual(sessions, ["bundles%2Fetl", "bundles%2Fetl%20copy"])
    }

    /// A linked worktree keeps its conversations in its own git directory: the other work tree (another
    /// branch, another HEAD) does not continue them.
    func testALinkedWorktreeHasConversationsOfItsOwn() throws {
        let repository = try plainRepository(bundleAt: "")
        let linked = workspace.url.appendingPathComponent("feature")
        XCTAssertEqual(try git(["worktree", "add", "-q", "-b", "feature", linked.path], in: repository).status, 0)
        XCTAssertTrue(try refine("make the dev cluster smaller", in: linked).contains("(was 4)"))
        try assertClean(linked)
        try assertClean(repository)
        XCTAssertTrue(FileManager.default.fileExists(atPath: repository.appendingPathComponent(".git/worktrees/feature/dabrepo/sessions/@root/latest").path))
        // The main work tree has no conversation: "even smaller" is no follow-up there, nothing is committed.
        XCTAssertNotEqual(try dabrepo(["refine", "even smaller"], in: repository).status, 0)
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "main"], in: repository), "1")
        XCTAssertTrue(try refine("even smaller", in: linked).contains("Set 1 worker (was 2)"))
    }

    /// Sessions that the previous version kept in `<bundle>/.dabrepo/sessions` are continued, and moved
    /// out of the work tree.
    func testAConversationKeptInTheWorkTreeByTheEarlierVersionContinues() throws {
        let repository = try plainRepository(bundleAt: "bundle")
        let bundle = repository.appendingPathComponent("bundle")
        XCTAssertTrue(try refine("make the dev cluster smaller", in: bundle).contains("(was 4)"))
        // Where the earlier version kept it (same format: one JSON file per session, `latest`).
        let current = repository.appendingPathComponent(".git/dabrepo/sessions/bundle")
        let legacy = bundle.appendingPathComponent(".dabrepo/sessions")
        try FileManager.default.createDirectory(at: legacy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: current, to: legacy)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: repository), "?? bundle/.dabrepo/")

        XCTAssertTrue(try refine("even smaller", in: bundle).contains("Set 1 worker (was 2)"))
        try assertClean(repository)
        XCTAssertFalse(FileManager.default.fileExists(atPath: bundle.appendingPathComponent(".dabrepo").path))
        XCTAssertTrue(try refine("undo that", in: bundle).hasPrefix("Undid "))
        XCTAssertTrue(try gitOutput(["log", "-1", "--format=%B"], in: repository).contains("Reverted"))

        // chat --resume takes it over too.
        try FileManager.default.createDirectory(at: legacy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: current, to: legacy)
        let chat = try CommandRunner.dabrepo(["chat", "--resume"], in: bundle, environment: environment, stdin: Data("same for prod\n".utf8))
        XCTAssertTrue(chat.stdout.contains("for target prod."), chat.stdout + chat.stderr)
        try assertClean(repository)
    }

    /// A revision killed between writing its temporary file and renaming it: the next command's repair
    /// removes the temporary file too.
    /// A bundle not in git: refine says so (exit 2) and leaves no state behind (it wrote `.dabrepo/sessions/`, which the
    /// advice `git init && git add -A` then committed).
    func testRefineOutsideGitWritesNothing() throws {
        try copyFixture(to: "loose")
        let bundle = workspace.url.appendingPathComponent("loose")
        let before = try FileManager.default.contentsOfDirectory(atPath: bundle.path).sorted()
        let result = try dabrepo(["refine", "add 2 retries to every task"], in: bundle)
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("not in a git repository"), result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: bundle.path).sorted(), before)
    }

    /// A repository another user owns (a CI container's checkout): git refuses it, and dabrepo said "not in a git
    /// repository … git init", which would make a repository inside it. Now it names the cause and git's remedy.
    func testARepositoryOwnedByAnotherUserIsSaidSo() throws {
        let bundle = try initBundle()
        let git = bundle.appendingPathComponent(".git")
        do {
            for path in [bundle.path, git.path] { try FileManager.default.setAttributes([.ownerAccountID: 65534], ofItemAtPath: path) }
        } catch {
            throw XCTSkip("cannot give the repository to another user here (not root)")
        }
        defer { for path in [bundle.path, git.path] { try? FileManager.default.setAttributes([.ownerAccountID: geteuid()], ofItemAtPath: path) } }
        let result = try dabrepo(["log"], in: bundle)
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("dubious ownership") && result.stderr.contains("git config --global --add safe.directory"), result.stderr)
        XCTAssertFalse(result.stderr.contains("git init"), result.stderr)
    }

    func testTheRepairRemovesTheTemporaryFileOfAKilledRevision() throws {
        let repository = try plainRepository(bundleAt: "")
        let finished = try CommandRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "echo $$"])
        let deadPID = try XCTUnwrap(Int32(finished.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        let head = try gitOutput(["rev-parse", "HEAD"], in: repository)
        try write(#"{"pid": \#(deadPID), "head": "\#(head)", "paths": ["resources/nightly_etl.job.yml"]}"#,
                  to: repository.appendingPathComponent(".git/dabrepo-revision.journal"))
        try write("half", to: repository.appendingPathComponent("resources/.nightly_etl.job.yml.dabrepo-\(deadPID).tmp"))
        XCTAssertNotEqual(try gitOutput(["status", "--porcelain"], in: repository), "")
        XCTAssertEqual(try dabrepo(["log"], in: repository).status, 0)
        try assertClean(repository)
    }

    /// `log` lists what each revision was asked for, not the whole session so far again: the transcript
    /// is the conversation, `requests` the requests the revision answers (a question and its answer).
    func testEachRevisionListsItsOwnRequests() throws {
        let bundle = try initBundle()
        try workspace.write(["nightly_etl/resources/report.job.yml": "resources:\n  jobs:\n    report:\n      name: report\n      tasks:\n        - task_key: r\n          notebook_task:\n            notebook_path: ../src/notebook.py\n"])
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-qm", "report job"], in: bundle)
        for request in ["make the dev cluster smaller", "frobnicate the gizmo", "same for prod", "NEW set the timeout to 1 hour", "the report one"] {
            let fresh = request.hasPrefix("NEW ")
            _ = try dabrepo(["refine", fresh ? String(request.dropFirst(4)) : request, "--yes"] + (fresh ? ["--new-session"] : []), in: bundle)
        }
        let log = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try dabrepo(["log", "-n", "3", "--output", "json"], in: bundle).stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(log.map { $0["requests"] as? [String] ?? [] },
                       [["set the timeout to 1 hour", "the report one"], ["same for prod"], ["make the dev cluster smaller"]], "\(log)")
        let message = try gitOutput(["log", "-1", "--format=%B"], in: bundle)
        XCTAssertTrue(message.contains("user: set the timeout to 1 hour") && message.contains("Dabrepo-Requests: 2"), message)
        let earlier = try gitOutput(["log", "-1", "--format=%B", "HEAD~1"], in: bundle)
        XCTAssertTrue(earlier.contains("user: make the dev cluster smaller") && earlier.contains("Dabrepo-Requests: 1"), "the conversation so far stays in the message: \(earlier)")
    }
}
