import BundleRepository
import Foundation

/// The files of a bundle as git sees them.
enum BundleWorkTree {
    /// Files below the bundle root that git does not ignore, relative to the root; never .git,
    /// .dabrepo (sessions) or .databricks (the CLI's state).
    static func files(in root: URL, repository: GitRepository?) -> [String] {
        let rootPath = root.standardizedFileURL.path
        let prefix: String
        if let repository, rootPath.hasPrefix(repository.workTree + "/") {
            prefix = String(rootPath.dropFirst(repository.workTree.count + 1)) + "/"
        } else {
            prefix = ""
        }
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
