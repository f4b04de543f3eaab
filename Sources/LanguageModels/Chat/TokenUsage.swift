/// Tokens one or more model calls used. `inputTokens` counts the input read without a cache;
/// cached input is counted apart, as providers price it apart.
public struct TokenUsage: Sendable, Equatable, Codable {
    public var inputTokens: Int
    public var outputTokens: Int
    /// Input read from the provider's prompt cache.
    public var cacheReadTokens: Int
    /// Input written to the provider's prompt cache.
    public var cacheWriteTokens: Int

    public init(inputTokens: Int = 0, outputTokens: Int = 0, cacheReadTokens: Int = 0, cacheWriteTokens: Int = 0) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cacheReadTokens = cacheReadTokens
        self.cacheWriteTokens = cacheWriteTokens
    }

    /// All input, cached or not.
    public var totalInputTokens: Int { inputTokens + cacheReadTokens + cacheWriteTokens }

    public static func + (a: TokenUsage, b: TokenUsage) -> TokenUsage {
        TokenUsage(inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens,
                   cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens, cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens)
    }

    public static func += (a: inout TokenUsage, b: TokenUsage) { a = a + b }
}
