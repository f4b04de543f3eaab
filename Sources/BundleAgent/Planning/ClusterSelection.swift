import BundleEditing
import BundleModel

/// The cluster a request is about, with where to write changes to it: a job cluster
/// (`job_clusters[].new_cluster`, by `job_cluster_key`) or a task's own cluster (`tasks[].new_cluster`,
/// by `task_key`, as `databricks bundle generate job` writes older jobs).
struct ClusterSelection {
    var job: String
    var target: String?
    /// The job cluster's key, or the task's key for a task cluster.
    var clusterKey: String
    /// `job_clusters` or `tasks`, and the field that identifies an entry of it.
    var list = "job_clusters"
    var identityField = "job_cluster_key"
    /// The cluster's effective specification for the target.
    var spec: YAMLNode
    var location: (file: String, base: EditPath)
    /// The complex variable whose value, given by the target itself, is the cluster (`new_cluster:
    /// ${var.cluster}` and `targets.prod.variables.cluster: {…}`): edits go to that value.
    var variableValueOfTarget: String?

    /// The clusters a job defines for a target: its job clusters, then its tasks' own clusters.
    static func clusters(of job: YAMLNode?) -> [(key: String, isTask: Bool, spec: YAMLNode)] {
        let shared = (job?["job_clusters"]?.sequence ?? []).compactMap { c -> (key: String, isTask: Bool, spec: YAMLNode)? in
            guard let key = c["job_cluster_key"]?.string, let spec = c["new_cluster"] else { return nil }
            return (key, false, spec)
        }
        let own = (job?["tasks"]?.sequence ?? []).compactMap { t -> (key: String, isTask: Bool, spec: YAMLNode)? in
            guard let key = t["task_key"]?.string, let spec = t["new_cluster"] else { return nil }
            return (key, true, spec)
        }
        return shared + own
    }

    /// An all-purpose cluster of the bundle (`resources.clusters.<key>`) the request is about: named, or
    /// "the all-purpose cluster" when the bundle has one. Its fields are the resource's own.
    static func allPurpose(_ context: PlanningContext) -> ResourceReference? {
        let clusters = context.catalog.references(ofType: "clusters")
        guard !clusters.isEmpty else { return nil }
        let text = context.request
        let mentions = context.catalog.mentions(in: text.original)
        let named = clusters.filter { mentions[$0] == .name }
        if named.count == 1 { return named[0] }
        let says = text.contains("all-purpose") || text.contains("all purpose") || text.contains("interactive cluster")
            || text.contains("development cluster") || text.contains("shared cluster")
        return says && clusters.count == 1 ? clusters[0] : nil
    }

    /// The word before "cluster" when it names clusters of other jobs ("the etl cluster": etl_cluster) and none of
    /// `job`'s, nor a job; nil otherwise.
    static func clusterWordOfAnotherJob(_ context: PlanningContext, job: String, clusters: [String]) -> String? {
        let words = context.request.words
        guard let i = words.firstIndex(where: { $0 == "cluster" || $0 == "clusters" }), i > 0 else { return nil }
        let said = words[i - 1]
        guard said.count >= 3, !ResourceVocabulary.common.contains(said), !["job", "the", "its", "this", "that", "every", "each", "all", "job's"].contains(said),
              !clusters.contains(where: { ResourceCatalog.words($0).contains(said) }) else { return nil }
        // (A job's own words: "the etl cluster" of a job called etl is its cluster.)
        let jobs = context.catalog.references(ofType: "jobs")
        if jobs.contains(where: { ResourceCatalog.words($0.key).contains(said) }) { return nil }
        let others = jobs.filter { $0.key != job }.flatMap { clustersOf($0.key, context) }
        return others.contains(where: { ResourceCatalog.words($0).contains(said) }) ? said : nil
    }

    static func clustersOf(_ job: String, _ context: PlanningContext) -> [String] {
        clusters(of: context.effectiveJob(job, target: nil)).map(\.key)
    }

