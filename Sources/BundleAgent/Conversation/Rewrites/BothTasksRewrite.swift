/// "with 10 minutes between retries on both" after changes to the geocode task and then the flood_risk
/// task of one job: those two tasks, not two jobs.
enum BothTasksRewrite: FollowUpRewrite {
    static let id = "both-tasks"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs,
                               before: ["add 3 retries to the geocode task", "and 2 for the flood_risk task"],
                               request: "with 10 minutes between retries on both",
                               readAs: "with 10 minutes between retries on the geocode_addresses and flood_risk tasks"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        // ("turn photon on for both pipelines": two resources the words name by kind, not the two tasks.)
        guard context.request.has("both"),
              context.request.original.range(of: #"(?i)\bboth\s+(?:of\s+the\s+)?(jobs|pipelines|workflows|dashboards|apps|endpoints|warehouses|targets|schemas|volumes|clusters)\b"#, options: .regularExpression) == nil,
              let changes = session?.turns.filter({ $0.intent != nil }).suffix(2), changes.count == 2,
              let resource = changes.first?.resourceReference, resource.type == "jobs", changes.allSatisfy({ $0.resourceReference == resource }) else { return nil }
        let tasks = changes.flatMap { context.catalog.namedParts(.task, of: resource, in: $0.planned ?? $0.request) }
        let distinct = tasks.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        guard distinct.count == 2,
              let range = context.request.original.range(of: "\\b(on|for|to)?\\s*both\\b", options: [.regularExpression, .caseInsensitive]) else { return nil }
        var named = context.saying(context.request.original.replacingCharacters(in: range, with: "on the \(distinct[0]) and \(distinct[1]) tasks"))
        named.defaultResource = resource
        return .followUp(named)
    }
}
