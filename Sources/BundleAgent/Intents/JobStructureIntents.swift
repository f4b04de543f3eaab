import BundleEditing
import BundleModel
import Foundation

/// "trigger when files arrive in /Volumes/main/raw/landing", "run when main.sales.orders is updated".
public enum TriggerIntent: Intent {
    public static let id = "trigger"
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
    public static let examples = ["add a staging target"]

    public static func score(_ text: RequestText) -> Int {
        text.hasAny(["add", "create", "new"]) && text.hasAny(["target", "environment", "stage"]) ? 4 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let ignored: Set<String> = ["add", "a", "an", "new", "target", "create", "environment", "called", "named", "like", "the", "as", "for", "bundle"]
        let existing = Set(context.bundle.targetNames.map { $0.lowercased() })
        guard let name = text.words.first(where: { !ignored.contains($0) && !existing.contains($0) && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } }) else {
            throw PlanningStop(outcome: .refused("what should the target be called? for example \"add a staging target\""))
        }
        let model = context.bundle.targetNames.first { text.has($0.lowercased()) } ?? (context.bundle.targetNames.contains("prod") ? "prod" : nil)
        let production = model.flatMap { context.bundle.targetsMapping?[$0]?["mode"]?.string } == "production" || name.contains("stag") || name.contains("prod")
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
    public static let examples = ["add a job parameter env with default dev"]

    public static func score(_ text: RequestText) -> Int { text.hasAny(["parameter", "parameters", "param", "params"]) ? 3 : 0 }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let target = try context.target()
        let job = try context.job()
        let words = context.request.words
        guard let p = words.firstIndex(where: { ["parameter", "param"].contains($0) }), p + 1 < words.count else {
            throw PlanningStop(outcome: .refused("which parameter? for example \"add a job parameter env with default dev\""))
        }
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

/// "add the PyPI library pandas==2.2.2", "add maven com.example:lib:1.0", "add the wheel ./dist/*.whl".
public enum LibraryIntent: Intent {
    public static let id = "library"
    public static let examples = ["add the PyPI library pandas==2.2.2", "add the Maven library com.example:lib:1.0"]

    public static func score(_ text: RequestText) -> Int {
        text.hasAny(["library", "libraries", "package", "dependency", "dependencies", "pypi", "pip", "maven", "wheel", "whl", "jar"]) && text.hasAny(["add", "install", "use", "include"]) ? 3 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let target = try context.target()
        let job = try context.job()
        let original = text.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'")) }
        let ignored: Set<String> = ["add", "the", "a", "pypi", "pip", "library", "libraries", "package", "maven", "wheel", "to", "install", "use", "dependency", "jar", "for", "in", "all", "tasks", "job"]
        guard let spec = original.reversed().first(where: { !ignored.contains($0.lowercased()) && ($0.contains("=") || $0.contains(":") || $0.contains(".") || $0.contains("/") || $0.allSatisfy { $0.isLetter || $0 == "-" || $0 == "_" }) && !context.bundle.targetNames.contains($0) && $0 != job }) else {
            throw PlanningStop(outcome: .refused("which library? for example \"add the PyPI library pandas==2.2.2\""))
        }
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
        var operations: [EditOperation] = []
        // Serverless tasks get the dependency in their environment; tasks on clusters get a library.
        let environments = effective?["environments"]?.sequence ?? []
        let tasks = effective?["tasks"]?.sequence ?? []
        let named = tasks.filter { t in t["task_key"]?.string.map { text.has($0.lowercased()) } ?? false }
        let chosen = named.isEmpty ? tasks : named
        var where_: [String] = []
        if !environments.isEmpty && kind == "PyPI" {
            for env in environments {
                guard let key = env["environment_key"]?.string else { continue }
                let deps = context.rawNode(file: location.file, path: location.base + [.key("environments")])?.sequence ?? []
                if let i = deps.firstIndex(where: { $0["environment_key"]?.string == key }) {
                    operations.append(.append(location.base + [.key("environments"), .index(i), .key("spec"), .key("dependencies")], .string(spec)))
                } else {
                    operations.append(context.setInList(file: location.file, base: location.base, list: "environments", identityField: "environment_key",
                                                        identity: key, inner: [.key("spec"), .key("dependencies")], value: .sequence([.string(spec)])))
                }
                where_.append("environment \(key)")
            }
        } else {
            for task in chosen {
                guard let key = task["task_key"]?.string, task["notebook_task"] != nil || task["spark_python_task"] != nil || task["python_wheel_task"] != nil || task["spark_jar_task"] != nil else { continue }
                let raw = context.rawNode(file: location.file, path: location.base + [.key("tasks")])?.sequence ?? []
                if let i = raw.firstIndex(where: { $0["task_key"]?.string == key }) {
                    operations.append(.append(location.base + [.key("tasks"), .index(i), .key("libraries")], library))
                } else {
                    operations.append(.append(location.base + [.key("tasks")], .mapping([("task_key", .string(key)), ("libraries", .sequence([library]))])))
                }
                where_.append("task \(key)")
            }
        }
        guard !operations.isEmpty else { throw PlanningStop(outcome: .refused("job \(job) has no task that takes libraries")) }
        return Plan(subject: "Add the \(kind) library \(spec) to \(job)",
                    summary: "Added the \(kind) library \(spec) to \(where_.joined(separator: ", ")) of job \(job)\(context.forTarget(target)).",
                    target: target, job: job, edits: [(location.file, operations)])
    }
}

/// "add a task report after transform that runs src/report.py".
public enum AddTaskIntent: Intent {
    public static let id = "add-task"
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
