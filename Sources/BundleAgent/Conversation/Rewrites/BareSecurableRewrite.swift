import Foundation

/// "let doctors read raw", "doctors need read access to labeling": a volume or schema named by its key alone, said as
/// one ("the raw volume"), so that the grant is read as Unity Catalog privileges (it said a volume takes no permissions).
enum BareSecurableRewrite: FollowUpRewrite {
    static let id = "bare-securable"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: [],
                               request: "let auditors read landing", readAs: "let auditors read the landing volume"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: [],
                               request: "auditors need read access to landing", readAs: "auditors need read access to the landing volume"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        let text = context.request
        guard !text.hasAny(["schema", "schemas", "volume", "volumes", "model", "models", "job", "jobs", "pipeline", "pipelines", "app", "apps",
                            "endpoint", "warehouse", "dashboard", "cluster"]),
              text.hasAny(["let", "allow", "give", "grant", "need", "needs", "revoke"]),
              text.hasAny(["read", "write", "select", "query", "modify", "access", "usage", "use_schema", "read_volume", "write_volume"]) else { return nil }
        let named = context.catalog.mentions(in: text.original).filter { $0.value == .name }.map(\.key)
        guard named.count == 1, let securable = named.first, ["schemas", "volumes"].contains(securable.type),
              let range = text.original.range(of: #"(?i)(?<![\w-])"# + NSRegularExpression.escapedPattern(for: securable.key) + #"(?![\w-])"#, options: .regularExpression)
        else { return nil }
        let before = text.original[..<range.lowerBound]
        let article = before.hasSuffix("the ") || before.hasSuffix("The ") ? "" : "the "
        return .followUp(context.saying(text.original.replacingCharacters(in: range, with: "\(article)\(securable.key) \(ResourceVocabulary.singular(securable.type))")))
    }
}
