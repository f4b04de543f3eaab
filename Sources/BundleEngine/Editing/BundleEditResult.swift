/// What `edit_bundle` / `dabrepo edit` came to: one Codable shape for the CLI's JSON and the tool's result.
public struct BundleEditResult: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// One revision was committed.
        case committed
        /// Applied and validated in memory only.
        case dryRun = "dry-run"
        /// The bundle already is as the edits ask: nothing to commit.
        case unchanged
        /// Refused: the edits cannot be made, or their result does not validate. Nothing changed.
        case invalid
    }

    public var status: Status
    public var subject: String
    public var summary: String?
    /// The commit, when one was made.
    public var commit: String?
    /// The files the edits write (relative to the bundle root), sorted.
    public var files: [String]
    /// The semantic changes (`~ resources.jobs.etl.timeout_seconds: 3600 → 7200`).
    public var changes: [String]
    /// For `invalid`: why; otherwise warnings worth knowing.
    public var findings: [EditFinding]
    /// The validation's one-line summary, when validation ran.
    public var validation: String?
    /// One sentence for people.
    public var message: String

    public init(status: Status, subject: String, summary: String?, commit: String? = nil, files: [String] = [], changes: [String] = [],
                findings: [EditFinding] = [], validation: String? = nil, message: String) {
        self.status = status
        self.subject = subject
        self.summary = summary
        self.commit = commit
        self.files = files
        self.changes = changes
        self.findings = findings
        self.validation = validation
        self.message = message
    }

    /// The refusal as an error (kind `invalid`), for front ends that report failures as errors.
    public var failure: EngineError? {
        guard status == .invalid else { return nil }
        return EngineError(.invalid, ([message] + findings.map(\.description)).joined(separator: "\n"))
    }
}
