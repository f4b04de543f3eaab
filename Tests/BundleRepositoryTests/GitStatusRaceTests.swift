import BundleRepository
import Foundation
import TestSupport
import XCTest

/// Writers on one repository run at once (a refine's check before its preview runs outside the
/// repository lock): the status of a file that another process is replacing must still be read.
final class GitStatusRaceTests: XCTestCase {
    func testStatusOfAFileBeingReplacedIsRead() throws {
        let temporary = try TemporaryDirectory(prefix: "dabrepo-status-race")
        let root = temporary.url
        let git = URL(fileURLWithPath: "/usr/bin/git")
        let identity: [String: String?] = ["GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.com",
                                           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.com",
                                           "GIT_DIR": String?.none, "GIT_WORK_TREE": String?.none, "GIT_INDEX_FILE": String?.none]
        let file = root.appendingPathComponent("job.yml")
        let short = Data("resources: {}\n".utf8)
        let long = Data(("resources:\n  jobs:\n" + String(repeating: "    # a longer version of the file\n", count: 2000)).utf8)
        try short.write(to: file)
        for arguments in [["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "first"]] {
            XCTAssertEqual(try CommandRunner.run(git, arguments, in: root, environment: identity).status, 0)
        }
        let repository = try GitRepository.open(containing: root.path)

        final class Stop: @unchecked Sendable { var flag = false; let lock = NSLock() }
        let stop = Stop()
        let writer = Thread {
            var turn = 0
            while stop.lock.withLock({ !stop.flag }) {
                turn += 1
                // As a revision writes the working tree: the whole file replaced, its size changing.
                try? (turn % 2 == 0 ? short : long).write(to: file, options: .atomic)
                usleep(500)
            }
        }
        writer.start()
        defer { stop.lock.withLock { stop.flag = true } }
        var failures: [String] = []
        for _ in 0..<400 {
            do {
                _ = try repository.status(of: "job.yml")
            } catch {
                failures.append("\(error)")
            }
        }
        XCTAssertEqual(failures, [], "\(failures.count) of 400 status reads failed")
    }
}
