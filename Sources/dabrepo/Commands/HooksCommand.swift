import ArgumentParser
import BundleEngine
import BundleReports
import BundleRepository
import BundleValidation
import Foundation

struct HooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hooks",
        abstract: "Install, remove or show dabrepo's git pre-commit hook.",
        discussion: """
        The hook validates exactly what is staged, for every target, and blocks a commit with errors. \
        It respects core.hooksPath, and keeps an existing pre-commit hook (renamed \
        pre-commit.before-dabrepo), which still runs first. Installing twice changes nothing. Where \
        the pre-commit framework runs the hooks (.pre-commit-config.yaml), install adds no hook of its \
        own and prints the entry for .pre-commit-config.yaml instead (exit 1); where husky does (.husky), the \
        line for .husky/pre-commit.

        status also says whether git diff uses dabrepo's semantic diff driver. In a fresh clone of a \
        repository whose .gitattributes marks the bundle files diff=dabrepo, install also sets this \
        clone's diff.dabrepo.command (git does not clone configuration).

        Examples:
          dabrepo hooks install
          dabrepo hooks status
          dabrepo hooks status --output json | jq .hook_runs
          dabrepo hooks uninstall
        """
    )

    @Argument(help: "install, uninstall or status.")
    var action: GitHooksSetup.Action = .status

    @Option(name: [.short, .long], help: "Output format: text or json.") var output: TextOrJSON = .text

    func run() throws {
        let result: GitHooksSetup.Result
        do throws(EngineError) {
            result = try GitHooksSetup(executablePath: Executable.path).run(action, in: FileManager.default.currentDirectoryPath)
        } catch {
            throw error.report(output)
        }
        StandardStreams.out(output == .json ? EngineJSON.text(result) : result.text)
        // Not installed where the pre-commit framework or husky runs the hooks: what to add was printed.
        if result.addsByHand { throw ExitCode(1) }
    }
}

extension GitHooksSetup.Action: ExpressibleByArgument {}

struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Run a git hook's check (called by the installed hook scripts).",
        discussion: """
        `dabrepo hook pre-commit` validates the bundles as they are staged (read from the git index), \
        so an unstaged broken file does not block a good commit and a staged broken file blocks it even \
        when the working copy is fixed. Given files (as the pre-commit framework passes the staged \
        files), it validates only the bundles that contain them: in a repository of many bundles, a \
        commit is checked against the bundles it touches.

        With --changed (as the hook `dabrepo hooks install` writes runs it), only the bundles the staged \
        change adds, changes or deletes files of are checked.

        Examples:
          dabrepo hook pre-commit
          dabrepo hook pre-commit --changed
          dabrepo hook pre-commit bundles/sales/resources/sales.job.yml
        """,
        shouldDisplay: false
    )

    enum Name: String, ExpressibleByArgument, CaseIterable {
        case preCommit = "pre-commit"
    }

    @Argument(help: "The hook: pre-commit.")
    var name: Name

    @Argument(help: ArgumentHelp("Check only the bundles that contain these files (default: every staged bundle).", valueName: "file"))
    var files: [String] = []

    @Flag(help: "Check only the bundles the staged change adds, changes or deletes files of (the hook `dabrepo hooks install` writes).")
    var changed = false

    func run() throws { try settings.run() }

    var settings: Settings { Settings(name: name, files: files, changed: changed) }

    /// What the command line asks for, read by the parser above or by `DirectParse` (the start-up fast
    /// path: `pre-commit` and plain file names, without reflection).
    struct Settings: Equatable {
        var name: Name
        var files: [String]
        var changed = false

        func run() throws {
            let result: StagedBundleCheck.Result
            do {
                let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
                let only = files.isEmpty ? nil : files.map { URL(fileURLWithPath: $0, relativeTo: cwd) }
                result = try StagedBundleCheck.forGitHook(in: cwd.path).run(onlyBundlesContaining: only, onlyTouched: changed)
            } catch {
                throw RepositoryAccess.fail(error)
            }
            let (text, blocked) = StagedCheckReport.text(result, colored: ColorChoice.auto.enabled(for: STDERR_FILENO))
            if !text.isEmpty { StandardStreams.errorFragment(text) }
            if blocked {
                StandardStreams.error("dabrepo: commit blocked by the errors above in the staged files. Fix them and `git add` again, or skip the check once with `git commit --no-verify`.")
                throw ExitCode(1)
            }
        }
    }
}

extension HookCommand.Settings {
    /// The plain forms of `hook`'s arguments (after the subcommand), or nil. (In an extension, so that
    /// the memberwise initialiser stays.)
    init?(plain arguments: some Sequence<String>) {
        guard let plain = PlainArguments(arguments, options: [.init(long: "changed", kind: .flag)], positionals: .max),
              let first = plain.positionals.first, let name = HookCommand.Name(rawValue: first) else { return nil }
        self.init(name: name, files: Array(plain.positionals.dropFirst()), changed: plain.flag("changed"))
    }
}
