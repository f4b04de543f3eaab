/// "… to main in both" in a bundle of two targets: in each of them by name ("in dev and prod").
enum BothTargetsRewrite: FollowUpRewrite {
    static let id = "both-targets"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["set the catalog variable to absa in prod"],
                               request: "and the schema variable to gold in both", readAs: "and the schema variable to gold in dev and prod"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        let targets = context.bundle.targetNames
        guard targets.count == 2,
              // ("for both jobs", "in both pipelines": two resources, not the targets.)
              let range = context.request.original.range(of: "\\b(in|for) both( targets)?\\b(?!\\s+(the\\s+)?(jobs|pipelines|tasks|clusters|apps|dashboards|schemas|volumes|workflows|of)\\b)",
                                                          options: [.regularExpression, .caseInsensitive]) else { return nil }
        let preposition = context.request.original[range].split(separator: " ").first.map(String.init) ?? "in"
        return .followUp(context.saying(context.request.original.replacingCharacters(in: range, with: "\(preposition) \(targets[0]) and \(targets[1])")))
    }
}
