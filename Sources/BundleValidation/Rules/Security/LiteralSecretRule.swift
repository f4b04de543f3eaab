import BundleModel

/// Finds secrets written in bundle files. What a secret looks like is defined once, in
/// `SecretRedaction`, which hides the same kinds wherever dabrepo prints or stores text.
public struct LiteralSecretRule: ValidationRule {
    public init() {}

    /// Built at run time so that no token-shaped string is written in the source.
    static let exampleToken = "dapi" + String(repeating: "0a1b2c3d", count: 4)

    public static let description = RuleDescription(
        id: "literal-secret", name: "No literal secrets", severity: .error, scope: .bundle,
        summary: "Tokens, cloud keys and passwords are not written in bundle files.",
        documentation: """
        Bundle files are committed and deployed to the workspace, where anyone with read access sees them.
        Databricks personal access tokens (`dapi…`), OAuth secrets (`dose…`), AWS access keys, GitHub tokens,
        Anthropic and OpenAI API keys (`sk-ant-…`, `sk-…`), private keys, and literal values of secret-like `spark_conf` / `spark_env_vars` entries (names with
        password, secret, token or key) are errors. Store the value in a secret scope and reference it as
        `{{secrets/<scope>/<key>}}`, or pass it at deploy time through a variable. If the secret was ever
        committed, rotate it. dabrepo never prints the secret itself.
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
                    - job_cluster_key: main
                      new_cluster:
                        spark_version: 15.4.x-scala2.12
                        node_type_id: i3.xlarge
                        num_workers: 1
                        spark_env_vars:
                          DATABRICKS_TOKEN: ↓\(exampleToken)
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  job_clusters:
                    - job_cluster_key: main
                      new_cluster:
                        spark_version: 15.4.x-scala2.12
                        node_type_id: i3.xlarge
                        num_workers: 1
                        spark_conf:
                          spark.hadoop.fs.azure.account.key.lake.dfs.core.windows.net: ↓c2VjcmV0LWtleQ==
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  job_clusters:
                    - job_cluster_key: main
                      new_cluster:
                        spark_version: 15.4.x-scala2.12
                        node_type_id: i3.xlarge
                        num_workers: 1
                        spark_env_vars:
                          DATABRICKS_TOKEN: "{{secrets/etl/token}}"
                        spark_conf:
                          spark.hadoop.fs.azure.account.key.lake.dfs.core.windows.net: "{{secrets/etl/storage-key}}"
                          spark.sql.shuffle.partitions: "200"
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for file in context.bundle.files {
            guard let root = file.root else { continue }
            var components: [String] = []
            walk(root, components: &components, key: nil, parentKey: nil, into: &out)
        }
        return out
    }

    func walk(_ node: YAMLNode, components: inout [String], key: String?, parentKey: String?, into out: inout [Diagnostic]) {
        switch node.kind {
        case .mapping(let m):
            for e in m.entries {
                components.append(e.key)
                walk(e.value, components: &components, key: e.key, parentKey: key, into: &out)
                components.removeLast()
            }
        case .sequence(let items):
            for (i, item) in items.enumerated() {
                components.append("[\(i)]")
                walk(item, components: &components, key: key, parentKey: parentKey, into: &out)
                components.removeLast()
            }
        case .scalar(let s):
            var path: String { SchemaChecker.render(components) }
            guard case .string(let text) = s.value, !text.isEmpty else { return }
            if let kind = SecretRedaction.firstSecret(in: text) {
                let name = components.suffix(2).joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
                out.append(diagnostic("\(name) holds a literal secret (\(kind))",
                                      detail: "Store it in a secret scope and reference it as {{secrets/<scope>/<key>}}, or pass it through a variable at deploy time. Rotate it if it was ever committed.",
                                      path: path, at: node.location))
                return
            }
            guard let key, parentKey == "spark_conf" || parentKey == "spark_env_vars" else { return }
            guard SecretRedaction.isSecretName(key), !SecretRedaction.isReference(text) else { return }
            out.append(diagnostic("\(parentKey!) entry \(key) holds a literal value; secrets belong in a secret scope",
                                  detail: "Write it as {{secrets/<scope>/<key>}} so that the value is read from a secret scope when the cluster starts.",
                                  path: path, at: node.location))
        }
    }
}
