import BundleEditing
import BundleModel
import Foundation

/// "trigger when files arrive in /Volumes/main/raw/landing", "run when main.sales.orders is updated".
public enum TriggerIntent: Intent {
    public static let id = "trigger"
    public static let summary = "file-arrival and table-update triggers"
    public static let examples = ["trigger the job when files arrive in /Volumes/main/raw/landing/", "run when main.sales.orders is updated"]

    public static func score(_ text: RequestText) -> Int {
        if text.hasAny(["arrive", "arrives", "arrival", "land", "lands", "landed"]) { return 4 }
        return text.hasAny(["updated", "changes", "changed", "update"]) && text.words.contains { $0.split(separator: ".").count == 3 } && text.hasAny(["when", "whenever", "trigger", "after"]) ? 4 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let target = try context.target()
        let job = try context.job()
        let location = context.jobLocation(job, target: target)
        let words = context.request.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'")) }
        if context.request.hasAny(["arrive", "arrives", "arrival", "land", "lands", "landed"]) {
            guard let url = words.first(where: { $0.hasPrefix("/Volumes/") || $0.contains("://") }) else {
                throw PlanningStop(outcome: .refused("where? give a Unity Catalog volume path such as /Volumes/main/raw/landing/ or a cloud URL"))
            }
            let path = url.hasSuffix("/") || url.contains("://") ? url : url + "/"
            return Plan(subject: "Trigger \(job) when files arrive in \(path)",
                        summary: "Added a file-arrival trigger on \(path) to job \(job)\(context.forTarget(target)).",
                        target: target, job: job,
                        edits: [(location.file, [.set(location.base + [.key("trigger")], .mapping([("pause_status", .string("UNPAUSED")),
                                                                                                  ("file_arrival", .mapping([("url", .string(path))]))]))])])
        }
        let tables = words.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".")) }.filter { $0.split(separator: ".").count == 3 }
        return Plan(subject: "Trigger \(job) when \(tables.joined(separator: ", ")) \(tables.count == 1 ? "is" : "are") updated",
                    summary: "Added a table-update trigger on \(tables.joined(separator: ", ")) to job \(job)\(context.forTarget(target)).",
                    target: target, job: job,
                    edits: [(location.file, [.set(location.base + [.key("trigger")], .mapping([("pause_status", .string("UNPAUSED")),
                                                                                              ("table_update", .mapping([("table_names", .sequence(tables.map { .string($0) }))]))]))])])
    }
}

/// "run as the service principal 6f1c…", "run prod as service principal …".
public enum RunAsIntent: Intent {
    public static let id = "run-as"
    public static let summary = "the identity a target runs as (run_as)"
    public static let examples = ["run prod as the service principal 6f1c3a52-0000-4000-8000-000000000001"]

    public static func score(_ text: RequestText) -> Int {
        let runAs = text.contains("run as") || text.contains("runs as") || text.has("run_as") || (text.hasAny(["run", "runs"]) && text.has("as"))
        return runAs && (text.contains("service principal") || text.words.contains { $0.contains("@") }) ? 4 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let target = try context.target()
        let words = context.request.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;\"'")) }
        let (field, identity): (String, String)
        if let sp = words.first(where: { $0.count == 36 && $0.filter { $0 == "-" }.count == 4 }) {
            (field, identity) = ("service_principal_name", sp)
        } else if let user = words.first(where: { $0.contains("@") }) {
            (field, identity) = ("user_name", user)
        } else {
            throw PlanningStop(outcome: .refused("which identity? give the service principal's application id"))
        }
        let file = target.map { context.targetFile($0) } ?? context.bundle.rootFile
        let base: EditPath = target.map { [.key("targets"), .key($0)] } ?? []
        return Plan(subject: "Run \(target.map { "target \($0)" } ?? "the bundle") as \(identity)",
                    summary: "Set run_as to \(field == "service_principal_name" ? "service principal " : "")\(identity)\(context.forTarget(target)).",
                    target: target, edits: [(file, [.set(base + [.key("run_as")], .mapping([(field, .string(identity))]))])])
    }
}