    /// The cluster of `job`, or of the job the request is about.
    init(_ context: PlanningContext, job jobKey: String? = nil) throws {
        let target = try context.target()
        self.target = target
        if jobKey == nil, let cluster = Self.allPurpose(context) {
            // Written where it is defined: the top level, or the one target that defines it.
            let location = context.location(of: cluster, target: target)
            let definedIn: String? = location.base.first == .key("targets") ? location.base.dropFirst().first.flatMap { if case .key(let t) = $0 { return t } else { return nil } } : nil
            guard let spec = context.effectiveResource(cluster, target: target ?? definedIn) else {
                throw PlanningStop(outcome: .refused("the all-purpose cluster \(cluster.key) is not deployed\(target.map { " in target \($0)" } ?? "")"))
            }
            (job, clusterKey, list, identityField, self.spec, self.location) = (cluster.key, cluster.key, "", "", spec, location)
            return
        }
        job = try jobKey ?? context.job(where: { context.hasJobCluster($0, target: target) }, unfit: { context.computeNote($0, target: target) })
        guard let effective = context.effectiveJob(job, target: target) else {
            throw PlanningStop(outcome: .refused("job \(job) is not in target \(target ?? "")"))
        }
        let clusters = Self.clusters(of: effective)
        guard !clusters.isEmpty else {
            throw PlanningStop(outcome: .refused("job \(job) has no job cluster to change: it \(context.computeNote(ResourceReference(type: "jobs", key: job), target: target))"))
        }
        let reference = ResourceReference(type: "jobs", key: job)
        let mentioned = Set(context.namedParts(.jobCluster, of: reference) + context.namedParts(.task, of: reference))
        let named = clusters.filter { mentioned.contains($0.key) }
        let chosen: (key: String, isTask: Bool, spec: YAMLNode)
        if named.count == 1 {
            chosen = named[0]
        } else if clusters.count == 1, let said = Self.clusterWordOfAnotherJob(context, job: job, clusters: clusters.map(\.key)) {
            // ("… on the etl cluster of every job": a job whose one cluster is its training cluster is not changed.)
            throw PlanningStop(outcome: .refused("job \(job) has no \(said) cluster; its cluster is \(clusters[0].key)"))
        } else if clusters.count == 1 {
            chosen = clusters[0]
        } else {
            throw PlanningStop(outcome: .clarify(question: "Job \(job) has several clusters; which one? Name it in the request.",
                                                 choices: clusters.map(\.key)))
        }
        (clusterKey, spec) = (chosen.key, chosen.spec)
        if chosen.isTask { (list, identityField) = ("tasks", "task_key") }
        location = context.jobLocation(job, target: target)
        // `new_cluster: ${var.ds3_v2}`: a target's override of one field would replace the whole cluster
        // (the CLI merges targets before it resolves variables, and a mapping over a reference wins whole).
        if let target {
            let definition = context.jobLocation(job, target: nil)
            let items = context.rawNode(file: definition.file, path: definition.base + [.key(list)])?.sequence ?? []
            if let entry = items.first(where: { $0[identityField]?.string == clusterKey }),
               let variable = ComplexVariableFields.variable(entry["new_cluster"], context) {
                // The target gives the variable its own value: that value is the target's cluster.
                if let own = ComplexVariableFields.targetValue(of: variable.name, in: target, context) {
                    variableValueOfTarget = variable.name
                    (list, identityField) = ("", "")
                    location = own
                    return
                }
                throw PlanningStop(outcome: .refused("\(list == "tasks" ? "the cluster of task" : "job cluster") \(clusterKey) of job \(job) is ${var.\(variable.name)}, "
                    + "one definition (in \(variable.file)) for every target: a change for \(target) alone would replace the whole cluster there. "
                    + "Ask without the target to change the variable's default, or give target \(target) its own value of \(variable.name) in its variables"))
            }
        }
    }

    /// The path of the cluster's `new_cluster` in the file where the selection writes, when written there.
    func writtenSpecPath(_ context: PlanningContext) -> EditPath? {
        if list.isEmpty { return context.rawNode(file: location.file, path: location.base) != nil ? location.base : nil }
        let items = context.rawNode(file: location.file, path: location.base + [.key(list)])?.sequence ?? []
        guard let index = items.firstIndex(where: { $0[identityField]?.string == clusterKey }) else { return nil }
        return location.base + [.key(list), .index(index), .key("new_cluster")]
    }

    /// An edit of a field of the cluster's `new_cluster` (through the target's override when there is one).
    func set(_ context: PlanningContext, _ field: EditPath, _ value: EditValue) -> EditOperation {
        if list.isEmpty { return .set(location.base + field, value) }
        return context.setInList(file: location.file, base: location.base, list: list, identityField: identityField,
                          identity: clusterKey, inner: [.key("new_cluster")] + field, value: value)
    }

