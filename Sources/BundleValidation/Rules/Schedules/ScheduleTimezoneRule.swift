import BundleModel
import Foundation

public struct ScheduleTimezoneRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "schedule-timezone", name: "Real time zones", severity: .error, scope: .target,
        summary: "A schedule's `timezone_id` is an IANA time zone such as Europe/Berlin or UTC.",
        documentation: """
        The Jobs API takes Java time zone ids: IANA names (`America/New_York`, `Asia/Kolkata`) or `UTC`.
        Abbreviations such as `CET` or `PST` are ambiguous; a typo makes the deployment fail. The
        diagnostic suggests the closest IANA name.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                nightly:
                  name: nightly
                  schedule:
                    quartz_cron_expression: 0 0 2 * * ?
                    timezone_id: ↓Europe/Berlim
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                nightly:
                  name: nightly
                  schedule:
                    quartz_cron_expression: 0 0 2 * * ?
                    timezone_id: America/Los_Angeles
            """),
        ])

    /// Every IANA name (built only when a suggestion is needed: it costs a few milliseconds).
    static var known: Set<String> { Set(TimeZone.knownTimeZoneIdentifiers).union(["UTC", "GMT", "Etc/UTC", "Etc/GMT"]) }

    static func isKnown(_ identifier: String) -> Bool {
        ["UTC", "GMT", "Etc/UTC", "Etc/GMT"].contains(identifier)
            || (identifier.contains("/") && TimeZone(identifier: identifier) != nil)
    }

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var verdicts: [String: Bool] = [:]
        return ScheduleLocations.all(in: context).compactMap { schedule in
            guard let node = schedule.timezone, let text = node.string, !isSymbolic(node) else { return nil }
            if verdicts[text] == nil { verdicts[text] = Self.isKnown(text) }
            guard verdicts[text] == false else { return nil }
            let suggestion = Suggestion.closest(to: text, among: Self.known)
            return diagnostic("\"\(text)\" is not a known time zone",
                              detail: (suggestion.map { "Did you mean \($0)? " } ?? "") + "Use an IANA name such as Europe/Berlin, America/New_York or UTC.",
                              path: schedule.timezonePath, at: node.location)
        }
    }
}
