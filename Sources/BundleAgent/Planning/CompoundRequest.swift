import BundleEditing
import BundleModel
import Foundation

/// A request that asks for several changes at once — "set retries to 3 and turn on Photon", "pause
/// the schedule in dev, then email me at ana@example.com on failure" — planned clause by clause, each
/// on the bundle as the clauses before it left it, and committed as one revision. A clause that is
/// refused or asks a question stops the whole request (nothing is half done).
enum CompoundRequest {
    /// Words that start a clause of their own after "and", "then", "," or ";".
    static let verbs: Set<String> = [
        "add", "set", "make", "use", "enable", "disable", "turn", "remove", "delete", "drop", "change", "run", "schedule", "give", "tag",
        "email", "notify", "retry", "pause", "unpause", "resume", "rename", "switch", "increase", "decrease", "raise", "lower", "reduce",
        "allow", "let", "send", "put", "move", "install", "create", "double", "halve", "scale", "autoscale", "stop", "grant", "publish",
        "exclude", "include", "require", "pin", "deliver", "trigger", "queue", "upgrade", "downgrade", "shrink", "grow", "clear", "alert",
        "warn", "limit", "deploy", "update", "assign", "attach", "bump", "extend", "shorten", "keep", "point", "write", "replace", "swap",
        "pass", "revoke", "deny", "forbid", "untag", "mark",
    ]
    static let joints: Set<String> = ["and", "then", "also", "plus"]

    /// The clauses of the request when it asks for more than one change; nil otherwise.
    static func clauses(_ request: String) -> [String]? {
        // "add variables schema (default bronze), checkpoint (default /Volumes/…)": one list of variables, declared
        // together (the second went into a pipeline's libraries).
        if let list = VariableIntent.declaredList(request), list.count >= 2 { return nil }
        let sentences = Self.sentences(request)
        guard sentences.count > 1 else { return clauses(ofSentence: request) }
        let texts = sentences.flatMap { clauses(ofSentence: $0) ?? [$0.trimmingCharacters(in: CharacterSet(charactersIn: " ,;.!"))] }
        return texts.count > 1 && texts.allSatisfy({ $0.split(separator: " ").count >= 2 }) ? texts : nil
    }

