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
        // (What they need to do, said as a verb: "ml-engineers should be able to write to the landing volume", "the
        // data_consumers group also needs READ_VOLUME on …" were not understood.)
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: [],
                               request: "auditors should be able to write to the landing volume", readAs: "let auditors write to the landing volume"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: [],
                               request: "the auditors group also needs READ_VOLUME on the landing volume",
                               readAs: "give the group auditors READ_VOLUME on the landing volume"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: [],
                               request: "auditors need to read the flood schema", readAs: "let auditors read the flood schema"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: [],
                               request: "auditors should also be able to create tables in flood", readAs: "let auditors create tables in the flood schema"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: [],
                               request: "flood_readers should be able to read the flood schema", readAs: "let flood_readers read the flood schema"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: [],
                               request: "the executives should be able to view the flood job", readAs: "let the group executives view the flood job"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        // "X should be able to write to …", "X needs to read …": let X do it (of securables: jobs' permissions read it on their own).
        if let g = FollowUpRewrites.groups(#"^\s*(?:the\s+)?(group\s+|user\s+)?([\w.@-]+)(\s+group|\s+team)?\s+(?:also\s+)?(?:should\s+(?:also\s+)?be\s+able\s+to|needs?\s+to|must\s+be\s+able\s+to|has\s+to\s+be\s+able\s+to)\s+((?:read|write|upload|select|query|modify|use|create)\b.+?)[.!]?\s*$"#,
                                           in: context.request.original),
           let who = g[1], let rest = g[3], context.request.hasAny(["schema", "schemas", "volume", "volumes"]) || context.request.contains("registered model")
               // ("… create tables in gold": a schema by its key alone.)
               || context.catalog.mentions(in: rest).contains(where: { ["schemas", "volumes", "registered_models"].contains($0.key.type) }),
           person(who, context) {
            var verb = rest.replacingOccurrences(of: #"(?i)^upload(\s+files)?\s+(to|into)\b"#, with: "write to", options: .regularExpression)
            // ("… create tables in gold": the schema by its key alone, said as one.)
            if !RequestText(verb).hasAny(["schema", "schemas", "volume", "volumes"]), !verb.lowercased().contains("registered model"),
               let (securable, _) = context.catalog.mentions(in: verb).first(where: { ["schemas", "volumes"].contains($0.key.type) && $0.value == .name }),
               let range = verb.range(of: #"\b"# + NSRegularExpression.escapedPattern(for: securable.key) + #"\b"#, options: [.regularExpression, .caseInsensitive]) {
                verb.replaceSubrange(range, with: "the \(securable.key) \(ResourceVocabulary.singular(securable.type))")
            }
            return .followUp(context.saying("let \(g[0] != nil || g[2] != nil ? "the group \(who)" : who) \(verb)"))
        }
        // "the executives should be able to view the criticas dashboard": a job's, a dashboard's … permission (it asked who).
        if let g = FollowUpRewrites.groups(#"^\s*(?:the\s+)?(group\s+|user\s+)?([\w.@-]+)(\s+group|\s+team)?\s+(?:also\s+)?(?:should\s+(?:also\s+)?be\s+able\s+to|must\s+be\s+able\s+to|need\s+to\s+be\s+able\s+to|needs\s+to\s+be\s+able\s+to)\s+((?:view|see|run|trigger|edit|manage|use|query|monitor)\b.+?)[.!]?\s*$"#,
                                           in: context.request.original),
           let who = g[1], let rest = g[3], person(who, context), !context.catalog.mentions(in: rest).isEmpty {
            return .followUp(context.saying("let \(who.contains("@") ? who : "the group \(who)") \(rest)"))
        }
        guard let g = FollowUpRewrites.groups(#"^\s*(?:the\s+)?(group\s+|user\s+)?([\w.@-]+)(\s+group|\s+team)?\s+(?:also\s+)?(?:need|needs|should\s+have|should\s+get|must\s+have|requires?|wants?)\s+(.+?)[.!]?\s*$"#,
                                              in: context.request.original),
              let who = g[1], let rest = g[3],
              rest.range(of: #"(?i)\b(access|permissions?|privileges?|can_\w+|read_volume|write_volume|use_schema|select|modify|execute|all_privileges)\b"#, options: .regularExpression) != nil
        else { return nil }
        guard person(who, context) else { return nil }
        let phrase = g[0] != nil || g[2] != nil ? "the group \(who)" : who
        return .followUp(context.saying("give \(phrase) \(rest)"))
    }

    /// Someone, not a resource of the bundle or a kind of one ("the app needs read access …" is the app's resource).
    static func person(_ who: String, _ context: PlanningContext) -> Bool {
        let lowered = who.lowercased()
        let notPeople: Set<String> = ["it", "they", "we", "i", "you", "this", "that", "everything", "each", "every", "also"]
        // (A word of a resource's name inside the group's is no resource: "handson-participants" beside the dashboard
        // "[handson] overview", "finance_readers" beside the schema finance_cost_management — the first set a variable's
        // default to "write", the second granted on an app.)
        return !notPeople.contains(lowered) && !ResourceVocabulary.nouns.values.contains(where: { $0.contains(lowered) })
            && !(ResourceCatalog.words(who).count == 1 && context.catalog.mentions(in: who).values.contains(.name))
    }
}
