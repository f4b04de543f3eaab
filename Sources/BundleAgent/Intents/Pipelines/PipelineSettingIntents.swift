import BundleEditing
import BundleModel

/// "switch the clickstream pipeline to continuous mode", "run the orders pipeline triggered".
public enum PipelineContinuousIntent: Intent {
    public static let id = "pipeline-continuous"
    public static let summary = "pipelines: continuous or triggered"
    public static let examples = ["switch the pipeline to continuous mode", "run the pipeline in triggered mode in dev"]

    static let continuousWords = ["continuous", "continuously", "streaming", "always-on", "real-time", "realtime", "nonstop", "non-stop"]
    static let triggeredWords = ["triggered", "trigger", "batch", "on-demand", "manual", "manually", "scheduled"]

    public static func score(_ text: RequestText) -> Int {
        // ("pause the continuous bronze job": the runs pause, no mode changes.)
        if text.hasAny(["pause", "unpause", "resume", "suspend"]) || text.contains("stop the continuous") { return 0 }
        if text.hasAny(["continuous", "continuously", "triggered"]) { return 4 }
        // "keep the pipeline always on", "run the DLT pipeline in batch mode"
        let pipeline = text.hasAny(ResourceVocabulary.nouns["pipelines"] ?? [])
        return pipeline && (text.hasAny(continuousWords + ["batch"]) || text.contains("always on")) ? 3 : 0
    }

    /// Whether the words that ask for a mode are more than names: "retry continuous learning" (the task
    /// continuous_learning) or "the batch pipeline job" (rcm_batch_pipeline) ask for none.
    static func asksForAMode(_ context: PlanningContext) -> Bool {
        let named = Set(context.catalog.entries.flatMap { $0.keyWords + $0.nameWords + $0.parts.flatMap(\.words) })
        let said = context.request.words.filter { !named.contains($0) }
        return !Set(said).isDisjoint(with: continuousWords + triggeredWords + ["always"])
    }

    /// Whether the request asks for continuous execution: the state after "to"/"into", never the one
    /// after "from" or "instead of"; negations ("stop running it continuously") ask for triggered.
    static func continuous(_ text: RequestText) -> Bool {
        let words = text.words
        func state(_ word: String) -> Bool? {
            if continuousWords.contains(word) || word == "always" { return true }
            if triggeredWords.contains(word) { return false }
            return nil
        }
        for (i, word) in words.enumerated() where i + 1 < words.count {
            guard let next = words[(i + 1)...].lazy.compactMap(state).first else { continue }
            if word == "from" || (word == "of" && i > 0 && words[i - 1] == "instead") { return !next }
        }
        let asksContinuous = words.contains { state($0) == true } || text.contains("always on")
        let asksTriggered = words.contains { state($0) == false } || text.contains("on demand")
        if asksContinuous && !asksTriggered {
            // (Words are split at apostrophes: "shouldn't" is "shouldn" and "t".)
            let negated = text.hasAny(["stop", "disable", "not", "no", "don", "dont", "never", "without", "shouldn", "shouldnt", "mustn", "doesn", "won",
                                       "isn", "cannot"]) || text.contains("turn off") || text.contains("no longer")
            return !negated
        }
        return !asksTriggered
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        // "make the telemetry stream continuous" where it is a job (or the bundle has no pipeline).
        let mentions = context.catalog.mentions(in: context.request.original)
        let strongest = mentions.values.max()
        let named = Set(mentions.filter { $0.value == strongest }.keys.map(\.type))
        // (Only a job named so: "make the pipeline continuous" in a bundle of jobs is no job's change.)
        if context.request.hasAny(["continuous", "continuously"]), asksForAMode(context), !context.catalog.references(ofType: "jobs").isEmpty,
           named == ["jobs"] {
            return try JobContinuousIntent.plan(context)
        }
        let on = continuous(context.request)
        let p = try PipelineSelection(context)
        guard let operation = try p.setting(context, ["continuous"], to: .bool(on), unset: .bool(false)) else {
            throw p.already(on ? "continuous" : "triggered")
        }
        // A job's pipeline task cannot run a continuous pipeline: its runs would fail.
        if on {
            let reference = "${resources.pipelines.\(p.key).id}"
            let runners = context.catalog.references(ofType: "jobs").flatMap { job in
                (context.effectiveResource(job, target: p.target)?["tasks"]?.sequence ?? [])
                    .filter { $0["pipeline_task"]?["pipeline_id"]?.string == reference }
                    .map { (job: job.key, task: $0["task_key"]?.string ?? "?") }
            }
            if let first = runners.first {
                let named = runners.map { "task \($0.task) of job \($0.job)" }.joined(separator: " and ")
                throw PlanningStop(outcome: .refused("pipeline \(p.key) is run by \(named), and a job's pipeline task cannot run a continuous pipeline "
                                                     + "(its runs would fail); to run it continuously, make the job continuous (\"make the \(first.job) job continuous\": "
                                                     + "its task then keeps the pipeline running), or remove the task first (\"remove the \(first.task) task\")"))
            }
        }
        return p.plan(subject: "Run pipeline \(p.key) \(on ? "continuously" : "triggered")\(p.inTarget)",
                      summary: "Set continuous to \(on) on \(p.description)\(p.forTarget): it \(on ? "runs continuously, processing new data as it arrives" : "runs an update when triggered (by a job, a schedule or by hand)").",
                      edits: [(p.location.file, [operation])])
    }
}

