import BundleEditing
import BundleModel
import Foundation

/// "add a new job that runs src/etl.py", "create a job called cleanup that runs src/cleanup.sql": a job
/// of one task in its own `resources/<key>.job.yml`, on serverless compute, with the bundle's
/// `include` made to cover the file.
public enum NewJobIntent: Intent {
    public static let id = "new-job"
    public static let summary = "a new job of one task (notebook, Python or SQL file) in its own file"
    public static let examples = ["add a new job that runs src/etl.py", "create a job called cleanup that runs src/cleanup.py"]

    static let runnable = [".py", ".ipynb", ".sql"]

    public static func score(_ text: RequestText) -> Int {
        // "a new job", "a job that runs …"; not "a job parameter", "a job cluster".
        let parts: Set<String> = ["parameter", "parameters", "cluster", "clusters", "tag", "tags", "timeout", "schedule", "trigger", "permission",
                                  "permissions", "queue", "email", "emails", "notification", "notifications", "run", "runs", "description", "name",
                                  "environment", "library", "libraries", "task", "tasks", "level", "setting", "settings"]
        let words = text.words
        let newJob = words.indices.contains { i in
            words[i] == "job" && i > 0 && ["new", "a", "another", "second"].contains(words[i - 1]) && !(i + 1 < words.count && parts.contains(words[i + 1]))
        }
        guard text.hasAny(["add", "create", "define", "make", "new"]), newJob else { return 0 }
        return text.words.contains { word in runnable.contains { word.hasSuffix($0) } } ? 6 : 5
    }

