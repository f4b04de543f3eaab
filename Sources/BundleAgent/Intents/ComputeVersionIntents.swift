import BundleEditing
import BundleModel
import Foundation

/// "upgrade Spark to the latest LTS", "use runtime 15.4", "upgrade the dev cluster to 16.4 LTS".
public enum SparkVersionIntent: Intent {
    public static let id = "spark-version"
    public static let summary = "Databricks Runtime versions (named or latest LTS, ML flavour kept)"
    public static let examples = ["upgrade Spark to the latest LTS", "use Databricks Runtime 15.4 in dev"]

    /// Long-term-support runtimes, oldest first, with their Scala build.
    static let lts: [(version: String, scala: String)] = [("10.4", "2.12"), ("11.3", "2.12"), ("12.2", "2.12"), ("13.3", "2.12"),
                                                         ("14.3", "2.12"), ("15.4", "2.12"), ("16.4", "2.12"), ("17.3", "2.13")]

    public static func score(_ text: RequestText) -> Int {
        let versioned = text.words.contains { w in w.split(separator: ".").count == 2 && w.split(separator: ".").allSatisfy { Int($0) != nil } }
        // ("set LOG_LEVEL=DEBUG on the runtime cluster": a variable on a cluster named so, no version.)
        if !versioned, SparkEnvVarsIntent.namesShellVariable(text) { return 0 }
        // "use 15.4.x-cpu-ml-scala2.12 for the training job": a runtime key written out.
        if writtenKey(text) != nil { return 3 }
        if text.hasAny(["spark", "runtime", "dbr", "lts", "spark_version"]) && text.hasAny(["upgrade", "use", "update", "set", "move", "switch", "lts", "latest", "to", "bump", "downgrade"]) { return 3 }
        // "move the ml cluster to 16.4", "upgrade the cluster to 17.3"
        return versioned && text.hasAny(["upgrade", "move", "bump", "switch", "downgrade"]) && text.hasAny(["cluster", "clusters", "compute", "to"]) ? 3 : 0
    }

    /// "… everywhere", "all clusters", "every cluster": each cluster the bundle writes a runtime for.
    static func everywhere(_ text: RequestText) -> Bool {
        text.has("everywhere") || ["all clusters", "every cluster", "all the clusters", "all compute", "each cluster", "all of the clusters", "all runtimes",
                                   "the clusters"]
            .contains { text.contains($0) }
    }

