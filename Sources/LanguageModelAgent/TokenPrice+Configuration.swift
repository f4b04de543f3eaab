import BundleAgent
import Foundation
import LanguageModels

extension TokenPrice {
    /// The price of `model`'s tokens as configured, in US dollars per million tokens:
    /// `DABREPO_PRICE_INPUT` and `DABREPO_PRICE_OUTPUT` (for whichever model runs), else
    /// `git config dabrepo.price.<model>.input` and `.output` (the repository's, then the global
    /// configuration). Nil when neither sets both; a value that is not a number is an error naming it.
    public static func configured(model: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                                  gitConfig: (String) -> String?) throws(LanguageModelError) -> TokenPrice? {
        func number(_ text: String?, _ source: String) throws(LanguageModelError) -> Double? {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let value = Double(text.hasPrefix("$") ? String(text.dropFirst()) : text), value >= 0, value.isFinite else {
                throw .notConfigured("\(source) is \"\(text)\", not a price: give US dollars per million tokens, such as 3 or 0.25")
            }
            return value
        }
        let input = try number(environment["DABREPO_PRICE_INPUT"], "DABREPO_PRICE_INPUT")
        let output = try number(environment["DABREPO_PRICE_OUTPUT"], "DABREPO_PRICE_OUTPUT")
        if input != nil || output != nil {
            guard let input, let output else {
                throw .notConfigured("set both DABREPO_PRICE_INPUT and DABREPO_PRICE_OUTPUT (US dollars per million tokens), or neither")
            }
            return TokenPrice(input: input, output: output, source: "DABREPO_PRICE_INPUT, DABREPO_PRICE_OUTPUT")
        }
        let inputKey = "dabrepo.price.\(model).input", outputKey = "dabrepo.price.\(model).output"
        let configuredInput = try number(gitConfig(inputKey), "git config \(inputKey)")
        let configuredOutput = try number(gitConfig(outputKey), "git config \(outputKey)")
        guard configuredInput != nil || configuredOutput != nil else { return nil }
        guard let configuredInput, let configuredOutput else {
            throw .notConfigured("set both git config \(inputKey) and \(outputKey) (US dollars per million tokens), or neither")
        }
        return TokenPrice(input: configuredInput, output: configuredOutput, source: "git config dabrepo.price.\(model)")
    }

    /// "$3 input, $15 output per million tokens (DABREPO_PRICE_INPUT, DABREPO_PRICE_OUTPUT)".
    public var description: String {
        "$\(Self.plain(input)) input, $\(Self.plain(output)) output per million tokens (\(source))"
    }

    static func plain(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
