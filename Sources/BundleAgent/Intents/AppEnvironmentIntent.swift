import BundleEditing
import BundleModel
import Foundation

/// "set the env var LOG_LEVEL=DEBUG on the app", "remove the environment variable DEBUG from the app",
/// "set LOG_LEVEL to WARNING for the app" (a variable the app has): an app's environment, where it is
/// written — the app's `config.env` in the bundle, else the `env` of the app.yaml beside its code (which
/// the deploy uploads); an app with neither gets `config.env`. What the app may use from the workspace
/// (`valueFrom`) is its resources (AppResourceIntent); a job cluster's environment is SparkEnvVarsIntent.
public enum AppEnvironmentIntent: Intent {
    public static let id = "app-environment-variables"
    public static let summary = "environment variables of apps (config.env, or the app.yaml beside the app's code)"
    public static let examples = ["set the env var LOG_LEVEL=DEBUG on the app", "remove the environment variable DEBUG from the app"]

    static let appWords = ["app", "apps", "app's", "application", "apps'"]

    public static func score(_ text: RequestText) -> Int {
        guard text.hasAny(appWords) else { return 0 }
        if text.contains("environment variable") || text.contains("env var") || text.contains("env variable") || text.contains("environment var") { return 8 }
        // "set LOG_LEVEL=DEBUG on the app": a variable as the shell writes one.
        return SparkEnvVarsIntent.namesShellVariable(text) && !text.hasAny(["cluster", "clusters", "compute", "parameter", "parameters"]) ? 7 : 0
    }

    /// "set LOG_LEVEL to WARNING for the app": words no intent reads as an environment variable, naming
    /// one the app has.
    static func namesAppVariable(_ context: PlanningContext) -> Bool {
        guard context.request.hasAny(appWords) else { return false }
        let apps = context.catalog.references(ofType: "apps")
        let words = Set(KeyValueWords.original(context.request))
        return apps.contains { app in
            (try? Environment(context, app: app, target: nil))?.names.contains { words.contains($0) } ?? false
        }
    }

    /// Where an app's environment is written, and what it holds.
    struct Environment {
        /// The file and the path of the `env` list (whether or not it is written yet).
        var file: String
        var list: EditPath
        /// The entries written there.
        var entries: [YAMLNode]
        /// Where the list goes when it is not written: the path of the first missing mapping, and the
        /// value that holds the list below it.
        var missing: (path: EditPath, wrap: (EditValue) -> EditValue)?
        /// "app job_manager's config.env", "src/app/app.yaml".
        var label: String
        var inAppYAML: Bool

        var names: [String] { entries.compactMap { $0["name"]?.string } }

        init(_ context: PlanningContext, app: ResourceReference, target: String?) throws {
            let definition = context.location(of: app, target: nil)
            let effective = context.effectiveResource(app, target: target)
            if effective?["config"] == nil, let yaml = Self.appYAML(context, app: app, definitionFile: definition.file, effective: effective) {
                file = yaml.path
                list = [.key("env")]
                entries = yaml.root?["env"]?.sequence ?? []
                inAppYAML = true
                label = yaml.path
                if yaml.root?["env"] == nil { missing = ([.key("env")], { $0 }) }
                return
            }
            let location = target == nil ? definition : context.location(of: app, target: target)
            file = location.file
            list = location.base + [.key("config"), .key("env")]
            entries = context.rawNode(file: location.file, path: list)?.sequence ?? []
            inAppYAML = false
            label = "config.env of app \(app.key)"
            if context.rawNode(file: location.file, path: location.base + [.key("config")]) == nil {
                missing = (location.base + [.key("config")], { .mapping([("env", $0)]) })
            } else if context.rawNode(file: location.file, path: list) == nil {
                missing = (list, { $0 })
            }
        }

