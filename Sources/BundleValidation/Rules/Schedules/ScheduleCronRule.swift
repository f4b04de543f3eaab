import BundleModel

public struct ScheduleCronRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "schedule-cron", name: "Quartz cron syntax", severity: .error, scope: .target,
        summary: "Schedules use valid Quartz cron expressions.",
        documentation: """
        Databricks schedules use Quartz syntax: `seconds minutes hours day-of-month month day-of-week
        [year]`, with exactly one of the two day fields set to `?`. `0 0 2 * * ?` is every day at 02:00;
        `0 30 6 ? * MON-FRI` is weekdays at 06:30. A five-field Unix expression such as `0 2 * * *` is the
        most common mistake. Checked for job schedules, pipeline cron triggers, alerts and quality monitors.
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
                    quartz_cron_expression: ↓0 2 * * *
                    timezone_id: UTC
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                nightly:
                  name: nightly
                  schedule:
                    quartz_cron_expression: ↓0 0 25 * * ?
                    timezone_id: UTC
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
                    quartz_cron_expression: 0 30 6 ? * MON-FRI
                    timezone_id: Europe/Berlin
                hourly:
                  name: hourly
                  schedule:
                    quartz_cron_expression: 0 0 0/1 * * ? 2026
                    timezone_id: UTC
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        ScheduleLocations.all(in: context).compactMap { schedule in
            guard let node = schedule.cron, let text = node.string, !isSymbolic(node),
                  let problem = QuartzCronExpression.problem(in: text) else { return nil }
            return diagnostic("invalid cron expression \"\(text)\": \(problem)", path: schedule.cronPath, at: node.location)
        }
    }
}
