import BundleEngine
import BundleGeneration
import BundleModel
import Foundation
import Workspace

/// `generate notebooks` and `generate workspace`: one job from notebooks, tasks in %run order,
/// parameters from widgets, compute from what they import. Workspace notebooks are downloaded into
/// src/ (keeping their layout below their common folder); files already in the bundle are used where
/// they are.
public struct NotebookJobGeneration: Sendable {
    /// The notebooks and source files below a folder, relative to it and sorted (hidden folders and
    /// `__pycache__` skipped).
    static func sourceFiles(in folder: URL) -> [String] {
        let extensions: Set<String> = ["py", "sql", "scala", "r", "ipynb"]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        var found: [String] = []
        let base = folder.standardizedFileURL.path
        for case let url as URL in walker {
            if url.lastPathComponent == "__pycache__" { walker.skipDescendants(); continue }
            guard extensions.contains(url.pathExtension.lowercased()), (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(base + "/") else { continue }
            found.append(String(path.dropFirst(base.count + 1)))
        }
        return found.sorted()
    }

    public enum Notebooks: Sendable {
        /// Workspace notebook paths, or files of the bundle (relative to `currentDirectory` or absolute).
        case paths([String])
        /// Every notebook of a workspace folder and its subfolders.
        case workspaceFolder(String)
    }

    public struct Request: Sendable {
        public var root: URL
        public var notebooks: Notebooks
        /// Where relative local paths start (the front end's current directory).
        public var currentDirectory: URL
        /// The job's key (nil: from the notebooks' common folder).
        public var key: String?
        public var author: String?

        public init(root: URL, notebooks: Notebooks, currentDirectory: URL, key: String? = nil, author: String? = nil) {
            self.root = root
            self.notebooks = notebooks
            self.currentDirectory = currentDirectory
            self.key = key
            self.author = author
        }
    }

    /// Connects to the workspace, when the operation needs it.
    public let connect: WorkspaceConnection.Connect

    public init(connect: @escaping WorkspaceConnection.Connect) {
        self.connect = connect
    }

    public func run(_ request: Request, progress: ProgressHandler? = nil) throws(EngineError) -> GenerationResult {
        let root = request.root.standardizedFileURL
        let asked: String, folder: String?, listed: [String]
        switch request.notebooks {
        case .paths(let named):
            guard !named.isEmpty else { throw EngineError(.usage, "name at least one notebook") }
            (listed, folder, asked) = (named, nil, "generate notebooks " + named.joined(separator: " "))
        case .workspaceFolder(let directory):
            let trimmed = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
            let client = try connect()
            let objects = try WorkspaceCall.run { () throws(WorkspaceError) in try client.listWorkspace(trimmed, recursive: true) }
            listed = objects.filter { $0["object_type"] as? String == "NOTEBOOK" }.compactMap { $0["path"] as? String }.sorted()
            guard !listed.isEmpty else {
                throw EngineError(.refused, "\(trimmed) holds no notebooks (files, libraries and folders alone are not turned into tasks)")
            }
            (folder, asked) = (trimmed, "generate workspace \(trimmed)")
        }
        // A folder URL need not end with a slash: relative paths are appended, not resolved as URLs are.
        let localURL = { (path: String) in
            (path.hasPrefix("/") ? URL(fileURLWithPath: path) : request.currentDirectory.appendingPathComponent(path)).standardizedFileURL
        }
        // A local folder: its notebooks and source files (it made a job of no task).
        var expanded: [String] = []
        var inFolders: Set<String> = []
        for path in listed {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: localURL(path).path, isDirectory: &isDirectory), isDirectory.boolValue else {
                expanded.append(path)
                continue
            }
            let found = Self.sourceFiles(in: localURL(path))
            guard !found.isEmpty else { throw EngineError(.refused, "\(path) holds no notebooks or .py, .sql, .scala, .r or .ipynb files") }
            let files = found.map { path.hasSuffix("/") ? path + $0 : path + "/" + $0 }
            expanded += files
            inFolders.formUnion(files)
        }
        var paths = expanded
        // A relative path names a file of the bundle (a workspace path starts with "/"): one that is not
        // there is a typo, not a notebook to download (that asked for a workspace login).
        if let missing = paths.first(where: { !$0.hasPrefix("/") && !FileManager.default.fileExists(atPath: localURL($0).path) }) {
            throw EngineError(.notFound, "\(missing) is no file here (relative to \(request.currentDirectory.path)); name a notebook of the bundle, or a workspace notebook by its absolute path (/Workspace/…, /Users/…)")
        }
        let remote = paths.filter { !FileManager.default.fileExists(atPath: localURL($0).path) }
        var exported: [String: (content: Data, language: String?)] = [:]
        var unfetched: [String] = []
        // Workspace files named (not notebooks): a source file keeps its name; anything else is no task.
        // (README.md became src/README.md.py, run as a Python script.)
        var workspaceFiles: Set<String> = []
        if !remote.isEmpty, folder == nil {
            let client = try connect()
            let statuses = try WorkspaceCall.run { () throws(WorkspaceError) in
                try ConcurrentRequests.run(remote) { path throws(WorkspaceError) in try client.objectStatus(path)["object_type"] as? String ?? "NOTEBOOK" }
            }
            for path in remote {
                switch statuses[path] ?? "NOTEBOOK" {
                case "NOTEBOOK": continue
                case "FILE":
                    let ext = (path as NSString).pathExtension.lowercased()
                    if ["sql", "scala", "r"].contains(ext) {
                        // (A .sql file became a spark_python_task.)
                        throw EngineError(.refused, "\(path) is a workspace \(ext.uppercased()) file, not a notebook, so no notebook task can run it; run it another way (a SQL file as a sql_task on a warehouse), or make it a notebook; nothing was generated")
                    }
                    guard ["py", "ipynb"].contains(ext) else {
                        throw EngineError(.refused, "\(path) is a workspace file, not a notebook: only notebooks and Python files (.py, .ipynb) become tasks; nothing was generated")
                    }
                    workspaceFiles.insert(path)
                case "DIRECTORY":
                    throw EngineError(.usage, "\(path) is a workspace folder, not a notebook: generate a job from the workspace folder instead (each notebook in it a task)")
                case let other:
                    throw EngineError(.refused, "\(path) is a workspace \(other.lowercased().replacingOccurrences(of: "_", with: " ")), not a notebook; nothing was generated")
                }
            }
        }
        if !remote.isEmpty {
            let client = try connect()
            exported = try WorkspaceCall.run { () throws(WorkspaceError) in
                try client.exportNotebooks(remote, progress: progress.transfers("Downloading notebooks", total: remote.count))
            }
            // The notebooks they %run and nobody named: downloaded beside them (no task of their own).
            unfetched = RunDependencyDownload.fetch(client, into: &exported, progress: progress)
            let named = Set(remote.map(WorkspaceObjectPath.canonical))
            paths += exported.keys.filter { !named.contains(WorkspaceObjectPath.canonical($0)) }.sorted()
        }
        let downloadedPaths = Array(exported.keys)
        let prefix = folder.flatMap { folder in downloadedPaths.allSatisfy { WorkspaceObjectPath.relative($0, below: folder) != nil } ? folder : nil }
            ?? JobConversion.commonFolder(downloadedPaths.isEmpty ? remote : downloadedPaths)
        var notebooks: [NotebookJobPlanner.Notebook] = []
        var downloaded: [String: Data] = [:]
        for path in paths {
            let data: Data, file: String
            if let local = FileManager.default.contents(atPath: localURL(path).path) {
                data = local
                let absolute = localURL(path).path
                guard absolute.hasPrefix(root.path + "/") else { throw EngineError(.usage, "\(path) is not inside the bundle at \(root.path)") }
                file = String(absolute.dropFirst(root.path.count + 1))
            } else {
                guard let (content, fileType) = exported[path] else { continue }
                (data, file) = (content, GeneratedJob.localFile(for: path, below: prefix, fileType: workspaceFiles.contains(path) ? "" : fileType))
                downloaded[file] = content
            }
            do {
                notebooks.append(.init(origin: path, file: file, analysis: try NotebookAnalysis(source: String(decoding: data, as: UTF8.self), fileName: file)))
            } catch {
                throw EngineError(.refused, "\(path): \(error.localizedDescription)")
            }
        }
        // Plain source files (no notebook header): a folder's are modules the notebooks import, left out; a
        // Python file named on its own runs as a script; a SQL, Scala or R file needs more than a task
        // (a warehouse, a JAR), so it is said (its notebook task failed validation).
        // (A pipeline's source file, `import dlt` or CREATE STREAMING TABLE, is a pipeline library as it is.)
        let plain = notebooks.filter { !$0.analysis.isNotebook && !$0.analysis.isPipeline && downloaded[$0.file] == nil }
        notebooks.removeAll { notebook in plain.contains { $0.file == notebook.file } && inFolders.contains(notebook.origin) }
        if let other = plain.first(where: { file in file.analysis.language != "python" && notebooks.contains { $0.file == file.file } }) {
            let header = ["sql": "-- Databricks notebook source", "scala": "// Databricks notebook source"][other.analysis.language] ?? "# Databricks notebook source"
            throw EngineError(.refused, "\(other.origin) is a \(other.analysis.language.uppercased()) file, not a notebook (its first line is not \"\(header)\"), so no notebook task can run it; make it a notebook with that first line, or run it another way (a SQL file as a sql_task on a warehouse)")
        }
        let leftOut = plain.filter { inFolders.contains($0.origin) }.map(\.file)
        guard !notebooks.isEmpty else {
            throw EngineError(.refused, "no notebook was found in \(paths.joined(separator: ", "))\(leftOut.isEmpty ? "" : " (\(leftOut.joined(separator: ", ")) \(leftOut.count == 1 ? "is a plain source file" : "are plain source files") without a notebook header)"); nothing was generated")
        }
        let folderName = prefix.split(separator: "/").last.map(String.init) ?? "notebooks"
        // Local notebooks: their common folder's name ("notebooks/etl/*.py" → etl), or the one file's.
        let localFolder = JobConversion.commonFolder(notebooks.map(\.file)).split(separator: "/").last.map(String.init)
        let localName = notebooks.count > 1 || !inFolders.isEmpty ? localFolder : nil
        let key = request.key ?? JobConversion.key(for: remote.isEmpty
            ? (localName ?? notebooks.first.map { (($0.file as NSString).lastPathComponent as NSString).deletingPathExtension } ?? "notebooks") : folderName)
        let bundle = try GeneratedJob.load(root)
        let planner = NotebookJobPlanner(key: key, notebooks: notebooks)
        var files: [String: Data?] = planner.resources().mapValues { Optional(Data($0.utf8)) }
        for (path, data) in downloaded { files[path] = data }
        let inside = planner.included.map { ($0.file as NSString).lastPathComponent }
        let scripts = notebooks.filter { !$0.analysis.isNotebook && !$0.analysis.isPipeline }.map(\.file)
        let summary = "Generated the job \(key) from \(notebooks.count) notebook\(notebooks.count == 1 ? "" : "s")"
            + (downloaded.isEmpty ? "" : " (downloaded into src/)") + "."
            + (scripts.isEmpty ? "" : " \(scripts.joined(separator: ", ")) \(scripts.count == 1 ? "is a Python file" : "are Python files") without a notebook header: \(scripts.count == 1 ? "it runs" : "they run") as a Python script (spark_python_task).")
            + (leftOut.isEmpty ? "" : " Left out \(leftOut.joined(separator: ", ")): plain source files of the folder (modules the notebooks import), no tasks of their own.")
            + (inside.isEmpty ? "" : " \(inside.joined(separator: ", ")) \(inside.count == 1 ? "runs" : "run") inside the notebooks that %run \(inside.count == 1 ? "it" : "them"), so \(inside.count == 1 ? "it is" : "they are") no task of \(inside.count == 1 ? "its" : "their") own (a task would run \(inside.count == 1 ? "it" : "them") twice).")
            + (unfetched.isEmpty ? "" : " Not found in the workspace, though a notebook %runs \(unfetched.count == 1 ? "it" : "them"): \(unfetched.joined(separator: ", ")); the job fails where it runs \(unfetched.count == 1 ? "it" : "them") until \(unfetched.count == 1 ? "it is" : "they are") added.")
        return try GeneratedJob(root: root, key: key, resourceFile: "resources/\(key).job.yml", files: files, subject: "Generate job \(key) from notebooks",
                                summary: summary, request: asked, author: request.author).commit(to: bundle)
    }
}
