import BundleEditing
import BundleModel
import Foundation

/// The built-in agent: deterministic, no network. It picks the intent that best matches the request
/// and lets it plan; questions and refusals come back as outcomes, never as half-made edits.
public struct OfflinePlanner: Sendable {
    public static let agentName = "offline-planner"
    public static let intents: [any Intent.Type] = [
        ClusterSizeIntent.self, TaskArgumentsIntent.self, TaskRunIfIntent.self, JobTimeoutIntent.self, DurationWarningIntent.self, TaskRetriesIntent.self, SchedulePauseIntent.self,
        ScheduleIntent.self, ScheduleRemovalIntent.self, JobContinuousIntent.self, PipelineEventLogIntent.self, MaxConcurrentRunsIntent.self, PhotonIntent.self, AvailabilityIntent.self, SparkConfIntent.self, SparkEnvVarsIntent.self, ClusterPolicyIntent.self, InstancePoolIntent.self, GrantIntent.self, AppResourceIntent.self, AppEnvironmentIntent.self, ExistingClusterIntent.self, DataSecurityModeIntent.self, InitScriptIntent.self, ClusterLogIntent.self, ClusterDiskIntent.self, BudgetPolicyIntent.self, DatabaseInstanceCapacityIntent.self, ForEachConcurrencyIntent.self, PerformanceTargetIntent.self, SingleNodeIntent.self,
        AutoscaleIntent.self, EmailNotificationIntent.self, TagsIntent.self, PermissionIntent.self, QueueIntent.self, JobNameIntent.self,
        SparkVersionIntent.self, NodeTypeIntent.self, WarehouseIntent.self, SQLWarehouseSettingsIntent.self, ServingEndpointIntent.self, TriggerIntent.self, RunAsIntent.self, AddTargetIntent.self, RemoveTargetIntent.self, EnvironmentsToTargetsIntent.self, IncludeIntent.self, DefaultTargetIntent.self, TargetModeIntent.self, TargetWorkspaceIntent.self, JobParameterIntent.self, TaskParameterIntent.self,
        LibraryIntent.self, LibraryRemovalIntent.self, LibraryVersionIntent.self, NewJobIntent.self, AddTaskIntent.self, RemoveTaskIntent.self, RenameTaskIntent.self, TaskDependencyIntent.self, TaskSourceIntent.self, RemoveResourceIntent.self, ResourceTargetsIntent.self, VolumeSchemaIntent.self, ServerlessIntent.self, EnvironmentVersionIntent.self, WebhookIntent.self, VariableIntent.self, VariableValueIntent.self, AutoTerminationIntent.self,
        PipelineContinuousIntent.self, PipelineChannelIntent.self, PipelinePublishingIntent.self, PipelineDevelopmentIntent.self,
        PipelineConfigurationIntent.self, NamePrefixIntent.self, CLIVersionIntent.self, SyncPathsIntent.self, PipelineTaskIntent.self, GitBranchIntent.self, BundleNameIntent.self, NewSchemaOrVolumeIntent.self, AlertThresholdIntent.self,
    ]

    public init() {}

    /// What the planner understands, one line an intent with an example: generated from the intents,
    /// so help texts cannot fall behind them.
    public static var capabilities: [(summary: String, example: String)] {
        intents.map { ($0.summary, $0.examples.min { $0.count < $1.count } ?? "") }
    }

    /// `request` for `target`: a target it names after "in", "for", "on" or "to" becomes `target`; one
    /// that names none gets "in TARGET".
    static func request(_ request: String, for target: String, targets: [String]) -> String {
        var out = request
        var named = false
        for other in targets where other != target {
            let pattern = "(?i)\\b(in|for|on|to)(\\s+(?:the\\s+)?)" + NSRegularExpression.escapedPattern(for: other) + "\\b"
            let replaced = out.replacingOccurrences(of: pattern, with: "$1$2" + NSRegularExpression.escapedTemplate(for: target), options: .regularExpression)
            if replaced != out { named = true; out = replaced }
        }
        if named { return out }
        let saysTarget = out.range(of: "(?i)\\b(in|for|on|to)\\s+(?:the\\s+)?" + NSRegularExpression.escapedPattern(for: target) + "\\b", options: .regularExpression) != nil
        return saysTarget ? out : out + " in " + target
    }

    /// Whether the words ask something rather than ask for a change: "is the pipeline in development
    /// mode in dev?", "which jobs have no retries?", "what runs in prod". Requests worded as questions
    /// ("can you add retries?", "could you make it 4 workers?") and follow-ups ("what about prod?",
    /// "why not 3?") are changes.
    static func isQuestion(_ request: String) -> Bool {
        let text = request.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        // One sentence: "Why did it fail? Add 3 retries." asks a change too.
        let sentences = text.split(whereSeparator: { ".?!".contains($0) }).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard sentences.count == 1 else { return false }
        let words = text.split(whereSeparator: { !($0.isLetter || $0 == "'") }).map(String.init)
        guard let first = words.first else { return false }
        let second = words.count > 1 ? words[1] : ""
        let requests: Set<String> = ["you", "we", "u", "i"]
        if ["what", "how", "why"].contains(first), ["about", "if", "not", "else"].contains(second) { return false }
        if ["which", "what", "why", "where", "who", "whom", "whose"].contains(first) { return true }
        if first == "how", ["many", "much", "often", "long", "big", "large", "is", "are", "does", "do"].contains(second) { return true }
        if ["is", "are", "isn't", "aren't", "does", "doesn't", "did", "didn't", "was", "were"].contains(first), !requests.contains(second) { return true }
        // With a question mark: "do we have retries on …?", "should the job have retries?", "was it given…",
        // "any retries on …?", "the job has retries?" (a statement asked).
        if text.hasSuffix("?") {
            if ["do", "should", "was", "were", "has", "have", "hasn't", "haven't", "any"].contains(first),
               !(first == "should" && requests.contains(second)), !(first == "do" && ["it", "that", "this", "the"].contains(second)) { return true }
            let imperative: Set<String> = ["set", "add", "make", "give", "use", "change", "remove", "delete", "drop", "run", "retry", "schedule", "pause",
                                           "unpause", "rename", "move", "turn", "enable", "disable", "grant", "let", "allow", "put", "email", "notify",
                                           "tag", "bump", "increase", "decrease", "reduce", "raise", "lower", "upgrade", "switch", "please", "can",
                                           "could", "would", "will", "and", "also", "same", "actually", "undo", "revert", "try", "maybe"]
            if !imperative.contains(first), first.first?.isLetter == true, words.contains(where: { ["has", "have", "is", "are", "was", "were"].contains($0) }) {
                return true
            }
        }
        // "can you check if the pipeline is continuous", "tell me whether …": asking to look, not to change.
        if text.range(of: #"^(?:(?:can|could|would) (?:you|u) )?(?:please )?(?:check|see|verify|tell me|find out|confirm|show me)(?: for me)? (?:if|whether|what|which|how|when|that)\b"#, options: .regularExpression) != nil {
            return true
        }
        // "does the job retry?", "has prod got a schedule?": with a question mark, and not "can you …".
        if text.hasSuffix("?"), ["does", "do", "did", "doesn't", "has", "have", "hasn't", "was", "were", "will", "would", "can", "could"].contains(first),
           !requests.contains(second), !["it", "that", "this", "the same"].contains(second) || ["does", "did", "has", "was", "is"].contains(first) {
            return true
        }
        return false
    }

    /// "run it in parallel with gold_performance" after renaming gold_mechanical: "it" is the one task
    /// the request before named (as the bundle now has it); nil when that does not plan.
    func planItAsTheTaskBefore(_ context: PlanningContext, previous: RefineSession.Turn, resource: ResourceReference) -> (PlanOutcome, intent: String?)? {
        let tasks = resource.type == "jobs" ? context.catalog.namedParts(.task, of: resource, in: previous.request) : []
        guard tasks.count == 1, context.request.has("it"), context.catalog.namedParts(.task, of: resource, in: context.request.original) != tasks,
              let regex = try? NSRegularExpression(pattern: "\\bit\\b", options: [.caseInsensitive]) else { return nil }
        let original = context.request.original
        let request = regex.stringByReplacingMatches(in: original, range: NSRange(original.startIndex..., in: original),
                                                     withTemplate: NSRegularExpression.escapedTemplate(for: tasks[0]))
        var named = context.saying(request)
        named.defaultResource = resource
        let (outcome, intent) = plan(named, preferring: nil)
        guard case .plan(var planned) = outcome else { return nil }
        planned.request = planned.request ?? request
        return (.plan(planned), intent)
    }

