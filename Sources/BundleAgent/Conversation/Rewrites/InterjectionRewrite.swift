/// "no wait, make the graph index one run at 3am", "sorry, I meant the other job": the words after the
/// interjection are the request.
enum InterjectionRewrite: FollowUpRewrite {
    static let id = "interjection"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["run the flood job daily at 2am"],
                               request: "no wait, make it 3am", readAs: "make it 3am"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: [],
                               request: "oops add 2 retries to the geocode task", readAs: "add 2 retries to the geocode task"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        let original = context.request.original
        guard let range = original.range(of: "^\\s*(no wait|wait|no|nope|sorry|oops|hmm+|ok(ay)? so|ok(ay)?|oh|um+|uh+|well|actually)\\s*[,.!:;—-]+\\s*|^\\s*(no wait|oops|sorry|hmm+|actually)\\s+(?=make|set|use|change|give|run|let|add|move)",
                                         options: [.regularExpression, .caseInsensitive]),
              range.upperBound < original.endIndex else { return nil }
        return .followUp(context.saying(String(original[range.upperBound...])))
    }
}
