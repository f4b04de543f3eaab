import BundleAgent
import BundleDiff
import BundleEditing
import BundleModel
import BundleRepository
import BundleValidation
import Foundation

/// One request of a conversation, for every front end: plan (with whichever agent), apply in memory,
/// preview, confirm, validate and commit one revision, remember. What happens is reported as
/// `TurnEvent`s; how it ended is the `TurnResult`. The front end only renders: it never plans,
/// validates or commits, and it answers the confirmation question in its own way.
public struct ConversationTurn: Sendable {
    public struct Request: Sendable {
        /// The bundle's root folder.
        public var root: URL
        public var text: String
        /// The target and resource the front end was told (`--target`, `--resource`), if any.
        public var target: String?
        public var resource: String?
        /// Plan and preview only.
        public var dryRun: Bool
        /// "Name <email>" instead of git's identity.
        public var author: String?

        public init(root: URL, text: String, target: String? = nil, resource: String? = nil, dryRun: Bool = false, author: String? = nil) {
            self.root = root
            self.text = text
            self.target = target
            self.resource = resource
            self.dryRun = dryRun
            self.author = author
        }
    }

    public var agent: any PlanningAgent

    public init(agent: any PlanningAgent = OfflinePlanner()) {
        self.agent = agent
    }

    /// Runs one request and records it in `session` (saved to `store`).
    /// - Parameters:
    ///   - events: what happens, in order.
    ///   - confirm: asked with the preview before committing; nil commits without asking.
    public func run(_ request: Request, session: inout RefineSession, store: RefineSession.Store,
                    events: @escaping @Sendable (TurnEvent) -> Void = { _ in },
                    confirm: (@Sendable (TurnPreview) -> Bool)? = nil) async -> TurnResult {
        // A request is words, not a document: 30 MB of them kept the planner busy for minutes, and every
        // other caller of the server waited.
        if request.text.utf8.count > Self.longestRequest {
            return Self.failure(EngineError(.usage, "the request is \(request.text.utf8.count / 1000) KB long; say the change in fewer words (at most \(Self.longestRequest / 1000) KB), or write the YAML with apply or edit"))
        }
        // No repository to commit to: said before anything is written (the conversation was saved in the bundle's
        // folder, where following the advice to `git add -A` committed it).
        let repository = try? GitRepository.open(containing: request.root.path)
        if !request.dryRun, repository == nil {
            return Self.failure(EngineError(.usage, RepositoryError.notARepository(request.root.path).description))
        }
        // A revision killed half-way (kill -9, a power cut) is put back before anything is read: the turn
        // planned on its half-written files and then refused them as "uncommitted changes" (following that
        // advice committed the half revision as the user's own work).
        let notices = repository.map { RevisionJournal.recoverIfInterrupted($0) } ?? []
        let usage = UsageCounter(price: agent.price)
        let previews = PreviewMemory()
        let asking: (@Sendable (TurnPreview) -> Bool)? = confirm.map { confirm in
            { @Sendable preview in previews.wasConfirmed(preview) || previews.confirmed(preview, confirm(preview)) }
        }
        var result = TurnResult(.error)
        let said = SaidText()
        // A revision that landed while this one waited for the lock changed the files it was planned
        // on: plan again on top of it, rather than undo the other's change. The same change planned
        // again is neither shown nor confirmed a second time; a different one is. Each stale plan means
        // another writer's change landed (progress), so with several writers at once (MCP servers, the
        // page, the CLI) it is planned again up to `Self.attempts` times, not refused after three.
        for attempt in 0..<Self.attempts {
            if attempt > 0 { await Self.pause(before: attempt) }
            result = await runTurn(request, session: &session, store: store, usage: usage, events: { event in
                if case .agent(.usage(let input, let output)) = event { usage.add(input, output) }
                if case .preview(var preview) = event {
                    guard previews.isNew(preview) else { return }
                    // (A change planned anew on another writer's revision: the preview shown before is stale.)
                    if attempt > 0 { preview.replanned = true; events(.preview(preview)); return }
                }
                if case .agent(.text(let text)) = event { said.append(text) }
                events(event)
            }, confirm: asking)
            guard result.plannedOnStaleFiles else { break }
        }
        if let total = usage.total { result.usage = total }
        if !notices.isEmpty { result.notices = notices }
        if [.refused, .unchanged].contains(result.status), let message = result.message, said.holds(message) { result.messageWasSaid = true }
        return result
    }

    /// The words the agent streamed in a turn.
    final class SaidText: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func append(_ piece: String) { lock.withLock { text += piece } }
        /// Whether `message` (a reason, perhaps without its final period) is what was said.
        func holds(_ message: String) -> Bool {
            let squeezed = { (s: String) in s.split(whereSeparator: \.isWhitespace).joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
            let wanted = squeezed(message)
            return !wanted.isEmpty && lock.withLock { squeezed(text).contains(wanted) }
        }
    }

    /// The longest request a turn takes, in bytes.
    public static let longestRequest = 20_000

    /// The resource or target the request was given besides its words (a question's answer chosen from
    /// its choices), as the transcript says it: " (resource jobs.other_job)". (The request alone repeated
    /// the question's, and the answer was nowhere.)
    static func choices(of request: Request) -> String {
        let chosen = [request.resource.map { "resource \($0)" }, request.target.map { "target \($0)" }].compactMap { $0 }
        return chosen.isEmpty ? "" : " (" + chosen.joined(separator: ", ") + ")"
    }

    /// How many times a turn is planned when the files it was planned on keep changing meanwhile.
    static let attempts = 10

    /// A short pause, growing and a little random, before planning again: writers that collided
    /// spread out instead of colliding again.
    static func pause(before attempt: Int) async {
        try? await Task.sleep(nanoseconds: UInt64(Int.random(in: 10...60) * min(attempt, 5)) * 1_000_000)
    }

