import Foundation

/// Builds the complete answer from stream events: text pieces joined, each tool call's arguments
/// joined by index, the last usage, the stop reason.
public struct ChatResponseAssembler: Sendable {
    private var text = ""
    private var calls: [Int: (id: String, name: String, arguments: String)] = [:]
    private var usage = TokenUsage()
    private var stopReason: StopReason?

    public init() {}

    public mutating func add(_ event: ChatStreamEvent) {
        switch event {
        case .textDelta(let piece):
            text += piece
        case .toolCallStart(let index, let id, let name):
            calls[index] = (id, name, calls[index]?.arguments ?? "")
        case .toolCallArgumentsDelta(let index, let fragment):
            calls[index, default: ("", "", "")].arguments += fragment
        case .usage(let current):
            usage = current
        case .stop(let reason):
            stopReason = reason
        case .retrying:
            // A retry happens before anything of the answer arrived: nothing to undo.
            break
        }
    }

    /// Whether the stream said it was complete.
    public var isComplete: Bool { stopReason != nil }

    public var response: ChatResponse {
        let toolCalls = calls.sorted { $0.key < $1.key }.map { _, call in
            ChatToolCall(id: call.id, name: call.name,
                         arguments: call.arguments.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "{}" : call.arguments)
        }
        return ChatResponse(text: text, toolCalls: toolCalls, usage: usage, stopReason: stopReason ?? (toolCalls.isEmpty ? .endTurn : .toolUse))
    }
}
