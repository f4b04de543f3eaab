import Foundation
import BundleEditing
import BundleModel

/// "turn on Photon", "disable photon in dev".
public enum PhotonIntent: Intent {
    public static let id = "photon"
    public static let summary = "Photon on and off (job clusters and pipelines)"
    public static let examples = ["turn on Photon", "disable Photon in dev"]

    public static func score(_ text: RequestText) -> Int { text.has("photon") ? 3 : 0 }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let target = try context.target()
        let off = context.request.hasAny(["off", "disable", "without", "no", "remove", "stop"]) || context.request.saysNot
        // "… for the interactive cluster": the bundle's all-purpose cluster.
        if ClusterSelection.allPurpose(context) != nil {
            let c = try ClusterSelection(context)
            let engine = off ? "STANDARD" : "PHOTON"
            if c.spec["runtime_engine"]?.string == engine { throw PlanningStop(outcome: .refused("Photon is already \(off ? "off" : "on") for \(c.description)")) }
            return Plan(subject: "Turn Photon \(off ? "off" : "on") for the cluster \(c.job)\(c.target.map { " in \($0)" } ?? "")",
                        summary: "Set runtime_engine to \(engine) on \(c.description)\(context.forTarget(c.target)).",
                        target: c.target, edits: [(c.location.file, [c.set(context, [.key("runtime_engine")], .string(engine))])])
        }
        let resource = try context.resource(["jobs", "pipelines"], where: { reference in
            reference.type == "pipelines" ? !context.isServerlessPipeline(reference.key, target: target) : context.hasJobCluster(reference.key, target: target)
        }, unfit: { context.computeNote($0, target: target) })
        if resource.type == "pipelines" {
            return try planPipeline(context, PipelineSelection(context, resource, target: target), off: off)
        }
        let c = try ClusterSelection(context, job: resource.key)
        let engine = off ? "STANDARD" : "PHOTON"
        if c.spec["runtime_engine"]?.string == engine { throw PlanningStop(outcome: .refused("Photon is already \(off ? "off" : "on") for \(c.description)")) }
        return Plan(subject: "Turn Photon \(off ? "off" : "on") for \(c.job)\(c.target.map { " in \($0)" } ?? "")",
                    summary: "Set runtime_engine to \(engine) on \(c.description)\(context.forTarget(c.target)).",
                    target: c.target, job: c.job, edits: [(c.location.file, [c.set(context, [.key("runtime_engine")], .string(engine))])])
    }
}

/// "use spot instances", "run on demand in prod", "preemptible workers".
public enum AvailabilityIntent: Intent {
    public static let id = "spot-on-demand"
    public static let summary = "spot or on-demand instances, per cloud"
    public static let examples = ["use spot instances", "run on on-demand instances in prod"]

    public static func score(_ text: RequestText) -> Int {
        text.hasAny(["spot", "preemptible", "on-demand", "ondemand"]) || text.contains("on demand") ? 3 : 0
    }

