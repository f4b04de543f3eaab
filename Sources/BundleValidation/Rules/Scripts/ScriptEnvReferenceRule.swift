import BundleModel
import Foundation

public struct ScriptEnvReferenceRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "script-env-reference", name: "Scripts' env reads what is known before they run", severity: .error, scope: .bundle,
        summary: "A script's `env:` values refer only to `${bundle.*}`, `${workspace.*}` and `${var.*}`.",
        documentation: """
        The CLI resolves a script's `env:` values before the script runs, when only the bundle's,
        the workspace's and the variables' values are known: a reference to a resource (`${resources.jobs.x.id}`,
        known only after a deploy) or anything else is refused ("only ${bundle.*}, ${workspace.*}, and
        ${var.*} are resolved before scripts execute"; bundle/config/validate/scripts.go). Pass a
        resource's id as a variable, or look it up in the script (`databricks bundle summary`).
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                my_job:
                  name: my-job
            scripts:
              bad:
                env:
                  JOB_ID: ↓${resources.jobs.my_job.id}
                content: echo "$JOB_ID"
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            variables:
              catalog:
                default: main
            scripts:
              hello:
                env:
                  TARGET: ${bundle.target}
                  HOST: ${workspace.host}
                  CATALOG: ${var.catalog}
                  OTHER: ${variables.catalog.value}
                content: echo "$TARGET $HOST $CATALOG"
            """),
        ])

    static let allowed: Set<String> = ["bundle", "workspace", "var", "variables"]

    /// The paths of the `${…}` references of a value.
    static func references(in text: String) -> [String] {
        var out: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "${") {
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { break }
            out.append(String(rest[open.upperBound..<close]).trimmingCharacters(in: .whitespaces))
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for file in context.bundle.files {
            for script in file.root?["scripts"]?.mapping?.entries ?? [] {
                for entry in script.value["env"]?.mapping?.entries ?? [] {
                    guard let text = entry.value.string, text.contains("${") else { continue }
                    for path in Self.references(in: text) {
                        let prefix = String(path.prefix { $0 != "." && $0 != "[" })
                        guard !Self.allowed.contains(prefix) else { continue }
                        found.append(diagnostic("${\(path)} cannot be used in scripts.\(script.key).env.\(entry.key); only ${bundle.*}, ${workspace.*}, and ${var.*} are resolved before scripts execute",
                                                detail: prefix == "resources"
                                                    ? "A resource's id is known only after a deploy. Pass it as a variable, or look it up in the script (`databricks bundle summary --output json`)."
                                                    : "Use ${bundle.*}, ${workspace.*} or ${var.*} here.",
                                                path: "scripts.\(script.key).env.\(entry.key)", at: entry.value.location))
                    }
                }
            }
        }
        return found
    }
}