/// "run the DLT pipeline on the preview channel", "back to the current channel in prod".
public enum PipelineChannelIntent: Intent {
    public static let id = "pipeline-channel"
    public static let summary = "pipelines: the release channel, CURRENT or PREVIEW"
    public static let examples = ["run the pipeline on the preview channel", "use the current channel in prod"]

    public static func score(_ text: RequestText) -> Int {
        if text.has("channel") { return 5 }
        // "try the preview runtime for the DLT pipeline"
        return text.has("preview") && text.hasAny((ResourceVocabulary.nouns["pipelines"] ?? []) + ["runtime", "release", "version"]) ? 4 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        // "off the preview channel": the other one.
        let leaving = ["from", "off", "instead of", "away from", "out of"].contains { text.contains("\($0) preview") || text.contains("\($0) the preview") }
        let preview = text.has("preview") && !leaving
        let p = try PipelineSelection(context)
        guard preview || leaving || text.hasAny(["current", "stable", "default", "regular", "ga"]) else {
            // The choices: the channels that would change something.
            let choices = ["preview", "current"].filter { !p.holdsEverywhere(context, ["channel"], .string($0.uppercased()), unset: .string("CURRENT")) }
            throw PlanningStop(outcome: .clarify(question: "Which channel: CURRENT (the default) or PREVIEW (the next runtime, to try upcoming features)?",
                                                 choices: choices.map { "run the \(p.key) pipeline on the \($0) channel\(p.inTarget)" }))
        }
        let channel = preview ? "PREVIEW" : "CURRENT"
        guard let operation = try p.setting(context, ["channel"], to: .string(channel), unset: .string("CURRENT")) else {
            throw p.already("on the \(channel) channel")
        }
        return p.plan(subject: "Move pipeline \(p.key) to the \(channel) channel\(p.inTarget)",
                      summary: "Set channel to \(channel) on \(p.description)\(p.forTarget).",
                      edits: [(p.location.file, [operation])])
    }
}

/// "turn on development mode for the clickstream pipeline in staging", "take the pipeline out of development mode".
public enum PipelineDevelopmentIntent: Intent {
    public static let id = "pipeline-development"
    public static let summary = "pipelines: development mode, as the targets' modes allow"
    public static let examples = ["put the pipeline in development mode in staging", "turn off development mode for the pipeline"]