    func runTurn(_ request: Request, session: inout RefineSession, store: RefineSession.Store, usage: UsageCounter,
                 events: @escaping @Sendable (TurnEvent) -> Void, confirm: (@Sendable (TurnPreview) -> Bool)?) async -> TurnResult {
        let timing = PhaseTiming()
        defer { timing.mark("refine: the rest") }
        let source = DiskFileSource(root: request.root)
        // One parse of each file serves planning, the preview, validation and the commit message.
        let cache = ParseCache()
        let bundle: LoadedBundle
        do { bundle = try BundleLoader(source: source, cache: cache).load() } catch {
            return Self.failure(EngineError(.usage, error.description))
        }
        // A file that does not parse (an uncommitted edit half done) is said as such, with where: the
        // planner would see a bundle without it ("this bundle defines no job").
        let broken = bundle.diagnostics.filter { $0.severity == .error && $0.rule == ModelRuleID.yamlSyntax }
        if !broken.isEmpty {
            return Self.failure(EngineError(.usage, (["the bundle cannot be read; correct \(broken.count == 1 ? "this" : "these") first (nothing was changed):"] + broken.map(\.locatedLine)).joined(separator: "\n")))
        }
        // A malformed --author is said before anything is planned or shown.
        if let author = request.author, GitSignature(parsing: author) == nil {
            return Self.failure(EngineError(RepositoryError.invalidAuthor(author)))
        }
        var text = RequestText(Self.naming(me: request.text, root: request.root, author: request.author))
        // "2" (or "the batch inference job") answering "Which other job?", whose choices move the change:
        // that choice, asked (the answer planned as a request of its own kept the first change too).
        if let asked = session.turns.last, asked.commit == nil, let choices = asked.choices, let from = session.lastChange?.resourceReference,
           let chosen = FollowUp.chosenCorrection(PlanningContext(bundle: bundle, request: text), choices: choices, from: from) {
            text = RequestText(chosen)
        }
        guard !text.words.isEmpty else {
            return Self.failure(EngineError(.usage, "the request is empty: say in plain words what to change, such as \"make the dev cluster smaller\""))
        }
        if let target = request.target, !bundle.targetNames.contains(target) {
            return Self.failure(EngineError(.usage, "no such target '\(target)'; available: \(bundle.targetNames.joined(separator: ", "))"))
        }
        // Revisions of the conversation undone outside it (`dabrepo undo`, git revert or reset) are no
        // longer its last change: "make it 4 hours" does not build on them, "what did you change?" says so.
        session.undoneOutside = Self.undoneOutside(session, root: request.root)
        if session.lastChange != nil, let count = FollowUp.undoCount(text) {
            return undoLastChanges(count, request, session: &session, store: store)
        }
        // "undo the prod 5 workers change": the change the words describe, when it is the latest; otherwise
        // said how far back it is (it was planned as a new setting: "already has 5 workers in prod").
        if session.lastChange != nil, let described = FollowUp.describedUndo(text, session: session) {
            if described.count == 1 { return undoLastChanges(1, request, session: &session, store: store) }
            var result = TurnResult(.refused)
            if let count = described.count, let asked = described.request.map({ request in session.turns.last { $0.request == request }?.planned ?? request }) {
                result.message = "\"\(asked)\" is not the latest change of this conversation: \(count - 1) came after it; say \"undo the last \(count)\" to undo back to it (all \(count)), or `git revert` its commit alone"
            } else {
                result.message = "no change of this conversation fits \"\(request.text)\"; say \"undo that\" for the latest change, or \"what did you change?\" to list them"
            }
            return result
        }
        // "undo that" opening a conversation: nothing of it to undo; `dabrepo undo` reverts the latest revision.
        // ("undo the photon change" too: never planned as the change it names, which turned Photon on.)
        if FollowUp.isUndo(text) || FollowUp.describedUndo(text, session: session) != nil {
            var result = TurnResult(.refused)
            result.message = session.turns.contains { $0.commit != nil } ? "every change of this conversation is undone already" : "nothing of this conversation to undo (it has just begun)"
            return result
        }
        // "cancel", "never mind" (to a question, or after a change): nothing to do, said, and the open
        // question is dropped (it was "not understood", exit 4, and a piped chat stopped there).
        if FollowUp.isCancel(text) {
            var result = TurnResult(.unchanged)
            let asked = session.turns.last.map { $0.commit == nil && $0.choices != nil } ?? false
            result.message = asked ? "Nothing changed; the question is dropped. Ask for the change again in other words when you like."
                : "Nothing changed (nothing was waiting for an answer). To take back the last change, say \"undo that\"."
            if !request.dryRun {
                session.turns.append(.init(request: request.text, reply: result.message ?? ""))
                try? store.save(session)
            }
            return result
        }
        if FollowUp.isRecap(text) {
            var result = TurnResult(.unchanged)
            let repository = try? GitRepository.open(containing: request.root.path)
            let explaining = text.words.contains("why") || text.words.contains("explain")
            result.message = session.recap(lastOnly: text.words.contains("last") || text.words.contains("latest") || explaining, explaining: explaining) { commit in
                (try? repository?.resolve(commit)).flatMap { try? repository?.commit($0).subject }
            }
            return result
        }
        // "no, I meant only in dev" right after "undo that": the change undone, made again for dev alone.
        var targetOption = request.target
        var redone: String?
        if request.target == nil, let undone = session.justUndone,
           let target = FollowUp.onlyIn(text, targets: bundle.targetNames) ?? FollowUp.correctedTarget(text, targets: bundle.targetNames, from: undone.target ?? "") {
            redone = undone.planned ?? undone.request
            text = RequestText(redone!)
            targetOption = target
        }
        // What the files were when read: a revision of another process may be writing them right now.
        let identities = bundle.files.map { ($0.path, source.contentIdentity($0.path)) }
        let context = PlanningContext(bundle: bundle, request: text, targetOption: targetOption, resourceOption: request.resource)
        // "… in prod" with the target dev chosen besides: which one is meant is the user's to say.
        if redone == nil, request.target != nil, case .refused(let reason)? = context.contradictedTarget {
            var result = TurnResult(.refused)
            result.message = reason
            return result
        }
        timing.mark("refine: load")
        let answer: AgentAnswer
        do {
            // "only in prod" after a change for every target: that change again, for prod alone.
            if redone != nil {
                answer = try await agent.plan(context, session: session, report: { events(.agent($0)) })
            } else if let last = session.lastChange, last.target == nil, last.commit != nil, request.target == nil,
               let target = FollowUp.onlyIn(text, targets: bundle.targetNames) {
                answer = try await restriction(of: last, to: target, request: request, session: session, events: events)
            } else if let last = session.lastChange, let from = last.target, last.commit != nil, request.target == nil,
                      let target = FollowUp.correctedTarget(text, targets: bundle.targetNames, from: from) {
                // "no, the staging one" after a change for prod: that change again, for staging instead.
                answer = try await restriction(of: last, to: target, request: request, session: session, events: events, movedFrom: from)
            } else if let last = session.lastChange, let from = last.resourceReference, last.commit != nil, request.resource == nil,
                      !FollowUp.asksSeveralChanges(last.planned ?? last.request), let resource = FollowUp.correctedResource(context, from: from) {
                // "for the deployment job instead" after a change to the evaluation job: moved there.
                answer = try await restriction(of: last, to: last.target, request: request, session: session, events: events,
                                               resource: resource, movedFromResource: from)
            } else if let last = session.lastChange, let from = last.resourceReference, last.commit != nil, request.resource == nil,
                      let others = FollowUp.correctionAmongOthers(context, from: from) {
                // "no, the other job" among several: which one (the answer moves the change there).
                let noun = others[0].spoken.split(separator: " ").first.map(String.init) ?? "resource"
                answer = AgentAnswer(outcome: .clarify(question: "Which other \(noun)? The change was made to \(from.spoken); \(others.map(\.key).joined(separator: ", ")) could take it instead.",
                                                       choices: others.map { "for the \($0.key) \(noun) instead" }), intent: nil)
            } else if let last = session.lastChange, last.target == nil, let commit = last.commit, request.target == nil,
                      // ("same for prod but 5 hours": a value of its own, an override of prod.)
                      FollowUp.givenValue(context.request, targets: bundle.targetNames) == nil,
                      let target = FollowUp.repeatedFor(context, session: session), Self.revision(commit, changed: target, root: request.root) {
                // "same for prod" after a change made for every target that prod got: made again, it
                // would double what was doubled.
                answer = AgentAnswer(outcome: .refused("your change (\"\(last.planned ?? last.request)\") was made for every target, so \(target) already has it"), intent: nil)
            } else {
                var planned = try await agent.plan(context, session: session, report: { events(.agent($0)) })
                // "actually make it pager@example.com" after "email oncall@example.com when it fails": the revision
                // just made is replaced, not added to (both addresses were e-mailed; both groups could view).
                if case .plan(let plan) = planned.outcome, let last = session.lastChange, last.commit != nil, request.target == nil,
                   Self.correctsAnAddition(text, previous: last, intent: planned.intent),
                   let replayed = Self.correctedRequest(text, previous: last.planned ?? last.request) ?? plan.request,
                   replayed != (last.planned ?? last.request) {
                    let replaced = try await restriction(of: last, to: last.target, request: request, session: session, events: events, correctedTo: replayed)
                    if case .plan = replaced.outcome { planned = replaced }
                }
                answer = planned
            }
        } catch let error as EngineError {
            return Self.failure(error)
        } catch is CancellationError {
            return Self.failure(EngineError(.refused, "the request was cancelled; nothing was changed"))
        } catch {
            return Self.failure(EngineError(.transport, SecretRedaction.redact("\(error)")))
        }
        timing.mark("refine: plan")
        // Ctrl-C while the planner worked: nothing goes further (the offline planner does not look).
        if Task.isCancelled { return Self.failure(EngineError(.refused, "the request was cancelled; nothing was changed")) }
        if case .plan = answer.outcome {
            // A plan is checked against the files again when it is committed.
        } else if Self.filesChangedWhileRead(identities, source: source, root: request.root) {
            // A question, a refusal or "not understood" may come from a half-written file (another
            // process's revision rewriting it, an undo): plan again on the files as they now are.
            var result = TurnResult(.error)
            result.kind = .refused
            result.message = "the bundle's files kept changing while they were read (other revisions landing); nothing was changed: try again"
            result.plannedOnStaleFiles = true
            return result
        }
        var turns = session.turns
        // A dry run leaves no trace: its question or refusal is not the conversation's (it took the place
        // of the question asked before, whose answer "1" then changed something else; another tab's
        // conversation and a later commit's transcript showed it).
        func remember(_ reply: String, plan: Plan? = nil, commit: String? = nil) {
            guard !request.dryRun else { return }
            turns.append(.init(request: request.text, reply: reply, intent: plan == nil ? nil : answer.intent, job: plan?.job,
                               resource: plan?.resource?.description, target: plan?.target, commit: commit,
                               // (A question's request as planned: "me" as the author's address, which its answer replays.)
                               planned: plan?.request ?? (plan == nil && text.original != request.text ? text.original : nil)))
        }
        defer {
            if !request.dryRun {
                session.turns = turns
                try? store.save(session)
            }
        }
        switch answer.outcome {
        case .clarify(let question, let choices):
            remember(question)
            if !request.dryRun {
                turns[turns.count - 1].choices = choices
                // (Asked while an answer replayed a request: that request, for the next answer to replay.)
                if let asking = answer.asking {
                    turns[turns.count - 1].planned = asking.request
                    turns[turns.count - 1].resource = asking.resource
                    turns[turns.count - 1].target = asking.target
                } else if request.resource != nil || request.target != nil {
                    // (Asked of the resource or target a choice gave — the page's "job etl", `--resource` — that one,
                    // for the answer: "set the timeout to 2 hours" asked "which job?" again.)
                    turns[turns.count - 1].resource = request.resource
                    turns[turns.count - 1].target = request.target
                }
            }
            var result = TurnResult(.question)
            result.question = question
            result.options = choices.map(TurnResult.Choice.init(planner:))
            result.choices = result.options?.map(\.commandLine)
            return result
        case .notUnderstood(let message, let examples):
            remember(message)
            var result = TurnResult(.notUnderstood)
            result.message = message
            result.examples = examples
            return result
        case .refused(let reason):
            remember("Nothing changed: \(reason)")
            // "job x already times out after 2 hours": the bundle is as asked, which is no failure (a
            // script that asks again goes on); "already has a task x; name the new one …" is a conflict.
            let asAsked = PlanOutcome.isAsAsked(reason)
            // Understood, so "same for prod" repeats it there (it was "not understood" after a dev change
            // that was already so).
            // (For the target its words name too: "actually make it citibike_uat" after "… citibike_qa in
            // staging" found nothing to change is for staging, not for every target.)
            if asAsked, !request.dryRun, let intent = answer.intent {
                turns[turns.count - 1].intent = intent
                turns[turns.count - 1].target = targetOption ?? (try? context.target())
            }
            var result = TurnResult(asAsked ? .unchanged : .refused)
            // (A reason that ends its own sentence — a model's — gets no second period.)
            let sentence = reason.hasSuffix(".") ? String(reason.dropLast()) : reason
            result.message = asAsked && !reason.hasPrefix("nothing to change") ? "Nothing to change: \(sentence)."
                : reason.hasPrefix("nothing to change") ? "N" + sentence.dropFirst() + "." : reason
            return result
        case .plan(let plan):
            var result = await commit(plan, request: request, source: source, session: session, cache: cache, agent: answer.answeredBy ?? agent.name,
                                      usage: usage, events: events, confirm: confirm, plannedOn: Dictionary(identities) { first, _ in first })
            result.agent = answer.answeredBy ?? agent.name
            switch result.status {
            case .committed: remember(plan.summary, plan: plan, commit: result.commit)
            // Understood, so follow-ups ("same for prod") refer to it; with no commit, "undo that" has nothing to undo.
            case .unchanged: remember(plan.alreadyDone, plan: plan)
            // Refused by validation (or another check before the commit): the request and why stay in the
            // conversation, with no plan, so follow-ups do not build on it (the page's conversation had lost
            // it, "0 turns", and took its title from the next request).
            case .invalid, .refused: remember("Nothing changed: \(result.message ?? "the change was refused")")
            default: break
            }
            return result
        }
    }

