import BundleModel

/// One change as a line of text: `~ tasks[ingest].new_cluster.num_workers: 4 → 1`.
public struct DiffLine: Sendable {
    public enum Sign: String, Sendable {
        case added = "+", removed = "-", changed = "~"
    }

    public var sign: Sign
    public var text: String

    /// A change as a line; with `base`, the path is written from the top of the configuration
    /// (`targets.dev.resources.jobs.etl.job_clusters[main]...`), as commit messages write it.
    public init(_ change: ValueChange, base: DiffPath = []) {
        var change = change
        change.path = base + change.path
        let path = change.path.short
        // A secret's value, by the name of what holds it (`parameters[api_key].default: abc → xyz` was shown; the
        // text redaction, which reads `name: value`, cannot pair them).
        if let name = change.path.secretName {
            for keyPath in [\ValueChange.old, \ValueChange.new] {
                if let text = change[keyPath: keyPath]?.scalar.map({ $0.text }), SecretRedaction.hides(named: name, value: text) {
                    change[keyPath: keyPath] = YAMLNode(.scalar(YAMLScalar(text: SecretRedaction.marker, style: .plain)), at: change[keyPath: keyPath]!.location)
                }
            }
        }
        switch change.kind {
        case .added:
            sign = .added
            text = "\(path): \(ValueRendering.compact(change.new))"
        case .removed:
            sign = .removed
            text = "\(path): \(ValueRendering.compact(change.old))"
        case .modified:
            sign = .changed
            text = "\(path): \(ValueRendering.compact(change.old, depth: 1)) → \(ValueRendering.compact(change.new, depth: 1))"
        case .moved(let from, let to):
            sign = .changed
            var base = change.path
            base.removeLast()
            text = "\(base.short)[\(from)] moved to [\(to)]: \(ValueRendering.compact(change.new, depth: 1))"
        case .elementAdded:
            sign = .added
            text = "\(path): \(ValueRendering.compact(change.new))"
        case .elementRemoved:
            sign = .removed
            text = "\(path): \(ValueRendering.compact(change.old))"
        }
        if text.hasPrefix(": ") { text = String(text.dropFirst(2)) }
    }

    public var rendered: String { "\(sign.rawValue) \(text)" }
}

extension ChangeGroup {
    /// `~ jobs.etl (resources/etl.job.yml)`, `+ target staging`, `~ variables`.
    public var heading: String {
        let name: String
        switch subject {
        case .resource(let type, let key): name = "\(type).\(key)" + (target.map { " in target \($0)" } ?? "")
        case .target(let t): name = "target \(t)"
        case .section(let s): name = s
        }
        let file = file.map { $0.isEmpty ? "" : " (\($0))" } ?? ""
        switch status {
        case .added: return "+ \(name)\(file)"
        case .removed: return "- \(name)\(file)"
        case .changed: return "~ \(name)\(file)"
        case .renamed(let from):
            if case .resource(let type, _) = subject { return "~ \(type).\(from) renamed to \(name)\(file)" }
            return "~ \(from) renamed to \(name)\(file)"
        }
    }

    /// What deploying a renamed resource key does: the CLI deletes the resource of the old key and creates
    /// one for the new (a job's run history, a pipeline's tables go with the old one); nil for other changes.
    public var renameNote: String? {
        guard case .renamed(let from) = status, case .resource(let type, let key) = subject else { return nil }
        let kind = type.hasSuffix("s") ? String(type.dropLast()) : type
        return "Deploying this deletes the \(kind) \(from) and creates \(key) anew (the key is its identity): what the old one holds "
            + "(run history, tables, endpoints) does not move. Keep the key to change it in place."
    }

    /// The lines under the heading; a removed resource is shown by its heading alone.
    public var lines: [DiffLine] {
        status == .removed ? [] : changes.map { DiffLine($0) }
    }
}

extension BundleComparison {
    /// The lines of a commit message's `Changes:`: every change with its whole path; a change to a
    /// target's overrides is given as its effect on that target
    /// (`~ targets.dev.resources.jobs.etl.job_clusters[main].new_cluster.num_workers: 4 → 1`).
    public static func revisionChanges(_ old: BundleSnapshot, _ new: BundleSnapshot) -> [String] {
        let result = compare(old, new)
        var out: [String] = []
        for group in result.groups {
            if case .target(let t) = group.subject, group.status == .changed {
                // (Resources whose overrides changed are in the result already, as this target deploys them.)
                let shown = Set(result.groups.filter { $0.target == t }.map(\.basePath.short))
                let effective = compare(old, new, target: t).groups.filter { g in
                    guard case .resource = g.subject else { return false }
                    var own = g
                    own.target = t
                    return !shown.contains(own.basePath.short)
                }
                if !effective.isEmpty {
                    // The target's own settings that changed outside its resources, as written (a variable's value:
                    // only its effect on a job was listed, which an agent took for the path to edit).
                    out += group.changes.filter { $0.path.first != .key("resources") }.map { DiffLine($0, base: group.basePath).rendered }
                    let prefix: DiffPath = [.key("targets"), .key(t)]
                    for g in effective {
                        switch g.status {
                        case .added: out.append("+ \((prefix + g.basePath).short)")
                        case .removed: out.append("- \((prefix + g.basePath).short)")
                        default: out += g.changes.map { DiffLine($0, base: prefix + g.basePath).rendered }
                        }
                    }
                    continue
                }
            }
            out += BundleDiffResult(from: "", to: "", target: nil, groups: [group], files: []).changeLines
        }
        out += BundleDiffResult(from: "", to: "", target: nil, groups: [], files: result.files).changeLines
        return out
    }
}

extension BundleDiffResult {
    /// Every change as a line with its whole path, for commit messages:
    /// `~ resources.jobs.etl.job_clusters[main].new_cluster.num_workers: 4 → 1`.
    public var changeLines: [String] {
        var out: [String] = []
        for group in groups {
            switch group.status {
            case .added: out.append("+ \(group.basePath.short)")
            case .removed: out.append("- \(group.basePath.short)")
            case .renamed(let from):
                var old = group.basePath
                old[old.count - 1] = .key(from)
                out.append("~ \(old.short) renamed to \(group.basePath.short)")
            case .changed: out += group.changes.map { DiffLine($0, base: group.basePath).rendered }
            }
        }
        for file in files {
            out.append("\(file.status == .added ? "+" : file.status == .removed ? "-" : "~") \(file.path)")
        }
        return out
    }

    /// `2 resources changed, 1 added, 0 removed`, and what else changed.
    public var summaryLine: String {
        if isEmpty {
            guard !reworded.isEmpty else { return "No changes." }
            return "No change to the configuration; formatting, comments or the file a resource is written in changed (\(reworded.prefix(3).joined(separator: ", "))\(reworded.count > 3 ? ", …" : ""))."
        }
        var s = "\(resourcesChanged) resource\(resourcesChanged == 1 ? "" : "s") changed, \(resourcesAdded) added, \(resourcesRemoved) removed"
        if resourcesRenamed > 0 { s += ", \(resourcesRenamed) renamed" }
        var others: [String] = groups.compactMap {
            switch $0.subject {
            case .resource: return nil
            case .target(let t): return "target \(t)"
            case .section(let name): return name
            }
        }
        if !files.isEmpty { others.append("\(files.count) other file\(files.count == 1 ? "" : "s")") }
        if !others.isEmpty { s += "; also changed: " + others.joined(separator: ", ") }
        return s
    }
}
