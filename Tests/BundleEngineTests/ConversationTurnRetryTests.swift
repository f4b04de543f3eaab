import BundleAgent
import BundleEngine
import BundleReports
import BundleRepository
import Foundation
import TestSupport
import XCTest

/// A turn whose files changed under it (another revision landed between its preview and its commit)
/// is planned again on top of the other revision: the same change is shown and confirmed once.
final class ConversationTurnRetryTests: XCTestCase {
    static let author = "Test Author <test@example.com>"

    /// A default-python bundle named nightly_etl in a fresh git repository, committed.
    func makeBundle(in directory: TemporaryDirectory) throws -> URL {
        let root = directory.url.appendingPathComponent("nightly_etl")
        _ = try BundleInitializer(directory: root, authorOverride: Self.author, executablePath: "/bin/true").run()
        return root
    }

    final class Recorder: @unchecked Sendable {
        let lock = NSLock()
        var previews: [TurnPreview] = []
        var confirmations = 0
        func preview(_ p: TurnPreview) { lock.lock(); previews.append(p); lock.unlock() }
        func confirmation() -> Int { lock.lock(); defer { lock.unlock() }; confirmations += 1; return confirmations }
    }

    /// "set the timeout to 2 hours", while another writer lands `other` as the user looks at the preview.
    func timeoutWhileAnotherWriterLands(_ other: BundleEditRequest, in root: URL) async -> (TurnResult, Recorder) {
        let recorder = Recorder()
        var session = RefineSession()
        let request = ConversationTurn.Request(root: root, text: "set the timeout to 2 hours", author: Self.author)
        let result = await ConversationTurn(agent: OfflinePlanner()).run(request, session: &session, store: RefineSession.Store(bundleRoot: root), events: { event in
            if case .preview(let preview) = event { recorder.preview(preview) }
        }, confirm: { _ in
            if recorder.confirmation() == 1 {
                let landed = try? BundleEdit(root: root, author: Self.author).run(other)
                XCTAssertEqual(landed?.status, .committed, landed?.message ?? "")
            }
            return true
        })
        return (result, recorder)
    }

    func testAChangePlannedAgainAfterAConcurrentRevisionIsPreviewedAndConfirmedOnce() async throws {
        let directory = try TemporaryDirectory()
        let root = try makeBundle(in: directory)
        let (result, recorder) = await timeoutWhileAnotherWriterLands(
            BundleEditRequest(subject: "Allow 3 concurrent runs", edits: [.set("resources.jobs.nightly_etl_job.max_concurrent_runs", .int(3))]), in: root)
        XCTAssertEqual(result.status, .committed, result.message ?? "")
        XCTAssertEqual(recorder.previews.count, 1, "the same change was previewed again: \(recorder.previews.map(\.summary))")
        XCTAssertEqual(recorder.confirmations, 1, "the same change was confirmed again")
        // Planned on top of the other revision: both changes are in the file.
        let job = try String(contentsOf: root.appendingPathComponent("resources/nightly_etl.job.yml"), encoding: .utf8)
        XCTAssertTrue(job.contains("timeout_seconds: 7200"), job)
        XCTAssertTrue(job.contains("max_concurrent_runs: 3"), job)
    }

    /// Planned again differently (the other revision set the same field): the second preview says it
    /// replaces the first (the CLI printed a stale diff, as if it undid the other change).
    func testADifferentPlanAfterAConcurrentRevisionIsMarkedReplanned() async throws {
        let directory = try TemporaryDirectory()
        let root = try makeBundle(in: directory)
        let (result, recorder) = await timeoutWhileAnotherWriterLands(
            BundleEditRequest(subject: "One hour", edits: [.set("resources.jobs.nightly_etl_job.timeout_seconds", .int(3600))]), in: root)
        XCTAssertEqual(result.status, .committed, result.message ?? "")
        XCTAssertEqual(recorder.previews.map(\.replanned), [false, true], recorder.previews.map(\.summary).joined(separator: " | "))
        XCTAssertTrue(TurnReport.text(.preview(recorder.previews[1]), colored: false).contains("planned again on top of it"))
    }

    func testADeclinedPreviewCommitsNothing() async throws {
        let directory = try TemporaryDirectory()
        let root = try makeBundle(in: directory)
        let head = try GitRepository.open(containing: root.path).headCommitID()
        var session = RefineSession()
        let request = ConversationTurn.Request(root: root, text: "set the timeout to 2 hours", author: Self.author)
        let result = await ConversationTurn().run(request, session: &session, store: RefineSession.Store(bundleRoot: root), confirm: { _ in false })
        XCTAssertEqual(result.status, .declined)
        XCTAssertEqual(try GitRepository.open(containing: root.path).headCommitID(), head)
    }
}