    /// Plans a request in the light of the conversation: follow-ups reuse the previous turn's intent,
    /// resource and target. `undo` is not planned here: the caller reverts the last revision.
    public func plan(_ context: PlanningContext, session: RefineSession?) -> (PlanOutcome, intent: String?) {
        // "is the pipeline in development mode in dev?" committed development mode on: a question asks
        // for no change.
        if let asked = question(context) { return (asked, nil) }
        if let huge = Self.hugeNumber(context) { return (huge, nil) }
        if let asked = RemoveThemQuestion.asked(context, previous: session?.lastChange) { return (asked, nil) }
        // "2" after "make it 3 workers" was refused (the job runs on serverless): that request with 2 — not the
        // change before it with 2 (the task's retries became 2).
        if let last = session?.turns.last, last.commit == nil, (last.choices ?? []).isEmpty,
           let value = FollowUp.bareValue(context.request), value.allSatisfy({ $0.isNumber || $0 == "." }),
           last.request.range(of: #"(?i)\b\d+(\.\d+)?\s*(workers?|nodes?|hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|retries|times|runs?)\b"#, options: .regularExpression) != nil,
           let again = FollowUp.request(last.request, withOwnValue: value) {
            return plan(context.saying(again), preferring: nil)
        }
        // Phrasings read as other words before anything else ("no wait, …", "in both").
        for rewrite in FollowUpRewrites.first {
            if let rewritten = rewrite.rewrite(context, session: session, previous: session?.lastChange) { return plan(rewritten, session: session) }
        }
        // A follow-up builds on the previous request as it was planned ("same for prod" after "… with traffic_prod").
        var session = session
        // (The last change that still stands: an undone one is not what "same for X" repeats.)
        if let last = session?.lastChange,
           let i = session?.turns.lastIndex(where: { $0.intent != nil && $0.commit == last.commit && $0.request == last.request }),
           let planned = session?.turns[i].planned { session?.turns[i].request = planned }
        // "the ingest one", "prod", "Generate_NHP_Data_IP" after a question: its request, so answered.
        // "90 minutes" after "How long may a run take? Say, for example, "set the timeout to 2 hours"":
        // the offered request with that value.
        // (A bare number among two or more numbered choices picks one: "1" is the first, not the value 1.)
        let picksChoice = { (asked: RefineSession.Turn) -> Bool in
            guard let n = Int(context.request.original.trimmingCharacters(in: .whitespaces)), let choices = asked.choices, FollowUp.numbered(choices) else { return false }
            return n >= 1 && n <= choices.count
        }
        // An answer to the question before, made the question's request: planned about the resource the
        // question was about, without the question's turn; nil when it does not plan.
        func answered(_ request: String, asked: RefineSession.Turn) -> (PlanOutcome, intent: String?)? {
            guard var earlier = session else { return nil }
            earlier.turns.removeLast()
            var answering = context.saying(request)
            // (The question's own resource when its words name none: "set the timeout" asked of job etl.)
            if let about = Self.oneResource(namedIn: asked.request, context) ?? asked.resourceReference, answering.resourceOption == nil { answering.defaultResource = about }
            let (outcome, intent) = plan(answering, session: earlier)
            guard case .plan(var planned) = outcome else { return nil }
            planned.request = planned.request ?? request
            return (.plan(planned), intent)
        }
        // "call it republish_podcast" (or "republish_podcast", "the job should be called …") after "What should
        // the job be called?": the offered request with that name (it renamed the conversation's job).
        if let asked = session?.turns.last, asked.commit == nil, asked.reply.contains("be called?"), !picksChoice(asked),
           !FollowUp.mentionsAnotherKind(context, than: Self.askedAbout(asked, context)),
           let name = Self.nameAnswer(context.request.original),
           let choice = asked.choices?.first(where: { $0.range(of: #"\bcalled \S+"#, options: .regularExpression) != nil }) {
            let request = choice.replacingOccurrences(of: #"\bcalled \S+"#, with: "called \(name)", options: .regularExpression)
            if let planned = answered(request, asked: asked) { return planned }
        }
        // "owner=finance" after "Which tag? Write it as key=value" (offering "tag the job with team=data");
        // "2 hours" after "set the timeout of weekly_report" asked how long: the offered request
        // ("set the timeout to 2 hours") with the value, for weekly_report.
        if let asked = session?.turns.last, asked.commit == nil, !picksChoice(asked),
           let value = FollowUp.bareValue(context.request) ?? FollowUp.pairValue(context.request) {
            for choice in asked.choices ?? [] where !choice.hasPrefix("--") {
                guard let request = value.contains("=") ? FollowUp.request(choice, withValue: value) : FollowUp.request(choice, withOwnValue: value) else { continue }
                if let planned = answered(request, asked: asked) { return planned }
            }
        }
        // "Weekly Finance Report" (or "\"Weekly Finance Report\"") after "What should the new name be? Put it
        // in quotes.": the offered request with that text (a word of it asked for a weekly schedule).
        // (Not "rename the pipeline to \"PB\"" after "rename the dashboard" asked: another resource's own request —
        // the dashboard was renamed PB.)
        if let asked = session?.turns.last, asked.commit == nil, asked.reply.contains("in quotes"),
           !FollowUp.mentionsAnotherKind(context, than: Self.askedAbout(asked, context)),
           let choice = asked.choices?.first(where: { $0.range(of: "'[^']+'", options: .regularExpression) != nil }),
           let value = Self.textAnswer(context.request),
           let planned = answered(choice.replacingOccurrences(of: "'[^']+'", with: "\"\(value)\"", options: .regularExpression), asked: asked) {
            return planned
        }
        // "1234abcd5678ef90" after "Which SQL warehouse? … give its id": the question's request with it.
        if let asked = session?.turns.last, asked.commit == nil, asked.reply.contains("?"), !picksChoice(asked),
           let token = FollowUp.identifierAnswer(context.request), !Self.plansAlone(context, planner: self),
           let planned = answered(asked.request + " " + token, asked: asked) {
            return planned
        }
        // "newbie@example.com" after "Which address should be emailed?": the question's request with it (it was
        // not understood).
        if let asked = session?.turns.last, asked.commit == nil, asked.reply.contains("?"), !picksChoice(asked),
           let address = FollowUp.addressAnswer(context.request),
           let planned = answered(asked.request + " to " + address, asked: asked) {
            return planned
        }
        if let answered = answer(context, session: session) { return answered }
        // "8" after "set the max workers", which was not understood: the value is for that request, never
        // the last change ("8 retries"). Both said together, or asked.
        if let last = session?.turns.last, last.commit == nil, last.reply.hasPrefix("I did not understand"),
           let value = FollowUp.bareValue(context.request), !Self.plansAlone(context, planner: self) {
            let together = "\(last.request) to \(value)"
            let (outcome, intent) = plan(context.saying(together), preferring: nil)
            if case .plan(var planned) = outcome {
                planned.request = together
                return (.plan(planned), intent)
            }
            return (.clarify(question: "What should be \(value)? Your request before (\"\(last.request)\") was not understood, so \"\(context.request.original)\" has nothing to change; say the setting with the value.",
                              choices: [together]), nil)
        }
        // "2" after "What should be 3 workers? …" (a question no answer above took): no value of the change
        // before the question (it set the retries asked before to 2), asked again.
        // ("make it 4" too: it cut the timeout of the change before the question to 4 minutes.)
        if let asked = session?.turns.last, asked.commit == nil, let choices = asked.choices, !choices.isEmpty, !picksChoice(asked),
           context.request.original.trimmingCharacters(in: .whitespaces).allSatisfy({ $0.isNumber || $0 == "." })
            || (FollowUp.bareValue(context.request) != nil && !context.request.hasAny(["hour", "hours", "minute", "minutes", "min", "mins", "workers", "retries", "times"])),
           !Self.plansAlone(context, planner: self) {
            let question = asked.reply.split(separator: "?").first.map { String($0) + "?" } ?? asked.reply
            return (.clarify(question: "\"\(context.request.original.trimmingCharacters(in: .whitespaces))\" does not answer \"\(question)\"; say the whole change, such as \"\(choices[0])\".",
                             choices: choices), nil)
        }
        guard let previous = session?.lastChange else { return plan(context, preferring: nil) }
        // "make it 4 hours" after "add retries" (a count): the duration is for the conversation's last
        // change that was one (its timeout), or asked; never the retries.
        // (Likewise "make it 5 times" after a timeout: the retries; "8 workers" after retries: the cluster.)
        let kinds: [(units: Set<String>, intents: [String], example: String)] = [
            (["hour", "hours", "hr", "hrs", "h", "minute", "minutes", "min", "mins", "m", "second", "seconds", "sec", "secs", "s", "day", "days"],
             [JobTimeoutIntent.id, DurationWarningIntent.id, AutoTerminationIntent.id, ScheduleIntent.id, SQLWarehouseSettingsIntent.id], "set the timeout to"),
            (["times", "time", "retries", "retry"], [TaskRetriesIntent.id], "retry the tasks"),
            (["workers", "worker", "nodes", "node"], [ClusterSizeIntent.id, AutoscaleIntent.id], "use"),
        ]
        // "actually make that 3 hours for beta only" after a 2 hour timeout on alpha and beta: the clause of that
        // kind again, with the value, for that job alone (alpha's timeout and pause went to beta; or both got 3 hours).
        if context.resourceOption == nil, let match = context.request.original.firstMatch(of: /(?i)^\s*(?:actually|no|ok|okay|wait)?[,\s]*(?:make|set|change)\s+(?:that|it|this)\s+(?:to\s+)?(.+?)\s+(?:(?:for|on)\s+(?:the\s+)?([\w-]+)(?:\s+(?:job|pipeline|task))?(?:\s+only)?|only\s+(?:for|on)\s+(?:the\s+)?([\w-]+)(?:\s+(?:job|pipeline|task))?)\s*[.!]?\s*$/),
           let value = FollowUp.bareValue(RequestText(String(match.output.1))),
           let only = (match.output.2 ?? match.output.3).map(String.init),
           !context.request.hasAny(["task", "tasks", "step", "steps"]),
           let chosen = context.catalog.mentions(in: only).filter({ $0.value == .name }).keys.sorted().first {
            let unit = value.split(separator: " ").dropFirst().first.map(String.init)
            let kind = unit.flatMap { unit in kinds.first { $0.units.contains(unit) } }
            let clauses = CompoundRequest.clauses(previous.planned ?? previous.request) ?? [previous.planned ?? previous.request]
            let fitting = kind.map { kind in clauses.filter { CompoundRequest.bestIntent($0).map(kind.intents.contains) ?? false } }
                ?? clauses.filter { $0.range(of: #"\d"#, options: .regularExpression) != nil }
            if fitting.count == 1, let valued = FollowUp.request(fitting[0], withOwnValue: value),
               context.catalog.mentions(in: valued).keys.contains(chosen) {
                // The other resources the clause names leave it ("on alpha and beta" is "on beta").
                var request = valued
                for other in context.catalog.mentions(in: valued).keys where other != chosen && other.type == chosen.type {
                    let key = NSRegularExpression.escapedPattern(for: other.key)
                    request = request.replacingOccurrences(of: "\\b\(key)\\s*(,|\\band\\b)\\s*|\\s*(,|\\band\\b)\\s*\\b\(key)\\b", with: "", options: [.regularExpression, .caseInsensitive])
                }
                var again = context.saying(request)
                again.defaultTarget = context.targetOption == nil ? previous.target : nil
                let (outcome, intent) = plan(again, preferring: CompoundRequest.bestIntent(fitting[0]))
                guard case .plan(var planned) = outcome else { return (outcome, intent) }
                planned.request = request
                return (.plan(planned), intent)
            }
        }
        // "actually make it 4 retries" after "add retries to the silver task and email … on failure": a
        // correction of that clause, as if it had been asked alone (the whole request replayed with the
        // value retried every task).
        if let value = FollowUp.bareValue(context.request), context.resourceOption == nil, var narrowed = session,
           let clauses = CompoundRequest.clauses(previous.planned ?? previous.request), clauses.count >= 2,
           let i = narrowed.turns.lastIndex(where: { $0.commit != nil && $0.commit == previous.commit }) {
            let unit = value.split(separator: " ").dropFirst().first.map(String.init)
            let kind = unit.flatMap { unit in kinds.first { $0.units.contains(unit) } }
            // The clause of the kind the unit says, else the one clause that holds a number.
            let fitting = kind.map { kind in clauses.filter { CompoundRequest.bestIntent($0).map(kind.intents.contains) ?? false } }
                ?? clauses.filter { $0.range(of: #"\d"#, options: .regularExpression) != nil }
            if fitting.count == 1 {
                narrowed.turns[i].request = fitting[0]
                narrowed.turns[i].planned = nil
                narrowed.turns[i].intent = CompoundRequest.bestIntent(fitting[0]) ?? narrowed.turns[i].intent
                return plan(context, session: narrowed)
            }
        }
        if let value = FollowUp.bareValue(context.request), let unit = value.split(separator: " ").dropFirst().first,
           let kind = kinds.first(where: { $0.units.contains(String(unit)) }), !kind.intents.contains(previous.intent ?? ""), context.resourceOption == nil,
           !Self.plansAlone(context, planner: self) {
            let durations = kind.intents
            let undone = session?.undoneCommits ?? []
            if let earlier = session?.turns.last(where: { turn in
                durations.contains(turn.intent ?? "") && turn.commit.map { !undone.contains(String($0.prefix(7))) } == true
            }), let request = FollowUp.request(earlier.planned ?? earlier.request, withOwnValue: value) {
                var again = context.saying(request)
                again.defaultResource = earlier.resourceReference
                again.defaultTarget = context.targetOption == nil ? earlier.target : nil
                let (outcome, intent) = plan(again, preferring: earlier.intent)
                guard case .plan(var planned) = outcome else { return (outcome, intent) }
                planned.request = request
                return (.plan(planned), intent)
            }
            // "use 4 workers" on a serverless pipeline: what the words say alone (it cannot be done there, or
            // which pipeline), not a question whose answer is the same words again (it asked in a loop).
            if Self.intents.contains(where: { $0.score(context.request) > 0 }) {
                var alone = context
                alone.defaultResource = nil
                alone.defaultTarget = nil
                let (standalone, intent) = plan(alone, preferring: nil)
                switch standalone {
                case .refused, .clarify: return (standalone, intent)
                default: break
                }
            }
            return (.clarify(question: "What should be \(value)? Your change before (\"\(previous.planned ?? previous.request)\") is not counted in \(unit); say the setting, such as \"\(kind.example) \(value)\".",
                             choices: ["\(kind.example) \(value)"]), nil)
        }
        let asksSomething = Self.intents.contains { $0.score(context.request) > 0 }
        let previousResource = previous.resourceReference
        func again(_ request: String, target: String?, resource: String?) -> (PlanOutcome, intent: String?) {
            var repeated = PlanningContext(bundle: context.bundle, request: RequestText(request), targetOption: target,
                                           resourceOption: resource, defaultResource: previousResource)
            repeated.defaultTarget = previous.target
            let (outcome, intent) = plan(repeated, preferring: previous.intent)
            guard case .plan(var planned) = outcome else { return (outcome, intent) }
            // Remembered as done: "… in user" repeated for stage is "… in stage" ("actually make it 90
            // minutes" after "same for stage" changed user again).
            planned.request = target.map { Self.request(request, for: $0, targets: context.bundle.targetNames) } ?? request
            return (.plan(planned), intent)
        }
        // "and the silver ones to 2" after "bump retries to 3 on the bronze tasks": the same change with its own value.
        func valued(_ request: String) -> String {
            FollowUp.ownValue(context.request).flatMap { FollowUp.request(request, withOwnValue: $0) } ?? request
        }
        // Phrasings of a follow-up to the last change read as other words ("leave the fred ones at 1").
        for rewrite in FollowUpRewrites.afterLastChange {
            if let rewritten = rewrite.rewrite(context, session: session, previous: previous) { return plan(rewritten, session: session) }
        }
        var followUp = FollowUp.classify(context, session: session, asksSomething: asksSomething)
        // "3 retries" after "add retries to train_model": a few words of the same change, naming nothing
        // else, carry on with it (its resource and task) rather than start over on every task.
        // ("email ana@… on failure" after a change in prod: a whole request of its own, for every target.)
        // ("wait 5 min between retries" after "retry the training and scoring tasks 3 times": those tasks' wait, not
        // every task's, with retries added to the others.)
        let retryWait = previous.intent == TaskRetriesIntent.id && TaskRetriesIntent.interval(context.request) != nil && context.request.words.count <= 8
            && !context.request.hasAny(["every", "all", "each"])
        if followUp == .none, context.request.words.count <= 4 || retryWait, context.catalog.mentions(in: context.request.original).isEmpty,
           !(context.request.original.contains("@") && !EmailNotificationIntent.events(in: context.request).isEmpty),
           Self.intents.map({ ($0.id, $0.score(context.request)) }).max(by: { $0.1 < $1.1 }).map({ $0.1 > 0 && $0.0 == previous.intent }) == true {
            followUp = .continuation
        }
        // "email the alert to ops@…" after "alert if it runs longer than 2 hours": that warning's recipients.
        if followUp == .none, previous.intent == DurationWarningIntent.id, context.request.original.contains("@"),
           EmailNotificationIntent.events(in: context.request).isEmpty, !EmailNotificationIntent.removes(context.request),
           Set(context.catalog.mentions(in: context.request.original).keys).isSubset(of: previousResource.map { [$0] } ?? []) {
            followUp = .continuation
        }
        // "only view" after "let data-engineers manage the job": the same grant at another level; "90
        // minutes" after "a timeout of 3 hours": the same setting with another value.
        if followUp == .none, Self.restated(context.request, after: previous) != nil,
           previous.intent == PermissionIntent.id || (context.request.words.count <= 3 && context.catalog.mentions(in: context.request.original).isEmpty) {
            followUp = .continuation
        }
        // "and the other job too" among several others: the change before, on those it applies to (one is
        // the answer, several are asked), never the same job again with the words read afresh.
        if let previousResource, context.request.has("other"),
           FollowUp.refersBack(context.request, asksSomething: asksSomething), !(followUp.isSameForResource) {
            let type = context.request.hasAny(["pipeline", "pipelines"]) ? "pipelines" : context.request.hasAny(["job", "jobs"]) ? "jobs" : previousResource.type
            let others = context.catalog.references(ofType: type).filter { $0 != previousResource }
            // The question below answered ("1", "the etl one", `--resource jobs.etl`): the change before, there.
            if let chosen = context.resourceOption, let other = others.first(where: { $0.description == chosen }) {
                return again(valued(previous.request), target: context.targetOption ?? previous.target, resource: other.description)
            }
            if context.resourceOption == nil, others.count > 1, !context.request.hasAny(["jobs", "pipelines", "ones", "all", "every"]) {
                let fitting = others.filter { other in
                    if case .plan = again(valued(previous.request), target: context.targetOption ?? previous.target, resource: other.description).0 { return true }
                    return false
                }
                if fitting.count == 1 {
                    return again(valued(previous.request), target: context.targetOption ?? previous.target, resource: fitting[0].description)
                }
                let choices = (fitting.isEmpty ? others : fitting)
                return (.clarify(question: "Which other \(ResourceVocabulary.singular(type))? \(choices.map(\.key).joined(separator: ", ")) could take the change before (\"\(previous.request)\").",
                                 choices: choices.map { "--resource \($0.description)" }), nil)
            }
        }
        switch followUp {
        case .sameFor(let target):
            // "and translink_prod in prod" after "set the catalog variable to translink_dev in dev": the new value.
            // "same for prod" after "set the root path there to /Workspace/…/crm/staging": …/crm/prod, as the
            // value named the target it was for.
            // (A number takes the place of the number said before: "up to 10 workers" → "up to 4 workers".)
            func repeated(for target: String) -> (PlanOutcome, intent: String?) {
                // "same for dev but paused": the schedule made again, paused there (it was UNPAUSED).
                let given = FollowUp.givenValue(context.request, targets: context.bundle.targetNames)
                if let given, ["paused", "pause"].contains(given.lowercased()) {
                    var (outcome, intent) = again(previous.request, target: target, resource: context.resourceOption ?? previousResource?.description)
                    if case .plan(var plan) = outcome {
                        var paused = false
                        for (i, edit) in plan.edits.enumerated() {
                            for (j, operation) in edit.operations.enumerated() {
                                guard case .set(let path, _) = operation, let last = path.last, [EditPathComponent.key("quartz_cron_expression"), .key("pause_status")].contains(last),
                                      [EditPathComponent.key("schedule"), .key("trigger"), .key("continuous")].contains(path.dropLast().last ?? .key("")) else { continue }
                                let status = Array(path.dropLast()) + [.key("pause_status")]
                                plan.edits[i].operations.removeAll { if case .set(let p, _) = $0 { return p == status } else { return false } }
                                plan.edits[i].operations.append(.set(status, .string("PAUSED")))
                                paused = true
                                _ = j
                                break
                            }
                            if paused { break }
                        }
                        if paused {
                            plan.summary = plan.summary.replacingOccurrences(of: "UNPAUSED", with: "PAUSED") + " It is paused in \(target)."
                            plan.subject += ", paused"
                            outcome = .plan(plan)
                        }
                    }
                    return (outcome, intent)
                }
                // "same for staging but at 9am" after "run it daily at 8:15 in prod": the schedule again at that time
                // (the time was dropped, or "at 7" taken as 7 minutes).
                let clocks = ["\\b\\d{1,2}:\\d{2}(\\s*(am|pm))?\\b|\\b\\d{1,2}\\s*(am|pm)\\b", "\\bat\\s+\\d{1,2}\\b"].lazy.compactMap { pattern in
                    (try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]))?
                        .matches(in: previous.request, range: NSRange(previous.request.startIndex..., in: previous.request)).last
                }.first
                if previous.intent == ScheduleIntent.id, let time = ScheduleIntent.time(context.request), let last = clocks,
                   let range = Range(last.range, in: previous.request) {
                    let said = String(format: "%02d:%02d", time.hour, time.minute)
                    let request = previous.request.replacingCharacters(in: range, with: previous.request[range].lowercased().hasPrefix("at") ? "at \(said)" : said)
                    return again(request, target: target, resource: context.resourceOption ?? previousResource?.description)
                }
                // "and spot in dev" after "use on-demand instances in prod": the words ask that change themselves (the
                // previous request made again in dev gave dev on-demand instances).
                if previous.intent == AvailabilityIntent.id, AvailabilityIntent.score(context.request) > 0 {
                    let (outcome, intent) = again(context.request.original, target: target, resource: context.resourceOption ?? previousResource?.description)
                    if case .plan = outcome { return (outcome, intent) }
                }
                let request = given
                    .flatMap { value in
                        (value.allSatisfy(\.isNumber) || value.first?.isNumber == true && value.contains(" ") ? FollowUp.request(previous.request, withOwnValue: value) : nil)
                            ?? FollowUp.request(previous.request, withValue: value)
                    }
                    ?? previous.target.map { FollowUp.request(previous.request, valuesNaming: $0, renamedTo: target) } ?? previous.request
                return again(request, target: target, resource: context.resourceOption ?? previousResource?.description)
            }
            // "and abfss://…dev… for dev and staging": each target named, in one revision (staging was dropped).
            let named = context.bundle.targetNames.filter { FollowUp.names(context.request, target: $0) && $0 != previous.target }
            guard named.count > 1, named.contains(target), context.targetOption == nil else { return repeated(for: target) }
            var plans: [Plan] = []
            for each in named {
                switch repeated(for: each).0 {
                case .plan(let plan): plans.append(plan)
                case let other: return (other, nil)
                }
            }
            if plans.contains(where: { $0.contents != nil }) {
                return (.clarify(question: "Which target first? Each is a change of its own.", choices: named.map { "--target \($0)" }), nil)
            }
            var merged = Self.merged(plans, subject: plans[0].subject.replacingOccurrences(of: " in \(target)", with: " in \(named.joined(separator: " and "))"))
            merged.target = nil
            merged.request = plans[0].request
            return (.plan(merged), previous.intent)
        case .sameForResource(let resource):
            // "also on success of training" after "email ml-ops@… when evaluation fails": the same people, on
            // the events the follow-up names.
            if previous.intent == EmailNotificationIntent.id, !EmailNotificationIntent.removes(context.request), !context.request.original.contains("@") {
                let events = EmailNotificationIntent.events(in: context.request)
                let addresses = Self.addresses(in: previous.request)
                if !events.isEmpty, !addresses.isEmpty {
                    return again("email \(addresses.joined(separator: " and ")) \(EmailNotificationIntent.phrase(events))",
                                 target: context.targetOption ?? previous.target, resource: resource.description)
                }
                // "same for telematics" after "email ops@… when the flood job fails" and "and on success too": every
                // event the conversation gave those people on the job before.
                if events.isEmpty, !addresses.isEmpty, let before = previousResource, before.type == resource.type, resource.type == "jobs",
                   let notifications = context.effectiveResource(before, target: previous.target)?["email_notifications"] {
                    let theirs = EmailNotificationIntent.eventNames.filter { event in
                        addresses.contains { (notifications[event]?.sequence?.compactMap(\.string) ?? []).contains($0) }
                    }
                    if theirs.count > 1 {
                        return again("email \(addresses.joined(separator: " and ")) \(EmailNotificationIntent.phrase(theirs))",
                                     target: context.targetOption ?? previous.target, resource: resource.description)
                    }
                }
            }
            // "and the ml one an hour later" after "schedule the data job daily at 8:30": at 9:30.
            if previous.intent == ScheduleIntent.id, let shift = ScheduleIntent.shift(context.request),
               let shifted = ScheduleIntent.request(previous.request, shiftedBy: shift) {
                return again(shifted, target: context.targetOption ?? previous.target, resource: resource.description)
            }
            // "same for infra-start but 6am" after "run the infra stop job at 22:00 london time": at 06:00.
            if previous.intent == ScheduleIntent.id, let time = ScheduleIntent.time(context.request),
               let before = ScheduleIntent.time(RequestText(previous.request)),
               let moved = ScheduleIntent.request(previous.request, shiftedBy: (time.hour - before.hour) * 60 + time.minute - before.minute) {
                return again(moved, target: context.targetOption ?? previous.target, resource: resource.description)
            }
            // ("and for the ingestion job in dev": in the target the words name.)
            let said = context.bundle.targetNames.first { FollowUp.names(context.request, target: $0) }
            return again(valued(previous.request), target: context.targetOption ?? said ?? previous.target, resource: resource.description)
        case .sameForResources(let resources):
            // Each one as "same for" it would be, in one revision.
            var plans: [Plan] = [], skipped: [(ResourceReference, String)] = []
            for resource in resources {
                switch again(valued(previous.request), target: context.targetOption ?? previous.target, resource: resource.description).0 {
                case .plan(let plan): plans.append(plan)
                case .refused(let reason): skipped.append((resource, reason))
                case let other: return (other, nil)
                }
            }
            guard !plans.isEmpty else { return (.refused(skipped.map { "\($0.0.key): \($0.1)" }.joined(separator: "; ")), previous.intent) }
            // (Plans of whole files do not add up: asked one at a time.)
            if plans.count > 1, plans.contains(where: { $0.contents != nil }) {
                return (.clarify(question: "Which one first? Each is a change of its own.", choices: resources.map { "--resource \($0.description)" }), nil)
            }
            let changed = resources.filter { resource in !skipped.contains { $0.0 == resource } }
            var merged = Self.merged(plans, subject: EveryResource.rephrase(plans[0].subject, resource: changed[0], as: EveryResource.spoken(changed)))
            merged.summary += EveryResource.notChanged(skipped)
            merged.request = plans[0].request
            return (.plan(merged), previous.intent)
        case .sameForParts(let kind, let keys):
            // The previous request with its parts ("… on the bronze_stores and bronze_orders task") replaced.
            let noun = ResourceCatalog.PartKind(rawValue: kind)?.noun ?? "task"
            let previousRequest = valued(previous.request)
            let bare = previousRequest.range(of: " on the ", options: .backwards).map { String(previousRequest[..<$0.lowerBound]) } ?? previousRequest
            let request = "\(bare) on the \(keys.joined(separator: " and ")) \(noun)"
            return again(request, target: context.targetOption ?? previous.target, resource: context.resourceOption ?? previousResource?.description)
        case .sameForPart(let kind, let key):
            let request = Self.request(valued(previous.request), retargetedTo: key, kind: kind, in: context, resource: previousResource)
            return again(request, target: context.targetOption ?? previous.target, resource: context.resourceOption ?? previousResource?.description)
        case .continuation:
            // "make it 'pricing-ml' instead" after "tag every job with team=pricing": every job again, with the new
            // value (it asked which job).
            if previousResource == nil, context.resourceOption == nil, !EveryResource.types(in: RequestText(previous.request)).isEmpty,
               context.catalog.mentions(in: context.request.original).isEmpty,
               let said = context.request.original.firstMatch(of: /(?i)^\s*(?:(?:actually|ok|okay|no|sorry|hmm|then|please)[,.!]?\s+)*(?:make|set|change)\s+(?:it|that|them|those)\s+(?:to\s+|be\s+)?(\S+?)(?:\s+instead)?\s*[.!]?\s*$/),
               let request = FollowUp.request(previous.request, withValue: String(said.output.1).trimmingCharacters(in: CharacterSet(charactersIn: "\"'`"))) {
                return again(request, target: context.targetOption ?? previous.target, resource: nil)
            }
            // "set it to 0.85 in prod" after "add a variable min_accuracy …": "it" is that variable.
            // ("run it every day at 2am in qa" asks for a schedule: no variable called run.)
            if [VariableIntent.id, VariableValueIntent.id].contains(previous.intent ?? ""), context.request.has("it"),
               !Self.intents.contains(where: { ![VariableIntent.id, VariableValueIntent.id].contains($0.id) && $0.score(context.request) >= 2 }),
               let name = (context.bundle.configuration["variables"]?.mapping?.keys ?? []).first(where: { ResourceCatalog.words(previous.request).contains($0.lowercased()) || previous.request.contains($0) }),
               let regex = try? NSRegularExpression(pattern: "\\bit\\b", options: [.caseInsensitive]) {
                let original = context.request.original
                // "make it 12": set that variable to 12.
                var request = regex.stringByReplacingMatches(in: original, range: NSRange(original.startIndex..., in: original), withTemplate: "the \(name) variable")
                if let made = try? NSRegularExpression(pattern: "^(make|change|bump|raise|lower) the \(NSRegularExpression.escapedPattern(for: name)) variable (?!to )", options: [.caseInsensitive]) {
                    request = made.stringByReplacingMatches(in: request, range: NSRange(request.startIndex..., in: request), withTemplate: "set the \(NSRegularExpression.escapedTemplate(for: name)) variable to ")
                }
                return plan(PlanningContext(bundle: context.bundle, request: RequestText(request), targetOption: context.targetOption,
                                            resourceOption: context.resourceOption, defaultResource: nil, defaultTarget: context.defaultTarget ?? previous.target,
                                            catalog: context.catalog),
                            preferring: VariableValueIntent.id)
            }
            // "make it CAN_MANAGE" after "give the app CAN_USE on the warehouse": the request before, at that level.
            if let level = context.request.original.split(whereSeparator: \.isWhitespace).map({ $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,!\"'")) })
                .first(where: { $0.uppercased().hasPrefix("CAN_") || $0.uppercased() == "IS_OWNER" }),
               context.request.words.count <= 5, context.catalog.mentions(in: context.request.original).isEmpty {
                let before = previous.request.range(of: #"\b(CAN_[A-Za-z_]+|IS_OWNER)\b"#, options: [.regularExpression, .caseInsensitive])
                // ("let the app use the sql warehouse …" said no level: the same, with this one.)
                let request = before.map { previous.request.replacingCharacters(in: $0, with: level.uppercased()) }
                    ?? (previous.intent == AppResourceIntent.id ? previous.request + " with \(level.uppercased())" : previous.request)
                if request != previous.request {
                    let (outcome, intent) = plan(context.saying(request), preferring: previous.intent)
                    if case .plan(var planned) = outcome {
                        planned.request = request
                        return (.plan(planned), intent)
                    }
                }
            }
            // "upgrade it to 2.2.3", "remove it" after "add the library pandas==2.2.2": "it" is that package.
            if [LibraryIntent.id, LibraryVersionIntent.id, LibraryRemovalIntent.id].contains(previous.intent ?? ""), context.request.hasAny(["it", "that"]),
               let name = LibraryIntent.packageName(in: previous.request, context: context),
               let regex = try? NSRegularExpression(pattern: "\\b(it|that)\\b", options: [.caseInsensitive]) {
                let original = context.request.original
                var request = regex.stringByReplacingMatches(in: original, range: NSRange(original.startIndex..., in: original), withTemplate: name)
                var preferred = previous.intent
                // "make it 2.2.3": the package at that version (it asked which library).
                if let version = context.request.words.first(where: { $0.range(of: #"^\d+(\.\d+)+$"#, options: .regularExpression) != nil }),
                   !context.request.hasAny(["remove", "drop", "delete", "uninstall"]) {
                    request = "upgrade \(name) to \(version)"
                    preferred = LibraryVersionIntent.id
                }
                var named = context.saying(request)
                named.defaultResource = previousResource
                named.defaultTarget = context.defaultTarget ?? previous.target
                let (outcome, intent) = plan(named, preferring: preferred)
                guard case .plan(var planned) = outcome else { return (outcome, intent) }
                planned.request = request
                return (.plan(planned), intent)
            }
            var continued = context
            // "and the ml one at 9:30" after "… daily at 8:30 Amsterdam time": in that time zone too.
            if previous.intent == ScheduleIntent.id, ScheduleIntent.zone(context.request) == nil, ScheduleIntent.time(context.request) != nil,
               let zone = ScheduleIntent.zone(RequestText(previous.request)) {
                continued = context.saying(context.request.original + " \(zone)")
            }
            // "also on success" after "email ops@example.com when it fails": the same addresses.
            // "remove andras from it": the recipient whose address has that name.
            let named = previous.intent == EmailNotificationIntent.id && EmailNotificationIntent.removes(context.request)
                ? EmailNotificationIntent.namedRecipients(context.request, among: Set(context.catalog.entries.map(\.reference).flatMap {
                    EmailNotificationIntent.recipientsOf($0, context, target: nil) })) : []
            if !named.isEmpty, !context.request.original.contains("@") {
                continued = context.saying("stop emailing \(named.joined(separator: " and "))")
            } else if previous.intent == DurationWarningIntent.id, context.request.original.contains("@"),
                      !context.request.hasAny(["fail", "fails", "failure", "failures", "success", "succeeds", "start", "starts"]) {
                // "send that to ops@example.com" after "alert me if a run takes more than 45 minutes": that warning's recipients.
                continued = context.saying(context.request.original + " when a run takes too long")
            } else if previous.intent == EmailNotificationIntent.id, context.request.original.contains("@"), context.request.has("instead"),
                      !context.request.lowered.contains("instead of"), !Self.addresses(in: previous.request).isEmpty,
                      !EmailNotificationIntent.removes(context.request) {
                // "make it dave@… instead" after "email failures to carol@…": dave in carol's place; the others
                // stay (every recipient was replaced by dave).
                let before = Self.addresses(in: previous.request).filter { !Self.addresses(in: context.request.original).contains($0) }
                let events = EmailNotificationIntent.events(in: context.request).isEmpty ? EmailNotificationIntent.events(in: RequestText(previous.request)) : []
                continued = context.saying("email \(Self.addresses(in: context.request.original).joined(separator: " and ")) instead of \(before.joined(separator: " and "))"
                                           + (events.isEmpty ? "" : " " + EmailNotificationIntent.phrase(events)))
            } else if previous.intent == EmailNotificationIntent.id, context.request.original.contains("@"), !EmailNotificationIntent.removes(context.request),
                      // ("replace a@… with b@…": on the events a@… gets, not those of the change before.)
                      !(context.request.hasAny(["replace", "swap", "switch"]) && Self.addresses(in: context.request.original).count >= 2),
                      EmailNotificationIntent.events(in: context.request).isEmpty, !EmailNotificationIntent.events(in: RequestText(previous.request)).isEmpty
                        || previous.request.contains("@") {
                // "also email ops@example.com about it", "add ops@… too": on the events the one e-mailed
                // before gets now (on failure and success after "also on success"), else those the change
                // before was about.
                let before = Self.addresses(in: previous.request)
                let notifications = previousResource.flatMap { context.effectiveResource($0, target: previous.target) }?["email_notifications"]
                let theirs = EmailNotificationIntent.eventNames.filter { event in
                    before.contains { (notifications?[event]?.sequence?.compactMap(\.string) ?? []).contains($0) }
                }
                let events = theirs.isEmpty ? EmailNotificationIntent.events(in: RequestText(previous.request)) : theirs
                continued = context.saying(context.request.original + " " + EmailNotificationIntent.phrase(events))
            } else if previous.intent == EmailNotificationIntent.id, !context.request.original.contains("@"),
                      // ("make it 6 instead of 7" after an e-mail change is about something else: a number is no
                      // recipient; it replaced every recipient by the one of the change before.)
                      !(EmailNotificationIntent.events(in: context.request).isEmpty && context.request.original.contains(where: \.isNumber)),
                      // ("pause it", "add retries to it" after an e-mail change ask for a change of their own.)
                      !EmailNotificationIntent.events(in: context.request).isEmpty
                        || Self.intents.allSatisfy({ $0.id == EmailNotificationIntent.id || $0.score(context.request) <= EmailNotificationIntent.score(context.request) }) {
                let addresses = Self.addresses(in: previous.request)
                // "on failure instead" after "email pat@… when it succeeds": pat moves to the failure e-mails (every
                // failure recipient was replaced by pat, who stayed on success).
                let before = EmailNotificationIntent.events(in: RequestText(previous.request))
                if !addresses.isEmpty, context.request.has("instead"), !context.request.lowered.contains("instead of"), !before.isEmpty,
                   Set(EmailNotificationIntent.events(in: context.request)).isDisjoint(with: before) {
                    let request = context.request.original.replacingOccurrences(of: #"(?i)[,\s]*\binstead\b[.!]?"#, with: "", options: .regularExpression)
                    continued = context.saying("email \(addresses.joined(separator: " and ")) \(request) instead of \(EmailNotificationIntent.phrase(before))")
                } else if !addresses.isEmpty { continued = context.saying("email \(addresses.joined(separator: " and ")) " + context.request.original) }
            }
            // "make it 12" after "set max workers to 16", "make it 8" after "set the workers to 4", "make it 5"
            // after "add retries": the number is that setting's again (it once halved workers, said "already has 2").
            // ("make it 3 in dev": the target it names stays with the words, not the shared value.)
            if let restated = Self.restated(context.request, after: previous) {
                let named = context.bundle.targetNames.first { PlanningContext.namesTarget(context.request, $0.lowercased()) }
                let keeps = named.map { name in PlanningContext.namesTarget(RequestText(restated), name.lowercased()) } ?? true
                continued = context.saying(keeps ? restated : restated + " in \(named!)")
            }
            // "make it 2 hours" after "set a 1 hour timeout on the train task": still that task.
            // Only when the words carry on with that change (no other change reads them).
            let scores = Self.intents.map { ($0.id, $0.score(context.request)) }
            let best = scores.max { $0.1 < $1.1 }
            let more = context.request.words.count <= 4 && context.request.hasAny(["even", "again", "further", "still"])
            // "and the foo bar": words no change reads and nothing of the bundle has are no reason to make the
            // change before again (with its default value, on its resource).
            // (Only a bare phrase: "make it n2-highmem-8" gives a value, which the change before reads.)
            // (Only after a change of tasks, where such words would be a task's name: "and the analysts group
            // too" after a grant and "and schema spend_v2 there" after a variable are values.)
            if best.map({ $0.1 == 0 }) ?? true, continued.request.original == context.request.original, !more,
               [TaskRetriesIntent.id, JobTimeoutIntent.id].contains(previous.intent ?? ""), !context.request.original.contains(where: { $0.isNumber || "_@=.-/".contains($0) }),
               !context.request.hasAny(["make", "set", "use", "change", "switch", "to", "put", "move", "give", "add", "remove", "it", "them"]) {
                let known = Set(context.catalog.entries.flatMap { $0.keyWords + $0.nameWords + $0.fileWords + $0.parts.flatMap(\.words) }
                    + ResourceCatalog.words(previous.request) + context.bundle.targetNames.map { $0.lowercased() })
                let unknown = context.request.words.filter { word in
                    word.count >= 3 && word.first?.isNumber == false && RequestText.numberWords[word] == nil && !ResourceVocabulary.common.contains(word) && !known.contains(word)
                        && !Self.followUpWords.contains(word)
                }
                if !unknown.isEmpty {
                    return (.notUnderstood(message: "I did not understand \"\(context.request.original)\": nothing in this bundle is called \(unknown.map { "\"\($0)\"" }.joined(separator: " or ")).",
                                           examples: closestExamples(to: context.request)), nil)
                }
            }
            // "make it purple" after a timeout, retries or a size: no value of that setting, and no request
            // of its own (read with the change before, it was asked "how long?").
            if best.map({ $0.1 == 0 }) ?? true, continued.request.original == context.request.original, !more,
               [TaskRetriesIntent.id, JobTimeoutIntent.id, ClusterSizeIntent.id, MaxConcurrentRunsIntent.id].contains(previous.intent ?? ""),
               !context.request.original.contains(where: \.isNumber), context.request.hasAny(["it", "that"]) {
                let valueWords: Set<String> = ["make", "set", "use", "change", "switch", "to", "put", "it", "that", "them", "an", "a", "one", "be", "should",
                                               "hour", "hours", "minute", "minutes", "second", "seconds", "day", "days", "time", "times", "retry", "retries",
                                               "worker", "workers", "node", "nodes", "run", "runs", "at", "most", "least", "max", "maximum", "min", "minimum", "of"]
                let meaningless = context.request.words.filter { word in
                    word.count >= 3 && !valueWords.contains(word) && RequestText.numberWords[word] == nil && !Self.followUpWords.contains(word)
                        && !ResourceVocabulary.common.contains(word) && !context.catalog.entries.contains { $0.keyWords.contains(word) || $0.nameWords.contains(word) }
                        && !context.bundle.targetNames.contains { $0.lowercased() == word }
                }
                if !meaningless.isEmpty {
                    return (.notUnderstood(message: "I did not understand \"\(context.request.original)\" as a change: \(meaningless.map { "\"\($0)\"" }.joined(separator: " or ")) is no value of the change before (\"\(previous.planned ?? previous.request)\").",
                                           examples: closestExamples(to: context.request)), nil)
                }
            }
            let same = more || (best.map { $0.1 == 0 || $0.0 == previous.intent } ?? true)
            // "set a timeout of one hour on it", "give that task a 1 hour timeout" after "add 3 retries to the
            // load task": another setting of that task.
            let thatTask = context.request.contains("that task") || context.request.contains("this task") || context.request.contains("same task")
            // ("give it 2 retries" after renaming or adding a task: that task, not every task of the job.)
            let ofTasks = [JobTimeoutIntent.id, TaskRetriesIntent.id, LibraryIntent.id, TaskRunIfIntent.id].contains(best?.0 ?? "")
                && [JobTimeoutIntent.id, TaskRetriesIntent.id, LibraryIntent.id, RenameTaskIntent.id, AddTaskIntent.id, TaskRunIfIntent.id].contains(previous.intent ?? "")
                && (context.request.hasAny(["it", "that", "this"]) || thatTask)
            if same || ofTasks, let resource = previousResource, resource.type == "jobs", thatTask || !context.request.hasAny(["job", "jobs", "task", "tasks"]) {
                // The tasks the previous request named: with the word "task", or by a key written as it is ("train_model").
                var tasks = context.catalog.namedParts(.task, of: resource, in: previous.request).filter { key in
                    RequestText(previous.request).hasAny(["task", "tasks"]) || (key.contains("_") && previous.request.contains(key))
                }
                // "remove it" after "add a task report after check_drift …": the task added, not the one it follows.
                if previous.intent == AddTaskIntent.id, let added = AddTaskIntent.addedKey(previous.request), tasks.contains(added) { tasks = [added] }
                if !tasks.isEmpty, context.catalog.namedParts(.task, of: resource, in: context.request.original).isEmpty {
                    continued = context.saying(continued.request.original + " on the " + tasks.joined(separator: " and ") + " task")
                }
            }
            // "and the other jobs too": each of them, not the one just changed.
            let others = continued.request.has("other") && !EveryResource.types(in: continued.request).isEmpty
            // ("nightly should kick off at 5:30 instead" after a change of gold_scoring: nightly_etl's word, not gold_scoring.)
            let another = previousResource.flatMap { context.catalog.mentions(in: context.request.original).isEmpty ? context.catalog.nameOfAnother(in: context.request.original, than: $0) : nil }
            continued.defaultResource = continued.defaultResource ?? (others || another != nil ? nil : previousResource)
            continued.defaultTarget = continued.defaultTarget ?? previous.target
            // "actually they should be able to upload files there too" after a grant on the landing volume: "there"
            // is that volume (it asked which target "there" is).
            if context.request.saysThere, continued.defaultTarget == nil, context.targetOption == nil, let securable = previousResource,
               ["schemas", "volumes", "registered_models"].contains(securable.type) {
                let place = "the \(securable.key) \(ResourceVocabulary.singular(securable.type))"
                let said = continued.request.original
                    .replacingOccurrences(of: #"(?i)\bupload(?:\s+files)?\s+there\b"#, with: "write to \(place)", options: .regularExpression)
                    .replacingOccurrences(of: #"(?i)\b(?:in|into|to|on)?\s*there\b"#, with: " on \(place)", options: .regularExpression)
                return plan(context.saying(said.trimmingCharacters(in: .whitespaces)), session: session)
            }
            // "set the catalog to staging there" when the turn before made no target: "there" is nowhere.
            if context.request.saysThere, continued.defaultTarget == nil, context.targetOption == nil,
               !context.bundle.targetNames.contains(where: { PlanningContext.namesTarget(context.request, $0.lowercased()) }) {
                return (.clarify(question: "Which target is \"there\"? The change before this one was not for one target.",
                                 choices: context.bundle.targetNames.map { "--target \($0)" }), nil)
            }
            // A removal is carried on only by words that remove ("and the legacy task too"); "the verification
            // should still run even if the orchestrator step fails" after one removed the orchestrator.
            let removals = [RemoveTaskIntent.id, LibraryRemovalIntent.id, RemoveResourceIntent.id, ScheduleRemovalIntent.id, RemoveTargetIntent.id]
            let removes = context.request.hasAny(["remove", "drop", "delete", "rid", "out", "too", "also", "same", "and"]) || context.request.words.count <= 3
            // ("make it autoscale between 1 and 4 workers in prod" after "use 2 workers": autoscaling, which the
            // words say; read as the size before, it set 2–4.)
            let carried = previous.intent == ClusterSizeIntent.id && AutoscaleIntent.score(context.request) > ClusterSizeIntent.score(context.request)
                ? AutoscaleIntent.id : previous.intent
            var (outcome, intent): (PlanOutcome, String?) = plan(continued, preferring: removals.contains(previous.intent ?? "") && !removes ? nil : carried)
            if removals.contains(intent ?? ""), !removes, !(OfflinePlanner.intents.first { $0.id == intent }.map { $0.score(context.request) > 0 } ?? false) {
                return (.notUnderstood(message: "I did not understand \"\(context.request.original)\" as a change; it does not say to remove anything.",
                                       examples: closestExamples(to: context.request)), nil)
            }
            if let previousResource, context.resourceOption == nil, outcome.isQuestionOrRefusal,
               let planned = planItAsTheTaskBefore(continued, previous: previous, resource: previousResource) { return planned }
            // "make it 8am instead" after "run the job daily at 7am" and "pause it in dev": the schedule
            // set for every target, not dev's; a change like an earlier turn's is for that turn's target.
            if case .plan(let planned) = outcome, let chosen = intent, chosen != previous.intent, context.targetOption == nil, planned.target == previous.target,
               previous.target != nil, !context.request.saysThere, !context.bundle.targetNames.contains(where: { PlanningContext.namesTarget(context.request, $0.lowercased()) }),
               let earlier = session?.turns.last(where: { $0.intent == chosen && $0.commit != nil }), earlier.target != previous.target,
               earlier.resourceReference == nil || earlier.resourceReference == previousResource {
                var again = continued
                again.defaultTarget = earlier.target
                let replanned = plan(again, preferring: chosen)
                if case .plan = replanned.0 { (outcome, intent) = (replanned.0, replanned.intent) }
            } else if case .plan = outcome,
                      // ("add retries to it" after "only in prod": a change of its own kind, said in its own
                      // words, is for every target; so is a grant to someone else after one in prod.)
                      (intent != previous.intent && (previous.intent == SchedulePauseIntent.id || context.request.words.count > 4
                                                     || ((Self.intents.first { $0.id == intent }?.score(context.request) ?? 0) > 0
                                                         // ("and add retries too": also there.)
                                                         && !(context.request.words.first == "and" || context.request.hasAny(["too", "also"]) || context.request.contains("as well")))))
                        || (intent == PermissionIntent.id && previous.intent == PermissionIntent.id
                            && PermissionIntent.principal(in: context.request).map { $0.name } != nil
                            && PermissionIntent.principal(in: context.request).map { $0.name } != PermissionIntent.principal(in: RequestText(previous.request)).map { $0.name }),
                      context.targetOption == nil, context.defaultTarget == nil, previous.target != nil, !context.request.saysThere,
                      !context.bundle.targetNames.contains(where: { PlanningContext.namesTarget(context.request, $0.lowercased()) }) {
                // "set a timeout of 4 hours on it" after "pause the schedule in dev": pausing is for one target,
                // the next kind of change is not (unless it names one). Likewise "rename dbt_seed and retry it
                // twice" or "also add me to the failure emails" after a change in prod: another kind of change,
                // which names no target, is for every target (it went to prod alone, unsaid).
                var again = continued
                again.defaultTarget = nil
                let replanned = plan(again, preferring: intent)
                if case .plan = replanned.0 { (outcome, intent) = (replanned.0, replanned.intent) }
            }
            // What was planned, when the words were read as more ("make it 5" → "retry 5 times on the load task"):
            // the next "same for …" repeats that.
            guard case .plan(var planned) = outcome, continued.request.original != context.request.original else { return (outcome, intent) }
            planned.request = planned.request ?? continued.request.original
            return (.plan(planned), intent)
        case .undo, .none:
            let (outcome, intent) = plan(context, preferring: nil)
            // "only one run at a time" after "turn on queueing for the ingest job": another change, to the
            // same job, where the request names none and the question would offer it among others.
            let mentioned = Set(context.catalog.mentions(in: context.request.original).keys)
            // (Not "for all three", "on both", "every …": many, not the one before.)
            // (Not when the words name a job the bundle does not have: "the weekly job" is asked about, never
            // taken for the conversation's.)
            if case .clarify(_, let choices) = outcome, let previousResource, context.resourceOption == nil,
               mentioned.isEmpty || mentioned == [previousResource], EveryResource.types(in: context.request).isEmpty,
               // ("tag the job and the pipeline": two resources named by kind, not the conversation's one.)
               EveryResource.paired(in: context.request, one: { _ in true }).isEmpty,
               !context.request.hasAny(["all", "every", "each", "both", "everything", "everywhere"]),
               context.catalog.unknownName(in: context.request.original, types: [previousResource.type]) == nil,
               context.catalog.nameOfAnother(in: context.request.original, than: previousResource) == nil,
               !Self.namesAnotherKind(context, previousResource.type), !Self.pointsAtAnother(context, previousResource, choices: choices) {
                var continued = context
                continued.defaultResource = previousResource
                // The resource carries on, not the target: a request that names none is for every target.
                if mentioned.isEmpty, choices.contains("--resource \(previousResource)") {
                    let (again, againIntent) = plan(continued, preferring: nil)
                    if case .plan(var planned) = again {
                        // Said, so that a change meant for another (or for all) is seen at once.
                        let others = choices.compactMap { $0.hasPrefix("--resource ") ? String($0.dropFirst("--resource ".count)) : nil }
                            .filter { $0 != previousResource.description }.compactMap { ResourceReference(parsing: $0)?.key }
                        if !others.isEmpty, planned.resource == previousResource || planned.job == previousResource.key {
                            planned.summary += " (The request named no \(ResourceVocabulary.singular(previousResource.type)); this is the one the conversation is about. \(others.joined(separator: ", ")) could take it too: name \(others.count == 1 ? "it" : "one"), or say \"every\".)"
                        }
                        return (.plan(planned), againIntent)
                    }
                }
                if let planned = planItAsTheTaskBefore(continued, previous: previous, resource: previousResource) { return planned }
            }
            return (outcome, intent)
        }
    }

    /// A rewritten request planned: again in the conversation, as one change, or as the rewrite planned it.
    func plan(_ rewritten: FollowUpRewritten, session: RefineSession?) -> (PlanOutcome, intent: String?) {
        // The words as read are what the conversation remembers ("same for infra-start" after "the intake job
        // keeps timing out, set a timeout of 20 minutes on it" replayed the description, not understood).
        func remembered(_ result: (PlanOutcome, intent: String?), _ words: String) -> (PlanOutcome, intent: String?) {
            guard case .plan(var planned) = result.0 else { return result }
            planned.request = planned.request ?? words
            return (.plan(planned), result.intent)
        }
        switch rewritten {
        case .followUp(let context): return remembered(plan(context, session: session), context.request.original)
        case .change(let context, let preferred): return remembered(plan(context, preferring: preferred), context.request.original)
        case .outcome(let outcome, let intent): return (outcome, intent)
        }
    }

    /// "the weekly job": a word before the kind's noun that no resource of the bundle has (so the words
    /// name one it does not have).
    /// Whether the words say "the weekly …" where a word right after "the" is in the key or name of another
    /// resource the question offers, and not in the conversation's: "move the weekly report to Monday 7am"
    /// after a turn about daily_etl_job is about weekly_analytics_job (it rescheduled the daily job).
    static func pointsAtAnother(_ context: PlanningContext, _ previous: ResourceReference, choices: [String]) -> Bool {
        let words = context.request.words
        let offered = choices.compactMap { $0.hasPrefix("--resource ") ? ResourceReference(parsing: String($0.dropFirst("--resource ".count))) : nil }
        func named(_ reference: ResourceReference) -> Set<String> {
            Set(context.catalog.entries.first { $0.reference == reference }.map { $0.keyWords + $0.nameWords } ?? [])
        }
        let own = named(previous)
        let determiners: Set<String> = ["the", "my", "our", "that", "this"]
        let said = Set(words.indices.filter { $0 > 0 && determiners.contains(words[$0 - 1]) }.map { words[$0] })
            .subtracting(own).subtracting(ResourceVocabulary.nouns.values.flatMap { $0 }).filter { $0.count >= 3 }
        return offered.contains { $0 != previous && !named($0).isDisjoint(with: said) }
    }

    /// The name an answer to "What should the job be called?" gives: "call it X", "name the new job X",
    /// "it should be called X", "X"; nil for other words.
    static func nameAnswer(_ text: String) -> String? {
        let said = text.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: ".!")))
        let name = #"["'`“]?([A-Za-z][\w.-]*?)["'`”]?"#
        let patterns = [#"^(?:let'?s |please )?(?:call|name) (?:it|that|this|the (?:new )?[a-z]+)(?: as)? "# + name + #"(?: please)?$"#,
                        #"^(?:it|that|the (?:new )?[a-z]+) (?:should be|is|will be) (?:called|named) "# + name + #"(?: please)?$"#,
                        #"^(?:called |named )?"# + name + #"(?: please)?$"#]
        for pattern in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]),
                  let match = regex.firstMatch(in: said, range: NSRange(said.startIndex..., in: said)),
                  let range = Range(match.range(at: 1), in: said) else { continue }
            let name = String(said[range])
            // (One word that is no request of its own: "yes", "ok", "cancel" answer nothing.)
            guard !["yes", "no", "ok", "okay", "cancel", "never", "nevermind", "stop", "undo", "both", "all", "none", "it", "that"].contains(name.lowercased()) else { return nil }
            return name
        }
        return nil
    }

    static func namesAnotherKind(_ context: PlanningContext, _ type: String) -> Bool {
        let words = context.request.words
        let nouns = Set(ResourceVocabulary.nouns[type] ?? [])
        let known = Set(context.catalog.entries.flatMap { $0.keyWords + $0.nameWords } + context.bundle.targetNames.map { $0.lowercased() })
        let pointers: Set<String> = ["the", "a", "an", "this", "that", "other", "same", "every", "all", "each", "both", "my", "our", "your", "its", "one", "new", "which"]
        return words.indices.contains { i in
            i > 0 && nouns.contains(words[i]) && words[i - 1].count >= 3 && !pointers.contains(words[i - 1]) && !known.contains(words[i - 1])
                && words[i - 1].first?.isLetter == true
        }
    }

    /// The text an answer gives: the words in quotes, or all of them when they ask for nothing (they do
    /// not start with a verb: "add retries instead" is a request of its own).
    static func textAnswer(_ text: RequestText) -> String? {
        // ("\"Weekly Customer Sync\" please": the name without the courtesy; it was planned anew, as a weekly schedule.)
        if let courtesy = text.original.range(of: #"[\s,]+(please|thanks|thank you|thx)[.!]*\s*$"#, options: [.regularExpression, .caseInsensitive]) {
            return textAnswer(RequestText(String(text.original[..<courtesy.lowerBound])))
        }
        // "call it nightly_etl_v2", "name it \"Nightly ETL\"", "make it Weekly Sales Report": the name after the words
        // that say so (the job was renamed "call it nightly_etl_v2"; "make it …" was planned as a schedule).
        if let named = text.original.range(of: #"^\s*(?:please |let'?s )?(?:(?:call|name|rename) (?:it|that|this|the [a-z0-9_ -]+?)(?: as| to)?|(?:make|change|set) (?:it|that)(?: to)?|(?:it|that) should be(?: called| named)?) (?=\S)"#,
                                           options: [.regularExpression, .caseInsensitive]) {
            let rest = String(text.original[named.upperBound...]).trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: ".!")))
            let unquoted = rest.count >= 2 && "\"'“".contains(rest.first!) && "\"'”".contains(rest.last!) ? String(rest.dropFirst().dropLast()) : rest
            return unquoted.isEmpty ? nil : unquoted
        }
        let said = text.original.trimmingCharacters(in: .whitespaces)
        if let quoted = text.quotedValues.first, text.quotedValues.count == 1, said.count <= quoted.count + 2 { return quoted }
        guard let first = text.words.first, !CompoundRequest.verbs.contains(first), text.words.count <= 10, !said.contains("\"") else { return nil }
        return said.trimmingCharacters(in: CharacterSet(charactersIn: ".!"))
    }

