import BundleEngine
import BundleModel
import Foundation

/// Outcomes of in-process tools: the engine's Codable results and errors as JSON, the same shapes
/// the command line prints with `--output json`.
extension ToolOutcome {
    /// `value` as JSON (`EngineJSON`): indented in the text, compact in the structured content.
    public init<T: Encodable>(result value: T, isError: Bool = false) {
        self.init(isError: isError, text: EngineJSON.text(value), structuredJSON: EngineJSON.data(value))
    }

    /// A failure: its message as the text, `{"kind": …, "message": …}` as the structured content.
    public init(error: EngineError) {
        self.init(isError: true, text: error.message, structuredJSON: EngineJSON.data(error))
    }
}
