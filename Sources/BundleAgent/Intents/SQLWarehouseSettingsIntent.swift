import BundleEditing
import BundleModel
import Foundation

/// "stop the warehouse after 10 minutes idle", "make the analytics warehouse Medium", "a bigger
/// warehouse in prod", "let the warehouse scale to 3 clusters", "turn off serverless for the warehouse":
/// the settings of a SQL warehouse the bundle defines (`auto_stop_mins`, `cluster_size`,
/// `min_num_clusters`/`max_num_clusters`, `enable_serverless_compute`). Which warehouse a task or
/// dashboard uses is WarehouseIntent's.
public enum SQLWarehouseSettingsIntent: Intent {
    public static let id = "sql-warehouse-settings"
    public static let summary = "SQL warehouse size, auto stop, scaling and serverless"
    public static let examples = ["stop the warehouse after 10 minutes idle", "make the warehouse Medium", "let the warehouse scale to 3 clusters"]

    /// Warehouse sizes, smallest first.
    static let sizes = ["2X-Small", "X-Small", "Small", "Medium", "Large", "X-Large", "2X-Large", "3X-Large", "4X-Large"]

    public static func score(_ text: RequestText) -> Int {
        guard text.hasAny(["warehouse", "warehouses"]), !text.hasAny(["variable", "variables", "var"]) else { return 0 }
        let settings = ["stop", "stops", "idle", "auto-stop", "autostop", "auto_stop_mins", "size", "bigger", "larger", "smaller", "clusters", "scale",
                        "scales", "scaling", "serverless", "cluster_size", "max_num_clusters", "min_num_clusters", "small", "medium", "large"]
        return text.hasAny(settings) || size(text) != nil ? 6 : 0
    }

    /// A size as written ("Medium", "2x-small", "XL").
    static func size(_ text: RequestText) -> String? {
        let aliases = ["xs": "X-Small", "xxs": "2X-Small", "s": "Small", "m": "Medium", "l": "Large", "xl": "X-Large", "xxl": "2X-Large"]
        for word in text.words.reversed() {
            if let size = sizes.first(where: { $0.lowercased() == word }) { return size }
            if ["to", "size"].contains(where: { text.contains("\($0) \(word)") }), let size = aliases[word] { return size }
        }
        return nil
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let warehouse = try context.resource(["sql_warehouses"])
        let target = try context.target()
        let effective = context.effectiveResource(warehouse, target: target)
        let location = context.location(of: warehouse, target: target)
        let on = "SQL warehouse \(warehouse.key)\(context.forTarget(target))"
        var operations: [EditOperation] = []
        var said: [String] = []
        var asked = false
        func set(_ field: String, _ value: EditValue, _ shown: String) {
            asked = true
            let current = effective?[field]?.scalar?.text
            guard current != shown else { return }
            operations.append(.set(location.base + [.key(field)], value))
            said.append("\(field) to \(shown) (was \(current ?? "unset"))")
        }
        let numbers = text.numbers
        if text.hasAny(["stop", "stops", "idle", "auto-stop", "autostop", "auto_stop_mins"]) {
            guard let minutes = text.number(before: ["minutes", "minute", "mins", "min", "m"]) ?? text.number(before: ["hours", "hour", "h"]).map({ $0 * 60 }) ?? numbers.first else {
                throw PlanningStop(outcome: .clarify(question: "After how many idle minutes should \(on) stop?", choices: ["stop the warehouse after 10 minutes idle"]))
            }
            // Serverless warehouses stop after 5 minutes at the least, classic ones after 10 (0 never stops).
            let serverless = effective?["enable_serverless_compute"]?.scalar?.value == .bool(true)
            let least = serverless ? 5 : 10
            guard minutes == 0 || minutes >= least else {
                throw PlanningStop(outcome: .refused("a \(serverless ? "serverless" : "classic") SQL warehouse stops after \(least) idle minutes at the least (0 never stops it)"))
            }
            set("auto_stop_mins", .int(minutes), "\(minutes)")
        }
        // A change of the shared definition starts from the size it writes, not the default target's
        // own ("larger" of 2X-Large overridden to Small in dev made every target Medium).
        let written = target == nil ? context.rawNode(file: location.file, path: location.base + [.key("cluster_size")])?.string : nil
        let current = written.flatMap { w in sizes.contains { $0.lowercased() == w.lowercased() } ? w : nil } ?? effective?["cluster_size"]?.string
        if let size = size(text) {
            set("cluster_size", .string(size), size)
        } else if text.hasAny(["bigger", "larger", "smaller"]) && !text.hasAny(["clusters", "scale", "scales"]) {
            guard let current, let i = sizes.firstIndex(where: { $0.lowercased() == current.lowercased() }) else {
                throw PlanningStop(outcome: .refused("\(on) sets no cluster_size dabrepo knows (\(current ?? "none")); name the size (\(sizes.joined(separator: ", ")))"))
            }
            let j = text.has("smaller") ? i - 1 : i + 1
            guard sizes.indices.contains(j) else { throw PlanningStop(outcome: .refused("\(on) is \(current) already, the \(j < 0 ? "smallest" : "largest") size")) }
            if current != effective?["cluster_size"]?.string {
                asked = true
                operations.append(.set(location.base + [.key("cluster_size")], .string(sizes[j])))
                said.append("cluster_size to \(sizes[j]) (was \(current))")
            } else {
                set("cluster_size", .string(sizes[j]), sizes[j])
            }
        }
        if text.hasAny(["clusters", "scale", "scales", "scaling", "max_num_clusters", "min_num_clusters"]) {
            guard let n = text.number(before: ["clusters", "cluster"]) ?? numbers.last else {
                throw PlanningStop(outcome: .clarify(question: "To how many clusters should \(on) scale?", choices: ["let the warehouse scale to 3 clusters"]))
            }
            if text.contains("at least") || text.hasAny(["min", "minimum", "min_num_clusters"]) {
                set("min_num_clusters", .int(n), "\(n)")
                if let max = effective?["max_num_clusters"]?.scalar.flatMap({ Int($0.text) }), max < n { set("max_num_clusters", .int(n), "\(n)") }
            } else {
                set("max_num_clusters", .int(n), "\(n)")
                if let min = effective?["min_num_clusters"]?.scalar.flatMap({ Int($0.text) }), min > n { set("min_num_clusters", .int(n), "\(n)") }
            }
        }
        if text.has("serverless") {
            let off = text.isNegated || text.hasAny(["off", "disable", "classic", "without"]) || text.contains("no serverless")
            set("enable_serverless_compute", .bool(!off), "\(!off)")
            if !off, let type = effective?["warehouse_type"]?.string, type != "PRO" { set("warehouse_type", .string("PRO"), "PRO") }
        }
        guard !operations.isEmpty else {
            guard asked else {
                throw PlanningStop(outcome: .clarify(question: "What should change on \(on)? Its size, when it stops, how far it scales, or serverless.",
                                                     choices: examples))
            }
            throw PlanningStop(outcome: .refused("\(on) already is as asked"))
        }
        // ("Set auto_stop_mins to 33 of SQL warehouse x in prod": the subject says what changed, not "Change …".)
        let changed = said.map { $0.replacingOccurrences(of: #"\s*\(was [^)]*\)"#, with: "", options: .regularExpression) }
        return Plan(subject: "Set \(changed.joined(separator: ", ")) on SQL warehouse \(warehouse.key)\(target.map { " in \($0)" } ?? "")",
                    summary: "Set \(said.joined(separator: ", ")) on \(on).",
                    target: target, resource: warehouse, edits: [(location.file, operations)])
    }
}
