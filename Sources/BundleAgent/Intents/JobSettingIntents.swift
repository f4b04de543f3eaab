import Foundation
import BundleEditing
import BundleModel

/// "email me at ana@example.com on failure", "notify data-team@example.com when it succeeds",
/// "stop emailing ana@example.com on failure".
public enum EmailNotificationIntent: Intent {
    public static let id = "email-notifications"
    public static let summary = "e-mail notifications: add or remove recipients per event (pipelines: recipients and alerts)"
    public static let examples = ["email ana@example.com on failure", "stop emailing ana@example.com on success"]

    public static func score(_ text: RequestText) -> Int {
        let address = text.words.contains { $0.contains("@") }
        if address && text.hasAny(["email", "emails", "emailing", "e-mail", "notify", "notification", "notifications", "alert", "alerts", "mail", "send", "page", "ping", "tell", "inform"]) { return 3 }
        // "remove ana@example.com from every job", "replace ana@… with ops@…": the recipients (not
        // someone's access, which is PermissionIntent's).
        let access = text.hasAny(["permission", "permissions", "access", "grant", "grants", "owner", "run_as", "manage", "view"])
            || text.words.contains { $0.hasPrefix("can_") }
        if address && !access && (removes(text) || (text.hasAny(["replace", "swap"]) && text.words.filter({ $0.contains("@") }).count >= 2)) { return 3 }
        // "stop emailing on success", "no more failure emails", "stop the on-update-success alerts of the pipeline"
        let notifying = text.hasAny(["email", "emails", "emailing", "e-mail", "e-mails", "mail", "mails", "mailing", "notifying", "notifications"])
            || PipelineNotifications.alerts.contains { text.has($0) }
        if notifying && removes(text) { return 3 }
        // "add failure emails to the etl job", "email on failure for etl": whom to e-mail is asked (it was not
        // understood).
        if notifying || text.has("notification") || text.has("notifications"),
           text.hasAny(["failure", "failures", "fails", "failed", "fail", "success", "succeeds", "succeeded", "start", "starts"]),
           text.hasAny(["email", "emails", "e-mail", "e-mails", "mail", "mails"]) { return 2 }
        return 0
    }

    static func who(_ addresses: [String]) -> String { addresses.joined(separator: ", ") }

    static let eventNames = ["on_start", "on_success", "on_failure", "on_duration_warning_threshold_exceeded", "on_streaming_backlog_exceeded"]

    /// Whom a job or pipeline e-mails, on any event, for a target.
    static func recipientsOf(_ reference: ResourceReference, _ context: PlanningContext, target: String?) -> Set<String> {
        let resource = context.effectiveResource(reference, target: target)
        if reference.type == "pipelines" {
            return Set((resource?["notifications"]?.sequence ?? []).flatMap { $0["email_recipients"]?.sequence?.compactMap(\.string) ?? [] })
        }
        let notifications = resource?["email_notifications"]
        return Set(eventNames.flatMap { event -> [String] in
            guard let value = notifications?[event] else { return [] }
            // `${var.emails}` counts as someone.
            return value.sequence?.compactMap(\.string) ?? value.string.map { [$0] } ?? []
        })
    }

    /// The one variable every job and pipeline that e-mails anyone e-mails (`on_failure: [${var.notification_email}]`),
    /// as their definitions write it; nil when they e-mail addresses or several variables.
    static func sharedRecipientVariable(_ context: PlanningContext) -> String? {
        var written: [String] = []
        for reference in context.catalog.references(ofType: "jobs") + context.catalog.references(ofType: "pipelines") {
            let location = context.location(of: reference, target: nil)
            guard let raw = context.rawNode(file: location.file, path: location.base) else { continue }
            if reference.type == "pipelines" {
                written += (raw["notifications"]?.sequence ?? []).flatMap { $0["email_recipients"]?.sequence?.compactMap(\.string) ?? [] }
            } else {
                written += eventNames.flatMap { event -> [String] in
                    let value = raw["email_notifications"]?[event]
                    return value?.sequence?.compactMap(\.string) ?? value?.string.map { [$0] } ?? []
                }
            }
        }
        let variables = Set(written.map { VariableValueIntent.variable(written: $0, declaredIn: context) })
        guard variables.count == 1, let only = variables.first, let name = only else { return nil }
        return name
    }