    /// Whether the files read for planning changed since, once a revision in flight (another process's,
    /// holding the repository lock) has finished writing them.
    static func filesChangedWhileRead(_ identities: [(String, String?)], source: DiskFileSource, root: URL) -> Bool {
        if let repository = try? GitRepository.open(containing: root.path) {
            let lock = RepositoryLock(gitDirectory: repository.gitDirectory)
            if (try? lock.acquire()) != nil { lock.release() }
        }
        return identities.contains { source.contentIdentity($0.0) != $0.1 }
    }

    /// The session's revisions (short ids) that a later commit on the branch reverts, or that are no
    /// longer in the branch's history; nil when there are none.
    static func undoneOutside(_ session: RefineSession, root: URL) -> [String]? {
        let commits = Set(session.turns.compactMap { $0.commit.map { String($0.prefix(7)) } })
        guard !commits.isEmpty, let repository = try? GitRepository.open(containing: root.path), let head = try? repository.headCommitID() else { return nil }
        var next: GitObjectID? = head
        var reachable: Set<String> = []
        var reverted: Set<String> = []
        var complete = false
        for _ in 0..<2_000 {
            guard let id = next else { complete = true; break }
            let short = String(id.description.prefix(7))
            if commits.contains(short) { reachable.insert(short) }
            if reachable.count == commits.count { complete = true; break }
            guard let commit = try? repository.commit(id) else { break }
            for match in commit.message.matches(of: /This reverts commit ([0-9a-f]{7,40})/) { reverted.insert(String(match.1.prefix(7))) }
            next = commit.parents.first
        }
        // (History too long to read to the end: only what was seen counts.)
        let undone = commits.filter { reverted.contains($0) || (complete && !reachable.contains($0)) }.sorted()
        return undone.isEmpty ? nil : undone
    }

