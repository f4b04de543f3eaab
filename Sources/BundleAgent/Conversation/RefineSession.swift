import Foundation

/// A conversation of `refine` requests: follow-ups ("even smaller", "same for prod", "undo that")
/// refer to earlier turns. Kept under `.dabrepo/sessions/` (git-ignored).
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

        public init(request: String, reply: String, intent: String? = nil, job: String? = nil, resource: String? = nil, target: String? = nil, commit: String? = nil) {
            self.request = request
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
            try encoder.encode(session).write(to: directory.appendingPathComponent("\(session.id).json"), options: .atomic)
            try Data((session.id + "\n").utf8).write(to: directory.appendingPathComponent("latest"), options: .atomic)
        }
    }
}
