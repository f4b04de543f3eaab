import BundleEditing
import Foundation

/// A `key=value` word, or the key a word names and the value after "to", "as" or "=" ("set
/// spark.sql.shuffle.partitions to 200").
enum KeyValueWords {
    /// A number and the unit after it are one value ("pipelines.trigger.interval=1 hour": "1 hour").
    /// (So are options after options: "-Xss4m -XX:+UseG1GC" was cut to "-Xss4m".)
    static func withUnit(_ value: String, at index: Int, in words: [String]) -> String {
        if value.hasPrefix("-"), Double(value) == nil {
            var options = [value]
            var next = index + 1
            while next < words.count, words[next].hasPrefix("-"), words[next].count > 1 { options.append(words[next]); next += 1 }
            return options.joined(separator: " ")
        }
        let units: Set<String> = ["second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "sec", "secs", "min", "mins", "ms", "milliseconds"]
        guard Double(value) != nil, index + 1 < words.count, units.contains(words[index + 1].lowercased()) else { return value }
        return value + " " + words[index + 1]
    }

    static func find(_ words: [String], key isKey: (String) -> Bool) -> (key: String, value: String?)? {
        for (i, word) in words.enumerated() {
            if let eq = word.firstIndex(of: "="), eq != word.startIndex, isKey(String(word[..<eq])) {
                let value = String(word[word.index(after: eq)...])
                return (String(word[..<eq]), value.isEmpty ? (i + 1 < words.count ? withUnit(words[i + 1], at: i + 1, in: words) : nil) : withUnit(value, at: i, in: words))
            }
            guard isKey(word) else { continue }
            let rest = words[(i + 1)...]
            // "FOO of nightly_etl to abc": "of" names whose it is, "to" the value (it took nightly_etl).
            if let of = rest.first.map({ $0.lowercased() == "of" }), of,
               let t = rest.dropFirst().prefix(4).firstIndex(where: { ["to", "=", "as"].contains($0.lowercased()) }), t + 1 < words.count {
                return (word, withUnit(words[t + 1], at: t + 1, in: words))
            }
            if let t = rest.firstIndex(where: { ["to", "as", "=", "of", "be", "is"].contains($0.lowercased()) }), t + 1 < words.count, t - i <= 2 {
                return (word, withUnit(words[t + 1], at: t + 1, in: words))
            }
            return (word, rest.first.flatMap { ["to", "on", "for", "in", "from", "of", "the"].contains($0.lowercased()) ? nil : $0 })
        }
        return nil
    }

    /// What to leave out of the request when finding the job and the target: the `key=value` word as a
    /// whole, else the key and the value ("ENV=prod … in prod" keeps its target).
    static func given(_ words: [String], key: String, value: String?) -> [String] {
        if let value, words.contains("\(key)=\(value)") { return ["\(key)=\(value)"] }
        return [key] + (value.map { [$0] } ?? [])
    }

    /// The request's words as written, without surrounding punctuation.
    /// (Words in quotes are one: `JAVA_OPTS="-Xmx2g -Xms1g"` was `"-Xmx2g`, stray quote and all.)
    static func original(_ text: RequestText) -> [String] {
        let plain = text.original.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`()")) }
            .map { $0.hasSuffix(".") && $0.dropLast().contains(".") == false ? String($0.dropLast()) : $0 }
        var tokens: [String] = [], current = "", quote: Character?
        for c in text.original {
            if let open = quote {
                if c == open || (open == "“" && c == "”") { quote = nil } else { current.append(c) }
                continue
            }
            if c == "\"" || c == "“" || (c == "'" && (current.isEmpty || current.hasSuffix("="))) {
                quote = c
                continue
            }
            if c == " " || c == "\t" {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                continue
            }
            current.append(c)
        }
        // (A quote left open: the words as they are, not the rest of the request as one value.)
        guard quote == nil else { return plain }
        if !current.isEmpty { tokens.append(current) }
        guard tokens.contains(where: { $0.contains(" ") }) else { return plain }
        return tokens.map { $0.contains(" ") ? $0 : $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;`()")) }
            .map { !$0.contains(" ") && $0.hasSuffix(".") && $0.dropLast().contains(".") == false ? String($0.dropLast()) : $0 }
    }
}

/// "set spark.sql.shuffle.partitions to 200 on the sync cluster", "add the spark conf
/// spark.databricks.delta.optimizeWrite.enabled=true", "remove spark.speculation from the cluster".
public enum SparkConfIntent: Intent {
    public static let id = "spark-conf"
    public static let summary = "Spark configuration of job clusters (spark_conf)"
    public static let examples = ["set spark.sql.shuffle.partitions to 200", "remove the spark conf spark.speculation"]

