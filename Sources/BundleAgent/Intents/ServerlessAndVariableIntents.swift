import BundleEditing
import BundleModel
import Foundation

/// "run the job on serverless", "switch back to a job cluster".
public enum ServerlessIntent: Intent {
    /// The runtime and node type of a new job cluster: those the bundle's other clusters use, else
    /// the cloud's usual node type for the workspace host (AWS when it says none).
    static func clusterDefaults(_ context: PlanningContext) -> (sparkVersion: String, nodeType: String) {
        var versions: [String] = [], nodes: [String] = []
        func collect(_ node: YAMLNode?) {
            guard let node else { return }
            if let mapping = node.mapping {
                if let v = mapping["spark_version"]?.string, !v.contains("${") { versions.append(v) }
                if let n = mapping["node_type_id"]?.string, !n.contains("${") { nodes.append(n) }
                for entry in mapping.entries { collect(entry.value) }
            } else if let items = node.sequence {
                items.forEach(collect)
            }
        }
        collect(context.bundle.configuration["resources"].map { $0 })
        // The cloud of the default target's workspace (a bundle may deploy to several clouds).
        let defaultTarget = (try? TargetSelection.choose(nil, in: context.bundle)) ?? nil
        let hosts = ([defaultTarget.flatMap { context.bundle.targetsMapping?[$0]?["workspace"]?["host"]?.string }, context.bundle.configuration["workspace"]?["host"]?.string]
            + context.bundle.targetNames.map { context.bundle.targetsMapping?[$0]?["workspace"]?["host"]?.string }).compactMap { $0 }.filter { !$0.contains("${") }
        let host = hosts.first ?? ""
        let node = nodes.first ?? (host.contains("azuredatabricks.net") ? "Standard_D4ds_v5" : host.contains("gcp.databricks.com") ? "n2-standard-4" : "i3.xlarge")
        return (versions.first ?? "15.4.x-scala2.12", node)
    }

