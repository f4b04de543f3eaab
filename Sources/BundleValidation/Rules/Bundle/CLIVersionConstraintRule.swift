import BundleModel
import Foundation

public struct CLIVersionConstraintRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "cli-version-constraint", name: "CLI version constraint", severity: .error, scope: .target,
        summary: "`bundle.databricks_cli_version` is written as the CLI reads it: `>= 0.218.0`, `0.230.*`, `>= 0.218.0, < 1.0.0`.",
        documentation: """
        The Databricks CLI refuses a constraint in any other form before anything else
        (bundle/config/mutator/verify_cli_version.go): an optional operator (`>=`, `<=`, `>`, `<`, `!=`)
        and a version of three numbers (an optional `-suffix`), or `0.218.*` / `0.*`, and at most one
        more such condition after a comma. `>= 0.218` (two numbers) is refused. Whether the installed
        CLI satisfies it is checked when the CLI runs, not here.
        """,
        triggeringExamples: [
            RuleExample("bundle:\n  name: demo\n  databricks_cli_version: ↓\">= 0.218\"\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("bundle:\n  name: demo\n  databricks_cli_version: \">= 0.218.0, < 1.0.0\"\n"),
            RuleExample("bundle:\n  name: demo\n  databricks_cli_version: \"0.230.*\"\n"),
        ])

    /// The CLI's generateConstraintSyntaxRegexp.
    static let syntax: NSRegularExpression = {
        let version = "(\\d+\\.\\d+\\.\\d+(\\-\\w+)?|\\d+\\.\\d+.\\*|\\d+\\.\\*)"
        let operators = "(>=|<=|>|<|!=)?"
        // (A constant pattern: it compiles.)
        return try! NSRegularExpression(pattern: "^\(operators) ?\(version)(, \(operators) \(version))?$")
    }()

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        guard let node = context.effective.configuration["bundle"]?["databricks_cli_version"], !node.isNull, !isSymbolic(node),
              let constraint = node.scalar?.text, !constraint.isEmpty else { return [] }
        guard Self.syntax.firstMatch(in: constraint, range: NSRange(constraint.startIndex..., in: constraint)) == nil else { return [] }
        return [diagnostic("invalid version constraint \"\(constraint)\" specified. Please specify the version constraint in the format (>=) 0.0.0(, <= 1.0.0)",
                           detail: "Write three numbers (\">= 0.218.0\"), a wildcard (\"0.230.*\"), or two conditions (\">= 0.218.0, < 1.0.0\").",
                           path: "bundle.databricks_cli_version", at: node.location)]
    }
}
