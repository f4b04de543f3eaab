import BundleModel
import Foundation

/// One side of a comparison: a bundle read from some file source (a commit, the index, the working
/// tree), or nothing (before the first commit).
public struct BundleSnapshot: Sendable {
    public var label: String
    public var source: (any BundleFileSource)?
    public var bundle: LoadedBundle?
    /// The order of resource types in the whole bundle, when files were left unread (`pair`).
    public var resourceTypeOrder: [String]?
    /// Whether git ignores a file of this side (the working tree's build output, `.env`): a file the other
    /// side does not hold is then no change, as `git status` shows none.
    public var ignores: (@Sendable (String) -> Bool)?

    /// Reads the bundle; a snapshot without a root file is empty. Snapshots loaded with the same
    /// `cache` parse a file they share only once.
    public init(label: String, source: (any BundleFileSource)?, cache: ParseCache? = nil) {
        self.label = label
        self.source = source
        self.bundle = source.flatMap { try? BundleLoader(source: $0, cache: cache).load() }
    }

    /// A snapshot of a bundle read already.
    public init(label: String, source: (any BundleFileSource)?, bundle: LoadedBundle?, resourceTypeOrder: [String]? = nil) {
        self.label = label
        self.source = source
        self.bundle = bundle
        self.resourceTypeOrder = resourceTypeOrder
    }
}

/// The changes of one resource, target or top-level section.
public struct ChangeGroup: Sendable {
    public enum Subject: Sendable, Equatable {
        case resource(type: String, key: String)
        case target(String)
        case section(String)
    }

    public enum Status: Sendable, Equatable {
        case added, removed, changed
        case renamed(from: String)
    }

    public var subject: Subject
    public var status: Status
    /// Where the resource is defined (the new side, or the old one when it was removed).
    public var file: String?
    /// Changes relative to the subject (`tasks[task_key=ingest].timeout_seconds`).
    public var changes: [ValueChange]
    /// A resource as one target deploys it, when the change is to that target's overrides (its
    /// changes are the effect on the target: `num_workers: 4 → 1`, not the override's new lines).
    public var target: String?

    public init(subject: Subject, status: Status, file: String?, changes: [ValueChange], target: String? = nil) {
        self.subject = subject
        self.status = status
        self.file = file
        self.changes = changes
        self.target = target
    }

    /// The path prefix of the subject: `resources.jobs.etl`, `targets.dev`, `variables`
    /// (`targets.dev.resources.jobs.etl` for a resource as a target deploys it).
    public var basePath: DiffPath {
        switch subject {
        case .resource(let type, let key): return (target.map { [.key("targets"), .key($0)] } ?? []) + [.key("resources"), .key(type), .key(key)]
        case .target(let t): return [.key("targets"), .key(t)]
        case .section(let s): return [.key(s)]
        }
    }
}

/// A file that is not bundle configuration (a notebook, a Python file) and changed.
public struct FileChange: Sendable {
    public enum Status: String, Sendable { case added, removed, modified }
    public var path: String
    public var status: Status
    public var addedLines: Int
    public var removedLines: Int
    public var binary: Bool
    public var patch: String?
}

/// The semantic difference of two bundle snapshots.
public struct BundleDiffResult: Sendable {
    public var from: String
    public var to: String
    public var target: String?
    public var groups: [ChangeGroup]
    public var files: [FileChange]
    /// Configuration files one side cannot read (a YAML syntax error): compared as text, with where and why
    /// ("resources/job.yml:26:10: …"), never as removed resources.
    public var unreadable: [String] = []
    /// Configuration files whose text changed (or that came or went) although the configuration did not:
    /// comments, layout, a resource moved to another file. ("No changes." was said of them.)
    public var reworded: [String] = []

    public init(from: String, to: String, target: String?, groups: [ChangeGroup], files: [FileChange], unreadable: [String] = []) {
        self.from = from
        self.to = to
        self.target = target
        self.groups = groups
        self.files = files
        self.unreadable = unreadable
    }

