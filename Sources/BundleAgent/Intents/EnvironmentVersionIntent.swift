import BundleEditing
import Foundation

/// "change the environment version to 3", "use serverless environment version 4 for the digest
/// job": the `environment_version` (older bundles: `client`) of a job's serverless environments.
public enum EnvironmentVersionIntent: Intent {
    public static let id = "environment-version"
    public static let summary = "the serverless environment version of jobs"
    public static let examples = ["change the environment version to 3", "use serverless environment version 4 in dev"]

    public static func score(_ text: RequestText) -> Int {
        (text.hasAny(["environment", "environments", "env"]) && text.has("version")) || text.has("environment_version") || text.contains("client version") ? 5 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        guard let version = text.words.drop(while: { !["version", "environment_version", "to"].contains($0) }).first(where: { Int($0) != nil }) ?? text.words.last(where: { Int($0) != nil }) else {
            throw PlanningStop(outcome: .clarify(question: "Which environment version?", choices: ["change the environment version to 4"]))
        }
        let scoped = context.ignoring([version])
        let target = try scoped.target()
        let job = try scoped.job(where: { !(context.effectiveJob($0, target: target)?["environments"]?.sequence ?? []).isEmpty })
        let environments = context.effectiveJob(job, target: target)?["environments"]?.sequence ?? []
        guard !environments.isEmpty else {
            throw PlanningStop(outcome: .refused("job \(job) has no serverless environments (its tasks run on clusters, whose version is the Spark runtime)"))
        }
        let keys = environments.compactMap { $0["environment_key"]?.string }
        let named = scoped.namedParts(.environment, of: ResourceReference(type: "jobs", key: job))
        let chosen = named.isEmpty ? keys : keys.filter(named.contains)
        let location = context.jobLocation(job, target: target)
        var operations: [EditOperation] = []
        for key in chosen {
            let spec = environments.first { $0["environment_key"]?.string == key }?["spec"]
            let field = spec?["environment_version"] == nil && spec?["client"] != nil ? "client" : "environment_version"
            guard spec?[field]?.string != version else { continue }
            operations.append(context.setInList(file: location.file, base: location.base, list: "environments", identityField: "environment_key",
                                                identity: key, inner: [.key("spec"), .key(field)], value: .string(version)))
        }
        guard !operations.isEmpty else {
            throw PlanningStop(outcome: .refused("the environment\(chosen.count == 1 ? "" : "s") \(chosen.joined(separator: ", ")) of job \(job) already use\(chosen.count == 1 ? "s" : "") version \(version)"))
        }
        return Plan(subject: "Use environment version \(version) for \(job)\(target.map { " in \($0)" } ?? "")",
                    summary: "Set the environment version to \(version) on environment\(chosen.count == 1 ? "" : "s") \(chosen.joined(separator: ", ")) of job \(job)\(context.forTarget(target)).",
                    target: target, job: job, edits: [(location.file, operations)])
    }
}
