import Foundation

/// "and the traders too", "same for the analysts group" after "let the quants group query the agent endpoint": the
/// same grant, for them (it asked who should get access).
enum GrantToAnotherRewrite: FollowUpRewrite {
    static let id = "grant-to-another"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["let the group analysts view the flood job"],
                               request: "and the auditors too", readAs: "let the group auditors view the flood job"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["let the group analysts view the flood job"],
                               request: "same for the finance group", readAs: "let the group finance view the flood job"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["let the group analysts view the flood job"],
                               request: "and risk-team too", readAs: "let the group risk-team view the flood job"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["let the group analysts view the flood job"],
                               request: "flood-auditors as well", readAs: "let the group flood-auditors view the flood job"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        guard let previous, previous.commit != nil, [PermissionIntent.id, GrantIntent.id].contains(previous.intent ?? ""),
              let groups = FollowUpRewrites.groups(#"^\s*(?:and|also|plus|same\s+for|likewise\s+for)[,]?\s+(?:for\s+|to\s+)?(?:the\s+)?(?:group\s+|user\s+)?([\w.@-]+?)(?:\s+group|\s+team)?(?:\s+too|\s+as\s+well|\s+also)?[.!]?\s*$"#,
                                                 in: context.request.original)
                // ("finance-auditors as well": the group and the word that adds them, without "and".)
                ?? FollowUpRewrites.groups(#"^\s*(?:the\s+)?(?:group\s+|user\s+)?([\w.@-]+?)(?:\s+group|\s+team)?\s+(?:too|as\s+well|also)[.!]?\s*$"#, in: context.request.original),
              let name = groups[0] else { return nil }
        let before = previous.planned ?? previous.request
        let lowered = name.lowercased()
        // Someone, not a target, a resource, a kind of resource or a word of the change ("and prod too", "and the job").
        guard !PermissionIntent.revokes(RequestText(before)), !context.bundle.targetNames.contains(where: { $0.lowercased() == lowered }),
              !PlanningContext.usualTargetNames.contains(lowered),
              // (A word of a resource inside a name is no resource: "compliance-team" beside the app compliance_portal.)
              // ("finance-auditors" beside the schema finance: a hyphenated name is a group's, not the resource's key.)
              !context.catalog.mentions(in: name).values.contains(where: { $0 >= .part }) || PrincipalNames.written(in: context.bundle).contains(name)
                || (name.contains("-") && !context.catalog.entries.contains { $0.reference.key.lowercased() == lowered }),
              !ResourceVocabulary.nouns.values.contains(where: { $0.contains(lowered) }),
              !["it", "them", "that", "this", "those", "these", "everyone", "everything", "me", "us", "one", "ones"].contains(lowered),
              // (A privilege or a level is more for the same principal: "and SELECT too", "and write as well".)
              !Set(GrantIntent.privileges.values.joined()).contains(name.uppercased()), !PermissionIntent.levelWords.contains(lowered), !lowered.hasPrefix("can_"),
              !["read", "write", "view", "run", "manage", "use", "query", "select", "modify", "execute", "edit", "monitor", "attach", "restart",
                "usage", "access", "all", "own", "owner", "trigger", "see"].contains(lowered),
              let who = previous.intent == GrantIntent.id ? GrantIntent.principalSaid(RequestText(before)) : PermissionIntent.principal(in: RequestText(before))?.name,
              who.lowercased() != lowered, let range = before.range(of: who, options: .backwards) else { return nil }
        return .followUp(context.saying(before.replacingCharacters(in: range, with: name)))
    }
}
