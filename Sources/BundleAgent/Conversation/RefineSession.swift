import BundleModel
import Foundation

/// A conversation of `refine` requests: follow-ups ("even smaller", "same for prod", "undo that")
/// refer to earlier turns. Kept under `.dabrepo/sessions/` (git-ignored).
public struct RefineSession: Codable, Sendable {
    public struct Turn: Codable, Sendable {
        public var request: String
        public var reply: String
        public var intent: String?
        public var job: String?
        public var target: String?
        public var commit: String?

        public init(request: String, reply: String, intent: String? = nil, job: String? = nil, target: String? = nil, commit: String? = nil) {
            self.request = request
            self.reply = reply
            self.intent = intent
            self.job = job
            self.target = target
            self.commit = commit
        }
    }

    public var id: String
    public var turns: [Turn]

    public init(id: String = String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(6)), turns: [Turn] = []) {
        self.id = id
        self.turns = turns
    }

    /// The last turn that changed something.
    public var lastChange: Turn? { turns.last { $0.intent != nil } }

    /// Storage in `<bundle>/.dabrepo/sessions/`: one JSON file per session and `latest` naming the current one.
    public struct Store {
        public let directory: URL

        public init(bundleRoot: URL) {
            directory = bundleRoot.appendingPathComponent(".dabrepo/sessions")
        }

        public func latest() -> RefineSession? {
            guard let id = try? String(contentsOf: directory.appendingPathComponent("latest"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines), !id.isEmpty,
                  let data = try? Data(contentsOf: directory.appendingPathComponent("\(id).json")) else { return nil }
            return try? JSONDecoder().decode(RefineSession.self, from: data)
        }

        public func save(_ session: RefineSession) throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            // Requests and replies are kept with their secrets redacted (a token pasted into a request).
            var stored = session
            for i in stored.turns.indices {
                stored.turns[i].request = SecretRedaction.redact(stored.turns[i].request)
                stored.turns[i].reply = SecretRedaction.redact(stored.turns[i].reply)
            }
            try encoder.encode(stored).write(to: directory.appendingPathComponent("\(session.id).json"), options: .atomic)
            try Data((session.id + "\n").utf8).write(to: directory.appendingPathComponent("latest"), options: .atomic)
        }
    }
}

/// How a request relates to the conversation so far.
public enum FollowUp: Equatable, Sendable {
    /// "undo that", "revert it".
    case undo
    /// "same for prod", "do that in staging too": the previous request for another target.
    case sameFor(target: String)
    /// "even smaller", "again", "and add retries too": a request that continues with the previous
    /// job and target unless it names others.
    case continuation
    /// A request of its own.
    case none

    public static func classify(_ text: RequestText, targets: [String], session: RefineSession?) -> FollowUp {
        guard session?.lastChange != nil else { return .none }
        let t = text.lowered.trimmingCharacters(in: .whitespaces)
        if ["undo", "undo that", "undo it", "revert that", "revert it", "take that back", "undo the last change"].contains(t.trimmingCharacters(in: CharacterSet(charactersIn: ".!"))) {
            return .undo
        }
        if text.hasAny(["same", "also", "too", "likewise"]) || text.contains("do that") || text.contains("do it") {
            if let target = targets.first(where: { PlanningContext.namesTarget(text, $0.lowercased()) }),
               text.has("same") || text.contains("do that") || text.contains("do it") || text.words.count <= 4 {
                return .sameFor(target: target)
            }
        }
        if text.hasAny(["even", "again", "further", "still"]) || text.words.first == "and" || text.words.first == "also"
            || text.has("too") || text.contains("as well") || text.has("it") || text.has("that") {
            return .continuation
        }
        return .none
    }
}