    /// The recipients a removal names by a word of their address ("remove andras" for
    /// andras.csillag@datapao.com), among `recipients`.
    static func namedRecipients(_ text: RequestText, among recipients: Set<String>) -> [String] {
        let filler: Set<String> = ["remove", "delete", "drop", "stop", "emailing", "email", "mailing", "from", "the", "and", "it", "him", "her", "them", "too",
                                   "also", "notifications", "notification", "alerts", "list", "recipients", "recipient", "job", "pipeline", "failure",
                                   "success", "start", "don't", "dont", "anymore", "any", "more", "please", "unsubscribe", "not", "no"]
        let words = Set(text.words.filter { $0.count >= 3 && !filler.contains($0) && !$0.contains("@") })
        return recipients.filter { address in
            guard let local = address.split(separator: "@").first?.lowercased() else { return false }
            return words.contains(local) || local.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).contains { words.contains(String($0)) }
        }.sorted()
    }

    /// The events the words name ("on failure", "when it succeeds", "when a run takes too long").
    static func events(in said: RequestText) -> [String] {
        // ", keep the failure ones", "but leave failure", ", only failure ones": events kept as they are.
        var text = said
        // (", failures only", ", just the failure ones" too.)
        if let kept = said.original.range(of: #"(?i)(,\s*|\bbut\s+|\band\s+)((keep|keeping|leave|leaving|only|still|just)\b|(the\s+)?\w+\s+(only|ones)\b)"#, options: .regularExpression) {
            text = RequestText(String(said.original[..<kept.lowerBound]))
        }
        var events: [String] = []
        if text.hasAny(["fail", "fails", "failure", "failures", "failed", "error", "errors", "breaks"]) { events.append("on_failure") }
        if text.hasAny(["success", "succeeds", "successful", "succeeded", "completes", "finishes"]) { events.append("on_success") }
        if text.hasAny(["start", "starts", "started", "begins"]) { events.append("on_start") }
        // "when a run takes too long": the run-duration warning (a health rule says after how long).
        if text.contains("too long") || text.hasAny(["overrun", "overruns", "slow", "duration"]) { events.append("on_duration_warning_threshold_exceeded") }
        return events
    }

    /// `addresses` e-mailed on `to` instead of on `from`; the other recipients stay.
    static func move(_ addresses: [String], from: [String], to: [String], job: String, location: (file: String, base: EditPath), target: String?,
                     _ context: PlanningContext) throws -> Plan {
        var operations: [EditOperation] = []
        for event in to + from {
            let path = location.base + [.key("email_notifications"), .key(event)]
            let existing = context.rawNode(file: location.file, path: path)?.sequence?.compactMap(\.string) ?? []
            let new = from.contains(event) ? existing.filter { !addresses.contains($0) } : existing + addresses.filter { !existing.contains($0) }
            guard new != existing else { continue }
            operations.append(new.isEmpty ? .delete(path) : .set(path, .sequence(new.map { .string($0) })))
        }
        guard !operations.isEmpty else { throw PlanningStop(outcome: .refused("nothing to change: the notifications already are as asked")) }
        let said = { (events: [String]) in events.map { Self.eventWord($0) }.joined(separator: " and ") }
        return Plan(subject: "Email \(who(addresses)) on \(said(to)) of \(job) instead of on \(said(from))\(target.map { " in \($0)" } ?? "")",
                    summary: "Job \(job) now e-mails \(who(addresses)) on \(said(to)) (\(to.joined(separator: ", "))) instead of on \(said(from)); the other recipients are as they were\(context.forTarget(target)).",
                    target: target, job: job, edits: [(location.file, operations)])
    }

    /// An event as a subject says it: "failure", "duration_warning_threshold_exceeded" (only the leading
    /// "on_" goes; "duration" keeps its own "on").
    static func eventWord(_ event: String) -> String {
        event.hasPrefix("on_") ? String(event.dropFirst(3)) : event
    }

    /// Recipients by event where the request gives each event its own ("ana@x.com and bob@x.com on
    /// failure, and ana on success too": bob on failure only); nil where every event gets every address.
    /// A clause without an address is for the addresses before it; a bare name is the address it begins.
    static func recipientsByEvent(_ text: RequestText, addresses: [String]) -> [String: [String]]? {
        let clauses = text.original.components(separatedBy: CharacterSet(charactersIn: ",;")).map { $0.trimmingCharacters(in: .whitespaces) }
        guard clauses.count >= 2, addresses.count >= 2 else { return nil }
        var byEvent: [String: [String]] = [:]
        var pending: [String] = [], last: [String] = []
        for clause in clauses {
            let words = clause.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".;:()<>\"'")).lowercased() }
            var who = addresses.filter { address in
                words.contains(address.lowercased()) || words.contains(String(address.lowercased().prefix { $0 != "@" }))
            }
            who = pending + who.filter { !pending.contains($0) }
            let said = events(in: RequestText(clause))
            if said.isEmpty { pending = who; continue }
            if who.isEmpty { who = last }
            for event in said { byEvent[event, default: []] += who.filter { !(byEvent[event] ?? []).contains($0) } }
            (pending, last) = ([], who)
        }
        guard pending.isEmpty, byEvent.count >= 2, Set(byEvent.values.map { $0.sorted() }).count >= 2,
              Set(byEvent.values.flatMap { $0 }) == Set(addresses) else { return nil }
        return byEvent
    }

    /// Words that name `events` again, for a follow-up that adds someone to them.
    static func phrase(_ events: [String]) -> String {
        events.map { event in
            event == "on_duration_warning_threshold_exceeded" ? "when a run takes too long" : "on " + event.dropFirst(3)
        }.joined(separator: " and ")
    }

    /// "remove marco", "drop andras from the job": someone the bundle e-mails, by a word of the address.
    static func namesRecipient(_ context: PlanningContext) -> Bool {
        guard removes(context.request) else { return false }
        let everyone = Set(context.catalog.entries.map(\.reference).filter { ["jobs", "pipelines"].contains($0.type) }.flatMap { recipientsOf($0, context, target: nil) })
        return !namedRecipients(context.request, among: everyone).isEmpty
    }

    static func removes(_ text: RequestText) -> Bool {
        // ("don't email anyone": the words split at the apostrophe, so said as written.)
        (text.hasAny(["stop", "remove", "unsubscribe", "don't", "dont", "no", "clear", "disable", "never", "delete", "drop", "without", "nobody"])
            || text.contains("no more") || text.contains("turn off") || (text.has("take") && text.has("off")) || text.contains("don't") || text.contains("don’t") || text.contains("do not")
            // "the bronze job should not email on success", "… shouldn't email anyone when it starts".
            || text.original.range(of: #"(?i)\b(should|must|will|need|needs|does)\s*(n['’]t|\s+not|\s+no\s+longer)\s+(e-?mail|notify|send)"#, options: .regularExpression) != nil
            || text.original.range(of: #"(?i)\b(shouldn|mustn|doesn|won)['’]?t\s+(e-?mail|notify|send)"#, options: .regularExpression) != nil
            // "ana@… shouldn't get the failure emails", "… doesn't need the failure mails anymore", "no longer receives …".
            || text.original.range(of: #"(?i)(?:\b(?:should|must|will|need|needs|does|do)\s*(?:n['’]t|\s+not|\s+no\s+longer)|\b(?:shouldn|mustn|doesn|don|won)['’]?t|\bno\s+longer)\s+(?:get|gets|receive|receives|need|needs|want|wants)\b.*\b(?:e-?mails?|mails?|notifications?|alerts?)\b"#, options: .regularExpression) != nil)
            && !text.has("add")
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let target = try context.target()
        var addresses = text.original.split(whereSeparator: { $0 == " " || $0 == "," }).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".;:()<>\"'")) }
            .filter { $0.contains("@") && $0.contains(".") }
        // (Once each: "ana@… and bob@… on failure, and ana@… on success" named ana twice.)
        addresses = addresses.reduce(into: []) { kept, address in if !kept.contains(address) { kept.append(address) } }
        let remove = removes(text)
        // "email oncall@… on failure and remove your-email@…": an addition and a removal in one request,
        // which this reads as one or the other (it removed both): asked for in turn, nothing changed.
        if remove, let joint = text.original.range(of: #"\s(and|but|then|,)\s*(also\s+)?(remove|stop emailing|stop sending to|drop|delete|unsubscribe)\s"#,
                                                   options: [.regularExpression, .caseInsensitive]) {
            let before = RequestText(String(text.original[..<joint.lowerBound]))
            if before.original.contains("@"), !removes(before) {
                let after = String(text.original[joint.lowerBound...]).trimmingCharacters(in: CharacterSet(charactersIn: " ,")).replacingOccurrences(of: #"^(and|but|then)\s+(also\s+)?"#, with: "", options: .regularExpression)
                throw PlanningStop(outcome: .refused("this adds and removes recipients at once; ask for each in turn: \"\(before.original)\", then \"\(after)\" (nothing was changed)"))
            }
        }
        // "remove andras from it": the recipient whose address has that name.
        if remove, addresses.isEmpty {
            let everyone = Set(context.catalog.entries.map(\.reference).filter { ["jobs", "pipelines"].contains($0.type) }.flatMap { recipientsOf($0, context, target: target) })
            addresses = namedRecipients(text, among: everyone)
        }
        // "remove carol@x.com from the reports job", where nothing e-mails carol but she has access: her access.
        if remove, !addresses.isEmpty, !notifies(text) {
            let references = context.catalog.entries.map(\.reference)
            let emailed = references.filter { ["jobs", "pipelines"].contains($0.type) }.flatMap { recipientsOf($0, context, target: target) }.map { $0.lowercased() }
            let permitted = references.flatMap { (context.effectiveResource($0, target: target)?["permissions"]?.sequence ?? []).compactMap { $0["user_name"]?.string?.lowercased() } }
            if !addresses.contains(where: { emailed.contains($0.lowercased()) }), addresses.contains(where: { permitted.contains($0.lowercased()) }) {
                return try PermissionIntent.plan(context)
            }
        }
        // "… from ana@… to ops@…", "replace ana@… with …", "email ops@… instead of ana@…": the ones replaced.
        let lowered = text.original.lowercased()
        var swapped = remove ? [] : addresses.filter { address in
            ["from ", "replace ", "swap ", "instead of ", "rather than ", "in place of "].contains { lowered.contains($0 + address.lowercased()) }
        }
        // "send them to dave@…, not carol": carol is the one replaced (dave was added beside her).
        if !remove, swapped.isEmpty, !addresses.isEmpty,
           let not = text.original.firstMatch(of: /(?i)(?:,|\bbut)\s*not\s+(?:to\s+)?([A-Za-z][\w.@+-]*)\s*[.!]?$/) {
            let said = String(not.output.1).trimmingCharacters(in: CharacterSet(charactersIn: ".!"))
            let everyone = Set(context.catalog.entries.map(\.reference).filter { ["jobs", "pipelines"].contains($0.type) }.flatMap { recipientsOf($0, context, target: target) })
            let named = said.contains("@") ? [said] : namedRecipients(RequestText("remove \(said)"), among: everyone)
            let replaced = named.filter { !addresses.contains($0) }
            if !replaced.isEmpty {
                addresses += replaced
                swapped = replaced
            }
        }
        // A removal (or a replacement) is about the resources that e-mail someone (the address, when one is named).
        let recipients: (ResourceReference) -> Set<String> = { recipientsOf($0, context, target: target) }
        let leaving = remove ? addresses : swapped
        // "the duration warning emails", "when it starts": events only jobs have.
        let kinds = events(in: text).contains { ["on_duration_warning_threshold_exceeded", "on_start", "on_streaming_backlog_exceeded"].contains($0) }
            ? ["jobs"] : ["jobs", "pipelines"]
        // "change the notification email to dataops@northpeak.io" where every job e-mails `${var.notification_email}`:
        // that variable's value, once (for the target named, else its default).
        if !remove, swapped.isEmpty, addresses.count == 1, context.resourceOption == nil, context.defaultResource == nil,
           text.hasAny(["change", "replace", "switch", "set", "make"])
            // ("update" as a verb, not the event: "email ops@… on pipeline update failure" adds a recipient.)
            || (text.has("update") && !lowered.contains("update fail") && !lowered.contains("on-update")),
           !text.hasAny(["also", "add", "too"]),
           context.catalog.mentions(in: text.original).isEmpty, let variable = Self.sharedRecipientVariable(context),
           let assignment = try VariableValueIntent.assignment(context, variable: variable, value: addresses[0], target: target) {
            let users = context.resourcesUsing(variable: variable).map(\.spoken)
            return Plan(subject: assignment.subject, summary: assignment.summary.dropLast() + "; \(users.joined(separator: ", ")) e-mail\(users.count == 1 ? "s" : "") it.",
                        target: target, edits: [(assignment.file, assignment.operations)])
        }
        let resource: ResourceReference
        do {
            resource = remove || !swapped.isEmpty
                ? try context.resource(kinds, where: { reference in
                    let r = recipients(reference)
                    return leaving.isEmpty ? !r.isEmpty : leaving.contains(where: r.contains)
                }, unfit: { _ in leaving.isEmpty ? "e-mails nobody" : "does not e-mail \(Self.who(leaving))" })
                : try context.resource(kinds)
        } catch let stop as PlanningStop {
            // "stop emailing ana@example.com", named in several jobs: each of them that e-mails her.
            if !leaving.isEmpty, case .clarify(_, let choices) = stop.outcome,
               let every = EveryResource.plan(Self.self, context, choices: choices, types: Set(kinds)) {
                throw PlanningStop(outcome: every)
            }
            throw stop
        }
        if resource.type == "pipelines" {
            return try planPipeline(context, PipelineSelection(context, resource, target: target), addresses: addresses, remove: remove, swapped: swapped)
        }
        let job = resource.key
        guard !addresses.isEmpty || remove else {
            throw PlanningStop(outcome: .clarify(question: "Which address should be emailed?", choices: ["email ana@example.com on failure"]))
        }
        // "email ml-team@… when the train task fails": that task's own notifications (the job's went to every task's failure).
        if !remove, swapped.isEmpty, !addresses.isEmpty, text.hasAny(["task", "tasks", "step", "steps"]) {
            let tasks = context.namedParts(.task, of: resource)
            if !tasks.isEmpty {
                let said = events(in: text).filter { ["on_failure", "on_success", "on_start", "on_duration_warning_threshold_exceeded"].contains($0) }
                let taskEvents = said.isEmpty ? ["on_failure"] : said
                let location = context.jobLocation(job, target: target)
                let effectiveTasks = context.effectiveJob(job, target: target)?["tasks"]?.sequence ?? []
                var operations: [EditOperation] = []
                for key in tasks {
                    let own = effectiveTasks.first { $0["task_key"]?.string == key }?["email_notifications"]
                    for event in taskEvents {
                        let existing = own?[event]?.sequence?.compactMap(\.string) ?? []
                        let added = addresses.filter { !existing.contains($0) }
                        guard !added.isEmpty else { continue }
                        operations.append(context.setInList(file: location.file, base: location.base, list: "tasks", identityField: "task_key", identity: key,
                                                            inner: [.key("email_notifications"), .key(event)], value: .sequence((existing + added).map { .string($0) })))
                    }
                }
                guard !operations.isEmpty else { throw PlanningStop(outcome: .refused("nothing to change: the notifications already are as asked")) }
                let what = taskEvents.map { Self.eventWord($0) }.joined(separator: " and ")
                return Plan(subject: "Email \(who(addresses)) on \(what) of task\(tasks.count == 1 ? "" : "s") \(tasks.joined(separator: ", ")) of \(job)",
                            summary: "Added \(who(addresses)) to the email_notifications (\(taskEvents.joined(separator: ", "))) of task\(tasks.count == 1 ? "" : "s") \(tasks.joined(separator: ", ")) of job \(job)\(context.forTarget(target)); the job's own recipients are as they were.",
                            target: target, job: job, edits: [(location.file, operations)])
            }
        }
        var events = events(in: text)
        let current = context.effectiveJob(job, target: target)?["email_notifications"]
        if events.isEmpty && !leaving.isEmpty {
            // "stop emailing ana@example.com", "replace ana@… with ops@…": every event that e-mails her.
            events = eventNames.filter { event in leaving.contains { (current?[event]?.sequence?.compactMap(\.string) ?? []).contains($0) } }
        }
        if events.isEmpty { events = addresses.isEmpty ? [] : ["on_failure"] }
        if remove && addresses.isEmpty {
            // "stop emailing on success": every recipient of those events goes.
            // ("no more success emails in prod" where prod's own override alone e-mails on success: that override's.)
            let ownOverride = target.map { context.jobLocation(job, target: $0) }.flatMap { override -> (file: String, base: EditPath)? in
                guard override.base.first == .key("targets") else { return nil }
                let base = context.jobLocation(job, target: nil)
                let inherited = context.rawNode(file: base.file, path: base.base + [.key("email_notifications")])
                let chosen = events.isEmpty ? eventNames : events
                let own = context.rawNode(file: override.file, path: override.base + [.key("email_notifications")])
                return chosen.contains { own?[$0] != nil } && !chosen.contains { inherited?[$0] != nil } ? override : nil
            }
            let location = ownOverride ?? context.jobLocation(job, target: nil)
            let raw = context.rawNode(file: location.file, path: location.base + [.key("email_notifications")])
            let chosen = events.isEmpty ? eventNames : events
            let present = chosen.filter { raw?[$0] != nil }
            guard target == nil || ownOverride != nil else {
                throw PlanningStop(outcome: .refused("a target override can add recipients but not remove inherited ones; ask without a target"))
            }
            guard !present.isEmpty else {
                throw PlanningStop(outcome: .refused("job \(job) emails nobody \(events.isEmpty ? "" : "on \(events.map { Self.eventWord($0) }.joined(separator: " or "))")"))
            }
            let everything = raw?.mapping?.keys.allSatisfy { present.contains($0) } ?? false
            let operations: [EditOperation] = everything ? [.delete(location.base + [.key("email_notifications")])]
                : present.map { .delete(location.base + [.key("email_notifications"), .key($0)]) }
            let what = present.map { Self.eventWord($0).replacingOccurrences(of: "_", with: " ") }.joined(separator: " and ")
            return Plan(subject: "Stop emailing on \(what) of \(job)\(ownOverride == nil ? "" : " in \(target ?? "")")",
                        summary: "Removed every e-mail recipient on \(what) (\(present.joined(separator: ", "))) of job \(job)\(ownOverride == nil ? "" : context.forTarget(target)).",
                        target: ownOverride == nil ? nil : target, job: job, edits: [(location.file, operations)])
        }
        let location = context.jobLocation(job, target: target)
        // "email pat@… on failure instead of on success": pat moves from the success e-mails to the failure
        // ones; the other recipients stay (every failure recipient was replaced by pat, who stayed on success).
        // ("move pat@… from the success to the failure e-mails": the same.)
        let moved = text.original.firstMatch(of: /(?i)\bfrom\s+(?:the\s+)?(?:on\s+|on_)?(success|successes|failure|failures|start)\b(?:\s+(?:e-?mails?|notifications?|list))?\s+to\s+(?:the\s+)?(?:on\s+|on_)?(success|successes|failure|failures|start)\b/)
        if !remove, swapped.isEmpty, !addresses.isEmpty, text.hasAny(["move", "switch", "shift"]), let moved {
            let from = Self.events(in: RequestText(String(moved.output.1))), to = Self.events(in: RequestText(String(moved.output.2)))
            if !from.isEmpty, !to.isEmpty, from != to {
                return try Self.move(addresses, from: from, to: to, job: job, location: location, target: target, context)
            }
        }
        if !remove, swapped.isEmpty, !addresses.isEmpty,
           let instead = text.original.range(of: #"(?i)\b(instead of|rather than|not)\s+(on\s+|for\s+|when it\s+|when\s+)?(success|successes|succeeds|failure|failures|fails|start|starts)\b"#, options: .regularExpression) {
            let from = Self.events(in: RequestText(String(text.original[instead])))
            let to = Self.events(in: RequestText(String(text.original[..<instead.lowerBound]) + " " + String(text.original[instead.upperBound...]))).filter { !from.contains($0) }
            if !from.isEmpty, !to.isEmpty {
                return try Self.move(addresses, from: from, to: to, job: job, location: location, target: target, context)
            }
        }
        // "change the failure email to ops@example.com": the recipients of those events become the ones given
        // ("… from ana@example.com to ops@example.com": that one is swapped).
        if !remove && (text.hasAny(["change", "replace", "switch", "swap", "instead"]) || text.contains("only to") || !swapped.isEmpty) {
            let given = addresses.filter { !swapped.contains($0) }
            if let routed = try throughVariable(context, job: job, events: events, target: target, replacing: swapped, with: given) { return routed }
            var replaced: [String] = []
            var operations: [EditOperation] = []
            for event in events {
                let path = location.base + [.key("email_notifications"), .key(event)]
                let written = context.rawNode(file: location.file, path: path)
                if let reference = written?.string {
                    throw PlanningStop(outcome: .refused("the \(event) recipients of job \(job) are \(reference), not a list written here; change them where that value is defined"))
                }
                let existing = written?.sequence?.compactMap(\.string) ?? []
                let kept = swapped.isEmpty ? [] : existing.filter { !swapped.contains($0) }
                let new = kept + given.filter { !kept.contains($0) }
                if new == existing { continue }
                // A target's own recipients are replaced in its override ("only in prod", then "actually bob
                // instead"); the shared ones, which the override's list is added to, are not.
                if target != nil {
                    let inherited = context.effectiveJob(job, target: nil)?["email_notifications"]?[event]?.sequence?.compactMap(\.string) ?? []
                    let leavingInherited = (swapped.isEmpty ? inherited : inherited.filter(swapped.contains)).filter { !new.contains($0) }
                    guard leavingInherited.isEmpty else {
                        throw PlanningStop(outcome: .refused("a target override can add recipients but not replace inherited ones (\(who(leavingInherited)) on \(Self.eventWord(event)), for every target); ask without a target"))
                    }
                }
                replaced += existing.filter { !new.contains($0) }
                operations.append(.set(path, .sequence(new.map { .string($0) })))
            }
            guard !operations.isEmpty else { throw PlanningStop(outcome: .refused("nothing to change: the notifications already are as asked")) }
            let what = events.map { Self.eventWord($0) }.joined(separator: " and ")
            return Plan(subject: "Email \(who(given)) on \(what) of \(job) instead\(target.map { " in \($0)" } ?? "")",
                        summary: "Job \(job) now e-mails \(who(given)) on \(what)\(replaced.isEmpty ? "" : " instead of \(who(Array(Set(replaced)).sorted()))") (\(events.joined(separator: ", ")))\(context.forTarget(target)).",
                        target: target, job: job, edits: [(location.file, operations)])
        }
        if swapped.isEmpty, !addresses.isEmpty, let routed = try throughVariable(context, job: job, events: events, target: target, adding: !remove, addresses) {
            return routed
        }
        var operations: [EditOperation] = []
        var emptied: [String] = []
        // "ana@… and bob@… on failure, and ana on success too": each event its own recipients.
        let byEvent = remove ? nil : recipientsByEvent(text, addresses: addresses)
        for event in events {
            let existing = current?[event]?.sequence?.compactMap(\.string) ?? []
            if remove {
                var indexes: [Int] = []
                for address in addresses {
                    // (A recipient the target's own override adds, and the shared definition does not, goes from there.)
                    if target != nil {
                        let base = context.jobLocation(job, target: nil)
                        let inherited = context.rawNode(file: base.file, path: base.base + [.key("email_notifications"), .key(event)])?.sequence?.contains { $0.string == address } ?? false
                        guard !inherited, location.base.first == .key("targets") else {
                            throw PlanningStop(outcome: .refused("a target override can add recipients but not remove inherited ones; ask without a target"))
                        }
                    }
                    let written = context.rawNode(file: location.file, path: location.base + [.key("email_notifications"), .key(event)])
                    let raw = written?.sequence ?? []
                    if let index = raw.firstIndex(where: { $0.string == address }) {
                        if !indexes.contains(index) { indexes.append(index) }
                    } else if raw.count == existing.count, let i = existing.firstIndex(of: address), let entry = raw[i].string,
                              entry.range(of: #"^\$\{var\.[A-Za-z0-9_-]+\}$"#, options: .regularExpression) != nil {
                        // `on_failure: ["${var.alert_email}", dataops@…]`: that entry of the written list (it said to change
                        // the variable, which the duration warnings read too).
                        if !indexes.contains(i) { indexes.append(i) }
                    } else if existing.contains(address), let reference = written?.string ?? raw.compactMap(\.string).first(where: { $0.contains("${") }) {
                        // `on_failure: ${var.notification_emails}`: the address is the variable's value.
                        throw PlanningStop(outcome: .refused("job \(job) e-mails \(address) on \(event.dropFirst(3)) through \(reference), not a list written here; "
                            + "change that value where it is defined (a variable's default in databricks.yml, or its value for a target)"))
                    }
                }
                // The last address of an event takes the event with it (no `on_failure: []` left behind).
                let raw = context.rawNode(file: location.file, path: location.base + [.key("email_notifications"), .key(event)])?.sequence ?? []
                if !indexes.isEmpty, indexes.count == raw.count {
                    operations.append(.delete(location.base + [.key("email_notifications"), .key(event)]))
                    emptied.append(event)
                } else {
                    operations += indexes.sorted(by: >).map { .delete(location.base + [.key("email_notifications"), .key(event), .index($0)]) }
                }
            } else {
                // `on_failure: ${var.notification_emails}`: the list lives in the variable.
                let path = location.base + [.key("email_notifications"), .key(event)]
                if let reference = context.rawNode(file: location.file, path: path)?.string, !addresses.allSatisfy(existing.contains) {
                    throw PlanningStop(outcome: .refused("the \(event) recipients of job \(job) are \(reference), not a list written here; "
                        + "add \(who(addresses)) where that value is defined (a variable's default in databricks.yml, or its value for a target)"))
                }
                for address in (byEvent?[event] ?? addresses) where !existing.contains(address) {
                    operations.append(.append(path, .string(address)))
                }
            }
        }
        // Every event emptied: `email_notifications` goes too.
        if let keys = context.rawNode(file: location.file, path: location.base + [.key("email_notifications")])?.mapping?.keys, !keys.isEmpty,
           keys.allSatisfy(emptied.contains) {
            operations = [.delete(location.base + [.key("email_notifications")])]
        }
        if operations.isEmpty, remove, target == nil {
            // ("stop emailing team@… on success" where only prod's override e-mails them: said so, not "already as asked".)
            let targets = context.bundle.targetNames.filter { t in
                let override = context.jobLocation(job, target: t)
                guard override.base.first == .key("targets") else { return false }
                let own = context.rawNode(file: override.file, path: override.base + [.key("email_notifications")])
                return events.contains { event in addresses.isEmpty ? own?[event] != nil : (own?[event]?.sequence ?? []).contains { addresses.contains($0.string ?? "") } }
            }
            if !targets.isEmpty {
                throw PlanningStop(outcome: .refused("job \(job) e-mails \(addresses.isEmpty ? "them" : who(addresses)) only in target\(targets.count == 1 ? "" : "s") \(targets.joined(separator: ", ")), "
                    + "whose own settings add \(addresses.count == 1 ? "it" : "them"); say the target (\"… in \(targets[0])\")"))
            }
        }
        guard !operations.isEmpty else { throw PlanningStop(outcome: .refused("nothing to change: the notifications already are as asked")) }
        let what = events.map { Self.eventWord($0) }.joined(separator: " and ")
        let who = who(addresses)
        if remove, let leaving = try leavingJob(context, resource: resource, addresses: addresses, target: target,
                                                 emails: (location.file, operations), events: events) {
            return leaving
        }
        if let byEvent {
            let said = events.map { event in "\(Self.who(byEvent[event] ?? addresses)) on \(Self.eventWord(event))" }.joined(separator: "; ")
            return Plan(subject: "Email \(said) of \(job)",
                        summary: "Added to email_notifications of job \(job)\(context.forTarget(target)): \(said).",
                        target: target, job: job, edits: [(location.file, operations)])
        }
        return Plan(subject: remove ? "Stop emailing \(who) on \(what) of \(job)" : "Email \(who) on \(what) of \(job)",
                    summary: remove ? "Removed \(who) from email_notifications (\(events.joined(separator: ", "))) of job \(job)."
                        : "Added \(who) to email_notifications (\(events.joined(separator: ", "))) of job \(job)\(context.forTarget(target)).",
                    target: target, job: job, edits: [(location.file, operations)])
    }

    /// The variable the job's recipients of `events` are written as in its definition (`on_failure:
    /// ${var.alert_emails}`), the same for every event; nil when they are a list written out.
    static func recipientsVariable(_ context: PlanningContext, job: String, events: [String]) -> String? {
        let base = context.jobLocation(job, target: nil)
        let names = events.map { event in
            context.rawNode(file: base.file, path: base.base + [.key("email_notifications"), .key(event)])?.string
                .flatMap { VariableValueIntent.variable(written: $0, declaredIn: context) }
        }
        guard let name = names.first ?? nil, names.allSatisfy({ $0 == name }) else { return nil }
        return name
    }

    /// Recipients added or removed where the job's list is a list variable: the variable's value changes, for
    /// the target named (its own list) or the default. A target's list written over the reference is an error
    /// of the CLI ("cannot merge string with sequence"), and was committed as "Added".
    static func throughVariable(_ context: PlanningContext, job: String, events: [String], target: String?, adding: Bool,
                                _ addresses: [String]) throws -> Plan? {
        guard let name = recipientsVariable(context, job: job, events: events), VariableValueIntent.holdsList(context, name) else { return nil }
        let declared = context.bundle.configuration["variables"]?.mapping?.keys ?? []
        guard var plan = try VariableIntent.editingList(context, declared: declared, name: name, said: addresses.joined(separator: ", "), adding: adding) else { return nil }
        plan.summary += " Job \(job) e-mails ${var.\(name)} on \(events.map { Self.eventWord($0) }.joined(separator: " and ")), so the variable changes."
        plan.job = job
        return plan
    }

    /// The same for "send the failure e-mails to ops@… instead (of ana@…)": the variable's value becomes the
    /// addresses given (a list variable) or the one address (a text variable), for the target named or the default.
    static func throughVariable(_ context: PlanningContext, job: String, events: [String], target: String?, replacing swapped: [String],
                                with given: [String]) throws -> Plan? {
        guard !given.isEmpty, let name = recipientsVariable(context, job: job, events: events) else { return nil }
        let list = VariableValueIntent.holdsList(context, name)
        guard list || given.count == 1 else { return nil }
        var kept: [String] = []
        if list, !swapped.isEmpty {
            let own = target.flatMap { context.bundle.targetsMapping?[$0]?["variables"]?[name] }
            let current = (own?.sequence ?? own?["default"]?.sequence ?? context.bundle.configuration["variables"]?[name]?["default"]?.sequence ?? []).compactMap(\.string)
            kept = current.filter { !swapped.contains($0) }
        }
        let new = kept + given.filter { !kept.contains($0) }
        guard let assignment = try VariableValueIntent.assignment(context, variable: name, value: new.joined(separator: ", "), target: target,
                                                                  defaultAsked: target == nil, written: list ? .sequence(new.map { .string($0) }) : nil) else { return nil }
        var plan = Plan(subject: "Email \(who(given)) on \(events.map { Self.eventWord($0) }.joined(separator: " and ")) of \(job) instead\(target.map { " in \($0)" } ?? "")",
                        summary: assignment.summary + " Job \(job) e-mails ${var.\(name)} on \(events.map { Self.eventWord($0) }.joined(separator: " and ")), so the variable changes.",
                        target: target, job: job, edits: [(assignment.file, assignment.operations)])
        plan.job = job
        return plan
    }

    /// Whether the words are about e-mails at all ("remove bob@x.com from the job" is not: bob leaves it).
    static func notifies(_ text: RequestText) -> Bool {
        text.hasAny(["email", "emails", "emailing", "e-mail", "e-mails", "mail", "mails", "mailing", "notify", "notifying", "notification",
                     "notifications", "alert", "alerts", "recipient", "recipients", "list", "failure", "failures", "success", "start"])
    }

    /// "remove bob@x.com from the reports job", naming neither e-mails nor access: bob leaves the job, his
    /// e-mails and his permissions on it both (only the e-mails went, and he kept CAN_VIEW unsaid).
    static func leavingJob(_ context: PlanningContext, resource: ResourceReference, addresses: [String], target: String?,
                           emails: (file: String, operations: [EditOperation]), events: [String]) throws -> Plan? {
        let text = context.request
        guard target == nil, !notifies(text), text.has("from") || text.has("off") else { return nil }
        let held = Set((context.effectiveResource(resource, target: nil)?["permissions"]?.sequence ?? []).compactMap { $0["user_name"]?.string?.lowercased() })
        var plan = Plan(subject: "Remove \(who(addresses)) from \(resource.key)", summary: "", target: nil, job: resource.key, edits: [emails])
        var revoked: [String] = []
        for address in addresses where held.contains(address.lowercased()) {
            guard let access = try? PermissionIntent.revoking(field: "user_name", principal: address, who: address, resource: resource, target: nil,
                                                               context, levelFrom: text) else { continue }
            for edit in access.edits {
                if let index = plan.edits.firstIndex(where: { $0.file == edit.file }) { plan.edits[index].operations += edit.operations } else { plan.edits.append(edit) }
            }
            revoked.append(String(access.summary.dropFirst("Revoked ".count).dropLast()))
        }
        guard !revoked.isEmpty else { return nil }
        plan.summary = "Removed \(who(addresses)) from email_notifications (\(events.joined(separator: ", "))) of job \(resource.key), and revoked \(revoked.joined(separator: "; "))."
        return plan
    }
}

/// "tag nightly_etl with team=data", "add the tag cost-center: 42 to all jobs", "remove the tag team".
public enum TagsIntent: Intent {
    public static let id = "tags"
    public static let summary = "tags: set, remove, clear"
    public static let examples = ["tag the job with team=data", "tag all jobs with owner=platform", "remove the tag team"]

    public static func score(_ text: RequestText) -> Int { text.hasAny(["tag", "tags", "label", "labels"]) ? 3 : 0 }

    /// `key=value` or `key: value` or "key value" after "tag ... with".
    static func pairs(_ text: RequestText) -> [(String, String)] {
        var out: [(String, String)] = []
        // `owner="Data Platform"`, `team: 'José Müller'`: a quoted value, whole and without its quotes (it was `"Data`).
        var unquoted = text.original
        for match in text.original.matches(of: /([A-Za-z_][\w.\-\/]*)\s*(?:=|:)\s*(?:"([^"]*)"|'([^']*)'|“([^”]*)”|‘([^’]*)’)/).reversed() {
            out.insert((String(match.output.1), String(match.output.2 ?? match.output.3 ?? match.output.4 ?? match.output.5 ?? "")), at: 0)
            unquoted.replaceSubrange(match.range, with: " ")
        }
        let words = unquoted.split(separator: " ").map(String.init)
        // ("owner=Data Platform Team", "team: Data Platform": a value of several capitalized words, whole; it was "Data".)
        func capitalizedRun(from first: String, after i: Int) -> String {
            guard !first.isEmpty, !first.hasSuffix(","), first.first?.isUppercase == true, i + 1 < words.count else { return first }
            var parts = [first]
            var j = i + 1
            while j < words.count, words[j].first?.isUppercase == true, !words[j].contains("="), !words[j].hasSuffix(":") {
                parts.append(words[j])
                if words[j].hasSuffix(",") { break }
                j += 1
            }
            return parts.joined(separator: " ")
        }
        for (i, w) in words.enumerated() {
            if let eq = w.firstIndex(of: "="), eq != w.startIndex {
                let value = capitalizedRun(from: String(w[w.index(after: eq)...]), after: i)
                out.append((String(w[..<eq]), value.trimmingCharacters(in: CharacterSet(charactersIn: ",."))))
            } else if w.hasSuffix(":"), w.count > 1, i + 1 < words.count {
                out.append((String(w.dropLast()), capitalizedRun(from: words[i + 1], after: i + 1).trimmingCharacters(in: CharacterSet(charactersIn: ",."))))
            }
        }
        // "add a cost_center tag of 1234 to the warehouse", "… tag with value 1234": the key before "tag",
        // the value after "of" (it took the word after "to": "the").
        if out.isEmpty, let tag = words.firstIndex(where: { ["tag", "label"].contains($0.lowercased()) }), tag > 0, tag + 2 < words.count {
            let after = words[(tag + 1)...].prefix(3).map { $0.lowercased() }
            // ("the team tag of customer sync to X": "of" names whose tag when a "to" follows.)
            // ("a cost_center tag of 1234 to the SQL warehouse": "to the …" is where, and "of" gives the value.)
            let ofWhose = after.starts(with: ["of"]) && words.indices.contains { i in
                i > tag + 2 && words[i].lowercased() == "to" && i + 1 < words.count
                    && !["the", "a", "an", "every", "all", "each", "my", "our", "both"].contains(words[i + 1].lowercased())
            }
            let valueAt = (after.starts(with: ["of"]) && !ofWhose) || after.starts(with: ["="]) ? tag + 2
                : after.starts(with: ["with", "value"]) || after.starts(with: ["set", "to"]) ? tag + 3 : nil
            let key = words[tag - 1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'`,"))
            // ("the team tag of the sales sync to finance": "of" names whose tag, the value is after "to".)
            if let valueAt, valueAt < words.count, !["the", "a", "an", "custom", "this", "that"].contains(key.lowercased()),
               !["the", "a", "an", "this", "that", "its", "every", "all", "each"].contains(words[valueAt].lowercased()),
               !ResourceVocabulary.common.contains(words[valueAt].lowercased()) || words[valueAt].contains(where: \.isNumber) {
                let value = words[valueAt].trimmingCharacters(in: CharacterSet(charactersIn: "\"'`,."))
                if !value.isEmpty { out.append((key, value)) }
            }
        }
        // "set the environment tag to prod", "change the team tag to data": the key before "tag", the value after "to".
        if out.isEmpty, let tag = words.firstIndex(where: { ["tag", "label"].contains($0.lowercased()) }), tag > 0,
           let to = words.lastIndex(where: { $0.lowercased() == "to" }), to > tag, to + 1 < words.count {
            // ("set tag ComputeType to serverless-v2": the key after "tag" where a verb is before it.)
            let verbs: Set<String> = ["set", "change", "update", "make", "give", "switch"]
            let before = words[tag - 1].lowercased()
            let key = ((verbs.contains(before) || (["the", "a"].contains(before) && tag >= 2 && verbs.contains(words[tag - 2].lowercased()))) && tag + 1 < to
                       ? words[tag + 1] : words[tag - 1])
                .trimmingCharacters(in: CharacterSet(charactersIn: "\"'`,"))
            var value = words[to + 1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'`,."))
            // ('set tag team to "Data Platform"': the quoted value whole; it was "Data".)
            if let quoted = text.original.firstMatch(of: /(?i)\bto\s+(?:"([^"]*)"|'([^']*)'|“([^”]*)”|‘([^’]*)’)/) {
                value = String(quoted.output.1 ?? quoted.output.2 ?? quoted.output.3 ?? quoted.output.4 ?? "")
            }
            if !["the", "a", "custom", "this", "that"].contains(key.lowercased()), !key.isEmpty, !value.isEmpty { out.append((key, value)) }
        }
        // 'tag the etl job with owner "Data Platform"': the key, then its quoted value.
        if out.isEmpty, let quoted = text.original.firstMatch(of: /(?i)\bwith\s+(?:the\s+)?(?:tag\s+)?([A-Za-z_][\w.\-\/]*)\s+(?:"([^"]*)"|'([^']*)'|“([^”]*)”|‘([^’]*)’)/),
           !["tag", "tags", "value", "label"].contains(quoted.output.1.lowercased()) {
            out.append((String(quoted.output.1), String(quoted.output.2 ?? quoted.output.3 ?? quoted.output.4 ?? quoted.output.5 ?? "")))
        }
        return out
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        // A tag's key is no target's name ("drop the stage tag": no target stage, nor staging).
        let tagKeys = Set(context.catalog.entries.flatMap { context.effectiveResource($0.reference, target: nil)?["tags"]?.mapping?.keys ?? [] }
            .map { $0.lowercased() } + pairs(text).map { $0.0.lowercased() })
        let targetNames = Set(context.bundle.targetNames.map { $0.lowercased() })
        let target = try context.ignoring(text.words.filter { tagKeys.contains($0) && !targetNames.contains($0) }).target()
        // ("to both jobs", "the three pipelines": each of them too.)
        let every = text.has("all") || text.has("every") || text.has("everything") || text.contains("each job") || text.contains("each pipeline")
            || !EveryResource.types(in: text).isEmpty
        // "all jobs", "every pipeline", "everything": the kinds said, jobs when none is.
        let saysPipelines = text.hasAny(ResourceVocabulary.nouns["pipelines"]!), saysJobs = text.hasAny(ResourceVocabulary.nouns["jobs"]!)
        let kinds = text.has("everything") || text.hasAny(["resources", "resource"]) || (saysPipelines && saysJobs) ? ["jobs", "pipelines"] : saysPipelines ? ["pipelines"] : ["jobs"]
        // "add the tag team=data to the dev target": every resource of that target (presets.tags).
        if let target, text.hasAny(["target", "targets"]) || text.has("everything"), !text.hasAny(["remove", "delete", "drop", "untag", "clear"]),
           context.catalog.mentions(in: text.original).isEmpty, !saysJobs, !saysPipelines {
            let tags = pairs(text)
            guard !tags.isEmpty else { throw PlanningStop(outcome: .clarify(question: "Which tag? Write it as key=value.", choices: ["tag the dev target with team=data"])) }
            let file = context.targetFile(target)
            let base: EditPath = [.key("targets"), .key(target), .key("presets"), .key("tags")]
            let described = tags.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
            return Plan(subject: "Tag everything in \(target) with \(described)",
                        summary: "Set the tag\(tags.count == 1 ? "" : "s") \(described) in presets.tags of target \(target): every job, pipeline and other resource it deploys gets \(tags.count == 1 ? "it" : "them").",
                        target: target, edits: [(file, tags.map { .set(base + [.key($0.0)], .string($0.1)) })])
        }
        // "add the custom tag cost_center=42 to the sync cluster": the job cluster's custom_tags (cloud
        // resources get them), not the job's tags.
        let removing = text.hasAny(["remove", "delete", "drop", "untag", "clear", "strip", "wipe"])
        let aboutCluster = text.contains("custom tag") || text.has("custom_tags") || text.hasAny(["cluster", "clusters"])
        if !every, removing, !saysPipelines, aboutCluster, !saysJobs || text.contains("custom tag") {
            // "remove the custom tag team from the cluster": the cluster's, never the job's.
            let c = try ClusterSelection(context)
            let keys = (c.spec["custom_tags"]?.mapping?.keys ?? []).filter { text.words.contains($0.lowercased()) }
            guard !keys.isEmpty else {
                let present = c.spec["custom_tags"]?.mapping?.keys ?? []
                throw PlanningStop(outcome: .refused("\(c.description) has no such custom tag; it has \(present.isEmpty ? "none" : present.joined(separator: ", "))"))
            }
            var operations: [EditOperation] = []
            for key in keys { operations.append(try c.deletion(context, [.key("custom_tags"), .key(key)], what: "the custom tag \(key)")) }
            return Plan(subject: "Remove the custom tag \(keys.joined(separator: ", ")) from \(c.description)",
                        summary: "Removed the custom tag \(keys.joined(separator: ", ")) from \(c.description).",
                        target: c.target, job: c.job, edits: [(c.location.file, operations)])
        }
        // ("add the tag env=test to the job cluster": the cluster, though "job" is said; the job was tagged.)
        let namesJobCluster = text.contains("job cluster") || text.contains("job's cluster") || text.contains("jobs cluster")
        if !every, !removing, !saysPipelines, aboutCluster, !saysJobs || text.contains("custom tag") || namesJobCluster {
            let tags = pairs(text)
            guard !tags.isEmpty else { throw PlanningStop(outcome: .clarify(question: "Which tag? Write it as key=value.", choices: ["add the custom tag team=data to the cluster"])) }
            let c = try ClusterSelection(context.ignoring(tags.flatMap { [$0.0, $0.1, "\($0.0)=\($0.1)"] }))
            let described = tags.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
            return Plan(subject: "Tag \(c.description) with \(described)",
                        summary: "Set the custom tag\(tags.count == 1 ? "" : "s") \(described) on \(c.description)\(context.forTarget(c.target)): its cloud instances carry \(tags.count == 1 ? "it" : "them").",
                        target: c.target, job: c.job, edits: [(c.location.file, tags.map { c.set(context, [.key("custom_tags"), .key($0.0)], .string($0.1)) })])
        }
        // "tag the warehouse with team=ops": a SQL warehouse's tags are custom_tags, a list of key and value.
        if !saysJobs, !saysPipelines, text.hasAny(["warehouse", "warehouses"]), !context.catalog.references(ofType: "sql_warehouses").isEmpty {
            return try warehouseTags(context, target: target)
        }
        let all = kinds.flatMap { context.catalog.references(ofType: $0) }
        // "give all ML jobs the tag …": the jobs those words name. (Not by the tag: "team=ops" named a
        // pipeline service_ops_pipeline.)
        let said = pairs(text).flatMap { [$0.0, $0.1, "\($0.0)=\($0.1)", "\($0.0): \($0.1)"] }
        let resources = every ? try EveryResource.qualified(all, context) : [try context.ignoring(said).resource(["jobs", "pipelines"])]
        guard !resources.isEmpty else { throw PlanningStop(outcome: .refused("this bundle defines no \(kinds.map { ResourceVocabulary.singular($0) }.joined(separator: " or "))")) }
        let which = every && resources.count == all.count ? (kinds == ["jobs"] ? "all jobs" : kinds == ["pipelines"] ? "all pipelines" : "all jobs and pipelines")
            : every ? EveryResource.spoken(resources) : resources[0].spoken
        let remove = text.hasAny(["remove", "delete", "drop", "untag", "clear", "strip", "wipe"])
        // "clear the tags", "remove all tags": every tag goes (but "remove the tag team from all jobs" names one).
        let clearAll = text.hasAny(["clear", "wipe", "strip"]) || text.contains("all tags") || text.contains("all the tags") || text.contains("every tag")
        var edits: [String: [EditOperation]] = [:]
        var order: [String] = []
        var described: [String] = []
        func add(_ file: String, _ operation: EditOperation) {
            if edits[file] == nil { order.append(file) }
            edits[file, default: []].append(operation)
        }
        let single = every ? nil : resources[0]
        if remove {
            guard target == nil else { throw PlanningStop(outcome: .refused("a target override cannot remove an inherited tag; ask without a target")) }
            let known = Set(resources.flatMap { context.effectiveResource($0, target: nil)?["tags"]?.mapping?.keys ?? [] })
            // "remove the cost_center tag and set team to payments-de": what follows "and set" is set, not removed.
            var removing = text
            var setting: [(String, String)] = []
            if let range = text.original.range(of: #"\s+(and|then)\s+(set|change|make|update|add|tag)\s+"#, options: [.regularExpression, .caseInsensitive]) {
                let tail = RequestText(String(text.original[range.lowerBound...]))
                setting = pairs(tail)
                // ("… and set team to payments-de": key to value.)
                if setting.isEmpty, let match = tail.original.range(of: #"(set|change|make|update)\s+(the\s+)?(tag\s+)?([A-Za-z][A-Za-z0-9_.-]*)\s+(tag\s+)?(to|=)\s*("[^"]*"|'[^']*'|\S+)"#, options: .regularExpression) {
                    let words = tail.original[match].split(separator: " ").map(String.init)
                    let filler: Set<String> = ["set", "change", "make", "update", "the", "tag", "to", "="]
                    let rest = words.filter { !filler.contains($0.lowercased()) }
                    if rest.count >= 2 {
                        setting = [(rest[0], rest[1...].joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: "\"'.,")))]
                    }
                }
                if !setting.isEmpty { removing = RequestText(String(text.original[..<range.lowerBound])) }
            }
            // (Keys as written, whatever their case: "remove the tag ComputeType" was asked which tag.)
            let knownByWord = Dictionary(known.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
            var keys = removing.words.compactMap { knownByWord[$0] } + pairs(removing).map(\.0).compactMap { knownByWord[$0.lowercased()] }
            // "remove the layer tag and the cost tag" where no tag is called cost: said, nothing removed.
            let words = removing.words
            let filler: Set<String> = ["the", "a", "an", "its", "their", "all", "every", "each", "this", "that", "job", "pipeline", "and", "both", "other"]
            let unknown = words.indices.filter { i in i > 0 && ["tag", "tags"].contains(words[i]) }.map { words[$0 - 1] }
                .filter { !filler.contains($0) && knownByWord[$0] == nil && !["remove", "delete", "drop", "clear"].contains($0) }
            // (A tag another resource of the bundle has is no typo: "drop the team and stage tags everywhere" kept
            // team on a job without stage.)
            let elsewhere = Set(Set(resources.map(\.type)).flatMap { context.catalog.references(ofType: $0) }
                .flatMap { context.effectiveResource($0, target: nil)?["tags"]?.mapping?.keys ?? [] }.map { $0.lowercased() })
            if let missing = unknown.first(where: { !elsewhere.contains($0) }) ?? (keys.isEmpty ? unknown.first : nil), !known.isEmpty {
                throw PlanningStop(outcome: .refused("\(which) has no tag \(missing); \(every ? "they have" : "it has") \(known.sorted().joined(separator: ", ")) (nothing was removed)"))
            }
            if keys.isEmpty && (clearAll || text.has("tags")) {
                for resource in resources {
                    let location = context.location(of: resource, target: nil)
                    guard context.rawNode(file: location.file, path: location.base + [.key("tags")]) != nil else { continue }
                    add(location.file, .delete(location.base + [.key("tags")]))
                }
                guard !edits.isEmpty else { throw PlanningStop(outcome: .refused("\(every ? "none of \(which) has" : "\(which) has no") tags to clear")) }
                return Plan(subject: "Clear the tags of \(which)", summary: "Removed every tag (\(known.sorted().joined(separator: ", "))) from \(which).",
                            target: nil, resource: single, edits: order.map { ($0, edits[$0]!) })
            }
            keys = Array(Set(keys)).sorted()
            guard !keys.isEmpty else {
                guard !known.isEmpty else { throw PlanningStop(outcome: .refused("\(every ? "none of \(which) has" : "\(which) has no") tags")) }
                throw PlanningStop(outcome: .clarify(question: "Which tag? \(every ? "They have" : "\(which.prefix(1).uppercased() + which.dropFirst()) has"): \(known.sorted().joined(separator: ", ")).",
                                                     choices: known.sorted().map { "remove the tag \($0)" } + ["clear the tags"]))
            }
            for resource in resources {
                let location = context.location(of: resource, target: nil)
                let written = context.rawNode(file: location.file, path: location.base + [.key("tags")])?.mapping?.keys ?? []
                // (Every tag it has: the `tags` key goes too, not left as `tags: {}`.)
                if !written.isEmpty, setting.isEmpty, Set(written).isSubset(of: Set(keys)) {
                    add(location.file, .delete(location.base + [.key("tags")]))
                    continue
                }
                for key in Set(keys) where context.rawNode(file: location.file, path: location.base + [.key("tags"), .key(key)]) != nil {
                    add(location.file, .delete(location.base + [.key("tags"), .key(key)]))
                }
            }
            described = Array(Set(keys)).sorted()
            if !setting.isEmpty {
                for resource in resources {
                    let location = context.location(of: resource, target: nil)
                    for (k, v) in setting { add(location.file, .set(location.base + [.key("tags"), .key(k)], .string(v))) }
                }
                let set = setting.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
                return Plan(subject: "Remove the tag \(described.joined(separator: ", ")) from \(which) and tag it with \(set)",
                            summary: "Removed the tag \(described.joined(separator: ", ")) from \(which) and set \(set).",
                            target: nil, resource: single, edits: order.map { ($0, edits[$0]!) })
            }
        } else {
            // (A key the resources have, in any case, is written as they write it.)
            let present = Dictionary(resources.flatMap { context.effectiveResource($0, target: nil)?["tags"]?.mapping?.keys ?? [] }.map { ($0.lowercased(), $0) },
                                     uniquingKeysWith: { first, _ in first })
            let tags = pairs(text).map { (present[$0.0.lowercased()] ?? $0.0, $0.1) }
            guard !tags.isEmpty else { throw PlanningStop(outcome: .clarify(question: "Which tag? Write it as key=value.", choices: ["tag the job with team=data"])) }
            // Tags written as one variable (`tags: ${var.data_asset_tags}`) that resources beyond these share: a tag added
            // there tags them all (it rewrote the variable's default under five resources, saying "0 resources changed").
            for resource in resources {
                let location = context.location(of: resource, target: nil)
                guard let written = context.rawNode(file: location.file, path: location.base + [.key("tags")])?.string,
                      let variable = written.wholeMatch(of: /\$\{var\.([\w-]+)\}/).map({ String($0.output.1) }) else { continue }
                let sharing = context.catalog.entries.map(\.reference).filter { other in
                    !resources.contains(other) && {
                        let at = context.location(of: other, target: nil)
                        return context.rawNode(file: at.file, path: at.base + [.key("tags")])?.string == written
                    }()
                }
                guard !sharing.isEmpty else { continue }
                let named = sharing.prefix(4).map { "\(ResourceVocabulary.singular($0.type)) \($0.key)" }.joined(separator: ", ") + (sharing.count > 4 ? ", …" : "")
                throw PlanningStop(outcome: .refused("\(ResourceVocabulary.singular(resource.type)) \(resource.key) takes its tags from ${var.\(variable)}, which \(sharing.count) other resource\(sharing.count == 1 ? "" : "s") use\(sharing.count == 1 ? "s" : "") too (\(named)); "
                    + "a tag added there tags them all: change the variable's default to do that, or name every resource to tag"))
            }
            for resource in resources {
                let location = context.location(of: resource, target: target)
                for (k, v) in tags { add(location.file, .set(location.base + [.key("tags"), .key(k)], .string(v))) }
            }
            described = tags.map { "\($0.0)=\($0.1)" }
        }
        guard !edits.isEmpty else { throw PlanningStop(outcome: .refused("none of \(which) has that tag")) }
        return Plan(subject: remove ? "Remove the tag \(described.joined(separator: ", ")) from \(which)" : "Tag \(which) with \(described.joined(separator: ", "))",
                    summary: remove ? "Removed the tag \(described.joined(separator: ", ")) from \(which)."
                        : "Set the tag\(described.count == 1 ? "" : "s") \(described.joined(separator: ", ")) on \(which)\(context.forTarget(target)).",
                    target: target, resource: single, edits: order.map { ($0, edits[$0]!) })
    }
}

