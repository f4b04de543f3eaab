/// Why a bundle could not be read at all (as opposed to a bundle with problems, which loads with
/// diagnostics). Each case renders as a sentence that says what to do.
public enum BundleLoadError: Error, Sendable, CustomStringConvertible, Equatable {
    /// `below`: bundle directories found in the folders under `directory` (a repository of several
    /// bundles, asked at its root), relative to it.
    case noRootFile(directory: String, searchedUpwards: Bool, below: [String] = [])
    case severalRootFiles(directory: String, names: [String])
    case unreadable(path: String, reason: String)
    case notADirectory(path: String)
    /// DATABRICKS_BUNDLE_ROOT names no bundle's folder.
    case invalidRootSetting(value: String, reason: String)

    public var description: String {
        switch self {
        case .noRootFile(let directory, let upwards, let below):
            let where_ = upwards ? "in \(directory) or any directory above it" : "in \(directory)"
            if !below.isEmpty {
                let shown = below.prefix(5).joined(separator: ", ") + (below.count > 5 ? " and \(below.count - 5) more" : "")
                return "no bundle configuration found \(where_); the bundle\(below.count == 1 ? " is" : "s are") below it: \(shown). "
                    + "Run dabrepo in \(below.count == 1 ? "it" : "one") (cd \(below[0])), or name it: dabrepo validate \(below[0]), dabrepo serve --repo \(below[0])."
            }
            return "no bundle configuration found \(where_): expected one of \(BundleLoader.rootFileNames.joined(separator: ", ")). "
                + "Run dabrepo in a bundle's directory (or set DATABRICKS_BUNDLE_ROOT to it), or create a bundle with `dabrepo init`."
        case .severalRootFiles(let directory, let names):
            return "\(directory) has several bundle root files (\(names.joined(separator: ", "))); keep exactly one of them."
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .notADirectory(let path):
            return "\(path) is not a directory; pass the bundle's directory (the one holding databricks.yml)."
        case .invalidRootSetting(let value, let reason):
            return "Invalid bundle root DATABRICKS_BUNDLE_ROOT=\(value): \(reason); set it to the bundle's directory (the one holding databricks.yml), or unset it."
        }
    }
}
