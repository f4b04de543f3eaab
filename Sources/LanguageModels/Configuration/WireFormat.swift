/// The two wire formats.
public enum WireFormat: String, Sendable {
    case anthropicMessages = "anthropic-messages"
    case openAIChatCompletions = "openai-chat-completions"
}
