import ArgumentParser
import BundleEngine
import WorkspaceOperations

/// `dabrepo upload [--target T]`: the bundle's files to the target's workspace file path.
struct UploadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Upload the bundle's files to the target's workspace file path.",
        discussion: """
        Validates the target, then imports every file of the bundle that git does not ignore (and that \
        the target's sync.exclude does not leave out) below the target's workspace.file_path, by default \
        /Workspace/Users/<you>/.bundle/<bundle>/<target>/files, as `databricks bundle deploy` lays them \
        out: source notebooks (`# Databricks notebook source`) and .ipynb files become notebooks without \
        their extension, other files are workspace files. Existing objects are replaced; nothing in the \
        workspace is deleted. Resources (jobs, pipelines) are not deployed: use `dabrepo bundle deploy`.

        The target is --target, else `git config dabrepo.target`, else the one marked `default: true`.

        Examples:
          dabrepo upload
          dabrepo upload --target prod --output json
          dabrepo upload --var catalog=main --dry-run
        """
    )

    @Option(name: [.short, .long], help: "The target (default: git config dabrepo.target, else the default target).")
    var target: String?
    @Flag(help: "Print what would be uploaded where, and upload nothing.") var dryRun = false
    @Option(name: .customLong("var"), help: ArgumentHelp("Set a variable, as in --var catalog=main; repeatable. Wins over BUNDLE_VAR_<name>.", valueName: "name=value"))
    var variables: [String] = []
    @Option(name: [.short, .long], help: "Output format: text or json.") var output: TextOrJSON = .text
    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        let root = try BundleOptions.currentRoot()
        let result: BundleUpload.Result
        do throws(EngineError) {
            result = try BundleUpload(connect: workspace.connect).run(.init(root: root, target: target, dryRun: dryRun, variables: variables), progress: TransferProgress.handler(output))
        } catch {
            throw error.report(output, status: error.workspaceExitStatus)
        }
        StandardStreams.out(output == .json ? EngineJSON.text(result) : result.message + "\n")
    }
}