extension TagsIntent {
    /// A SQL warehouse's `tags.custom_tags` (`- key: team` / `value: ops`): set, added or removed.
    static func warehouseTags(_ context: PlanningContext, target: String?) throws -> Plan {
        let text = context.request
        let tags = pairs(text)
        let said = tags.flatMap { [$0.0, $0.1, "\($0.0)=\($0.1)"] }
        let warehouse = try context.ignoring(said).resource(["sql_warehouses"])
        let location = context.location(of: warehouse, target: target)
        let list = location.base + [.key("tags"), .key("custom_tags")]
        let written = context.rawNode(file: location.file, path: list)?.sequence ?? []
        let on = "SQL warehouse \(warehouse.key)\(context.forTarget(target))"
        if text.hasAny(["remove", "delete", "drop", "untag", "clear"]) {
            let keys = written.compactMap { $0["key"]?.string }.filter { key in text.words.contains(key.lowercased()) || tags.contains { $0.0 == key } }
            guard !keys.isEmpty else {
                throw PlanningStop(outcome: .refused("\(on) has no such tag; it has \(written.isEmpty ? "none" : written.compactMap { $0["key"]?.string }.joined(separator: ", "))"))
            }
            let indices = written.indices.filter { keys.contains(written[$0]["key"]?.string ?? "") }
            let operations: [EditOperation] = indices.count == written.count ? [.delete(list)] : indices.reversed().map { .delete(list + [.index($0)]) }
            return Plan(subject: "Remove the tag \(keys.joined(separator: ", ")) from SQL warehouse \(warehouse.key)",
                        summary: "Removed the tag \(keys.joined(separator: ", ")) from the custom_tags of \(on).",
                        target: target, resource: warehouse, edits: [(location.file, operations)])
        }
        guard !tags.isEmpty else {
            throw PlanningStop(outcome: .clarify(question: "Which tag? Write it as key=value.", choices: ["tag the warehouse with team=data"]))
        }
        var operations: [EditOperation] = []
        var appended: [EditValue] = []
        for (key, value) in tags {
            if let index = written.firstIndex(where: { $0["key"]?.string == key }) {
                if written[index]["value"]?.string == value { continue }
                operations.append(.set(list + [.index(index), .key("value")], .string(value)))
            } else {
                appended.append(.mapping([("key", .string(key)), ("value", .string(value))]))
            }
        }
        if !appended.isEmpty {
            if context.rawNode(file: location.file, path: list) != nil {
                operations += appended.map { .append(list, $0) }
            } else if context.rawNode(file: location.file, path: location.base + [.key("tags")]) != nil {
                operations.append(.set(list, .sequence(appended)))
            } else {
                operations.append(.set(location.base + [.key("tags")], .mapping([("custom_tags", .sequence(appended))])))
            }
        }
        let described = tags.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
        guard !operations.isEmpty else { throw PlanningStop(outcome: .refused("\(on) already has the tag \(described)")) }
        return Plan(subject: "Tag SQL warehouse \(warehouse.key) with \(described)",
                    summary: "Set the tag\(tags.count == 1 ? "" : "s") \(described) in the custom_tags of \(on).",
                    target: target, resource: warehouse, edits: [(location.file, operations)])
    }
}

