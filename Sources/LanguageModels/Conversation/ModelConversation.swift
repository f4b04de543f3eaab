import Foundation

/// The tool-calling loop, whatever the provider: sends the system prompt, the history and the tools;
/// streams what the model says to `onEvent`; runs each tool call (in order) through the caller's
/// handler and sends the results back; and goes on until the model answers without calling a tool, or
/// `maxRounds` model calls were made.
///
/// The handler returns what the model should read (`isError` for a refusal it can react to) and throws
/// to end the turn. Calls of a tool that was not offered, or with arguments that are not a JSON
/// object, are answered with an error without reaching the handler. A cancelled task ends the turn
/// with `CancellationError` (the transfer in flight is aborted).
public struct ModelConversation: Sendable {
    public var model: any LanguageModel
    public var system: String
    public var tools: [ChatTool]
    public var maxRounds: Int
    public var maxTokens: Int

    public init(model: any LanguageModel, system: String, tools: [ChatTool], maxRounds: Int = 12, maxTokens: Int = 8192) {
        self.model = model
        self.system = system
        self.tools = tools
        self.maxRounds = maxRounds
        self.maxTokens = maxTokens
    }

    /// Runs one turn from `history` (which ends with the user's new message).
    public func run(_ history: [ChatMessage], onEvent: @escaping @Sendable (ConversationEvent) -> Void = { _ in },
                    handleTool: @escaping @Sendable (ChatToolCall) async throws -> ChatToolOutput) async throws -> ConversationOutcome {
        var messages = history
        var exchanges: [ToolExchange] = []
        var usage = TokenUsage()
        var round = 0
        let offered = Set(tools.map(\.name))
        while true {
            round += 1
            let response = try await model.respond(ChatRequest(system: system, messages: messages, tools: tools, maxTokens: maxTokens)) {
                onEvent(.model($0))
            }
            usage += response.usage
            onEvent(.roundFinished(round: round, usage: response.usage))
            messages.append(response.message)
            guard !response.toolCalls.isEmpty else {
                return ConversationOutcome(text: response.text, exchanges: exchanges, usage: usage, messages: messages, rounds: round,
                                           stopReason: response.stopReason, reachedRoundLimit: false)
            }
            let lastRound = round >= maxRounds
            var results: [ChatToolResult] = []
            var ended = false
            for call in response.toolCalls {
                try Task.checkCancellation()
                onEvent(.toolCall(call))
                let output: ChatToolOutput
                if ended {
                    output = ChatToolOutput(content: "Not run: the turn ended with the question to the user.", isError: true)
                } else if lastRound {
                    output = ChatToolOutput(content: "Not run: this turn reached its limit of \(maxRounds) model calls.", isError: true)
                } else if !offered.contains(call.name) {
                    output = ChatToolOutput(content: "There is no tool \(call.name); the tools are: \(tools.map(\.name).joined(separator: ", ")).", isError: true)
                } else if !Self.isJSONObject(call.arguments) {
                    output = ChatToolOutput(content: "The arguments of \(call.name) are not a JSON object: \(call.arguments.prefix(200))", isError: true)
                } else {
                    output = try await handleTool(call)
                    ended = output.endsTurn
                }
                let result = ChatToolResult(callID: call.id, content: output.content, isError: output.isError)
                onEvent(.toolResult(call, result))
                results.append(result)
                exchanges.append(ToolExchange(call: call, result: result))
            }
            // The results always follow the calls, so that the history stays valid for a follow-up.
            messages.append(.toolResults(results))
            if ended {
                return ConversationOutcome(text: response.text, exchanges: exchanges, usage: usage, messages: messages, rounds: round,
                                           stopReason: .endTurn, reachedRoundLimit: false)
            }
            if lastRound {
                return ConversationOutcome(text: response.text, exchanges: exchanges, usage: usage, messages: messages, rounds: round,
                                           stopReason: response.stopReason, reachedRoundLimit: true)
            }
        }
    }

    static func isJSONObject(_ text: String) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) is [String: Any]
    }
}
