import BundleModel

/// What a rule sees: the loaded bundle (all files) and, for target-scoped rules, one target's
/// effective configuration.
public final class ValidationContext: @unchecked Sendable {
    public let bundle: LoadedBundle
    public let effective: EffectiveConfiguration
    public let schema: BundleSchema
    /// Whether the user named the target (`--target prod`) instead of leaving the choice to the bundle.
    public let explicitTarget: Bool
    private var cachedSchemaFindings: [SchemaFinding]?

    public init(bundle: LoadedBundle, effective: EffectiveConfiguration, schema: BundleSchema = .shared, explicitTarget: Bool = false) {
        self.bundle = bundle
        self.effective = effective
        self.schema = schema
        self.explicitTarget = explicitTarget
    }

    /// The schema check of the effective configuration, computed once for the four schema rules.
    public var schemaFindings: [SchemaFinding] {
        if let cachedSchemaFindings { return cachedSchemaFindings }
        var checker = SchemaChecker(schema: schema)
        var root = effective.configuration
        root.remove("targets")
        checker.check(YAMLNode(.mapping(root), at: SourceLocation(file: bundle.rootFile, line: 1, column: 1)),
                      as: .object(BundleSchema.rootName), path: "")
        // A key written in a target's own settings is merged into the effective configuration, and is
        // reported below where it is written (`targets.dev.presets.x`), for that target only.
        let writtenInTargets = Self.keyLocations(inTargets: bundle.targetsMapping)
        var findings = checker.findings.filter { $0.kind != .unknownField || !writtenInTargets.contains($0.location) }
        // Top-level keys the configuration does not know ("profiles:"): loading drops them, and the CLI
        // warns as it does (normalizeStruct), unless they only hold YAML anchors for reuse.
        for entry in bundle.configuration.entries where schema.root.fieldsByName[entry.key] == nil && entry.key != "definitions"
            && !SchemaChecker.isAnchorContainer(entry.value) {
            let close = Suggestion.closest(to: entry.key, among: schema.root.fields.filter { !$0.deprecated }.map(\.name))
            findings.append(SchemaFinding(kind: .unknownField, path: entry.key, location: entry.keyLocation,
                                          summary: "unknown field: \(entry.key)", detail: close.map { "Did you mean \($0)?" }))
        }
        // The targets' own settings, their resources too: as the CLI's loader, an unknown key in any target's
        // overrides is said whichever target is validated (a typo in prod's overrides passed `validate` of dev,
        // and the CLI's `--strict` failed), where it is written (`targets.prod.resources.jobs.etl.x`).
        if let targets = bundle.targetsMapping {
            for target in targets.entries {
                var own = SchemaChecker(schema: schema)
                own.reportsMissingFields = false
                if let body = target.value.mapping {
                    own.check(YAMLNode(.mapping(body), at: target.value.location), as: .object("Target"), path: "targets.\(target.key)")
                } else if !target.value.isNull {
                    own.check(target.value, as: .object("Target"), path: "targets.\(target.key)")
                }
                // (As the CLI's loader: types and unknown keys of every target; an enum value is checked in
                // the merged configuration of the target validated, as its validate/enum.go does.)
                findings += own.findings.filter { $0.kind == .wrongType || $0.kind == .unknownField }.map { var f = $0; f.target = target.key; return f }
            }
        }
        // A finding of a target's own setting (`targets.dev.workspace.host:` with no value) is also one of
        // the merged configuration, at the same place: said once, where it is written.
        func key(_ f: SchemaFinding) -> String { "\(f.location.file):\(f.location.line):\(f.location.column) \(f.summary)" }
        let inTargets = Set(findings.filter { $0.kind == .wrongType && $0.path.hasPrefix("targets.") }.map(key))
        findings.removeAll { $0.kind == .wrongType && !$0.path.hasPrefix("targets.") && inTargets.contains(key($0)) }
        // `include: resources/*.yml` (a string): the loader's error says it, with what to write; its type
        // warning at the same place said it twice.
        findings.removeAll { $0.kind == .wrongType && $0.path == "include" }
        cachedSchemaFindings = findings
        return findings
    }

    /// Where the keys of the targets' own settings are written (their resources too).
    static func keyLocations(inTargets targets: YAMLMapping?) -> Set<SourceLocation> {
        var out: Set<SourceLocation> = []
        func walk(_ node: YAMLNode) {
            switch node.kind {
            case .mapping(let m):
                for e in m.entries {
                    out.insert(e.keyLocation)
                    walk(e.value)
                }
            case .sequence(let items):
                items.forEach(walk)
            case .scalar:
                break
            }
        }
        for target in targets?.entries ?? [] {
            for e in target.value.mapping?.entries ?? [] {
                out.insert(e.keyLocation)
                walk(e.value)
            }
        }
        return out
    }

    /// The resources of one type in the effective configuration, in written order.
    public func resources(_ type: String) -> [(key: String, node: YAMLNode, path: String)] {
        (effective.configuration["resources"]?[type]?.mapping?.entries ?? []).map { ($0.key, $0.value, "resources.\(type).\($0.key)") }
    }

    /// A task with its job, its position (`#3` when it has no key) and its configuration path.
    public struct JobTask {
        public var job: (key: String, node: YAMLNode, path: String)
        public var task: YAMLNode
        public var index: Int
        public var path: String

        public var name: String { task["task_key"]?.string ?? "#\(index)" }
    }

    /// Every task of every job; `for_each_task` inner tasks too when `nested`.
    public func tasks(nested: Bool = false) -> [JobTask] {
        var out: [JobTask] = []
        for job in resources("jobs") {
            for (i, task) in (job.node["tasks"]?.sequence ?? []).enumerated() {
                let path = "\(job.path).tasks[\(i)]"
                out.append(JobTask(job: job, task: task, index: i, path: path))
                if nested, let inner = task["for_each_task"]?["task"] {
                    out.append(JobTask(job: job, task: inner, index: i, path: path + ".for_each_task.task"))
                }
            }
        }
        return out
    }
}

/// A value that is still a `${...}` reference after offline resolution (lookups, resource ids,
/// the current user): its real value is only known at deploy time.
public func isSymbolic(_ node: YAMLNode?) -> Bool {
    node?.string?.containsText("${") ?? false
}