    /// "add a new job gold_rebuild that runs p.py": the name written right after "job", before what it runs
    /// (the job was called after the file).
    static func nameAfterNoun(_ original: [String], _ lowered: [String]) -> String? {
        let notNames: Set<String> = ["that", "which", "to", "running", "runs", "run", "for", "with", "in", "on", "from", "of", "called", "named",
                                     "and", "executing", "executes", "who", "where", "at", "every", "daily", "hourly", "weekly", "nightly"]
        guard let noun = lowered.firstIndex(where: { $0 == "job" || $0 == "workflow" }), noun + 2 < lowered.count,
              ["that", "which", "to", "running", "runs", "executing", "for", "with"].contains(lowered[noun + 2]) else { return nil }
        let word = original[noun + 1]
        guard !notNames.contains(lowered[noun + 1]), let first = word.first, first.isLetter, !word.contains("/"), !word.contains("."),
              word.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
        return word
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let original = context.request.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'()")) }
        let lowered = original.map { $0.lowercased() }
        guard let written = original.first(where: { word in runnable.contains { word.lowercased().hasSuffix($0) } }) else {
            // "add a job that runs the pipeline": a job of one pipeline task.
            if context.request.hasAny(ResourceVocabulary.nouns["pipelines"]!), !context.catalog.references(ofType: "pipelines").isEmpty {
                let pipeline = try PipelineTaskIntent.chosenPipeline(context)
                let named = lowered.firstIndex(where: { $0 == "called" || $0 == "named" }).flatMap { $0 + 1 < original.count ? original[$0 + 1] : nil }
                // "… every hour", "… daily at 3am": on that schedule.
                var schedule: (cron: String, zone: String, description: String)?
                if ScheduleIntent.score(context.request) > 0 {
                    let (cron, description) = ScheduleIntent.cronAndDescription(context.request)
                    schedule = (cron, ScheduleIntent.zone(context.request) ?? "UTC", description)
                }
                return try pipelineJob(context, pipeline: pipeline, key: named.map(identifier), schedule: schedule)
            }
            throw PlanningStop(outcome: .clarify(question: "What should the new job run? Name a notebook, Python file or SQL file of the bundle.",
                                                 choices: ["add a new job that runs src/etl.py"]))
        }
        // "../src/etl.py", as the files under resources/ write it, is src/etl.py.
        let path = Plan.bundlePath(written, besides: "resources/job.yml")
        let stem = path.split(separator: "/").last.map { $0.split(separator: ".").dropLast().joined(separator: ".") } ?? "job"
        let named = lowered.firstIndex(where: { $0 == "called" || $0 == "named" }).flatMap { $0 + 1 < original.count ? original[$0 + 1] : nil }
            ?? Self.nameAfterNoun(original, lowered)
        let key = identifier(named ?? stem)
        guard !key.isEmpty, key.first!.isLetter else {
            throw PlanningStop(outcome: .clarify(question: "What should the job be called?", choices: ["create a job called etl that runs \(path)"]))
        }
        if context.catalog.references(ofType: "jobs").contains(where: { $0.key == key }) {
            throw PlanningStop(outcome: .refused("the bundle already has a job \(key); call the new one differently (\"create a job called \(key)_2 that runs \(path)\")"))
        }
        // The task: a notebook, a Python file (in a serverless environment) or a SQL file (on a warehouse).
        let relative = "../" + path
        let exists = context.bundle.source.fileExists(path)
        let task = identifier(stem)
        var job: [(String, EditValue)] = [("name", .string(key))]
        var taskBody: [(String, EditValue)] = [("task_key", .string(task.isEmpty || !task.first!.isLetter ? "main" : task))]
        let runs: String
        if context.bundle.source.isNotebook(path) ?? (!exists && path.hasSuffix(".py")) {
            runs = "the notebook \(path)"
            taskBody.append(("notebook_task", .mapping([("notebook_path", .string(relative))])))
        } else if path.hasSuffix(".py") {
            runs = "the Python file \(path)"
            job.append(("environments", .sequence([.mapping([("environment_key", .string("default")),
                                                             ("spec", .mapping([("environment_version", .string("2"))]))])])))
            taskBody.append(("environment_key", .string("default")))
            taskBody.append(("spark_python_task", .mapping([("python_file", .string(relative))])))
        } else {
            let warehouse = lowered.firstIndex(of: "warehouse").flatMap { $0 + 1 < original.count ? original[$0 + 1] : nil }
                ?? (context.bundle.configuration["variables"]?["warehouse_id"] != nil ? "${var.warehouse_id}" : nil)
            guard let warehouse else {
                throw PlanningStop(outcome: .clarify(question: "Which SQL warehouse should run \(path)? Name its id (`dabrepo warehouses list`).",
                                                     choices: ["\(context.request.original) on warehouse WAREHOUSE_ID"]))
            }
            runs = "the SQL file \(path) on warehouse \(warehouse)"
            taskBody.append(("sql_task", .mapping([("file", .mapping([("path", .string(relative))])), ("warehouse_id", .string(warehouse))])))
        }
        // "… that runs src/etl.py daily at 3am": with its schedule.
        let when = context.ignoring([written]).request
        var schedule = ""
        if ScheduleIntent.score(when) > 0 {
            let (cron, description) = ScheduleIntent.cronAndDescription(when)
            let zone = ScheduleIntent.zone(when) ?? "UTC"
            job.insert(("schedule", .mapping([("quartz_cron_expression", .string(cron)), ("timezone_id", .string(zone))])), at: 1)
            schedule = ", \(description) (\(cron) in \(zone))"
        }
        job.append(("tasks", .sequence([.mapping(taskBody)])))
        // A notebook or query that does not exist yet is started in the same revision, so that the job
        // it runs validates and deploys.
        let stub = exists ? nil : Plan.newSourceText(path, for: "job \(key)")
        let plan = try creating(context, key: key, job: job, subject: "Add the job \(key)",
                                summary: "Added the job \(key) in resources/\(key).job.yml: one task running \(runs)\(runs.hasPrefix("the SQL file") ? "" : " on serverless compute")\(schedule)"
                                    + (exists ? "." : stub != nil ? "; \(path) is new, a file for its code." : " (\(path) does not exist yet)."))
        return try stub.map { try plan.creatingFile(path, text: $0, context) } ?? plan
    }

