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
        // The targets' own settings (not their resources, which the effective configuration holds).
        checker.reportsMissingFields = false
        if let targets = bundle.targetsMapping {
            for target in targets.entries {
                guard var body = target.value.mapping else {
                    if !target.value.isNull { checker.check(target.value, as: .object("Target"), path: "targets.\(target.key)") }
                    continue
                }
                body.remove("resources")
                checker.check(YAMLNode(.mapping(body), at: target.value.location), as: .object("Target"), path: "targets.\(target.key)")
            }
        }
        cachedSchemaFindings = checker.findings
        return checker.findings
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
