import BundleEditing
import BundleModel
import Foundation

/// "use my cluster 0123-456789-abcdefgh in dev", "run the extract task on the existing cluster
/// 0123-…", "use the shared cluster for the notebook task": tasks on an all-purpose cluster.
/// For a development target it is the target's `cluster_id` (every task of the target uses it, as
/// `databricks bundle deploy --cluster-id` does); otherwise the tasks' `existing_cluster_id`.
public enum ExistingClusterIntent: Intent {
    public static let id = "existing-cluster"
    public static let summary = "running tasks on an existing all-purpose cluster (a dev target's cluster_id, or tasks' existing_cluster_id)"
    public static let examples = ["use my cluster 0123-456789-abcdefgh in dev", "run the extract task on the existing cluster 0123-456789-abcdefgh"]

    static let idPattern = try! NSRegularExpression(pattern: "^[0-9]{4}-[0-9]{6}-[a-z0-9]{8}$")

    /// A cluster id as the workspace writes them, or a `${var.…}` that stands for one.
    static func clusterID(_ text: RequestText) -> String? {
        let tokens = KeyValueWords.original(text)
        if let id = tokens.first(where: { idPattern.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil }) { return id }
        // "the cluster ${var.dev_cluster}", "cluster id ${var.x}": the variable right after the word
        // (in "the cluster policy ${var.policy}" it is a policy's).
        guard let at = tokens.firstIndex(where: { ["cluster", "cluster_id", "existing_cluster_id"].contains($0.lowercased()) }) else { return nil }
        let next = tokens[(at + 1)...].drop { ["id", "=", ":", "is"].contains($0.lowercased()) }.first
        return next.flatMap { $0.hasPrefix("${var.") ? $0 : nil }
    }

