import BundleEditing
import BundleModel

/// "make the dev cluster smaller", "halve the workers", "scale nightly_etl to 8 workers", "bigger cluster in prod".
public enum ClusterSizeIntent: Intent {
    public static let id = "cluster-size"
    public static let summary = "cluster size: smaller, larger, N workers (jobs and pipelines)"
    public static let examples = ["make the dev cluster smaller", "double the workers of nightly_etl in prod", "set the cluster to 4 workers"]

    static let smaller = ["smaller", "shrink", "reduce", "fewer", "halve", "half", "downsize", "cheaper", "decrease", "less"]
    static let larger = ["larger", "bigger", "grow", "more", "double", "increase", "upsize", "scale", "faster"]

    public static func score(_ text: RequestText) -> Int {
        // "a larger driver" is the driver's node type (NodeTypeIntent), not more workers.
        if text.has("driver") { return 0 }
        // "increase the disk size of the cluster": its disks (ClusterDiskIntent), not its workers.
        if text.hasAny(["disk", "disks", "ebs", "storage"]) { return 0 }
        // "turn on photon for the two node probe cluster": "two node" says which cluster; the change is Photon's.
        if text.hasAny(["photon", "spot", "on-demand", "policy", "tag", "tags", "runtime", "spark_version"]) || text.contains("on demand"), !text.hasAny(["worker", "workers", "autoscale", "smaller", "bigger", "larger"]) { return 0 }
        let aboutCluster = text.hasAny(["cluster", "clusters", "workers", "worker", "nodes", "compute"])
        // "make it bigger": size words alone point at the cluster, weakly.
        guard aboutCluster else { return text.hasAny(["smaller", "bigger", "larger", "shrink", "grow", "halve", "double", "downsize", "upsize", "cheaper"]) ? 1 : 0 }
        if Sizing.workers(text) != nil || Sizing.delta(text) != nil { return 3 }
        return text.hasAny(smaller + larger) ? 2 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let target = try context.target()
        // An all-purpose cluster named: its own num_workers / autoscale.
        if ClusterSelection.allPurpose(context) != nil {
            return try planAllPurpose(context, ClusterSelection(context))
        }
        let resource = try context.resource(["jobs", "pipelines"], where: { reference in
            reference.type == "pipelines" ? context.hasPipelineClusters(reference.key, target: target) : context.hasJobCluster(reference.key, target: target)
        }, unfit: { context.computeNote($0, target: target) })
        if resource.type == "pipelines" {
            return try planPipeline(context, PipelineSelection(context, resource, target: target))
        }
        let c = try ClusterSelection(context, job: resource.key)
        let (job, clusterKey, spec) = (c.job, c.clusterKey, c.spec)
        if target == nil && context.targetOption == nil {
            // Targets that set this cluster's size themselves would not see a change of the shared definition.
            let overriding = context.bundle.targetNames.filter { t in
                let items = context.bundle.targetsMapping?[t]?["resources"]?["jobs"]?[job]?[c.list]?.sequence ?? []
                return items.contains { $0[c.identityField]?.string == clusterKey && ($0["new_cluster"]?["num_workers"] != nil || $0["new_cluster"]?["autoscale"] != nil) }
            }
            try context.askWhichTarget(overriding, setting: "the size of \(clusterKey)")
        }
        let sizing = Sizing(text)
        // Neither a number nor a direction (a follow-up that carried on with this change by a word such as
        // "longer"): not understood (a language model may take it), never halved.
        guard sizing.explicit != nil || sizing.delta != nil || text.hasAny(smaller + larger) else {
            throw PlanningStop(outcome: .notUnderstood(message: "I did not understand \"\(text.original)\" as a cluster size: say how many workers, or larger or smaller.",
                                                       examples: examples))
        }
        let (explicit, resize) = (sizing.explicit, sizing.resize)
        let location = context.jobLocation(job, target: target)
        var operations: [EditOperation] = []
        let summary: String
        if let autoscaling = try resizingAutoscale(context, c, sizing, forTarget: context.forTarget(target)) {
            (operations, summary) = autoscaling
        } else {
            // A single-node cluster that does not write num_workers has none (0).
            let singleNode = spec["is_single_node"]?.scalar?.value == .bool(true)
                || spec["spark_conf"]?["spark.databricks.cluster.profile"]?.string == "singleNode"
                || spec["custom_tags"]?["ResourceClass"]?.string == "SingleNode"
            let written: Int? = { if case .int(let n)? = spec["num_workers"]?.scalar?.value { return n } else { return nil } }()
            // `num_workers: ${var.etl_num_workers}`: that variable's value is the size (it said "no fixed number").
            if written == nil, let reference = spec["num_workers"]?.string,
               let name = reference.firstMatch(of: /^\$\{var\.([A-Za-z0-9_-]+)\}$/).map({ String($0.output.1) }) {
                let value = context.bundle.targetsMapping?[target ?? ""]?["variables"]?[name] ?? context.bundle.configuration["variables"]?[name]?["default"]
                let now: Int? = { if case .int(let n)? = (value?["default"] ?? value)?.scalar?.value { return n } else { return Int(value?.string ?? "") } }()
                guard let now else {
                    throw PlanningStop(outcome: .refused("the size of \(c.description) is ${var.\(name)}, which has no number to change; say the variable's value (\"set \(name) to 4\")"))
                }
                let new = resize(now)
                guard new != now else { throw PlanningStop(outcome: .refused("\(c.description) already has \(pluralize(now, "worker")) (${var.\(name)})\(context.forTarget(target))")) }
                var plan = try VariableValueIntent.plan(context.saying("set the \(name) variable to \(new)\(target.map { " in \($0)" } ?? "")"))
                plan.summary += " The size of \(c.description) is ${var.\(name)}."
                return plan
            }
            guard let current = written ?? (singleNode && spec["num_workers"] == nil ? 0 : nil) else {
                throw PlanningStop(outcome: .refused("\(c.description) has no fixed number of workers to change"))
            }
            guard current > 0 || explicit != nil || sizing.delta != nil else {
                throw PlanningStop(outcome: .refused("\(c.description) is single-node; ask for a number of workers, such as \"4 workers\""))
            }
            let new = resize(current)
            guard new != current else { throw PlanningStop(outcome: .refused("\(c.description) already has \(pluralize(current, "worker"))\(context.forTarget(target))")) }
            operations.append(c.set(context, [.key("num_workers")], .int(new)))
            // Workers for a single-node cluster: it stops being one.
            let leaving = current == 0 && new > 0 ? try c.leavingSingleNode(context) : []
            operations += leaving
            summary = "Set \(pluralize(new, "worker")) (was \(current)) on \(c.description)\(context.forTarget(target))"
                + (leaving.isEmpty ? "." : "; it is no longer single-node (its single-node settings are removed).")
        }
        let which = target.map { "the \($0) cluster" } ?? "the cluster"
        let subject = sizing.subject(which, of: job)
        return Plan(subject: subject, summary: summary, target: target, job: job, edits: [(location.file, operations.count == 2 ? mergeAppends(operations) : operations)])
    }