    static func failure(_ error: EngineError) -> TurnResult {
        var result = TurnResult(.error)
        result.kind = error.kind
        result.message = SecretRedaction.redact(error.message)
        return result
    }

    /// "only in prod" after a change made for every target: the previous request planned again for
    /// that target on the files as they were before its revision, with that revision's own edits
    /// reverted — one new revision whose net effect is the change in that target alone. Refused when the
    /// revision is no longer the latest.
    ///
    /// `movedFrom`: the revision made the change for that target, and the request is for `target`
    /// instead ("no, the staging one"): the same, with the request's words about the target changed.
    /// `resource`, `movedFromResource`: the change was made to that resource, and is for `resource`
    /// instead ("for the deployment job instead"). A revision that itself replaced the one before it
    /// ("I meant dev" after "no, the staging one") is undone with it: only the last correction stands.
    func restriction(of last: RefineSession.Turn, to target: String?, request: Request, session: RefineSession,
                     events: @escaping @Sendable (TurnEvent) -> Void, movedFrom: String? = nil,
                     resource: ResourceReference? = nil, movedFromResource: ResourceReference? = nil, correctedTo: String? = nil) async throws -> AgentAnswer {
        let repository: GitRepository
        do { repository = try GitRepository.open(containing: request.root.path) } catch {
            throw EngineError(.usage, RepositoryError.notARepository(request.root.path).description)
        }
        var asked = movedFrom.flatMap { from in target.map { FollowUp.request(last.planned ?? last.request, forTarget: from, insteadOf: $0) } } ?? last.planned ?? last.request
        if let from = movedFromResource, let to = resource { asked = FollowUp.request(asked, resource: from, insteadOf: to) }
        if let correctedTo { asked = correctedTo }
        let moved = movedFrom != nil || movedFromResource != nil
        let destination = resource.map(\.spoken) ?? target ?? "every target"
        let head: GitObjectID, before: [String: GitObjectID], after: [String: GitObjectID]
        var chainStart = last.commit
        do {
            // The latest revision, or the files are as it left them (what came after it was undone).
            func current(_ id: GitObjectID) throws -> GitObjectID? {
                if id.description == last.commit { return id }
                guard let commit = last.commit, let made = try? repository.resolve(commit),
                      try repository.treeEntries(of: id) == repository.treeEntries(of: made) else { return nil }
                return made
            }
            guard let id = try repository.headCommitID(), let made = try current(id), var base = try repository.commit(made).parents.first else {
                let ask = movedFrom == nil && !moved ? "\(asked) in \(destination)" : asked
                return AgentAnswer(outcome: .refused("your change (\"\(last.request)\") is no longer the latest revision, so it cannot be \(moved ? "moved" : "narrowed") to \(destination); \(movedFrom.map { "change \($0) back yourself and " } ?? movedFromResource.map { "change \($0.key) back yourself and " } ?? "")ask for it again: \"\(ask)\""), intent: nil)
            }
            // A chain of corrections: each replaced the revision just before it.
            var reply = last.reply
            while let replaced = reply.firstMatch(of: /It replaces ([0-9a-f]{7,40}), which made the change/).map({ String($0.1) }),
                  base.description.hasPrefix(replaced), let earlier = try repository.commit(base).parents.first {
                chainStart = base.description
                base = earlier
                reply = session.turns.last { $0.commit?.hasPrefix(replaced) == true }?.reply ?? ""
            }
            (head, before, after) = (id, try repository.treeEntries(of: base), try repository.treeEntries(of: id))
        } catch {
            throw EngineError(.usage, "\(error)")
        }
        let scope = RevisionHistory.scope(of: request.root, in: repository)
        let directory = scope.hasSuffix("/") ? String(scope.dropLast()) : scope
        let old = GitSnapshotFileSource(repository: repository, indexEntries: before, bundleDirectory: directory, label: "before \(head.short)")
        let bundle = try BundleLoader(source: old).load()
        // Planned as the request was asked then, without the turns that followed it.
        var earlier = session
        if let i = session.turns.firstIndex(where: { $0.commit != nil && $0.commit == chainStart }) { earlier.turns = Array(session.turns[..<i]) }
        // The resource the change was about (a follow-up's words may not name it: "also on success").
        // "same for gold" replayed the words about silver for gold: the resource the change was made to
        // is the one, whatever the words name.
        let about = resource ?? last.resourceReference
        let context = PlanningContext(bundle: bundle, request: RequestText(Self.naming(me: asked, root: request.root, author: request.author)), targetOption: target,
                                      resourceOption: about?.description, defaultResource: about)
        let answer = try await agent.plan(context, session: earlier, report: { events(.agent($0)) })
        guard case .plan(var plan) = answer.outcome else { return answer }
        // A change that cannot be made for one target (it was made for every one again, and "already is as
        // asked" said while every target keeps it): refused, saying so.
        if let target, plan.target != target, plan.contents == nil,
           !plan.edits.allSatisfy({ $0.operations.allSatisfy { operation in
               switch operation { case .set(let path, _), .append(let path, _), .delete(let path): return Array(path.prefix(2)) == [.key("targets"), .key(target)] }
           } }) {
            return AgentAnswer(outcome: .refused("\"\(last.planned ?? last.request)\" cannot be made for \(target) alone, so it stays as it is, for every target; undo it (\"undo that\") and add what \(target) needs to its own settings"), intent: nil)
        }
        let edited = try plan.contents ?? OfflinePlanner.apply(plan) { file in
            guard let data = try old.read(file) else { return "" }
            return String(decoding: data, as: UTF8.self)
        }
        // The files the earlier revisions changed go back to what they were; the new edits go on top.
        var contents: [String: String] = [:]
        var removed: Set<String> = []
        for path in Set(before.keys).union(after.keys) where before[path] != after[path] && path.hasPrefix(scope) {
            let relative = String(path.dropFirst(scope.count))
            if let id = before[path], let data = try? repository.blob(id) { contents[relative] = String(decoding: data, as: UTF8.self) } else { removed.insert(relative) }
        }
        for (file, text) in edited { contents[file] = text; removed.remove(file) }
        plan.contents = contents
        plan.removedFiles = removed
        plan.createdFiles = []
        plan.request = asked
        plan.replaces = head.description
        if correctedTo != nil {
            plan.summary += " It replaces \(head.short) (\"\(last.request)\"), which it corrects."
        } else {
            let made = movedFromResource.map(\.spoken) ?? movedFrom ?? "every target"
            plan.summary += " It replaces \(head.short), which made the change for \(made)."
        }
        return AgentAnswer(outcome: .plan(plan), intent: answer.intent, answeredBy: answer.answeredBy)
    }

