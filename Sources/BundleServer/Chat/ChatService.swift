import BundleAgent
import BundleEngine
import BundleModel
import BundleRepository
import DabrepoTools
import Foundation

/// `POST /api/chat`: one turn of a conversation, its events as a stream. Change requests go to the
/// engine's `ConversationTurn` with the server's agent; generate requests to the tool registry's
/// generate tools. Either way the repository changes only by a validated revision, and a stopped turn
/// changes nothing.
final class ChatService: Sendable {
    let root: URL
    let agent: any PlanningAgent
    let tools: ToolRunner
    let archive: ConversationArchive
    let turns = RunningTurns()
    let questions = PendingQuestions()

    init(root: URL, agent: any PlanningAgent, tools: ToolRunner) {
        self.root = root
        self.agent = agent
        self.tools = tools
        archive = ConversationArchive(bundleRoot: root)
    }

    /// A started turn: its events as they come (the stream ends after `done`).
    struct Started: Sendable {
        var turnID: String
        var stream: AsyncStream<String>
        var sink: EventSink
    }

    /// Checks the request and starts its turn.
    func start(_ body: [String: Any], author: String?) throws(APIError) -> Started {
        let checked = try ChatRequest(body)
        let message = checked.message
        var session = RefineSession()
        if let id = checked.conversationID {
            // An id not saved yet (its first turn was stopped before it answered) starts the conversation.
            session = archive.session(id) ?? RefineSession(id: id)
            if let known = checked.knownTurns, session.turns.count > known {
                let unseen = session.turns.count - known
                throw APIError(.conflict, kind: "stale_conversation",
                               "conversation \(id) has \(unseen) turn\(unseen == 1 ? "" : "s") this page has not shown (taken in another tab or window); nothing was sent: reload the conversation to see \(unseen == 1 ? "it" : "them"), then send the request again")
            }
        }
        let agent = try chooseAgent(checked.agent)
        let turnID = String(AccessToken.generate().value.prefix(16))
        guard turns.reserve(turn: turnID, conversation: session.id) else {
            throw APIError(.conflict, kind: "conflict", "a turn of conversation \(session.id) is running; stop it (POST /api/chat/{turn_id}/stop) or wait for its done event")
        }
        let (stream, continuation) = AsyncStream<String>.makeStream()
        let sink = EventSink(continuation)
        let task = Task(executorPreference: BlockingExecutor.shared) { [self] in
            sink.emit("turn", ["conversation_id": session.id, "turn_id": turnID])
            if let generate = GenerateRequest(message) {
                await runGenerate(generate, message: message, session: session, author: author, turnID: turnID, sink: sink)
            } else {
                await runTurn(message, session: session, agent: agent, author: author, turnID: turnID, sink: sink)
            }
            turns.finish(turnID)
            sink.finish()
        }
        turns.attach(turn: turnID, task: task)
        return Started(turnID: turnID, stream: stream, sink: sink)
    }

    /// `agent`: absent (the server's), or `offline` for the offline planner alone.
    func chooseAgent(_ name: String?) throws(APIError) -> any PlanningAgent {
        guard let name else { return agent }
        switch name {
        case "offline", "offline-planner": return OfflinePlanner()
        case agent.name, "auto", "default": return agent
        default: throw APIError.usage("agent \(name) is not one this server runs: leave it out for \(agent.name), or send \"offline\"")
        }
    }

