/// A workspace object's path as the workspace APIs compare it. `/Workspace/Users/ana/etl` (the path the UI
/// and the file system show) and `/Users/ana/etl` (what `workspace/list` returns) are one folder: a path
/// cut by the length of the other landed notebooks in `src/.py` over each other.
public enum WorkspaceObjectPath {
    /// The path without the `/Workspace` mount in front.
    public static func canonical(_ path: String) -> String {
        if path == "/Workspace" || path == "/Workspace/" { return "/" }
        return path.hasPrefix("/Workspace/") ? String(path.dropFirst("/Workspace".count)) : path
    }

    /// `path` relative to `folder` (both as the workspace compares them), nil when it is not below it.
    public static func relative(_ path: String, below folder: String) -> String? {
        let path = canonical(path), folder = canonical(folder)
        if folder == "/" || folder.isEmpty { return path.hasPrefix("/") ? String(path.dropFirst()) : path }
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        guard path.hasPrefix(base + "/") else { return nil }
        return String(path.dropFirst(base.count + 1))
    }
}
