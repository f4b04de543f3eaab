import ArgumentParser
import BundleEngine
import Foundation

/// `dabrepo tests ...`: the bundle's own tests.
struct TestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tests",
        abstract: "Create pytest tests for the bundle's Python notebooks and files.",
        subcommands: [CreateTestsCommand.self]
    )
}

struct CreateTestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Scaffold tests/ with pytest tests and a job that runs them on the development target.",
        discussion: """
        Writes tests/conftest.py (helpers and a `spark` fixture), one tests/test_<name>.py per Python \
        notebook or file of the bundle (every Python cell compiles, the widgets jobs pass parameters \
        through are still declared, modules compile and import), tests/run_tests.py (a notebook that \
        runs pytest on the workspace) and resources/<bundle>_tests.job.yml, a job defined for the \
        development target only. Existing files are kept, never overwritten, so running it again adds \
        tests for new notebooks. The result is validated and committed as a revision.

        The development target is --target, else the one with `mode: development`, else one named dev.

        Examples:
          dabrepo tests create
          python -m pytest tests
          dabrepo bundle run demo_tests
        """
    )

    @Option(name: [.short, .long], help: "The target that gets the test job (default: the development target).")
    var target: String?
    @Option(help: .author)
    var author: String?
    @Option(name: [.short, .long], help: "Output format: text or json.") var output: TextOrJSON = .text

    func run() throws {
        let root = try BundleOptions.currentRoot()
        let result: TestsCreation.Result
        do throws(EngineError) { result = try TestsCreation().run(.init(root: root, target: target, author: author)) } catch { throw error.report(output) }
        if output == .json { return StandardStreams.out(EngineJSON.text(result)) }
        StandardStreams.out(result.message + "\n")
        if result.status == .committed {
            StandardStreams.out("Run them: python -m pytest tests   ·   on the workspace: dabrepo bundle run --target \(result.target) \(result.job)\n")
        }
    }
}
