import Foundation

/// "… except in prod", "… but not in prod", "… everywhere but prod", "… in all targets except prod":
/// the change in each other target by name ("in dev and staging"), never in the one excepted (it was
/// once read as "in prod", or as the shared definition that prod gets too).
enum ExceptTargetRewrite: FollowUpRewrite {
    static let id = "except-target"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: [],
                               request: "set the timeout of the flood job to 1 hour except in prod", readAs: "set the timeout of the flood job to 1 hour in dev"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: [],
                               request: "retry the telematics job 2 times everywhere but prod", readAs: "retry the telematics job 2 times in dev"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        // ("actually not in prod" after a change: `FollowUp.onlyIn`'s, read by the conversation — no change of its own here.)
        if previous != nil, FollowUp.onlyIn(context.request, targets: context.bundle.targetNames) != nil { return nil }
        // ("but not in dev" with dev, staging and prod: a change taken out of one target of three, which is not made in one step
        // — it was read as "but in staging and prod", not understood.)
        if let previous, previous.commit != nil, let said = FollowUp.notIn(context.request.original, targets: context.bundle.targetNames), said.only == nil {
            let others = context.bundle.targetNames.filter { $0 != said.excepted }
            return .outcome(.refused("the change before was made for every target; to keep it out of \(said.excepted) alone, say \"only in \(others[0])\" "
                + "(then \"same for \(others.dropFirst().joined(separator: "\" and \""))\"), or undo it and ask again for \(others.joined(separator: " and "))"), intent: nil)
        }
        guard let (range, excepted) = exception(in: context.request.original, targets: context.bundle.targetNames) else { return nil }
        let others = context.bundle.targetNames.filter { $0 != excepted }
        var text = context.request.original
        text.replaceSubrange(range, with: "")
        text = text.trimmingCharacters(in: CharacterSet(charactersIn: " ,;."))
        // (Nothing else said, "except prod" alone: no change of its own to make in the others.)
        guard !others.isEmpty, text.split(separator: " ").count >= 2 else { return nil }
        let list = others.count == 1 ? others[0] : others.dropLast().joined(separator: ", ") + " and " + others.last!
        let words = text + " in " + list
        guard others.count > 1 else { return .followUp(context.saying(words)) }
        // Each other target by name, one clause each (read whole, "in dev, staging and test" named dev alone),
        // committed as one revision whose words say them all (a follow-up, "make it 2 hours", keeps them).
        let clauses = others.map { text + " in " + $0 }
        guard let (outcome, intent) = CompoundRequest.plan(clauses, context, planner: OfflinePlanner(), matched: true) else {
            return .followUp(context.saying(words))
        }
        guard case .plan(var planned) = outcome else { return .outcome(outcome, intent: intent) }
        planned.subject = SeveralTargets.subject(planned.subject)
        planned.request = words
        return .outcome(.plan(planned), intent: intent)
    }

    /// Where the words except one target, and which.
    static func exception(in text: String, targets: [String]) -> (Range<String.Index>, String)? {
        guard !targets.isEmpty else { return nil }
        var names: [(written: String, target: String)] = targets.map { ($0, $0) }
        for target in targets {
            for alias in PlanningContext.aliases(of: target.lowercased()) where !targets.contains(where: { $0.lowercased() == alias }) { names.append((alias, target)) }
        }
        let alternatives = names.map(\.written).sorted { $0.count > $1.count }.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
        let pattern = "\\s*,?\\s*(?:\\b(?:everywhere|(?:in|for|on)\\s+(?:all|every)(?:\\s+the)?\\s+(?:targets?|environments?))\\s+(?:but|except)|\\bexcept|\\bbut\\s+not)"
            + "(?:\\s+(?:in|for|on))?(?:\\s+the)?\\s+(\(alternatives))(?:\\s+target)?\\b"
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let whole = Range(match.range, in: text), let name = Range(match.range(at: 1), in: text),
              let target = names.first(where: { $0.written.lowercased() == text[name].lowercased() })?.target else { return nil }
        return (whole, target)
    }
}
