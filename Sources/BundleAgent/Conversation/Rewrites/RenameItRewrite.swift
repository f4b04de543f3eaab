/// "rename it to refresh_citibike_dlt" after adding a task: that task, not its job.
enum RenameItRewrite: FollowUpRewrite {
    static let id = "rename-it"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs,
                               before: ["add a task score to the flood job that runs src/score.py after flood_risk"],
                               request: "rename it to score_risk", readAs: "rename the score task to score_risk"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        guard let previous, [AddTaskIntent.id, PipelineTaskIntent.id].contains(previous.intent ?? ""),
              let groups = FollowUpRewrites.groups("^(?:rename|call)\\s+(?:it|that|that task|the new task)\\s+(?:to\\s+|as\\s+)?(\\S+?)[.!]?$", in: context.request.original),
              let name = groups[0], let added = previous.reply.range(of: "Added the task \\S+", options: .regularExpression) else { return nil }
        let key = previous.reply[added].split(separator: " ").last.map(String.init) ?? ""
        var renamed = context.saying("rename the \(key) task to \(name)")
        renamed.defaultResource = previous.resourceReference
        return .change(renamed, preferring: RenameTaskIntent.id)
    }
}
