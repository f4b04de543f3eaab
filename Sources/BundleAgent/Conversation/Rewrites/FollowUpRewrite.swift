import Foundation

/// One way of saying a follow-up in words the intents do not read on their own, turned into words they
/// do: "leave the fred ones at 1" after a retries change is "and the fred ones to 1", "no wait, make it
/// 3am" is "make it 3am". One small type a phrasing, like the intents; `FollowUpRewriteTests` runs the
/// examples of each.
protocol FollowUpRewrite {
    static var id: String { get }
    /// Conversations the rewrite reads, with the words it turns the last request into.
    static var examples: [FollowUpRewriteExample] { get }
    /// The request read anew, or nil when the words are not this phrasing. `previous`: the conversation's
    /// last change (nil in a conversation without one).
    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten?
}

/// What a rewrite makes of a request.
enum FollowUpRewritten {
    /// Other words, planned again as a request of the conversation (the other follow-up rules apply).
    case followUp(PlanningContext)
    /// Other words, planned as one change that leans to an intent.
    case change(PlanningContext, preferring: String?)
    /// Planned by the rewrite itself.
    case outcome(PlanOutcome, intent: String?)

    /// The words the request was read as (for the examples' test).
    var words: String? {
        switch self {
        case .followUp(let context), .change(let context, _): return context.request.original
        case .outcome(.plan(let plan), _): return plan.request
        case .outcome: return nil
        }
    }
}

/// A conversation on a small bundle: the requests before, the follow-up, and what it is read as.
struct FollowUpRewriteExample: Sendable {
    /// The bundle's files besides `databricks.yml` (`FollowUpRewriteFixtures.databricksYML`).
    var files: [String: String]
    var before: [String]
    var request: String
    var readAs: String
}

enum FollowUpRewrites {
    /// Read before a reply to a question is looked for: the words themselves say how to read them.
    static let first: [any FollowUpRewrite.Type] = [ShorthandRewrite.self, BothTasksRewrite.self, BothTargetsRewrite.self, ExceptTargetRewrite.self, InterjectionRewrite.self, DependencyLeadRewrite.self, NarrativeLeadRewrite.self, KeepTargetAtRewrite.self, RevokeWordingRewrite.self, GrantOnlyRewrite.self, EnvVarFromVariableRewrite.self, SplitGrantRewrite.self, SameButOnlyRewrite.self, BareSecurableRewrite.self, NeedsAccessRewrite.self, AppNamedRewrite.self]
    /// Read after: they build on the conversation's last change.
    static let afterLastChange: [any FollowUpRewrite.Type] = [
        LeaveAtValueRewrite.self, CapAtRewrite.self, TaskPronounRewrite.self, EverythingElseRewrite.self, OtherTasksRewrite.self, OnlyForPartRewrite.self, EveryOneRewrite.self, ThemRewrite.self, RenameItRewrite.self, RevokeFromAnotherRewrite.self, GrantToAnotherRewrite.self, WarehouseSettingRewrite.self, ItIsTheVariableRewrite.self, PronounPrincipalRewrite.self, EmailPronounRewrite.self,
    ]
    static var all: [any FollowUpRewrite.Type] { first + afterLastChange }

    /// The first match of a regular expression over the whole request: its capture groups (nil where a
    /// group took no part), or nil when the request does not match.
    static func groups(_ pattern: String, in text: String) -> [String?]? {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return (1..<max(match.numberOfRanges, 1)).map { Range(match.range(at: $0), in: text).map { String(text[$0]) } }
    }
}
