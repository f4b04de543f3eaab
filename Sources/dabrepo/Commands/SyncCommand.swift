import ArgumentParser
import BundleEngine
import Foundation
import WorkspaceOperations

/// `dabrepo sync WORKSPACE_DIR [LOCAL_DIR]`: download a workspace folder into the bundle as a revision.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Download a workspace folder's notebooks and files into the bundle, committed as a revision.",
        discussion: """
        Lists WORKSPACE_DIR recursively and writes its notebooks (as source: .py, .sql, .scala, .r) and \
        files below LOCAL_DIR (default: src), keeping the folder layout. Only files whose content changed \
        are committed (local files that the workspace no longer has are left alone); the revision is \
        validated first like every dabrepo revision. Paths from the \
        workspace are not trusted: one that would land outside LOCAL_DIR (`..`, a path outside the \
        folder, a symbolic link leading elsewhere) stops the sync before anything is written.

        Examples:
          dabrepo sync /Workspace/Users/ana@example.com/etl
          dabrepo sync /Workspace/Shared/reports src/reports --output json
        """
    )

    @Argument(help: "The workspace folder.") var workspaceDirectory: String
    @Argument(help: "Where its content goes, inside the bundle (default: src).") var localDirectory: String?
    @Option(help: .author)
    var author: String?
    @Option(name: [.short, .long], help: "Output format: text or json.") var output: TextOrJSON = .text
    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        let root = try BundleOptions.currentRoot()
        // LOCAL_DIR is relative to the current directory.
        let local = localDirectory.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) }
        let result: WorkspaceSync.Result
        do throws(EngineError) {
            result = try WorkspaceSync(connect: workspace.connect).run(.init(root: root, workspaceFolder: workspaceDirectory, localFolder: local, author: author),
                                                           progress: TransferProgress.handler(output))
        } catch {
            throw error.report(output, status: error.workspaceExitStatus)
        }
        if output == .json { return StandardStreams.out(EngineJSON.text(result)) }
        StandardStreams.out(result.message + "\n")
        if !result.skipped.isEmpty { StandardStreams.out("Left out (neither notebooks nor files): \(result.skipped.joined(separator: ", "))\n") }
    }
}
