import BundleEditing
import BundleModel
import Foundation

/// "delete the marketing digest job", "remove the pipeline", "get rid of the bronze schema": a resource
/// leaves the bundle — its definition (the file, when the file held only it) and every target's override
/// of it. "remove the job from dev" keeps it in the other target instead (`ResourceTargetsIntent`).
public enum RemoveResourceIntent: Intent {
    public static let id = "remove-resource"
    public static let summary = "removing a job, pipeline or other resource from the bundle"
    public static let examples = ["delete the marketing digest job", "remove the pipeline"]

    static let verbs: Set<String> = ["remove", "delete", "drop", "rid", "destroy"]
    /// Words for a field of a resource, said after its noun ("the schema comment", "the job description").
    static let fieldWords: Set<String> = ["comment", "comments", "description", "grant", "grants", "tag", "tags", "permission", "permissions",
                                          "owner", "properties", "property", "location", "storage", "trigger", "schedule", "setting", "settings",
                                          "parameter", "parameters", "name", "prefix", "policy", "timeout", "retries", "notification", "notifications",
                                          "email", "emails", "configuration", "config", "cluster", "clusters", "library", "libraries", "environment", "channel"]

    public static func score(_ text: RequestText) -> Int {
        guard let verb = text.words.firstIndex(where: { verbs.contains($0) }),
              !ResourceTargetsIntent.saysPart(text, alertsStandAlone: true) else { return 0 }
        // "remove CAN_VIEW for users on the workflow" (a permission level), "remove the sql-warehouse
        // resource from the app" (an entry of the app's resources): a part of the resource goes, not it.
        if text.words.contains(where: { $0.hasPrefix("can_") || $0 == "is_owner" }) { return 0 }
        if text.has("resource"), text.has("from") { return 0 }
        // "the pipeline", "the sales job": the verb's object is a resource. In "remove X from the job"
        // the object is X (an address, a library, a task), and the job is where it leaves.
        var object = text.words[(verb + 1)...]
        if let from = object.firstIndex(of: "from") { object = object[..<from] }
        // "remove the comment of the schema", "the schema comment", "the medshield schema's comment":
        // a field of the resource goes, never the resource (it removed the schema and its file).
        if let of = object.firstIndex(where: { ["of", "on", "in"].contains($0) }), of > object.startIndex,
           !object[..<of].contains(where: ResourceTargetsIntent.resourceNouns.contains) { return 0 }
        if let last = object.last, fieldWords.contains(last) { return 0 }
        let original = text.original.lowercased()
        if ResourceTargetsIntent.resourceNouns.contains(where: { original.contains("\($0)'s ") || original.contains("\($0)’s ") }) { return 0 }
        if object.contains(where: { $0.contains("@") }) { return 0 }
        return object.contains(where: ResourceTargetsIntent.resourceNouns.contains) ? 4 : 0
    }