    /// A correction ("actually …", "no, … instead", "I meant …") of the change just made, when that change added
    /// someone to a list (e-mail recipients, permissions, grants): replayed on top, the wrong one stayed.
    static func correctsAnAddition(_ text: RequestText, previous: RefineSession.Turn, intent: String?) -> Bool {
        let adding: Set<String> = [EmailNotificationIntent.id, PermissionIntent.id, GrantIntent.id]
        guard let before = previous.intent, adding.contains(before), intent == before,
              text.words.contains(where: ["actually", "instead", "meant", "mean", "no", "nope", "wrong", "oops", "sorry", "rather"].contains) else { return false }
        return !text.hasAny(["also", "too", "and", "add", "plus", "well"])
    }

    /// The request before with the one address the correction gives in place of its one address ("email
    /// oncall@… when the etl job fails" corrected by "actually make it pager@…"); nil otherwise.
    static func correctedRequest(_ text: RequestText, previous: String) -> String? {
        let address = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/
        let said = text.original.matches(of: address), before = previous.matches(of: address)
        guard said.count == 1, before.count == 1 else { return nil }
        return previous.replacingCharacters(in: before[0].range, with: String(said[0].output))
    }

    /// Whether the revision changed what `target` gets (its merged, resolved configuration): false when
    /// the target's own settings hid the change, or the revision cannot be read.
    static func revision(_ commit: String, changed target: String, root: URL) -> Bool {
        guard let repository = try? GitRepository.open(containing: root.path), let id = try? repository.resolve(commit),
              let parent = (try? repository.commit(id))?.parents.first,
              let before = try? repository.treeEntries(of: parent), let after = try? repository.treeEntries(of: id) else { return false }
        let scope = RevisionHistory.scope(of: root, in: repository)
        let directory = scope.hasSuffix("/") ? String(scope.dropLast()) : scope
        func configuration(_ entries: [String: GitObjectID], _ label: String) -> YAMLNode? {
            let source = GitSnapshotFileSource(repository: repository, indexEntries: entries, bundleDirectory: directory, label: label)
            guard let bundle = try? BundleLoader(source: source).load(), bundle.targetNames.contains(target) else { return nil }
            return YAMLNode(.mapping(bundle.effectiveConfiguration(target: target).configuration), at: SourceLocation(file: "", line: 1, column: 1))
        }
        guard let old = configuration(before, "before"), let new = configuration(after, "after") else { return false }
        return !ConfigurationDiff.compare(old, new).isEmpty
    }

    /// "undo the last two": the session's last `count` revisions reverted, newest first, one revision
    /// each; refused before any when the conversation has fewer to undo.
    func undoLastChanges(_ count: Int, _ request: Request, session: inout RefineSession, store: RefineSession.Store) -> TurnResult {
        guard count > 1 else { return undoLastChange(request, session: &session, store: store) }
        let undone = session.undoneCommits
        let available = session.turns.compactMap(\.commit).filter { !undone.contains(String($0.prefix(7))) }
        guard available.count >= count else {
            var result = TurnResult(.refused)
            result.message = "this conversation made \(available.count == 0 ? "no change" : available.count == 1 ? "only one change" : "only \(available.count) changes") that can be undone, not \(count); nothing was undone"
            return result
        }
        // A dry run says which revisions it would undo, newest first, and undoes none.
        if request.dryRun {
            let commits = Array(available.suffix(count).reversed())
            let subjects = commits.map { commit in
                let said = session.turns.last { $0.commit == commit }?.request ?? ""
                return "\(commit.prefix(7)) (\"\(said)\")"
            }
            var result = TurnResult(.dryRun)
            result.message = "Would undo \(subjects.joined(separator: ", then "))."
            return result
        }
        var messages: [String] = []
        var last = TurnResult(.undone)
        for _ in 0..<count {
            let step = undoLastChange(request, session: &session, store: store)
            guard step.status == .undone else {
                // What was undone stays undone; the rest is said.
                var result = step
                if !messages.isEmpty { result.message = (messages + ["then stopped: " + (step.message ?? "")]).joined(separator: "; ") }
                return result
            }
            messages.append(step.message ?? "")
            last = step
        }
        last.message = messages.joined(separator: "; ")
        return last
    }

    /// How the reply to an "undo that" begins whose change was undone outside the conversation.
    static let undoneOutsideReply = "Already undone: "

