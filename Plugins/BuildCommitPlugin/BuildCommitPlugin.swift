import Foundation
import PackagePlugin

/// Records the git commit a binary is built from: before every build of the target,
/// `scripts/record-build-commit` writes `BuildCommit.swift`
/// (`enum BuildCommit { static let id = "abc1234" }`) into the plugin's work directory, which SwiftPM
/// compiles with the target. Without git, or outside a clone, the id is empty and
/// `dabrepo --version` says "unknown commit". Nothing is downloaded: it runs the system shell and git.
@main
struct BuildCommitPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let script = context.package.directoryURL.appendingPathComponent("scripts/record-build-commit")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuildCommit")
        return [.prebuildCommand(displayName: "Recording the git commit of the build",
                                 executable: URL(fileURLWithPath: "/bin/sh"),
                                 arguments: [script.path, context.package.directoryURL.path, output.path],
                                 outputFilesDirectory: output)]
    }
}
