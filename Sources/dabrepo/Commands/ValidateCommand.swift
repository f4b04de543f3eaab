import ArgumentParser
import BundleEngine
import BundleModel
import BundleValidation
import Foundation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a bundle offline: syntax, schema, references, jobs, schedules, secrets.",
        discussion: """
        Needs no workspace and no login. Diagnostics name the configuration path and file:line:column.
        Exit status: 0 when valid (with --strict: and no warnings), 1 when not, 2 when the bundle cannot be \
        read or the arguments are wrong. `dabrepo rules` lists what is checked.

        Examples:
          dabrepo validate                              # the default target of the bundle here
          dabrepo validate path/to/bundle --target prod --var catalog=main
          dabrepo validate --all-targets --output github   # annotations in GitHub Actions
          dabrepo validate --output json | jq '.diagnostics[] | select(.severity == "error")'
        """
    )

    @OptionGroup var bundle: BundleOptions

    @Flag(help: "Validate every target (instead of one); findings shared by several targets are shown once.")
    var allTargets = false

    @Flag(help: "Fail (exit 1) on warnings too.")
    var strict = false

    @Option(name: [.short, .long], help: ArgumentHelp("Output format: text, json, github (workflow annotations), sarif (code scanning), junit (XML).",
                                                      valueName: "format"))
    var output: OutputFormat = .text

    @Option(help: "Colour the text output: auto (on a terminal, unless NO_COLOR is set), always, never.")
    var color: ColorChoice = .auto

    @Option(name: .customLong("disable-rule"), help: ArgumentHelp("Skip a rule by id; repeatable. `dabrepo rules` lists the ids.", valueName: "id"))
    var disabledRules: [String] = []

    func run() throws {
        // Whatever goes wrong, a machine-readable format still prints a whole document (exit status 2).
        if allTargets && bundle.target != nil {
            fail(.setupFailure("--target and --all-targets cannot be combined; pass one of them", allTargets: true), prefix: "")
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let request = BundleValidationOperation.Request(
            directory: bundle.directory.map { URL(fileURLWithPath: $0, relativeTo: cwd) } ?? cwd, walkUp: bundle.directory == nil,
            targets: allTargets ? .all : .one(bundle.target), variables: bundle.variables, disabledRules: Set(disabledRules),
            environment: ProcessInfo.processInfo.environment)
        let validated: (root: URL, report: ValidationReport)
        do {
            validated = try BundleValidationOperation.run(request)
        } catch {
            let prefix = error.root.map { BundleOptions.pathPrefix(for: $0) } ?? ""
            if case .target(let failure, let location)? = error.error, case .noDefault = failure {
                fail(.setupFailure(failure.problem + "; pass --target NAME, or --all-targets to validate every one", at: location, allTargets: allTargets), prefix: prefix)
            }
            fail(error.report, prefix: prefix)
        }
        StandardStreams.out(formatter(prefix: BundleOptions.pathPrefix(for: validated.root)).render(validated.report))
        if !validated.report.passed(strict: strict) { throw ExitCode(1) }
    }

    func formatter(prefix: String) -> any ReportFormatter {
        switch output {
        case .text: return TextReportFormatter(colored: color.enabled(), pathPrefix: prefix)
        case .json: return JSONReportFormatter()
        case .github: return GitHubReportFormatter(pathPrefix: prefix)
        case .sarif: return SARIFReportFormatter(pathPrefix: prefix)
        case .junit: return JUnitReportFormatter(strict: strict, pathPrefix: prefix)
        }
    }

    /// Validation could not run: the error on standard error, and for the machine-readable formats
    /// the same error inside a document of the format on standard output. Exit status 2.
    func fail(_ report: ValidationReport, prefix: String) -> Never {
        StandardStreams.error("Error: \(report.diagnostics.first?.summary ?? "validation could not run")")
        if output != .text { StandardStreams.out(formatter(prefix: prefix).render(report)) }
        Self.exit(withError: ExitCode(2))
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, github, sarif, junit
}