    /// The resource a question was asked about: the one its request names, remembered, or of the one kind its
    /// request says ("rename the dashboard").
    static func askedAbout(_ asked: RefineSession.Turn, _ context: PlanningContext) -> ResourceReference? {
        if let one = oneResource(namedIn: asked.request, context) ?? asked.resourceReference { return one }
        let words = RequestText(asked.request)
        let kinds = ResourceVocabulary.nouns.filter { words.hasAny($0.value) }.map(\.key)
        guard kinds.count == 1 else { return nil }
        return context.catalog.references(ofType: kinds[0]).first
    }

    /// The one resource the words name most strongly; nil when none or several.
    static func oneResource(namedIn words: String, _ context: PlanningContext) -> ResourceReference? {
        let mentions = context.catalog.mentions(in: words)
        guard let strongest = mentions.values.max() else { return nil }
        let best = mentions.filter { $0.value == strongest }.map(\.key)
        return best.count == 1 ? best[0] : nil
    }

    /// Whether the words make a change on their own, outside the conversation ("use 4 workers": no value
    /// that needs the request before it).
    static func plansAlone(_ context: PlanningContext, planner: OfflinePlanner) -> Bool {
        var alone = context
        alone.defaultResource = nil
        alone.defaultTarget = nil
        if case .plan = planner.plan(alone, preferring: nil).0 { return true }
        return false
    }

