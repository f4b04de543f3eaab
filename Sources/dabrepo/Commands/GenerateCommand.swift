import ArgumentParser
import BundleEngine
import Foundation
import WorkspaceOperations

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Bring existing jobs into the bundle as resources, committed as a revision.",
        discussion: """
        Examples:
          databricks jobs get 123 > job.json
          dabrepo generate job --from-json job.json
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
          databricks jobs get 123 | dabrepo generate job --from-json - --key etl
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
        let origin: JobGeneration.Origin
        if let fromJSON {
            do {
                origin = .json(try DocumentInput.read(fromJSON, what: "a job's JSON (as `databricks jobs get` prints it)",
                                                      standardInput: { FileHandle.standardInput.readDataToEndOfFile() }), name: fromJSON)
            } catch {
                throw error.report(output, status: 2)
            }
        } else {
            origin = .workspace(jobID: id!)
        }
        let root = try BundleOptions.currentRoot()
        try GenerationReport.run(output) { () throws(EngineError) in
            try JobGeneration(connect: workspace.connect).run(.init(root: root, origin: origin, key: key, author: author), progress: TransferProgress.handler(output))
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
          dabrepo generate notebooks /Workspace/Shared/ingest /Workspace/Shared/report
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
        try GenerationReport.run(notebooks: .paths(paths), key: key, author: author, workspace: workspace, output: output)
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
        try GenerationReport.run(notebooks: .workspaceFolder(directory), key: key, author: author, workspace: workspace, output: output)
    }
}

/// How every generate command ends: the operation's result as text or JSON, or its failure.
enum GenerationReport {
    static func run(notebooks: NotebookJobGeneration.Notebooks, key: String?, author: String?, workspace: WorkspaceOptions, output: TextOrJSON) throws {
        let root = try BundleOptions.currentRoot()
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        try run(output) { () throws(EngineError) in
            try NotebookJobGeneration(connect: workspace.connect).run(.init(root: root, notebooks: notebooks, currentDirectory: cwd, key: key, author: author),
                                                                      progress: TransferProgress.handler(output))
        }
    }

    static func run(_ output: TextOrJSON, _ operation: () throws(EngineError) -> GenerationResult) throws {
        let result: GenerationResult
        do throws(EngineError) { result = try operation() } catch { throw error.report(output, status: error.workspaceExitStatus) }
        StandardStreams.out(output == .json ? EngineJSON.text(result) : result.message + "\n")
    }
}
