import BundleAgent
import BundleEngine
import BundleRepository
import Foundation
import TestSupport

/// A conversation with the engine on a fresh `dabrepo init` bundle (nightly_etl, default-python) in a
/// temporary repository: `ask` runs one turn as a front end would, with the session saved in the store.
final class EngineConversation {
    static let author = "Test Author <test@example.com>"

    let directory: TemporaryDirectory
    let root: URL
    let store: RefineSession.Store
    let repository: GitRepository
    let turn: ConversationTurn
    var session = RefineSession()

    init(agent: any PlanningAgent = OfflinePlanner()) throws {
        directory = try TemporaryDirectory()
        root = directory.url.appendingPathComponent("nightly_etl")
        _ = try BundleInitializer(directory: root, authorOverride: Self.author, executablePath: "/bin/true").run()
        store = RefineSession.Store(bundleRoot: root)
        repository = try GitRepository.open(containing: root.path)
        turn = ConversationTurn(agent: agent)
    }

    func ask(_ text: String) async -> TurnResult {
        await turn.run(.init(root: root, text: text, author: Self.author), session: &session, store: store)
    }

    /// The message of the commit HEAD names.
    func headMessage() throws -> String {
        try repository.commit(try repository.resolve("HEAD")).message
    }
}