    /// An all-purpose cluster's size, written where it is defined.
    static func planAllPurpose(_ context: PlanningContext, _ c: ClusterSelection) throws -> Plan {
        let sizing = Sizing(context.request)
        var operations: [EditOperation] = []
        let summary: String
        if let autoscaling = try resizingAutoscale(context, c, sizing, forTarget: "") {
            (operations, summary) = autoscaling
        } else {
            let current: Int = { if case .int(let n)? = c.spec["num_workers"]?.scalar?.value { return n } else { return 0 } }()
            guard current > 0 || sizing.explicit != nil else {
                throw PlanningStop(outcome: .refused("\(c.description) is single-node; ask for a number of workers, such as \"4 workers\""))
            }
            let new = sizing.resize(current)
            guard new != current else { throw PlanningStop(outcome: .refused("\(c.description) already has \(pluralize(current, "worker"))")) }
            operations = [c.set(context, [.key("num_workers")], .int(new))]
            let leaving = current == 0 && new > 0 ? try c.leavingSingleNode(context) : []
            operations += leaving
            summary = "Set \(pluralize(new, "worker")) (was \(current)) on \(c.description)"
                + (leaving.isEmpty ? "." : "; it is no longer single-node (its single-node settings are removed).")
        }
        return Plan(subject: sizing.subject("the all-purpose cluster", of: c.clusterKey), summary: summary,
                    resource: ResourceReference(type: "clusters", key: c.clusterKey), edits: [(c.location.file, operations)])
    }

