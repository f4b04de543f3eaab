import BundleAgent
import BundleModel
import Foundation

/// How a conversation turn ended, as every front end reports it: `refine --output json` prints it, the
/// MCP tool returns it, the web page shows it. Fields that do not apply to a status are absent.
public struct TurnResult: Sendable, Encodable {
    public enum Status: String, Sendable, Encodable {
        case committed, unchanged, question, refused, invalid, undone, declined, error
        case dryRun = "dry-run"
        case notUnderstood = "not-understood"
    }

    /// One way to answer a question, typed so that each front end offers it in its own way (the CLI as
    /// `--resource jobs.x`, the web page as a button).
    public struct Choice: Sendable, Encodable, Equatable {
        /// `example`: a request with a made-up value to replace (`6f1c3a52-0000-4000-8000-000000000001`,
        /// `ana@example.com`, `VALUE`): offered to edit, never to send as it is (a click committed the made-up id).
        public enum Kind: String, Sendable, Encodable { case resource, target, request, example }
        public var kind: Kind
        /// `jobs.sales_sync`, `prod`, or a request that says it fully.
        public var value: String

        /// From the planner's wording: `--resource jobs.x`, `--target prod`, or a request.
        public init(planner text: String) {
            if text.hasPrefix("--resource ") { (kind, value) = (.resource, String(text.dropFirst(11))) }
            else if text.hasPrefix("--target ") { (kind, value) = (.target, String(text.dropFirst(9))) }
            else { (kind, value) = (Self.holdsExample(text) ? .example : .request, text) }
        }

        /// Whether a request holds a made-up value the planner's questions show as an example.
        static func holdsExample(_ text: String) -> Bool {
            ["@example.com", "VALUE", "-0000-4000-8000-", "-000000000001", "<", "…", "${var.", "team=data", "'Nightly ETL'", "group data-engineers"].contains { text.contains($0) }
        }

        /// How a person reads it (a button of the page): "job sales_sync", "target prod", the request.
        public var label: String {
            switch kind {
            case .resource:
                let parts = value.split(separator: ".", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { return value }
                let kind = parts[0].hasSuffix("s") ? String(parts[0].dropLast()).replacingOccurrences(of: "_", with: " ") : parts[0]
                return "\(kind) \(parts[1])"
            case .target: return "target \(value)"
            case .request, .example: return value
            }
        }

        /// How the command line answers it.
        public var commandLine: String {
            switch kind {
            case .resource: return "--resource \(value)"
            case .target: return "--target \(value)"
            case .request, .example: return value
            }
        }
    }

    /// A validation error that stopped the change.
    public struct Finding: Sendable, Encodable {
        public var rule: String
        public var summary: String
        public var path: String?
        public var file: String?
        public var line: Int?
        public var column: Int?
    }

    public var status: Status
    public var commit: String?
    public var subject: String?
    public var summary: String?
    public var message: String?
    public var changes: [String]?
    public var question: String?
    /// The choices as the command line writes them (`--resource jobs.x`); `options` has them typed.
    public var choices: [String]?
    public var options: [Choice]?
    public var examples: [String]?
    public var rules: [String]?
    public var errors: [Finding]?
    /// For `error`: what kind of failure (EngineError.Kind).
    public var kind: EngineError.Kind?
    /// The agent that planned it (`offline-planner`, `anthropic/claude-…`).
    public var agent: String?
    /// Tokens the agent's model calls used (absent for the offline planner).
    public var usage: Usage?
    /// What happened to the repository before the turn (a killed revision put back first), for a reader who sees no
    /// standard error (`--output json`, MCP); absent when nothing did.
    public var notices: [String]?

    public struct Usage: Sendable, Encodable, Equatable {
        public var inputTokens: Int
        public var outputTokens: Int
        /// What the tokens cost in US dollars, when the model's price is configured (TokenPrice).
        public var costUSD: Double?

        public init(inputTokens: Int, outputTokens: Int, costUSD: Double? = nil) {
            self.inputTokens = inputTokens
            self.outputTokens = outputTokens
            self.costUSD = costUSD
        }

        /// "1200 input and 80 output tokens, $0.0048".
        public var description: String {
            "\(inputTokens) input and \(outputTokens) output tokens" + (costUSD.map { ", " + TokenPrice.dollars($0) } ?? "")
        }

        enum CodingKeys: String, CodingKey { case inputTokens = "input_tokens", outputTokens = "output_tokens", costUSD = "cost_usd" }
    }

    /// The files it was planned on changed before it could commit (another revision landed while it
    /// waited): planning again on the new state may succeed. Not part of the document.
    var plannedOnStaleFiles = false

    /// The message is the agent's own words, streamed as it spoke them (a model that ends with text
    /// and no change): front ends that showed them do not show them again. Not part of the document.
    public var messageWasSaid = false

    public init(_ status: Status) { self.status = status }

    /// The CLI's exit status: 0 done (committed, unchanged, dry run, undone, declined), 1 refused or
    /// invalid, 2 unusable, 3 a question, 4 not understood.
    public var exitStatus: Int32 {
        switch status {
        case .committed, .unchanged, .dryRun, .undone, .declined: return 0
        case .refused, .invalid: return 1
        case .question: return 3
        case .notUnderstood: return 4
        case .error: return kind.map { EngineError($0, "").exitStatus } ?? 2
        }
    }

    /// Pretty, sorted JSON as every front end prints it.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    enum CodingKeys: String, CodingKey {
        case status, commit, subject, summary, message, changes, question, choices, options, examples, rules, errors, kind, agent, usage, notices
    }
}