        /// The app.yaml (or app.yml) in the folder of the app's code, parsed.
        static func appYAML(_ context: PlanningContext, app: ResourceReference, definitionFile: String,
                            effective: YAMLNode?) -> (path: String, root: YAMLNode?)? {
            guard let written = context.rawNode(file: definitionFile, path: [.key("resources"), .key("apps"), .key(app.key), .key("source_code_path")])?.string
                    ?? effective?["source_code_path"]?.string, !written.contains("${") else { return nil }
            let folder = Plan.bundlePath(written, besides: definitionFile)
            guard !folder.hasPrefix("..") else { return nil }
            for name in ["app.yaml", "app.yml"] {
                let path = folder.isEmpty || folder == "." ? name : folder + "/" + name
                if let data = context.bundle.source.read(orNil: path), let text = String(data: data, encoding: .utf8) {
                    return (path, YAMLComposer(file: path).compose(text).root)
                }
            }
            return nil
        }
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let apps = context.catalog.references(ofType: "apps")
        let namesAnApp = context.catalog.mentions(in: context.request.original).keys.contains { $0.type == "apps" }
        guard !apps.isEmpty else { throw PlanningStop(outcome: .refused("this bundle defines no app (resources.apps)")) }
        let app = !namesAnApp && apps.count == 1 && context.resourceOption == nil ? apps[0] : try context.resource(["apps"])
        let words = KeyValueWords.original(context.request)
        let environment = try Environment(context, app: app, target: nil)
        guard let (name, value) = variable(words, known: environment.names) else {
            throw PlanningStop(outcome: .clarify(question: "Which environment variable of app \(app.key), with which value?",
                                                 choices: ["set the env var LOG_LEVEL=DEBUG on the app"]))
        }
        let target = try context.ignoring(KeyValueWords.given(words, key: name, value: value)).target()
        let index = environment.entries.firstIndex { $0["name"]?.string == name }
        let entry = index.map { environment.entries[$0] }
        if PipelineConfigurationIntent.removes(context.request) {
            guard let index else {
                throw PlanningStop(outcome: .refused("app \(app.key) sets no environment variable \(name) (in \(environment.label))"))
            }
            if target != nil {
                throw PlanningStop(outcome: .refused("app \(app.key)'s environment variables are one list for every target (\(environment.label)); remove \(name) for every target, or give it a value from a variable that a target sets"))
            }
            let path = environment.entries.count == 1 ? environment.list : environment.list + [.index(index)]
            return Plan(subject: "Remove the environment variable \(name) from app \(app.key)",
                        summary: "Removed the environment variable \(name) from \(environment.label); the app no longer gets it after the next deploy.",
                        resource: app, edits: [(environment.file, [.delete(path)])])
        }
        // "… that takes its value from the sql-warehouse resource": `valueFrom` one of the app's resources.
        let appResources = context.effectiveResource(app, target: nil)?["resources"]?.sequence ?? []
        let resourceNames = appResources.compactMap { $0["name"]?.string }
        // The resource by its name, or by its kind ("the app's sql warehouse"), when the app has one of it.
        let kinds: [(words: [String], field: String)] = [(["warehouse"], "sql_warehouse"), (["secret"], "secret"), (["endpoint"], "serving_endpoint"),
                                                          (["job"], "job"), (["volume", "table", "function"], "uc_securable"), (["experiment"], "experiment")]
        let byKind: String? = kinds.first(where: { context.request.hasAny($0.words) }).flatMap { kind in
            let fitting = appResources.filter { $0[kind.field] != nil }
            return fitting.count == 1 ? fitting[0]["name"]?.string : nil
        }
        if context.request.hasAny(["valuefrom", "value_from"]) || context.request.contains("value from") || context.request.contains("from the") || context.request.contains("comes from"),
           let from = resourceNames.first(where: { context.request.original.contains($0) }) ?? byKind {
            if target != nil {
                throw PlanningStop(outcome: .refused("app \(app.key)'s environment variables are one list for every target; say it without a target"))
            }
            if entry?["valueFrom"]?.string == from {
                throw PlanningStop(outcome: .refused("app \(app.key)'s \(name) already comes from its resource \(from)"))
            }
            let field = environment.inAppYAML ? "valueFrom" : "value_from"
            var operations: [EditOperation]
            if let index {
                operations = [.set(environment.list + [.index(index), .key(field)], .string(from))]
                if entry?["value"] != nil { operations.append(.delete(environment.list + [.index(index), .key("value")])) }
            } else {
                let new = EditValue.mapping([("name", .string(name)), (field, .string(from))])
                operations = [environment.missing.map { .set($0.path, $0.wrap(.sequence([new]))) } ?? .append(environment.list, new)]
            }
            return Plan(subject: "Give app \(app.key) the environment variable \(name) from its resource \(from)",
                        summary: "Set the environment variable \(name) of \(environment.label) to the value of the app's resource \(from) (\(field): \(from)); the workspace fills it in when the app starts.",
                        resource: app, edits: [(environment.file, operations)])
        }
        guard let value else {
            throw PlanningStop(outcome: .clarify(question: "Which value should the environment variable \(name) of app \(app.key) have?",
                                                 choices: ["set the env var \(name)=VALUE on the app"]))
        }
        // A bundle reference in the app.yaml stays as written: the deploy does not fill it in there.
        if environment.inAppYAML, value.contains("${") {
            throw PlanningStop(outcome: .refused("\(environment.file) is uploaded as it is, so \(value) would reach the app as those characters; bundle references are filled in only in the bundle's YAML — move the app's environment into config.env of the app in the bundle, or give \(name) a value of its own"))
        }
        if let from = entry?["valueFrom"]?.string ?? entry?["value_from"]?.string {
            throw PlanningStop(outcome: .refused("app \(app.key)'s \(name) comes from its resource \(from) (valueFrom in \(environment.label)); change that resource (\"use warehouse … for the app\"), or remove \(name) first to give it a value of its own"))
        }
        let written = entry?["value"]?.string
        // A value read from a variable: the variable, for the target (or for every one) — when nothing else
        // reads it (prod's schema also moved a job's tables); otherwise the app's own value, here.
        let sharedVariable = written.flatMap { VariableValueIntent.variable(written: $0, declaredIn: context) }.map { Self.uses(of: $0, in: context) > 1 } ?? false
        if let written, !environment.inAppYAML, !sharedVariable, let variable = VariableValueIntent.variable(written: written, declaredIn: context) {
            if let assignment = try VariableValueIntent.assignment(context, variable: variable, value: value, target: target) {
                return Plan(subject: assignment.subject, summary: assignment.summary.dropLast() + "; app \(app.key)'s \(name) is ${var.\(variable)}.",
                            target: target, resource: app, edits: [(assignment.file, assignment.operations)])
            }
            throw PlanningStop(outcome: .refused("app \(app.key)'s \(name) is ${var.\(variable)}, which is \(value) already\(context.forTarget(target))"))
        }
        if let target, sharedVariable, let written {
            throw PlanningStop(outcome: .refused("app \(app.key)'s \(name) is \(written), which other parts of the bundle use too, so changing it for \(target) moves them as well; give \(name) a value of its own (without a target), or set the variable itself (\"set the variable … in \(target)\")"))
        }
        if let target {
            let whereWritten = environment.inAppYAML ? "the app.yaml beside its code (\(environment.file)), which every target deploys"
                : "one list for every target (a target's list adds to it)"
            throw PlanningStop(outcome: .refused("app \(app.key)'s environment variables are \(whereWritten), so \(name) cannot differ in \(target) alone; set \(name) for every target, or give it a value from a bundle variable (value: ${var.…} in config.env) that \(target) sets"))
        }
        if written == value {
            throw PlanningStop(outcome: .refused("app \(app.key) already sets \(name)=\(value) (in \(environment.label))"))
        }
        let operation: EditOperation
        if let index {
            operation = .set(environment.list + [.index(index), .key("value")], .string(value))
        } else {
            let new = EditValue.mapping([("name", .string(name)), ("value", .string(value))])
            if let missing = environment.missing {
                operation = .set(missing.path, missing.wrap(.sequence([new])))
            } else {
                operation = .append(environment.list, new)
            }
        }
        var plan = Plan(subject: "Set the environment variable \(name)=\(value) on app \(app.key)",
                        summary: "Set the environment variable \(name) to \(value) (was \(written ?? "unset")) in \(environment.label); the app gets it after the next deploy.",
                        resource: app, edits: [(environment.file, [operation])])
        if environment.inAppYAML, context.bundle.source.read(orNil: environment.file).map({ $0.isEmpty }) ?? true {
            plan.createdFiles.insert(environment.file)
        }
        return plan
    }

