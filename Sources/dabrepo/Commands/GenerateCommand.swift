import ArgumentParser
import BundleEditing
import BundleGeneration
import BundleModel
import BundleRepository
import BundleValidation
import Foundation
import Workspace

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Bring existing jobs into the bundle as resources, committed as a revision.",
        discussion: """
        Examples:
          databricks jobs get 123 > job.json && dabrepo generate job --from-json job.json
          dabrepo generate job --from-json job.json --key nightly_etl
        """,
        subcommands: [GenerateJobCommand.self, GenerateNotebooksCommand.self, GenerateWorkspaceCommand.self]
    )
}

struct GenerateJobCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job",
        abstract: "Write resources/<key>.job.yml from a workspace job (or its JSON), validate it and commit it.",
        discussion: """
        Reads the JSON that `databricks jobs get ID` prints (or the job's settings alone) and writes the \
        resource as `databricks bundle generate job` does: the key from the job's name, API-only fields \
        (format, edit_mode, deployment) and empty blocks dropped, keys ordered name, job_clusters, tasks, \
        then alphabetically. From a workspace, each notebook task's notebook is downloaded into src/ \
        (keeping the layout below the notebooks' common folder) and its path rewritten relative to the \
        YAML file; jobs that read from git keep their paths. From JSON, notebook paths stay workspace \
        paths. The bundle's include gets `resources/*.yml` when it does not cover the file yet.

        Examples:
          dabrepo generate job 871263
          dabrepo generate job --from-json job.json
          databricks jobs get 123 | dabrepo generate job --from-json - --key nightly_etl
        """
    )

    @Argument(help: "The job id in the workspace.")
    var id: Int?

    @Option(name: .customLong("from-json"), help: ArgumentHelp("The job's JSON instead of a workspace, or - for standard input.", valueName: "file"))
    var fromJSON: String?

    @OptionGroup var workspace: WorkspaceOptions

    func validate() throws {
        if (id == nil) == (fromJSON == nil) { throw ValidationError("give a job id or --from-json FILE (one of them)") }
    }

    @Option(help: "The resource key (default: from the job's name).")
    var key: String?

    @Option(name: [.short, .long], help: "Output format: text or json.") var output: TextOrJSON = .text

    @Option(help: .author)
    var author: String?

    func run() throws {
        var notebookFiles: [String: Data] = [:]
        var conversion: JobConversion
        let origin: String
        if let fromJSON {
            let data = fromJSON == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: fromJSON)
            guard let data else { throw ValidationError("cannot read \(fromJSON)") }
            do { conversion = try JobConversion(json: data) } catch {
                StandardStreams.error("Error: \(fromJSON): \(error)")
                throw ExitCode(2)
            }
            origin = "generate job --from-json \(fromJSON)"
        } else {
            let client = try workspace.client()
            let id = self.id!
            let job = try workspace.call { () throws(WorkspaceError) in try client.getJob(id) }
            conversion = try JobConversion(json: JSONSerialization.data(withJSONObject: job))
            // Notebooks into src/, keeping their layout below the common folder.
            let paths = conversion.workspaceNotebooks
            let prefix = JobConversion.commonFolder(paths)
            var local: [String: String] = [:]
            let exported = try workspace.call { () throws(WorkspaceError) in
                try client.exportNotebooks(paths, progress: TransferProgress.reporter(total: paths.count))
            }
            for path in paths {
                guard let (content, fileType) = exported[path] else { continue }
                let relative = String(path.dropFirst(prefix.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                let file = "src/\(relative).\(fileType ?? "py")"
                notebookFiles[file] = content
                local[path] = "../" + file
            }
            conversion.rewriteNotebookPaths(local)
            origin = "generate job \(id)"
        }
        let root = try BundleOptions.currentRoot()
        let source = DiskFileSource(root: root)
        let bundle: LoadedBundle
        do { bundle = try BundleLoader(source: source).load() } catch {
            StandardStreams.error("Error: \(error.description)")
            throw ExitCode(2)
        }
        let key = self.key ?? JobConversion.key(for: conversion.name)
        let file = "resources/\(key).job.yml"
        var files: [String: Data?] = [file: Data(conversion.resourceYAML(key: key).utf8)]
        for (path, data) in notebookFiles { files[path] = data }
        if bundle.configuration["resources"]?["jobs"]?[key] != nil || source.fileExists(file) {
            // The same job generated again: the bundle already has it as it would be written.
            if source.fileExists(file), (try? RevisionCommitter(bundleRoot: root).pendingFiles(files))?.isEmpty == true {
                return GenerationReport(key: key, summary: "", files: files.keys.sorted(), result: nil).print(output)
            }
            StandardStreams.error("Error: the bundle already has a job \(key) (or \(file) exists); pass --key to choose another key")
            throw ExitCode(2)
        }
        // Make sure the root file includes the new file.
        do {
            if let root = try IncludeEditing.rootFileIncluding(file, in: bundle) { files[root.path] = Data(root.text.utf8) }
        } catch {
            StandardStreams.error("Error: \(error.description)")
            throw ExitCode(1)
        }
        let tasks = (conversion.settings["tasks"] as? [Any])?.count ?? 0
        let downloaded = notebookFiles.isEmpty ? "" : " and \(notebookFiles.count) notebook\(notebookFiles.count == 1 ? "" : "s") in src/"
        let summary = "Generated \(file)\(downloaded) from \(conversion.jobID.map { "job \($0)" } ?? "the job's JSON") (\(conversion.name)) with \(tasks) task\(tasks == 1 ? "" : "s")."
        let revision = Revision(subject: "Generate job \(key) from \(conversion.jobID.map { "job \($0)" } ?? conversion.name)",
                                transcript: [.init(speaker: "user", text: origin), .init(speaker: "dabrepo", text: summary)],
                                agent: "generate", files: files)
        do {
            let outcome = try RevisionCommitter(bundleRoot: root, authorOverride: author).commit(revision)
            let notebooks = notebookFiles.isEmpty ? conversion.workspaceNotebooks : []
            GenerationReport(key: key, summary: summary, subject: revision.subject, files: revision.files.keys.sorted(), result: outcome.committed,
                             notebooksInWorkspace: notebooks).print(output)
        } catch {
            throw RepositoryAccess.failRevision(error)
        }
    }
}