    public var isEmpty: Bool { groups.isEmpty && files.isEmpty }

    /// (A resource changed in two targets' overrides is one resource changed.)
    func count(_ predicate: (ChangeGroup) -> Bool) -> Int {
        Set(groups.compactMap { group -> String? in
            guard case .resource(let type, let key) = group.subject, predicate(group) else { return nil }
            return "\(type).\(key)"
        }).count
    }

    public var resourcesChanged: Int { count { $0.status == .changed } }
    public var resourcesAdded: Int { count { $0.status == .added } }
    public var resourcesRemoved: Int { count { $0.status == .removed } }
    public var resourcesRenamed: Int { count { if case .renamed = $0.status { return true } else { return false } } }
}

/// Compares two bundle snapshots: the loaded configuration (all files, includes followed) rather
/// than text, and the other files by lines.
public enum BundleComparison {
    /// - Parameter reworded: whether to name the configuration files whose text alone changed (what `diff` and
    ///   `show` say when the configuration is the same); a preview has no use for it.
    public static func compare(_ old: BundleSnapshot, _ new: BundleSnapshot, target: String? = nil, patches: Bool = false, reworded: Bool = false) -> BundleDiffResult {
        let a = configuration(of: old, target: target), b = configuration(of: new, target: target)
        // Files left unread (`pair`): the types in the order the whole bundles (and a target's overrides) give.
        var typeOrder: [String]?
        if old.resourceTypeOrder != nil || new.resourceTypeOrder != nil {
            typeOrder = orderedKeys(orderedKeys(old.resourceTypeOrder ?? [], a["resources"]?.mapping?.keys ?? []),
                                    orderedKeys(new.resourceTypeOrder ?? [], b["resources"]?.mapping?.keys ?? []))
        }
        // A file one side cannot read holds no resources there: its resources are not "removed" (or "added"),
        // and the file is compared as text.
        let broken = unreadableFiles(old, new)
        let brokenFiles = Set(broken.map(\.file))
        // A key renamed in the shared definition (and its overrides) is the same resource in a target, whatever
        // else the revision changed there (it was one added and one removed).
        let renames = target == nil ? [:] : Self.renames(in: groups(configuration(of: old, target: nil), configuration(of: new, target: nil)))
        var compared = groups(a, b, typeOrder: typeOrder, renames: renames).filter { group in
            guard let file = group.file, brokenFiles.contains(file) else { return true }
            return group.status == .changed
        }
        if target == nil { compared = effectOfTargetOverrides(compared, old, new) }
        var result = BundleDiffResult(from: old.label, to: new.label, target: target, groups: compared,
                                      files: fileChanges(old, new, patches: patches, alsoComparing: brokenFiles),
                                      unreadable: broken.map(\.note))
        // (A file that no longer reads is broken, not reworded: a script skipping review of reworded files skipped it.)
        if reworded, compared.isEmpty, target == nil { result.reworded = rewordedFiles(old, new).filter { !brokenFiles.contains($0) } }
        return result
    }

    /// The configuration files of either side whose bytes differ (or that only one side has).
    static func rewordedFiles(_ old: BundleSnapshot, _ new: BundleSnapshot) -> [String] {
        let paths = Set((old.bundle?.files ?? []).map(\.path) + (new.bundle?.files ?? []).map(\.path))
        return paths.sorted().filter { path in
            if let x = old.source?.contentIdentity(path), x == new.source?.contentIdentity(path) { return false }
            return ((try? old.source?.read(path)) ?? nil) != ((try? new.source?.read(path)) ?? nil)
        }
    }

