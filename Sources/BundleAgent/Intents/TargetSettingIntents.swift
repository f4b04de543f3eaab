import BundleEditing
import BundleModel
import Foundation

/// The target a target-level request is about: a target's name anywhere in the words ("make staging
/// the default", "remove prod"), or `--target`; several named is a question, none is nil. `values`
/// name nothing: single words as written (case counts), phrases ("dev mode") in any case.
func namedTarget(_ context: PlanningContext, ignoring values: [String] = []) throws -> String? {
    if context.targetOption != nil { return try context.target() }
    // The values as written go ("the PROD profile for prod" names the target prod once).
    let phrases = values.filter { $0.contains(" ") }
    let kept = context.ignoring(phrases).request.original.split(whereSeparator: \.isWhitespace).filter { token in
        !values.contains(token.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`().")))
    }
    let words = RequestText(kept.joined(separator: " ")).words
    let named = context.bundle.targetNames.filter { words.contains($0.lowercased()) }
    if named.count > 1 {
        throw PlanningStop(outcome: .clarify(question: "The request names several targets (\(named.joined(separator: ", "))); which one should change?",
                                             choices: named.map { "--target \($0)" }))
    }
    // "add a qa target and make it production mode": "it" is the target the conversation is at.
    if named.isEmpty, let current = context.defaultTarget, context.bundle.targetNames.contains(current),
       words.contains(where: { ["it", "its", "this", "that", "there"].contains($0) }) || context.request.contains("new target") {
        return current
    }
    return named.first
}

/// A usual target name the request says that the bundle has no target for ("… for prod" without prod).
func missingTarget(_ context: PlanningContext, ignoring values: [String] = []) -> String? {
    let usual: Set<String> = ["dev", "development", "prod", "production", "staging", "stage", "qa", "test", "uat", "sandbox", "preprod"]
    let known = Set(context.bundle.targetNames.map { $0.lowercased() })
    return context.ignoring(values).request.words.first { usual.contains($0) && !known.contains($0) }
}

/// The refusal of a request for a target the bundle does not have, with what it has (or how to add it).
func noSuchTarget(_ missing: String, _ context: PlanningContext) -> PlanningStop {
    let names = context.bundle.targetNames
    return PlanningStop(outcome: .refused("this bundle has no target \(missing); " + (names.isEmpty
        ? "it has no targets (\"add a \(missing) target\" makes one)"
        : "its targets: \(names.joined(separator: ", ")) (\"add a \(missing) target\" makes one)")))
}

/// The question when a target-level request names none (or one the bundle does not have).
func whichTarget(_ context: PlanningContext, ignoring values: [String] = [], _ example: (String) -> String) -> PlanningStop {
    if let missing = missingTarget(context, ignoring: values) { return noSuchTarget(missing, context) }
    let names = context.bundle.targetNames
    guard !names.isEmpty else { return PlanningStop(outcome: .refused("this bundle has no targets; add one first (\"add a staging target\")")) }
    return PlanningStop(outcome: .clarify(question: "Which target? This bundle has \(names.joined(separator: ", ")).", choices: names.map(example)))
}

/// "set the prod workspace host to https://adb-123.4.azuredatabricks.net", "set the root path for prod
/// to /Workspace/Shared/.bundle/prod", "use the profile PROD for prod": a target's `workspace` block.
public enum TargetWorkspaceIntent: Intent {
    public static let id = "target-workspace"
    public static let summary = "a target's workspace: host, root path, profile"
    public static let examples = ["set the prod workspace host to https://adb-1234567890123456.7.azuredatabricks.net",
                                  "set the root path for prod to /Workspace/Shared/.bundle/prod"]

    public static func score(_ text: RequestText) -> Int {
        if text.has("host") && (host(in: text) != nil || text.hasAny(["workspace", "url"])) { return 5 }
        if text.contains("root path") || text.has("root_path") || deploysTo(text) { return 5 }
        if text.has("profile") && !text.hasAny(["pipeline", "job"]) { return 4 }
        return 0
    }

    /// The workspace URL in the words: `https://…`, or a host name of a Databricks cloud.
    static func host(in text: RequestText) -> String? {
        let tokens = text.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`()")) }
        for token in tokens {
            let t = token.hasSuffix(".") ? String(token.dropLast()) : token
            if t.lowercased().hasPrefix("https://") || t.lowercased().hasPrefix("http://") { return t.hasSuffix("/") ? String(t.dropLast()) : t }
            if [".databricks.com", ".azuredatabricks.net", ".gcp.databricks.com", ".databricks.azure.cn", ".databricks.us"].contains(where: { t.lowercased().hasSuffix($0) }) {
                return "https://" + t
            }
        }
        return nil
    }

    /// "deploy to /Workspace/Shared/bundles in prod": where a target deploys, said without "root path".
    static func deploysTo(_ text: RequestText) -> Bool {
        guard text.hasAny(["deploy", "deploys", "deployed", "deployment"]), let path = rootPath(in: text) else { return false }
        return path.hasPrefix("/Workspace/") || path.hasPrefix("/Users/") || path.hasPrefix("~/")
    }

    /// The root path in the words: the first token that starts with `/` or `~/`.
    static func rootPath(in text: RequestText) -> String? {
        text.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`()")) }
            .first { $0.hasPrefix("/") || $0.hasPrefix("~/") }
            .map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }
    }

    /// The profile's name: the word after "profile" (past "to", "=", "called"…), as written.
    static func profile(in text: RequestText) -> String? {
        let tokens = text.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`().")) }
        guard let at = tokens.firstIndex(where: { $0.lowercased() == "profile" }) else { return nil }
        let fillers: Set<String> = ["to", "=", "called", "named", "as", "is", "be", "the"]
        let after = tokens[(at + 1)...].first { !fillers.contains($0.lowercased()) }
        if let after, !["for", "in", "on", "of"].contains(after.lowercased()) { return after }
        // "use the PROD profile for prod"
        if at > 0, !["the", "a", "its", "their", "workspace", "databricks", "cli"].contains(tokens[at - 1].lowercased()) { return tokens[at - 1] }
        return nil
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let field: String, value: String
        if text.has("host"), let host = host(in: text) {
            (field, value) = ("host", host)
        } else if text.contains("root path") || text.has("root_path") || deploysTo(text) {
            guard let path = rootPath(in: text) else {
                throw PlanningStop(outcome: .clarify(question: "Which root path? Give it as a path, such as /Workspace/Shared/.bundle/${bundle.name}/${bundle.target}.",
                                                     choices: ["set the root path for prod to /Workspace/Shared/.bundle/${bundle.name}/${bundle.target}"]))
            }
            (field, value) = ("root_path", path)
        } else if text.has("profile"), let profile = profile(in: text) {
            (field, value) = ("profile", profile)
        } else {
            throw PlanningStop(outcome: .clarify(question: "Which workspace setting, and its value? A host is a URL (https://…).",
                                                 choices: examples))
        }
        let shown = value
        let name = ["host": "workspace host", "root_path": "root path", "profile": "profile"][field]!
        guard let target = try namedTarget(context, ignoring: [value, "workspace"]) else {
            // No target named: the top-level workspace block, which every target has unless it sets its own.
            let setting = context.bundle.targetNames.filter { context.bundle.targetsMapping?[$0]?["workspace"]?[field] != nil }
            guard setting.isEmpty, missingTarget(context, ignoring: [value]) == nil else {
                throw whichTarget(context, ignoring: [value]) { "set the \(field.replacingOccurrences(of: "_", with: " ")) of \($0) to \(shown)" }
            }
            let current = context.bundle.configuration["workspace"]?[field]?.string
            if current == value { throw PlanningStop(outcome: .refused("the bundle's workspace \(field) already is \(value)")) }
            return Plan(subject: "Set the bundle's \(name) to \(value)",
                        summary: "Set the \(name) of the bundle to \(value) (was \(current ?? "unset")), for every target.",
                        edits: [(context.bundle.rootFile, [.set([.key("workspace"), .key(field)], .string(value))])])
        }
        let file = context.targetFile(target)
        let current = context.rawNode(file: file, path: [.key("targets"), .key(target), .key("workspace"), .key(field)])?.string
        if current == value { throw PlanningStop(outcome: .refused("target \(target) already has workspace \(field) \(value)")) }
        return Plan(subject: "Set the \(name) of target \(target) to \(value)",
                    summary: "Set the \(name) of target \(target) to \(value) (was \(current ?? (field == "host" ? "unset" : "the default"))).",
                    target: target, edits: [(file, [.set([.key("targets"), .key(target), .key("workspace"), .key(field)], .string(value))])])
    }
}

/// "remove the prod target", "delete target qa", "drop the staging environment".
public enum RemoveTargetIntent: Intent {
    public static let id = "remove-target"
    public static let summary = "removing a target"
    public static let examples = ["remove the staging target"]

    static let verbs: Set<String> = ["remove", "delete", "drop", "rid"]

    public static func score(_ text: RequestText) -> Int {
        guard let verb = text.words.firstIndex(where: { verbs.contains($0) }) else { return 0 }
        // "remove the environment tag", "remove the tag environment": a tag (or variable, parameter) called
        // so, never a target.
        if text.hasAny(["tag", "tags", "label", "labels", "variable", "variables", "var", "parameter", "parameters", "param", "key", "library", "dependency"]) { return 0 }
        // The verb's object is a target: "remove the prod target", "delete target qa", "remove staging".
        let rest = text.words[(verb + 1)...].filter { !["the", "a", "of", "our", "my"].contains($0) }
        guard let first = rest.first else { return 0 }
        if ["target", "targets", "environment"].contains(first) { return 5 }
        let second = rest.dropFirst().first
        return second.map { ["target", "environment"].contains($0) } ?? false ? 5 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        guard let target = try namedTarget(context) else { throw whichTarget(context) { "remove the \($0) target" } }
        let names = context.bundle.targetNames
        let isDefault = context.bundle.targetsMapping?[target]?["default"]?.scalar?.value == .bool(true)
        let remaining = names.filter { $0 != target }
        // (Not when another target says `default: true` too: it stays the default.)
        let otherDefaults = remaining.filter { context.bundle.targetsMapping?[$0]?["default"]?.scalar?.value == .bool(true) }
        if isDefault && remaining.count > 1 && otherDefaults.isEmpty {
            throw PlanningStop(outcome: .refused("\(target) is the default target; make another one the default first (\"make \(remaining[0]) the default target\"), then remove \(target)"))
        }
        // Every file that has a block for the target (its definition, and overrides in included files).
        let files = context.bundle.files.filter { $0.root?["targets"]?[target] != nil }.map(\.path)
        let note = remaining.count == 1 && isDefault ? " \(remaining[0]) is the only target now, and so the default." : ""
        return Plan(subject: "Remove the target \(target)",
                    summary: "Removed the target \(target)\(files.count > 1 ? " (from \(files.joined(separator: ", ")))" : "").\(note) What it deployed stays in its workspace: to remove that, run `databricks bundle destroy --target \(target)` on the revision before this one (this one no longer knows \(target)).",
                    edits: files.map { ($0, [.delete([.key("targets"), .key(target)])]) })
    }
}

/// "make staging the default target", "the default target should be prod".
public enum DefaultTargetIntent: Intent {
    public static let id = "default-target"
    public static let summary = "which target is the default"
    public static let examples = ["make staging the default target"]

    public static func score(_ text: RequestText) -> Int {
        // Not "… in the default target", which only says where.
        if text.contains("in the default target") || text.contains("for the default target") || text.contains("on the default target") { return 0 }
        // "give catalog a default of quake_lake and drop it from the targets": a variable's default.
        if text.contains("default of") || text.contains("a default") || text.contains("its default") { return 0 }
        if text.contains("default target") || (text.has("default") && text.hasAny(["target", "targets"]) && !text.hasAny(["variable", "var", "value", "parameter"])) { return 5 }
        // "make it the default" after "add a qa target"; "make prod the default", "prod should be the default".
        if text.contains("it the default") { return 5 }
        return text.lowered.range(of: "^(make|set|use) \\S+ (as )?the default[.!]?$|^\\S+ should be the default[.!]?$", options: .regularExpression) != nil ? 5 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let spoken = context.request.contains("it the default") ? context.defaultTarget : nil
        guard let target = try namedTarget(context) ?? spoken else { throw whichTarget(context) { "make \($0) the default target" } }
        let isDefault: (String) -> Bool = { context.bundle.targetsMapping?[$0]?["default"]?.scalar?.value == .bool(true) }
        let previous = context.bundle.targetNames.filter { $0 != target && isDefault($0) }
        // "make dev the only default" where dev and stage both say `default: true`: the others' go.
        if isDefault(target), previous.isEmpty { throw PlanningStop(outcome: .refused("\(target) already is the default target")) }
        var edits: [(file: String, operations: [EditOperation])] = isDefault(target) ? []
            : [(context.targetFile(target), [.set([.key("targets"), .key(target), .key("default")], .bool(true))])]
        for other in previous {
            let file = context.targetFile(other)
            let operation = EditOperation.delete([.key("targets"), .key(other), .key("default")])
            if let i = edits.firstIndex(where: { $0.file == file }) { edits[i].operations.append(operation) } else { edits.append((file, [operation])) }
        }
        return Plan(subject: isDefault(target) ? "Make \(target) the only default target" : "Make \(target) the default target",
                    summary: isDefault(target)
                        ? "Made \(target) the only default target (removed default: true from \(previous.joined(separator: ", "))): commands without --target use it."
                        : "Made \(target) the default target\(previous.isEmpty ? "" : " (was \(previous.joined(separator: ", ")))"): commands without --target use it.",
                    edits: edits)
    }
}

extension TargetModeIntent {
    /// A production target deploys no pipeline in development mode (the CLI refuses it): for each
    /// pipeline that would run in development mode in `target`, the target's own `development: true`
    /// goes, or `development: false` turns the definition's off there. With the note that says so.
    static func leavingDevelopmentPipelines(_ context: PlanningContext, target: String, existing: Bool = true)
        -> (operations: [(file: String, operation: EditOperation)], note: String) {
        var operations: [(file: String, operation: EditOperation)] = []
        var released: [String] = []
        for pipeline in context.catalog.references(ofType: "pipelines") {
            let definition = context.location(of: pipeline, target: nil)
            let definedTrue = context.rawNode(file: definition.file, path: definition.base + [.key("development")])?.scalar?.value == .bool(true)
            let development = existing ? context.effectiveResource(pipeline, target: target)?["development"]?.scalar?.value == .bool(true) : definedTrue
            guard development else { continue }
            let override = context.location(of: pipeline, target: target)
            let path = override.base + [.key("development")]
            operations.append((override.file, context.rawNode(file: override.file, path: path) != nil && !definedTrue ? .delete(path) : .set(path, .bool(false))))
            released.append(pipeline.key)
        }
        let note = released.isEmpty ? "" : " Pipeline\(released.count == 1 ? "" : "s") \(released.joined(separator: ", ")) \(released.count == 1 ? "does" : "do") not run in development mode there (a production target cannot include one)."
        return (operations, note)
    }
}

/// "use development mode for staging", "put prod in production mode", "make qa a production target".
public enum TargetModeIntent: Intent {
    public static let id = "target-mode"
    public static let summary = "a target's deployment mode: development or production"
    public static let examples = ["use development mode for staging", "put the qa target in production mode"]

    public static func score(_ text: RequestText) -> Int {
        if text.hasAny(ResourceVocabulary.nouns["pipelines"] ?? []) { return 0 }
        let mode = text.contains("development mode") || text.contains("production mode") || text.contains("dev mode") || text.contains("mode: ")
            || text.contains("mode development") || text.contains("mode production")
        if mode { return 5 }
        return text.hasAny(["target", "environment"]) && (text.contains("a production target") || text.contains("a development target")) ? 5 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        // "turn off development mode for customer_quality_pipeline in ci": the pipeline's, named by its key.
        if context.catalog.mentions(in: text.original).keys.contains(where: { $0.type == "pipelines" }) {
            return try PipelineDevelopmentIntent.plan(context)
        }
        let off = text.hasAny(["off", "disable", "without", "no", "not", "remove", "drop", "stop"]) || text.contains("out of") || text.isNegated
        // "production mode, not development": the mode a negation stands before is the one not wanted.
        func negated(_ words: String) -> Bool {
            text.lowered.range(of: "(\\b(not|no|without|off|out of|disable|remove|drop|instead of|rather than|stop|never)|n't|n’t)(( the| a| in| be| use| using| deploying| deploy| run| running| [a-z]+ in))* (\(words))\\b", options: .regularExpression) != nil
                || text.lowered.range(of: "\\b(\(words)) mode (off|no more|no longer)", options: .regularExpression) != nil
        }
        let production = text.has("production") && !negated("production")
        let development = text.hasAny(["development", "dev"]) && !negated("development|dev")
        // nil: no mode at all ("turn off development mode for staging").
        let mode: String? = production ? "production" : development ? "development" : off ? nil : "development"
        guard let target = try namedTarget(context, ignoring: ["dev mode", "development mode", "production mode"]) else {
            throw whichTarget(context, ignoring: ["dev mode", "development mode", "production mode"]) { "use \(mode ?? "development") mode for \($0)" }
        }
        let current = context.bundle.targetsMapping?[target]?["mode"]?.string
        if current == mode { throw PlanningStop(outcome: .refused(mode.map { "target \(target) already deploys with mode: \($0)" } ?? "target \(target) has no mode")) }
        let path: EditPath = [.key("targets"), .key(target), .key("mode")]
        let file = context.targetFile(target)
        guard let mode else {
            return Plan(subject: "Deploy target \(target) without a mode",
                        summary: "Removed mode: \(current ?? "") from target \(target): it deploys as written, without development mode's name prefixes and paused schedules.",
                        target: target, edits: [(file, [.delete(path)])])
        }
        let effect = mode == "production"
            ? "deploys as written (no name prefixes; schedules and triggers run as set) and is checked as a production target"
            : "deploys a private copy: names get a [dev user] prefix, schedules and triggers are paused, pipelines run in development mode"
        var edits: [(file: String, operations: [EditOperation])] = [(file, [.set(path, .string(mode))])]
        var note = ""
        if mode == "production" {
            let released = Self.leavingDevelopmentPipelines(context, target: target)
            for (file, operation) in released.operations {
                if let i = edits.firstIndex(where: { $0.file == file }) { edits[i].operations.append(operation) } else { edits.append((file, [operation])) }
            }
            note = released.note
        }
        return Plan(subject: "Deploy target \(target) with mode \(mode)",
                    summary: "Set mode: \(mode) on target \(target) (was \(current ?? "none")): it \(effect).\(note)",
                    target: target, edits: edits)
    }
}
