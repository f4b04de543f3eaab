import BundleModel

/// Why an edit cannot be made, or what validation found in its result: where (file:line:column and
/// the configuration path), which rule, what, and for an unknown key the nearest valid field names.
public struct EditFinding: Codable, Sendable, Equatable, CustomStringConvertible {
    public var severity: String
    public var rule: String
    public var message: String
    public var detail: String?
    public var path: String?
    public var file: String?
    public var line: Int?
    public var column: Int?
    /// The position of the edit in the request, when the finding is about one edit.
    public var edit: Int?
    /// For an unknown key: the valid field names nearest to it.
    public var suggestions: [String]?
    /// The targets it applies to, when validation covered several.
    public var targets: [String]?

    public init(severity: String = "error", rule: String, message: String, detail: String? = nil, path: String? = nil,
                location: SourceLocation? = nil, edit: Int? = nil, suggestions: [String]? = nil, targets: [String]? = nil) {
        self.severity = severity
        self.rule = rule
        self.message = SecretRedaction.redact(message)
        self.detail = detail.map(SecretRedaction.redact)
        self.path = path
        self.file = location?.file
        self.line = location?.line
        self.column = location?.column
        self.edit = edit
        self.suggestions = suggestions
        self.targets = targets
    }

    /// `resources/etl.job.yml:12:7: unknown field: max_concurent_runs (unknown-field); did you mean max_concurrent_runs?`
    public var description: String {
        var where_ = ""
        if let file { where_ = "\(file):\(line ?? 1):\(column ?? 1): " } else if let edit { where_ = "edits[\(edit)]: " }
        var text = where_ + message + " (\(rule))"
        if let suggestions, !suggestions.isEmpty {
            text += "; valid names nearby: " + suggestions.joined(separator: ", ")
        } else if let detail {
            text += "; " + detail
        }
        return text
    }

    /// Rule ids of findings about the edits themselves, before any validation.
    public enum Rule {
        /// The path cannot be read.
        public static let pathSyntax = "edit-path-syntax"
        /// The path does not exist where the operation needs it (delete, rename).
        public static let pathNotFound = "edit-path-not-found"
        /// The operation does not fit what is at the path (a key into a list, appending to a mapping).
        public static let notApplicable = "edit-not-applicable"
        /// `value` or `to` missing or not usable.
        public static let badArgument = "edit-argument"
        /// `file` is outside the bundle or not a YAML file.
        public static let badFile = "edit-file"
    }
}
