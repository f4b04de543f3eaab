import Foundation

/// "set the catalog to main in dev and prod", "… for both dev and prod": one change made in each target
/// the words name together, planned as one clause a target and committed as one revision (the intents
/// each change one target, and would ask which).
enum SeveralTargets {
    /// The request once a named target: "… in dev" and "… in prod"; nil when the words do not name
    /// targets together ("in dev and prod", "for dev, test and prod").
    static func clauses(_ context: PlanningContext) -> [String]? {
        let names = context.bundle.targetNames
        guard names.count >= 2 else { return nil }
        let alternatives = names.sorted { $0.count > $1.count }.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
        let pattern = "\\b(in|for|on|to)\\s+(?:both\\s+|the\\s+)?((?:\(alternatives))(?:\\s*,\\s*(?:\(alternatives)))*\\s*,?\\s+(?:and|&)\\s+(?:\(alternatives)))(?:\\s+targets?)?\\b"
        let text = context.request.original
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let whole = Range(match.range, in: text), let preposition = Range(match.range(at: 1), in: text),
              let list = Range(match.range(at: 2), in: text) else { return nil }
        let named = Self.targets(in: text[list], names: names)
        guard named.count >= 2, Set(named).count == named.count else { return nil }
        return named.map { text.replacingCharacters(in: whole, with: "\(text[preposition]) \($0)") }
    }

