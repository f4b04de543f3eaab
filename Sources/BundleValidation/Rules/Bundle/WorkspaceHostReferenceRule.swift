import BundleModel

/// `workspace.host: ${var.host}`: no host the CLI can connect to.
public struct WorkspaceHostReferenceRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "workspace-host-reference", name: "The workspace host is written literally", severity: .error, scope: .target,
        summary: "`workspace.host` is a host name the CLI can parse: no `${...}` reference (it connects before it resolves them), no blank.",
        documentation: """
        The Databricks CLI reads the host before it resolves references: with `host: ${var.host}` it fails
        ("failed during request visitor: parse "https://${var.host}": invalid character "{" in host
        name"), whatever the variable holds, and nothing validates or deploys. (The rule
        auth-field-interpolation warns of every authentication field; a host cannot be used at all.)
        Write the host literally, one target per workspace, or leave it out and set DATABRICKS_HOST or
        choose a profile. A literal host with a character no host name has (a space: "https://my
        workspace.cloud.databricks.com") fails the same way ("invalid character " " in host name").
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            variables:
              host:
                default: https://example.cloud.databricks.com
            workspace:
              host: ↓${var.host}
            """),
            RuleExample("""
            bundle:
              name: demo
            targets:
              qa:
                default: true
                workspace:
                  host: ↓"https://my workspace.cloud.databricks.com"
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            workspace:
              host: https://example.cloud.databricks.com
            targets:
              prod:
                workspace:
                  host: https://prod.cloud.databricks.com
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        // As written (before references are resolved): the target's host wins over the top-level one.
        let own = context.effective.target.flatMap { context.bundle.targetsMapping?[$0]?["workspace"]?["host"] }
        guard let node = own ?? context.bundle.configuration["workspace"]?["host"], let text = node.string else { return [] }
        let written = text.hasPrefix("http://") || text.hasPrefix("https://") ? text : "https://" + text
        // The host part, as Go's url.Parse reads it: after the scheme, up to the path.
        let host = written.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false).dropFirst(2).first.map(String.init) ?? ""
        let allowed = Set("-._~!$&'()*+,;=:[]%@")
        guard let bad = text.containsText("${") ? "{" : host.first(where: { !($0.isASCII && ($0.isLetter || $0.isNumber)) && !allowed.contains($0) }) else { return [] }
        return [diagnostic("workspace.host \"\(text)\" is not a host the CLI can connect to (parse \"\(written)\": invalid character \"\(bad)\" in host name)",
                           detail: "Write the host literally (one target per workspace), or leave it out and set DATABRICKS_HOST or a profile.",
                           path: "workspace.host", at: node.location)]
    }
}
