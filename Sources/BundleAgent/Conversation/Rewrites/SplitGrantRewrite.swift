import Foundation

/// "let labelers read the raw volume and write to the labeling volume", "give labelers read access on the raw volume and
/// write access on the labeling volume": two grants, each with its own privileges (both volumes got WRITE_VOLUME).
enum SplitGrantRewrite: FollowUpRewrite {
    static let id = "split-grant"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: [],
                               request: "let auditors read the flood schema and write to the landing volume",
                               readAs: "let auditors read the flood schema and let auditors write to the landing volume"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: [],
                               request: "give auditors read access on the flood schema and write access on the landing volume",
                               readAs: "give auditors read access on the flood schema and give auditors write access on the landing volume"),
    ]

    static let verbs = #"(?:read|write|select|query|modify|use|create|upload)"#

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        let original = context.request.original
        let said = FollowUpRewrites.groups(#"^\s*(let|allow)\s+((?:the\s+)?(?:group\s+)?[\w.@-]+(?:\s+group)?)\s+("# + verbs + #"\b.+?)\s+and\s+("# + verbs + #"\b.+?)\s*[.!]?\s*$"#, in: original)
            ?? FollowUpRewrites.groups(#"^\s*(give|grant)\s+((?:the\s+)?(?:group\s+)?[\w.@-]+(?:\s+group)?)\s+("# + verbs + #"\s+access\s+.+?)\s+and\s+("# + verbs + #"\s+access\s+.+?)\s*[.!]?\s*$"#, in: original)
        guard let said, let verb = said[0], let who = said[1], let first = said[2], let second = said[3] else { return nil }
        // Each part names a securable of its own (not "read and write the landing volume": one securable, both privileges).
        let securables = { (text: String) in
            Set(context.catalog.mentions(in: text).filter { ["schemas", "volumes", "registered_models"].contains($0.key.type) && $0.value == .name }.keys)
        }
        let a = securables(first), b = securables(second)
        guard !a.isEmpty, !b.isEmpty, a.isDisjoint(with: b) else { return nil }
        return .followUp(context.saying("\(verb) \(who) \(first) and \(verb) \(who) \(second)"))
    }
}
