import ArgumentParser
import BundleEngine
import BundleGeneration
import BundleReports
import Foundation
import Workspace
import WorkspaceOperations

struct NotebooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notebooks", abstract: "List, export and analyze notebooks.",
        discussion: """
        Examples:
          dabrepo notebooks list /Workspace/Users/ana@example.com --recursive
          dabrepo notebooks export /Workspace/Shared/etl/ingest --file src/ingest.py
          dabrepo notebooks analyze src/ingest.py
        """,
        subcommands: [NotebooksListCommand.self, NotebooksExportCommand.self, NotebooksAnalyzeCommand.self])
}

struct NotebooksListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the notebooks and folders of a workspace folder.",
        discussion: """
        Example:
          dabrepo notebooks list /Workspace/Shared --recursive
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "A workspace folder.") var path: String
    @Flag(help: "Descend into subfolders.") var recursive = false
    @Option(name: [.short, .long], help: "Output format: text or json.") var output: TextOrJSON = .text

    func run() throws {
        let document = try workspace.query(output) { query throws(EngineError) in try query.objects(in: path, recursive: recursive) }
        StandardStreams.out(output == .json ? document.text : WorkspaceReport.objects(document))
    }
}

struct NotebooksExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Download a notebook as source or Jupyter.",
        discussion: """
        Examples:
          dabrepo notebooks export /Workspace/Shared/ingest --file ingest.py
          dabrepo notebooks export /Workspace/Shared/ingest --format jupyter -f x.ipynb
          # the path, format, language and content as JSON:
          dabrepo notebooks export /Workspace/Shared/ingest -o json
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The notebook's workspace path.") var path: String
    @Option(help: "source or jupyter.") var format: ExportFormat = .source
    @Option(name: [.customShort("f"), .customLong("file"), .customLong("output-file")], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var file: String?
    @Option(name: [.short, .long], help: "Output format: text (the notebook itself) or json (path, format, language and content).")
    var output: TextOrJSON = .text

    enum ExportFormat: String, ExpressibleByArgument, CaseIterable { case source, jupyter }

    func run() throws {
        let (content, language) = try workspace.query(output) { query throws(EngineError) in try query.export(path, format: format.rawValue) }
        func write(_ file: String) throws {
            do throws(EngineError) { try WorkspaceQuery.write(content, exportedFrom: path, to: file) } catch { throw error.report(output) }
        }
        if output == .json {
            if let file { try write(file) }
            StandardStreams.out(WorkspaceQuery.exportDocument(path: path, format: format.rawValue, content: content, language: language, file: file).text)
        } else if let file {
            try write(file)
            StandardStreams.out("Wrote \(file) (\(content.count) bytes)\n")
        } else {
            FileHandle.standardOutput.write(content)
        }
    }
}

struct NotebooksAnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "What a notebook needs: cells, widgets (job parameters), libraries, imports, %run dependencies, tables.",
        discussion: """
        A local file is read directly; anything else is exported from the workspace first.

        Examples:
          dabrepo notebooks analyze src/ingest.py
          dabrepo notebooks analyze /Workspace/Shared/etl/ingest --output json
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "A local notebook file or a workspace path.") var path: String
    @Option(name: [.short, .long], help: "Output format: text or json.") var output: TextOrJSON = .text

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let analysis = try workspace.query(output) { query throws(EngineError) in try query.analyze(path, currentDirectory: cwd) }
        StandardStreams.out(output == .json ? WorkspaceDocument(analysis.summary).text : WorkspaceReport.analysis(analysis, path: path))
    }
}
