import ArgumentParser
import BundleAgent
import BundleDiff
import BundleModel
import BundleRepository
import BundleValidation
import Foundation

/// One request of a conversation: plan, apply in memory, preview, commit, remember. Shared by
/// `dabrepo refine` and `dabrepo chat`.
struct RefineTurn {
    var root: URL
    var target: String?
    var resource: String?
    var dryRun = false
    var confirm = false
    var json = false
    var author: String?
    var colored = false

    /// Runs one request; returns the exit status (0 done, 1 cannot be done, 2 unusable, 3 question, 4 not understood).
    func run(_ request: String, session: inout RefineSession, store: RefineSession.Store) throws -> Int32 {
        let timing = PhaseTiming()
        defer { timing.mark("refine: the rest") }
        let source = DiskFileSource(root: root)
        // One parse of each file serves planning, the preview, validation and the commit message.
        let cache = ParseCache()
        let bundle: LoadedBundle
        do { bundle = try BundleLoader(source: source, cache: cache).load() } catch {
            StandardStreams.error("Error: \(error.description)")
            return 2
        }
        let text = RequestText(request)
        if FollowUp.classify(text, targets: bundle.targetNames, session: session) == .undo {
            return try undoLastChange(request, session: &session, store: store)
        }
        let context = PlanningContext(bundle: bundle, request: text, targetOption: target, resourceOption: resource)
        timing.mark("refine: load")
        let (outcome, intent) = OfflinePlanner().plan(context, session: session)
        timing.mark("refine: plan")
        var turns = session.turns
        func remember(_ reply: String, plan: Plan? = nil, commit: String? = nil) {
            turns.append(.init(request: request, reply: reply, intent: plan == nil ? nil : intent, job: plan?.job,
                               resource: plan?.resource?.description, target: plan?.target, commit: commit))
        }
        defer {
            session.turns = turns
            try? store.save(session)
        }
        switch outcome {
        case .clarify(let question, let choices):
            remember(question)
            // Choices are options that answer it (`--resource jobs.x`) or requests that say it fully.
            let example = choices.first.map { $0.hasPrefix("--") ? "dabrepo refine \"\(request)\" \($0)" : "dabrepo refine \"\($0)\"" } ?? "dabrepo refine \"\(request)\""
            emit(["status": "question", "question": question, "choices": choices],
                 text: "\(question)\n" + choices.map { "  \($0)" }.joined(separator: "\n") + "\nAsk again with one of them, for example:\n  \(example)\n")
            return 3
        case .notUnderstood(let message, let examples):
            remember(message)
            emit(["status": "not-understood", "message": message, "examples": examples],
                 text: "\(message) Requests like these work:\n" + examples.map { "  dabrepo refine \"\($0)\"" }.joined(separator: "\n") + "\n")
            return 4
        case .refused(let reason):
            remember("Nothing changed: \(reason)")
            emit(["status": "refused", "message": reason], text: "Nothing changed: \(reason)\n")
            return 1
        case .plan(let plan):
            let (status, outcome) = try commit(plan, request: request, source: source, session: session, cache: cache)
            switch outcome {
            case .committed(let commit): remember(plan.summary, plan: plan, commit: commit)
            // Understood, so follow-ups ("same for prod") refer to it; with no commit, "undo that" has nothing to undo.
            case .unchanged: remember(plan.alreadyDone, plan: plan)
            case nil: break
            }
            return status
        }
    }

    /// "undo that": reverts the session's last revision when it still is HEAD.
    func undoLastChange(_ request: String, session: inout RefineSession, store: RefineSession.Store) throws -> Int32 {
        let repository = try RepositoryAccess.open(root.path)
        if let last = session.lastChange, last.commit == nil {
            let message = "your last request (\"\(last.request)\") changed nothing, so it has nothing to undo"
            emit(["status": "refused", "message": message],
                 text: "Nothing to undo: \(message). To revert the latest revision whatever made it, run `dabrepo undo`.\n")
            return 1
        }
        guard let last = session.lastChange, let commit = last.commit, (try? repository.headCommitID())??.description == commit else {
            emit(["status": "refused", "message": "nothing of this conversation to undo"], text: "Nothing to undo: the last change of this conversation is not the latest commit.\n")
            return 1
        }
        do {
            let identity = try CommitIdentity.resolve(authorOverride: author, repository: repository)
            let id = try RevisionHistory(repository: repository).undo(identity: identity)
            session.turns.append(.init(request: request, reply: "Undid \(String(commit.prefix(7))) (\(last.request))."))
            try? store.save(session)
            emit(["status": "undone", "commit": id.description], text: "Undid \(String(commit.prefix(7))) \"\(last.request)\" with commit \(id.short)\n")
            return 0
        } catch {
            return RepositoryAccess.fail(error).rawValue
        }
    }

