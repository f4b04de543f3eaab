/// "and 2 on everything else" after "set retries to 3 on the train task": every other task of that job.
enum EverythingElseRewrite: FollowUpRewrite {
    static let id = "everything-else"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["set retries to 3 on the geocode task"],
                               request: "and 2 on everything else", readAs: "retry 2 times on every task except geocode_addresses"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["set retries to 3 on the geocode task"],
                               request: "the rest get 1", readAs: "retry 1 times on every task except geocode_addresses"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        guard let previous, previous.intent == TaskRetriesIntent.id, let resource = previous.resourceReference, resource.type == "jobs",
              let groups = FollowUpRewrites.groups("^(?:and |but )?(\\d+)(?: retries)? (?:on|for|to) (?:everything else|the rest|all the others|the others|all other tasks|every other task)[.!]?$|^(?:and |but )?(?:everything else|the rest|the others|all other tasks|every other task) (?:to|at|gets?|get) (\\d+)(?: retries)?[.!]?$",
                                                   in: context.request.original),
              let number = groups[0] ?? groups[1] else { return nil }
        let named = context.catalog.namedParts(.task, of: resource, in: previous.request)
        guard !named.isEmpty else { return nil }
        var others = context.saying("retry \(number) times on every task except \(named.joined(separator: " and "))")
        others.defaultResource = resource
        others.defaultTarget = context.defaultTarget ?? previous.target
        return .change(others, preferring: TaskRetriesIntent.id)
    }
}
