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
        Exit status: 0 when valid (with --strict: and no warnings), 1 when not (a file that does not parse \
        too: it is a finding with its line), 2 when there is no bundle to read or the arguments are wrong. `dabrepo rules` lists what is checked. Paths are relative to the \
        current directory; for json, to the bundle's root; for github, sarif and junit, to the repository's \
        root (GITHUB_WORKSPACE, else the git work tree), where annotations, code scanning and test reports \
        place them.

        Examples:
          dabrepo validate               # the default target of the bundle here
          dabrepo validate path/to/bundle --target prod --var catalog=main
          dabrepo validate --all-targets --output github   # GitHub Actions annotations
          dabrepo validate -o json | jq '.diagnostics[] | select(.severity == "error")'
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

    func run() throws { try settings.run() }

    var settings: Settings {
        Settings(directory: bundle.directory, target: bundle.target, variables: bundle.variables, allTargets: allTargets,
                 strict: strict, output: output, color: color, disabledRules: disabledRules)
    }

    /// What the command line asks for, read by the parser above or by `DirectParse` (the start-up fast
    /// path, which reads the plain forms of `plainOptions` without reflection).
    struct Settings: Equatable {
        var directory: String?
        var target: String?
        var variables: [String] = []
        var allTargets = false
        var strict = false
        var output: OutputFormat = .text
        var color: ColorChoice = .auto
        var disabledRules: [String] = []

        static let plainOptions: [PlainArguments.Option] = [
            .init(long: "target", short: "t", kind: .value()), .init(long: "var", kind: .values),
            .init(long: "all-targets", kind: .flag), .init(long: "strict", kind: .flag),
            .init(long: "output", short: "o", kind: .value(choices: OutputFormat.allCases.map(\.rawValue))),
            .init(long: "color", kind: .value(choices: ColorChoice.allCases.map(\.rawValue))), .init(long: "disable-rule", kind: .values),
        ]

        var printsJSON: Bool { output == .json }

        func run() throws {
            // Whatever goes wrong, a machine-readable format still prints a whole document (exit status 2).
            if allTargets && target != nil {
                try fail(.setupFailure("--target and --all-targets cannot be combined; pass one of them", allTargets: true), prefix: "")
            }
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let request = BundleValidationOperation.Request(
                directory: directory.map { URL(fileURLWithPath: $0, relativeTo: cwd) } ?? cwd, walkUp: directory == nil,
                targets: allTargets ? .all : .one(target), variables: variables, disabledRules: Set(disabledRules),
                environment: EnvironmentSetting.entries(prefixes: BundleValidationOperation.Request.environmentPrefixes))
            let validated: (root: URL, report: ValidationReport)
            do {
                validated = try BundleValidationOperation.run(request)
            } catch {
                let prefix = error.root.map { pathPrefix(for: $0) } ?? ""
                if case .target(let failure, let location)? = error.error, case .noDefault = failure {
                    try fail(.setupFailure(failure.problem + "; pass --target NAME, or --all-targets to validate every one", at: location, allTargets: allTargets), prefix: prefix)
                }
                try fail(error.report, prefix: prefix)
            }
            StandardStreams.out(formatter(prefix: pathPrefix(for: validated.root)).render(validated.report))
            if !validated.report.passed(strict: strict) {
                // (Said on standard error: warnings alone fail only because --strict asks so.)
                if strict, validated.report.errors == 0, output == .text { StandardStreams.error("Failed: --strict fails on warnings.") }
                throw ExitCode(1)
            }
        }

        /// Paths for the format: from the current directory for people, from the repository's root for
        /// GitHub annotations, code scanning and test reports (which place files so, whatever folder the
        /// step ran in).
        func pathPrefix(for root: URL) -> String {
            switch output {
            case .github, .sarif, .junit:
                return ReportPaths.repositoryPrefix(of: root, from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                                                    environment: ProcessInfo.processInfo.environment)
            case .text, .json:
                return BundleOptions.pathPrefix(for: root)
            }
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
        func fail(_ report: ValidationReport, prefix: String) throws -> Never {
            StandardStreams.error("Error: \(report.diagnostics.first?.summary ?? "validation could not run")")
            if output != .text { StandardStreams.out(formatter(prefix: prefix).render(report)) }
            throw ExitCode(2)
        }
    }
}

extension ValidateCommand {
    /// `validate`'s arguments did not parse (an unknown option): for a machine-readable format, the
    /// usage error as a document of that format (a SARIF step's file is never empty); nil for text.
    static func usageFailureDocument(_ arguments: [String], message: String) -> String? {
        let pairs = zip(arguments, arguments.dropFirst()).filter { $0.0 == "--output" || $0.0 == "-o" }.map(\.1)
        let inline = arguments.compactMap { $0.hasPrefix("--output=") ? String($0.dropFirst("--output=".count)) : nil }
        guard let format = (pairs + inline).last.flatMap(OutputFormat.init(rawValue:)), format != .text else { return nil }
        let settings = Settings(directory: nil, target: nil, variables: [], allTargets: arguments.contains("--all-targets"), strict: arguments.contains("--strict"),
                                output: format, color: .never, disabledRules: [])
        var first = message.split(separator: "\n").first.map(String.init) ?? message
        if first.hasPrefix("Error: ") { first = String(first.dropFirst("Error: ".count)) }
        return settings.formatter(prefix: "").render(.setupFailure(first + " (see dabrepo validate --help)", allTargets: settings.allTargets))
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, github, sarif, junit
}

extension ValidateCommand.Settings {
    /// The plain forms of `validate`'s arguments (after the subcommand), or nil. (In an extension, so
    /// that the memberwise initialiser stays.)
    init?(plain arguments: some Sequence<String>) {
        guard let plain = PlainArguments(arguments, options: Self.plainOptions, positionals: 1) else { return nil }
        self.init(directory: plain.positionals.first, target: plain.value("target"), variables: plain.values("var"),
                  allTargets: plain.flag("all-targets"), strict: plain.flag("strict"),
                  output: plain.value("output").flatMap(OutputFormat.init(rawValue:)) ?? .text,
                  color: plain.value("color").flatMap(ColorChoice.init(rawValue:)) ?? .auto, disabledRules: plain.values("disable-rule"))
    }
}