    /// The number of a choice the words pick: "number 2", "option 2", "#2", "the second one", "the 2nd";
    /// with `bare`, "2" alone too. Nil for any other words.
    public static func ordinal(_ text: RequestText, bare: Bool) -> Int? {
        let ordinals = ["first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
                        "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10]
        let filler: Set<String> = ["the", "one", "number", "option", "choice", "no", "please", "take", "pick", "use", "it's", "its"]
        var found: Int?
        var marked = false
        for word in text.original.lowercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." }).map(String.init) {
            let bareWord = word.hasPrefix("#") ? String(word.dropFirst()) : word
            if let n = ordinals[bareWord], found == nil { found = n; marked = true; continue }
            if let n = Int(bareWord), found == nil { found = n; marked = marked || word.hasPrefix("#"); continue }
            if filler.contains(word) { if ["number", "option", "choice", "no"].contains(word) { marked = true }; continue }
            return nil
        }
        guard let found else { return nil }
        return marked || bare ? found : nil
    }

    /// Whether the words (without fillers) are among the words of exactly one offered resource's key,
    /// and say nothing else: "weekly" of jobs etl, sample_job and weekly_report.
    /// (Words such as "weekly" or "daily" pick no resource of a request alone, but do among the choices.)
    static func wordOfOneChoice(_ text: RequestText, choices: [String]) -> ResourceReference? {
        let said = Set(text.words).subtracting(["one", "ones", "the", "a", "job", "pipeline", "please", "that", "this", "i", "mean", "meant", "no"])
        guard !said.isEmpty, said.count <= 2 else { return nil }
        let offered = choices.compactMap { $0.hasPrefix("--resource ") ? ResourceReference(parsing: String($0.dropFirst("--resource ".count))) : nil }
        let having = offered.filter { said.isSubset(of: Set(ResourceCatalog.words($0.key))) }
        return having.count == 1 ? having[0] : nil
    }

