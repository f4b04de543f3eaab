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
        var cutOff = 0
        let offered = Set(tools.map(\.name))
        func outcome(_ text: String, stopReason: StopReason, reachedRoundLimit: Bool) -> ConversationOutcome {
            var o = ConversationOutcome(text: text, exchanges: exchanges, usage: usage, messages: messages, rounds: round,
                                        stopReason: stopReason, reachedRoundLimit: reachedRoundLimit)
            o.cutOffRounds = cutOff
            return o
        }
        while true {
            round += 1
            let response = try await model.respond(ChatRequest(system: system, messages: messages, tools: tools, maxTokens: maxTokens)) {
                onEvent(.model($0))
            }
            usage += response.usage
            onEvent(.roundFinished(round: round, usage: response.usage))
            messages.append(response.message)
            if response.stopReason == .maxTokens { cutOff += 1 }
            guard !response.toolCalls.isEmpty else {
                return outcome(response.text, stopReason: response.stopReason, reachedRoundLimit: false)
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
                    // (Cut off by the length limit in the middle of the arguments: said so, and how to fit.)
                    output = ChatToolOutput(content: response.stopReason == .maxTokens
                        ? "Your answer was cut off at its length limit (max_tokens) in the middle of the arguments of \(call.name); nothing was run. Make the change in smaller steps: fewer or shorter edits per call."
                        : "The arguments of \(call.name) are not a JSON object: \(call.arguments.prefix(200))", isError: true)
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
                return outcome(response.text, stopReason: .endTurn, reachedRoundLimit: false)
            }
            if lastRound {
                return outcome(response.text, stopReason: response.stopReason, reachedRoundLimit: true)
            }
        }
    }

    static func isJSONObject(_ text: String) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) is [String: Any]
    }
}
