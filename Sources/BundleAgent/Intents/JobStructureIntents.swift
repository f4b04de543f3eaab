import BundleEditing
import BundleModel
import Foundation

/// "trigger when files arrive in /Volumes/main/raw/landing", "run when main.sales.orders is updated".
public enum TriggerIntent: Intent {
    public static let id = "trigger"
    public static let summary = "file-arrival and table-update triggers"
    public static let examples = ["trigger the job when files arrive in /Volumes/main/raw/landing/", "run when main.sales.orders is updated"]

    public static func score(_ text: RequestText) -> Int {
        // "pause the file arrival trigger", "resume the table trigger": its pause status, not where it fires.
        if text.hasAny(["pause", "paused", "unpause", "resume", "suspend"]), !text.words.contains(where: { $0.hasPrefix("/") || $0.contains("://") }),
           !text.original.contains("/") { return 0 }
        // ("retry the land tasks 3 times": a word of task keys land_files, land_api, not files landing.)
        let landAsName = text.has("land") && text.words.firstIndex(of: "land").map { i in i + 1 < text.words.count && ["task", "tasks", "job", "jobs", "step", "steps", "one", "ones"].contains(text.words[i + 1]) } == true
        if text.hasAny(["arrive", "arrives", "arrival", "lands", "landed"]) || (text.has("land") && !landAsName) { return 4 }
        // "only trigger once files have stopped changing for 2 minutes": the file-arrival trigger's timing.
        if text.hasAny(["trigger", "triggers", "files"]), !fileArrivalTimings(text).isEmpty { return 4 }
        // "and at most every 5 minutes" after a file-arrival trigger: its timing, not a schedule.
        if text.contains("at most"), !fileArrivalTimings(text).isEmpty { return 4 }
        let table = text.words.contains { $0.split(separator: ".").count == 3 }
        if conditionAsked(text) != nil { return 5 }
        // "also trigger on main.bronze.payments"
        if table && text.hasAny(["trigger", "triggers", "triggered", "fire"]) && text.hasAny(["on", "when", "also", "too", "add"]) { return 4 }
        return text.hasAny(["updated", "changes", "changed", "update"]) && table && text.hasAny(["when", "whenever", "trigger", "after"]) ? 4 : 0
    }

