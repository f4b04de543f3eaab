import Foundation

/// "the flood job keeps timing out, give it 3 hours and alert me if it runs longer than 2": what is
/// wrong, said before the request. The lead names what "it" is and is no request of its own ("every 15
/// minutes" in "intake is failing every 15 minutes and spamming us, pause everything in prod" was read
/// as a schedule); a lead about timing out makes "give it 3 hours" its timeout, and a bare number of a
/// duration that follows takes the first one's unit.
enum NarrativeLeadRewrite: FollowUpRewrite {
    static let id = "narrative-lead"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: [],
                               request: "the flood job keeps timing out, give it 3 hours and alert me@example.com if it runs longer than 2",
                               readAs: "set the timeout of the flood job to 3 hours and alert me@example.com if the flood job runs longer than 2 hours"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: [],
                               request: "telematics is failing every 15 minutes and spamming us, add 2 retries to every task of it",
                               readAs: "add 2 retries to every task of telematics"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: [],
                               request: "the telematics job keeps failing, retry its tasks twice",
                               readAs: "retry the telematics job's tasks twice"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: [],
                               request: "the flood job is way too slow in prod, give it 3 hours",
                               readAs: "set the timeout of the flood job to 3 hours in prod"),
    ]

    /// Words that tell what happens rather than ask for something.
    static let telling = #"\b(keeps|kept|is|are|was|were|has been|have been|started|starts|seems|looks|failing|fails|failed|timing out|times out|timed out|broke|broken|crashing|crashes|spamming|slow|stuck|hanging)\b"#

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        let original = context.request.original
        guard let comma = original.range(of: ",") ?? original.range(of: " - ") ?? original.range(of: ";") else { return nil }
        let lead = String(original[..<comma.lowerBound]).trimmingCharacters(in: .whitespaces)
        var rest = String(original[comma.upperBound...]).trimmingCharacters(in: .whitespaces)
        let leadWords = lead.lowercased().split(separator: " ").map(String.init)
        // A request of its own before the comma ("add retries, then …") is no lead.
        // (A condition is no description: "when the etl job is done, email ana@…" is an e-mail on success.)
        guard let first = leadWords.first, !CompoundRequest.verbs.contains(first), !["please", "also", "and", "then", "in", "for", "on"].contains(first),
              !["if", "when", "whenever", "once", "after", "before", "as", "while", "unless", "until"].contains(first),
              let marker = lead.range(of: telling, options: [.regularExpression, .caseInsensitive]),
              !rest.isEmpty, let restFirst = rest.lowercased().split(separator: " ").first.map(String.init),
              CompoundRequest.verbs.contains(restFirst) || ["please", "can", "could", "just"].contains(restFirst) else { return nil }
        // What the lead is about: its words before the telling one ("the flood job", "telematics").
        let subject = String(lead[..<marker.lowerBound]).trimmingCharacters(in: .whitespaces)
        guard !subject.isEmpty, subject.split(separator: " ").count <= 6 else { return nil }
        let timingOut = lead.range(of: #"\b(tim(ing|es|ed) out|timeout|too long|slow|hanging|stuck)\b"#, options: [.regularExpression, .caseInsensitive]) != nil
        // "give it 3 hours" after a lead about timing out: its timeout.
        if timingOut, let give = rest.range(of: #"(?i)^(please\s+)?give (it|its tasks|the job) (\d+(\.\d+)?\s*(hours?|hrs?|h|minutes?|mins?|m))\b"#, options: .regularExpression) {
            let said = String(rest[give])
            let amount = said.replacingOccurrences(of: #"(?i)^(please\s+)?give (it|its tasks|the job) "#, with: "", options: .regularExpression)
            rest.replaceSubrange(give, with: "set the timeout of it to \(amount)")
        }
        // "staging keeps timing out, set the etl timeout to 2 hours", "dev is too expensive, make the etl cluster
        // smaller": the lead is about a target, the request is for it (the shared definition changed).
        let bareSubject = subject.lowercased().replacingOccurrences(of: #"^(the|our)\s+|\s+(target|env|environment|workspace)$"#, with: "", options: .regularExpression)
        if context.targetOption == nil, let target = context.bundle.targetNames.first(where: { $0.lowercased() == bareSubject }) {
            if ((try? context.saying(rest).target()) ?? nil) == nil { rest += " in \(target)" }
            return .followUp(context.saying(rest))
        }
        // "it" is what the lead is about (unless the rest says everything, or names it itself).
        let saysAll = rest.range(of: #"(?i)\b(everything|every (job|pipeline|resource)s?|all (the )?(jobs|pipelines|resources))\b"#, options: .regularExpression) != nil
        if !saysAll {
            let pronoun = rest.range(of: #"(?i)\b(it|its)\b"#, options: .regularExpression) != nil
            rest = rest.replacingOccurrences(of: #"(?i)\bits\b"#, with: "\(subject)'s", options: .regularExpression)
            rest = rest.replacingOccurrences(of: #"(?i)\bit\b"#, with: subject, options: .regularExpression)
            // "etl is slow, add 2 workers": the request is about what the lead names, when it names nothing itself.
            if !pronoun, context.catalog.mentions(in: rest).isEmpty, !context.catalog.mentions(in: subject).isEmpty {
                rest += " for \(subject)"
            }
        }
        // "… longer than 2" after "3 hours": 2 hours.
        if let unit = rest.range(of: #"(?i)\b\d+(\.\d+)?\s*(hours?|minutes?)\b"#, options: .regularExpression).map({ String(rest[$0]).split(separator: " ").last.map(String.init) ?? "hours" }),
           let bare = rest.range(of: #"(?i)\b(longer than|more than|over|exceeds?|past)\s+\d+(\.\d+)?\s*$"#, options: .regularExpression) {
            rest = String(rest[..<bare.upperBound]) + " " + (unit.hasSuffix("s") ? unit : unit + "s")
        }
        // "the warehouse is way too big for dev, make it small": the target the lead names is the request's (the
        // shared definition changed, prod's warehouse too).
        if context.targetOption == nil, let leadTarget = (try? context.saying(lead).target()) ?? nil,
           ((try? context.saying(rest).target()) ?? nil) == nil {
            rest += " in \(leadTarget)"
        }
        return .followUp(context.saying(rest))
    }
}