    /// "undo that": reverts the session's last revision when it still is HEAD.
    func undoLastChange(_ request: Request, session: inout RefineSession, store: RefineSession.Store) -> TurnResult {
        let repository: GitRepository
        do { repository = try GitRepository.open(containing: request.root.path) } catch {
            return Self.failure(EngineError(.usage, RepositoryError.notARepository(request.root.path).description))
        }
        // (Only right after it: once "undo that" stepped back past it, the revisions before it are next.)
        if let last = session.lastChange, last.commit == nil, let latest = session.turns.last,
           latest.commit == nil, latest.request == last.request, latest.reply == last.reply {
            var result = TurnResult(.refused)
            result.message = "your last request (\"\(last.request)\") changed nothing, so it has nothing to undo"
            return result
        }
        // The revision an undo reverts next, when this conversation made it: undoing again steps back.
        let next = try? RevisionHistory(repository: repository, scope: RevisionHistory.scope(of: request.root, in: repository)).undoTarget().id.description
        guard let last = session.turns.last(where: { $0.commit != nil && $0.commit == next }), let commit = last.commit else {
            var result = TurnResult(.refused)
            // A later revision (another tab, the terminal) stands between: said, with the way on.
            if let mine = session.lastChange?.commit, let next {
                let later = (try? repository.resolve(next)).flatMap { try? repository.commit($0).subject } ?? String(next.prefix(7))
                result.message = "this conversation's last revision \(mine.prefix(7)) is no longer the latest: \(next.prefix(7)) \"\(later)\" came after it; undo that one first (`dabrepo undo`), or revert \(mine.prefix(7)) alone with `git revert \(mine.prefix(7))`"
            } else if let mine = session.lastChange?.commit {
                // (A commit made outside dabrepo came after it: no revision is the next to undo.)
                var head: String?
                if let id = try? repository.headCommitID(), let commit = try? repository.commit(id) { head = "\(id.short) \"\(commit.subject)\"" }
                result.message = "this conversation's last revision \(mine.prefix(7)) is no longer the latest: "
                    + (head.map { "\($0), which dabrepo did not make, came after it" } ?? "a later commit came after it")
                    + "; revert \(mine.prefix(7)) alone with `git revert \(mine.prefix(7))`"
            } else if session.lastChange?.commit == nil, session.turns.contains(where: { $0.commit != nil }) {
                // (Three changes, three undos, and "undo that" again: said so, not "a later revision came after it".)
                result.message = "every change of this conversation is undone already"
            } else {
                result.message = "nothing of this conversation to undo (it has made no revision)"
            }
            return result
        }
        // The conversation's latest revision was undone outside it (the page's Undo, `dabrepo undo`): "undo that"
        // is about that one, so it is said, not the one before it undone unasked; "undo that" again goes on.
        let latestMade = session.turns.last(where: { $0.commit != nil })
        let saidBefore = session.turns.last?.reply.hasPrefix(Self.undoneOutsideReply) ?? false
        let undoneHere = Set(session.turns.compactMap { $0.commit == nil && $0.reply.hasPrefix("Undid ") ? String($0.reply.dropFirst("Undid ".count).prefix(7)) : nil })
        if let latestMade, let latestCommit = latestMade.commit, latestCommit != commit, !saidBefore,
           !undoneHere.contains(String(latestCommit.prefix(7))), (session.undoneOutside ?? []).contains(String(latestCommit.prefix(7))) {
            var result = TurnResult(.refused)
            result.message = "your last change (\"\(latestMade.request)\", \(latestCommit.prefix(7))) was undone already, outside this conversation; "
                + "say \"undo that\" again to undo the one before it (\"\(last.request)\", \(commit.prefix(7)))"
            if !request.dryRun {
                session.turns.append(.init(request: request.text, reply: Self.undoneOutsideReply + (result.message ?? "")))
                try? store.save(session)
            }
            return result
        }
        // The revision named by its subject, as `dabrepo undo` and its commit name it.
        let subject = (try? repository.resolve(commit)).flatMap { try? repository.commit($0).subject } ?? last.request
        // (A dry run: what would be undone, and nothing is.)
        if request.dryRun {
            var result = TurnResult(.dryRun)
            result.message = "Would undo \(String(commit.prefix(7))) \"\(subject)\"."
            return result
        }
        do {
            let identity = try CommitIdentity.resolve(authorOverride: request.author, repository: repository)
            let id = try RevisionHistory(repository: repository, scope: RevisionHistory.scope(of: request.root, in: repository)).undo(identity: identity, request: request.text)
            session.turns.append(.init(request: request.text, reply: "Undid \(String(commit.prefix(7))) (\(last.request))."))
            try? store.save(session)
            var result = TurnResult(.undone)
            result.commit = id.description
            result.message = "Undid \(String(commit.prefix(7))) \"\(subject)\" with commit \(id.short)"
            return result
        } catch {
            return Self.failure(EngineError(error))
        }
    }

    /// The path an edit operation writes at.
    static func path(of operation: EditOperation) -> EditPath {
        switch operation {
        case .set(let path, _), .append(let path, _): return path
        case .delete(let path): return path
        }
    }