    /// "only fire when all three tables are updated", "set the table update condition to ALL_UPDATED":
    /// the table-update trigger's condition; nil when the words ask for none.
    static func conditionAsked(_ text: RequestText) -> String? {
        if text.has("all_updated") { return "ALL_UPDATED" }
        if text.has("any_updated") { return "ANY_UPDATED" }
        guard text.hasAny(["updated", "update", "updates", "change", "changes", "changed"]), text.hasAny(["tables", "table"]) || text.has("condition"),
              !text.words.contains(where: { $0.split(separator: ".").count == 3 }) else { return nil }
        if text.hasAny(["all", "every", "both"]) && (text.hasAny(["fire", "trigger", "run", "only", "condition", "start"])) { return "ALL_UPDATED" }
        if text.hasAny(["any", "either"]) && (text.hasAny(["fire", "trigger", "run", "condition", "start"])) { return "ANY_UPDATED" }
        return nil
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let target = try context.target()
        let job = try context.job()
        let location = context.jobLocation(job, target: target)
        if let condition = conditionAsked(context.request) {
            guard context.effectiveJob(job, target: target)?["trigger"]?["table_update"] != nil else {
                throw PlanningStop(outcome: .refused("job \(job) has no table-update trigger\(context.forTarget(target)) whose condition could change"))
            }
            if context.effectiveJob(job, target: target)?["trigger"]?["table_update"]?["condition"]?.string == condition {
                throw PlanningStop(outcome: .refused("job \(job)'s trigger already fires on \(condition)"))
            }
            let when = condition == "ALL_UPDATED" ? "every one of its tables is updated" : "any of its tables is updated"
            return Plan(subject: "Trigger \(job) when \(condition == "ALL_UPDATED" ? "all" : "any") of its tables are updated",
                        summary: "Set the table-update trigger's condition of job \(job) to \(condition)\(context.forTarget(target)): it fires when \(when).",
                        target: target, job: job,
                        edits: [(location.file, [.set(location.base + [.key("trigger"), .key("table_update"), .key("condition")], .string(condition))])])
        }
        let words = context.request.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'")) }
        // ("actually watch /Volumes/main/raw/orders_v2/ instead": a folder, so files.)
        if context.request.hasAny(["arrive", "arrives", "arrival", "lands", "landed"]) || (context.request.has("land") && score(context.request) > 0) || !Self.fileArrivalTimings(context.request).isEmpty
            || words.contains(where: { $0.hasPrefix("/Volumes/") }) {
            // "at most every 5 minutes", "once files have stopped changing for 2 minutes": its timings (they
            // were dropped, and "already is as asked" said).
            let timings = Self.fileArrivalTimings(context.request)
            guard let url = words.first(where: { $0.hasPrefix("/Volumes/") || $0.contains("://") }) else {
                // The trigger the job has, timed.
                if !timings.isEmpty, let existing = context.effectiveJob(job, target: target)?["trigger"]?["file_arrival"] {
                    let changed = timings.filter { existing[$0.key]?.string != String($0.seconds) }
                    guard !changed.isEmpty else { throw PlanningStop(outcome: .refused("job \(job)'s file-arrival trigger is timed so already")) }
                    let said = changed.map { "\($0.key) \(JobTimeoutIntent.describe($0.seconds))" }.joined(separator: ", ")
                    return Plan(subject: "Time the file-arrival trigger of \(job)\(target.map { " in \($0)" } ?? "")",
                                summary: "Set \(said) on the file-arrival trigger of job \(job)\(context.forTarget(target)).", target: target, job: job,
                                edits: [(location.file, changed.map { .set(location.base + [.key("trigger"), .key("file_arrival"), .key($0.key)], .int($0.seconds)) })])
                }
                if !timings.isEmpty {
                    throw PlanningStop(outcome: .refused("job \(job) has no file-arrival trigger to time\(context.forTarget(target)); say where files arrive (\"trigger it when files arrive in /Volumes/main/raw/landing/ at most every 5 minutes\"), or ask for a schedule (\"run it every 5 minutes\")"))
                }
                throw PlanningStop(outcome: .refused("where? give a Unity Catalog volume path such as /Volumes/main/raw/landing/ or a cloud URL"))
            }
            let path = url.hasSuffix("/") || url.contains("://") ? url : url + "/"
            // Another folder for the trigger the job has: its timings stay unless the words give others (the at-most
            // limit was dropped without a word).
            var kept = timings
            if let existing = context.effectiveJob(job, target: target)?["trigger"]?["file_arrival"] {
                for key in ["min_time_between_triggers_seconds", "wait_after_last_change_seconds"] where !kept.contains(where: { $0.key == key }) {
                    if let seconds = existing[key]?.string.flatMap(Int.init) { kept.append((key: key, seconds: seconds)) }
                }
            }
            let timed = kept.map { " (\($0.key) \(JobTimeoutIntent.describe($0.seconds)))" }.joined()
            return try plan(context, job: job, target: target, location: location,
                            condition: ("file_arrival", .mapping([("url", .string(path))] + kept.map { ($0.key, .int($0.seconds)) })),
                            subject: "Trigger \(job) when files arrive in \(path)", summary: "Added a file-arrival trigger on \(path)\(timed) to job \(job)")
        }
        let tables = words.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".")) }.filter { $0.split(separator: ".").count == 3 }
        // A job that already starts on table updates: the tables are added to its list (its condition and
        // pause status stay), unless the words replace them.
        let listPath = location.base + [.key("trigger"), .key("table_update"), .key("table_names")]
        if let listed = context.rawNode(file: location.file, path: listPath)?.sequence,
           !context.request.hasAny(["only", "instead", "replace", "just"]) {
            let existing = listed.compactMap(\.string)
            let effective = context.effectiveJob(job, target: target)?["trigger"]?["table_update"]?["table_names"]?.sequence?.compactMap(\.string) ?? existing
            // Written as its neighbours are: `${var.catalog}.bronze.payments` when they start with the
            // variable whose value the table's catalog is.
            // (Each part a neighbour writes as a reference and whose value is that part: `${var.catalog}.${var.schema}.payments`.)
            func spelled(_ table: String) -> String {
                var parts = table.split(separator: ".").map(String.init)
                for (index, raw) in existing.enumerated() where raw.contains("${") && index < effective.count {
                    let rawParts = NewSchemaOrVolumeIntent.parts(raw)
                    let values = effective[index].split(separator: ".").map(String.init)
                    guard rawParts.count == 3, values.count == 3 else { continue }
                    for i in 0..<2 where parts[i] == values[i] && rawParts[i].contains("${") { parts[i] = rawParts[i] }
                }
                return parts.joined(separator: ".")
            }
            let new = tables.filter { !effective.contains($0) }.map(spelled)
            guard !new.isEmpty else {
                throw PlanningStop(outcome: .refused("job \(job)'s trigger already fires when \(tables.joined(separator: ", ")) \(tables.count == 1 ? "is" : "are") updated"))
            }
            return Plan(subject: "Trigger \(job) when \(new.joined(separator: ", ")) \(new.count == 1 ? "is" : "are") updated too",
                        summary: "Added \(new.joined(separator: ", ")) to the tables of job \(job)'s table-update trigger\(context.forTarget(target)) (now \(existing.count + new.count)); its condition and pause status stay.",
                        target: target, job: job, edits: [(location.file, new.map { .append(listPath, .string($0)) })])
        }
        // No table named: asked (a trigger without tables was committed, in place of the job's file-arrival trigger).
        guard !tables.isEmpty else {
            throw PlanningStop(outcome: .clarify(question: "Which tables should start job \(job)? Name them in full (catalog.schema.table).",
                                                 choices: ["trigger \(job) when main.sales.orders is updated"]))
        }
        return try plan(context, job: job, target: target, location: location,
                        condition: ("table_update", .mapping([("table_names", .sequence(tables.map { .string($0) }))])),
                        subject: "Trigger \(job) when \(tables.joined(separator: ", ")) \(tables.count == 1 ? "is" : "are") updated",
                        summary: "Added a table-update trigger on \(tables.joined(separator: ", ")) to job \(job)")
    }

    /// A file-arrival trigger's timings the words give: "at most every 5 minutes", "wait 5 minutes between
    /// triggers" (min_time_between_triggers_seconds); "once files stopped changing for 2 minutes", "after
    /// no new files for 2 minutes" (wait_after_last_change_seconds).
    static func fileArrivalTimings(_ text: RequestText) -> [(key: String, seconds: Int)] {
        var out: [(String, Int)] = []
        let lowered = text.original.lowercased()
        func seconds(after pattern: String) -> Int? {
            guard let range = lowered.range(of: pattern, options: .regularExpression) else { return nil }
            return RequestText(String(lowered[range.upperBound...]).split(separator: " ").prefix(3).joined(separator: " ")).duration
        }
        if let value = seconds(after: #"(at most (once )?every|no more (often )?than (once )?every|between (file[ -]arrival )?triggers? (of )?|min(imum)? time between triggers( to| of)?|min_time_between_triggers_seconds( to| =)?)\s*"#)
            ?? (lowered.range(of: #"wait \S+ \S+ between"#, options: .regularExpression).flatMap { RequestText(String(lowered[$0])).duration }) {
            out.append(("min_time_between_triggers_seconds", value))
        }
        if let value = seconds(after: #"(stopped changing for|stop changing for|no (new )?(files|changes|uploads)( have)?( arrived| landed| come in| changed)? for|not changed for|quiet for|wait_after_last_change_seconds( to| =)?|after the last change( of)?)\s*"#) {
            out.append(("wait_after_last_change_seconds", value))
        }
        return out
    }

    /// The trigger, in place of the schedule (or continuous) the job had: a job starts its runs one way.
    static func plan(_ context: PlanningContext, job: String, target: String?, location: (file: String, base: EditPath),
                     condition: (key: String, value: EditValue), subject: String, summary: String) throws -> Plan {
        let replacing = try context.replacingRunModes(of: job, target: target, with: "trigger")
        var edits = replacing.edits
        let set = EditOperation.set(location.base + [.key("trigger")], .mapping([("pause_status", .string(replacing.pause)), condition]))
        if let i = edits.firstIndex(where: { $0.file == location.file }) { edits[i].operations.insert(set, at: 0) } else { edits.insert((location.file, [set]), at: 0) }
        // The trigger of another kind the job had (`periodic: every 12 hours`, a file arrival): replaced, said.
        var replaced = replacing.replaced
        if let old = context.effectiveJob(job, target: target)?["trigger"]?.mapping {
            for kind in ["periodic", "file_arrival", "table_update", "table"] where kind != condition.key && old[kind] != nil {
                let every = kind == "periodic" ? old[kind]?["interval"]?.string.flatMap { n in old[kind]?["unit"]?.string.map { unit in n == "1" ? " (every \(unit.lowercased().dropLast()))" : " (every \(n) \(unit.lowercased()))" } } ?? "" : ""
                replaced.append("\(kind.replacingOccurrences(of: "_", with: "-")) trigger\(every)")
            }
        }
        var note = replaced.isEmpty ? "" : "; it replaces the \(replaced.joined(separator: " and ")) (a job starts its runs one way)"
        if replacing.pause != "UNPAUSED" { note += "; its pause status stays \(replacing.pause)" }
        return Plan(subject: subject, summary: summary + context.forTarget(target) + note + ".", target: target, job: job, edits: edits)
    }
}

/// "run as the service principal 6f1c…", "run prod as service principal …".
public enum RunAsIntent: Intent {
    public static let id = "run-as"
    public static let summary = "the identity a target or a job runs as (run_as)"
    public static let examples = ["run prod as the service principal 6f1c3a52-0000-4000-8000-000000000001"]

    public static func score(_ text: RequestText) -> Int {
        let runAs = text.contains("run as") || text.contains("runs as") || text.has("run_as") || (text.hasAny(["run", "runs"]) && text.has("as"))
        // ("run as the sp 9f1c2d3e-…": a service principal by its short name, or its application id alone.)
        let applicationID = text.words.contains { $0.count == 36 && $0.filter({ $0 == "-" }).count == 4 }
        if runAs && (text.contains("service principal") || text.hasAny(["sp", "spn", "service_principal"]) || applicationID || text.words.contains { $0.contains("@") }) { return 4 }
        return (runAs || text.has("run_as")) && asDeployer(text) ? 4 : 0
    }

    /// "run as the deploying user", "remove run_as": as whoever deploys (no run_as).
    static func asDeployer(_ text: RequestText) -> Bool {
        text.hasAny(["deployer", "deploying", "deploys", "myself", "me", "remove", "delete", "drop", "default", "owner"]) || text.contains("whoever")
    }

    /// Whether some job writes a run_as of its own (in its definition, or a target's override of it).
    static func anyJobRunsAs(_ context: PlanningContext, target: String?) -> Bool {
        context.catalog.references(ofType: "jobs").contains { job in
            (target.map { [$0] } ?? ([nil] + context.bundle.targetNames.map { Optional($0) })).contains { t in
                let location = context.jobLocation(job.key, target: t)
                return (t == nil || location.base.first == .key("targets")) && context.rawNode(file: location.file, path: location.base + [.key("run_as")]) != nil
            }
        }
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let target = try context.target()
        let text = context.request
        // An app runs as the service principal Databricks makes for it: run_as is not an app's.
        if text.hasAny(["app", "apps"]), !context.catalog.references(ofType: "apps").isEmpty,
           !context.catalog.mentions(in: text.original).contains(where: { $0.key.type == "jobs" }) {
            throw PlanningStop(outcome: .refused("an app runs as its own service principal, which Databricks creates for it, so run_as does not apply to apps; "
                + "give that principal access through the app's resources (\"let the app read the secret …\", \"give the app access to the … job\")"))
        }
        if asDeployer(text) && !text.contains("service principal") && !text.words.contains(where: { $0.contains("@") }) {
            let file = target.map { context.targetFile($0) } ?? context.bundle.rootFile
            let base: EditPath = target.map { [.key("targets"), .key($0)] } ?? []
            let written = context.rawNode(file: file, path: base + [.key("run_as")])
            // "remove the run_as from every job", "… of the ingest job": the jobs' own run_as too (Atsushi141:
            // only the bundle's went, and each job kept its own).
            let everyJob = EveryResource.types(in: text).contains("jobs")
            let mentionedJobs = context.catalog.mentions(in: text.original).filter { $0.key.type == "jobs" }
            let namedJobs = mentionedJobs.filter { $0.value == mentionedJobs.values.max() }.keys.sorted()
            if everyJob || !namedJobs.isEmpty, !(everyJob && written == nil && !Self.anyJobRunsAs(context, target: target)) {
                let jobs = everyJob ? context.catalog.references(ofType: "jobs") : namedJobs
                var edits: [(file: String, operations: [EditOperation])] = []
                var changed: [String] = []
                func add(_ file: String, _ operation: EditOperation) {
                    if let i = edits.firstIndex(where: { $0.file == file }) { edits[i].operations.append(operation) } else { edits.append((file, [operation])) }
                }
                for job in jobs {
                    for t in target.map({ [$0] }) ?? ([nil] + context.bundle.targetNames.map { Optional($0) }) {
                        let location = context.jobLocation(job.key, target: t)
                        if t != nil, location.base.first != .key("targets") { continue }
                        guard context.rawNode(file: location.file, path: location.base + [.key("run_as")]) != nil else { continue }
                        add(location.file, .delete(location.base + [.key("run_as")]))
                        if !changed.contains(job.key) { changed.append(job.key) }
                    }
                }
                // Every job: the bundle's (or target's) run_as, which every job gets, goes too.
                if everyJob, written != nil { add(file, .delete(base + [.key("run_as")])) }
                guard !edits.isEmpty else {
                    throw PlanningStop(outcome: .refused("\(everyJob ? "no job" : namedJobs.map { "job \($0.key)" }.joined(separator: ", ")) sets a run_as of its own\(context.forTarget(target))"
                        + (context.bundle.configuration["run_as"] != nil ? "; the bundle's run_as is what they run as (ask \"remove the bundle's run_as\")" : "")))
                }
                let whose = (changed.isEmpty ? [] : ["of job\(changed.count == 1 ? "" : "s") \(changed.joined(separator: ", "))"]) + (everyJob && written != nil ? ["of \(target.map { "target \($0)" } ?? "the bundle")"] : [])
                var plan = Plan(subject: "Run \(everyJob ? "every job" : namedJobs.map(\.key).joined(separator: ", ")) as whoever deploys it",
                                summary: "Removed run_as \(whose.joined(separator: " and "))\(context.forTarget(target)): \(changed.count == 1 && !everyJob ? "it runs" : "they run") as the user or service principal that deploys them.",
                                target: target, edits: edits)
                plan.job = changed.count == 1 ? changed[0] : nil
                return plan
            }
            if target != nil, written == nil, context.bundle.configuration["run_as"] != nil {
                throw PlanningStop(outcome: .refused("target \(target!) takes run_as from the bundle's top level; a target cannot remove it (ask without a target)"))
            }
            guard written != nil else { throw PlanningStop(outcome: .refused("\(target.map { "target \($0)" } ?? "the bundle") sets no run_as: its jobs already run as whoever deploys them")) }
            return Plan(subject: "Run \(target.map { "target \($0)" } ?? "the bundle") as whoever deploys it",
                        summary: "Removed run_as\(context.forTarget(target)): jobs run as the user or service principal that deploys them.",
                        target: target, edits: [(file, [.delete(base + [.key("run_as")])])])
        }
        let words = context.request.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;\"'")) }
        let (field, identity): (String, String)
        // "in staging, run as the same service principal as prod": that target's identity (it was read as "the change
        // before, again", then asked for an identity).
        // ("staging should run as prod's service principal", "… as the prod SP too": the same.)
        let source = text.original.firstMatch(of: /(?i)\bsame\s+(?:\S+\s+){0,4}?as\s+(?:the\s+|in\s+)*([\w-]+)/).map { String($0.output.1) }
            ?? text.original.firstMatch(of: /(?i)\bas\s+(?:the\s+)?([\w-]+?)(?:'s|’s)?\s+(?:service\s+principal|sp|spn|identity|run_as|user)\b/).map { String($0.output.1) }
        let copied = source.flatMap { said in
            context.bundle.targetNames.first { name in
                name.lowercased() == said.lowercased() || PlanningContext.aliases(of: name.lowercased()).contains(said.lowercased())
            }
        }
        if let source = copied {
            guard let target, target != source else {
                throw PlanningStop(outcome: .clarify(question: "Which target should run as \(source) does?", choices: context.bundle.targetNames.filter { $0 != source }.map { "--target \($0)" }))
            }
            guard let runAs = context.bundle.targetsMapping?[source]?["run_as"] ?? context.bundle.configuration["run_as"],
                  let entry = ["service_principal_name", "user_name"].first(where: { runAs[$0]?.string != nil }) else {
                throw PlanningStop(outcome: .refused("target \(source) sets no run_as: it runs as whoever deploys it"))
            }
            (field, identity) = (entry, runAs[entry]!.string!)
        } else if let sp = words.first(where: { $0.count == 36 && $0.filter { $0 == "-" }.count == 4 }) {
            (field, identity) = ("service_principal_name", sp)
        } else if let user = words.first(where: { $0.contains("@") && !$0.hasPrefix("${") }) {
            (field, identity) = ("user_name", user)
        } else if let reference = words.first(where: { $0.hasPrefix("${") && $0.hasSuffix("}") }) {
            // "run prod as the service principal ${var.sp_id}"
            (field, identity) = (text.has("user") && !text.has("principal") ? "user_name" : "service_principal_name", reference)
        } else {
            throw PlanningStop(outcome: .clarify(
                question: "Which identity? run_as takes a user's e-mail or a service principal's application id (a UUID, not its display name), or a ${var.…} that holds one.",
                choices: ["run \(target ?? "prod") as the service principal 6f1c3a52-0000-4000-8000-000000000001", "run \(target ?? "prod") as the service principal ${var.service_principal_id}"]))
        }
        // "run the ingestion job as …": that job's own run_as (in the target's override when one is named).
        let mentioned = context.ignoring([identity]).catalog.mentions(in: context.ignoring([identity]).request.original).filter { $0.key.type == "jobs" }
        var jobs = Set(mentioned.filter { $0.value == mentioned.values.max() }.keys)
        // "run the retail job as …" naming no one job: that job, asked for (it set the whole target's run_as).
        if jobs.isEmpty, text.hasAny(["job", "workflow"]), !text.hasAny(["jobs", "target", "bundle", "everything", "all", "every", "each", "both"]) {
            jobs = [ResourceReference(type: "jobs", key: try context.ignoring([identity]).job())]
        }
        if jobs.count == 1, let job = jobs.first, text.hasAny(["job", "jobs", "workflow"]) || !text.hasAny(["target", "bundle", "everything"]) {
            let location = context.jobLocation(job.key, target: target)
            if context.effectiveJob(job.key, target: target)?["run_as"]?[field]?.string == identity {
                throw PlanningStop(outcome: .refused("job \(job.key) already runs as \(identity)\(context.forTarget(target))"))
            }
            return Plan(subject: "Run \(job.key)\(target.map { " in \($0)" } ?? "") as \(identity)",
                        summary: "Set run_as of job \(job.key) to \(field == "service_principal_name" ? "service principal " : "")\(identity)\(context.forTarget(target)); the bundle's other resources keep theirs.",
                        target: target, job: job.key, edits: [(location.file, [.set(location.base + [.key("run_as")], .mapping([(field, .string(identity))]))])])
        }
        // "run the dq gates as …" (the jobs healthlake_bronze_to_silver_dq and healthlake_silver_to_gold_dq): each
        // of the jobs the words name alike, never the whole bundle (each job's own run_as would win anyway).
        let scoped = context.ignoring([identity])
        // "the retail job" where two jobs have "retail": which one (it set the whole target's run_as).
        if jobs.count > 1, !text.hasAny(["jobs", "both", "all", "every", "each"]) {
            throw context.question(Array(jobs), kinds: "job")
        }
        let several = jobs.count > 1 ? Array(jobs)
            : EveryResource.types(in: scoped.request).contains("jobs") && !EveryResource.qualifiers(in: scoped.request).isEmpty
                ? try EveryResource.qualified(context.catalog.references(ofType: "jobs"), scoped) : []
        if several.count > 1, !text.hasAny(["target", "bundle", "everything"]) {
            var edits: [(file: String, operations: [EditOperation])] = []
            for job in several.sorted() where context.effectiveJob(job.key, target: target)?["run_as"]?[field]?.string != identity {
                let location = context.jobLocation(job.key, target: target)
                let operation = EditOperation.set(location.base + [.key("run_as")], .mapping([(field, .string(identity))]))
                if let i = edits.firstIndex(where: { $0.file == location.file }) { edits[i].operations.append(operation) } else { edits.append((location.file, [operation])) }
            }
            let keys = several.sorted().map(\.key)
            guard !edits.isEmpty else { throw PlanningStop(outcome: .refused("jobs \(keys.joined(separator: ", ")) already run as \(identity)\(context.forTarget(target))")) }
            return Plan(subject: "Run \(keys.joined(separator: ", "))\(target.map { " in \($0)" } ?? "") as \(identity)",
                        summary: "Set run_as of jobs \(keys.joined(separator: ", ")) to \(field == "service_principal_name" ? "service principal " : "")\(identity)\(context.forTarget(target)); the bundle's other resources keep theirs.",
                        target: target, edits: edits)
        }
        // "run the inventory pipeline as …": that pipeline's own run_as (its own wins over the bundle's).
        let pipelines = scoped.catalog.mentions(in: scoped.request.original).filter { $0.key.type == "pipelines" }
        if several.count <= 1, jobs.isEmpty, !pipelines.isEmpty || scoped.request.hasAny(["pipeline", "pipelines", "dlt"]),
           !text.hasAny(["target", "bundle", "everything", "jobs"]) {
            let pipeline = try scoped.resource(["pipelines"])
            let location = context.location(of: pipeline, target: target)
            if context.effectiveResource(pipeline, target: target)?["run_as"]?[field]?.string == identity {
                throw PlanningStop(outcome: .refused("pipeline \(pipeline.key) already runs as \(identity)\(context.forTarget(target))"))
            }
            return Plan(subject: "Run pipeline \(pipeline.key)\(target.map { " in \($0)" } ?? "") as \(identity)",
                        summary: "Set run_as of pipeline \(pipeline.key) to \(field == "service_principal_name" ? "service principal " : "")\(identity)\(context.forTarget(target)); the bundle's other resources keep theirs.",
                        target: target, resource: pipeline, edits: [(location.file, [.set(location.base + [.key("run_as")], .mapping([(field, .string(identity))]))])])
        }
        let file = target.map { context.targetFile($0) } ?? context.bundle.rootFile
        let base: EditPath = target.map { [.key("targets"), .key($0)] } ?? []
        // A run_as written already keeps its comments: the identity changes inside it.
        var operations: [EditOperation] = [.set(base + [.key("run_as")], .mapping([(field, .string(identity))]))]
        if let written = context.rawNode(file: file, path: base + [.key("run_as")])?.mapping {
            if written[field]?.string == identity && written.keys.count == 1 {
                throw PlanningStop(outcome: .refused("\(target.map { "target \($0)" } ?? "the bundle") already runs as \(identity)"))
            }
            operations = [.set(base + [.key("run_as"), .key(field)], .string(identity))]
                + written.keys.filter { $0 != field }.map { .delete(base + [.key("run_as"), .key($0)]) }
        }
        // A job's own run_as wins over the bundle's and the target's: say which keep theirs.
        let ownRunAs = context.catalog.references(ofType: "jobs").filter { context.effectiveJob($0.key, target: target)?["run_as"] != nil
            && context.rawNode(file: context.jobLocation($0.key, target: nil).file, path: context.jobLocation($0.key, target: nil).base + [.key("run_as")]) != nil }
        let keep = ownRunAs.isEmpty ? "" : " Job\(ownRunAs.count == 1 ? "" : "s") \(ownRunAs.map(\.key).joined(separator: ", ")) \(ownRunAs.count == 1 ? "sets its" : "set their") own run_as, which wins: "
            + "\(ownRunAs.count == 1 ? "it keeps" : "they keep") running as \(ownRunAs.count == 1 ? "it says" : "they say") (ask \"run the \(ownRunAs[0].key) job as \(identity)\(target.map { " in \($0)" } ?? "")\" to change \(ownRunAs.count == 1 ? "it" : "one"))."
        return Plan(subject: "Run \(target.map { "target \($0)" } ?? "the bundle") as \(identity)",
                    summary: "Set run_as to \(field == "service_principal_name" ? "service principal " : "")\(identity)\(context.forTarget(target)).\(keep)",
                    target: target, edits: [(file, operations)])
    }
}

/// "add a staging target", "add a target qa like prod".
public enum AddTargetIntent: Intent {
    public static let id = "add-target"
    public static let summary = "a new target, development or production"
    public static let examples = ["add a staging target"]

    /// A new target named outranks what its other words say ("add a qa target in development mode" is
    /// no mode change of a target qa; "… with schema staging" no new Unity Catalog schema).
    public static func score(_ text: RequestText) -> Int {
        guard newTargetName(text) != nil || newTargetNames(text).count > 1 else { return 0 }
        // "add a qa target …" outranks the rest of its words; "environment" also names other things.
        return text.hasAny(["target", "targets"]) ? 7 : 4
    }

    static let nouns: Set<String> = ["target", "environment", "stage", "deployment"]

