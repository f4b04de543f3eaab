/// "rename it to refresh_citibike_dlt" after adding a task: that task, not its job.
enum RenameItRewrite: FollowUpRewrite {
    static let id = "rename-it"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs,
                               before: ["add a task score to the flood job that runs src/score.py after flood_risk"],
                               request: "rename it to score_risk", readAs: "rename the score task to score_risk"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs,
                               before: ["retry the flood_risk task 3 times"],
                               request: "now rename it to flood_score", readAs: "rename the flood_risk task to flood_score"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        // "retry the gold task 3 times in uat", then "now rename it to gold_agg": the one task the change
        // before named, not its job (whose display name, written with ${var.resource_prefix}, was replaced).
        if let previous, let job = previous.resourceReference, job.type == "jobs",
           ![AddTaskIntent.id, PipelineTaskIntent.id].contains(previous.intent ?? ""),
           let groups = FollowUpRewrites.groups("^(?:(?:now|then|and|ok|okay|also|so)[,]?\\s+)?(?:rename|call)\\s+(?:it|that|that task|this task)\\s+(?:to\\s+|as\\s+)?(\\S+?)[.!]?$", in: context.request.original),
           let name = groups[0] {
            let named = PlanningContext(bundle: context.bundle, request: RequestText(previous.planned ?? previous.request)).namedParts(.task, of: job)
            if named.count == 1, !RequestText(previous.planned ?? previous.request).hasAny(["job", "jobs", "workflow"]) {
                var renamed = context.saying("rename the \(named[0]) task to \(name)")
                renamed.defaultResource = job
                return .change(renamed, preferring: RenameTaskIntent.id)
            }
        }
        guard let previous, [AddTaskIntent.id, PipelineTaskIntent.id].contains(previous.intent ?? ""),
              let groups = FollowUpRewrites.groups("^(?:rename|call)\\s+(?:it|that|that task|the new task)\\s+(?:to\\s+|as\\s+)?(\\S+?)[.!]?$", in: context.request.original),
              let name = groups[0], let added = previous.reply.range(of: "Added the task \\S+", options: .regularExpression) else { return nil }
        let key = previous.reply[added].split(separator: " ").last.map(String.init) ?? ""
        var renamed = context.saying("rename the \(key) task to \(name)")
        renamed.defaultResource = previous.resourceReference
        return .change(renamed, preferring: RenameTaskIntent.id)
    }
}