    /// The variable and its value: `NAME=value`, a name in capitals ("the LOG_LEVEL env var … to
    /// WARNING"), one the app has, or the word after "variable".
    static func variable(_ words: [String], known: [String]) -> (name: String, value: String?)? {
        let shaped = #"^[A-Za-z_][A-Za-z0-9_]*$"#
        // (One the app has first: "set env var log_level to DEBUG" is not a variable DEBUG.)
        if let name = words.first(where: { known.contains($0) }) ?? words.first(where: { w in known.contains { $0.lowercased() == w.lowercased() } }).flatMap({ w in known.first { $0.lowercased() == w.lowercased() } }) {
            return (name, self.value(words, name: name, found: KeyValueWords.find(words, key: { $0.lowercased() == name.lowercased() })?.value ?? nil))
        }
        if let (name, value) = KeyValueWords.find(words, key: { $0.contains("=") == false && $0.range(of: shaped, options: .regularExpression) != nil && $0 == $0.uppercased() && $0.count > 1 }) {
            // ("FEATURE_FLAG=on": written so, the value is the value, whatever the word.)
            if let value, words.contains("\(name)=\(value)") { return (name, value) }
            return (name, self.value(words, name: name, found: value))
        }
        let nouns: Set<String> = ["variable", "variables", "var", "vars"]
        guard let after = words.firstIndex(where: { nouns.contains($0.lowercased()) }) else { return nil }
        let fillers: Set<String> = ["the", "a", "an", "on", "to", "for", "in", "of", "app", "apps", "app's", "application", "called", "named"]
        guard let (name, value) = KeyValueWords.find(Array(words[(after + 1)...]), key: { !fillers.contains($0.lowercased()) && $0.range(of: shaped, options: .regularExpression) != nil }) else { return nil }
        return (name, self.value(words, name: name, found: value))
    }

