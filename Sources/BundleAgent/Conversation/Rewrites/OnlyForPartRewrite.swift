import Foundation

/// "bump it to 3 but only for training", "make it 3 for the training task only", "only for the two ingest
/// tasks", "actually only training should get 3", "but 3 for training": the change, for the parts (tasks)
/// of the job the conversation is about that the words name (the restriction was dropped and every task
/// changed, or the last task named alone).
enum OnlyForPartRewrite: FollowUpRewrite {
    static let id = "only-for-part"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["give every task of the flood job 2 retries"],
                               request: "bump it to 3 but only for geocode", readAs: "retry 3 times on the geocode_addresses task"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["give every task of the flood job 2 retries"],
                               request: "make it 5, just on the flood_risk task", readAs: "retry 5 times on the flood_risk task"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["give every task of the flood job 2 retries"],
                               request: "make it 3 for the flood_risk task only", readAs: "retry 3 times on the flood_risk task"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["give every task of the flood job 2 retries"],
                               request: "actually only flood_risk should get 4", readAs: "retry 4 times on the flood_risk task"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["give every task of the flood job 2 retries"],
                               request: "but 3 for geocode_addresses and flood_risk", readAs: "retry 3 times on the geocode_addresses and flood_risk tasks"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["give every task of the flood job 2 retries"],
                               request: "except flood_risk, that one gets 3", readAs: "retry 3 times on the flood_risk task"),
    ]

    /// A new value as said after "gets", "should get": a number, with its unit ("2 hours", "an hour").
    static let value = #"(\d+(?:\.\d+)?(?:\s*(?:hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s|retries|times|workers))?|an?\s+(?:hour|minute)|half\s+an\s+hour)"#

    /// The change and the parts, in each phrasing.
    static let phrasings: [(pattern: String, change: Int, parts: Int)] = [
        (#"^(.+?)[,;]?\s+(?:but\s+|and\s+)?(?:only|just)\s+(?:for|on|in|to)\s+(?:the\s+)?(.+?)(?:\s+(?:tasks?|steps?))?(?:\s+only)?[.!]?$"#, 1, 2),
        (#"^(.+?)\s+(?:for|on|to)\s+(?:the\s+)?(.+?)(?:\s+(?:tasks?|steps?))?\s+only[.!]?$"#, 1, 2),
        (#"^(?:actually,?\s+|no,?\s+|but\s+)?(?:only\s+|just\s+)(?:the\s+)?(.+?)(?:\s+(?:tasks?|steps?))?\s+(?:should\s+get|gets?|should\s+have|should\s+be\s+at|at)\s+(\d+)[.!]?$"#, 2, 1),
        (#"^(?:but|and|only)\s+(\d+)\s+(?:for|on)\s+(?:the\s+)?(.+?)(?:\s+(?:tasks?|steps?))?(?:\s+only)?[.!]?$"#, 1, 2),
        // "except training, that one gets 3", "apart from the load task, which should get 5": every task keeps the
        // value, the one named gets the new one.
        (#"^(?:actually,?\s+|but\s+)?(?:except(?:\s+for)?|apart\s+from|other\s+than|but\s+not)\s+(?:the\s+)?(.+?)(?:\s+(?:tasks?|steps?))?\s*[,;:—-]?\s*(?:(?:that|this|which|it)\s+)?(?:(?:one|task|step)\s+)?(?:gets?|should\s+get|should\s+have|needs?|has|at)\s+"# + value + #"[.!]?$"#, 2, 1),
        // "but the transform task should get 4", "training should get 3", "3 for the training task".
        (#"^(?:but\s+|and\s+|actually,?\s+)?(?:the\s+)?(.+?)(?:\s+(?:tasks?|steps?))?\s+(?:should\s+(?:get|have|be\s+at)|gets|needs)\s+"# + value + #"[.!]?$"#, 2, 1),
        (#"^"# + value + #"\s+(?:for|on)\s+(?:the\s+)?(.+?)(?:\s+(?:tasks?|steps?))?[.!]?$"#, 1, 2),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        guard let previous, previous.commit != nil, let resource = previous.resourceReference, resource.type == "jobs", context.resourceOption == nil else { return nil }
        for phrasing in phrasings {
            guard let groups = FollowUpRewrites.groups(phrasing.pattern, in: context.request.original),
                  var change = groups[phrasing.change - 1], let said = groups[phrasing.parts - 1],
                  !context.bundle.targetNames.contains(where: { FollowUp.names(RequestText(said), target: $0) }) else { continue }
            // ("an hour", "half an hour": as a number, which the change before can take.)
            change = change.replacingOccurrences(of: #"(?i)\bhalf\s+an\s+hour\b"#, with: "30 minutes", options: .regularExpression)
                .replacingOccurrences(of: #"(?i)\ban?\s+(hour|minute)\b"#, with: "1 $1", options: .regularExpression)
            if change.first?.isNumber == true { change = "make it \(change)" }
            var parts = context.catalog.namedParts(.task, of: resource, in: "the \(said) tasks")
            if parts.isEmpty {
                parts = context.catalog.namedParts(.task, of: resource, in: "the \(said) task")
            }
            // "make it 3 for trainig only": a task's name mistyped.
            if parts.isEmpty, let corrected = context.catalog.correctingPartTypos(.task, of: resource, in: said) {
                parts = context.catalog.namedParts(.task, of: resource, in: "the \(corrected) tasks").nonEmpty
                    ?? context.catalog.namedParts(.task, of: resource, in: "the \(corrected) task")
            }
            guard !parts.isEmpty else { continue }
            let tasks = parts.count == 1 ? "the \(parts[0]) task" : "the \(parts.joined(separator: " and ")) tasks"
            // "bump it to 3" after "give every task 2 retries": the change before with the new value, for those tasks
            // instead of every one.
            if let restated = OfflinePlanner.restated(RequestText(change), after: previous) {
                let every = #"(?i)\b(?:every|each|all(?: of)?(?: the)?|the)\s+tasks?\b(?:\s+(?:of|in|on)\s+(?:the\s+)?\S+(?:\s+job)?)?"#
                let request = restated.range(of: every, options: .regularExpression).map { restated.replacingCharacters(in: $0, with: tasks) } ?? restated + " on \(tasks)"
                var one = context.saying(request)
                one.defaultResource = resource
                one.defaultTarget = context.defaultTarget ?? previous.target
                return .change(one, preferring: previous.intent)
            }
            var one = context.saying(change + " on \(tasks)")
            one.defaultResource = resource
            one.defaultTarget = context.defaultTarget ?? previous.target
            return .followUp(one)
        }
        return nil
    }
}
