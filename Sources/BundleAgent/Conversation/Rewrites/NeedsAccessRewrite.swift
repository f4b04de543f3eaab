import Foundation

/// "data-scientists need read access to the wwi secret scope", "the analysts group should have SELECT on the flood
/// schema": access given, said as what someone needs — "give …" (it asked who should get access, though the
/// words named them).
enum NeedsAccessRewrite: FollowUpRewrite {
    static let id = "needs-access"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: [],
                               request: "auditors need SELECT on the flood schema", readAs: "give auditors SELECT on the flood schema"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: [],
                               request: "the auditors group should have read access to the landing volume",
                               readAs: "give the group auditors read access to the landing volume"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        guard let g = FollowUpRewrites.groups(#"^\s*(?:the\s+)?(group\s+|user\s+)?([\w.@-]+)(\s+group|\s+team)?\s+(?:need|needs|should\s+have|should\s+get|must\s+have|requires?|wants?)\s+(.+?)[.!]?\s*$"#,
                                              in: context.request.original),
              let who = g[1], let rest = g[3],
              rest.range(of: #"(?i)\b(access|permissions?|privileges?|can_\w+|read_volume|write_volume|use_schema|select|modify|execute|all_privileges)\b"#, options: .regularExpression) != nil
        else { return nil }
        // Someone, not a resource of the bundle or a kind of one ("the app needs read access …" is the app's resource).
        let lowered = who.lowercased()
        let notPeople: Set<String> = ["it", "they", "we", "i", "you", "this", "that", "everything", "each", "every"]
        guard !notPeople.contains(lowered), !ResourceVocabulary.nouns.values.contains(where: { $0.contains(lowered) }),
              context.catalog.mentions(in: who).isEmpty else { return nil }
        let phrase = g[0] != nil || g[2] != nil ? "the group \(who)" : who
        return .followUp(context.saying("give \(phrase) \(rest)"))
    }
}
