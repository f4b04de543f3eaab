import BundleRepository
import Foundation

/// Installs, removes or reports dabrepo's git pre-commit hook in a repository, with git's semantic diff
/// driver (`hooks install` also sets this clone's `diff.dabrepo.command` when `.gitattributes` asks for
/// it): what `dabrepo hooks` does, as a result every front end renders.
public struct GitHooksSetup: Sendable {
    public enum Action: String, Sendable, CaseIterable, Codable {
        case install, uninstall, status
    }

    public struct Result: Sendable, Encodable {
        public var action: Action
        /// The pre-commit hook after the action, in words.
        public var hook: String
        /// Whether dabrepo's hook runs on commit after the action.
        public var hookRuns: Bool
        public var hooksDirectory: String
        /// Whether the action changed a file or a setting.
        public var changed: Bool
        /// What uninstalling did, in words (uninstall only).
        public var removal: String?
        /// git's semantic diff driver, in words.
        public var diffDriver: String
        public var diffDriverConfigured: Bool
        /// Where the pre-commit framework runs the hooks and dabrepo's is not among them: the entry for
        /// `.pre-commit-config.yaml` (install adds no hook of its own there).
        public var preCommitConfigEntry: String?
        /// Where husky runs the hooks and its `.husky/pre-commit` does not run dabrepo's check: the line to add.
        public var huskyLine: String?
        /// Whether the hook is to be added by hand (the framework's entry, husky's line): install changed nothing.
        public var addsByHand: Bool { preCommitConfigEntry != nil || huskyLine != nil }

        /// The report a person reads.
        public var text: String {
            switch action {
            case .install:
                if let line = huskyLine {
                    return "Pre-commit hook: not installed: husky runs this repository's hooks (nothing was changed).\n"
                        + "Add this line to .husky/pre-commit and commit it (everyone who clones gets the check):\n\n  " + line + "\n"
                }
                if let entry = preCommitConfigEntry {
                    return "Pre-commit hook: not installed: the pre-commit framework runs this repository's hooks.\n"
                        + "Add this to the `repos:` of .pre-commit-config.yaml, then run `pre-commit install`:\n\n" + entry + "\n"
                }
                return "Pre-commit hook \(hookWasCurrent ? "already " : "")\(hook) in \(hooksDirectory)\n" + (driverConfiguredNow ? "Diff driver: \(diffDriver)\n" : "")
            case .uninstall:
                return "Pre-commit hook: \(removal ?? hook)\n"
            case .status:
                return "Pre-commit hook: \(hook) (\(hooksDirectory))\nDiff driver: \(diffDriver)\n"
            }
        }

        /// Install set this clone's diff driver command.
        var driverConfiguredNow = false
        /// Install found dabrepo's hook as it writes it.
        var hookWasCurrent = false
        // (snake_case, as every other JSON dabrepo prints.)
        enum CodingKeys: String, CodingKey {
            case action, hook, changed, removal
            case hookRuns = "hook_runs", hooksDirectory = "hooks_directory", diffDriver = "diff_driver"
            case diffDriverConfigured = "diff_driver_configured", preCommitConfigEntry = "pre_commit_config_entry", huskyLine = "husky_line"
        }
    }

    public var executablePath: String

    public init(executablePath: String) {
        self.executablePath = executablePath
    }

    /// The action in the repository that holds `directory`.
    public func run(_ action: Action, in directory: String) throws(EngineError) -> Result {
        let repository: GitRepository
        do { repository = try GitRepository.open(containing: directory) } catch {
            throw EngineError(RepositoryError.notARepository(directory))
        }
        let installer = HookInstaller(repository: repository, executablePath: executablePath)
        let driver = GitDiffDriver(repository: repository, executablePath: executablePath)
        var changed = false
        var removal: String?
        var entry: String?
        var husky: String?
        var driverConfiguredNow = false
        var hookWasCurrent = false
        do {
            switch action {
            case .install:
                let unchanged = installer.isCurrent
                hookWasCurrent = unchanged
                let status = try installer.install()
                if driver.status == .commandMissing {
                    try driver.configureCommand()
                    driverConfiguredNow = true
                }
                if case .framework(runsOurs: false) = status {
                    entry = HookInstaller.frameworkEntry
                } else if case .husky(runsOurs: false) = status {
                    husky = HookInstaller.huskyLine
                } else {
                    changed = !unchanged
                }
                changed = changed || driverConfiguredNow
            case .uninstall:
                let removed = try installer.uninstall()
                if case .nothingToRemove = removed {} else { changed = true }
                removal = removed.description
            case .status:
                break
            }
        } catch {
            throw EngineError(error)
        }
        let status = installer.status
        var result = Result(action: action, hook: status.description, hookRuns: status.runs, hooksDirectory: installer.hooksDirectory.path,
                            changed: changed, removal: removal, diffDriver: driver.status.description,
                            diffDriverConfigured: driver.status.isConfigured || { if case .partly = driver.status { return true } else { return false } }(), preCommitConfigEntry: entry)
        result.huskyLine = husky
        result.driverConfiguredNow = driverConfiguredNow
        result.hookWasCurrent = hookWasCurrent
        return result
    }
}
