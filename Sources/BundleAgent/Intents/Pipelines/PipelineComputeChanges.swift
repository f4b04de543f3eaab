import BundleEditing
import BundleModel

// The compute requests of jobs that a pipeline understands too: Photon, cluster size, autoscaling,
// serverless. Each intent resolves jobs and pipelines together and plans here for a pipeline.

extension PhotonIntent {
    /// `photon: true|false` on a classic pipeline; serverless pipelines always run Photon.
    static func planPipeline(_ context: PlanningContext, _ p: PipelineSelection, off: Bool) throws -> Plan {
        // Serverless in the default target but on clusters in others (`serverless: ${var.…}`): those are meant.
        if p.serverless, p.target == nil {
            let classic = context.bundle.targetNames.filter { !context.isServerlessPipeline(p.key, target: $0) }
            if !classic.isEmpty {
                throw PlanningStop(outcome: .clarify(
                    question: "\(p.description) runs on serverless compute (always Photon) in \(context.bundle.targetNames.filter { !classic.contains($0) }.joined(separator: ", ")) but on clusters in \(classic.joined(separator: ", ")); which target should change?",
                    choices: classic.map { "--target \($0)" }))
            }
        }
        if p.serverless {
            throw PlanningStop(outcome: .refused(off
                ? "\(p.description) runs on serverless compute\(p.inTarget), which always uses Photon; ask \"turn off serverless for the \(p.key) pipeline\" first"
                : "\(p.description) already runs on Photon: it runs on serverless compute\(p.inTarget), which always uses Photon"))
        }
        guard let operation = try p.setting(context, ["photon"], to: .bool(!off), unset: .bool(false)) else {
            throw p.already(off ? "running without Photon" : "running on Photon")
        }
        return p.plan(subject: "Turn Photon \(off ? "off" : "on") for pipeline \(p.key)\(p.inTarget)",
                      summary: "Set photon to \(!off) on \(p.description)\(p.forTarget).",
                      edits: [(p.location.file, [operation])])
    }
}

extension ClusterSizeIntent {
    /// Workers or autoscaling bounds of a pipeline cluster (`autoscale.mode` stays as it is).
    static func planPipeline(_ context: PlanningContext, _ p: PipelineSelection) throws -> Plan {
        let c = try PipelineClusterSelection(context, p)
        if p.target == nil {
            // Targets that size this cluster themselves would not see a change of the definition.
            let overriding = c.overridingTargets(context, fields: ["num_workers", "autoscale"])
            try context.askWhichTarget(overriding, setting: "the size of \(c.description)")
        }
        let sizing = Sizing(context.request)
        var operations: [EditOperation] = []
        let summary: String
        if let autoscale = c.spec["autoscale"], case .int(let lo)? = autoscale["min_workers"]?.scalar?.value,
           case .int(let hi)? = autoscale["max_workers"]?.scalar?.value {
            var (newLo, newHi) = sizing.pipelineBounds(lo, hi)
            // "let the pipeline scale to 12 workers": as far as 12, the minimum kept (it was raised to 6).
            if let n = sizing.explicit, sizing.bound == nil, n > lo,
               context.request.lowered.range(of: #"\bscal(e|es|ing)\s+(out\s+|up\s+)?to\s+\d+"#, options: .regularExpression) != nil {
                (newLo, newHi) = (lo, n)
            }
            guard (newLo, newHi) != (lo, hi) else {
                throw PlanningStop(outcome: .refused("\(c.description) already autoscales between \(lo) and \(hi) workers\(p.inTarget)"))
            }
            guard newLo >= 1, newHi > newLo else { throw PlanningStop(outcome: .refused(AutoscaleIntent.notARange(newLo, newHi))) }
            operations = [c.set(context, [.key("autoscale"), .key("min_workers")], .int(newLo)),
                          c.set(context, [.key("autoscale"), .key("max_workers")], .int(newHi))]
            let mode = autoscale["mode"]?.string.map { ", mode \($0)" } ?? ""
            summary = "Set autoscaling to \(newLo)–\(newHi) workers (was \(lo)–\(hi)\(mode)) on \(c.description)\(p.forTarget)."
        } else if case .int(let current)? = c.spec["num_workers"]?.scalar?.value {
            guard current > 0 || sizing.explicit != nil else {
                throw PlanningStop(outcome: .refused("\(c.description) has no workers; ask for a number of workers, such as \"4 workers\""))
            }
            let new = sizing.resize(current)
            guard new != current else { throw PlanningStop(outcome: .refused("\(c.description) already has \(pluralize(current, "worker"))\(p.inTarget)")) }
            operations = [c.set(context, [.key("num_workers")], .int(new))]
            summary = "Set \(pluralize(new, "worker")) (was \(current)) on \(c.description)\(p.forTarget)."
        } else if let explicit = sizing.explicit {
            operations = [c.set(context, [.key("num_workers")], .int(explicit))]
            summary = "Set \(pluralize(explicit, "worker")) on \(c.description)\(p.forTarget) (Databricks chose its size before)."
        } else {
            throw PlanningStop(outcome: .clarify(
                question: "The \(c.description) sets no size (Databricks chooses one); how many workers should it have?",
                choices: ["give the \(p.key) pipeline 4 workers", "autoscale the \(p.key) pipeline between 1 and 4 workers"]))
        }
        let which = (p.target.map { "the \($0) " } ?? "the ") + (c.label == "default" ? "cluster" : "\(c.label) cluster")
        return p.plan(subject: sizing.subject(which, of: "pipeline \(p.key)"), summary: summary, edits: c.edits(context, operations))
    }
}

