/// "Did you mean …?": the closest candidate by edit distance, when it is close enough to help.
public enum Suggestion {
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        var best: (String, Int)?
        let limit = max(2, word.count / 3)
        // Ties go to a name with the word's extension, then the first in order: the same answer every run,
        // whatever order a set of candidates comes in.
        let ext = word.split(separator: ".").count > 1 ? word.split(separator: ".").last.map(String.init) : nil
        // Then to a name that holds every letter of the word: a letter left out (`taks` → tasks) is a more
        // usual slip than one changed (`taks` → tags).
        let letters = Array(word.lowercased())
        func holdsLetters(_ c: String) -> Bool {
            var left = Array(c.lowercased())
            for letter in letters {
                guard let i = left.firstIndex(of: letter) else { return false }
                left.remove(at: i)
            }
            return true
        }
        func better(_ c: String, than b: String) -> Bool {
            let cx = ext.map { c.hasSuffix("." + $0) } ?? false, bx = ext.map { b.hasSuffix("." + $0) } ?? false
            if cx != bx { return cx }
            let ch = holdsLetters(c), bh = holdsLetters(b)
            return ch != bh ? ch : c < b
        }
        for c in candidates where c != word {
            let d = distance(word.lowercased(), c.lowercased())
            if d <= limit, best == nil || d < best!.1 || (d == best!.1 && better(c, than: best!.0)) { best = (c, d) }
        }
        if let best { return best.0 }
        // A renamed key often keeps its stem: `ingest` → `ingest_data`.
        let lower = word.lowercased()
        guard lower.count >= 3 else { return nil }
        return candidates.filter { c in
            let l = c.lowercased()
            return l != lower && (l.hasPrefix(lower) || lower.hasPrefix(l)) && min(l.count, lower.count) >= 3
        }.min { ($0.count, $0) < ($1.count, $1) }
    }

    /// Levenshtein distance.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