/// "let data-engineers view the job", "give ana@example.com CAN_MANAGE_RUN", "allow the service principal 6f1c… to manage it".
public enum PermissionIntent: Intent {
    public static let id = "permissions"
    public static let summary = "permissions for users, groups and service principals"
    public static let examples = ["let the group data-engineers view the job", "give ana@example.com CAN_MANAGE_RUN on nightly_etl"]

    public static func score(_ text: RequestText) -> Int {
        // Unity Catalog privileges on schemas and volumes are grants (GrantIntent).
        if GrantIntent.score(text) > 0 { return 0 }
        // "let the setup_source task run up to 30 minutes": how long, not who ("Which principal is …?").
        if text.duration != nil, text.hasAny(["task", "job", "tasks", "it"]), !text.hasAny(["group", "user", "users", "team", "principal", "sp"]),
           !text.original.contains("@"), !text.hasAny(["can_view", "can_manage_run", "can_manage", "permission", "permissions", "access"]) { return 0 }
        if text.hasAny(["can_view", "can_manage_run", "can_manage", "can_run", "permission", "permissions", "access", "revoke"] + Array(levelWords)) { return 3 }
        // "make analysts view-only on every job".
        if text.hasAny(["view-only", "read-only", "viewonly", "readonly"]) { return 3 }
        // "let data-scientists read the config secret scope".
        if text.hasAny(["scope", "scopes"]), text.hasAny(["read", "write", "manage", "use"]), text.hasAny(["let", "allow", "give", "grant"]) || revokes(text) { return 3 }
        let verbs = ["view", "see", "manage", "run", "trigger", "edit", "read"] + (text.hasAny(["app", "endpoint", "warehouse", "cluster", "all-purpose"]) ? ["use", "query", "attach"] : [])
        // "remove users view from the setup job": someone's access taken away.
        if revokes(text), text.hasAny(["view", "manage"]), text.has("from") { return 3 }
        // "the users group should only be able to view the job", "analysts may run the pipeline".
        let may = text.contains("able to") || text.contains("allowed to")
            || (text.hasAny(["can", "may"]) && text.hasAny(["group", "user", "users", "team", "principal"]))
        return text.hasAny(verbs) && (text.hasAny(["let", "allow", "give", "grant"]) || may) ? 3 : 0
    }

