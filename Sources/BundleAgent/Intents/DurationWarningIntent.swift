import BundleEditing
import Foundation

/// "alert me when the sales sync runs longer than an hour", "warn ops@example.com if the job takes
/// more than 2 hours": a run-duration health rule (`health.rules`, RUN_DURATION_SECONDS) and who is
/// e-mailed when a run passes it (`on_duration_warning_threshold_exceeded`). The run goes on; a
/// timeout ends it (JobTimeoutIntent).
public enum DurationWarningIntent: Intent {
    public static let id = "duration-warning"
    public static let summary = "a warning when a run takes too long (health rule), and who is e-mailed"
    public static let examples = ["warn ops@example.com when the job runs longer than 2 hours", "alert me if a run takes more than 45 minutes"]

    public static func score(_ text: RequestText) -> Int {
        let warns0 = text.hasAny(["warn", "warning", "alert", "alerts", "notify", "tell", "email", "e-mail", "ping", "flag"])
        // "alert me if the training job runs too long": a warning after how long is asked (an e-mail on a
        // threshold that no health rule sets would never be sent).
        if text.duration == nil, warns0, text.contains("too long") || text.contains("runs long") || text.hasAny(["overruns", "overrun"]),
           !text.hasAny(["kill", "cancel", "abort", "terminate", "timeout", "timeouts", "remove", "stop", "delete", "drop"]) { return 5 }
        guard text.duration != nil else { return 0 }
        // ("let me know if it goes past 2 hours": e-mailed on failure, no health rule.)
        let warns = text.hasAny(["warn", "warning", "warnings", "alert", "alerts", "notify", "notification", "health", "tell", "email", "e-mail", "ping", "flag", "sla", "slo"])
            || text.contains("let me know") || text.contains("let us know")
        // "set the SLA warning to 90 minutes", "the health threshold of northpeak_daily to 90 minutes": the
        // warning's threshold, said by its name.
        let named = text.hasAny(["sla", "slo", "threshold"]) || (text.has("health") && text.hasAny(["rule", "rules", "threshold"]))
            || (text.hasAny(["warning", "alert"]) && text.hasAny(["set", "change", "make", "raise", "lower", "move"]) && text.has("to"))
        let long = named || text.contains("longer than") || text.contains("more than") || text.contains("over ") || text.contains("goes past") || text.contains("runs past")
            || text.contains("go past") || text.contains("run past") || text.contains("beyond")
            || text.hasAny(["exceeds", "exceed", "exceeding", "takes", "duration", "overruns", "slow", "slower"])
            // "and an alert at 2 hours", "a warning at 90 minutes"
            || (text.has("at") && text.hasAny(["alert", "alerts", "warning", "warnings", "warn", "notify", "ping"]))
            // "alert me after 45 minutes", "ping me if it is still running after 2 hours": of a run still going.
            || ((text.has("after") || text.contains("still running")) && !text.hasAny(["fail", "fails", "failure", "failures", "failed", "success", "succeeds", "retry", "retries", "between"]))
        let ends = text.hasAny(["kill", "cancel", "abort", "terminate", "timeout", "timeouts"]) || text.contains("time out") || text.contains("stop it")
        return warns && long && !ends ? 5 : 0
    }