    /// Deleting a field of the cluster's `new_cluster` as its definition writes it; refused in a
    /// target (an override cannot remove what it inherits) or when the definition does not set it.
    /// Whether the cluster is defined in the target's own section alone (the job's definition has no
    /// cluster of that key): what the override writes, it can take away.
    func definedInTargetAlone(_ context: PlanningContext) -> Bool {
        guard target != nil, !list.isEmpty, location.base.first == .key("targets") else { return false }
        let inherited = context.effectiveJob(job, target: nil)?[list]?.sequence ?? []
        return !inherited.contains { $0[identityField]?.string == clusterKey && $0["new_cluster"] != nil }
    }

    func deletion(_ context: PlanningContext, _ field: EditPath, what: String) throws -> EditOperation {
        guard target == nil || (list.isEmpty && location.base.first == .key("targets")) || definedInTargetAlone(context) else {
            throw PlanningStop(outcome: .refused("a target override cannot remove \(what), which it inherits; ask without a target"))
        }
        guard let spec = writtenSpecPath(context), context.rawNode(file: location.file, path: spec + field) != nil else {
            throw PlanningStop(outcome: .refused("\(description) does not set \(what)"))
        }
        // The last entry of a mapping takes the mapping with it (no `spark_env_vars: {}` left behind).
        let parent = spec + field.dropLast()
        if field.count > 1, context.rawNode(file: location.file, path: parent)?.mapping?.keys.count == 1 { return .delete(parent) }
        return .delete(spec + field)
    }

    /// Whether the cluster is set up as single-node (the singleNode profile, local master, the
    /// SingleNode tag, or is_single_node).
    var isSingleNode: Bool {
        spec["spark_conf"]?["spark.databricks.cluster.profile"]?.string == "singleNode" || spec["spark_conf"]?["spark.master"]?.string?.hasPrefix("local") == true
            || spec["custom_tags"]?["ResourceClass"]?.string == "SingleNode" || spec["is_single_node"]?.scalar?.value == .bool(true)
    }

    /// The deletions that make a single-node cluster an ordinary one before it gets workers: the
    /// singleNode profile, the local master, the SingleNode tag and is_single_node, as its definition
    /// writes them. Empty when it is not single-node; refused in a target, which cannot remove them.
    func leavingSingleNode(_ context: PlanningContext) throws -> [EditOperation] {
        guard isSingleNode else { return [] }
        guard target == nil || (list.isEmpty && location.base.first == .key("targets")) || definedInTargetAlone(context) else {
            throw PlanningStop(outcome: .refused("\(description) is single-node in its shared definition, which a target override cannot undo; ask without a target"))
        }
        guard let path = writtenSpecPath(context), var written = context.rawNode(file: location.file, path: path) else {
            throw PlanningStop(outcome: .refused("cannot find \(description) in \(location.file)"))
        }
        // `new_cluster: ${var.ds3_v2_sn}` (a complex variable): its settings, whose deletions go to the
        // variable's default (ComplexVariableFields); `is_single_node: true` stayed beside the workers.
        if written.mapping == nil, written.string?.hasPrefix("${var.") == true { written = spec }
        var operations: [EditOperation] = []
        for (block, keys) in [("spark_conf", ["spark.databricks.cluster.profile", "spark.master"]), ("custom_tags", ["ResourceClass"])] {
            guard let mapping = written[block]?.mapping else { continue }
            let present = keys.filter { key in
                guard let value = mapping[key]?.string else { return false }
                return key == "spark.master" ? value.hasPrefix("local") : key == "ResourceClass" ? value == "SingleNode" : value == "singleNode"
            }
            if present.isEmpty { continue }
            // The last entries take the mapping with them (no `spark_conf: {}` left behind).
            operations += present.count == mapping.count ? [.delete(path + [.key(block)])] : present.map { .delete(path + [.key(block), .key($0)]) }
        }
        if written["is_single_node"] != nil { operations.append(.delete(path + [.key("is_single_node")])) }
        return operations
    }

    var description: String {
        if let variable = variableValueOfTarget { return "job cluster \(clusterKey) of job \(job) (target \(target ?? "")'s value of ${var.\(variable)})" }
        return list.isEmpty ? "the all-purpose cluster \(clusterKey)" : list == "tasks" ? "the cluster of task \(clusterKey) of job \(job)" : "job cluster \(clusterKey) of job \(job)"
    }

