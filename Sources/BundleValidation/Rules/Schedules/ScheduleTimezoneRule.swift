import BundleModel
import Foundation

public struct ScheduleTimezoneRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "schedule-timezone", name: "Real time zones", severity: .error, scope: .target,
        summary: "A schedule's `timezone_id` is a Java time zone id such as Europe/Berlin, UTC or GMT+01:00.",
        documentation: """
        The Jobs API takes Java time zone ids: tzdb names (`America/New_York`, `Asia/Kolkata`) and their
        older aliases (`US/Pacific`, `Japan`, `EST5EDT`, `Zulu`), Java's three-letter ids (`PST`, `CET`,
        `IST`, …), and offsets (`GMT+1`, `GMT+01:00`, `UTC-05:30`). Names are case-sensitive; a typo makes the
        deployment fail. The diagnostic suggests the closest name.
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
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                nightly:
                  name: nightly
                  schedule:
                    quartz_cron_expression: 0 0 2 * * ?
                    timezone_id: ↓GMT+25
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
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                west:
                  name: west
                  schedule:
                    quartz_cron_expression: 0 0 2 * * ?
                    timezone_id: PST
                berlin:
                  name: berlin
                  schedule:
                    quartz_cron_expression: 0 0 2 * * ?
                    timezone_id: GMT+01:00
                tokyo:
                  name: tokyo
                  schedule:
                    quartz_cron_expression: 0 0 2 * * ?
                    timezone_id: Japan
            """),
        ])

    static func isKnown(_ identifier: String) -> Bool { JavaTimeZoneID.isValid(identifier) }

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var verdicts: [String: Bool] = [:]
        // (The same wrong zone in many jobs: its suggestion, a search of every zone name, is made once.)
        var details: [String: String] = [:]
        return ScheduleLocations.all(in: context).compactMap { schedule in
            guard let node = schedule.timezone, let text = node.string, !isSymbolic(node) else { return nil }
            if verdicts[text] == nil { verdicts[text] = Self.isKnown(text) }
            guard verdicts[text] == false else { return nil }
            if let known = details[text] {
                return diagnostic("\"\(text)\" is not a known time zone", detail: known, path: schedule.timezonePath, at: node.location)
            }
            let detail: String
            if JavaTimeZoneID.looksLikeOffset(text) {
                detail = "An offset is GMT, UTC or UT, a sign, and hours up to 18 with optional minutes, as in GMT+1, GMT+01:00 or UTC-05:30."
            } else if let zone = JavaTimeZoneID.linksJavaLeavesOut[text] {
                detail = "Java does not know \(text), a tzdb alias of \(zone): write \(zone)."
            } else {
                let suggestion = Suggestion.closest(to: text, among: JavaTimeZoneID.orderedNames)
                detail = (suggestion.map { "Did you mean \($0)? " } ?? "") + "Use a tzdb name such as Europe/Berlin, America/New_York or UTC."
            }
            details[text] = detail
            return diagnostic("\"\(text)\" is not a known time zone", detail: detail,
                              path: schedule.timezonePath, at: node.location)
        }
    }
}
