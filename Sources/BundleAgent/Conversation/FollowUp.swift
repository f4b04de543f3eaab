import Foundation

/// How a request relates to the conversation so far.
public enum FollowUp: Equatable, Sendable {
    /// "undo that", "revert it".
    case undo
    /// "same for prod", "and for qa as well": the previous request for another target.
    case sameFor(target: String)
    /// "same for the billing job": the previous request for another resource.
    case sameForResource(ResourceReference)
    /// "same for the hello world jobs": the previous request for each of the resources a plural names.
    case sameForResources([ResourceReference])
    /// "same for load": the previous request for another task (cluster, environment) of the same resource.
    case sameForPart(kind: String, key: String)
    /// "and the pipeline tasks too": the previous request for several other parts of the same resource.
    case sameForParts(kind: String, keys: [String])
    /// "even smaller", "again", "and add retries too": a request that continues with the previous
    /// resource and target unless it names others.
    case continuation
    /// A request of its own.
    case none

    static let undoPhrases: Set<String> = ["undo", "undo that", "undo it", "revert that", "revert it", "take that back", "undo the last change",
                                           "revert the last change", "roll that back", "roll it back", "undo this", "revert this", "scratch that",
                                           "scrap that", "back that out", "back it out", "reverse that", "put it back", "put that back",
                                           "change it back", "set it back", "go back", "cancel that", "cancel that change", "cancel it",
                                           "forget that change"]

    public static func isUndo(_ text: RequestText) -> Bool { undoCount(text) != nil }

