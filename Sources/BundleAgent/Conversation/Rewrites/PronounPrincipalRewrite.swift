import Foundation

/// "give her execute on the registered model", "let him run the batch job": the person the conversation named
/// last (by e-mail), not a principal called "her" or a group called "him" (both were committed).
enum PronounPrincipalRewrite: FollowUpRewrite {
    static let id = "pronoun-principal"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["let jane.doe@acme.com view the flood job"],
                               request: "let her run the telematics job", readAs: "let jane.doe@acme.com run the telematics job"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["give bob@acme.com CAN_VIEW on the flood job"],
                               request: "and let him manage the telematics job too", readAs: "and let bob@acme.com manage the telematics job too"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["give bob@acme.com CAN_VIEW on the flood job"],
                               request: "actually revoke his access to the flood job", readAs: "actually revoke bob@acme.com's access to the flood job"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["let the group analysts view all jobs"],
                               request: "and let them run all jobs too", readAs: "and let the group analysts run all jobs too"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["let the group analysts view all jobs"],
                               request: "and let them run those too", readAs: "and let the group analysts run every job too"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["let the group analysts run the flood job", "same for the telematics job"],
                               request: "and let auditors only view them", readAs: "and let auditors only view the flood and telematics jobs"),
    ]

    static let pronoun = #"(?i)\b(her|him|she|he)\b"#
    /// "revoke his access": the person's, as a possessive.
    static let possessive = #"(?i)\b(his|her)\s+(access|permissions?|rights|grants?)\b"#

    /// "them", "they" after a grant: the principal of that grant.
    static let plural = ThemRewrite.pronoun(["them", "they"])

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        let original = context.request.original
        // ("and let analysts only view them" after grants on the build and release jobs: them are those jobs, as the
        // request names its own principal — the first grant's group was changed to CAN_VIEW instead.)
        if let previous, previous.commit != nil, previous.intent == PermissionIntent.id,
           let range = original.range(of: plural, options: .regularExpression), !original.contains("@"),
           let own = PermissionIntent.principal(in: context.request), !["them", "they", "those"].contains(own.name.lowercased()),
           PermissionIntent.namesLevel(context.request) || context.request.hasAny(["give", "grant", "let", "allow"]) {
            var resources: [ResourceReference] = []
            for turn in (session?.turns ?? [previous]).reversed() {
                guard turn.intent == PermissionIntent.id, turn.commit != nil else { break }
                guard let resource = turn.resource.flatMap({ ResourceReference(parsing: $0) }) else {
                    // A grant on several at once ("… manage runs of the ingest and smoke jobs", "… of both jobs"): those.
                    let said = turn.planned ?? turn.request
                    let named = context.catalog.mentions(in: said).filter { $0.value == .name }.map(\.key).sorted()
                    if resources.isEmpty, named.isEmpty, let kind = EveryResource.types(in: RequestText(said)).sorted().first {
                        return .followUp(context.saying(original.replacingCharacters(in: range, with: "every " + ResourceVocabulary.singular(kind))))
                    }
                    for resource in named where !resources.contains(resource) { resources.insert(resource, at: 0) }
                    break
                }
                if !resources.contains(resource) { resources.insert(resource, at: 0) }
            }
            guard !resources.isEmpty, Set(resources.map(\.type)).count == 1 else { return nil }
            let kind = ResourceVocabulary.singular(resources[0].type)
            let keys = resources.map(\.key)
            let phrase = keys.count == 1 ? "the \(keys[0]) \(kind)"
                : "the " + keys.dropLast().joined(separator: ", ") + " and " + keys[keys.count - 1] + " \(kind)s"
            return .followUp(context.saying(original.replacingCharacters(in: range, with: phrase)))
        }
        // ("and let them run all jobs too" after "let the group analysts view all jobs": the group.)
        // (Unity Catalog grants' follow-ups name their principal as the grant wrote it: `restated`.)
        if let previous, previous.commit != nil, previous.intent == PermissionIntent.id,
           original.range(of: plural, options: .regularExpression) != nil, !original.contains("@"),
           PermissionIntent.namesLevel(context.request) || context.request.hasAny(["give", "grant", "let", "allow", "revoke"]),
           let before = PermissionIntent.principal(in: RequestText(previous.planned ?? previous.request)) {
            let phrase = before.field == "group_name" ? "the group \(before.name)" : before.field == "user_name" ? before.name : "the service principal \(before.name)"
            // The first "they"/"them" is who; a later "them"/"those" is what, as the grant before said it ("and let them
            // run those too" after a grant on every job: every job, not "which job?").
            let kinds = EveryResource.types(in: RequestText(previous.planned ?? previous.request)).sorted().map { "every " + ResourceVocabulary.singular($0) }
            var rewritten = original
            if let first = rewritten.range(of: plural, options: .regularExpression) { rewritten.replaceSubrange(first, with: phrase) }
            let what = ThemRewrite.pronoun(["them", "those"])
            if kinds.count == 1 { rewritten = rewritten.replacingOccurrences(of: what, with: kinds[0], options: .regularExpression) }
            return .followUp(context.saying(rewritten))
        }
        guard original.range(of: pronoun, options: .regularExpression) != nil || original.range(of: possessive, options: .regularExpression) != nil, !original.contains("@"),
              PermissionIntent.namesLevel(context.request) || context.request.hasAny(["give", "grant", "let", "allow", "revoke", "remove", "access"]),
              let person = (session?.turns ?? []).reversed().lazy.compactMap({ turn in
                  turn.request.firstMatch(of: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/).map { String($0.output) }
              }).first else { return nil }
        let rewritten = original.replacingOccurrences(of: possessive, with: "\(person)'s $2", options: .regularExpression)
            .replacingOccurrences(of: pronoun, with: person, options: .regularExpression)
        return .followUp(context.saying(rewritten))
    }
}
