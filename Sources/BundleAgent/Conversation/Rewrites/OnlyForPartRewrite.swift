import Foundation

/// "bump it to 3 but only for training", "make it 5, just on the scoring task": the change, for the one
/// part (task) of the job the conversation is about that the words name (the restriction was dropped and
/// every task changed).
enum OnlyForPartRewrite: FollowUpRewrite {
    static let id = "only-for-part"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["give every task of the flood job 2 retries"],
                               request: "bump it to 3 but only for geocode", readAs: "retry 3 times on the geocode_addresses task"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["give every task of the flood job 2 retries"],
                               request: "make it 5, just on the flood_risk task", readAs: "retry 5 times on the flood_risk task"),
    ]

    static let phrase = #"^(.+?)[,;]?\s+(?:but\s+|and\s+)?(?:only|just)\s+(?:for|on|in|to)\s+(?:the\s+)?(.+?)(?:\s+(?:task|step))?(?:\s+only)?[.!]?$"#

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        guard let previous, previous.commit != nil, let resource = previous.resourceReference, resource.type == "jobs", context.resourceOption == nil,
              let groups = FollowUpRewrites.groups(phrase, in: context.request.original), let change = groups[0], let said = groups[1],
              !context.bundle.targetNames.contains(where: { FollowUp.names(RequestText(said), target: $0) }) else { return nil }
        let parts = context.catalog.namedParts(.task, of: resource, in: "the \(said) task")
        guard parts.count == 1 else { return nil }
        let task = "the \(parts[0]) task"
        // "bump it to 3" after "give every task 2 retries": the change before with the new value, for that task
        // instead of every one.
        if let restated = OfflinePlanner.restated(RequestText(change), after: previous) {
            let every = #"(?i)\b(?:every|each|all(?: of)?(?: the)?|the)\s+tasks?\b(?:\s+(?:of|in|on)\s+(?:the\s+)?\S+(?:\s+job)?)?"#
            let request = restated.range(of: every, options: .regularExpression).map { restated.replacingCharacters(in: $0, with: task) } ?? restated + " on \(task)"
            var one = context.saying(request)
            one.defaultResource = resource
            one.defaultTarget = context.defaultTarget ?? previous.target
            return .change(one, preferring: previous.intent)
        }
        var one = context.saying(change + " on \(task)")
        one.defaultResource = resource
        one.defaultTarget = context.defaultTarget ?? previous.target
        return .followUp(one)
    }
}