    /// The name a request gives a new target, only where it says a target is to be made: "add a staging
    /// target", "create a new target called qa", "add target uat". "add polars to the digest
    /// environment" makes none.
    static func newTargetName(_ text: RequestText) -> String? {
        let words = text.words
        guard let verb = words.firstIndex(where: { ["add", "create", "make", "define", "set"].contains($0) }) else { return nil }
        var i = verb + 1
        while i < words.count, ["a", "an", "another", "new", "additional", "extra"].contains(words[i]) { i += 1 }
        guard i < words.count else { return nil }
        let valid: (String) -> Bool = { name in
            !name.isEmpty && !nouns.contains(name) && name.first!.isLetter && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
                && !["called", "named", "for", "like", "the", "to", "up", "variable", "variables", "var", "vars", "version", "versions",
                     "key", "spec", "dependency", "dependencies"].contains(name)
        }
        // "add a development target called sandbox", "a test target named qa": the name said, the word
        // before the noun its kind.
        if i + 1 < words.count, nouns.contains(words[i + 1]), let c = words[(i + 2)...].firstIndex(where: { $0 == "called" || $0 == "named" }),
           c + 1 < words.count, valid(words[c + 1]) {
            return words[c + 1]
        }
        // "add a staging target"
        if i + 1 < words.count, nouns.contains(words[i + 1]), valid(words[i]) { return words[i] }
        // "add a target called qa", "create target qa"
        if nouns.contains(words[i]) {
            var j = i + 1
            while j < words.count, ["called", "named", "with", "the", "name"].contains(words[j]) { j += 1 }
            if j < words.count, valid(words[j]) { return words[j] }
        }
        return nil
    }

