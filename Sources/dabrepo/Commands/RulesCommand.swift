import ArgumentParser
import BundleModel
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
                StandardStreams.error("Error: no rule '\(id)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "") + " Run `dabrepo rules` to list them.")
                throw ExitCode(2)
            }
            rules = [type(of: rule).description]
        } else {
            rules = RuleRegistry.all.map { type(of: $0).description }
        }
        switch output {
        case .json:
            let items: [[String: Any]] = rules.map { d in
                var item: [String: Any] = ["id": d.id, "name": d.name, "severity": d.severity.rawValue, "scope": d.scope.rawValue, "summary": d.summary]
                if id != nil {
                    item["documentation"] = d.documentation
                    item["triggeringExamples"] = d.triggeringExamples.map(\.files)
                    item["nonTriggeringExamples"] = d.nonTriggeringExamples.map(\.files)
                }
                return item
            }
            let data = try JSONSerialization.data(withJSONObject: id == nil ? items as Any : items[0] as Any,
                                                  options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            StandardStreams.out(String(decoding: data, as: UTF8.self) + "\n")
        case .text:
            if id == nil {
                let width = rules.map(\.id.count).max() ?? 0
                var out = ""
                for d in rules {
                    out += d.id.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                        + d.severity.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0) + d.summary + "\n"
                }
                out += "\n\(rules.count) rules. `dabrepo rules ID` explains one; `dabrepo validate --disable-rule ID` skips one.\n"
                StandardStreams.out(out)
            } else {
                StandardStreams.out(Self.explain(rules[0]))
            }
        }
    }

    static func explain(_ d: RuleDescription) -> String {
        var out = "\(d.id): \(d.name)\nSeverity: \(d.severity.rawValue)\n\n\(d.summary)\n\n\(d.documentation)\n"
        func show(_ examples: [RuleExample], _ title: String) {
            for (i, e) in examples.enumerated() {
                out += "\n\(title) \(i + 1):\n"
                for path in e.files.keys.sorted() {
                    if e.files.count > 1 { out += "  # \(path)\n" }
                    out += e.files[path]!.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
                    if !out.hasSuffix("\n") { out += "\n" }
                }
            }
        }
        show(d.triggeringExamples, "Reported (↓ marks the spot)")
        show(d.nonTriggeringExamples, "Accepted")
        return out
    }
}
