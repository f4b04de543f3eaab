import BundleModel

/// The cron schedules of a configuration: jobs, pipeline cron triggers, alerts and quality monitors.
struct ScheduleLocations {
    struct Schedule {
        var cron: YAMLNode?
        var cronPath: String
        var timezone: YAMLNode?
        var timezonePath: String
    }

    static func all(in context: ValidationContext) -> [Schedule] {
        var out: [Schedule] = []
        func add(_ node: YAMLNode?, _ path: String, cronField: String) {
            guard let node, node.mapping != nil else { return }
            out.append(Schedule(cron: node[cronField], cronPath: "\(path).\(cronField)",
                                timezone: node["timezone_id"], timezonePath: "\(path).timezone_id"))
        }
        for job in context.resources("jobs") { add(job.node["schedule"], job.path + ".schedule", cronField: "quartz_cron_expression") }
        for p in context.resources("pipelines") { add(p.node["trigger"]?["cron"], p.path + ".trigger.cron", cronField: "quartz_cron_schedule") }
        for a in context.resources("alerts") { add(a.node["schedule"], a.path + ".schedule", cronField: "quartz_cron_schedule") }
        for m in context.resources("quality_monitors") { add(m.node["schedule"], m.path + ".schedule", cronField: "quartz_cron_expression") }
        return out
    }
}
