import BundleModel
import BundleRepository
import Foundation

/// `apply`: whole files from an edit document (new contents, or removals) committed through the write
/// path as one validated, explained revision, or refused with the findings of every target.
public struct FileApplication: Sendable {
    /// The edit document: what to write and how to explain it.
    public struct Request: Sendable, Decodable {
        public var subject: String
        /// What was asked for, and what was done (the revision's transcript).
        public var request: String?
        public var summary: String?
        public var agent: String?
        public var session: String?
        public var changes: [String]?
        /// Paths relative to the bundle root; nil removes the file.
        public var files: [String: String?]

        public init(subject: String, request: String? = nil, summary: String? = nil, agent: String? = nil, session: String? = nil,
                    changes: [String]? = nil, files: [String: String?]) {
            self.subject = subject
            self.request = request
            self.summary = summary
            self.agent = agent
            self.session = session
            self.changes = changes
            self.files = files
        }

        /// The document in `data`; a usage error saying why it is not one.
        public static func decode(_ data: Data, named name: String) throws(EngineError) -> Request {
            do { return try JSONDecoder().decode(Request.self, from: data) } catch {
                throw EngineError(.usage, "\(name) is not an edit document: \(DocumentInput.problem(decoding: data, error: error))")
            }
        }
    }

    /// What applying came to. Its JSON is the committed or unchanged document; a refusal is reported
    /// by the front end as an error (with the findings, for `invalid`).
    public struct Result: Sendable, Encodable {
        public enum Status: String, Sendable, Encodable {
            case committed, unchanged
            /// The new state does not validate; nothing changed.
            case invalid
            /// The user's uncommitted edits of the touched files are in the way; nothing changed.
            case uncommittedEdits = "uncommitted-edits"
        }

        public var status: Status
        public var subject: String
        public var commit: String?
        public var shortCommit: String?
        public var validation: String?
        public var savedEditsCommit: String?
        public var savedEditsShortCommit: String?
        /// For `invalid`: every target's findings, as `validate` reports them.
        public var findings: [Diagnostic]
        /// For people: what happened, or why not.
        public var message: String

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(status, forKey: .status)
            try container.encode(subject, forKey: .subject)
            if status == .committed {
                try container.encode(commit, forKey: .commit)
                try container.encode(validation, forKey: .validation)
                try container.encode(savedEditsCommit, forKey: .savedEditsCommit)
            } else {
                try container.encode(message, forKey: .message)
            }
        }

        enum CodingKeys: String, CodingKey {
            case status, subject, commit, validation, message
            case savedEditsCommit = "saved_edits_commit"
        }

        /// The refusal as an error, for front ends that report failures as errors; nil when it succeeded.
        public var failure: EngineError? {
            switch status {
            case .committed, .unchanged: return nil
            case .invalid: return EngineError(.invalid, message)
            case .uncommittedEdits: return EngineError(.conflict, message)
            }
        }
    }

    public let root: URL
    public var author: String?
    /// Commit the user's uncommitted edits of the touched files first, as a commit of their own.
    public var includeDirty: Bool

    public init(root: URL, author: String? = nil, includeDirty: Bool = false) {
        self.root = root
        self.author = author
        self.includeDirty = includeDirty
    }

    public func run(_ request: Request) throws(EngineError) -> Result {
        var transcript: [RevisionMessage.Turn] = []
        if let text = request.request { transcript.append(.init(speaker: "user", text: text)) }
        if let summary = request.summary { transcript.append(.init(speaker: "dabrepo", text: summary)) }
        let revision = Revision(subject: request.subject, transcript: transcript, changes: request.changes ?? [],
                                agent: request.agent ?? "apply", session: request.session ?? Revision.newSessionID(),
                                files: request.files.mapValues { $0.map { Data($0.utf8) } })
        var result = Result(status: .unchanged, subject: request.subject, findings: [], message: "")
        switch try RevisionWrite(root: root, author: author).write(revision, includeDirty: includeDirty) {
        case .committed(let committed):
            result.status = .committed
            result.commit = committed.commit
            result.shortCommit = committed.shortCommit
            result.validation = committed.validation
            result.savedEditsCommit = committed.savedEditsCommit
            result.savedEditsShortCommit = committed.savedEditsShortCommit
            result.message = "Committed \(committed.shortCommit) \"\(committed.subject)\" (\(committed.validation))"
            // A configuration file the bundle does not include is committed, but none of it is deployed: said (it passed
            // without a word).
            let written = request.files.compactMap { path, text in text.map { (BundlePath.normalize(path), $0) } }
                .filter { $0.0.hasSuffix(".yml") || $0.0.hasSuffix(".yaml") }
            if !written.isEmpty, let loaded = try? BundleLoader(source: DiskFileSource(root: root)).load() {
                let included = Set(loaded.files.map(\.path))
                let outside = written.filter { path, text in !included.contains(path) && YAMLComposer(file: path).compose(text).root?["resources"] != nil }.map(\.0).sorted()
                if !outside.isEmpty {
                    result.message += ". Note: \(outside.joined(separator: ", ")) \(outside.count == 1 ? "is" : "are") not included by the bundle (its `include:` list), so \(outside.count == 1 ? "its" : "their") resources are not part of it; add \(outside.count == 1 ? "it" : "them") to `include` in databricks.yml"
                }
            }
        case .unchanged:
            let files = request.files.keys.sorted()
            result.message = files.isEmpty ? "Nothing to change: the document names no files; no revision was committed."
                : "Nothing to change: \(files.joined(separator: ", ")) already \(files.count == 1 ? "has" : "have") "
                + "the document's content; no revision was committed."
        case .invalid(let findings, let message):
            result.status = .invalid
            result.findings = findings
            result.message = message
        case .uncommittedEdits(_, let message):
            result.status = .uncommittedEdits
            result.message = message
        }
        return result
    }
}