struct GenerateNotebooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notebooks",
        abstract: "One job from notebooks: tasks in %run order, parameters from widgets, compute from what they import.",
        discussion: """
        Workspace notebooks are downloaded into src/ (keeping their layout below the common folder); \
        files already in the bundle are used where they are. The job runs on serverless compute unless \
        the notebooks import ML libraries (then an ML-runtime job cluster); DLT notebooks become a \
        pipeline that a task refreshes. The result is validated and committed as a revision.

        Examples:
          dabrepo generate notebooks /Workspace/Users/ana@example.com/etl/ingest /Workspace/Users/ana@example.com/etl/report
          dabrepo generate notebooks src/train.py --key training
        """
    )

    @Argument(help: "Workspace notebook paths or files of the bundle.") var paths: [String]
    @Option(name: [.short, .long], help: "Output format: text or json.") var output: TextOrJSON = .text
    @Option(help: "The job's resource key (default: from the notebooks' common folder).") var key: String?
    @Option(help: .author)
    var author: String?
    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        guard !paths.isEmpty else { throw ValidationError("name at least one notebook") }
        try NotebookJobGeneration(paths: paths, folder: nil, key: key, author: author, workspace: workspace,
                                  request: "generate notebooks " + paths.joined(separator: " "), output: output).run()
    }
}

struct GenerateWorkspaceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workspace",
        abstract: "One job from every notebook of a workspace folder (and its subfolders).",
        discussion: """
        Lists the folder recursively and does what `dabrepo generate notebooks` does with its notebooks: \
        downloads them into src/ (keeping their layout below the folder), orders the tasks by %run, \
        takes parameters from widgets and chooses compute from the imports. The job's key defaults to \
        the folder's name.

        Example:
          dabrepo generate workspace /Workspace/Users/ana@example.com/etl
        """
    )

    @Argument(help: "The workspace folder.") var directory: String
    @Option(name: [.short, .long], help: "Output format: text or json.") var output: TextOrJSON = .text
    @Option(help: "The job's resource key (default: from the folder's name).") var key: String?
    @Option(help: .author)
    var author: String?
    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        let client = try workspace.client()
        let folder = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let objects = try workspace.call { () throws(WorkspaceError) in try client.listWorkspace(folder, recursive: true) }
        let notebooks = objects.filter { $0["object_type"] as? String == "NOTEBOOK" }.compactMap { $0["path"] as? String }.sorted()
        guard !notebooks.isEmpty else {
            StandardStreams.error("Error: \(folder) holds no notebooks (files, libraries and folders alone are not turned into tasks)")
            throw ExitCode(1)
        }
        try NotebookJobGeneration(paths: notebooks, folder: folder, key: key, author: author, workspace: workspace,
                                  request: "generate workspace \(folder)", output: output, client: client).run()
    }
}

/// What `generate notebooks` and `generate workspace` share: read (or download) the notebooks, analyze
/// them, plan one job and commit it as a revision.
struct NotebookJobGeneration {
    var paths: [String]
    /// The folder the downloaded layout is kept below (default: the notebooks' common folder).
    var folder: String?
    var key: String?
    var author: String?
    var workspace: WorkspaceOptions
    var request: String
    var output: TextOrJSON = .text
    var client: WorkspaceClient? = nil

