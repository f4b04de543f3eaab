import ArgumentParser
import BundleModel
import BundleReports
import BundleValidation
import Foundation

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the validation rules, or explain one.",
        discussion: """
        Without an id, lists every rule with its severity and what it checks. With an id, shows the rule's \
        documentation and examples; `↓` marks where a diagnostic points.

        Examples:
          dabrepo rules
          dabrepo rules task-dependency-cycle
          dabrepo rules --output json
        """
    )

    @Argument(help: ArgumentHelp("A rule id, such as job-cluster-key-defined.", valueName: "id"))
    var id: String?

    @Option(name: [.short, .long], help: "Output format: text or json.")
    var output: RulesOutput = .text

    enum RulesOutput: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func run() throws {
        let rules: [RuleDescription]
        if let id {
            guard let rule = RuleRegistry.rule(id) else {
                let suggestion = Suggestion.closest(to: id, among: RuleRegistry.ids)
                StandardStreams.error("Error: no rule '\(id)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "") + ". Run `dabrepo rules` to list them.")
                throw ExitCode(2)
            }
            rules = [type(of: rule).description]
        } else {
            rules = RuleRegistry.all.map { type(of: $0).description }
        }
        switch output {
        case .json: StandardStreams.out(RuleReport.json(rules, detailed: id != nil))
        case .text: StandardStreams.out(id == nil ? RuleReport.list(rules) : RuleReport.explain(rules[0]))
        }
    }
}
