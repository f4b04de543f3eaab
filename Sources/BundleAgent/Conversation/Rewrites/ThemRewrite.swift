import Foundation

/// "also tag them with cost_center=cc-123" after "tag every job with team=ehr": "them" are the
/// resources the change before was made to, every one of that kind (it asked which job).
enum ThemRewrite: FollowUpRewrite {
    static let id = "them"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["tag every job with team=ehr"],
                               request: "also tag them with cost_center=cc-123", readAs: "also tag every job with cost_center=cc-123"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["add 2 retries to every job"],
                               request: "and give them a timeout of 1 hour", readAs: "and give every job a timeout of 1 hour"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["add 2 retries to the flood jobs"],
                               request: "set a timeout of 30 minutes on them", readAs: "set a timeout of 30 minutes on every flood job"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["add 2 retries to the flood job", "same for the telematics job"],
                               request: "and give them a timeout of 1 hour", readAs: "and give the flood and telematics jobs a timeout of 1 hour"),
    ]

    /// One of `words` standing for resources or people, not a determiner ("those jobs", "these volumes").
    static func pronoun(_ words: [String]) -> String {
        #"(?i)\b("# + words.joined(separator: "|") + #")\b(?!\s+(?:jobs?|pipelines?|tasks?|schemas?|volumes?|endpoints?))"#
    }

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        guard let previous, previous.commit != nil, context.resourceOption == nil,
              context.request.hasAny(["them", "those", "these"]), context.catalog.mentions(in: context.request.original).isEmpty,
              // ("make them 3" after retries: a new value for the change before, which the corrections read.)
              FollowUp.bareValue(context.request) == nil,
              // ("also let them run the jobs" after "let the group analysts view all jobs": them are the group, not
              // every job; a grant to a group called "every" was committed.)
              !([PermissionIntent.id, GrantIntent.id].contains(previous.intent ?? "")
                && (PermissionIntent.namesLevel(context.request) || context.request.hasAny(["give", "grant", "let", "allow", "revoke"]))) else { return nil }
        let types = EveryResource.types(in: RequestText(previous.planned ?? previous.request))
        guard !types.isEmpty else {
            // ("pause them in prod" after a schedule for the flights job, then "same for the other job": the resources the
            // last turns of one kind of change changed — it paused one of them.)
            var resources: [ResourceReference] = []
            for turn in (session?.turns ?? [previous]).reversed() {
                guard turn.commit != nil, turn.intent == previous.intent, let resource = turn.resourceReference else { break }
                if !resources.contains(resource) { resources.insert(resource, at: 0) }
            }
            guard resources.count > 1, Set(resources.map(\.type)).count == 1,
                  let range = context.request.original.range(of: pronoun(["them", "those", "these"]), options: .regularExpression) else { return nil }
            let keys = resources.map(\.key)
            let phrase = "the " + keys.dropLast().joined(separator: ", ") + " and " + keys[keys.count - 1] + " \(ResourceVocabulary.singular(resources[0].type))s"
            var rewritten = context.saying(context.request.original.replacingCharacters(in: range, with: phrase))
            rewritten.defaultTarget = context.defaultTarget
            return .followUp(rewritten)
        }
        let kinds = types.sorted().map { ResourceVocabulary.singular($0) }
        // ("add 2 retries to the leaf jobs", then "set a timeout on them": every leaf job, not every job.)
        let qualifiers = EveryResource.qualifiers(in: RequestText(previous.planned ?? previous.request))
        let phrase = "every " + (kinds.count == 1 && !qualifiers.isEmpty ? qualifiers.joined(separator: " ") + " " : "") + kinds.joined(separator: " and every ")
        let original = context.request.original
        guard let range = original.range(of: pronoun(["them", "those", "these"]), options: .regularExpression) else { return nil }
        // ("… every job except monitoring", then "and give them a timeout": them is without monitoring too.)
        let except = PlanningContext.exceptClause(previous.planned ?? previous.request).excepted.map { " except " + $0.trimmingCharacters(in: .whitespaces) } ?? ""
        var rewritten = context.saying(original.replacingCharacters(in: range, with: phrase) + except)
        rewritten.defaultTarget = context.defaultTarget
        return .followUp(rewritten)
    }
}
