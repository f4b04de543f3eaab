import BundleModel

public struct RunAsIdentityRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "run-as-identity", name: "run_as names one identity", severity: .error, scope: .target,
        summary: "`run_as` has exactly one of `user_name` and `service_principal_name`.",
        documentation: """
        Jobs and pipelines run as one identity. Give either a user's e-mail (`user_name`) or a service
        principal's application id (`service_principal_name`), not both and not neither. An empty value
        counts as none, also when it comes from a variable (`user_name: ${var.runner}` with an empty
        default): the Databricks CLI resolves variables first and then rejects it with "run_as section must
        specify exactly one identity" (bundle/config/mutator/resourcemutator/run_as.go, acceptance tests
        bundle/run_as/empty_user and empty_sp). An empty `run_as:` (null) is allowed, as in the CLI.
        A job's or pipeline's own `run_as` is not checked by `bundle validate` (only the top-level one):
        both identities there is still an error (the Jobs API refuses it at deploy), none is a warning
        (the CLI drops the empty value and the job runs as its owner).
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            ↓run_as:
              user_name: someone@example.com
              service_principal_name: 6f1c3a52-0000-4000-8000-000000000001
            """),
            RuleExample("""
            bundle:
              name: demo
            variables:
              runner:
                default: ""
            ↓run_as:
              user_name: ${var.runner}
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            run_as:
              service_principal_name: 6f1c3a52-0000-4000-8000-000000000001
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var places: [(YAMLNode, String, SourceLocation)] = []
        if let e = context.effective.configuration.entry("run_as") { places.append((e.value, "run_as", e.keyLocation)) }
        for job in context.resources("jobs") {
            if let e = job.node.mapping?.entry("run_as") { places.append((e.value, job.path + ".run_as", e.keyLocation)) }
        }
        for p in context.resources("pipelines") {
            if let e = p.node.mapping?.entry("run_as") { places.append((e.value, p.path + ".run_as", e.keyLocation)) }
        }
        return places.compactMap { node, path, location in
            guard let m = node.mapping else { return nil }
            let fields = ["user_name", "service_principal_name"]
            let set = fields.filter { m[$0].map { !$0.isNull && $0.string != "" } ?? false }
            if set.count == 1 { return nil }
            let empty = fields.filter { m[$0]?.string == "" }
            let summary = set.isEmpty
                ? "\(path) names no identity" + (empty.isEmpty ? "" : " (\(empty.joined(separator: " and ")) is empty)")
                : "\(path) sets both user_name and service_principal_name"
            var found = diagnostic(summary, detail: "Keep exactly one of user_name and service_principal_name, with a value.", path: path, at: location)
            if set.isEmpty, path != "run_as" { found.severity = .warning }
            return found
        }
    }
}