/// "add a staging target", "add a target qa like prod".
public enum AddTargetIntent: Intent {
    public static let id = "add-target"
    public static let summary = "a new target, development or production"
    public static let examples = ["add a staging target"]

    public static func score(_ text: RequestText) -> Int { newTargetName(text) != nil ? 4 : 0 }

    static let nouns: Set<String> = ["target", "environment", "stage", "deployment"]

    /// The name a request gives a new target, only where it says a target is to be made: "add a staging
    /// target", "create a new target called qa", "add target uat". "add polars to the digest
    /// environment" makes none.
    static func newTargetName(_ text: RequestText) -> String? {
        let words = text.words
        guard let verb = words.firstIndex(where: { ["add", "create", "make", "define", "set"].contains($0) }) else { return nil }
        var i = verb + 1
        while i < words.count, ["a", "an", "another", "new", "additional", "extra"].contains(words[i]) { i += 1 }
        guard i < words.count else { return nil }
        let valid: (String) -> Bool = { name in
            !name.isEmpty && !nouns.contains(name) && name.first!.isLetter && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
                && !["called", "named", "for", "like", "the", "to", "up"].contains(name)
        }
        // "add a staging target"
        if i + 1 < words.count, nouns.contains(words[i + 1]), valid(words[i]) { return words[i] }
        // "add a target called qa", "create target qa"
        if nouns.contains(words[i]) {
            var j = i + 1
            while j < words.count, ["called", "named", "with", "the", "name"].contains(words[j]) { j += 1 }
            if j < words.count, valid(words[j]) { return words[j] }
        }
        return nil
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        guard let name = newTargetName(text) else {
            throw PlanningStop(outcome: .clarify(question: "What should the new target be called?", choices: ["add a target called staging"]))
        }
        guard !context.bundle.targetNames.contains(where: { $0.lowercased() == name }) else {
            throw PlanningStop(outcome: .refused("the bundle already has a target \(name)"))
        }
        // "like prod", "based on prod": the mode of the target it is modelled on; else production for
        // names that say so (staging, uat, prod…), development otherwise.
        let model = context.bundle.targetNames.first { text.has($0.lowercased()) && $0.lowercased() != name }
        let productionNames = ["stag", "prod", "uat", "live", "preprod", "release"]
        let production = model.map { context.bundle.targetsMapping?[$0]?["mode"]?.string == "production" }
            ?? productionNames.contains { name.contains($0) }
        var body: [(String, EditValue)] = [("mode", .string(production ? "production" : "development"))]
        if production {
            body.append(("workspace", .mapping([("root_path", .string("/Workspace/Users/${workspace.current_user.userName}/.bundle/${bundle.name}/${bundle.target}"))])))
        }
        let file = context.bundle.rootFile
        return Plan(subject: "Add the target \(name)",
                    summary: "Added the target \(name) (mode \(production ? "production, with its own root_path" : "development")).",
                    target: name, edits: [(file, [.set([.key("targets"), .key(name)], .mapping(body))])])
    }
}

/// "add a job parameter env with default dev", "add the parameter run_date defaulting to today".
public enum JobParameterIntent: Intent {
    public static let id = "job-parameter"
    public static let summary = "job parameters with defaults"
    public static let examples = ["add a job parameter env with default dev"]