    /// A target's changed overrides of resources given as what they change in that target's
    /// resources (`~ jobs.etl in target dev`, `~ job_clusters[main].new_cluster.num_workers: 4 → 1`),
    /// rather than as the override's new lines (`+ resources: {jobs.etl.job_clusters: [{2 fields}]}`);
    /// the target's other changes (its mode, its variables) stay under the target.
    static func effectOfTargetOverrides(_ groups: [ChangeGroup], _ old: BundleSnapshot, _ new: BundleSnapshot) -> [ChangeGroup] {
        var out: [ChangeGroup] = []
        for group in groups {
            guard case .target(let t) = group.subject, group.status == .changed,
                  group.changes.contains(where: { $0.path.first == .key("resources") }) else { out.append(group); continue }
            let before = old.bundle?.targetsMapping?[t]?["resources"], after = new.bundle?.targetsMapping?[t]?["resources"]
            // The resources whose overrides changed.
            var touched: Set<String> = []
            for type in orderedKeys(before?.mapping, after?.mapping) {
                for key in orderedKeys(before?[type]?.mapping, after?[type]?.mapping)
                where !ConfigurationDiff.compare(before?[type]?[key], after?[type]?[key]).isEmpty {
                    touched.insert("\(type).\(key)")
                }
            }
            var effective = compare(old, new, target: t).groups.filter { g in
                guard case .resource(let type, let key) = g.subject else { return false }
                return touched.contains("\(type).\(key)")
            }
            // (The rename is said once, by the shared definition's group: here, what else changed in the target.)
            for i in effective.indices { if case .renamed = effective[i].status { effective[i].status = .changed } }
            // (What the shared definition's own change gives every target is said once, in its group.)
            func key(_ c: ValueChange) -> String {
                "\(c.kind) \(c.path.rendered) \(c.old.map { CanonicalForm.of($0) } ?? "-") \(c.new.map { CanonicalForm.of($0) } ?? "-")"
            }
            for i in effective.indices {
                effective[i].target = t
                // The file that holds the override (`targets.prod.resources…` in resources/job.yml, not databricks.yml).
                if case .resource(let type, let key) = effective[i].subject {
                    effective[i].file = (after?[type]?[key] ?? before?[type]?[key])?.location.file ?? group.file
                } else {
                    effective[i].file = group.file
                }
                if case .resource(let type, let key0) = effective[i].subject,
                   let shared = groups.first(where: { $0.target == nil && $0.subject == .resource(type: type, key: key0) }) {
                    let said = Set(shared.changes.map(key))
                    effective[i].changes.removeAll { said.contains(key($0)) }
                }
            }
            effective.removeAll { $0.status == .changed && $0.changes.isEmpty }
            guard !effective.isEmpty else { out.append(group); continue }
            out += effective
            let rest = group.changes.filter { $0.path.first != .key("resources") }
            if !rest.isEmpty { out.append(ChangeGroup(subject: group.subject, status: group.status, file: group.file, changes: rest)) }
        }
        return out
    }

    /// The configuration files with a YAML syntax error on either side, and what the error says.
    static func unreadableFiles(_ old: BundleSnapshot, _ new: BundleSnapshot) -> [(file: String, note: String)] {
        var out: [(file: String, note: String)] = []
        for (side, snapshot) in [(old.label, old), (new.label, new)] {
            for d in snapshot.bundle?.diagnostics ?? [] where d.rule == ModelRuleID.yamlSyntax {
                guard let location = d.location, !out.contains(where: { $0.file == location.file }) else { continue }
                out.append((location.file, "\(location.file):\(location.line):\(location.column): \(d.summary) (in \(side)); compared as text"))
            }
        }
        return out
    }

    /// The grouped changes between two configuration trees (whole bundles or single files). Resource
    /// types come in the order of the trees or, when given, of `typeOrder` (the whole bundles' order
    /// when the trees leave unchanged files out).
    /// Whether two resources are mostly the same: of their top-level fields (at least three), at least two thirds
    /// hold the same value on both sides.
    static func mostlyAlike(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
        guard let x = a.mapping, let y = b.mapping else { return false }
        let keys = Set(x.keys).union(y.keys)
        guard keys.count >= 3 else { return false }
        let same = keys.filter { key in
            guard let u = x[key], let v = y[key] else { return false }
            return CanonicalForm.of(u) == CanonicalForm.of(v)
        }.count
        return same * 3 >= keys.count * 2
    }

