import Foundation

/// "and the same on the raw schema but just USE_SCHEMA" after a grant: the privileges said, for the same principal, on
/// that securable (the grant before was repeated whole: "write" became SELECT and MODIFY there).
enum SameButOnlyRewrite: FollowUpRewrite {
    static let id = "same-but-only"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: ["let auditors write to the landing volume"],
                               request: "and the same on the flood schema but just USE_SCHEMA",
                               readAs: "grant USE_SCHEMA on the flood schema to auditors"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        guard let previous, previous.commit != nil, previous.intent == GrantIntent.id,
              let said = FollowUpRewrites.groups(#"^\s*(?:and\s+|also\s+)?(?:do\s+)?(?:the\s+)?same\s+(?:on|for|with)\s+(.+?)\s*,?\s+(?:but|only)\s+(?:just\s+|only\s+)?(.+?)(?:\s+only)?\s*[.!]?\s*$"#,
                                                 in: context.request.original),
              let place = said[0], let privileges = said[1],
              !GrantIntent.writtenPrivileges(RequestText(privileges)).isEmpty,
              let granted = FollowUpRewrites.groups(#"^Granted\s+[A-Z_, ]+?\s+on\s+(?:schema|volume|registered model)\s+\S+(?:\s+for\s+target\s+\S+)?\s+to\s+(.+?)\s+\("#, in: previous.reply),
              let who = granted[0] else { return nil }
        let list = GrantIntent.writtenPrivileges(RequestText(privileges))
        return .followUp(context.saying("grant \(list.joined(separator: " and ")) on \(place) to \(who)"))
    }
}
