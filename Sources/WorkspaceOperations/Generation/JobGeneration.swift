import BundleEngine
import BundleGeneration
import Foundation
import Workspace

/// `generate job`: an existing job as resources/<key>.job.yml, as `databricks bundle generate job`
/// writes it. From a workspace, each notebook task's notebook is downloaded into src/ (keeping the
/// layout below the notebooks' common folder) and its path rewritten relative to the YAML file; from
/// the job's JSON, notebook paths stay workspace paths.
public struct JobGeneration: Sendable {
    public enum Origin: Sendable {
        /// The job of this id in the workspace.
        case workspace(jobID: Int)
        /// The JSON `jobs get` prints (or the settings alone), and where it came from (for messages).
        case json(Data, name: String)
    }

    public struct Request: Sendable {
        public var root: URL
        public var origin: Origin
        /// The resource key (nil: from the job's name).
        public var key: String?
        public var author: String?

        public init(root: URL, origin: Origin, key: String? = nil, author: String? = nil) {
            self.root = root
            self.origin = origin
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
        var notebookFiles: [String: Data] = [:]
        // The notebooks the job's notebooks %run (no task of their own), and those that could not be fetched.
        var runOnly = 0
        var unfetched: [String] = []
        var conversion: JobConversion
        let origin: String
        switch request.origin {
        case .json(let data, let name):
            do { conversion = try JobConversion(json: data) } catch { throw EngineError(.usage, "\(name): \(error)") }
            origin = "generate job --from-json \(name)"
        case .workspace(let id):
            let client = try connect()
            let job = try WorkspaceCall.run { () throws(WorkspaceError) in try client.getJob(id) }
            do { conversion = try JobConversion(json: JSONSerialization.data(withJSONObject: job)) } catch {
                throw EngineError(.transport, "the workspace's job \(id) cannot be read: \(error)")
            }
            // Notebooks into src/, keeping their layout below the common folder.
            let paths = conversion.workspaceNotebooks
            var exported = try WorkspaceCall.run { () throws(WorkspaceError) in
                try client.exportNotebooks(paths, progress: progress.transfers("Downloading notebooks", total: paths.count))
            }
            // With the notebooks they %run (kept beside them, so that `%run ./common/utils` still finds its file).
            unfetched = RunDependencyDownload.fetch(client, into: &exported, progress: progress)
            let folder = JobConversion.commonFolder(Array(exported.keys))
            var local: [String: String] = [:]
            for (path, (content, fileType)) in exported {
                let file = GeneratedJob.localFile(for: path, below: folder, fileType: fileType)
                notebookFiles[file] = content
                if paths.contains(path) { local[path] = "../" + file }
            }
            runOnly = exported.count - Set(paths).intersection(exported.keys).count
            conversion.rewriteNotebookPaths(local)
            origin = "generate job \(id)"
        }
        let bundle = try GeneratedJob.load(request.root)
        let key = request.key ?? JobConversion.key(for: conversion.name)
        let file = "resources/\(key).job.yml"
        var files: [String: Data?] = [file: Data(conversion.resourceYAML(key: key).utf8)]
        for (path, data) in notebookFiles { files[path] = data }
        let tasks = (conversion.settings["tasks"] as? [Any])?.count ?? 0
        let downloaded = notebookFiles.isEmpty ? "" : " and \(notebookFiles.count) notebook\(notebookFiles.count == 1 ? "" : "s") in src/"
            + (runOnly == 0 ? "" : " (\(runOnly) of them %run by the others)")
        let from = conversion.jobID.map { "job \($0)" }
        let summary = "Generated \(file)\(downloaded) from \(from ?? "the job's JSON") (\(conversion.name)) with \(tasks) task\(tasks == 1 ? "" : "s")."
            + (unfetched.isEmpty ? "" : " Not found in the workspace, though a notebook %runs \(unfetched.count == 1 ? "it" : "them"): \(unfetched.joined(separator: ", ")); the job fails where it runs \(unfetched.count == 1 ? "it" : "them") until \(unfetched.count == 1 ? "it is" : "they are") added.")
        return try GeneratedJob(root: request.root, key: key, resourceFile: file, files: files,
                                subject: "Generate job \(key) from \(from ?? conversion.name)", summary: summary, request: origin, author: request.author,
                                notebooksInWorkspace: notebookFiles.isEmpty ? conversion.workspaceNotebooks : []).commit(to: bundle)
    }
}