    /// Applies, previews, confirms and commits a plan.
    func commit(_ plan: Plan, request: Request, source: DiskFileSource, session: RefineSession, cache: ParseCache, agent agentName: String,
                usage: UsageCounter, events: @escaping @Sendable (TurnEvent) -> Void, confirm: (@Sendable (TurnPreview) -> Bool)?,
                plannedOn identities: [String: String?] = [:]) async -> TurnResult {
        var plan = plan
        // A change for one target says so in its subject ("Run etl every day at 05:00 (UTC) in prod"),
        // where `git log --oneline` shows it.
        if let target = plan.target, !Self.names(target, in: plan.subject) { plan.subject += " in \(target)" }
        let contents: [String: String]
        // What the files were when the plan was applied: the revision lands only if they still are.
        let read = FileReads(source)
        // A plan of whole files (a model's edits, several clauses) was made on the files as the turn
        // read them: when one changed since (a commit of the user's while the model answered), its
        // contents would undo that change. Planned again on the files as they now are.
        if let planned = plan.contents {
            for file in planned.keys.sorted() {
                guard let identity = identities[file] else { continue }
                _ = try? read(file)
                if source.contentIdentity(file) != identity {
                    var result = TurnResult(.refused)
                    result.message = "\(file) changed while the change was planned (another commit landed); nothing was changed: plan it again"
                    result.plannedOnStaleFiles = true
                    return result
                }
            }
        }
        do {
            contents = try plan.contents ?? OfflinePlanner.apply(plan) { file in
                guard let data = try read(file) else { throw RepositoryError.io("cannot read \(file)") }
                return String(decoding: data, as: UTF8.self)
            }
        } catch {
            var result = TurnResult(.refused)
            result.message = "\(error)"
            return result
        }
        let files = plan.files(contents)
        let committer = RevisionCommitter(bundleRoot: request.root, authorOverride: request.author, cache: cache)
        do {
            let change = try committer.pendingAndUncommitted(files)
            if change.pending.isEmpty { return Self.unchanged(plan) }
            // Uncommitted edits of a file the change touches refuse it: said before any preview.
            if !change.uncommitted.isEmpty { return Self.failure(EngineError(RepositoryError.dirtyFiles(change.uncommitted))) }
        } catch {
            return Self.failure(EngineError(error))
        }
        // A change for one target is previewed as what that target gets.
        let (current, planned) = BundleSnapshot.pair(old: ("HEAD", source), new: ("refined", OverlayFileSource(base: source, overrides: files)), cache: cache)
        let changes = BundleComparison.revisionChanges(current, planned)
        let previewTarget = plan.replaces == nil ? plan.target : nil
        // A change for one target that target already gets (an override that repeats what it inherits: "same
        // for prod" after a change prod had already) is no change: a revision of no effect is not made.
        // (Every target's: "only deploy the digest to prod" changes prod nothing and the others much.)
        if let target = previewTarget, let targets = current.bundle?.targetNames, targets.contains(target),
           Set(targets) == Set(planned.bundle?.targetNames ?? []) {
            // (A target's own settings, its mode, workspace or presets, are changes of their own: "use
            // development mode for staging" was said to repeat what staging inherits.)
            func settings(_ bundle: LoadedBundle?, _ name: String) -> YAMLNode? {
                guard let node = bundle?.targetsMapping?[name], let mapping = node.mapping else { return nil }
                return YAMLNode(.mapping(YAMLMapping(mapping.entries.filter { !["resources", "variables"].contains($0.key) })), at: node.location)
            }
            let unchanged = targets.allSatisfy { name in
                let forTarget = BundleComparison.compare(current, planned, target: name)
                let own = (settings(current.bundle, name), settings(planned.bundle, name))
                let sameSettings = own.0 == nil && own.1 == nil || own.0.flatMap { old in own.1.map { ConfigurationDiff.compare(old, $0).isEmpty } } == true
                return forTarget.groups.isEmpty && forTarget.files.isEmpty && sameSettings
            }
            if unchanged {
                var result = TurnResult(.unchanged)
                result.subject = plan.subject
                result.message = "Nothing to change: target \(target) already gets that (an override would repeat what it inherits)."
                return result
            }
        }
        // A change of the shared definition that reaches no target, each setting its own value ("set the
        // timeout to 10 minutes" where dev and prod set theirs): committed, it changed nothing deployed.
        if previewTarget == nil, plan.replaces == nil, plan.contents == nil, !plan.edits.isEmpty,
           let targets = current.bundle?.targetNames, !targets.isEmpty, Set(targets) == Set(planned.bundle?.targetNames ?? []),
           plan.edits.allSatisfy({ $0.operations.allSatisfy { Self.path(of: $0).first == .key("resources") } }),
           targets.allSatisfy({ name in
               let forTarget = BundleComparison.compare(current, planned, target: name)
               return forTarget.groups.isEmpty && forTarget.files.isEmpty
           }) {
            var result = TurnResult(.refused)
            result.subject = plan.subject
            // (The way on as a request to copy: "… everywhere" means each of them.)
            let asked = request.text.replacingOccurrences(of: #"\s+(everywhere|in every target|in all targets|for every target|for all targets|in all envs|everywhere else)\b"#,
                                                          with: "", options: [.regularExpression, .caseInsensitive])
            let listed = targets.count == 1 ? targets[0] : targets.dropLast().joined(separator: ", ") + " and " + targets.last!
            result.message = "every target (\(targets.joined(separator: ", "))) sets this itself, so a change of the shared definition reaches none of them; ask for the targets that should change, such as \"\(asked) in \(listed)\""
            return result
        }
        let preview = TurnPreview(subject: plan.subject, summary: plan.summary, target: previewTarget,
                                  comparison: Self.previewComparison(current, planned, target: previewTarget), changes: changes)
        events(.preview(preview))
        if request.dryRun {
            // A dry run answers as the real run would: a change that breaks the bundle is refused.
            do {
                _ = try committer.check(files)
            } catch {
                return Self.refusal(error, events: events)
            }
            var result = TurnResult(.dryRun)
            (result.subject, result.summary, result.changes) = (plan.subject, plan.summary, changes)
            return result
        }
        if let confirm, !confirm(preview) {
            var result = TurnResult(.declined)
            result.message = "Nothing was committed."
            return result
        }
        // The transcript holds the conversation so far: its revisions and the questions asked, not the
        // requests that came to nothing (refused, not understood), whose words may hold what the user
        // would not commit (a password said in a request that was then refused).
        // ("undo that" too: what it undid is no longer so.)
        // Of the earlier revisions' requests, the last few say what this one follows on from; the rest are
        // in those revisions (a long conversation's every commit repeated all of it, and read as if it made
        // every change).
        var kept = session.turns.filter { $0.commit != nil || $0.choices != nil || $0.reply.hasPrefix("Undid ") }
        var own = session.turns.reversed().prefix { $0.commit == nil && $0.choices != nil }.count
        // The questions right before this request belong to it only when it answers them (a choice, a
        // number, or the asked request planned again); a new request instead leaves them unanswered, and
        // this revision's transcript listed a request it never applied.
        if own > 0, let asked = session.turns.last {
            let said = request.text.trimmingCharacters(in: .whitespacesAndNewlines)
            let answers = request.target != nil || request.resource != nil || Int(said) != nil
                || (asked.choices ?? []).contains { $0.localizedCaseInsensitiveContains(said) || said.localizedCaseInsensitiveContains($0) }
                || plan.request.map { $0 == (asked.planned ?? asked.request) } == true
                || Self.readsAsAnAnswer(said)
            if !answers {
                kept.removeLast(own)
                own = 0
            }
        }
        let context = Self.transcriptContext
        let omitted = max(0, kept.count - own - context)
        var earlier = kept.dropFirst(omitted).flatMap { [RevisionMessage.Turn(speaker: "user", text: $0.request), RevisionMessage.Turn(speaker: "dabrepo", text: $0.reply)] }
        if omitted > 0 {
            earlier.insert(RevisionMessage.Turn(speaker: "dabrepo", text: "(\(omitted) earlier request\(omitted == 1 ? " is" : "s are") in this conversation's earlier revisions: git log --grep 'Dabrepo-Session: \(session.id)')"), at: 0)
        }
        var revision = Revision(subject: plan.subject,
                                transcript: earlier + [.init(speaker: "user", text: request.text + Self.choices(of: request)), .init(speaker: "dabrepo", text: plan.summary)],
                                agent: agentName, session: session.id, files: files)
        // This request, and those right before it that ended in a question it answers.
        revision.ownRequests = own + 1
        if let total = usage.total {
            // "anthropic/claude-sonnet-4-5": the model after the provider.
            revision.model = agentName.split(separator: "/", maxSplits: 1).last.map(String.init)
            revision.tokens = "\(total.inputTokens) input, \(total.outputTokens) output"
            revision.cost = total.costUSD.map(TokenPrice.dollars)
        }
        revision.base = Dictionary(uniqueKeysWithValues: files.keys.map { file in (file, read.seen[file] ?? ((try? source.read(file)) ?? nil)) })
        do {
            guard case .committed(let committed) = try committer.commit(revision) else { return Self.unchanged(plan) }
            var result = TurnResult(.committed)
            (result.commit, result.subject, result.summary, result.changes) = (committed.commit.description, plan.subject, plan.summary, changes)
            result.message = "Committed \(committed.commit.short) \"\(committed.subject)\" (\(committed.report.revisionSummary))"
            // The warnings this change brought in, said (it said "Found 1 warning" and not which).
            for warning in committed.newWarnings.prefix(5) {
                let place = warning.location.map { " (\($0.file):\($0.line))" } ?? ""
                result.message! += "\nNew warning: \(warning.summary)\(place)"
            }
            if committed.newWarnings.count > 5 { result.message! += "\n… and \(committed.newWarnings.count - 5) more new warnings (`dabrepo validate --all-targets` lists them)" }
            return result
        } catch {
            return Self.refusal(error, events: events)
        }
    }

