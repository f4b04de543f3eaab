import BundleEditing
import BundleModel
import Foundation

/// "change the notebook path of the load task to src/load_v2.py", "point the extract task at
/// src/extract_v2.py": what a task runs (its notebook, Python file or SQL file).
public enum TaskSourceIntent: Intent {
    public static let id = "task-source"
    public static let summary = "the notebook or file a task runs"
    public static let examples = ["change the notebook path of the load task to src/load_v2.py", "point the extract task at src/extract_v2.py"]

    static func file(_ words: [String]) -> String? {
        words.first { word in [".py", ".ipynb", ".sql", ".scala", ".r"].contains { word.lowercased().hasSuffix($0) } && word.count > 3 }
    }

    public static func score(_ text: RequestText) -> Int {
        guard file(text.words) != nil, text.hasAny(["task", "step", "notebook", "notebook_path", "python_file"]) else { return 0 }
        guard !text.hasAny(["add", "create", "append", "pipeline", "pipelines", "include", "library", "libraries", "dlt"]), !RequestText.saysNewTask(text) else { return 0 }
        return text.hasAny(["change", "point", "points", "run", "runs", "use", "uses", "switch", "set", "replace", "move", "update", "path"]) ? 4 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let original = KeyValueWords.original(context.request)
        guard let file = file(original) else {
            throw PlanningStop(outcome: .clarify(question: "Which notebook or file should the task run?", choices: ["point the extract task at src/extract_v2.py"]))
        }
        let scoped = context.ignoring([file])
        let target = try scoped.target()
        let job = try scoped.job()
        let tasks = context.effectiveJob(job, target: target)?["tasks"]?.sequence ?? []
        let keys = tasks.compactMap { $0["task_key"]?.string }
        let named = scoped.namedParts(.task, of: ResourceReference(type: "jobs", key: job)).filter(keys.contains)
        guard named.count == 1 || keys.count == 1 else {
            throw PlanningStop(outcome: .clarify(question: "Which task of job \(job)? It has: \(keys.joined(separator: ", ")). Name it in the request.", choices: keys))
        }
        let task = named.first ?? keys[0]
        let node = tasks.first { $0["task_key"]?.string == task }
        let location = context.jobLocation(job, target: target)
        // "../config/x.ipynb" as the job's file writes its paths: config/x.ipynb of the bundle.
        let bundlePath = Plan.bundlePath(file, besides: location.file)
        let depth = BundlePath.directory(of: location.file).split(separator: "/").count
        let relative = String(repeating: "../", count: depth) + bundlePath
        let field: EditPath
        if node?["notebook_task"] != nil { field = [.key("notebook_task"), .key("notebook_path")] }
        else if node?["spark_python_task"] != nil { field = [.key("spark_python_task"), .key("python_file")] }
        else if node?["sql_task"]?["file"] != nil { field = [.key("sql_task"), .key("file"), .key("path")] }
        else {
            throw PlanningStop(outcome: .refused("task \(task) of job \(job) runs no notebook or file (it is a \(node?.mapping?.keys.first { $0.hasSuffix("_task") } ?? "task") of another kind)"))
        }
        // A notebook for a task that runs a Python file, or a plain file for a notebook task: the CLI refuses
        // it ("expected a notebook … but got a file"); the task's kind is not changed unasked.
        if let notebook = context.bundle.source.isNotebook(bundlePath) {
            if node?["spark_python_task"] != nil, notebook {
                throw PlanningStop(outcome: .refused("\(bundlePath) is a notebook, and task \(task) of job \(job) runs a Python file (spark_python_task); run it from a notebook task, or remove the notebook header from the file"))
            }
            if node?["notebook_task"] != nil, !notebook {
                throw PlanningStop(outcome: .refused("\(bundlePath) is a plain file, not a notebook (its first line is not \"# Databricks notebook source\"), and task \(task) of job \(job) runs a notebook; add the header to the file, or run it from a spark_python_task"))
            }
        }
        var current = node
        for case .key(let k) in field { current = current?[k] }
        if current?.string == relative || current?.string.map({ BundlePath.normalize(BundlePath.directory(of: location.file).isEmpty ? $0 : BundlePath.directory(of: location.file) + "/" + $0) }) == bundlePath { throw PlanningStop(outcome: .refused("task \(task) of job \(job) already runs \(bundlePath)")) }
        let exists = context.bundle.source.fileExists(bundlePath)
        return Plan(subject: "Run \(bundlePath) in the task \(task) of \(job)\(target.map { " in \($0)" } ?? "")",
                    summary: "Set \(field.rendered) of task \(task) of job \(job) to \(relative) (was \(current?.string ?? "unset"))\(context.forTarget(target))\(exists ? "" : "; \(bundlePath) does not exist yet").",
                    target: target, job: job, edits: [(location.file, [context.setInList(file: location.file, base: location.base, list: "tasks", identityField: "task_key",
                                                                                          identity: task, inner: field, value: .string(relative))])])
    }
}
