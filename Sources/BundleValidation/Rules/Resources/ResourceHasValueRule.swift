import BundleModel

public struct ResourceHasValueRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "resource-has-value", name: "Resources have a definition", severity: .error, scope: .bundle,
        summary: "Each resource key has a definition, not an empty value.",
        documentation: """
        A resource written as a key with nothing after it (`empty_job:`) defines nothing: the Databricks
        CLI stops with "job empty_job is not defined" (bundle/config/validate/all_resources_have_values.go).
        Usually the definition was indented one level too little, or deleted and the key left behind. Give
        the resource its settings, or remove the key.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                ↓empty_job:
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                nightly:
                  name: nightly
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        func check(_ resources: YAMLNode?, prefix: String) {
            for type in resources?.mapping?.entries ?? [] {
                for resource in type.value.mapping?.entries ?? [] where resource.value.isNull {
                    found.append(diagnostic("\(OneResourcePerFileRule.singular(type.key)) \(resource.key) is not defined",
                                            detail: "Give it its settings (indented below its key), or remove the key.",
                                            path: "\(prefix)resources.\(type.key).\(resource.key)", at: resource.keyLocation))
                }
            }
        }
        for file in context.bundle.files {
            check(file.root?["resources"], prefix: "")
            for target in file.root?["targets"]?.mapping?.entries ?? [] { check(target.value["resources"], prefix: "targets.\(target.key).") }
        }
        return found
    }
}