    /// "add a dev and prod target", "add dev, staging and prod targets": several new targets.
    static func newTargetNames(_ text: RequestText) -> [String] {
        let words = text.words
        guard let verb = words.firstIndex(where: { ["add", "create", "define"].contains($0) }) else { return [] }
        var i = verb + 1
        while i < words.count, ["a", "an", "new"].contains(words[i]) { i += 1 }
        var names: [String] = []
        var joins = 0
        while i < words.count, !["target", "targets"].contains(words[i]) {
            let word = words[i]
            i += 1
            if word == "and" { joins += 1; continue }
            guard word.first?.isLetter == true, word.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }), !nouns.contains(word) else { return [] }
            names.append(word)
        }
        // Names joined by "and" (and commas): "add a name prefix [team] to the dev target" lists none.
        let commas = text.original.filter { $0 == "," }.count
        if i < words.count && names.count > 1 && joins >= 1 && names.count <= joins + commas + 1 { return names }
        // "add a staging target and a prod target": a target in each part (only the first was added).
        let parts = text.original.components(separatedBy: CharacterSet(charactersIn: ",")).flatMap { $0.components(separatedBy: " and ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard parts.count > 1 else { return [] }
        var each: [String] = []
        for (n, part) in parts.enumerated() {
            let said = RequestText(n == 0 ? part : "add " + part.replacingOccurrences(of: #"^(also |then )?(add|create|define) "#, with: "", options: [.regularExpression, .caseInsensitive]))
            guard said.hasAny(["target", "targets"]), let name = newTargetName(said), !each.contains(name) else { return [] }
            each.append(name)
        }
        return each
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let several = newTargetNames(text)
        if several.count > 1 {
            // Each as if asked alone, in one revision; those the bundle has are said, not added again.
            var operations: [EditOperation] = []
            var said: [String] = []
            var defaulted = context.bundle.targetNames.contains { context.bundle.targetsMapping?[$0]?["default"]?.scalar?.value == .bool(true) }
            for name in several where !context.bundle.targetNames.contains(where: { $0.lowercased() == name }) {
                var plan = try self.plan(PlanningContext(bundle: context.bundle, request: RequestText("add a \(name) target")))
                // Only the first development target becomes the default one.
                if case .set(let path, .mapping(var body))? = plan.edits.first?.operations.first, body.contains(where: { $0.0 == "default" }) {
                    if defaulted {
                        body.removeAll { $0.0 == "default" }
                        plan.edits[0].operations[0] = .set(path, .mapping(body))
                        plan.summary = plan.summary.replacingOccurrences(of: " It is the default target.", with: "")
                    }
                    defaulted = true
                }
                operations += plan.edits.flatMap(\.operations)
                said.append(plan.summary)
            }
            guard !operations.isEmpty else { throw PlanningStop(outcome: .refused("the bundle already defines targets \(several.joined(separator: ", "))")) }
            return Plan(subject: "Add the targets \(several.joined(separator: ", "))", summary: said.joined(separator: " "),
                        edits: [(context.bundle.rootFile, operations)])
        }
        guard let name = newTargetName(text) else {
            throw PlanningStop(outcome: .clarify(question: "What should the new target be called?", choices: ["add a target called staging"]))
        }
        guard !context.bundle.targetNames.contains(where: { $0.lowercased() == name }) else {
            throw PlanningStop(outcome: .refused("the bundle already defines target \(name)"))
        }
        // A bundle of the first format names them `environments`, which the CLI does not take beside `targets`.
        if context.bundle.configuration["environments"] != nil {
            throw PlanningStop(outcome: .refused("this bundle defines its deployments under `environments` (the first bundle format), which the Databricks CLI does not take beside `targets`; rename `environments` to `targets` first (\"rename environments to targets\" does it), then add \(name)"))
        }
        // "like prod", "based on prod": the mode of the target it is modelled on; else production for
        // names that say so (staging, uat, prod…), development otherwise.
        // ("… same schemas as dev" names dev for its schemas, not as the model: a prod target got dev's mode.)
        let model = context.bundle.targetNames.first { target in
            let t = NSRegularExpression.escapedPattern(for: target.lowercased())
            return target.lowercased() != name && text.lowered.range(of: "\\b(like|based on|copy of|copying|copy|from|same as|as a copy of|modell?ed on|mirroring|mirror of|clone of|cloning) (the )?\(t)\\b",
                                                                          options: .regularExpression) != nil
                // (The target alone after the new one's name: "add a staging target, prod's settings" is said as above.)
                || (text.words.count <= 6 && text.has(target.lowercased()))
        }
        let productionNames = ["stag", "prod", "uat", "live", "preprod", "release"]
        let askedMode: Bool? = text.contains("development mode") || text.contains("dev mode") || text.contains("mode development") ? false
            : text.contains("production mode") || text.contains("prod mode") || text.contains("mode production") ? true : nil
        let production = askedMode ?? model.map { context.bundle.targetsMapping?[$0]?["mode"]?.string == "production" }
            ?? productionNames.contains { name.contains($0) }
        // A copy of a target without a mode has none either (no development presets it did not have).
        let modeless = askedMode == nil && model.map { context.bundle.targetsMapping?[$0]?["mode"] == nil } == true
        var body: [(String, EditValue)] = modeless ? [] : [("mode", .string(production ? "production" : "development"))]
        // A development target where no target is the default becomes it, so that commands without --target work.
        let makesDefault = !production && !modeless && !context.bundle.targetNames.contains { context.bundle.targetsMapping?[$0]?["default"]?.scalar?.value == .bool(true) }
        if makesDefault { body.append(("default", .bool(true))) }
        // What the new target needs from one like it: the workspace host and the variables' values
        // (a value naming that target names the new one), so that it validates as the others do.
        let targets = context.bundle.targetsMapping
        let source = model ?? context.bundle.targetNames.first { (targets?[$0]?["mode"]?.string == "production") == production }
            ?? context.bundle.targetNames.first { targets?[$0]?["default"]?.scalar?.value == .bool(true) }
        var copied: [String] = []
        var workspace: [(String, EditValue)] = []
        if let source, let from = context.rawNode(file: context.targetFile(source), path: [.key("targets"), .key(source)]) {
            // The workspace of a target of the other mode (a production one for a new dev target) is not guessed to be this one's.
            let sourceProduction = targets?[source]?["mode"]?.string == "production" || productionNames.contains { source.lowercased().contains($0) }
            let sameMode = model != nil || sourceProduction == production
            for key in ["host", "profile"] where sameMode {
                if let value = from["workspace"]?[key]?.string { workspace.append((key, .string(value))); copied.append("workspace.\(key)") }
            }
            // Only the variables the bundle declares: a value for an undeclared one is an error the new
            // target would not have of its own (spend_categorization's prod sets one).
            let declared = Set(context.bundle.configuration["variables"]?.mapping?.keys ?? [])
            let variables = (from["variables"]?.mapping?.entries ?? []).filter { declared.contains($0.key) }
            if !variables.isEmpty {
                let written = EditValue(YAMLNode(.mapping(YAMLMapping(variables)), at: from.location))
                let values = renamed(written, from: source, to: name)
                body.append(("variables", values))
                // A value with the old target's name inside a word (`sttelecareprdchn`) is not renamed: said.
                let names = [source.lowercased()] + PlanningContext.aliases(of: source.lowercased())
                var inside: [String] = []
                if case .mapping(let entries) = values {
                    for (key, value) in entries {
                        if case .string(let text) = value, !text.contains("${"), names.contains(where: { text.lowercased().contains($0) }) { inside.append(key) }
                    }
                }
                let notRenamed = inside.isEmpty ? "" : "; \(inside.joined(separator: ", ")) still \(inside.count == 1 ? "has" : "have") \(source) in \(inside.count == 1 ? "its value" : "their values"): check \(inside.count == 1 ? "it" : "them")"
                copied.append((values == written ? "variables" : "variables (values naming \(source) name \(name) instead: check them)") + notRenamed)
            }
            // The model's resource overrides (its job clusters, schedules, e-mails): a staging target "modelled
            // on prod" ran on serverless without prod's schedule. Paths in them are relative to the file they
            // are written in: copied where the new target is written beside it.
            if model != nil, let overrides = from["resources"] {
                if BundlePath.directory(of: context.targetFile(source)) == BundlePath.directory(of: context.bundle.rootFile) {
                    let written = EditValue(overrides)
                    let value = renamed(written, from: source, to: name)
                    body.append(("resources", value))
                    let count = overrides.mapping?.entries.reduce(0) { $0 + ($1.value.mapping?.entries.count ?? 0) } ?? 0
                    copied.append("its overrides of \(count) resource\(count == 1 ? "" : "s")" + (value == written ? "" : " (values naming \(source) name \(name) instead: check them)"))
                } else {
                    copied.append("(not its resource overrides: they are written in \(context.targetFile(source)), whose relative paths would not hold here)")
                }
            }
            if model != nil {
                for key in ["run_as", "permissions", "presets"] where from[key] != nil {
                    // A preset naming the model (name_prefix hmg_, tag env: hmg) names the new target instead.
                    let written = EditValue(from[key]!)
                    let value = key == "presets" ? renamed(written, from: source, to: name) : written
                    body.append((key, value))
                    copied.append(value == written ? key : "\(key) (values naming \(source) name \(name) instead: check them)")
                }
            }
        }
        // "… with profile staging", "using profile stg": that ~/.databrickscfg profile, not the model's.
        let spoken = text.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`()")) }
        if let p = spoken.firstIndex(where: { $0.lowercased() == "profile" }), p + 1 < spoken.count {
            var k = p + 1
            while k < spoken.count, ["to", "=", "of", "named", "called"].contains(spoken[k].lowercased()) { k += 1 }
            if k < spoken.count, let first = spoken[k].first, first.isLetter || first.isNumber {
                let profile = spoken[k].hasSuffix(".") ? String(spoken[k].dropLast()) : spoken[k]
                workspace.removeAll { $0.0 == "profile" }
                copied.removeAll { $0 == "workspace.profile" }
                workspace.append(("profile", .string(profile)))
            }
        }
        // "… on the same workspace as dev": that target's host (and profile), whatever its mode (it was
        // left out without a word).
        let lowered = context.request.lowered
        if let named = context.bundle.targetNames.first(where: { t in
            ["same workspace as \(t.lowercased())", "same host as \(t.lowercased())", "same workspace as the \(t.lowercased())", "\(t.lowercased())'s workspace"].contains { lowered.contains($0) }
        }), let from = context.rawNode(file: context.targetFile(named), path: [.key("targets"), .key(named), .key("workspace")]) {
            for key in ["host", "profile"] {
                guard let value = from[key]?.string else { continue }
                workspace.removeAll { $0.0 == key }
                copied.removeAll { $0 == "workspace.\(key)" }
                workspace.append((key, .string(value)))
                copied.append("workspace.\(key)")
            }
        }
        // "… with host https://adb-1.azuredatabricks.net": the host asked for, not the model target's.
        if let host = text.original.split(whereSeparator: \.isWhitespace).map({ $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`()")) })
            .first(where: { $0.hasPrefix("https://") || $0.hasPrefix("http://") }) {
            let cleaned = host.hasSuffix(".") ? String(host.dropLast()) : host
            workspace.removeAll { $0.0 == "host" || $0.0 == "profile" }
            copied.removeAll { $0 == "workspace.host" || $0 == "workspace.profile" }
            workspace.insert(("host", .string(cleaned)), at: 0)
        }
        // The model's root_path when it names the target (each target keeps its own folder); else one of its own.
        if let model, let root = targets?[model]?["workspace"]?["root_path"]?.string, root.contains("${bundle.target}") {
            workspace.append(("root_path", .string(root)))
            copied.append("workspace.root_path")
        } else if production {
            workspace.append(("root_path", .string("/Workspace/Users/${workspace.current_user.userName}/.bundle/${bundle.name}/${bundle.target}")))
        }
        if !workspace.isEmpty { body.insert(("workspace", .mapping(workspace)), at: modeless ? 0 : 1) }
        var askedValues: [String] = []
        // "… like hmg but with env qa", "copying prod but with schema usgs_stg": that variable's value in the
        // new target, over the one copied.
        let declared = context.bundle.configuration["variables"]?.mapping?.keys ?? []
        let said = text.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`()")) }
        var given: [(String, String)] = []
        // ("… with host https://… and catalog spotify_prod": "and" adds one too.)
        // ("… that writes to catalog main", "… using catalog main": the variable said after those too; it
        // took dev's catalog, unsaid.)
        // ("… where the catalog is prod_catalog": said so too; the catalog was dropped without a word.)
        for (i, word) in said.enumerated() where ["with", "and", "to", "using", "uses", "in", "on", "where", "whose"].contains(word.lowercased()) && i + 1 < said.count {
            var j = i + 1
            while j < said.count, ["the", "a", "its", "variable", "var"].contains(said[j].lowercased()) { j += 1 }
            guard j < said.count else { continue }
            var key = said[j].lowercased()
            var k = j + 1
            // "secret scope retail-platform-stg": a variable's name said in words (secret_scope).
            if j + 1 < said.count, let joined = declared.first(where: { $0.lowercased() == key + "_" + said[j + 1].lowercased() }) {
                key = joined.lowercased()
                k = j + 2
            }
            let matches = declared.filter { $0.lowercased() == key } + (declared.contains { $0.lowercased() == key } ? [] : declared.filter { ResourceCatalog.words($0).contains(key) })
            guard matches.count == 1 else { continue }
            while k < said.count, ["=", "of", "as", "to", "set", "being", "is", "should", "be", "becomes", "equals"].contains(said[k].lowercased()) { k += 1 }
            guard k < said.count, !["and", "but"].contains(said[k].lowercased()) else { continue }
            given.append((matches[0], said[k].hasSuffix(".") ? String(said[k].dropLast()) : said[k]))
        }
        if !given.isEmpty {
            var variables: [(String, EditValue)] = []
            if let i = body.firstIndex(where: { $0.0 == "variables" }), case .mapping(let existing) = body[i].1 { variables = existing; body.remove(at: i) }
            for (name, value) in given {
                if let i = variables.firstIndex(where: { $0.0 == name }) { variables[i].1 = .string(value) } else { variables.append((name, .string(value))) }
            }
            body.append(("variables", .mapping(variables)))
            askedValues = given.map { "\($0.0) \($0.1)" }
        }
        // "… with name prefix [Prod]", "… with run_as service principal 6f1c…": said in the request, set.
        let tokens = text.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`()")) }
        if let p = tokens.firstIndex(where: { $0.lowercased() == "prefix" || $0.lowercased() == "name_prefix" }), p + 1 < tokens.count {
            var value = tokens[p + 1]
            if ["to", "of", "="].contains(value.lowercased()), p + 2 < tokens.count { value = tokens[p + 2] }
            body.removeAll { $0.0 == "presets" }
            body.append(("presets", .mapping([("name_prefix", .string(value.hasSuffix(" ") ? value : value + " "))])))
            copied.removeAll { $0 == "presets" }
        }
        // "… with root path /Workspace/Shared/.bundle/lda/prod": that root path (dev's was copied).
        if text.contains("root path") || text.has("root_path"),
           let path = tokens.first(where: { $0.hasPrefix("/Workspace/") || $0.hasPrefix("/Users/") || $0.hasPrefix("/Shared/") }) {
            var workspace = body.first(where: { $0.0 == "workspace" }).flatMap { entry -> [(String, EditValue)]? in
                if case .mapping(let fields) = entry.1 { return fields } else { return nil }
            } ?? []
            workspace.removeAll { $0.0 == "root_path" }
            workspace.append(("root_path", .string(path)))
            body.removeAll { $0.0 == "workspace" }
            body.append(("workspace", .mapping(workspace)))
        }
        if text.contains("run_as") || text.contains("run as") || text.contains("runs as") || text.contains("running as") {
            if let sp = tokens.first(where: { $0.count == 36 && $0.filter({ $0 == "-" }).count == 4 }) {
                body.removeAll { $0.0 == "run_as" }
                body.append(("run_as", .mapping([("service_principal_name", .string(sp))])))
            } else if let user = tokens.first(where: { $0.contains("@") }) {
                body.removeAll { $0.0 == "run_as" }
                body.append(("run_as", .mapping([("user_name", .string(user.hasSuffix(".") ? String(user.dropLast()) : user))])))
            } else {
                throw PlanningStop(outcome: .clarify(question: "Who should the \(name) target run as? Name a service principal (its application id) or a user (an e-mail).",
                                                     choices: ["add a \(name) target with run_as service principal APPLICATION_ID"]))
            }
        }
        // A production target deploys no pipeline in development mode: the definitions' `development: true` is off there.
        var developmentNote = ""
        if production && !modeless {
            let released = TargetModeIntent.leavingDevelopmentPipelines(context, target: name, existing: false)
            var pipelines: [(String, EditValue)] = []
            for (_, operation) in released.operations {
                if case .set(let path, let value) = operation, path.count >= 6, case .key(let key) = path[4] { pipelines.append((key, .mapping([("development", value)]))) }
            }
            if !pipelines.isEmpty {
                // (Beside the overrides copied from the model: its pipelines' own entries gain development: false.)
                if let i = body.firstIndex(where: { $0.0 == "resources" }), case .mapping(var resources) = body[i].1 {
                    var merged: [(String, EditValue)] = []
                    if let p = resources.firstIndex(where: { $0.0 == "pipelines" }), case .mapping(let existing) = resources[p].1 { merged = existing; resources.remove(at: p) }
                    for (key, value) in pipelines {
                        if let k = merged.firstIndex(where: { $0.0 == key }), case .mapping(var fields) = merged[k].1, case .mapping(let add) = value {
                            for field in add where !fields.contains(where: { $0.0 == field.0 }) { fields.append(field) }
                            merged[k].1 = .mapping(fields)
                        } else if !merged.contains(where: { $0.0 == key }) {
                            merged.append((key, value))
                        }
                    }
                    resources.append(("pipelines", .mapping(merged)))
                    body[i].1 = .mapping(resources)
                } else {
                    body.append(("resources", .mapping([("pipelines", .mapping(pipelines))])))
                }
                developmentNote = released.note
            }
        }
        let file = context.bundle.rootFile
        // The one target there was served without --target (the CLI picks a lone target); with two and
        // none the default, every command would need --target: the one there was becomes the default.
        var edits: [(file: String, operations: [EditOperation])] = [(file, [.set([.key("targets"), .key(name)], .mapping(body))])]
        var defaultNote = ""
        if !makesDefault, context.bundle.targetNames.count == 1, let only = context.bundle.targetNames.first, targets?[only]?["default"] == nil {
            let operation = EditOperation.set([.key("targets"), .key(only), .key("default")], .bool(true))
            let onlyFile = context.targetFile(only)
            if onlyFile == file { edits[0].operations.insert(operation, at: 0) } else { edits.insert((onlyFile, [operation]), at: 0) }
            defaultNote = " Target \(only) is now marked default: true (with two targets and neither the default, every command would need --target)."
        }
        let from = (source.map { source in copied.isEmpty ? "" : "; \(copied.joined(separator: ", ")) as in \(source)" } ?? "")
            + (askedValues.isEmpty ? "" : "; \(askedValues.joined(separator: ", ")) as asked")
        return Plan(subject: "Add the target \(name)",
                    summary: "Added the target \(name) (\(modeless ? "no mode" : "mode \(production ? "production, with its own root_path" : "development")")\(from))."
                        + (makesDefault ? " It is the default target." : "") + defaultNote + developmentNote
                        + (body.first { $0.0 == "presets" }.flatMap { entry -> String? in
                            guard case .mapping(let presets) = entry.1, case .string(let prefix)? = presets.first(where: { $0.0 == "name_prefix" })?.1 else { return nil }
                            return " Its resources' names start with \"\(prefix)\"."
                        } ?? "")
                        + (body.first { $0.0 == "run_as" }.flatMap { entry -> String? in
                            guard case .mapping(let identity) = entry.1, case .string(let who)? = identity.first?.1 else { return nil }
                            return " It runs as \(who)."
                        } ?? ""),
                    target: name, edits: edits)
    }

    /// `value` with every string equal to the old target's name, or with it as a part between `_`, `-`,
    /// `.` or `/` (`sales_prod`, `yfinance-prod`, `eng511_production_bronze`: its usual other name too),
    /// naming the new one.
    static func renamed(_ value: EditValue, from old: String, to new: String) -> EditValue {
        switch value {
        case .string(let text):
            // (An e-mail address names a mailbox there is: prod-oncall@ has no staging-oncall@ beside it.)
            guard !text.contains("${"), !text.contains("@") else { return value }
            let names = Set([old.lowercased()] + PlanningContext.aliases(of: old.lowercased()))
            var out = "", part = ""
            func flush() { out += names.contains(part.lowercased()) ? new : part; part = "" }
            for character in text {
                if "_-./".contains(character) { flush(); out.append(character) } else { part.append(character) }
            }
            flush()
            return .string(out)
        case .mapping(let fields): return .mapping(fields.map { ($0.0, renamed($0.1, from: old, to: new)) })
        case .sequence(let items): return .sequence(items.map { renamed($0, from: old, to: new) })
        default: return value
        }
    }
}

/// "add a job parameter env with default dev", "add the parameter run_date defaulting to today".
public enum JobParameterIntent: Intent {
    public static let id = "job-parameter"
    public static let summary = "job parameters with defaults"
    public static let examples = ["add a job parameter env with default dev"]

    public static func score(_ text: RequestText) -> Int {
        // "add a job parameter catalog that uses the catalog variable": a parameter, its value from the variable.
        if text.contains("job parameter") || text.contains("job param") { return 5 }
        return text.hasAny(["parameter", "parameters", "param", "params"]) ? 3 : 0
    }

    /// "set the default of customer_code to STX on the bronze job": a parameter some job has, named
    /// without the word "parameter" (the bundle tells).
    static func namesParameter(_ context: PlanningContext) -> Bool {
        let text = context.request
        guard text.hasAny(["set", "change", "make", "update", "bump", "raise", "increase", "lower", "reduce", "switch"]), text.hasAny(["to", "="]) || text.has("default") else { return false }
        // ("set seed to 7 in machine_load": a name of one word, right after the verb and before "to".)
        return context.catalog.references(ofType: "jobs").contains { job in
            (context.effectiveJob(job.key, target: nil)?["parameters"]?.sequence ?? []).contains { parameter in
                parameter["name"]?.string.map { name in
                    ResourceCatalog.writesToken(name, in: text.original)
                        && (name.contains("_") || text.lowered.range(of: "\\b(set|change|make|update|bump) (the )?\\Q\(name.lowercased())\\E( parameter| param)? to\\b", options: .regularExpression) != nil)
                } ?? false
            }
        }
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let target = try context.target()
        // The jobs that have a parameter the words name, when some do ("the etl job" with directory_path).
        let parameters: (String) -> [String] = { key in
            (context.effectiveJob(key, target: target)?["parameters"]?.sequence ?? []).compactMap { $0["name"]?.string }
        }
        let naming = context.catalog.references(ofType: "jobs").filter { job in
            parameters(job.key).contains { ResourceCatalog.writesToken($0, in: context.request.original) }
        }
        // A path in the value ("/Volumes/…/raw/stock_price") names no job.
        let paths = context.request.original.split(separator: " ").map(String.init).filter { $0.contains("/") }
        let job = try context.ignoring((context.bundle.configuration["variables"]?.mapping?.keys ?? []) + paths)
            .job(where: naming.isEmpty ? nil : { key in naming.contains { $0.key == key } })
        let words = context.request.words
        let original = context.request.original.split(separator: " ").map(String.init)
        // A parameter the job has: its default changes ("set the default of the num_results parameter to 10").
        let existing = (context.effectiveJob(job, target: target)?["parameters"]?.sequence ?? []).compactMap { $0["name"]?.string }
        // "remove the log_subdir parameter from machine_load": the parameter goes from the definition.
        if context.request.hasAny(["remove", "delete", "drop"]) {
            guard let name = existing.first(where: { words.contains($0.lowercased()) }) else {
                // "remove the checkpoint_base parameter": a notebook parameter of a task, not the job's.
                if let named = TaskParameterIntent.namingExisting(context) { return try TaskParameterIntent.plan(named) }
                throw PlanningStop(outcome: .refused("job \(job) has no such parameter; its parameters: \(existing.isEmpty ? "none" : existing.joined(separator: ", "))"))
            }
            let location = context.jobLocation(job, target: nil)
            let written = context.rawNode(file: location.file, path: location.base + [.key("parameters")])?.sequence ?? []
            guard let index = written.firstIndex(where: { $0["name"]?.string == name }) else {
                throw PlanningStop(outcome: .refused("the parameter \(name) of job \(job) is not written in its definition (a target adds it); remove it there"))
            }
            // A run of the job that still reads it would fail: those places change first.
            var uses: [String] = []
            func walk(_ node: YAMLNode?) {
                guard let node else { return }
                switch node.kind {
                case .scalar: if node.string?.contains("{{job.parameters.\(name)}}") == true { uses.append("\(node.location.file):\(node.location.line)") }
                case .sequence(let items): items.forEach(walk)
                case .mapping(let mapping): mapping.entries.forEach { walk($0.value) }
                }
            }
            walk(context.effectiveJob(job, target: nil)?["tasks"])
            guard uses.isEmpty else {
                throw PlanningStop(outcome: .refused("job \(job) still reads {{job.parameters.\(name)}} (\(uses.joined(separator: ", "))); change those places first, then remove the parameter"))
            }
            return Plan(subject: "Remove the job parameter \(name) from \(job)",
                        summary: "Removed the job parameter \(name) from job \(job).", job: job,
                        edits: [(location.file, [.delete(written.count == 1 ? location.base + [.key("parameters")] : location.base + [.key("parameters"), .index(index)])])])
        }
        if let name = existing.first(where: { words.contains($0.lowercased()) }), !words.contains(where: { ["add", "create", "new"].contains($0) }) {
            return try changingDefault(of: name, job: job, target: target, context)
        }
        guard var p = words.firstIndex(where: { ["parameter", "param"].contains($0) }), p + 1 < words.count else {
            throw PlanningStop(outcome: .clarify(question: "Which parameter, with which default?", choices: ["add a job parameter env with default dev"]))
        }
        // "a parameter called env", "a param named env"
        while p + 2 < words.count, ["called", "named"].contains(words[p + 1]) { p += 1 }
        var name = original.count > p + 1 ? original[p + 1].trimmingCharacters(in: CharacterSet(charactersIn: ",.\"'")) : words[p + 1]
        // "the job parameter run_date=2024-01-01": the name and its default.
        var given: String?
        if let eq = name.firstIndex(of: "="), eq != name.startIndex {
            given = String(name[name.index(after: eq)...])
            name = String(name[..<eq])
        }
        // "set job parameter run_date to 2024-01-01": the default after "to" (it was added with "").
        if given == nil, original.count > p + 3, ["to", "as", "="].contains(original[p + 2].lowercased()) {
            given = original[p + 3].trimmingCharacters(in: CharacterSet(charactersIn: ",\"'"))
            if given?.hasSuffix(".") == true, given?.hasSuffix("..") == false { given?.removeLast() }
        }
        // "… parameter to 10", "… parameter default …": no name given.
        guard !["to", "default", "defaulting", "of", "with", "for", "in", "on", "value", "=", "and"].contains(name.lowercased()),
              name.first?.isLetter == true || name.first == "_" else {
            throw PlanningStop(outcome: .clarify(question: existing.isEmpty
                ? "Which parameter, with which default? Job \(job) has no parameters yet."
                : "Which parameter? Job \(job) has \(existing.joined(separator: ", ")).",
                choices: existing.isEmpty ? ["add a job parameter env with default dev"] : existing.map { "set the default of the \($0) parameter to VALUE" }))
        }
        var value = ""
        for marker in ["default", "defaulting", "value", "="] {
            if let i = words.lastIndex(of: marker), i + 1 < words.count {
                value = original.count > i + 1 ? original[i + 1].trimmingCharacters(in: CharacterSet(charactersIn: ",.\"'")) : words[i + 1]
                if value == "to" && i + 2 < original.count { value = original[i + 2].trimmingCharacters(in: CharacterSet(charactersIn: ",.\"'")) }
            }
        }
        if value.isEmpty, let given, !given.isEmpty { value = given }
        value = spokenValue(value)
        if (context.effectiveJob(job, target: target)?["parameters"]?.sequence ?? []).contains(where: { $0["name"]?.string == name }) {
            throw PlanningStop(outcome: .refused("job \(job) already has the parameter \(name)"))
        }
        // "… that uses the catalog variable", "… from var.catalog": the variable's reference.
        if context.request.hasAny(["variable", "var"]) || context.request.words.contains(where: { $0.hasPrefix("var.") }) {
            let variables = context.bundle.configuration["variables"]?.mapping?.keys ?? []
            let named = variables.filter { v in words.contains(v.lowercased()) || words.contains("var.\(v.lowercased())") }
            let chosen = named.count == 1 ? named[0] : named.first { $0 != name } ?? (named.isEmpty ? nil : named[0])
            guard let chosen else {
                throw PlanningStop(outcome: .refused("this bundle has no such variable; its variables: \(variables.isEmpty ? "none" : variables.joined(separator: ", "))"))
            }
            value = "${var.\(chosen)}"
        }
        let location = context.jobLocation(job, target: target)
        return Plan(subject: "Add the job parameter \(name) to \(job)",
                    summary: "Added the job parameter \(name) (default \"\(value)\") to job \(job)\(context.forTarget(target)).",
                    target: target, job: job,
                    edits: [(location.file, [.append(location.base + [.key("parameters")], .mapping([("name", .string(name)), ("default", .string(value))]))])])
    }

    /// A default said in words: "empty" is "", "today" the run's date (`{{job.start_time.iso_date}}`, a
    /// dynamic value reference), "now" its date and time; other words are the value as written.
    static func spokenValue(_ value: String) -> String {
        switch value.lowercased() {
        case "empty", "blank", "\"\"", "''": return ""
        case "today", "today's", "todays": return "{{job.start_time.iso_date}}"
        case "now": return "{{job.start_time.iso_datetime}}"
        default: return value
        }
    }

    /// The new default of a parameter the job has: the value after the last "to" or "=" ("set the
    /// default of run_date to 2024-01-01", "change num_results default to 10").
    static func changingDefault(of name: String, job: String, target: String?, _ context: PlanningContext) throws -> Plan {
        let original = context.request.original.split(separator: " ").map(String.init)
        let lowered = original.map { $0.lowercased() }
        let trim = CharacterSet(charactersIn: ",.\"'`")
        guard let marker = lowered.lastIndex(where: { ["to", "=", "be"].contains($0) }), marker + 1 < original.count else {
            throw PlanningStop(outcome: .clarify(question: "Which default should the parameter \(name) of job \(job) have?",
                                                 choices: ["set the default of the \(name) parameter to VALUE"]))
        }
        var tail = Array(original[(marker + 1)...])
        // "… to 10 in prod": the target is not part of the value.
        // (A target's other name too: "… to [\"prod\"] in prd" kept "in prd" in the value.)
        let targetNames = Set(context.bundle.targetNames.flatMap { [$0.lowercased()] + PlanningContext.aliases(of: $0.lowercased()) })
        if tail.count >= 3, ["in", "for", "on"].contains(tail[tail.count - 2].lowercased()),
           targetNames.contains(tail[tail.count - 1].lowercased().trimmingCharacters(in: trim)) {
            tail.removeLast(2)
        }
        // "… to STX on the ST bronze job", "… for the etl job": where, not what.
        // ("… to 50 in machine_load": the job by its key.)
        if tail.count >= 3, let at = tail.indices.dropFirst().first(where: { ["on", "for", "of", "in"].contains(tail[$0].lowercased()) }),
           tail[at...].contains(where: { ["job", "jobs", "workflow"].contains($0.lowercased().trimmingCharacters(in: trim)) })
            || context.catalog.mentions(in: tail[(at + 1)...].joined(separator: " ")).keys.contains(ResourceReference(type: "jobs", key: job)) {
            tail = Array(tail[..<at])
        }
        let said = tail.joined(separator: " ").trimmingCharacters(in: trim)
        let current = (context.effectiveJob(job, target: target)?["parameters"]?.sequence ?? []).first { $0["name"]?.string == name }?["default"]
        // "to today" where the default is a word its code reads ("yesterday"): that word; otherwise the run's date.
        let readsWords = current?.string.map { !$0.isEmpty && !$0.hasPrefix("{{") && $0.allSatisfy(\.isLetter) } ?? false
        let value = readsWords ? said : spokenValue(said)
        if current?.string == value { throw PlanningStop(outcome: .refused("the parameter \(name) of job \(job) already defaults to \"\(value)\"")) }
        let location = context.jobLocation(job, target: target)
        return Plan(subject: "Set the default of parameter \(name) of \(job) to \(value)",
                    summary: "Set the default of the job parameter \(name) to \"\(value)\" (was \(current?.string.map { "\"\($0)\"" } ?? "none")) on job \(job)\(context.forTarget(target)).",
                    target: target, job: job,
                    edits: [(location.file, [context.setInList(file: location.file, base: location.base, list: "parameters", identityField: "name",
                                                               identity: name, inner: [.key("default")], value: .string(value))])])
    }
}

