import Foundation

/// Installs dabrepo's pre-commit hook into a repository's hooks directory (`core.hooksPath` when set,
/// else `.git/hooks`). An existing hook of someone else's is kept as `pre-commit.before-dabrepo` and
/// still runs first. Installing twice changes nothing; uninstalling puts the original hook back.
public struct HookInstaller {
    public static let marker = "# dabrepo-hook:"
    public static let chainedName = "pre-commit.before-dabrepo"

    public enum Status: Equatable, CustomStringConvertible {
        case notInstalled
        case installed(chained: Bool)
        case otherHook

        public var description: String {
            switch self {
            case .notInstalled: return "not installed"
            case .installed(let chained): return chained ? "installed (runs the earlier pre-commit hook first)" : "installed"
            case .otherHook: return "not installed: another pre-commit hook is there (`dabrepo hooks install` keeps it and runs it first)"
            }
        }
    }

    public let repository: GitRepository
    /// The dabrepo executable the hook calls when `dabrepo` is not on PATH.
    public let executablePath: String

    public init(repository: GitRepository, executablePath: String) {
        self.repository = repository
        self.executablePath = executablePath
    }

    /// The hooks directory git uses for this repository.
    public var hooksDirectory: URL {
        if let configured = repository.configValue("core.hooksPath"), !configured.isEmpty {
            let expanded = (configured as NSString).expandingTildeInPath
            return expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : URL(fileURLWithPath: repository.workTree).appendingPathComponent(expanded)
        }
        return URL(fileURLWithPath: repository.gitDirectory).appendingPathComponent("hooks")
    }

    var hookFile: URL { hooksDirectory.appendingPathComponent("pre-commit") }
    var chainedFile: URL { hooksDirectory.appendingPathComponent(Self.chainedName) }

    static func isOurs(_ url: URL) -> Bool {
        (try? String(contentsOf: url, encoding: .utf8))?.contains(marker) ?? false
    }

    public var status: Status {
        let fm = FileManager.default
        guard fm.fileExists(atPath: hookFile.path) else { return .notInstalled }
        guard Self.isOurs(hookFile) else { return .otherHook }
        return .installed(chained: fm.fileExists(atPath: chainedFile.path))
    }

    public var script: String {
        EmbeddedResources.hooks["pre-commit"]!.replacingOccurrences(of: "@DABREPO_PATH@", with: executablePath)
    }

    @discardableResult
    public func install() throws(RepositoryError) -> Status {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: hooksDirectory, withIntermediateDirectories: true)
            if fm.fileExists(atPath: hookFile.path), !Self.isOurs(hookFile) {
                guard !fm.fileExists(atPath: chainedFile.path) else {
                    throw RepositoryError.io("both \(hookFile.path) and \(chainedFile.path) exist; merge them by hand, then run `dabrepo hooks install` again")
                }
                try fm.moveItem(at: hookFile, to: chainedFile)
            }
            try AtomicFileWriter.write(Data(script.utf8), to: hookFile)
            try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hookFile.path)
        } catch let error as RepositoryError {
            throw error
        } catch {
            throw .io("cannot install the hook in \(hooksDirectory.path): \(error.localizedDescription)")
        }
        return status
    }

    /// What uninstalling did, in the words a person reads.
    public enum Removal: Equatable, CustomStringConvertible {
        case removed(restoredEarlier: Bool)
        case nothingToRemove(Status)

        public var description: String {
            switch self {
            case .removed(let restored):
                return restored ? "removed dabrepo's hook; the earlier pre-commit hook is back in its place" : "removed dabrepo's hook"
            case .nothingToRemove(.otherHook):
                return "nothing to remove: the pre-commit hook there is not dabrepo's, and stays"
            case .nothingToRemove:
                return "nothing to remove: dabrepo's hook is not installed"
            }
        }
    }

    @discardableResult
    public func uninstall() throws(RepositoryError) -> Removal {
        let fm = FileManager.default
        guard fm.fileExists(atPath: hookFile.path), Self.isOurs(hookFile) else { return .nothingToRemove(status) }
        let restored = fm.fileExists(atPath: chainedFile.path)
        do {
            try fm.removeItem(at: hookFile)
            if restored { try fm.moveItem(at: chainedFile, to: hookFile) }
        } catch {
            throw .io("cannot uninstall the hook in \(hooksDirectory.path): \(error.localizedDescription)")
        }
        return .removed(restoredEarlier: restored)
    }
}
