/// "… to main in both" in a bundle of two targets: in each of them by name ("in dev and prod").
enum BothTargetsRewrite: FollowUpRewrite {
    static let id = "both-targets"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["set the catalog variable to absa in prod"],
                               request: "and the schema variable to gold in both", readAs: "and the schema variable to gold in dev and prod"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        let targets = context.bundle.targetNames
        // ("and a 20 minute timeout for both" after "retry extract_orders and extract_stock_items twice": the two
        // tasks just named, not the two targets — the job's timeout was set in each.)
        if let previous, previous.commit != nil, !(previous.target.map(targets.contains) ?? false),
           TaskPronounRewrite.taskIntents.contains(previous.intent ?? ""), let job = previous.resourceReference, job.type == "jobs",
           context.catalog.namedParts(.task, of: job, in: previous.planned ?? previous.request).count == 2,
           !context.request.original.localizedCaseInsensitiveContains("both targets") { return nil }
        guard targets.count == 2,
              // ("for both jobs", "in both pipelines": two resources, not the targets.)
              let range = context.request.original.range(of: "\\b(in|for) both( targets)?\\b(?!\\s+(the\\s+)?(jobs|pipelines|tasks|clusters|apps|dashboards|schemas|volumes|workflows|of)\\b)",
                                                          options: [.regularExpression, .caseInsensitive]) else { return nil }
        let preposition = context.request.original[range].split(separator: " ").first.map(String.init) ?? "in"
        return .followUp(context.saying(context.request.original.replacingCharacters(in: range, with: "\(preposition) \(targets[0]) and \(targets[1])")))
    }
}
