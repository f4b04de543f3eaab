import BundleModel

public struct SingleNodeClusterRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "single-node-cluster", name: "Single-node clusters", severity: .warning, scope: .target,
        summary: "A cluster with `num_workers: 0` has the single-node settings.",
        documentation: """
        A cluster without workers runs Spark on the driver only if it is configured as single-node, either
        with `is_single_node: true` (and `kind: CLASSIC_PREVIEW`), or with
        `spark_conf: {spark.databricks.cluster.profile: singleNode, spark.master: "local[*]"}` and
        `custom_tags: {ResourceClass: SingleNode}`. Without them the cluster starts but jobs hang waiting for
        executors. Checked, as the Databricks CLI checks them (bundle/config/validate/single_node_cluster.go:
        "Single node cluster is not correctly configured"), for job clusters, task clusters (for_each too),
        `clusters` resources and pipeline clusters.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  job_clusters:
                    - job_cluster_key: small
                      new_cluster:
                        spark_version: 15.4.x-scala2.12
                        node_type_id: i3.xlarge
                        num_workers: ↓0
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              pipelines:
                ingest:
                  name: ingest
                  clusters:
                    - label: default
                      num_workers: ↓0
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              clusters:
                shared:
                  cluster_name: shared
                  spark_version: 15.4.x-scala2.12
                  node_type_id: i3.xlarge
                  num_workers: ↓0
                  autoscale:
                    min_workers: 1
                    max_workers: 4
                quoted:
                  cluster_name: quoted
                  spark_version: 15.4.x-scala2.12
                  node_type_id: i3.xlarge
                  num_workers: ↓"0"
            """),
        ],
        nonTriggeringExamples: [
            // (A reference is no number before variables are resolved, when the CLI checks.)
            RuleExample("""
            bundle:
              name: demo
            variables:
              workers:
                default: 0
            resources:
              jobs:
                etl:
                  name: etl
                  job_clusters:
                    - job_cluster_key: small
                      new_cluster:
                        spark_version: 15.4.x-scala2.12
                        node_type_id: i3.xlarge
                        num_workers: ${var.workers}
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  job_clusters:
                    - job_cluster_key: small
                      new_cluster:
                        spark_version: 15.4.x-scala2.12
                        node_type_id: i3.xlarge
                        num_workers: 0
                        spark_conf:
                          spark.databricks.cluster.profile: singleNode
                          spark.master: local[*]
                        custom_tags:
                          ResourceClass: SingleNode
                    - job_cluster_key: modern
                      new_cluster:
                        spark_version: 15.4.x-scala2.12
                        node_type_id: i3.xlarge
                        kind: CLASSIC_PREVIEW
                        is_single_node: true
                    - job_cluster_key: by_policy
                      new_cluster:
                        spark_version: 15.4.x-scala2.12
                        node_type_id: i3.xlarge
                        num_workers: 0
                        policy_id: ABC123
            """),
        ])

    /// `num_workers: ${var.workers}`: the CLI checks single-node clusters before it resolves variables, and
    /// a reference is no number to it (single_node_cluster.go: AsInt fails, no warning).
    static func writtenAsReference(_ node: YAMLNode, _ context: ValidationContext) -> Bool {
        guard let data = try? context.bundle.source.read(node.location.file) else { return false }
        let lines = String(decoding: data, as: UTF8.self).sourceLines
        guard node.location.line >= 1, node.location.line <= lines.count else { return false }
        let line = lines[node.location.line - 1]
        let rest = line.dropFirst(max(node.location.column - 1, 0)).drop { $0 == "\"" || $0 == "'" }
        return rest.hasPrefix("${")
    }

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var clusters: [(YAMLNode, String)] = []
        for job in context.resources("jobs") {
            for (i, c) in (job.node["job_clusters"]?.sequence ?? []).enumerated() {
                if let spec = c["new_cluster"] { clusters.append((spec, "\(job.path).job_clusters[\(i)].new_cluster")) }
            }
        }
        for t in context.tasks(nested: true) {
            if let spec = t.task["new_cluster"] { clusters.append((spec, t.path + ".new_cluster")) }
        }
        for c in context.resources("clusters") { clusters.append((c.node, c.path)) }
        // Pipeline clusters too (single_node_cluster.go checks resources.pipelines.*.clusters[*]).
        for pipeline in context.resources("pipelines") {
            for (i, c) in (pipeline.node["clusters"]?.sequence ?? []).enumerated() { clusters.append((c, "\(pipeline.path).clusters[\(i)]")) }
        }
        return clusters.compactMap { spec, path in
            // (Beside `autoscale` too, and quoted: the CLI reads "0" as the number, and warns either way.)
            guard let workers = spec["num_workers"], workers.scalar?.value == .int(0) || workers.string?.trimmingCharacters(in: .whitespaces) == "0",
                  !Self.writtenAsReference(workers, context), spec["is_single_node"]?.scalar?.value != .bool(true),
                  // A cluster policy may make it single-node (the CLI does not warn then either).
                  spec["policy_id"] == nil else { return nil }
            let profile = spec["spark_conf"]?["spark.databricks.cluster.profile"]?.string
            let master = spec["spark_conf"]?["spark.master"]?.string
            let tag = spec["custom_tags"]?["ResourceClass"]?.string
            var missing: [String] = []
            if profile != "singleNode" { missing.append("spark_conf spark.databricks.cluster.profile: singleNode") }
            if !(master?.hasPrefix("local") ?? false) { missing.append("spark_conf spark.master: local[*]") }
            if tag != "SingleNode" { missing.append("custom_tags ResourceClass: SingleNode") }
            guard !missing.isEmpty else { return nil }
            // The CLI's summary (singleNodeWarningSummary), with what is missing.
            return diagnostic("Single node cluster is not correctly configured",
                              detail: "num_workers is 0, which only a single-node cluster has. Set is_single_node: true with kind: CLASSIC_PREVIEW, or add " + missing.joined(separator: ", ") + ".",
                              path: path + ".num_workers", at: workers.location)
        }
    }
}
