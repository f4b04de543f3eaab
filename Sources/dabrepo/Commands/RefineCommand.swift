import ArgumentParser
import BundleAgent
import BundleDiff
import BundleModel
import BundleRepository
import BundleValidation
import Foundation

struct RefineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refine",
        abstract: "Change the bundle by asking in plain words; the change is validated and committed as a revision.",
        discussion: """
        The built-in offline planner turns the request into minimal edits of the YAML (comments and \
        layout kept), validates every target, shows the semantic diff and commits a revision whose \
        message carries the request. A request that names a target ("for dev", "in prod") changes only \
        that target, through its override block; otherwise the shared definition changes.
        It understands today: cluster size (smaller, larger, N workers, autoscale bounds), job timeout, \
        task retries, pausing and unpausing schedules, schedules ("daily at 2am", "every weekday at 6:30 \
        Berlin time", "hourly", a cron line) and concurrent runs.
        Exit status: 0 committed (or shown with --dry-run), 1 the change would break the bundle or cannot \
        be made, 3 a question (answer it with --resource or --target), 4 not understood.

        Examples:
          dabrepo refine "make the dev cluster smaller"
          dabrepo refine "run every weekday at 6:30 Berlin time" --resource jobs.nightly_etl
          dabrepo refine "retry tasks 3 times in prod" --dry-run
        """
    )

    @Argument(help: "What to change, in plain words.")
    var request: String

    @Option(name: [.short, .long], help: "The target to change (instead of naming it in the request).")
    var target: String?

    @Option(help: ArgumentHelp("The resource to change, such as jobs.nightly_etl.", valueName: "type.key"))
    var resource: String?

    @Flag(help: "Show the planned change; commit nothing.")
    var dryRun = false

    @Flag(name: [.short, .long], help: "Commit without asking (the default when not on a terminal).")
    var yes = false

    @Option(name: [.short, .long], help: "Output format: text or json.")
    var output: TextOrJSON = .text

    @Option(help: ArgumentHelp("Commit as this author instead of git's user.name and user.email.", valueName: "Name <email>"))
    var author: String?

    @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always, never.")
    var color: ColorChoice = .auto

    @Flag(help: "Start a new conversation instead of continuing the latest one.")
    var newSession = false

    func run() throws {
        let root: URL
        let options = try BundleOptions.parse([])
        do { root = try options.bundleRoot() } catch {
            StandardStreams.error("Error: \(error.description)")
            throw ExitCode(2)
        }
        let source = DiskFileSource(root: root)
        // One parse of each file serves planning, the preview, validation and the commit message.
        let cache = ParseCache()
        let bundle: LoadedBundle
        do { bundle = try BundleLoader(source: source, cache: cache).load() } catch {
            StandardStreams.error("Error: \(error.description)")
            throw ExitCode(2)
        }
        let store = RefineSession.Store(bundleRoot: root)
        var session = (newSession ? nil : store.latest()) ?? RefineSession()
        let text = RequestText(request)
        if FollowUp.classify(text, targets: bundle.targetNames, session: session) == .undo {
            try undoLastChange(root: root, session: &session, store: store)
            return
        }
        let context = PlanningContext(bundle: bundle, request: text, targetOption: target, resourceOption: resource)
        let (outcome, intent) = OfflinePlanner().plan(context, session: session)
        func remember(_ reply: String, plan: Plan? = nil, commit: String? = nil) {
            session.turns.append(.init(request: request, reply: reply, intent: plan == nil ? nil : intent, job: plan?.job, target: plan?.target, commit: commit))
            try? store.save(session)
        }
        switch outcome {
        case .clarify(let question, let choices):
            remember(question)
            emit(["status": "question", "question": question, "choices": choices],
                 text: "\(question)\n" + choices.map { "  \($0)" }.joined(separator: "\n") + "\nAsk again with one of them, for example:\n  dabrepo refine \"\(request)\" \(choices[0].hasPrefix("--") ? choices[0] : "")\n")
            throw ExitCode(3)
        case .notUnderstood(let message, let examples):
            remember(message)
            emit(["status": "not-understood", "message": message, "examples": examples],
                 text: "\(message) Requests like these work:\n" + examples.map { "  dabrepo refine \"\($0)\"" }.joined(separator: "\n") + "\n")
            throw ExitCode(4)
        case .refused(let reason):
            remember("Nothing changed: \(reason)")
            emit(["status": "refused", "message": reason], text: "Nothing changed: \(reason)\n")
            throw ExitCode(1)
        case .plan(let plan):
            if let commit = try commit(plan, root: root, source: source, session: session, cache: cache) {
                remember(plan.summary, plan: plan, commit: commit)
            }
        }
    }

    /// "undo that": reverts the session's last revision when it still is HEAD.
    func undoLastChange(root: URL, session: inout RefineSession, store: RefineSession.Store) throws {
        let repository = try RepositoryAccess.open(root.path)
        guard let last = session.lastChange, let commit = last.commit, (try? repository.headCommitID())??.description == commit else {
            emit(["status": "refused", "message": "nothing of this conversation to undo"], text: "Nothing to undo: the last change of this conversation is not the latest commit.\n")
            throw ExitCode(1)
        }
        do {
            let signature = try AuthorResolver.author(override: author, repository: repository)
            let id = try RevisionHistory(repository: repository).undo(author: signature)
            session.turns.append(.init(request: request, reply: "Undid \(String(commit.prefix(7))) (\(last.request))."))
            try? store.save(session)
            emit(["status": "undone", "commit": id.description], text: "Undid \(String(commit.prefix(7))) \"\(last.request)\" with commit \(id.short)\n")
        } catch {
            throw RepositoryAccess.fail(error)
        }
    }

    /// Applies, previews and commits a plan; returns the commit id (nil for a dry run or a "no").
    func commit(_ plan: Plan, root: URL, source: DiskFileSource, session: RefineSession, cache: ParseCache) throws -> String? {
        let contents: [String: String]
        do {
            contents = try OfflinePlanner.apply(plan) { file in
                guard let data = try source.read(file) else { throw RepositoryError.io("cannot read \(file)") }
                return String(decoding: data, as: UTF8.self)
            }
        } catch {
            emit(["status": "refused", "message": "\(error)"], text: "Nothing changed: \(error)\n")
            throw ExitCode(1)
        }
        let files = contents.mapValues { Optional(Data($0.utf8)) }
        // A change for one target is previewed as what that target gets.
        let planned = BundleSnapshot(label: "refined", source: OverlayFileSource(base: source, overrides: files), cache: cache)
        let current = BundleSnapshot(label: "HEAD", source: source, cache: cache)
        let previewTarget = plan.target
        let preview = BundleComparison.compare(current, planned, target: previewTarget)
        if output == .text {
            StandardStreams.out("dabrepo: \(plan.summary)\n\n" + DiffTextFormatter(colored: color.enabled()).render(preview))
        }
        if dryRun {
            emit(["status": "dry-run", "subject": plan.subject, "summary": plan.summary, "changes": BundleComparison.revisionChanges(current, planned)],
                 text: "\nDry run: nothing was committed.\n")
            return nil
        }
        if !yes && isatty(STDIN_FILENO) == 1 && output == .text {
            StandardStreams.out("\nCommit this revision? [Y/n] ")
            let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            guard answer.isEmpty || answer == "y" || answer == "yes" else {
                StandardStreams.out("Nothing was committed.\n")
                return nil
            }
        }
        // The transcript holds the conversation so far.
        let earlier = session.turns.flatMap { [RevisionMessage.Turn(speaker: "user", text: $0.request), RevisionMessage.Turn(speaker: "dabrepo", text: $0.reply)] }
        let revision = Revision(subject: plan.subject,
                                transcript: earlier + [.init(speaker: "user", text: request), .init(speaker: "dabrepo", text: plan.summary)],
                                agent: OfflinePlanner.agentName, session: session.id, files: files)
        do {
            let result = try RevisionCommitter(bundleRoot: root, authorOverride: author, cache: cache).commit(revision)
            emit(["status": "committed", "commit": result.commit.description, "subject": plan.subject, "summary": plan.summary,
                  "changes": BundleComparison.revisionChanges(current, planned)],
                 text: "\nCommitted \(result.commit.short) \"\(plan.subject)\" (\(result.report.summaryLine))\n")
            return result.commit.description
        } catch {
            if case .validationFailed(let diagnostics) = error {
                let errors = diagnostics.filter { $0.severity == .error }
                emit(["status": "invalid", "rules": errors.map(\.rule), "message": error.description],
                     text: "\n" + TextReportFormatter().render(ValidationReport(bundle: nil, targets: [], diagnostics: errors)))
            }
            throw RepositoryAccess.fail(error)
        }
    }

    func emit(_ json: [String: Any], text: String) {
        switch output {
        case .text:
            StandardStreams.out(text)
        case .json:
            let data = (try? JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
            StandardStreams.out(String(decoding: data, as: UTF8.self) + "\n")
        }
    }
}
