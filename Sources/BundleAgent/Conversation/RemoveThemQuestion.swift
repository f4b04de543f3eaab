import Foundation

/// "actually remove them" right after a change: the settings just added, or the resources themselves? Asked
/// (it removed nothing and said the bundle "already is as asked (Remove the jobs …)", false on both counts).
enum RemoveThemQuestion {
    /// The question, or nil when the words are no bare "remove them" after a change.
    static func asked(_ context: PlanningContext, previous: RefineSession.Turn?) -> PlanOutcome? {
        guard let previous, previous.commit != nil, context.resourceOption == nil,
              context.request.original.range(of: #"^\s*(?:(?:actually|no|oh|hmm|wait|sorry)[,.!]*\s+)?(?:please\s+)?(?:remove|delete|drop|take out) (?:them|those|these)(?: again| too)?(?: please)?[.!]*\s*$"#,
                                           options: [.regularExpression, .caseInsensitive]) != nil,
              // (After a change to several resources: "remove it" after adding a task or a package removes that.)
              !EveryResource.types(in: RequestText(previous.planned ?? previous.request)).isEmpty else { return nil }
        let what = previous.reply.split(separator: ".").first.map(String.init) ?? previous.request
        return .clarify(question: "Remove what the change before added (\"\(previous.request)\": \(what)), or the resources themselves? Say \"undo that\" for the first, or name the resources to remove.",
                        choices: ["undo that"])
    }
}
