import ArgumentParser
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

    func validate() throws {
        if allTargets && bundle.target != nil {
            throw ValidationError("--target and --all-targets cannot be combined; pass one of them")
        }
    }

    func run() throws {
        let root: URL
        do {
            root = try bundle.bundleRoot()
        } catch {
            StandardStreams.error("Error: \(error.description)")
            throw ExitCode(2)
        }
        let request = ValidationRequest(targets: allTargets ? .all : .one(bundle.target),
                                        overrides: try bundle.overrides(), disabledRules: Set(disabledRules))
        let report: ValidationReport
        do {
            report = try request.run(source: DiskFileSource(root: root))
        } catch {
            StandardStreams.error("Error: \(error.description)")
            throw ExitCode(2)
        }
        let prefix = BundleOptions.pathPrefix(for: root)
        let formatter: any ReportFormatter
        switch output {
        case .text: formatter = TextReportFormatter(colored: color.enabled(), pathPrefix: prefix)
        case .json: formatter = JSONReportFormatter()
        case .github: formatter = GitHubReportFormatter(pathPrefix: prefix)
        case .sarif: formatter = SARIFReportFormatter(pathPrefix: prefix)
        case .junit: formatter = JUnitReportFormatter(strict: strict, pathPrefix: prefix)
        }
        StandardStreams.out(formatter.render(report))
        if !report.passed(strict: strict) { throw ExitCode(1) }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, github, sarif, junit
}