    /// A short reply to the question the last turn ended with: the question's request planned again with
    /// the resource, target, cluster or request the words choose ("the dead letter one", "prod", "both");
    /// nil when the words choose none of them or ask for a change of their own.
    func answer(_ context: PlanningContext, session: RefineSession?) -> (PlanOutcome, intent: String?)? {
        guard var earlier = session, let asked = earlier.turns.last, let choices = asked.choices, !choices.isEmpty,
              context.request.words.count <= 6 else { return nil }
        // The question's request as it was planned ("email me@example.com on failure" for "email me on failure").
        let askedRequest = asked.planned ?? asked.request
        // A choice written as offered ("two_node_8c", "the two_node_8c cluster") answers, whatever an intent
        // would read in its words (a size of two).
        // ("serverless", "the serverless one" answering which job, of jobs cluster and serverless: the job.)
        let filler: Set<String> = ["the", "one", "please", "that", "this", "job", "pipeline", "resource"]
        let bare = context.request.words.filter { !filler.contains($0) }.joined(separator: "_")
        let writesChoice = choices.contains { !$0.contains(" ") && ResourceCatalog.writesToken($0, in: context.request.original) }
            || (!bare.isEmpty && choices.contains { $0.hasPrefix("--resource ") && $0.lowercased().hasSuffix("." + bare) })
            // "weekly" for weekly_report (it was read as "run weekly"): the words of one offered key alone.
            || Self.wordOfOneChoice(context.request, choices: choices) != nil
        guard writesChoice || Self.intents.allSatisfy({ $0.score(context.request) == 0 }) else { return nil }
        earlier.turns.removeLast()
        let text = context.request
        // (The question's own resource and target, when it was asked while an answer replayed a request.)
        func again(_ request: String, target: String? = context.targetOption ?? asked.target,
                   resource: String? = context.resourceOption ?? asked.resource) -> (PlanOutcome, intent: String?) {
            let repeated = PlanningContext(bundle: context.bundle, request: RequestText(request), targetOption: target, resourceOption: resource)
            let (outcome, intent) = plan(repeated, session: earlier)
            AnswerReplay.note(outcome, request: request, resource: resource, target: target)
            guard case .plan(var planned) = outcome else { return (outcome, intent) }
            planned.request = planned.request ?? request
            return (.plan(planned), intent)
        }
        // "2", "number 2", "the second one": the choice of that number, as the question listed them (a
        // bare number only among resources or targets, where it is no value).
        // ("3" of two choices: the question again, with what to answer.)
        if FollowUp.numbered(choices), let n = Self.ordinal(text, bare: true), n < 1 || n > choices.count {
            return (.clarify(question: "There \(choices.count == 2 ? "are two choices" : "are \(choices.count) choices"): answer with a number from 1 to \(choices.count), or in words. \(asked.reply)", choices: choices), nil)
        }
        // ("the first one" among requests the question offered — which task — picks too: said as an
        // ordinal, never a bare number, which could be a value.)
        let picked = FollowUp.numbered(choices) || choices.allSatisfy({ $0.hasPrefix("--") }) ? Self.ordinal(text, bare: true)
            : choices.count >= 2 && text.words.contains(where: { ["first", "second", "third", "fourth", "fifth"].contains($0) }) ? Self.ordinal(text, bare: false) : nil
        if let n = picked, n >= 1, n <= choices.count {
            let choice = choices[n - 1]
            if choice.hasPrefix("--resource ") { return again(askedRequest, resource: String(choice.dropFirst("--resource ".count))) }
            if choice.hasPrefix("--target ") { return again(askedRequest, target: String(choice.dropFirst("--target ".count))) }
            if !choice.hasPrefix("--") { return again(choice) }
        }
        let resources = choices.compactMap { $0.hasPrefix("--resource ") ? ResourceReference(parsing: String($0.dropFirst("--resource ".count))) : nil }
        if let one = Self.wordOfOneChoice(text, choices: choices) { return again(askedRequest, resource: one.description) }
        if !resources.isEmpty {
            // "both", "all of them": each one offered.
            if text.hasAny(["both", "all", "every", "each", "everything"]) {
                let kinds = Set(resources.map(\.type)).sorted().map { ResourceVocabulary.singular($0) }.joined(separator: " and ")
                return again(askedRequest + " for every " + kinds)
            }
            let mentions = context.catalog.mentions(in: text.original).filter { resources.contains($0.key) }
            if let strongest = mentions.values.max() {
                let chosen = mentions.filter { $0.value == strongest }.map(\.key)
                if chosen.count == 1 { return again(askedRequest, resource: chosen[0].description) }
            }
            // "the job" where the question offered one job and a pipeline: the one of that kind.
            let ofKind = resources.filter { resource in text.hasAny(ResourceVocabulary.nouns[resource.type] ?? []) }
            if mentions.isEmpty, ofKind.count == 1 { return again(askedRequest, resource: ofKind[0].description) }
            // "the payments one" among bronze_payments, bronze_ptax, …: the one choice whose key has the words
            // (other jobs of the bundle have them too, which no choice is).
            let said = Set(text.words).subtracting(ResourceVocabulary.common).subtracting(["one", "ones"])
            if mentions.isEmpty, !said.isEmpty {
                let having = resources.filter { said.isSubset(of: Set(ResourceCatalog.words($0.key))) }
                if having.count == 1 { return again(askedRequest, resource: having[0].description) }
            }
            return nil
        }
        let targets = choices.compactMap { $0.hasPrefix("--target ") ? String($0.dropFirst("--target ".count)) : nil }
        if !targets.isEmpty {
            let named = targets.filter { PlanningContext.namesTarget(text, $0.lowercased()) || text.has($0.lowercased()) }
            if named.count == 1 { return again(askedRequest, target: named[0]) }
            // "dev and qa", "all of them", "every target", "both", "everywhere": the change in each, in one revision
            // (it was not understood). Where targets set the value themselves: the shared definition and those.
            let every = named.isEmpty && (text.hasAny(["all", "every", "each", "everywhere", "everything"]) || (targets.count == 2 && text.has("both")))
            guard named.count > 1 || every else { return nil }
            if every, asked.reply.contains("itself; which target should change?") {
                let replayed = again(askedRequest + " in every target")
                if case .plan = replayed.0 { return replayed }
            }
            var plans: [Plan] = []
            var intent: String?
            for target in named.count > 1 ? named : targets {
                let (outcome, chosen) = again(askedRequest, target: target)
                guard case .plan(let plan) = outcome, plan.contents == nil else { return (outcome, chosen) }
                plans.append(plan)
                intent = intent ?? chosen
            }
            var merged = Self.merged(plans, subject: SeveralTargets.subject(plans.map(\.subject).joined(separator: "; ")))
            merged.target = nil
            merged.request = askedRequest
            if Set(plans.map { $0.resource?.description ?? "" }).count == 1 { (merged.resource, merged.job) = (plans[0].resource, plans[0].job) }
            return (.plan(merged), intent)
        }
        // "both", "all of them" among keys (a job's clusters): the question's request for each, in one revision.
        if choices.count >= 2, choices.allSatisfy({ !$0.contains(" ") && !$0.hasPrefix("--") }), text.hasAny(["both", "all", "each", "every"]),
           let verb = askedRequest.split(separator: " ").first, CompoundRequest.verbs.contains(verb.lowercased()) {
            return again(choices.map { askedRequest + " for " + $0 }.joined(separator: " and "))
        }
        // A key (a cluster's, a task's) or a request: the one the words single out.
        let words = Set(ResourceCatalog.words(text.original)).subtracting(["the", "one", "a", "an", "please", "that", "this", "use", "it"])
        guard !words.isEmpty else { return nil }
        let matching = choices.filter { choice in
            let said = Set(ResourceCatalog.words(choice))
            return words.isSubset(of: said) || ResourceCatalog.writesToken(choice, in: text.original)
        }
        let distinct = matching.filter { choice in
            // Among requests that share most words, the words that only this one has.
            let others = choices.filter { $0 != choice }.flatMap { ResourceCatalog.words($0) }
            return matching.count == 1 || !words.subtracting(others).isEmpty
        }
        guard distinct.count == 1, let chosen = distinct.first else { return nil }
        if chosen.contains(" ") { return again(chosen) }
        // A key (a cluster's): the question's change for it, by the intent that asked ("turn on photon
        // for the two node probe cluster" answered "two_node_8c" is Photon, not a size of two).
        if let id = CompoundRequest.bestIntent(askedRequest), let asking = Self.intents.first(where: { $0.id == id }) {
            let repeated = PlanningContext(bundle: context.bundle, request: RequestText(askedRequest + " for " + chosen),
                                           targetOption: context.targetOption ?? asked.target, resourceOption: context.resourceOption ?? asked.resource)
            var outcome = Self.outcome(of: asking, repeated, routed: false)
            if case .plan(var planned) = outcome { planned.request = planned.request ?? askedRequest + " for " + chosen; outcome = .plan(planned) }
            return (outcome, asking.id)
        }
        return again(askedRequest + " for " + chosen)
    }