/// "add the PyPI library pandas==2.2.2", "add maven com.example:lib:1.0", "add polars to the digest
/// environment". Tasks on a cluster get a task library; serverless tasks get the dependency in their
/// job environment (serverless compute takes no task libraries).
public enum LibraryIntent: Intent {
    public static let id = "library"
    public static let summary = "PyPI, Maven, wheel and JAR libraries; dependencies of serverless environments; pipeline source notebooks, files and globs"
    public static let examples = ["add the PyPI library pandas==2.2.2", "add the Maven library com.example:lib:1.0", "add polars to the default environment"]

    static let nouns: Set<String> = ["library", "libraries", "package", "packages", "dependency", "dependencies", "pypi", "pip", "maven", "wheel", "whl", "jar", "module"]

    public static func score(_ text: RequestText) -> Int {
        let verb = text.hasAny(["add", "install", "include", "use", "require", "needs", "need"])
        if text.hasAny(Array(nouns)) && verb { return 3 }
        // "add requirements.txt to the job", "install the requirements file"
        if verb && text.words.contains(where: { $0.hasPrefix("requirements") || $0.hasSuffix(".txt") }) { return 3 }
        // "install polars on serverless"
        if text.has("install") && !text.hasAny(["hook", "hooks"]) { return 3 }
        // "add pandas==2.2.2 to all jobs": a pinned requirement is a package.
        if verb && ["==", ">=", "~=", "<="].contains(where: { text.original.contains($0) }) { return 3 }
        // "add the notebook src/sessions.py to the clickstream pipeline" (not "add a task … that runs src/report.py")
        if text.hasAny(["add", "include", "attach", "register", "append"]) && !text.hasAny(["task", "step", "tasks", "steps"]) && PipelineSource(text) != nil { return 3 }
        // "add polars to the digest environment"
        return text.hasAny(["add", "install", "include"]) && text.hasAny(["environment", "env"]) && text.hasAny(["to", "into", "in"]) ? 3 : 0
    }

    /// A target's own entry for a package the job installs already in another version ("use
    /// pandas==2.2.2 in prod" beside pandas==2.2.3): refused, as the lists are appended when merged.
    static func refuseAnotherVersion(_ requirement: String, among installed: [String], _ context: PlanningContext) throws {
        let name = LibraryRemovalIntent.packageName(requirement)
        guard installed.contains(where: { LibraryRemovalIntent.packageName($0) == name }) else { return }
        try InstalledLibraries.refuseForTarget(context, package: name, doing: "get another version")
    }

    /// The words after the last "to the" / "on the" / "for the" (where the library goes), without a target's "in …".
    static func destination(_ text: RequestText) -> String? {
        let lowered = text.original.lowercased()
        guard let r = [" to the ", " on the ", " for the "].compactMap({ lowered.range(of: $0, options: .backwards) }).max(by: { $0.lowerBound < $1.lowerBound }) else { return nil }
        var phrase = String(lowered[r.upperBound...])
        if let cut = phrase.range(of: " in ") { phrase = String(phrase[..<cut.lowerBound]) }
        return phrase
    }

