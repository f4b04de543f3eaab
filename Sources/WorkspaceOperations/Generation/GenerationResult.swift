/// What a generate operation did: the job committed as a revision, or nothing, because the bundle
/// already had the job exactly as it would be generated.
public struct GenerationResult: Sendable, Encodable {
    public enum Status: String, Sendable, Encodable { case committed, unchanged }
    public var status: Status
    public var jobKey: String
    /// The full commit id; nil when nothing was committed.
    public var commit: String?
    public var shortCommit: String?
    public var subject: String
    /// The files the revision writes (relative to the bundle root).
    public var files: [String]
    /// "OK (targets dev, prod)"-like summary of the validation.
    public var validation: String?
    /// Notebooks the job's tasks still name in the workspace (a job read from JSON).
    public var notebooksInWorkspace: [String]
    /// What was generated, in a sentence.
    public var summary: String
    /// For people: what happened.
    public var message: String

    enum CodingKeys: String, CodingKey {
        case status, commit, subject, files, validation, message
        case jobKey = "job_key", notebooksInWorkspace = "notebooks_in_workspace"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(jobKey, forKey: .jobKey)
        try container.encode(commit, forKey: .commit)
        try container.encode(files, forKey: .files)
        switch status {
        case .unchanged:
            try container.encode(message, forKey: .message)
        case .committed:
            try container.encode(subject, forKey: .subject)
            try container.encode(validation, forKey: .validation)
            try container.encode(notebooksInWorkspace, forKey: .notebooksInWorkspace)
        }
    }
}