    /// The renamed resources of `groups`: "type.newKey" → the old key.
    public static func renames(in groups: [ChangeGroup]) -> [String: String] {
        var out: [String: String] = [:]
        for group in groups {
            if case .renamed(let from) = group.status, case .resource(let type, let key) = group.subject { out["\(type).\(key)"] = from }
        }
        return out
    }

    public static func groups(_ a: YAMLMapping, _ b: YAMLMapping, typeOrder: [String]? = nil, renames: [String: String] = [:]) -> [ChangeGroup] {
        var groups: [ChangeGroup] = []
        // A key the targets still override is no rename: renamed alone, the overrides lose their resource.
        var overridden: Set<String> = []
        for target in b["targets"]?.mapping?.entries ?? [] {
            for type in target.value["resources"]?.mapping?.entries ?? [] {
                for key in type.value.mapping?.keys ?? [] { overridden.insert("\(type.key).\(key)") }
            }
        }
        groups += resourceGroups(a["resources"]?.mapping, b["resources"]?.mapping, typeOrder: typeOrder, overridden: overridden, renames: renames)
        // Targets: changes under targets.<t> shown under that target.
        let oldTargets = a["targets"]?.mapping, newTargets = b["targets"]?.mapping
        for name in orderedKeys(oldTargets, newTargets) {
            let o = oldTargets?[name], n = newTargets?[name]
            let changes = ConfigurationDiff.compare(o ?? YAMLNode.emptyMapping, n ?? YAMLNode.emptyMapping)
            let status: ChangeGroup.Status = o == nil ? .added : n == nil ? .removed : .changed
            if status != .changed || !changes.isEmpty {
                groups.append(ChangeGroup(subject: .target(name), status: status, file: (n ?? o)?.location.file, changes: changes))
            }
        }
        for key in orderedKeys(a, b) where key != "resources" && key != "targets" {
            // Blocks of anchors at the top of a file (`new_cluster: &new_cluster …`) deploy nothing of their own:
            // a change there is shown on the resources that use them (two files' blocks of one name were merged
            // and shown as "~ new_cluster (the other file)", a file the change did not touch).
            if [a[key], b[key]].allSatisfy({ $0 == nil || $0!.holdsOnlyAnchors }) { continue }
            let changes = ConfigurationDiff.compare(a[key], b[key])
            if !changes.isEmpty {
                groups.append(ChangeGroup(subject: .section(key), status: .changed, file: (b[key] ?? a[key])?.location.file, changes: changes))
            }
        }
        return groups
    }

    static func configuration(of snapshot: BundleSnapshot, target: String?) -> YAMLMapping {
        guard let bundle = snapshot.bundle else { return YAMLMapping() }
        guard let target else { return bundle.configuration }
        if bundle.targetNames.isEmpty { return bundle.effectiveConfiguration(target: nil).configuration }
        guard bundle.targetNames.contains(target) else { return YAMLMapping() }
        var configuration = bundle.effectiveConfiguration(target: target).configuration
        // What the target deploys is each variable's value (the CLI's `value`): the target's own, else the
        // declared default. A default that changes under a target's own value is no change for it, and
        // a value set for one target reads as that, not as a new default.
        if let variables = configuration["variables"]?.mapping {
            configuration.set("variables", YAMLNode(.mapping(bundle.deployedVariables(variables, target: target, keepingDefault: false)),
                                                    at: configuration["variables"]!.location))
        }
        return configuration
    }

    static func orderedKeys(_ a: YAMLMapping?, _ b: YAMLMapping?) -> [String] {
        orderedKeys(a?.keys ?? [], b?.keys ?? [])
    }