    /// "run staging and prod as the service principal …": the targets as the verb's object, each a clause
    /// (the last one alone was changed, unasked). Nil for other words.
    static func asObject(_ context: PlanningContext) -> [String]? {
        let names = context.bundle.targetNames
        guard names.count >= 2 else { return nil }
        let alternatives = names.sorted { $0.count > $1.count }.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
        let text = context.request.original
        let object = "^(run|deploy)\\s+((?:\(alternatives))(?:\\s*,\\s*(?:\(alternatives)))*\\s*,?\\s+(?:and|&)\\s+(?:\(alternatives)))(?:\\s+targets?)?\\s+as\\b"
        if let regex = try? NSRegularExpression(pattern: object, options: [.caseInsensitive]),
           let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
           let verb = Range(match.range(at: 1), in: text), let list = Range(match.range(at: 2), in: text) {
            let named = Self.targets(in: text[list], names: names)
            if named.count >= 2, Set(named).count == named.count {
                let after = text[list.upperBound...].replacingOccurrences(of: #"^\s+targets?"#, with: "", options: .regularExpression)
                return named.map { "\(text[verb]) \($0)\(after)" }
            }
        }
        // "staging and prod should run as …", "make staging and prod run as …": the targets first.
        let first = "^(?:make\\s+)?((?:\(alternatives))(?:\\s*,\\s*(?:\(alternatives)))*\\s*,?\\s+(?:and|&)\\s+(?:\(alternatives)))(?:\\s+targets?)?(?:\\s+both)?\\s+(?:should\\s+|shall\\s+|must\\s+|need\\s+to\\s+|needs\\s+to\\s+|have\\s+to\\s+)?(?:both\\s+)?(?:run|be\\s+run|deploy)\\s+(as\\b.*)$"
        if let regex = try? NSRegularExpression(pattern: first, options: [.caseInsensitive]),
           let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
           let list = Range(match.range(at: 1), in: text), let rest = Range(match.range(at: 2), in: text) {
            let named = Self.targets(in: text[list], names: names)
            if named.count >= 2, Set(named).count == named.count { return named.map { "run \($0) \(text[rest])" } }
        }
        return nil
    }

    /// The targets of a list said "staging, qa and prod" (as the bundle writes their names).
    static func targets(in list: Substring, names: [String]) -> [String] {
        list.components(separatedBy: CharacterSet(charactersIn: ",&")).flatMap { $0.components(separatedBy: " and ") }.flatMap { $0.components(separatedBy: " but ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.compactMap { word in names.first { $0.lowercased() == word.lowercased() } }
    }

    /// "set env to dev in local and prd in actual", "… 500 in dev and 50000 in staging": a value of its
    /// own for each target, as two clauses (both targets got the first value); nil for other words.
    static func eachValue(_ context: PlanningContext) -> [String]? {
        let names = context.bundle.targetNames
        guard names.count >= 2 else { return nil }
        let alternatives = names.sorted { $0.count > $1.count }.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
        let text = context.request.original
        // The words before the first value ("set env to "), then "VALUE in TARGET" parts joined by commas and "and".
        guard let lead = text.range(of: "^(.*?\\b(?:to|be|=)\\s+)", options: [.regularExpression, .caseInsensitive]) else {
            return numbered(context, alternatives: alternatives)
        }
        let prefix = String(text[lead])
        let rest = String(text[lead.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: " .!"))
        let pieces = rest.components(separatedBy: ",").flatMap { $0.components(separatedBy: " and ") }.flatMap { $0.components(separatedBy: " but ") }.flatMap { $0.components(separatedBy: " & ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard pieces.count >= 2, let part = try? NSRegularExpression(pattern: "^(?:and\\s+)?(?:to\\s+)?(\\S+)\\s+(in|for|on)\\s+(?:the\\s+)?(\(alternatives))(?:\\s+targets?)?$", options: [.caseInsensitive]) else { return nil }
        var clauses: [String] = [], targets: [String] = [], values: [String] = []
        for piece in pieces {
            guard let match = part.firstMatch(in: piece, range: NSRange(piece.startIndex..., in: piece)),
                  let value = Range(match.range(at: 1), in: piece), let preposition = Range(match.range(at: 2), in: piece),
                  let target = Range(match.range(at: 3), in: piece) else {
                // "set the etl job to 3 workers in dev and 10 workers in prod": a number with its words.
                return numbered(context, alternatives: alternatives)
            }
            clauses.append("\(prefix)\(piece[value]) \(piece[preposition]) \(piece[target])")
            targets.append(piece[target].lowercased())
            values.append(String(piece[value]))
        }
        guard Set(targets).count == targets.count, Set(values).count > 1 else { return nil }
        return clauses
    }

    /// A number as the words say one: "3", "2.5", "once", "twice", "three".
    static let number = "\\b(\\d+(\\.\\d+)?|once|twice|thrice|one|two|three|four|five|six|seven|eight|nine|ten)\\b"

    /// "give it 3 workers in dev and 10 workers in prod", "retry it 1 time in dev and 3 times in prod": a
    /// number with its words for each target (prod got dev's 3); the words before the first number lead
    /// each part. Nil for other words.
    static func numbered(_ context: PlanningContext, alternatives: String) -> [String]? {
        if let first = targetFirst(context, alternatives: alternatives) { return first }
        let text = context.request.original
        var pieces = text.components(separatedBy: ",").flatMap { $0.components(separatedBy: " and ") }.flatMap { $0.components(separatedBy: " but ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard pieces.count >= 2, let part = try? NSRegularExpression(pattern: "^(.*?)\\s+(?:in|for|on)\\s+(?:the\\s+)?(\(alternatives))(?:\\s+targets?)?[.!]?$", options: [.caseInsensitive]),
              let first = pieces.first, let number = first.range(of: Self.number, options: [.regularExpression, .caseInsensitive]) else { return nil }
        // "3 workers in dev and 10 in prod for the etl job": the words after the last target say what
        // changes, for every part.
        var tail = ""
        if let last = pieces.last, let split = try? NSRegularExpression(pattern: "^(.*?\\s+(?:in|for|on)\\s+(?:the\\s+)?(?:\(alternatives))(?:\\s+targets?)?)\\s+((?:for|of|on|in)\\s+\\S.*?)[.!]?$", options: [.caseInsensitive]),
           let match = split.firstMatch(in: last, range: NSRange(last.startIndex..., in: last)),
           let head = Range(match.range(at: 1), in: last), let rest = Range(match.range(at: 2), in: last) {
            tail = " " + last[rest]
            pieces[pieces.count - 1] = String(last[head])
        }
        let lead = String(first[..<number.lowerBound])
        // The words of the first part's number ("workers" of "3 workers in dev"), for a part that says its number alone ("10 in prod").
        let unit = part.firstMatch(in: first, range: NSRange(first.startIndex..., in: first)).flatMap { Range($0.range(at: 1), in: first) }
            .map { String(first[number.upperBound..<$0.upperBound]).trimmingCharacters(in: .whitespaces) } ?? ""
        var clauses: [String] = [], targets: [String] = [], values: [String] = []
        for (i, piece) in pieces.enumerated() {
            guard let match = part.firstMatch(in: piece, range: NSRange(piece.startIndex..., in: piece)),
                  let said = Range(match.range(at: 1), in: piece), let target = Range(match.range(at: 2), in: piece) else { return nil }
            let words = String(piece[said]).replacingOccurrences(of: #"^(?:and\s+)?"#, with: "", options: .regularExpression)
            guard let value = words.range(of: Self.number, options: [.regularExpression, .caseInsensitive]) else { return nil }
            // (After the first, a part starts with its number: "10 workers in prod".)
            if i > 0, value.lowerBound != words.startIndex { return nil }
            var clause = piece.replacingOccurrences(of: #"^(?:and\s+)?"#, with: "", options: .regularExpression)
            if i > 0, value.upperBound == words.endIndex, !unit.isEmpty {
                clause = words + " " + unit + clause.dropFirst(words.count)
            }
            clauses.append((i == 0 ? "" : lead) + clause + tail)
            targets.append(piece[target].lowercased())
            values.append(String(words[value]))
        }
        guard Set(targets).count == targets.count, Set(values).count > 1,
              !lead.trimmingCharacters(in: .whitespaces).isEmpty || !tail.isEmpty else { return nil }
        return clauses
    }

    /// "dev 3 workers, prod 10 workers for the nightly etl", "etl: dev 1 retry, prod 3 retries": each target
    /// said first, then its number and words; the words after the last part say what changes. Nil for
    /// other words.
    static func targetFirst(_ context: PlanningContext, alternatives: String) -> [String]? {
        var text = context.request.original.trimmingCharacters(in: CharacterSet(charactersIn: " .!"))
        // "etl: dev 1 retry, prod 3 retries": what changes, before a colon.
        var lead = ""
        if let colon = text.range(of: ": ") { lead = String(text[..<colon.lowerBound]); text = String(text[colon.upperBound...]) }
        let pieces = text.components(separatedBy: ",").flatMap { $0.components(separatedBy: " and ") }.flatMap { $0.components(separatedBy: " but ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard pieces.count >= 2, let part = try? NSRegularExpression(pattern: "^(?:in\\s+|for\\s+)?(?:the\\s+)?(\(alternatives))(?:\\s+target)?:?\\s+(\\d+(?:\\.\\d+)?\\s+[A-Za-z]+)(.*)$", options: [.caseInsensitive]) else { return nil }
        var clauses: [String] = [], targets: [String] = [], values: [String] = []
        var tail = ""
        for (i, piece) in pieces.enumerated() {
            guard let match = part.firstMatch(in: piece, range: NSRange(piece.startIndex..., in: piece)),
                  let target = Range(match.range(at: 1), in: piece), let value = Range(match.range(at: 2), in: piece),
                  let rest = Range(match.range(at: 3), in: piece) else { return nil }
            let after = piece[rest].trimmingCharacters(in: .whitespaces)
            // (Only the last part may say more: "for the nightly etl".)
            if !after.isEmpty { guard i == pieces.count - 1 else { return nil }; tail = " " + after }
            targets.append(piece[target].lowercased())
            values.append(String(piece[value]))
        }
        let about = lead.isEmpty ? tail : " for \(lead)"
        guard !about.isEmpty, Set(targets).count == targets.count, Set(values).count > 1 else { return nil }
        for (target, value) in zip(targets, values) { clauses.append("\(value) in \(target)\(about)") }
        return clauses
    }

    /// "Set the variable catalog to main in dev; Set the variable catalog to main in prod" → "… in dev and
    /// prod": one subject when the clauses' subjects differ only in their target.
    static func subject(_ joined: String) -> String {
        let parts = joined.components(separatedBy: "; ")
        let split = parts.compactMap { part -> (String, String)? in
            guard let range = part.range(of: " in ", options: .backwards) else { return nil }
            return (String(part[..<range.lowerBound]), String(part[range.upperBound...]))
        }
        guard split.count == parts.count, parts.count > 1, Set(split.map(\.0)).count == 1 else { return joined }
        let targets = split.map(\.1)
        return "\(split[0].0) in \(targets.dropLast().joined(separator: ", ")) and \(targets.last!)"
    }
}
