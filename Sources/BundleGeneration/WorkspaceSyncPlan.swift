import Foundation

/// Where each notebook and file of a workspace folder lands in the bundle, for `dabrepo sync`.
///
/// Object paths come from the workspace, so they are not trusted: a path that is not below the folder,
/// or that has `..`, `.` or empty components, or whose destination would leave the local folder, is
/// refused, and then nothing is written at all.
public struct WorkspaceSyncPlan: Sendable {
    public struct Item: Sendable, Equatable {
        public enum Kind: String, Sendable { case notebook, file }
        public var remote: String
        /// Relative to the bundle root.
        public var local: String
        public var kind: Kind
    }

    public struct Refusal: Error, CustomStringConvertible, Sendable {
        public var paths: [String]
        public var localFolder: String
        public var description: String {
            "refusing to sync: \(paths.count == 1 ? "this workspace path" : "these workspace paths") would land outside \(localFolder)/: "
                + paths.joined(separator: ", ") + " (nothing was written)"
        }
    }

    public var items: [Item]
    /// Objects that are neither notebooks nor files (libraries, repos, dashboards), left out.
    public var skipped: [String]

    /// - Parameters:
    ///   - folder: the workspace folder, without a trailing slash.
    ///   - objects: `workspace/list` objects (`path`, `object_type`, `language`).
    ///   - localFolder: the destination relative to the bundle root, such as `src` or `.`.
    public init(folder: String, objects: [[String: Any]], localFolder: String) throws(Refusal) {
        let base = localFolder == "." || localFolder.isEmpty ? "" : localFolder + "/"
        var items: [Item] = [], skipped: [String] = [], refused: [String] = []
        for object in objects {
            guard let path = object["path"] as? String else { continue }
            let type = object["object_type"] as? String ?? ""
            guard type == "NOTEBOOK" || type == "FILE" else {
                if type != "DIRECTORY" { skipped.append(path) }
                continue
            }
            // (`/Workspace/Users/…` asked, `/Users/…` listed: one folder.)
            guard let below = WorkspaceObjectPath.relative(path, below: folder) else { refused.append(path); continue }
            let components = below.split(separator: "/", omittingEmptySubsequences: false)
            guard !components.isEmpty, !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0.contains("\0") || $0.contains("\\") })
            else { refused.append(path); continue }
            var relative = components.joined(separator: "/")
            if type == "NOTEBOOK" {
                let language = (object["language"] as? String ?? "PYTHON").uppercased()
                let ext = ["PYTHON": "py", "SQL": "sql", "SCALA": "scala", "R": "r"][language] ?? "py"
                if !relative.hasSuffix("." + ext) { relative += "." + ext }
            }
            items.append(Item(remote: path, local: base + relative, kind: type == "NOTEBOOK" ? .notebook : .file))
        }
        guard refused.isEmpty else { throw Refusal(paths: refused, localFolder: localFolder) }
        self.items = items.sorted { $0.local < $1.local }
        self.skipped = skipped
    }
}