extension AutoscaleIntent {
    /// Autoscaling bounds and mode (`ENHANCED`, `LEGACY`) of a pipeline cluster, or a fixed size instead.
    static func planPipeline(_ context: PlanningContext, _ p: PipelineSelection) throws -> Plan {
        let c = try PipelineClusterSelection(context, p)
        let text = context.request
        let autoscale = c.spec["autoscale"]
        // ("3 workers without autoscaling": a fixed 3; it set autoscaling to 2–3, the opposite.)
        if Self.turnsOff(text) {
            return try fixedSize(context, c, workers: Self.fixedWorkers(text))
        }
        let bounds = Self.bounds(text, cluster: c.spec, keepWritten: true)
        guard bounds.lo >= 1, bounds.hi >= bounds.lo else { throw PlanningStop(outcome: .refused("autoscaling needs 1 <= min <= max workers")) }
        let mode: String? = text.has("enhanced") ? "ENHANCED" : text.has("legacy") ? "LEGACY" : nil
        var operations: [EditOperation] = []
        var deletions: [(file: String, operation: EditOperation)] = []
        let boundsChange = !PipelineSelection.holds(autoscale?["min_workers"], .int(bounds.lo)) || !PipelineSelection.holds(autoscale?["max_workers"], .int(bounds.hi))
        if boundsChange {
            if p.target == nil {
                let overriding = c.overridingTargets(context, fields: ["autoscale"])
                try context.askWhichTarget(overriding, setting: "the autoscaling of \(c.description)")
            }
            operations += [c.set(context, [.key("autoscale"), .key("min_workers")], .int(bounds.lo)),
                           c.set(context, [.key("autoscale"), .key("max_workers")], .int(bounds.hi))]
        }
        if let mode, !PipelineSelection.holds(autoscale?["mode"], .string(mode)) {
            operations.append(c.set(context, [.key("autoscale"), .key("mode")], .string(mode)))
        }
        guard !operations.isEmpty else {
            throw PlanningStop(outcome: .refused("\(c.description) already autoscales between \(bounds.lo) and \(bounds.hi) workers\(autoscale?["mode"]?.string.map { " (\($0))" } ?? "")\(p.inTarget)"))
        }
        if c.spec["num_workers"] != nil, p.target == nil || autoscale == nil {
            // A fixed size and autoscaling exclude each other: the fixed size goes where it is written.
            // (A definition with both already autoscales: a target's override changes its bounds only.)
            let definition = context.location(of: p.reference, target: nil)
            if let i = c.index(context, file: definition.file, base: definition.base),
               context.rawNode(file: definition.file, path: definition.base + [.key("clusters"), .index(i), .key("num_workers")]) != nil {
                guard p.target == nil else {
                    throw PlanningStop(outcome: .refused("the definition gives \(c.description) a fixed size, which a target override cannot remove; ask without a target"))
                }
                deletions.append((definition.file, .delete(definition.base + [.key("clusters"), .index(i), .key("num_workers")])))
            }
            for target in p.target.map({ [$0] }) ?? c.overridingTargets(context, fields: ["num_workers"]) {
                let location = context.location(of: p.reference, target: target)
                if let i = c.index(context, file: location.file, base: location.base),
                   context.rawNode(file: location.file, path: location.base + [.key("clusters"), .index(i), .key("num_workers")]) != nil {
                    deletions.append((location.file, .delete(location.base + [.key("clusters"), .index(i), .key("num_workers")])))
                }
            }
        }
        var edits = c.edits(context, operations)
        for deletion in deletions {
            if let i = edits.firstIndex(where: { $0.file == deletion.file }) { edits[i].operations.append(deletion.operation) } else { edits.append((deletion.file, [deletion.operation])) }
        }
        let modeText = mode.map { ", mode \($0)" } ?? autoscale?["mode"]?.string.map { ", mode \($0)" } ?? ""
        return p.plan(subject: "Autoscale pipeline \(p.key) between \(bounds.lo) and \(bounds.hi) workers\(p.inTarget)",
                      summary: "Set autoscaling to \(bounds.lo)–\(bounds.hi) workers\(modeText) on \(c.description)\(p.forTarget).",
                      edits: edits)
    }