    /// A follow-up that gives only a number ("make it 8"), as the request of the setting the previous
    /// turn changed; nil when the words ask anything else.
    static func restated(_ text: RequestText, after previous: RefineSession.Turn) -> String? {
        // "only view", "actually make it run" after a grant: that principal's level again.
        // (Not a grant to someone else: "give bob@x.com CAN_VIEW on the bundle" after alice's grant is bob's.)
        // (Only words that are about that principal: "make analysts view-only on every job" names someone else.)
        let aboutThem = text.words.count <= 3 || text.hasAny(["it", "them", "that", "they", "instead", "him", "her", "too", "also"]) || text.contains("as well")
            || ["only", "just", "actually", "no", "and", "also", "then", "ok", "okay"].contains(text.words.first ?? "")
        if previous.intent == PermissionIntent.id, text.words.count <= 6, aboutThem, intents.allSatisfy({ $0 == PermissionIntent.self || $0.score(text) == 0 }),
           !PermissionIntent.namesLevel(text) || PermissionIntent.principal(in: text).map({ $0.name.lowercased() }) == nil
            || PermissionIntent.principal(in: text).map({ $0.name.lowercased() }) == PermissionIntent.principal(in: RequestText(previous.request)).map({ $0.name.lowercased() }) {
            return PermissionIntent.regranted(text, after: previous.request, type: previous.resourceReference?.type ?? "jobs")
        }
        // "and write" after "let group surgeons read the video volume", "and SELECT too" after "grant USE_SCHEMA on
        // raw to analysts": the same principal, more privileges. (The principal as the grant read it: a privilege
        // was taken for a group's name, and USE_SCHEMA, SELECT went to a group called "group".)
        if previous.intent == GrantIntent.id, PermissionIntent.principal(in: text) == nil,
           text.hasAny(["read", "write", "modify", "select", "use", "execute", "all", "everything"]) || !GrantIntent.writtenPrivileges(text).isEmpty
            || text.words.contains(where: { $0.contains("_volume") || $0 == "all_privileges" }),
           let who = GrantIntent.principalSaid(RequestText(previous.request)) {
            let words: Set<String> = ["read", "write", "modify", "select", "use", "execute", "all", "everything", "privileges", "and", ",", "instead"]
            let privileges = Set(GrantIntent.privileges.values.joined())
            let said = text.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".!;")) }
                .filter { privileges.contains($0.uppercased()) || words.contains($0.lowercased()) }
            let what = previous.resourceReference.map { "the \($0.key) \(ResourceVocabulary.singular($0.type))" } ?? "it"
            let privilegesSaid = said.drop { $0.lowercased() == "and" }.joined(separator: " ")
            guard !privilegesSaid.isEmpty else { return nil }
            return "grant \(privilegesSaid) on \(what) to \(who)"
        }
        // "make it 3" after "run it every 4 hours": every 3 hours (a bare number is no clock time there).
        if previous.intent == ScheduleIntent.id, text.words.count <= 4, let n = text.words.compactMap({ Int($0) }).first, text.words.compactMap({ Int($0) }).count == 1,
           !text.hasAny(["am", "pm", "at", "o'clock"]), !text.original.contains(":"),
           let every = previous.request.range(of: #"(?i)\bevery\s+(\d+|an?|one|two|three|four|five|six|twelve)\s+(minutes?|mins?|hours?|hrs?|h|days?|weeks?)\b"#, options: .regularExpression) {
            let unit = previous.request[every].split(separator: " ").last.map(String.init) ?? "hours"
            return previous.request.replacingCharacters(in: every, with: "every \(n) \(unit)")
        }
        // "actually 7am" after "run the sales sync every day at 6am": the same schedule at that time.
        if previous.intent == ScheduleIntent.id, text.words.count <= 3, ScheduleIntent.time(text) != nil,
           intents.allSatisfy({ $0 == ScheduleIntent.self || $0.score(text) == 0 }),
           let said = text.original.range(of: "\\d{1,2}(:\\d{2})?(\\s*(am|pm))?", options: [.regularExpression, .caseInsensitive]) {
            let time = String(text.original[said])
            // The time said before, wherever it stands ("to 3:30am Chicago time", "at 6:30 Berlin time": not
            // the space before the zone's name), else "at 6".
            let clock = try? NSRegularExpression(pattern: "\\b\\d{1,2}:\\d{2}(\\s*(am|pm))?\\b|\\b\\d{1,2}\\s*(am|pm)\\b", options: [.caseInsensitive])
            if let last = clock?.matches(in: previous.request, range: NSRange(previous.request.startIndex..., in: previous.request)).last,
               let range = Range(last.range, in: previous.request) {
                return previous.request.replacingCharacters(in: range, with: time)
            }
            if let at = previous.request.range(of: "\\bat\\s+\\d{1,2}\\b", options: [.regularExpression, .caseInsensitive]) {
                return previous.request.replacingCharacters(in: at, with: "at \(time)")
            }
            return previous.request + " at \(time)"
        }
        let numbers = text.words.compactMap { Int($0) }
        guard numbers.count == 1, let n = numbers.first else { return nil }
        // "wait 2 minutes between attempts" after retries: a duration, not 2 retries.
        let units: Set<String> = ["minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "second", "seconds", "sec", "secs", "day", "days", "am", "pm"]
        if let i = text.words.firstIndex(of: String(n)), i + 1 < text.words.count, units.contains(text.words[i + 1]),
           ![JobTimeoutIntent.id, DurationWarningIntent.id].contains(previous.intent ?? "") {
            return nil
        }
        let asksNothingElse = intents.allSatisfy { $0.score(text) == 0 }
        switch previous.intent {
        case AutoscaleIntent.id?:
            guard asksNothingElse || AutoscaleIntent.score(text) > 0,
                  !text.hasAny(AutoscaleIntent.maxWords + AutoscaleIntent.minWords + ["between", "and"]) else { return nil }
            let before = RequestText(previous.request)
            let bound = before.hasAny(AutoscaleIntent.maxWords) ? "max" : before.hasAny(AutoscaleIntent.minWords) ? "min" : nil
            return bound.map { "set the \($0) workers to \(n)" }
        // ("actually 5" after "… use 3 workers in every target": the request before with 5 — its cluster, its scope.)
        case ClusterSizeIntent.id?:
            guard asksNothingElse else { return nil }
            let before = previous.planned ?? previous.request
            if OfflinePlanner.saysEveryTarget(RequestText(before)), let again = FollowUp.request(before, withOwnValue: String(n)) { return again }
            return "\(n) workers"
        case TaskRetriesIntent.id?: return asksNothingElse ? "retry \(n) times" : nil
        // "make it 3" after "set a timeout of 2 hours": 3 hours (the unit the change before said).
        // ("90 minutes" after "a timeout of 3 hours": the unit said, else the one before.)
        // (The request before with the new duration, so that its scope stays: "on every job".)
        case JobTimeoutIntent.id?:
            guard asksNothingElse, let unit = durationUnit(of: text.original) ?? durationUnit(of: previous.request) else { return nil }
            return FollowUp.request(previous.request, withOwnValue: "\(n) \(unit)") ?? "set the timeout to \(n) \(unit)"
        case DurationWarningIntent.id?:
            guard asksNothingElse, let unit = durationUnit(of: text.original) ?? durationUnit(of: previous.request) else { return nil }
            return FollowUp.request(previous.request, withOwnValue: "\(n) \(unit)") ?? "warn when a run takes more than \(n) \(unit)"
        // "actually every 12" after "run the job every 6 hours": every 12 hours.
        case ScheduleIntent.id?:
            guard text.has("every"), let unit = durationUnit(of: previous.request) ?? (RequestText(previous.request).hasAny(["days", "day"]) ? "days" : nil),
                  !text.hasAny(["hour", "hours", "minute", "minutes", "day", "days", "am", "pm"]) else { return nil }
            return previous.request.range(of: "\\bevery\\s+\\d+\\s*\\S+", options: .regularExpression).map {
                previous.request.replacingCharacters(in: $0, with: "every \(n) \(unit)")
            } ?? "run it every \(n) \(unit)"
        default: return nil
        }
    }

    /// The unit of the duration a request gives ("2 hours" → hours, "90 min" → minutes).
    static func durationUnit(of request: String) -> String? {
        let units: [(words: Set<String>, unit: String)] = [(["hour", "hours", "hr", "hrs", "h"], "hours"), (["minute", "minutes", "min", "mins", "m"], "minutes"),
                                                           (["second", "seconds", "sec", "secs", "s"], "seconds")]
        for word in RequestText(request).words {
            if let found = units.first(where: { $0.words.contains(word) }) { return found.unit }
            // "2h", "90min"
            let letters = String(word.drop { $0.isNumber })
            if letters.count < word.count, !letters.isEmpty, let found = units.first(where: { $0.words.contains(letters) }) { return found.unit }
        }
        return nil
    }

    /// The previous request about another part: "retry the extract task 3 times" → "retry the load
    /// task 3 times"; a request that named no part of that kind gets it added.
    static func request(_ previous: String, retargetedTo key: String, kind: String, in context: PlanningContext, resource: ResourceReference?) -> String {
        guard let kind = ResourceCatalog.PartKind(rawValue: kind) else { return previous }
        let words = ResourceCatalog.words(previous)
        let parts = context.catalog.entries.first { $0.reference == resource }?.parts.filter { $0.kind == kind } ?? []
        // "… on the a and b and c task": the whole list becomes the one part.
        let noun = kind.noun
        if let range = previous.range(of: " on the ", options: .backwards), previous.hasSuffix(" \(noun)") || previous.hasSuffix(" \(noun)s"),
           parts.filter({ ResourceCatalog.names($0, in: ResourceCatalog.words(String(previous[range.upperBound...]))) }).count > 1 {
            return String(previous[..<range.lowerBound]) + " on the \(key) \(noun)"
        }
        if let old = parts.first(where: { ResourceCatalog.names($0, in: words) }) {
            // Replace the old key as written (any case, `_`, `-` or spaces between its words).
            let pattern = old.words.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "[ _-]?")
            if let regex = try? NSRegularExpression(pattern: "\\b\(pattern)\\b", options: [.caseInsensitive]) {
                let range = NSRange(previous.startIndex..., in: previous)
                return regex.stringByReplacingMatches(in: previous, range: range, withTemplate: NSRegularExpression.escapedTemplate(for: key))
            }
        }
        // "… on the coinbase bronze task": a part named by some of its words, at the end, becomes the new one.
        if let resource, context.catalog.namedParts(kind, of: resource, in: previous).count == 1, previous.hasSuffix(" \(noun)"),
           let range = previous.range(of: " (on|to|for|of) the ", options: [.regularExpression, .backwards]) {
            return String(previous[..<range.upperBound]) + "\(key) \(noun)"
        }
        return "\(previous) for the \(key) \(noun)"
    }

    /// Plans with the intent that best matches; `preferring` breaks ties and answers requests that
    /// match nothing on their own ("even smaller" after a cluster change).
    /// "add 9223372036854775807 workers", "every 1e20 minutes": no setting takes such a number (they
    /// overflowed and crashed): refused.
    static func hugeNumber(_ context: PlanningContext) -> PlanOutcome? {
        guard let huge = context.request.original.range(of: #"(?i)\b(\d{10,}(\.\d+)?|\d+(\.\d+)?e\+?\d+)\s*(workers?|nodes?|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s|days?|weeks?|times|retries|tries|runs|x|gb|percent|%)(?![a-z])"#, options: .regularExpression) else { return nil }
        return .refused("\(context.request.original[huge]) is more than any setting takes; say a number a job can use")
    }

    func plan(_ context: PlanningContext, preferring preferred: String?) -> (PlanOutcome, intent: String?) {
        if let huge = Self.hugeNumber(context) { return (huge, nil) }
        // "set env to dev in local and prd in actual": each target its own value (both got dev).
        if context.targetOption == nil, let clauses = SeveralTargets.eachValue(context),
           let each = CompoundRequest.plan(clauses, context, planner: self, matched: true) {
            if case .plan(var planned) = each.0 {
                planned.subject = SeveralTargets.subject(planned.subject)
                return (.plan(planned), each.intent)
            }
            // ("timeout 90 min in prod and 30 min in dev" with several jobs: which job, not which target.)
            if case .clarify(let question, let choices) = each.0, !choices.isEmpty, choices.allSatisfy({ $0.hasPrefix("--resource ") }) {
                return (.clarify(question: question.replacingOccurrences(of: #"^"[^"]*": "#, with: "", options: .regularExpression), choices: choices), each.intent)
            }
        }
        // The same words with one target chosen (`--target prod`, or the answer to "which target?"): that
        // target's value (prod got dev's 30 minutes, the last one said).
        if let option = context.targetOption {
            let open = PlanningContext(bundle: context.bundle, request: context.request, targetOption: nil, resourceOption: context.resourceOption,
                                       defaultResource: context.defaultResource, defaultTarget: context.defaultTarget, catalog: context.catalog)
            if let clauses = SeveralTargets.eachValue(open),
               let mine = clauses.first(where: { PlanningContext.namesTarget(RequestText($0), option.lowercased()) }), mine != context.request.original {
                return plan(context.saying(mine), preferring: preferred)
            }
        }
        // "give etl 8 workers but keep dev as it is": the change for the other targets (dev alone changed).
        if context.targetOption == nil, let (rest, kept) = CompoundRequest.keptTargetTail(context.request.original, targets: context.bundle.targetNames) {
            let others = context.bundle.targetNames.filter { $0 != kept }
            let namesTarget = context.bundle.targetNames.contains { PlanningContext.namesTarget(RequestText(rest), $0.lowercased()) }
            guard !others.isEmpty else { return plan(context.saying(rest), preferring: preferred) }
            let request = namesTarget ? rest : rest + " in " + (others.count == 1 ? others[0] : others.dropLast().joined(separator: ", ") + " and " + others.last!)
            var (outcome, intent) = plan(context.saying(request), preferring: preferred)
            if case .plan(var planned) = outcome { planned.request = planned.request ?? request; outcome = .plan(planned) }
            return (outcome, intent)
        }
        if context.targetOption == nil, let clauses = SeveralTargets.asObject(context),
           let each = CompoundRequest.plan(clauses, context, planner: self), case .plan(var planned) = each.0 {
            planned.subject = SeveralTargets.subject(planned.subject)
            return (.plan(planned), each.intent)
        }
        // "pause the etl job and the alert": the change for each resource the words list.
        if let clauses = CompoundRequest.resourceList(context.request.original, targets: context.bundle.targetNames),
           let each = CompoundRequest.sameChangeForEach(clauses, context, planner: self) {
            return each
        }
        if let clauses = CompoundRequest.clauses(context.request.original), let compound = CompoundRequest.plan(clauses, context, planner: self) {
            return compound
        }
        // "set vs_endpoint to a and rules_index to b": each declared variable its own value.
        if let clauses = VariableValueIntent.assignmentClauses(context),
           let compound = CompoundRequest.plan(clauses, context, planner: self, matched: true) {
            return compound
        }
        let whole = planWhole(context, preferring: preferred)
        // "pause the batch inference and model monitoring jobs": each one the words name, in one revision,
        // where the intent asks which.
        if case .clarify(let question, let choices) = whole.0, let each = eachNamed(question: question, choices: choices, context, preferring: preferred) {
            return each
        }
        if case .clarify(let question, let choices) = whole.0, let each = eachCluster(question: question, choices: choices, context, preferring: preferred) {
            return each
        }
        if case .clarify(let question, _) = whole.0, let each = inEveryTarget(question: question, context, preferring: preferred) {
            return each
        }
        // "… in dev and prod": the change in each of them, where the intent asks which one.
        if case .clarify(let question, _) = whole.0, question.hasPrefix("The request names several targets"), context.targetOption == nil,
           let clauses = SeveralTargets.clauses(context), let each = CompoundRequest.plan(clauses, context, planner: self) {
            guard case .plan(var planned) = each.0 else { return each }
            planned.subject = SeveralTargets.subject(planned.subject)
            return (.plan(planned), each.intent)
        }
        return whole
    }

    /// The change made in each resource a "Which job?" question offers, when the words name every one of
    /// them together ("the A and B jobs"); nil otherwise (the question stands).
    func eachNamed(question: String, choices: [String], _ context: PlanningContext, preferring preferred: String?) -> (PlanOutcome, intent: String?)? {
        guard context.resourceOption == nil, question.hasPrefix("Which "), choices.count > 1, choices.count <= 5,
              choices.allSatisfy({ $0.hasPrefix("--resource ") }), context.request.has("and") || context.request.original.contains(","),
              context.request.hasAny(["jobs", "pipelines", "schedules", "triggers", "warehouses", "endpoints", "apps", "both"]) else { return nil }
        let references = choices.compactMap { ResourceReference(parsing: String($0.dropFirst("--resource ".count))) }
        let mentioned = context.catalog.mentions(in: context.request.original)
        guard references.count == choices.count, references.allSatisfy({ mentioned[$0] != nil }) else { return nil }
        let contexts = references.map { reference in
            var one = PlanningContext(bundle: context.bundle, request: context.request, targetOption: context.targetOption,
                                      resourceOption: reference.description, defaultResource: reference)
            one.defaultTarget = context.defaultTarget
            return one
        }
        guard let (merged, intent, _) = planEach(contexts, preferring: preferred) else { return nil }
        return (.plan(merged), intent)
    }

    /// One revision of the plans for each of `contexts` (each a part of one request), or nil when any part
    /// does not plan to YAML edits. The merged plan keeps the target they share.
    private func planEach(_ contexts: [PlanningContext], preferring preferred: String?) -> (Plan, intent: String?, parts: [Plan])? {
        var plans: [Plan] = []
        var intent: String?
        for one in contexts {
            let (outcome, chosen) = planWhole(one, preferring: preferred)
            guard case .plan(let plan) = outcome, plan.contents == nil else { return nil }
            plans.append(plan)
            intent = intent ?? chosen
        }
        var merged = Self.merged(plans, subject: plans.map(\.subject).joined(separator: "; "))
        merged.target = Set(plans.map(\.target)).count == 1 ? plans[0].target : nil
        return (merged, intent, plans)
    }

    /// "use 4 workers on both clusters of the etl job", "photon on every cluster of etl": the change for each
    /// cluster the "several clusters; which one?" question offers, in one revision; nil otherwise.
    func eachCluster(question: String, choices: [String], _ context: PlanningContext, preferring preferred: String?) -> (PlanOutcome, intent: String?)? {
        let every = #"(?i)\b(?:both|all|every|each)\s+(?:of\s+(?:the|its)\s+)?(?:the\s+|its\s+)?(?:job\s+)?clusters?\b"#
        guard question.contains("has several clusters; which one?"), choices.count > 1, choices.allSatisfy({ !$0.contains(" ") }),
              let range = context.request.original.range(of: every, options: .regularExpression) else { return nil }
        let contexts = choices.map { context.saying(context.request.original.replacingCharacters(in: range, with: "the \($0) cluster")) }
        guard var (merged, intent, parts) = planEach(contexts, preferring: preferred) else { return nil }
        (merged.resource, merged.job) = (parts[0].resource, parts[0].job)  // every part changed the same job
        return (.plan(merged), intent)
    }

    /// "every target", "all targets", "everywhere", "across all environments".
    static func saysEveryTarget(_ text: RequestText) -> Bool {
        text.original.range(of: #"(?i)\b(every|each|all)\s+(?:of\s+the\s+|the\s+)?(targets?|environments?|envs?)\b|\beverywhere\b|\bin\s+all\s+of\s+them\b"#, options: .regularExpression) != nil
    }

    /// "make the small cluster use 3 workers in every target", where targets size it themselves (the intent
    /// asked which target should change): the shared definition and each of those targets, in one revision.
    func inEveryTarget(question: String, _ context: PlanningContext, preferring preferred: String?) -> (PlanOutcome, intent: String?)? {
        guard context.targetOption == nil, !context.everyTarget, Self.saysEveryTarget(context.request),
              let said = question.firstMatch(of: /^Targets? (.+?) sets? .+ itself; which target should change\?$/) else { return nil }
        let overriding = said.output.1.components(separatedBy: ", ")
        guard overriding.allSatisfy(context.bundle.targetNames.contains) else { return nil }
        var shared = context
        shared.everyTarget = true
        let (outcome, intent) = planWhole(shared, preferring: preferred)
        guard case .plan(let base) = outcome, base.contents == nil else { return nil }
        var plans = [base]
        for target in overriding {
            var one = PlanningContext(bundle: context.bundle, request: context.request, targetOption: target, resourceOption: context.resourceOption,
                                      defaultResource: context.defaultResource, defaultTarget: nil, catalog: context.catalog)
            one.everyTarget = false
            let (each, _) = planWhole(one, preferring: preferred)
            switch each {
            case .plan(let plan) where plan.contents == nil: plans.append(plan)
            case .refused: continue   // (that target has the value already)
            default: return nil
            }
        }
        var merged = Self.merged(plans, subject: base.subject + " in every target")
        merged.target = nil
        // (The resource the change was made to, for the follow-ups: "actually 3" asked which job.)
        (merged.resource, merged.job) = (base.resource, base.job)
        return (.plan(merged), intent)
    }

    /// Requests whose words name something of the bundle that decides what they are, whatever else the words
    /// could be: "add c@x.com to alert_emails for prod" (a list variable; an address reads as an e-mail
    /// notification), "the catalog variable should be called main_catalog" (a rename; it set the default to
    /// "called"), "exclude src/b.py from the etl pipeline" (a pipeline's source; it read as "don't deploy").
    static func namedByTheBundle(_ context: PlanningContext) -> (PlanOutcome, intent: String?)? {
        if VariableIntent.namesListVariable(context) { return (Self.outcome(of: VariableIntent.self, context), VariableIntent.id) }
        if let said = VariableIntent.renameWords(context.request.original),
           (context.bundle.configuration["variables"]?.mapping?.keys ?? []).contains(where: { $0.lowercased() == said.old.lowercased() }) {
            return (Self.outcome(of: VariableIntent.self, context), VariableIntent.id)
        }
        if let removal = Self.removalOfANamedResource(context) { return removal }
        if LibraryIntent.removesSource(context.request), LibraryIntent.pipelineHasSource(context) {
            return (Self.outcome(of: LibraryRemovalIntent.self, context), LibraryRemovalIntent.id)
        }
        // "use the furniture profile in staging" where the bundle declares a variable `profile` (an industry
        // profile): that variable, not the target's CLI profile (staging's deploys looked for a ~/.databrickscfg
        // profile named furniture).
        let original = context.request.original
        if context.request.has("profile"), !context.request.hasAny(["workspace", "databrickscfg", "cli", "auth", "login", "authentication", "credentials"]),
           (context.bundle.configuration["variables"]?.mapping?.keys ?? []).contains("profile") {
            var said: String?
            if let use = original.firstMatch(of: /(?i)\b(?:use|pick|choose|select|switch\s+to)\s+(?:the\s+)?(\S+)\s+profile\b(.*)$/) {
                said = "set the profile variable to \(use.output.1)\(use.output.2)"
            } else if let set = original.firstMatch(of: /(?i)^(.*?)\bthe\s+profile\b(?!\s+variable)(.*)$/) {
                said = "\(set.output.1)the profile variable\(set.output.2)"
            }
            if let said { return (Self.outcome(of: VariableValueIntent.self, context.saying(said)), VariableValueIntent.id) }
        }
        return nil
    }

    /// "remove alpha", "delete the alpha" (a job's name alone, without the word "job"): that resource leaves
    /// the bundle (it was not understood; "remove the alpha and beta jobs" neither). With `--resource` (or a
    /// list planned for each resource named), the resource it names.
    static func removalOfANamedResource(_ context: PlanningContext) -> (PlanOutcome, intent: String?)? {
        var words = ResourceCatalog.words(context.request.original)
        if words.starts(with: ["get", "rid", "of"]) { words = ["remove"] + words.dropFirst(3) }
        guard let verb = words.first, ["remove", "delete", "drop", "destroy"].contains(verb), words.count > 1,
              RemoveResourceIntent.score(context.request) == 0,
              let named = CompoundRequest.namedOnly(words.joined(separator: " "), verb: verb, context.catalog) else { return nil }
        var one = context.saying("remove the \(ResourceVocabulary.singular(named.type))")
        if one.resourceOption == nil { one = one.asking(about: named) }
        return (Self.outcome(of: RemoveResourceIntent.self, one), RemoveResourceIntent.id)
    }

    /// Plans the request as one change.
    func planWhole(_ context: PlanningContext, preferring preferred: String?) -> (PlanOutcome, intent: String?) {
        if let named = Self.namedByTheBundle(context) { return named }
        // Words inside quotes are a value, not the request ("change the comment of the schema to \"Oura
        // webhook events\"" asks for no webhook).
        var said = Self.withoutQuotedValues(context.request)
        // The intent the words point to most, when a resource's name alone points to it ("monthly" of "the
        // monthly housekeeping job" is no schedule): the words without the name decide.
        let (bare, names) = Self.withoutResourceNames(said, context)
        if !names.isEmpty, let best = Self.intents.max(by: { $0.score(said) < $1.score(said) }), best.score(said) > 0,
           best.score(RequestText(names.joined(separator: " "))) > 0 {
            said = bare
        }
        var scored = Self.intents.map { ($0, $0.score(said)) }
        // A follow-up leans to the previous turn's intent ("even smaller", "again"), unless the words
        // ask for something else that the previous intent does not read in them at all ("run it daily
        // at 3am" after "add retries").
        if let preferred, let i = scored.firstIndex(where: { $0.0.id == preferred }),
           scored[i].1 > 0 || (!scored.contains(where: { $0.1 > 0 }) && Self.continuesPrevious(context.request)
                // ("and set retention_hours to 48" after a schedule: a parameter or variable the bundle has, named.)
                && TaskParameterIntent.namingExisting(context) == nil && !VariableValueIntent.namesDeclaredVariable(context)) {
            scored[i].1 = max(scored[i].1, 1) + 1
        }
        // "even bigger" after "use bigger nodes": more of the same change, whatever else its words could be.
        if let preferred, let i = scored.firstIndex(where: { $0.0.id == preferred }), scored[i].1 == 0,
           let first = context.request.words.first, ["even", "again", "further", "still"].contains(first) {
            scored[i].1 = (scored.map(\.1).max() ?? 0) + 1
        }
        // "set retries to 0 on continuous learning": the words of a mode are a task's name there.
        for (i, entry) in scored.enumerated() where entry.1 > 0 && [PipelineContinuousIntent.id, JobContinuousIntent.id].contains(entry.0.id)
            && !PipelineContinuousIntent.asksForAMode(context) {
            scored[i].1 = 0
        }
        // "set the env variable to stage in staging" where the bundle declares a variable env: that variable's
        // value, not a cluster's environment variables.
        // ("set the env var DEBUG=1 on the bronze cluster", "the spark env var DEBUG to 1": a shell's
        // variable, named in capitals, is the cluster's.)
        if let i = scored.firstIndex(where: { $0.0.id == VariableValueIntent.id }), scored[i].1 > 0,
           !SparkEnvVarsIntent.namesShellVariable(context.request), !context.request.contains("spark env"),
           context.request.original.range(of: #"\b(?i:env|environment) (?i:var|variable)s? ([A-Z][A-Z0-9_]*\b|[A-Za-z_][A-Za-z0-9_]*=)"#, options: .regularExpression) == nil,
           let declared = context.bundle.configuration["variables"]?.mapping?.keys,
           declared.contains(where: { name in context.request.original.range(of: "\\b(the )?\\Q\(name)\\E (variable|var)\\b", options: [.regularExpression, .caseInsensitive]) != nil }) {
            scored[i].1 = (scored.map(\.1).max() ?? 0) + 1
        }
        // "remove the tag schedule from the bronze job": a tag the bundle has, named after "tag", whatever
        // else its key could be.
        if let i = scored.firstIndex(where: { $0.0.id == TagsIntent.id }), scored[i].1 > 0,
           let tagged = context.request.words.firstIndex(where: { $0 == "tag" || $0 == "tags" }), tagged + 1 < context.request.words.count {
            let keys = Set(context.catalog.entries.flatMap { entry in context.effectiveResource(entry.reference, target: nil)?["tags"]?.mapping?.keys ?? [] }.map { $0.lowercased() })
            if keys.contains(context.request.words[tagged + 1]) { scored[i].1 = (scored.map(\.1).max() ?? 0) + 1 }
        }
        guard let best = scored.filter({ $0.1 > 0 }).max(by: { $0.1 < $1.1 })?.0 else {
            // (Scored without a resource's name when that is what pointed to an intent: "run_date=2024-01-01 for daily
            // kpis" is no daily schedule.)
            return planSingle(context, scoring: said)
        }
        let outcome = Self.outcome(of: best, context, everyResource: true)
        // "run the batch pipeline daily at 1am" in a bundle without pipelines (the job rcm_batch_pipeline):
        // the next intent the words ask for, where the best one's kind of resource is not there at all.
        if case .refused(let reason) = outcome, reason.hasPrefix("this bundle defines no ") {
            for (next, score) in scored.filter({ $0.1 > 0 && $0.0.id != best.id }).sorted(by: { $0.1 > $1.1 }) where score > 0 {
                let alternative = Self.outcome(of: next, context, everyResource: true)
                if case .plan = alternative { return (alternative, next.id) }
            }
        }
        return (outcome, best.id)
    }

    /// The request with each double-quoted value ("…", “…”) as the one word `value`; the request itself
    /// when it has none, or when the quotes hold most of it.
    /// The words without those of a resource's name written in them, two or more side by side ("let
    /// data-stewards view the monthly housekeeping job": "monthly" named the job, and asked no schedule);
    /// nouns of resources stay ("the bronze pipeline" is still about a pipeline).
    static func withoutResourceNames(_ text: RequestText, _ context: PlanningContext) -> (RequestText, removed: [String]) {
        var words = text.words
        let nouns = Set(ResourceVocabulary.nouns.values.joined()).union(["task", "tasks", "cluster", "clusters"])
        var removed: [String] = []
        // (Two or more words side by side as the name or key has them: "monthly housekeeping" of
        // uc_steward_monthly_housekeeping.)
        entries: for entry in context.catalog.entries {
            for name in [entry.nameWords, entry.keyWords] where name.count >= 2 {
                for length in stride(from: name.count, through: 2, by: -1) {
                    for from in 0...(name.count - length) {
                        let window = Array(name[from..<(from + length)])
                        guard let start = ResourceCatalog.position(of: window, in: words) else { continue }
                        // (Written as one word, "endtoend" for "end to end", the name is that word; its
                        // span as long as the name ran past the request's end.)
                        let apart = start + length <= words.count && Array(words[start..<(start + length)]) == window
                        let span = start..<(start + (apart ? length : 1))
                        removed += words[span].filter { !nouns.contains($0) }
                        words.replaceSubrange(span, with: words[span].filter { nouns.contains($0) })
                        continue entries
                    }
                }
            }
        }
        return (removed.isEmpty ? text : RequestText(words.joined(separator: " ")), removed)
    }

    static func withoutQuotedValues(_ text: RequestText) -> RequestText {
        let original = text.original
        guard original.contains("\"") || original.contains("“"),
              let regex = try? NSRegularExpression(pattern: "\"[^\"]+\"|“[^”]+”") else { return text }
        let range = NSRange(original.startIndex..., in: original)
        let quoted = regex.matches(in: original, range: range).reduce(0) { $0 + $1.range.length }
        guard quoted > 0, quoted * 2 < range.length else { return text }
        return RequestText(regex.stringByReplacingMatches(in: original, range: range, withTemplate: "value"))
    }

    /// The e-mail addresses a request names, as written (without the punctuation around them).
    static func addresses(in request: String) -> [String] {
        request.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;\"'")) }.filter { $0.contains("@") }
    }

    /// Words of follow-ups that say how to go on, not what ("actually", "instead", "bigger").
    static let followUpWords: Set<String> = ["again", "even", "same", "more", "less", "fewer", "smaller", "bigger", "larger", "higher", "lower", "longer",
                                             "shorter", "earlier", "later", "instead", "too", "also", "double", "halve", "half", "twice", "actually",
                                             "rather", "just", "well", "okay", "yes", "yeah", "sure", "thanks", "please", "there", "here", "now", "wait",
                                             "sorry", "mean", "meant", "keep", "leave", "still", "further", "much", "little", "bit", "way", "lot"]

    /// The principal a removal names as written ("remove story-admins from the job"), where some resource's
    /// permissions give it access; nil otherwise.
    static func grantee(named context: PlanningContext) -> String? {
        // ("fda-analysts should no longer see the nightly etl": their access, not the fda-analysts@… recipient.)
        guard context.request.hasAny(["remove", "revoke", "drop", "delete"]) || PermissionIntent.revokes(context.request) else { return nil }
        var principals = Set<String>()
        for reference in context.catalog.entries.map(\.reference) {
            for permission in context.effectiveResource(reference, target: nil)?["permissions"]?.sequence ?? [] {
                for field in ["group_name", "user_name", "service_principal_name"] {
                    if let name = permission[field]?.string { principals.insert(name) }
                }
            }
        }
        let tokens = context.request.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;\"'")) }
        return tokens.first { principals.contains($0) }
    }

    /// Whether words no intent reads carry on with the previous change ("even smaller", "the same again",
    /// "3 instead"); a vague "make it better" does not, and is not understood rather than guessed.
    static func continuesPrevious(_ text: RequestText) -> Bool {
        let text = FollowUp.withoutConditionalEven(text)
        // "in prod make it Large" after "make the warehouse Medium": a value for what was just changed
        // ("make it better" is no value).
        let vague: Set<String> = ["better", "good", "great", "nice", "nicer", "right", "work", "happen", "faster", "cleaner", "simpler", "best", "so", "pls"]
        if let i = text.words.firstIndex(where: { $0 == "it" || $0 == "them" }), i > 0, ["make", "set", "change"].contains(text.words[i - 1]),
           i + 1 < text.words.count, !vague.contains(text.words[i + 1]) { return true }
        // A number ("3 instead", "2h"), not digits inside a name ("eng511_uat_bronze"); "and …" goes on.
        return text.words.contains(where: { $0.first?.isNumber == true }) || text.words.first == "and" || text.hasAny([
            "again", "even", "same", "more", "less", "fewer", "smaller", "bigger", "larger", "higher", "lower", "longer", "shorter",
            "earlier", "later", "instead", "too", "also", "double", "halve", "half", "twice", "undo", "revert", "back",
        ])
    }

    /// Plans a request without a conversation: one change, or several asked at once.
    public func plan(_ context: PlanningContext) -> PlanOutcome {
        question(context) ?? plan(context, preferring: nil).0
    }

    /// A question's outcome: nothing changed, and changes it could ask for instead; nil for a change.
    /// "deploy it to prod now" is no change of the bundle either (it was read as the change before
    /// again: "the notifications already are as asked").
    func question(_ context: PlanningContext) -> PlanOutcome? {
        let text = context.request
        // ("deploy prod to /Workspace/Shared/…" sets where prod deploys: a change.)
        if text.lowered.range(of: #"^\s*(?:please\s+|now\s+|ok(?:ay)?,?\s+|then\s+|(?:can|could|would) you\s+)*(?:re)?(?:deploy|push|ship|release)\b"#, options: .regularExpression) != nil,
           !text.original.contains("/"),
           !text.hasAny(["only", "just", "exclusively", "not", "don't", "dont", "never", "skip", "exclude", "keep", "mode", "from", "path", "folder",
                         "root", "root_path", "host", "workspace", "branch", "directory", "instead", "back", "forward", "later", "earlier",
                         "by", "hour", "hours", "minutes", "schedule", "notification", "notifications"]) {
            var said = context
            said.defaultTarget = nil
            let target = context.bundle.targetNames.first { text.has($0.lowercased()) } ?? (try? said.target()) ?? nil
            return .refused("refine changes the bundle's files and commits them; it does not deploy. Deploy with the Databricks CLI: `dabrepo bundle deploy\(target.map { " --target \($0)" } ?? "")` (or `databricks bundle deploy\(target.map { " -t \($0)" } ?? "")`)")
        }
        guard Self.isQuestion(context.request.original) else { return nil }
        return .notUnderstood(message: "\"\(context.request.original)\" reads as a question; the offline planner makes changes and answers no questions, so nothing was changed. Ask for the change itself.",
                              examples: closestExamples(to: context.request))
    }

    /// The request as one change, with the intent that planned it (nil: not understood).
    func planSingle(_ context: PlanningContext, scoring words: RequestText? = nil) -> (PlanOutcome, intent: String?) {
        if let named = Self.namedByTheBundle(context) { return named }
        let scored = Self.intents.map { ($0, $0.score(words ?? context.request)) }.filter { $0.1 > 0 }
        // "set LOG_LEVEL to WARNING for the app": a variable of the app's environment (a bundle variable
        // of that name took it, or nothing).
        if scored.allSatisfy({ $0.1 < AppEnvironmentIntent.score(RequestText("env var app")) }), AppEnvironmentIntent.namesAppVariable(context) {
            return (Self.outcome(of: AppEnvironmentIntent.self, context), AppEnvironmentIntent.id)
        }
        guard let best = scored.max(by: { $0.1 < $1.1 })?.0 else {
            // Words no intent reads alone, that the bundle explains: "set run_mode to full in dev" (a
            // declared variable), "remove faker" (a package some job installs), "remove optimize_tables"
            // (a task's key).
            if VariableValueIntent.namesDeclaredVariable(context) { return (Self.outcome(of: VariableValueIntent.self, context), VariableValueIntent.id) }
            if LibraryRemovalIntent.namesInstalledPackage(context) {
                return (Self.outcome(of: LibraryRemovalIntent.self, context, everyResource: true), LibraryRemovalIntent.id)
            }
            if RemoveTaskIntent.namesTask(context) { return (Self.outcome(of: RemoveTaskIntent.self, context), RemoveTaskIntent.id) }
            // "set the default of customer_code to STX": a job's parameter.
            if JobParameterIntent.namesParameter(context) { return (Self.outcome(of: JobParameterIntent.self, context), JobParameterIntent.id) }
            // "set kafka_topic to github.events.v2": a notebook parameter some task has.
            if let named = TaskParameterIntent.namingExisting(context) {
                return (Self.outcome(of: TaskParameterIntent.self, named), TaskParameterIntent.id)
            }
            // "remove story-admins from the audit export job": someone the bundle grants access to.
            if let principal = Self.grantee(named: context) {
                // (Not "permission": a job called grant_permissions took the change.)
                let rewritten = context.request.original.replacingOccurrences(of: principal, with: "the \(principal) access")
                return (Self.outcome(of: PermissionIntent.self, context.saying(rewritten)), PermissionIntent.id)
            }
            // "remove marco": someone the bundle e-mails.
            if EmailNotificationIntent.namesRecipient(context) {
                return (Self.outcome(of: EmailNotificationIntent.self, context, everyResource: true), EmailNotificationIntent.id)
            }
            return (.notUnderstood(message: "I did not understand \"\(context.request.original)\".", examples: closestExamples(to: context.request)), nil)
        }
        return (Self.outcome(of: best, context, everyResource: true), best.id)
    }

    /// Plans of edits made as one: their edits file by file, in order, their summaries one after the other.
    static func merged(_ plans: [Plan], subject: String) -> Plan {
        var merged = Plan(subject: subject, summary: plans.map(\.summary).joined(separator: " "), target: plans.first?.target, edits: [])
        for plan in plans {
            for (file, operations) in plan.edits {
                if let i = merged.edits.firstIndex(where: { $0.file == file }) { merged.edits[i].operations += operations } else { merged.edits.append((file, operations)) }
            }
            for (file, paths) in plan.staleComments { merged.staleComments[file, default: []] += paths }
            // Files the plans create or delete (a removed job's own file): "remove the bronze job and the
            // silver job" kept both files and said "Nothing to change", or committed only a target's override.
            merged.createdFiles.formUnion(plan.createdFiles)
            merged.removedFiles.formUnion(plan.removedFiles)
        }
        // Each plan's paths are of the files as they are: entries of one list that several plans delete go last,
        // the highest index first ("remove the alpha and beta jobs", each in a file `include` lists: the second
        // deletion removed the entry after the one meant, and the plan failed).
        if plans.count > 1 {
            for i in merged.edits.indices {
                let operations = merged.edits[i].operations
                func indexed(_ operation: EditOperation) -> (parent: EditPath, index: Int)? {
                    guard case .delete(let path) = operation, case .index(let index)? = path.last else { return nil }
                    return (Array(path.dropLast()), index)
                }
                let deletions = operations.compactMap { operation in indexed(operation).map { ($0, operation) } }
                guard deletions.count > 1 else { continue }
                let sorted = deletions.sorted { a, b in
                    a.0.parent.description != b.0.parent.description ? a.0.parent.description < b.0.parent.description : a.0.index > b.0.index
                }
                merged.edits[i].operations = operations.filter { indexed($0) == nil } + sorted.map(\.1)
            }
        }
        // Plans of whole new texts (a renamed variable) are kept whole when every plan is one.
        if !plans.isEmpty, plans.allSatisfy({ $0.contents != nil }) {
            merged.contents = plans.reduce(into: [:]) { all, plan in all.merge(plan.contents ?? [:]) { $1 } }
        }
        return merged
    }

    /// What an intent makes of the request: its plan, or the question or refusal that stopped it. A
    /// question of which resource, when the words say every job (or pipeline), is answered with each
    /// of them (`EveryResource`).
    /// `routed`: false leaves `${var.…}` fields as the intent wrote them (`EveryResource` routes the
    /// plans of all the resources together, so a variable they all use changes once).
    static func outcome(of intent: any Intent.Type, _ context: PlanningContext, everyResource: Bool = false, routed: Bool = true) -> PlanOutcome {
        let outcome: PlanOutcome
        do {
            let plan = try intent.plan(context)
            outcome = .plan(routed ? Self.inEnvironmentsSection(TargetOnlyCopies.spread(try VariableBackedFields.route(plan, context), context), context) : plan)
        } catch let stop as PlanningStop {
            outcome = stop.outcome
        } catch {
            outcome = .refused("\(error)")
        }
        // A question whose only answer is one target ("which target? --target dev" in a bundle of one
        // target, prod the only one on clusters): answered.
        if case .clarify(_, let choices) = outcome, context.targetOption == nil, choices.count == 1, choices[0].hasPrefix("--target ") {
            let only = String(choices[0].dropFirst("--target ".count))
            let narrowed = PlanningContext(bundle: context.bundle, request: context.request, targetOption: only, resourceOption: context.resourceOption,
                                           defaultResource: context.defaultResource, defaultTarget: context.defaultTarget, catalog: context.catalog)
            if case .plan(var plan) = Self.outcome(of: intent, narrowed, everyResource: everyResource, routed: routed) {
                plan.summary += " (Only target \(only) could take this change.)"
                return .plan(plan)
            }
        }
        guard everyResource else { return outcome }
        switch outcome {
        case .clarify(_, let choices):
            if let every = EveryResource.plan(intent, context, choices: choices) { return every }
            // "pin the spark runtime to 15.4" where every job that could take it reads one ${var.…}: that
            // variable, once, is the change (which job was asked only because there are several).
            let types = Set(choices.compactMap { $0.hasPrefix("--resource ") ? ResourceReference(parsing: String($0.dropFirst("--resource ".count)))?.type : nil })
            // (It plans the change for each one offered: only where a variable could be the answer, and
            // not for hundreds of jobs, where the question is the quicker answer.)
            // (Not when the words point at one of them that is not found: "pause the nightly one" is a question.)
            let pointsAtOne = context.request.original.lowercased().range(of: #"\bthe [a-z0-9_-]+ (one|job|pipeline|cluster|warehouse|endpoint)\b"#, options: .regularExpression) != nil
            if types.count == 1, choices.count > 1, choices.count <= 64, !pointsAtOne, context.bundle.configuration["variables"]?.mapping?.isEmpty == false,
               case .plan(var shared)? = EveryResource.plan(intent, context, choices: choices, types: types),
               !shared.edits.isEmpty, shared.edits.allSatisfy({ $0.operations.allSatisfy(Self.setsVariable) }),
               Set(shared.edits.flatMap { $0.operations.compactMap(Self.variableSet) }).count == 1 {
                shared.summary = shared.summary.components(separatedBy: " It is written as ").dropFirst().first.map { "Every \(ResourceVocabulary.singular(types.first!)) that could take this change reads it from a variable. It is written as " + $0 } ?? shared.summary
                return .plan(shared)
            }
            return outcome
        case .plan(let plan): return .plan(EveryResource.noting(plan, context))
        default: return outcome
        }
    }

    /// The variable an edit sets (`variables.x.default`, `targets.t.variables.x`).
    static func variableSet(_ operation: EditOperation) -> String? {
        guard setsVariable(operation), case .set(let path, _) = operation else { return nil }
        let rest = path.first == .key("variables") ? path.dropFirst() : path.dropFirst(3)
        if case .key(let name)? = rest.first { return name }
        return nil
    }

    /// Whether an edit sets a variable (its default or a target's value), not a resource's field.
    static func setsVariable(_ operation: EditOperation) -> Bool {
        let path: EditPath
        switch operation {
        case .set(let p, _), .append(let p, _), .delete(let p): path = p
        }
        return path.first == .key("variables") || (path.count > 2 && [.key("targets"), .key("environments")].contains(path[0]) && path[2] == .key("variables"))
    }

    /// A bundle of the first format names its targets `environments:`; the CLI refuses `targets:` beside
    /// it, so what a plan writes for a target goes there.
    static func inEnvironmentsSection(_ plan: Plan, _ context: PlanningContext) -> Plan {
        let files = context.bundle.files.compactMap(\.root)
        guard files.contains(where: { $0["environments"] != nil }), !files.contains(where: { $0["targets"] != nil }) else { return plan }
        func renamed(_ path: EditPath) -> EditPath {
            path.first == .key("targets") ? [.key("environments")] + path.dropFirst() : path
        }
        var moved = plan
        moved.edits = plan.edits.map { file, operations in
            (file, operations.map { operation in
                switch operation {
                case .set(let path, let value): return .set(renamed(path), value)
                case .append(let path, let value): return .append(renamed(path), value)
                case .delete(let path): return .delete(renamed(path))
                }
            })
        }
        moved.staleComments = plan.staleComments.mapValues { $0.map(renamed) }
        return moved
    }

    /// Examples of the intents whose words overlap the request most (all of them when none do).
    func closestExamples(to request: RequestText) -> [String] {
        let all = Self.intents.flatMap { $0.examples }
        let words = Set(request.words)
        let ranked = all.map { ($0, Set(RequestText($0).words).intersection(words).count) }.sorted { $0.1 > $1.1 }
        let top = ranked.filter { $0.1 > 0 }.prefix(4).map(\.0)
        return top.isEmpty ? Array(all.prefix(6)) : Array(top)
    }

    /// Applies a plan's edits to the current file contents; returns the new contents by file.
    public static func apply(_ plan: Plan, read: (String) throws -> String) throws -> [String: String] {
        var out: [String: String] = [:]
        for (file, operations) in plan.edits {
            var remaining = operations[...]
            var text = try out[file] ?? (plan.createdFiles.contains(file) ? "" : read(file))
            // A file the plan creates starts as the document its first setting writes.
            if text.isEmpty, case .set(let path, let value)? = remaining.first {
                let nested = path.reversed().reduce(value) { inner, component in
                    if case .key(let k) = component { return .mapping([(k, inner)]) }
                    return .sequence([inner])
                }
                text = YAMLWriter.document(nested)
                remaining = remaining.dropFirst()
            }
            var editor = YAMLEditor(text: text)
            for operation in remaining {
                do {
                    switch operation {
                    case .set(let path, let value): try editor.set(path, to: value)
                    case .append(let path, let value): try editor.append(value, to: path)
                    case .delete(let path):
                        try editor.delete(path)
                        // A target's override left with nothing (`ml: {}` after its only grant was revoked): it goes too, up to
                        // the target itself (it was committed, an empty override that says nothing).
                        if path.count > 4, path[0] == .key("targets"), path[2] == .key("resources") {
                            var parent = Array(path.dropLast())
                            while parent.count > 2, case .key? = parent.last, Self.isEmptyMapping(editor.text, at: parent, file: file) {
                                try editor.delete(parent)
                                parent.removeLast()
                            }
                        }
                    }
                } catch {
                    // (Which file: "the file holds more than one YAML document" named none.)
                    guard let edit = error as? YAMLEditor.EditError, case .syntax(let message) = edit else { throw error }
                    let named = message.hasPrefix("the file ") ? file + String(message.dropFirst("the file".count)) : "\(file): \(message)"
                    throw YAMLEditor.EditError.syntax(named)
                }
            }
            for path in plan.staleComments[file] ?? [] { try editor.removeTrailingComment(path) }
            out[file] = editor.text
        }
        return out
    }

    /// Whether the node at `path` of `text` is a mapping without entries.
    static func isEmptyMapping(_ text: String, at path: EditPath, file: String) -> Bool {
        var node = YAMLComposer(file: file).compose(text).root
        for component in path {
            switch component {
            case .key(let key): node = node?[key]
            case .index(let i): node = node?.sequence.flatMap { $0.indices.contains(i) ? $0[i] : nil }
            }
        }
        return node?.mapping?.entries.isEmpty == true
    }
}
