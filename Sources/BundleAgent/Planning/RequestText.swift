import Foundation

/// A request in plain words, lower-cased and split, with helpers intents share.
public struct RequestText: Sendable {
    public let original: String
    public let lowered: String
    public let words: [String]

    public init(_ text: String) {
        var text = Self.oneLine(text)
        // ("add 2 retries adn a 1 hour timeout": the slip of "and" joins clauses, which are split on the words as typed.)
        if text.lowercased().contains("adn") { text = text.replacingOccurrences(of: #"(?i)\badn\b"#, with: "and", options: .regularExpression) }
        original = text
        var lowered = text.lowercased()
        // "minus 3 workers", "negative 5 retries": -3, -5 (the sign was dropped, and 3 workers committed).
        if lowered.contains("minus ") || lowered.contains("negative ") {
            lowered = lowered.replacing(/\b(?:minus|negative) (\d)/) { "-" + $0.output.1 }
        }
        // "a couple of workers", "retry it thrice", "once more, a single time", "half a dozen": numbers.
        if lowered.contains("couple") || lowered.contains("thrice") || lowered.contains("single time") || lowered.contains("dozen") {
            lowered = lowered.replacing(/\ba couple(?: of)?\b/, with: "2").replacing(/\bthrice\b/, with: "3 times")
                .replacing(/\ba single time\b/, with: "once").replacing(/\bhalf a dozen\b/, with: "6").replacing(/\ba dozen\b/, with: "12")
        }
        // Common slips of the words intents read ("also on sucess" was answered "already as asked"): put right in
        // the lowered text and words, never in the original (values stay as typed).
        let slipped = lowered.split(whereSeparator: { !$0.isLetter }).filter { Self.slips[String($0)] != nil }
        for slip in Set(slipped.map(String.init)) {
            lowered = lowered.replacingOccurrences(of: "\\b" + slip + "\\b", with: Self.slips[slip]!, options: .regularExpression)
        }
        self.lowered = lowered
        words = lowered.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." || $0 == ":" || $0 == "@" || $0 == "=") })
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ".:")) }
            .filter { !$0.isEmpty }
    }

    /// The words on one line: a line break, a tab or a run of blanks is one space, and invisible controls
    /// (bidirectional overrides, other control characters) go. A line break typed in the page's box went into
    /// the value committed ("ops@example.com\n"), and "‮evil‬" showed as "live".
    static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0.properties.isWhitespace && $0 != " " || Self.invisible($0) })
                || text.contains("  ") || text.first == " " || text.last == " " else { return text }
        var out = ""
        var blank = false
        for scalar in text.unicodeScalars {
            if Self.invisible(scalar) || (scalar.value < 0x20 && !scalar.properties.isWhitespace) || scalar.value == 0x7F { continue }
            if scalar.properties.isWhitespace {
                blank = !out.isEmpty
                continue
            }
            if blank { out += " " }
            blank = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    static func invisible(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value) || scalar.value == 0x200E || scalar.value == 0x200F
            || scalar.value == 0x200B || scalar.value == 0xFEFF
    }

    public func has(_ word: String) -> Bool { words.contains(word) }

    /// "there" as a place ("set the catalog to x there"), not "there are", "there is", "there's" (a count the
    /// alert fires at was read as "in that target" and went to the target of the change before).
    public var saysThere: Bool {
        words.indices.contains { i in
            words[i] == "there" && !(i + 1 < words.count && ["are", "is", "were", "was", "be", "will", "have", "has", "aren", "isn", "s"].contains(words[i + 1]))
        }
    }
    public func hasAny(_ candidates: [String]) -> Bool { candidates.contains { has($0) || (candidates.count > 0 && $0.contains(" ") && lowered.contains($0)) } }
    public func contains(_ phrase: String) -> Bool { lowered.contains(phrase) }

    /// The values written in quotes, in order: "…", “…”, and '…' when its marks stand at the edges of
    /// words (the apostrophes of "the app's name" and "don't" quote nothing).
    public var quotedValues: [String] {
        let characters = Array(original)
        func inWord(_ at: Int) -> Bool { characters.indices.contains(at) && (characters[at].isLetter || characters[at].isNumber) }
        let pairs: [Character: Character] = ["\"": "\"", "“": "”", "'": "'", "‘": "’"]
        var values: [String] = [], i = 0
        while i < characters.count {
            let single = characters[i] == "'" || characters[i] == "‘"
            // An apostrophe inside a word ("app's") opens nothing, nor closes anything.
            guard let close = pairs[characters[i]], !(single && inWord(i - 1)) else { i += 1; continue }
            var j = i + 1
            while j < characters.count && !(characters[j] == close && !(single && inWord(j + 1))) { j += 1 }
            guard j < characters.count else { i += 1; continue }
            values.append(String(characters[(i + 1)..<j]))
            i = j + 1
        }
        return values
    }

    /// Whether the request says not to do something: "don't", "do not", "never", "no", "stop", "disable".
    public var isNegated: Bool {
        hasAny(["never", "not", "no", "dont", "avoid", "prevent", "stop", "disable", "without"])
            || lowered.contains("n't ") || lowered.contains("n’t ") || lowered.contains("do not")
    }

    /// Misspellings of words the intents read, and the words meant.
    static let slips: [String: String] = [
        "sucess": "success", "succes": "success", "sucessful": "successful", "succesful": "successful", "successfull": "successful",
        "succeds": "succeeds", "failre": "failure", "faliure": "failure", "failue": "failure", "failur": "failure",
        "failes": "fails", "fials": "fails", "timout": "timeout", "timeot": "timeout", "tiemout": "timeout", "shedule": "schedule",
        "schedual": "schedule", "scheudle": "schedule", "shcedule": "schedule", "retrys": "retries", "notifiy": "notify", "notfiy": "notify",
        "emial": "email", "emal": "email", "pipline": "pipeline", "pipleine": "pipeline", "cluser": "cluster", "clsuter": "cluster",
        "wokers": "workers", "workes": "workers", "evrey": "every", "dialy": "daily", "weekely": "weekly", "adn": "and",
    ]

    /// "should not", "shouldn't", "shouldnt", "don't", "never": words that deny what they say (a pipeline that
    /// "should not use photon" was read as one to turn it on for).
    public var saysNot: Bool {
        let denials: Set<String> = ["not", "never", "shouldnt", "dont", "doesnt", "isnt", "wont", "cant", "mustnt", "didnt", "arent", "wasnt", "neednt"]
        // ("don't forget to turn on photon", "not only in dev": no denial of the change.)
        if lowered.range(of: #"\b(don'?t|do not|never) forget\b|\bnot only\b|\bnot just\b"#, options: .regularExpression) != nil { return false }
        return words.enumerated().contains { i, word in
            denials.contains(word) || (word.hasSuffix("n") && word.count > 2 && i + 1 < words.count && words[i + 1] == "t")
        }
    }

    /// Whole numbers in the text, in order.
    public var numbers: [Int] {
        words.compactMap { Int($0) } + words.compactMap { Self.numberWords[$0] }
    }

    static let numberWords = ["one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                              "nine": 9, "ten": 10, "twelve": 12, "sixteen": 16, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50]

    /// The number right before one of `units` ("4 workers", "3 times").
    public func number(before units: [String]) -> Int? {
        for (i, w) in words.enumerated() where units.contains(w) && i > 0 {
            if let n = Int(words[i - 1]) ?? Self.numberWords[words[i - 1]] { return n }
        }
        return nil
    }

    /// The number just after one of `names`, past "to", "of", "=", "is", "at" ("max retries to 3", "retries: 3").
    public func number(after names: [String]) -> Int? {
        for (i, w) in words.enumerated() where names.contains(w) {
            for next in words[(i + 1)...].prefix(3) {
                if let n = Int(next) ?? Self.numberWords[next] { return n }
                if !["to", "of", "=", "is", "at", "be"].contains(next) { break }
            }
        }
        return nil
    }

    /// A duration in seconds: "2 hours", "90 minutes", "1h30m", "an hour", "45 seconds".
    public var duration: Int? {
        let units: [(names: [String], seconds: Int)] = [(["hour", "hours", "hr", "hrs", "h"], 3600),
                                                         (["minute", "minutes", "min", "mins", "m"], 60),
                                                         (["second", "seconds", "sec", "secs", "s"], 1)]
        // Parts said together add up ("1 hour 30 minutes", "1 hour and 30 minutes", "1h30m"); parts said
        // apart are durations of their own ("every 6 hours …, time out after 45 minutes").
        var groups: [(start: Int, end: Int, seconds: Int)] = []
        func add(_ seconds: Int, from start: Int, to end: Int) {
            if let last = groups.last, start <= last.end + 1 || (start == last.end + 2 && ["and", ","].contains(words[last.end + 1])) {
                groups[groups.count - 1].seconds += seconds
                groups[groups.count - 1].end = end
            } else {
                groups.append((start, end, seconds))
            }
        }
        for (i, w) in words.enumerated() {
            // "2h", "90m", "1h30m"
            var rest = Substring(w)
            var compact = 0
            var matchedCompact = false
            while let digitsEnd = rest.firstIndex(where: { !$0.isNumber }), digitsEnd > rest.startIndex {
                let n = Int(rest[..<digitsEnd])!
                let unit = rest[digitsEnd...].prefix { $0.isLetter }
                guard let seconds = units.first(where: { $0.names.contains(String(unit)) })?.seconds else { break }
                compact += n * seconds
                matchedCompact = true
                rest = rest[rest.index(digitsEnd, offsetBy: unit.count)...]
            }
            if matchedCompact { add(compact, from: i, to: i); continue }
            guard let seconds = units.first(where: { $0.names.contains(w) })?.seconds, i > 0 else { continue }
            let previous = words[i - 1]
            if let n = Int(previous) ?? Self.numberWords[previous] {
                add(n * seconds, from: i - 1, to: i)
            } else if previous == "an" || previous == "a" {
                // ("half an hour": half of it; "an hour and a half": one and a half.)
                if i >= 2, words[i - 2] == "half" { add(seconds / 2, from: i - 2, to: i) }
                else if i + 3 < words.count, words[i + 1] == "and", words[i + 2] == "a", words[i + 3] == "half" { add(seconds * 3 / 2, from: i - 1, to: i + 3) }
                else { add(seconds, from: i - 1, to: i) }
            } else if previous == "half" {
                add(seconds / 2, from: i - 1, to: i)
            }
        }
        guard !groups.isEmpty else { return nil }
        // Several: the one that is no frequency ("every 6 hours"), else the last said.
        let durations = groups.filter { $0.start == 0 || words[$0.start - 1] != "every" }
        return (durations.last ?? groups.last)!.seconds
    }
}

extension RequestText {
    /// "as a new task called validate", "in a new step", "a task named check": a task that does not exist yet.
    static func saysNewTask(_ text: RequestText) -> Bool {
        text.lowered.range(of: #"\b(new|another|extra|separate|additional)\s+(task|step)\b|\b(task|step)\s+(called|named)\b"#, options: .regularExpression) != nil
    }
}
