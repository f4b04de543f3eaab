/// "every", "both", "all of them" right after a change made to the job the conversation is about,
/// whose reply said another could take it too ("… could take it too: name it, or say "every""): the
/// change again, for every one of that kind (it planned "every" as a daily schedule).
enum EveryOneRewrite: FollowUpRewrite {
    static let id = "every-one"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["set the timeout of the flood job to 1 hour", "set the max concurrent runs to 3"],
                               request: "every", readAs: "set the max concurrent runs to 3 for every job"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["set the timeout of the flood job to 1 hour", "set the max concurrent runs to 3"],
                               request: "both jobs please", readAs: "set the max concurrent runs to 3 for every job"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        guard let previous, previous.commit != nil, let last = session?.turns.last, last.commit == previous.commit,
              last.reply.contains("could take it too"), let resource = previous.resourceReference,
              FollowUpRewrites.groups("^(?:and |ok,? |okay,? |then |yes,? |no,? )?(?:for |on |to |do )?(?:every|each|all|both)(?: (?:one|ones|of them|[a-z_ ]+s|job|pipeline))?(?: too| please| of them)?[.!]?$",
                                      in: context.request.original) != nil else { return nil }
        var every = context.saying((previous.planned ?? previous.request) + " for every " + ResourceVocabulary.singular(resource.type))
        every.defaultTarget = context.defaultTarget ?? previous.target
        return .change(every, preferring: previous.intent)
    }
}
