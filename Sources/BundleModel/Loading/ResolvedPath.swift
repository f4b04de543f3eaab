import Foundation

/// Paths with their symbolic links resolved, for deciding whether one path is inside another.
public enum ResolvedPath {
    /// The path with every symbolic link resolved, for paths that do not exist yet too: the deepest
    /// existing ancestor is resolved by realpath(3) and the rest appended.
    public static func of(_ path: String) -> String {
        var existing = path, rest: [String] = []
        while !existing.isEmpty && existing != "/" {
            if let resolved = realpath(existing, nil) {
                defer { free(resolved) }
                return ([String(cString: resolved)] + rest.reversed()).joined(separator: "/")
            }
            rest.append((existing as NSString).lastPathComponent)
            existing = (existing as NSString).deletingLastPathComponent
        }
        return path
    }

    /// Whether `path` is `folder` or below it, links resolved.
    public static func isInside(_ path: String, _ folder: String) -> Bool {
        let path = of(path), folder = of(folder)
        return path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
    }
}
