import ArgumentParser
import BundleEngine
import BundleDiff
import BundleModel
import BundleReports
import BundleRepository
import Foundation

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed in the bundle, resource by resource.",
        discussion: """
        Compares the loaded bundles (all files, includes followed), not text: tasks are matched by \
        task_key, job clusters by job_cluster_key, and so on; a pure reorder is not a change.
          dabrepo diff                  HEAD against the working tree
          dabrepo diff --staged         HEAD against the index
          dabrepo diff REV              REV's parent against REV
          dabrepo diff A B              A against B
        --target T compares what target T actually gets (targets merged, variables resolved).

        Examples:
          dabrepo diff
          dabrepo diff --target dev HEAD~1 HEAD
          dabrepo diff --staged --output markdown > comment.md
          dabrepo diff --exit-code --output json
        """
    )

    @Argument(help: ArgumentHelp("Up to two revisions, or a range as git writes one (A..B, A...B).", valueName: "rev"))
    var revisions: [String] = []

    @Flag(help: "Compare HEAD with the index (what the next commit holds).")
    var staged = false

    @Option(name: [.short, .long], help: "Compare the effective configuration of this target.")
    var target: String?

    @Option(name: [.short, .long], help: "Output format: text, markdown (for a pull-request comment) or json.")
    var output: DiffOutput = .text

    @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always, never.")
    var color: ColorChoice = .auto

    @Flag(help: "Exit with 1 when there are changes, 0 when there are none.")
    var exitCode = false

    @Flag(help: "Add the unified diff of changed files that are not configuration (notebooks, Python, SQL).")
    var patch = false

    enum DiffOutput: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    func validate() throws {
        if revisions.count > 2 { throw ValidationError("diff takes at most two revisions") }
        if staged && !revisions.isEmpty { throw ValidationError("--staged compares HEAD with the index; it takes no revisions") }
    }

    func run() throws {
        let comparison = RevisionLog.Comparison(revisions: revisions, staged: staged)
        let result: BundleDiffResult
        do throws(EngineError) {
            result = try RevisionLog(directory: BundleOptions.workingDirectory()).compare(comparison, target: target, patches: patch)
        } catch {
            throw error.report(output == .json ? .json : .text, status: error.kind == .invalid ? 1 : 2)
        }
        StandardStreams.out(Self.render(result, output, color: color))
        if exitCode && !result.isEmpty { throw ExitCode(1) }
    }

    static func render(_ result: BundleDiffResult, _ output: DiffOutput, color: ColorChoice) -> String {
        switch output {
        case .text: return DiffTextFormatter(colored: color.enabled()).render(result)
        case .markdown: return DiffMarkdownFormatter().render(result)
        case .json: return DiffJSONFormatter().render(result)
        }
    }
}

/// `git diff` / `git log -p` with semantic diffs: GIT_EXTERNAL_DIFF or `diff.dabrepo.command`.
struct DiffDriverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff-driver",
        abstract: "A git external diff driver: semantic diffs of bundle YAML inside git diff and git log -p.",
        discussion: """
        Git calls it with: path old-file old-hex old-mode new-file new-hex new-mode (and, for a rename, the
        new path and the similarity). Set it up with
          git config diff.dabrepo.command "dabrepo diff-driver"
          echo '*.yml diff=dabrepo' >> .gitattributes
        Files that are not YAML are shown as a unified diff.

        Example:
          GIT_EXTERNAL_DIFF="dabrepo diff-driver" git log -p -1
        """
    )

    @Argument(help: "path old-file old-hex old-mode new-file new-hex new-mode, as git passes them.")
    var arguments: [String]

    func run() throws {
        guard arguments.count >= 7 else { throw ValidationError("expected the 7 arguments git passes to an external diff driver") }
        func contents(_ file: String) -> Data? { file == "/dev/null" ? nil : FileManager.default.contents(atPath: file) }
        // A rename (git diff -M) passes the new path and the similarity after the seven.
        let newPath = arguments.count >= 8 ? arguments[7] : nil
        StandardStreams.out(FileDiffReport.text(path: arguments[0], old: contents(arguments[1]), new: contents(arguments[4]), newPath: newPath))
    }
}