    /// Every permission level a bundle resource knows, as written lowercased.
    static let levelWords: Set<String> = ["can_read", "can_use", "can_query", "can_edit", "can_attach_to", "can_restart", "can_monitor", "is_owner"]

    /// The levels of each kind of resource (the permissions API's), and the one the words ask for.
    static func level(for type: String, _ text: RequestText) -> String {
        let allowed: [String]
        switch type {
        case "pipelines": allowed = ["CAN_VIEW", "CAN_RUN", "CAN_MANAGE", "IS_OWNER"]
        case "dashboards": allowed = ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"]
        case "apps": allowed = ["CAN_USE", "CAN_MANAGE"]
        case "model_serving_endpoints": allowed = ["CAN_VIEW", "CAN_QUERY", "CAN_MANAGE"]
        case "experiments": allowed = ["CAN_READ", "CAN_EDIT", "CAN_MANAGE"]
        case "clusters": allowed = ["CAN_ATTACH_TO", "CAN_RESTART", "CAN_MANAGE"]
        case "sql_warehouses": allowed = ["CAN_VIEW", "CAN_MONITOR", "CAN_USE", "CAN_MANAGE", "IS_OWNER"]
        // (Secret ACLs: READ, WRITE, MANAGE.)
        case "secret_scopes": allowed = ["READ", "WRITE", "MANAGE"]
        default: allowed = ["CAN_VIEW", "CAN_MANAGE_RUN", "CAN_MANAGE", "IS_OWNER"]
        }
        // A level written out ("CAN_QUERY") is taken as written.
        if let written = allowed.first(where: { text.has($0.lowercased()) }) { return written }
        let manage = text.hasAny(["manage", "admin", "own", "owner"]) || text.has("can_manage")
        switch type {
        case "dashboards":
            return manage ? "CAN_MANAGE" : text.hasAny(["edit", "change", "modify"]) ? "CAN_EDIT" : text.hasAny(["run", "refresh"]) ? "CAN_RUN" : "CAN_READ"
        case "apps": return manage || text.hasAny(["edit", "deploy"]) ? "CAN_MANAGE" : "CAN_USE"
        case "model_serving_endpoints": return manage || text.has("edit") ? "CAN_MANAGE" : text.hasAny(["query", "use", "call", "invoke", "score"]) ? "CAN_QUERY" : "CAN_VIEW"
        case "experiments": return manage ? "CAN_MANAGE" : text.hasAny(["edit", "run", "log", "write"]) ? "CAN_EDIT" : "CAN_READ"
        case "clusters": return manage || text.has("edit") ? "CAN_MANAGE" : text.hasAny(["restart", "start"]) ? "CAN_RESTART" : "CAN_ATTACH_TO"
        case "sql_warehouses": return manage || text.has("edit") ? "CAN_MANAGE" : text.hasAny(["monitor"]) ? "CAN_MONITOR" : text.hasAny(["use", "run", "query", "access"]) ? "CAN_USE" : "CAN_VIEW"
        case "pipelines":
            return manage || text.has("edit") ? "CAN_MANAGE" : text.hasAny(["run", "trigger", "start", "can_run", "can_manage_run"]) ? "CAN_RUN" : "CAN_VIEW"
        case "secret_scopes": return manage || text.has("can_manage") ? "MANAGE" : text.hasAny(["write", "put", "add", "edit", "change"]) ? "WRITE" : "READ"
        default:
            // "manage runs of the job" is CAN_MANAGE_RUN, not CAN_MANAGE.
            if text.contains("manage runs") || text.contains("manage run ") || text.contains("manage the runs") || text.contains("manage its runs") { return "CAN_MANAGE_RUN" }
            // "see the run history", "view its runs", "look at the runs": seeing runs is viewing the job.
            if text.hasAny(["see", "view", "read", "look", "watch", "inspect", "check"]), !text.hasAny(["trigger", "start", "cancel", "rerun", "repair"]),
               text.hasAny(["runs", "history", "logs", "results", "output", "outputs"]) || text.contains("run history") || text.contains("run results") {
                return manage ? "CAN_MANAGE" : "CAN_VIEW"
            }
            if text.has("can_manage_run") || text.has("can_run") || (text.hasAny(["run", "trigger", "start"]) && !text.has("can_manage") && !text.has("can_view")) { return "CAN_MANAGE_RUN" }
            return manage || text.has("edit") ? "CAN_MANAGE" : "CAN_VIEW"
        }
    }

    /// The kinds of resources whose `permissions` this intent writes.
    static let types = ["jobs", "pipelines", "dashboards", "apps", "model_serving_endpoints", "experiments", "clusters", "sql_warehouses", "secret_scopes"]

    /// The group named beside the word "group": "the group data-engineers", "the data-engineers group".
    /// Words that say someone without naming anyone: no group is called so.
    static let vagueWho: Set<String> = ["group", "groups", "somebody", "someone", "another", "other", "some", "any", "anyone", "anybody", "person",
                                        "people", "colleague", "colleagues", "teammate", "teammates", "new", "certain", "specific"]

    static func groupBeside(_ i: Int, text: RequestText, original: [String]) -> String? {
        let notNames: Set<String> = ["to", "the", "a", "an", "of", "can", "access", "view", "manage", "run", "permission", "permissions", "and", "with", "for", "on",
                                     "read", "see", "edit", "use", "trigger", "start", "own", "from", "too", "also", "as", "well", "either", "instead", "then",
                                     "in", "at", "only", "should", "shall", "must", "may", "will", "would", "could", "needs", "need", "is", "are", "be", "gets", "get",
                                     "can_view", "can_manage_run", "can_manage", "is_owner", "every", "all", "each", "read-only", "view-only", "readonly", "viewonly",
                                     // ("let the ml-team group attach to the cluster": a verb after the noun, the name before it.)
                                     "attach", "restart", "query", "monitor", "refresh", "deploy", "write", "modify", "browse", "select", "trigger", "execute", "access",
                                     // ("the users group doesn't need to view …": RequestText splits "doesn't" at its apostrophe.)
                                     "doesn", "don", "does", "do", "isn", "aren", "shouldn", "won", "can't", "cannot", "no", "not", "has", "have", "had",
                                     "won't", "wouldn", "mustn", "lost", "loses", "lose", "keeps", "keep", "wants", "want"]
        let written: (String) -> String = { word in original.first { $0.lowercased() == word } ?? word }
        // A permission level ("… group CAN_RESTART on …") names no group.
        // "the users group's access": the possessive's "s" is no name either.
        let isName: (String) -> Bool = { $0.count > 1 && !notNames.contains($0) && !vagueWho.contains($0) && !levelWords.contains($0) && !$0.hasPrefix("can_") && !$0.hasPrefix("is_") }
        if i + 1 < text.words.count, isName(text.words[i + 1]) { return written(text.words[i + 1]) }
        if i > 0, isName(text.words[i - 1]) { return written(text.words[i - 1]) }
        return nil
    }

