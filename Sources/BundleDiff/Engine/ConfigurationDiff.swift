import BundleModel

/// Compares two configuration trees value by value.
///
/// Lists are matched the way their meaning asks: tasks by `task_key`, job clusters by
/// `job_cluster_key`, parameters by `name`, environments by `environment_key`, pipeline clusters by
/// `label`, permissions and grants by principal, `depends_on` by `task_key`; notification address lists
/// as sets; libraries by content; other lists by position, with entries that only moved reported as
/// moves (a pure reorder is never a removal plus an addition).
public struct ConfigurationDiff {
    /// List field → the field that identifies an entry.
    public static let identityFields: [String: [String]] = [
        "tasks": ["task_key"],
        "job_clusters": ["job_cluster_key"],
        "parameters": ["name"],
        "environments": ["environment_key"],
        "clusters": ["label"],
        "depends_on": ["task_key"],
        "permissions": ["user_name", "group_name", "service_principal_name"],
        "grants": ["principal"],
    ]

    /// Lists whose order carries no meaning: compared as sets of values.
    static let setFields: Set<String> = [
        "on_start", "on_success", "on_failure", "on_duration_warning_threshold_exceeded", "on_streaming_backlog_exceeded",
        "email_recipients", "alerts", "privileges", "include", "exclude", "paths", "table_names", "email_addresses",
        "on_update_failure", "on_update_success",
    ]

    /// Lists of entries matched by their whole content.
    static let contentFields: Set<String> = ["libraries"]

    public private(set) var changes: [ValueChange] = []

    public init() {}

    public static func compare(_ old: YAMLNode?, _ new: YAMLNode?, at path: DiffPath = []) -> [ValueChange] {
        var diff = ConfigurationDiff()
        diff.compare(old, new, path: path, field: nil)
        return diff.changes
    }

    mutating func compare(_ old: YAMLNode?, _ new: YAMLNode?, path: DiffPath, field: String?) {
        switch (old, new) {
        case (nil, nil):
            return
        case (nil, let n?):
            if !n.isNull { changes.append(ValueChange(kind: .added, path: path, old: nil, new: n)) }
        case (let o?, nil):
            if !o.isNull { changes.append(ValueChange(kind: .removed, path: path, old: o, new: nil)) }
        case (let o?, let n?):
            if o.sharesStorage(with: n) { return }
            switch (o.kind, n.kind) {
            case (.mapping(let a), .mapping(let b)):
                compareMappings(a, b, path: path)
            case (.sequence(let a), .sequence(let b)):
                compareSequences(a, b, path: path, field: field)
            case (.scalar(let a), .scalar(let b)):
                if a.value != b.value { changes.append(ValueChange(kind: .modified, path: path, old: o, new: n)) }
            default:
                if o.isNull && n.isNull { return }
                changes.append(ValueChange(kind: .modified, path: path, old: o, new: n))
            }
        }
    }

    mutating func compareMappings(_ a: YAMLMapping, _ b: YAMLMapping, path: DiffPath) {
        var newByKey: [String: YAMLNode] = [:]
        for e in b.entries { newByKey[e.key] = e.value }
        var seen = Set<String>()
        for e in a.entries {
            seen.insert(e.key)
            compare(e.value, newByKey[e.key], path: path + [.key(e.key)], field: e.key)
        }
        for e in b.entries where !seen.contains(e.key) {
            compare(nil, e.value, path: path + [.key(e.key)], field: e.key)
        }
    }

    /// The identity of a list entry, when every entry of both lists has one.
    static func identity(of node: YAMLNode, fields: [String]) -> (field: String, value: String)? {
        guard let m = node.mapping else { return nil }
        for f in fields {
            if let v = m[f]?.string { return (f, v) }
        }
        return nil
    }

    mutating func compareSequences(_ a: [YAMLNode], _ b: [YAMLNode], path: DiffPath, field: String?) {
        if let field, let fields = Self.identityFields[field],
           (a + b).allSatisfy({ Self.identity(of: $0, fields: fields) != nil }),
           Self.identitiesAreUnique(a, fields: fields), Self.identitiesAreUnique(b, fields: fields) {
            compareByIdentity(a, b, path: path, fields: fields)
        } else if let field, Self.setFields.contains(field), (a + b).allSatisfy({ $0.scalar != nil }) {
            compareAsSets(a, b, path: path)
        } else if let field, Self.contentFields.contains(field) {
            compareByContent(a, b, path: path)
        } else {
            compareByPosition(a, b, path: path)
        }
    }

