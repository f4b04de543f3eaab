import BundleModel

public struct ResourceDefinedTwiceRule: ModelReportedRule {
    public init() {}
    public static let description = RuleDescription(
        id: ModelRuleID.resourceDefinedTwice, name: "Resource defined twice", severity: .error, scope: .bundle,
        summary: "Each resource is defined in one file.",
        documentation: """
        When two included files define the same `resources.<type>.<key>`, which definition wins depends on
        include order. Keep one definition; use a target override to change it per target.
        """,
        triggeringExamples: [
            RuleExample("bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n", files: [
                "resources/a.yml": "resources:\n  jobs:\n    etl:\n      name: a\n",
                "resources/b.yml": "resources:\n  jobs:\n    ↓etl:\n      name: b\n",
            ]),
        ],
        nonTriggeringExamples: [
            RuleExample("bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n", files: [
                "resources/a.yml": "resources:\n  jobs:\n    etl:\n      name: a\n",
                "resources/b.yml": "resources:\n  jobs:\n    report:\n      name: b\n",
            ]),
        ])
}
