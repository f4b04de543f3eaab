import Foundation

/// What a model's tokens cost, in US dollars per million tokens, as the user configured it
/// (`DABREPO_PRICE_INPUT` / `DABREPO_PRICE_OUTPUT`, or `git config dabrepo.price.<model>.input` /
/// `.output`). dabrepo knows no prices of its own: they change, and serving platforms charge their own.
public struct TokenPrice: Sendable, Equatable {
    /// Dollars per million input tokens (cached input included: a cache is not priced apart).
    public var input: Double
    /// Dollars per million output tokens.
    public var output: Double
    /// Where the price came from, for `dabrepo agent status`.
    public var source: String

    public init(input: Double, output: Double, source: String) {
        self.input = input
        self.output = output
        self.source = source
    }

    /// The cost of the tokens, in dollars.
    public func cost(inputTokens: Int, outputTokens: Int) -> Double {
        (Double(inputTokens) * input + Double(outputTokens) * output) / 1_000_000
    }

    /// "$0.0093": four decimals, as a turn costs fractions of a cent.
    public static func dollars(_ amount: Double) -> String {
        String(format: "$%.4f", amount)
    }
}

extension PlanningAgent {
    /// The price of the agent's model tokens, when configured; nil for the offline planner.
    public var price: TokenPrice? { nil }
}
