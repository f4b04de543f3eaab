import BundleEditing
import Foundation

/// One job built from notebooks: a task for each one no other `%run`s (those run inside it), by name; job parameters
/// from widgets; serverless compute by default, an ML-runtime job cluster when ML libraries are
/// imported; DLT notebooks become a pipeline that a task refreshes.
public struct NotebookJobPlanner {
    public struct Notebook {
        /// Where it lives (workspace path or local file).
        public var origin: String
        /// Its file in the bundle, relative to the bundle root (`src/etl/ingest.py`).
        public var file: String
        public var analysis: NotebookAnalysis

        public init(origin: String, file: String, analysis: NotebookAnalysis) {
            self.origin = origin
            self.file = file
            self.analysis = analysis
        }

        var taskKey: String { JobConversion.key(for: (file as NSString).deletingPathExtension.split(separator: "/").last.map(String.init) ?? file) }
    }

    public var key: String
    public var notebooks: [Notebook]

    public init(key: String, notebooks: [Notebook]) {
        self.key = key
        self.notebooks = notebooks
    }

    /// Notebooks in run order: those another one `%run`s come first; ties by name.
    public var ordered: [Notebook] {
        let sorted = notebooks.sorted { $0.file < $1.file }
        var done: [Notebook] = []
        var visiting = Set<String>()
        func visit(_ n: Notebook) {
            guard !done.contains(where: { $0.file == n.file }), !visiting.contains(n.file) else { return }
            visiting.insert(n.file)
            for dep in dependencies(of: n) { visit(dep) }
            done.append(n)
        }
        sorted.forEach(visit)
        return done
    }

    /// The notebooks among ours that `n` runs with `%run`.
    func dependencies(of n: Notebook) -> [Notebook] {
        n.analysis.runDependencies.compactMap { target in
            let name = target.split(separator: "/").last.map(String.init) ?? target
            return notebooks.first { $0.file != n.file && ($0.file as NSString).deletingPathExtension.hasSuffix("/" + name) }
        }
    }

    /// Notebooks another of ours runs with `%run`: their code runs inside that one, so they are no task
    /// of their own (a task would run them a second time). They stay in the bundle for `%run` to find.
    public var included: [Notebook] {
        let runByOthers = Set(notebooks.filter { !$0.analysis.isPipeline }.flatMap { dependencies(of: $0) }.map(\.file))
        return ordered.filter { runByOthers.contains($0.file) && !$0.analysis.isPipeline }
    }

    /// The resource files: path → content.
    public func resources() -> [String: String] {
        let order = ordered
        let pipelineNotebooks = order.filter { $0.analysis.isPipeline }
        let inside = Set(included.map(\.file))
        let taskNotebooks = order.filter { !$0.analysis.isPipeline && !inside.contains($0.file) }
        let usesML = taskNotebooks.contains { $0.analysis.usesML }
        var tasks: [EditValue] = []
        for n in taskNotebooks {
            var task: [(String, EditValue)] = [("task_key", .string(n.taskKey))]
            let deps = dependencies(of: n).filter { !$0.analysis.isPipeline && !inside.contains($0.file) }
            if !deps.isEmpty { task.append(("depends_on", .sequence(deps.map { .mapping([("task_key", .string($0.taskKey))]) }))) }
            if usesML { task.append(("job_cluster_key", .string("ml_cluster"))) }
            // A plain Python file (no notebook header) runs as a Python script: on serverless compute, in
            // the job's environment.
            if n.analysis.isNotebook {
                task.append(("notebook_task", .mapping([("notebook_path", .string("../" + n.file))])))
            } else {
                if !usesML { task.append(("environment_key", .string("default"))) }
                task.append(("spark_python_task", .mapping([("python_file", .string("../" + n.file))])))
            }
            let libraries = n.analysis.libraries
            if usesML && !libraries.isEmpty {
                task.append(("libraries", .sequence(libraries.map { .mapping([("pypi", .mapping([("package", .string($0))]))]) })))
            }
            tasks.append(.mapping(task))
        }
        var files: [String: String] = [:]
        if !pipelineNotebooks.isEmpty {
            let pipeline = "\(key)_pipeline"
            tasks.append(.mapping([("task_key", .string("refresh_\(pipeline)")),
                                   ("pipeline_task", .mapping([("pipeline_id", .string("${resources.pipelines.\(pipeline).id}"))]))]))
            let body: EditValue = .mapping([("resources", .mapping([("pipelines", .mapping([(pipeline, .mapping([
                ("name", .string(pipeline)), ("serverless", .bool(true)),
                // (A plain Python or SQL file is a pipeline's `file` library; a notebook its `notebook`.)
                ("libraries", .sequence(pipelineNotebooks.map { .mapping([($0.analysis.isNotebook ? "notebook" : "file", .mapping([("path", .string("../" + $0.file))]))]) })),
            ]))]))]))])
            files["resources/\(pipeline).pipeline.yml"] = "# Generated by dabrepo from \(pipelineNotebooks.count) pipeline notebook(s).\n" + YAMLWriter.document(body)
        }
        var job: [(String, EditValue)] = [("name", .string(key))]
        if usesML {
            job.append(("job_clusters", .sequence([.mapping([("job_cluster_key", .string("ml_cluster")), ("new_cluster", .mapping([
                ("spark_version", .string("15.4.x-cpu-ml-scala2.12")), ("node_type_id", .string("i3.xlarge")), ("num_workers", .int(2)),
            ]))])])))
        }
        if !usesML, taskNotebooks.contains(where: { !$0.analysis.isNotebook }) {
            job.append(("environments", .sequence([.mapping([("environment_key", .string("default")),
                                                             ("spec", .mapping([("environment_version", .string("2"))]))])])))
        }
        job.append(("tasks", .sequence(tasks)))
        var seen = Set<String>()
        let parameters = order.flatMap { $0.analysis.widgets }.filter { seen.insert($0.name).inserted }
        if !parameters.isEmpty {
            job.append(("parameters", .sequence(parameters.map { .mapping([("name", .string($0.name)), ("default", .string($0.defaultValue))]) })))
        }
        files["resources/\(key).job.yml"] = "# Generated by dabrepo from \(notebooks.count) notebook(s).\n"
            + (included.isEmpty ? "" : "# \(included.map { ($0.file as NSString).lastPathComponent }.joined(separator: ", ")) \(included.count == 1 ? "runs" : "run") inside the notebooks that %run \(included.count == 1 ? "it: no task of its own" : "them: no task of their own").\n")
            + YAMLWriter.document(.mapping([("resources", .mapping([("jobs", .mapping([(key, .mapping(job))]))]))]))
        return files
    }
}