    static func identifier(_ name: String) -> String { String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }) }

    /// A new job that updates a pipeline of the bundle, on a schedule when one is given:
    /// `<pipeline>_job` unless named.
    static func pipelineJob(_ context: PlanningContext, pipeline: ResourceReference, key given: String?,
                            schedule: (cron: String, zone: String, description: String)?) throws -> Plan {
        let key = given ?? "\(pipeline.key)_job"
        if context.catalog.references(ofType: "jobs").contains(where: { $0.key == key }) {
            throw PlanningStop(outcome: .refused("the bundle already has a job \(key); call the new one differently (\"create a job called \(key)_2 that runs the pipeline\")"))
        }
        let name = context.bundle.configuration["resources"]?["pipelines"]?[pipeline.key]?["name"]?.string
        var job: [(String, EditValue)] = [("name", .string(key))]
        if let schedule {
            job.append(("schedule", .mapping([("quartz_cron_expression", .string(schedule.cron)), ("timezone_id", .string(schedule.zone))])))
        }
        job.append(("tasks", .sequence([.mapping([("task_key", .string("refresh_pipeline")),
                                                  ("pipeline_task", .mapping([("pipeline_id", .string("${resources.pipelines.\(pipeline.key).id}"))]))])])))
        let what = "pipeline \(pipeline.key)" + (name.map { " (\"\($0)\")" } ?? "")
        return try creating(context, key: key, job: job,
                            subject: schedule.map { "Run pipeline \(pipeline.key) \($0.description) (\($0.zone))" } ?? "Add the job \(key) that updates pipeline \(pipeline.key)",
                            summary: "Added the job \(key) in resources/\(key).job.yml: it updates \(what)"
                                + (schedule.map { " \($0.description) (\($0.cron) in \($0.zone)); a pipeline runs on a schedule through a job" } ?? "") + ".")
    }

    /// The plan that writes a new job to `resources/<key>.job.yml` and makes the root's include cover it.
    static func creating(_ context: PlanningContext, key: String, job: [(String, EditValue)], subject: String, summary: String) throws -> Plan {
        try creating(context, type: "jobs", key: key, body: job, suffix: "job", subject: subject, summary: summary)
    }

    /// The plan that writes a new resource to `resources/<key>.<suffix>.yml` and makes the root's include cover it.
    static func creating(_ context: PlanningContext, type: String, key: String, body: [(String, EditValue)], suffix: String,
                         subject: String, summary: String, target: String? = nil) throws -> Plan {
        let file = "resources/\(key).\(suffix).yml"
        if context.bundle.files.contains(where: { $0.path == file }) || context.bundle.source.fileExists(file) {
            throw PlanningStop(outcome: .refused("\(file) exists already; call the new job differently"))
        }
        let resources: EditValue = .mapping([(type, .mapping([(key, .mapping(body))]))])
        // For one target: defined in that target's section of the new file (included files may have one).
        var edits: [(file: String, operations: [EditOperation])] = [(file, [target.map { .set([.key("targets")], .mapping([($0, .mapping([("resources", resources)]))])) }
                                                                            ?? .set([.key("resources")], resources)])]
        let patterns = context.bundle.configuration["include"]?.sequence?.compactMap(\.string) ?? []
        if !patterns.contains(where: { fnmatch($0, file, 0) == 0 || BundlePath.normalize($0) == file }) {
            let root = context.bundle.rootFile
            let written = context.rawNode(file: root, path: [.key("include")])
            // A bundle that lists its files one by one gets this one listed (a glob would bring in files it leaves out).
            let entry = IncludeEditing.entry(for: file, listed: patterns)
            edits.append((root, [written?.sequence != nil ? .append([.key("include")], .string(entry))
                                                           : .set([.key("include")], .sequence([.string(entry)]))]))
        }
        var plan = Plan(subject: subject, summary: summary, target: target, resource: ResourceReference(type: type, key: key), edits: edits)
        plan.createdFiles = [file]
        return plan
    }
}
