import BundleModel
import Foundation

/// dabrepo as git's diff driver for bundle configuration: `.gitattributes` marks `databricks.yml` and
/// `resources/**/*.yml` with `diff=dabrepo`, and the repository's `diff.dabrepo.command` runs
/// `dabrepo diff-driver`, so `git diff` and `git log -p --ext-diff` show semantic changes. The
/// attributes are committed with the bundle; the command is local to each clone (git never clones
/// configuration), so a clone without it shows git's usual line diff.
public struct GitDiffDriver {
    public static let driverName = "dabrepo"
    public static let configKey = "diff.dabrepo.command"

    /// The bundle's `.gitattributes`: its patterns are relative to the bundle directory.
    public static let attributes = """
        # Semantic diffs of the bundle configuration in `git diff` and `git log -p --ext-diff`:
        # `dabrepo diff-driver` runs once this clone has `git config diff.dabrepo.command "dabrepo diff-driver"`
        # (dabrepo init sets it); without that setting git shows its usual line diff.
        databricks.yml diff=dabrepo
        resources/**/*.yml diff=dabrepo
        resources/**/*.yaml diff=dabrepo

        """

    public enum Status: Equatable, CustomStringConvertible {
        /// Both the attributes of the bundles' root files and the command are there.
        case configured(command: String)
        /// The attributes are committed, but this clone has no `diff.dabrepo.command`.
        case commandMissing
        /// No bundle root file in the repository is marked `diff=dabrepo`.
        case attributesMissing(command: String?)
        /// Some bundles' root files are marked and the command is set; the others' are not (their
        /// folders, as the index has them).
        case partly(command: String, marked: [String], unmarked: [String])

        public var isConfigured: Bool {
            if case .configured = self { return true }
            return false
        }

        public var description: String {
            switch self {
            case .configured(let command):
                return "configured (git diff shows bundle YAML as semantic changes; \(GitDiffDriver.configKey) = \(command))"
            case .commandMissing:
                return "not configured in this clone: .gitattributes marks the bundle files diff=dabrepo, but \(GitDiffDriver.configKey) is not set; run `git config \(GitDiffDriver.configKey) \"dabrepo diff-driver\"`"
            case .partly(let command, let marked, let unmarked):
                func folders(_ files: [String]) -> String {
                    files.map { ($0 as NSString).deletingLastPathComponent }.map { $0.isEmpty ? "the top" : $0 }.joined(separator: ", ")
                }
                return "configured for \(folders(marked)) (\(GitDiffDriver.configKey) = \(command)); not for \(folders(unmarked)): their databricks.yml "
                    + "is not marked diff=dabrepo; add a .gitattributes with `databricks.yml diff=dabrepo` and `resources/**/*.yml diff=dabrepo` in each of those folders and commit it"
            case .attributesMissing(let command):
                let set = command.map { " (\(GitDiffDriver.configKey) is set: \($0))" } ?? ""
                return "not configured: no .gitattributes marks each bundle's databricks.yml with diff=dabrepo\(set); to use it, add the lines "
                    + "`databricks.yml diff=dabrepo` and `resources/**/*.yml diff=dabrepo` to .gitattributes (a bundle in a folder: that folder's path before them), "
                    + "commit them, and run `git config \(GitDiffDriver.configKey) \"dabrepo diff-driver\"` (`dabrepo hooks install` sets it in other clones)"
            }
        }
    }

    public let repository: GitRepository
    /// The dabrepo executable the command names when `dabrepo` on PATH is not this one.
    public let executablePath: String

    public init(repository: GitRepository, executablePath: String) {
        self.repository = repository
        self.executablePath = executablePath
    }

    /// `dabrepo diff-driver` when `dabrepo` on PATH is this executable, else its absolute path:
    /// git runs the command through the shell, and a driver that is not found breaks `git diff`.
    public var command: String {
        let here = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().path
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("dabrepo")
            guard FileManager.default.isExecutableFile(atPath: candidate.path) else { continue }
            if candidate.resolvingSymlinksInPath().path == here { return "dabrepo diff-driver" }
            break
        }
        return "'" + executablePath.replacingOccurrences(of: "'", with: "'\\''") + "' diff-driver"
    }

    /// Sets `diff.dabrepo.command` in the repository's own configuration.
    public func configureCommand() throws(RepositoryError) {
        do { try repository.setLocalConfigValue(Self.configKey, command) } catch { throw .git(error) }
    }

    /// Whether git would use the driver: every staged bundle root file (or, with none staged, a
    /// `databricks.yml` at the top) has `diff=dabrepo`, and the command is set.
    public var status: Status {
        let command = repository.configValue(Self.configKey).flatMap { $0.isEmpty ? nil : $0 }
        let roots = ((try? repository.indexEntries()) ?? [:]).keys.filter { path in
            BundleLoader.rootFileNames.contains(path.split(separator: "/").last.map(String.init) ?? path)
        }
        let checked = roots.isEmpty ? ["databricks.yml"] : roots.sorted()
        let marked = checked.filter { repository.attribute("diff", of: $0) == Self.driverName }
        guard marked.count == checked.count else {
            // (A monorepo whose newer bundle has its .gitattributes: said per bundle, not "not configured".)
            if let command, !marked.isEmpty { return .partly(command: command, marked: marked, unmarked: checked.filter { !marked.contains($0) }) }
            // (A fresh clone of a monorepo where some bundles are marked: the command is what is missing;
            // `hooks install` sets it, and status then says which bundles have it.)
            if command == nil, !marked.isEmpty { return .commandMissing }
            return .attributesMissing(command: command)
        }
        guard let command else { return .commandMissing }
        return .configured(command: command)
    }
}