    public static func score(_ text: RequestText) -> Int {
        if text.contains("development: ") || text.contains("development mode") || text.contains("dev mode") { return 4 }
        let pipeline = text.hasAny(ResourceVocabulary.nouns["pipelines"] ?? [])
        return pipeline && (text.has("development") || text.contains("production mode")) ? 4 : 0
    }

    /// Development on: "turn on", "put … in", "enable"; off: "turn off", "out of", "disable", "production mode".
    static func on(_ text: RequestText) -> Bool {
        if text.contains("production mode") || text.contains("development: false") || text.contains("development false")
            || text.contains("development to false") || text.contains("development = false") { return false }
        if text.contains("development: true") || text.contains("development true") || text.contains("development to true")
            || text.contains("development = true") { return true }
        return !(text.hasAny(["off", "disable", "stop", "leave", "without", "no", "not", "exit"]) || text.contains("out of") || text.contains("no longer") || text.saysNot)
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let on = on(context.request)
        // "dev mode" is the mode, not the target dev.
        let resolving = context.ignoring(["dev mode"])
        let target = try resolving.target()
        let p = try PipelineSelection(context, resolving.resource(["pipelines"]), target: target)
        let mode: (String) -> String? = { context.bundle.targetsMapping?[$0]?["mode"]?.string }
        if let target {
            // Deployment modes decide for the pipeline: development marks it development, production forbids it.
            if mode(target) == "development" {
                throw PlanningStop(outcome: .refused(on
                    ? "\(p.description) is already in development mode in \(target): the target deploys with mode: development, which marks every pipeline development: true"
                    : "target \(target) deploys with mode: development, which marks every pipeline development: true whatever the pipeline says; use a target without mode: development"))
            }
            if mode(target) == "production" && on {
                throw PlanningStop(outcome: .refused("target \(target) deploys with mode: production, which does not allow a pipeline with development: true"))
            }
            // `presets: {pipelines_development: true}` marks every pipeline of the target development,
            // whatever the pipeline says ("already out of development mode" was said of such a pipeline).
            let preset = context.bundle.targetsMapping?[target]?["presets"]?["pipelines_development"]?.scalar?.value
            if preset == .bool(true) || preset == .bool(false) {
                let presetOn = preset == .bool(true)
                if presetOn == on {
                    throw PlanningStop(outcome: .refused("nothing to change: \(p.description) is already \(on ? "in" : "out of") development mode in \(target): the target's presets.pipelines_development: \(presetOn) decides it for every pipeline"))
                }
                throw PlanningStop(outcome: .refused("target \(target) sets presets.pipelines_development: \(presetOn), which decides development mode for every pipeline of \(target) whatever the pipeline says; change that preset in targets.\(target).presets (it changes every pipeline there) or remove it"))
            }
        } else if on {
            // The definition reaches every target: ask for one that can take it.
            let open = context.bundle.targetNames.filter { mode($0) == nil }
            let blocked = context.bundle.targetNames.filter { mode($0) != nil }
            if !blocked.isEmpty {
                guard !open.isEmpty else {
                    throw PlanningStop(outcome: .refused("every target decides this by its mode (\(blocked.map { "\($0): \(mode($0) ?? "")" }.joined(separator: ", "))); development targets mark pipelines development: true already"))
                }
                throw PlanningStop(outcome: .clarify(
                    question: "Which target? \(blocked.joined(separator: ", ")) decide\(blocked.count == 1 ? "s" : "") development mode by \(blocked.count == 1 ? "its" : "their") mode: development or production.",
                    choices: open.map { "--target \($0)" }))
            }
        }
        guard let operation = try p.setting(context, ["development"], to: .bool(on), unset: .bool(false)) else {
            throw p.already(on ? "in development mode" : "out of development mode")
        }
        return p.plan(subject: "Turn development mode \(on ? "on" : "off") for pipeline \(p.key)\(p.inTarget)",
                      summary: "Set development to \(on) on \(p.description)\(p.forTarget)\(on ? " (clusters are reused and failed updates are not retried)" : "").",
                      edits: [(p.location.file, [operation])])
    }
}
