import ArgumentParser
import BundleEngine
import BundleReports
import BundleRepository
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a bundle repository from a template, with git hooks and a first commit.",
        discussion: """
        DIR must not exist or must be empty: init never overwrites. Outside a git repository it creates \
        one (branch main); inside one it adds the bundle as a subdirectory and commits only its files. \
        The first commit is "Initialize bundle <name> from template <template>".

        It also sets up git's semantic diff of the bundle (a .gitattributes marking databricks.yml and \
        resources/**/*.yml diff=dabrepo, and this clone's diff.dabrepo.command), so that `git diff` shows \
        what `dabrepo diff` shows. On a terminal it asks first; --no-diff-driver skips it.

        Examples:
          dabrepo init nightly_etl
          dabrepo init etl --template pipeline --name sales_pipeline
          dabrepo init --list-templates
          dabrepo init etl --output json | jq -r .commit
        """
    )

    @Argument(help: ArgumentHelp("Where to create the bundle (default: the current directory, which must be empty).", valueName: "dir"))
    var directory: String?

    @Option(help: "The template: default-python, notebook-job, sql, pipeline or empty.")
    var template = "default-python"

    @Option(help: "The bundle name (default: the directory's name, made into an identifier).")
    var name: String?

    @Option(help: .author)
    var author: String?

    @Flag(name: .customLong("no-diff-driver"), help: "Do not set up git's semantic diff of the bundle files (.gitattributes, diff.dabrepo.command).")
    var noDiffDriver = false

    @Flag(help: "List the templates and exit.")
    var listTemplates = false

    @Option(name: [.short, .long], help: "Output format: text or json (which asks nothing: the diff driver is set up unless --no-diff-driver).")
    var output: TextOrJSON = .text

    @Option(help: .plainColor)
    var color: ColorChoice = .auto

    func run() throws {
        if listTemplates {
            if output == .json { return StandardStreams.out(EngineJSON.text(BundleTemplate.all.map { ["name": $0.name, "summary": $0.summary] })) }
            let width = BundleTemplate.all.map(\.name.count).max() ?? 0
            StandardStreams.out(BundleTemplate.all.map { $0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.summary }.joined(separator: "\n") + "\n")
            return
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let target = directory.map { URL(fileURLWithPath: $0, relativeTo: cwd) } ?? cwd
        let request = BundleCreation.Request(directory: target, template: template, name: name, author: author,
                                             executablePath: Executable.path, diffDriver: wantsDiffDriver())
        do {
            let result = try BundleCreation().run(request)
            StandardStreams.out(output == .json ? EngineJSON.text(result) : result.report(shownDirectory: directory))
        } catch {
            throw error.report(output)
        }
    }

    /// Yes unless --no-diff-driver; on a terminal the user is asked (Enter means yes).
    func wantsDiffDriver() -> Bool {
        if noDiffDriver { return false }
        guard output == .text, isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return true }
        StandardStreams.out("Show bundle changes semantically in `git diff` (adds .gitattributes, sets diff.dabrepo.command)? [Y/n] ")
        let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        return answer.isEmpty || answer == "y" || answer == "yes"
    }
}