    /// The library as written: a token that looks like one (`pandas==2.2.2`, `com.example:lib:1.0`,
    /// `./dist/*.whl`), else the word after the verb ("add polars to …").
    static func spec(_ text: RequestText, context: PlanningContext) -> String? {
        let tokens = text.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`")) }
        let targets = Set(context.bundle.targetNames.map { $0.lowercased() })
        if let marked = tokens.first(where: { t in
            ["==", ">=", "<=", "~=", "!="].contains { t.contains($0) } || t.hasSuffix(".whl") || t.hasSuffix(".jar")
                || (t.split(separator: ":").count >= 3 && !t.contains("/")) || t.hasPrefix("./") || t.hasPrefix("/Volumes/") || t.hasPrefix("/Workspace/")
        }) {
            return marked
        }
        let skipped: Set<String> = ["the", "a", "an", "new", "python", "pypi", "pip", "maven", "library", "libraries", "package", "packages",
                                    "dependency", "dependencies", "wheel", "jar", "module", "latest", "version", "of"]
        guard let verb = tokens.firstIndex(where: { ["add", "install", "include", "use", "require", "needs", "need"].contains($0.lowercased()) }) else { return nil }
        for (i, token) in tokens.enumerated().dropFirst(verb + 1) {
            let lowered = token.lowercased()
            if skipped.contains(lowered) { continue }
            // ("add a dependency on shapely to …": the package after "on".)
            if lowered == "on", i > 0, ["dependency", "dependencies"].contains(tokens[i - 1].lowercased()) { continue }
            if ["to", "into", "in", "for", "on"].contains(lowered) || targets.contains(lowered) { return nil }
            guard token.allSatisfy({ $0.isLetter || $0.isNumber || "-_.[]".contains($0) }) else { return nil }
            // "pandas 2.2.2", "requests version 2.32.3": the version written after the name is pinned.
            var j = i + 1
            if j < tokens.count, ["version", "v"].contains(tokens[j].lowercased()) { j += 1 }
            if j < tokens.count, tokens[j].range(of: #"^v?\d+(\.\d+){1,3}$"#, options: .regularExpression) != nil {
                return token + "==" + (tokens[j].hasPrefix("v") ? String(tokens[j].dropFirst()) : tokens[j])
            }
            return token
        }
        return nil
    }

    /// The package a request about a library names, without its version ("add pandas==2.2.2 to …",
    /// "upgrade pandas to 2.2.3", "remove polars": pandas, pandas, polars).
    static func packageName(in request: String, context: PlanningContext) -> String? {
        var tokens = request.split(separator: " ").map(String.init)
        if let verb = tokens.firstIndex(where: { ["upgrade", "bump", "update", "pin", "downgrade", "remove", "uninstall", "drop", "delete"].contains($0.lowercased()) }) {
            tokens[verb] = "add"
        }
        guard let spec = spec(RequestText(tokens.joined(separator: " ")), context: context),
              let name = spec.split(whereSeparator: { "=<>~![ ".contains($0) }).first.map(String.init), !name.isEmpty,
              !["it", "that", "them"].contains(name.lowercased()) else { return nil }
        return name
    }

    /// "add mlflow==2.16.2 and scikit-learn>=1.4 to train_env": each package said, and where they go; nil for one.
    static func several(_ request: String) -> (specs: [String], rest: String)? {
        guard let match = request.firstMatch(of: /(?i)^\s*(?:please\s+)?(?:add|install|include)\s+(?:the\s+)?(?:(?:pypi|python|pip)\s+)?(?:packages?|librar(?:y|ies)|dependenc(?:y|ies))?\s*(.+?)\s+((?:to|on|in|into|for)\s+.+)$/) else { return nil }
        let items = String(match.output.1).components(separatedBy: ",").flatMap { $0.components(separatedBy: " and ") }
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"'`")) }.filter { !$0.isEmpty }
        let package = /^[A-Za-z][A-Za-z0-9_.\-\[\]]*(\s*(==|>=|<=|~=|!=|>|<)\s*[0-9][A-Za-z0-9.*+!-]*(,\s*(==|>=|<=|~=|!=|>|<)\s*[0-9][A-Za-z0-9.*+!-]*)*)?$/
        guard items.count >= 2, items.allSatisfy({ $0.wholeMatch(of: package) != nil }) else { return nil }
        return (items, String(match.output.2))
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        if let source = PipelineSource(text) {
            return try planPipelineSource(context, source.settled(by: context.bundle.source))
        }
        // Several packages at once: each of them (only the first was added, the others dropped unsaid).
        if let (specs, rest) = several(text.original) {
            let plans = try specs.map { try plan(context.saying("add \($0) \(rest)")) }
            return OfflinePlanner.merged(plans, subject: "Add \(specs.joined(separator: ", ")) \(rest)")
        }
        let target = try context.target()
        guard var spec = spec(text, context: context) else {
            throw PlanningStop(outcome: .clarify(question: "Which library? Name it as pip or Maven would.",
                                                 choices: ["add the PyPI library pandas==2.2.2", "add the Maven library com.example:lib:1.0"]))
        }
        let takesLibraries: (YAMLNode) -> Bool = { task in
            ["notebook_task", "spark_python_task", "python_wheel_task", "spark_jar_task"].contains { task[$0] != nil }
        }
        // Jobs with a task that takes libraries; serverless pipelines take Python dependencies in their environment.
        // "… on serverless", "… to the serverless environment": only what has a serverless environment.
        let serverless = text.has("serverless")
        // "… to writeback_env": the jobs that have an environment of that key (a pipeline that shares a
        // word of it does not).
        let environmentOwners = context.catalog.references(ofType: "jobs").filter { !context.namedParts(.environment, of: $0).isEmpty }
        let mentioned = context.catalog.mentions(in: text.original).keys.filter { environmentOwners.contains($0) }
        let owners = mentioned.isEmpty ? environmentOwners : mentioned
        if context.resourceOption == nil, context.defaultResource.map({ !owners.contains($0) }) ?? true, owners.count > 1 {
            throw context.question(owners, kinds: "job")
        }
        let resource = try owners.count == 1 && context.resourceOption == nil ? owners[0] : context.resource(["jobs", "pipelines"], where: { reference in
            if reference.type == "pipelines" { return context.isServerlessPipeline(reference.key, target: target) }
            let job = context.effectiveJob(reference.key, target: target)
            if serverless { return !(job?["environments"]?.sequence ?? []).isEmpty }
            return (job?["tasks"]?.sequence ?? []).contains(where: takesLibraries)
        }, unfit: { reference in
            reference.type == "pipelines" ? "runs on classic clusters, which install packages with %pip in its notebooks"
                : serverless ? "has no serverless environment" : "has no task that takes libraries"
        })
        // A requirements file: pip's `-r` in an environment, a `requirements` library on a cluster, its
        // path relative to the file that names it.
        if spec.lowercased() == "requirements" && text.has("file") { spec = "requirements.txt" }
        let requirements = spec.lowercased().hasSuffix(".txt")
        if requirements && !spec.hasPrefix("/") {
            let file = resource.type == "pipelines" ? context.location(of: resource, target: target).file : context.jobLocation(resource.key, target: target).file
            let bundlePath = spec.hasPrefix("./") ? String(spec.dropFirst(2)) : spec
            spec = String(repeating: "../", count: BundlePath.directory(of: file).split(separator: "/").count) + bundlePath
        }
        if resource.type == "pipelines" {
            return try planPipelineDependency(context, PipelineSelection(context, resource, target: target), spec: requirements ? "-r \(spec)" : spec)
        }
        let job = resource.key
        let reference = resource
        let library: EditValue
        let kind: String
        if requirements {
            (library, kind) = (.mapping([("requirements", .string(spec))]), "requirements file")
        } else if text.has("maven") || (spec.split(separator: ":").count >= 3 && !spec.contains("/")) {
            (library, kind) = (.mapping([("maven", .mapping([("coordinates", .string(spec))]))]), "Maven")
        } else if spec.hasSuffix(".whl") {
            (library, kind) = (.mapping([("whl", .string(spec))]), "wheel")
        } else if spec.hasSuffix(".jar") {
            (library, kind) = (.mapping([("jar", .string(spec))]), "JAR")
        } else {
            (library, kind) = (.mapping([("pypi", .mapping([("package", .string(spec))]))]), "PyPI")
        }
        let effective = context.effectiveJob(job, target: target)
        let location = context.jobLocation(job, target: target)
        let tasks = (effective?["tasks"]?.sequence ?? []).filter(takesLibraries)
        var namedTasks = context.namedParts(.task, of: reference)
        // "add pandas==2.2.2 to the mock data generator": the one task whose key has all those words.
        if namedTasks.isEmpty, let phrase = Self.destination(context.request) {
            let words = ResourceCatalog.words(phrase).filter { !ResourceVocabulary.common.contains($0) }
            let all = (effective?["tasks"]?.sequence ?? []).compactMap { $0["task_key"]?.string }
            let said = ResourceCatalog.words(phrase).count
            let keys = all.filter { key in said >= 2 && !words.isEmpty && Set(words).isSubset(of: Set(ResourceCatalog.words(key))) }
            if keys.count == 1 {
                guard tasks.contains(where: { $0["task_key"]?.string == keys[0] }) else {
                    throw PlanningStop(outcome: .refused("task \(keys[0]) of job \(job) takes no libraries (it runs no notebook, Python file or wheel of its own)"))
                }
                namedTasks = keys
            }
        }
        let namedEnvironments = context.namedParts(.environment, of: reference)
        let chosen = namedTasks.isEmpty ? tasks : tasks.filter { namedTasks.contains($0["task_key"]?.string ?? "") }
        var environments: [String] = namedEnvironments
        var libraryTasks: [String] = []
        var refusals: [String] = []
        if namedEnvironments.isEmpty {
            for task in chosen {
                guard let key = task["task_key"]?.string else { continue }
                let onCluster = task["job_cluster_key"] != nil || task["existing_cluster_id"] != nil || task["new_cluster"] != nil
                if onCluster { libraryTasks.append(key); continue }
                if let environment = task["environment_key"]?.string {
                    if !environments.contains(environment) { environments.append(environment) }
                } else {
                    refusals.append("task \(key) runs on serverless compute without a job environment (a notebook takes its dependencies from %pip in the notebook)")
                }
            }
        }
        guard kind == "PyPI" || kind == "wheel" || kind == "requirements file" || environments.isEmpty else {
            throw PlanningStop(outcome: .refused("serverless compute takes Python dependencies only; \(kind) libraries need a task on a cluster"))
        }
        var operations: [EditOperation] = []
        var placed: [String] = []
        var already: [String] = []
        var replaced: [String] = []
        let declared = effective?["environments"]?.sequence ?? []
        for environment in environments {
            guard let environmentNode = declared.first(where: { $0["environment_key"]?.string == environment }) else {
                throw PlanningStop(outcome: .refused("job \(job) has no environment \(environment)"))
            }
            let existing = environmentNode["spec"]?["dependencies"]?.sequence?.compactMap(\.string) ?? []
            let dependency = requirements ? "-r \(spec)" : spec
            if existing.contains(dependency) { already.append("environment \(environment)"); continue }
            let raw = context.rawNode(file: location.file, path: location.base + [.key("environments")])?.sequence ?? []
            // (A key written with the target in it, `${bundle.target}`, is this environment too: its
            // dependencies are added to, never replaced by the new one alone.)
            if let i = raw.firstIndex(where: { $0["environment_key"]?.string == environment })
                ?? raw.firstIndex(where: { $0["environment_key"]?.string.map { context.writtenKey($0, resolvesTo: environment) } ?? false }) {
                let path = location.base + [.key("environments"), .index(i), .key("spec"), .key("dependencies")]
                // "add lightgbm==4.5.0" beside an unpinned "lightgbm": the package's entry takes the new version.
                let written = raw[i]["spec"]?["dependencies"]?.sequence ?? []
                if kind == "PyPI", let j = written.firstIndex(where: { $0.string.map(LibraryRemovalIntent.packageName) == LibraryRemovalIntent.packageName(dependency) }) {
                    operations.append(.set(path + [.index(j)], .string(dependency)))
                    replaced.append(written[j].string ?? "")
                } else {
                    try refuseAnotherVersion(dependency, among: existing, context)
                    operations.append(.append(path, .string(dependency)))
                }
            } else {
                try refuseAnotherVersion(dependency, among: existing, context)
                operations.append(context.setInList(file: location.file, base: location.base, list: "environments", identityField: "environment_key",
                                                    identity: environment, inner: [.key("spec"), .key("dependencies")], value: .sequence([.string(dependency)])))
            }
            placed.append("environment \(environment)")
        }
        for key in libraryTasks {
            let task = tasks.first { $0["task_key"]?.string == key }
            let existing = task?["libraries"]?.sequence ?? []
            if existing.contains(where: { $0["pypi"]?["package"]?.string == spec || $0["maven"]?["coordinates"]?.string == spec || $0["whl"]?.string == spec || $0["jar"]?.string == spec
                || $0["requirements"]?.string == spec }) { already.append("task \(key)"); continue }
            let raw = context.rawNode(file: location.file, path: location.base + [.key("tasks")])?.sequence ?? []
            if let i = raw.firstIndex(where: { $0["task_key"]?.string == key })
                ?? raw.firstIndex(where: { $0["task_key"]?.string.map { context.writtenKey($0, resolvesTo: key) } ?? false }) {
                let written = raw[i]["libraries"]?.sequence ?? []
                if kind == "PyPI", let j = written.firstIndex(where: { $0["pypi"]?["package"]?.string.map(LibraryRemovalIntent.packageName) == LibraryRemovalIntent.packageName(spec) }) {
                    operations.append(.set(location.base + [.key("tasks"), .index(i), .key("libraries"), .index(j), .key("pypi"), .key("package")], .string(spec)))
                    replaced.append(written[j]["pypi"]?["package"]?.string ?? "")
                } else {
                    if kind == "PyPI" { try refuseAnotherVersion(spec, among: existing.compactMap { $0["pypi"]?["package"]?.string }, context) }
                    operations.append(.append(location.base + [.key("tasks"), .index(i), .key("libraries")], library))
                }
            } else {
                if kind == "PyPI" { try refuseAnotherVersion(spec, among: existing.compactMap { $0["pypi"]?["package"]?.string }, context) }
                operations.append(.append(location.base + [.key("tasks")], .mapping([("task_key", .string(key)), ("libraries", .sequence([library]))])))
            }
            placed.append("task \(key)")
        }
        guard !operations.isEmpty else {
            if !already.isEmpty { throw PlanningStop(outcome: .refused("\(spec) is already in \(already.joined(separator: ", ")) of job \(job)")) }
            throw PlanningStop(outcome: .refused(refusals.first ?? "job \(job) has no task that takes libraries"))
        }
        return Plan(subject: "Add the \(kind) \(environments.isEmpty ? "library" : "dependency") \(spec) to \(job)",
                    summary: "Added the \(kind) \(environments.isEmpty ? "library" : "dependency") \(spec) to \(placed.joined(separator: ", ")) of job \(job)\(context.forTarget(target))"
                        + (replaced.isEmpty ? "." : "; it replaces \(Set(replaced).sorted().joined(separator: ", ")), the same package."),
                    target: target, job: job, edits: [(location.file, operations)])
    }

    /// A serverless pipeline's Python dependency: `environment.dependencies`.
    static func planPipelineDependency(_ context: PlanningContext, _ p: PipelineSelection, spec: String) throws -> Plan {
        let isPython = !spec.hasSuffix(".jar") && !(spec.split(separator: ":").count >= 3 && !spec.contains("/"))
        guard p.serverless else {
            throw PlanningStop(outcome: .refused("\(p.description) runs on classic clusters; it installs packages with %pip in its notebooks, not as pipeline libraries"))
        }
        guard isPython else { throw PlanningStop(outcome: .refused("serverless pipelines take Python dependencies only, not \(spec)")) }
        if (p.effective["environment"]?["dependencies"]?.sequence ?? []).contains(where: { $0.string == spec }) {
            throw p.already("depending on \(spec)")
        }
        let path = p.location.base + [.key("environment"), .key("dependencies")]
        let written = context.rawNode(file: p.location.file, path: path)
        let operation: EditOperation = written?.sequence != nil ? .append(path, .string(spec)) : .set(path, .sequence([.string(spec)]))
        return p.plan(subject: "Add the dependency \(spec) to pipeline \(p.key)\(p.inTarget)",
                      summary: "Added the PyPI dependency \(spec) to the environment of \(p.description)\(p.forTarget).",
                      edits: [(p.location.file, [operation])])
    }
}

/// "add a task report after transform that runs src/report.py", "add a task that runs
/// src/cleanup.py after the notebook task", "add a step called audit running src/audit.sql".
public enum AddTaskIntent: Intent {
    public static let id = "add-task"
    public static let summary = "a new task after another"
    public static let examples = ["add a task report after ingest that runs src/report.py"]

    public static func score(_ text: RequestText) -> Int {
        // "run src/common/validator.py as a new task called validate": a new task too (the existing task's
        // file was replaced by it).
        let newTask = RequestText.saysNewTask(text)
        guard (text.hasAny(["add", "create", "append"]) || newTask) && text.hasAny(["task", "step"]) else { return 0 }
        // "add a python wheel task … with entry point register": a task, not the library "task".
        return entryPoint(text) != nil ? 5 : 3
    }

    /// The entry point a wheel task is to run: the word after "entry point" (or `entry_point`).
    static func entryPoint(_ text: RequestText) -> String? {
        let tokens = text.original.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'()`")) }
        let lowered = tokens.map { $0.lowercased() }
        for i in lowered.indices {
            var next: Int?
            if ["entry_point", "entrypoint", "entry-point"].contains(lowered[i]) { next = i + 1 }
            if lowered[i] == "entry", i + 1 < lowered.count, lowered[i + 1] == "point" { next = i + 2 }
            guard var j = next else { continue }
            while j < tokens.count, ["is", "=", "of", "named", "called"].contains(lowered[j]) { j += 1 }
            if j < tokens.count, tokens[j].first?.isLetter == true || tokens[j].first == "_" { return tokens[j] }
        }
        return nil
    }