    /// A serverless environment's dependency as a cluster library: a wheel, a requirements file or a
    /// PyPI package; refused for what a library cannot say (editable installs, pip options).
    static func library(for dependency: YAMLNode, job: String) throws -> EditValue {
        guard let text = dependency.string?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            throw PlanningStop(outcome: .refused("an environment dependency of job \(job) is not a plain string; move it to the tasks' libraries by hand"))
        }
        if text.hasPrefix("-r ") { return .mapping([("requirements", .string(String(text.dropFirst(3)).trimmingCharacters(in: .whitespaces)))]) }
        if text.hasPrefix("-") || text.hasPrefix("git+") {
            throw PlanningStop(outcome: .refused("the environment dependency \"\(text)\" of job \(job) has no cluster library form; change it first"))
        }
        if text.hasSuffix(".whl") { return .mapping([("whl", .string(text))]) }
        if text.hasSuffix(".jar") { return .mapping([("jar", .string(text))]) }
        return .mapping([("pypi", .mapping([("package", .string(text))]))])
    }

    public static let id = "serverless"
    public static let summary = "serverless compute and back to a cluster (jobs and pipelines)"
    public static let examples = ["run the job on serverless compute", "switch back to a job cluster"]

    public static func score(_ text: RequestText) -> Int {
        // "add pandas to the serverless environment", "install polars on serverless": a library.
        if text.hasAny(["add", "install", "include"]) && (text.hasAny(["environment", "env"]) || LibraryIntent.score(text) > 0) { return 0 }
        // "add a variable wh with default Serverless Starter Warehouse": a value that says serverless.
        if text.hasAny(["variable", "var"]), text.contains("default"),
           let at = text.words.lastIndex(of: "default"), let said = text.words.firstIndex(where: { $0 == "serverless" || $0 == "classic" }), said > at { return 0 }
        // "move the job off serverless onto a cluster with 4 workers": leaving serverless first of all (its
        // cluster's size follows), not a setting of a cluster it does not have yet.
        if text.has("serverless"), leaves(text), text.hasAny(["move", "switch", "migrate", "put", "run", "off", "leave"]) { return 6 }
        if text.hasAny(["serverless", "classic"]) { return 4 }
        return text.contains("job cluster") && text.hasAny(["back", "switch", "instead", "move"]) ? 4 : 0
    }

    /// Whether the request leaves serverless compute ("switch back to a job cluster", "turn off
    /// serverless", "move the pipeline from serverless to classic compute").
    static func leaves(_ text: RequestText) -> Bool {
        let away = ["off serverless", "serverless off", "disable serverless", "no serverless", "without serverless", "not serverless",
                    "stop using serverless", "instead of serverless", "away from serverless", "from serverless", "out of serverless",
                    "back to", "to classic", "on classic", "onto classic", "use classic", "non-serverless", "serverless: false",
                    "serverless false", "serverless to false"].contains { text.contains($0) }
        // ("serverless on" as a switch: not "off serverless onto a cluster".)
        let toward = ["to serverless", "onto serverless", "on serverless", "use serverless", "enable serverless",
                      "serverless: true", "serverless true", "from classic", "off classic", "instead of classic", "instead of a job cluster",
                      "instead of the job cluster", "instead of clusters"].contains { text.contains($0) }
            || text.lowered.range(of: #"serverless on\b"#, options: .regularExpression) != nil
        let stopping = text.hasAny(["disable", "stop", "leave"]) || text.contains("turn off") || text.contains("switch off")
        if away != toward { return away }
        if away { return stopping }
        guard text.has("serverless") else { return text.hasAny(["back", "classic", "cluster", "clusters"]) }
        return stopping
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let back = leaves(text)
        let target = try context.target()
        let resource = try context.resource(["jobs", "pipelines"], where: { reference in
            if reference.type == "pipelines" { return context.isServerlessPipeline(reference.key, target: target) == back }
            let job = context.effectiveJob(reference.key, target: target)
            // Job clusters, a task's own cluster, or an all-purpose cluster are all classic compute; a job
            // on an all-purpose cluster may still move to a job cluster.
            let onJobClusters = job?["job_clusters"] != nil || (job?["tasks"]?.sequence ?? []).contains { $0["job_cluster_key"] != nil || $0["new_cluster"] != nil }
            let classic = onJobClusters || (job?["tasks"]?.sequence ?? []).contains { $0["existing_cluster_id"] != nil }
            return back ? !onJobClusters : classic
        }, unfit: { reference in back ? "already runs on a cluster" : "already runs on serverless compute" })
        if resource.type == "pipelines" {
            return try planPipeline(context, PipelineSelection(context, resource, target: target), off: back)
        }
        guard context.targetOption == nil, target == nil else {
            throw PlanningStop(outcome: .refused("a target override cannot remove inherited job clusters or environments; ask without a target"))
        }
        let job = resource.key
        let location = context.jobLocation(job, target: nil)
        let raw = context.rawNode(file: location.file, path: location.base)
        let tasks = raw?["tasks"]?.sequence ?? []
        var operations: [EditOperation] = []
        let pythonTypes = ["spark_python_task", "python_wheel_task", "dbt_task"]
        if back {
            guard raw?["job_clusters"] == nil else { throw PlanningStop(outcome: .refused("job \(job) already has job clusters")) }
            let (sparkVersion, defaultNodeType) = clusterDefaults(context)
            // ("… with 2 workers of Standard_D8ds_v5": that node type; a default took its place.)
            let nodeType = NodeTypeIntent.namedNodeType(text) ?? defaultNodeType
            let workers = ClusterSizeIntent.Sizing.workers(text) ?? 2
            operations.append(.set(location.base + [.key("job_clusters")], .sequence([.mapping([
                ("job_cluster_key", .string("job_cluster")),
                ("new_cluster", .mapping([("spark_version", .string(sparkVersion)), ("node_type_id", .string(nodeType)), ("num_workers", .int(workers))])),
            ])])))
            // What a task's environment installed, it installs as libraries on the cluster.
            let environments = Dictionary((raw?["environments"]?.sequence ?? []).compactMap { env in env["environment_key"]?.string.map { ($0, env) } },
                                          uniquingKeysWith: { first, _ in first })
            var moved = 0
            // Deletions from the end, so that indexes stay valid.
            var fromAllPurpose = 0
            for (i, task) in tasks.enumerated().reversed() where task["new_cluster"] == nil {
                let taskPath = location.base + [.key("tasks"), .index(i)]
                // "… on a job cluster instead of the all-purpose cluster": off it.
                if task["existing_cluster_id"] != nil {
                    operations.append(.delete(taskPath + [.key("existing_cluster_id")]))
                    fromAllPurpose += 1
                }
                if let key = task["environment_key"]?.string {
                    operations.append(.delete(taskPath + [.key("environment_key")]))
                    let dependencies = environments[key]?["spec"]?["dependencies"]?.sequence ?? []
                    let libraries = try dependencies.map { try library(for: $0, job: job) }
                    if !libraries.isEmpty {
                        operations.append(.set(taskPath + [.key("libraries")], .sequence(libraries)))
                        moved += libraries.count
                    }
                }
                if task["sql_task"] == nil && task["pipeline_task"] == nil && task["run_job_task"] == nil && task["condition_task"] == nil {
                    operations.append(.set(taskPath + [.key("job_cluster_key")], .string("job_cluster")))
                }
            }
            if raw?["environments"] != nil { operations.append(.delete(location.base + [.key("environments")])) }
            return Plan(subject: "Run \(job) on a job cluster instead of \(fromAllPurpose > 0 ? "an all-purpose cluster" : "serverless")",
                        summary: "Added the job cluster job_cluster (\(sparkVersion), \(workers) × \(nodeType)) to job \(job) and moved its tasks onto it"
                            + (fromAllPurpose > 0 ? " (off the all-purpose cluster)" : "")
                            + (moved > 0 ? "; \(moved == 1 ? "the dependency of its environment is" : "the \(moved) dependencies of its environments are") now the tasks' libraries." : "."),
                        job: job, edits: [(location.file, operations)])
        }
        guard raw?["job_clusters"] != nil || tasks.contains(where: { $0["job_cluster_key"] != nil || $0["existing_cluster_id"] != nil || $0["new_cluster"] != nil }) else {
            throw PlanningStop(outcome: .refused("job \(job) already runs on serverless compute"))
        }
        if tasks.contains(where: { $0["libraries"] != nil }) {
            throw PlanningStop(outcome: .refused("tasks of job \(job) install libraries, which serverless tasks take from an environment; move them first"))
        }
        var needsEnvironment = false
        for (i, task) in tasks.enumerated().reversed() {
            for field in ["job_cluster_key", "existing_cluster_id", "new_cluster"] where task[field] != nil {
                operations.append(.delete(location.base + [.key("tasks"), .index(i), .key(field)]))
            }
            if pythonTypes.contains(where: { task[$0] != nil }) && task["environment_key"] == nil {
                operations.append(.set(location.base + [.key("tasks"), .index(i), .key("environment_key")], .string("default")))
                needsEnvironment = true
            }
        }
        if raw?["job_clusters"] != nil { operations.append(.delete(location.base + [.key("job_clusters")])) }
        // The targets' own clusters for the job and its tasks go too (prod's per-task new_cluster, with no
        // spark_version of its own, was left behind: the job would not deploy there).
        var edits: [(file: String, operations: [EditOperation])] = []
        var cleared: [String] = []
        for targetName in context.bundle.targetNames {
            guard let node = context.bundle.targetsMapping?[targetName]?["resources"]?["jobs"]?[job] else { continue }
            let base: EditPath = [.key("targets"), .key(targetName), .key("resources"), .key("jobs"), .key(job)]
            guard let written = context.rawNode(file: node.location.file, path: base) else { continue }
            var own: [EditOperation] = []
            for (i, task) in (written["tasks"]?.sequence ?? []).enumerated().reversed() {
                for field in ["job_cluster_key", "existing_cluster_id", "new_cluster"] where task[field] != nil {
                    own.append(.delete(base + [.key("tasks"), .index(i), .key(field)]))
                }
            }
            if written["job_clusters"] != nil { own.append(.delete(base + [.key("job_clusters")])) }
            guard !own.isEmpty else { continue }
            cleared.append(targetName)
            if node.location.file == location.file {
                operations += own
            } else if let i = edits.firstIndex(where: { $0.file == node.location.file }) {
                edits[i].operations += own
            } else {
                edits.append((node.location.file, own))
            }
        }
        // A dbt task on serverless has no dbt installed: its environment brings dbt-databricks, as the
        // Databricks dbt template's does (fraud-detection-feature-store).
        let dbt = tasks.contains { $0["dbt_task"] != nil }
        if needsEnvironment && raw?["environments"] == nil {
            var spec: [(String, EditValue)] = [("environment_version", .string("2"))]
            if dbt { spec.append(("dependencies", .sequence([.string("dbt-databricks>=1.8.0,<2.0.0")]))) }
            operations.append(.set(location.base + [.key("environments")], .sequence([.mapping([
                ("environment_key", .string("default")), ("spec", .mapping(spec)),
            ])])))
        }
        let dbtNote = dbt && needsEnvironment && raw?["environments"] == nil ? "; the environment installs dbt-databricks for the dbt task" : ""
        let clearedNote = cleared.isEmpty ? "" : "; the cluster settings \(cleared.joined(separator: ", ")) gave its tasks are removed too"
        return Plan(subject: "Run \(job) on serverless compute",
                    summary: "Removed the job clusters of job \(job); its tasks now run on serverless compute\(needsEnvironment ? " (Python tasks in the environment default)" : "")\(dbtNote)\(clearedNote).",
                    job: job, edits: [(location.file, operations)] + edits)
    }
}

/// "notify the webhook 2b5c… on failure", "call webhook ops-pager when it starts".
public enum WebhookIntent: Intent {
    public static let id = "webhook-notifications"
    public static let summary = "webhook notification destinations"
    public static let examples = ["notify the webhook 7a3b2c1d-0000-4000-8000-000000000002 on failure"]

