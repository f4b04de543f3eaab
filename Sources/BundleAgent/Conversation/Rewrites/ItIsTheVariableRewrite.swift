import Foundation

/// "and set its default to dev" after a change of a variable's value: "its" is that variable's (once
/// "which variable?"). ("make it dev_v3" is read as that variable's value by the conversation already.)
enum ItIsTheVariableRewrite: FollowUpRewrite {
    static let id = "it-is-the-variable"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["set the schema variable to gold_v2 in prod"],
                               request: "and set its default to silver", readAs: "and set the schema variable default to silver"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        guard let previous, previous.intent == VariableValueIntent.id, context.request.has("its"),
              !context.request.hasAny(["variable", "var"]),
              let match = previous.reply.firstMatch(of: /the variable ([A-Za-z0-9_.-]+)/) else { return nil }
        let name = String(match.1)
        let original = context.request.original
        let rewritten = original.replacingOccurrences(of: "\\bits\\b", with: "the \(name) variable", options: [.regularExpression, .caseInsensitive])
        guard rewritten != original else { return nil }
        return .change(context.saying(rewritten), preferring: VariableValueIntent.id)
    }
}