    public static func score(_ text: RequestText) -> Int { text.hasAny(["parameter", "parameters", "param", "params"]) ? 3 : 0 }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let target = try context.target()
        let job = try context.job()
        let words = context.request.words
        guard var p = words.firstIndex(where: { ["parameter", "param"].contains($0) }), p + 1 < words.count else {
            throw PlanningStop(outcome: .clarify(question: "Which parameter, with which default?", choices: ["add a job parameter env with default dev"]))
        }
        // "a parameter called env", "a param named env"
        while p + 2 < words.count, ["called", "named"].contains(words[p + 1]) { p += 1 }
        let original = context.request.original.split(separator: " ").map(String.init)
        let name = original.count > p + 1 ? original[p + 1].trimmingCharacters(in: CharacterSet(charactersIn: ",.\"'")) : words[p + 1]
        var value = ""
        for marker in ["default", "defaulting", "value", "="] {
            if let i = words.lastIndex(of: marker), i + 1 < words.count {
                value = original.count > i + 1 ? original[i + 1].trimmingCharacters(in: CharacterSet(charactersIn: ",.\"'")) : words[i + 1]
                if value == "to" && i + 2 < original.count { value = original[i + 2].trimmingCharacters(in: CharacterSet(charactersIn: ",.\"'")) }
            }
        }
        if (context.effectiveJob(job, target: target)?["parameters"]?.sequence ?? []).contains(where: { $0["name"]?.string == name }) {
            throw PlanningStop(outcome: .refused("job \(job) already has the parameter \(name)"))
        }
        let location = context.jobLocation(job, target: target)
        return Plan(subject: "Add the job parameter \(name) to \(job)",
                    summary: "Added the job parameter \(name) (default \"\(value)\") to job \(job)\(context.forTarget(target)).",
                    target: target, job: job,
                    edits: [(location.file, [.append(location.base + [.key("parameters")], .mapping([("name", .string(name)), ("default", .string(value))]))])])
    }
}

/// "add the PyPI library pandas==2.2.2", "add maven com.example:lib:1.0", "add polars to the digest
/// environment". Tasks on a cluster get a task library; serverless tasks get the dependency in their
/// job environment (serverless compute takes no task libraries).
public enum LibraryIntent: Intent {
    public static let id = "library"
    public static let summary = "PyPI, Maven, wheel and JAR libraries; dependencies of serverless environments; pipeline source notebooks, files and globs"
    public static let examples = ["add the PyPI library pandas==2.2.2", "add the Maven library com.example:lib:1.0", "add polars to the default environment"]

    static let nouns: Set<String> = ["library", "libraries", "package", "packages", "dependency", "dependencies", "pypi", "pip", "maven", "wheel", "whl", "jar", "module"]

    public static func score(_ text: RequestText) -> Int {
        let verb = text.hasAny(["add", "install", "include", "use", "require", "needs", "need"])
        if text.hasAny(Array(nouns)) && verb { return 3 }
        // "add the notebook src/sessions.py to the clickstream pipeline" (not "add a task … that runs src/report.py")
        if text.hasAny(["add", "include", "attach", "register", "append"]) && !text.hasAny(["task", "step", "tasks", "steps"]) && PipelineSource(text) != nil { return 3 }
        // "add polars to the digest environment"
        return text.hasAny(["add", "install", "include"]) && text.hasAny(["environment", "env"]) && text.hasAny(["to", "into", "in"]) ? 3 : 0
    }

