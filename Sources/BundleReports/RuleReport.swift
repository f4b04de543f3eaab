import BundleValidation
import Foundation

/// The validation rules as text and JSON, as `rules` prints them.
public enum RuleReport {
    /// One line per rule (id, severity, what it checks) and how to read or skip one.
    public static func list(_ rules: [RuleDescription]) -> String {
        let width = rules.map(\.id.count).max() ?? 0
        var out = ""
        for d in rules {
            out += d.id.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                + d.severity.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0) + d.summary + "\n"
        }
        return out + "\n\(rules.count) rules. `dabrepo rules ID` explains one; `dabrepo validate --disable-rule ID` skips one.\n"
    }

    /// A rule's documentation with its examples, those it reports and those it accepts.
    public static func explain(_ d: RuleDescription) -> String {
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

    /// The rules as a JSON document: a list of summaries, or one rule with its documentation and examples.
    public static func json(_ rules: [RuleDescription], detailed: Bool) -> String {
        let items: [[String: Any]] = rules.map { d in
            var item: [String: Any] = ["id": d.id, "name": d.name, "severity": d.severity.rawValue, "scope": d.scope.rawValue, "summary": d.summary]
            if detailed {
                item["documentation"] = d.documentation
                item["triggering_examples"] = d.triggeringExamples.map(\.files)
                item["non_triggering_examples"] = d.nonTriggeringExamples.map(\.files)
            }
            return item
        }
        let object: Any = detailed ? items.first ?? [:] : items
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("null".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
