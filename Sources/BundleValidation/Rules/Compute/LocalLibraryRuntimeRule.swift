import BundleModel
import Foundation

public struct LocalLibraryRuntimeRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "local-library-runtime", name: "Local libraries need DBR 13.3+", severity: .error, scope: .target,
        summary: "A task that installs a library built from the bundle (`whl: ./dist/*.whl`) runs on Databricks Runtime 13.3 or later.",
        documentation: """
        A library written as a local path (`./dist/*.whl`, `../lib/x.jar`, an environment dependency
        `./dist/pkg.whl`) is uploaded at deploy and installed from the workspace, which clusters of
        Databricks Runtime before 13.1 cannot do. The Databricks CLI refuses such a task in `bundle
        validate` ("task X uses cluster with incompatible DBR version 12.2.x-scala2.12", and "Python
        wheel tasks require compute with DBR 13.3+ to include local libraries"): a task's `new_cluster`,
        the job cluster it names, or the bundle's cluster it runs on (`existing_cluster_id:
        ${resources.clusters.x.id}`) is checked. A job whose environment installs a local dependency
        has every task checked.

        Move the cluster to a newer `spark_version` (for example 15.4.x-scala2.12), or set
        `experimental.python_wheel_wrapper: true`, which installs the wheel from a notebook instead.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  tasks:
                    - task_key: run
                      new_cluster:
                        spark_version: ↓12.2.x-scala2.12
                        node_type_id: i3.xlarge
                        num_workers: 1
                      python_wheel_task:
                        package_name: demo
                        entry_point: main
                      libraries:
                        - whl: ./dist/*.whl
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
                  tasks:
                    - task_key: run
                      new_cluster:
                        spark_version: 13.3.x-scala2.12
                        node_type_id: i3.xlarge
                        num_workers: 1
                      python_wheel_task:
                        package_name: demo
                        entry_point: main
                      libraries:
                        - whl: ./dist/*.whl
                    - task_key: old
                      new_cluster:
                        spark_version: 12.2.x-scala2.12
                        node_type_id: i3.xlarge
                        num_workers: 1
                      python_wheel_task:
                        package_name: demo
                        entry_point: main
                      libraries:
                        - whl: /Volumes/main/default/libs/demo-0.1-py3-none-any.whl
            """),
            RuleExample("""
            bundle:
              name: demo
            experimental:
              python_wheel_wrapper: true
            resources:
              jobs:
                etl:
                  name: etl
                  tasks:
                    - task_key: run
                      new_cluster:
                        spark_version: 12.2.x-scala2.12
                        node_type_id: i3.xlarge
                        num_workers: 1
                      python_wheel_task:
                        package_name: demo
                        entry_point: main
                      libraries:
                        - whl: ./dist/*.whl
            """),
        ])

    /// Whether a library path or environment dependency is a file of the bundle (the CLI's IsLibraryLocal).
    static func isLocal(_ dependency: String) -> Bool {
        let value = dependency.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        if value.isEmpty { return false }
        if value.hasPrefix(".") { return true }
        if value.hasPrefix("-") { return false }
        // A package name ("pandas==2.2.2") has no file extension.
        let last = value.split(separator: "/").last.map(String.init) ?? value
        guard let dot = last.lastIndex(of: "."), !last[last.index(after: dot)...].isEmpty,
              last[last.index(after: dot)...].allSatisfy({ $0.isLetter }) else { return false }
        if value.hasPrefix("file://") || value.hasPrefix("/") || value.contains("://") || value.range(of: #"^[a-zA-Z][a-zA-Z0-9+.-]*:"#, options: .regularExpression) != nil {
            return false
        }
        return !value.contains("${")
    }

    /// Before 13.1 (`13.x` counts as the latest 13); nil when the version is not two numbers.
    static func tooOld(_ version: String) -> Bool {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, let major = Int(parts[0]) else { return false }
        let minor = parts[1].hasPrefix("x") ? 99 : Int(parts[1])
        guard let minor else { return false }
        return major < 13 || (major == 13 && minor < 1)
    }

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        if context.effective["experimental"]?["python_wheel_wrapper"]?.scalar?.value == .bool(true) { return [] }
        var out: [Diagnostic] = []
        for t in context.tasks() {
            let libraries = (t.task["libraries"]?.sequence ?? []).compactMap { library in
                ["whl", "jar", "egg", "requirements"].lazy.compactMap { library[$0]?.string }.first
            }
            let environments = (t.job.node["environments"]?.sequence ?? []).flatMap { $0["spec"]?["dependencies"]?.sequence?.compactMap(\.string) ?? [] }
            guard libraries.contains(where: Self.isLocal) || environments.contains(where: Self.isLocal) else { continue }
            if let version = t.task["new_cluster"]?["spark_version"], let text = version.string, Self.tooOld(text) {
                out.append(diagnostic("task \(t.name) uses cluster with incompatible DBR version \(text)", detail: Self.remedy,
                                      path: t.path + ".new_cluster.spark_version", at: version.location))
                continue
            }
            if let key = t.task["job_cluster_key"]?.string,
               let cluster = (t.job.node["job_clusters"]?.sequence ?? []).first(where: { $0["job_cluster_key"]?.string == key }),
               let version = cluster["new_cluster"]?["spark_version"], let text = version.string, Self.tooOld(text) {
                let index = (t.job.node["job_clusters"]?.sequence ?? []).firstIndex { $0["job_cluster_key"]?.string == key } ?? 0
                out.append(diagnostic("job cluster \(key) uses incompatible DBR version \(text)", detail: "Task \(t.name) installs a local library on it. " + Self.remedy,
                                      path: "\(t.job.path).job_clusters[\(index)].new_cluster.spark_version", at: version.location))
                continue
            }
            if let existing = t.task["existing_cluster_id"]?.string, existing.hasPrefix("${resources.clusters."), existing.hasSuffix(".id}") {
                let key = String(existing.dropFirst("${resources.clusters.".count).dropLast(".id}".count))
                if let version = context.effective["resources"]?["clusters"]?[key]?["spark_version"], let text = version.string, Self.tooOld(text) {
                    out.append(diagnostic("task \(t.name) uses cluster with incompatible DBR version \(text)", detail: "It runs on cluster \(key). " + Self.remedy,
                                          path: "resources.clusters.\(key).spark_version", at: version.location))
                }
            }
        }
        return out
    }

    static let remedy = "Python wheel tasks require compute with DBR 13.3+ to include local libraries: use a newer spark_version "
        + "(15.4.x-scala2.12), or set experimental.python_wheel_wrapper: true. See https://docs.databricks.com/dev-tools/bundles/python-wheel.html."
}
