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
        // A variable the app does not have yet, named as environment variables are (trial of 2026-12-07: "point CATALOG
        // at the catalog" set the catalog variable's default to "point"; "… CATALOG holding the catalog variable" set
        // CATALOG to "holding").
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.appEnvironment, before: [],
                               request: "point UPSTREAM_CATALOG at the static catalog",
                               readAs: "set the env var UPSTREAM_CATALOG of the app departures to ${var.static_catalog}"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.appEnvironment, before: [],
                               request: "point CATALOG at the static_catalog",
                               readAs: "set the env var CATALOG of the app departures to ${var.static_catalog}"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.appEnvironment, before: [],
                               request: "give the app an env var CATALOG holding the static_catalog variable",
                               readAs: "set the env var CATALOG of the app departures to ${var.static_catalog}"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.appEnvironment, before: [],
                               request: "expose the static_catalog variable to the app as CATALOG_NAME",
                               readAs: "set the env var CATALOG_NAME of the app departures to ${var.static_catalog}"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.appEnvironment, before: [],
                               request: "pass the static catalog variable to the app",
                               readAs: "set the env var STATIC_CATALOG of the app departures to ${var.static_catalog}"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.appEnvironment, before: [],
                               request: "the app should receive var.static_catalog as UPSTREAM",
                               readAs: "set the env var UPSTREAM of the app departures to ${var.static_catalog}"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.appEnvironment, before: [],
                               request: "make var.static_catalog available to departures",
                               readAs: "set the env var STATIC_CATALOG of the app departures to ${var.static_catalog}"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.appEnvironment, before: [],
                               request: "the app needs the static_catalog variable too, call it UPSTREAM",
                               readAs: "set the env var UPSTREAM of the app departures to ${var.static_catalog}"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.appEnvironment, before: [],
                               request: "set CATALOG on the app to the static_catalog variable",
                               readAs: "set the env var CATALOG of the app departures to ${var.static_catalog}"),
    ]

    /// A word written as environment variables are named (CATALOG, UC_SCHEMA), not a privilege, level or size.
    static func looksLikeEnvironmentName(_ word: String) -> Bool {
        word.count >= 3 && word == word.uppercased() && word.first?.isLetter == true && word.contains(where: \.isLetter)
            && word.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
            && !word.hasPrefix("CAN_") && !word.hasPrefix("IS_") && GrantIntent.writtenPrivileges(RequestText(word)).isEmpty
            && !["SQL", "API", "URL", "YAML", "JSON", "CSV", "LTS", "GPU", "CPU", "SMALL", "MEDIUM", "LARGE", "PAUSED", "UNPAUSED", "PREVIEW",
                 "CURRENT", "PRO", "CLASSIC", "SERVERLESS", "ADVANCED", "CORE", "ALL", "TRUE", "FALSE", "NONE", "UTC", "ETL", "DLT", "ML", "AWS", "GCP"].contains(word)
    }

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        // ("expose var.dqx_catalog to the app as DQX_CATALOG": the variable written as a reference without its braces.)
        let original = context.request.original.replacingOccurrences(of: #"(?<![\w{])var\.([A-Za-z_][\w-]*)"#, with: "the $1 variable", options: .regularExpression)
        guard !original.contains("${"), !original.contains("="),
              original.range(of: #"(?i)\b(point|points|pointing|use|uses|come|comes|read|reads|take|takes|from|at|set|make|should\s+be|holding|holds|with|gets|get|expose|exposes|hand|hands|pass|passes|as|receive|receives|available|inject|provide|needs|need|call)\b"#, options: .regularExpression) != nil
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
        // The app: the only one, or the one the words name ("make var.volume available to visual_inspection_app").
        let mentionedApps = context.catalog.mentions(in: original).keys.filter { $0.type == "apps" }
        let apps = mentionedApps.count == 1 ? mentionedApps : context.catalog.references(ofType: "apps")
        let saysApp = context.request.hasAny(["env", "environment", "app", "app's"]) || mentionedApps.count == 1
        if found == nil, apps.count == 1,
           // (Of the app: its environment said, or "point X at …"; one such name.)
           saysApp || original.range(of: #"(?i)\bpoint\s+[A-Z][A-Z0-9_]*\s+at\b"#, options: .regularExpression) != nil {
            let named = words.filter(looksLikeEnvironmentName)
            if named.count == 1 { found = (apps[0], named[0]) }
        }
        // "pass the genie_space_id variable to the app": under the variable's name in capitals (GENIE_SPACE_ID).
        let passing = saysApp && (original.range(of: #"(?i)\b(pass|passes|expose|exposes|hand|hands|give|gives|receive|receives|get|gets|inject|provide|available)\b.*\bvariable\b.*\b(to|in|into|for)\b|\b(make|makes)\b.*\bvariable\b.*\bavailable\b|\bapp\b.*\b(receive|receives|get|gets|take|takes|needs|need)\b.*\bvariable\b"#,
                                                  options: .regularExpression) != nil)
        let declaredNames = context.bundle.configuration["variables"]?.mapping?.keys ?? []
        if found == nil, apps.count == 1, passing,
           let variable = VariableValueIntent.looselyNamed(original, among: declaredNames)?.name ?? declaredNames.first(where: { words.contains($0) }) {
            found = (apps[0], variable.uppercased().replacingOccurrences(of: "-", with: "_"))
        }
        guard let (app, name) = found else { return nil }
        // The declared variable: its words written apart ("the static catalog"), or its name.
        let declared = declaredNames.filter { $0 != name }
        let rest = original.replacingOccurrences(of: #"\b"# + NSRegularExpression.escapedPattern(for: name) + #"\b"#, with: " ", options: .regularExpression)
        let variable = VariableValueIntent.looselyNamed(rest, among: declared)?.name
            ?? declared.first { d in words.contains(d) && words.contains { ["variable", "var"].contains($0.lowercased()) } }
            // "point CATALOG at the catalog": the variable by its name after "at the".
            ?? declared.first { d in
                rest.range(of: #"\b(?:at|to|from|holding|with)\s+the\s+"# + NSRegularExpression.escapedPattern(for: d) + #"\s*[.!]?$"#, options: .regularExpression) != nil
            }
        guard let variable else { return nil }
        return .followUp(context.saying("set the env var \(name) of the app \(app.key) to ${var.\(variable)}"))
    }
}