    /// Whether the words ask for on-demand instances: spot said (and not denied) is spot, whatever they say of
    /// the driver or the fallback ("use spot with fallback, keep the driver on demand", "and spot in dev" after an
    /// on-demand change: both became on-demand); on demand said alone is on demand.
    static func onDemand(_ text: RequestText) -> Bool {
        // "don't fall back to on-demand": spot, without the fallback (it was read as on demand).
        if withoutFallback(text) { return false }
        guard text.hasAny(["spot", "preemptible"]) else { return text.contains("demand") }
        // ("don't use spot", "should not use spot instances", "shouldn't run on spot": denied too.)
        return text.lowered.replacingOccurrences(of: "’", with: "'").range(of: #"\b(no|not|without|instead of|rather than|off|stop using|avoid|never|don'?t|do not|shouldn'?t|should not|mustn'?t)\s+(use\s+|using\s+|run\s+on\s+|be\s+on\s+)?(the\s+|any\s+)?(spot|preemptible)"#, options: .regularExpression) != nil
    }

    /// "keep the driver on demand", "the first node on demand": the driver's availability, not the cluster's.
    static func driverOnly(_ text: RequestText) -> Bool {
        text.contains("demand") && (text.hasAny(["driver", "first_on_demand"]) || text.contains("first node") || onDemandCount(text) != nil)
    }

    /// "spot only", "without fallback", "no on-demand fallback", "don't fall back": spot instances that are not
    /// replaced by on-demand ones when the cloud reclaims them (SPOT, not SPOT_WITH_FALLBACK).
    static func withoutFallback(_ text: RequestText) -> Bool {
        let words = text.lowered.replacingOccurrences(of: "’", with: "'")
        return words.range(of: #"\b(no|without|not|never|don'?t|do not|skip|disable|turn off|remove|drop|stop|no more)\s+(any\s+|an?\s+|the\s+|its\s+)?((on[- ]?demand|spot|preemptible)\s+)?fall(ing)?[- ]?(back|ing back)"#, options: .regularExpression) != nil
            || words.range(of: #"\b(spot(\s+(instances?|nodes?|vms?|workers?))?[- ]only|only (on )?spot|pure spot|purely (on )?spot|all spot|spot,? nothing else|never on[- ]?demand)\b"#, options: .regularExpression) != nil
    }

    /// "all spot, including the driver", "make the driver spot too", "never on-demand": no node on demand
    /// (first_on_demand: 0), the driver too.
    static func driverOnSpot(_ text: RequestText) -> Bool {
        text.lowered.range(of: #"\b((including|with|and|also|even|plus)\s+the\s+driver|driver\s+(on\s+|to\s+|as\s+)?(spot|preemptible)|driver\s+too|never\s+on[- ]?demand|no\s+on[- ]?demand\s+(nodes?|instances?|driver|vms?))\b"#, options: .regularExpression) != nil
    }

    /// "keep 2 on-demand nodes", "the first 3 nodes on demand", "2 nodes on demand": how many nodes (the driver
    /// first) stay on demand, when a number is said; nil otherwise.
    static func onDemandCount(_ text: RequestText) -> Int? {
        let words = text.lowered
        let number = #"(\d+|one|two|three|four|five)"#
        for pattern in [#"\b(?:keep|first|with|leave)\s+(?:the\s+first\s+)?"# + number + #"\s+(?:on[- ]?demand\s+)?(?:nodes?|instances?|vms?|machines?)(?:\s+on[- ]?demand)?"#,
                        number + #"\s+on[- ]?demand\s+(?:nodes?|instances?|vms?|machines?)"#] {
            guard let range = words.range(of: pattern, options: .regularExpression) else { continue }
            let said = String(words[range])
            guard said.contains("demand") else { continue }
            let names = ["one": 1, "two": 2, "three": 3, "four": 4, "five": 5]
            if let n = said.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).lazy.compactMap({ Int($0) ?? names[String($0)] }).first { return n }
        }
        return nil
    }

    /// The attributes field and availability value of a cluster spec's cloud.
    static func availability(_ spec: YAMLNode, onDemand: Bool, fallback: Bool = true, in bundle: LoadedBundle? = nil) -> (field: String, value: String) {
        switch bundle.map({ ClusterSelection.cloud(of: spec, in: $0) }) ?? ClusterSelection.cloud(of: spec) {
        case "azure": return ("azure_attributes", onDemand ? "ON_DEMAND_AZURE" : fallback ? "SPOT_WITH_FALLBACK_AZURE" : "SPOT_AZURE")
        case "gcp": return ("gcp_attributes", onDemand ? "ON_DEMAND_GCP" : fallback ? "PREEMPTIBLE_WITH_FALLBACK_GCP" : "PREEMPTIBLE_GCP")
        default: return ("aws_attributes", onDemand ? "ON_DEMAND" : fallback ? "SPOT_WITH_FALLBACK" : "SPOT")
        }
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let onDemand = Self.onDemand(context.request)
        // "… for the prod pipeline cluster": the pipeline's cluster, not a job's.
        if PipelineClusterSelection.requested(context) {
            let target = try context.target()
            let p = try PipelineSelection(context, try context.resource(["pipelines"], where: { context.hasPipelineClusters($0.key, target: target) },
                                                                          unfit: { _ in "runs on serverless compute (no instances to choose)" }), target: target)
            let c = try PipelineClusterSelection(context, p)
            let (field, value) = availability(c.spec, onDemand: onDemand, fallback: onDemand || !Self.withoutFallback(context.request), in: context.bundle)
            if c.spec[field]?["availability"]?.string == value { throw PlanningStop(outcome: .refused("\(c.description) already uses \(value)\(p.inTarget)")) }
            var operations = [c.set(context, [.key(field), .key("availability")], .string(value))]
            if !onDemand && c.spec[field]?["first_on_demand"] == nil { operations.append(c.set(context, [.key(field), .key("first_on_demand")], .int(1))) }
            return p.plan(subject: "Run pipeline \(p.key) on \(onDemand ? "on-demand" : "spot") instances\(p.inTarget)",
                          summary: "Set \(field).availability to \(value)\(onDemand ? "" : " (driver on demand)") on \(c.description)\(p.forTarget).",
                          edits: c.edits(context, ClusterSizeIntent.mergeAppends(operations)))
        }
        let c = try ClusterSelection(context)
        // "keep the first node on demand", "the driver on demand" (no spot said): the driver alone, on a spot cluster.
        if Self.driverOnly(context.request), !context.request.hasAny(["spot", "preemptible"]) {
            let (field, _) = availability(c.spec, onDemand: false, in: context.bundle)
            if let current = c.spec[field]?["availability"]?.string, current.hasPrefix("SPOT") || current.hasPrefix("PREEMPTIBLE") {
                let count = Self.onDemandCount(context.request) ?? 1
                let first = c.spec[field]?["first_on_demand"]?.string.flatMap(Int.init)
                if count == 1 ? (first ?? 0) >= 1 : first == count {
                    throw PlanningStop(outcome: .refused("nothing to change: \(c.description) already keeps \(count == 1 ? "its driver" : "its first \(count) nodes") on demand (first_on_demand)"))
                }
                return Plan(subject: "Keep \(count == 1 ? "the driver" : "the first \(count) nodes") of \(c.job) on demand\(c.target.map { " in \($0)" } ?? "")",
                            summary: "Set \(field).first_on_demand to \(count) on \(c.description)\(context.forTarget(c.target)): "
                                + (count == 1 ? "the driver runs on demand, the workers on spot." : "the driver and \(count == 2 ? "one worker" : "\(count - 1) workers") run on demand, the rest on spot."),
                            target: c.target, job: c.job, edits: [(c.location.file, [c.set(context, [.key(field), .key("first_on_demand")], .int(count))])])
            }
        }
        let fallback = onDemand || !Self.withoutFallback(context.request)
        let (field, value) = availability(c.spec, onDemand: onDemand, fallback: fallback, in: context.bundle)
        let count = onDemand ? nil : Self.onDemandCount(context.request) ?? (Self.driverOnSpot(context.request) ? 0 : nil)
        let firstOnDemand = c.spec[field]?["first_on_demand"]?.string.flatMap(Int.init)
        if c.spec[field]?["availability"]?.string == value, count == nil || count == firstOnDemand {
            throw PlanningStop(outcome: .refused("\(c.description) already uses \(value)"))
        }
        var operations = [EditOperation]()
        if c.spec[field]?["availability"]?.string != value { operations.append(c.set(context, [.key(field), .key("availability")], .string(value))) }
        if let count, count != firstOnDemand {
            operations.append(c.set(context, [.key(field), .key("first_on_demand")], .int(count)))
        } else if !onDemand && firstOnDemand == nil && c.spec[field]?["first_on_demand"] == nil {
            // Keep the driver on an on-demand instance: spot drivers lose the whole run when reclaimed.
            operations.append(c.set(context, [.key(field), .key("first_on_demand")], .int(1)))
        }
        let kept = count.map { $0 == 0 ? " (the driver on spot too)" : " (the first \($0 == 1 ? "node" : "\($0) nodes") on demand)" } ?? (onDemand ? "" : " (driver on demand)")
        // (Only first_on_demand changing: said as that, not as the availability it already had.)
        let changesAvailability = c.spec[field]?["availability"]?.string != value
        let what = changesAvailability ? "Set \(field).availability to \(value)\(kept)" : "Set \(field).first_on_demand to \(count ?? 1)\(kept) (availability stays \(value))"
        return Plan(subject: "Run \(c.job) on \(onDemand ? "on-demand" : fallback ? "spot" : "spot (no fallback)") instances\(c.target.map { " in \($0)" } ?? "")",
                    summary: "\(what) on \(c.description)\(context.forTarget(c.target))"
                        + (fallback ? "." : ": reclaimed spot nodes are not replaced by on-demand ones."),
                    target: c.target, job: c.job, edits: [(c.location.file, ClusterSizeIntent.mergeAppends(operations))])
    }
}

/// "make it a single-node cluster", "single node in dev".
public enum SingleNodeIntent: Intent {
    public static let id = "single-node"
    public static let summary = "single-node clusters"
    public static let examples = ["make the dev cluster single-node"]

    public static func score(_ text: RequestText) -> Int {
        // "2 workers instead of single node", "no longer single-node": away from it (ClusterSizeIntent).
        if saysAway(text) { return 0 }
        if text.hasAny(["single-node", "singlenode"]) || text.contains("single node") || text.contains("one node") { return 4 }
        // "set the number of workers to 0": a cluster of its driver alone is single-node.
        // ("no workers", not "no more than 4 workers".)
        let zero = text.hasAny(["workers", "worker", "num_workers"])
            && (text.has("0") || text.has("zero") || text.contains("num_workers=0") || text.lowered.range(of: #"\bno\s+(extra\s+|additional\s+)?workers?\b"#, options: .regularExpression) != nil)
        return zero && !text.hasAny(["pipeline", "pipelines", "dlt"]) ? 5 : 0
    }

    /// "it should not be single node anymore", "shouldn't be a single-node cluster", "no more single
    /// node", "2 workers instead of single node": away from it.
    static func saysAway(_ text: RequestText) -> Bool {
        text.lowered.range(of: "(\\b(instead of|no longer|not|no more|rather than|away from|off)|n't)( be| use| run on| have)?( an?| the)? single[- ]?node",
                                      options: .regularExpression) != nil
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        // "make the dev pipelines single node": a pipeline's cluster, never a job's (a job's cluster was made
        // single-node instead).
        if context.request.hasAny(["pipeline", "pipelines", "dlt"]), !context.request.hasAny(["job", "jobs", "workflow"]) {
            throw PlanningStop(outcome: .refused("a pipeline's clusters are not made single-node here; make them small with a worker count instead, such as \"give the pipelines 1 worker in dev\""))
        }
        let c = try ClusterSelection(context)
        // A cluster of the simple form (`kind: CLASSIC_PREVIEW`) says it with `is_single_node: true`; the
        // classic form with the singleNode profile, spark.master and the ResourceClass tag.
        let simple = c.spec["kind"]?.string == "CLASSIC_PREVIEW"
        var operations = simple
            ? [c.set(context, [.key("num_workers")], .int(0)), c.set(context, [.key("is_single_node")], .bool(true))]
            : [c.set(context, [.key("num_workers")], .int(0)),
               c.set(context, [.key("spark_conf"), .key("spark.databricks.cluster.profile")], .string("singleNode")),
               c.set(context, [.key("spark_conf"), .key("spark.master")], .string("local[*]")),
               c.set(context, [.key("custom_tags"), .key("ResourceClass")], .string("SingleNode"))]
        if c.spec["autoscale"] != nil {
            throw PlanningStop(outcome: .refused("\(c.description) autoscales; turn autoscaling off first (\"turn off autoscaling\")"))
        }
        if simple, c.spec["is_single_node"]?.scalar?.value == .bool(true), c.spec["num_workers"]?.string == "0" {
            throw PlanningStop(outcome: .refused("nothing to change: \(c.description) already is single-node"))
        }
        operations = mergeAll(operations)
        return Plan(subject: "Make the \(c.target.map { "\($0) " } ?? "")cluster of \(c.job) single-node",
                    summary: "Made \(c.description) single-node (\(simple ? "0 workers, is_single_node: true" : "0 workers, the singleNode profile, spark.master local[*], ResourceClass SingleNode"))\(context.forTarget(c.target)).",
                    target: c.target, job: c.job, edits: [(c.location.file, operations)])
    }

    /// Several settings of one new list entry become one appended entry.
    static func mergeAll(_ operations: [EditOperation]) -> [EditOperation] {
        operations.dropFirst().reduce([operations[0]]) { acc, op in
            let merged = ClusterSizeIntent.mergeAppends([acc.last!, op])
            return merged.count == 1 ? Array(acc.dropLast()) + merged : acc + [op]
        }
    }
}

/// "turn on autoscaling between 2 and 8 workers", "autoscale up to 10", "set max workers to 8",
/// "scale between 1 and 4 workers", "turn off autoscaling".
public enum AutoscaleIntent: Intent {
    public static let id = "autoscale"
    public static let summary = "autoscaling bounds, on and off (job clusters and pipeline clusters)"
    public static let examples = ["autoscale between 2 and 8 workers", "set the max workers to 8", "turn off autoscaling in prod"]

    static let maxWords = ["max", "maximum", "max_workers", "most"]
    static let minWords = ["min", "minimum", "min_workers", "least"]

    /// "the cluster shouldn't scale", "should not scale automatically", "stop scaling it": autoscaling off
    /// (it made the cluster larger); not "shouldn't scale past 8 workers", a bound.
    static func saysNoScaling(_ text: RequestText) -> Bool {
        text.original.range(of: #"(?i)\b(?:not|never|don['’]?t|doesn['’]?t|shouldn['’]?t|mustn['’]?t|won['’]?t|no\s+longer|stop)\s+(?:be\s+)?(?:auto-?\s?)?scal(?:e|es|ing)\b(?!\s+(?:beyond|past|above|over|more|up\s+to|to\s+\d|below|under|down\s+to))"#,
                            options: .regularExpression) != nil
    }

    public static func score(_ text: RequestText) -> Int {
        if saysNoScaling(text) { return 5 }
        if text.hasAny(["autoscale", "autoscaling", "auto-scale", "auto-scaling"]) || text.contains("auto scale") { return 4 }
        // Bounds said of workers: "max workers to 8", "at least 2 workers", "between 1 and 4 workers".
        guard text.hasAny(["workers", "worker", "nodes", "max_workers", "min_workers"]) else { return 0 }
        if bound(text, maxWords) != nil || bound(text, minWords) != nil { return 4 }
        if range(text) != nil { return 5 }
        return text.has("between") && text.numbers.count >= 2 ? 4 : 0
    }

    /// "2 to 8 workers", "2-8 workers", "from 2 to 6 nodes": a range of workers, so autoscaling.
    static func range(_ text: RequestText) -> (lo: Int, hi: Int)? {
        // ("autoscale 2-12 in prod": the unit unsaid after "autoscale"; it committed 1–4.)
        let unit = text.hasAny(["autoscale", "autoscaling", "autoscales"]) ? "(?![\\d:.])(?!\\s*(?:am|pm|h\\b|hours?|min|minutes?|days?))" : "\\s+(?:workers?|nodes?)\\b"
        guard let regex = try? NSRegularExpression(pattern: "\\b(\\d+)\\s*(?:to|-|–|—)\\s*(\\d+)" + unit, options: [.caseInsensitive]),
              let match = regex.firstMatch(in: text.original, range: NSRange(text.original.startIndex..., in: text.original)),
              let a = Range(match.range(at: 1), in: text.original).flatMap({ Int(text.original[$0]) }),
              let b = Range(match.range(at: 2), in: text.original).flatMap({ Int(text.original[$0]) }), a != b else { return nil }
        return (min(a, b), max(a, b))
    }

    /// The bounds a request asks for. One bound said ("max workers to 8") keeps the other as written, or
    /// as the fixed size it replaces; two numbers are both; no number doubles and halves the fixed size
    /// (or, with `keepWritten`, keeps the bounds written).
    static func bounds(_ text: RequestText, cluster spec: YAMLNode, keepWritten: Bool) -> (lo: Int, hi: Int) {
        let current: Int = { if case .int(let n)? = spec["num_workers"]?.scalar?.value { return n } else { return 2 } }()
        let written = (lo: spec["autoscale"]?["min_workers"]?.scalar.flatMap { Int($0.text) },
                       hi: spec["autoscale"]?["max_workers"]?.scalar.flatMap { Int($0.text) })
        if let range = range(text) { return range }
        let (saidMin, saidMax) = (bound(text, minWords), bound(text, maxWords))
        if saidMin != nil || saidMax != nil {
            // From a fixed size, the other bound is that size, or twice (half) the bound said when the
            // size is no wider: "min workers to 1" on one worker autoscales 1–2, not 1–1.
            let hi = saidMax ?? written.hi.map { max($0, saidMin ?? 1) } ?? (current > (saidMin ?? 1) ? current : max(2, (saidMin ?? 1) * 2))
            let lo = saidMin ?? written.lo.map { min($0, hi) } ?? (current >= 1 && current < hi ? current : max(1, hi / 2))
            return (lo, hi)
        }
        let numbers = text.numbers
        if numbers.count >= 2 { return (min(numbers[0], numbers[1]), max(numbers[0], numbers[1])) }
        // "autoscale up to 8 workers": the maximum; the minimum written stays (it was raised to the fixed size).
        if numbers.count == 1 { return (written.lo.map { min($0, numbers[0]) } ?? max(1, min(current, numbers[0])), numbers[0]) }
        if keepWritten, let lo = written.lo, let hi = written.hi { return (lo, hi) }
        return (max(1, current / 2), max(2, current * 2))
    }

    /// Why `lo`–`hi` is no autoscaling range, and what to ask instead.
    static func notARange(_ lo: Int, _ hi: Int) -> String {
        if lo < 1 { return "autoscaling starts at 1 worker or more (min_workers \(lo)); for a cluster of no workers ask for a single-node cluster" }
        if hi == lo { return "autoscaling between \(lo) and \(hi) workers is a fixed size, which the workspace refuses as a range (max_workers must be above min_workers); ask for \"\(lo) worker\(lo == 1 ? "" : "s")\" for a fixed size, or for a maximum above \(lo)" }
        return "the most workers (\(hi)) would be below the least (\(lo)); the workspace wants max_workers above min_workers: say both, such as \"autoscale between \(min(lo, hi)) and \(max(lo, hi)) workers\""
    }

    /// The number a bound word gives: "max workers to 8", "maximum number of workers is 8", "at most 8",
    /// "8 workers max".
    static func bound(_ text: RequestText, _ names: [String]) -> Int? {
        let words = text.words
        let other = Set(maxWords + minWords).subtracting(names)
        for (i, w) in words.enumerated() where names.contains(w) {
            if ["most", "least"].contains(w), i == 0 || words[i - 1] != "at" { continue }
            // The first number after it, before the other bound's word: "max workers of the sales sync to 8".
            for next in words[(i + 1)...].prefix(10) {
                if let n = Int(next) ?? RequestText.numberWords[next] { return n }
                if other.contains(next) { break }
            }
            // "8 workers max"
            if i >= 2, ["workers", "nodes"].contains(words[i - 1]), let n = Int(words[i - 2]) { return n }
        }
        return nil
    }

    /// "turn off autoscaling", "3 workers without autoscaling", "no autoscaling", "a fixed size".
    static func turnsOff(_ text: RequestText) -> Bool {
        text.hasAny(["off", "disable", "stop", "remove", "fixed", "without"]) || text.contains("no autoscal") || text.contains("no more autoscal")
            // "the fraud cluster should not autoscale", "don't autoscale the etl cluster" (autoscaling was set up).
            || text.original.range(of: #"(?i)\b(not|never|don'?t|doesn'?t|shouldn'?t|mustn'?t|won'?t|no\s+longer)\s+(be\s+)?(auto-?\s?scal\w*)"#, options: .regularExpression) != nil
            || saysNoScaling(text)
    }

    /// The fixed number of workers said ("use 2 fixed workers", "3 workers without autoscaling"), if any.
    static func fixedWorkers(_ text: RequestText) -> Int? {
        text.words.indices.compactMap { i -> Int? in
            guard let n = Int(text.words[i]) ?? RequestText.numberWords[text.words[i]], i + 1 < text.words.count || i > 0 else { return nil }
            let around = [i > 0 ? text.words[i - 1] : "", i + 1 < text.words.count ? text.words[i + 1] : "", i + 2 < text.words.count ? text.words[i + 2] : ""]
            return around.contains(where: { ["worker", "workers", "nodes", "node", "fixed", "to"].contains($0) }) ? n : nil
        }.first
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let target = try context.target()
        // "set the max workers to 8": the one resource whose compute autoscales already, when one does
        // (not asked among a job and a pipeline without clusters).
        let autoscales: (ResourceReference) -> Bool = { reference in
            guard let node = context.effectiveResource(reference, target: target) else { return false }
            let clusters = reference.type == "pipelines" ? (node["clusters"]?.sequence ?? [])
                : (node["job_clusters"]?.sequence ?? []).compactMap { $0["new_cluster"] } + (node["tasks"]?.sequence ?? []).compactMap { $0["new_cluster"] }
            return clusters.contains { $0["autoscale"] != nil }
        }
        let scaling = (try? context.resource(["jobs", "pipelines"], where: autoscales))
        let resource = try scaling ?? context.resource(["jobs", "pipelines"], where: { reference in
            reference.type == "pipelines" ? !context.isServerlessPipeline(reference.key, target: target) : context.hasJobCluster(reference.key, target: target)
        }, unfit: { context.computeNote($0, target: target) })
        if resource.type == "pipelines" {
            return try planPipeline(context, PipelineSelection(context, resource, target: target))
        }
        let c = try ClusterSelection(context, job: resource.key)
        let text = context.request
        let location = c.location
        // ("use 4 workers without autoscaling", "no autoscaling": off too; they moved the maximum.)
        if Self.turnsOff(text) {
            // "use 2 fixed workers instead of autoscaling": the number said, else as many as it scaled up to.
            let said = Self.fixedWorkers(text)
            guard let autoscale = c.spec["autoscale"], case .int(let max)? = autoscale["max_workers"]?.scalar?.value else {
                // "1 worker without autoscaling" on a cluster of a fixed size: that size (the refusal "does not
                // autoscale" answered the very wording it suggests).
                if let said, c.spec["autoscale"] == nil, let spec = c.writtenSpecPath(context) {
                    guard c.spec["num_workers"]?.scalar?.value != .int(said) else {
                        throw PlanningStop(outcome: .refused("\(c.description) already has a fixed \(said) worker\(said == 1 ? "" : "s")\(context.forTarget(c.target))"))
                    }
                    let was = c.spec["num_workers"]?.string.map { ", was \($0)" } ?? ""
                    return Plan(subject: "Use \(said) worker\(said == 1 ? "" : "s") for \(c.job)\(c.target.map { " in \($0)" } ?? "")",
                                summary: "Set a fixed \(said) worker\(said == 1 ? "" : "s") on \(c.description)\(context.forTarget(c.target)) (no autoscaling\(was)).",
                                target: c.target, job: c.job, edits: [(location.file, [.set(spec + [.key("num_workers")], .int(said))])])
                }
                throw PlanningStop(outcome: .refused("\(c.description) does not autoscale"))
            }
            let hi = said ?? max
            if let target = c.target {
                // The target's own override autoscales, the shared definition does not: the override's autoscale goes
                // (it was refused as inherited).
                let inherited = (context.effectiveJob(c.job, target: nil)?[c.list]?.sequence ?? [])
                    .first { $0[c.identityField]?.string == c.clusterKey }?["new_cluster"]?["autoscale"] != nil
                guard !inherited, let spec = c.writtenSpecPath(context), location.base.first == .key("targets"),
                      context.rawNode(file: location.file, path: spec + [.key("autoscale")]) != nil else {
                    throw PlanningStop(outcome: .refused("a target override cannot remove autoscaling it inherits; change the shared definition (without a target)"))
                }
                return Plan(subject: "Use \(hi) worker\(hi == 1 ? "" : "s") for \(c.job) in \(target)",
                            summary: "Set a fixed \(hi) worker\(hi == 1 ? "" : "s") on \(c.description)\(context.forTarget(target)) (no autoscaling, was \(c.spec["autoscale"]?["min_workers"]?.string ?? "?")–\(max)).",
                            target: target, job: c.job, edits: [(location.file, [.delete(spec + [.key("autoscale")]), .set(spec + [.key("num_workers")], .int(hi))])])
            }
            guard let spec = c.writtenSpecPath(context) else {
                throw PlanningStop(outcome: .refused("cannot find \(c.description) in \(location.file)"))
            }
            // The targets' own autoscale of this cluster goes too (dev kept `autoscale: {max_workers: 2}` beside the
            // fixed size, with no minimum).
            var edits: [(file: String, operations: [EditOperation])] = [(location.file, [.delete(spec + [.key("autoscale")]), .set(spec + [.key("num_workers")], .int(hi))])]
            var overriding: [String] = []
            for t in context.bundle.targetNames {
                let override = context.jobLocation(c.job, target: t)
                guard override.base.first == .key("targets"), override.base != location.base || override.file != location.file,
                      let items = context.rawNode(file: override.file, path: override.base + [.key(c.list)])?.sequence,
                      let index = items.firstIndex(where: { $0[c.identityField]?.string == c.clusterKey }),
                      items[index]["new_cluster"]?["autoscale"] != nil else { continue }
                let entry = override.base + [.key(c.list), .index(index)]
                // Nothing else overridden there: the entry goes, else its autoscale.
                let alone = items[index]["new_cluster"]?.mapping?.keys == ["autoscale"] && items[index].mapping?.keys.count == 2
                let onlyList = context.rawNode(file: override.file, path: override.base)?.mapping?.keys == [c.list]
                let operation: EditOperation = alone ? (items.count == 1 ? .delete(override.base + (onlyList ? [] : [.key(c.list)])) : .delete(entry))
                    : .delete(entry + [.key("new_cluster"), .key("autoscale")])
                if let i = edits.firstIndex(where: { $0.file == override.file }) { edits[i].operations.append(operation) } else { edits.append((override.file, [operation])) }
                overriding.append(t)
            }
            let also = overriding.isEmpty ? "" : " \(overriding.joined(separator: ", ")) autoscaled \(overriding.count == 1 ? "it" : "them") in \(overriding.count == 1 ? "its" : "their") own settings too, which went."
            return Plan(subject: "Turn off autoscaling for \(c.job)", summary: "Replaced autoscaling with a fixed \(hi) workers on \(c.description).\(also)",
                        target: c.target, job: c.job, edits: edits)
        }
        let (lo, hi) = Self.bounds(text, cluster: c.spec, keepWritten: false)
        // (The clusters API wants max_workers above min_workers: "2–2" was written, and refused at deploy.)
        guard lo >= 1, hi > lo else { throw PlanningStop(outcome: .refused(Self.notARange(lo, hi))) }
        var operations = [c.set(context, [.key("autoscale"), .key("min_workers")], .int(lo)), c.set(context, [.key("autoscale"), .key("max_workers")], .int(hi))]
        operations = SingleNodeIntent.mergeAll(operations)
        let leaving = try c.leavingSingleNode(context)
        operations += leaving
        if c.target == nil, c.spec["num_workers"] != nil {
            if let spec = c.writtenSpecPath(context) { operations.append(.delete(spec + [.key("num_workers")])) }
        } else if c.target != nil, c.spec["num_workers"] != nil, c.spec["autoscale"] == nil {
            // (A definition with both already autoscales: the override changes its bounds only.)
            throw PlanningStop(outcome: .refused("the shared definition gives \(c.description) a fixed size, which a target override cannot remove; ask without a target"))
        }
        // Targets that give the cluster a fixed size of their own would deploy it with both (refused by the
        // Jobs API): their size goes too, said.
        var edits: [(file: String, operations: [EditOperation])] = [(location.file, operations)]
        var overridden: [String] = []
        if c.target == nil {
            for t in context.bundle.targetNames {
                let own = context.location(of: ResourceReference(type: "jobs", key: c.job), target: t)
                guard own.file != location.file || own.base != location.base,
                      let items = context.rawNode(file: own.file, path: own.base + [.key(c.list)])?.sequence,
                      let i = items.firstIndex(where: { $0[c.identityField]?.string == c.clusterKey }),
                      let size = items[i]["new_cluster"]?["num_workers"] else { continue }
                let path = own.base + [.key(c.list), .index(i), .key("new_cluster"), .key("num_workers")]
                if let j = edits.firstIndex(where: { $0.file == own.file }) { edits[j].operations.append(.delete(path)) } else { edits.append((own.file, [.delete(path)])) }
                overridden.append("\(t) (\(size.string ?? "its own"))")
            }
        }
        let removedSizes = overridden.isEmpty ? "" : " The fixed size\(overridden.count == 1 ? "" : "s") of target\(overridden.count == 1 ? "" : "s") \(overridden.joined(separator: ", ")) \(overridden.count == 1 ? "was" : "were") removed: a fixed size beside autoscaling is refused at deploy; ask \"autoscale … in \(overridden[0].split(separator: " ").first ?? "")\" for other bounds there."
        return Plan(subject: "Autoscale \(c.job) between \(lo) and \(hi) workers\(c.target.map { " in \($0)" } ?? "")",
                    summary: "Set autoscaling to \(lo)–\(hi) workers on \(c.description)\(context.forTarget(c.target))"
                        + (leaving.isEmpty ? "." : "; it is no longer single-node (its single-node settings are removed).") + removedSizes,
                    target: c.target, job: c.job, edits: edits)
    }
}