    public static let metric = "RUN_DURATION_SECONDS"

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        var said = text.duration
        // "alert me if it runs too long" where the job warns after some time already: that time.
        let mentioned = text.original.split(whereSeparator: { $0 == " " || $0 == "," }).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".;:()<>\"'")) }
            .filter { $0.contains("@") && $0.contains(".") }
        if said == nil, let job = try? context.ignoring(mentioned).job(),
           let rule = (context.effectiveJob(job, target: (try? context.target()) ?? nil)?["health"]?["rules"]?.sequence ?? []).first(where: { $0["metric"]?.string == metric }),
           let value = rule["value"]?.string.flatMap(Int.init) {
            said = value
        }
        guard let seconds = said, seconds > 0 else {
            // The request again with a time in place of "too long" (a bare "90 minutes" answers it).
            let again = text.original.range(of: "too long|long", options: [.regularExpression, .caseInsensitive])
                .map { text.original.replacingCharacters(in: $0, with: "longer than 2 hours") } ?? "warn when the job runs longer than 2 hours"
            throw PlanningStop(outcome: .clarify(question: "After how long should a run count as too long?", choices: [again]))
        }
        let addresses = text.original.split(whereSeparator: { $0 == " " || $0 == "," }).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".;:()<>\"'")) }
            .filter { $0.contains("@") && $0.contains(".") }
        // "notify Slack destination 0a1b… when the job fails or runs longer than 90 minutes": a notification
        // destination, notified on the warning (and on failure when the words say so) — it was dropped.
        let destination = text.hasAny(["webhook", "webhooks", "destination", "slack", "pagerduty", "teams"])
            ? text.original.split(separator: " ").map({ $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;\"'")) })
                .first(where: { $0.count >= 8 && $0.contains("-") && $0.allSatisfy { $0.isHexDigit || $0 == "-" } })
            : nil
        let target = try context.target()
        // "change the SLA warning to 90 minutes": of the job that has one, where only one does.
        let scoped = context.ignoring(addresses + (destination.map { [$0] } ?? []))
        let job: String
        do {
            job = try scoped.job()
        } catch let stop as PlanningStop {
            let warned = context.catalog.references(ofType: "jobs").map(\.key).filter { key in
                (context.effectiveJob(key, target: target)?["health"]?["rules"]?.sequence ?? []).contains { $0["metric"]?.string == metric }
            }
            guard case .clarify = stop.outcome, warned.count == 1, text.hasAny(["change", "set", "raise", "lower", "move", "make", "update"]),
                  text.hasAny(["the", "its"]) else { throw stop }
            job = warned[0]
        }
        let effective = context.effectiveJob(job, target: target)
        let rules = effective?["health"]?["rules"]?.sequence ?? []
        let webhookEvents = destination == nil ? [] : ["on_duration_warning_threshold_exceeded"] + (EmailNotificationIntent.events(in: text).contains("on_failure") ? ["on_failure"] : [])
        let notified = webhookEvents.filter { event in
            !(effective?["webhook_notifications"]?[event]?.sequence ?? []).contains { $0["id"]?.string == destination }
        }
        if rules.contains(where: { $0["metric"]?.string == metric && $0["value"]?.string == String(seconds) }) && addresses.isEmpty && notified.isEmpty {
            throw PlanningStop(outcome: .refused("job \(job) already warns after \(JobTimeoutIntent.describe(seconds))\(context.forTarget(target))"))
        }
        let location = context.jobLocation(job, target: target)
        let rule: EditValue = .mapping([("metric", .string(metric)), ("op", .string("GREATER_THAN")), ("value", .int(seconds))])
        // "warn me if transform_to_silver runs longer than 30 minutes": that task's own health rule.
        let keys = (effective?["tasks"]?.sequence ?? []).compactMap { $0["task_key"]?.string }
        let written = Set(text.original.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }).map(String.init))
        let tasks = text.hasAny(["task", "tasks", "step"]) ? context.namedParts(.task, of: ResourceReference(type: "jobs", key: job)) : keys.filter { written.contains($0) && ($0.contains("_") || $0.contains("-")) && $0 != job }
        if !tasks.isEmpty {
            var operations: [EditOperation] = []
            for task in tasks {
                let node = (effective?["tasks"]?.sequence ?? []).first { $0["task_key"]?.string == task }
                if node?["health"]?["rules"]?.sequence?.contains(where: { $0["metric"]?.string == metric && $0["value"]?.string == String(seconds) }) == true { continue }
                operations.append(context.setInList(file: location.file, base: location.base, list: "tasks", identityField: "task_key", identity: task,
                                                    inner: [.key("health"), .key("rules")], value: .sequence([rule])))
                for address in addresses {
                    operations.append(context.setInList(file: location.file, base: location.base, list: "tasks", identityField: "task_key", identity: task,
                                                        inner: [.key("email_notifications"), .key("on_duration_warning_threshold_exceeded")], value: .sequence([.string(address)])))
                }
            }
            guard !operations.isEmpty else {
                throw PlanningStop(outcome: .refused("task \(tasks.joined(separator: ", ")) of job \(job) already warns after \(JobTimeoutIntent.describe(seconds))"))
            }
            let after = JobTimeoutIntent.describe(seconds)
            let recipients = (effective?["email_notifications"]?["on_duration_warning_threshold_exceeded"]?.sequence?.compactMap(\.string) ?? []) + addresses
            let who = recipients.isEmpty ? " Nobody is e-mailed yet: name an address." : " E-mails \(recipients.joined(separator: ", ")) when it passes."
            return Plan(subject: "Warn when task \(tasks.joined(separator: ", ")) of \(job) runs longer than \(after)",
                        summary: "Set the health rule \(metric) > \(seconds) (\(after)) on task \(tasks.joined(separator: ", ")) of job \(job)\(context.forTarget(target)); the job's own rule stays.\(who)",
                        target: target, job: job, edits: [(location.file, operations)])
        }
        var operations: [EditOperation] = []
        let raw = context.rawNode(file: location.file, path: location.base + [.key("health"), .key("rules")])?.sequence ?? []
        if let index = raw.firstIndex(where: { $0["metric"]?.string == metric }) {
            operations.append(.set(location.base + [.key("health"), .key("rules"), .index(index), .key("value")], .int(seconds)))
        } else if target != nil, context.effectiveJob(job, target: nil)?["health"]?["rules"]?.sequence?.contains(where: { $0["metric"]?.string == metric }) == true {
            throw PlanningStop(outcome: .refused("job \(job) has a run-duration rule for every target; change it without naming a target"))
        } else {
            operations.append(.append(location.base + [.key("health"), .key("rules")], rule))
        }
        let event = "on_duration_warning_threshold_exceeded"
        let existing = effective?["email_notifications"]?[event]?.sequence?.compactMap(\.string) ?? []
        let added = addresses.filter { !existing.contains($0) }
        for address in added { operations.append(.append(location.base + [.key("email_notifications"), .key(event)], .string(address))) }
        // "… when it fails or runs longer than 90 minutes": the addresses on failure too.
        let onFailure = EmailNotificationIntent.events(in: text).contains("on_failure")
            ? addresses.filter { !(effective?["email_notifications"]?["on_failure"]?.sequence?.compactMap(\.string) ?? []).contains($0) } : []
        for address in onFailure { operations.append(.append(location.base + [.key("email_notifications"), .key("on_failure")], .string(address))) }
        if let destination {
            for event in notified {
                operations.append(.append(location.base + [.key("webhook_notifications"), .key(event)], .mapping([("id", .string(destination))])))
            }
        }
        let after = JobTimeoutIntent.describe(seconds)
        let hooked = destination.map { id in
            " Notifies the destination \(id) " + (webhookEvents.count > 1 ? "when a run fails or passes it." : "when a run passes it.")
        } ?? ""
        let who = existing.isEmpty && added.isEmpty
            ? (destination == nil ? " Nobody is e-mailed yet: name an address (\"warn ana@example.com when it runs longer than \(after)\")." : hooked)
            : " E-mails \((existing + added).joined(separator: ", ")) when a run passes it\(onFailure.isEmpty ? "" : " or fails")." + hooked
        return Plan(subject: "Warn when \(job) runs longer than \(after)\(target.map { " in \($0)" } ?? "")",
                    summary: "Set the health rule \(metric) > \(seconds) (\(after)) on job \(job)\(context.forTarget(target)).\(who)",
                    target: target, job: job, edits: [(location.file, operations)])
    }
}
