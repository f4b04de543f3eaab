import Foundation
import BundleEditing

/// "remove the schedule", "delete the trigger of the sales sync", "unschedule nightly_etl",
/// "the billing job should only run manually".
public enum ScheduleRemovalIntent: Intent {
    public static let id = "schedule-removal"
    public static let summary = "removing a job's schedule, trigger or continuous setting (it then runs when started)"
    public static let examples = ["remove the schedule", "delete the file arrival trigger of nightly_etl"]

    static let fields = ["schedule", "trigger", "continuous"]

    public static func score(_ text: RequestText) -> Int {
        if text.hasAny(["unschedule", "unscheduled"]) { return 4 }
        if text.contains("only manually") || text.contains("manual runs only") || text.contains("run manually") || text.contains("only on demand") { return 4 }
        let removes = text.hasAny(["remove", "delete", "drop", "get rid of", "take out", "clear"]) || text.contains("no longer") || text.contains("no schedule")
        // ("remove the tag schedule from the job": a tag called so, not the job's schedule.)
        let aboutTag = text.contains("tag schedule") || text.contains("tag trigger") || text.contains("tag cron") || text.contains("schedule tag")
        return removes && !aboutTag && text.hasAny(["schedule", "schedules", "trigger", "triggers", "cron", "continuous"]) && !text.hasAny(["task", "tasks", "step"]) ? 4 : 0
    }

    /// The fields the request names ("the trigger", "the cron"); none: whichever the job has.
    static func named(_ text: RequestText) -> [String] {
        var out: [String] = []
        if text.hasAny(["schedule", "schedules", "cron", "unschedule", "unscheduled"]) { out.append("schedule") }
        if text.hasAny(["trigger", "triggers"]) || text.contains("file arrival") { out.append("trigger") }
        if text.has("continuous") { out.append("continuous") }
        return out
    }

    /// "remove the silver table from the llm job trigger": one table of a table-update trigger goes (it
    /// removed the whole trigger); nil when the words name no table.
    static func tableRemoval(_ context: PlanningContext, target: String?) throws -> Plan? {
        let text = context.request
        let spoken = text.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`().")) }
        let dotted = spoken.filter { $0.split(separator: ".").count == 3 }
        let word = text.words.firstIndex(of: "table").flatMap { $0 > 0 ? text.words[$0 - 1] : nil }
        guard !dotted.isEmpty || word != nil else { return nil }
        let job = try context.job(where: { context.effectiveJob($0, target: target)?["trigger"]?["table_update"] != nil },
                                  unfit: { _ in "has no table-update trigger" })
        let location = context.jobLocation(job, target: nil)
        let listPath = location.base + [.key("trigger"), .key("table_update"), .key("table_names")]
        guard let listed = context.rawNode(file: location.file, path: listPath)?.sequence else { return nil }
        let written = listed.compactMap(\.string)
        let effective = context.effectiveJob(job, target: nil)?["trigger"]?["table_update"]?["table_names"]?.sequence?.compactMap(\.string) ?? written
        let matching = written.indices.filter { i in
            let resolved = i < effective.count ? effective[i] : written[i]
            if dotted.contains(where: { $0.lowercased() == resolved.lowercased() || $0.lowercased() == written[i].lowercased() }) { return true }
            guard let word, dotted.isEmpty else { return false }
            return resolved.lowercased().split(separator: ".").last.map(String.init) == word
        }
        guard !matching.isEmpty else {
            throw PlanningStop(outcome: .refused("nothing to change: the trigger of job \(job) lists no \(dotted.first ?? word.map { "\($0) table" } ?? "such table"); it lists \(written.joined(separator: ", "))"))
        }
        guard matching.count < written.count else {
            throw PlanningStop(outcome: .refused("that would leave the trigger of job \(job) with no table; to stop it, ask \"remove the trigger of \(job)\""))
        }
        let gone = matching.map { written[$0] }
        return Plan(subject: "Stop triggering \(job) on \(gone.joined(separator: ", "))",
                    summary: "Removed \(gone.joined(separator: ", ")) from the tables of job \(job)'s table-update trigger; it still fires on \(written.filter { !gone.contains($0) }.joined(separator: ", ")).",
                    job: job, edits: [(location.file, matching.reversed().map { EditOperation.delete(listPath + [.index($0)]) })])
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let target = try context.target()
        if let plan = try tableRemoval(context, target: target) { return plan }
        let wanted = named(context.request)
        let asked = wanted.isEmpty ? fields : wanted
        let present: (String) -> [String] = { job in
            let effective = context.effectiveJob(job, target: target)
            // "the schedule" of a job that runs on a periodic trigger ("every 1 day") is that trigger.
            let periodic = asked == ["schedule"] && effective?["schedule"] == nil && effective?["trigger"]?["periodic"] != nil
            return periodic ? ["trigger"] : asked.filter { effective?[$0] != nil }
        }
        let what = asked.count == 1 ? asked[0] : "schedule, trigger or continuous setting"
        let job = try context.job(where: { !present($0).isEmpty }, unfit: { _ in "has no \(what)" })
        let removed = present(job)
        guard !removed.isEmpty else {
            throw PlanningStop(outcome: .refused("job \(job) has no \(what)\(context.forTarget(target)); it runs only when started"))
        }
        let definition = context.jobLocation(job, target: nil)
        let defined = removed.filter { context.rawNode(file: definition.file, path: definition.base + [.key($0)]) != nil }
        if let target, !defined.isEmpty {
            // A target cannot take away what the job's definition sets; it can pause it.
            let location = context.jobLocation(job, target: target)
            let operations: [EditOperation] = defined.map { .set(location.base + [.key($0), .key("pause_status")], .string("PAUSED")) }
            return Plan(subject: "Pause the \(list(defined)) of \(job) in \(target)",
                        summary: "Paused the \(list(defined)) of job \(job) for target \(target): a target cannot remove what the job's definition sets, "
                            + "so \(target) keeps it, paused (remove it for every target by asking without naming one).",
                        target: target, job: job, edits: [(location.file, operations)])
        }
        // Removing it from the definition removes it from every target override too, which would bring it back.
        var edits: [String: [EditOperation]] = [:]
        var order: [String] = []
        func add(_ file: String, _ operation: EditOperation) {
            if edits[file] == nil { order.append(file) }
            edits[file, default: []].append(operation)
        }
        let targets = target.map { [$0] } ?? context.bundle.targetNames
        if target == nil {
            for field in removed where context.rawNode(file: definition.file, path: definition.base + [.key(field)]) != nil {
                add(definition.file, .delete(definition.base + [.key(field)]))
            }
        }
        for name in targets {
            let override = context.jobLocation(job, target: name)
            for field in removed where context.rawNode(file: override.file, path: override.base + [.key(field)]) != nil {
                add(override.file, .delete(override.base + [.key(field)]))
            }
        }
        return Plan(subject: "Remove the \(list(removed)) of \(job)\(target.map { " in \($0)" } ?? "")",
                    summary: "Removed the \(list(removed)) of job \(job)\(context.forTarget(target)); it runs only when started.",
                    target: target, job: job, edits: order.map { ($0, edits[$0]!) })
    }

    static func list(_ fields: [String]) -> String {
        fields.count <= 1 ? fields.joined() : fields.dropLast().joined(separator: ", ") + " and " + fields.last!
    }
}