    func runTurn(_ message: String, session: RefineSession, agent: any PlanningAgent, author: String?, turnID: String, sink: EventSink) async {
        var session = session
        let (text, target, resource) = questions.request(for: message, in: session.id)
        let request = ConversationTurn.Request(root: root, text: text, target: target, resource: resource, author: author)
        // What the repository layer says on the way ("waiting for another git command…", "a revision was interrupted
        // …: put back") reaches the page as progress, not only the server's standard error.
        let notices = WaitingNotice.Listener { message in sink.emit("progress", ["message": message]) }
        let turn = ConversationTurn(agent: agent)
        let store = archive.store
        let result = await WaitingNotice.$listener.withValue(notices) {
            await turn.run(request, session: &session, store: store, events: { event in
                if let (name, data) = TurnEventPayload.event(event) { sink.emit(name, data) }
            }, confirm: { _ in
                // Stopped before the commit: nothing is written.
                !Task.isCancelled
            })
        }
        questions.set(result.status == .question
                      ? PendingQuestions.Question(request: text, target: target, resource: resource, choices: result.options ?? []) : nil,
                      for: session.id)
        let stopped = turns.wasStopped(turnID) && ![.committed, .undone].contains(result.status)
        if stopped {
            sink.emit("text", ["text": "Stopped: nothing was changed."])
        } else {
            for (name, data) in TurnEventPayload.outcome(result, revision: revisionEvent) { sink.emit(name, data) }
        }
        var done: [String: Any] = ["status": stopped ? "cancelled" : result.status.rawValue, "conversation_id": session.id, "turns": session.turns.count]
        if let usage = result.usage { done["usage"] = ["input_tokens": usage.inputTokens, "output_tokens": usage.outputTokens] }
        if let message = result.message, !stopped { done["message"] = message }
        if let agent = result.agent { done["agent"] = agent }
        sink.emit("done", done)
    }

    func runGenerate(_ generate: GenerateRequest, message: String, session: RefineSession, author: String?, turnID: String, sink: EventSink) async {
        let callID = "generate_\(turnID)"
        let arguments = generate.toolArguments(author: author)
        sink.emit("progress", ["message": "Running \(generate.tool)"])
        sink.emit("tool_call", ["id": callID, "name": generate.tool, "arguments": arguments])
        let outcome = await tools.call(generate.tool, arguments: arguments, progress: { step in
            var data: [String: Any] = ["message": step.message, "progress": step.progress]
            if let total = step.total { data["total"] = total }
            sink.emit("progress", data)
        })
        sink.emit("tool_result", ["id": callID, "name": generate.tool, "result": outcome.text, "is_error": outcome.isError])
        var done: [String: Any] = ["conversation_id": session.id]
        if outcome.isError {
            sink.emit("error", ["kind": Self.kind(of: outcome.text), "message": outcome.text])
            done["status"] = "error"
            done["message"] = outcome.text
            sink.emit("done", done)
            return
        }
        let object = outcome.structuredJSON.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
        var session = session
        if let commit = object["commit"] as? String {
            let subject = object["subject"] as? String ?? "Generated"
            session.turns.append(.init(request: message, reply: "\(subject) (\(String(commit.prefix(7))))", intent: generate.tool, commit: commit))
            try? archive.store.save(session)
            if let revision = revisionEvent(commit) { sink.emit("revision", revision) }
            done["status"] = "committed"
        } else {
            let said = object["message"] as? String ?? "Nothing to change: no revision was committed."
            session.turns.append(.init(request: message, reply: said))
            try? archive.store.save(session)
            sink.emit("text", ["text": said])
            done["status"] = "unchanged"
            done["message"] = said
        }
        done["turns"] = session.turns.count
        sink.emit("done", done)
    }

    /// A tool's failure in the engine's kinds, from its message (credentials, not found, transport).
    static func kind(of message: String) -> String {
        let lower = message.lowercased()
        if lower.contains("credential") || lower.contains("401") || lower.contains("403") || lower.contains("token") { return "unauthenticated" }
        if lower.contains("not found") || lower.contains("does not exist") || lower.contains("404") { return "not-found" }
        if lower.contains("timed out") || lower.contains("could not connect") || lower.contains("connection") { return "transport" }
        return "refused"
    }

    /// The `revision` event of a commit: its subject, semantic diff and ZIP address.
    func revisionEvent(_ commit: String) -> [String: Any]? {
        let routes = RevisionRoutes(root: root)
        guard let detail = try? routes.detail(commit, target: nil) else { return nil }
        return ["revision": commit, "short": String(commit.prefix(7)), "subject": detail["subject"] ?? "", "diff": detail["diff"] ?? NSNull(),
                "zip_url": RevisionRoutes.zipURL(commit)]
    }
}
