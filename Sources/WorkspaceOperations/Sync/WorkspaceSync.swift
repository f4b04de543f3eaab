import BundleEngine
import BundleGeneration
import BundleModel
import BundleRepository
import Foundation
import Workspace

/// Downloads a workspace folder's notebooks and files into the bundle as one revision of the files
/// whose content changed (`WorkspaceSyncPlan` says where each lands). Paths from the workspace are
/// not trusted: one that would land outside the local folder, directly or through a symbolic link
/// already in the bundle, refuses the whole sync before anything is written.
public struct WorkspaceSync: Sendable {
    public struct Request: Sendable {
        public var root: URL
        /// The workspace folder.
        public var workspaceFolder: String
        /// Where its content goes, inside the bundle (nil: the bundle's src folder).
        public var localFolder: URL?
        public var author: String?

        public init(root: URL, workspaceFolder: String, localFolder: URL? = nil, author: String? = nil) {
            self.root = root
            self.workspaceFolder = workspaceFolder
            self.localFolder = localFolder
            self.author = author
        }
    }

    public struct Result: Sendable, Encodable {
        public enum Status: String, Sendable, Encodable { case committed, unchanged }
        public var status: Status
        /// The files the revision changed (relative to the bundle root).
        public var changed: [String]
        /// Workspace objects that are neither notebooks nor files, left out.
        public var skipped: [String]
        /// The short commit id; nil when nothing changed.
        @EncodedAsNull public var commit: String?
        /// For people: what happened.
        public var message: String

        enum CodingKeys: String, CodingKey { case status, changed, skipped, commit }
    }

    /// Connects once the request is known to be one that can be done.
    public let connect: WorkspaceConnection.Connect

    public init(connect: @escaping WorkspaceConnection.Connect) {
        self.connect = connect
    }

    public func run(_ request: Request, progress: ProgressHandler? = nil) throws(EngineError) -> Result {
        let root = request.root
        let rootPath = ResolvedPath.of(root.standardizedFileURL.path)
        let localURL = request.localFolder ?? root.appendingPathComponent("src")
        let localPath = ResolvedPath.of(localURL.standardizedFileURL.path)
        guard localPath == rootPath || localPath.hasPrefix(rootPath + "/") else {
            throw EngineError(.usage, "\(localURL.path) is outside the bundle at \(root.path); sync writes only inside the bundle")
        }
        let localFolder = localPath == rootPath ? "." : String(localPath.dropFirst(rootPath.count + 1))
        let folder = request.workspaceFolder.count > 1 && request.workspaceFolder.hasSuffix("/")
            ? String(request.workspaceFolder.dropLast()) : request.workspaceFolder
        let client = try connect()
        let objects = try WorkspaceCall.run { () throws(WorkspaceError) in try client.listWorkspace(folder, recursive: true) }
        let plan: WorkspaceSyncPlan
        do { plan = try WorkspaceSyncPlan(folder: folder, objects: objects, localFolder: localFolder) } catch {
            throw EngineError(.refused, error.description)
        }
        // A symbolic link already in the bundle must not carry a file elsewhere.
        let inside = localPath == rootPath ? rootPath + "/" : localPath + "/"
        let escaping = plan.items.filter { !ResolvedPath.of(root.appendingPathComponent($0.local).path).hasPrefix(inside) }
        guard escaping.isEmpty else {
            throw EngineError(.refused, "refusing to sync: a symbolic link would carry \(escaping.map(\.local).joined(separator: ", ")) outside \(localFolder)/ (nothing was written)")
        }
        guard !plan.items.isEmpty else { throw EngineError(.refused, "\(folder) holds no notebooks or files") }

        let kinds = Dictionary(plan.items.map { ($0.remote, $0.kind) }, uniquingKeysWith: { first, _ in first })
        let exported = try WorkspaceCall.run { () throws(WorkspaceError) in
            try client.exportNotebooks(plan.items.map(\.remote), format: { kinds[$0] == .file ? "AUTO" : "SOURCE" },
                                       progress: progress.transfers("Downloading files", total: plan.items.count))
        }
        var files: [String: Data?] = [:]
        for item in plan.items {
            guard let content = exported[item.remote]?.content else { continue }
            if FileManager.default.contents(atPath: root.appendingPathComponent(item.local).path) != content { files[item.local] = content }
        }
        let upToDate = Result(status: .unchanged, changed: [], skipped: plan.skipped, commit: nil,
                              message: "\(localFolder)/ is already up to date with \(folder) (\(plan.items.count) files).")
        let changed = files.keys.sorted()
        guard !changed.isEmpty else { return upToDate }
        let summary = "Synced \(changed.count) of \(plan.items.count) file\(plan.items.count == 1 ? "" : "s") from \(folder) into \(localFolder)/."
        let revision = Revision(subject: "Sync \(localFolder)/ from \(folder)",
                                transcript: [.init(speaker: "user", text: "sync \(folder) \(localFolder)"), .init(speaker: "dabrepo", text: summary)],
                                agent: "sync", files: files)
        guard let committed = try RevisionWrite(root: root, author: request.author).commit(revision) else { return upToDate }
        return Result(status: .committed, changed: changed, skipped: plan.skipped, commit: committed.commit,
                      message: "\(summary)\nCommitted \(committed.shortCommit) \"\(committed.subject)\" (\(committed.validation))")
    }
}
