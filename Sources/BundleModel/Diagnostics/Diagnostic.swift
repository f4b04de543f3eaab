/// One finding about a bundle: what is wrong, where, and which rule found it.
public struct Diagnostic: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable, Codable {
        case error, warning, info

        private var rank: Int {
            switch self {
            case .error: return 0
            case .warning: return 1
            case .info: return 2
            }
        }

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    /// The id of the rule that found it, such as `job-cluster-key-defined`.
    public var rule: String
    /// One sentence: what is wrong.
    public var summary: String
    /// More explanation and what to do, when there is something to add.
    public var detail: String?
    /// The configuration path, such as `resources.jobs.etl.tasks[0].job_cluster_key`.
    public var path: String?
    public var location: SourceLocation?
    /// A few lines of source with a caret under the column (syntax errors).
    public var excerpt: String?
    /// The targets the finding applies to, when a validation covered several (`--all-targets`):
    /// the same finding in dev and prod is one diagnostic with targets [dev, prod]. Empty when unknown.
    public var targets: [String]
    /// What tells this finding from another of the same words and path, when only the value can: a
    /// fingerprint of a literal secret (a new token where an old one was is a new finding). Compared
    /// in memory only: never encoded, never printed.
    public var fingerprint: String?

    enum CodingKeys: String, CodingKey {
        case severity, rule, summary, detail, path, location, excerpt, targets
    }

    public init(
        _ severity: Severity, rule: String, summary: String, detail: String? = nil,
        path: String? = nil, location: SourceLocation? = nil, excerpt: String? = nil, targets: [String] = []
    ) {
        self.severity = severity
        self.rule = rule
        self.summary = summary
        self.detail = detail
        self.path = path
        self.location = location
        self.excerpt = excerpt
        self.targets = targets
    }
}

/// Rule ids of the problems that the model itself finds while loading and resolving a bundle.
/// The validation module documents each of them as a rule.
public enum ModelRuleID {
    public static let yamlSyntax = "yaml-syntax"
    public static let duplicateKey = "yaml-duplicate-key"
    public static let fileEncoding = "file-encoding"
    public static let include = "include-path"
    public static let includeOutsideRoot = "include-outside-root"
    public static let includeInIncludedFile = "include-in-included-file"
    public static let resourceDefinedTwice = "resource-defined-twice"
    public static let variableReference = "variable-reference"
    public static let variableRequired = "variable-required"
    public static let variableLookup = "variable-lookup"
    /// A section of a file with the wrong shape (`jobs:` written as a list), left out while loading; reported
    /// by the field-type rule with the schema's type findings.
    public static let fieldType = "field-type"
}