    public static func score(_ text: RequestText) -> Int {
        let named = text.words.contains { $0.hasPrefix("spark.") && $0.count > 6 } || text.contains("spark conf") || text.contains("spark_conf")
            || text.contains("spark config") || text.contains("spark setting")
        // A pipeline's Spark settings are its configuration (PipelineConfigurationIntent).
        return named && !text.hasAny(["pipeline", "pipelines", "dlt", "lakeflow"]) ? 5 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let words = KeyValueWords.original(context.request)
        guard let (key, value) = KeyValueWords.find(words, key: { $0.lowercased().hasPrefix("spark.") && $0.count > 6 }) else {
            throw PlanningStop(outcome: .clarify(question: "Which Spark setting, with which value?", choices: ["set spark.sql.shuffle.partitions to 200"]))
        }
        let hasClusters = context.bundle.configuration["resources"]?["jobs"]?.mapping?.keys.contains { context.hasJobCluster($0, target: nil) } ?? false
        if !hasClusters, context.bundle.configuration["resources"]?["pipelines"] != nil { return try PipelineConfigurationIntent.plan(context) }
        let c = try ClusterSelection(context.ignoring(KeyValueWords.given(words, key: key, value: value)))
        let current = c.spec["spark_conf"]?[key]?.string
        if PipelineConfigurationIntent.removes(context.request) {
            let delete = try c.deletion(context, [.key("spark_conf"), .key(key)], what: "the Spark setting \(key)")
            return Plan(subject: "Remove \(key) from the cluster of \(c.job)", summary: "Removed spark_conf \(key) (was \(current ?? "")) from \(c.description).",
                        job: c.job, edits: [(c.location.file, [delete])])
        }
        guard let value else {
            throw PlanningStop(outcome: .clarify(question: "Which value should \(key) have?", choices: ["set \(key) to VALUE"]))
        }
        if current == value { throw PlanningStop(outcome: .refused("\(c.description) already sets \(key) to \(value)\(context.forTarget(c.target))")) }
        return Plan(subject: "Set \(key) to \(value) for \(c.job)\(c.target.map { " in \($0)" } ?? "")",
                    summary: "Set spark_conf \(key) to \(value) (was \(current ?? "unset")) on \(c.description)\(context.forTarget(c.target)).",
                    target: c.target, job: c.job, edits: [(c.location.file, [c.set(context, [.key("spark_conf"), .key(key)], .string(value))])])
    }
}

/// "set the environment variable LOG_LEVEL=debug on the cluster", "add the env var ENV=prod in prod":
/// a job cluster's `spark_env_vars`.
public enum SparkEnvVarsIntent: Intent {
    public static let id = "cluster-environment-variables"
    public static let summary = "environment variables of job clusters (spark_env_vars)"
    public static let examples = ["set the environment variable LOG_LEVEL=debug on the cluster", "remove the env var DEBUG"]

    public static func score(_ text: RequestText) -> Int {
        // "add an env variable with default dev": a bundle variable called env (a default is no cluster's).
        if text.contains("default"), !text.hasAny(["cluster", "clusters", "compute", "spark", "spark_env_vars", "driver", "workers"]) { return 0 }
        if text.contains("environment variable") || text.contains("env var") || text.contains("spark_env_vars") || text.contains("env variable") { return 6 }
        // "set LOG_LEVEL=DEBUG on the runtime cluster": a variable as the shell writes one, on a cluster.
        return namesShellVariable(text) && text.hasAny(["cluster", "clusters", "compute"]) && !text.hasAny(["parameter", "parameters", "param", "params", "argument", "arguments", "widget", "conf"]) ? 5 : 0
    }

