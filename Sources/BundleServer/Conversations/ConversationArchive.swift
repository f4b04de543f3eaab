import BundleAgent
import BundleEngine
import Foundation

/// The conversations `refine` and `chat` keep for a bundle (`RefineSession.Store`), listed and read
/// for the page, and the one a chat request continues.
struct ConversationArchive: Sendable {
    let store: RefineSession.Store

    init(bundleRoot: URL) {
        store = RefineSession.Store(bundleRoot: bundleRoot)
    }

    /// Ids are the store's file names: letters, digits, `-` and `_` only.
    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "-" || $0 == "_" }
    }

    func session(_ id: String) -> RefineSession? {
        guard Self.isValidID(id), let data = try? Data(contentsOf: store.directory.appendingPathComponent("\(id).json")) else { return nil }
        return try? JSONDecoder().decode(RefineSession.self, from: data)
    }

    /// Newest first: id, title (the first request), turn count, last change.
    func list() -> [[String: Any]] {
        _ = store.latest()
        let fm = FileManager.default
        let latest = (try? String(contentsOf: store.directory.appendingPathComponent("latest"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let names = (try? fm.contentsOfDirectory(atPath: store.directory.path)) ?? []
        var items: [(Date, [String: Any])] = []
        for name in names where name.hasSuffix(".json") {
            let id = String(name.dropLast(5))
            guard let session = session(id) else { continue }
            let url = store.directory.appendingPathComponent(name)
            let modified = (try? fm.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)
            items.append((modified, [
                "id": session.id,
                "title": session.turns.first?.request ?? "",
                "turns": session.turns.count,
                "updated": RevisionRoutes.dateFormatter.string(from: modified),
                "latest": session.id == latest,
            ]))
        }
        return items.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : ($0.1["id"] as? String ?? "") < ($1.1["id"] as? String ?? "") }.map(\.1)
    }

    func detail(_ id: String) throws(APIError) -> [String: Any] {
        guard let session = session(id) else { throw APIError.notFound("no conversation \(id); GET /api/conversations lists them") }
        return [
            "id": session.id,
            "turns": session.turns.enumerated().map { index, turn -> [String: Any] in
                var object: [String: Any] = ["request": turn.request, "reply": turn.reply]
                // A question still open (the last turn) keeps its choices: after a reload its buttons were gone.
                if index == session.turns.count - 1, turn.commit == nil, let choices = turn.choices, !choices.isEmpty {
                    object["choices"] = choices.map { text -> [String: Any] in
                        let choice = TurnResult.Choice(planner: text)
                        return ["label": choice.label, "value": TurnEventPayload.answer(choice), "kind": choice.kind.rawValue]
                    }
                }
                if let commit = turn.commit { object["commit"] = commit; object["zip_url"] = RevisionRoutes.zipURL(commit) }
                if let target = turn.target { object["target"] = target }
                if let resource = turn.resource { object["resource"] = resource }
                return object
            },
        ]
    }
}