    func run() throws {
        let root = try BundleOptions.currentRoot()
        let source = DiskFileSource(root: root)
        let remote = paths.filter { !FileManager.default.fileExists(atPath: $0) }
        let prefix = folder ?? JobConversion.commonFolder(remote)
        var client = self.client
        var notebooks: [NotebookJobPlanner.Notebook] = []
        var downloaded: [String: Data] = [:]
        var exported: [String: (content: Data, language: String?)] = [:]
        if !remote.isEmpty {
            if client == nil { client = try workspace.client() }
            let client = client!
            exported = try workspace.call { () throws(WorkspaceError) in
                try client.exportNotebooks(remote, progress: TransferProgress.reporter(total: remote.count))
            }
        }
        for path in paths {
            let data: Data
            let file: String
            if let local = FileManager.default.contents(atPath: path) {
                data = local
                let absolute = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
                guard absolute.hasPrefix(root.path + "/") else { throw ValidationError("\(path) is not inside the bundle at \(root.path)") }
                file = String(absolute.dropFirst(root.path.count + 1))
            } else {
                guard let (content, fileType) = exported[path] else { continue }
                data = content
                let relative = String(path.dropFirst(prefix.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                file = "src/\(relative).\(fileType ?? "py")"
                downloaded[file] = content
            }
            let analysis: NotebookAnalysis
            do { analysis = try NotebookAnalysis(source: String(decoding: data, as: UTF8.self), fileName: file) } catch {
                StandardStreams.error("Error: \(path): \(error.localizedDescription)")
                throw ExitCode(1)
            }
            notebooks.append(.init(origin: path, file: file, analysis: analysis))
        }
        let folder = prefix.split(separator: "/").last.map(String.init) ?? "notebooks"
        let key = self.key ?? JobConversion.key(for: remote.isEmpty ? (notebooks.first.map { ($0.file as NSString).deletingPathExtension } ?? "notebooks") : folder)
        let bundle: LoadedBundle
        do { bundle = try BundleLoader(source: source).load() } catch {
            StandardStreams.error("Error: \(error.description)")
            throw ExitCode(2)
        }
        var files: [String: Data?] = NotebookJobPlanner(key: key, notebooks: notebooks).resources().mapValues { Optional(Data($0.utf8)) }
        for (path, data) in downloaded { files[path] = data }
        if bundle.configuration["resources"]?["jobs"]?[key] != nil {
            // The same job generated again: the bundle already has it as it would be written.
            if (try? RevisionCommitter(bundleRoot: root).pendingFiles(files))?.isEmpty == true {
                return GenerationReport(key: key, summary: "", files: files.keys.sorted(), result: nil).print(output)
            }
            StandardStreams.error("Error: the bundle already has a job \(key); pass --key to choose another key")
            throw ExitCode(2)
        }
        do {
            if let root = try IncludeEditing.rootFileIncluding("resources/\(key).job.yml", in: bundle) { files[root.path] = Data(root.text.utf8) }
        } catch {
            StandardStreams.error("Error: \(error.description)")
            throw ExitCode(1)
        }
        let summary = "Generated the job \(key) from \(notebooks.count) notebook\(notebooks.count == 1 ? "" : "s")"
            + (downloaded.isEmpty ? "" : " (downloaded into src/)") + "."
        let revision = Revision(subject: "Generate job \(key) from notebooks",
                                transcript: [.init(speaker: "user", text: request), .init(speaker: "dabrepo", text: summary)],
                                agent: "generate", files: files)
        do {
            let outcome = try RevisionCommitter(bundleRoot: root, authorOverride: author).commit(revision)
            GenerationReport(key: key, summary: summary, subject: revision.subject, files: revision.files.keys.sorted(), result: outcome.committed).print(output)
        } catch {
            throw RepositoryAccess.failRevision(error)
        }
    }
}

/// What every generate prints once its revision is committed: a summary, or with `--output json` the
/// job's key, the commit and the files it wrote. With no result, the bundle already had the job as
/// it would be written: nothing was committed (status `unchanged`).
struct GenerationReport {
    var key: String
    var summary: String
    var subject = ""
    var files: [String]
    var result: RevisionResult?
    var notebooksInWorkspace: [String] = []

    func print(_ output: TextOrJSON) {
        guard let result else {
            let message = "Nothing to change: the bundle already has the job \(key) as it would be generated (\(files.joined(separator: ", "))); no revision was committed."
            if output == .json {
                JSONOutput.print(["status": "unchanged", "job_key": key, "commit": NSNull(), "files": files, "message": message])
            } else {
                StandardStreams.out(message + "\n")
            }
            return
        }
        if output == .json {
            JSONOutput.print(["status": "committed", "job_key": key, "commit": result.commit.description, "subject": subject,
                              "files": files, "validation": result.report.summaryLine,
                              "notebooks_in_workspace": notebooksInWorkspace])
            return
        }
        StandardStreams.out("\(summary)\nCommitted \(result.commit.short) \"\(subject)\" (\(result.report.summaryLine))\n")
        if !notebooksInWorkspace.isEmpty {
            StandardStreams.out("Its notebooks stay in the workspace: \(notebooksInWorkspace.joined(separator: ", ")).\n")
        }
    }
}