    /// "cancel", "never mind", "forget it", "no thanks", "skip": nothing to do.
    public static func isCancel(_ text: RequestText) -> Bool {
        let said = text.lowered.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: ".!")))
        return ["cancel", "never mind", "nevermind", "forget it", "no thanks", "no, thanks", "skip", "skip it", "skip that", "nothing", "none",
                "neither", "abort", "stop", "leave it", "no change", "don't", "dont", "nvm", "cancel the question", "forget about it"].contains(said)
    }

    /// "what did you change?", "what have you done so far", "what changed", "show me the last change",
    /// "summarize your changes": a question about the conversation, answered from it (nothing planned).
    public static func isRecap(_ text: RequestText) -> Bool {
        let said = text.lowered.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: ".!?")))
        let patterns = [
            "^(so |and |ok(ay)?,? )?what (did|have) (you|we) (just )?(change|changed|do|done|edit|edited)( so far| until now| in this (conversation|session)| to the bundle)?$",
            "^(so |and )?what('s| has| was| were)? (been )?changed( so far)?$",
            "^(show|tell) me (what (you|we) (changed|did)|(the|your|my) (last )?(change|changes|revisions?))( so far)?$",
            // "show me what changed", "show me the diff", "what's the diff": the conversation's changes.
            "^(can you |please )?(show|tell) me (what (has |was )?changed|the (last )?diff|the differences?)( so far)?$",
            "^what('s| is) the diff$",
            "^(summari[sz]e|recap|list) (the|your|my|all the|all) (changes|revisions)( so far)?$",
            "^recap$",
            // "why?", "why did you do that", "explain that": the last revision, as it was said.
            "^(but |and |so |ok(ay)?,? )?why( did you (do|change|make) (that|this|it)| that| this)?$",
            "^(can you |please )?explain (that|this|it|the last change|what you (did|changed)|why)$",
        ]
        if patterns.contains(where: { said.range(of: $0, options: .regularExpression) != nil }) { return true }
        // "why 3600?", "why did you pick that job": a question, never a change ("why not …" proposes one).
        let asked = text.lowered.trimmingCharacters(in: .whitespaces)
        return asked.range(of: "^(but |and |so |ok(ay)?,? |hm+,? )?why\\b(?! not\\b)", options: .regularExpression) != nil
            && (asked.hasSuffix("?") || text.words.count <= 6)
    }

    /// How many of the conversation's revisions an undo asks to revert: 1 for "undo that", 2 for "undo
    /// the last two", "undo both", "revert the last 2 changes"; nil when the words are no undo.
    public static func undoCount(_ text: RequestText) -> Int? {
        // "actually undo that", "no, revert it", "please undo": the words after the interjection.
        // ("nah, undo", "that's wrong, undo it", "no no, revert that" too.)
        if let range = text.original.range(of: "^\\s*(actually|no|nope|nah|oh|hmm*|uh|ok(ay)?|please|wait|sorry|oops|whoops|ugh|argh|damn|yikes|wrong|that'?s wrong|that is wrong|that'?s not (right|it|what i (meant|wanted))|not that|forget it|never mind)\\b[,.!]*\\s+", options: [.regularExpression, .caseInsensitive]),
           range.upperBound < text.original.endIndex {
            return undoCount(RequestText(String(text.original[range.upperBound...])))
        }
        let said = text.lowered.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: ".!")))
        if undoPhrases.contains(said) { return 1 }
        let words = text.words
        guard let verb = words.first, ["undo", "revert"].contains(verb) || (words.count > 1 && words[0] == "roll" && words[1] == "back") else { return nil }
        let filler: Set<String> = ["undo", "revert", "roll", "back", "the", "last", "those", "these", "my", "your", "changes", "change", "revisions", "revision",
                                   "commits", "commit", "edits", "edit", "steps", "step", "ones", "please", "of", "them", "all"]
        var count: Int?
        for word in words where !filler.contains(word) {
            if let n = Int(word) ?? RequestText.numberWords[word], count == nil { count = n; continue }
            if word == "both" || word == "two", count == nil { count = 2; continue }
            return nil
        }
        // "undo please", "undo the change": the last one ("undo all" says no number: not guessed).
        if count == nil, !words.contains("all") { count = 1 }
        guard let count, count >= 1, count <= 20 else { return nil }
        return count
    }

    /// An undo that describes the change ("undo the prod 5 workers change", "revert the timeout"): how many
    /// of the conversation's standing changes, from the latest, reach back to the one the words fit best
    /// (1: the latest), with the request that made it; `count` nil when the words fit none of them. Nil
    /// when the words are no undo of that kind (they were planned as a new setting: "already has 5 workers").
    public static func describedUndo(_ text: RequestText, session: RefineSession) -> (count: Int?, request: String?)? {
        // "remove the retries you added", "drop the tags we just set": that change of the conversation taken back
        // (it removed every retry, a task's own written ones too).
        if let said = text.original.firstMatch(of: /(?i)^\s*(?:please\s+|ok,?\s+|actually,?\s+|no,?\s+)?(?:remove|drop|delete|take out|get rid of|take back)\s+(?:the\s+|those\s+|that\s+|these\s+)?(.+?)\s+(?:that\s+|which\s+)?(?:you|we)\s+(?:just\s+)?(?:added|made|set|put in|introduced|changed)\b[\s.!]*$/) {
            return describedUndo(RequestText("undo the \(said.output.1)"), session: session)
        }
        // "take back the retries": the same (it added retries).
        if let said = text.original.firstMatch(of: /(?i)^\s*(?:please\s+|ok,?\s+|actually,?\s+|no,?\s+)?take\s+back\s+(?:the\s+|those\s+|that\s+|these\s+)?(.+?)[\s.!]*$/),
           !["it", "that", "this"].contains(said.output.1.lowercased()) {
            return describedUndo(RequestText("undo the \(said.output.1)"), session: session)
        }
        let words = text.words
        guard let verb = words.first, ["undo", "revert"].contains(verb) || (words.count > 1 && words[0] == "roll" && words[1] == "back"),
              undoCount(text) == nil else { return nil }
        let filler: Set<String> = ["undo", "revert", "roll", "back", "the", "a", "my", "your", "change", "changes", "revision", "commit", "edit", "that", "this",
                                   "please", "of", "to", "on", "in", "for", "you", "made", "did", "i", "asked", "just", "last", "one", "bit", "part",
                                   "both", "all", "each", "every", "those", "these"]
        let said = Set(words.filter { !filler.contains($0) })
        guard !said.isEmpty else { return nil }
        // "undo the rename of the job": "job" is in every change of a job; the words that say which count
        // (it undid the latest change, a timeout). A verb also fits what its change wrote ("rename": "name").
        let generic: Set<String> = ["job", "jobs", "pipeline", "pipelines", "task", "tasks", "setting", "settings", "it", "them", "bundle", "resource", "resources"]
        let telling = said.subtracting(generic).isEmpty ? said : said.subtracting(generic)
        let forms: [String: [String]] = ["rename": ["name", "renamed", "called"], "renaming": ["name", "rename"], "retries": ["retry", "max_retries"],
                                         "retry": ["retries", "max_retries"], "timeout": ["timeout_seconds", "time"], "schedule": ["cron", "quartz_cron_expression"],
                                         "tag": ["tags"], "tags": ["tag"], "email": ["emails", "notify", "email_notifications"], "pause": ["paused"],
                                         "unpause": ["unpaused"], "permission": ["permissions", "grant"], "permissions": ["permission", "grant"]]
        let undone = session.undoneCommits
        let standing = session.turns.filter { turn in turn.commit.map { !undone.contains(String($0.prefix(7))) } ?? false }
        var best: (index: Int, score: Int)?
        for (i, turn) in standing.enumerated() {
            let known = Set(RequestText(turn.request + " " + turn.reply + " " + (turn.planned ?? "") + " " + (turn.target ?? "")).words)
                .union(turn.target.map { [$0] + PlanningContext.aliases(of: $0.lowercased()) } ?? [])
            // ("the timeouts": a plural fits what its singular fits.)
            let score = telling.filter { word in
                known.contains(word) || (forms[word] ?? []).contains(where: known.contains)
                    || (word.hasSuffix("s") && word.count > 3 && (known.contains(String(word.dropLast())) || (forms[String(word.dropLast())] ?? []).contains(where: known.contains)))
            }.count
            if score > 0, score >= (best?.score ?? 0) { best = (i, score) }
        }
        guard let best else { return (nil, nil) }
        return (standing.count - best.index, standing[best.index].request)
    }

    /// How the request relates to the conversation, knowing the bundle: "same for prod", "same for the
    /// billing job", "same for load", "even smaller", "undo that".
    /// `asksSomething`: whether the words ask for a change of their own (an intent recognises them).
    static func classify(_ context: PlanningContext, session: RefineSession?, asksSomething: Bool) -> FollowUp {
        guard let previous = session?.lastChange else { return .none }
        let text = context.request
        if isUndo(text) { return .undo }
        if refersBack(text, asksSomething: asksSomething) {
            // "same for the development cluster" where a resource is called that (the all-purpose cluster
            // "Development cluster"): that resource, not target dev.
            let named = context.catalog.mentions(in: text.original).filter { $0.value == .name && $0.key != previous.resourceReference }.map(\.key)
            if named.count == 1, context.bundle.targetNames.contains(where: { names(text, target: $0) }),
               !context.bundle.targetNames.contains(where: { text.has($0.lowercased()) }) {
                return .sameForResource(named[0])
            }
            if let target = context.bundle.targetNames.first(where: { names(text, target: $0) }) {
                // "and for the ingestion job in dev": another job of the same kind, in that target (it
                // changed the job before in dev).
                let withoutTarget = text.original.replacingOccurrences(of: "\\b" + NSRegularExpression.escapedPattern(for: target) + "\\b", with: " ",
                                                                       options: [.regularExpression, .caseInsensitive])
                let mentioned = context.catalog.mentions(in: withoutTarget).filter { $0.key != previous.resourceReference && $0.key.type == previous.resourceReference?.type }
                if let strongest = mentioned.values.max() {
                    let best = mentioned.filter { $0.value == strongest }.keys
                    if best.count == 1, let other = best.first { return .sameForResource(other) }
                }
                // ("also deploy the app to prod" after a timeout on a job: about the app, no repeat of the timeout.)
                if mentionsAnotherKind(context, than: previous.resourceReference) { return .none }
                return .sameFor(target: target)
            }
            let previousResource = previous.resourceReference
            // "and the pipeline tasks too": parts of the same job the words name (before resources that
            // share a word of them, the pipelines silver_pipeline and gold_pipeline).
            // "and the gold ones too" after a change of tasks: "ones" are tasks.
            // "and bronze too": one word, a task's.
            let aboutTasks = ["task-retries", "task-timeout", TaskParameterIntent.id].contains(previous.intent ?? "")
            let ones = aboutTasks && text.hasAny(["ones", "one"])
            let said = text.words.filter { !["and", "too", "also", "the", "as", "well", "same", "for", "please"].contains($0) }
            let text = ones ? RequestText(text.original.split(separator: " ").map { word in
                    word.lowercased() == "ones" ? "tasks" : word.lowercased() == "one" ? "task" : String(word)
                }.joined(separator: " "))
                : aboutTasks && (said.count == 1 || (said.count == 2 && !asksSomething)) && !text.hasAny(["task", "tasks"])
                    ? RequestText("the \(said.joined(separator: " ")) tasks") : text
            if let previousResource, text.hasAny(["task", "tasks", "step", "steps"]) {
                // (Tasks of the change before count again with a value of their own: "except the erp one, give it 5".)
                let ownValue = Self.ownValue(context.request) != nil
                var parts = context.catalog.namedParts(.task, of: previousResource, in: text.original)
                    .filter { ownValue || (!ResourceCatalog.words(previous.request).contains($0.lowercased()) && !previous.request.contains($0)) }
                // "the pipeline tasks", "the sql tasks": a kind of task (pipeline_task), or keys with that word.
                if parts.isEmpty, let i = text.words.firstIndex(where: { ["task", "tasks"].contains($0) }), i > 0 {
                    let kind = text.words[i - 1]
                    let tasks = context.effectiveResource(previousResource, target: previous.target)?["tasks"]?.sequence ?? []
                    parts = tasks.compactMap { task -> String? in
                        guard let key = task["task_key"]?.string else { return nil }
                        return task["\(kind)_task"] != nil || ResourceCatalog.words(key).contains(kind) ? key : nil
                    }.filter { !previous.request.contains($0) }
                }
                if parts.count > 1 { return .sameForParts(kind: ResourceCatalog.PartKind.task.rawValue, keys: parts) }
                if parts.count == 1 { return .sameForPart(kind: ResourceCatalog.PartKind.task.rawValue, key: parts[0]) }
            }
            let mentioned = context.catalog.mentions(in: text.original).filter { $0.key != previousResource }
            // Another resource by its whole key or name ("same for gold_merge_job") before a task of the
            // same job that has the words (the orchestrator's run_gold_merge_job task).
            let wholly = mentioned.filter { $0.value == .name }.keys.sorted()
            // "same for the hello world jobs": each resource of the kind whose name holds those words.
            let plural = EveryResource.types(in: text)
            if wholly.count == 1, plural.contains(wholly[0].type) {
                let all = context.catalog.sharingName(with: wholly[0], in: text.original).filter { $0 != previousResource }
                if all.count > 1 { return .sameForResources(all) }
            }
            if wholly.count == 1 { return .sameForResource(wholly[0]) }
            // "same for both gold jobs", "same for the gold jobs": each of that kind whose words hold the qualifier, but the
            // one just changed (it was changed again: "already times out after 2 hours").
            if wholly.isEmpty, plural.count == 1, let type = plural.first, case let qualifiers = EveryResource.qualifiers(in: text), !qualifiers.isEmpty {
                let all = context.catalog.entries.filter { entry in
                    entry.reference.type == type && qualifiers.allSatisfy { (entry.keyWords + entry.nameWords).contains($0) }
                }.map(\.reference).sorted()
                let others = all.filter { $0 != previousResource }
                if all.count > 1, !others.isEmpty { return others.count == 1 ? .sameForResource(others[0]) : .sameForResources(others) }
            }
            if let previousResource, let part = partNamed(context, of: previousResource, notIn: previous.request) {
                return .sameForPart(kind: part.kind.rawValue, key: part.key)
            }
            if let strongest = mentioned.values.max() {
                let best = mentioned.filter { $0.value == strongest }.keys.sorted()
                if best.count == 1 { return .sameForResource(best[0]) }
            }
            // "same for the pipeline", "and the dashboard too" after a job's change: the one resource of that kind.
            if let previousResource, !text.has("other") {
                let kinds = ResourceVocabulary.nouns.filter { $0.key != previousResource.type && text.hasAny($0.value) }.map(\.key)
                let candidates = kinds.flatMap { context.catalog.references(ofType: $0) }
                if kinds.count >= 1, candidates.count == 1 { return .sameForResource(candidates[0]) }
            }
            // "and the other job too", "same for the other one": the one other resource of that kind.
            if let previousResource, text.has("other") {
                let type = text.hasAny(["pipeline", "pipelines"]) ? "pipelines" : text.hasAny(["job", "jobs"]) ? "jobs" : previousResource.type
                let others = context.catalog.references(ofType: type).filter { $0 != previousResource }
                if others.count == 1 { return .sameForResource(others[0]) }
            }
            // "and the analytics job too" where the job just changed has the word as well: the one other job
            // that has it (it was the same job again: "nothing to change").
            if let previousResource {
                let words = ResourceCatalog.words(text.original)
                for (j, noun) in words.enumerated() where j > 0 && ["job", "pipeline"].contains(noun) {
                    let qualifier = words[j - 1]
                    guard qualifier.count >= 3, !ResourceVocabulary.common.contains(qualifier) else { continue }
                    let type = noun == "job" ? "jobs" : "pipelines"
                    let others = context.catalog.entries.filter { entry in
                        entry.reference.type == type && entry.reference != previousResource && (entry.keyWords + entry.nameWords).contains(qualifier)
                    }
                    if others.count == 1 { return .sameForResource(others[0].reference) }
                }
            }
        }
        return continues(text) ? .continuation : .none
    }

    /// "same for prod", "and prod too" (no value of its own): the target the previous request is to be
    /// made for again; nil for any other request.
    public static func repeatedFor(_ context: PlanningContext, session: RefineSession?) -> String? {
        let asksSomething = OfflinePlanner.intents.contains { $0.score(context.request) > 0 }
        guard case .sameFor(let target) = classify(context, session: session, asksSomething: asksSomething),
              givenValue(context.request, targets: context.bundle.targetNames) == nil else { return nil }
        return target
    }

    /// Whether the words name a resource of another kind than `before` (by its name, or a noun of its kind).
    static func mentionsAnotherKind(_ context: PlanningContext, than before: ResourceReference?) -> Bool {
        // (A change of no resource, a variable's: "and sales_prod in prod" is its value for prod.)
        guard let before else { return false }
        if context.catalog.mentions(in: context.request.original).contains(where: { $0.value == .name && $0.key.type != before.type }) { return true }
        let own = Set(ResourceVocabulary.nouns[before.type] ?? [])
        return ResourceVocabulary.nouns.contains { $0.key != before.type && context.request.hasAny($0.value.filter { !own.contains($0) }) }
    }

    /// A part of `resource` the request names that the previous request did not.
    static func partNamed(_ context: PlanningContext, of resource: ResourceReference, notIn previousRequest: String) -> ResourceCatalog.Part? {
        let words = ResourceCatalog.words(context.request.original)
        let before = ResourceCatalog.words(previousRequest)
        return context.catalog.entries.first { $0.reference == resource }?.parts.first {
            ResourceCatalog.names($0, in: words) && !ResourceCatalog.names($0, in: before)
        }
    }

    /// "same for …", "do that in …", "likewise", or a short request that asks nothing of its own
    /// ("and for qa as well", "prod too").
    var isSameForResource: Bool {
        if case .sameForResource = self { return true }
        return false
    }

    static func refersBack(_ text: RequestText, asksSomething: Bool) -> Bool {
        // ("in staging, run as the same service principal as prod": a comparison, a request of its own.)
        let comparison = text.original.range(of: #"(?i)\bthe\s+same\s+(\S+\s+){1,4}as\s+\S"#, options: .regularExpression) != nil
        if (text.has("same") && !comparison) || text.has("likewise") || text.contains("do that") || text.contains("do it") || text.contains("do this") {
            return true
        }
        let marker = text.hasAny(["also", "too"]) || text.contains("as well") || text.words.first == "and" || text.words.first == "now"
            || text.words.first == "for" || text.words.first == "then"
        // ("run the data preparation and feature engineering tasks on the weather cluster too": a request of
        // its own, not understood, rather than the change before again — it said "already defines target prod".)
        return marker && ((!asksSomething && text.words.count <= 9) || text.words.count <= 4)
    }

    static func names(_ text: RequestText, target: String) -> Bool {
        // ("same for prd": prod's other names too.)
        if PlanningContext.aliases(of: target.lowercased()).contains(where: { alias in names(text, exactly: alias) }) { return true }
        return names(text, exactly: target.lowercased())
    }

    static func names(_ text: RequestText, exactly name: String) -> Bool {
        // "and give it a default of dev": a value that is a target's name, not that target.
        if let i = text.words.firstIndex(of: name), i > 0, ["of", "to", "be", "="].contains(text.words[i - 1]),
           text.words[..<i].contains(where: { ["default", "value", "values"].contains($0) }) {
            return false
        }
        return PlanningContext.namesTarget(text, name) || (text.words.count <= 6 && text.has(name))
    }

    /// The words without "even if", "even when", "even though": a condition ("run X even if one of the
    /// forecasts fails"), not "even more" of the change before.
    static func withoutConditionalEven(_ text: RequestText) -> RequestText {
        let plain = text.original.replacingOccurrences(of: #"(?i)\beven\s+(if|when|though|after|on|with|without)\b"#, with: "$1", options: .regularExpression)
        return plain == text.original ? text : RequestText(plain)
    }

    static func continues(_ text: RequestText) -> Bool {
        let text = withoutConditionalEven(text)
        return text.hasAny(["even", "again", "further", "still", "instead", "rather"]) || text.words.first == "and" || text.words.first == "also"
            || text.has("too") || text.contains("as well") || text.has("it") || text.has("that")
            // "make the warehouse Medium there" after "add a prod target": in that target.
            || text.saysThere
    }

    /// "only in prod", "in prod only", "actually just for staging": the previous change, which was for
    /// every target, is to be for that target alone. Nil when the words ask anything else ("only
    /// deploy it to prod" is of the resource: where it is deployed, not the change before).
    public static func onlyIn(_ text: RequestText, targets: [String]) -> String? {
        // "actually not in prod", "but not in prod", "only in dev, not prod": the other target (the one said, or the one
        // left of two), which was read as "actually in dev" and not understood.
        if let said = notIn(text.original, targets: targets) {
            let others = targets.filter { $0 != said.excepted }
            return said.only ?? (others.count == 1 ? others[0] : nil)
        }
        guard text.hasAny(["only", "just", "exclusively"]) else { return nil }
        let allowed: Set<String> = ["in", "for", "to", "on", "the", "target", "only", "just", "exclusively", "but", "actually", "please", "make", "it",
                                    "that", "this", "do", "apply", "change", "instead", "not", "everywhere", "oh", "sorry", "wait", "no", "and", "so",
                                    "i", "meant", "mean", "wanted", "should", "be", "have", "been"]
        var named: [String] = []
        for word in text.words where !allowed.contains(word) {
            guard let target = targets.first(where: { $0.lowercased() == word || PlanningContext.aliases(of: $0.lowercased()).contains(word) }) else { return nil }
            if !named.contains(target) { named.append(target) }
        }
        return named.count == 1 ? named[0] : nil
    }

    /// "actually not in prod", "but not prod", "only in dev, not prod": the target excepted, and the one kept when said.
    static func notIn(_ text: String, targets: [String]) -> (excepted: String, only: String?)? {
        let names = targets.sorted { $0.count > $1.count }.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
        guard !targets.isEmpty, let g = FollowUpRewrites.groups(#"^\s*(?:(?:actually|but|and|no|oh|wait|sorry)[,!.]?\s+)*(?:(?:only|just)\s+(?:in\s+|for\s+)?(?:the\s+)?("# + names
            + #")(?:\s+target)?\s*[,;]?\s*(?:and\s+|but\s+)?)?not\s+(?:in\s+|for\s+|on\s+)?(?:the\s+)?("# + names + #")(?:\s+target)?\s*[.!]?\s*$"#, in: text),
              let excepted = g[1].flatMap({ said in targets.first { $0.lowercased() == said.lowercased() } }) else { return nil }
        let only = g[0].flatMap { said in targets.first { $0.lowercased() == said.lowercased() } }
        return (excepted, only)
    }

    /// Words that say the change before was meant otherwise ("no, …", "actually …", "I meant …").
    static let correctionWords: Set<String> = ["no", "nope", "actually", "meant", "mean", "wrong", "instead", "rather", "oops", "sorry"]

    /// Whether a question's choices are numbered (and a number answers it): options of the bundle
    /// (`--resource`, `--target`) or corrections ("for the cleanup job instead"), two or more; never
    /// example requests, which a number would pick as if they were the bundle's.
    public static func numbered(_ choices: [String]) -> Bool {
        choices.count >= 2 && (choices.allSatisfy { $0.hasPrefix("--") } || choices.allSatisfy { $0.hasPrefix("for the ") && $0.hasSuffix(" instead") })
    }

    /// "no, the staging one", "I meant staging", "actually in qa, not prod", "wrong target: staging": the
    /// previous change, made for the target `from`, was meant for another one. Nil unless the words
    /// correct (a "no", "actually", "meant", "wrong", "instead", "not") and name one other target.
    public static func correctedTarget(_ text: RequestText, targets: [String], from: String) -> String? {
        // ("only in staging" after a change made for prod alone: staging instead.)
        let markers = correctionWords.union(["not", "only", "just"])
        guard text.words.contains(where: markers.contains) else { return nil }
        let allowed: Set<String> = markers.union(["in", "for", "to", "on", "the", "target", "one", "i", "it", "that", "this", "was", "is", "be", "should",
                                                  "have", "been", "supposed", "please", "do", "make", "apply", "change", "but", "and", "so", "wait",
                                                  "than", "of", "there", "env", "environment", "workspace", "deployment", "only", "just", "put"])
        var named: [String] = []
        for word in text.words where !allowed.contains(word) {
            guard let target = targets.first(where: { $0.lowercased() == word || PlanningContext.aliases(of: $0.lowercased()).contains(word) }) else { return nil }
            if !named.contains(target) { named.append(target) }
        }
        let others = named.filter { $0 != from }
        return others.count == 1 ? others[0] : nil
    }

    /// "for the deployment job instead", "no, the ingest job", "I meant the pipeline", "no, the other
    /// job": the previous change, made to `from`, was meant for another resource. Nil unless the words
    /// correct (a "no", "actually", "meant", "instead", …), ask no change of their own, and name one other
    /// resource (by its words, or the one other of the kind said).
    /// Whether a request asked for several changes at once ("a 2 hour timeout on alpha and beta, and pause alpha"):
    /// a correction to another resource cannot move it (alpha's timeout and pause went to beta).
    public static func asksSeveralChanges(_ request: String) -> Bool { CompoundRequest.clauses(request) != nil }

    public static func correctedResource(_ context: PlanningContext, from: ResourceReference) -> ResourceReference? {
        let text = context.request
        let markers = correctionWords
        // (A time or a day is a change of its own: "weekly analytics: mondays 7am instead" moved the retries.)
        guard text.words.contains(where: markers.contains) || text.contains("not that"), text.words.count <= 10,
              OfflinePlanner.intents.allSatisfy({ $0.score(text) < 3 }), ScheduleIntent.score(text) == 0 else { return nil }
        let mentions = context.catalog.mentions(in: text.original).filter { $0.key != from }
        if let strongest = mentions.values.max() {
            let best = mentions.filter { $0.value == strongest }.keys.sorted()
            return best.count == 1 ? best[0] : nil
        }
        for (type, nouns) in ResourceVocabulary.nouns.sorted(by: { $0.key < $1.key }) where text.hasAny(nouns) {
            guard type != from.type || Self.saysAnother(text) else { continue }
            let others = context.catalog.references(ofType: type).filter { $0 != from }
            if others.count == 1 { return others[0] }
        }
        return nil
    }

    /// The choice an answer picks among a question's choices that move the last change to another
    /// resource ("for the batch_inference_job job instead"): by its number ("2", "the second one") or by
    /// the one resource of them the words name ("the batch inference job"); nil otherwise.
    public static func chosenCorrection(_ context: PlanningContext, choices: [String], from: ResourceReference) -> String? {
        guard choices.count >= 2 else { return nil }
        let moves = choices.map { choice in
            choice.hasPrefix("--") ? nil : correctedResource(context.saying(choice), from: from)
        }
        let text = context.request
        if let n = OfflinePlanner.ordinal(text, bare: true), n >= 1, n <= choices.count {
            return moves[n - 1] == nil ? nil : choices[n - 1]
        }
        guard moves.allSatisfy({ $0 != nil }), text.words.count <= 6 else { return nil }
        let named = context.catalog.mentions(in: text.original).filter { moves.contains($0.key) }
        guard let strongest = named.values.max() else { return nil }
        let best = named.filter { $0.value == strongest }.map(\.key)
        guard best.count == 1, let i = moves.firstIndex(of: best[0]) else { return nil }
        return choices[i]
    }

    /// "the other job", "another job", "wrong job", "not that job": another resource than the one changed.
    static func saysAnother(_ text: RequestText) -> Bool {
        text.has("other") || text.has("another") || text.has("wrong") || text.contains("not that")
    }

    /// "no, the other job" where two or more others of that kind are: the others, to ask which; nil for
    /// any other words.
    public static func correctionAmongOthers(_ context: PlanningContext, from: ResourceReference) -> [ResourceReference]? {
        let text = context.request
        let markers = correctionWords
        guard text.words.contains(where: markers.contains) || text.contains("not that"), Self.saysAnother(text), text.words.count <= 8,
              OfflinePlanner.intents.allSatisfy({ $0.score(text) < 3 }), context.catalog.mentions(in: text.original).isEmpty else { return nil }
        let type = ResourceVocabulary.nouns.first { text.hasAny($0.value) }?.key ?? from.type
        let others = context.catalog.references(ofType: type).filter { $0 != from }.sorted()
        return others.count > 1 ? others : nil
    }

    /// The words of a request made to one resource, for another: its key (or its key's words) replaced.
    public static func request(_ previous: String, resource old: ResourceReference, insteadOf new: ResourceReference) -> String {
        var text = previous
        for written in [old.key, old.key.replacingOccurrences(of: "_", with: " ")] {
            text = text.replacingOccurrences(of: written, with: new.key, options: .caseInsensitive)
        }
        return text
    }

    /// The words of a request made for one target, for another: where a word is the old target's name
    /// ("set the schema to gold in prod" → "… in staging"); values holding it as a part stay.
    public static func request(_ previous: String, forTarget old: String, insteadOf new: String) -> String {
        let names = Set([old.lowercased()] + PlanningContext.aliases(of: old.lowercased()))
        return previous.split(separator: " ", omittingEmptySubsequences: false).map { token -> String in
            let core = token.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:!?\"'"))
            guard names.contains(core.lowercased()), let range = token.range(of: core) else { return String(token) }
            return token.replacingCharacters(in: range, with: new)
        }.joined(separator: " ")
    }

    /// "and translink_prod in prod", "same in prod with traffic_prod": the one word of a "same for"
    /// follow-up besides its own words and the target's, which is the value it is to have there.
    public static func givenValue(_ text: RequestText, targets: [String]) -> String? {
        // ("same for dev but max 4", "but at most 4": the number is the value.)
        let own: Set<String> = ["and", "same", "for", "in", "on", "with", "the", "too", "also", "as", "well", "but", "value", "it", "to", "set",
                                "there", "target", "do", "that", "this", "then", "now", "use", "please", "likewise", "of", "instead", "thing",
                                "max", "maximum", "min", "minimum", "at", "most", "least", "up", "only", "just"]
        let names = Set(targets.map { $0.lowercased() }.flatMap { [$0] + PlanningContext.aliases(of: $0) })
        let tokens = text.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:!?\"'")) }
            .filter { !$0.isEmpty && !own.contains($0.lowercased()) && !names.contains($0.lowercased()) }
        // "same for prod but 6 workers", "… but 5 hours": a number with its unit (the 6 was dropped).
        let units: Set<String> = ["hour", "hours", "hr", "hrs", "h", "minute", "minutes", "min", "mins", "m", "day", "days", "worker", "workers",
                                  "retries", "times", "nodes", "node"]
        if tokens.count == 2, Double(tokens[0]) != nil, units.contains(tokens[1].lowercased()) { return tokens[0] + " " + tokens[1] }
        return tokens.count == 1 ? tokens[0] : nil
    }

    /// The request with the target's name replaced where a value holds it as a part (`…/crm/staging`,
    /// `sales_staging`), not where the words name the target ("in staging").
    static func request(_ previous: String, valuesNaming old: String, renamedTo new: String) -> String {
        guard old.lowercased() != new.lowercased(), let part = try? NSRegularExpression(pattern: "(?<=[/_.-])\\Q\(old)\\E(?=$|[/_.-])|^\\Q\(old)\\E(?=[/_.-])", options: [.caseInsensitive]) else { return previous }
        return previous.split(separator: " ", omittingEmptySubsequences: false).map { token -> String in
            let token = String(token)
            guard token.contains(where: { "/_.-".contains($0) }) else { return token }
            return part.stringByReplacingMatches(in: token, range: NSRange(token.startIndex..., in: token), withTemplate: NSRegularExpression.escapedTemplate(for: new))
        }.joined(separator: " ")
    }

    /// The value a "same for …" follow-up gives of its own: "and the silver ones to 2", "and the
    /// evaluation task to 30 minutes", "and semantic-text-splitter==0.15.0 to the visualization task".
    /// "8", "make it 8", "4 hours", "to 90 minutes please": a value alone (a number, with its unit),
    /// which says what it is for only with the request before it. Nil for anything else.
    public static func bareValue(_ text: RequestText) -> String? {
        let filler: Set<String> = ["make", "it", "to", "set", "use", "please", "actually", "then", "ok", "okay", "so", "just", "be", "should", "let's", "lets", "try",
                                   "them", "both", "those", "all", "each"]
        let units: Set<String> = ["hour", "hours", "hr", "hrs", "h", "minute", "minutes", "min", "mins", "m", "second", "seconds", "sec", "secs", "s",
                                  "day", "days", "worker", "workers", "time", "times", "retries", "retry", "gb", "nodes", "node"]
        var value: [String] = []
        for word in text.words where !filler.contains(word) {
            if value.isEmpty, Double(word) != nil || RequestText.numberWords[word] != nil { value.append(word); continue }
            if value.count == 1, units.contains(word) { value.append(word); continue }
            return nil
        }
        return value.isEmpty ? nil : value.joined(separator: " ")
    }

    /// "owner=finance", "team: data": a key and value alone, answering a question that asks for one
    /// (written `key=value`); nil for any other words.
    public static func pairValue(_ text: RequestText) -> String? {
        let said = text.original.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: ".!")))
        guard let match = said.wholeMatch(of: /([A-Za-z_][\w.\-]*)\s*[=:]\s*([^\s=]+)/) else { return nil }
        return "\(match.1)=\(match.2)"
    }

    /// "1234abcd5678ef90", "0123-456789-abcdefgh": one word of letters and digits (an id), answering a
    /// question that asks for one; nil for any other words.
    public static func identifierAnswer(_ text: RequestText) -> String? {
        let said = text.original.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: ".!\"'`")))
        guard !said.contains(" "), said.count >= 6, said.contains(where: \.isNumber), said.contains(where: \.isLetter),
              said.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
        return said
    }

    /// "newbie@example.com", "use ops@x.com", "to ana@example.com please": the one e-mail address said alone,
    /// answering a question; nil for other words.
    public static func addressAnswer(_ text: RequestText) -> String? {
        let tokens = text.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,;!\"'`<>")) }
        let addresses = tokens.filter { $0.contains("@") && $0.contains(".") && !$0.hasPrefix("@") }
        guard addresses.count == 1, tokens.count <= 4,
              tokens.allSatisfy({ addresses.contains($0) || ["use", "to", "please", "it's", "its", "is", "send", "email", "e-mail", "me", "at"].contains($0.lowercased()) }) else { return nil }
        return addresses[0]
    }

    static func ownValue(_ text: RequestText) -> String? {
        let original = text.original
        if let requirement = original.split(separator: " ").map({ $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`")) })
            .first(where: { t in ["==", ">=", "<=", "~="].contains { t.contains($0) } && t.first?.isLetter == true }) {
            return requirement
        }
        let unit = "(?: ?(?:hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s|days?|workers?|retries|retry|times))?"
        // "… to 2", "and 2 for the flood_risk task", "and the gold one 1": the number said with the other part.
        // "and the freshness gate 3 times": a number with its unit at the end.
        for pattern in ["\\bto (\\d+(?:\\.\\d+)?\(unit))\\s*[.!]?$", "^and (\\d+\(unit)) (?:for|on) ", "^and the [a-z0-9_ -]+ (?:one|ones|task|tasks) (\\d+\(unit))\\s*[.!]?$",
                        "^(?:and|also|plus) [a-z0-9_ -]+? (\\d+ ?(?:times|retries|hours?|minutes?|mins?|workers?))\\s*[.!]?$"] {
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]),
                  let match = regex.firstMatch(in: original, range: NSRange(original.startIndex..., in: original)),
                  let range = Range(match.range(at: 1), in: original) else { continue }
            return String(original[range])
        }
        return nil
    }

    /// The previous request with `value` (from `ownValue`) in place of its own: a requirement for a
    /// requirement, a number (with its unit) for the last number; nil when it has no such value.
    static func request(_ previous: String, withOwnValue value: String) -> String? {
        let pattern = value.first?.isLetter == true
            ? "(?<![\\w.-])[A-Za-z][\\w.\\[\\]-]*(?:==|>=|<=|~=)[^\\s,;]+"
            : "(?<![\\w.])\\d+(?:\\.\\d+)?(?: ?(?:hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s|days?|workers?|retries|times)\\b)?(?![\\w.])"
        // A value with its unit ("3 hours") takes the place of a number with a unit, not of one in a name
        // ("a timeout of 2 hours on the formula 1 job": the 2 hours).
        let matches = (try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]))?.matches(in: previous, range: NSRange(previous.startIndex..., in: previous)) ?? []
        let withUnit = matches.filter { match in Range(match.range, in: previous).map { previous[$0].contains(where: \.isLetter) } ?? false }
        let chosen = value.contains(where: \.isLetter) && value.first?.isNumber == true && !withUnit.isEmpty ? withUnit.last : matches.last
        guard let last = chosen, let range = Range(last.range, in: previous) else {
            // "retry the anomaly gate twice", "… three times": a count in words.
            guard value.first?.isNumber == true,
                  let words = try? NSRegularExpression(pattern: "\\b(?:once|twice|thrice|(?:one|two|three|four|five|six|seven|eight|nine|ten) (?:times|retries))\\b", options: [.caseInsensitive]),
                  let last = words.matches(in: previous, range: NSRange(previous.startIndex..., in: previous)).last,
                  let range = Range(last.range, in: previous) else { return nil }
            return previous.replacingCharacters(in: range, with: value.allSatisfy(\.isNumber) ? value + " times" : value)
        }
        // "2" for "3" in "retry 3 times": the unit the previous value had stays when the new one has none.
        var replacement = value
        if value.allSatisfy({ $0.isNumber || $0 == "." }), let unit = previous[range].drop(while: { $0.isNumber || $0 == "." }).nilIfEmpty {
            replacement += unit
        }
        return previous.replacingCharacters(in: range, with: replacement)
    }

    /// The previous request with its value replaced: the word after its last "to", "be", "as", "with"
    /// or "=", or the value of a `key=value`; nil when it has none.
    static func request(_ previous: String, withValue value: String) -> String? {
        var tokens = previous.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        for i in tokens.indices.reversed() {
            let bare = tokens[i].trimmingCharacters(in: CharacterSet(charactersIn: ",.;:!?\"'"))
            if let eq = bare.firstIndex(of: "="), eq != bare.startIndex, bare.index(after: eq) != bare.endIndex, !bare.hasPrefix("${") {
                // "env=dev" for "owner=devisri": a pair of its own takes the pair's place.
                tokens[i] = value.contains("=") ? value : String(bare[...eq]) + value
                return tokens.joined(separator: " ")
            }
            guard i > 0, ["to", "be", "as", "with", "="].contains(tokens[i - 1].lowercased()), !bare.isEmpty,
                  !["the", "a", "an"].contains(bare.lowercased()) else { continue }
            tokens[i] = value
            return tokens.joined(separator: " ")
        }
        return nil
    }
}

private extension Substring {
    var nilIfEmpty: String? { isEmpty ? nil : String(self) }
}
