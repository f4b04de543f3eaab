import Foundation

/// "cap it at 4 in dev" after "autoscale the etl cluster between 2 and 8 workers": the most workers, in that
/// target (it was read as a schedule at 04:00).
enum CapAtRewrite: FollowUpRewrite {
    static let id = "cap-at"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.clusterJob, before: ["autoscale the etl cluster between 2 and 8 workers"],
                               request: "cap it at 4 in dev", readAs: "set max workers to 4 in dev"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.clusterJob, before: ["autoscale the etl cluster between 2 and 8 workers"],
                               request: "limit it to 6 workers", readAs: "set max workers to 6"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.clusterJob, before: ["autoscale the etl cluster between 2 and 8 workers"],
                               request: "and in dev cap it at 4", readAs: "set max workers to 4 in dev"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        guard let previous, previous.commit != nil, [ClusterSizeIntent.id, AutoscaleIntent.id].contains(previous.intent ?? ""),
              let groups = FollowUpRewrites.groups(#"^(?:and\s+|but\s+|then\s+|ok,?\s+|actually,?\s+)?((?:in|for|on)\s+(?:the\s+)?\S+?(?:\s+target)?,?\s+)?(?:cap|limit|max(?:imum)?)\s+(?:it|them|that|the workers|workers|the cluster|autoscaling)?\s*(?:at|to)\s+(\d+)(?:\s+workers?)?(\s+(?:in|for|on)\s+(?:the\s+)?\S+(?:\s+target)?)?\s*[.!]?$"#,
                                                   in: context.request.original),
              let count = groups[1] else { return nil }
        // ("and in dev cap it at 4": the target said first — it set dev to the 24 workers of the change before.)
        let target = groups[2] ?? groups[0].map { " " + $0.trimmingCharacters(in: CharacterSet(charactersIn: ", ")) }
        var capped = context.saying("set max workers to \(count)" + (target ?? ""))
        capped.defaultResource = previous.resourceReference
        capped.defaultTarget = context.defaultTarget ?? previous.target
        return .change(capped, preferring: AutoscaleIntent.id)
    }
}