    /// The library as written: a token that looks like one (`pandas==2.2.2`, `com.example:lib:1.0`,
    /// `./dist/*.whl`), else the word after the verb ("add polars to …").
    static func spec(_ text: RequestText, context: PlanningContext) -> String? {
        let tokens = text.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`")) }
        let targets = Set(context.bundle.targetNames.map { $0.lowercased() })
        if let marked = tokens.first(where: { t in
            ["==", ">=", "<=", "~=", "!="].contains { t.contains($0) } || t.hasSuffix(".whl") || t.hasSuffix(".jar")
                || (t.split(separator: ":").count >= 3 && !t.contains("/")) || t.hasPrefix("./") || t.hasPrefix("/Volumes/") || t.hasPrefix("/Workspace/")
        }) {
            return marked
        }
        let skipped: Set<String> = ["the", "a", "an", "new", "python", "pypi", "pip", "maven", "library", "libraries", "package", "packages",
                                    "dependency", "dependencies", "wheel", "jar", "module", "latest", "version", "of"]
        guard let verb = tokens.firstIndex(where: { ["add", "install", "include", "use", "require", "needs", "need"].contains($0.lowercased()) }) else { return nil }
        for token in tokens[(verb + 1)...] {
            let lowered = token.lowercased()
            if skipped.contains(lowered) { continue }
            if ["to", "into", "in", "for", "on"].contains(lowered) || targets.contains(lowered) { return nil }
            return token.allSatisfy { $0.isLetter || $0.isNumber || "-_.[]".contains($0) } ? token : nil
        }
        return nil
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        if let source = PipelineSource(text) {
            return try planPipelineSource(context, source)
        }
        let target = try context.target()
        guard let spec = spec(text, context: context) else {
            throw PlanningStop(outcome: .clarify(question: "Which library? Name it as pip or Maven would.",
                                                 choices: ["add the PyPI library pandas==2.2.2", "add the Maven library com.example:lib:1.0"]))
        }
        let takesLibraries: (YAMLNode) -> Bool = { task in
            ["notebook_task", "spark_python_task", "python_wheel_task", "spark_jar_task"].contains { task[$0] != nil }
        }
        let job = try context.job(where: { key in
            (context.effectiveJob(key, target: target)?["tasks"]?.sequence ?? []).contains(where: takesLibraries)
        })
        let reference = ResourceReference(type: "jobs", key: job)
        let library: EditValue
        let kind: String
        if text.has("maven") || (spec.split(separator: ":").count >= 3 && !spec.contains("/")) {
            (library, kind) = (.mapping([("maven", .mapping([("coordinates", .string(spec))]))]), "Maven")
        } else if spec.hasSuffix(".whl") {
            (library, kind) = (.mapping([("whl", .string(spec))]), "wheel")
        } else if spec.hasSuffix(".jar") {
            (library, kind) = (.mapping([("jar", .string(spec))]), "JAR")
        } else {
            (library, kind) = (.mapping([("pypi", .mapping([("package", .string(spec))]))]), "PyPI")
        }
        let effective = context.effectiveJob(job, target: target)
        let location = context.jobLocation(job, target: target)
        let tasks = (effective?["tasks"]?.sequence ?? []).filter(takesLibraries)
        let namedTasks = context.namedParts(.task, of: reference)
        let namedEnvironments = context.namedParts(.environment, of: reference)
        let chosen = namedTasks.isEmpty ? tasks : tasks.filter { namedTasks.contains($0["task_key"]?.string ?? "") }
        var environments: [String] = namedEnvironments
        var libraryTasks: [String] = []
        var refusals: [String] = []
        if namedEnvironments.isEmpty {
            for task in chosen {
                guard let key = task["task_key"]?.string else { continue }
                let onCluster = task["job_cluster_key"] != nil || task["existing_cluster_id"] != nil || task["new_cluster"] != nil
                if onCluster { libraryTasks.append(key); continue }
                if let environment = task["environment_key"]?.string {
                    if !environments.contains(environment) { environments.append(environment) }
                } else {
                    refusals.append("task \(key) runs on serverless compute without a job environment (a notebook takes its dependencies from %pip in the notebook)")
                }
            }
        }
        guard kind == "PyPI" || kind == "wheel" || environments.isEmpty else {
            throw PlanningStop(outcome: .refused("serverless compute takes Python dependencies only; \(kind) libraries need a task on a cluster"))
        }
        var operations: [EditOperation] = []
        var placed: [String] = []
        var already: [String] = []
        let declared = effective?["environments"]?.sequence ?? []
        for environment in environments {
            guard let environmentNode = declared.first(where: { $0["environment_key"]?.string == environment }) else {
                throw PlanningStop(outcome: .refused("job \(job) has no environment \(environment)"))
            }
            let existing = environmentNode["spec"]?["dependencies"]?.sequence?.compactMap(\.string) ?? []
            if existing.contains(spec) { already.append("environment \(environment)"); continue }
            let raw = context.rawNode(file: location.file, path: location.base + [.key("environments")])?.sequence ?? []
            if let i = raw.firstIndex(where: { $0["environment_key"]?.string == environment }) {
                operations.append(.append(location.base + [.key("environments"), .index(i), .key("spec"), .key("dependencies")], .string(spec)))
            } else {
                operations.append(context.setInList(file: location.file, base: location.base, list: "environments", identityField: "environment_key",
                                                    identity: environment, inner: [.key("spec"), .key("dependencies")], value: .sequence([.string(spec)])))
            }
            placed.append("environment \(environment)")
        }
        for key in libraryTasks {
            let task = tasks.first { $0["task_key"]?.string == key }
            let existing = task?["libraries"]?.sequence ?? []
            if existing.contains(where: { $0["pypi"]?["package"]?.string == spec || $0["maven"]?["coordinates"]?.string == spec || $0["whl"]?.string == spec || $0["jar"]?.string == spec }) { already.append("task \(key)"); continue }
            let raw = context.rawNode(file: location.file, path: location.base + [.key("tasks")])?.sequence ?? []
            if let i = raw.firstIndex(where: { $0["task_key"]?.string == key }) {
                operations.append(.append(location.base + [.key("tasks"), .index(i), .key("libraries")], library))
            } else {
                operations.append(.append(location.base + [.key("tasks")], .mapping([("task_key", .string(key)), ("libraries", .sequence([library]))])))
            }
            placed.append("task \(key)")
        }
        guard !operations.isEmpty else {
            if !already.isEmpty { throw PlanningStop(outcome: .refused("\(spec) is already in \(already.joined(separator: ", ")) of job \(job)")) }
            throw PlanningStop(outcome: .refused(refusals.first ?? "job \(job) has no task that takes libraries"))
        }
        return Plan(subject: "Add the \(kind) \(environments.isEmpty ? "library" : "dependency") \(spec) to \(job)",
                    summary: "Added the \(kind) \(environments.isEmpty ? "library" : "dependency") \(spec) to \(placed.joined(separator: ", ")) of job \(job)\(context.forTarget(target)).",
                    target: target, job: job, edits: [(location.file, operations)])
    }
}

/// "add a task report after transform that runs src/report.py".
public enum AddTaskIntent: Intent {
    public static let id = "add-task"
    public static let summary = "a new task after another"
    public static let examples = ["add a task report after ingest that runs src/report.py"]

    public static func score(_ text: RequestText) -> Int {
        text.hasAny(["add", "create", "append"]) && text.hasAny(["task", "step"]) ? 3 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let job = try context.job()
        let original = text.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'")) }
        guard let t = text.words.firstIndex(where: { $0 == "task" || $0 == "step" }), t + 1 < original.count else {
            throw PlanningStop(outcome: .refused("what should the task be called? for example \"add a task report after ingest that runs src/report.py\""))
        }
        let key = original[t + 1]
        let effective = context.effectiveJob(job, target: nil)
        let tasks = effective?["tasks"]?.sequence ?? []
        let keys = tasks.compactMap { $0["task_key"]?.string }
        guard !keys.contains(key) else { throw PlanningStop(outcome: .refused("job \(job) already has a task \(key)")) }
        let after = text.words.firstIndex(of: "after").flatMap { $0 + 1 < original.count ? original[$0 + 1] : nil } ?? keys.last
        guard let file = original.first(where: { $0.hasSuffix(".py") || $0.hasSuffix(".ipynb") || $0.hasSuffix(".sql") }) else {
            throw PlanningStop(outcome: .refused("what does the task run? name a notebook or file, such as src/report.py"))
        }
        let location = context.jobLocation(job, target: nil)
        // Paths in the job file are relative to it.
        let depth = BundlePath.directory(of: location.file).split(separator: "/").count
        let relative = String(repeating: "../", count: depth) + file
        var body: [(String, EditValue)] = [("task_key", .string(key))]
        if let after, keys.contains(after) { body.append(("depends_on", .sequence([.mapping([("task_key", .string(after))])]))) }
        // Share the compute of the task it follows.
        if let after, let previous = tasks.first(where: { $0["task_key"]?.string == after }) {
            for field in ["job_cluster_key", "existing_cluster_id", "environment_key"] {
                if let v = previous[field]?.string { body.append((field, .string(v))) }
            }
        }
        body.append(("notebook_task", .mapping([("notebook_path", .string(relative))])))
        return Plan(subject: "Add the task \(key) to \(job)\(after.map { " after \($0)" } ?? "")",
                    summary: "Added the task \(key) running \(file)\(after.map { " after \($0)" } ?? "") to job \(job).",
                    job: job, edits: [(location.file, [.append(location.base + [.key("tasks")], .mapping(body))])])
    }
}
