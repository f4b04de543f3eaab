import BundleEditing

/// "bump the lakebase instance capacity to CU_2", "make the database instance bigger in prod": a
/// Lakebase database instance's `capacity` (CU_1, CU_2, CU_4, CU_8). (Read as a variable, the instance's
/// name changed: a new instance on deploy, the old one dropped.)
public enum DatabaseInstanceCapacityIntent: Intent {
    public static let id = "database-instance-capacity"
    public static let summary = "the capacity of a Lakebase database instance (capacity: CU_1 … CU_8)"
    public static let examples = ["bump the lakebase instance capacity to CU_2", "make the database instance bigger in prod"]

    /// The capacities a database instance takes, smallest first.
    static let capacities = ["CU_1", "CU_2", "CU_4", "CU_8"]

    public static func score(_ text: RequestText) -> Int {
        let instance = text.hasAny(["lakebase", "instance", "instances", "database_instance", "database_instances"])
        guard instance || text.has("database") else { return 0 }
        if capacity(text) != nil || text.hasAny(["capacity", "cu", "cus"]) { return 7 }
        return instance && text.hasAny(["bigger", "larger", "smaller", "upsize", "downsize", "scale"]) ? 5 : 0
    }

    /// "CU_2", "cu-4", "2 CU", "4 capacity units".
    static func capacity(_ text: RequestText) -> String? {
        if let match = text.original.range(of: #"(?i)\bcu[_ -]?(1|2|4|8)\b"#, options: .regularExpression) {
            return "CU_" + text.original[match].filter(\.isNumber)
        }
        if let match = text.original.range(of: #"(?i)\b(1|2|4|8) ?(cu|cus|capacity units?)\b"#, options: .regularExpression) {
            return "CU_" + String(text.original[match].prefix { $0.isNumber })
        }
        return nil
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let target = try context.target()
        let resource = try context.resource(["database_instances"])
        let current = context.effectiveResource(resource, target: target)?["capacity"]?.string
        let text = context.request
        let capacity: String
        if let said = Self.capacity(text) {
            capacity = said
        } else if text.hasAny(["bigger", "larger", "upsize", "bump", "increase", "double", "up"]) || text.hasAny(["smaller", "downsize", "decrease", "reduce", "down"]) {
            let bigger = !text.hasAny(["smaller", "downsize", "decrease", "reduce", "down"])
            guard let now = current.flatMap({ capacities.firstIndex(of: $0.uppercased()) }) else {
                throw PlanningStop(outcome: .clarify(question: "Which capacity should database instance \(resource.key) have? It sets none now; say one of \(capacities.joined(separator: ", ")).",
                                                     choices: ["set the capacity of \(resource.key) to CU_2"]))
            }
            let next = now + (bigger ? 1 : -1)
            guard capacities.indices.contains(next) else {
                throw PlanningStop(outcome: .refused("database instance \(resource.key) is at \(bigger ? "the largest" : "the smallest") capacity already (\(capacities[now]))\(context.forTarget(target))"))
            }
            capacity = capacities[next]
        } else {
            throw PlanningStop(outcome: .clarify(question: "Which capacity should database instance \(resource.key) have? One of \(capacities.joined(separator: ", ")).",
                                                 choices: ["set the capacity of \(resource.key) to CU_2"]))
        }
        if current == capacity { throw PlanningStop(outcome: .refused("database instance \(resource.key) already has capacity \(capacity)\(context.forTarget(target))")) }
        let location = context.location(of: resource, target: target)
        return Plan(subject: "Set the capacity of database instance \(resource.key) to \(capacity)\(target.map { " in \($0)" } ?? "")",
                    summary: "Set capacity to \(capacity) (was \(current ?? "none")) on database instance \(resource.key)\(context.forTarget(target)).",
                    target: target, resource: resource, edits: [(location.file, [.set(location.base + [.key("capacity")], .string(capacity))])])
    }
}