    /// "from dev", "from the prd target": the target it leaves (another usual name of a target counts);
    /// a word there that names no target and not the whole bundle is refused, never read as "everywhere".
    static func fromTarget(_ context: PlanningContext) throws -> String? {
        let words = context.request.words
        let whole: Set<String> = ["bundle", "repo", "repository", "project", "workspace", "config", "configuration", "yaml", "file", "files",
                                  "everywhere", "all", "every", "each", "databricks", "both", "it", "there", "resources", "git"]
        for i in words.indices where words[i] == "from" {
            var j = i + 1
            while j < words.count, ["the", "our", "my"].contains(words[j]) { j += 1 }
            guard j < words.count, !whole.contains(words[j]) else { continue }
            let word = words[j]
            if let target = context.bundle.targetNames.first(where: { $0.lowercased() == word }) { return target }
            let aliased = context.bundle.targetNames.filter { PlanningContext.aliases(of: $0.lowercased()).contains(word) }
            if aliased.count == 1 { return aliased[0] }
            // "from the sales job", "from the sales bundle": not a target.
            if ResourceTargetsIntent.resourceNouns.contains(word) { continue }
            if j + 1 < words.count, words[j + 1] != "target", ResourceTargetsIntent.resourceNouns.contains(words[j + 1]) || whole.contains(words[j + 1]) { continue }
            throw noSuchTarget(word, context)
        }
        return nil
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let reference = try context.resource(ResourceTargetsIntent.types(context))
        // "remove the job from dev": it stays in the other targets.
        if let target = try fromTarget(context) ?? context.target() {
            return try ResourceTargetsIntent.keep(reference, in: context.bundle.targetNames.filter { $0 != target }, excluding: [target], context)
        }
        var edits = ResourceTargetsIntent.deletingOverrides(of: reference, except: nil, context)
        let definition = context.definitionFile(of: reference)
        var removed: Set<String> = []
        if ResourceTargetsIntent.holdsOnly(reference, file: definition, context) {
            removed.insert(definition)
            edits += ResourceTargetsIntent.deletingInclude(of: definition, context)
        } else if context.rawNode(file: definition, path: [.key("resources"), .key(reference.type), .key(reference.key)]) != nil {
            edits.append((definition, [.delete(ResourceTargetsIntent.emptiedPath(file: definition, [.key("resources"), .key(reference.type), .key(reference.key)], keeping: 0, context))]))
        }
        let overridden = context.bundle.targetNames.filter { target in
            context.bundle.files.contains { $0.root?["targets"]?[target]?["resources"]?[reference.type]?[reference.key] != nil }
        }
        let files = ResourceTargetsIntent.files(referencedBy: reference, context)
        var plan = Plan(subject: "Remove the \(reference.spoken)",
                        summary: "Removed the \(reference.spoken)"
                            + (removed.isEmpty ? " from \(definition)" : " and its file \(definition)")
                            + (overridden.isEmpty ? "" : ", with its settings for target\(overridden.count == 1 ? "" : "s") \(overridden.joined(separator: ", "))")
                            + ". The next `databricks bundle deploy` of each target deletes it from the workspace"
                            + (files.isEmpty ? "." : "; the files it ran (\(files.joined(separator: ", "))) stay in the repository."),
                        resource: reference, edits: edits)
        plan.removedFiles = removed
        return plan
    }
}

/// "only deploy the job to prod", "keep the pipeline only in prod", "don't deploy the sales job to dev":
/// a resource defined for one target only — its definition moves under `targets.<t>.resources` (in its
/// own file, comments and layout kept, when the file holds only it), and other targets' overrides go.
public enum ResourceTargetsIntent: Intent {
    public static let id = "resource-targets"
    public static let summary = "a job or other resource deployed to one target only"
    public static let examples = ["only deploy the sales job to prod", "don't deploy the pipeline to dev"]

    static let resourceNouns: Set<String> = Set(ResourceVocabulary.nouns.values.joined()).subtracting(["catalog", "table", "instance", "database", "model", "models"])
        .union(["model", "models"])
    /// Words that say a part of a resource or another setting is meant, not where the resource is
    /// ("remove the schedule of the job", "only email me on failure", "remove the prod target").
    static let parts: Set<String> = [
        "schedule", "schedules", "trigger", "triggers", "task", "tasks", "step", "steps", "parameter", "parameters", "param", "params",
        "tag", "tags", "notification", "notifications", "email", "emails", "e-mail", "permission", "permissions", "access", "library",
        "libraries", "package", "packages", "dependency", "dependencies", "conf", "spark", "env", "variable", "variables", "policy",
        "retries", "retry", "timeout", "webhook", "webhooks", "target", "targets", "init", "script", "scripts", "environment", "environments",
        "cluster", "clusters", "node", "nodes", "worker", "workers", "photon", "autoscaling", "queue", "queueing", "continuous", "channel",
        "configuration", "setting", "settings", "field", "warning", "run_as", "owner", "description", "health", "rule", "path",
        "paths", "prefix", "host", "profile", "mode", "catalog", "file", "files", "notebook", "notebooks", "concurrency",
        "warehouse", "alert", "alerts", "key", "name", "limit", "pause", "paused", "cron", "timezone", "version", "runtime", "branch",
    ]

