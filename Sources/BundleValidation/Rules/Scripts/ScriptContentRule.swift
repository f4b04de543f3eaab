import BundleModel
import Foundation

public struct ScriptContentRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "script-content", name: "Scripts have plain content", severity: .error, scope: .bundle,
        summary: "Each of `scripts:` has a `content`, without `${…}` references.",
        documentation: """
        `databricks bundle run NAME` runs a script of the top-level `scripts:` section. The CLI refuses a
        script without content ("Script NAME has no content") and one whose content holds a `${…}`
        reference, which it does not substitute there ("Interpolation syntax ${...} is not supported in
        script content"; bundle/config/validate/scripts.go). Read values from the environment instead:
        the CLI sets DATABRICKS_HOST and the other settings of the target for the script.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            scripts:
              hello:
                content: ↓"echo ${bundle.target}"
            """),
            RuleExample("""
            bundle:
              name: demo
            scripts:
              ↓empty:
                content: ""
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            scripts:
              hello:
                content: echo "$DATABRICKS_HOST"
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for file in context.bundle.files {
            for script in file.root?["scripts"]?.mapping?.entries ?? [] {
                let content = script.value["content"]
                guard let text = content?.string, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    found.append(diagnostic("Script \(script.key) has no content", detail: "Give it a content: the commands to run.",
                                            path: "scripts.\(script.key)", at: script.keyLocation))
                    continue
                }
                if let start = text.range(of: "${") {
                    let reference = text[start.lowerBound...].prefix { $0 != "}" } + "}"
                    found.append(diagnostic("Found \(reference) in script \(script.key).content. Interpolation syntax ${...} is not supported in script content",
                                            detail: "Declare an environment variable in the script's `env:` section and read it in `content` with $NAME (env: {MY_VAR: \(reference)}, content: echo \"$MY_VAR\").",
                                            path: "scripts.\(script.key).content", at: content?.location))
                }
            }
        }
        return found
    }
}