    /// The edits that resize an autoscaling cluster, and what they did; nil when it does not autoscale.
    /// "4 workers" is four workers (autoscaling goes; in a target, which cannot remove it, a range of
    /// one); "up to 4 workers" / "at least 2 workers" move one bound; "smaller", "larger" both.
    static func resizingAutoscale(_ context: PlanningContext, _ c: ClusterSelection, _ sizing: Sizing,
                                  forTarget: String) throws -> (operations: [EditOperation], summary: String)? {
        guard let autoscale = c.spec["autoscale"], case .int(let lo)? = autoscale["min_workers"]?.scalar?.value,
              case .int(let hi)? = autoscale["max_workers"]?.scalar?.value else { return nil }
        // "let the analysis cluster scale to 8 workers": as far as 8, the upper bound (autoscaling was removed).
        if let n = sizing.explicit, sizing.bound == nil, n > lo,
           context.request.lowered.range(of: #"\bscal(e|es|ing)\s+(out\s+|up\s+)?to\s+\d+"#, options: .regularExpression) != nil {
            guard n != hi else { throw PlanningStop(outcome: .refused("\(c.description) already autoscales up to \(pluralize(n, "worker"))\(forTarget)")) }
            return (bounds(context, c, (lo, hi), (lo, n)), "Set autoscaling to \(lo)–\(n) workers (was \(lo)–\(hi)) on \(c.description)\(forTarget).")
        }
        if let n = sizing.explicit, sizing.bound == nil {
            if let deletion = try? c.deletion(context, [.key("autoscale")], what: "autoscaling") {
                return ([deletion, c.set(context, [.key("num_workers")], .int(n))],
                        "Set \(pluralize(n, "worker")) (was autoscaling \(lo)–\(hi)) on \(c.description)\(forTarget); it no longer autoscales.")
            }
            guard (lo, hi) != (n, n) else { throw PlanningStop(outcome: .refused("\(c.description) already has \(pluralize(n, "worker"))\(forTarget)")) }
            // A target cannot remove the autoscaling it inherits, and a range of one (8–8) is no range the
            // workspace takes: asked which range, or to stop autoscaling everywhere.
            let target = forTarget.replacingOccurrences(of: #"^\s*(for|in)\s+(target\s+)?"#, with: "", options: .regularExpression)
            let place = target.isEmpty ? "" : " in \(target)"
            // (Each choice names the job: answered, it went to the resource the conversation was about before.)
            var choices: [String] = []
            if n > lo { choices.append("autoscale the \(c.job) job between \(lo) and \(n) workers\(place)") }
            choices.append("autoscale the \(c.job) job between \(n) and \(max(n * 2, hi)) workers\(place)")
            choices.append("use \(n) fixed workers without autoscaling for the \(c.job) job in every target")
            throw PlanningStop(outcome: .clarify(question: "\(c.description) autoscales between \(lo) and \(hi) workers\(forTarget), set by the shared definition, which a target cannot take away; which range should it have\(place), or should it stop autoscaling for every target?",
                                                 choices: choices))
        }
        var (newLo, newHi) = sizing.bounds(lo, hi)
        // "make it smaller" of 1–3: 1–2, not 1–1 (a range the workspace refuses).
        if newHi <= newLo, sizing.explicit == nil { newHi = newLo + 1 }
        guard (newLo, newHi) != (lo, hi) else { throw PlanningStop(outcome: .refused("\(c.description) already autoscales between \(lo) and \(hi) workers\(forTarget)" + (hi == lo + 1 ? "; for a fixed size, ask for one (\"\(lo) worker\(lo == 1 ? "" : "s") without autoscaling\")" : ""))) }
        return (bounds(context, c, (lo, hi), (newLo, newHi)),
                "Set autoscaling to \(newLo)–\(newHi) workers (was \(lo)–\(hi)) on \(c.description)\(forTarget).")
    }

    /// The settings of the autoscaling bounds that change (a bound that stays is not written again).
    static func bounds(_ context: PlanningContext, _ c: ClusterSelection, _ old: (Int, Int), _ new: (Int, Int)) -> [EditOperation] {
        (new.0 != old.0 ? [c.set(context, [.key("autoscale"), .key("min_workers")], .int(new.0))] : [])
            + (new.1 != old.1 ? [c.set(context, [.key("autoscale"), .key("max_workers")], .int(new.1))] : [])
    }

    /// How a request resizes: to an explicit number of workers, or by a factor of two.
    struct Sizing {
        let explicit: Int?
        let grow: Bool
        /// "up to 8 workers", "at most 8": the explicit number is the maximum; "at least 2": the minimum.
        let bound: Bound?
        enum Bound { case maximum, minimum }

        /// "8 workers", and "8 max workers", "2 min workers".
        static func workers(_ text: RequestText) -> Int? {
            if let n = text.number(before: ["workers", "worker", "nodes", "node"]) { return n }
            // "set the workers to 4 in prod", "set the number of workers of the training cluster to 6".
            if text.hasAny(["workers", "worker"]), let n = text.number(after: ["to", "="]), text.words.compactMap({ Int($0) }).count == 1 { return n }
            let words = text.words
            for (i, w) in words.enumerated() where ["max", "maximum", "min", "minimum"].contains(w) && i + 1 < words.count
                && ["workers", "worker", "nodes"].contains(words[i + 1]) {
                if let n = text.number(before: [w]) { return n }
            }
            return nil
        }

        /// "add 2 workers", "2 more workers", "remove a worker", "3 fewer workers": by how many (it set 2).
        let delta: Int?

        static func delta(_ text: RequestText) -> Int? {
            let said = text.lowered
            let number = #"(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)"#
            func value(_ word: String) -> Int? { Int(word) ?? RequestText.numberWords[word] ?? (["a", "an"].contains(word) ? 1 : nil) }
            for (pattern, sign) in [(#"\b\#(number)\s+(?:more|extra|additional|further)\s+(?:workers?|nodes?)\b"#, 1),
                                    (#"\b(?:add|adding)\s+\#(number)\s+(?:more\s+|extra\s+)?(?:workers?|nodes?)\b"#, 1),
                                    (#"\b\#(number)\s+fewer\s+(?:workers?|nodes?)\b"#, -1),
                                    (#"\b(?:remove|drop|take away|cut)\s+\#(number)\s+(?:workers?|nodes?)\b"#, -1),
                                    // "drop etl by 5 workers", "scale it up by 2 workers" (it set 5, or 2 fixed workers).
                                    (#"\b(?:drop|drops|reduce|reduced|cut|decrease|shrink|lower|down|downsize)\b.*\bby\s+\#(number)\s+(?:workers?|nodes?)\b"#, -1),
                                    (#"\b(?:up|increase|increased|grow|raise|bump|upsize|add)\b.*\bby\s+\#(number)\s+(?:workers?|nodes?)\b"#, 1)] {
                if let range = said.range(of: pattern, options: .regularExpression),
                   let word = said[range].split(separator: " ").map(String.init).first(where: { value($0) != nil }), let n = value(word) {
                    return sign * n
                }
            }
            return nil
        }

        init(_ text: RequestText) {
            delta = Self.delta(text)
            explicit = delta == nil ? Self.workers(text) : nil
            grow = text.hasAny(ClusterSizeIntent.larger) && !text.hasAny(["smaller", "shrink", "reduce", "fewer", "halve", "half", "downsize", "down"])
            // ("cap the job at 4 workers", "limit it to 6 workers", "no more than 4": the maximum; it set 4–4, raising the minimum.)
            bound = text.contains("up to") || text.contains("at most") || text.hasAny(["max", "maximum", "max_workers", "cap", "capped", "limit", "limited"])
                || text.contains("no more than") || text.contains("not more than")
                // "shouldn't scale past 4 workers", "never more than 4", "don't let it go above 4": the maximum.
                || (text.hasAny(["past", "above", "beyond", "exceed", "more"]) && (text.isNegated || text.hasAny(["never", "dont", "don't", "shouldn't", "shouldnt", "not", "no"]))) ? .maximum
                : text.contains("at least") || text.hasAny(["min", "minimum", "min_workers"]) ? .minimum : nil
        }

        func resize(_ n: Int) -> Int {
            if let delta { return max(1, n + delta) }
            if let explicit { return explicit }
            return grow ? max(1, n * 2) : max(1, n / 2)
        }

        /// New autoscaling bounds: an explicit number moves the bound it names (the other one only as
        /// far as it must); without one, both by a factor of two.
        func bounds(_ lo: Int, _ hi: Int) -> (lo: Int, hi: Int) {
            // ("add 2 workers" to an autoscaling cluster: its maximum, by that many.)
            if let delta { return (min(lo, max(1, hi + delta)), max(1, hi + delta)) }
            if let explicit, bound == .minimum { return (explicit, max(hi, explicit)) }
            if let explicit { return (min(lo, explicit), explicit) }
            return (min(resize(lo), resize(hi)), resize(hi))
        }

        /// A pipeline's autoscaling bounds: "8 workers" is the range's maximum and half of it the
        /// minimum (the usual shape under enhanced autoscaling); "up to" and "at least" move one bound.
        func pipelineBounds(_ lo: Int, _ hi: Int) -> (lo: Int, hi: Int) {
            guard let explicit, bound == nil else { return bounds(lo, hi) }
            return (max(1, explicit / 2), explicit)
        }

        func subject(_ which: String, of name: String) -> String {
            if let delta { return "\(delta > 0 ? "Add" : "Remove") \(ClusterSizeIntent.pluralize(abs(delta), "worker")) \(delta > 0 ? "to" : "from") \(which) of \(name)" }
            return explicit.map { "Set \(which) of \(name) to \(ClusterSizeIntent.pluralize($0, "worker"))" } ?? "Make \(which) of \(name) \(grow ? "larger" : "smaller")"
        }
    }

    /// Two settings of one new list entry become one appended entry.
    static func mergeAppends(_ operations: [EditOperation]) -> [EditOperation] {
        guard operations.count == 2, case .append(let p1, .mapping(let a)) = operations[0], case .append(let p2, .mapping(let b)) = operations[1], p1 == p2 else {
            return operations
        }
        func merge(_ x: [(String, EditValue)], _ y: [(String, EditValue)]) -> [(String, EditValue)] {
            var out = x
            for (k, v) in y {
                if let i = out.firstIndex(where: { $0.0 == k }) {
                    if case .mapping(let m1) = out[i].1, case .mapping(let m2) = v { out[i].1 = .mapping(merge(m1, m2)) } else { out[i].1 = v }
                } else {
                    out.append((k, v))
                }
            }
            return out
        }
        return [.append(p1, .mapping(merge(a, b)))]
    }
}
