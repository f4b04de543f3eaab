import Foundation

/// How a report writes the bundle-relative paths of its findings, for where it is read.
public enum ReportPaths {
    /// Relative to `directory` (a terminal's current directory): "" from the bundle root, "bundles/etl/"
    /// from above it, "../" from a folder inside it; absolute when the two share no more than "/".
    public static func prefix(of root: URL, from directory: URL) -> String {
        let bundle = canonical(root), here = canonical(directory)
        if bundle == here { return "" }
        let b = bundle.split(separator: "/"), h = here.split(separator: "/")
        var common = 0
        while common < min(b.count, h.count) && b[common] == h[common] { common += 1 }
        guard common > 0 else { return bundle + "/" }
        let up = Array(repeating: "..", count: h.count - common), down = b[common...].map(String.init)
        return (up + down).joined(separator: "/") + "/"
    }

    /// Relative to the repository's root, as GitHub annotations and code scanning place files: the
    /// `GITHUB_WORKSPACE` that holds the bundle, else the git work tree that does; else as `prefix`.
    public static func repositoryPrefix(of root: URL, from directory: URL, environment: [String: String]) -> String {
        let bundle = canonical(root)
        if let workspace = environment["GITHUB_WORKSPACE"], !workspace.isEmpty {
            let base = canonical(URL(fileURLWithPath: workspace))
            if bundle == base { return "" }
            if bundle.hasPrefix(base + "/") { return String(bundle.dropFirst(base.count + 1)) + "/" }
        }
        var candidate = URL(fileURLWithPath: bundle)
        while candidate.path != "/" {
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(".git").path) {
                let base = candidate.path
                return bundle == base ? "" : String(bundle.dropFirst(base.count + 1)) + "/"
            }
            candidate.deleteLastPathComponent()
        }
        return prefix(of: root, from: directory)
    }

    static func canonical(_ url: URL) -> String {
        url.standardizedFileURL.resolvingSymlinksInPath().path
    }
}