    /// Whether the words hold NAME=value with NAME in capitals ("LOG_LEVEL=DEBUG").
    static func namesShellVariable(_ text: RequestText) -> Bool {
        text.original.range(of: #"(^|\s)[A-Z][A-Z0-9_]+=\S"#, options: .regularExpression) != nil
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let words = KeyValueWords.original(context.request)
        let nouns: Set<String> = ["variable", "variables", "var", "vars", "spark_env_vars"]
        // Past "variable", or from the NAME=value written as the shell does ("set LOG_LEVEL=DEBUG on …").
        let shell = words.firstIndex { $0.range(of: #"^[A-Z][A-Z0-9_]+="#, options: .regularExpression) != nil }
        let after = (words.firstIndex { nouns.contains($0.lowercased()) }).map { $0 + 1 } ?? shell ?? 0
        var candidates = Array(words[after...])
        // "remove the DD_SITE env var": the name, in capitals, before the words (it was read as a setting).
        if PipelineConfigurationIntent.removes(context.request),
           let named = words.first(where: { $0.range(of: #"^[A-Z][A-Z0-9_]+$"#, options: .regularExpression) != nil && $0.count > 1 }),
           !candidates.contains(named) {
            candidates = [named]
        }
        guard let (name, value) = KeyValueWords.find(candidates, key: { word in
            word.contains("=") || (word.first?.isLetter == true && word.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !["the", "a", "on", "to", "for", "in"].contains(word.lowercased()))
        }) else {
            throw PlanningStop(outcome: .clarify(question: "Which environment variable, with which value?", choices: ["set the environment variable LOG_LEVEL=debug"]))
        }
        let c = try ClusterSelection(context.ignoring(KeyValueWords.given(words, key: name, value: value)))
        let current = c.spec["spark_env_vars"]?[name]?.string
        if PipelineConfigurationIntent.removes(context.request) {
            let delete = try c.deletion(context, [.key("spark_env_vars"), .key(name)], what: "the environment variable \(name)")
            return Plan(subject: "Remove the environment variable \(name) from the cluster of \(c.job)",
                        summary: "Removed spark_env_vars \(name) from \(c.description).", job: c.job, edits: [(c.location.file, [delete])])
        }
        guard let value else {
            throw PlanningStop(outcome: .clarify(question: "Which value should the environment variable \(name) have?", choices: ["set the environment variable \(name)=VALUE"]))
        }
        if current == value { throw PlanningStop(outcome: .refused("\(c.description) already sets \(name)=\(value)\(context.forTarget(c.target))")) }
        return Plan(subject: "Set the environment variable \(name)=\(value) on the cluster of \(c.job)\(c.target.map { " in \($0)" } ?? "")",
                    summary: "Set spark_env_vars \(name) to \(value) (was \(current ?? "unset")) on \(c.description)\(context.forTarget(c.target)).",
                    target: c.target, job: c.job, edits: [(c.location.file, [c.set(context, [.key("spark_env_vars"), .key(name)], .string(value))])])
    }
}

/// "use the cluster policy ABC123DEF", "apply policy 0012ABCD to the sync cluster in prod".
public enum ClusterPolicyIntent: Intent {
    public static let id = "cluster-policy"
    public static let summary = "the cluster policy of job clusters (policy_id)"
    public static let examples = ["use the cluster policy E0631F5C0D000A2F", "apply the policy ABC123 to the sync cluster in prod"]

    public static func score(_ text: RequestText) -> Int {
        text.hasAny(["policy", "policy_id"]) && !text.hasAny(["permission", "permissions", "access", "retry", "retries"]) ? 3 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let words = KeyValueWords.original(context.request)
        let fillers: Set<String> = ["id", "to", "of", "the", "a", "is", "=", "policy", "policy_id", "cluster"]
        let p = words.firstIndex { ["policy", "policy_id"].contains($0.lowercased()) }
        // An id as the workspace writes it, or a variable that holds one ("${var.cluster_policy_id}").
        let id = p.flatMap { words[($0 + 1)...].first { !fillers.contains($0.lowercased()) } }
            .flatMap { $0.contains(where: \.isNumber) || $0.count >= 8 || $0.hasPrefix("${") ? $0 : nil }
            ?? words.first { $0.count >= 8 && $0.allSatisfy { $0.isHexDigit } }
            ?? words.first { $0.hasPrefix("${var.") }
        guard let id else {
            throw PlanningStop(outcome: .clarify(question: "Which cluster policy? Give its id (Compute → Policies in the workspace).",
                                                 choices: ["use the cluster policy E0631F5C0D000A2F"]))
        }
        let scoped = context.ignoring([id])
        if PipelineClusterSelection.requested(scoped) {
            let target = try scoped.target()
            let p = try PipelineSelection(scoped, try scoped.resource(["pipelines"], where: { scoped.hasPipelineClusters($0.key, target: target) },
                                                                        unfit: { _ in "runs on serverless compute (no cluster policy applies)" }), target: target)
            let c = try PipelineClusterSelection(scoped, p)
            if c.spec["policy_id"]?.string == id { throw PlanningStop(outcome: .refused("\(c.description) already uses the policy \(id)\(p.inTarget)")) }
            return p.plan(subject: "Use the cluster policy \(id) for pipeline \(p.key)\(p.inTarget)",
                          summary: "Set policy_id to \(id) (was \(c.spec["policy_id"]?.string ?? "none")) on \(c.description)\(p.forTarget).",
                          edits: c.edits(scoped, [c.set(scoped, [.key("policy_id")], .string(id))]))
        }
        let c = try ClusterSelection(scoped)
        if c.spec["policy_id"]?.string == id { throw PlanningStop(outcome: .refused("\(c.description) already uses the policy \(id)")) }
        return Plan(subject: "Use the cluster policy \(id) for \(c.job)\(c.target.map { " in \($0)" } ?? "")",
                    summary: "Set policy_id to \(id) (was \(c.spec["policy_id"]?.string ?? "none")) on \(c.description)\(context.forTarget(c.target)).",
                    target: c.target, job: c.job, edits: [(c.location.file, [c.set(context, [.key("policy_id")], .string(id))])])
    }
}

/// "use instance pool 0101-120000-pool1234 for the sync cluster", "put the cluster on the pool
/// 1234-567890-abc123-pool-XYZ": `new_cluster.instance_pool_id`. A pool decides the node type, so the
/// cluster's own node_type_id (and driver_node_type_id) go — the Jobs API refuses both together.
public enum InstancePoolIntent: Intent {
    public static let id = "instance-pool"
    public static let summary = "the instance pool of job clusters (instance_pool_id)"
    public static let examples = ["use instance pool 0101-120000-pool1234 for the sync cluster", "put the cluster on the pool ${var.pool_id}"]

    public static func score(_ text: RequestText) -> Int {
        text.hasAny(["pool", "pools", "instance_pool_id"]) && !text.hasAny(["permission", "permissions", "access", "connection", "connections"]) ? 6 : 0
    }

    /// The pool's id: after "pool" / "instance_pool_id" (past fillers), or a token with "pool" in it.
    static func poolID(_ text: RequestText) -> String? {
        let words = KeyValueWords.original(text)
        let fillers: Set<String> = ["id", "to", "of", "the", "a", "is", "=", "pool", "instance", "instance_pool_id", "named", "called"]
        if let p = words.firstIndex(where: { ["pool", "instance_pool_id"].contains($0.lowercased()) }),
           let id = words[(p + 1)...].first(where: { !fillers.contains($0.lowercased()) }),
           id.hasPrefix("${") || (id.contains(where: \.isNumber) && id.count >= 8) { return id }
        return words.first { $0.lowercased().contains("pool") && $0.contains("-") && $0.contains(where: \.isNumber) }
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        guard let id = poolID(context.request) else {
            throw PlanningStop(outcome: .clarify(question: "Which instance pool? Give its id (Compute → Pools in the workspace, such as 0101-120000-brick1-pool-ABCD1234).",
                                                 choices: examples))
        }
        let c = try ClusterSelection(context.ignoring([id]))
        if c.spec["instance_pool_id"]?.string == id { throw PlanningStop(outcome: .refused("\(c.description) already uses the instance pool \(id)")) }
        var operations = [c.set(context, [.key("instance_pool_id")], .string(id))]
        let nodeTypes = ["node_type_id", "driver_node_type_id"].filter { c.spec[$0] != nil }
        if !nodeTypes.isEmpty {
            guard c.target == nil else {
                throw PlanningStop(outcome: .refused("\(c.description) sets \(nodeTypes.joined(separator: " and ")) in its shared definition, and a pool's cluster cannot have one; a target override cannot remove it: ask without a target"))
            }
            for field in nodeTypes { operations.append(try c.deletion(context, [.key(field)], what: field)) }
        }
        let removed = nodeTypes.isEmpty ? "" : "; removed \(nodeTypes.map { "\($0) \(c.spec[$0]?.string ?? "")" }.joined(separator: " and ")), which the pool decides"
        return Plan(subject: "Use the instance pool \(id) for \(c.job)\(c.target.map { " in \($0)" } ?? "")",
                    summary: "Set instance_pool_id to \(id) (was \(c.spec["instance_pool_id"]?.string ?? "none")) on \(c.description)\(context.forTarget(c.target))\(removed).",
                    target: c.target, job: c.job, edits: [(c.location.file, operations)])
    }
}
