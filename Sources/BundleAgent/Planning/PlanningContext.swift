import BundleEditing
import BundleModel

/// What an intent plans against: the bundle, the request, and the answers to "which target" and
/// "which job" (from the options, the words of the request, or the bundle having only one).
public struct PlanningContext {
    public let bundle: LoadedBundle
    public let request: RequestText
    public let targetOption: String?
    public let resourceOption: String?
    /// From the conversation: the job and target a follow-up continues with when it names none.
    public var defaultJob: String?
    public var defaultTarget: String?

    public init(bundle: LoadedBundle, request: RequestText, targetOption: String? = nil, resourceOption: String? = nil,
                defaultJob: String? = nil, defaultTarget: String? = nil) {
        self.bundle = bundle
        self.request = request
        self.targetOption = targetOption
        self.resourceOption = resourceOption
        self.defaultJob = defaultJob
        self.defaultTarget = defaultTarget
    }

    /// The target the request is about: `--target`, or one named in the words ("for dev", "the prod
    /// cluster"); nil means the shared definition.
    public func target() throws -> String? {
        if let targetOption {
            guard bundle.targetNames.contains(targetOption) else {
                throw PlanningStop(outcome: .refused("no such target '\(targetOption)'; available: \(bundle.targetNames.joined(separator: ", "))"))
            }
            return targetOption
        }
        let named = bundle.targetNames.filter { Self.namesTarget(request, $0.lowercased()) }
        if named.count > 1 {
            throw PlanningStop(outcome: .clarify(question: "The request names several targets; which one should change?", choices: named.map { "--target \($0)" }))
        }
        return named.first ?? defaultTarget
    }

    /// Whether the words name a target: "for dev", "in prod", "the dev cluster", "prod only"; not a
    /// value that happens to be a target's name ("default dev").
    static func namesTarget(_ request: RequestText, _ name: String) -> Bool {
        let before: Set<String> = ["for", "in", "on", "to", "the", "target", "of", "same", "into"]
        let after: Set<String> = ["target", "cluster", "clusters", "environment", "only", "job", "jobs", "workspace", "workers", "instances", "nodes", "schedule", "too", "as"]
        for (i, w) in request.words.enumerated() where w == name {
            if i > 0 && before.contains(request.words[i - 1]) { return true }
            if i + 1 < request.words.count && after.contains(request.words[i + 1]) { return true }
            if i == 0 && request.words.count <= 3 { return true }
        }
        return false
    }

    /// The job the request is about: `--resource jobs.KEY`, a job named in the words (key or name),
    /// or the only job.
    public func job() throws -> String {
        let jobs = bundle.configuration["resources"]?["jobs"]?.mapping?.keys ?? []
        if let resourceOption {
            let key = resourceOption.hasPrefix("jobs.") ? String(resourceOption.dropFirst(5)) : resourceOption
            guard jobs.contains(key) else {
                throw PlanningStop(outcome: .refused("no job '\(key)'; jobs: \(jobs.joined(separator: ", "))"))
            }
            return key
        }
        guard !jobs.isEmpty else { throw PlanningStop(outcome: .refused("this bundle defines no jobs")) }
        let named = jobs.filter { key in
            let name = bundle.configuration["resources"]?["jobs"]?[key]?["name"]?.string?.lowercased()
            return request.has(key.lowercased()) || (name.map { !$0.isEmpty && request.contains($0) } ?? false)
        }
        if named.count == 1 { return named[0] }
        if jobs.count == 1 { return jobs[0] }
        if named.isEmpty, let defaultJob, jobs.contains(defaultJob) { return defaultJob }
        let choices = named.isEmpty ? jobs : named
        throw PlanningStop(outcome: .clarify(question: "Which job? The bundle has \(choices.count) that could match.",
                                             choices: choices.map { "--resource jobs.\($0)" }))
    }

    /// The merged, resolved configuration of a job for a target (nil: the bundle's default view).
    public func effectiveJob(_ key: String, target: String?) -> YAMLNode? {
        let chosen = target ?? (try? TargetSelection.choose(nil, in: bundle)) ?? nil
        return bundle.effectiveConfiguration(target: chosen).configuration["resources"]?["jobs"]?[key]
    }

    /// The file that defines a job.
    public func definitionFile(ofJob key: String) -> String {
        for file in bundle.files {
            if file.root?["resources"]?["jobs"]?[key] != nil { return file.path }
        }
        return bundle.rootFile
    }

    /// The file that defines a target (the root file unless an included file does).
    public func targetFile(_ target: String) -> String {
        for file in bundle.files where file.root?["targets"]?[target] != nil { return file.path }
        return bundle.rootFile
    }

    /// Where edits for a job go, and the path of the job in that file: the target's override block
    /// when a target is named, else the job's definition.
    public func jobLocation(_ key: String, target: String?) -> (file: String, base: EditPath) {
        if let target {
            return (targetFile(target), [.key("targets"), .key(target), .key("resources"), .key("jobs"), .key(key)])
        }
        return (definitionFile(ofJob: key), [.key("resources"), .key("jobs"), .key(key)])
    }

    /// The node at `path` of a file as written (merges expanded), or nil.
    public func rawNode(file: String, path: EditPath) -> YAMLNode? {
        guard var node = bundle.files.first(where: { $0.path == file })?.root else { return nil }
        for component in path {
            switch component {
            case .key(let k): guard let next = node[k] else { return nil }; node = next
            case .index(let i): guard let items = node.sequence, items.indices.contains(i) else { return nil }; node = items[i]
            }
        }
        return node
    }

    /// Sets a value inside the entry of an identity-matched list (`job_clusters` by `job_cluster_key`,
    /// `tasks` by `task_key`), adding the entry when the file has none for that identity, as a target
    /// override does.
    public func setInList(file: String, base: EditPath, list: String, identityField: String, identity: String,
                          inner: EditPath, value: EditValue) -> EditOperation {
        let items = rawNode(file: file, path: base + [.key(list)])?.sequence ?? []
        if let index = items.firstIndex(where: { $0[identityField]?.string == identity }) {
            return .set(base + [.key(list), .index(index)] + inner, value)
        }
        let nested = inner.reversed().reduce(value) { acc, c in
            if case .key(let k) = c { return .mapping([(k, acc)]) }
            return acc
        }
        guard case .mapping(let fields) = nested else { return .append(base + [.key(list)], .mapping([(identityField, .string(identity))])) }
        return .append(base + [.key(list)], .mapping([(identityField, .string(identity))] + fields))
    }

    func forTarget(_ target: String?) -> String { target.map { " for target \($0)" } ?? "" }
}
