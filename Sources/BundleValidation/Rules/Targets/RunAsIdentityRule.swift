import BundleModel
import Foundation

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
        (the CLI drops the empty value and the job runs as its owner). Apps, serving endpoints, quality
        monitors and dashboards that embed credentials run as the identity that deploys them: with a
        `run_as` service principal that is no application id (no UUID), which never deploys, the CLI
        refuses them ("apps do not support a setting a run_as user that is different from the owner"), unless
        `experimental.use_legacy_run_as` is set, where it checks none of this. With an application id or a
        user as `run_as`, the CLI refuses them unless that identity deploys, which only the deploy knows: a
        warning.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            run_as:
              service_principal_name: dpp-prod-sp
            resources:
              ↓apps:
                portal:
                  name: portal
                  source_code_path: ./app
            """, files: ["app/app.py": "print('hi')\n"]),
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
            // The legacy mode: the CLI sets the identity without checking the resources (run-as-legacy-mode warns).
            RuleExample("""
            bundle:
              name: demo
            experimental:
              use_legacy_run_as: true
            run_as:
              service_principal_name: dpp-prod-sp
            resources:
              apps:
                portal:
                  name: portal
                  source_code_path: ./app
            """, files: ["app/app.py": "print('hi')\n"]),
        ])

    /// Apps, serving endpoints, quality monitors and dashboards that embed credentials run as their
    /// owner, the deploying identity: the CLI refuses a `run_as` that is not that identity (validateRunAs
    /// in run_as.go). A service principal is deployed as by its application id (a UUID), so a
    /// `service_principal_name` that is no UUID is never the deploying identity: refused for certain.
    func ownerOnlyResources(_ context: ValidationContext) -> [Diagnostic] {
        guard let runAs = context.effective.configuration.entry("run_as"), let resources = context.effective.configuration["resources"] else { return [] }
        let principal = runAs.value["service_principal_name"]?.string ?? ""
        let user = runAs.value["user_name"]?.string ?? ""
        // A run_as that may be the deploying identity (an application id, or a user): the CLI refuses these
        // resources unless the bundle is deployed as it — which only the deploy knows: a warning.
        guard !principal.isEmpty, user.isEmpty, !principal.contains("${"), UUID(uuidString: principal) == nil else {
            let identity = principal.isEmpty ? user : principal
            guard !identity.isEmpty, !identity.contains("${workspace.current_user"), principal.isEmpty || user.isEmpty else { return [] }
            return ownerOnlyKinds(context, resources).map { kind, location in
                var finding = diagnostic("\(kind) do not support a setting a run_as user that is different from the owner.",
                                         detail: "run_as is \(identity); these resources run as the identity that deploys the bundle, so `databricks bundle deploy` refuses them unless it is \(identity) who deploys (a CI job signed in as that \(principal.isEmpty ? "user" : "service principal")). Deploy as \(identity), or set run_as only where jobs and pipelines need it. See https://docs.databricks.com/dev-tools/bundles/run-as.html.",
                                         path: "run_as", at: location)
                finding.severity = .warning
                return finding
            }
        }
        return ownerOnlyKinds(context, resources).map { kind, location in
            diagnostic("\(kind) do not support a setting a run_as user that is different from the owner.",
                       detail: "run_as names the service principal \"\(principal)\", which is no application id (a UUID), so it can never be the identity that deploys the bundle, and these resources run as the one that does. Set run_as.service_principal_name to the principal's application id and deploy as that principal, or remove run_as from this target. See https://docs.databricks.com/dev-tools/bundles/run-as.html.",
                       path: "run_as", at: location)
        }
    }

    /// The kinds of resources that run as their owner, where the bundle has them.
    func ownerOnlyKinds(_ context: ValidationContext, _ resources: YAMLNode) -> [(String, SourceLocation)] {
        var kinds: [(String, SourceLocation)] = []
        for (type, label) in [("model_serving_endpoints", "model_serving_endpoints"), ("quality_monitors", "quality_monitors"), ("apps", "apps")] {
            if let entry = resources.mapping?.entry(type), !(entry.value.mapping?.entries.isEmpty ?? true) { kinds.append((label, entry.keyLocation)) }
        }
        for dashboard in context.resources("dashboards") where dashboard.node["embed_credentials"]?.scalar?.value == .bool(true) {
            kinds.append(("dashboards with embed_credentials set to true", dashboard.node.location))
        }
        return kinds
    }

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var places: [(YAMLNode, String, SourceLocation)] = []
        if let e = context.effective.configuration.entry("run_as") { places.append((e.value, "run_as", e.keyLocation)) }
        for job in context.resources("jobs") {
            if let e = job.node.mapping?.entry("run_as") { places.append((e.value, job.path + ".run_as", e.keyLocation)) }
        }
        for p in context.resources("pipelines") {
            if let e = p.node.mapping?.entry("run_as") { places.append((e.value, p.path + ".run_as", e.keyLocation)) }
        }
        // With experimental.use_legacy_run_as the CLI sets the identity and warns (run-as-legacy-mode),
        // without checking which resources support run_as (run_as.go returns before validateRunAs).
        let legacy = context.effective.configuration["experimental"]?["use_legacy_run_as"]?.scalar?.value == .bool(true)
        if legacy { return [] }
        return ownerOnlyResources(context) + places.compactMap { node, path, location in
            guard let m = node.mapping else { return nil }
            let fields = ["user_name", "service_principal_name"]
            let set = fields.filter { m[$0].map { !$0.isNull && $0.string != "" } ?? false }
            if set.count == 1 { return nil }
            let empty = fields.filter { m[$0]?.string == "" }
            let summary = set.isEmpty
                ? "\(path) names no identity" + (empty.isEmpty ? "" : " (\(empty.joined(separator: " and ")) \(empty.count == 1 ? "is" : "are") empty)")
                : "\(path) sets both user_name and service_principal_name"
            var found = diagnostic(summary, detail: "Keep exactly one of user_name and service_principal_name, with a value.", path: path, at: location)
            if set.isEmpty, path != "run_as" { found.severity = .warning }
            return found
        }
    }
}