    /// "turn off autoscaling": a fixed size at the maximum, in the definition and in every target
    /// that sets the autoscaling of the cluster itself (at that target's maximum).
    static func fixedSize(_ context: PlanningContext, _ c: PipelineClusterSelection, workers said: Int? = nil) throws -> Plan {
        let p = c.pipeline
        guard let autoscale = c.spec["autoscale"], case .int(let hi)? = autoscale["max_workers"]?.scalar?.value else {
            // A cluster of a fixed size (or none yet): the size said.
            if let said {
                guard !PipelineSelection.holds(c.spec["num_workers"], .int(said)) || c.spec["autoscale"] != nil else {
                    throw PlanningStop(outcome: .refused("\(c.description) already has a fixed \(pluralize(said, "worker"))\(p.inTarget)"))
                }
                return p.plan(subject: "Use \(pluralize(said, "worker")) for pipeline \(p.key)\(p.inTarget)",
                              summary: "Set a fixed \(pluralize(said, "worker")) on \(c.description)\(p.forTarget) (no autoscaling).",
                              edits: c.edits(context, [c.set(context, [.key("num_workers")], .int(said))]))
            }
            throw PlanningStop(outcome: .refused("\(c.description) does not autoscale\(p.inTarget)"))
        }
        guard p.target == nil else {
            throw PlanningStop(outcome: .refused("a target override cannot remove autoscaling it inherits; change the definition (ask without a target)"))
        }
        var edits: [(file: String, operations: [EditOperation])] = []
        var sizes: [String] = []
        for target in [nil] + c.overridingTargets(context, fields: ["autoscale"]) {
            let location = context.location(of: p.reference, target: target)
            guard let i = c.index(context, file: location.file, base: location.base) else { continue }
            let entry = location.base + [.key("clusters"), .index(i)]
            guard let raw = context.rawNode(file: location.file, path: entry + [.key("autoscale")]) else { continue }
            let size: Int = said ?? { if case .int(let n)? = raw["max_workers"]?.scalar?.value { return n } else { return hi } }()
            let operations: [EditOperation] = [.delete(entry + [.key("autoscale")]), .set(entry + [.key("num_workers")], .int(size))]
            if let j = edits.firstIndex(where: { $0.file == location.file }) { edits[j].operations += operations } else { edits.append((location.file, operations)) }
            sizes.append(target.map { "\($0): \(size)" } ?? pluralize(size, "worker"))
        }
        return p.plan(subject: "Turn off autoscaling for pipeline \(p.key)",
                      summary: "Replaced autoscaling with a fixed size on \(c.description): \(sizes.joined(separator: ", ")).",
                      edits: edits)
    }
}

extension ServerlessIntent {
    /// The cluster a pipeline gets back when it leaves serverless compute.
    static let defaultPipelineCluster: EditValue = .mapping([
        ("label", .string("default")),
        ("autoscale", .mapping([("min_workers", .int(1)), ("max_workers", .int(5)), ("mode", .string("ENHANCED"))])),
    ])

