import BundleModel

public struct ResourceKeyLiteralRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "resource-key-literal", name: "Resource keys are literal", severity: .error, scope: .bundle,
        summary: "Resource keys contain no `${...}` reference and only letters, digits, `_` and `-`.",
        documentation: """
        Keys are resolved before variables, so `${var.env}_etl` as a key stays literally that, and the CLI
        rejects it. Put the variable into the resource's `name` instead and keep the key fixed.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                ↓${bundle.target}_etl:
                  name: etl
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: ${bundle.target}_etl
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var sections: [(String, YAMLNode?)] = [("resources", context.bundle.configuration["resources"])]
        for t in context.bundle.targetsMapping?.entries ?? [] {
            sections.append(("targets.\(t.key).resources", t.value["resources"]))
        }
        var out: [Diagnostic] = []
        for (prefix, section) in sections {
            for type in section?.mapping?.entries ?? [] {
                for r in type.value.mapping?.entries ?? [] {
                    let valid = r.key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
                    guard !valid else { continue }
                    let summary = r.key.contains("${")
                        ? "resource key \(r.key) contains a reference; keys must be literal"
                        : "resource key \"\(r.key)\" may contain only letters, digits, _ and -"
                    out.append(diagnostic(summary, detail: "Use a fixed key and put variable parts into the resource's name.",
                                          path: "\(prefix).\(type.key).\(r.key)", at: r.keyLocation))
                }
            }
        }
        return out
    }
}
