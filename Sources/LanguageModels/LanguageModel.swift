/// A language model behind one small interface (../shared/STYLE.md §7): send messages and tool
/// definitions, receive a stream of text and tool-call deltas plus usage. One type per wire format
/// (`AnthropicMessagesModel`, `OpenAIChatModel`); the endpoint and its authentication (Anthropic,
/// Databricks model serving with the user's Databricks login, an OpenAI-compatible server) are
/// configuration (`ModelEndpoint`), not more types. Retries, time-outs, cancellation and redaction
/// live once, below them (`ModelHTTPClient`).
public protocol LanguageModel: Sendable {
    /// `anthropic`, `databricks` or `openai`.
    var provider: String { get }
    /// The model (or serving endpoint) name.
    var model: String { get }

    /// Sends one request. The stream yields the answer as it arrives (`.retrying` before an attempt
    /// that follows a failed one) and ends after `.stop`, or throws a `LanguageModelError` (or
    /// `CancellationError` when the task is cancelled, which also aborts the transfer).
    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatStreamEvent, Error>
}

extension LanguageModel {
    /// Sends one request and returns the complete answer; `onEvent` sees each event as it arrives.
    public func respond(_ request: ChatRequest, onEvent: @Sendable (ChatStreamEvent) -> Void = { _ in }) async throws -> ChatResponse {
        var assembler = ChatResponseAssembler()
        for try await event in stream(request) {
            // (What arrived faster than it was shown waits in the stream: a cancelled task reads no
            // more of it. Ctrl-C and SIGTERM waited a minute while a long reply was worked through.)
            try Task.checkCancellation()
            onEvent(event)
            assembler.add(event)
        }
        // A cancelled task ends the stream early without an error: say so.
        try Task.checkCancellation()
        return assembler.response
    }
}