    /// Whether it is an all-purpose cluster of the bundle (no job of that name).
    var isAllPurpose: Bool { list.isEmpty && variableValueOfTarget == nil }

    /// The cloud, from the cluster's attributes or its node type.
    var cloud: String { Self.cloud(of: spec) }

    /// The cloud of a cluster specification, where the spec alone does not tell (its node type a
    /// `${var.…}` without a default, as for `node_type_id: ${var.node_type_id}` "from
    /// AZURE_DATABRICKS_NODE_TYPE"): the variable's default or description, else the workspace hosts.
    static func cloud(of spec: YAMLNode, in bundle: LoadedBundle) -> String {
        if spec["azure_attributes"] != nil || spec["gcp_attributes"] != nil || spec["aws_attributes"] != nil { return cloud(of: spec) }
        func said(_ text: String) -> String? {
            let lowered = text.lowercased()
            if lowered.contains("azure") || lowered.hasPrefix("standard_") { return "azure" }
            if lowered.contains("gcp") || lowered.contains("google") || lowered.hasPrefix("n1-") || lowered.hasPrefix("n2-") { return "gcp" }
            if lowered.contains("aws") || lowered.contains("amazon") { return "aws" }
            return nil
        }
        if let node = spec["node_type_id"]?.string, node.hasPrefix("${var."), node.hasSuffix("}") {
            let name = String(node.dropFirst("${var.".count).dropLast())
            let declared = bundle.configuration["variables"]?[name]
            if let found = (declared?["default"]?.string).flatMap(said) ?? (declared?["description"]?.string).flatMap(said) { return found }
            for target in bundle.targetNames {
                if let value = bundle.targetsMapping?[target]?["variables"]?[name], let found = (value.string ?? value["default"]?.string).flatMap(said) { return found }
            }
        } else if let node = spec["node_type_id"]?.string, said(node) != nil || node.range(of: #"^[a-z][a-z0-9-]*\.[0-9a-z]+$"#, options: .regularExpression) != nil {
            // (A node type the clouds name: Standard_DS3_v2, n2-standard-4, i3.xlarge.)
            return cloud(of: spec)
        }
        let hosts = ([bundle.configuration["workspace"]?["host"]?.string] + bundle.targetNames.map { bundle.targetsMapping?[$0]?["workspace"]?["host"]?.string }).compactMap { $0 }
        if hosts.contains(where: { $0.contains("azuredatabricks.net") }) { return "azure" }
        if hosts.contains(where: { $0.contains("gcp.databricks.com") }) { return "gcp" }
        // A placeholder (`{{JOB_CLUSTER_NODE_TYPE}}`): the cloud the bundle's other clusters name (AWS
        // attributes went beside Azure ones in one revision).
        var clouds: [String: Int] = [:]
        func visit(_ node: YAMLNode) {
            switch node.kind {
            case .mapping(let m):
                for e in m.entries {
                    if ["azure_attributes", "aws_attributes", "gcp_attributes"].contains(e.key) { clouds[String(e.key.prefix { $0 != "_" }), default: 0] += 1 }
                    if e.key == "node_type_id" || e.key == "driver_node_type_id", let text = e.value.string, let found = said(text) ?? (text.hasPrefix("Standard_") ? "azure" : nil) {
                        clouds[found, default: 0] += 1
                    }
                    visit(e.value)
                }
            case .sequence(let items): items.forEach(visit)
            case .scalar: break
            }
        }
        for file in bundle.files { if let root = file.root { visit(root) } }
        if let most = clouds.max(by: { $0.value < $1.value })?.key { return most }
        return cloud(of: spec)
    }

    /// The cloud of a cluster specification (a job's, a pipeline's or an all-purpose one).
    static func cloud(of spec: YAMLNode) -> String {
        if spec["azure_attributes"] != nil { return "azure" }
        if spec["gcp_attributes"] != nil { return "gcp" }
        if spec["aws_attributes"] != nil { return "aws" }
        let node = spec["node_type_id"]?.string ?? ""
        if node.hasPrefix("Standard_") { return "azure" }
        if node.hasPrefix("n1-") || node.hasPrefix("n2-") || node.hasPrefix("e2-") || node.hasPrefix("c2-") || node.hasPrefix("n2d-") { return "gcp" }
        return "aws"
    }
}
