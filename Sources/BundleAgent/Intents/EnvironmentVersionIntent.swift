import BundleEditing
import Foundation

/// "change the environment version to 3", "use serverless environment version 4 for the digest
/// job": the `environment_version` (older bundles: `client`) of a job's serverless environments.
public enum EnvironmentVersionIntent: Intent {
    public static let id = "environment-version"
    public static let summary = "the serverless environment version of jobs"
    public static let examples = ["change the environment version to 3", "use serverless environment version 4 in dev"]

    /// Python versions → the serverless environment version that brings them, and the LTS runtime that does on clusters.
    static let python: [String: (environment: String, runtime: String)] = ["3.10": ("1", "14.3"), "3.11": ("2", "15.4"), "3.12": ("3", "16.4")]

    /// Serverless environment version → its Python.
    static let environmentPython: [String: String] = ["1": "3.10", "2": "3.11", "3": "3.12", "4": "3.12"]

    /// "use python 3.11": the version asked for.
    static func pythonVersion(_ text: RequestText) -> String? {
        guard text.hasAny(["python", "py"]) else { return nil }
        return text.words.first { python[$0] != nil }
    }

    public static func score(_ text: RequestText) -> Int {
        if pythonVersion(text) != nil || (text.hasAny(["python", "py"]) && text.words.contains { $0.hasPrefix("3.") }) { return 5 }
        return (text.hasAny(["environment", "environments", "env"]) && text.has("version")) || text.has("environment_version") || text.contains("client version") ? 5 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let asked = pythonVersion(text)
        if asked == nil, text.hasAny(["python", "py"]), let other = text.words.first(where: { $0.hasPrefix("3.") }) {
            throw PlanningStop(outcome: .refused("Python \(other) comes with no serverless environment or LTS runtime; Python 3.10 (environment 1), 3.11 (environment 2) and 3.12 (environment 3) do"))
        }
        // The version: the one that brings the Python asked for, or the number given.
        guard let version = asked.map({ python[$0]!.environment })
                ?? text.words.drop(while: { !["version", "environment_version", "to"].contains($0) }).first(where: { Int($0) != nil })
                ?? text.words.last(where: { Int($0) != nil }) else {
            throw PlanningStop(outcome: .clarify(question: "Which environment version?", choices: ["change the environment version to 4"]))
        }
        let scoped = context.ignoring([asked ?? version])
        let target = try scoped.target()
        let onClusters = asked.map { "runs on clusters (Python \($0) comes with Databricks Runtime \(python[$0]!.runtime) LTS there)" } ?? "has no serverless environments"
        let job = try scoped.job(where: { !(context.effectiveJob($0, target: target)?["environments"]?.sequence ?? []).isEmpty }, unfit: { _ in onClusters })
        let environments = context.effectiveJob(job, target: target)?["environments"]?.sequence ?? []
        guard !environments.isEmpty else {
            if let asked {
                let runtime = python[asked]!.runtime
                throw PlanningStop(outcome: .refused("job \(job) runs on clusters, where Python \(asked) comes with Databricks Runtime \(runtime) LTS: ask \"use Databricks Runtime \(runtime) for \(job)\""))
            }
            throw PlanningStop(outcome: .refused("job \(job) has no serverless environments (its tasks run on clusters, whose version is the Spark runtime)"))
        }
        let shown = version + (asked.map { " (Python \($0))" } ?? "")
        let keys = environments.compactMap { $0["environment_key"]?.string }
        let named = scoped.namedParts(.environment, of: ResourceReference(type: "jobs", key: job))
        let chosen = named.isEmpty ? keys : keys.filter(named.contains)
        let location = context.jobLocation(job, target: target)
        var operations: [EditOperation] = []
        for key in chosen {
            let spec = environments.first { $0["environment_key"]?.string == key }?["spec"]
            let field = spec?["environment_version"] == nil && spec?["client"] != nil ? "client" : "environment_version"
            guard spec?[field]?.string != version else { continue }
            // A newer version with the same Python already brings it ("upgrade python to 3.12" on version 4 is no downgrade to 3).
            if let asked, let current = spec?[field]?.string, environmentPython[current] == asked { continue }
            operations.append(context.setInList(file: location.file, base: location.base, list: "environments", identityField: "environment_key",
                                                identity: key, inner: [.key("spec"), .key(field)], value: .string(version)))
        }
        guard !operations.isEmpty else {
            let already = asked.map { "Python \($0)" } ?? "version \(shown)"
            throw PlanningStop(outcome: .refused("the environment\(chosen.count == 1 ? "" : "s") \(chosen.joined(separator: ", ")) of job \(job) already use\(chosen.count == 1 ? "s" : "") \(already)"))
        }
        return Plan(subject: "Use environment version \(version) for \(job)\(target.map { " in \($0)" } ?? "")",
                    summary: "Set the environment version to \(shown) on environment\(chosen.count == 1 ? "" : "s") \(chosen.joined(separator: ", ")) of job \(job)\(context.forTarget(target)).",
                    target: target, job: job, edits: [(location.file, operations)])
    }
}