    /// Whether words after a question read as its answer ("the nightly etl one", "prod", "both"), not as a
    /// new request ("set the timeout to 2 hours"): a few words that do not start with a verb of a change.
    static func readsAsAnAnswer(_ said: String) -> Bool {
        let words = said.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" }).map(String.init)
        let verbs: Set<String> = ["set", "add", "make", "remove", "delete", "drop", "run", "schedule", "give", "use", "enable", "disable", "turn",
                                  "change", "rename", "pause", "unpause", "resume", "retry", "tag", "grant", "email", "notify", "create", "move",
                                  "switch", "upgrade", "install", "increase", "decrease", "raise", "lower", "let", "allow", "put", "pass", "send"]
        return words.count <= 8 && !(words.first.map(verbs.contains) ?? false)
    }

    /// How many earlier requests of the conversation a revision's transcript repeats (before its own).
    static let transcriptContext = 3

    /// Whether a subject names the target ("… in prod", "target prod", "for prod", "prod's …").
    static func names(_ target: String, in subject: String) -> Bool {
        let escaped = NSRegularExpression.escapedPattern(for: target)
        return subject.range(of: "(^|[^A-Za-z0-9_-])\(escaped)($|[^A-Za-z0-9_-])", options: [.regularExpression, .caseInsensitive]) != nil
    }

    /// "email me when it fails": "me" is the author of the revision (`--author`, GIT_AUTHOR_EMAIL or
    /// git's user.email), written as the address the planner reads. Unchanged when no address is known.
    static func naming(me text: String, root: URL, author: String?) -> String {
        let pattern = #"\b(email|e-mail|notify|alert|mail|send|ping|message|warn) me\b|\blet me know\b"#
        // "notify me at dan@example.com": the address given is me.
        guard !text.contains("@"), let regex = try? NSRegularExpression(pattern: pattern, options: .caseInsensitive),
              regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil,
              let repository = try? GitRepository.open(containing: root.path),
              let email = (try? CommitIdentity.resolve(authorOverride: author, repository: repository))?.author.email, email.contains("@") else { return text }
        var out = ""
        var last = text.startIndex
        for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let range = Range(match.range, in: text) else { continue }
            out += text[last..<range.lowerBound]
            let verb = Range(match.range(at: 1), in: text).map { String(text[$0]) } ?? "email"
            out += "\(verb) \(email)"
            last = range.upperBound
        }
        return out + text[last...]
    }

    /// A revision the committer refused: its new errors (as findings, each located), or the failure.
    static func refusal(_ error: RepositoryError, events: @Sendable (TurnEvent) -> Void) -> TurnResult {
        if case .validationFailed(let diagnostics) = error {
            let errors = diagnostics.filter { $0.severity == .error }
            events(.findings(errors))
            // Where each error is, for scripts and tools as much as for people.
            let located = errors.map(\.locatedLine)
            var result = TurnResult(.invalid)
            result.rules = errors.map(\.rule)
            result.errors = errors.map { d in
                TurnResult.Finding(rule: d.rule, summary: d.summary, path: d.path, file: d.location?.file, line: d.location?.line, column: d.location?.column)
            }
            result.message = ([error.description] + located).joined(separator: "\n")
            return result
        }
        var result = Self.failure(EngineError(error))
        if case .changedMeanwhile = error { result.plannedOnStaleFiles = true }
        return result
    }

    /// The plan's edits leave every file as it is: say so, commit nothing.
    /// What a change for one target gives that target; the whole bundle's changes when that shows
    /// nothing (a variable no resource uses) or the target is new (everything would look added).
    static func previewComparison(_ current: BundleSnapshot, _ planned: BundleSnapshot, target: String?) -> BundleDiffResult {
        guard let target else { return BundleComparison.compare(current, planned) }
        let whole = BundleComparison.compare(current, planned)
        let added = whole.groups.contains { group in
            if case .target(let t) = group.subject { return t == target && group.status == .added }
            return false
        }
        if added { return whole }
        let forTarget = BundleComparison.compare(current, planned, target: target)
        return forTarget.groups.isEmpty && forTarget.files.isEmpty ? whole : forTarget
    }

    static func unchanged(_ plan: Plan) -> TurnResult {
        var result = TurnResult(.unchanged)
        (result.message, result.subject) = (plan.alreadyDone, plan.subject)
        return result
    }
}

/// The previews a turn showed and the ones its front end confirmed, so that a plan made again after a
/// concurrent revision shows (and asks about) only what is new.
final class PreviewMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var shown: Set<[String]> = []
    private var accepted: Set<[String]> = []

    /// The preview in the words a front end shows: subject, summary, target and changes.
    static func identity(_ preview: TurnPreview) -> [String] {
        [preview.subject, preview.summary, preview.target ?? ""] + preview.changes
    }

    /// True the first time this preview comes, false when it was shown already.
    func isNew(_ preview: TurnPreview) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return shown.insert(Self.identity(preview)).inserted
    }

    func wasConfirmed(_ preview: TurnPreview) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return accepted.contains(Self.identity(preview))
    }

    /// Records the front end's answer and returns it.
    func confirmed(_ preview: TurnPreview, _ answer: Bool) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if answer { accepted.insert(Self.identity(preview)) }
        return answer
    }
}

/// Tokens reported by the agent's model calls, summed.
final class UsageCounter: @unchecked Sendable {
    let price: TokenPrice?
    private let lock = NSLock()
    private var input = 0
    private var output = 0
    private var reported = false

    init(price: TokenPrice?) { self.price = price }

    func add(_ i: Int, _ o: Int) {
        lock.lock()
        // (A server that reports no usage gives 0 and 0: unknown, not "0 input and 0 output tokens" in the trailer.)
        (input, output, reported) = (input + i, output + o, reported || i > 0 || o > 0)
        lock.unlock()
    }

    var total: TurnResult.Usage? {
        lock.lock()
        defer { lock.unlock() }
        return reported ? TurnResult.Usage(inputTokens: input, outputTokens: output, costUSD: price?.cost(inputTokens: input, outputTokens: output)) : nil
    }
}

/// Reads files and remembers what it read.
final class FileReads {
    let source: any BundleFileSource
    private(set) var seen: [String: Data?] = [:]

    init(_ source: any BundleFileSource) { self.source = source }

    func callAsFunction(_ file: String) throws -> Data? {
        if let known = seen[file] { return known }
        let data = try source.read(file)
        seen[file] = data
        return data
    }
}
