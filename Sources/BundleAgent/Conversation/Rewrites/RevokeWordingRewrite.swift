import Foundation

/// Taking Unity Catalog privileges away, said without "revoke": "analysts should no longer be able to read the
/// sales schema", "take SELECT away from analysts on the sales schema", "remove analysts' access to the
/// landing volume" are "revoke … from analysts" (the first asked who should get access, the second was not
/// understood, the third said a schema takes no permissions).
enum RevokeWordingRewrite: FollowUpRewrite {
    static let id = "revoke-wording"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: [],
                               request: "analysts should no longer be able to read the flood schema",
                               readAs: "revoke read the flood schema from analysts"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: [],
                               request: "the group analysts shouldn't have SELECT on the flood schema anymore",
                               readAs: "revoke SELECT on the flood schema from the group analysts"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: [],
                               request: "take SELECT away from analysts on the flood schema",
                               readAs: "revoke SELECT from analysts on the flood schema"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: [],
                               request: "remove analysts' access to the flood schema",
                               readAs: "revoke all privileges on the flood schema from analysts"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: [],
                               request: "stop analysts from writing to the landing volume",
                               readAs: "revoke write to the landing volume from analysts"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: [],
                               request: "take away analysts' write access to the landing volume",
                               readAs: "revoke write on the landing volume from analysts"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: [],
                               request: "analysts must not write to the landing volume any more",
                               readAs: "revoke write to the landing volume from analysts"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: [],
                               request: "analysts no longer need SELECT on the flood schema",
                               readAs: "revoke SELECT on the flood schema from analysts"),
    ]

    /// Someone, as a grant names them: a word (a group's or an e-mail), "the group X", "the X group".
    static let who = #"((?:the\s+)?(?:group\s+|user\s+|service\s+principal\s+)?[\w.@-]+(?:\s+group)?)"#
    static let negation = #"(?:(?:should|must|can|may|will|do|does)\s*(?:no\s+longer|not|never|n't)|shouldn't|mustn't|can't|cannot|won't|don't|doesn't|no\s+longer)"#

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        let text = context.request
        // Only of securables (a schema, a volume, a registered model): jobs' permissions read these words on their own.
        guard text.hasAny(["schema", "schemas", "volume", "volumes"]) || text.contains("registered model")
                || text.words.contains(where: { $0.hasSuffix("_schema") || $0.hasSuffix("_volume") })
                // ("planners don't need MODIFY on techmart_ops any more": a schema by its key alone.)
                || context.catalog.mentions(in: text.original).contains(where: { ["schemas", "volumes", "registered_models"].contains($0.key.type) && $0.value == .name })
        else { return nil }
        let original = context.request.original.trimmingCharacters(in: .whitespaces)
        let stripped = original.replacingOccurrences(of: #"(?i)[,]?\s+(?:any\s*more|any\s+longer)\s*([.!]?)$"#, with: "$1", options: .regularExpression)
        var said: String?
        if let g = FollowUpRewrites.groups(#"^(?:please\s+)?"# + who + #"\s+"# + negation + #"\s+(?:be\s+(?:able|allowed)\s+to\s+|have\s+(?:any\s+)?|get\s+|needs?\s+)?(.+?)[.!]?$"#, in: stripped),
           let person = g[0], let rest = g[1], !["it", "they", "this", "that"].contains(person.lowercased()) {
            said = "revoke \(rest) from \(person)"
        } else if let g = FollowUpRewrites.groups(#"^(?:please\s+)?take\s+(?:away\s+)?(.+?)\s+(?:away\s+)?from\s+(.+?)[.!]?$"#, in: stripped),
                  let what = g[0], let rest = g[1], !what.lowercased().hasPrefix("away") {
            said = "revoke \(what) from \(rest)"
        } else if let g = FollowUpRewrites.groups(#"^(?:please\s+)?(?:remove|revoke|drop|withdraw|take\s+away)\s+"# + who + #"(?:'s|'|’s|’)\s+(read|write|select|modify)?\s*(?:access|privileges|grants?|rights|permissions?)\s+(?:to|on|for)\s+(.+?)[.!]?$"#, in: stripped),
                  let person = g[0], let securable = g[2] {
            // ("take away planners' write access to the exports volume": writing only.)
            said = g[1].map { "revoke \($0) on \(securable) from \(person)" } ?? "revoke all privileges on \(securable) from \(person)"
        } else if let g = FollowUpRewrites.groups(#"^(?:please\s+)?(?:stop|prevent|block|keep)\s+"# + who + #"\s+from\s+(reading|writing|modifying|selecting|querying|using|accessing)\s+(.+?)[.!]?$"#, in: stripped),
                  let person = g[0], let doing = g[1], let rest = g[2] {
            // "stop planners from writing to the exports volume".
            let verb = ["reading": "read", "writing": "write", "modifying": "modify", "selecting": "select", "querying": "query", "using": "use", "accessing": "access"][doing.lowercased()] ?? doing
            said = "revoke \(verb) \(rest) from \(person)"
        }
        guard let said else { return nil }
        return .followUp(context.saying(said))
    }
}
