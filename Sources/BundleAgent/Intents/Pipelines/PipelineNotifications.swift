import BundleEditing
import BundleModel

/// A pipeline's `notifications`: a list of `{email_recipients: [...], alerts: [...]}`, where the
/// alerts are `on-update-success`, `on-update-failure`, `on-update-fatal-failure` and `on-flow-failure`.
enum PipelineNotifications {
    static let alerts = ["on-update-success", "on-update-failure", "on-update-fatal-failure", "on-flow-failure"]

    /// The alerts a request names: as written, or in words ("when it fails", "when a flow fails",
    /// "on fatal errors", "when an update succeeds", "on any failure").
    static func alerts(_ text: RequestText) -> [String] {
        var named = alerts.filter { text.has($0) }
        let failure = text.hasAny(["fail", "fails", "failure", "failures", "failed", "error", "errors", "breaks", "crashes"])
        let flow = text.hasAny(["flow", "flows"])
        let fatal = text.hasAny(["fatal", "non-retryable", "unrecoverable"])
        if text.hasAny(["success", "succeeds", "successful", "succeeded", "completes", "finishes", "completed", "finished"]) {
            named.append("on-update-success")
        }
        if failure || fatal {
            let every = text.contains("any failure") || text.contains("all failures") || text.contains("every failure") || text.contains("any error")
            if every || text.hasAny(["update", "updates"]) || !(flow || fatal) { named.append("on-update-failure") }
            if every || fatal { named.append("on-update-fatal-failure") }
            if every || flow { named.append("on-flow-failure") }
        }
        // In the order the schema lists them.
        return alerts.filter(named.contains)
    }

    struct Entry {
        var recipients: [String]
        var alerts: [String]

        init(_ node: YAMLNode) {
            recipients = node["email_recipients"]?.sequence?.compactMap(\.string) ?? []
            alerts = node["alerts"]?.sequence?.compactMap(\.string) ?? []
        }
    }
}

extension EmailNotificationIntent {
    /// Adds recipients for alerts (into an entry with exactly those alerts, or a new one), or removes
    /// recipients, alerts or all notifications of a pipeline.
    static func planPipeline(_ context: PlanningContext, _ p: PipelineSelection, addresses: [String], remove: Bool, swapped: [String] = []) throws -> Plan {
        var requested = PipelineNotifications.alerts(context.request)
        // "replace your-email@company.com with alerts@shop.com": the new address where the old one is, on its alerts.
        let new = addresses.filter { !swapped.contains($0) }
        if !remove, !swapped.isEmpty, !new.isEmpty {
            guard p.target == nil else {
                throw PlanningStop(outcome: .refused("a target override can add notifications but not replace inherited ones; ask without a target"))
            }
            let list = p.location.base + [.key("notifications")]
            let entries = (context.rawNode(file: p.location.file, path: list)?.sequence ?? []).map(PipelineNotifications.Entry.init)
            var operations: [EditOperation] = []
            for (i, entry) in entries.enumerated() where entry.recipients.contains(where: swapped.contains) {
                let keep = entry.recipients.filter { !swapped.contains($0) }
                let replaced = keep + new.filter { !keep.contains($0) }
                operations.append(.set(list + [.index(i), .key("email_recipients")], .sequence(replaced.map(EditValue.string))))
            }
            guard !operations.isEmpty else {
                throw PlanningStop(outcome: .refused("\(p.description) does not notify \(swapped.joined(separator: ", "))\(p.inTarget)"))
            }
            return p.plan(subject: "Notify \(new.joined(separator: ", ")) instead of \(swapped.joined(separator: ", ")) by pipeline \(p.key)",
                          summary: "Replaced \(swapped.joined(separator: ", ")) with \(new.joined(separator: ", ")) in the notifications of \(p.description) (the alerts stay).",
                          edits: [(p.location.file, operations)])
        }
        if remove {
            // "stop emailing X when the pipeline fails": every failure alert (weather: the fatal one stayed).
            if requested == ["on-update-failure"], !context.request.hasAny(["update", "updates"]) {
                requested = ["on-update-failure", "on-update-fatal-failure", "on-flow-failure"]
            }
            return try removal(context, p, addresses: addresses, alerts: requested)
        }
        guard !addresses.isEmpty else {
            throw PlanningStop(outcome: .clarify(question: "Which address should \(p.description) notify?",
                                                 choices: ["email ana@example.com when the \(p.key) pipeline fails"]))
        }
        let alerts = requested.isEmpty ? ["on-update-failure"] : requested
        // Who already gets each alert, in every target the change reaches.
        let missing = addresses.filter { address in
            p.reachedTargets(context).contains { target in
                let entries = (p.value(context, at: ["notifications"], for: target)?.sequence ?? []).map(PipelineNotifications.Entry.init)
                let covered = Set(entries.filter { $0.recipients.contains(address) }.flatMap(\.alerts))
                return !alerts.allSatisfy(covered.contains)
            }
        }
        guard !missing.isEmpty else {
            throw PlanningStop(outcome: .refused("\(addresses.joined(separator: ", ")) \(addresses.count == 1 ? "is" : "are") already notified on \(alerts.joined(separator: ", ")) by \(p.description)\(p.inTarget)"))
        }
        let list = p.location.base + [.key("notifications")]
        let raw = (context.rawNode(file: p.location.file, path: list)?.sequence ?? []).map(PipelineNotifications.Entry.init)
        var operations: [EditOperation] = []
        var notified = alerts
        // The entry with those alerts, else one with more of them ("add jane to the failure emails": the
        // failure entry of all three failure alerts, not a new and weaker one).
        if let i = raw.firstIndex(where: { Set($0.alerts) == Set(alerts) }) ?? raw.firstIndex(where: { Set(alerts).isSubset(of: Set($0.alerts)) }) {
            for address in missing where !raw[i].recipients.contains(address) {
                operations.append(.append(list + [.index(i), .key("email_recipients")], .string(address)))
            }
            if !operations.isEmpty { notified = raw[i].alerts }
        }
        if operations.isEmpty {
            operations.append(.append(list, .mapping([("email_recipients", .sequence(missing.map(EditValue.string))),
                                                       ("alerts", .sequence(alerts.map(EditValue.string)))])))
        }
        return p.plan(subject: "Notify \(missing.joined(separator: ", ")) on \(alerts.map { ($0.hasPrefix("on-") ? String($0.dropFirst(3)) : $0).replacingOccurrences(of: "-", with: " ") }.joined(separator: ", ")) of pipeline \(p.key)\(p.inTarget)",
                      summary: "Added \(missing.joined(separator: ", ")) to the notifications (\(notified.joined(separator: ", "))) of \(p.description)\(p.forTarget).",
                      edits: [(p.location.file, operations)])
    }

