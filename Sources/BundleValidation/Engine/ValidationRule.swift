import BundleModel

/// A validation rule: one small type with its id, severity, documentation and examples
/// (after SwiftLint's rules). `RuleExampleTests` runs every rule's examples.
public protocol ValidationRule: Sendable {
    static var description: RuleDescription { get }
    init()
    /// The problems this rule finds. Bundle-scoped rules run once per validation; target-scoped
    /// rules run on each validated target's effective configuration.
    func validate(_ context: ValidationContext) -> [Diagnostic]
}

extension ValidationRule {
    public var description: RuleDescription { Self.description }

    /// A diagnostic of this rule with its severity.
    public func diagnostic(_ summary: String, detail: String? = nil, path: String? = nil, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(Self.description.severity, rule: Self.description.id, summary: summary, detail: detail, path: path, location: location)
    }
}

/// What a rule is and how to use it, as `dabrepo rules ID` shows it.
public struct RuleDescription: Sendable {
    public enum Scope: String, Sendable {
        /// Runs once on the bundle's files (syntax, secrets, file layout).
        case bundle
        /// Runs on each validated target's merged, resolved configuration.
        case target
    }

    public var id: String
    public var name: String
    public var severity: Diagnostic.Severity
    public var scope: Scope
    /// One line: what the rule checks.
    public var summary: String
    /// Why it matters and how to fix a finding.
    public var documentation: String
    /// Bundles that must trigger the rule; `↓` marks where the diagnostic must point.
    public var triggeringExamples: [RuleExample]
    /// Bundles that must not trigger it.
    public var nonTriggeringExamples: [RuleExample]

    public init(id: String, name: String, severity: Diagnostic.Severity, scope: Scope, summary: String,
                documentation: String, triggeringExamples: [RuleExample], nonTriggeringExamples: [RuleExample]) {
        self.id = id
        self.name = name
        self.severity = severity
        self.scope = scope
        self.summary = summary
        self.documentation = documentation
        self.triggeringExamples = triggeringExamples
        self.nonTriggeringExamples = nonTriggeringExamples
    }
}

/// A small bundle used as a rule example. Files map paths to YAML; a `↓` in one of them marks the
/// line and column where the rule must report (it is removed before the bundle is validated).
public struct RuleExample: Sendable {
    public var files: [String: String]
    public var target: String?
    public var variables: [String: String]

    public static let marker: Character = "↓"

    public init(_ databricksYML: String, files: [String: String] = [:], target: String? = nil, variables: [String: String] = [:]) {
        var all = files
        all["databricks.yml"] = databricksYML
        self.init(files: all, target: target, variables: variables)
    }

    public init(files: [String: String], target: String? = nil, variables: [String: String] = [:]) {
        self.files = files
        self.target = target
        self.variables = variables
    }

    /// The files with the marker removed, and where the marker was.
    public var unmarked: (files: [String: String], marker: SourceLocation?) {
        var marker: SourceLocation?
        var out: [String: String] = [:]
        for (path, text) in files {
            guard let index = text.firstIndex(of: Self.marker) else { out[path] = text; continue }
            let before = text[..<index]
            let line = before.filter { $0 == "\n" }.count + 1
            let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
            marker = SourceLocation(file: path, line: line, column: column)
            var copy = text
            copy.remove(at: index)
            out[path] = copy
        }
        return (out, marker)
    }
}
