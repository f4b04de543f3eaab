import Foundation

/// "give the sales dashboard access to the analytics model endpoint" where sales_dashboard is an app: the app,
/// as the app requests say it ("give the app sales_dashboard access to …"); its words were taken for a group
/// ("sales") that was granted CAN_VIEW on the endpoint.
enum AppNamedRewrite: FollowUpRewrite {
    static let id = "app-named"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.appEnvironment, before: [],
                               request: "give the departures access to the flood job", readAs: "give the app departures access to the flood job"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        let original = context.request.original
        guard !context.request.hasAny(["app", "apps"]),
              let head = original.firstMatch(of: /(?i)^\s*(?:please\s+)?(give|let|allow)\s+(?:the\s+)?/) else { return nil }
        let rest = original[head.range.upperBound...]
        for app in context.catalog.references(ofType: "apps") {
            let name = context.effectiveResource(app, target: nil)?["name"]?.string ?? ""
            let spoken = Set([app.key, name].filter { !$0.isEmpty && !$0.contains("$") }.flatMap { [$0, $0.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")] })
            guard let said = spoken.sorted(by: { $0.count > $1.count }).first(where: { rest.lowercased().hasPrefix($0.lowercased() + " ") }) else { continue }
            let after = rest.dropFirst(said.count)
            // (Access to something: "… access to", "… use", "… query", "… read".)
            guard after.range(of: #"(?i)^\s+(access\b|use\b|query\b|read\b|write\b|run\b|call\b)"#, options: .regularExpression) != nil else { continue }
            return .followUp(context.saying("\(head.output.1) the app \(app.key)\(after)"))
        }
        return nil
    }
}
