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
                               request: "analysts must not write to the landing volume any more",
                               readAs: "revoke write to the landing volume from analysts"),
    ]

    /// Someone, as a grant names them: a word (a group's or an e-mail), "the group X", "the X group".
    static let who = #"((?:the\s+)?(?:group\s+|user\s+|service\s+principal\s+)?[\w.@-]+(?:\s+group)?)"#
    static let negation = #"(?:(?:should|must|can|may|will|do|does)\s*(?:no\s+longer|not|never|n't)|shouldn't|mustn't|can't|cannot|won't|don't|doesn't)"#

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        let text = context.request
        // Only of securables (a schema, a volume, a registered model): jobs' permissions read these words on their own.
        guard text.hasAny(["schema", "schemas", "volume", "volumes"]) || text.contains("registered model")
                || text.words.contains(where: { $0.hasSuffix("_schema") || $0.hasSuffix("_volume") }) else { return nil }
        let original = context.request.original.trimmingCharacters(in: .whitespaces)
        let stripped = original.replacingOccurrences(of: #"(?i)[,]?\s+(?:any\s*more|any\s+longer)\s*([.!]?)$"#, with: "$1", options: .regularExpression)
        var said: String?
        if let g = FollowUpRewrites.groups(#"^(?:please\s+)?"# + who + #"\s+"# + negation + #"\s+(?:be\s+(?:able|allowed)\s+to\s+|have\s+(?:any\s+)?|get\s+|need\s+)?(.+?)[.!]?$"#, in: stripped),
           let person = g[0], let rest = g[1], !["it", "they", "this", "that"].contains(person.lowercased()) {
            said = "revoke \(rest) from \(person)"
        } else if let g = FollowUpRewrites.groups(#"^(?:please\s+)?take\s+(?:away\s+)?(.+?)\s+(?:away\s+)?from\s+(.+?)[.!]?$"#, in: stripped),
                  let what = g[0], let rest = g[1], !what.lowercased().hasPrefix("away") {
            said = "revoke \(what) from \(rest)"
        } else if let g = FollowUpRewrites.groups(#"^(?:please\s+)?(?:remove|revoke|drop|withdraw)\s+"# + who + #"(?:'s|'|’s|’)\s+(?:access|privileges|grants?|rights|permissions?)\s+(?:to|on|for)\s+(.+?)[.!]?$"#, in: stripped),
                  let person = g[0], let securable = g[1] {
            said = "revoke all privileges on \(securable) from \(person)"
        }
        guard let said else { return nil }
        return .followUp(context.saying(said))
    }
}