    /// `serverless: true` without clusters, or classic compute with a default cluster.
    static func planPipeline(_ context: PlanningContext, _ p: PipelineSelection, off: Bool) throws -> Plan {
        var edits: [(file: String, operations: [EditOperation])] = []
        func add(_ file: String, _ operation: EditOperation) {
            if let i = edits.firstIndex(where: { $0.file == file }) { edits[i].operations.append(operation) } else { edits.append((file, [operation])) }
        }
        let definition = context.location(of: p.reference, target: nil)
        let rawDefinition = context.rawNode(file: definition.file, path: definition.base)
        let overriding = { (field: String) in p.overridingTargets(context, at: [field]) }
        if off {
            guard p.reachedTargets(context).contains(where: { context.isServerlessPipeline(p.key, target: $0) }) else {
                throw p.already("running on classic compute")
            }
            let hasClusters = !(p.effective["clusters"]?.sequence ?? []).isEmpty
            // "… with 2 workers": a fixed size; "up to 8 workers": autoscaling to that many.
            let sizing = ClusterSizeIntent.Sizing(context.request)
            let defaultPipelineCluster: EditValue = sizing.explicit.map { n in
                sizing.bound == .maximum
                    ? .mapping([("label", .string("default")), ("autoscale", .mapping([("min_workers", .int(1)), ("max_workers", .int(n)), ("mode", .string("ENHANCED"))]))])
                    : .mapping([("label", .string("default")), ("num_workers", .int(n))])
            } ?? Self.defaultPipelineCluster
            let described = sizing.explicit.map { n in sizing.bound == .maximum ? "a classic cluster autoscaling 1–\(n) workers" : "a classic cluster of \(ClusterSizeIntent.pluralize(n, "worker"))" }
                ?? "a classic cluster default (autoscaling 1–5 workers, mode ENHANCED)"
            if p.target != nil {
                add(p.location.file, .set(p.location.base + [.key("serverless")], .bool(false)))
                if !hasClusters { add(p.location.file, .set(p.location.base + [.key("clusters")], .sequence([defaultPipelineCluster]))) }
            } else {
                if rawDefinition?["serverless"] != nil { add(definition.file, .delete(definition.base + [.key("serverless")])) }
                // Targets that turn serverless on themselves would keep it, now with a cluster: they follow the definition.
                for target in overriding("serverless") where context.isServerlessPipeline(p.key, target: target) {
                    let location = context.location(of: p.reference, target: target)
                    add(location.file, .delete(location.base + [.key("serverless")]))
                }
                if rawDefinition?["clusters"] == nil { add(definition.file, .set(definition.base + [.key("clusters")], .sequence([defaultPipelineCluster]))) }
            }
            return p.plan(subject: "Run pipeline \(p.key) on classic compute\(p.inTarget)",
                          summary: "Turned serverless off for \(p.description)\(p.forTarget); it runs on \(hasClusters ? "its clusters" : described).",
                          edits: edits)
        }
        guard !p.reachedTargets(context).allSatisfy({ context.isServerlessPipeline(p.key, target: $0) }) else {
            throw p.already("running on serverless compute")
        }
        if let storage = p.effective["storage"]?.string, p.effective["catalog"] == nil {
            throw PlanningStop(outcome: .refused("\(p.description) publishes to the Hive metastore (storage \(storage)); serverless pipelines publish to Unity Catalog, and a Hive metastore pipeline cannot move there: create a new pipeline with a catalog"))
        }
        guard p.effective["catalog"] != nil else {
            throw PlanningStop(outcome: .clarify(question: "Serverless pipelines publish to Unity Catalog; which catalog should \(p.description) publish to?",
                                                 choices: ["publish the \(p.key) pipeline to the catalog main"]))
        }
        let clusters = (p.effective["clusters"]?.sequence ?? []).map { $0["label"]?.string ?? "default" }
        if p.target != nil {
            guard rawDefinition?["clusters"] == nil else {
                throw PlanningStop(outcome: .refused("a target override cannot remove the clusters \(p.description) inherits from its definition; ask without a target"))
            }
            add(p.location.file, .set(p.location.base + [.key("serverless")], .bool(true)))
            if context.rawNode(file: p.location.file, path: p.location.base + [.key("clusters")]) != nil {
                add(p.location.file, .delete(p.location.base + [.key("clusters")]))
            }
        } else {
            add(definition.file, .set(definition.base + [.key("serverless")], .bool(true)))
            if rawDefinition?["clusters"] != nil { add(definition.file, .delete(definition.base + [.key("clusters")])) }
            // Every target follows: their own clusters and `serverless: false` go too.
            for target in context.bundle.targetNames {
                let location = context.location(of: p.reference, target: target)
                if overriding("clusters").contains(target) { add(location.file, .delete(location.base + [.key("clusters")])) }
                if overriding("serverless").contains(target) { add(location.file, .delete(location.base + [.key("serverless")])) }
            }
        }
        return p.plan(subject: "Run pipeline \(p.key) on serverless compute\(p.inTarget)",
                      summary: "Set serverless: true on \(p.description)\(p.forTarget)\(clusters.isEmpty ? "" : " and removed its clusters (\(clusters.joined(separator: ", ")))").",
                      edits: edits)
    }
}
