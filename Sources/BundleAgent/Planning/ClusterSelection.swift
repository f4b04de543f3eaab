import BundleEditing
import BundleModel

/// The job cluster a request is about, with where to write changes to it.
struct ClusterSelection {
    var job: String
    var target: String?
    var clusterKey: String
    /// The cluster's effective specification for the target.
    var spec: YAMLNode
    var location: (file: String, base: EditPath)

    /// The cluster of `job`, or of the job the request is about.
    init(_ context: PlanningContext, job jobKey: String? = nil) throws {
        let target = try context.target()
        self.target = target
        job = try jobKey ?? context.job(where: { context.hasJobCluster($0, target: target) }, unfit: { context.computeNote($0, target: target) })
        guard let effective = context.effectiveJob(job, target: target) else {
            throw PlanningStop(outcome: .refused("job \(job) is not in target \(target ?? "")"))
        }
        let clusters = (effective["job_clusters"]?.sequence ?? []).compactMap { c -> (String, YAMLNode)? in
            guard let key = c["job_cluster_key"]?.string, let spec = c["new_cluster"] else { return nil }
            return (key, spec)
        }
        guard !clusters.isEmpty else {
            throw PlanningStop(outcome: .refused("job \(job) has no job cluster to change: it \(context.computeNote(ResourceReference(type: "jobs", key: job), target: target))"))
        }
        let mentioned = context.namedParts(.jobCluster, of: ResourceReference(type: "jobs", key: job))
        let named = clusters.filter { mentioned.contains($0.0) }
        if named.count == 1 {
            (clusterKey, spec) = named[0]
        } else if clusters.count == 1 {
            (clusterKey, spec) = clusters[0]
        } else {
            throw PlanningStop(outcome: .clarify(question: "Job \(job) has several job clusters; which one? Name it in the request.",
                                                 choices: clusters.map(\.0)))
        }
        location = context.jobLocation(job, target: target)
    }

    /// An edit of a field of the cluster's `new_cluster` (through the target's override when there is one).
    func set(_ context: PlanningContext, _ field: EditPath, _ value: EditValue) -> EditOperation {
        context.setInList(file: location.file, base: location.base, list: "job_clusters", identityField: "job_cluster_key",
                          identity: clusterKey, inner: [.key("new_cluster")] + field, value: value)
    }

    /// Deleting a field of the cluster's `new_cluster` as its definition writes it; refused in a
    /// target (an override cannot remove what it inherits) or when the definition does not set it.
    func deletion(_ context: PlanningContext, _ field: EditPath, what: String) throws -> EditOperation {
        guard target == nil else { throw PlanningStop(outcome: .refused("a target override cannot remove \(what), which it inherits; ask without a target")) }
        let clusters = context.rawNode(file: location.file, path: location.base + [.key("job_clusters")])?.sequence ?? []
        let path = location.base + [.key("job_clusters")]
        guard let index = clusters.firstIndex(where: { $0["job_cluster_key"]?.string == clusterKey }),
              context.rawNode(file: location.file, path: path + [.index(index), .key("new_cluster")] + field) != nil else {
            throw PlanningStop(outcome: .refused("\(description) does not set \(what)"))
        }
        // The last entry of a mapping takes the mapping with it (no `spark_env_vars: {}` left behind).
        let parent = path + [.index(index), .key("new_cluster")] + field.dropLast()
        if field.count > 1, context.rawNode(file: location.file, path: parent)?.mapping?.keys.count == 1 { return .delete(parent) }
        return .delete(path + [.index(index), .key("new_cluster")] + field)
    }

    var description: String { "job cluster \(clusterKey) of job \(job)" }

    /// The cloud, from the cluster's attributes or its node type.
    var cloud: String {
        if spec["azure_attributes"] != nil { return "azure" }
        if spec["gcp_attributes"] != nil { return "gcp" }
        if spec["aws_attributes"] != nil { return "aws" }
        let node = spec["node_type_id"]?.string ?? ""
        if node.hasPrefix("Standard_") { return "azure" }
        if node.hasPrefix("n1-") || node.hasPrefix("n2-") || node.hasPrefix("e2-") || node.hasPrefix("c2-") || node.hasPrefix("n2d-") { return "gcp" }
        return "aws"
    }
}
