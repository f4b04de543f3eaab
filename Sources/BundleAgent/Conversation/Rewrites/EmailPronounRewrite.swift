import Foundation

/// "and the build job should also email it on success" after "email oncall@bike.com when the weather job fails": "it" is
/// the address the conversation's e-mail change named, not a thing (it asked which address should be e-mailed).
enum EmailPronounRewrite: FollowUpRewrite {
    static let id = "email-pronoun"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["email oncall@acme.com when the flood job fails"],
                               request: "and the telematics job should also email it on success",
                               readAs: "and the telematics job should also email oncall@acme.com on success"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: ["email oncall@acme.com and data@acme.com when the flood job fails"],
                               request: "notify them when the telematics job starts",
                               readAs: "notify oncall@acme.com and data@acme.com when the telematics job starts"),
    ]

    /// "email it", "notify them", "mail it too": the pronoun that stands for recipients.
    static let pronoun = #"(?i)\b(e-?mail|mail|notify|alert|page|message)\s+(it|them)\b(?=\s+(?:on|when|whenever|if|after|about|too|also|as\s+well|in|for)\b|\s*[.!]?\s*$)"#

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        let original = context.request.original
        guard !original.contains("@"), let match = original.range(of: pronoun, options: .regularExpression),
              let turn = (session?.turns ?? []).reversed().first(where: { $0.commit != nil && $0.intent == EmailNotificationIntent.id }) else { return nil }
        let addresses = (turn.planned ?? turn.request).matches(of: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/).map { String($0.output) }
        guard !addresses.isEmpty else { return nil }
        let said = String(original[match])
        let verb = said.split(separator: " ").first.map(String.init) ?? "email"
        let who = addresses.count == 1 ? addresses[0] : addresses.dropLast().joined(separator: ", ") + " and " + addresses[addresses.count - 1]
        return .followUp(context.saying(original.replacingCharacters(in: match, with: "\(verb) \(who)")))
    }
}