    /// Words after "task" that are not its name ("add a task that runs …").
    static let notNames: Set<String> = ["that", "which", "to", "running", "runs", "run", "after", "before", "for", "in", "on", "with", "the",
                                        "called", "named", "of", "into", "at", "from", "and", "executing", "executes", "calling",
                                        // "add the audit task back after run_dbt": words of the sentence.
                                        "back", "again", "too", "also", "here", "there", "first", "last", "then"]

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let original = text.original.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'()")) }
        let lowered = original.map { $0.lowercased() }
        guard let file = original.first(where: { word in [".py", ".ipynb", ".sql", ".scala", ".r"].contains { word.lowercased().hasSuffix($0) } }) else {
            if let entryPoint = entryPoint(text) { return try planWheelTask(context, entryPoint: entryPoint, original: original, lowered: lowered) }
            throw PlanningStop(outcome: .clarify(question: "What should the new task run? Name a notebook or file of the bundle, or a wheel's entry point.",
                                                 choices: ["add a task report after ingest that runs src/report.py", "add a task register after train with entry point register"]))
        }
        // The request without the file and the new task's name, for finding the job and the task it follows.
        let key = try taskKey(original, lowered, file: file)
        let scoped = context.ignoring([key, file])
        let job = try scoped.job()
        let effective = context.effectiveJob(job, target: nil)
        let tasks = effective?["tasks"]?.sequence ?? []
        let keys = tasks.compactMap { $0["task_key"]?.string }
        guard !keys.contains(key) else {
            throw PlanningStop(outcome: .refused("job \(job) already has a task \(key); name the new task differently (\"add a task called \(key)_2 …\")"))
        }
        // "… in prod only": the task is added in that target's own section (its paths relative to that file).
        // Only a target the words (or --target) name: the conversation's target is no reason to add it to one.
        var named = scoped
        named.defaultTarget = nil
        let target = try named.target()
        let location = context.jobLocation(job, target: target)
        // "between load and report": after load, and report now waits for the new task instead.
        var between: (after: String, before: String)?
        if let b = lowered.firstIndex(of: "between"), b + 3 < lowered.count, lowered[b + 2] == "and" {
            let clean = { (word: String) in word.trimmingCharacters(in: CharacterSet(charactersIn: ",.;")) }
            if let first = keys.first(where: { $0.lowercased() == clean(lowered[b + 1]) }), let second = keys.first(where: { $0.lowercased() == clean(lowered[b + 3]) }) {
                between = (first, second)
            }
        }
        // "after gold and before genai": the same (genai kept depending on gold alone).
        if between == nil, let a = lowered.firstIndex(of: "after"), let b = lowered.firstIndex(of: "before"), a + 1 < lowered.count, b + 1 < lowered.count {
            let clean = { (word: String) in word.trimmingCharacters(in: CharacterSet(charactersIn: ",.;")) }
            if let first = keys.first(where: { $0.lowercased() == clean(lowered[a + 1]) }), let second = keys.first(where: { $0.lowercased() == clean(lowered[b + 1]) }) {
                between = (first, second)
            }
        }
        // "before bronze_task" alone: the new task takes bronze_task's place in the order — it waits for what
        // bronze_task waited for, and bronze_task waits for it (it was added after the last task).
        var firstOfAll: String?
        if between == nil, !lowered.contains("after"), let b = lowered.firstIndex(of: "before"), b + 1 < lowered.count,
           let before = keys.first(where: { $0.lowercased() == lowered[b + 1].trimmingCharacters(in: CharacterSet(charactersIn: ",.;")) }) {
            let waits = (tasks.first { $0["task_key"]?.string == before }?["depends_on"]?.sequence ?? []).compactMap { $0["task_key"]?.string }
            if waits.count == 1 { between = (waits[0], before) }
            else if waits.isEmpty { firstOfAll = before }
            else {
                throw PlanningStop(outcome: .refused("task \(before) of job \(job) waits for \(waits.joined(separator: ", ")); say which the new task follows (\"add … between \(waits[0]) and \(before)\")"))
            }
        }
        let after = try firstOfAll != nil ? nil : between.map(\.after) ?? previousTask(scoped, lowered: lowered, job: job, keys: keys)
        // Paths in the job file are relative to it; the request's are relative to the bundle root.
        let bundlePath = Plan.bundlePath(file, besides: location.file)
        let depth = BundlePath.directory(of: location.file).split(separator: "/").count
        let relative = String(repeating: "../", count: depth) + bundlePath
        let exists = context.bundle.source.fileExists(bundlePath)
        // A new .py file is made a notebook, unless the job's tasks run Python files rather than notebooks
        // (then it is one more Python file, as theirs: marvel-characters, medallion-pipeline).
        let pythonFiles = tasks.filter { $0["spark_python_task"] != nil }.count
        let notebooks = tasks.filter { $0["notebook_task"] != nil }.count
        let notebook = context.bundle.source.isNotebook(bundlePath) ?? (!exists && bundlePath.hasSuffix(".py") && pythonFiles <= notebooks)
        let previous = (after ?? firstOfAll).flatMap { a in tasks.first { $0["task_key"]?.string == a } }
        var body: [(String, EditValue)] = [("task_key", .string(key))]
        // "after train_segments and train_prices": every task named there (the second was dropped).
        let afterAll = after.map { [$0] + (between == nil ? Self.moreTasksAfter(lowered, keys: keys, first: $0) : []) } ?? []
        if !afterAll.isEmpty { body.append(("depends_on", .sequence(afterAll.map { .mapping([("task_key", .string($0))]) }))) }
        let afterWords = afterAll.isEmpty ? nil : afterAll.count == 1 ? afterAll[0] : afterAll.dropLast().joined(separator: ", ") + " and " + afterAll.last!
        let runs: String
        // A task it follows that has a cluster of its own (`new_cluster` in the task): the new task gets the
        // same (it got no compute, and ran on serverless unsaid).
        var computeNote = ""
        func ownCluster() -> Bool {
            guard let previous, let after, previous["job_cluster_key"] == nil, previous["existing_cluster_id"] == nil,
                  previous["environment_key"] == nil, let resolved = previous["new_cluster"], resolved.mapping != nil else { return false }
            // As the job's file writes it: `${var.node_type}` and `${bundle.target}` kept (the default target's values
            // were written, and prod got dev's node type and tags).
            let written = (context.rawNode(file: location.file, path: location.base + [.key("tasks")])?.sequence ?? [])
                .first { $0["task_key"]?.string == after }?["new_cluster"]
            body.append(("new_cluster", EditValue(written?.mapping != nil ? written! : resolved)))
            computeNote = " on a cluster like \(after)'s (its new_cluster)"
            return true
        }
        if notebook {
            runs = "the notebook \(bundlePath)"
            // Share the compute of the task it follows (notebooks on serverless take no environment).
            for field in ["job_cluster_key", "existing_cluster_id"] {
                if let value = previous?[field]?.string { body.append((field, .string(value))); break }
            }
            _ = ownCluster()
            body.append(("notebook_task", .mapping([("notebook_path", .string(relative))])))
        } else if bundlePath.hasSuffix(".py") {
            runs = "the Python file \(bundlePath)"
            if let field = ["job_cluster_key", "existing_cluster_id", "environment_key"].first(where: { previous?[$0]?.string != nil }) {
                body.append((field, .string(previous![field]!.string!)))
            } else if ownCluster() {
            } else if let environment = effective?["environments"]?.sequence?.first?["environment_key"]?.string {
                body.append(("environment_key", .string(environment)))
            } else if let cluster = effective?["job_clusters"]?.sequence?.first?["job_cluster_key"]?.string {
                body.append(("job_cluster_key", .string(cluster)))
            }
            // "with a --publish flag", "with --dry-run": the script's own arguments.
            let flags = original.filter { $0.hasPrefix("--") && $0.count > 2 }
            body.append(("spark_python_task", .mapping([("python_file", .string(relative))]
                + (flags.isEmpty ? [] : [("parameters", .sequence(flags.map { EditValue.string($0) }))]))))
        } else if bundlePath.hasSuffix(".sql") {
            // The warehouse of the job's other SQL tasks as written (`${var.warehouse_id}` stays a reference,
            // so that each target keeps its own warehouse).
            let written = context.rawNode(file: location.file, path: location.base + [.key("tasks")])?.sequence ?? []
            let warehouse = lowered.firstIndex(of: "warehouse").flatMap { $0 + 1 < original.count ? original[$0 + 1] : nil }
                ?? written.lazy.compactMap { $0["sql_task"]?["warehouse_id"]?.string }.first
                ?? tasks.lazy.compactMap { $0["sql_task"]?["warehouse_id"]?.string }.first
            guard let warehouse else {
                throw PlanningStop(outcome: .clarify(question: "Which SQL warehouse should run \(bundlePath)? Name its id (`dabrepo warehouses list`).",
                                                     choices: ["\(text.original) on warehouse WAREHOUSE_ID"]))
            }
            runs = "the SQL file \(bundlePath) on warehouse \(warehouse)"
            body.append(("sql_task", .mapping([("file", .mapping([("path", .string(relative))])), ("warehouse_id", .string(warehouse))])))
        } else {
            throw PlanningStop(outcome: .refused("\(bundlePath) is neither a notebook nor a Python or SQL file of the bundle; name one that a task can run"))
        }
        let stub = exists ? nil : notebook || !bundlePath.hasSuffix(".py") ? Plan.newSourceText(bundlePath, for: "task \(key) of job \(job)")
            : "# The code of task \(key) of job \(job): it goes here.\n"
        var operations: [EditOperation] = [context.rawNode(file: location.file, path: location.base + [.key("tasks")]) == nil
            ? .set(location.base + [.key("tasks")], .sequence([.mapping(body)])) : .append(location.base + [.key("tasks")], .mapping(body))]
        var rewired = ""
        if let between {
            guard target == nil else {
                throw PlanningStop(outcome: .refused("a task between two others is added for every target (the other task waits for it); ask without \(target!), or add it after \(between.after) in \(target!)"))
            }
            let written = context.rawNode(file: location.file, path: location.base + [.key("tasks")])?.sequence ?? []
            guard let i = written.firstIndex(where: { context.writtenItem($0, field: "task_key", is: between.before) }) else {
                throw PlanningStop(outcome: .refused("task \(between.before) of job \(job) is not written in \(location.file); add the task after \(between.after) and change the order by hand"))
            }
            let dependencies = written[i]["depends_on"]?.sequence ?? []
            if let j = dependencies.firstIndex(where: { $0["task_key"]?.string == between.after }) {
                operations.append(.set(location.base + [.key("tasks"), .index(i), .key("depends_on"), .index(j), .key("task_key")], .string(key)))
            } else if dependencies.isEmpty {
                operations.append(.set(location.base + [.key("tasks"), .index(i), .key("depends_on")], .sequence([.mapping([("task_key", .string(key))])])))
            } else {
                operations.append(.append(location.base + [.key("tasks"), .index(i), .key("depends_on")], .mapping([("task_key", .string(key))])))
            }
            rewired = "; \(between.before) now runs after \(key)"
        }
        if let first = firstOfAll {
            guard target == nil else {
                throw PlanningStop(outcome: .refused("a task before another is added for every target (the other task waits for it); ask without \(target!)"))
            }
            let written = context.rawNode(file: location.file, path: location.base + [.key("tasks")])?.sequence ?? []
            guard let i = written.firstIndex(where: { context.writtenItem($0, field: "task_key", is: first) }) else {
                throw PlanningStop(outcome: .refused("task \(first) of job \(job) is not written in \(location.file); add the task and change the order by hand"))
            }
            operations.append(.set(location.base + [.key("tasks"), .index(i), .key("depends_on")], .sequence([.mapping([("task_key", .string(key))])])))
            rewired = "; \(first) now runs after \(key)"
        }
        let placed: String
        if let between { placed = " between \(between.after) and \(between.before)" }
        else if let firstOfAll { placed = " before \(firstOfAll)" }
        else { placed = afterWords.map { " after \($0)" } ?? "" }
        let plan = Plan(subject: "Add the task \(key) to \(job)\(placed)\(target.map { " in \($0)" } ?? "")",
                        summary: "Added the task \(key) running \(runs)\(computeNote)\(afterWords.map { " after \($0)" } ?? "") to job \(job)\(rewired)\(target.map { " in target \($0) only (in its own section)" } ?? "")"
                            + (exists ? "." : stub != nil ? "; \(bundlePath) is new, a file for its code." : " (\(bundlePath) does not exist yet)."),
                        target: target, job: job, edits: [(location.file, operations)])
        return try stub.map { try plan.creatingFile(bundlePath, text: $0, context) } ?? plan
    }

    /// A python_wheel_task running `entryPoint` of the package the job's wheel tasks run (or the one
    /// named after "package"), on the compute and with the libraries of the task it follows.
    static func planWheelTask(_ context: PlanningContext, entryPoint: String, original: [String], lowered: [String]) throws -> Plan {
        let skipped: Set<String> = ["python", "wheel", "whl", "py", "new", "a"]
        var key = entryPoint
        if let i = lowered.firstIndex(where: { $0 == "called" || $0 == "named" }), i + 1 < original.count {
            key = original[i + 1]
        } else if let t = lowered.firstIndex(where: { $0 == "task" || $0 == "step" }), t + 1 < original.count,
                  !notNames.contains(lowered[t + 1]), !skipped.contains(lowered[t + 1]), original[t + 1].first?.isLetter == true {
            key = original[t + 1]
        }
        let named = lowered.firstIndex(of: "package").flatMap { $0 + 1 < original.count ? original[$0 + 1] : nil }
        let scoped = context.ignoring([key, entryPoint] + (named.map { [$0] } ?? []))
        let job = try scoped.job()
        let location = context.jobLocation(job, target: nil)
        let written = context.rawNode(file: location.file, path: location.base + [.key("tasks")])?.sequence ?? []
        let keys = (context.effectiveJob(job, target: nil)?["tasks"]?.sequence ?? []).compactMap { $0["task_key"]?.string }
        guard !keys.contains(key) else {
            throw PlanningStop(outcome: .refused("job \(job) already has a task \(key); name the new task differently (\"add a task called \(key)_2 …\")"))
        }
        let after = try previousTask(scoped, lowered: lowered, job: job, keys: keys)
        let previous = after.flatMap { a in written.first { context.writtenItem($0, field: "task_key", is: a) } }
        let wheels = ([previous].compactMap { $0 } + written).filter { $0["python_wheel_task"] != nil }
        let everyWheel = context.catalog.references(ofType: "jobs").flatMap { context.effectiveJob($0.key, target: nil)?["tasks"]?.sequence ?? [] }
            .compactMap { $0["python_wheel_task"]?["package_name"]?.string }
        guard let package = named ?? wheels.first?["python_wheel_task"]?["package_name"]?.string ?? (Set(everyWheel).count == 1 ? everyWheel.first : nil) else {
            throw PlanningStop(outcome: .clarify(question: "Which wheel package has the entry point \(entryPoint)? No task of job \(job) runs a wheel yet.",
                                                 choices: ["add a task \(key) with package my_package and entry point \(entryPoint)"]))
        }
        var body: [(String, EditValue)] = [("task_key", .string(key))]
        if let after { body.append(("depends_on", .sequence([.mapping([("task_key", .string(after))])]))) }
        let model = wheels.first { $0["python_wheel_task"]?["package_name"]?.string == package } ?? previous
        for field in ["job_cluster_key", "existing_cluster_id", "environment_key"] {
            if let value = (model?[field] ?? previous?[field])?.string { body.append((field, .string(value))); break }
        }
        body.append(("python_wheel_task", .mapping([("package_name", .string(package)), ("entry_point", .string(entryPoint))])))
        // The wheel itself, as the task it is modelled on installs it (a cluster needs it; serverless has it in its environment).
        let libraries = (model?["libraries"]?.sequence ?? []).filter { $0["whl"] != nil }
        if !libraries.isEmpty, body.contains(where: { $0.0 != "environment_key" && ($0.0 == "job_cluster_key" || $0.0 == "existing_cluster_id") }) {
            body.append(("libraries", .sequence(libraries.compactMap { item in item["whl"]?.string.map { .mapping([("whl", .string($0))]) } })))
        }
        var operations: [EditOperation] = [.append(location.base + [.key("tasks")], .mapping(body))]
        // "after gold and before genai": genai now waits for the new task (it kept waiting for gold alone).
        var rewired = ""
        if let after, let b = lowered.firstIndex(of: "before"), b + 1 < lowered.count,
           let before = keys.first(where: { $0.lowercased() == lowered[b + 1].trimmingCharacters(in: CharacterSet(charactersIn: ",.;")) }),
           let i = written.firstIndex(where: { context.writtenItem($0, field: "task_key", is: before) }) {
            let dependencies = written[i]["depends_on"]?.sequence ?? []
            if let j = dependencies.firstIndex(where: { $0["task_key"]?.string == after }) {
                operations.append(.set(location.base + [.key("tasks"), .index(i), .key("depends_on"), .index(j), .key("task_key")], .string(key)))
            } else {
                operations.append(.append(location.base + [.key("tasks"), .index(i), .key("depends_on")], .mapping([("task_key", .string(key))])))
            }
            rewired = "; \(before) now runs after \(key)"
        }
        return Plan(subject: "Add the task \(key) to \(job)\(after.map { " after \($0)" } ?? "")",
                    summary: "Added the task \(key) running the entry point \(entryPoint) of the wheel \(package)\(after.map { " after \($0)" } ?? "") to job \(job)\(rewired).",
                    job: job, edits: [(location.file, operations)])
    }

    /// The new task's key: "called X", "named X", the word after "task", or the file's name.
    /// The key of the task an add-task request adds; nil when it cannot tell.
    static func addedKey(_ request: String) -> String? {
        let original = request.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'()")) }
        guard let file = original.first(where: { word in [".py", ".ipynb", ".sql", ".scala", ".r"].contains { word.lowercased().hasSuffix($0) } }) else { return nil }
        return try? taskKey(original, original.map { $0.lowercased() }, file: file)
    }

    static func taskKey(_ original: [String], _ lowered: [String], file: String) throws -> String {
        if let i = lowered.firstIndex(where: { $0 == "called" || $0 == "named" }), i + 1 < original.count { return original[i + 1] }
        if let t = lowered.firstIndex(where: { $0 == "task" || $0 == "step" }), t + 1 < original.count,
           !notNames.contains(lowered[t + 1]), original[t + 1] != file, original[t + 1].first?.isLetter == true {
            return original[t + 1]
        }
        // "add a publish task after evaluate running …": the word before "task", when it is no kind of task.
        let kinds: Set<String> = ["python", "notebook", "sql", "wheel", "jar", "pipeline", "dbt", "new", "spark", "another", "second", "py", "job"]
        if let t = lowered.firstIndex(where: { $0 == "task" || $0 == "step" }), t >= 2, ["a", "an", "new", "the"].contains(lowered[t - 2]),
           !kinds.contains(lowered[t - 1]), original[t - 1].first?.isLetter == true, original[t - 1].allSatisfy({ $0.isLetter || $0.isNumber || "_-".contains($0) }) {
            return original[t - 1]
        }
        let stem = file.split(separator: "/").last.map { $0.split(separator: ".").dropLast().joined(separator: ".") } ?? ""
        let key = String(stem.map { $0.isLetter || $0.isNumber ? $0 : "_" })
        guard !key.isEmpty else { throw PlanningStop(outcome: .refused("what should the task be called? for example \"add a task report that runs src/report.py\"")) }
        return key
    }

    /// The task the new one follows: the one named after "after" (by key, as written or in words:
    /// "after the notebook task"), else the last task. A name that is no task is refused.
    /// The other tasks named as those to follow, beside the first: "after a and b", "after a, b and c"
    /// (keys written as they are).
    static func moreTasksAfter(_ lowered: [String], keys: [String], first: String) -> [String] {
        guard let a = lowered.lastIndex(of: "after") else { return [] }
        let stops: Set<String> = ["that", "which", "running", "runs", "run", "to", "in", "on", "for", "of", "with", "called", "named"]
        let said = lowered[(a + 1)...].prefix { !stops.contains($0) }.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;")) }
        var more: [String] = []
        for word in said {
            if let key = keys.first(where: { $0.lowercased() == word }), key != first, !more.contains(key) { more.append(key) }
        }
        return more
    }

    static func previousTask(_ context: PlanningContext, lowered: [String], job: String, keys: [String]) throws -> String? {
        guard let a = lowered.lastIndex(of: "after") else { return keys.last }
        let stops: Set<String> = ["that", "which", "running", "runs", "run", "to", "in", "on", "for", "of", "with", "and", ","]
        let following = lowered[(a + 1)...].prefix { !stops.contains($0) }
        let words = ResourceCatalog.words(following.joined(separator: " "))
        let reference = ResourceReference(type: "jobs", key: job)
        let parts = context.catalog.entries.first { $0.reference == reference }?.parts.filter { $0.kind == .task } ?? []
        if let exact = keys.first(where: { following.contains($0.lowercased()) }) { return exact }
        let named = parts.filter { ResourceCatalog.names($0, in: words + ["task"]) }
        if named.count == 1 { return named[0].key }
        // "after the pipeline refresh" for refresh_pipeline: the key's words in another order.
        let said = Set(words.filter { !["the", "a", "task", "step"].contains($0) })
        let reordered = parts.filter { !said.isEmpty && Set($0.words) == said }
        if reordered.count == 1 { return reordered[0].key }
        // "after the silver task" for silver_whisper_numbers: the one task whose key holds the words.
        let holding = parts.filter { part in !said.isEmpty && said.isSubset(of: Set(part.words)) }
        if holding.count == 1 { return holding[0].key }
        let written = following.first { !["the", "a", "task", "step"].contains($0) } ?? following.first ?? ""
        throw PlanningStop(outcome: .refused("job \(job) has no task \(written.isEmpty ? "to follow" : "called \"\(written)\""); its tasks: \(keys.joined(separator: ", "))"))
    }
}

