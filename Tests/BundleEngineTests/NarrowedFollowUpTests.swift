import BundleAgent
import BundleEngine
import BundleModel
import BundleRepository
import Foundation
import TestSupport
import XCTest

/// "only in prod" after a change made for every target: one new revision whose net effect is the
/// change in prod alone (the other targets get back what they had); refused once another revision
/// came after it.
final class NarrowedFollowUpTests: XCTestCase {
    static let author = "Test Author <test@example.com>"

    /// A bundle in a fresh repository and one conversation on it, as the engine runs it.
    struct Talk {
        let directory: TemporaryDirectory
        let root: URL
        let store: RefineSession.Store
        let turn = ConversationTurn(agent: OfflinePlanner())
        var session = RefineSession()

        init(_ test: NarrowedFollowUpTests) throws {
            directory = try TemporaryDirectory()
            root = try test.makeBundle(in: directory)
            store = RefineSession.Store(bundleRoot: root)
        }

        mutating func say(_ text: String) async -> TurnResult {
            await turn.run(.init(root: root, text: text, author: NarrowedFollowUpTests.author), session: &session, store: store)
        }
    }

    func makeBundle(in directory: TemporaryDirectory) throws -> URL {
        let root = directory.url.appendingPathComponent("nightly_etl")
        _ = try BundleInitializer(directory: root, authorOverride: Self.author, executablePath: "/bin/true").run()
        return root
    }

    /// A staging target between dev and prod, committed.
    func addStagingTarget(_ root: URL) throws {
        let databricksYML = root.appendingPathComponent("databricks.yml")
        let text = try String(contentsOf: databricksYML, encoding: .utf8)
        try text.replacingOccurrences(of: "\n  prod:\n", with: "\n  staging:\n    workspace:\n      host: https://staging.example.com\n  prod:\n").write(to: databricksYML, atomically: true, encoding: .utf8)
        try commitAll(root, "staging")
    }

