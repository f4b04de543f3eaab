import Foundation

/// "and from auditors too" after "revoke SELECT on the gold schema from analysts": the same revoke, for
/// auditors (it was read as a grant, and SELECT was granted to auditors).
enum RevokeFromAnotherRewrite: FollowUpRewrite {
    static let id = "revoke-from-another"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs,
                               before: ["let the group analysts view the flood job", "let the group auditors view the flood job",
                                        "revoke the group analysts' access to the flood job"],
                               request: "and from auditors too", readAs: "revoke the group auditors' access to the flood job"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        guard let previous, previous.commit != nil, [PermissionIntent.id, GrantIntent.id].contains(previous.intent ?? ""),
              let groups = FollowUpRewrites.groups(#"^\s*(?:and|also|same|plus)?[,]?\s*(?:for\s+|revoke\s+it\s+)?from\s+(?:the\s+)?(?:group\s+|user\s+|service\s+principal\s+)?(\S+?)(?:\s+group)?(?:\s+too|\s+as\s+well|\s+also)?[.!]?\s*$"#,
                                                 in: context.request.original),
              let name = groups[0] else { return nil }
        let before = previous.planned ?? previous.request
        guard PermissionIntent.revokes(RequestText(before)),
              let who = previous.intent == GrantIntent.id ? GrantIntent.principalSaid(RequestText(before)) : PermissionIntent.principal(in: RequestText(before))?.name,
              let range = before.range(of: who, options: .backwards) else { return nil }
        return .followUp(context.saying(before.replacingCharacters(in: range, with: name)))
    }
}