/// "remove the python wheel task", "delete the load step from the sales sync", "drop tasks a and b".
public enum RemoveTaskIntent: Intent {
    public static let id = "remove-task"
    public static let summary = "removing tasks (the tasks after them keep their place in the order)"
    public static let examples = ["remove the load task", "delete the cleanup step from nightly_etl"]

    /// Words that make "remove … task" about something of the task instead of the task itself.
    static let aboutSomethingElse = ["retry", "retries", "timeout", "library", "libraries", "dependency", "dependencies", "depends", "tag", "tags",
                                     "email", "emails", "notification", "notifications", "parameter", "parameters", "cluster", "environment", "webhook", "package"]

    public static func score(_ text: RequestText) -> Int {
        guard text.hasAny(["remove", "delete", "drop", "get rid of"]), text.hasAny(["task", "tasks", "step", "steps"]) else { return 0 }
        return text.hasAny(aboutSomethingElse) || removesSomethingOfATask(text) != nil ? 0 : 4
    }

    /// What is removed, when the words remove something of a task rather than the task: "remove the
    /// health rule from the run_pipeline task" (the words before "from" name no task), "drop the
    /// full_refresh flag of the pipeline task", "remove the load task's retries". Nil when the words
    /// before "from"/"of"/"in" say task or step, or name nothing (then it may be the task itself).
    static func removesSomethingOfATask(_ text: RequestText, taskKeys: [String] = []) -> [String]? {
        let words = text.words
        let lowered = text.original.lowercased()
        if ["task's", "step's", "task’s", "step’s"].contains(where: lowered.contains) { return [] }
        guard let verb = words.firstIndex(where: { ["remove", "delete", "drop"].contains($0) }),
              let preposition = words[(verb + 1)...].firstIndex(where: { ["from", "of", "in", "on"].contains($0) }) else { return nil }
        // ("remove it on the report task": "it" is the task the conversation is at.)
        let object = words[(verb + 1)..<preposition].filter { !["the", "a", "an", "its", "their", "this", "that", "it", "them", "these", "those", "one"].contains($0) }
        guard !object.isEmpty else { return nil }
        if object.contains(where: { ["task", "tasks", "step", "steps"].contains($0) }) { return nil }
        // "remove load from the sales sync": a task's key is the object.
        let keys = Set(taskKeys.map { $0.lowercased() })
        if object.contains(where: { keys.contains($0) }) { return nil }
        return Array(object)
    }

    /// "remove optimize_tables", "drop the data_expectations_task from the bronze job": a removal whose
    /// object is a task's key written as it is (the bundle tells), though the word "task" is not said.
    static func namesTask(_ context: PlanningContext) -> Bool {
        let text = context.request
        guard text.hasAny(["remove", "delete", "drop"]), !text.hasAny(aboutSomethingElse) else { return false }
        let taskKeys = context.catalog.entries.filter { $0.reference.type == "jobs" }.flatMap { $0.parts.filter { $0.kind == .task }.map(\.key) }
        if removesSomethingOfATask(text, taskKeys: taskKeys) != nil { return false }
        return context.catalog.entries.contains { entry in
            entry.reference.type == "jobs" && entry.parts.contains { $0.kind == .task && ResourceCatalog.isIdentifier($0.key) && ResourceCatalog.writesToken($0.key, in: text.original) }
        }
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let job = try context.job()
        let reference = ResourceReference(type: "jobs", key: job)
        let location = context.jobLocation(job, target: nil)
        let raw = context.rawNode(file: location.file, path: location.base + [.key("tasks")])?.sequence ?? []
        let keys = raw.compactMap { $0["task_key"]?.string }
        // "remove the health rule from the run_pipeline task": something of the task, never the task.
        if let object = removesSomethingOfATask(context.request, taskKeys: keys) {
            throw PlanningStop(outcome: .notUnderstood(message: "I did not understand what to remove\(object.isEmpty ? "" : " (\"\(object.joined(separator: " "))\")") of the task; nothing was removed. Name the setting as the file writes it (for example \"remove max_retries from the load task\").",
                                                       examples: ["remove the retries of the load task", "remove the load task"]))
        }
        // The tasks the removal's own clause names: "drop the staging step from the refresh job, the pipeline
        // task should run first" removes no pipeline task (it once removed the one to keep).
        // (The clause with the verb; "…, remove it": the task another clause names.)
        let clauses = context.request.original.components(separatedBy: CharacterSet(charactersIn: ",;"))
        var clause = context.request.original
        if let verb = clauses.firstIndex(where: { RequestText($0).hasAny(["remove", "delete", "drop"]) || $0.lowercased().contains("get rid of") }) {
            // "remove the tasks a, b and c": the clauses that go on listing tasks belong to it (b and c were
            // left, and a alone removed).
            let listing = Set(keys.map { $0.lowercased() }).union(["and", "the", "task", "tasks", "step", "steps", "too", "also", "or"])
            // ("…, feature_eng and gold_output tasks from the healthclaim job": the list ends where its job is said.)
            let list = clauses[(verb + 1)...].prefix { part in
                let words = RequestText(part).words.prefix { !["from", "of", "in", "on", "for"].contains($0) }
                return !words.isEmpty && words.allSatisfy(listing.contains) && words.contains { keys.map { $0.lowercased() }.contains($0) }
            }
            clause = ([clauses[verb]] + list).joined(separator: ",")
        }
        var named = context.saying(clause).namedParts(.task, of: reference).filter(keys.contains)
        if named.isEmpty, clauses.count == 1 || RequestText(clause).hasAny(["it", "them", "that", "this", "those", "these"]) {
            named = context.namedParts(.task, of: reference).filter(keys.contains)
        }
        guard !named.isEmpty else {
            throw PlanningStop(outcome: .clarify(question: "Which task of job \(job)? It has: \(keys.joined(separator: ", ")).",
                                                 choices: keys.map { "remove the task \($0)" }))
        }
        // "remove tasks purge and nonexistent": a listed name that is no task of the job is said, not skipped.
        if let listed = clause.range(of: #"(?i)\b(?:remove|delete|drop|get rid of)\s+(?:the\s+)?(?:tasks?\s+|steps?\s+)?(.+?)(?:\s+(?:tasks?|steps?))?(?:\s+(?:from|of|in)\b.*)?$"#, options: .regularExpression) {
            let phrase = String(clause[listed]).replacingOccurrences(of: #"(?i)^(?:remove|delete|drop|get rid of)\s+(?:the\s+)?(?:tasks?\s+|steps?\s+)?"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: #"(?i)\s+(?:from|of|in)\b.*$"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: #"(?i)\s+(?:tasks?|steps?)$"#, with: "", options: .regularExpression)
            let items = phrase.components(separatedBy: ",").flatMap { $0.components(separatedBy: " and ") }
                .map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: #"(?i)^(?:the|and)\s+"#, with: "", options: .regularExpression) }
                .filter { !$0.isEmpty }
            let lowered = Set(keys.map { $0.lowercased() })
            if items.count > 1, let unknown = items.first(where: { item in
                !item.contains(" ") && !lowered.contains(item.lowercased())
                    && !keys.contains { ResourceCatalog.words($0).contains(item.lowercased()) || $0.lowercased().contains(item.lowercased()) }
            }) {
                throw PlanningStop(outcome: .refused("job \(job) has no task \(unknown); nothing was removed (its tasks: \(keys.joined(separator: ", ")))"))
            }
        }
        guard named.count < keys.count else {
            throw PlanningStop(outcome: .refused("a job needs at least one task; job \(job) would have none left (remove the job itself in its file)"))
        }
        // "remove the demo task in prod": a target's override merges its tasks into the job's by key and
        // cannot take one away; the task would go from every target.
        // (Said in the words: a front end's own target setting, or the conversation's, removes everywhere as asked.)
        if context.targetOption == nil, let target = try context.target(), target != context.defaultTarget || context.request.has(target.lowercased()) {
            let list = named.joined(separator: ", ")
            throw PlanningStop(outcome: .refused("a target cannot remove a task: target \(target)'s overrides merge into job \(job)'s tasks by task_key, so \(list) would go from every target. To remove it everywhere, ask without the target (\"remove the task \(named[0])\"); to keep it out of \(target) alone, define the job's tasks per target"))
        }
        let removed = Set(named)
        // What each removed task waited for, through removed tasks too.
        func upstream(_ key: String, _ seen: Set<String> = []) -> [String] {
            let deps = raw.first { context.writtenItem($0, field: "task_key", is: key) }?["depends_on"]?.sequence?.compactMap { $0["task_key"]?.string } ?? []
            return deps.flatMap { removed.contains($0) && !seen.contains($0) ? upstream($0, seen.union([key])) : [$0] }
        }
        var operations: [EditOperation] = []
        var rewired: [String] = []
        for (index, task) in raw.enumerated() {
            guard let key = task["task_key"]?.string, !removed.contains(key), let deps = task["depends_on"]?.sequence else { continue }
            let keysBefore = deps.compactMap { $0["task_key"]?.string }
            guard keysBefore.contains(where: removed.contains) else { continue }
            var keysAfter: [String] = []
            for dep in keysBefore {
                for replacement in removed.contains(dep) ? upstream(dep) : [dep] where !keysAfter.contains(replacement) && !removed.contains(replacement) {
                    keysAfter.append(replacement)
                }
            }
            let path = location.base + [.key("tasks"), .index(index), .key("depends_on")]
            operations.append(keysAfter.isEmpty ? .delete(path) : .set(path, .sequence(keysAfter.map { .mapping([("task_key", .string($0))]) })))
            rewired.append("\(key) now after \(keysAfter.isEmpty ? "nothing" : keysAfter.joined(separator: ", "))")
        }
        for index in raw.indices.reversed() where raw[index]["task_key"]?.string.map(removed.contains) == true {
            operations.append(.delete(location.base + [.key("tasks"), .index(index)]))
        }
        var edits: [(file: String, operations: [EditOperation])] = [(location.file, operations)]
        // Target overrides of a removed task would bring it back, half defined.
        for target in context.bundle.targetNames {
            let override = context.jobLocation(job, target: target)
            let items = context.rawNode(file: override.file, path: override.base + [.key("tasks")])?.sequence ?? []
            let deletions: [EditOperation] = items.indices.reversed().filter { items[$0]["task_key"]?.string.map(removed.contains) == true }
                .map { .delete(override.base + [.key("tasks"), .index($0)]) }
            guard !deletions.isEmpty else { continue }
            if let i = edits.firstIndex(where: { $0.file == override.file }) { edits[i].operations += deletions } else { edits.append((override.file, deletions)) }
        }
        let list = named.joined(separator: ", ")
        return Plan(subject: "Remove the task\(named.count == 1 ? "" : "s") \(list) from \(job)",
                    summary: "Removed the task\(named.count == 1 ? "" : "s") \(list) from job \(job)\(rewired.isEmpty ? "" : "; \(rewired.joined(separator: "; "))").",
                    job: job, edits: edits)
    }
}