    public static func score(_ text: RequestText) -> Int { text.hasAny(["webhook", "webhooks", "destination", "slack", "pagerduty", "teams"]) ? 4 : 0 }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let target = try context.target()
        let job = try context.job()
        let words = text.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;\"'")) }
        // A destination's id is a UUID: "use 42" after the question was spliced into its example id
        // (0c2e4b9e-6f1c-4a52-8000-42) and committed.
        let givenID = words.first(where: { $0.wholeMatch(of: /[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/) != nil })
        // "remove the slack webhook on success", "stop notifying the webhook …": the destinations go (that
        // id, or every one on the events said; on every event when none is said).
        if text.hasAny(["remove", "delete", "drop", "stop", "unsubscribe", "disable"]) || text.contains("no more") {
            let location = context.jobLocation(job, target: target)
            let written = context.rawNode(file: location.file, path: location.base + [.key("webhook_notifications")])?.mapping
            guard let written, !written.isEmpty else {
                throw PlanningStop(outcome: .refused("nothing to change: job \(job) notifies no webhook\(context.forTarget(target)) in \(location.file)"))
            }
            let said = EmailNotificationIntent.events(in: text)
            let events = said.isEmpty ? written.keys : said.filter { written[$0] != nil }
            var operations: [EditOperation] = []
            var gone: [String] = []
            for event in events {
                let items = written[event]?.sequence ?? []
                let matching = items.indices.filter { givenID == nil || items[$0]["id"]?.string == givenID }
                guard !matching.isEmpty else { continue }
                let path = location.base + [.key("webhook_notifications"), .key(event)]
                if matching.count == items.count { operations.append(.delete(path)) }
                else { operations += matching.reversed().map { .delete(path + [.index($0)]) } }
                gone.append(event)
            }
            guard !operations.isEmpty else {
                throw PlanningStop(outcome: .refused("nothing to change: job \(job) notifies \(givenID.map { "no webhook \($0)" } ?? "no webhook") on \(said.isEmpty ? "any event" : said.joined(separator: ", "))"))
            }
            // The last event takes the block with it (no `webhook_notifications: {}` left behind).
            if gone.count == written.count, operations.count == written.count, givenID == nil || operations.allSatisfy({ if case .delete(let p) = $0 { return p.count == location.base.count + 2 } else { return false } }) {
                operations = [.delete(location.base + [.key("webhook_notifications")])]
            }
            return Plan(subject: "Stop notifying \(givenID.map { "webhook \($0)" } ?? "webhooks") on \(gone.map { String($0.dropFirst(3)) }.joined(separator: " and ")) of \(job)",
                        summary: "Removed \(givenID.map { "the webhook \($0)" } ?? "the webhook destinations") from webhook_notifications (\(gone.joined(separator: ", "))) of job \(job)\(context.forTarget(target)).",
                        target: target, job: job, edits: [(location.file, operations)])
        }
        // The events as e-mail notifications read them ("on duration warnings", "when a run takes too long",
        // "when the backlog grows" too), on failure when none is said.
        var events = EmailNotificationIntent.events(in: text)
        if text.hasAny(["backlog", "streaming"]) { events.append("on_streaming_backlog_exceeded") }
        if text.has("warnings") || text.has("warning"), !events.contains("on_duration_warning_threshold_exceeded"), text.hasAny(["duration", "health", "sla"]) {
            events.append("on_duration_warning_threshold_exceeded")
        }
        if events.isEmpty { events = ["on_failure"] }
        guard let id = givenID else {
            // The example answer keeps the events asked for (it said "when the job fails" to "… when the job
            // succeeds", and filled in, it committed on_failure).
            let said = events.map { "on " + $0.dropFirst(3).replacingOccurrences(of: "_", with: " ") }.joined(separator: " and ")
            throw PlanningStop(outcome: .clarify(question: "Which notification destination? Give its id (Settings → Notification destinations).",
                                                 choices: ["notify the destination 0c2e4b9e-6f1c-4a52-8000-000000000001 \(said) of job \(job)"]))
        }
        let location = context.jobLocation(job, target: target)
        let existing = context.effectiveJob(job, target: target)?["webhook_notifications"]
        let operations: [EditOperation] = events.compactMap { event in
            if existing?[event]?.sequence?.contains(where: { $0["id"]?.string == id }) ?? false { return nil }
            return .append(location.base + [.key("webhook_notifications"), .key(event)], .mapping([("id", .string(id))]))
        }
        guard !operations.isEmpty else { throw PlanningStop(outcome: .refused("the webhook \(id) is already notified")) }
        return Plan(subject: "Notify webhook \(id) on \(events.map { $0.dropFirst(3) }.joined(separator: " and ")) of \(job)",
                    summary: "Added the webhook \(id) to webhook_notifications (\(events.joined(separator: ", "))) of job \(job)\(context.forTarget(target)).",
                    target: target, job: job, edits: [(location.file, operations)])
    }
}