    /// No two entries share an identity (a group listed twice is matched by position instead: by
    /// identity, every old entry would meet the last new one of its name).
    static func identitiesAreUnique(_ nodes: [YAMLNode], fields: [String]) -> Bool {
        var seen = Set<String>()
        return nodes.allSatisfy { node in
            guard let id = identity(of: node, fields: fields) else { return false }
            return seen.insert(id.field + "=" + id.value).inserted
        }
    }

    mutating func compareByIdentity(_ a: [YAMLNode], _ b: [YAMLNode], path: DiffPath, fields: [String]) {
        func key(_ n: YAMLNode) -> DiffPathComponent {
            let id = Self.identity(of: n, fields: fields)!
            return .identity(field: id.field, value: id.value)
        }
        var newByKey: [DiffPathComponent: YAMLNode] = [:]
        for n in b { newByKey[key(n)] = n }
        var seen = Set<DiffPathComponent>()
        for o in a {
            let k = key(o)
            seen.insert(k)
            compare(o, newByKey[k], path: path + [k], field: nil)
        }
        for n in b where !seen.contains(key(n)) {
            compare(nil, n, path: path + [key(n)], field: nil)
        }
    }

    mutating func compareAsSets(_ a: [YAMLNode], _ b: [YAMLNode], path: DiffPath) {
        let oldValues = Set(a.map(CanonicalForm.of)), newValues = Set(b.map(CanonicalForm.of))
        for o in a where !newValues.contains(CanonicalForm.of(o)) {
            changes.append(ValueChange(kind: .elementRemoved, path: path, old: o, new: nil))
        }
        for n in b where !oldValues.contains(CanonicalForm.of(n)) {
            changes.append(ValueChange(kind: .elementAdded, path: path, old: nil, new: n))
        }
    }

    mutating func compareByContent(_ a: [YAMLNode], _ b: [YAMLNode], path: DiffPath) {
        var remaining = b.map(CanonicalForm.of)
        var unmatchedOld: [YAMLNode] = []
        for o in a {
            if let i = remaining.firstIndex(of: CanonicalForm.of(o)) { remaining[i] = "\u{0}matched" } else { unmatchedOld.append(o) }
        }
        for o in unmatchedOld { changes.append(ValueChange(kind: .elementRemoved, path: path, old: o, new: nil)) }
        for (i, n) in b.enumerated() where remaining[i] != "\u{0}matched" {
            changes.append(ValueChange(kind: .elementAdded, path: path, old: nil, new: n))
        }
    }

    /// Equal entries are matched along the longest common subsequence; entries that are equal but off
    /// it moved; the rest are paired by position and compared, and the leftovers added or removed.
    mutating func compareByPosition(_ a: [YAMLNode], _ b: [YAMLNode], path: DiffPath) {
        let ca = a.map(CanonicalForm.of), cb = b.map(CanonicalForm.of)
        if ca == cb { return }
        let common = LongestCommonSubsequence.pairs(ca, cb)
        var matchedOld = Set(common.map(\.0)), matchedNew = Set(common.map(\.1))
        // Equal values that are not on the common subsequence: moves.
        var freeNew: [String: [Int]] = [:]
        for (j, c) in cb.enumerated() where !matchedNew.contains(j) { freeNew[c, default: []].append(j) }
        for (i, c) in ca.enumerated() where !matchedOld.contains(i) {
            guard var candidates = freeNew[c], !candidates.isEmpty else { continue }
            let j = candidates.removeFirst()
            freeNew[c] = candidates
            matchedOld.insert(i)
            matchedNew.insert(j)
            changes.append(ValueChange(kind: .moved(from: i, to: j), path: path + [.index(j)], old: a[i], new: b[j]))
        }
        let restOld = a.indices.filter { !matchedOld.contains($0) }, restNew = b.indices.filter { !matchedNew.contains($0) }
        for k in 0..<max(restOld.count, restNew.count) {
            let i = k < restOld.count ? restOld[k] : nil, j = k < restNew.count ? restNew[k] : nil
            compare(i.map { a[$0] }, j.map { b[$0] }, path: path + [.index(j ?? i!)], field: nil)
        }
    }
}

/// Index pairs of a longest common subsequence (O(n·m), fine for configuration lists).
enum LongestCommonSubsequence {
    static func pairs(_ a: [String], _ b: [String]) -> [(Int, Int)] {
        let n = a.count, m = b.count
        guard n > 0, m > 0 else { return [] }
        var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var out: [(Int, Int)] = []
        var i = 0, j = 0
        while i < n && j < m {
            if a[i] == b[j] { out.append((i, j)); i += 1; j += 1 } else if table[i + 1][j] >= table[i][j + 1] { i += 1 } else { j += 1 }
        }
        return out
    }
}
