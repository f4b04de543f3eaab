import Foundation

/// "but keep prod on the current channel" after "use the preview channel for the weather pipeline", "but
/// keep prod at 2 hours" after a 1 hour timeout: the change before stays for the other targets, and that
/// target gets the value said (it set the shared value back for every target, or said "nothing to change").
enum KeepTargetAtRewrite: FollowUpRewrite {
    static let id = "keep-target-at"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.clusterJob, before: ["set a timeout of 1 hour on the etl job"],
                               request: "but keep prod at 2 hours", readAs: "set a timeout of 2 hours on the etl job in prod"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.pipeline, before: ["use the preview channel for the orders pipeline"],
                               request: "but keep prod on the current channel", readAs: "use the current channel in prod"),
    ]

    static let patterns = [
        #"^(?:but|and|while|though)?\s*,?\s*(?:keep|leave)\s+(?:the\s+)?(\S+?)(?:\s+target)?\s+(?:on|at|as|with)\s+(.+?)\s*[.!]?$"#,
        #"^(?:but|and|while|though)?\s*,?\s*(?:the\s+)?(\S+?)(?:\s+target)?\s+(?:should\s+stay|stays|should\s+remain|remains|should\s+keep|keeps)\s+(?:on\s+|at\s+|with\s+)?(.+?)\s*[.!]?$"#,
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        guard let previous, previous.commit != nil, previous.target == nil, let resource = previous.resourceReference else { return nil }
        for pattern in patterns {
            guard let groups = FollowUpRewrites.groups(pattern, in: context.request.original), let said = groups[0], var value = groups[1],
                  let target = context.bundle.targetNames.first(where: { $0.lowercased() == said.lowercased() || PlanningContext.aliases(of: $0.lowercased()).contains(said.lowercased()) }),
                  !["it", "its", "as", "the", "unchanged", "alone", "untouched"].contains(value.lowercased()), value.lowercased() != "as it is", value.lowercased() != "as is"
            else { continue }
            value = value.replacingOccurrences(of: #"(?i)^(its|the same)\s+"#, with: "", options: .regularExpression)
            if let restated = OfflinePlanner.restated(RequestText("make it \(value)"), after: previous) {
                var scoped = context.saying(restated + " in \(target)")
                scoped.defaultResource = resource
                return .change(scoped, preferring: previous.intent)
            }
            var scoped = context.saying("use \(value) in \(target)")
            scoped.defaultResource = resource
            return .change(scoped, preferring: previous.intent)
        }
        return nil
    }
}
