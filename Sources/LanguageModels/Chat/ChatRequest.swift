/// One call of a model: the system prompt, the conversation so far, the tools it may call and the most
/// tokens it may answer with. No sampling parameters: the providers' defaults serve tool use best, and
/// several current models reject them.
public struct ChatRequest: Sendable, Equatable {
    public var system: String
    public var messages: [ChatMessage]
    public var tools: [ChatTool]
    public var maxTokens: Int

    public init(system: String, messages: [ChatMessage], tools: [ChatTool] = [], maxTokens: Int = 8192) {
        self.system = system
        self.messages = messages
        self.tools = tools
        self.maxTokens = maxTokens
    }
}
