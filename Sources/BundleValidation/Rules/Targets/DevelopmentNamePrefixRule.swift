import BundleModel

public struct DevelopmentNamePrefixRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "development-name-prefix", name: "Development name prefixes name the user", severity: .error, scope: .target,
        summary: "A `mode: development` target's `presets.name_prefix` contains the deploying user.",
        documentation: """
        Every developer deploys their own copy of a development target, and resources such as pipelines need
        unique names. The Databricks CLI refuses a development target whose name prefix does not contain the
        current user ("prefix should contain the current username or ${workspace.current_user.short_name} to
        ensure uniqueness when using 'mode: development'", validate_target_mode.go). Development mode's own
        default, `[dev <user>] `, always does.

        Offline the user is not known. A prefix that names `${workspace.current_user.…}` passes; a prefix made
        only of environment words (dev, test, staging, the target's name, `${bundle.target}`) and punctuation
        is an error; any other literal word may be the user's name, so such a prefix is a warning to check.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            targets:
              dev:
                mode: development
                default: true
                presets:
                  name_prefix: ↓"[dev] "
            """),
            RuleExample("""
            bundle:
              name: demo
            presets:
              name_prefix: ↓${bundle.target}_
            targets:
              dev:
                mode: development
                default: true
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            targets:
              dev:
                mode: development
                default: true
                presets:
                  name_prefix: "[dev ${workspace.current_user.short_name}] "
              prod:
                mode: production
                workspace:
                  root_path: /Workspace/Users/deploy@example.com/.bundle/demo
                presets:
                  name_prefix: "[prod] "
            """),
        ])

    /// Words that name an environment or a team, never a person.
    static let environmentWords: Set<String> = [
        "dev", "develop", "development", "test", "tests", "testing", "stage", "staging", "stg", "qa", "uat", "int",
        "integration", "sandbox", "local", "prod", "production", "prd", "preprod", "nonprod", "personal", "user",
        "feature", "bundle", "target", "my", "team",
    ]

    /// Whether a prefix names the user, may hold their name (other literal words), or surely lacks it.
    enum Verdict { case named, maybe, lacking }

    static func verdict(_ prefix: String, target: String) -> Verdict {
        // The CLI compares with the user name, the short name and the domain-friendly name (not the id).
        if ["current_user.userName", "current_user.short_name", "current_user.domain_friendly_name", "current_user.user_name"].contains(where: prefix.contains)
            || prefix.contains("@") { return .named }
        if prefix.contains("current_user") { return .lacking }
        // Other references (`${bundle.target}`, `${var.env}`) name environments.
        let literal = prefix.replacing(/\$\{[^}]*\}/, with: " ")
        let words = literal.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
        return words.allSatisfy { environmentWords.contains($0) || $0 == target.lowercased() } ? .lacking : .maybe
    }

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        guard context.effective.mode == "development",
              let node = context.effective.configuration["presets"]?["name_prefix"], let prefix = node.string, !prefix.isEmpty else { return [] }
        let target = context.effective.targetName
        let summary = "prefix should contain the current username or ${workspace.current_user.short_name} to ensure uniqueness when using 'mode: development'"
        let example = "for example \"[\(target) ${workspace.current_user.short_name}] \""
        switch Self.verdict(prefix, target: target) {
        case .named: return []
        case .lacking:
            return [diagnostic(summary, detail: "Every developer who deploys target \(target) would get the same names; use one with the user, \(example), or remove it to get development mode's default, [dev <user>].",
                               path: "presets.name_prefix", at: node.location)]
        case .maybe:
            var warning = diagnostic(summary, detail: "Offline the deploying user is not known: unless \"\(prefix)\" contains their user name, the CLI refuses target \(target); \(example) works for everyone.",
                                     path: "presets.name_prefix", at: node.location)
            warning.severity = .warning
            return [warning]
        }
    }
}
