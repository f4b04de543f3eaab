import BundleModel
import Foundation

/// A conversation of `refine` requests: follow-ups ("even smaller", "same for prod", "undo that")
/// refer to earlier turns. Kept by `Store`.
public struct RefineSession: Codable, Sendable {
    public struct Turn: Codable, Sendable {
        public var request: String
        public var reply: String
        public var intent: String?
        public var job: String?
        /// The resource the turn changed (`jobs.sales_sync`, `pipelines.clickstream`).
        public var resource: String?
        public var target: String?
        public var commit: String?
        /// The request as planned when a follow-up was replayed (see `Plan.request`); nil: `request`.
        public var planned: String?
        /// The choices of the question the turn ended with (the planner's: `--resource jobs.x`,
        /// `--target dev`, a request, a key); the next turn may answer it in a word ("the ingest one").
        public var choices: [String]?

        public init(request: String, reply: String, intent: String? = nil, job: String? = nil, resource: String? = nil, target: String? = nil, commit: String? = nil,
                    planned: String? = nil) {
            self.request = request
            self.planned = planned
            self.reply = reply
            self.intent = intent
            self.job = job
            self.resource = resource ?? job.map { "jobs.\($0)" }
            self.target = target
            self.commit = commit
        }

        /// The resource the turn changed (sessions written before resources were recorded name the job).
        public var resourceReference: ResourceReference? {
            resource.flatMap(ResourceReference.init(parsing:)) ?? job.map { ResourceReference(type: "jobs", key: $0) }
        }
    }

    public var id: String
    public var turns: [Turn]
    /// The conversation's revisions (short ids) undone outside it: reverted by `dabrepo undo` or git,
    /// or no longer in the branch's history (a reset). Set by the front end before each turn.
    public var undoneOutside: [String]?

    public init(id: String = String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(6)), turns: [Turn] = []) {
        self.id = id
        self.turns = turns
    }

    /// The last turn that changed something, and whose change was not undone since ("only in prod",
    /// "undo", "add a job parameter …": the parameter is not for prod alone).
    public var lastChange: Turn? {
        let undone = undoneCommits
        // (A model's revision has no intent of the planner's, and is a change all the same.)
        return turns.last { turn in (turn.intent != nil || turn.commit != nil) && !(turn.commit.map { undone.contains(String($0.prefix(7))) } ?? false) }
    }

    /// The turn whose revision the last request undid ("undo that" just before): "no, I meant only in
    /// dev" asks for that change again, for dev alone. Nil when the last request was no undo.
    public var justUndone: Turn? {
        guard let last = turns.last, last.commit == nil, last.reply.hasPrefix("Undid ") else { return nil }
        let short = String(last.reply.dropFirst("Undid ".count).prefix(7))
        return turns.last { $0.commit?.hasPrefix(short) == true }
    }

    /// The short ids of the conversation's revisions undone since: by "undo that" in it, or outside it.
    public var undoneCommits: Set<String> {
        Set(turns.compactMap { turn -> String? in
            guard turn.commit == nil, turn.reply.hasPrefix("Undid ") else { return nil }
            return String(turn.reply.dropFirst("Undid ".count).prefix(7))
        }).union(undoneOutside ?? [])
    }

    /// "what did you change?": this conversation's revisions, oldest first (only the latest when
    /// `lastOnly`), each named by its subject (`subject(commit)`, else what the turn replied), the
    /// request that made it and whether it was undone since. Asking changes nothing.
    /// `explaining` ("why?"): with what was said when it was made.
    public func recap(lastOnly: Bool = false, explaining: Bool = false, subject: (String) -> String? = { _ in nil }) -> String {
        let undone = undoneCommits
        var made = turns.filter { $0.commit != nil }
        guard !made.isEmpty else {
            return "This conversation has changed nothing yet." + (turns.isEmpty ? "" : " (\(turns.count) request\(turns.count == 1 ? "" : "s") so far, none committed.)")
        }
        if lastOnly { made = [made.last!] }
        var lines = [lastOnly ? "The last revision of this conversation (`dabrepo show \(String(made[0].commit!.prefix(7)))` shows it):"
                              : "In this conversation, \(made.count == 1 ? "one revision" : "\(made.count) revisions") (`dabrepo show COMMIT` shows each):"]
        for turn in made {
            let short = String(turn.commit!.prefix(7))
            let name = subject(turn.commit!) ?? turn.reply.trimmingCharacters(in: .whitespacesAndNewlines)
            // (A turn that answered a question with a choice, "--resource jobs.x" or "1", asked what was planned.)
            let answered = turn.request.hasPrefix("--") || (turn.planned != nil && turn.request.split(separator: " ").count <= 2)
            let request = answered ? (turn.planned ?? turn.request) : turn.request
            let asked = name.lowercased() == request.lowercased() ? "" : " (asked: \"\(request)\"\(answered && !turn.request.hasPrefix("--") ? ", answered \"\(turn.request)\"" : ""))"
            lines.append("  \(short) \(name)\(asked)\(undone.contains(short) ? ", undone since" : "")")
            if explaining { lines.append("  " + turn.reply.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        return lines.joined(separator: "\n")
    }

    /// Storage: one JSON file per session and `latest` naming the current one, in a directory the
    /// front end chooses (the CLI: `BundleLocalState`, inside the git directory).
    public struct Store: Sendable {
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
            // Requests and replies are kept with their secrets redacted (a token pasted into a request).
            var stored = session
            for i in stored.turns.indices {
                stored.turns[i].request = SecretRedaction.redact(stored.turns[i].request)
                stored.turns[i].reply = SecretRedaction.redact(stored.turns[i].reply)
                // (A question's choices and the request as planned repeat its words: "add a schema called dapi…".)
                stored.turns[i].planned = stored.turns[i].planned.map(SecretRedaction.redact)
                stored.turns[i].choices = stored.turns[i].choices?.map(SecretRedaction.redact)
            }
            try encoder.encode(stored).write(to: directory.appendingPathComponent("\(session.id).json"), options: .atomic)
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