    /// How many times the bundle's files reference the variable (`${var.name}` or a field of it).
    static func uses(of variable: String, in context: PlanningContext) -> Int {
        var count = 0
        for file in context.bundle.files {
            guard let data = context.bundle.source.read(orNil: file.path), let text = String(data: data, encoding: .utf8) else { continue }
            count += text.components(separatedBy: "${var.\(variable)}").count - 1 + text.components(separatedBy: "${var.\(variable).").count - 1
        }
        return count
    }

    /// A value that is the app's words ("… on the app") or the variable's ("the LOG_LEVEL env var") is none.
    static func cleaned(_ value: String?) -> String? {
        let nouns = ["env", "environment", "var", "variable", "the", "a", "on", "for", "in", "of",
                     // ("… WAREHOUSE that gets its value from …", "… use the same catalog as …": no values.)
                     "that", "which", "who", "use", "uses", "using", "gets", "takes", "same", "from", "its", "an",
                     "whatever", "match", "matches", "be", "like", "equal", "whichever", "what"]
        guard let value, !appWords.contains(value.lowercased()), !nouns.contains(value.lowercased()) else { return nil }
        return value
    }

    /// "the LOG_LEVEL env var of the app to DEBUG": the word after the first "to" (or "=") past the name,
    /// when the words right after the name are not its value.
    static func value(_ words: [String], name: String, found: String?) -> String? {
        if let found = cleaned(found) { return found }
        guard let at = words.firstIndex(where: { $0 == name || $0.lowercased() == name.lowercased() }),
              let to = words[(at + 1)...].firstIndex(where: { ["to", "=", "be"].contains($0.lowercased()) }), to + 1 < words.count else { return nil }
        return cleaned(words[to + 1])
    }
}