    /// Whether the words name a part of a resource: one of `parts`, unless a resource's noun follows it
    /// ("the notebook job", "the schedule pipeline": a job called notebook, not its notebooks).
    /// (An alert or a warehouse is a resource of its own unless the words name what holds it: "remove the
    /// late orders alert" was not understood; "remove the alert from the etl job" is the job's health rule.)
    static func saysPart(_ text: RequestText, alertsStandAlone: Bool = false, warehouseStandsAlone: Bool = false) -> Bool {
        let words = text.words
        let holders: Set<String> = ["job", "jobs", "workflow", "workflows", "pipeline", "pipelines", "dashboard", "dashboards", "app", "apps", "task", "tasks",
                                    "query", "queries", "endpoint", "endpoints"]
        // ("don't deploy the warehouse to dev": the warehouse alone, whose alerts' thresholds are no deployment.)
        let standAlone: Set<String> = alertsStandAlone ? ["alert", "alerts", "warehouse"] : warehouseStandsAlone ? ["warehouse"] : []
        let held = text.hasAny(Array(holders))
        return words.indices.contains { i in
            parts.contains(words[i]) && !(i + 1 < words.count && resourceNouns.contains(words[i + 1]) && !parts.contains(words[i + 1]))
                && !(standAlone.contains(words[i]) && !held)
        }
    }

