import BundleModel
import Foundation

/// "rename environments to targets": the first bundle format's `environments:` section under the name
/// the Databricks CLI reads now (what other changes of targets ask for first).
public enum EnvironmentsToTargetsIntent: Intent {
    public static let id = "environments-to-targets"
    public static let summary = "the first bundle format's environments section, renamed to targets"
    public static let examples = ["rename environments to targets"]

    public static func score(_ text: RequestText) -> Int {
        text.hasAny(["environments", "environment"]) && text.hasAny(["targets", "target"])
            && text.hasAny(["rename", "renamed", "migrate", "convert", "change", "move", "turn", "switch", "replace", "upgrade"]) ? 6 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let file = context.bundle.rootFile
        guard let root = context.bundle.files.first(where: { $0.path == file })?.root?.mapping,
              let entry = root.entries.first(where: { $0.key == "environments" }) else {
            throw PlanningStop(outcome: .refused(context.bundle.targetNames.isEmpty
                ? "this bundle has no `environments` section to rename; \"add a dev target\" makes its first target"
                : "nothing to change: the bundle's deployments already are under `targets`"))
        }
        guard root["targets"] == nil else {
            throw PlanningStop(outcome: .refused("\(file) has both `environments` and `targets`; move each environment into `targets` by hand, then remove `environments`"))
        }
        guard let data = try context.bundle.source.read(file) else { throw PlanningStop(outcome: .refused("cannot read \(file)")) }
        var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        let index = entry.keyLocation.line - 1, column = entry.keyLocation.column - 1
        guard lines.indices.contains(index), lines[index].count >= column + "environments".count,
              lines[index].dropFirst(column).hasPrefix("environments") else {
            throw PlanningStop(outcome: .refused("the `environments` key of \(file) is not written plainly (line \(entry.keyLocation.line)); rename it by hand"))
        }
        let line = lines[index]
        lines[index] = String(line.prefix(column)) + "targets" + String(line.dropFirst(column + "environments".count))
        let names = entry.value.mapping?.keys ?? []
        var plan = Plan(subject: "Rename environments to targets",
                        summary: "Renamed the `environments` section of \(file) to `targets`, the name the Databricks CLI reads; its \(names.count == 1 ? "target" : "targets") \(names.joined(separator: ", ")) \(names.count == 1 ? "is" : "are") unchanged.",
                        edits: [])
        plan.contents = [file: lines.joined(separator: "\n")]
        return plan
    }
}
