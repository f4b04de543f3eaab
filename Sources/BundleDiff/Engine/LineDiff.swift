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

    static func diff(_ a: [String], _ b: [String]) -> [Edit] {
        let n = a.count, m = b.count, max = n + m
        if max == 0 { return [] }
        var v = [Int](repeating: 0, count: 2 * max + 2)
        var trace: [[Int]] = []
        outer: for d in 0...max {
            trace.append(v)
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
            let v = trace[d]
            let k = x - y
            let prevK = (k == -d || (k != d && v[k - 1 + max] < v[k + 1 + max])) ? k + 1 : k - 1
            let prevX = v[prevK + max], prevY = prevX - prevK
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
