import Foundation

/// "point METLINK_CATALOG at the static catalog", "the app's METLINK_CATALOG should come from the static_catalog
/// variable", "make METLINK_CATALOG use the catalog variable": an environment variable the app has, set to a
/// declared variable (`${var.static_catalog}`) — not that variable's default changed (it became "static").
enum EnvVarFromVariableRewrite: FollowUpRewrite {
    static let id = "env-var-from-variable"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.appEnvironment, before: [],
                               request: "point METLINK_CATALOG at the static catalog",
                               readAs: "set the env var METLINK_CATALOG of the app departures to ${var.static_catalog}"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.appEnvironment, before: [],
                               request: "the app's METLINK_CATALOG should come from the schema variable",
                               readAs: "set the env var METLINK_CATALOG of the app departures to ${var.schema}"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        let original = context.request.original
        guard !original.contains("${"), !original.contains("="),
              original.range(of: #"(?i)\b(point|points|pointing|use|uses|come|comes|read|reads|take|takes|from|at|set|make|should\s+be)\b"#, options: .regularExpression) != nil
        else { return nil }
        let words = original.split(whereSeparator: { $0.isWhitespace }).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:!?\"'`’")) }
            .map { $0.hasSuffix("'s") ? String($0.dropLast(2)) : $0 }
        // The app environment variable named, written as it is.
        var found: (app: ResourceReference, name: String)?
        for app in context.catalog.references(ofType: "apps") {
            guard let names = try? AppEnvironmentIntent.Environment(context, app: app, target: nil).names else { continue }
            if let name = names.first(where: words.contains) {
                guard found == nil else { return nil }
                found = (app, name)
            }
        }
        guard let (app, name) = found else { return nil }
        // The declared variable: its words written apart ("the static catalog"), or its name.
        let declared = (context.bundle.configuration["variables"]?.mapping?.keys ?? []).filter { $0 != name }
        let rest = original.replacingOccurrences(of: name, with: " ")
        let variable = VariableValueIntent.looselyNamed(rest, among: declared)?.name
            ?? declared.first { d in words.contains(d) && words.contains { ["variable", "var"].contains($0.lowercased()) } }
        guard let variable else { return nil }
        return .followUp(context.saying("set the env var \(name) of the app \(app.key) to ${var.\(variable)}"))
    }
}
