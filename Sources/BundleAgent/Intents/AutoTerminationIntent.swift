import BundleEditing
import BundleModel

/// "shut the all-purpose cluster down after 30 minutes idle", "auto-terminate after an hour".
public enum AutoTerminationIntent: Intent {
    public static let id = "auto-termination"
    public static let summary = "auto-termination of all-purpose clusters"
    public static let examples = ["auto-terminate the cluster after 30 minutes", "shut down idle clusters after an hour"]

    public static func score(_ text: RequestText) -> Int {
        let about = text.hasAny(["auto-terminate", "autoterminate", "auto-termination", "autotermination", "idle", "terminate", "shut", "shutdown"])
        return about && text.duration != nil ? 4 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let target = try context.target()
        // Top-level ones and those a target defines (knowledge_base/development_cluster).
        let clusters = context.catalog.references(ofType: "clusters").map(\.key)
        guard !clusters.isEmpty else {
            throw PlanningStop(outcome: .refused("the bundle defines no all-purpose clusters (resources.clusters); job clusters end with their run"))
        }
        let named = clusters.filter { context.request.has($0.lowercased()) }
        let chosen: [String]
        if named.count >= 1 { chosen = named } else if clusters.count == 1 || context.request.hasAny(["all", "every", "clusters"]) { chosen = clusters } else {
            throw PlanningStop(outcome: .clarify(question: "Which cluster?", choices: clusters + ["all clusters"]))
        }
        let minutes = max(10, (context.request.duration ?? 0) / 60)
        var edits: [String: [EditOperation]] = [:]
        var order: [String] = []
        for key in chosen {
            let (file, base) = context.location(of: ResourceReference(type: "clusters", key: key), target: target)
            if edits[file] == nil { order.append(file) }
            edits[file, default: []].append(.set(base + [.key("autotermination_minutes")], .int(minutes)))
        }
        return Plan(subject: "Terminate \(chosen.count == 1 ? "cluster \(chosen[0])" : "the clusters") after \(minutes) idle minutes",
                    summary: "Set autotermination_minutes to \(minutes) on cluster\(chosen.count == 1 ? "" : "s") \(chosen.joined(separator: ", "))\(context.forTarget(target)).",
                    target: target, edits: order.map { ($0, edits[$0]!) })
    }
}