    func commitAll(_ root: URL, _ subject: String) throws {
        _ = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["add", "-A"], in: root, environment: [:])
        _ = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", subject], in: root, environment: [:])
    }

    func timeout(_ root: URL, target: String) throws -> String? {
        let bundle = try BundleLoader(source: DiskFileSource(root: root)).load()
        return bundle.effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?["nightly_etl_job"]?["timeout_seconds"]?.string
    }

    func testOnlyInProdNarrowsTheLastChange() async throws {
        let directory = try TemporaryDirectory()
        let root = try makeBundle(in: directory)
        let store = RefineSession.Store(bundleRoot: root)
        var session = RefineSession()
        let turn = ConversationTurn(agent: OfflinePlanner())
        let first = await turn.run(.init(root: root, text: "set the timeout to 2 hours", author: Self.author), session: &session, store: store)
        XCTAssertEqual(first.status, .committed, first.message ?? "")
        XCTAssertEqual(try timeout(root, target: "dev"), "7200")

        let narrowed = await turn.run(.init(root: root, text: "only in prod", author: Self.author), session: &session, store: store)
        XCTAssertEqual(narrowed.status, .committed, narrowed.message ?? "")
        XCTAssertEqual(try timeout(root, target: "prod"), "7200")
        XCTAssertNil(try timeout(root, target: "dev"), "dev is back to what it had")
        XCTAssertTrue(narrowed.summary?.contains("It replaces \(String(first.commit!.prefix(7)))") == true, narrowed.summary ?? "")
        let repository = try GitRepository.open(containing: root.path)
        XCTAssertTrue(try repository.status(of: "nightly_etl/resources/nightly_etl.job.yml").isDirty == false)

        // "same for dev" then follows the narrowed change; another "only in …" after it is refused
        // once a revision came between.
        _ = try BundleEdit(root: root, author: Self.author).run(
            BundleEditRequest(subject: "Allow 3 concurrent runs", edits: [.set("resources.jobs.nightly_etl_job.max_concurrent_runs", .int(3))]))
        var other = RefineSession()
        _ = await turn.run(.init(root: root, text: "set the timeout to 3 hours", author: Self.author), session: &other, store: store)
        _ = try BundleEdit(root: root, author: Self.author).run(
            BundleEditRequest(subject: "Allow 4 concurrent runs", edits: [.set("resources.jobs.nightly_etl_job.max_concurrent_runs", .int(4))]))
        let late = await turn.run(.init(root: root, text: "only in prod", author: Self.author), session: &other, store: store)
        XCTAssertEqual(late.status, .refused, late.message ?? "")
        XCTAssertTrue(late.message?.contains("no longer the latest revision") == true, late.message ?? "")
    }

    /// "undo the prod 5 workers change" was planned as a new setting ("already has 5 workers"): an undo that
    /// describes the change undoes it when it is the latest, says how far back it is otherwise, and never
    /// changes a setting.
    func testAnUndoThatDescribesTheChange() async throws {
        var talk = try Talk(self)
        let root = talk.root
        let first = await talk.say("set the timeout to 2 hours in prod")
        XCTAssertEqual(first.status, .committed, first.message ?? "")
        let second = await talk.say("allow 3 concurrent runs")
        XCTAssertEqual(second.status, .committed, second.message ?? "")
        let repository = try GitRepository.open(containing: root.path)
        let head = try repository.headCommitID()
        let older = await talk.say("undo the prod timeout change")
        XCTAssertEqual(older.status, .refused, older.message ?? "")
        XCTAssertTrue(older.message?.contains("undo the last 2") == true, older.message ?? "")
        XCTAssertEqual(try repository.headCommitID(), head)
        let latest = await talk.say("undo the concurrent runs change")
        XCTAssertEqual(latest.status, .undone, latest.message ?? "")
        let then = await talk.say("undo the prod timeout change")
        XCTAssertEqual(then.status, .undone, then.message ?? "")
        XCTAssertNil(try timeout(root, target: "prod"))
        let nothing = await talk.say("undo the photon change")
        XCTAssertNotEqual(nothing.status, .committed, nothing.message ?? "")
    }

    /// "undo that" after another writer's revision (another tab, the terminal) said "nothing of this
    /// conversation to undo": it names the later revision and the ways on.
    func testUndoAfterAnotherWritersRevisionSaysWhich() async throws {
        var talk = try Talk(self)
        let root = talk.root
        let first = await talk.say("set the timeout to 2 hours")
        XCTAssertEqual(first.status, .committed, first.message ?? "")
        _ = try BundleEdit(root: root, author: Self.author).run(
            BundleEditRequest(subject: "Allow 3 concurrent runs", edits: [.set("resources.jobs.nightly_etl_job.max_concurrent_runs", .int(3))]))
        let undo = await talk.say("undo that")
        XCTAssertEqual(undo.status, .refused, undo.message ?? "")
        XCTAssertTrue(undo.message?.contains("is no longer the latest") == true && undo.message?.contains("Allow 3 concurrent runs") == true
                      && undo.message?.contains("git revert \(first.commit!.prefix(7))") == true, undo.message ?? "")
    }

    /// "same for prod" after a request the bundle already was as asked was "not understood".
    func testSameForAfterNothingToChange() async throws {
        var talk = try Talk(self)
        let root = talk.root
        let first = await talk.say("set the timeout to 2 hours in dev")
        XCTAssertEqual(first.status, .committed, first.message ?? "")
        let again = await talk.say("set the timeout to 2 hours in dev")
        XCTAssertEqual(again.status, .unchanged, again.message ?? "")
        let same = await talk.say("same for prod")
        XCTAssertEqual(same.status, .committed, same.message ?? "")
        XCTAssertEqual(try timeout(root, target: "prod"), "7200")
        // An override that repeats what the target inherits is no change: no revision of no effect.
        let repository = try GitRepository.open(containing: root.path)
        let head = try repository.headCommitID()
        let everywhere = await talk.say("give notebook_task 2 retries")
        XCTAssertEqual(everywhere.status, .committed, everywhere.message ?? "")
        let after = try repository.headCommitID()
        XCTAssertNotEqual(after, head)
        let repeated = await talk.say("give notebook_task 2 retries in prod")
        XCTAssertEqual(repeated.status, .unchanged, repeated.message ?? "")
        XCTAssertEqual(try repository.headCommitID(), after, "no revision of no effect")
    }

    /// "nightly etl job: daily at 7am instead" after retries on a task moved the retries to that job: a
    /// resource named first with a colon, with a time of its own, is a schedule for it.
    func testAResourceNamedFirstWithAScheduleOfItsOwn() async throws {
        var talk = try Talk(self)
        let root = talk.root
        let first = await talk.say("give notebook_task 3 retries")
        XCTAssertEqual(first.status, .committed, first.message ?? "")
        let second = await talk.say("nightly etl job: daily at 7am instead")
        XCTAssertEqual(second.status, .committed, second.message ?? "")
        XCTAssertTrue(second.summary?.contains("0 0 7 * * ?") == true, second.summary ?? "")
    }

    /// "undo that" then "no, I meant only in prod" (or "no, I meant dev" after a change for prod): the
    /// change undone, made again for that target alone (it was "not understood").
    func testACorrectionAfterAnUndoRedoesTheChangeForThatTarget() async throws {
        let directory = try TemporaryDirectory()
        let root = try makeBundle(in: directory)
        let store = RefineSession.Store(bundleRoot: root)
        let turn = ConversationTurn(agent: OfflinePlanner())
        var session = RefineSession()
        let first = await turn.run(.init(root: root, text: "set the timeout to 2 hours", author: Self.author), session: &session, store: store)
        XCTAssertEqual(first.status, .committed, first.message ?? "")
        let undone = await turn.run(.init(root: root, text: "undo that", author: Self.author), session: &session, store: store)
        XCTAssertEqual(undone.status, .undone, undone.message ?? "")
        XCTAssertNil(try timeout(root, target: "dev"))
        let redone = await turn.run(.init(root: root, text: "no, I meant only in prod", author: Self.author), session: &session, store: store)
        XCTAssertEqual(redone.status, .committed, redone.message ?? "")
        XCTAssertEqual(try timeout(root, target: "prod"), "7200")
        XCTAssertNil(try timeout(root, target: "dev"))
        XCTAssertEqual(session.turns.last?.target, "prod")
        // The transcript says the undo (it read as if the undone change stood), in the user's words.
        let messages = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["log", "-2", "--format=%B%x00"], in: root, environment: [:]).stdout
            .components(separatedBy: "\u{0}")
        XCTAssertTrue(messages[0].contains("user: undo that\ndabrepo: Undid "), messages[0])
        XCTAssertTrue(messages[1].contains("Transcript:\nuser: undo that\n"), messages[1])

        var other = RefineSession()
        _ = await turn.run(.init(root: root, text: "set the timeout to 3 hours in prod", author: Self.author), session: &other, store: store)
        XCTAssertEqual(try timeout(root, target: "prod"), "10800")
        _ = await turn.run(.init(root: root, text: "undo that", author: Self.author), session: &other, store: store)
        let moved = await turn.run(.init(root: root, text: "no, I meant dev", author: Self.author), session: &other, store: store)
        XCTAssertEqual(moved.status, .committed, moved.message ?? "")
        XCTAssertEqual(try timeout(root, target: "dev"), "10800")
        XCTAssertEqual(try timeout(root, target: "prod"), "7200", "prod keeps what it had before the undone change")
        // Without an undo just before, the words are no redo: "I meant dev" then narrows or moves the last change.
        let again = await turn.run(.init(root: root, text: "no, I meant dev", author: Self.author), session: &other, store: store)
        XCTAssertNotEqual(again.status, .committed, again.message ?? "")
    }

    /// "same for prod" after a change for every target that prod got: nothing more to do (made again,
    /// a relative change would be made twice); when prod's own setting hid the change, it is made there.
    func testSameForATargetThatGotTheChange() async throws {
        let directory = try TemporaryDirectory()
        let root = try makeBundle(in: directory)
        let store = RefineSession.Store(bundleRoot: root)
        let repository = try GitRepository.open(containing: root.path)
        let turn = ConversationTurn(agent: OfflinePlanner())
        var session = RefineSession()
        let first = await turn.run(.init(root: root, text: "set the timeout to 2 hours", author: Self.author), session: &session, store: store)
        XCTAssertEqual(first.status, .committed, first.message ?? "")
        let again = await turn.run(.init(root: root, text: "same for prod", author: Self.author), session: &session, store: store)
        XCTAssertEqual(again.status, .unchanged, again.message ?? "")
        XCTAssertEqual(again.message, "Nothing to change: your change (\"set the timeout to 2 hours\") was made for every target, so prod already has it.")
        XCTAssertEqual(try repository.headCommitID()?.description, first.commit)

        // prod's own timeout hides the shared one: "same for prod" sets prod's.
        _ = try BundleEdit(root: root, author: Self.author).run(
            BundleEditRequest(subject: "prod times out sooner", edits: [.set("targets.prod.resources.jobs.nightly_etl_job.timeout_seconds", .int(600))]))
        var other = RefineSession()
        let shared = await turn.run(.init(root: root, text: "set the timeout to 3 hours", author: Self.author), session: &other, store: store)
        XCTAssertEqual(shared.status, .committed, shared.message ?? "")
        XCTAssertEqual(try timeout(root, target: "prod"), "600")
        let forProd = await turn.run(.init(root: root, text: "same for prod", author: Self.author), session: &other, store: store)
        XCTAssertEqual(forProd.status, .committed, forProd.message ?? "")
        XCTAssertEqual(try timeout(root, target: "prod"), "10800")
    }

    /// "only in prod" after "and email me when it fails" (after a retries change): the e-mail change,
    /// with "me" the author as when it was made, never the retries again (kimball_framework).
    func testNarrowingAFollowUpThatNamedMe() async throws {
        let directory = try TemporaryDirectory()
        let root = try makeBundle(in: directory)
        let store = RefineSession.Store(bundleRoot: root)
        let turn = ConversationTurn(agent: OfflinePlanner())
        var session = RefineSession()
        for text in ["add 3 retries", "and email me when it fails", "only in prod"] {
            let result = await turn.run(.init(root: root, text: text, author: Self.author), session: &session, store: store)
            XCTAssertEqual(result.status, .committed, "\(text): \(result.message ?? "")")
        }
        let bundle = try BundleLoader(source: DiskFileSource(root: root)).load()
        func job(_ target: String) -> YAMLNode? { bundle.effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?["nightly_etl_job"] }
        XCTAssertEqual(job("prod")?["email_notifications"]?["on_failure"]?.sequence?.compactMap(\.string), ["data-team@example.com", "test@example.com"])
        XCTAssertEqual(job("dev")?["email_notifications"]?["on_failure"]?.sequence?.compactMap(\.string), ["data-team@example.com"])
        XCTAssertEqual(job("dev")?["tasks"]?.sequence?.first?["max_retries"]?.string, "3", "the retries stay for every target")
    }

    /// "no, I meant dev" after a change made for prod: one new revision that makes it for dev and gives
    /// prod back what it had.
    func testACorrectionMovesTheLastChangeToAnotherTarget() async throws {
        let directory = try TemporaryDirectory()
        let root = try makeBundle(in: directory)
        let store = RefineSession.Store(bundleRoot: root)
        let turn = ConversationTurn(agent: OfflinePlanner())
        var session = RefineSession()
        let first = await turn.run(.init(root: root, text: "set the timeout to 2 hours in prod", author: Self.author), session: &session, store: store)
        XCTAssertEqual(first.status, .committed, first.message ?? "")
        XCTAssertEqual(try timeout(root, target: "prod"), "7200")
        XCTAssertNil(try timeout(root, target: "dev"))

        let moved = await turn.run(.init(root: root, text: "no, I meant dev", author: Self.author), session: &session, store: store)
        XCTAssertEqual(moved.status, .committed, moved.message ?? "")
        XCTAssertEqual(try timeout(root, target: "dev"), "7200")
        XCTAssertNil(try timeout(root, target: "prod"), "prod is back to what it had")
        XCTAssertTrue(moved.summary?.contains("It replaces \(String(first.commit!.prefix(7))), which made the change for prod") == true, moved.summary ?? "")
        let repository = try GitRepository.open(containing: root.path)
        XCTAssertEqual(try repository.commit(try repository.headCommitID()!).subject.contains("dev"), true)
    }

    /// "actually in dev, not staging" after "no, the staging one" moved a prod change: only dev has it at
    /// the end (prod's change once came back).
    func testASecondCorrectionMovesTheChangeAgain() async throws {
        let directory = try TemporaryDirectory()
        let root = try makeBundle(in: directory)
        try addStagingTarget(root)
        let store = RefineSession.Store(bundleRoot: root)
        let turn = ConversationTurn(agent: OfflinePlanner())
        var session = RefineSession()
        for text in ["set the timeout to 2 hours in prod", "no, the staging one", "actually in dev, not staging"] {
            let result = await turn.run(.init(root: root, text: text, author: Self.author), session: &session, store: store)
            XCTAssertEqual(result.status, .committed, "\(text): \(result.message ?? "")")
        }
        XCTAssertEqual(try timeout(root, target: "dev"), "7200")
        XCTAssertNil(try timeout(root, target: "staging"))
        XCTAssertNil(try timeout(root, target: "prod"), "prod's change does not come back")
    }

    /// A correction after `dabrepo undo` undid the correction before it: the change is moved from where
    /// it is again (it was refused: "no longer the latest revision").
    func testACorrectionAfterAnUndoOutsideTheConversation() async throws {
        let directory = try TemporaryDirectory()
        let root = try makeBundle(in: directory)
        try addStagingTarget(root)
        let store = RefineSession.Store(bundleRoot: root)
        let turn = ConversationTurn(agent: OfflinePlanner())
        var session = RefineSession()
        for text in ["set the timeout to 2 hours in prod", "no, the staging one"] {
            let result = await turn.run(.init(root: root, text: text, author: Self.author), session: &session, store: store)
            XCTAssertEqual(result.status, .committed, "\(text): \(result.message ?? "")")
        }
        _ = try RevisionLog(directory: root).undo(author: Self.author)
        XCTAssertEqual(try timeout(root, target: "prod"), "7200")
        let moved = await turn.run(.init(root: root, text: "I meant dev", author: Self.author), session: &session, store: store)
        XCTAssertEqual(moved.status, .committed, moved.message ?? "")
        XCTAssertEqual(try timeout(root, target: "dev"), "7200")
        XCTAssertNil(try timeout(root, target: "prod"))
        XCTAssertNil(try timeout(root, target: "staging"))
    }

    /// "for the cleanup job instead" after a change to the nightly job: moved, not copied.
    func testACorrectionMovesTheLastChangeToAnotherResource() async throws {
        let directory = try TemporaryDirectory()
        let root = try makeBundle(in: directory)
        try "resources:\n  jobs:\n    cleanup:\n      name: cleanup\n      tasks:\n        - task_key: c\n          notebook_task:\n            notebook_path: ../src/notebook.py\n"
            .write(to: root.appendingPathComponent("resources/cleanup.job.yml"), atomically: true, encoding: .utf8)
        try commitAll(root, "cleanup")
        let store = RefineSession.Store(bundleRoot: root)
        let turn = ConversationTurn(agent: OfflinePlanner())
        var session = RefineSession()
        let first = await turn.run(.init(root: root, text: "set the timeout of the nightly etl job to 2 hours", author: Self.author), session: &session, store: store)
        XCTAssertEqual(first.status, .committed, first.message ?? "")
        let moved = await turn.run(.init(root: root, text: "for the cleanup job instead", author: Self.author), session: &session, store: store)
        XCTAssertEqual(moved.status, .committed, moved.message ?? "")
        let bundle = try BundleLoader(source: DiskFileSource(root: root)).load()
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["cleanup"]?["timeout_seconds"]?.string, "7200")
        XCTAssertNil(bundle.configuration["resources"]?["jobs"]?["nightly_etl_job"]?["timeout_seconds"], "moved, not copied")
        XCTAssertTrue(moved.summary?.contains("which made the change for job nightly_etl_job") == true, moved.summary ?? "")
    }

    /// "no, the other job" among two others: asked which, and "2" (or "the report job", "report") moves
    /// the change there. (Answered by name, the change was made there and kept on the first job.)
    func testTheOtherJobAmongSeveralIsAsked() async throws {
        for answer in ["2", "the report job", "report", "the second one"] {
            try await otherJobAnswered(answer)
        }
        // ("wrong job", "not that job", "I meant another job" were not understood.)
        for correction in ["wrong job", "not that job", "I meant another job", "no, another job"] {
            try await otherJobAnswered("report", correction: correction)
        }
    }

    func otherJobAnswered(_ answer: String, correction: String = "no, the other job") async throws {
        let directory = try TemporaryDirectory()
        let root = try makeBundle(in: directory)
        for name in ["cleanup", "report"] {
            try "resources:\n  jobs:\n    \(name):\n      name: \(name)\n      tasks:\n        - task_key: c\n          notebook_task:\n            notebook_path: ../src/notebook.py\n"
                .write(to: root.appendingPathComponent("resources/\(name).job.yml"), atomically: true, encoding: .utf8)
        }
        try commitAll(root, "jobs")
        let store = RefineSession.Store(bundleRoot: root)
        let turn = ConversationTurn(agent: OfflinePlanner())
        var session = RefineSession()
        let first = await turn.run(.init(root: root, text: "set the timeout of the nightly etl job to 2 hours", author: Self.author), session: &session, store: store)
        XCTAssertEqual(first.status, .committed, first.message ?? "")
        let asked = await turn.run(.init(root: root, text: correction, author: Self.author), session: &session, store: store)
        XCTAssertEqual(asked.status, .question, correction + ": " + (asked.message ?? ""))
        XCTAssertEqual(asked.choices, ["for the cleanup job instead", "for the report job instead"])
        let moved = await turn.run(.init(root: root, text: answer, author: Self.author), session: &session, store: store)
        XCTAssertEqual(moved.status, .committed, answer + ": " + (moved.message ?? ""))
        let bundle = try BundleLoader(source: DiskFileSource(root: root)).load()
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["report"]?["timeout_seconds"]?.string, "7200", answer)
        XCTAssertNil(bundle.configuration["resources"]?["jobs"]?["cleanup"]?["timeout_seconds"], answer)
        XCTAssertNil(bundle.configuration["resources"]?["jobs"]?["nightly_etl_job"]?["timeout_seconds"], "moved, not copied: " + answer)
    }

    /// "undo that" twice where a request before them changed nothing: the second stopped at it ("your
    /// last request changed nothing") instead of undoing the revision before.
    func testUndoingStepsBackPastARequestThatChangedNothing() async throws {
        var talk = try Talk(self)
        let r1 = await talk.say("set the timeout to 2 hours"); XCTAssertEqual(r1.status, .committed)
        let r2 = await talk.say("set the timeout to 2 hours"); XCTAssertEqual(r2.status, .unchanged)
        let said = await talk.say("undo that")
        XCTAssertEqual(said.status, .refused, "right after a request that changed nothing: nothing of it to undo")
        let r3 = await talk.say("set the max concurrent runs to 3"); XCTAssertEqual(r3.status, .committed)
        let r4 = await talk.say("undo that"); XCTAssertEqual(r4.status, .undone)
        let second = await talk.say("undo that")
        XCTAssertEqual(second.status, .undone, second.message ?? "")
        XCTAssertNil(try timeout(talk.root, target: "dev"))
        // Every change undone: said so (it said a later revision came after it).
        let none = await talk.say("undo that")
        XCTAssertEqual(none.message, "every change of this conversation is undone already")
    }

    /// "only in prod" after adding a task: the task stays for every target, and that is said (it said
    /// "already is as asked" and left it everywhere).
    func testOnlyInProdOfAChangeThatCannotBeNarrowed() async throws {
        var talk = try Talk(self)
        try "resources:\n  pipelines:\n    simple:\n      name: simple\n      catalog: main\n      schema: s\n      serverless: true\n      libraries:\n        - notebook: {path: ../src/notebook.py}\n"
            .write(to: talk.root.appendingPathComponent("resources/simple.pipeline.yml"), atomically: true, encoding: .utf8)
        try commitAll(talk.root, "pipeline")
        let added = await talk.say("add a task to the job that runs the simple pipeline after notebook_task")
        XCTAssertEqual(added.status, .committed, added.message ?? "")
        let narrowed = await talk.say("only in prod")
        XCTAssertEqual(narrowed.status, .refused, narrowed.message ?? "")
        XCTAssertTrue(narrowed.message?.contains("cannot be made for prod alone") == true, narrowed.message ?? "")
    }

    func testTheWordsOfACorrection() {
        let targets = ["dev", "staging", "prod"]
        for text in ["no, the staging one", "I meant staging", "actually in staging, not prod", "wrong target: staging", "no, staging", "oops, staging instead", "only in staging"] {
            XCTAssertEqual(FollowUp.correctedTarget(RequestText(text), targets: targets, from: "prod"), "staging", text)
        }
        for text in ["staging too", "same for staging", "no retries in staging", "actually make it 3 hours", "no, dev and staging", "no"] {
            XCTAssertNil(FollowUp.correctedTarget(RequestText(text), targets: targets, from: "prod"), text)
        }
        XCTAssertEqual(FollowUp.request("set the timeout to 2 hours in prod.", forTarget: "prod", insteadOf: "dev"), "set the timeout to 2 hours in dev.")
        XCTAssertEqual(FollowUp.request("use /Volumes/prod/x in production", forTarget: "prod", insteadOf: "dev"), "use /Volumes/prod/x in dev")
    }

    func testTheWordsOfANarrowing() {
        let targets = ["dev", "staging", "prod"]
        for text in ["only in prod", "in prod only", "actually just for prod", "only production", "but only in the prod target please"] {
            XCTAssertEqual(FollowUp.onlyIn(RequestText(text), targets: targets), "prod", text)
        }
        for text in ["only email me on failure", "run it only in prod at 3am", "only in prod and staging", "make it smaller"] {
            XCTAssertNil(FollowUp.onlyIn(RequestText(text), targets: targets), text)
        }
    }

    /// citibike: "actually make it citibike_uat" after "set the catalog variable to citibike_qa in
    /// staging" found nothing to change set the variable's default (every target) instead of staging's.
    func testACorrectionOfARequestThatChangedNothingKeepsItsTarget() async throws {
        var talk = try Talk(self)
        let first = await talk.say("set the catalog variable to sales_prod in prod")
        XCTAssertEqual(first.status, .committed, first.message ?? "")
        talk.session = RefineSession()
        let same = await talk.say("set the catalog variable to sales_prod in prod")
        XCTAssertEqual(same.status, .unchanged, same.message ?? "")
        let corrected = await talk.say("actually make it sales_uat")
        XCTAssertEqual(corrected.status, .committed, corrected.message ?? "")
        let bundle = try BundleLoader(source: DiskFileSource(root: talk.root)).load()
        func catalog(_ target: String) -> String? {
            let own = bundle.configuration["targets"]?[target]?["variables"]?["catalog"]
            return own?.string ?? own?["default"]?.string ?? bundle.configuration["variables"]?["catalog"]?["default"]?.string
        }
        XCTAssertEqual(catalog("prod"), "sales_uat", corrected.message ?? "")
        XCTAssertNotEqual(catalog("dev"), "sales_uat", "dev keeps its own")
    }
}
