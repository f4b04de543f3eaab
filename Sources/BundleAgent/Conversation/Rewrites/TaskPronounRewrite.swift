import Foundation

/// "and give it a 10 minute timeout" after "retry extract 3 times": "it" is the task the change before was
/// about, not its job (the whole job got a 10-minute timeout); "and time them out after 45 minutes" after
/// "retry load and report twice" likewise the two tasks.
enum TaskPronounRewrite: FollowUpRewrite {
    static let id = "task-pronoun"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["retry geocode_addresses 3 times"],
                               request: "and give it a 10 minute timeout", readAs: "and give the geocode_addresses task a 10 minute timeout"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["retry geocode_addresses and flood_risk twice"],
                               request: "and time them out after 45 minutes", readAs: "and time out the geocode_addresses and flood_risk tasks after 45 minutes"),
        // (In a bundle of two targets: both are the tasks just named, not the targets.)
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["retry geocode_addresses and flood_risk twice"],
                               request: "and a 20 minute timeout for both", readAs: "and a 20 minute timeout for the geocode_addresses and flood_risk tasks"),
        // (A duration without the word timeout: "it shouldn't run longer than 3 hours" removed the retries.)
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["retry geocode_addresses 3 times"],
                               request: "and it shouldn't run longer than 3 hours", readAs: "and the geocode_addresses task shouldn't run longer than 3 hours"),
    ]

    /// The intents whose changes are made to tasks named in the request.
    static let taskIntents: Set<String> = [TaskRetriesIntent.id, TaskRunIfIntent.id, TaskParameterIntent.id, TaskArgumentsIntent.id]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        guard let previous, previous.commit != nil, taskIntents.contains(previous.intent ?? ""), context.resourceOption == nil,
              let job = previous.resourceReference, job.type == "jobs",
              context.request.hasAny(["timeout", "time", "retry", "retries", "retried", "warn", "warning"]) || context.request.duration != nil,
              context.catalog.mentions(in: context.request.original).isEmpty, context.namedParts(.task, of: job).isEmpty else { return nil }
        let tasks = context.catalog.namedParts(.task, of: job, in: previous.planned ?? previous.request)
        guard !tasks.isEmpty, tasks.count <= 4 else { return nil }
        // ("time them out after 45 minutes": "time out …", as the timeout reads it.)
        let original = context.request.original.replacingOccurrences(of: #"(?i)\btime\s+(it|them|both|those|these)\s+out\b"#, with: "time out $1", options: .regularExpression)
        let pronoun = tasks.count == 1 ? #"(?i)\bit\b"# : #"(?i)\b(them|both|those|these)\b(?!\s+(?:tasks?|jobs?))"#
        guard let range = original.range(of: pronoun, options: .regularExpression) else { return nil }
        let phrase = tasks.count == 1 ? "the \(tasks[0]) task" : "the \(tasks.dropLast().joined(separator: ", ")) and \(tasks.last!) tasks"
        // (Of that job: "the train task" also names the job train_job, which got the timeout.)
        return .followUp(context.saying(original.replacingCharacters(in: range, with: phrase), about: job))
    }
}
