import BundleModel

public struct ResourceKeyLiteralRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "resource-key-literal", name: "Resource keys are literal", severity: .error, scope: .bundle,
        summary: "Resource keys contain no `${...}` reference (an error) and only letters, digits, `_` and `-` (a warning).",
        documentation: """
        Keys are resolved before variables, so `${var.env}_etl` as a key stays literally that, and the CLI
        rejects it. Put the variable into the resource's `name` instead and keep the key fixed. Letters and
        digits of any script are fine (`变量`, as in the CLI's acceptance tests); other characters (spaces,
        dots) are a warning: the CLI deploys them, but `${resources.jobs.<key>.id}` cannot name the resource.
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
                    let path = "\(prefix).\(type.key).\(r.key)"
                    if r.key.contains("${") {
                        out.append(diagnostic("resource key \(r.key) contains a reference; keys must be literal",
                                              detail: "Use a fixed key and put variable parts into the resource's name.",
                                              path: path, at: r.keyLocation))
                    } else if !r.key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) {
                        // The CLI deploys it, but `${resources.<type>.<key>...}` cannot name it.
                        var d = diagnostic("resource key \"\(r.key)\" cannot be named in ${resources...} references",
                                           detail: "Keep keys to letters, digits, _ and -; put the rest into the resource's name.",
                                           path: path, at: r.keyLocation)
                        d.severity = .warning
                        out.append(d)
                    }
                }
            }
        }
        return out
    }
}