    /// Removals change the definition: a target's notifications add to it and cannot take from it.
    static func removal(_ context: PlanningContext, _ p: PipelineSelection, addresses: [String], alerts: [String]) throws -> Plan {
        guard p.target == nil else {
            throw PlanningStop(outcome: .refused("a target override can add notifications but not remove inherited ones; ask without a target"))
        }
        let list = p.location.base + [.key("notifications")]
        let entries = (context.rawNode(file: p.location.file, path: list)?.sequence ?? []).map(PipelineNotifications.Entry.init)
        var changes: [EditOperation] = []
        var additions: [EditOperation] = []
        var deletions: [Int] = []
        for (i, entry) in entries.enumerated() {
            let recipients = addresses.isEmpty ? entry.recipients : entry.recipients.filter(addresses.contains)
            guard !recipients.isEmpty else { continue }
            let kept = alerts.isEmpty ? [] : entry.alerts.filter { !alerts.contains($0) }
            guard kept != entry.alerts else { continue }
            let others = entry.recipients.filter { !recipients.contains($0) }
            if others.isEmpty {
                // Every recipient of the entry is concerned: the alerts go (the entry with the last of them).
                if kept.isEmpty { deletions.append(i) } else { changes.append(.set(list + [.index(i), .key("alerts")], .sequence(kept.map(EditValue.string)))) }
            } else {
                // Some recipients stay on every alert; those concerned keep the other alerts in an entry of their own.
                changes.append(.set(list + [.index(i), .key("email_recipients")], .sequence(others.map(EditValue.string))))
                if !kept.isEmpty {
                    additions.append(.append(list, .mapping([("email_recipients", .sequence(recipients.map(EditValue.string))),
                                                             ("alerts", .sequence(kept.map(EditValue.string)))])))
                }
            }
        }
        let who = addresses.isEmpty ? "anyone" : addresses.joined(separator: ", ")
        let what = alerts.isEmpty ? "" : " on \(alerts.joined(separator: ", "))"
        guard !(changes.isEmpty && deletions.isEmpty) else {
            throw PlanningStop(outcome: .refused("\(p.description) already sends no notifications\(addresses.isEmpty ? "" : " to \(who)")\(what)"))
        }
        var operations = changes + additions
        if deletions.count == entries.count && additions.isEmpty {
            operations = [.delete(list)]
        } else {
            // Deletions last and from the end, so that the other indexes stay valid.
            operations += deletions.sorted(by: >).map { .delete(list + [.index($0)]) }
        }
        let alertsText = alerts.joined(separator: ", ")
        let subject = addresses.isEmpty ? (alerts.isEmpty ? "Stop every notification of pipeline \(p.key)" : "Stop the \(alertsText) notifications of pipeline \(p.key)")
            : "Stop notifying \(who)\(what) of pipeline \(p.key)"
        let summary = addresses.isEmpty ? (alerts.isEmpty ? "Removed every notification of \(p.description)." : "Removed the alert\(alerts.count == 1 ? "" : "s") \(alertsText) from the notifications of \(p.description).")
            : "Removed \(who) from the notifications\(alerts.isEmpty ? "" : " (\(alertsText))") of \(p.description)."
        return p.plan(subject: subject, summary: summary, edits: [(p.location.file, operations)])
    }
}
