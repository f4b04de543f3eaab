import Foundation

/// A conversation of `refine` requests: follow-ups ("even smaller", "same for prod", "undo that")
/// refer to earlier turns. Kept by `Store`.
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

    /// Storage: one JSON file per session and `latest` naming the current one, in a directory the
    /// front end chooses (the CLI: `BundleLocalState`, inside the git directory).
    public struct Store {
        public let directory: URL
        /// Where an earlier version kept the sessions; they are moved to `directory` when first used.
        public let legacyDirectory: URL?

        public init(directory: URL, legacyDirectory: URL? = nil) {
            self.directory = directory
            self.legacyDirectory = legacyDirectory
        }

        public func latest() -> RefineSession? {
            adoptLegacySessions()
            guard let id = try? String(contentsOf: directory.appendingPathComponent("latest"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines), !id.isEmpty,
                  let data = try? Data(contentsOf: directory.appendingPathComponent("\(id).json")) else { return nil }
            return try? JSONDecoder().decode(RefineSession.self, from: data)
        }

        public func save(_ session: RefineSession) throws {
            adoptLegacySessions()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(session).write(to: directory.appendingPathComponent("\(session.id).json"), options: .atomic)
            try Data((session.id + "\n").utf8).write(to: directory.appendingPathComponent("latest"), options: .atomic)
        }

        /// Moves the sessions of `legacyDirectory` here (a session saved here already wins), then removes
        /// the folder when it is empty, and its parent (`.dabrepo/`) when that is empty too. Files that
        /// are not sessions stay where they are.
        func adoptLegacySessions() {
            let fm = FileManager.default
            guard let legacy = legacyDirectory, legacy.standardizedFileURL.path != directory.standardizedFileURL.path,
                  let names = try? fm.contentsOfDirectory(atPath: legacy.path) else { return }
            guard (try? fm.createDirectory(at: directory, withIntermediateDirectories: true)) != nil else { return }
            for name in names where name == "latest" || name.hasSuffix(".json") {
                let from = legacy.appendingPathComponent(name), to = directory.appendingPathComponent(name)
                if fm.fileExists(atPath: to.path) { try? fm.removeItem(at: from) } else { try? fm.moveItem(at: from, to: to) }
            }
            for folder in [legacy, legacy.deletingLastPathComponent()] {
                guard (try? fm.contentsOfDirectory(atPath: folder.path))?.isEmpty == true else { break }
                try? fm.removeItem(at: folder)
            }
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