    /// The sentences of a request that each ask a change of their own: "Run the job at 7am. Prod should
    /// email ops@x.com on failure." is two. A sentence that asks nothing on its own ("The dev cluster is
    /// too big.", "Thanks!") or says more of the same change ("Add a schedule. Every day at 6am.") stays
    /// with the one beside it.
    static func sentences(_ request: String) -> [String] {
        let tokens = request.split(whereSeparator: \.isWhitespace).map(String.init)
        let abbreviations: Set<String> = ["e.g.", "i.e.", "etc.", "vs.", "approx.", "incl.", "no.", "min.", "max.", "sec.", "hr.", "hrs.", "mins."]
        var pieces: [[String]] = [[]]
        var inside = false
        for (i, token) in tokens.enumerated() {
            pieces[pieces.count - 1].append(token)
            let marks = token.filter { $0 == "\"" || $0 == "“" || $0 == "”" }.count
            if marks % 2 == 1 { inside.toggle() }
            guard !inside, i + 1 < tokens.count, let last = token.last, ".!?".contains(last), token.count > 1,
                  !abbreviations.contains(token.lowercased()), Double(token.dropLast()) == nil else { continue }
            pieces.append([])
        }
        var sentences: [String] = []
        var intents: [String?] = []
        for piece in pieces where !piece.isEmpty {
            let text = piece.joined(separator: " ")
            let intent = piece.count >= 2 ? bestIntent(text) : nil
            if let previous = intents.last, let before = previous, let intent,
               verbs.contains(piece[0].lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ",;:"))) || before != intent {
                sentences.append(text)
                intents.append(intent)
            } else if sentences.isEmpty {
                sentences.append(text)
                intents.append(intent)
            } else {
                sentences[sentences.count - 1] += " " + text
                intents[intents.count - 1] = intents[intents.count - 1] ?? intent
            }
        }
        return sentences
    }

    /// The clauses of one sentence when it asks for more than one change; nil otherwise.
    static func clauses(ofSentence request: String) -> [String]? {
        // "add a variable env with default dev and description "The environment name"": one variable, its default
        // and description (the description went to the job's).
        if request.range(of: #"(?i)\b(add|create|declare|define|introduce)\s+(a\s+|the\s+|new\s+)*variable\b"#, options: .regularExpression) != nil,
           request.range(of: #"(?i)\b(and|with|,)\s+(a\s+|the\s+|its\s+)?(description|default)\b"#, options: .regularExpression) != nil {
            return nil
        }
        let tokens = request.split(whereSeparator: \.isWhitespace).map(String.init)
        let bare: (String) -> String = { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ",;.:")) }
        var clauses: [[String]] = [[]]
        var i = 0
        // Tokens inside quotes ("Daily numbers, sent weekly") are a value: no clause starts or ends there.
        var quoted: [Bool] = []
        var inside = false
        for token in tokens {
            let marks = token.filter { $0 == "\"" || $0 == "“" || $0 == "”" }.count
            let opens = inside || (marks % 2 == 1 && (token.first == "\"" || token.first == "“"))
            inside = marks % 2 == 1 ? !inside : inside
            quoted.append(opens && inside)
        }
        while i < tokens.count {
            let token = tokens[i]
            let punctuated = (token.hasSuffix(",") || token.hasSuffix(";")) && !quoted[i]
            // "give notebook_task 3 retries with a 10 min timeout": "with a" joins a change of another kind
            // (the retries were dropped); of the same kind ("retry 3 times with a 5 minute wait") it is one.
            // (Not of something new: "add a task report with a 2 hour timeout", "create a job with a schedule" are one.)
            let withJoint = bare(token) == "with" && !quoted[i] && i + 1 < tokens.count && ["a", "an"].contains(bare(tokens[i + 1]))
                && !["add", "create", "new"].contains(bare(clauses.last!.first ?? ""))
            let joint = (joints.contains(bare(token)) && !quoted[i]) || withJoint
            // "add a task categorize after gold and before genai …": one place, between two tasks.
            if joint, i + 1 < tokens.count, bare(tokens[i + 1]) == "before", clauses.last!.map(bare).contains("after") {
                clauses[clauses.count - 1].append(token)
                i += 1
                continue
            }
            if joint || punctuated {
                var j = i + 1
                while j < tokens.count, joints.contains(bare(tokens[j])) { j += 1 }
                // "then" always starts a clause of its own ("add retries, then deploy it to staging").
                let then = tokens[i...min(j, tokens.count) - 1].contains { bare($0) == "then" }
                // "…, and in nonprod pass mode=DEV to flood_risk": a clause that starts with where it applies.
                let scoped = j + 2 < tokens.count && ["in", "for", "on"].contains(bare(tokens[j])) && verbs.contains(bare(tokens[j + 2]))
                // ("… and only let users view": an adverb before the verb starts a clause too.)
                let adverbVerb = j + 1 < tokens.count && ["only", "just", "also", "then"].contains(bare(tokens[j])) && verbs.contains(bare(tokens[j + 1]))
                // ("…, time it out after 3 hours": "time" the verb, "out" a word or three later.)
                let timeOut = j + 2 < tokens.count && bare(tokens[j]) == "time" && tokens[(j + 2)...].prefix(3).contains { bare($0) == "out" }
                if j < tokens.count, verbs.contains(bare(tokens[j])) || then || scoped || adverbVerb || timeOut, !(clauses.last!.isEmpty && joint) {
                    if !joint { clauses[clauses.count - 1].append(String(token.dropLast())) }
                    clauses.append([])
                    i = j
                    continue
                }
                // "run the training job daily at 3am and the evaluation job daily at 5am", "set the timeout of the
                // training job to 2 hours and of the evaluation job to 30 minutes": the words before the first
                // job said again, for the second one with its own value (both got one value, or 3,5 o'clock).
                let rest = tokens[j...].prefix { !joints.contains(bare($0)) }.map { $0 }
                if joint, let borrowed = Self.forAnotherPart(clauses.last!, rest) {
                    clauses.append(borrowed)
                    i = j
                    continue
                }
                if joint, let borrowed = Self.forAnotherNamedPart(clauses.last!, rest) {
                    // (The subject-first form is the whole clause: the rest's words go after it.)
                    if borrowed.first.map(bare) == bare(rest[0]), !verbs.contains(bare(rest[0])) {
                        clauses.append(borrowed)
                        i = j + 1
                    } else {
                        clauses.append(borrowed)
                        i = j
                    }
                    continue
                }
                // "set the catalog variable to a in dev and to b in test": the words before the first "to"
                // again, with the second value and its own target.
                let current = clauses.last! + (joint ? [] : [String(token.dropLast())])
                if j + 3 < tokens.count, bare(tokens[j]) == "to", let to = current.lastIndex(where: { bare($0) == "to" }), to > 0,
                   verbs.contains(bare(current[0])), tokens[(j + 1)...].contains(where: { ["in", "for", "on"].contains(bare($0)) }),
                   current[to...].contains(where: { ["in", "for", "on"].contains(bare($0)) }) {
                    clauses[clauses.count - 1] = current
                    clauses.append(Array(current[..<to]))
                    i = j
                    continue
                }
                // "add retries and a 1 hour timeout", "set max retries to 3 and timeout to 30 minutes": the
                // clause before lends its verb, when the rest asks for something else.
                // ("autoscale between 2 and 6 workers" is one range, not two requests.)
                // (The word before the joint: "retries," in "5 retries, 45 min timeout" is no number of a range.)
                let lastWord = joint ? clauses.last!.last ?? "" : token
                let range = clauses.last!.map(bare).contains("between") || (Int(bare(lastWord)) != nil && j < tokens.count && Int(bare(tokens[j])) != nil)
                // (The verb after a scope said first: "in prd set catalog var to cp and …", "for prd: give …".)
                let opening = clauses.last!.prefix(4)
                let scopeFirst = opening.first.map { ["in", "for", "on"].contains(bare($0)) || $0.hasSuffix(":") } ?? false
                let leadingVerb = clauses.last!.first.flatMap { verbs.contains(bare($0)) ? $0 : nil }
                    ?? (scopeFirst ? opening.dropFirst().first { verbs.contains(bare($0)) } : nil)
                if j < tokens.count, !range, ["a", "an"].contains(bare(tokens[j])) || j + 1 < tokens.count && !verbs.contains(bare(tokens[j])),
                   let verb = leadingVerb {
                    let current = clauses.last! + (joint ? [] : [String(token.dropLast())])
                    var end = j
                    while end < tokens.count, !joints.contains(bare(tokens[end])), !tokens[end].hasSuffix(",") { end += 1 }
                    let borrowed = [verb] + tokens[j..<min(end + (end < tokens.count && tokens[end].hasSuffix(",") ? 1 : 0), tokens.count)]
                    // "set node_type_id var to i3.2xlarge in prd and schema var to lakehouse_demo_prd": two settings
                    // of one kind, each with its own name and value (the second value went into the first).
                    func setting(_ words: [String]) -> String? {
                        let lowered = words.map(bare)
                        guard let to = lowered.firstIndex(of: "to"), to > 1, to + 1 < lowered.count else { return nil }
                        return lowered[..<to].last { !["var", "variable", "param", "parameter", "the", "default", "value", "of"].contains($0) }
                    }
                    var twoSettings = setting(current).map { first in setting(borrowed).map { $0 != first && !current.map(bare).contains($0) } ?? false } ?? false
                    // "let data-eng manage the job, and analysts view it": two grants, each its own who and level (the
                    // second was dropped without a word).
                    let levels: Set<String> = ["view", "read", "manage", "run", "edit", "use", "query", "monitor", "own", "attach", "restart"]
                    if bare(verb) == "let" || bare(verb) == "allow", current.dropFirst().contains(where: { levels.contains(bare($0)) }),
                       borrowed.dropFirst().contains(where: { levels.contains(bare($0)) }) {
                        twoSettings = true
                    }
                    if let before = bestIntent(current.joined(separator: " ")), let after = bestIntent(borrowed.joined(separator: " ")), before != after || twoSettings {
                        clauses[clauses.count - 1] = current
                        clauses.append([verb])
                        i = j
                        continue
                    }
                }
                // "model monitoring every 6 hours please, and the governance one should time out after 45
                // minutes": after a comma and a joint, words that ask a change of another kind, with no verb
                // to lend (the first words have none).
                if punctuated, j > i + 1 || !joint, j < tokens.count, !range {
                    let current = clauses.last! + [String(token.dropLast())]
                    var end = j
                    while end < tokens.count, !tokens[end].hasSuffix(",") && !tokens[end].hasSuffix(";") { end += 1 }
                    let next = tokens[j..<min(end + 1, tokens.count)].joined(separator: " ")
                    if current.count >= 2, tokens[j..<min(end + 1, tokens.count)].count >= 3,
                       let before = bestIntent(current.joined(separator: " ")), let after = bestIntent(next), before != after {
                        clauses[clauses.count - 1] = current
                        clauses.append([])
                        i = j
                        continue
                    }
                }
            }
            clauses[clauses.count - 1].append(token)
            i += 1
        }
        var texts = clauses.map { $0.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " ,;.")) }
        // "stop the success emails, keep the failure ones": what stays as it is, said of the change before it.
        for index in texts.indices.dropFirst().reversed() {
            let words = texts[index].lowercased().split(separator: " ")
            if let first = words.first, ["keep", "leave"].contains(first), bestIntent(texts[index]) == nil {
                texts[index - 1] += ", " + texts[index]
                texts.remove(at: index)
            }
        }
        // "it shouldn't be single node anymore, use 4 workers": the first words say what the second do
        // (workers end a single-node cluster); one request.
        if texts.contains(where: { SingleNodeIntent.saysAway(RequestText($0)) && !$0.contains(where: \.isNumber) }),
           texts.contains(where: { RequestText($0).hasAny(["workers", "worker", "autoscale", "autoscaling"]) }) {
            return nil
        }
        return texts.count > 1 && texts.allSatisfy({ $0.split(separator: " ").count >= 2 }) ? texts : nil
    }

    /// The words of `clause` before the part it names (`the training job`, `of the train task`), when `rest` names
    /// another part of that kind with a value of its own (`of the evaluation job to 30 minutes`); nil otherwise.
    static func forAnotherPart(_ clause: [String], _ rest: [String]) -> [String]? {
        let bare: (String) -> String = { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ",;.:")) }
        let nouns: Set<String> = ["job", "task", "pipeline", "step", "workflow"]
        let lead: Set<String> = ["of", "for", "on", "to", "in", "the"]
        let words = rest.map(bare), said = clause.map(bare)
        let leading = words.prefix { lead.contains($0) }.count
        guard leading > 0, words.count > leading + 2, nouns.contains(words[leading + 1]), words.contains(where: { $0.contains(where: \.isNumber) }),
              said.first.map(verbs.contains) == true, said.contains(where: { $0.contains(where: \.isNumber) }) else { return nil }
        let noun = words[leading + 1], name = words[leading]
        // The same kind of part, by another name, after the same leading words ("of the", "the").
        guard let at = said.indices.first(where: { $0 >= leading + 1 && said[$0] == noun }), said[at - 1] != name,
              Array(said[(at - 1 - leading)..<(at - 1)]) == Array(words.prefix(leading)), at - 1 - leading >= 1 else { return nil }
        return Array(clause.prefix(at - 1 - leading))
    }

    /// `forAnotherPart` for parts named without their noun: "set the timeout of billing to 2 hours" + "of ingest to 30
    /// minutes", "run billing daily at 3am" + "the ingest job daily at 5am", "retry load twice" + "publish 4 times", and
    /// the subject first: "nightly should time out after 45 min" + "ingest after 10 minutes". The clause for the second
    /// part, or nil.
    static func forAnotherNamedPart(_ clause: [String], _ rest: [String]) -> [String]? {
        let bare: (String) -> String = { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ",;.:")) }
        let nouns: Set<String> = ["job", "task", "pipeline", "step", "workflow"]
        let lead: Set<String> = ["of", "for", "on", "to", "in", "the"]
        let numberWords: Set<String> = ["once", "twice", "thrice", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        let valued: (String) -> Bool = { $0.contains(where: \.isNumber) || numberWords.contains($0) }
        let words = rest.map(bare), said = clause.map(bare)
        guard words.contains(where: valued), said.contains(where: valued), said.count >= 3, words.count >= 2 else { return nil }
        let leading = words.prefix { lead.contains($0) }.count
        guard leading < words.count else { return nil }
        let name = words[leading]
        guard !verbs.contains(name), !lead.contains(name), !valued(name) else { return nil }
        // The words after the second name (its noun skipped).
        let after = leading + 1 < words.count && nouns.contains(words[leading + 1]) ? leading + 2 : leading + 1
        guard after < words.count else { return nil }
        let next = words[after]
        let alike: (String) -> Bool = { $0 == next || (valued($0) && valued(next)) }
        if verbs.contains(said[0]) {
            // The first name right after the leading words the rest repeats, or after the verb.
            let leadWords = Array(words.prefix(leading)).filter { $0 != "the" }
            for at in 1..<(said.count - 1) where said[at] != name && !lead.contains(said[at]) && !nouns.contains(said[at]) {
                let following = at + 1 < said.count && nouns.contains(said[at + 1]) ? at + 2 : at + 1
                guard following < said.count, alike(said[following]) else { continue }
                let before = Array(said[..<at]).filter { $0 != "the" }
                if leadWords.isEmpty {
                    // "run billing …" / "the ingest job …": the verb alone is lent.
                    guard at == 1 || (at == 2 && said[1] == "the") else { continue }
                    return [clause[0]]
                }
                guard before.count >= leadWords.count, Array(before.suffix(leadWords.count)) == leadWords else { continue }
                let start = at - (said[at - 1] == "the" ? 1 : 0) - leadWords.count
                guard start >= 1 else { continue }
                return Array(clause.prefix(start))
            }
            return nil
        }
        // The subject first: the words between it and the word the rest goes on with.
        guard leading == 0, let m = said.indices.dropFirst(2).first(where: { said[$0] == next }) else { return nil }
        return [rest[0]] + Array(clause[1..<m])
    }

    static func path(of operation: EditOperation) -> EditPath {
        switch operation {
        case .set(let path, _), .append(let path, _), .delete(let path): return path
        }
    }

    /// Who a clause names: e-mail addresses, and the word after "group", "user", "team" or "principal".
    static func named(in clause: String) -> [String] {
        let tokens = clause.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;.:\"'`")) }
        var out = tokens.filter { $0.contains("@") }
        for (i, token) in tokens.enumerated() where i + 1 < tokens.count && ["group", "user", "team", "principal"].contains(token.lowercased()) {
            let next = tokens[i + 1]
            if !["the", "a", "an", "of", "to", "and"].contains(next.lowercased()) { out.append(next) }
        }
        return out
    }

    /// A target said once for the whole request is each clause's: at the end ("set catalog to x,
    /// warehouse_id to y and slack_id to z in dev": the catalog too, never its default; "…, prod
    /// only") or at the start ("in dev, set catalog to x and warehouse_id to y": a clause of its own,
    /// which was dropped; "in prod only, …", "for prod: add retries and …", "prod only: …").
    /// Clauses that name a target of their own keep it.
    static func scoped(_ clauses: [String], targets: [String]) -> [String] {
        // "in the populate_all_data job, run portfolio after smart_claims": the resource said first, alone, is
        // each other clause's (it was "not understood" as a clause of its own).
        if clauses.count > 1, let first = clauses.first, bestIntent(first) == nil,
           first.range(of: #"(?i)^(in|for|on|within)\s+(the\s+)?\S+(\s+\S+){0,3}\s+(job|pipeline|workflow|app|dashboard|endpoint|warehouse)$"#, options: .regularExpression) != nil {
            return scoped(clauses.dropFirst().map { $0 + " " + first }, targets: targets)
        }
        guard clauses.count > 1, !targets.isEmpty else { return clauses }
        // (Their usual other names too: "in prd" for prod.)
        let names = Set(targets.flatMap { [$0] + PlanningContext.aliases(of: $0.lowercased()) })
        let alternatives = names.sorted { $0.count > $1.count }.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
        // (A usual target the bundle lacks counts: "… and to qa in qa" is for qa, refused, never the first clause's prod.)
        func named(_ clause: String) -> String? {
            targets.first { PlanningContext.namesTarget(RequestText(clause), $0.lowercased()) }
                ?? PlanningContext.usualTargetNames.first { usual in
                    PlanningContext.namesTargetExplicitly(RequestText(clause), usual) || RequestText(clause).contains("the \(usual) target")
                }
        }
        let list = "(?:\(alternatives))(?:\\s*,\\s*(?:\(alternatives)))*(?:\\s*,?\\s+(?:and|&)\\s+(?:\(alternatives)))?"
        // "in prod", "only in prod", "in prod only", "for the prod target", "prod only".
        let scope = "(?:(?:only\\s+)?(?:in|for|on)\\s+(?:the\\s+|both\\s+)?(\(list))(?:\\s+targets?)?(?:\\s+only)?|(\(list))(?:\\s+targets?)?\\s+only)"
        func phrase(_ text: String, _ match: NSTextCheckingResult) -> String {
            let range = [1, 2].compactMap { Range(match.range(at: $0), in: text) }.first
            return "in " + (range.map { String(text[$0]) } ?? "")
        }
        let options: NSRegularExpression.Options = [.caseInsensitive]
        // The scope alone, first ("in prod only, email … and schedule …").
        if let first = clauses.first, let alone = try? NSRegularExpression(pattern: "^\(scope)$", options: options),
           let match = alone.firstMatch(in: first, range: NSRange(first.startIndex..., in: first)) {
            let said = phrase(first, match)
            return clauses.dropFirst().map { named($0) == nil ? $0 + " " + said : $0 }
        }
        // The scope leading the first clause, with a colon ("for prod: add retries and set a timeout"), or
        // before its verb ("in prd set catalog var to cp and secret_scope var to sp").
        if let first = clauses.first, let leading = try? NSRegularExpression(pattern: "^\(scope)\\s*(?::\\s*|,\\s*|\\s+(?=(?:\(verbs.sorted().joined(separator: "|")))\\b))", options: options),
           let match = leading.firstMatch(in: first, range: NSRange(first.startIndex..., in: first)),
           let range = Range(match.range, in: first), clauses.dropFirst().allSatisfy({ named($0) == nil }) {
            let said = phrase(first, match)
            return [String(first[range.upperBound...]) + " " + said] + clauses.dropFirst().map { $0 + " " + said }
        }
        // "set node_type_id var to i3.2xlarge in prd and schema var to lakehouse_demo_prd": a scope ending the
        // first clause is the later ones' of the same kind that name none (the schema asked which target, and
        // the request read whole put the schema's value into node_type_id).
        if clauses.count > 1, let first = clauses.first, let trailing = try? NSRegularExpression(pattern: "[\\s,]+\(scope)\\s*$", options: options),
           let match = trailing.firstMatch(in: first, range: NSRange(first.startIndex..., in: first)), let kind = bestIntent(first),
           clauses.dropFirst().allSatisfy({ named($0) == nil && bestIntent($0) == kind }) {
            let said = phrase(first, match)
            return [first] + clauses.dropFirst().map { $0 + " " + said }
        }
        // "… in dev" (or "in test and prod", ", prod only") ending the last clause, no other clause naming a target.
        // Not when the last clause is about what the one before made ("run it monthly at 9 and pause it in
        // dev": the schedule is every target's, dev pauses it), nor a pause, which is one target's by nature.
        guard let last = clauses.last, let trailing = try? NSRegularExpression(pattern: "[\\s,]+\(scope)\\s*$", options: options),
              let match = trailing.firstMatch(in: last, range: NSRange(last.startIndex..., in: last)),
              clauses.dropLast().allSatisfy({ named($0) == nil }),
              !(RequestText(last).hasAny(["it", "them"]) && bestIntent(last) == SchedulePauseIntent.id) else { return clauses }
        let said = phrase(last, match)
        return clauses.dropLast().map { $0 + " " + said } + [last]
    }

    /// The intent a clause asks for most, if any.
    /// "give etl 8 workers but keep dev as it is", "…, dev unchanged": the request without its tail that
    /// keeps a target, and that target; nil for other words.
    static func keptTargetTail(_ text: String, targets: [String]) -> (rest: String, kept: String)? {
        let names = targets.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
        guard !names.isEmpty else { return nil }
        let patterns = [
            #"[,;]?\s+(?:but\s+|and\s+|while\s+)?(?:keep|leave)\s+(?:the\s+)?(\#(names))(?:\s+target)?\s+(?:as it is|as is|alone|unchanged|the same|untouched|at\s+\S+)\s*[.!]?$"#,
            #"[,;]\s*(?:but\s+|and\s+|while\s+)?(?:the\s+)?(\#(names))(?:\s+target)?\s+(?:stays|remains|keeps|is|stays)?\s*(?:unchanged|the same|as it is|as is|untouched|alone|at\s+\S+)\s*[.!]?$"#,
            #"\s+(?:but\s+)?(?:don'?t|do not)\s+(?:touch|change)\s+(?:the\s+)?(\#(names))(?:\s+target)?\s*[.!]?$"#,
            // "…, not in dev", "without touching dev", "leaving dev untouched", "with dev unchanged", "dev should stay as it is".
            #"[,;]?\s+(?:but\s+)?not\s+(?:in\s+|for\s+|on\s+)?(?:the\s+)?(\#(names))(?:\s+target)?\s*[.!]?$"#,
            #"[,;]?\s+without\s+(?:touching|changing)\s+(?:the\s+)?(\#(names))(?:\s+target)?\s*[.!]?$"#,
            #"[,;]?\s+(?:leaving|keeping)\s+(?:the\s+)?(\#(names))(?:\s+target)?\s+(?:untouched|unchanged|alone|as it is|as is)\s*[.!]?$"#,
            #"[,;]?\s+with\s+(?:the\s+)?(\#(names))(?:\s+target)?\s+(?:untouched|unchanged|as it is|as is)\s*[.!]?$"#,
            #"[,;]?\s+(?:but\s+|and\s+)?(?:the\s+)?(\#(names))(?:\s+target)?\s+(?:should|must|can|will)\s+(?:stay|remain|be left)\s+(?:as it is|as is|unchanged|the same|alone|untouched)\s*[.!]?$"#,
        ]
        for pattern in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]),
                  let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                  let whole = Range(match.range, in: text), let target = Range(match.range(at: 1), in: text) else { continue }
            let rest = String(text[..<whole.lowerBound]).trimmingCharacters(in: CharacterSet(charactersIn: " ,;"))
            guard !rest.isEmpty, let name = targets.first(where: { $0.lowercased() == text[target].lowercased() }) else { continue }
            return (rest, name)
        }
        return nil
    }

    /// "dev stays at 2", "the dev target keeps its 2 workers", "leave dev as it is": a target keeping
    /// what it has.
    static func keeps(_ clause: String, targets: [String]) -> Bool {
        let names = targets.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
        guard !names.isEmpty else { return false }
        let staying = #"^(and |but |while |with )?(the )?(\#(names))( target)? (stays|remains|keeps|stay|remain|keep|is unchanged|stays unchanged|stays the same|unchanged|as is|as it is)\b"#
        let leaving = #"^(and |but )?(leave|keep) (the )?(\#(names))( target)? (at|as|alone|unchanged|the same|as is|as it is)\b"#
        // (A clause without a verb of its own is given the first clause's: "use dev stays at 2".)
        let words = clause.split(separator: " ")
        let bare = words.count > 1 && verbs.contains(words[0].lowercased()) && !["leave", "keep"].contains(words[0].lowercased()) ? words.dropFirst().joined(separator: " ") : clause
        return [clause, bare].contains { said in
            said.range(of: staying, options: [.regularExpression, .caseInsensitive]) != nil || said.range(of: leaving, options: [.regularExpression, .caseInsensitive]) != nil
        }
    }

    static func bestIntent(_ clause: String) -> String? {
        let text = RequestText(clause)
        return OfflinePlanner.intents.map { ($0.id, $0.score(text)) }.filter { $0.1 > 0 }.max { $0.1 < $1.1 }?.0
    }

    /// Plans each clause in turn; nil when some clause is no request on its own (the request is then
    /// planned whole).
    static func plan(_ clauses: [String], _ context: PlanningContext, planner: OfflinePlanner, matched: Bool = false) -> (PlanOutcome, intent: String?)? {
        // "…, dev stays at 2", "but leave dev alone": what a target keeps is no change (its "at 2" was a
        // schedule at 02:00).
        let kept = clauses.filter { keeps($0, targets: context.bundle.targetNames) }
        if !kept.isEmpty {
            let rest = clauses.filter { !kept.contains($0) }
            guard !rest.isEmpty else { return nil }
            var request = rest.joined(separator: " and ")
            // "give etl 8 workers but keep dev as it is": the change for the other targets (dev alone was
            // changed), unless the words name the target themselves ("… in prod only, dev stays at 2").
            let keptTargets = context.bundle.targetNames.filter { name in kept.contains { PlanningContext.namesTarget(RequestText($0), name.lowercased()) } }
            let others = context.bundle.targetNames.filter { !keptTargets.contains($0) }
            if context.targetOption == nil, !keptTargets.isEmpty, !others.isEmpty,
               !context.bundle.targetNames.contains(where: { PlanningContext.namesTarget(RequestText(request), $0.lowercased()) }) {
                request += " in " + (others.count == 1 ? others[0] : others.dropLast().joined(separator: ", ") + " and " + others.last!)
            }
            return planner.plan(context.saying(request), preferring: nil)
        }
        if !matched, let each = sameChangeForEach(clauses, context, planner: planner) { return each }
        let clauses = scoped(clauses, targets: context.bundle.targetNames)
        let unmatched = matched ? [] : clauses.filter { clause in !OfflinePlanner.intents.contains { $0.score(RequestText(clause)) > 0 } }
        guard unmatched.isEmpty else { return ignoring(unmatched, of: clauses, context, planner: planner) }
        // A resource the request names once ("add retries and a timeout of 1 hour on the sales sync") is
        // what clauses that name none are about.
        let mentions = context.catalog.mentions(in: context.request.original)
        let strongest = mentions.values.max()
        let named = mentions.filter { $0.value == strongest }.keys
        let shared = named.count == 1 ? named.first : nil
        var bundle = context.bundle
        var changed: [String: String] = [:]
        var created: Set<String> = []
        var removed: Set<String> = []
        var plans: [Plan] = []
        var intents: [String] = []
        var asAsked: [String] = []
        for clause in clauses {
            // ("set a timeout on every job and retry the setup task": every job is every job, not the one named later.)
            let saysEvery = RequestText(clause).hasAny(["every", "all", "each"])
            // "add a check task … that runs dq.py, and retry it 3 times": "it" is the task just added.
            // "retry the geocode task 5 times and pass mode=DEV to it": "it" is the one task the clause before named.
            var clause = clause
            let saysIt = RequestText(clause).hasAny(["it", "them", "its", "their"])
            let position = clauses.firstIndex(of: clause)
            // "add a prod target and set the catalog to payments_prod there": "there" is the target the
            // clause before adds or names (it was asked which target "there" is).
            if let position, position > 0, RequestText(clause).saysThere {
                let earlier = RequestText(clauses[position - 1])
                if let target = AddTargetIntent.newTargetName(earlier) ?? context.bundle.targetNames.first(where: { FollowUp.names(earlier, target: $0) }) {
                    clause = clause.replacingOccurrences(of: #"\bthere\b"#, with: "in \(target)", options: [.regularExpression, .caseInsensitive])
                }
            }
            let before = position.flatMap { $0 > 0 ? clauses[$0 - 1] : nil }
            let it = try? NSRegularExpression(pattern: "\\b(it|its|that task|this task|the new task)\\b", options: [.caseInsensitive])
            if let before, let it, it.firstMatch(in: clause, range: NSRange(clause.startIndex..., in: clause)) != nil {
                var task: String?
                if intents.last == AddTaskIntent.id { task = AddTaskIntent.addedKey(before) }
                if task == nil, let job = plans.last?.resource ?? shared, job.type == "jobs" {
                    let named = PlanningContext(bundle: bundle, request: RequestText(before)).namedParts(.task, of: job)
                    if named.count == 1 { task = named[0] }
                }
                if let task {
                    // ("bump its timeout": the task's, not the job's.)
                    clause = clause.replacingOccurrences(of: #"\bits\s+(\w+)"#, with: "the $1 of the \(task) task", options: [.regularExpression, .caseInsensitive])
                    clause = it.stringByReplacingMatches(in: clause, range: NSRange(clause.startIndex..., in: clause), withTemplate: "the \(task) task")
                } else if let resource = plans.last?.resource, !context.catalog.mentions(in: clause).values.contains(.name),
                          clause.range(of: #"\bit\b"#, options: [.regularExpression, .caseInsensitive]) != nil {
                    // "let the data-engineers group manage the lakehouse pipeline, and let analysts view it":
                    // "it" is the resource the clause before changed.
                    clause = clause.replacingOccurrences(of: #"\bit\b"#, with: "the \(resource.key) \(ResourceVocabulary.singular(resource.type))",
                                                         options: [.regularExpression, .caseInsensitive])
                }
            } else if let before, intents.last == AddTaskIntent.id, let added = AddTaskIntent.addedKey(before), let job = plans.last?.resource, job.type == "jobs",
                      RequestText(clause).hasAny(["retry", "retries", "timeout", "retried", "run_if", "parameter", "parameters"]),
                      PlanningContext(bundle: bundle, request: RequestText(clause)).namedParts(.task, of: job).isEmpty {
                // "add a task that runs x.py after bronze, with 2 retries": the retries are the new task's.
                clause += " on the \(added) task"
            } else if let before, [TaskRetriesIntent.id, JobTimeoutIntent.id].contains(intents.last ?? ""),
                      [TaskRetriesIntent.id, JobTimeoutIntent.id].contains(bestIntent(clause) ?? ""),
                      !RequestText(clause).hasAny(["job", "jobs", "workflow", "task", "tasks", "step", "steps", "every", "all"]),
                      let job = plans.last?.resource ?? plans.last?.job.map({ ResourceReference(type: "jobs", key: $0) }), job.type == "jobs",
                      // (Nor of another job: "retry train 2 times and evaluate 4 times", evaluate being another job's.)
                      context.catalog.references(ofType: "jobs").allSatisfy({ PlanningContext(bundle: bundle, request: RequestText(clause)).namedParts(.task, of: $0).isEmpty }) {
                // "give land_s3 3 retries and a 20m timeout": the timeout is that task's too (it was the job's,
                // cutting its 6 tasks off after 20 minutes).
                let named = PlanningContext(bundle: bundle, request: RequestText(before)).namedParts(.task, of: job)
                if named.count == 1 { clause += " on the \(named[0]) task" }
            }
            let added = intents.last == AddTargetIntent.id ? plans.last?.target ?? before.flatMap { AddTargetIntent.newTargetName(RequestText($0)) } : nil
            if let added, context.targetOption == nil, !bundle.targetNames.contains(where: { PlanningContext.namesTarget(RequestText(clause), $0.lowercased()) }) {
                clause += " for \(added)"
            }
            var step = PlanningContext(bundle: bundle, request: RequestText(clause), targetOption: context.targetOption,
                                       resourceOption: context.resourceOption,
                                       defaultResource: saysEvery ? nil : plans.last?.resource ?? shared ?? context.defaultResource)
            // A target an earlier clause added is what the later ones are about ("add a qa target and make it production mode").
            // (The add's plan names no target of its own: the name its words give, said in the clause when it names
            // none: "add prod target, production mode" asked which target, offering prod, which was not there yet.)
            step.defaultTarget = intents.last == AddTargetIntent.id ? added : context.defaultTarget
            // "run the etl daily at 2am in staging and pause it": "it" is what the clause before made, where
            // it made it (prod's schedule was paused).
            if let before = plans.last, let target = before.target, step.defaultTarget == nil, saysIt,
               !context.bundle.targetNames.contains(where: { PlanningContext.namesTarget(RequestText(clause), $0.lowercased()) }) {
                step.defaultTarget = target
            }
            let (outcome, intent) = planner.plan(step, preferring: nil)
            // A clause the bundle already is as asked for changes nothing, and the others go on.
            if case .refused(let reason) = outcome, PlanOutcome.isAsAsked(reason) {
                asAsked.append("\"\(clause)\": \(reason)")
                continue
            }
            guard case .plan(let plan) = outcome else {
                // Read whole, the request may be one change after all ("let everyone view and run the job"):
                // when the whole is what its first clause is about.
                // Not when the whole is only what the clauses before did: the clause would be dropped unsaid
                // ("turn on photon and make the cluster bigger" on a single-node cluster).
                // Not when the whole leaves out someone the clause names: "let X view both jobs, and let the group
                // ops manage them" read whole gave ops' level to X.
                let whole = planner.planWhole(context, preferring: nil)
                // Nor when it undoes what a clause before it did ("rename the alert-generation task to send_alerts and
                // run the dashboard after it" read whole renamed the dashboard): the whole must make their edits too.
                if case .plan(let wholePlan) = whole.0, whole.intent != nil, whole.intent == (intents.first ?? intent),
                   wholePlan.summary != plans.map(\.summary).joined(separator: " "),
                   Self.named(in: clause).allSatisfy({ wholePlan.summary.lowercased().contains($0.lowercased()) }),
                   plans.allSatisfy({ plan in plan.edits.allSatisfy { edit in
                       edit.operations.allSatisfy { op in wholePlan.edits.contains { $0.file == edit.file && $0.operations.contains { Self.path(of: $0) == Self.path(of: op) } } }
                   } }) { return nil }
                return (Self.stopped(outcome, clause: clause, done: plans), intent)
            }
            let current = changed
            let base = bundle.source
            let texts: [String: String]
            do {
                texts = try plan.contents ?? OfflinePlanner.apply(plan) { file in
                    if let text = current[file] { return text }
                    guard let data = try base.read(file) else { throw CocoaError(.fileNoSuchFile) }
                    return String(decoding: data, as: UTF8.self)
                }
                for (file, text) in texts { changed[file] = text }
                created.formUnion(plan.createdFiles.filter { context.bundle.source.read(orNil: $0) == nil })
                removed.formUnion(plan.removedFiles)
                var combined = Plan(subject: "", summary: "", edits: [])
                combined.removedFiles = removed
                let overlay = OverlayFileSource(base: context.bundle.source, overrides: combined.files(changed))
                bundle = try BundleLoader(source: overlay).load()
            } catch {
                return (.refused("\"\(clause)\": \(error)"), intent)
            }
            plans.append(plan)
            intents.append(intent ?? "")
        }
        if plans.isEmpty { return (.refused("nothing to change: " + asAsked.joined(separator: "; ")), intents.last) }
        let unchanged = asAsked.isEmpty ? "" : " Nothing to change for " + asAsked.joined(separator: "; ") + "."
        let targets = Set(plans.map(\.target))
        // (The same subject twice — one change for each of two clusters — is said once.)
        var subjects: [String] = []
        for plan in plans where !subjects.contains(plan.subject) { subjects.append(plan.subject) }
        var combined = Plan(subject: subjects.joined(separator: "; "), summary: plans.map(\.summary).joined(separator: " ") + unchanged,
                            target: targets.count == 1 ? plans[0].target : nil, resource: plans.last?.resource, edits: plans.flatMap(\.edits))
        combined.contents = changed
        combined.createdFiles = created
        combined.removedFiles = removed
        return (.plan(combined), intents.last)
    }

    /// "add 2 retries to sales-etl and weekly report", "pause the etl job and the alert": the clauses after
    /// the first only name resources (with the first's verb at most), so the first clause's change is
    /// planned for each resource named, in one revision; nil for other requests. (The words of a name
    /// were read as a change of their own: "weekly report" rescheduled the job, "the alert" was dropped.)
    static func sameChangeForEach(_ clauses: [String], _ context: PlanningContext, planner: OfflinePlanner) -> (PlanOutcome, intent: String?)? {
        guard clauses.count > 1, context.resourceOption == nil, let first = clauses.first,
              !RequestText(first).hasAny(["after", "before", "between", "depend", "depends", "wait", "waits", "upstream", "downstream"]) else { return nil }
        let verb = first.split(separator: " ").first.map { $0.lowercased() } ?? ""
        var references: [ResourceReference] = []
        // "add 2 retries to customer sync and daily kpis and a 1 hour timeout": clauses after the names that
        // name nothing are each one's too (the names' words were read as a change: "daily" rescheduled).
        var rest: [String] = []
        for clause in clauses.dropFirst() {
            if rest.isEmpty, let named = namedOnly(clause, verb: verb, context.catalog) {
                references.append(named)
                continue
            }
            guard !references.isEmpty, !context.catalog.mentions(in: clause).values.contains(.name) else { return nil }
            // ("… and a 1 hour timout": words no change reads, said as such; the names before were read as a change,
            // "daily kpis" a daily schedule.)
            guard bestIntent(clause) != nil else {
                return (.notUnderstood(message: "I did not understand \"\(clause)\", so nothing was changed. Say it in other words, or ask for \"\(first)\" and the names alone.",
                                       examples: planner.closestExamples(to: RequestText(clause))), nil)
            }
            rest.append(clause)
        }
        guard Set(references).count == references.count else { return nil }
        var firstNamed = context.catalog.mentions(in: first).filter { $0.value == .name }.map(\.key)
        // ("pause the alert and the etl job": the one alert.)
        if firstNamed.isEmpty, let one = namedOnly(first, verb: verb, context.catalog) { firstNamed = [one] }
        var plans: [Plan] = []
        var asAsked: [String] = []
        var intent: String?
        let every = EveryResource.types(in: RequestText(first))
        if firstNamed.isEmpty, !every.isEmpty, references.allSatisfy({ !every.contains($0.type) }) {
            guard rest.isEmpty else { return nil }
            // "pause all jobs and the late orders alert": the first clause as it is, then each one named.
            let (outcome, chosen) = planner.plan(context.saying(first), preferring: nil)
            if case .refused(let reason) = outcome, PlanOutcome.isAsAsked(reason) {
                asAsked.append("\"\(first)\": \(reason)")
            } else {
                guard case .plan(let plan) = outcome else { return (stopped(outcome, clause: first, done: []), chosen) }
                guard plan.contents == nil else { return nil }
                plans.append(plan)
            }
            intent = chosen
        } else {
            guard firstNamed.count == 1, !references.contains(firstNamed[0]) else { return nil }
            references.insert(firstNamed[0], at: 0)
        }
        let changes = rest.isEmpty ? [first] : scoped([first] + rest, targets: context.bundle.targetNames)
        for reference in references {
            for change in changes {
                var one = PlanningContext(bundle: context.bundle, request: RequestText(change), targetOption: context.targetOption,
                                          resourceOption: reference.description, defaultResource: reference)
                one.defaultTarget = context.defaultTarget
                let (outcome, chosen) = planner.planWhole(one, preferring: nil)
                let said = "the \(reference.key) \(ResourceVocabulary.singular(reference.type))"
                if case .refused(let reason) = outcome, PlanOutcome.isAsAsked(reason) {
                    asAsked.append("\(said): \(reason)")
                    continue
                }
                guard case .plan(let plan) = outcome else {
                    return (stopped(outcome, clause: "\(change) (for \(said))", done: plans), chosen)
                }
                guard plan.contents == nil else { return nil }
                plans.append(plan)
                intent = intent ?? chosen
            }
        }
        if plans.isEmpty { return (.refused("nothing to change: " + asAsked.joined(separator: "; ")), intent) }
        var merged = OfflinePlanner.merged(plans, subject: plans.map(\.subject).joined(separator: "; "))
        merged.target = Set(plans.map(\.target)).count == 1 ? plans[0].target : nil
        if !asAsked.isEmpty { merged.summary += " Nothing to change for " + asAsked.joined(separator: "; ") + "." }
        return (.plan(merged), intent)
    }

    /// "pause the etl job and the alert", "pause all jobs, the sync pipeline and the late orders alert":
    /// the words before the first "," or "and", then each piece after them, a target said at the end moved
    /// to the first ("… and the alert in prod"); nil without such a joint or inside quotes.
    static func resourceList(_ request: String, targets: [String]) -> [String]? {
        guard !request.contains("\""), !request.contains("“") else { return nil }
        var text = request.trimmingCharacters(in: CharacterSet(charactersIn: " .!"))
        var scope = ""
        let names = targets.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
        if !names.isEmpty, let range = text.range(of: #"(?i)\s+(?:only\s+)?(?:in|for|on)\s+(?:the\s+)?(?:\#(names))(?:\s+target)?(?:\s+only)?$"#, options: .regularExpression) {
            scope = String(text[range])
            text = String(text[..<range.lowerBound])
        }
        let pieces = text.components(separatedBy: ",").flatMap { $0.components(separatedBy: " and ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard pieces.count > 1, pieces.allSatisfy({ !$0.lowercased().hasPrefix("and ") }) else { return nil }
        return [pieces[0] + scope] + pieces.dropFirst()
    }

    /// The one resource a clause names and nothing more ("weekly report", "the weekly report job", "pause
    /// the alert" where the bundle has one alert, with `verb` the first clause's); nil otherwise.
    static func namedOnly(_ clause: String, verb: String, _ catalog: ResourceCatalog) -> ResourceReference? {
        var words = ResourceCatalog.words(clause)
        if words.first == verb { words.removeFirst() }
        let filler: Set<String> = ["the", "a", "an", "too", "also", "as", "well", "one", "both", "our", "my", "its"]
        words.removeAll { filler.contains($0) }
        var types: Set<String> = []
        while let last = words.last, let kinds = ResourceCatalog.nounTypes[last] { types.formUnion(kinds); words.removeLast() }
        if words.isEmpty {
            // "the alert": the one resource of its kind.
            let ofType = types.flatMap { catalog.references(ofType: $0) }
            return ofType.count == 1 ? ofType[0] : nil
        }
        let said = Set(words)
        // ("run portfolio after smart_claims and credit": credit is a task too; the words are a list of tasks.)
        if catalog.entries.contains(where: { $0.parts.contains { Set($0.words) == said } }) { return nil }
        let matching = catalog.entries.filter { entry in
            (types.isEmpty || types.contains(entry.reference.type))
                && [entry.keyWords, entry.nameWords].contains { !$0.isEmpty && Set($0) == said }
        }
        return matching.count == 1 ? matching[0].reference : nil
    }

    /// Some clauses ask for nothing any intent knows. Read whole, the request may still be one change
    /// ("let everyone view and run the job"); but when the whole request plans to exactly what the
    /// other clauses plan to, those clauses would be dropped without a word ("add retries and make it
    /// faster" would only add retries): the request is not understood, and the clause is named.
    static func ignoring(_ unmatched: [String], of clauses: [String], _ context: PlanningContext, planner: OfflinePlanner) -> (PlanOutcome, intent: String?)? {
        let matched = clauses.filter { !unmatched.contains($0) }
        guard !matched.isEmpty, case .plan(let whole) = planner.planWhole(context, preferring: nil).0 else { return nil }
        let alone = PlanningContext(bundle: context.bundle, request: RequestText(matched.joined(separator: " and ")),
                                    targetOption: context.targetOption, resourceOption: context.resourceOption,
                                    defaultResource: context.defaultResource, defaultTarget: context.defaultTarget, catalog: context.catalog)
        let understood: PlanOutcome? = matched.count == 1 ? planner.planWhole(alone, preferring: nil).0 : plan(matched, alone, planner: planner)?.0
        // (Also when the whole does less than the understood clauses: "in prod only, email me and
        // schedule it daily" read whole only emailed.)
        func paths(_ plan: Plan) -> Set<String> {
            Set(plan.edits.flatMap { edit in edit.operations.map { edit.file + ":" + "\(Self.path(of: $0))" } })
        }
        guard case .plan(let part) = understood,
              part.summary == whole.summary || (paths(whole).isSubset(of: paths(part)) && paths(whole) != paths(part)) else { return nil }
        let quoted = unmatched.map { "\"\($0)\"" }.joined(separator: " and ")
        return (.notUnderstood(message: "I did not understand \(quoted), so nothing was changed. I understood the rest: \(part.summary) Ask for that alone, or say \(quoted) in other words.",
                               examples: planner.closestExamples(to: RequestText(unmatched.joined(separator: " ")))), nil)
    }

    /// A clause that did not plan stops the request: its question or refusal, said of that clause.
    static func stopped(_ outcome: PlanOutcome, clause: String, done: [Plan]) -> PlanOutcome {
        let before = done.isEmpty ? "" : " (nothing was changed, also not: \(done.map(\.subject).joined(separator: "; ")))"
        switch outcome {
        case .clarify(let question, let choices): return .clarify(question: "\"\(clause)\": \(question)\(before)", choices: choices)
        case .refused(let reason): return .refused("\"\(clause)\": \(reason)\(before)")
        case .notUnderstood(let message, let examples): return .notUnderstood(message: message + before, examples: examples)
        case .plan: return outcome
        }
    }
}

extension BundleFileSource {
    /// The file's bytes, or nil when it cannot be read.
    func read(orNil path: String) -> Data? { (try? read(path)) ?? nil }
}
