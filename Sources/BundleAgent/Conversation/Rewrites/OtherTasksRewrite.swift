import Foundation

/// "add 2 retries to the other tasks" after a change to the notebook task: every task of that job but the
/// ones the change before named (it retried every task, the notebook task's 3 retries became 2).
enum OtherTasksRewrite: FollowUpRewrite {
    static let id = "other-tasks"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["set retries to 3 on the geocode task"],
                               request: "add 1 retry to the other tasks", readAs: "add 1 retry to every task except geocode_addresses"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["set retries to 3 on the geocode task"],
                               request: "retry all the other tasks once", readAs: "retry every task once except geocode_addresses"),
    ]

    static let phrase = #"\b(?:all (?:of )?the other tasks|the other tasks|every other task|all other tasks|the remaining tasks|the rest of the tasks|the other steps)\b"#

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        guard let previous, previous.commit != nil, let resource = previous.resourceReference, resource.type == "jobs", context.resourceOption == nil,
              let range = context.request.original.range(of: phrase, options: [.regularExpression, .caseInsensitive]) else { return nil }
        let named = context.catalog.namedParts(.task, of: resource, in: previous.planned ?? previous.request)
        guard !named.isEmpty else { return nil }
        var others = context.saying(context.request.original.replacingCharacters(in: range, with: "every task") + " except \(named.joined(separator: " and "))")
        others.defaultResource = resource
        others.defaultTarget = context.defaultTarget ?? previous.target
        return .change(others, preferring: nil)
    }
}
