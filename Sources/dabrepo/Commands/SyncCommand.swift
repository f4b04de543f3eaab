import ArgumentParser
import BundleGeneration
import BundleModel
import BundleRepository
import Foundation
import Workspace

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
        // LOCAL_DIR is relative to the current directory and must be inside the bundle.
        let rootPath = ResolvedPath.of(root.path)
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let localURL = localDirectory.map { URL(fileURLWithPath: $0, relativeTo: cwd) } ?? root.appendingPathComponent("src")
        let localPath = ResolvedPath.of(localURL.standardizedFileURL.path)
        guard localPath == rootPath || localPath.hasPrefix(rootPath + "/") else {
            StandardStreams.error("Error: \(localDirectory ?? "src") is outside the bundle at \(root.path); sync writes only inside the bundle")
            throw ExitCode(2)
        }
        let localFolder = localPath == rootPath ? "." : String(localPath.dropFirst(rootPath.count + 1))

        let folder = workspaceDirectory.count > 1 && workspaceDirectory.hasSuffix("/") ? String(workspaceDirectory.dropLast()) : workspaceDirectory
        let client = try workspace.client()
        let objects = try workspace.call { () throws(WorkspaceError) in try client.listWorkspace(folder, recursive: true) }
        let plan: WorkspaceSyncPlan
        do { plan = try WorkspaceSyncPlan(folder: folder, objects: objects, localFolder: localFolder) } catch {
            StandardStreams.error("Error: \(error.description)")
            throw ExitCode(1)
        }
        // A symbolic link already in the bundle must not carry a file elsewhere.
        let escaping = plan.items.filter { item in
            !ResolvedPath.of(root.appendingPathComponent(item.local).path).hasPrefix(localPath == rootPath ? rootPath + "/" : localPath + "/")
        }
        guard escaping.isEmpty else {
            StandardStreams.error("Error: refusing to sync: a symbolic link would carry \(escaping.map(\.local).joined(separator: ", ")) outside \(localFolder)/ (nothing was written)")
            throw ExitCode(1)
        }
        guard !plan.items.isEmpty else {
            StandardStreams.error("Error: \(folder) holds no notebooks or files")
            throw ExitCode(1)
        }

        let kinds = Dictionary(plan.items.map { ($0.remote, $0.kind) }, uniquingKeysWith: { first, _ in first })
        let exported = try workspace.call { () throws(WorkspaceError) in
            try client.exportNotebooks(plan.items.map(\.remote), format: { kinds[$0] == .file ? "AUTO" : "SOURCE" },
                                       progress: TransferProgress.wanted(output) ? TransferProgress.reporter(total: plan.items.count, of: "files") : nil)
        }
        var files: [String: Data?] = [:]
        for item in plan.items {
            guard let content = exported[item.remote]?.content else { continue }
            if FileManager.default.contents(atPath: root.appendingPathComponent(item.local).path) != content { files[item.local] = content }
        }
        let changed = files.keys.sorted()
        if changed.isEmpty {
            report(changed: [], commit: nil, skipped: plan.skipped, message: "\(localFolder)/ is already up to date with \(folder) (\(plan.items.count) files).")
            return
        }
        let summary = "Synced \(changed.count) of \(plan.items.count) file\(plan.items.count == 1 ? "" : "s") from \(folder) into \(localFolder)/."
        let revision = Revision(subject: "Sync \(localFolder)/ from \(folder)",
                                transcript: [.init(speaker: "user", text: "sync \(folder) \(localFolder)"), .init(speaker: "dabrepo", text: summary)],
                                agent: "sync", files: files)
        do {
            guard case .committed(let result) = try RevisionCommitter(bundleRoot: root, authorOverride: author).commit(revision) else {
                return report(changed: [], commit: nil, skipped: plan.skipped, message: "\(localFolder)/ is already up to date with \(folder) (\(plan.items.count) files).")
            }
            report(changed: changed, commit: result.commit.short, skipped: plan.skipped,
                   message: "\(summary)\nCommitted \(result.commit.short) \"\(revision.subject)\" (\(result.report.summaryLine))")
        } catch {
            throw RepositoryAccess.failRevision(error)
        }
    }

    private func report(changed: [String], commit: String?, skipped: [String], message: String) {
        if output == .json {
            var object: [String: Any] = ["changed": changed, "skipped": skipped, "status": commit == nil ? "unchanged" : "committed"]
            object["commit"] = commit ?? NSNull()
            JSONOutput.print(object)
        } else {
            StandardStreams.out(message + "\n")
            if !skipped.isEmpty { StandardStreams.out("Left out (neither notebooks nor files): \(skipped.joined(separator: ", "))\n") }
        }
    }
}
