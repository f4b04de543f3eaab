import BundleModel
import Foundation

/// Every dabrepo tool, by name: the one list that `dabrepo tools` and `dabrepo mcp` serve.
public enum ToolRegistry {
    public static let all: [ToolDefinition] = workspaceTools + bundleTools + editingTools + repositoryTools

    public static func tool(named name: String) -> ToolDefinition? {
        all.first { $0.name == name }
    }

    /// "no tool X (did you mean Y?)".
    public static func unknown(_ name: String) -> ToolCallError {
        let hint = Suggestion.closest(to: name, among: all.map(\.name)).map { " (did you mean \($0)?)" } ?? ""
        return ToolCallError("no tool named \(name)\(hint); tools/list (or `dabrepo tools list`) names them all")
    }
}

/// JSON text for Foundation values (Linux's JSONSerialization takes them; Bool stays a boolean).
enum JSONSerializationBridge {
    static func data(_ object: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }
}
