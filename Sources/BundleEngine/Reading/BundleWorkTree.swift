import BundleModel
import BundleRepository
import Foundation

/// The files of a bundle as git sees them.
public enum BundleWorkTree {
    /// The bundle root's path inside the repository's work tree, with a trailing slash ("" at the top):
    /// what git's ignore rules are matched against.
    public static func prefix(of root: URL, in repository: GitRepository) -> String {
        let rootPath = ResolvedPath.of(root.standardizedFileURL.path), top = ResolvedPath.of(repository.workTree)
        return rootPath.hasPrefix(top + "/") ? String(rootPath.dropFirst(top.count + 1)) + "/" : ""
    }

    /// Files below the bundle root that git does not ignore, relative to the root; never .git,
    /// .dabrepo (sessions) or .databricks (the CLI's state).
    public static func files(in root: URL, repository: GitRepository?) -> [String] {
        let rootPath = root.standardizedFileURL.path
        let prefix = repository.map { Self.prefix(of: root, in: $0) } ?? ""
        var out: [String] = []
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey, .isRegularFileKey]) else { return [] }
        for case let url as URL in walker {
            let relative = String(url.standardizedFileURL.path.dropFirst(rootPath.count + 1))
            let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isRegularFileKey])
            if values?.isDirectory == true {
                if [".git", ".dabrepo", ".databricks"].contains(url.lastPathComponent) || repository?.isIgnored(prefix + relative + "/") == true {
                    walker.skipDescendants()
                }
                continue
            }
            guard values?.isRegularFile == true, repository?.isIgnored(prefix + relative) != true else { continue }
            out.append(relative)
        }
        return out.sorted()
    }
}