/// "parameterize the catalog", "make the catalog a variable", "add a variable warehouse_id with default abc123",
/// "remove the catalog variable".
public enum VariableIntent: Intent {
    /// The variable leaves its declaration and every target's value, unless something still uses it.
    static func removal(_ context: PlanningContext, declared: [String]) throws -> Plan {
        let words = context.request.original.split(whereSeparator: { $0 == " " || $0 == "," }).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".;\"'`")) }
        guard !declared.isEmpty else { throw PlanningStop(outcome: .refused("this bundle declares no variables")) }
        guard let name = declared.first(where: { n in words.contains { $0.lowercased() == n.lowercased() || $0 == "${var.\(n)}" } }) else {
            throw PlanningStop(outcome: .clarify(question: "Which variable should go? This bundle declares: \(declared.isEmpty ? "none" : declared.joined(separator: ", ")).",
                                                 choices: declared.prefix(3).map { "remove the \($0) variable" }))
        }
        var uses: [String] = []
        var edits: [(file: String, operations: [EditOperation])] = []
        for file in context.bundle.files {
            if let data = (try? context.bundle.source.read(file.path)) ?? nil {
                let text = String(decoding: data, as: UTF8.self)
                for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                where ["}", ".", "["].contains(where: { line.contains("${var.\(name)\($0)") }) {
                    uses.append("\(file.path):\(n + 1)")
                }
            }
            var operations: [EditOperation] = []
            if file.root?["variables"]?[name] != nil {
                operations.append(.delete(file.root?["variables"]?.mapping?.keys.count == 1 ? [.key("variables")] : [.key("variables"), .key(name)]))
            }
            for target in file.root?["targets"]?.mapping?.keys ?? [] where file.root?["targets"]?[target]?["variables"]?[name] != nil {
                let only = file.root?["targets"]?[target]?["variables"]?.mapping?.keys.count == 1
                operations.append(.delete([.key("targets"), .key(target), .key("variables")] + (only ? [] : [.key(name)])))
            }
            if !operations.isEmpty { edits.append((file.path, operations)) }
        }
        guard uses.isEmpty else {
            throw PlanningStop(outcome: .refused("variable \(name) is still used (\(uses.prefix(4).joined(separator: ", "))\(uses.count > 4 ? ", …" : "")); change those places first, then remove it"))
        }
        return Plan(subject: "Remove the variable \(name)",
                    summary: "Removed the variable \(name): its declaration\(edits.flatMap(\.operations).count > 1 ? " and the targets' values for it" : ""); nothing used it.",
                    edits: edits)
    }

    public static let id = "variables"
    public static let summary = "variables, and parameterizing a literal value"

    /// The description the words give a new variable: `description "The environment name"`, "described as
    /// the environment name", "description: …" (it went to the job's description, or was "The env").
    static func description(in text: RequestText) -> String? {
        guard let match = text.original.firstMatch(of: /(?i)\b(?:description|described\s+as|desc)\s*(?::|=|of|as|is)?\s*(?:"([^"]*)"|“([^”]*)”|'([^']*)'|(.+?))\s*\)?\s*[.!]?$/) else { return nil }
        let value = (match.output.1 ?? match.output.2 ?? match.output.3 ?? match.output.4).map(String.init)?
            .replacingOccurrences(of: #"\s+(?:and|with)\s+(?:a\s+)?default\b.*$"#, with: "", options: [.regularExpression, .caseInsensitive])
            .trimmingCharacters(in: CharacterSet(charactersIn: " .!"))
            .trimmingCharacters(in: CharacterSet(charactersIn: "\"'“”"))
        guard var value, !value.isEmpty else { return nil }
        // ("… (dev or prod)": a bracket of its own, closed.)
        let opened: Int = value.filter { $0 == "(" }.count
        let closed: Int = value.filter { $0 == ")" }.count
        if opened > closed { value += ")" }
        return value
    }

    /// "schema and sp_client_id", "a, b, c": the names listed from `start` (words of identifiers joined
    /// by commas or "and"); nil when the list ends at its first name.
    /// "rename the variable raw_schema to landing_schema", "rename var.env to stage": the declaration, each target's
    /// value and every `${var.…}` reference (its default was set to the new name, a lookup replaced by it).
    static func renaming(_ context: PlanningContext, declared: [String]) throws -> Plan? {
        guard let said = renameWords(context.request.original),
              let old = declared.first(where: { $0 == said.old }) ?? declared.first(where: { $0.lowercased() == said.old.lowercased() }) else { return nil }
        let new = said.new
        guard let first = new.first, first.isLetter || first == "_", new.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            throw PlanningStop(outcome: .refused("a variable's name is a letter or _ then letters, digits, _ and -; \"\(new)\" is not one"))
        }
        guard new != old else { throw PlanningStop(outcome: .refused("the variable already is called \(old)")) }
        if declared.contains(new) { throw PlanningStop(outcome: .refused("the bundle already declares a variable \(new)")) }
        let section = context.targetsSection
        var contents: [String: String] = [:]
        var references = 0
        for file in context.bundle.files {
            guard let data = try? context.bundle.source.read(file.path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            var editor = YAMLEditor(text: text)
            do {
                if file.root?["variables"]?[old] != nil { try editor.rename([.key("variables"), .key(old)], to: new) }
                for target in file.root?[section]?.mapping?.keys ?? [] where file.root?[section]?[target]?["variables"]?[old] != nil {
                    try editor.rename([.key(section), .key(target), .key("variables"), .key(old)], to: new)
                }
            } catch {
                throw PlanningStop(outcome: .refused("\(file.path): \(error.description)"))
            }
            var changed = editor.text
            for suffix in ["}", ".", "["] {
                let said = "${var.\(old)\(suffix)"
                references += changed.components(separatedBy: said).count - 1
                changed = changed.replacingOccurrences(of: said, with: "${var.\(new)\(suffix)")
            }
            if changed != text { contents[file.path] = changed }
        }
        guard !contents.isEmpty else { return nil }
        var plan = Plan(subject: "Rename the variable \(old) to \(new)",
                        summary: "Renamed the variable \(old) to \(new) (in \(contents.keys.sorted().joined(separator: ", "))"
                            + (references == 0 ? "" : "; \(references) reference\(references == 1 ? " follows" : "s follow")")
                            + "). Values given from outside must use the new name too: --var \(new)=…, BUNDLE_VAR_\(new).",
                        edits: [])
        plan.contents = contents
        return plan
    }

    /// The variable's old and new name in "rename the variable raw_schema to landing_schema", "call the catalog
    /// variable main_catalog", "name the env variable stage", "the catalog variable should be called
    /// main_catalog", "change the name of the catalog variable to main_catalog" (the verb was read as a new
    /// variable's name: "What should variable call hold by default?").
    static func renameWords(_ original: String) -> (old: String, new: String)? {
        let name = { (said: Substring) in said.replacingOccurrences(of: "${var.", with: "").replacingOccurrences(of: "var.", with: "").trimmingCharacters(in: CharacterSet(charactersIn: "{}$")) }
        if let match = original.firstMatch(of: /(?i)^\s*(?:please\s+)?(?:call|name)\s+(?:the\s+)?(\S+)\s+variable\s+(\S+?)[.!]?\s*$/)
            ?? original.firstMatch(of: /(?i)\b(\S+)\s+variable\s+(?:should|must|is\s+to|needs\s+to|has\s+to)\s+be\s+(?:called|named|renamed(?:\s+to)?)\s+(\S+?)[.!]?\s*$/)
            ?? original.firstMatch(of: /(?i)\bchange\s+the\s+name\s+of\s+(?:the\s+)?(?:variable\s+)?(\S+?)(?:\s+variable)?\s+to\s+(\S+?)[.!]?\s*$/) {
            return (name(match.output.1), name(match.output.2).trimmingCharacters(in: CharacterSet(charactersIn: "\"'`")))
        }
        let tokens = original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;\"'`")) }
        let lowered = tokens.map { $0.lowercased() }
        guard let verb = lowered.firstIndex(where: { $0 == "rename" || $0 == "renaming" }),
              let to = lowered.lastIndex(where: { $0 == "to" || $0 == "as" || $0 == "into" }), to > verb + 1, to + 1 < tokens.count else { return nil }
        let named = tokens[(verb + 1)..<to].map { name($0[...]) }
            .filter { !["the", "variable", "var", "bundle", "bundle's", "our", "my"].contains($0.lowercased()) }
        guard named.count == 1 else { return nil }
        return (named[0], tokens[to + 1].replacingOccurrences(of: "var.", with: ""))
    }

    /// Whether the words add items to (or remove them from) a list variable the bundle declares, named
    /// without the word "variable": "add c@x.com to alert_emails for prod" (not understood).
    static func namesListVariable(_ context: PlanningContext) -> Bool {
        let original = context.request.original
        guard let said = original.firstMatch(of: /(?i)\b(?:add|append|include)\s+.+?\s+to\s+(?:the\s+)?([A-Za-z_][\w-]*)/)?.output.1
                ?? original.firstMatch(of: /(?i)\b(?:remove|delete|drop|take)\s+.+?\s+(?:from|off|out\s+of)\s+(?:the\s+)?([A-Za-z_][\w-]*)/)?.output.1 else { return false }
        let name = String(said)
        return (context.bundle.configuration["variables"]?.mapping?.keys ?? []).contains(name) && VariableValueIntent.holdsList(context, name)
    }

    /// "add oncall@x.com to the failure_emails variable in prod": one more item of a list variable, for the target
    /// named (its own list, else the default's) or the default (it asked for a default of a variable named
    /// "oncall@x.com").
    static func appendingToList(_ context: PlanningContext, declared: [String]) throws -> Plan? {
        guard let match = context.request.original.firstMatch(of: /(?i)\b(?:add|append|include)\s+(.+?)\s+to\s+(?:the\s+)?(?:variable\s+|var\s+)?([A-Za-z_][\w-]*)/) else { return nil }
        return try editingList(context, declared: declared, name: String(match.output.2), said: String(match.output.1), adding: true)
    }

    /// "remove a@x.com from the admins variable (in prod)": that item of a list variable (the whole variable went).
    static func removingFromList(_ context: PlanningContext, declared: [String]) throws -> Plan? {
        guard let match = context.request.original.firstMatch(of: /(?i)\b(?:remove|delete|drop|take)\s+(.+?)\s+(?:from|off|out\s+of)\s+(?:the\s+)?(?:variable\s+|var\s+)?([A-Za-z_][\w-]*)/),
              VariableValueIntent.holdsList(context, String(match.output.2)) else { return nil }
        return try editingList(context, declared: declared, name: String(match.output.2), said: String(match.output.1), adding: false)
    }

    /// The items said added to (or removed from) the list variable `name`, for the target named or the default.
    static func editingList(_ context: PlanningContext, declared: [String], name said: String, said items: String, adding: Bool) throws -> Plan? {
        guard let name = declared.first(where: { $0 == said }) else { return nil }
        let declaration = context.bundle.configuration["variables"]?[name]
        let target = try context.target()
        let own = target.flatMap { context.bundle.targetsMapping?[$0]?["variables"]?[name] }
        guard let current = (own?.sequence ?? own?["default"]?.sequence) ?? (own == nil ? declaration?["default"]?.sequence : nil) else { return nil }
        let existing = current.compactMap(\.string)
        let items = Self.listItems(items)
        let changed = adding ? items.filter { !existing.contains($0) } : items.filter(existing.contains)
        guard !changed.isEmpty else {
            throw PlanningStop(outcome: .refused(adding ? "the variable \(name) already holds \(items.joined(separator: ", "))\(context.forTarget(target))"
                : "the variable \(name) does not hold \(items.joined(separator: ", "))\(context.forTarget(target)) (it holds \(existing.isEmpty ? "nothing" : existing.joined(separator: ", ")))"))
        }
        let new = adding ? existing + changed : existing.filter { !changed.contains($0) }
        guard let assignment = try VariableValueIntent.assignment(context, variable: name, value: new.joined(separator: ", "), target: target,
                                                                  defaultAsked: target == nil, written: .sequence(new.map { .string($0) })) else { return nil }
        return Plan(subject: "\(adding ? "Add" : "Remove") \(changed.joined(separator: ", ")) \(adding ? "to" : "from") the variable \(name)\(target.map { " in \($0)" } ?? "")",
                    summary: assignment.summary, target: target, edits: [(assignment.file, assignment.operations)])
    }

    /// The items of a list said in words: "a@x.com, b@x.com and c@x.com", or addresses apart ("a@x.com b@x.com").
    static func listItems(_ said: String) -> [String] {
        var items = said.components(separatedBy: ",").flatMap { $0.components(separatedBy: " and ") }
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"'`")) }.filter { !$0.isEmpty }
        items = items.flatMap { item in
            let words = item.split(separator: " ").map(String.init)
            return words.count > 1 && words.allSatisfy({ $0.contains("@") }) ? words : [item]
        }
        return items
    }

    /// "endpoint name", "name of the serving endpoint": the kind of resource whose name is meant, and the noun said.
    static func resourceName(_ words: [String], from start: Int, catalog: ResourceCatalog) -> (type: String, noun: String)? {
        let lowered = words[start...].map { $0.lowercased() }
        let noun: String?
        if lowered.count >= 2, lowered[lowered.startIndex + 1] == "name" {
            noun = lowered.first
        } else if lowered.first == "name", lowered.dropFirst().first == "of" {
            // ("the serving endpoint": the last noun of the words.)
            let isNoun: (String) -> Bool = { word in ResourceVocabulary.nouns.values.contains { $0.contains(word) } }
            noun = lowered.dropFirst(2).drop { $0 == "the" }.prefix(while: isNoun).last
        } else {
            noun = nil
        }
        guard let noun, let type = ResourceVocabulary.nouns.filter({ $0.value.contains(noun) }).map(\.key).sorted()
            .first(where: { !catalog.references(ofType: $0).isEmpty }) else { return nil }
        return (type, noun)
    }

    /// The resource's literal `name` becomes the variable `<noun>_name`, its default that name.
    static func parameterizingName(of type: String, said noun: String, _ context: PlanningContext, declared: [String]) throws -> Plan {
        let resource = try context.resource([type])
        let location = context.location(of: resource, target: nil)
        let kind = ResourceVocabulary.singular(type)
        guard let written = context.rawNode(file: location.file, path: location.base + [.key("name")])?.string else {
            throw PlanningStop(outcome: .refused("\(kind) \(resource.key) has no name written in \(location.file) to parameterize"))
        }
        guard !written.contains("${") else { throw PlanningStop(outcome: .refused("the name of \(kind) \(resource.key) is \(written) already")) }
        let variable = "\(noun)_name"
        var operations: [EditOperation] = []
        if declared.contains(variable) {
            let current = context.bundle.configuration["variables"]?[variable]?["default"]?.string
            guard current == written else {
                throw PlanningStop(outcome: .refused("the variable \(variable) exists already\(current.map { " (default \($0))" } ?? ""), and \(kind) \(resource.key) is named \(written); "
                    + "to name it by that variable, set its name to ${var.\(variable)} (the name changes to the variable's value)"))
            }
        } else {
            operations.append(.set([.key("variables"), .key(variable)], .mapping([("description", .string("The name of \(kind) \(resource.key)")), ("default", .string(written))])))
        }
        var edits: [(file: String, operations: [EditOperation])] = operations.isEmpty ? [] : [(context.bundle.rootFile, operations)]
        let use = EditOperation.set(location.base + [.key("name")], .string("${var.\(variable)}"))
        if let index = edits.firstIndex(where: { $0.file == location.file }) { edits[index].operations.append(use) } else { edits.append((location.file, [use])) }
        var plan = Plan(subject: "Parameterize the name of \(kind) \(resource.key)",
                        summary: operations.isEmpty ? "The name of \(kind) \(resource.key) is now ${var.\(variable)} (\(written), as that variable's default)."
                            : "Added the variable \(variable) (default \(written)) and named \(kind) \(resource.key) by it.",
                        edits: edits)
        plan.resource = resource
        return plan
    }

    static func severalNames(_ words: [String], from start: Int) -> [String]? {
        var names: [String] = []
        var i = start
        while i < words.count {
            let word = words[i]
            guard word.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !["and", "with", "no", "without", "default", "defaults", "the", "for", "in", "of", "on", "to", "from", "at", "across", "everywhere",
                                                                                   "configurable", "settable", "per", "variable", "variables", "into"].contains(word.lowercased()) else { break }
            names.append(word)
            i += 1
            if i < words.count, words[i].lowercased() == "and" { i += 1 }
        }
        return names.count > 1 ? names : nil
    }

    /// Several variables declared at once: without a default when each target gives a value (or the words
    /// say "no defaults"), which every target must then do.
    static func several(_ names: [String], _ context: PlanningContext, declared: [String]) throws -> Plan {
        let existing = names.filter { declared.contains($0) }
        guard existing.isEmpty else { throw PlanningStop(outcome: .refused("the variable\(existing.count == 1 ? "" : "s") \(existing.joined(separator: ", ")) exist\(existing.count == 1 ? "s" : "") already")) }
        let text = context.request
        let withoutDefaults = text.contains("no default") || text.contains("without default") || text.contains("without a default")
            || text.contains("targets set") || text.contains("every target sets") || text.contains("each target sets")
        guard withoutDefaults else {
            throw PlanningStop(outcome: .clarify(question: "What should the variables \(names.joined(separator: ", ")) hold by default? Declare them one at a time with their defaults, or say \"without defaults\" when every target sets them.",
                                                 choices: names.map { "add a variable \($0) with default VALUE" }))
        }
        let root = context.bundle.rootFile
        let operations: [EditOperation] = names.map { .set([.key("variables"), .key($0)], .mapping([("description", .string("The \($0)"))])) }
        let unset = context.bundle.targetNames.filter { target in names.contains { context.bundle.targetsMapping?[target]?["variables"]?[$0] == nil } }
        return Plan(subject: "Add the variables \(names.joined(separator: ", "))",
                    summary: "Added the variables \(names.joined(separator: ", ")), without defaults." + (unset.isEmpty ? " Every target gives them values."
                        : " Every target must give each a value (\(unset.joined(separator: ", ")) \(unset.count == 1 ? "does" : "do") not yet): in its `variables:`, with --var, or BUNDLE_VAR_<name>."),
                    edits: [(root, operations)])
    }
    public static let examples = ["parameterize the catalog", "add a variable warehouse_id with default abc123"]

    /// The variables and defaults a request lists, each item "NAME defaulting to VALUE", "NAME (default VALUE)",
    /// "a NAME variable with default VALUE", "NAME=VALUE", after "add (three) variables:" or "add"; nil unless
    /// every item of the list reads so.
    static func declaredList(_ request: String) -> [(name: String, value: String, description: String?)]? {
        var rest = request.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ".!")))
        // "add two variables, env and region, with defaults dev and us-east-1": the names, then their defaults.
        if let match = rest.firstMatch(of: /(?i)^(?:please\s+)?(?:add|create|declare|define)\s+(?:(?:two|three|four|five|\d+|the)\s+)?(?:new\s+)?variables\s*,?\s*(.+?)\s*,?\s+with\s+(?:the\s+)?defaults?\s+(.+)$/) {
            func items(_ text: Substring) -> [String] {
                text.replacingOccurrences(of: #"\s*(,|\band\b)\s*"#, with: ",", options: .regularExpression)
                    .split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) }.filter { !$0.isEmpty }
            }
            let names = items(match.output.1), values = items(match.output.2)
            if names.count >= 2, names.count == values.count, names.allSatisfy({ $0.range(of: #"^[A-Za-z_][\w-]*$"#, options: .regularExpression) != nil }) {
                return zip(names, values).map { ($0, $1, nil) }
            }
        }
        let lead = #"(?i)^(?:please\s+)?(?:(?:add|create|declare|define|introduce)\s+(?:(?:two|three|four|five|six|\d+|some|these|the following|the|a few|a couple of)\s+)?(?:new\s+)?(?:bundle\s+)?(?:variables|vars)|new\s+(?:bundle\s+)?(?:variables|vars))\s*(?::|—|-)?\s*"#
        if let range = rest.range(of: lead, options: .regularExpression) {
            rest.removeSubrange(range)
        } else if let range = rest.range(of: #"(?i)^(?:please\s+)?(?:add|create|declare|define|introduce)\s+"#, options: .regularExpression) {
            rest.removeSubrange(range)
        } else {
            return nil
        }
        // Items split at commas and "and" outside quotes and brackets.
        var items: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        let characters = Array(rest)
        var i = 0
        func flush() { items.append(current.trimmingCharacters(in: .whitespaces)); current = "" }
        while i < characters.count {
            let c = characters[i]
            if let q = quote { current.append(c); if c == q { quote = nil }; i += 1; continue }
            if c == "\"" || c == "“" { quote = c == "“" ? "”" : "\""; current.append(c); i += 1; continue }
            if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
            if depth == 0, c == "," || c == ";" {
                flush(); i += 1
                if String(characters[i...]).range(of: #"^\s*and\s+"#, options: [.regularExpression, .caseInsensitive]) != nil {
                    while i < characters.count, characters[i] == " " { i += 1 }
                    i += 3
                }
                continue
            }
            if depth == 0, c == " ", String(characters[i...]).range(of: #"^\s+and\s+"#, options: [.regularExpression, .caseInsensitive]) != nil {
                flush()
                while i < characters.count, characters[i] == " " { i += 1 }
                i += 3
                continue
            }
            current.append(c)
            i += 1
        }
        flush()
        items = items.filter { !$0.isEmpty }
        guard items.count >= 2 else { return nil }
        let name = #"([A-Za-z_][\w-]*)"#
        let value = #"("[^"]*"|“[^”]*”|'[^']*'|[^\s()"]+)"#
        let described = #"(?:\s*,\s*(?:description|desc)\s*(?::|=|is)?\s*("[^"]*"|“[^”]*”|'[^']*'))?"#
        let forms = [
            #"(?i)^(?:an?\s+|the\s+)?(?:variable\s+)?"# + name + #"(?:\s+variable)?\s*\(\s*(?:default(?:s)?|defaulting\s+to)?\s*(?::|=|is|of|to)?\s*"# + value + described + #"\s*\)$"#,
            #"(?i)^(?:an?\s+|the\s+)?(?:variable\s+)?"# + name + #"(?:\s+variable)?\s+(?:with\s+(?:a\s+|the\s+)?default(?:\s+value)?(?:\s+of)?|defaulting\s+to|default(?:s)?(?:\s+to)?|set\s+to|of)\s*:?\s*"# + value + #"$"#,
            #"(?i)^(?:an?\s+|the\s+)?(?:variable\s+)?"# + name + #"(?:\s+variable)?\s*(?:=|:)\s*"# + value + #"$"#,
        ]
        var list: [(name: String, value: String, description: String?)] = []
        for item in items {
            guard let match = forms.lazy.compactMap({ form -> (String, String, String?)? in
                guard let regex = try? NSRegularExpression(pattern: form),
                      let m = regex.firstMatch(in: item, range: NSRange(item.startIndex..., in: item)),
                      let n = Range(m.range(at: 1), in: item), let v = Range(m.range(at: 2), in: item) else { return nil }
                let quotes = CharacterSet(charactersIn: "\"'“”")
                let d = m.numberOfRanges > 3 ? Range(m.range(at: 3), in: item).map { String(item[$0]).trimmingCharacters(in: quotes) } : nil
                return (String(item[n]), String(item[v]).trimmingCharacters(in: quotes), d)
            }).first, !["variable", "variables", "a", "an", "the", "description", "desc", "default", "type", "lookup"].contains(match.0.lowercased()) else { return nil }
            list.append((match.0, match.1, match.2))
        }
        return list
    }

    /// Every literal at a field named like the value (catalog, catalog_name) in the bundle's files.
    static func literals(named name: String, in context: PlanningContext) -> [(file: String, path: EditPath, value: String)] {
    var literals: [(file: String, path: EditPath, value: String)] = []
        func walk(_ node: YAMLNode, _ path: EditPath, file: String) {
            switch node.kind {
            case .mapping(let m):
                for e in m.entries {
                    let key = e.key.lowercased()
                    // (A target's values of variables are no field: `endpoint_name: fraud-detection-prd` stays.)
                    if path.count == 2, path.first == .key("targets"), key == "variables" { continue }
                    if (key == name.lowercased() || key == name.lowercased() + "_name"), let v = e.value.string, !v.contains("${"), e.value.scalar != nil {
                        literals.append((file, path + [.key(e.key)], v))
                    } else {
                        walk(e.value, path + [.key(e.key)], file: file)
                    }
                }
            case .sequence(let items):
                for (i, item) in items.enumerated() { walk(item, path + [.index(i)], file: file) }
            case .scalar:
                break
            }
        }
        for file in context.bundle.files {
            guard let root = file.root else { continue }
            for section in ["resources", "targets"] {
                if let node = root[section] { walk(node, [.key(section)], file: file.path) }
            }
        }
        return literals
    }

    /// The declared variable `name` used where its default is written out, in the resources the words name (every
    /// resource when they name none).
    static func usingDeclared(_ name: String, _ context: PlanningContext) throws -> Plan {
        guard let value = context.bundle.configuration["variables"]?[name]?["default"]?.string else {
            throw PlanningStop(outcome: .refused("the variable \(name) exists already, without a default of its own to find in the bundle; say which field should use ${var.\(name)}"))
        }
        let mentioned = Set(context.catalog.mentions(in: context.request.original).keys)
        let types = Set(ResourceVocabulary.nouns.filter { _, nouns in context.request.hasAny(Array(nouns)) }.keys)
        let resource: (EditPath) -> (type: String, key: String)? = { path in
            guard let at = path.firstIndex(of: .key("resources")), path.count > at + 2, case .key(let type) = path[at + 1], case .key(let key) = path[at + 2] else { return nil }
            return (type, key)
        }
        let all = literals(named: name, in: context).filter { literal in
            guard let owner = resource(literal.path) else { return mentioned.isEmpty && types.isEmpty }
            if !mentioned.isEmpty { return mentioned.contains { $0.type == owner.type && $0.key == owner.key } }
            return types.isEmpty || types.contains(owner.type)
        }
        let matching = all.filter { $0.value == value }
        guard !matching.isEmpty else {
            let others = Set(all.map(\.value)).sorted()
            throw PlanningStop(outcome: .refused("the variable \(name) exists already (default \(value))"
                + (others.isEmpty ? ", and no \(name) field there is written out to use it in" : "; the \(name) there is \(others.joined(separator: ", ")), not its default — say \"set the \(name) to ${var.\(name)}\" to use it anyway")))
        }
        var byFile: [String: [EditOperation]] = [:]
        var order: [String] = []
        for literal in matching {
            if byFile[literal.file] == nil { order.append(literal.file) }
            byFile[literal.file, default: []].append(.set(literal.path, .string("${var.\(name)}")))
        }
        let overriding = context.bundle.targetNames.compactMap { t in context.bundle.targetsMapping?[t]?["variables"]?[name].map { "\(t): \($0.string ?? "its value")" } }
        var plan = Plan(subject: "Use the variable \(name) for the \(name)",
                        summary: "Used the variable \(name) (default \(value)) in \(matching.count) place\(matching.count == 1 ? "" : "s") that wrote \(value) out"
                            + (overriding.isEmpty ? "." : "; targets that set it give those their own value (\(overriding.joined(separator: ", "))).")
                            ,
                        edits: order.map { ($0, byFile[$0]!) })
        let owners = Set(matching.compactMap { resource($0.path).map { "\($0.type).\($0.key)" } })
        if owners.count == 1, let one = owners.first, let reference = ResourceReference(parsing: one) {
            plan.resource = reference
            plan.job = reference.type == "jobs" ? reference.key : nil
        }
        return plan
    }

    public static func score(_ text: RequestText) -> Int {
        text.hasAny(["parameterize", "parametrize", "variable", "variables", "var", "configurable", "settable"]) ? 4 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let original = text.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;\"'")) }
        let declared = context.bundle.configuration["variables"]?.mapping?.keys ?? []
        if let renamed = try renaming(context, declared: declared) { return renamed }
        if let appended = try appendingToList(context, declared: declared) { return appended }
        if let removed = try removingFromList(context, declared: declared) { return removed }
        if text.hasAny(["remove", "delete", "drop"]) || text.contains("get rid of") {
            return try removal(context, declared: declared)
        }
        let ignored: Set<String> = ["parameterize", "parametrize", "the", "a", "make", "add", "pipeline's", "job's", "its", "create", "declare", "define", "introduce", "variable", "new", "give", "set", "please",
                                    "with", "default", "as", "into", "of", "called", "named", "var", "value", "to", "it", "for", "all", "every", "turn", "variables", "vars", "bundle", "bundle's"]
        guard let nameIndex = original.firstIndex(where: { !ignored.contains($0.lowercased()) }) else {
            throw PlanningStop(outcome: .clarify(question: "Which value should become a variable?", choices: ["parameterize the catalog"]))
        }
        let name = original[nameIndex]
        let root = context.bundle.rootFile
        let declares = text.hasAny(["add", "create", "declare", "define", "introduce", "new"])
        // "add a variable spark_version with default 15.4…, a variable pool_id with default … and a variable jar with
        // default …": each one with its own default (the first got the last one's, the others were dropped).
        // "add three variables: schema defaulting to sales, region … and owner …", "add variables schema (default
        // sales) and region (default eu-west-1)", "add a warehouse_id variable with default abc123 and a schema
        // variable with default sales", "new variables: schema=sales, region=eu-west-1" (a variable "three" was
        // added, or one with the last one's default).
        if declares, let list = Self.declaredList(text.original), list.count >= 2 {
            guard Set(list.map(\.name)).count == list.count else { throw PlanningStop(outcome: .refused("a variable is named twice in the request")) }
            let plans = try list.map { item in
                try plan(context.saying("add a variable \(item.name) with default \(item.value)" + (item.description.map { " and description \"\($0)\"" } ?? "")))
            }
            return OfflinePlanner.merged(plans, subject: "Add the variables \(list.dropLast().map(\.name).joined(separator: ", ")) and \(list.last!.name)")
        }
        if declares {
            let each = text.original.matches(of: /(?i)\bvariable\s+([A-Za-z_][\w-]*)\s+(?:with\s+(?:a\s+|the\s+)?default(?:\s+value)?(?:\s+of)?|defaulting\s+to|=)\s+("[^"]*"|\S+?)(?=,|;|\s+and\s+|\s*$)/)
                .map { (String($0.output.1), String($0.output.2).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))) }
            if each.count >= 2, Set(each.map(\.0)).count == each.count {
                let plans = try each.map { try plan(context.saying("add a variable \($0.0) with default \($0.1)")) }
                return OfflinePlanner.merged(plans, subject: "Add the variables \(each.dropLast().map(\.0).joined(separator: ", ")) and \(each.last!.0)")
            }
        }
        // "add variables schema and sp_client_id, no defaults, the targets set them": each of them.
        if declares, text.hasAny(["variables", "vars"]), let names = Self.severalNames(original, from: nameIndex), names.count > 1 {
            return try several(names, context, declared: declared)
        }
        // "parameterize the catalog and schema of the pipeline": each of them, in one revision (the schema
        // was left out, unsaid).
        // ("turn the catalog and schema into variables", "make them configurable": the same.)
        let parameterizes = text.hasAny(["parameterize", "parametrize", "configurable", "settable"]) || text.contains("into variable") || text.contains("into a variable")
        // "parameterize the endpoint name", "… the name of the serving endpoint": that resource's name (a variable
        // "endpoint" and one "name" were made, each holding some other value).
        if parameterizes, let named = Self.resourceName(original, from: nameIndex, catalog: context.catalog) {
            return try parameterizingName(of: named.type, said: named.noun, context, declared: declared)
        }
        if parameterizes, let names = Self.severalNames(original, from: nameIndex), names.count > 1 {
            let plans = try names.map { try plan(context.saying("parameterize the \($0)")) }
            return OfflinePlanner.merged(plans, subject: "Parameterize the \(names.dropLast().joined(separator: ", ")) and \(names.last!)")
        }
        // "parameterize the catalog of the pipeline" where a variable catalog exists: it is used where its default is
        // written out (it said "exists already" and changed nothing).
        if parameterizes, declared.contains(name) { return try usingDeclared(name, context) }
        guard !declared.contains(name) else { throw PlanningStop(outcome: .refused("the variable \(name) exists already")) }
        if parameterizes || text.contains("a variable") && !declares {
            let literals = Self.literals(named: name, in: context)
            guard !literals.isEmpty else { throw PlanningStop(outcome: .refused("no literal \(name) value to parameterize")) }
            // The value written most often; of as many, the first written (the same plan every time it is asked).
            let counts = Dictionary(grouping: literals, by: \.value).mapValues(\.count)
            let common = literals.map(\.value).first { counts[$0] == counts.values.max() }!
            var byFile: [String: [EditOperation]] = [root: [.set([.key("variables"), .key(name)], .mapping([("description", .string("The \(name)")), ("default", .string(common))]))]]
            var order = [root]
            for literal in literals where literal.value == common {
                if byFile[literal.file] == nil { order.append(literal.file) }
                byFile[literal.file, default: []].append(.set(literal.path, .string("${var.\(name)}")))
            }
            let replaced = literals.filter { $0.value == common }.count
            return Plan(subject: "Parameterize the \(name)",
                        summary: "Added the variable \(name) (default \(common)) and used it in \(replaced) place\(replaced == 1 ? "" : "s").",
                        edits: order.map { ($0, byFile[$0]!) })
        }
        // "without a default, every target sets it": declared with no value of its own (each target's).
        if text.contains("without a default") || text.contains("without default") || text.contains("no default") || text.contains("without any default") {
            let unset = context.bundle.targetNames.filter { context.bundle.targetsMapping?[$0]?["variables"]?[name] == nil }
            let note = context.bundle.targetNames.isEmpty || !unset.isEmpty
                ? " Every target must give it a value (\(unset.isEmpty ? "the bundle has no target" : "\(unset.joined(separator: ", ")) \(unset.count == 1 ? "does" : "do") not yet")): in its `variables:`, with --var \(name)=…, or BUNDLE_VAR_\(name)."
                : " Every target gives it its own value."
            return Plan(subject: "Add the variable \(name)",
                        summary: "Added the variable \(name), without a default.\(note)",
                        edits: [(root, [.set([.key("variables"), .key(name)], .mapping([("description", .string("The \(name)"))]))])])
        }
        // ("default every", "default of", "default value": words of the sentence, not a value.)
        // "with a default value of dev": the first word after "default" that is none of those.
        let fillers: Set<String> = ["every", "each", "all", "the", "a", "an", "of", "value", "is", "to", "be", "for", "that", "which", "and", "but", "so", "in", "on", "it", "=", ":"]
        // ("defaulting to dev", "(default: dev)": the value without the brackets around it.)
        let defaultWord = text.words.lastIndex { ["default", "defaulting", "defaults"].contains($0) }
        guard let value = defaultWord.flatMap({ i in original[min(i + 1, original.count)...].prefix(3).firstIndex { !fillers.contains($0.lowercased()) } })
                .map({ VariableValueIntent.wholeName(original, from: $0, target: nil).trimmingCharacters(in: CharacterSet(charactersIn: "()[]{}:;")) }),
              !value.isEmpty,
              !["every", "each", "all"].contains(original[min((defaultWord ?? 0) + 1, original.count - 1)].lowercased()) else {
            // A variable without a value makes every target invalid until one is given.
            throw PlanningStop(outcome: .clarify(question: "What should variable \(name) hold by default?", choices: ["add a variable \(name) with default VALUE"]))
        }
        let described = Self.description(in: text)
        let body: [(String, EditValue)] = [("description", .string(described ?? "The \(name)")), ("default", .string(value))]
        return Plan(subject: "Add the variable \(name)",
                    summary: "Added the variable \(name) (default \(value)\(described.map { "; description \"\($0)\"" } ?? "")).",
                    edits: [(root, [.set([.key("variables"), .key(name)], .mapping(body))])])
    }
}