    public static func score(_ text: RequestText) -> Int {
        // ("don't deploy the warehouse to dev": a warehouse or an alert is a resource of its own unless the words
        // name what holds it.)
        guard !saysPart(text, warehouseStandsAlone: true) else { return 0 }
        // "the users group should only be able to view the job": who may do what (a permission), not where it is deployed.
        if !text.hasAny(["deploy", "deployed", "deploys", "deploying"]),
           text.hasAny(["able", "allowed", "permission", "permissions", "access", "view", "manage", "group", "user", "users", "principal"]) { return 0 }
        let deploys = text.hasAny(["deploy", "deployed", "deploys", "deploying", "keep", "kept", "exist", "exists", "live", "lives",
                                   "define", "defined", "available", "present", "be"])
        let noun = text.words.contains(where: resourceNouns.contains)
        // "only deploy X to prod", "keep the job only in prod", "the pipeline should just be in prod".
        // ("deploy prod only from main" is about a branch.)
        let deploysNamed = noun || (text.has("deploy") && !text.has("from"))
        if text.hasAny(["only", "just", "exclusively"]) && deploys && deploysNamed { return 5 }
        // "don't deploy the job to dev", "exclude the pipeline from dev", "skip the job in dev".
        // (", skip etl" after another change says which resources keep out of it: "use spot for all jobs, skip etl".)
        let skipsFromChange = text.lowered.range(of: #"(,|\bbut|\band)\s+(skip|skipping)\b"#, options: .regularExpression) != nil
        let negated = text.hasAny(["don't", "dont", "don", "not", "never", "exclude"]) || (text.has("skip") && !skipsFromChange)
        if negated && deploysNamed && (deploys || text.has("exclude") || (text.has("skip") && !skipsFromChange)) { return 5 }
        return 0
    }

    /// The resource types a request can mean: those it names a noun of, else all.
    static func types(_ context: PlanningContext) -> [String] {
        let named = ResourceVocabulary.nouns.filter { $0.value.contains(where: context.request.has) }.map(\.key)
        guard named.isEmpty else { return named.sorted() }
        // None named: the kinds this bundle has (a question lists only those).
        let present = ResourceVocabulary.nouns.keys.filter { !context.catalog.references(ofType: $0).isEmpty }
        return (present.isEmpty ? Array(ResourceVocabulary.nouns.keys) : present).sorted()
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let reference = try context.resource(types(context))
        let names = context.bundle.targetNames
        var named = names.filter { PlanningContext.namesTarget(context.request, $0.lowercased()) || context.request.has($0.lowercased()) }
        // "… to prd" for the target prod: another usual name of it.
        if named.isEmpty {
            var said = context
            said.defaultTarget = nil
            if let alias = try? said.target() { named = [alias] }
        }
        let negated = context.request.hasAny(["don't", "dont", "don", "not", "never", "exclude", "skip"])
        guard !named.isEmpty else {
            if let missing = missingTarget(context) { throw noSuchTarget(missing, context) }
            // (Asked the way it was said: "don't deploy … to dev" offered "only deploy … to prod".)
            throw PlanningStop(outcome: .clarify(question: "Which target should \(reference.spoken) \(negated ? "not be deployed to" : "be deployed to")? This bundle has \(names.joined(separator: ", ")).",
                                                 choices: names.map { negated ? "don't deploy \(reference.spoken) to \($0)" : "only deploy \(reference.spoken) to \($0)" }))
        }
        return negated ? try keep(reference, in: names.filter { !named.contains($0) }, excluding: named, context)
                       : try keep(reference, in: named, excluding: names.filter { !named.contains($0) }, context)
    }

    /// The plan that defines `reference` for the one target of `kept` only. (For no one target: it changes
    /// what the others deploy, and its preview shows every target; "What target prod deploys" listed the
    /// resource dev lost as prod's.)
    static func keep(_ reference: ResourceReference, in kept: [String], excluding excluded: [String], _ context: PlanningContext) throws -> Plan {
        let names = context.bundle.targetNames
        guard let target = kept.first else {
            throw PlanningStop(outcome: .refused(names.isEmpty ? "this bundle has no targets: \(reference.spoken) is deployed wherever the bundle is"
                                                               : "that leaves no target for \(reference.spoken); to remove it from every target, ask \"remove the \(reference.spoken)\""))
        }
        guard kept.count == 1 else {
            throw PlanningStop(outcome: .refused("a resource is defined either for every target or under one target's resources; keeping \(reference.spoken) in \(kept.joined(separator: " and ")) but not in \(excluded.joined(separator: ", ")) needs a copy of its definition under each of those targets — ask for one target (\"only deploy \(reference.spoken) to \(kept[0])\")"))
        }
        let path: EditPath = [.key("resources"), .key(reference.type), .key(reference.key)]
        let definition = context.bundle.files.first { $0.root?["resources"]?[reference.type]?[reference.key] != nil }?.path
        guard let definition else {
            throw PlanningStop(outcome: .refused("\(reference.spoken) is already defined for target \(target) only"))
        }
        let others = deletingOverrides(of: reference, except: target, context)
        let kept = context.bundle.files.first { $0.root?["targets"]?[target]?["resources"]?[reference.type]?[reference.key] != nil }?.path
        var plan: Plan
        let summary = "\(reference.spoken.prefix(1).uppercased() + reference.spoken.dropFirst()) is now defined for target \(target) only (under targets.\(target).resources"
        let after = excluded.isEmpty ? "" : "; the next `databricks bundle deploy` of \(excluded.joined(separator: ", ")) deletes it there"
        if kept == nil, holdsOnly(reference, file: definition, context), let text = try? context.bundle.source.read(definition).map({ String(decoding: $0, as: UTF8.self) }),
           let moved = underTarget(text, target: target) {
            plan = Plan(subject: "Deploy the \(reference.spoken) to target \(target) only", summary: summary + " in \(definition))\(after).",
                        target: nil, resource: reference, edits: others)
            // The other targets' overrides go as edits of their files; the moved file as its new text.
            var contents = try OfflinePlanner.apply(plan) { file in
                guard let data = try context.bundle.source.read(file) else { throw PlanningStop(outcome: .refused("cannot read \(file)")) }
                return String(decoding: data, as: UTF8.self)
            }
            contents[definition] = moved
            plan.contents = contents
        } else {
            // Written as data where the file holds more (or the target already overrides it): the
            // definition with the target's own settings over it.
            guard let node = context.rawNode(file: definition, path: path) else {
                throw PlanningStop(outcome: .refused("cannot read the definition of \(reference.spoken) in \(definition)"))
            }
            let file = kept ?? context.targetFile(target)
            // Relative paths in the definition, now written from the directory of `file`.
            var moved = rebased(node, from: BundlePath.directory(of: definition), to: BundlePath.directory(of: file), context)
            if let kept, let override = context.rawNode(file: kept, path: [.key("targets"), .key(target)] + path) {
                moved = ConfigurationMerge.overlay(moved, override)
            }
            let value = EditValue(moved)
            var edits = others
            // A file that held only the resource goes.
            let emptied = holdsOnly(reference, file: definition, context)
            if emptied {
                edits += deletingInclude(of: definition, context)
            } else {
                edits.append((definition, [.delete(emptiedPath(file: definition, path, keeping: 0, context))]))
            }
            edits.append((file, [.set([.key("targets"), .key(target)] + path, value)]))
            plan = Plan(subject: "Deploy the \(reference.spoken) to target \(target) only",
                        summary: summary + " in \(file)\(emptied ? "; \(definition) held only it and is removed" : ""))\(after).",
                        target: nil, resource: reference, edits: merged(edits))
            if emptied { plan.removedFiles = [definition] }
        }
        return plan
    }

    /// The text of a file that holds only `resources:` (comments around it kept) with that block moved
    /// under `targets: <target>:`, indented by the file's own step; nil when the file is not written so.
    static func underTarget(_ text: String, target: String) -> String? {
        var lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("resources:") }),
              lines[start].dropFirst("resources:".count).trimmingCharacters(in: .whitespaces).isEmpty
                || lines[start].dropFirst("resources:".count).trimmingCharacters(in: .whitespaces).hasPrefix("#") else { return nil }
        let body = lines[(start + 1)...]
        guard let first = body.first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }) else { return nil }
        let step = first.prefix { $0 == " " }.count
        guard step > 0, !body.contains(where: { $0.hasPrefix("\t") }) else { return nil }
        let unit = String(repeating: " ", count: step)
        lines[start] = "targets:\n\(unit)\(target):\n\(unit)\(unit)" + lines[start]
        for i in (start + 1)..<lines.count where !lines[i].isEmpty { lines[i] = unit + unit + lines[i] }
        return lines.joined(separator: "\n")
    }

    /// Whether `file` (not the root file) holds nothing but the one resource.
    static func holdsOnly(_ reference: ResourceReference, file: String, _ context: PlanningContext) -> Bool {
        guard file != context.bundle.rootFile, let root = context.bundle.files.first(where: { $0.path == file })?.root?.mapping,
              root.keys == ["resources"], let resources = root.entries[0].value.mapping, resources.keys == [reference.type],
              let ofType = resources.entries[0].value.mapping else { return false }
        return ofType.keys == [reference.key]
    }

    /// Deletions of every target's override of the resource (but `except`'s).
    static func deletingOverrides(of reference: ResourceReference, except: String?, _ context: PlanningContext) -> [(file: String, operations: [EditOperation])] {
        var edits: [(file: String, operations: [EditOperation])] = []
        for file in context.bundle.files {
            for target in context.bundle.targetNames where target != except && file.root?["targets"]?[target]?["resources"]?[reference.type]?[reference.key] != nil {
                let path: EditPath = [.key("targets"), .key(target), .key("resources"), .key(reference.type), .key(reference.key)]
                edits.append((file.path, [.delete(emptiedPath(file: file.path, path, keeping: 2, context))]))
            }
        }
        return merged(edits)
    }

    /// The root file's include entry naming exactly `file` (a glob stays), deleted.
    static func deletingInclude(of file: String, _ context: PlanningContext) -> [(file: String, operations: [EditOperation])] {
        let root = context.bundle.rootFile
        guard let includes = context.rawNode(file: root, path: [.key("include")])?.sequence,
              let index = includes.firstIndex(where: { $0.string.map(BundlePath.normalize) == file }) else { return [] }
        return [(root, [.delete(includes.count == 1 ? [.key("include")] : [.key("include"), .index(index)])])]
    }

    /// The path to delete so that no mapping is left empty: the resource, or its type's block when it
    /// was the only one, and so on up; never above `keeping` components (the target itself stays).
    static func emptiedPath(file: String, _ path: EditPath, keeping: Int, _ context: PlanningContext) -> EditPath {
        var path = path
        while path.count > keeping + 1, let parent = context.rawNode(file: file, path: Array(path.dropLast())), parent.mapping?.count == 1 {
            path.removeLast()
        }
        return path
    }

    /// Edits of one file together, in order.
    static func merged(_ edits: [(file: String, operations: [EditOperation])]) -> [(file: String, operations: [EditOperation])] {
        var order: [String] = [], byFile: [String: [EditOperation]] = [:]
        for (file, operations) in edits {
            if byFile[file] == nil { order.append(file) }
            byFile[file, default: []] += operations
        }
        return order.map { ($0, byFile[$0]!) }
    }

    /// Notebooks and files the resource runs, as its definition names them.
    static func files(referencedBy reference: ResourceReference, _ context: PlanningContext) -> [String] {
        guard let node = context.bundle.configuration["resources"]?[reference.type]?[reference.key] else { return [] }
        var found: [String] = []
        func walk(_ node: YAMLNode, key: String?) {
            switch node.kind {
            case .mapping(let m): for e in m.entries { walk(e.value, key: e.key) }
            case .sequence(let items): items.forEach { walk($0, key: key) }
            case .scalar:
                if let key, ["notebook_path", "python_file", "path", "file", "source_code_path"].contains(key), let value = node.string,
                   !value.hasPrefix("/"), !value.contains("${"), !found.contains(value) { found.append(value) }
            }
        }
        walk(node, key: nil)
        return Array(found.prefix(4))
    }

    /// The node with its relative paths (`../src/etl.py`, `./notebooks`) rewritten from `from` to `to`
    /// (directories relative to the bundle root): what a definition needs when it moves to another file.
    static func rebased(_ node: YAMLNode, from: String, to: String, _ context: PlanningContext) -> YAMLNode {
        guard from != to else { return node }
        var node = node
        switch node.kind {
        case .mapping(var m):
            for i in m.entries.indices { m.entries[i].value = rebased(m.entries[i].value, from: from, to: to, context) }
            node.kind = .mapping(m)
        case .sequence(let items):
            node.kind = .sequence(items.map { rebased($0, from: from, to: to, context) })
        case .scalar(var scalar):
            guard case .string(let text) = scalar.value, !text.hasPrefix("/"), !text.contains("${"), !text.contains("://"),
                  !text.contains(" "), text.contains("/") || text.hasPrefix(".") else { return node }
            let resolved = BundlePath.normalize(from.isEmpty ? text : from + "/" + text)
            let exists = ["", ".py", ".ipynb", ".sql", ".scala", ".r"].contains { context.bundle.source.fileExists(resolved + $0) }
                || context.bundle.source.directoryExists(resolved)
            guard exists || text.hasPrefix("./") || text.hasPrefix("../") else { return node }
            scalar.text = relativePath(resolved, from: to)
            node.kind = .scalar(scalar)
        }
        return node
    }

    /// `path` (relative to the bundle root) as written from `directory`.
    static func relativePath(_ path: String, from directory: String) -> String {
        let target = path.split(separator: "/").map(String.init)
        let base = directory.split(separator: "/").map(String.init)
        var common = 0
        while common < min(target.count, base.count), target[common] == base[common] { common += 1 }
        let up = Array(repeating: "..", count: base.count - common)
        let rest = Array(target[common...])
        return up.isEmpty ? "./" + rest.joined(separator: "/") : (up + rest).joined(separator: "/")
    }
}