    /// A group named without the word "group": "let finance view …", "grant analysts access to …",
    /// "give data-engineers CAN_MANAGE"; "everyone" / "all users" is the workspace group `users`.
    static func groupNamedPlainly(_ text: RequestText, original: [String]) -> String? {
        // ("let account users use the app": the account's built-in group, by its name.)
        if text.contains("account users") { return "account users" }
        if text.has("everyone") || text.has("everybody") || text.contains("all users") { return "users" }
        // ("make analysts view-only on every job": the name after "make".)
        let verbs: Set<String> = text.hasAny(["view-only", "read-only", "viewonly", "readonly"]) ? ["let", "allow", "give", "grant", "revoke", "remove", "disallow", "make", "set"]
            : ["let", "allow", "give", "grant", "revoke", "remove", "disallow"]
        // ("grant CAN_VIEW also to auditors", "… instead of CAN_MANAGE_RUN to data-operators": words between the level
        // and the group, not its name; a group called "also" was committed.)
        let skipped: Set<String> = ["the", "a", "an", "members", "of", "to", "team", "people", "in", "access", "for", "from",
                                    "also", "instead", "now", "too", "then", "as", "well", "just", "please", "and"]
        let notNames: Set<String> = Set<String>(["view", "see", "read", "manage", "run", "trigger", "start", "edit", "own", "access", "permission", "permissions",
                                     "can_view", "can_manage", "can_manage_run", "is_owner", "it", "them", "me", "us", "everyone", "read-only", "only", "view-only", "readonly", "viewonly",
                                     "her", "him", "she", "he", "they", "you", "his", "hers", "their", "theirs", "my", "our"])
            // ("give a group view access", "give somebody run access", "another team": nobody named; asked.)
            .union(vagueWho)
        guard let verb = text.words.firstIndex(where: { verbs.contains($0) }) else { return nil }
        var i = verb + 1
        while i < text.words.count {
            let word = text.words[i]
            i += 1
            // "remove CAN_VIEW for users", "grant CAN_VIEW on the pipeline to users": the level is skipped;
            // after "on" comes the resource, and the group after a later "to".
            if skipped.contains(word) || word.hasPrefix("can_") || word == "is_owner" { continue }
            if word == "on" {
                guard let to = text.words[i...].firstIndex(of: "to") else { return nil }
                i = to + 1
                continue
            }
            // "let the app read …": a kind of resource is no group.
            if notNames.contains(word) || ResourceVocabulary.nouns.values.contains(where: { $0.contains(word) }) { return nil }
            // The word as written, in the request's own case.
            var written = original.first { $0.lowercased() == word || $0.lowercased().hasPrefix(word + "'") || $0.lowercased().hasPrefix(word + "’") } ?? word
            // "users' access", "analysts's access"
            for suffix in ["'s", "’s", "'", "’"] where written.hasSuffix(suffix) { written = String(written.dropLast(suffix.count)) }
            return written.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) } ? written : nil
        }
        return nil
    }

    /// Whether the request grants on the whole bundle or target ("on everything in prod", "to the prod
    /// target"), which the top-level `permissions` (or a target's) give every resource.
    static func bundleWide(_ context: PlanningContext, target: String?) -> Bool {
        let text = context.request
        if text.hasAny(["everything", "bundle"]) || text.contains("all resources") || text.contains("every resource") { return true }
        // "… on the pipeline in prod" is about the pipeline, wherever the target's own permissions are.
        let namesAKind = types.contains { text.hasAny(ResourceVocabulary.nouns[$0] ?? []) }
        guard let target, context.catalog.mentions(in: text.original).isEmpty, !namesAKind else { return false }
        // "… to the prod target", or a target that already grants its permissions for everything.
        return text.has("target") || context.bundle.targetsMapping?[target]?["permissions"] != nil
    }

    /// "revoke access for the group users", "remove ana@example.com from the job's permissions",
    /// "don't let contractors see the pipeline".
    static func revokes(_ text: RequestText) -> Bool {
        text.hasAny(["revoke", "remove", "withdraw", "drop", "delete", "disallow"]) || text.contains("take away") || text.contains("no longer")
            || (text.has("take") && text.has("off"))
            || text.contains("don't let") || text.contains("do not let") || text.contains("stop letting") || text.contains("not allowed")
            // "fda-analysts shouldn't be able to see the job anymore" (it said they already have CAN_VIEW).
            || text.original.range(of: #"(?i)(?:n['’]t|\bnot|\bno\s+longer)\s+be\s+(?:able|allowed|permitted)\s+to\b"#, options: .regularExpression) != nil
            // "fda-analysts don't need access to the job anymore", "… no longer need to look at it".
            || text.original.range(of: #"(?i)(?:n['’]t|\bnot|\bno\s+longer)\s+(?:need|needs|require|requires)\s+(?:any\s+)?(?:access|permissions?|to\s+(?:see|view|look|run|manage|edit|use|trigger))\b"#,
                                   options: .regularExpression) != nil
    }

    /// Who the words name: a user (an e-mail), a service principal (its application id) or a group,
    /// as the permissions field and value; nil when they name nobody.
    static func principal(in text: RequestText, known: [String] = []) -> (field: String, name: String)? {
        if let whole = PrincipalNames.whole(in: text, known: known) {
            // "Data Engineers" as the bundle writes it: in the field it is written in (a group unless
            // it is an e-mail or an application id, which have no spaces). ("the service principal
            // ${var.adf_sp_application_id}": a service principal's, as the words say; it was a group.)
            if whole.hasPrefix("${"), namesServicePrincipal(text) { return ("service_principal_name", whole) }
            if whole.hasPrefix("${"), text.has("user"), !text.hasAny(["group", "team"]) { return ("user_name", whole) }
            return ("group_name", whole)
        }
        let original = text.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;\"'")) }
        if let user = original.first(where: { $0.contains("@") }) { return ("user_name", user) }
        if let sp = original.first(where: { $0.count == 36 && $0.filter({ $0 == "-" }).count == 4 }) { return ("service_principal_name", sp) }
        // "the cicd service principal" without its application id: no group called cicd (asked instead).
        if namesServicePrincipal(text) { return nil }
        // "let the user eryk view the job": a user by a name, not an e-mail (asked); never a group called user.
        if text.hasAny(["user"]), !text.hasAny(["group", "team", "users"]) { return nil }
        if let i = text.words.firstIndex(where: { $0 == "group" || $0 == "team" }), let group = groupBeside(i, text: text, original: original) {
            return ("group_name", group)
        }
        // "and ops-team can manage it": the name before "can".
        if let i = text.words.firstIndex(of: "can"), i > 0, !text.words.contains(where: { ["let", "allow", "give", "grant"].contains($0) }) {
            let word = text.words[i - 1]
            let pronouns: Set<String> = Set<String>(["it", "they", "them", "who", "everyone", "anyone", "i", "we", "you", "he", "she", "and", "also", "that", "this", "which"]).union(Self.vagueWho)
            if !pronouns.contains(word), word.count > 1, word.first!.isLetter, word.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) {
                return ("group_name", original.first { $0.lowercased() == word } ?? word)
            }
        }
        return groupNamedPlainly(text, original: original).map { ("group_name", $0) }
    }

    /// Whether the words speak of a service principal ("the cicd service principal", "the deploy SP").
    static func namesServicePrincipal(_ text: RequestText) -> Bool {
        text.contains("service principal") || text.hasAny(["service_principal", "service_principal_name", "sp", "spn"])
    }

    /// Whether the words name a level of access ("view", "run", "CAN_MANAGE", "read-only").
    static func namesLevel(_ text: RequestText) -> Bool {
        text.hasAny(["view", "see", "read", "read-only", "readonly", "run", "runs", "trigger", "start", "manage", "edit", "admin", "own", "owner",
                     "use", "query", "monitor", "restart", "attach", "refresh"])
            || text.words.contains { $0.hasPrefix("can_") || $0 == "is_owner" }
    }

    /// A follow-up of a grant as a request of its own: "only view", "actually make it run" give the
    /// same principal another level ("give the group data-engineers CAN_VIEW"); "and the analysts group
    /// too" gives another principal the same level. Nil when the words are neither.
    static func regranted(_ text: RequestText, after previous: String, type: String) -> String? {
        guard !revokes(text), let before = principal(in: RequestText(previous)) else { return nil }
        func phrase(_ p: (field: String, name: String)) -> String {
            p.field == "group_name" ? "the group \(p.name)" : p.field == "user_name" ? p.name : "the service principal \(p.name)"
        }
        if let other = principal(in: text) {
            // "and ops-team can manage it": another principal, at the level the words say.
            return "give \(phrase(other)) \(level(for: type, namesLevel(text) ? text : RequestText(previous)))"
        }
        // "and the pipeline too", "same for the app": the same principal on another resource, at the
        // level of that kind the words before asked for; "and view all three pipelines": at the level said.
        let nouns = types.filter { text.hasAny(ResourceVocabulary.nouns[$0] ?? []) }
        let filler: Set<String> = ["and", "also", "too", "as", "well", "same", "for", "on", "to", "please", "then", "now"]
        let levelWords: Set<String> = ["view", "read", "run", "manage", "edit", "own", "can_view", "can_run", "can_manage", "can_manage_run", "can", "let", "them", "it"]
        if namesLevel(text) {
            guard let other = nouns.first else { return "give \(phrase(before)) \(level(for: type, text))" }
            let what = text.original.split(separator: " ").filter {
                let word = $0.lowercased().trimmingCharacters(in: .punctuationCharacters)
                // ("all three pipelines": every one of them, the number no name.)
                return !filler.contains(word) && !levelWords.contains(word) && RequestText.numberWords[word] == nil && Int(word) == nil
            }.joined(separator: " ")
            // ("also let them run the jobs" after a grant on every job: every job, not "which job?".)
            let bare = RequestText(what).words.filter { !["the", "all", "both", "every", "each", "of"].contains($0) }
            if bare.count == 1, bare[0].hasSuffix("s"), (ResourceVocabulary.nouns[other] ?? []).contains(bare[0]) {
                return "give \(phrase(before)) \(level(for: other, text)) on every \(ResourceVocabulary.singular(other))"
            }
            return "give \(phrase(before)) \(level(for: other, text)) on \(what)"
        }
        guard let other = nouns.first else { return nil }
        let what = text.original.split(separator: " ").filter { !filler.contains($0.lowercased().trimmingCharacters(in: .punctuationCharacters)) }.joined(separator: " ")
        return "give \(phrase(before)) \(level(for: other, RequestText(previous))) on \(what)"
    }

    /// "let groups data-engineers and data-analysts view the job", "grant CAN_MANAGE_RUN to retail-eng and
    /// retail-ops groups": the request once for each group (it granted a group called "groups", or the
    /// first alone). Nil when the words name no list of groups.
    static func eachGroup(_ text: String) -> [String]? {
        let name = #"[A-Za-z0-9][\w.-]*"#
        let list = "(\(name)(?:\\s*,\\s*\(name))*\\s*,?\\s+(?:and|&)\\s+\(name))"
        for pattern in ["(?i)\\b(?:the\\s+)?groups\\s+\(list)", "(?i)\\b(?:the\\s+)?\(list)\\s+groups\\b"] {
            guard let regex = try? NSRegularExpression(pattern: pattern),
                  let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                  let whole = Range(match.range, in: text), let listed = Range(match.range(at: 1), in: text) else { continue }
            let names = text[listed].replacingOccurrences(of: #"(?i)\s+(and|&)\s+"#, with: ",", options: .regularExpression)
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let filler: Set<String> = ["the", "a", "an", "both", "all", "to", "and", "let", "allow", "give", "grant"]
            guard names.count >= 2, !names.contains(where: { filler.contains($0.lowercased()) }) else { continue }
            return names.map { text.replacingCharacters(in: whole, with: "the group \($0)") }
        }
        return nil
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        // "remove bob's access", "revoke bob@x.com's access": bob (it asked which principal "bob s" is).
        let possessive = context.request.original.replacingOccurrences(of: #"(?<=[\w.@-])['’]s\b"#, with: "", options: .regularExpression)
        if possessive != context.request.original { return try plan(context.saying(possessive)) }
        let text = context.request
        if let each = eachGroup(text.original), let (outcome, _) = CompoundRequest.plan(each, context, planner: OfflinePlanner(), matched: true) {
            guard case .plan(let plan) = outcome else { throw PlanningStop(outcome: outcome) }
            return plan
        }
        let target = try context.target()
        guard let (field, said) = principal(in: text, known: PrincipalNames.multiWord(in: context.bundle)) else {
            if text.has("user"), !text.hasAny(["group", "team", "users"]) {
                throw PlanningStop(outcome: .clarify(question: "Which user? Give their e-mail address, as the workspace knows them (eryk@example.com).",
                                                     choices: ["let eryk@example.com view the job"]))
            }
            if namesServicePrincipal(text) {
                throw PlanningStop(outcome: .clarify(question: "Which service principal? Give its application id (a UUID such as 6f1c2e3a-0b4d-4e5f-8a9b-0c1d2e3f4a5b: Settings → Identity and access → Service principals).",
                                                     choices: ["give the service principal 6f1c2e3a-0b4d-4e5f-8a9b-0c1d2e3f4a5b CAN_MANAGE on the job"]))
            }
            // "fda-analysts shouldn't be able to see the silver job anymore": a group the bundle already grants to,
            // named by its name alone (it asked who should get access).
            let words = Set(text.words)
            // (Also "the fda-analysts group should no longer see …", once: the words become "the group fda-analysts".)
            if let known = PrincipalNames.written(in: context.bundle).sorted().first(where: { name in
                !name.contains("${") && !name.contains(" ") && !name.contains("@") && words.contains(name.lowercased())
                    && !text.lowered.contains("group \(name.lowercased())")
            }), let range = text.original.range(of: #"(?i)(?<![\w-])(?:the\s+)?"# + NSRegularExpression.escapedPattern(for: known) + #"(?:\s+(?:group|team))?(?![\w-])"#, options: .regularExpression) {
                return try plan(context.saying(text.original.replacingCharacters(in: range, with: "the group \(known)")))
            }
            throw PlanningStop(outcome: .clarify(question: "Who should get access? Name a user (an e-mail), a group or a service principal (its application id).",
                                                 choices: ["let the group data-engineers view the job", "give ana@example.com CAN_MANAGE_RUN"]))
        }
        // "let data analysts view the job": the group is "data analysts" (or the variable or spelling the
        // bundle grants to), not "data".
        var principal = said, spoken = [said]
        if field == "group_name", !principal.contains(" "), principal != "users" {
            spoken = PrincipalNames.widened(principal, in: text, targets: context.bundle.targetNames)
            principal = try PrincipalNames.resolved(spoken, in: context)
        }
        let who = "\(field == "group_name" ? "group " : field == "user_name" ? "" : "service principal ")\(principal)"
        // The principal's name names no resource ("let group payer-analysts view all pipelines" is not
        // about the job dlt_payer_demo_setup).
        // Nor does a level written out ("CAN_VIEW" is no word "view" of the metric_view job).
        let context = context.ignoring([principal] + spoken + text.original.split(separator: " ").map(String.init).filter {
            $0.lowercased().hasPrefix("can_") || $0.lowercased() == "is_owner"
        })
        let wide = bundleWide(context, target: target)
        let resource = wide ? nil : try context.resource(types)
        let job = resource?.key ?? ""
        let kind = resource.map { ResourceVocabulary.singular($0.type) } ?? "job"
        let level = level(for: resource?.type ?? "jobs", text)
        if revokes(text) {
            return try revoking(field: field, principal: principal, who: who, resource: resource, target: target, context, levelFrom: text)
        }
        if wide {
            // Top-level permissions know CAN_RUN where jobs say CAN_MANAGE_RUN.
            let bundleLevel = level == "CAN_MANAGE_RUN" ? "CAN_RUN" : level
            let file = target.map { context.targetFile($0) } ?? context.bundle.rootFile
            let path: EditPath = (target.map { [EditPathComponent.key("targets"), .key($0)] } ?? []) + [.key("permissions")]
            let written = context.rawNode(file: file, path: path)?.sequence ?? []
            if written.contains(where: { $0[field]?.string == principal && $0["level"]?.string == bundleLevel }) {
                throw PlanningStop(outcome: .refused("\(principal) already has \(bundleLevel) on \(target.map { "everything in target \($0)" } ?? "the whole bundle")"))
            }
            if let i = written.firstIndex(where: { $0[field]?.string?.lowercased() == principal.lowercased() }), let before = written[i]["level"]?.string {
                return Plan(subject: "Give \(principal) \(bundleLevel) on \(target.map { "target \($0)" } ?? "the bundle") instead of \(before)",
                            summary: "Changed the permission of \(who) in the \(target.map { "permissions of target \($0)" } ?? "bundle's permissions") from \(before) to \(bundleLevel).",
                            target: target, edits: [(file, [.set(path + [.index(i), .key("level")], .string(bundleLevel))])])
            }
            return Plan(subject: "Grant \(bundleLevel) on \(target.map { "target \($0)" } ?? "the bundle") to \(principal)",
                        summary: "Granted \(bundleLevel) to \(who) in the \(target.map { "permissions of target \($0)" } ?? "bundle's permissions"), which every job, pipeline and other resource\(target == nil ? "" : " of that target") gets.",
                        target: target, edits: [(file, [written.isEmpty && context.rawNode(file: file, path: path) == nil
                            ? .set(path, .sequence([.mapping([("level", .string(bundleLevel)), (field, .string(principal))])]))
                            : .append(path, .mapping([("level", .string(bundleLevel)), (field, .string(principal))]))])])
        }
        guard let resource else { throw PlanningStop(outcome: .refused("which job or pipeline?")) }
        let existing = context.effectiveResource(resource, target: target)?["permissions"]?.sequence ?? []
        // "only let engineers use the app": the others who have access are said, not removed unasked. ("let analysts only
        // view it", "analysts should only see it": only that level, the others' access not in question.)
        let onlyAt = text.words.firstIndex(of: "only")
        let principalAt = text.words.firstIndex { principal.lowercased().split(separator: " ").first.map(String.init) == $0 }
        if let onlyAt, principalAt.map({ onlyAt < $0 }) ?? true {
            let others = existing.filter { entry in entry[field]?.string != principal }.compactMap { entry -> String? in
                let who = entry["group_name"]?.string.map { "group \($0)" } ?? entry["user_name"]?.string ?? entry["service_principal_name"]?.string.map { "service principal \($0)" }
                return who.map { "\($0) (\(entry["level"]?.string ?? "?"))" }
            }
            if !others.isEmpty {
                throw PlanningStop(outcome: .clarify(question: "\(kind.prefix(1).uppercased() + kind.dropFirst()) \(job) also grants \(others.joined(separator: ", ")). Should they lose their access? Revoke each by name, or grant without \"only\".",
                                                     choices: ["revoke access for \(others[0].split(separator: " (").first ?? "") on the \(kind)", "let \(who) \(level == "CAN_USE" ? "use" : "view") the \(kind)"]))
            }
        }
        if existing.contains(where: { $0[field]?.string == principal && $0["level"]?.string == level }) {
            throw PlanningStop(outcome: .refused("\(principal) already has \(level) on \(kind) \(job)"))
        }
        let location = context.location(of: resource, target: target)
        // Someone who has another level there gets this one instead (one level a principal: "only view"
        // after "let them manage it" lowers it, never adds a second entry).
        let path = location.base + [.key("permissions")]
        if let entries = context.rawNode(file: location.file, path: path)?.sequence,
           let i = entries.firstIndex(where: { $0[field]?.string?.lowercased() == principal.lowercased() }), let before = entries[i]["level"]?.string {
            var plan = Plan(subject: "Give \(principal) \(level) on \(job) instead of \(before)",
                            summary: "Changed the permission of \(who) on \(kind) \(job) from \(before) to \(level)\(context.forTarget(target)).",
                            target: target, resource: resource, edits: [(location.file, [.set(path + [.index(i), .key("level")], .string(level))])])
            plan.job = resource.type == "jobs" ? resource.key : nil
            return plan
        }
        return Plan(subject: "Grant \(level) on \(job) to \(principal)",
                    summary: "Granted \(level) on \(kind) \(job) to \(who)\(context.forTarget(target)).",
                    target: target, resource: resource,
                    edits: [(location.file, [.append(location.base + [.key("permissions")], .mapping([("level", .string(level)), (field, .string(principal))]))])])
    }

    /// The principal's entries leave the permissions: the resource's (or the target's override of
    /// them), or the bundle's or target's top-level ones when those hold them.
    static func revoking(field: String, principal: String, who: String, resource: ResourceReference?, target: String?, _ context: PlanningContext,
                         levelFrom text: RequestText) throws -> Plan {
        var places: [(file: String, path: EditPath, what: String)] = []
        if let resource {
            let own = context.location(of: resource, target: nil)
            places.append((own.file, own.base + [.key("permissions")], "\(ResourceVocabulary.singular(resource.type)) \(resource.key)"))
            for t in target.map({ [$0] }) ?? context.bundle.targetNames {
                let override = context.location(of: resource, target: t)
                places.append((override.file, override.base + [.key("permissions")], "\(ResourceVocabulary.singular(resource.type)) \(resource.key) in target \(t)"))
            }
        }
        // The top-level permissions every resource gets: changed only when the whole bundle (or target) is meant.
        var wide: [(file: String, path: EditPath, what: String)] = target == nil ? [(context.bundle.rootFile, [.key("permissions")], "the bundle's permissions")] : []
        for t in target.map({ [$0] }) ?? context.bundle.targetNames {
            wide.append((context.targetFile(t), [.key("targets"), .key(t), .key("permissions")], "the permissions of target \(t)"))
        }
        if resource == nil { places += wide }
        // "remove CAN_VIEW for users": that level only, when the words name one.
        let level = text.words.first { $0.hasPrefix("can_") || $0 == "is_owner" }?.uppercased()
        let held: (YAMLNode) -> Bool = { entry in
            entry[field]?.string?.lowercased() == principal.lowercased() && (level == nil || entry["level"]?.string?.uppercased() == level)
        }
        let holds: ((file: String, path: EditPath, what: String)) -> Bool = { place in
            (context.rawNode(file: place.file, path: place.path)?.sequence ?? []).contains(where: held)
        }
        if let resource, !places.contains(where: holds), let inherited = wide.first(where: holds) {
            throw PlanningStop(outcome: .refused("\(who) gets its access to \(ResourceVocabulary.singular(resource.type)) \(resource.key) from \(inherited.what) (\(inherited.file)), which every resource gets; to revoke it there, ask \"revoke access for \(who) on the whole bundle\""))
        }
        var edits: [(file: String, operations: [EditOperation])] = []
        var from: [String] = []
        for place in places {
            let items = context.rawNode(file: place.file, path: place.path)?.sequence ?? []
            let matching = items.indices.filter { held(items[$0]) }
            guard !matching.isEmpty else { continue }
            let operations: [EditOperation] = matching.count == items.count
                ? [.delete(place.path)]
                : matching.reversed().map { .delete(place.path + [.index($0)]) }
            edits.append((place.file, operations))
            from.append(place.what)
        }
        let name = resource.map { "\(ResourceVocabulary.singular($0.type)) \($0.key)" } ?? "the bundle"
        guard !edits.isEmpty else {
            // Unity Catalog grants the principal has on the bundle's schemas, volumes or models: said, with how to ask.
            let granted = ["schemas", "volumes", "registered_models", "catalogs"].flatMap { type in
                context.catalog.references(ofType: type).filter { reference in
                    (context.effectiveResource(reference, target: target)?["grants"]?.sequence ?? []).contains { $0["principal"]?.string?.lowercased() == principal.lowercased() }
                }
            }
            // "revoke medshield-analysts" naming no job or pipeline: its Unity Catalog grants are its access.
            let namesResource = resource.map { r in
                context.request.original.lowercased().contains(r.key.lowercased()) || context.request.hasAny(ResourceVocabulary.nouns[r.type] ?? [])
            } ?? false
            if !granted.isEmpty, !namesResource, let plan = revokingGrants(of: principal, on: granted, target: target, context) {
                return plan
            }
            let grants = granted.isEmpty ? "" : "; it has Unity Catalog grants on "
                + granted.map { "\(ResourceVocabulary.singular($0.type)) \($0.key)" }.joined(separator: ", ")
                + " (\"revoke \(principal) from the \(ResourceVocabulary.singular(granted[0].type)) \(granted[0].key)\")"
            throw PlanningStop(outcome: .refused("\(who) has no \(level ?? "permissions") of its own on \(name)\(context.forTarget(target)) to revoke\(grants)"))
        }
        var plan = Plan(subject: "Revoke the permissions of \(principal) on \(resource?.key ?? "the bundle")",
                        summary: "Revoked \(level ?? "every permission") of \(who) from \(from.joined(separator: ", ")).",
                        target: target, resource: resource, edits: edits)
        plan.job = resource?.type == "jobs" ? resource?.key : nil
        return plan
    }
}

extension PermissionIntent {
    /// Every Unity Catalog grant of the principal on these schemas, volumes or models goes (where it is
    /// written: the definition, and the targets' overrides).
    static func revokingGrants(of principal: String, on securables: [ResourceReference], target: String?, _ context: PlanningContext) -> Plan? {
        var operations: [String: [EditOperation]] = [:]
        var files: [String] = []
        var what: [String] = []
        for securable in securables {
            let locations = ([target] + (target == nil ? context.bundle.targetNames.map { Optional($0) } : [])).map { context.location(of: securable, target: $0) }
            var seen = Set<String>()
            for location in locations where seen.insert("\(location.file)\u{0}\(location.base)").inserted {
                let path = location.base + [.key("grants")]
                let written = context.rawNode(file: location.file, path: path)?.sequence ?? []
                let matching = written.indices.filter { written[$0]["principal"]?.string?.lowercased() == principal.lowercased() }
                guard !matching.isEmpty else { continue }
                if operations[location.file] == nil { files.append(location.file) }
                operations[location.file, default: []] += matching.count == written.count ? [.delete(path)] : matching.reversed().map { .delete(path + [.index($0)]) }
                let privileges = matching.flatMap { written[$0]["privileges"]?.sequence?.compactMap(\.string) ?? [] }
                what.append("\(privileges.joined(separator: ", ")) on \(ResourceVocabulary.singular(securable.type)) \(securable.key)")
            }
        }
        guard !files.isEmpty else { return nil }
        return Plan(subject: "Revoke the grants of \(principal)",
                    summary: "Revoked the Unity Catalog grants of \(principal): \(what.joined(separator: "; "))\(context.forTarget(target)); the next deploy revokes them.",
                    target: target, resource: securables.count == 1 ? securables[0] : nil, edits: files.map { ($0, operations[$0]!) })
    }
}

/// "queue runs when one is active", "turn off queueing".
public enum QueueIntent: Intent {
    public static let id = "queue"
    public static let summary = "queueing of runs"
    public static let examples = ["turn on queueing", "disable the queue in dev"]

    public static func score(_ text: RequestText) -> Int { text.hasAny(["queue", "queueing", "queuing", "queued"]) ? 3 : 0 }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let target = try context.target()
        let job = try context.job()
        // "remove the queue setting": the block goes; the CLI then queues runs (its default, queue.enabled true).
        // ("remove the queueing", "drop the queue": no more queueing, which is turning it off.)
        let removesSetting = context.request.hasAny(["setting", "settings", "block", "config", "configuration", "key", "override", "section"])
        if context.request.hasAny(["remove", "delete", "drop"]), !context.request.hasAny(["disable", "off"]), removesSetting {
            let location = context.jobLocation(job, target: target)
            guard context.rawNode(file: location.file, path: location.base + [.key("queue")]) != nil else {
                throw PlanningStop(outcome: .refused("nothing to change: job \(job) sets no queue\(context.forTarget(target))"))
            }
            return Plan(subject: "Remove the queue setting of \(job)", summary: "Removed queue from job \(job)\(context.forTarget(target)): runs queue, as the Databricks CLI sets by default.",
                        target: target, job: job, edits: [(location.file, [.delete(location.base + [.key("queue")])])])
        }
        let off = context.request.hasAny(["off", "remove", "delete", "drop"]) || context.request.isNegated
        let location = context.jobLocation(job, target: target)
        return Plan(subject: "Turn queueing \(off ? "off" : "on") for \(job)", summary: "Set queue.enabled to \(!off) on job \(job)\(context.forTarget(target)).",
                    target: target, job: job, edits: [(location.file, [.set(location.base + [.key("queue"), .key("enabled")], .bool(!off))])])
    }
}

/// "rename the job to Nightly ETL", "call it sales-daily", "describe the job as 'Loads sales'",
/// "change the app description to …", "set the comment of the gold schema to …".
public enum JobNameIntent: Intent {
    public static let id = "job-name"
    public static let summary = "names and descriptions of jobs, pipelines and apps; comments of schemas and volumes"
    public static let examples = ["rename the job to \"Nightly ETL\"", "set the description to \"Loads the sales tables\""]

    /// "call the etl job 'Daily Account Snapshot'", "the etl job should be named Weekly Summary": a name, whatever
    /// its words say ("Daily", "Weekly" were read as schedules, and committed).
    static func namesIt(_ text: RequestText) -> Bool {
        // (Not the bundle's, a task's, a target's or a variable's name, which other intents give.)
        guard !text.hasAny(["bundle", "task", "tasks", "target", "targets", "variable", "variables", "cluster", "schema", "volume", "parameter", "key"]) else { return false }
        return text.original.range(of: #"(?i)\b(should|must|will|shall|is\s+to|ought\s+to|needs\s+to|has\s+to|would\s+better)\s+be\s+(re)?(named|called|titled)\b"#, options: .regularExpression) != nil
            || text.original.range(of: #"(?i)^\s*(?:please\s+)?(?:call|name|title)\s+(?:the\s+)?[\w.-]+(?:\s+[\w.-]+)?\s+(?:job|pipeline|app|dashboard|workflow|endpoint|experiment)\s+["'“‘]"#,
                                    options: .regularExpression) != nil
    }

    public static func score(_ text: RequestText) -> Int {
        if namesIt(text) { return 8 }
        // "rename the schema to …", "change the schema name to …": the schema's name, over where a pipeline publishes.
        if text.hasAny(["schema", "volume"]) && (text.has("rename") || (text.has("name") && text.hasAny(["change", "set"]))) { return 4 }
        if text.hasAny(["rename", "description", "describe", "display"]) { return 3 }
        // "change the key of the etl job to nightly": the resource's key (renamingResourceKey).
        if text.has("key"), text.hasAny(["change", "set"]), text.has("to"),
           !text.hasAny(["cluster", "environment", "task", "tasks", "tag", "tags", "parameter", "variable", "secret", "scope", "api"]) { return 3 }
        if text.hasAny(["comment", "comments"]) && text.hasAny(["schema", "volume", "model", "schemas", "volumes"]) { return 3 }
        // 'give the billing job the name "Billing export"'
        let quoted = !text.quotedValues.isEmpty
        if text.has("name") && quoted && text.hasAny(["give", "set", "change", "use"]) { return 3 }
        // "change the name of the orders pipeline to …", "give the pipeline the name …"
        if text.has("name") && (text.contains("name of") || text.contains("the name") || text.contains("its name")) { return 3 }
        // "set the gold pipeline name to moci_uat_gold_v2", "change the job name to …"
        if zip(text.words, text.words.dropFirst()).contains(where: { $0 == "name" && $1 == "to" }) && text.hasAny(["set", "change", "make", "update"]) { return 3 }
        return text.contains("call it") || text.contains("name it") ? 3 : 0
    }

    /// "rename stage to staging", "rename the stage target to staging": the target's key, in every file
    /// that has a section for it; nil when the words rename no target.
    static func renamingTarget(_ context: PlanningContext) throws -> Plan? {
        let tokens = context.request.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;\"'`")) }
        let lowered = tokens.map { $0.lowercased() }
        guard let verb = lowered.firstIndex(of: "rename"), let to = lowered.lastIndex(where: { $0 == "to" || $0 == "as" }), to > verb + 1, to + 1 < tokens.count else { return nil }
        let named = lowered[(verb + 1)..<to].filter { !["the", "target", "environment", "env"].contains($0) }
        let targets = context.bundle.targetNames
        guard named.count == 1, let old = targets.first(where: { $0.lowercased() == named[0] }) else { return nil }
        // "rename the stage job to …" is the job.
        if lowered[(verb + 1)..<to].contains(where: { ["job", "pipeline", "schema", "volume", "app", "dashboard", "task"].contains($0) }) { return nil }
        let new = tokens[to + 1]
        guard new.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }), !new.isEmpty else {
            throw PlanningStop(outcome: .refused("a target's name is letters, digits, _ and -; \"\(new)\" is not one"))
        }
        if targets.contains(new) { throw PlanningStop(outcome: .refused("the bundle already has a target \(new)")) }
        var contents: [String: String] = [:]
        for file in context.bundle.files where file.root?["targets"]?[old] != nil {
            guard let data = try? context.bundle.source.read(file.path) else { continue }
            var editor = YAMLEditor(text: String(decoding: data, as: UTF8.self))
            do { try editor.rename([.key("targets"), .key(old)], to: new) } catch {
                throw PlanningStop(outcome: .refused("\(file.path): \(error.description)"))
            }
            contents[file.path] = editor.text
        }
        guard !contents.isEmpty else { return nil }
        var plan = Plan(subject: "Rename target \(old) to \(new)",
                        summary: "Renamed the target \(old) to \(new) (in \(contents.keys.sorted().joined(separator: ", "))). What \(old) deployed stays in its workspace until `databricks bundle destroy --target \(old)` is run before the rename; \(new) deploys anew (and ${bundle.target} is now \(new)).",
                        edits: [])
        plan.contents = contents
        return plan
    }

    /// "rename the resource key scheduler_job to orders_job", "rename the job key x to y", "change the key
    /// of the etl job to nightly": the key in the definition, in the targets' overrides, and in every
    /// `${resources.TYPE.KEY…}` reference; nil when the words rename no key (a display name is renamed
    /// then). (The display name was set to the new key, and the name written with ${bundle.target} lost.)
    static func renamingResourceKey(_ context: PlanningContext) throws -> Plan? {
        let text = context.request
        var tokens = text.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`()")) }
        // "rename jobs.x to jobs.y", "rename the resource x to y": the key, as written in the configuration.
        let types = Set(context.catalog.entries.map(\.reference.type))
        let dotted = tokens.contains { token in types.contains { token.hasPrefix($0 + ".") } }
        tokens = tokens.map { token in types.first { token.hasPrefix($0 + ".") }.map { String(token.dropFirst($0.count + 1)) } ?? token }
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
        guard text.has("key") || dotted || text.contains("the resource "), !text.hasAny(["task", "tasks", "tag", "tags", "parameter", "parameters", "variable", "variables"]),
              text.hasAny(["rename", "change", "set"]) || text.contains("key to") else { return nil }
        let lowered = tokens.map { $0.lowercased() }
        guard let to = lowered.lastIndex(where: { $0 == "to" || $0 == "as" }), to + 1 < tokens.count else { return nil }
        let new = tokens[to + 1]
        let before = RequestText(tokens[..<to].joined(separator: " ").replacingOccurrences(of: "resource", with: ""))
        let mentioned = context.catalog.mentions(in: before.original)
        guard let strongest = mentioned.values.max() else { return nil }
        let named = mentioned.filter { $0.value == strongest }.map(\.key)
        guard named.count == 1 else {
            throw PlanningStop(outcome: .clarify(question: "Which resource's key should be renamed?", choices: named.sorted().map { "--resource \($0.description)" }))
        }
        let reference = named[0], old = reference.key
        guard !new.isEmpty, new.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            throw PlanningStop(outcome: .refused("a resource key is letters, digits, _ and -; \"\(new)\" is not one"))
        }
        guard new != old else { throw PlanningStop(outcome: .refused("the \(ResourceVocabulary.singular(reference.type)) key already is \(old)")) }
        if context.catalog.references(ofType: reference.type).contains(where: { $0.key == new }) {
            throw PlanningStop(outcome: .refused("the bundle already has a \(ResourceVocabulary.singular(reference.type)) \(new)"))
        }
        var contents: [String: String] = [:]
        var references = 0
        for file in context.bundle.files {
            guard let data = try? context.bundle.source.read(file.path) else { continue }
            var editor = YAMLEditor(text: String(decoding: data, as: UTF8.self))
            do {
                if file.root?["resources"]?[reference.type]?[old] != nil { try editor.rename([.key("resources"), .key(reference.type), .key(old)], to: new) }
                for target in file.root?["targets"]?.mapping?.keys ?? [] where file.root?["targets"]?[target]?["resources"]?[reference.type]?[old] != nil {
                    try editor.rename([.key("targets"), .key(target), .key("resources"), .key(reference.type), .key(old)], to: new)
                }
            } catch {
                throw PlanningStop(outcome: .refused("\(file.path): \(error.description)"))
            }
            var changed = editor.text
            for suffix in [".", "}"] {
                let said = "${resources.\(reference.type).\(old)\(suffix)"
                references += changed.components(separatedBy: said).count - 1
                changed = changed.replacingOccurrences(of: said, with: "${resources.\(reference.type).\(new)\(suffix)")
            }
            if changed != String(decoding: data, as: UTF8.self) { contents[file.path] = changed }
        }
        guard !contents.isEmpty else { return nil }
        let kind = ResourceVocabulary.singular(reference.type)
        // What a replacement costs: a job's run history; a schema's, volume's or catalog's data.
        let loses = ["schemas", "volumes", "registered_models", "database_catalogs", "synced_database_tables", "database_instances"].contains(reference.type)
            ? "the \(kind) is dropped and created anew: what it holds (tables, files, versions) may be lost — move it with care, or keep the key"
            : reference.type == "jobs" ? "the old job's run history stays with the removed one" : "what belonged to the old one stays with it"
        var plan = Plan(subject: "Rename the \(kind) key \(old) to \(new)",
                        summary: "Renamed the \(kind) key \(old) to \(new) (in \(contents.keys.sorted().joined(separator: ", "))\(references == 0 ? "" : "; \(references) reference\(references == 1 ? " to it follows" : "s to it follow")")). Its display name is as it was. Deploying it removes the \(kind) \(old) from the workspace and creates \(new): \(loses).",
                        resource: ResourceReference(type: reference.type, key: new), edits: [])
        plan.contents = contents
        return plan
    }

    /// The quoted part, or what follows "to"/"as"/"it".
    static func value(_ text: RequestText) -> String? {
        let o = text.original
        // 'rename "CVM - Transposição" to "CVM Lakeflow"': the text after the last "to" (or "as") is the new
        // one, the one before names what is renamed.
        if text.quotedValues.count >= 2 {
            var at = o.startIndex
            while let marker = [" to ", " as ", " into "].compactMap({ o.range(of: $0, range: at..<o.endIndex) }).min(by: { $0.lowerBound < $1.lowerBound }) {
                let before = o[..<marker.lowerBound]
                // (Outside quotes: 'rename "A" to "Move data to the lake"'.)
                if before.filter({ "\"“”".contains($0) }).count % 2 == 0, !RequestText(String(before)).quotedValues.isEmpty,
                   let after = RequestText(String(o[marker.upperBound...])).quotedValues.first {
                    return after
                }
                at = marker.upperBound
            }
        }
        if let quoted = text.quotedValues.first { return quoted }
        // "add a description to the job: Loads the sales tables"
        if let colon = o.lastIndex(of: ":"), o[o.index(after: colon)...].hasPrefix(" "), !o[..<colon].contains("http") {
            let rest = o[o.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if !rest.isEmpty { return rest }
        }
        for marker in [" to ", " as ", "call it ", "name it "] {
            if let r = o.range(of: marker, options: .backwards) {
                let rest = String(o[r.upperBound...]).trimmingCharacters(in: .whitespaces)
                // "add a comment to the schema": what follows names the resource, not the text.
                let words = RequestText(rest).words
                if words.first == "the" || words.first == "its", words.contains(where: { w in ResourceVocabulary.nouns.values.contains { $0.contains(w) } }) { return nil }
                // "rename it to exactly crm-sync", "… to crm-sync exactly": how, not the name.
                return rest.replacingOccurrences(of: #"(?i)^(exactly|literally|just)\s+|\s+(exactly|literally)[.!]?$"#, with: "", options: .regularExpression)
            }
        }
        return nil
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        // "set the lakebase catalog name to usage_limits_prod": a variable named so (lakebase_catalog_name).
        // ("the comment of the raw schema", named by ${var.raw_schema}: the schema's comment.)
        if !context.request.hasAny(["description", "describe", "comment", "comments"]),
           let (_, _) = VariableValueIntent.looselyNamed(context.request.original, among: context.bundle.configuration["variables"]?.mapping?.keys ?? []) {
            return try VariableValueIntent.plan(context)
        }
        if let renamed = try renamingTarget(context) { return renamed }
        // ("rename var.warehouse_id to wh_id": the variable, not the job's name.)
        if let renamed = try VariableIntent.renaming(context, declared: context.bundle.configuration["variables"]?.mapping?.keys ?? []) { return renamed }
        if let renamed = try renamingResourceKey(context) { return renamed }
        // "remove the comment of the schema", "clear the job description": the field goes.
        if context.request.hasAny(["description", "comment", "comments"]), context.request.hasAny(["remove", "delete", "clear", "drop", "unset"]) {
            let target = try context.target()
            let resource = try context.resource(context.request.hasAny(["pipeline", "pipelines"]) ? ["jobs"] : ["jobs", "apps", "schemas", "volumes", "registered_models"])
            let field = ["jobs", "apps"].contains(resource.type) ? "description" : "comment"
            let kind = ResourceVocabulary.singular(resource.type)
            let location = context.location(of: resource, target: target)
            guard context.rawNode(file: location.file, path: location.base + [.key(field)]) != nil else {
                throw PlanningStop(outcome: .refused("nothing to change: \(kind) \(resource.key) has no \(field)\(context.forTarget(target)) written in \(location.file)"))
            }
            return Plan(subject: "Remove the \(field) of \(kind) \(resource.key)", summary: "Removed the \(field) of \(kind) \(resource.key)\(context.forTarget(target)).",
                        target: target, resource: resource, edits: [(location.file, [.delete(location.base + [.key(field)])])])
        }
        // "the etl job should be named Weekly Summary": the words after "named", unquoted.
        let said = namesIt(context.request) ? context.request.original.firstMatch(of: /(?i)\b(?:named|called|titled)\s+(?!["'“‘])(.+?)[.!]?\s*$/).map { String($0.output.1) } : nil
        // (The words after "named" first: "ought to be named X" read "to" as the value's start, "be named X".)
        guard var value = said ?? value(context.request), !value.isEmpty else {
            let describes = context.request.hasAny(["description", "describe", "comment", "comments"])
            throw PlanningStop(outcome: .clarify(question: describes ? "What should it say? Put the text in quotes." : "What should the new name be? Put it in quotes.",
                                                 choices: [!describes ? "rename it to 'Nightly ETL'"
                                                     : context.request.hasAny(["comment", "comments"]) ? "set the comment to 'Curated sales tables'"
                                                     : "set the description to 'Loads the sales tables'"]))
        }
        // "rename train_model to train" (also "… in the training job"): a task's key written as it is, right
        // after the verb (and no resource's key), is the task's.
        let tokens = context.request.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`“”.")) }
        let taskKeys = Set(context.catalog.entries.flatMap { $0.parts.filter { $0.kind == .task }.map(\.key) })
        if let verb = tokens.firstIndex(where: { $0.lowercased() == "rename" }),
           let at = tokens[(verb + 1)...].firstIndex(where: { !["the", "task", "step"].contains($0.lowercased()) }), case let old = tokens[at],
           taskKeys.contains(old), old != (value.split(separator: " ").first.map(String.init) ?? value),
           // ("rename the bootstrap job to …": a key followed by a resource's noun names that resource.)
           !(at + 1 < tokens.count && ["job", "jobs", "pipeline", "pipelines", "app", "workflow", "dashboard"].contains(tokens[at + 1].lowercased())),
           !context.catalog.entries.contains(where: { $0.reference.key == old }) {
            return try RenameTaskIntent.plan(context)
        }
        // "rename the schema to recs_dev in dev": the target said after an unquoted name is no part of it.
        if context.request.quotedValues.first != value {
            let targets = Set(context.bundle.targetNames.flatMap { [$0] + PlanningContext.aliases(of: $0.lowercased()) })
                .map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
            if !targets.isEmpty, let range = value.range(of: "\\s+(in|for|on)\\s+(the\\s+)?(\(targets))(\\s+target)?(\\s+only)?[.!]?$",
                                                         options: [.regularExpression, .caseInsensitive]), range.lowerBound > value.startIndex {
                value = String(value[..<range.lowerBound])
            }
        }
        // The new name names neither the target nor the resource.
        let resolving = context.ignoring([value], lastOnly: true)
        let target = try resolving.target()
        let describes = context.request.hasAny(["description", "describe", "comment", "comments"])
        var field = describes ? "description" : "name"
        // Pipelines have no description: a description is a job's or an app's, a comment a schema's or volume's.
        var types = !describes ? ["jobs", "pipelines", "apps", "dashboards"]
            : context.request.hasAny(["pipeline", "pipelines"]) ? ["jobs", "pipelines"] : ["jobs", "apps", "schemas", "volumes", "registered_models"]
        if !describes && context.request.hasAny(["schema", "schemas", "volume", "volumes"]) && !context.request.hasAny(["pipeline", "pipelines"]) {
            // No schema or volume of its own: the schema a pipeline publishes to.
            let securables = ["schemas", "volumes"].filter { !context.catalog.references(ofType: $0).isEmpty }
            if securables.isEmpty { return try PipelinePublishingIntent.plan(context) }
            types = securables
        }
        let resource = try resolving.resource(types)
        var keptReference = ""
        if field == "name" && ["jobs", "pipelines"].contains(resource.type) {
            // "…, keep the target prefix", "(keep the -target suffix)": how, not the name.
            let keeps = value.range(of: #"(?i)\b(keep|keeping|preserve|preserving)\b"#, options: .regularExpression) != nil
            value = value.replacingOccurrences(of: #"(?i)\s*[,(]?\s*(\b(and|but)\s+)?\b(keep|keeping|preserve|preserving|leave|leaving)\b.*$"#, with: "", options: .regularExpression)
                .trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
            // "rename the job to retail-core, keep the target suffix": the ${…} part at the start or end stays.
            let definitionName = context.rawNode(file: context.location(of: resource, target: nil).file,
                                                 path: context.location(of: resource, target: nil).base + [.key("name")])?.string
            // ("rename the dbt job to dbt-core" of "dbt-job-${bundle.target}": the target's part stays unless the words
            // drop it — it went, and staging and prod deployed jobs of one name.)
            // (A name in quotes is the name exactly.)
            let drops = context.request.hasAny(["exactly", "literally", "without"]) || context.request.contains("drop the") || context.request.contains("remove the")
                || context.request.quotedValues.contains(value)
            if keeps || !drops, !value.contains("${"), let written = definitionName, written.contains("${") {
                let before = value
                if let prefix = written.range(of: #"^(\[?\$\{[^}]+\}\]?[\s_\-:]*)"#, options: .regularExpression) {
                    value = String(written[prefix]) + value
                } else if let suffix = written.range(of: #"([\s_\-:]*\[?\$\{[^}]+\}\]?)$"#, options: .regularExpression) {
                    value += String(written[suffix])
                }
                if value != before, !keeps { keptReference = " The part \(value.replacingOccurrences(of: before, with: "").trimmingCharacters(in: .whitespaces)) stays: each target deploys its own name (\"rename … exactly to \(before)\" drops it)." }
            }
            // 'rename "medallion-pipeline" to "medallion-nightly"' of "[${bundle.target}] medallion-pipeline": the part
            // named changes, the rest stays (the target's prefix was dropped, and the targets shared one name).
            let quoted = context.request.quotedValues
            let spoken = context.request.original.range(of: #"(?i)\brename\s+(?:the\s+(?:job|pipeline)\s+)?(\S+)\s+(?:to|as|into)\s"#, options: .regularExpression)
                .map { String(context.request.original[$0]).split(separator: " ").dropFirst().first { !["the", "job", "pipeline"].contains($0.lowercased()) }.map(String.init) ?? "" }
            let definition = context.location(of: resource, target: nil)
            if !value.contains("${"), let old = quoted.count >= 2 ? quoted[0] : spoken?.trimmingCharacters(in: CharacterSet(charactersIn: "\"'")), !old.isEmpty, old != value,
               let written = context.rawNode(file: definition.file, path: definition.base + [.key("name")])?.string, written != old,
               written.contains(old), written.contains("${") {
                value = written.replacingOccurrences(of: old, with: value)
            }
        }
        if !["jobs", "pipelines"].contains(resource.type) {
            let kind = ResourceVocabulary.singular(resource.type)
            if resource.type != "apps" && describes { field = "comment" }
            // A dashboard's name is its display_name.
            if resource.type == "dashboards" { field = "display_name" }
            if resource.type == "apps", field == "name" {
                // An app's name is its identity (and its URL's): lower-case letters, digits and hyphens, 2 to 30.
                guard (2...30).contains(value.count), value.allSatisfy({ ($0.isLetter && $0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "-" }),
                      !value.hasPrefix("-"), !value.hasSuffix("-") else {
                    throw PlanningStop(outcome: .refused("\"\(value)\" cannot name an app: an app's name has 2 to 30 lower-case letters, digits and hyphens (for example \"\(AppResourceIntent.slug(value).prefix(30))\")"))
                }
            }
            if context.effectiveResource(resource, target: target)?[field]?.string == value {
                throw PlanningStop(outcome: .refused("\(kind) \(resource.key)'s \(field) already is \"\(value)\"\(context.forTarget(target))"))
            }
            let location = context.location(of: resource, target: target)
            let replaced = field != "name" ? ""
                : resource.type == "apps" ? " Renaming an app replaces it: the next deploy creates the app \(value) (at a new URL) and deletes the old one."
                : " Renaming a \(kind) replaces it: the next deploy creates \(value) and deletes the old \(kind); what it holds does not move. References to it (${resources.\(resource.type).\(resource.key).name}) follow."
            return Plan(subject: field == "name" || field == "display_name" ? "Rename \(kind) \(resource.key) to \"\(value)\"" : "Describe \(kind) \(resource.key)",
                        summary: "Set the \(field) of \(kind) \(resource.key) to \"\(value)\"\(context.forTarget(target)).\(replaced)",
                        target: target, resource: resource, edits: [(location.file, [.set(location.base + [.key(field)], .string(value))])])
        }
        if resource.type == "pipelines" {
            let p = try PipelineSelection(context, resource, target: target)
            guard field == "name" else {
                throw PlanningStop(outcome: .refused("a pipeline has no description; its name is the text the workspace shows (\"rename the \(p.key) pipeline to ...\")"))
            }
            guard let operation = try p.setting(context, ["name"], to: .string(value), unset: nil) else { throw p.already("named \"\(value)\"") }
            return p.plan(subject: "Rename pipeline \(p.key) to \"\(value)\"", summary: "Set the name of \(p.description) to \"\(value)\"\(p.forTarget).\(keptReference)",
                          edits: [(p.location.file, [operation])])
        }
        let job = resource.key
        let location = context.jobLocation(job, target: target)
        return Plan(subject: field == "name" ? "Rename job \(job) to \"\(value)\"" : "Describe job \(job)",
                    summary: "Set the \(field) of job \(job) to \"\(value)\"\(context.forTarget(target)).\(keptReference)",
                    target: target, job: job, edits: [(location.file, [.set(location.base + [.key(field)], .string(value))])])
    }
}
