import BundleEditing
import BundleModel

/// The pipeline a request is about, for a target, with where to write changes to it: the target's
/// override block (`targets.<t>.resources.pipelines.<key>`) when a target is named, else the
/// pipeline's own definition.
struct PipelineSelection {
    var reference: ResourceReference
    var target: String?
    /// The pipeline's effective configuration for the target (the default target's view without one).
    var effective: YAMLNode
    var location: (file: String, base: EditPath)

    init(_ context: PlanningContext, _ reference: ResourceReference, target asked: String?) throws {
        var target = asked
        // A pipeline only targets define (`targets.prod.resources.pipelines.…`): the one target that has it.
        // (Several: as the first of them has it, see `PlanningContext.effectiveResource`.)
        if target == nil, let having = context.targetsDefiningOnly(reference), having.count == 1 {
            target = having[0]
        }
        guard let effective = context.effectiveResource(reference, target: target) else {
            throw PlanningStop(outcome: .refused(target.map { "pipeline \(reference.key) is not deployed to target \($0)" } ?? "pipeline \(reference.key) is deployed to no target"))
        }
        self.reference = reference
        self.target = target
        self.effective = effective
        location = context.location(of: reference, target: target)
    }

    /// The target from the request, then the pipeline (see `PlanningContext.resource`), among those
    /// the change applies to.
    init(_ context: PlanningContext, where applicable: ((PipelineSelection) -> Bool)? = nil) throws {
        let target = try context.target()
        let reference = try context.resource(["pipelines"], where: applicable.map { test in
            { reference in (try? PipelineSelection(context, reference, target: target)).map(test) ?? false }
        })
        try self.init(context, reference, target: target)
    }

    var key: String { reference.key }
    var description: String { "pipeline \(reference.key)" }

    /// Whether the pipeline runs on serverless compute for the target.
    var serverless: Bool { effective["serverless"]?.scalar?.value == .bool(true) }

    /// The pipeline's clusters for the target, by label (a cluster without one is `default`).
    var clusters: [(label: String, spec: YAMLNode)] {
        (effective["clusters"]?.sequence ?? []).map { ($0["label"]?.string ?? "default", $0) }
    }

    /// The targets a change reaches: the named one, or every target (nil: a bundle without targets).
    func reachedTargets(_ context: PlanningContext) -> [String?] {
        if let target { return [target] }
        return context.bundle.targetNames.isEmpty ? [nil] : context.bundle.targetNames
    }

    /// The value at `path` inside the pipeline, effective for a target.
    func value(_ context: PlanningContext, at path: [String], for target: String?) -> YAMLNode? {
        var node = context.effectiveResource(reference, target: target)
        for key in path { node = node?[key] }
        return node
    }

    /// The targets whose own override block sets `path` inside the pipeline.
    func overridingTargets(_ context: PlanningContext, at path: [String]) -> [String] {
        context.bundle.targetNames.filter { target in
            var node = context.bundle.targetsMapping?[target]?["resources"]?["pipelines"]?[key]
            for key in path { node = node?[key] }
            return node != nil
        }
    }

    /// Whether a node holds `value` (`unset`: what an absent field means, such as `false`).
    static func holds(_ node: YAMLNode?, _ value: EditValue, unset: EditValue? = nil) -> Bool {
        guard let node, !node.isNull else { return unset == value }
        switch value {
        case .bool(let b): return node.scalar?.value == .bool(b)
        case .int(let n): return node.scalar?.value == .int(n)
        case .string(let s): return node.string == s
        default: return false
        }
    }

    /// Whether every target the change reaches already has `value` at `path`.
    func holdsEverywhere(_ context: PlanningContext, _ path: [String], _ value: EditValue, unset: EditValue?) -> Bool {
        reachedTargets(context).allSatisfy { Self.holds(self.value(context, at: path, for: $0), value, unset: unset) }
    }

    /// Sets a field of the pipeline to `value`: with a target, in its override block; without one, in
    /// the definition, asking first when a target sets the field to something else itself (the change
    /// would not reach it). Nil when every target the change reaches already has the value.
    func setting(_ context: PlanningContext, _ path: [String], to value: EditValue, unset: EditValue?) throws -> EditOperation? {
        if holdsEverywhere(context, path, value, unset: unset) { return nil }
        if target == nil {
            let differing = overridingTargets(context, at: path).filter { !Self.holds(self.value(context, at: path, for: $0), value, unset: unset) }
            try context.askWhichTarget(differing, setting: "\(path.joined(separator: ".")) of \(description)")
        }
        return .set(location.base + path.map { .key($0) }, value)
    }

    /// The refusal of a change that changes nothing: "pipeline clickstream is already continuous in prod".
    func already(_ state: String) -> PlanningStop {
        PlanningStop(outcome: .refused("\(description) is already \(state)\(inTarget)"))
    }

    /// " for target prod", or nothing.
    var forTarget: String { target.map { " for target \($0)" } ?? "" }
    /// " in prod", or nothing.
    var inTarget: String { target.map { " in \($0)" } ?? "" }

    /// The plan of a change to this pipeline, recorded so that follow-ups continue with it.
    func plan(subject: String, summary: String, edits: [(file: String, operations: [EditOperation])]) -> Plan {
        Plan(subject: subject, summary: summary, target: target, resource: reference, edits: edits)
    }
}

extension PlanningContext {
    /// Whether a pipeline runs on serverless compute for the target.
    func isServerlessPipeline(_ key: String, target: String?) -> Bool {
        effectiveResource(ResourceReference(type: "pipelines", key: key), target: target)?["serverless"]?.scalar?.value == .bool(true)
    }
}

extension PlanningContext {
    /// Whether a pipeline runs on classic clusters it defines for the target (not serverless).
    func hasPipelineClusters(_ key: String, target: String?) -> Bool {
        guard let pipeline = effectiveResource(ResourceReference(type: "pipelines", key: key), target: target) else { return false }
        return pipeline["serverless"]?.scalar?.value != .bool(true) && !(pipeline["clusters"]?.sequence ?? []).isEmpty
    }
}
