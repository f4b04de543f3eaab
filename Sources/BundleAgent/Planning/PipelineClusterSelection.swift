import BundleEditing
import BundleModel

/// The cluster of a pipeline a request is about, by its `label`: the one the words name ("the
/// maintenance cluster"), else `default`, else the only one. Edits go through the target's override
/// block when there is one, which the Databricks CLI merges into the definition's cluster by label.
struct PipelineClusterSelection {
    var pipeline: PipelineSelection
    var label: String
    /// The cluster's effective specification for the target (empty when the pipeline sets none).
    var spec: YAMLNode

    init(_ context: PlanningContext, _ pipeline: PipelineSelection) throws {
        self.pipeline = pipeline
        guard !pipeline.serverless else {
            throw PlanningStop(outcome: .refused("\(pipeline.description) runs on serverless compute\(pipeline.inTarget), which has no clusters to change; ask \"turn off serverless for the \(pipeline.key) pipeline\" first"))
        }
        let clusters = pipeline.clusters
        let named = context.namedParts(.clusterLabel, of: pipeline.reference).filter { label in clusters.contains { $0.label == label } }
        if named.count == 1, let chosen = clusters.first(where: { $0.label == named[0] }) {
            (label, spec) = chosen
        } else if let chosen = clusters.first(where: { $0.label == "default" }) ?? (clusters.count == 1 ? clusters[0] : nil) {
            (label, spec) = chosen
        } else if clusters.isEmpty {
            // Databricks picks the default cluster's size itself; a change writes it out.
            (label, spec) = ("default", YAMLNode(.mapping(YAMLMapping()), at: pipeline.effective.location))
        } else {
            throw PlanningStop(outcome: .clarify(question: "Pipeline \(pipeline.key) has several clusters; which one? Name its label in the request.",
                                                 choices: clusters.map { "name it: \($0.label)" }))
        }
    }

    var description: String { "cluster \(label) of pipeline \(pipeline.key)" }

    /// Whether a cluster setting ("use spot instances", "use the cluster policy X", "bigger nodes") is
    /// for a pipeline's cluster rather than a job's: the request says pipeline (naming no job), it
    /// continues a change of a pipeline naming no resource, or the bundle's only clusters are pipelines'.
    static func requested(_ context: PlanningContext) -> Bool {
        let pipelines = context.catalog.references(ofType: "pipelines")
        guard !pipelines.isEmpty else { return false }
        let mentions = context.catalog.mentions(in: context.request.original)
        if mentions.contains(where: { $0.key.type == "jobs" && $0.value == .name }) { return false }
        if context.request.hasAny(ResourceVocabulary.nouns["pipelines"]!) { return true }
        if context.defaultResource?.type == "pipelines" && !context.request.hasAny(ResourceVocabulary.nouns["jobs"]!) && mentions.isEmpty { return true }
        // Only pipelines have clusters (no job cluster, no all-purpose cluster): theirs.
        let target = try? context.target()
        guard context.catalog.references(ofType: "clusters").isEmpty,
              !context.catalog.references(ofType: "jobs").contains(where: { context.hasJobCluster($0.key, target: target) }) else { return false }
        return pipelines.contains { context.hasPipelineClusters($0.key, target: target) }
    }

    /// The index of this cluster in a file's `clusters` list at `base` (a cluster without a label is `default`).
    func index(_ context: PlanningContext, file: String, base: EditPath) -> Int? {
        (context.rawNode(file: file, path: base + [.key("clusters")])?.sequence ?? []).firstIndex { ($0["label"]?.string ?? "default") == label }
    }

    /// An edit of a field of the cluster (through the target's override when there is one).
    func set(_ context: PlanningContext, _ field: EditPath, _ value: EditValue) -> EditOperation {
        let location = pipeline.location
        if let i = index(context, file: location.file, base: location.base) {
            return .set(location.base + [.key("clusters"), .index(i)] + field, value)
        }
        return context.setInList(file: location.file, base: location.base, list: "clusters", identityField: "label",
                                 identity: label, inner: field, value: value)
    }

    /// A target's override merges into the definition's cluster only when every cluster there has a
    /// label: the edits that write out `label: default` where it is implicit.
    func labelsForOverride(_ context: PlanningContext) -> (file: String, operations: [EditOperation])? {
        guard pipeline.target != nil else { return nil }
        let definition = context.location(of: pipeline.reference, target: nil)
        let items = context.rawNode(file: definition.file, path: definition.base + [.key("clusters")])?.sequence ?? []
        let unlabelled = items.indices.filter { items[$0]["label"] == nil }
        guard !unlabelled.isEmpty else { return nil }
        return (definition.file, unlabelled.map { .set(definition.base + [.key("clusters"), .index($0), .key("label")], .string("default")) })
    }

    /// The targets whose override block sets one of `fields` of this cluster.
    func overridingTargets(_ context: PlanningContext, fields: [String]) -> [String] {
        context.bundle.targetNames.filter { target in
            let items = context.bundle.targetsMapping?[target]?["resources"]?["pipelines"]?[pipeline.key]?["clusters"]?.sequence ?? []
            return items.contains { item in (item["label"]?.string ?? "default") == label && fields.contains { item[$0] != nil } }
        }
    }

    /// The plan's edits: the label edits a target override needs, then this cluster's edits.
    func edits(_ context: PlanningContext, _ operations: [EditOperation]) -> [(file: String, operations: [EditOperation])] {
        var edits: [(file: String, operations: [EditOperation])] = []
        if let labels = labelsForOverride(context) { edits.append(labels) }
        let merged = operations.isEmpty ? [] : SingleNodeIntent.mergeAll(operations)
        if let i = edits.firstIndex(where: { $0.file == pipeline.location.file }) {
            edits[i].operations += merged
        } else {
            edits.append((pipeline.location.file, merged))
        }
        return edits
    }
}