    /// A runtime key written out ("15.4.x-cpu-ml-scala2.12", "16.4.x-photon-scala2.12"): taken as it is.
    static func writtenKey(_ text: RequestText) -> String? {
        text.original.range(of: #"\b\d+\.\d+\.x-[A-Za-z0-9.\-]*[A-Za-z0-9]"#, options: .regularExpression).map { String(text.original[$0]) }
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        // "set the spark_version to 15.4.x-cpu-ml-scala2.12": that key (it became the latest LTS, Scala 2.13).
        if let key = writtenKey(context.request) {
            let label = key
            if everywhere(context.request) { return try planEverywhere(context, runtime: { _ in key }, label: label) }
            let c = try ClusterSelection(context)
            let current = c.spec["spark_version"]?.string ?? ""
            if key == current { throw PlanningStop(outcome: .refused("\(c.description) already runs \(current)")) }
            return Plan(subject: "Run \(c.job) on \(key)\(c.target.map { " in \($0)" } ?? "")",
                        summary: "Set spark_version to \(key) (was \(current.isEmpty ? "unset" : current)) on \(c.description)\(context.forTarget(c.target)).",
                        target: c.target, job: c.job, edits: [(c.location.file, [c.set(context, [.key("spark_version")], .string(key))])])
        }
        let requested = context.request.words.first { w in w.split(separator: ".").count == 2 && w.split(separator: ".").allSatisfy { Int($0) != nil } }
        // "set the spark version to banana", "use runtime foo": no version at all, refused (it became the latest LTS).
        let stop: Set<String> = ["latest", "lts", "newest", "most", "last", "recent", "current", "new", "newer", "ml", "gpu", "for", "in", "on", "of", "everywhere", "all", "every", "each", "and", "version", "versions",
             "to", "runtime", "runtimes", "dbr", "spark", "spark_version", "the", "a", "an", "that", "this", "it", "its", "cluster", "clusters", "job", "jobs", "task", "tasks", "pipeline",
             "upgrade", "use", "set", "move", "switch", "bump", "update", "scala", "photon", "lts.", "is", "be", "should", "at", "from"]
        let said = context.request.lowered.replacingOccurrences(of: "'", with: " ").replacingOccurrences(of: "\"", with: " ")
        let candidates = said.matches(of: /\b(?:to|runtime|dbr|spark|spark_version:?|version)\s+(?:the\s+)?(?:databricks\s+)?(?:runtime\s+|dbr\s+|version\s+)?([a-z][\w.-]*)/)
            .map { String($0.output.1) }.filter { !stop.contains($0) }
        if requested == nil, let value = candidates.first, !ResourceCatalog.words(context.request.original).contains(where: { ["latest", "lts", "newest"].contains($0) }) {
            let named = context.catalog.mentions(in: value).isEmpty && !context.bundle.targetNames.contains { $0.lowercased() == value }
            if named {
                throw PlanningStop(outcome: .refused("\(value) is no Databricks Runtime version; name one (\(lts.map { "\($0.version) LTS" }.joined(separator: ", "))), a key such as 15.4.x-scala2.12, or \"the latest LTS\""))
            }
        }
        let chosen = requested.flatMap { r in lts.first { $0.version == r } } ?? (requested == nil ? lts.last : nil)
        guard let version = requested ?? chosen?.version else { throw PlanningStop(outcome: .clarify(question: "Which version?", choices: ["use Databricks Runtime 15.4 LTS"])) }
        let scala = chosen?.scala ?? "2.12"
        // Keep an ML or GPU flavour (`-cpu-ml`, `-gpu-ml`), or take the one the request names ("16.4 LTS ML").
        let words = context.request.words
        // ("16.4 LTS ML", "the ML runtime"; not "the ml job", a job called so.)
        let asksML = context.request.lowered.range(of: #"(?:\d+\.\d+(?:\.x)?|lts|runtime|dbr|databricks)\s+(?:lts\s+)?ml\b|\bml\s+(?:runtime|dbr|lts|flavou?r|version)\b"#, options: .regularExpression) != nil
            || words.contains { $0.hasSuffix("-ml") }
        let asksGPU = words.contains("gpu")
        func runtime(replacing current: String) -> String {
            let flavour = asksGPU ? "-gpu-ml" : asksML ? (current.contains("-gpu-ml") ? "-gpu-ml" : "-cpu-ml")
                : (["-cpu-ml", "-gpu-ml"].first { current.contains($0) } ?? "")
            return "\(version).x\(flavour)-scala\(scala)"
        }
        let ltsSuffix = chosen != nil ? " LTS" : ""
        if everywhere(context.request) {
            return try planEverywhere(context, runtime: runtime, label: "Databricks Runtime \(version)\(ltsSuffix)")
        }
        let c = try ClusterSelection(context)
        let current = c.spec["spark_version"]?.string ?? ""
        let value = runtime(replacing: current)
        if value == current { throw PlanningStop(outcome: .refused("\(c.description) already runs \(current)")) }
        return Plan(subject: "Upgrade \(c.job) to Databricks Runtime \(version)\(ltsSuffix)\(c.target.map { " in \($0)" } ?? "")",
                    summary: "Set spark_version to \(value) (was \(current.isEmpty ? "unset" : current)) on \(c.description)\(context.forTarget(c.target)).",
                    target: c.target, job: c.job, edits: [(c.location.file, [c.set(context, [.key("spark_version")], .string(value))])])
    }
}

extension SparkVersionIntent {
    /// "16.4" where a runtime's key is written ("15.4.x-scala2.12"): "16.4.x-scala2.12", its flavour
    /// kept; nil when `current` is no runtime key or `version` no bare version.
    static func runtimeKey(_ version: String, replacing current: String) -> String? {
        let parts = version.split(separator: ".")
        guard parts.count == 2, parts.allSatisfy({ Int($0) != nil }), current.range(of: #"^\d+\.\d+\.x-"#, options: .regularExpression) != nil else { return nil }
        let scala = lts.first { $0.version == version }?.scala ?? (Int(parts[0]).map { $0 >= 17 } == true ? "2.13" : "2.12")
        let flavour = ["-cpu-ml", "-gpu-ml", "-photon"].first { current.contains($0) } ?? ""
        return "\(version).x\(flavour)-scala\(scala)"
    }

    /// Every runtime the bundle writes, where it writes it: job clusters, task clusters, all-purpose
    /// clusters, their target overrides, and variables whose default is a runtime; each keeps its flavour.
    static func planEverywhere(_ context: PlanningContext, runtime: (String) -> String, label: String) throws -> Plan {
        var edits: [(file: String, operations: [EditOperation])] = []
        var changed: [String] = [], symbolic: [String] = [], newer: [String] = []
        func isRuntime(_ text: String) -> Bool { text.range(of: #"^\d+\.\d+\.x-"#, options: .regularExpression) != nil }
        // "upgrade …" leaves a cluster on a newer runtime as it is.
        let upgrading = context.request.hasAny(["upgrade", "upgrades", "bump", "update"]) && !context.request.hasAny(["downgrade"])
        func version(_ runtime: String) -> [Int] { runtime.split(separator: ".").prefix(2).compactMap { Int($0) } }
        for file in context.bundle.files {
            guard let root = file.root else { continue }
            var operations: [EditOperation] = []
            func visit(_ spec: YAMLNode?, _ path: EditPath, _ name: String) {
                guard let written = spec?["spark_version"] else { return }
                guard let current = written.string, !current.contains("${") else { symbolic.append(name); return }
                guard isRuntime(current) else { return }
                let value = runtime(current)
                guard value != current else { return }
                if upgrading, version(current).lexicographicallyPrecedes(version(value)) == false, version(current) != version(value) {
                    newer.append("\(name) (\(current))")
                    return
                }
                operations.append(.set(path + [.key("spark_version")], .string(value)))
                changed.append(name)
            }
            func resources(_ node: YAMLNode?, _ base: EditPath, _ suffix: String) {
                for job in node?["jobs"]?.mapping?.entries ?? [] {
                    for (i, cluster) in (job.value["job_clusters"]?.sequence ?? []).enumerated() {
                        visit(cluster["new_cluster"], base + [.key("jobs"), .key(job.key), .key("job_clusters"), .index(i), .key("new_cluster")],
                              "job cluster \(cluster["job_cluster_key"]?.string ?? "\(i)") of job \(job.key)\(suffix)")
                    }
                    for (i, task) in (job.value["tasks"]?.sequence ?? []).enumerated() {
                        visit(task["new_cluster"], base + [.key("jobs"), .key(job.key), .key("tasks"), .index(i), .key("new_cluster")],
                              "the cluster of task \(task["task_key"]?.string ?? "\(i)") of job \(job.key)\(suffix)")
                    }
                }
                for cluster in node?["clusters"]?.mapping?.entries ?? [] {
                    visit(cluster.value, base + [.key("clusters"), .key(cluster.key)], "all-purpose cluster \(cluster.key)\(suffix)")
                }
            }
            resources(root["resources"], [.key("resources")], "")
            for target in root["targets"]?.mapping?.entries ?? [] {
                resources(target.value["resources"], [.key("targets"), .key(target.key), .key("resources")], " in target \(target.key)")
            }
            for variable in root["variables"]?.mapping?.entries ?? [] {
                if let current = variable.value["default"]?.string, isRuntime(current), runtime(current) != current {
                    operations.append(.set([.key("variables"), .key(variable.key), .key("default")], .string(runtime(current))))
                    changed.append("the default of variable \(variable.key)")
                }
            }
            if !operations.isEmpty { edits.append((file.path, operations)) }
        }
        guard !edits.isEmpty else {
            throw PlanningStop(outcome: .refused(symbolic.isEmpty ? "every cluster of this bundle already runs \(label) or newer" + (changed.isEmpty ? ", or sets no runtime" : "")
                                                 : "the runtimes of \(symbolic.joined(separator: ", ")) come from variables or references; change those"))
        }
        var note = symbolic.isEmpty ? "" : " (\(symbolic.joined(separator: ", ")) take theirs from a variable or reference)"
        if !newer.isEmpty { note += "; \(newer.joined(separator: ", ")) run\(newer.count == 1 ? "s" : "") a newer runtime and stay\(newer.count == 1 ? "s" : "") on it" }
        return Plan(subject: "Upgrade every cluster to \(label)",
                    summary: "Set \(label) on \(changed.joined(separator: ", "))\(note).", edits: edits)
    }
}

/// "use a bigger node type", "smaller instances in dev", "use i3.2xlarge".
public enum NodeTypeIntent: Intent {
    public static let id = "node-type"
    public static let summary = "node types within their family"
    public static let examples = ["use a larger node type", "smaller instances in dev"]

    public static func score(_ text: RequestText) -> Int {
        // "parameterize the node type" is a variable (VariableIntent), not a size.
        if text.hasAny(["parameterize", "parametrize", "parameterise", "variable"]) { return 0 }
        // "use a larger driver", "set the driver node type to i3.8xlarge": the driver's node type.
        if text.has("driver") && (namedNodeType(text) != nil || text.hasAny(["larger", "smaller", "bigger", "faster", "cheaper", "type"])) { return 5 }
        let aboutNodes = text.hasAny(["node", "nodes", "instance", "instances", "machine", "machines", "vm", "vms"])
        let sized = text.hasAny(["type", "types", "larger", "smaller", "bigger", "faster", "cheaper"])
        let other = text.hasAny(["worker", "workers", "spot", "preemptible", "on-demand", "demand", "single-node", "single"])
        // "use i3.4xlarge nodes", "switch to Standard_E8ds_v5"
        if namedNodeType(text) != nil && !text.hasAny(["spot", "preemptible", "on-demand"]) { return 4 }
        return aboutNodes && sized && !other ? 4 : 0
    }

    /// A node type written in the request.
    static func namedNodeType(_ text: RequestText) -> String? {
        text.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;.\"'")) }.first { word in
            let parts = word.split(separator: ".")
            let aws = parts.count == 2 && parts[1].hasSuffix("large") || parts.count == 2 && parts[1] == "medium"
            return aws || word.hasPrefix("Standard_") || (word.split(separator: "-").count == 3 && ["standard", "highmem", "highcpu"].contains { word.contains($0) })
        }
    }

    /// The next size that exists in the family: AWS `i3.xlarge` ↔ `i3.2xlarge` (i3 stops at 16xlarge,
    /// c5 goes 4xlarge → 9xlarge), Azure `Standard_DS3_v2` ↔ `DS4` (D1–D5, D11–D15 of the v2 series),
    /// `Standard_D4ds_v5` ↔ `D8ds_v5` (vCPUs), GCP `n2-standard-4` ↔ `n2-standard-8`. Nil past the end.
    static func resize(_ node: String, larger: Bool) -> String? {
        func step<T: Equatable>(_ ladder: [T], from value: T) -> T? {
            guard let i = ladder.firstIndex(of: value) else { return nil }
            let j = larger ? i + 1 : i - 1
            return ladder.indices.contains(j) ? ladder[j] : nil
        }
        if let dot = node.firstIndex(of: ".") {
            let family = String(node[..<dot]).lowercased()
            let ladder: [String]
            switch family {
            case "i3": ladder = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge"]
            case "i3en": ladder = ["large", "xlarge", "2xlarge", "3xlarge", "6xlarge", "12xlarge", "24xlarge"]
            case "c5", "c5d": ladder = ["large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "12xlarge", "18xlarge", "24xlarge"]
            case "m4": ladder = ["large", "xlarge", "2xlarge", "4xlarge", "10xlarge", "16xlarge"]
            case "r4": ladder = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge"]
            case let f where f.hasPrefix("g4dn") || f.hasPrefix("g5") || f.hasPrefix("p3"):
                ladder = ["xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"]
            case let f where f.last == "i" || f.hasSuffix("id") || f.hasSuffix("in") || f.contains("6") || f.contains("7"):
                // m6i, r6id, c6in, m7g: up to 32xlarge.
                ladder = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge"]
            default: ladder = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"]
            }
            return step(ladder, from: String(node[node.index(after: dot)...])).map { String(node[...dot]) + $0 }
        }
        if node.hasPrefix("Standard_") {
            // The first number after the series letters is the size.
            let chars = Array(node)
            guard let start = chars.firstIndex(where: { $0.isNumber }) else { return nil }
            var end = start
            while end < chars.count && chars[end].isNumber { end += 1 }
            guard let n = Int(String(chars[start..<end])) else { return nil }
            let series = String(chars["Standard_".count..<start])
            let rest = String(chars[end...])
            let next: Int?
            if ["D", "DS"].contains(series) && rest == "_v2" {
                // Dv2 and DSv2: sizes 1 to 5, and the memory-optimised 11 to 15.
                next = step(n >= 11 ? [11, 12, 13, 14, 15] : [1, 2, 3, 4, 5], from: n)
            } else if series == "F" {
                next = step([2, 4, 8, 16, 32, 48, 64, 72], from: n)
            } else if series == "L" {
                next = step([8, 16, 32, 48, 64, 80], from: n)
            } else {
                // D, E, …_v3 to _v5: vCPUs.
                next = step([2, 4, 8, 16, 32, 48, 64, 96], from: n)
            }
            return next.map { String(chars[..<start]) + String($0) + rest }
        }
        let parts = node.split(separator: "-")
        if parts.count == 3, let n = Int(parts[2]) {
            let ladder = parts[0] == "n1" ? [1, 2, 4, 8, 16, 32, 64, 96] : [2, 4, 8, 16, 32, 48, 64, 80, 96, 128]
            return step(ladder, from: n).map { "\(parts[0])-\(parts[1])-\($0)" }
        }
        return nil
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let named = namedNodeType(context.request)
        let larger = context.request.hasAny(["larger", "bigger", "more", "faster", "upsize"])
        // Neither a type nor a direction: asked, never a guess at smaller.
        guard named != nil || larger || context.request.hasAny(["smaller", "cheaper", "less", "downsize", "lower"]) else {
            throw PlanningStop(outcome: .clarify(question: "Which node type, or larger or smaller?", choices: ["use a larger node type", "use i3.2xlarge nodes"]))
        }
        // "… for the pipeline": the pipeline's cluster, not a job's.
        // (Also "and use a bigger driver" after a change of a pipeline, naming no job.)
        if PipelineClusterSelection.requested(context) {
            let target = try context.target()
            let p = try PipelineSelection(context, try context.resource(["pipelines"]), target: target)
            let c = try PipelineClusterSelection(context, p)
            // "a bigger driver for the pipeline": the driver's own type (the workers' until set).
            let driver = context.request.has("driver")
            let field = driver ? "driver_node_type_id" : "node_type_id"
            guard let current = (driver ? c.spec["driver_node_type_id"]?.string : nil) ?? c.spec["node_type_id"]?.string ?? named.map({ _ in "" }) else {
                throw PlanningStop(outcome: .refused("\(c.description) sets no node_type_id (Databricks chooses one); name the node type"))
            }
            guard let value = named ?? resize(current, larger: larger) else {
                throw PlanningStop(outcome: .refused("no \(larger ? "larger" : "smaller") size of \(current) that I know; name the node type"))
            }
            guard value != current else { throw PlanningStop(outcome: .refused("\(c.description) already uses \(value)\(driver ? " for its driver" : "")\(p.inTarget)")) }
            let was = current.isEmpty ? "unset" : current + (driver && c.spec["driver_node_type_id"] == nil ? ", the workers' type" : "")
            return p.plan(subject: "Use \(value) \(driver ? "for the driver" : "nodes") for pipeline \(p.key)\(target.map { " in \($0)" } ?? "")",
                          summary: "Set \(field) to \(value) (was \(was)) on \(c.description)\(p.forTarget).",
                          edits: c.edits(context, [c.set(context, [.key(field)], .string(value))]))
        }
        let c = try ClusterSelection(context)
        // The driver's own type when asked ("a larger driver"); it is the workers' type until set.
        let driver = context.request.has("driver")
        let field = driver ? "driver_node_type_id" : "node_type_id"
        guard let current = (driver ? c.spec["driver_node_type_id"]?.string : nil) ?? c.spec["node_type_id"]?.string else {
            throw PlanningStop(outcome: .refused("\(c.description) sets no node_type_id (it may use an instance pool)"))
        }
        guard let value = named ?? resize(current, larger: larger) else {
            throw PlanningStop(outcome: .refused("no \(larger ? "larger" : "smaller") size of \(current) that I know; name the node type"))
        }
        guard value != (c.spec[field]?.string ?? (driver ? nil : current)) else {
            throw PlanningStop(outcome: .refused("\(c.description) already uses \(value)\(driver ? " for its driver" : "")\(context.forTarget(c.target))"))
        }
        // A driver written as the same type as the workers follows them (it stayed large on "a smaller node type").
        var operations = [c.set(context, [.key(field)], .string(value))]
        var note = ""
        if !driver, let driverType = c.spec["driver_node_type_id"]?.string, driverType == current {
            operations.append(c.set(context, [.key("driver_node_type_id")], .string(value)))
            note = "; the driver too (driver_node_type_id was \(driverType))"
        }
        return Plan(subject: "Use \(value) \(driver ? "for the driver" : "nodes") for \(c.job)\(c.target.map { " in \($0)" } ?? "")",
                    summary: "Set \(field) to \(value) (was \(c.spec[field]?.string ?? "\(current), the workers' type")) on \(c.description)\(context.forTarget(c.target))\(note).",
                    target: c.target, job: c.job, edits: [(c.location.file, operations)])
    }
}
