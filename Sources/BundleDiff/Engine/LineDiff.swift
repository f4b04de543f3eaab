/// Line differences of text files (Myers' O(ND) algorithm): counts and a unified patch.
public struct LineDiff: Sendable {
    public enum Edit: Sendable, Equatable {
        case same(String)
        case added(String)
        case removed(String)
    }

    public let edits: [Edit]

    public init(old: String, new: String) {
        edits = Self.diff(Self.lines(old), Self.lines(new))
    }

    public var addedLines: Int { edits.filter { if case .added = $0 { return true } else { return false } }.count }
    public var removedLines: Int { edits.filter { if case .removed = $0 { return true } else { return false } }.count }

    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The most edit steps the exact search takes (its trace grows with their square): past it, the
    /// lines between the common start and end are shown as removed and added whole. A file of 10,000
    /// lines rewritten took seconds and gigabytes; a file only added or removed never searches.
    static let mostSteps = 2_000

    static func diff(_ a: [String], _ b: [String]) -> [Edit] {
        // The common start and end first: most changes are a few lines in a long file.
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let oldMiddle = Array(a[prefix..<(a.count - suffix)]), newMiddle = Array(b[prefix..<(b.count - suffix)])
        var edits = a[..<prefix].map { Edit.same($0) }
        if oldMiddle.isEmpty || newMiddle.isEmpty {
            edits += oldMiddle.map { .removed($0) } + newMiddle.map { .added($0) }
        } else if let middle = search(oldMiddle, newMiddle) {
            edits += middle
        } else {
            edits += oldMiddle.map { .removed($0) } + newMiddle.map { .added($0) }
        }
        return edits + a[(a.count - suffix)...].map { .same($0) }
    }

    /// Myers' search; nil when it needs more than `mostSteps` steps. Each step keeps only its diagonals.
    static func search(_ a: [String], _ b: [String]) -> [Edit]? {
        let n = a.count, m = b.count, max = n + m
        var v = [Int](repeating: 0, count: 2 * max + 2)
        var trace: [[Int]] = []
        outer: for d in 0...max {
            if d > mostSteps { return nil }
            // (Diagonals -d…d of the step before: the only ones the walk back reads.)
            trace.append(Array(v[(Swift.max(0, max - d - 1))...(Swift.min(2 * max + 1, max + d + 1))]))
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[k - 1 + max] < v[k + 1 + max]) { x = v[k + 1 + max] } else { x = v[k - 1 + max] + 1 }
                var y = x - k
                while x < n && y < m && a[x] == b[y] { x += 1; y += 1 }
                v[k + max] = x
                if x >= n && y >= m { break outer }
            }
        }
        // Walk the trace back from the end.
        var edits: [Edit] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let offset = Swift.max(0, max - d - 1)
            let saved = trace[d]
            func v(_ k: Int) -> Int { saved[k + max - offset] }
            let k = x - y
            let prevK = (k == -d || (k != d && v(k - 1) < v(k + 1))) ? k + 1 : k - 1
            let prevX = v(prevK), prevY = prevX - prevK
            while x > prevX && y > prevY { edits.append(.same(a[x - 1])); x -= 1; y -= 1 }
            if d > 0 {
                if x == prevX { edits.append(.added(b[y - 1])) } else { edits.append(.removed(a[x - 1])) }
            }
            x = prevX
            y = prevY
        }
        return edits.reversed()
    }

    /// A unified diff with `context` lines around each change.
    public func unified(oldName: String, newName: String, context: Int = 3) -> String {
        guard edits.contains(where: { if case .same = $0 { return false } else { return true } }) else { return "" }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        var i = 0
        var oldLine = 1, newLine = 1
        var positions: [(Int, Int)] = []
        for e in edits {
            positions.append((oldLine, newLine))
            switch e {
            case .same: oldLine += 1; newLine += 1
            case .added: newLine += 1
            case .removed: oldLine += 1
            }
        }
        while i < edits.count {
            guard let start = edits[i...].firstIndex(where: { if case .same = $0 { return false } else { return true } }) else { break }
            var end = start
            var j = start
            while j < edits.count {
                if case .same = edits[j] {
                    let run = edits[j...].prefix { if case .same = $0 { return true } else { return false } }.count
                    if run > 2 * context || j + run >= edits.count { break }
                    j += run
                } else {
                    end = j
                    j += 1
                }
            }
            let from = Swift.max(0, start - context), to = Swift.min(edits.count - 1, end + context)
            let slice = edits[from...to]
            let oldCount = slice.filter { if case .added = $0 { return false } else { return true } }.count
            let newCount = slice.filter { if case .removed = $0 { return false } else { return true } }.count
            out += "@@ -\(positions[from].0),\(oldCount) +\(positions[from].1),\(newCount) @@\n"
            for e in slice {
                switch e {
                case .same(let l): out += " \(l)\n"
                case .added(let l): out += "+\(l)\n"
                case .removed(let l): out += "-\(l)\n"
                }
            }
            i = to + 1
        }
        return out
    }
}
