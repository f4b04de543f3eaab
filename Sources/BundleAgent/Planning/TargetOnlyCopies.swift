import BundleEditing
import BundleModel
import Foundation

/// A resource that only targets define (`targets.test.resources.jobs.promote` and
/// `targets.prod.resources.jobs.promote`, nothing under the top-level `resources`): a change meant for
/// every target is made in each target's copy ("tag every job" tagged the test copy and left prod's).
enum TargetOnlyCopies {
    /// The plan with each edit of one target's copy of such a resource made in the other targets'
    /// copies too, where the path holds the same thing there (the same task at the index, …). Plans for
    /// one target, and edits of resources the top level defines, are left as they are.
    static func spread(_ plan: Plan, _ context: PlanningContext) -> Plan {
        guard plan.target == nil, plan.contents == nil else { return plan }
        let section = context.targetsSection
        var spread = plan
        var also: Set<String> = []
        // The copies the plan edits itself ("rename the task" in test and prod): left as planned.
        let planned = Set(plan.edits.flatMap { $0.operations.map { Array(CompoundRequest.path(of: $0).prefix(5)) } })
        for (file, operations) in plan.edits {
            for operation in operations {
                let path = CompoundRequest.path(of: operation)
                guard path.count >= 5, path[0] == .key(section), case .key(let target) = path[1], path[2] == .key("resources"),
                      case .key(let type) = path[3], case .key(let key) = path[4] else { continue }
                // Defined at the top level: the targets' entries are overrides, changed where asked.
                if context.bundle.files.contains(where: { $0.root?["resources"]?[type]?[key] != nil }) { continue }
                let rest = Array(path.dropFirst(5))
                for other in context.bundle.targetNames where other != target {
                    guard let copyFile = context.bundle.files.first(where: { $0.root?[section]?[other]?["resources"]?[type]?[key] != nil }) else { continue }
                    let base: EditPath = [.key(section), .key(other), .key("resources"), .key(type), .key(key)]
                    if planned.contains(base) { continue }
                    guard sameShape(rest, from: context.rawNode(file: file, path: Array(path.prefix(5))),
                                    to: context.rawNode(file: copyFile.path, path: base)) else { continue }
                    let moved: EditOperation
                    switch operation {
                    case .set(_, let value): moved = .set(base + rest, value)
                    case .append(_, let value): moved = .append(base + rest, value)
                    case .delete: moved = .delete(base + rest)
                    }
                    if let i = spread.edits.firstIndex(where: { $0.file == copyFile.path }) { spread.edits[i].operations.append(moved) }
                    else { spread.edits.append((copyFile.path, [moved])) }
                    also.insert(other)
                }
            }
        }
        guard !also.isEmpty else { return plan }
        spread.summary += " (Also in the copies of target\(also.count == 1 ? "" : "s") \(also.sorted().joined(separator: ", ")), which define the same resource of their own.)"
        return spread
    }

    /// Whether `rest` leads through the same items in both copies: each index is within the other
    /// copy's list and names the same task (job cluster, environment) there; the mapping that holds
    /// the last key exists (or is made by the edit either way).
    static func sameShape(_ rest: EditPath, from: YAMLNode?, to: YAMLNode?) -> Bool {
        var a = from, b = to
        for component in rest.dropLast() {
            switch component {
            case .key(let k):
                a = a?[k]; b = b?[k]
                if a != nil, b == nil { return false }
            case .index(let i):
                guard let left = a?.sequence, let right = b?.sequence, left.indices.contains(i), right.indices.contains(i) else { return false }
                let identity = ["task_key", "job_cluster_key", "environment_key", "label", "name"]
                if let field = identity.first(where: { left[i][$0] != nil }), left[i][field]?.string != right[i][field]?.string { return false }
                a = left[i]; b = right[i]
            }
        }
        if case .index(let i)? = rest.last {
            guard let right = b?.sequence, right.indices.contains(i) else { return false }
        }
        return true
    }
}