    /// What a plan came to.
    enum Outcome {
        case committed(String)
        /// The bundle already was as asked: nothing to commit.
        case unchanged
    }

    /// Applies, previews and commits a plan; returns the status and what it came to (nil for a dry
    /// run, a "no" or a failure).
    func commit(_ plan: Plan, request: String, source: DiskFileSource, session: RefineSession, cache: ParseCache) throws -> (Int32, Outcome?) {
        let contents: [String: String]
        do {
            contents = try OfflinePlanner.apply(plan) { file in
                guard let data = try source.read(file) else { throw RepositoryError.io("cannot read \(file)") }
                return String(decoding: data, as: UTF8.self)
            }
        } catch {
            emit(["status": "refused", "message": "\(error)"], text: "Nothing changed: \(error)\n")
            return (1, nil)
        }
        let files = contents.mapValues { Optional(Data($0.utf8)) }
        let committer = RevisionCommitter(bundleRoot: root, authorOverride: author, cache: cache)
        do {
            if try committer.pendingFiles(files).isEmpty { return unchanged(plan) }
        } catch {
            return (RepositoryAccess.fail(error).rawValue, nil)
        }
        // A change for one target is previewed as what that target gets.
        let planned = BundleSnapshot(label: "refined", source: OverlayFileSource(base: source, overrides: files), cache: cache)
        let current = BundleSnapshot(label: "HEAD", source: source, cache: cache)
        let previewTarget = plan.target
        let preview = BundleComparison.compare(current, planned, target: previewTarget)
        if !json {
            StandardStreams.out("dabrepo: \(plan.summary)\n\n" + DiffTextFormatter(colored: colored).render(preview))
        }
        if dryRun {
            emit(["status": "dry-run", "subject": plan.subject, "summary": plan.summary, "changes": BundleComparison.revisionChanges(current, planned)],
                 text: "\nDry run: nothing was committed.\n")
            return (0, nil)
        }
        if confirm {
            StandardStreams.out("\nCommit this revision? [Y/n] ")
            let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            guard answer.isEmpty || answer == "y" || answer == "yes" else {
                StandardStreams.out("Nothing was committed.\n")
                return (0, nil)
            }
        }
        // The transcript holds the conversation so far.
        let earlier = session.turns.flatMap { [RevisionMessage.Turn(speaker: "user", text: $0.request), RevisionMessage.Turn(speaker: "dabrepo", text: $0.reply)] }
        let revision = Revision(subject: plan.subject,
                                transcript: earlier + [.init(speaker: "user", text: request), .init(speaker: "dabrepo", text: plan.summary)],
                                agent: OfflinePlanner.agentName, session: session.id, files: files)
        do {
            guard case .committed(let result) = try committer.commit(revision) else { return unchanged(plan) }
            emit(["status": "committed", "commit": result.commit.description, "subject": plan.subject, "summary": plan.summary,
                  "changes": BundleComparison.revisionChanges(current, planned)],
                 text: "\nCommitted \(result.commit.short) \"\(plan.subject)\" (\(result.report.summaryLine))\n")
            return (0, .committed(result.commit.description))
        } catch {
            if case .validationFailed(let diagnostics) = error {
                let errors = diagnostics.filter { $0.severity == .error }
                // Where each error is, for scripts and tools as much as for people.
                let located = errors.map { d in (d.location.map { "\($0.file):\($0.line):\($0.column): " } ?? "") + "\(d.summary) (\(d.rule))" }
                let findings = errors.map { d -> [String: Any] in
                    ["rule": d.rule, "summary": d.summary, "path": d.path as Any? ?? NSNull(), "file": d.location?.file as Any? ?? NSNull(),
                     "line": d.location?.line as Any? ?? NSNull(), "column": d.location?.column as Any? ?? NSNull()]
                }
                emit(["status": "invalid", "rules": errors.map(\.rule), "errors": findings,
                      "message": ([error.description] + located).joined(separator: "\n")],
                     text: "\n" + TextReportFormatter().render(ValidationReport(bundle: nil, targets: [], diagnostics: errors)))
            }
            return (RepositoryAccess.fail(error).rawValue, nil)
        }
    }

    /// The plan's edits leave every file as it is: say so, commit nothing (exit 0).
    func unchanged(_ plan: Plan) -> (Int32, Outcome?) {
        emit(["status": "unchanged", "message": plan.alreadyDone, "subject": plan.subject], text: plan.alreadyDone + "\n")
        return (0, .unchanged)
    }

    func emit(_ document: [String: Any], text: String) {
        switch self.json {
        case false:
            StandardStreams.out(text)
        case true:
            let data = (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
            StandardStreams.out(String(decoding: data, as: UTF8.self) + "\n")
        }
    }
}