    static func orderedKeys(_ a: [String], _ b: [String]) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for k in a + b where seen.insert(k).inserted { out.append(k) }
        return out
    }

    static func resourceGroups(_ a: YAMLMapping?, _ b: YAMLMapping?, typeOrder: [String]? = nil, overridden: Set<String> = [], renames: [String: String] = [:]) -> [ChangeGroup] {
        var groups: [ChangeGroup] = []
        var types = orderedKeys(a, b)
        if let typeOrder {
            // Types the order does not know (added by a target's overrides) keep their place after it.
            let rank = Dictionary(typeOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            types = types.enumerated().sorted { (rank[$0.element] ?? typeOrder.count + $0.offset, $0.offset) < (rank[$1.element] ?? typeOrder.count + $1.offset, $1.offset) }.map(\.element)
        }
        for type in types {
            let oldResources = a?[type]?.mapping, newResources = b?[type]?.mapping
            var oldByKey: [String: YAMLMapping.Entry] = [:], newByKey: [String: YAMLMapping.Entry] = [:]
            for e in oldResources?.entries ?? [] { oldByKey[e.key] = e }
            for e in newResources?.entries ?? [] { newByKey[e.key] = e }
            var added: [ChangeGroup] = [], removed: [(ChangeGroup, String)] = []
            for key in orderedKeys(oldResources, newResources) {
                let o = oldByKey[key], n = newByKey[key]
                switch (o, n) {
                case let (o?, n?):
                    let changes = ConfigurationDiff.compare(o.value, n.value)
                    if !changes.isEmpty {
                        groups.append(ChangeGroup(subject: .resource(type: type, key: key), status: .changed, file: n.keyLocation.file, changes: changes))
                    }
                case let (nil, n?):
                    added.append(ChangeGroup(subject: .resource(type: type, key: key), status: .added, file: n.keyLocation.file,
                                             changes: ConfigurationDiff.compare(YAMLNode.emptyMapping, n.value)))
                case let (o?, nil):
                    removed.append((ChangeGroup(subject: .resource(type: type, key: key), status: .removed, file: o.keyLocation.file,
                                                changes: ConfigurationDiff.compare(o.value, YAMLNode.emptyMapping)), CanonicalForm.of(o.value)))
                default:
                    break
                }
            }
            // A key that disappeared while one with the same content appeared: a rename.
            for var group in added {
                // A rename the whole bundles show: the same resource, with what else changed in it.
                if case .resource(_, let key) = group.subject, let oldKey = renames["\(type).\(key)"], let n = newByKey[key]?.value,
                   let i = removed.firstIndex(where: { if case .resource(_, let k) = $0.0.subject { return k == oldKey } else { return false } }),
                   let o = oldByKey[oldKey]?.value {
                    removed.remove(at: i)
                    group.status = .renamed(from: oldKey)
                    group.changes = ConfigurationDiff.compare(o, n)
                    groups.append(group)
                    continue
                }
                // A key renamed by hand while the resource changed too (one added, one removed of the kind, mostly alike):
                // a rename with its changes, as git finds renamed files (it was one added and one removed, without the
                // note that the deploy recreates it).
                if added.count == 1, removed.count == 1, case .resource(_, let key) = group.subject, let n = newByKey[key]?.value,
                   case .resource(_, let oldKey) = removed[0].0.subject, let o = oldByKey[oldKey]?.value,
                   !overridden.contains("\(type).\(oldKey)"), removed[0].1 != CanonicalForm.of(n), Self.mostlyAlike(o, n) {
                    removed.removeAll()
                    group.status = .renamed(from: oldKey)
                    group.changes = ConfigurationDiff.compare(o, n)
                    groups.append(group)
                    continue
                }
                guard case .resource(_, let key) = group.subject, let n = newByKey[key]?.value,
                      let i = removed.firstIndex(where: { $0.1 == CanonicalForm.of(n) }),
                      case .resource(_, let oldKey) = removed[i].0.subject, !overridden.contains("\(type).\(oldKey)") else {
                    groups.append(group)
                    continue
                }
                removed.remove(at: i)
                group.status = .renamed(from: oldKey)
                group.changes = []
                groups.append(group)
            }
            groups += removed.map(\.0)
        }
        return groups
    }

    static let ignoredDirectories: Set<String> = [".git", ".databricks", ".dabrepo", ".venv", "venv", "node_modules", "__pycache__", ".build"]
    /// Hidden files and folders a team commits and reviews (CI workflows, hook settings): their changes
    /// are listed ("No changes." was said of a commit that changed a GitHub workflow).
    static let sharedHiddenFiles: Set<String> = [".gitignore", ".gitattributes", ".pre-commit-config.yaml", ".gitlab-ci.yml", ".pre-commit-hooks.yaml"]
    static let sharedHiddenDirectories: Set<String> = [".github", ".gitlab", ".circleci", ".azuredevops", ".devcontainer"]

    static func fileChanges(_ old: BundleSnapshot, _ new: BundleSnapshot, patches: Bool, alsoComparing unreadable: Set<String> = []) -> [FileChange] {
        let configurationFiles = Set((old.bundle?.files ?? []).map(\.path) + (new.bundle?.files ?? []).map(\.path)).subtracting(unreadable)
        let oldFiles = old.source.map(allFiles) ?? [], newFiles = new.source.map(allFiles) ?? []
        var out: [FileChange] = []
        for path in Set(oldFiles).union(newFiles).sorted() where !configurationFiles.contains(path) {
            if !oldFiles.contains(path), new.ignores?(path) == true { continue }
            if !newFiles.contains(path), old.ignores?(path) == true { continue }
            if let x = old.source?.contentIdentity(path), x == new.source?.contentIdentity(path) { continue }
            let a = oldFiles.contains(path) ? ((try? old.source?.read(path)) ?? nil) : nil
            let b = newFiles.contains(path) ? ((try? new.source?.read(path)) ?? nil) : nil
            if a == b { continue }
            let status: FileChange.Status = a == nil ? .added : b == nil ? .removed : .modified
            let oldText = a.flatMap { String(data: $0, encoding: .utf8) }, newText = b.flatMap { String(data: $0, encoding: .utf8) }
            let binary = (a != nil && oldText == nil) || (b != nil && newText == nil)
            guard !binary else {
                out.append(FileChange(path: path, status: status, addedLines: 0, removedLines: 0, binary: true, patch: nil))
                continue
            }
            let diff = LineDiff(old: oldText ?? "", new: newText ?? "")
            out.append(FileChange(path: path, status: status, addedLines: diff.addedLines, removedLines: diff.removedLines, binary: false,
                                  patch: patches ? diff.unified(oldName: a == nil ? "/dev/null" : "a/\(path)", newName: b == nil ? "/dev/null" : "b/\(path)") : nil))
        }
        return out
    }

    /// Every file of a source, skipping hidden and tool directories.
    static func allFiles(_ source: any BundleFileSource) -> Set<String> {
        var out = Set<String>()
        var queue = [""]
        while let directory = queue.popLast() {
            for name in source.contents(ofDirectory: directory) {
                let path = directory.isEmpty ? name : directory + "/" + name
                if source.fileExists(path) {
                    if !name.hasPrefix(".") || sharedHiddenFiles.contains(name) || directory.hasPrefix(".") { out.insert(path) }
                } else if source.directoryExists(path), !name.hasPrefix(".") || sharedHiddenDirectories.contains(name), !ignoredDirectories.contains(name) {
                    queue.append(path)
                }
            }
        }
        return out
    }
}

extension YAMLNode {
    static let emptyMapping = YAMLNode(.mapping(YAMLMapping()), at: SourceLocation(file: "", line: 0, column: 0))
}
