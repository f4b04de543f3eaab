/// "leave the fred ones at 1" after "bump retries to 3 on all bronze tasks": those at 1 ("and the fred ones
/// to 1"), never a schedule at 01:00; "except the erp one, give it 5": that one at 5.
enum LeaveAtValueRewrite: FollowUpRewrite {
    static let id = "leave-at-value"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["set 3 retries on every task of the flood job"],
                               request: "leave the geocode one at 1", readAs: "and the geocode one to 1"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["set 3 retries on every task of the flood job"],
                               request: "except the geocode one, give it 5", readAs: "and the geocode one to 5"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        guard let previous, [TaskRetriesIntent.id, JobTimeoutIntent.id].contains(previous.intent ?? ""),
              let first = context.request.words.first, ["leave", "keep", "except", "but"].contains(first),
              let groups = FollowUpRewrites.groups("^(?:leave|keep|except|but)\\s+(.+?),?\\s+(?:at|give it|make it|set it to|with|to)\\s+(\\d+(?:\\s*(?:hours?|minutes?|mins?|h|m))?)\\s*[.!]?$",
                                                   in: context.request.original),
              let what = groups[0], let value = groups[1] else { return nil }
        return .followUp(context.saying("and \(what) to \(value)"))
    }
}