    public static func score(_ text: RequestText) -> Int {
        // "use instance pool 0101-…": a pool's id is no cluster's (InstancePoolIntent).
        if text.hasAny(["pool", "pools", "instance_pool_id"]) { return 0 }
        // "use spot instances on the all-purpose cluster": a setting of that cluster, not running on it.
        if clusterID(text) == nil, text.hasAny(["spot", "on-demand", "photon", "worker", "workers", "spark", "policy", "autoscale", "tag", "tags",
                                                "runtime", "version", "node", "nodes", "idle", "terminate", "smaller", "bigger", "larger"]) { return 0 }
        let phrase = text.contains("existing cluster") || text.contains("all-purpose cluster") || text.contains("interactive cluster")
            || text.contains("all purpose cluster") || text.hasAny(["cluster_id", "existing_cluster_id"])
        if clusterID(text) != nil && (phrase || text.hasAny(["cluster", "use", "run", "runs"])) { return 5 }
        return phrase && text.hasAny(["use", "run", "runs", "on", "switch", "move"]) ? 4 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        // The cluster: an id, or a cluster the bundle defines ("the shared cluster").
        var value = clusterID(context.request)
        let scoped = value.map { context.ignoring([$0]) } ?? context
        if value == nil {
            let defined = scoped.catalog.mentions(in: context.request.original).keys.filter { $0.type == "clusters" }.sorted()
            if defined.count == 1 { value = "${resources.clusters.\(defined[0].key).cluster_id}" }
        }
        guard let value else {
            throw PlanningStop(outcome: .clarify(question: "Which cluster? Give its id (Compute → the cluster → its URL or JSON), such as 0123-456789-abcdefgh.",
                                                 choices: examples))
        }
        let target = try scoped.target()
        let development = target.map { context.bundle.targetsMapping?[$0]?["mode"]?.string == "development" } ?? false
        // ("move the bronze py job to cluster … in dev": that job, not every job of dev.)
        let wholeTarget = development && scoped.namedPartsOfAnyJob(.task).isEmpty
            && !scoped.catalog.mentions(in: scoped.request.original).keys.contains { $0.type == "jobs" } && !scoped.request.has("job")
        // Every task on an existing cluster writes it as one variable that has no value in the target
        // (`existing_cluster_id: ${var.existing_cluster_id}`, declared without a default): that variable's value
        // for the target (cluster_id on the target left the variable unset, the bundle's error stayed).
        if let target, wholeTarget {
            let written = context.catalog.references(ofType: "jobs").flatMap { job -> [String?] in
                let location = context.jobLocation(job.key, target: nil)
                return (context.rawNode(file: location.file, path: location.base + [.key("tasks")])?.sequence ?? [])
                    .compactMap { $0["existing_cluster_id"] }.map { VariableValueIntent.variable(in: $0, declaredIn: context) }
            }
            if !written.isEmpty, Set(written).count == 1, let variable = written[0],
               context.bundle.effectiveConfiguration(target: target).configuration["variables"]?[variable]?["default"] == nil,
               context.bundle.targetsMapping?[target]?["variables"]?[variable] == nil,
               let assignment = try VariableValueIntent.assignment(context, variable: variable, value: value, target: target) {
                return Plan(subject: assignment.subject, summary: assignment.summary + " Every task that names the variable \(variable) runs on that cluster in \(target).",
                            target: target, edits: [(assignment.file, assignment.operations)])
            }
        }
        if let target, wholeTarget {
            let file = context.targetFile(target)
            let path: EditPath = [.key("targets"), .key(target), .key("cluster_id")]
            // The deprecated compute_id wins over cluster_id (the CLI's ComputeIdToClusterId copies it over):
            // it goes, and cluster_id says which cluster.
            let computeID: EditPath = [.key("targets"), .key(target), .key("compute_id")]
            let deprecated = context.rawNode(file: file, path: computeID)
            if context.rawNode(file: file, path: path)?.string == value && deprecated == nil {
                throw PlanningStop(outcome: .refused("target \(target) already runs on the cluster \(value)"))
            }
            return Plan(subject: "Run target \(target) on the cluster \(value)",
                        summary: "Set cluster_id to \(value) on target \(target): in \(target), every task that runs on a cluster runs on that existing cluster instead (job clusters are not created)."
                            + (deprecated.map { " It replaces the deprecated compute_id (\($0.string ?? "…")), which would win over cluster_id." } ?? ""),
                        target: target, edits: [(file, (deprecated == nil ? [] : [.delete(computeID)]) + [.set(path, .string(value))])])
        }
        let job = try scoped.job(where: { !computeTasks(context, $0, target: target).isEmpty }, unfit: { scoped.computeNote($0, target: target) })
        let tasks = computeTasks(context, job, target: target)
        guard !tasks.isEmpty else {
            throw PlanningStop(outcome: .refused("job \(job) \(scoped.computeNote(ResourceReference(type: "jobs", key: job), target: target)); it has no task that runs on a cluster"))
        }
        let mentioned = scoped.namedParts(.task, of: ResourceReference(type: "jobs", key: job))
        let chosen = mentioned.isEmpty ? tasks : tasks.filter { mentioned.contains($0) }
        guard !chosen.isEmpty else {
            throw PlanningStop(outcome: .refused("task \(mentioned.joined(separator: ", ")) of job \(job) runs no cluster (its kind of task takes none)"))
        }
        let location = context.jobLocation(job, target: target)
        let written = context.rawNode(file: location.file, path: location.base + [.key("tasks")])?.sequence ?? []
        var operations: [EditOperation] = []
        for task in chosen {
            operations.append(context.setInList(file: location.file, base: location.base, list: "tasks", identityField: "task_key",
                                                identity: task, inner: [.key("existing_cluster_id")], value: .string(value)))
            // Where the task's own compute is written here, it goes; a target cannot remove what the definition sets.
            if let index = written.firstIndex(where: { context.writtenItem($0, field: "task_key", is: task) }) {
                for field in ["job_cluster_key", "new_cluster", "environment_key"] where written[index][field] != nil {
                    operations.append(.delete(location.base + [.key("tasks"), .index(index), .key(field)]))
                }
            }
        }
        if target != nil {
            let definition = context.jobLocation(job, target: nil)
            let items = context.rawNode(file: definition.file, path: definition.base + [.key("tasks")])?.sequence ?? []
            let kept = chosen.flatMap { task in
                ["job_cluster_key", "new_cluster", "environment_key"].filter { items.first { $0["task_key"]?.string == task }?[$0] != nil }.map { (task, $0) }
            }
            if !kept.isEmpty {
                let inherited = kept.map(\.0), fields = Set(kept.map(\.1)).sorted()
                throw PlanningStop(outcome: .refused("in target \(target!), task \(inherited.joined(separator: ", ")) of job \(job) would keep the compute its definition gives it (\(fields.joined(separator: ", "))); "
                    + (development ? "ask without naming a job or task to run all of \(target!) on the cluster" : "ask without a target to change the job's definition, or make \(target!) a development target and set its cluster_id")))
            }
        }
        // Job clusters no task uses any more go too.
        let effective = context.effectiveJob(job, target: target)
        let stillUsed = Set((effective?["tasks"]?.sequence ?? []).filter { !chosen.contains($0["task_key"]?.string ?? "") }.compactMap { $0["job_cluster_key"]?.string })
        let clusters = context.rawNode(file: location.file, path: location.base + [.key("job_clusters")])?.sequence ?? []
        let unusedIndices = clusters.indices.reversed().filter { clusters[$0]["job_cluster_key"]?.string.map { !stillUsed.contains($0) } ?? false }
        let unused = unusedIndices.compactMap { clusters[$0]["job_cluster_key"]?.string }
        if !clusters.isEmpty && unusedIndices.count == clusters.count {
            operations.append(.delete(location.base + [.key("job_clusters")]))
        } else {
            operations += unusedIndices.map { .delete(location.base + [.key("job_clusters"), .index($0)]) }
        }
        let which = chosen.count == tasks.count && chosen.count > 1 ? "every task" : "task\(chosen.count == 1 ? "" : "s") \(chosen.joined(separator: ", "))"
        return Plan(subject: "Run \(which) of \(job) on the cluster \(value)\(target.map { " in \($0)" } ?? "")",
                    summary: "Set existing_cluster_id to \(value) on \(which) of job \(job)\(context.forTarget(target))"
                        + (unused.isEmpty ? "." : "; removed the job cluster\(unused.count == 1 ? "" : "s") \(unused.reversed().joined(separator: ", ")), which no task uses now."),
                    target: target, job: job, edits: [(location.file, operations)])
    }

    /// The tasks of a job that run on a cluster (notebook, Python, wheel, JAR, Spark submit, dbt on a cluster).
    static func computeTasks(_ context: PlanningContext, _ job: String, target: String?) -> [String] {
        let clusterless: Set<String> = ["sql_task", "dashboard_task", "pipeline_task", "run_job_task", "condition_task", "for_each_task", "dbt_cloud_task", "power_bi_task", "alert_task"]
        return (context.effectiveJob(job, target: target)?["tasks"]?.sequence ?? []).compactMap { task in
            guard let key = task["task_key"]?.string, let kind = task.mapping?.keys.first(where: { $0.hasSuffix("_task") }), !clusterless.contains(kind) else { return nil }
            return key
        }
    }
}

extension PlanningContext {
    /// Parts of this kind of any job the request names ("the extract task").
    func namedPartsOfAnyJob(_ kind: ResourceCatalog.PartKind) -> [String] {
        catalog.references(ofType: "jobs").flatMap { namedParts(kind, of: $0) }
    }
}
